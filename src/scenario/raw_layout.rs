//! Raw layout types: the `layout` section of a micro-fidelity scenario, as written.
//!
//! Coordinates are metres in a plan view (x to the right, y up). Polygons are
//! lists of points (closing the ring is optional); polylines are lists of at
//! least two points.

use serde::{Deserialize, Serialize};

use super::ordered_map::OrderedMap;

/// A point in metres.
pub type RawPoint = (f64, f64);

/// The physical port: floor, walls, places of the stages, vehicle lanes, portals.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayout {
    /// Walkable floor polygons; their outlines are walls (where they do not touch another floor polygon).
    #[serde(default)]
    pub walkable: Vec<Vec<RawPoint>>,
    /// Polygons inside the floor that nobody enters (desks, pillars); their outlines are walls.
    #[serde(default)]
    pub obstacles: Vec<Vec<RawPoint>>,
    /// Thin walls and barriers as polylines.
    #[serde(default)]
    pub walls: Vec<Vec<RawPoint>>,
    /// Floor, obstacles, walls or zones read from WKT or GeoJSON files.
    #[serde(default)]
    pub import: Vec<RawImport>,
    /// Named measurement areas for density maps.
    #[serde(default)]
    pub zones: OrderedMap<Vec<RawPoint>>,
    /// Where each source's agents appear, by source name.
    #[serde(default)]
    pub entrances: OrderedMap<RawEntrance>,
    /// Polygons where pedestrians leave the port.
    #[serde(default)]
    pub exits: Vec<Vec<RawPoint>>,
    /// Where each stage is, by stage name.
    #[serde(default)]
    pub stages: OrderedMap<RawPlace>,
    /// Vehicle lanes by name.
    #[serde(default)]
    pub lanes: OrderedMap<RawLane>,
    /// Drive-through scanner portals by name.
    #[serde(default)]
    pub portals: OrderedMap<RawPortal>,
    /// Pedestrian model parameters.
    #[serde(default)]
    pub pedestrians: RawPedestrianModel,
    /// Vehicle model parameters.
    #[serde(default)]
    pub vehicles: RawVehicleModel,
    /// The run ends with a gridlock verdict when travellers wait to move and nobody has moved
    /// more than a few centimetres for this long, simulated seconds.
    #[serde(default = "default_gridlock_after")]
    pub gridlock_after_s: f64,
    /// Cell size of the navigation grid pedestrians route on, metres (0.05 to 0.25): finer
    /// cells find a way through passages narrower than about 0.7 m, such as 0.6 m e-gate lanes.
    #[serde(default = "default_navigation_cell")]
    pub navigation_cell_m: f64,
}

fn default_gridlock_after() -> f64 {
    120.0
}

fn default_navigation_cell() -> f64 {
    f64::from(crate::motion::grid::DEFAULT_CELL_M)
}

/// What an imported file contributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawImportKind {
    /// Polygons are floor (their holes are obstacles); lines are walls.
    #[default]
    Walkable,
    /// Polygons are obstacles; lines are walls.
    Obstacles,
    /// Every outline and line is a wall.
    Walls,
    /// Polygons are measurement zones (named by a GeoJSON `name` property, or `<file stem>_<n>`).
    Zones,
}

/// A geometry file to read, relative to the scenario file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawImport {
    /// Path of a `.wkt` or `.geojson`/`.json` file.
    pub file: String,
    /// What its geometries are.
    #[serde(default, rename = "as")]
    pub kind: RawImportKind,
}

/// Where a source's agents appear.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawEntrance {
    /// Pedestrians appear at random points of a polygon.
    Area {
        /// The polygon.
        polygon: Vec<RawPoint>,
        /// Place them on the points of a grid with this spacing (metres) instead of anywhere.
        #[serde(default)]
        grid_m: Option<f64>,
    },
    /// Vehicles appear at the start of a lane.
    Lane(String),
}

/// Where a stage is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlace {
    /// Positions of the servers (desks, e-gates), one per server, in server order.
    #[serde(default)]
    pub service_points: Vec<RawPoint>,
    /// Where pedestrians line up for the servers.
    #[serde(default)]
    pub queue: Option<RawQueue>,
    /// A point pedestrians walk to at a stage without servers.
    #[serde(default)]
    pub waypoint: Option<RawPoint>,
    /// Vehicle booths (stop lines on lanes), one per server.
    #[serde(default)]
    pub booths: Vec<RawLanePosition>,
    /// Where vehicles wait to be called to a booth (default: the first booth).
    #[serde(default)]
    pub hold: Option<RawLanePosition>,
}

/// A queue area.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawQueue {
    /// A serpentine: a path from its entrance to its head, walled on both sides.
    Serpentine {
        /// Centre line, entrance first, head last.
        path: Vec<RawPoint>,
        /// Width between the barriers, metres.
        width_m: f64,
    },
}

/// A position along a lane.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanePosition {
    /// Lane name.
    pub lane: String,
    /// Distance from the lane's start, metres.
    pub at_m: f64,
}

