//! The lane graph: routes from lane to lane along connected polylines.
//!
//! A lane with no `next` lanes ends at the port's boundary: a vehicle that
//! reaches its end leaves.

use std::collections::VecDeque;

use crate::scenario::layout::{Lane, LaneId, LanePosition};

/// The shortest chain of lanes (by length) from `from` to a lane accepted by `goal`, both included.
pub fn route_where(lanes: &[Lane], from: LaneId, goal: impl Fn(LaneId) -> bool) -> Option<Vec<LaneId>> {
    // Dijkstra over lanes; lanes are few, so a linear scan for the minimum is enough.
    let n = lanes.len();
    let mut dist = vec![f32::INFINITY; n];
    let mut previous = vec![usize::MAX; n];
    let mut done = vec![false; n];
    dist[from] = 0.0;
    while let Some(l) = (0..n)
        .filter(|&l| !done[l] && dist[l].is_finite())
        .min_by(|&a, &b| dist[a].total_cmp(&dist[b]))
    {
        done[l] = true;
        if goal(l) {
            let mut chain = VecDeque::from([l]);
            while let Some(&p) = chain.front().map(|&c| &previous[c]).filter(|&&p| p != usize::MAX) {
                chain.push_front(p);
            }
            return Some(chain.into());
        }
        for &next in &lanes[l].next {
            let d = dist[l] + lanes[l].path.length();
            if d < dist[next] {
                dist[next] = d;
                previous[next] = l;
            }
        }
    }
    None
}

/// The lanes from `from`'s lane to `to`'s lane, if a vehicle at `from` can drive to `to`.
pub fn route(lanes: &[Lane], from: LanePosition, to: LanePosition) -> Option<Vec<LaneId>> {
    if from.lane == to.lane && to.at_m >= from.at_m {
        return Some(vec![from.lane]);
    }
    let mut chain = None;
    for &next in &lanes[from.lane].next {
        if let Some(mut rest) = route_where(lanes, next, |l| l == to.lane)
            && chain.as_ref().is_none_or(|c: &Vec<LaneId>| rest.len() + 1 < c.len())
        {
            rest.insert(0, from.lane);
            chain = Some(rest);
        }
    }
    chain
}

/// True when a vehicle at `from` can drive to `to`.
pub fn reaches(lanes: &[Lane], from: LanePosition, to: LanePosition) -> bool {
    route(lanes, from, to).is_some()
}

/// The lanes from `from` to the nearest lane end that leaves the port.
pub fn route_out(lanes: &[Lane], from: LaneId) -> Option<Vec<LaneId>> {
    route_where(lanes, from, |l| lanes[l].next.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::motion::geometry::{Path, Vec2};

    fn lane(name: &str, a: (f32, f32), b: (f32, f32), next: Vec<LaneId>) -> Lane {
        Lane {
            name: name.into(),
            path: Path::new(vec![Vec2::new(a.0, a.1), Vec2::new(b.0, b.1)]),
            next,
            speed_limit_mps: 8.0,
        }
    }

    #[test]
    fn routes_follow_connections() {
        // in -> (a | b) -> out
        let lanes = vec![
            lane("in", (0.0, 0.0), (10.0, 0.0), vec![1, 2]),
            lane("a", (10.0, 0.0), (20.0, 5.0), vec![3]),
            lane("b", (10.0, 0.0), (20.0, -5.0), vec![3]),
            lane("out", (20.0, 5.0), (30.0, 0.0), vec![]),
        ];
        let at = |lane, at_m| LanePosition { lane, at_m };
        assert_eq!(route(&lanes, at(0, 1.0), at(2, 3.0)), Some(vec![0, 2]));
        assert_eq!(route_out(&lanes, 0).map(|r| r.len()), Some(3));
        assert!(!reaches(&lanes, at(3, 0.0), at(0, 5.0)));
        assert!(!reaches(&lanes, at(0, 5.0), at(0, 1.0)));
    }
}
