//! Checks the `layout` section: geometry, imports, entrances, exits and the places of stages.
//! Lanes and portals are checked in `lanes.rs`, reachability in `reach.rs`.

use std::path::Path as FsPath;

use super::Checker;
use super::points::{point, polygon};
use super::{imports, lanes, pedestrian_model};
use crate::motion::geometry::{Path, Vec2, area};
use crate::motion::{grid, walls};
use crate::scenario::layout::{Entrance, Layout, Place, Queue, VehicleModel, Zone};
use crate::scenario::model::{Pool, Source, Stage};
use crate::scenario::raw_layout::{RawLayout, RawPlace, RawPoint, RawQueue, RawVehicleModel};

fn polyline(c: &mut Checker, path: &str, raw: &[RawPoint], what: &str) -> Vec<Vec2> {
    let points: Vec<Vec2> = raw.iter().enumerate().map(|(i, p)| point(c, &format!("{path}[{i}]"), *p)).collect();
    if points.len() < 2 {
        c.error(path, format!("{what} needs at least 2 points (got {})", points.len()), None);
    }
    points
}

fn vehicle_model(c: &mut Checker, raw: &RawVehicleModel) -> VehicleModel {
    let p = "layout.vehicles";
    c.at_least(&format!("{p}.length_m"), raw.length_m, 1.0, false, "a vehicle length");
    c.at_least(&format!("{p}.accel_mps2"), raw.accel_mps2, 0.0, true, "the acceleration");
    c.at_least(&format!("{p}.decel_mps2"), raw.decel_mps2, 0.0, true, "the deceleration");
    c.at_least(&format!("{p}.min_gap_m"), raw.min_gap_m, 0.0, true, "the standstill gap");
    c.at_least(&format!("{p}.headway_s"), raw.headway_s, 0.0, true, "the time headway");
    VehicleModel {
        length_m: raw.length_m as f32,
        accel_mps2: raw.accel_mps2 as f32,
        decel_mps2: raw.decel_mps2 as f32,
        min_gap_m: raw.min_gap_m as f32,
        headway_s: raw.headway_s as f32,
    }
}

/// Checks the layout against the stages, pools and sources it places.
pub(super) fn check(c: &mut Checker, raw: &RawLayout, base: &FsPath, stages: &[Stage], pools: &[Pool], sources: &[Source]) -> Layout {
    let mut floor = imports::Floor::default();
    for (i, w) in raw.walkable.iter().enumerate() {
        floor
            .walkable
            .push(polygon(c, &format!("layout.walkable[{i}]"), w, "a walkable polygon"));
    }
    for (i, o) in raw.obstacles.iter().enumerate() {
        floor
            .obstacles
            .push(polygon(c, &format!("layout.obstacles[{i}]"), o, "an obstacle"));
    }
    for (i, w) in raw.walls.iter().enumerate() {
        floor.walls.push(polyline(c, &format!("layout.walls[{i}]"), w, "a wall"));
    }
    for (name, z) in raw.zones.iter() {
        let polygon = polygon(c, &format!("layout.zones.{name}"), z, "a zone");
        floor.zones.push(Zone {
            name: name.to_string(),
            area_m2: area(&polygon),
            polygon,
        });
    }
    imports::read(c, raw, base, &mut floor);
    let lanes = lanes::check_lanes(c, &raw.lanes);
    let portals = lanes::check_portals(c, &raw.portals, &raw.lanes, &lanes);
    let mut layout = Layout {
        walkable: floor.walkable,
        obstacles: floor.obstacles,
        walls: Vec::new(),
        zones: floor.zones,
        entrances: Vec::new(),
        exits: raw
            .exits
            .iter()
            .enumerate()
            .map(|(i, e)| polygon(c, &format!("layout.exits[{i}]"), e, "an exit"))
            .collect(),
        places: vec![Place::Nowhere; stages.len()],
        lanes,
        portals,
        pedestrians: pedestrian_model::check(c, &raw.pedestrians),
        vehicles: vehicle_model(c, &raw.vehicles),
        gridlock_after_s: raw.gridlock_after_s,
        navigation_cell_m: raw.navigation_cell_m as f32,
    };
    c.at_least(
        "layout.gridlock_after_s",
        raw.gridlock_after_s,
        1.0,
        false,
        "the gridlock watch's time",
    );
    navigation_cell(c, raw.navigation_cell_m);
    layout.entrances = entrances(c, raw, sources, &layout, &raw.lanes);
    places(c, raw, stages, pools, &mut layout);
    let queues: Vec<(Path, f32)> = layout
        .places
        .iter()
        .filter_map(|p| match p {
            Place::Desks { queue: Some(q), .. } => Some((q.path.clone(), q.width_m)),
            _ => None,
        })
        .collect();
    layout.walls = walls::collect(&layout.walkable, &layout.obstacles, &floor.walls, &queues);
    let has_pedestrians = layout.entrances.iter().any(|e| matches!(e, Entrance::Area { .. }));
    if has_pedestrians && layout.walkable.is_empty() {
        c.error(
            "layout.walkable",
            "pedestrians need a floor: the layout has no walkable polygon",
            Some("add `walkable: [[(0, 0), (60, 0), (60, 40), (0, 40)]]`, or import one from a WKT file"),
        );
    }
    if has_pedestrians && layout.exits.is_empty() {
        c.error(
            "layout.exits",
            "pedestrians need a way out: the layout has no exit",
            Some("add an exit polygon where travellers leave, e.g. `exits: [[(58, 18), (60, 18), (60, 22), (58, 22)]]`"),
        );
    }
    layout
}

