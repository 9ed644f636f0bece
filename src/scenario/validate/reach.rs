//! Can everyone get where the routing sends them? Pedestrians through the
//! floor (a flood fill of the navigation grid), vehicles along the lanes.

use super::Checker;
use crate::motion::geometry::{Vec2, contains};
use crate::motion::grid::{self, Grid};
use crate::motion::lanes;
use crate::scenario::layout::{Entrance, LanePosition, Layout, Place};
use crate::scenario::model::{Source, Stage, Target};

/// How far from a point a reachable cell may be, metres.
const SNAP_M: f32 = 0.6;

/// Stages agents of `source` can visit.
fn visited(stages: &[Stage], source: &Source) -> Vec<bool> {
    let mut seen = vec![false; stages.len()];
    let mut stack = vec![source.entry];
    while let Some(s) = stack.pop() {
        if std::mem::replace(&mut seen[s], true) {
            continue;
        }
        for t in stages[s].next.targets().into_iter().chain([stages[s].on_full]) {
            if let Target::Stage(n) = t {
                stack.push(n);
            }
        }
    }
    seen
}

/// Checks that every stage agents visit can be reached, and that they can leave.
pub(super) fn check(c: &mut Checker, layout: &Layout, stages: &[Stage], sources: &[Source]) {
    let grid =
        (!layout.walkable.is_empty()).then(|| Grid::new(layout, grid::clearance(layout.pedestrians.radius_m, layout.navigation_cell_m)));
    for (s, source) in sources.iter().enumerate() {
        let seen = visited(stages, source);
        match &layout.entrances[s] {
            Entrance::Area { polygon, .. } => {
                if let Some(grid) = &grid {
                    pedestrians(c, layout, grid, stages, source, polygon, &seen);
                }
            }
            Entrance::Lane(lane) => vehicles(c, layout, stages, source, *lane, &seen),
        }
    }
}

fn pedestrians(c: &mut Checker, layout: &Layout, grid: &Grid, stages: &[Stage], source: &Source, entrance: &[Vec2], seen: &[bool]) {
    let starts: Vec<usize> = (0..grid.free.len())
        .filter(|&i| grid.free[i] && contains(entrance, grid.centre(i)))
        .collect();
    let reached = grid.flood(&starts);
    let ok = |p: Vec2| {
        let (x0, y0) = grid.cell_xy(p - Vec2::splat(SNAP_M));
        let (x1, y1) = grid.cell_xy(p + Vec2::splat(SNAP_M));
        (y0..=y1).any(|y| (x0..=x1).any(|x| reached[y * grid.nx + x]))
    };
    for (id, stage) in stages.iter().enumerate().filter(|(id, _)| seen[*id]) {
        let path = format!("layout.stages.{}", stage.name);
        match &layout.places[id] {
            Place::Booths { .. } => c.error(
                path,
                format!(
                    "pedestrians of source \"{}\" are routed to stage \"{}\", which has vehicle booths",
                    source.name, stage.name
                ),
                Some("pedestrian stages take `service_points`; vehicle stages `booths`"),
            ),
            Place::Desks { service_points, queue } => {
                if let Some(q) = queue
                    && !ok(q.head())
                {
                    c.error(
                        format!("{path}.queue.path"),
                        format!(
                            "the head of the queue cannot be reached from the entrance of source \"{}\"",
                            source.name
                        ),
                        Some("check that walls or obstacles do not close it off; the queue's barriers are walls too"),
                    );
                }
                for (i, p) in service_points.iter().enumerate() {
                    if !ok(*p) {
                        c.error(
                            format!("{path}.service_points[{i}]"),
                            format!(
                                "this service point cannot be reached from the entrance of source \"{}\"",
                                source.name
                            ),
                            Some("check that walls or obstacles do not close it off, and that a body fits past them"),
                        );
                    }
                }
            }
            Place::Waypoint(p) if !ok(*p) => c.error(
                format!("{path}.waypoint"),
                format!("the waypoint cannot be reached from the entrance of source \"{}\"", source.name),
                None,
            ),
            _ => {}
        }
    }
    let exit_reached = (0..grid.free.len()).any(|i| reached[i] && layout.exits.iter().any(|e| contains(e, grid.centre(i))));
    if !exit_reached {
        c.error(
            "layout.exits",
            format!("no exit can be reached from the entrance of source \"{}\"", source.name),
            Some(
                "make sure an exit polygon overlaps floor that is connected to the entrance; a passage narrower \
                 than about 0.7 m (a 0.6 m e-gate lane) needs a finer navigation grid, e.g. `navigation_cell_m: 0.1`",
            ),
        );
    }
}

fn vehicles(c: &mut Checker, layout: &Layout, stages: &[Stage], source: &Source, entry_lane: usize, seen: &[bool]) {
    let start = LanePosition {
        lane: entry_lane,
        at_m: 0.0,
    };
    for (id, stage) in stages.iter().enumerate().filter(|(id, _)| seen[*id]) {
        let path = format!("layout.stages.{}", stage.name);
        match &layout.places[id] {
            Place::Booths { booths, hold } => {
                if !lanes::reaches(&layout.lanes, start, *hold) {
                    c.error(
                        &path,
                        format!(
                            "vehicles of source \"{}\" cannot drive from their entrance lane to this stage",
                            source.name
                        ),
                        Some("connect the lanes with `next`"),
                    );
                }
                for (i, booth) in booths.iter().enumerate() {
                    if lanes::route_out(&layout.lanes, booth.lane).is_none() {
                        c.error(
                            format!("{path}.booths[{i}]"),
                            "vehicles served at this booth can never leave: no lane from it ends at the port's boundary",
                            Some("give the lanes after it a last lane with no `next`"),
                        );
                    }
                }
            }
            Place::Desks { .. } | Place::Waypoint(_) => c.error(
                path,
                format!(
                    "vehicles of source \"{}\" are routed to stage \"{}\", which is a pedestrian stage",
                    source.name, stage.name
                ),
                Some("vehicle stages take `booths: [(lane: \"...\", at_m: ...)]`"),
            ),
            Place::Nowhere => {}
        }
    }
    if lanes::route_out(&layout.lanes, entry_lane).is_none() {
        c.error(
            format!("layout.entrances.{}", source.name),
            format!(
                "vehicles of source \"{}\" can never leave: no lane from their entrance ends at the port's boundary",
                source.name
            ),
            None,
        );
    }
}
