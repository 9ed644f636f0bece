//! Raw → validated: checks every value once and resolves every name.

mod costs;
mod demand;
mod domains;
mod entrance_capacity;
mod facilities;
mod fluid;
mod imports;
mod incidents;
mod kinds;
mod lanes;
mod layout;
mod limits;
mod pedestrian_model;
mod points;
mod population;
mod reach;
mod routing;
mod segments;
mod targets;
mod uncertainty;

use std::path::Path;

pub(crate) use crate::scenario::check::Checker;
use crate::scenario::check::reachable_from;

use super::error::Issue;
use super::flags::{FLAG_BITS, Flags, Origin};
use super::model::{Fidelity, Meta, Pool, Population, Scenario, Source, Stage, StageId};
use super::raw::{RawFidelity, RawMeta, RawScenario};
use super::raw_check::RawCheck;
use crate::domains::DomainValidation;
use crate::scenario::domain_model::DomainId;
use crate::sim::time::SimTime;
use domains::{Usage, usage, validate_domain};

const MAX_DURATION_H: f64 = 400.0 * 24.0;

fn check_meta(c: &mut Checker, meta: &RawMeta, has_layout: bool) -> Meta {
    let name_ok = !meta.name.is_empty()
        && meta.name.chars().all(|ch| ch.is_ascii_alphanumeric() || "_-.".contains(ch))
        && !meta.name.starts_with('.');
    if !name_ok {
        c.error(
            "meta.name",
            format!("\"{}\" is not a usable scenario name", meta.name),
            Some("use letters, digits, '_', '-' or '.', e.g. \"land_port_day\" (it names the report folder)"),
        );
    }
    if c.at_least("meta.duration_h", meta.duration_h, 0.0, true, "the duration") && meta.duration_h > MAX_DURATION_H {
        c.error(
            "meta.duration_h",
            format!("a run of {} h is longer than the 400-day limit", meta.duration_h),
            None,
        );
    }
    if !(0.01..=1.0).contains(&meta.step_s) {
        c.error(
            "meta.step_s",
            format!("the motion time step must be between 0.01 and 1 s (got {})", meta.step_s),
            Some("pedestrian models use 0.05 to 0.25 s"),
        );
    }
    let fidelity = match meta.fidelity {
        RawFidelity::Flow => Fidelity::Flow,
        RawFidelity::Micro if !has_layout => {
            c.error(
                "meta.fidelity",
                "micro fidelity needs a `layout` section, which this scenario does not have",
                Some("add a `layout: (...)` (see docs/micro.md), or use `fidelity: Flow`, which moves agents between stages with walking times"),
            );
            Fidelity::Flow
        }
        RawFidelity::Micro => Fidelity::Micro,
    };
    Meta {
        name: meta.name.clone(),
        description: meta.description.clone(),
        seed: meta.seed,
        duration: SimTime::from_secs_f64(meta.duration_h.clamp(0.0, MAX_DURATION_H) * 3600.0),
        step: SimTime::from_secs_f64(meta.step_s),
        fidelity,
        drain: meta.drain,
    }
}

/// Hands out the attribute and flag bits: the population's attributes first, then the flags of
/// each domain the scenario uses.
fn allocate_flags(c: &mut Checker, population: &Population, usage: &[Usage]) -> Flags {
    let mut flags = Flags::default();
    let domain_flags = usage
        .iter()
        .filter(|u| u.used())
        .flat_map(|u| u.flags.iter().map(move |f| (*f, u.name)));
    let wanted = population.attributes.len() + domain_flags.clone().count();
    for name in &population.attributes {
        flags.allocate(name, Origin::Attribute);
    }
    for (name, domain) in domain_flags {
        flags.allocate(name, Origin::Domain(domain));
    }
    if wanted > FLAG_BITS {
        c.error(
            "population",
            format!(
                "{} distinct attributes and {} flags of the domains this scenario uses need {wanted} bits; {FLAG_BITS} are available",
                population.attributes.len(),
                wanted - population.attributes.len()
            ),
            Some("use fewer attributes"),
        );
    }
    flags
}