fn entrances(
    c: &mut Checker,
    raw: &RawLayout,
    sources: &[Source],
    layout: &Layout,
    raw_lanes: &crate::scenario::ordered_map::OrderedMap<crate::scenario::raw_layout::RawLane>,
) -> Vec<Entrance> {
    use crate::scenario::raw_layout::RawEntrance;
    for (name, _) in raw.entrances.iter() {
        if !sources.iter().any(|s| s.name == name) {
            let known: Vec<_> = sources.iter().map(|s| format!("\"{}\"", s.name)).collect();
            c.error(
                format!("layout.entrances.{name}"),
                format!("source \"{name}\" does not exist"),
                Some(&format!("sources are: {}", known.join(", "))),
            );
        }
    }
    sources
        .iter()
        .map(|source| {
            let path = format!("layout.entrances.{}", source.name);
            match raw.entrances.get(&source.name) {
                None => {
                    c.error(
                        "layout.entrances",
                        format!("source \"{}\" has no entrance, so its agents have nowhere to appear", source.name),
                        Some("add `\"NAME\": Area(polygon: [...])` for pedestrians or `\"NAME\": Lane(\"lane\")` for vehicles"),
                    );
                    Entrance::Lane(0)
                }
                Some(RawEntrance::Area {
                    polygon: raw_polygon,
                    grid_m,
                }) => {
                    let polygon = polygon(c, &format!("{path}.polygon"), raw_polygon, "an entrance area");
                    if let Some(g) = grid_m {
                        c.at_least(&format!("{path}.grid_m"), *g, 0.1, false, "the grid spacing");
                    }
                    let centre = polygon.iter().copied().sum::<Vec2>() / polygon.len().max(1) as f32;
                    if !layout.walkable.is_empty() && !polygon.iter().chain([&centre]).any(|p| layout.is_walkable(*p)) {
                        c.error(format!("{path}.polygon"), "the entrance area is not on the walkable floor", None);
                    }
                    Entrance::Area {
                        polygon,
                        grid_m: grid_m.map(|g| g as f32),
                    }
                }
                Some(RawEntrance::Lane(lane)) => match raw_lanes.iter().position(|(n, _)| n == lane) {
                    Some(id) => Entrance::Lane(id),
                    None => {
                        c.error(path, format!("lane \"{lane}\" does not exist"), Some(&lanes::lane_hint(raw_lanes)));
                        Entrance::Lane(0)
                    }
                },
            }
        })
        .collect()
}

fn places(c: &mut Checker, raw: &RawLayout, stages: &[Stage], pools: &[Pool], layout: &mut Layout) {
    for (name, place) in raw.stages.iter() {
        let path = format!("layout.stages.{name}");
        let Some(id) = stages.iter().position(|s| s.name == name) else {
            let known: Vec<_> = stages.iter().map(|s| format!("\"{}\"", s.name)).collect();
            c.error(
                path,
                format!("stage \"{name}\" is not in `routing`"),
                Some(&format!("stages are: {}", known.join(", "))),
            );
            continue;
        };
        layout.places[id] = check_place(c, &path, place, &stages[id], pools, layout, &raw.lanes);
    }
    for (id, stage) in stages.iter().enumerate() {
        if stage.pool.is_some() && matches!(layout.places[id], Place::Nowhere) && raw.stages.get(&stage.name).is_none() {
            c.error(
                "layout.stages",
                format!("stage \"{}\" has servers but no place in the layout", stage.name),
                Some("give it `service_points: [...]` (pedestrians) or `booths: [...]` (vehicles) under `layout.stages`"),
            );
        }
    }
}

