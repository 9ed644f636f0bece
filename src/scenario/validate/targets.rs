//! Checks service-level targets.

use super::Checker;
use crate::scenario::model::{Population, Stage, Targets};
use crate::scenario::raw::RawTargets;
use crate::sim::time::SimTime;

pub(super) fn check_targets(c: &mut Checker, raw: &RawTargets, population: &Population, stages: &[Stage]) -> Targets {
    let mut targets = Targets::default();
    for (i, t) in raw.time_in_system.iter().enumerate() {
        let path = format!("targets.time_in_system[{i}]");
        let of = t.of.as_ref().and_then(|name| {
            let id = population.types.iter().position(|ty| ty.name == *name);
            if id.is_none() {
                let types: Vec<&str> = population.types.iter().map(|ty| ty.name.as_str()).collect();
                c.error(
                    format!("{path}.of"),
                    format!("traveller type \"{name}\" is not in the population"),
                    Some(&format!(
                        "the population has {}; leave `of` out for every traveller",
                        quoted(&types)
                    )),
                );
            }
            id
        });
        if check_limit(c, &path, t.within_min, t.share) {
            targets
                .time_in_system
                .push((of, SimTime::from_secs_f64(t.within_min * 60.0), t.share));
        }
    }
    for (i, t) in raw.wait.iter().enumerate() {
        let path = format!("targets.wait[{i}]");
        let stage = match t.of.as_ref() {
            None => {
                c.error(
                    format!("{path}.of"),
                    "a waiting-time target needs the stage it applies to",
                    Some("add `of: \"desk\"`"),
                );
                None
            }
            Some(name) => {
                let id = stages.iter().position(|s| s.name == *name && s.pool.is_some());
                if id.is_none() {
                    let pooled: Vec<&str> = stages.iter().filter(|s| s.pool.is_some()).map(|s| s.name.as_str()).collect();
                    c.error(
                        format!("{path}.of"),
                        format!("\"{name}\" is not a stage with a pool"),
                        Some(&format!("stages with a pool: {}", quoted(&pooled))),
                    );
                }
                id
            }
        };
        if check_limit(c, &path, t.within_min, t.share)
            && let Some(stage) = stage
        {
            targets.wait.push((stage, SimTime::from_secs_f64(t.within_min * 60.0), t.share));
        }
    }
    targets
}

/// Names as `"a", "b"`, or `none` for an empty list.
fn quoted(names: &[&str]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

fn check_limit(c: &mut Checker, path: &str, within_min: f64, share: f64) -> bool {
    c.at_least(&format!("{path}.within_min"), within_min, 0.0, true, "a time limit")
        & c.probability(&format!("{path}.share"), share, "a target share")
}
