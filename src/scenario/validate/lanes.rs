//! Checks vehicle lanes (connected polylines), portals and booths.

use super::Checker;
use super::points::point;
use crate::motion::geometry::{Path, Vec2};
use crate::scenario::layout::{Lane, LanePosition, Place, Portal};
use crate::scenario::model::Stage;
use crate::scenario::ordered_map::OrderedMap;
use crate::scenario::raw_layout::{RawLane, RawLanePosition, RawPlace, RawPortal};

/// How far a lane's start may be from the end of the lane before it, metres.
pub const CONNECT_TOLERANCE_M: f32 = 0.5;

/// "lanes are: ..." for hints.
pub(super) fn lane_hint(raw: &OrderedMap<RawLane>) -> String {
    if raw.is_empty() {
        return "the layout has no `lanes`".into();
    }
    let known: Vec<_> = raw.iter().map(|(k, _)| format!("\"{k}\"")).collect();
    format!("lanes are: {}", known.join(", "))
}

fn kmh(c: &mut Checker, path: &str, value: f64) -> f32 {
    c.at_least(path, value, 0.0, true, "a speed limit");
    (value / 3.6) as f32
}

pub(super) fn check_lanes(c: &mut Checker, raw: &OrderedMap<RawLane>) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = raw
        .iter()
        .map(|(name, lane)| {
            let path = format!("layout.lanes.{name}");
            let points: Vec<Vec2> = lane
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| point(c, &format!("{path}.points[{i}]"), *p))
                .collect();
            if points.len() < 2 {
                c.error(
                    format!("{path}.points"),
                    format!("a lane needs at least 2 points (got {})", points.len()),
                    None,
                );
            }
            Lane {
                name: name.to_string(),
                path: Path::new(if points.len() < 2 { vec![Vec2::ZERO, Vec2::X] } else { points }),
                next: Vec::new(),
                speed_limit_mps: kmh(c, &format!("{path}.speed_limit_kmh"), lane.speed_limit_kmh),
            }
        })
        .collect();
    for (l, (name, lane)) in raw.iter().enumerate() {
        for (i, next) in lane.next.iter().enumerate() {
            let path = format!("layout.lanes.{name}.next[{i}]");
            let Some(n) = raw.iter().position(|(k, _)| k == next) else {
                c.error(path, format!("lane \"{next}\" does not exist"), Some(&lane_hint(raw)));
                continue;
            };
            let end = *lanes[l].path.points.last().expect("lanes have points");
            let start = lanes[n].path.points[0];
            let gap = (end - start).length();
            if gap > CONNECT_TOLERANCE_M {
                c.error(
                    path,
                    format!(
                        "lanes are not connected: \"{name}\" ends at ({}, {}) but \"{next}\" starts at ({}, {}), {gap:.1} m away",
                        end.x, end.y, start.x, start.y
                    ),
                    Some("a lane listed in `next` must start where this one ends"),
                );
            }
            lanes[l].next.push(n);
        }
    }
    lanes
}

fn position(c: &mut Checker, path: &str, raw: &RawLanePosition, lanes: &[Lane], names: &OrderedMap<RawLane>) -> Option<LanePosition> {
    let Some(lane) = names.iter().position(|(k, _)| k == raw.lane) else {
        c.error(
            format!("{path}.lane"),
            format!("lane \"{}\" does not exist", raw.lane),
            Some(&lane_hint(names)),
        );
        return None;
    };
    let length = lanes[lane].path.length() as f64;
    if !(0.0..=length).contains(&raw.at_m) {
        c.error(
            format!("{path}.at_m"),
            format!("{} m is not on lane \"{}\", which is {length:.1} m long", raw.at_m, raw.lane),
            None,
        );
        return None;
    }
    Some(LanePosition {
        lane,
        at_m: raw.at_m as f32,
    })
}

pub(super) fn check_portals(c: &mut Checker, raw: &OrderedMap<RawPortal>, names: &OrderedMap<RawLane>, lanes: &[Lane]) -> Vec<Portal> {
    raw.iter()
        .filter_map(|(name, portal)| {
            let path = format!("layout.portals.{name}");
            c.at_least(&format!("{path}.length_m"), portal.length_m, 1.0, false, "a portal's length");
            let speed_limit_mps = kmh(c, &format!("{path}.speed_limit_kmh"), portal.speed_limit_kmh);
            let at = position(
                c,
                &path,
                &RawLanePosition {
                    lane: portal.lane.clone(),
                    at_m: portal.at_m,
                },
                lanes,
                names,
            )?;
            if at.at_m + portal.length_m as f32 > lanes[at.lane].path.length() {
                c.error(
                    format!("{path}.length_m"),
                    format!("the portal runs past the end of lane \"{}\"", portal.lane),
                    Some("move it back, shorten it, or lengthen the lane"),
                );
            }
            Some(Portal {
                name: name.to_string(),
                at,
                length_m: portal.length_m as f32,
                speed_limit_mps,
            })
        })
        .collect()
}

pub(super) fn check_booths(
    c: &mut Checker,
    path: &str,
    raw: &RawPlace,
    stage: &Stage,
    servers: usize,
    lanes: &[Lane],
    names: &OrderedMap<RawLane>,
) -> Place {
    if stage.pool.is_none() {
        c.error(
            format!("{path}.booths"),
            format!("stage \"{}\" has no pool, so its booths would never serve", stage.name),
            None,
        );
    }
    let booths: Vec<LanePosition> = raw
        .booths
        .iter()
        .enumerate()
        .filter_map(|(i, b)| position(c, &format!("{path}.booths[{i}]"), b, lanes, names))
        .collect();
    if raw.booths.len() < servers {
        c.error(
            format!("{path}.booths"),
            format!(
                "{} booths for up to {servers} servers; servers would share booths",
                raw.booths.len()
            ),
            Some("give one booth per server"),
        );
    }
    let hold = match &raw.hold {
        Some(h) => position(c, &format!("{path}.hold"), h, lanes, names),
        None => booths.first().copied(),
    };
    let hold = hold.unwrap_or(LanePosition { lane: 0, at_m: 0.0 });
    for (i, booth) in booths.iter().enumerate() {
        if !crate::motion::lanes::reaches(lanes, hold, *booth) {
            c.error(
                format!("{path}.booths[{i}]"),
                format!(
                    "vehicles waiting at the hold point cannot drive to this booth on lane \"{}\"",
                    lanes[booth.lane].name
                ),
                Some("the booth must lie ahead of `hold` along connected lanes"),
            );
        }
    }
    Place::Booths { booths, hold }
}
