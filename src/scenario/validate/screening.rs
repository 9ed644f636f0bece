//! Checks advance passenger information screening and service-level targets.

use super::Checker;
use super::routing::check_condition;
use crate::scenario::model::{Population, Screening, Source, Stage, Targets};
use crate::scenario::raw::{RawScreening, RawTargets};
use crate::sim::time::SimTime;

pub(super) fn check_screening(c: &mut Checker, raw: &RawScreening, sources: &[Source], population: &Population) -> Screening {
    let path = "screening";
    let mut screened = Vec::new();
    for (i, name) in raw.sources.iter().enumerate() {
        match sources.iter().position(|s| s.name == *name) {
            Some(s) => screened.push(s),
            None => c.error(format!("{path}.sources[{i}]"), format!("source \"{name}\" does not exist"), None),
        }
    }
    if raw.sources.is_empty() {
        c.error(
            format!("{path}.sources"),
            "screening needs at least one source whose travellers send advance information",
            None,
        );
    }
    if let Some(threshold) = raw.score_threshold {
        c.probability(&format!("{path}.score_threshold"), threshold, "a score threshold");
    }
    c.probability(&format!("{path}.random_rate"), raw.random_rate, "a random selection rate");
    let rules = raw
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| check_condition(c, &format!("{path}.rules[{i}]"), r, population))
        .collect();
    Screening {
        sources: screened,
        score_threshold: raw.score_threshold,
        rules,
        random_rate: raw.random_rate,
    }
}

pub(super) fn check_targets(c: &mut Checker, raw: &RawTargets, population: &Population, stages: &[Stage]) -> Targets {
    let mut targets = Targets::default();
    for (i, t) in raw.time_in_system.iter().enumerate() {
        let path = format!("targets.time_in_system[{i}]");
        let of = t.of.as_ref().and_then(|name| {
            let id = population.types.iter().position(|ty| ty.name == *name);
            if id.is_none() {
                c.error(
                    format!("{path}.of"),
                    format!("traveller type \"{name}\" is not in the population"),
                    Some("leave `of` out for everyone"),
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
                    c.error(format!("{path}.of"), format!("\"{name}\" is not a stage with a pool"), None);
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

fn check_limit(c: &mut Checker, path: &str, within_min: f64, share: f64) -> bool {
    c.at_least(&format!("{path}.within_min"), within_min, 0.0, true, "a time limit")
        & c.probability(&format!("{path}.share"), share, "a target share")
}
