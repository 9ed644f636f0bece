//! Checks the passenger domain's part of a scenario: its stage checks (face verification,
//! searches, reclaim, bag scans), advance screening, and that only bags reach a bag scan.

use super::model::{FaceMatch, PassengerCheck, Screening};
use super::raw::{RawPassengerCheck, RawScreening};
use super::validate_bag_scan::{check_bag_scan, check_bags_only};
use crate::domains::domain::DomainValidation;
use crate::scenario::model::StageId;
use crate::scenario::check::{Checker, check_condition};

/// Validates the checks of passenger stages, one per stage id (`None` where a stage makes none).
pub(super) fn check_stage_checks(v: &mut DomainValidation, checks: &[(StageId, &RawPassengerCheck)]) -> Vec<Option<PassengerCheck>> {
    let mut by_stage = vec![None; v.stages.len()];
    for (stage, raw) in checks {
        let path = format!("routing.{}.check", v.stages[*stage].name);
        let has_pool = v.stages[*stage].pool.is_some();
        by_stage[*stage] = check_stage_check(v.checker, &path, raw, has_pool);
    }
    if v.checker.is_clean() {
        check_bags_only(v.checker, v.stages, v.pools, v.sources, &by_stage);
    }
    by_stage
}

fn check_stage_check(c: &mut Checker, path: &str, raw: &RawPassengerCheck, has_pool: bool) -> Option<PassengerCheck> {
    Some(match raw {
        RawPassengerCheck::FaceMatch {
            threshold,
            capture_noise,
            quality_min,
            lookalike_similarity,
        } => {
            if !(-1.0..=1.0).contains(threshold) {
                c.error(
                    format!("{path}.threshold"),
                    format!("a cosine-similarity threshold must be between -1 and 1 (got {threshold})"),
                    None,
                );
            }
            c.at_least(&format!("{path}.capture_noise"), *capture_noise, 0.0, false, "the capture noise");
            if !(*quality_min > 0.0 && *quality_min <= 1.0) {
                c.error(
                    format!("{path}.quality_min"),
                    format!("the lowest capture quality must be above 0 and at most 1 (got {quality_min})"),
                    None,
                );
            }
            if !(-1.0..=1.0).contains(lookalike_similarity) {
                c.error(
                    format!("{path}.lookalike_similarity"),
                    format!("a similarity must be between -1 and 1 (got {lookalike_similarity})"),
                    None,
                );
            }
            if !has_pool {
                c.error(
                    path,
                    "face verification needs a pool (the e-gates or desks that capture the face)",
                    None,
                );
            }
            PassengerCheck::FaceMatch(FaceMatch {
                threshold: *threshold,
                capture_noise: *capture_noise,
                quality_min: *quality_min,
                lookalike_similarity: *lookalike_similarity,
            })
        }
        RawPassengerCheck::Search { find_probability } => {
            c.probability(
                &format!("{path}.find_probability"),
                *find_probability,
                "the probability of finding contraband",
            );
            if !has_pool {
                c.error(path, "a search needs a pool (the officers who search)", None);
            }
            PassengerCheck::Search {
                find_probability: *find_probability,
            }
        }
        RawPassengerCheck::Reclaim => {
            if has_pool {
                c.error(
                    path,
                    "travellers wait for their bags at a stage without a pool",
                    Some("remove `pool` from the reclaim stage"),
                );
            }
            PassengerCheck::Reclaim
        }
        RawPassengerCheck::BagScan { model, thresholds, table } => PassengerCheck::BagScan(check_bag_scan(c, path, model, thresholds, table.as_ref(), has_pool)?),
        RawPassengerCheck::CabinScan { model, thresholds, table } => PassengerCheck::CabinScan(check_bag_scan(c, path, model, thresholds, table.as_ref(), has_pool)?),
    })
}

/// Checks advance passenger information screening.
pub(super) fn check_screening(v: &mut DomainValidation, raw: &RawScreening) -> Screening {
    let path = "screening";
    let c = &mut *v.checker;
    let mut screened = Vec::new();
    for (i, name) in raw.sources.iter().enumerate() {
        match v.sources.iter().position(|s| s.name == *name) {
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
        .map(|(i, r)| check_condition(c, &format!("{path}.rules[{i}]"), r, v.population, v.flags))
        .collect();
    Screening {
        sources: screened,
        score_threshold: raw.score_threshold,
        rules,
        random_rate: raw.random_rate,
    }
}
