//! Checks journey segments: each names two stages of the routing.

use super::Checker;
use crate::scenario::model::{Segment, Stage};
use crate::scenario::ordered_map::OrderedMap;
use crate::scenario::raw::RawSegment;

/// The segments with their stages resolved; an unknown stage is an error at its field.
pub(super) fn check(c: &mut Checker, raw: &OrderedMap<RawSegment>, stages: &[Stage]) -> Vec<Segment> {
    let names = stages.iter().map(|s| s.name.as_str());
    let mut segments = Vec::new();
    for (name, segment) in raw.iter() {
        if name.is_empty() || name.contains('*') {
            c.error(
                format!("segments.{name}"),
                format!("\"{name}\" is not a usable segment name"),
                Some("name it after what it measures, e.g. \"passport\" (it is a KPI key; `*` is the KPI wildcard)"),
            );
        }
        let from = c.find(format!("segments.{name}.from"), "stage", &segment.from, names.clone());
        let to = c.find(format!("segments.{name}.to"), "stage", &segment.to, names.clone());
        if let (Some(from), Some(to)) = (from, to) {
            segments.push(Segment {
                name: name.to_string(),
                from,
                to,
            });
        }
    }
    segments
}