/// A stage's check is its domain's: agents of another domain must not reach it (a traveller at
/// a truck's inspection bay, a truck at an e-gate).
fn check_domains_meet(
    c: &mut Checker,
    stages: &[Stage],
    pools: &[Pool],
    sources: &[Source],
    source_domain: &[DomainId],
    domains: &[std::sync::Arc<dyn crate::scenario::domain_model::DomainModel>],
) {
    for (s, source) in sources.iter().enumerate() {
        let reached = reachable_from(std::iter::once(source.entry).chain(source.bags_entry), stages, pools);
        for (stage, seen) in stages.iter().zip(reached) {
            let Some(check) = stage.check.filter(|d| seen && *d != source_domain[s]) else {
                continue;
            };
            let (own, other) = (domains[check as usize].name(), domains[source_domain[s] as usize].name());
            c.error(
                format!("routing.{}.check", stage.name),
                format!(
                    "stage \"{}\" makes a {own} check, but agents of source \"{}\" ({other}) can reach it",
                    stage.name, source.name
                ),
                Some("route each domain's agents to its own checks only (a source is the cargo domain's when `cargo.sources` lists it)"),
            );
        }
    }
}

/// Checks a raw scenario; returns the validated model or every problem found.
/// Files the layout imports are read relative to `base`.
pub(crate) fn validate(raw: &RawScenario, base: &Path) -> Result<Scenario, Vec<Issue>> {
    let mut c = Checker::default();
    let meta = check_meta(&mut c, &raw.meta, raw.layout.is_some());
    let population = population::check(&mut c, &raw.population);
    let raw_checks: Vec<(StageId, &RawCheck)> = raw
        .routing
        .iter()
        .enumerate()
        .filter_map(|(s, (_, stage))| stage.check.as_ref().map(|check| (s, check)))
        .collect();
    let usage = usage(raw, &raw_checks);
    let mut ids: Vec<Option<DomainId>> = vec![None; usage.len()];
    let mut used = 0;
    for (id, u) in ids.iter_mut().zip(&usage) {
        if u.used() {
            *id = Some(used);
            used += 1;
        }
    }
    let flags = allocate_flags(&mut c, &population, &usage);
    let stage_names: Vec<&str> = raw.routing.iter().map(|(k, _)| k).collect();
    let mut pools = facilities::check(&mut c, &raw.facilities, &population, &raw.routing);
    let stages = routing::check(&mut c, &raw.routing, &raw.facilities, &population, &flags, &ids);
    let sources = demand::check(&mut c, &raw.demand, &population, &stage_names, meta.duration, base);
    let source_domain: Vec<DomainId> = (0..sources.len())
        .map(|s| {
            usage
                .iter()
                .zip(&ids)
                .find(|(u, _)| u.owned.contains(&s))
                .and_then(|(_, id)| *id)
                .unwrap_or(0)
        })
        .collect();
    let targets = targets::check_targets(&mut c, &raw.targets, &population, &stages);
    let segments = segments::check(&mut c, &raw.segments, &stages);
    let incidents = incidents::check(&mut c, &raw.incidents, &sources, &pools, meta.duration);
    let costs = costs::check(&mut c, raw.costs.as_ref(), &pools);
    let mut domains = Vec::new();
    for (index, (u, id)) in usage.iter().zip(&ids).enumerate() {
        let Some(id) = *id else { continue };
        let mut v = DomainValidation {
            checker: &mut c,
            id,
            sources_owned: u.owned.clone(),
            sources: &sources,
            pools: &mut pools,
            stages: &stages,
            population: &population,
            flags: &flags,
        };
        domains.extend(validate_domain(index, &mut v, raw, &raw_checks));
    }
    if c.issues.is_empty() {
        routing::check_graph(&mut c, &stages, &pools, &sources);
        check_domains_meet(&mut c, &stages, &pools, &sources, &source_domain, &domains);
        let has_mix: Vec<bool> = raw.demand.iter().map(|s| s.mix.is_some()).collect();
        kinds::check(&mut c, &sources, &has_mix, &source_domain, &domains, &population);
    }
    let checked_so_far = c.issues.is_empty();
    let layout = raw
        .layout
        .as_ref()
        .map(|l| layout::check(&mut c, l, base, &stages, &pools, &sources));
    if let Some(layout) = &layout
        && checked_so_far
        && c.issues.is_empty()
    {
        reach::check(&mut c, layout, &stages, &sources);
    }
    if c.issues.is_empty() {
        let plan = limits::Plan {
            meta: &meta,
            sources: &sources,
            pools: &pools,
            stages: &stages,
            layout: layout.as_ref(),
        };
        limits::check(&mut c, raw, &plan);
    }
    if c.issues.is_empty() {
        Ok(Scenario {
            meta,
            population,
            sources,
            pools,
            stages,
            targets,
            segments,
            layout,
            incidents,
            flags,
            domains,
            source_domain,
            costs,
            forced: None,
        })
    } else {
        Err(c.issues)
    }
}