fn check_place(
    c: &mut Checker,
    path: &str,
    raw: &RawPlace,
    stage: &Stage,
    pools: &[Pool],
    layout: &Layout,
    raw_lanes: &crate::scenario::ordered_map::OrderedMap<crate::scenario::raw_layout::RawLane>,
) -> Place {
    let servers = stage.pool.map_or(0, |p| pools[p].max_servers() as usize);
    if !raw.booths.is_empty() {
        if !raw.service_points.is_empty() || raw.queue.is_some() || raw.waypoint.is_some() {
            c.error(
                path,
                "a stage is either for vehicles (`booths`) or for pedestrians (`service_points`, `queue`, `waypoint`), not both",
                None,
            );
        }
        return lanes::check_booths(c, path, raw, stage, servers, &layout.lanes, raw_lanes);
    }
    if let Some(w) = raw.waypoint {
        if stage.pool.is_some() {
            c.error(
                format!("{path}.waypoint"),
                "a stage with servers takes `service_points`, not a `waypoint`",
                None,
            );
        }
        let p = point(c, &format!("{path}.waypoint"), w);
        inside(c, &format!("{path}.waypoint"), p, layout, "the waypoint");
        return Place::Waypoint(p);
    }
    if stage.pool.is_none() {
        if !raw.service_points.is_empty() || raw.queue.is_some() {
            c.error(
                path,
                format!("stage \"{}\" has no pool, so it has no servers to place", stage.name),
                Some("give it a `waypoint`, or nothing"),
            );
        }
        return Place::Nowhere;
    }
    if raw.service_points.is_empty() {
        c.error(
            format!("{path}.service_points"),
            format!("stage \"{}\" needs its servers' positions (`service_points`)", stage.name),
            Some("list one (x, y) per desk or gate, e.g. `service_points: [(10, 5), (12, 5)]`"),
        );
        return Place::Nowhere;
    }
    let points: Vec<Vec2> = raw
        .service_points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = format!("{path}.service_points[{i}]");
            let v = point(c, &at, *p);
            inside(c, &at, v, layout, "this service point");
            v
        })
        .collect();
    if points.len() < servers {
        c.error(
            format!("{path}.service_points"),
            format!(
                "{} service points for up to {servers} servers; servers would share positions",
                points.len()
            ),
            Some("give one position per server"),
        );
    }
    let queue = raw.queue.as_ref().map(|RawQueue::Serpentine { path: line, width_m }| {
        let at = format!("{path}.queue");
        let points = polyline(c, &format!("{at}.path"), line, "a queue path");
        c.at_least(&format!("{at}.width_m"), *width_m, 0.6, false, "a queue lane's width");
        for (i, p) in points.iter().enumerate() {
            inside(c, &format!("{at}.path[{i}]"), *p, layout, "this point of the queue path");
        }
        Queue {
            path: Path::new(if points.len() < 2 { vec![Vec2::ZERO, Vec2::X] } else { points }),
            width_m: *width_m as f32,
        }
    });
    Place::Desks {
        service_points: points,
        queue,
    }
}

fn inside(c: &mut Checker, path: &str, p: Vec2, layout: &Layout, what: &str) {
    if !layout.walkable.is_empty() && !layout.is_walkable(p) {
        c.error(
            path,
            format!(
                "{what} ({}, {}) is not in walkable space (outside the floor or inside an obstacle)",
                p.x, p.y
            ),
            Some("move it onto the floor, clear of desks and pillars"),
        );
    }
}

/// The navigation grid's cell: fine enough for a narrow lane, coarse enough that a step
/// between free cells never crosses a wall (0.75 cell of clearance at most the body's 0.2 m).
fn navigation_cell(c: &mut Checker, cell_m: f64) {
    let (finest, coarsest) = (0.05, f64::from(grid::DEFAULT_CELL_M));
    if c.at_least("layout.navigation_cell_m", cell_m, finest, false, "the navigation grid's cell") && cell_m > coarsest {
        c.error(
            "layout.navigation_cell_m",
            format!("the navigation grid's cell must be at most {coarsest} m (got {cell_m})"),
            Some("the default 0.25 m suits doors of 0.7 m and more; 0.1 m lets bodies through 0.6 m lanes"),
        );
    }
}
