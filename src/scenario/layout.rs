//! The validated layout of a micro-fidelity scenario: geometry in metres,
//! names resolved to indices, walls collected into segments.

use crate::motion::geometry::{Path, Segment, Vec2};

/// Index of a lane in [`Layout::lanes`].
pub type LaneId = usize;
/// Index of a portal in [`Layout::portals`].
pub type PortalId = usize;

/// The physical port.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Walkable floor polygons.
    pub walkable: Vec<Vec<Vec2>>,
    /// Polygons nobody enters.
    pub obstacles: Vec<Vec<Vec2>>,
    /// Every wall piece: floor outlines, obstacle outlines, walls and queue barriers.
    pub walls: Vec<Segment>,
    /// Measurement zones.
    pub zones: Vec<Zone>,
    /// Where each source's agents appear, by source id.
    pub entrances: Vec<Entrance>,
    /// Polygons where pedestrians leave.
    pub exits: Vec<Vec<Vec2>>,
    /// Where each stage is, by stage id.
    pub places: Vec<Place>,
    /// Vehicle lanes.
    pub lanes: Vec<Lane>,
    /// Scanner portals.
    pub portals: Vec<Portal>,
    /// Pedestrian model parameters.
    pub pedestrians: PedestrianModel,
    /// Vehicle model parameters.
    pub vehicles: VehicleModel,
    /// How long nobody may move while travellers wait to before the run ends in gridlock, seconds.
    pub gridlock_after_s: f64,
    /// Cell size of the pedestrians' navigation grid, metres.
    pub navigation_cell_m: f32,
}

/// A named measurement area.
#[derive(Debug, Clone)]
pub struct Zone {
    /// Name.
    pub name: String,
    /// Outline.
    pub polygon: Vec<Vec2>,
    /// Area in m².
    pub area_m2: f32,
}

/// Where a source's agents appear.
#[derive(Debug, Clone)]
pub enum Entrance {
    /// Pedestrians, at random points of a polygon (on a grid when given).
    Area {
        /// Outline.
        polygon: Vec<Vec2>,
        /// Grid spacing in metres.
        grid_m: Option<f32>,
    },
    /// Vehicles, at the start of a lane.
    Lane(LaneId),
}

/// Where a stage is.
#[derive(Debug, Clone)]
pub enum Place {
    /// A decision point without a place: agents pass it where they are.
    Nowhere,
    /// A point pedestrians walk to.
    Waypoint(Vec2),
    /// Pedestrian servers, with an optional queue area.
    Desks {
        /// Server positions by server index (servers beyond the list reuse them in turn).
        service_points: Vec<Vec2>,
        /// Where pedestrians line up.
        queue: Option<Queue>,
    },
    /// Vehicle booths.
    Booths {
        /// Stop line of each booth by server index (reused in turn beyond the list).
        booths: Vec<LanePosition>,
        /// Where vehicles wait to be called.
        hold: LanePosition,
    },
}

impl Place {
    /// The point pedestrians walk to when they come to this stage, if it has one.
    pub fn arrival_point(&self) -> Option<Vec2> {
        match self {
            Place::Nowhere | Place::Booths { .. } => None,
            Place::Waypoint(p) => Some(*p),
            Place::Desks { service_points, queue } => Some(queue.as_ref().map_or(service_points[0], Queue::head)),
        }
    }
}

/// A serpentine queue area.
#[derive(Debug, Clone)]
pub struct Queue {
    /// Centre line from entrance to head.
    pub path: Path,
    /// Width between barriers, metres.
    pub width_m: f32,
}

impl Queue {
    /// The head of the line.
    pub fn head(&self) -> Vec2 {
        *self.path.points.last().expect("a queue path has at least two points")
    }

    /// Floor area of the queue, m².
    pub fn area_m2(&self) -> f32 {
        self.path.length() * self.width_m
    }
}

/// A position on a lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanePosition {
    /// Lane.
    pub lane: LaneId,
    /// Metres from its start.
    pub at_m: f32,
}

/// A vehicle lane.
#[derive(Debug, Clone)]
pub struct Lane {
    /// Name.
    pub name: String,
    /// Centre line in driving direction.
    pub path: Path,
    /// Lanes continuing from its end.
    pub next: Vec<LaneId>,
    /// Speed limit, m/s.
    pub speed_limit_mps: f32,
}

/// A drive-through scanner portal.
#[derive(Debug, Clone)]
pub struct Portal {
    /// Name.
    pub name: String,
    /// Lane and entry position.
    pub at: LanePosition,
    /// Tunnel length, metres.
    pub length_m: f32,
    /// Speed limit inside, m/s.
    pub speed_limit_mps: f32,
}

/// Which pedestrian model moves the crowd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PedestrianModelKind {
    /// The collision-free speed model (Tordeux, Chraibi and Seyfried 2016).
    CollisionFreeSpeed,
    /// The anticipation velocity model (Xu, Chraibi and Seyfried 2021).
    AnticipationVelocity,
    /// The social force model (Helbing, Farkas and Vicsek 2000).
    SocialForce,
}

/// Pedestrian model parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PedestrianModel {
    /// The model.
    pub kind: PedestrianModelKind,
    /// Body radius, m.
    pub radius_m: f32,
    /// Time gap, s.
    pub time_gap_s: f32,
    /// Neighbour repulsion strength.
    pub neighbour_strength: f32,
    /// Neighbour repulsion range, m.
    pub neighbour_range_m: f32,
    /// Wall repulsion strength.
    pub wall_strength: f32,
    /// Wall repulsion range, m.
    pub wall_range_m: f32,
    /// Anticipation velocity model: how far ahead neighbours' positions are predicted, s.
    pub anticipation_time_s: f32,
    /// Anticipation velocity model: how fast walkers turn to a new direction, s.
    pub reaction_time_s: f32,
    /// Social force model: mass, kg.
    pub mass_kg: f32,
    /// Social force model: relaxation time τ towards the desired velocity, s.
    pub relaxation_time_s: f32,
    /// Social force model: body force constant k, kg/s².
    pub body_force: f32,
    /// Social force model: sliding friction constant κ, kg/(m·s).
    pub sliding_friction: f32,
}

/// Intelligent driver model parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VehicleModel {
    /// Length, m.
    pub length_m: f32,
    /// Maximum acceleration, m/s².
    pub accel_mps2: f32,
    /// Comfortable deceleration, m/s².
    pub decel_mps2: f32,
    /// Standstill gap, m.
    pub min_gap_m: f32,
    /// Time headway, s.
    pub headway_s: f32,
}

impl Layout {
    /// True when `p` is on the floor and outside every obstacle.
    pub fn is_walkable(&self, p: Vec2) -> bool {
        use crate::motion::geometry::contains;
        self.walkable.iter().any(|w| contains(w, p)) && !self.obstacles.iter().any(|o| contains(o, p))
    }

    /// Smallest and largest corner of everything on the floor.
    pub fn bounds(&self) -> (Vec2, Vec2) {
        crate::motion::geometry::bounds(self.walkable.iter().flatten())
    }
}