/// A vehicle lane.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLane {
    /// Centre line in driving direction.
    pub points: Vec<RawPoint>,
    /// Lanes that continue from its end (their first point is its last point).
    #[serde(default)]
    pub next: Vec<String>,
    /// Speed limit in km/h.
    #[serde(default = "default_lane_speed")]
    pub speed_limit_kmh: f64,
}

fn default_lane_speed() -> f64 {
    30.0
}

/// A drive-through scanner portal on a lane.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    /// Lane it spans.
    pub lane: String,
    /// Distance of its entry from the lane's start, metres.
    pub at_m: f64,
    /// Length of the tunnel, metres.
    #[serde(default = "default_portal_length")]
    pub length_m: f64,
    /// Speed limit through the tunnel, km/h.
    #[serde(default = "default_portal_speed")]
    pub speed_limit_kmh: f64,
}

fn default_portal_length() -> f64 {
    20.0
}

fn default_portal_speed() -> f64 {
    8.0
}

/// Which pedestrian model moves the crowd.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawPedestrianModelKind {
    /// The collision-free speed model (Tordeux, Chraibi and Seyfried 2016).
    #[default]
    CollisionFreeSpeed,
    /// The anticipation velocity model (Xu, Chraibi and Seyfried 2021).
    AnticipationVelocity,
    /// The social force model (Helbing, Farkas and Vicsek 2000).
    SocialForce,
}

/// Parameters of the pedestrian model: the collision-free speed model (Tordeux, Chraibi and
/// Seyfried 2016), the anticipation velocity model (Xu, Chraibi and Seyfried 2021) or the
/// social force model (Helbing, Farkas and Vicsek 2000). Fields left out take the chosen
/// model's published defaults.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPedestrianModel {
    /// The model.
    #[serde(default)]
    pub model: RawPedestrianModelKind,
    /// Body radius, metres (default 0.2, or 0.3 for the social force model).
    #[serde(default)]
    pub radius_m: Option<f64>,
    /// Time gap T: speed is at most spacing / T (default 1 s, or 1.06 s for the anticipation
    /// velocity model); with the social force model it only paces serpentine lines.
    #[serde(default)]
    pub time_gap_s: Option<f64>,
    /// Strength of the repulsion between neighbours (default 8; the social force model's A,
    /// 2,000 N).
    #[serde(default)]
    pub neighbour_strength: Option<f64>,
    /// Range of the repulsion between neighbours, metres (default 0.1; the social force
    /// model's B, 0.08 m).
    #[serde(default)]
    pub neighbour_range_m: Option<f64>,
    /// Strength of the repulsion from walls (default 5; social force 2,000 N).
    #[serde(default)]
    pub wall_strength: Option<f64>,
    /// Range of the repulsion from walls, metres (default 0.02; social force 0.08 m).
    #[serde(default)]
    pub wall_range_m: Option<f64>,
    /// Anticipation velocity model: how far ahead neighbours' positions are predicted, seconds (default 1).
    #[serde(default)]
    pub anticipation_time_s: Option<f64>,
    /// Anticipation velocity model: how fast walkers turn to a new direction, seconds (default 0.3).
    #[serde(default)]
    pub reaction_time_s: Option<f64>,
    /// Social force model: a pedestrian's mass, kg (default 80).
    #[serde(default)]
    pub mass_kg: Option<f64>,
    /// Social force model: the relaxation time τ in which a pedestrian regains its desired
    /// velocity, seconds (default 0.5).
    #[serde(default)]
    pub relaxation_time_s: Option<f64>,
    /// Social force model: the body force constant k, kg/s² (default 120,000).
    #[serde(default)]
    pub body_force: Option<f64>,
    /// Social force model: the sliding friction constant κ, kg/(m·s) (default 240,000).
    #[serde(default)]
    pub sliding_friction: Option<f64>,
}

/// Parameters of the intelligent driver model (Treiber, Hennecke and Helbing 2000) for trucks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVehicleModel {
    /// Vehicle length, metres.
    #[serde(default = "default_truck_length")]
    pub length_m: f64,
    /// Maximum acceleration, m/s².
    #[serde(default = "default_accel")]
    pub accel_mps2: f64,
    /// Comfortable deceleration, m/s².
    #[serde(default = "default_decel")]
    pub decel_mps2: f64,
    /// Standstill gap, metres.
    #[serde(default = "default_min_gap")]
    pub min_gap_m: f64,
    /// Time headway, seconds.
    #[serde(default = "default_headway")]
    pub headway_s: f64,
}

impl Default for RawVehicleModel {
    fn default() -> Self {
        Self {
            length_m: default_truck_length(),
            accel_mps2: default_accel(),
            decel_mps2: default_decel(),
            min_gap_m: default_min_gap(),
            headway_s: default_headway(),
        }
    }
}

fn default_truck_length() -> f64 {
    16.5
}
fn default_accel() -> f64 {
    0.7
}
fn default_decel() -> f64 {
    2.0
}
fn default_min_gap() -> f64 {
    3.0
}
fn default_headway() -> f64 {
    1.8
}
