//! Checks the route graph: targets, branches, conditions, reachability, exits.

use super::Checker;
use super::demand::stage_hint;
use crate::scenario::check::{check_condition, reachable_from, successors};
use crate::scenario::domain_model::DomainId;
use crate::scenario::flags::Flags;
use crate::scenario::model::{Next, Pool, Population, Source, Stage, Target};
use crate::scenario::ordered_map::OrderedMap;
use crate::scenario::raw::{RawCondition, RawNext, RawPool, RawStage};
use crate::sim::time::SimTime;

/// The reserved target name for leaving the port.
pub const EXIT: &str = "exit";

/// Checks the stages; `domains` gives each registered domain's id in this scenario (a stage's
/// check belongs to the domain that owns its variant, which validates it).
pub(super) fn check(
    c: &mut Checker,
    raw: &OrderedMap<RawStage>,
    pools: &OrderedMap<RawPool>,
    population: &Population,
    flags: &Flags,
    domains: &[Option<DomainId>],
) -> Vec<Stage> {
    let names: Vec<&str> = raw.iter().map(|(k, _)| k).collect();
    if raw.is_empty() {
        c.error(
            "routing",
            "the scenario has no stages",
            Some("add at least one stage, e.g. \"desk\": (pool: \"desks\", next: To(\"exit\"))"),
        );
    }
    let mut stages = Vec::new();
    for (name, s) in raw.iter() {
        let path = format!("routing.{name}");
        if name == EXIT || name.is_empty() {
            c.error(
                &path,
                format!("\"{name}\" cannot name a stage (\"exit\" means leaving the port)"),
                None,
            );
        }
        let pool = s.pool.as_ref().and_then(|p| {
            let id = pools.iter().position(|(k, _)| k == p);
            if id.is_none() {
                let known: Vec<_> = pools.iter().map(|(k, _)| format!("\"{k}\"")).collect();
                c.error(
                    format!("{path}.pool"),
                    format!("pool \"{p}\" does not exist"),
                    Some(&format!("pools are: {}", known.join(", "))),
                );
            }
            id
        });
        c.at_least(&format!("{path}.walk_m"), s.walk_m, 0.0, false, "a walking distance");
        let next = check_next(c, &format!("{path}.next"), &s.next, &names, population, flags);
        let on_full = match &s.on_full {
            None => Target::Exit,
            Some(target) => {
                let has_capacity = s.pool.as_ref().and_then(|p| pools.get(p)).is_some_and(|p| p.capacity.is_some());
                if !has_capacity {
                    c.error(
                        format!("{path}.on_full"),
                        "`on_full` has no effect: this stage's pool has no queue capacity",
                        Some("set `capacity` on the pool, or remove `on_full`"),
                    );
                }
                resolve(c, &format!("{path}.on_full"), target, &names)
            }
        };
        c.at_least(&format!("{path}.delay_s"), s.delay_s, 0.0, false, "a delay");
        let check = s.check.as_ref().and_then(|check| domains[check.domain_index()]);
        stages.push(Stage {
            name: name.to_string(),
            pool,
            walk_m: s.walk_m,
            delay: SimTime::from_secs_f64(s.delay_s),
            check,
            next,
            on_full,
        });
    }
    stages
}

fn resolve(c: &mut Checker, path: &str, target: &str, names: &[&str]) -> Target {
    if target == EXIT {
        return Target::Exit;
    }
    match names.iter().position(|n| *n == target) {
        Some(id) => Target::Stage(id),
        None => {
            c.error(
                path,
                format!("route to stage \"{target}\", which does not exist"),
                Some(&format!("{}, or \"exit\"", stage_hint(names))),
            );
            Target::Exit
        }
    }
}

fn check_next(c: &mut Checker, path: &str, raw: &RawNext, names: &[&str], population: &Population, flags: &Flags) -> Next {
    match raw {
        RawNext::To(target) => Next::To(resolve(c, path, target, names)),
        RawNext::Split(branches) => {
            if branches.is_empty() {
                c.error(path, "a split needs at least one branch", None);
            }
            let mut out = Vec::new();
            let mut cumulative = 0.0;
            for (i, b) in branches.iter().enumerate() {
                c.probability(&format!("{path}[{i}].p"), b.p, "a branch probability");
                cumulative += b.p;
                out.push((cumulative, resolve(c, &format!("{path}[{i}].to"), &b.to, names)));
            }
            if !branches.is_empty() {
                c.sums_to_one(path, branches.iter().map(|b| b.p), "branch probabilities");
            }
            if let Some(last) = out.last_mut() {
                last.0 = 1.0;
            }
            Next::Split(out)
        }
        RawNext::Choose(branches) => {
            let mut out = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                let condition = check_condition(c, &format!("{path}[{i}].when"), &b.when, population, flags);
                out.push((condition, resolve(c, &format!("{path}[{i}].to"), &b.to, names)));
            }
            if !matches!(branches.last().map(|b| &b.when), Some(RawCondition::Always)) {
                c.error(
                    path,
                    "agents that match none of the conditions would have nowhere to go",
                    Some("end the list with a fallback branch: (when: Always, to: \"...\")"),
                );
            }
            Next::Choose(out)
        }
    }
}

/// Every stage must be reachable from a source and able to reach the exit.
pub(super) fn check_graph(c: &mut Checker, stages: &[Stage], pools: &[Pool], sources: &[Source]) {
    let n = stages.len();
    let reachable = reachable_from(
        sources.iter().flat_map(|s| std::iter::once(s.entry).chain(s.bags_entry)),
        stages,
        pools,
    );
    for (s, stage) in stages.iter().enumerate() {
        if !reachable[s] {
            c.error(
                format!("routing.{}", stage.name),
                format!(
                    "stage \"{}\" is unreachable: no source enters it and no stage routes to it",
                    stage.name
                ),
                Some("route to it from another stage, or remove it"),
            );
        }
    }
    // Stages that can reach the exit, by fixpoint over the edges.
    let mut exits = vec![false; n];
    loop {
        let mut changed = false;
        for (s, stage) in stages.iter().enumerate() {
            let reaches = successors(stage, pools).iter().any(|t| match t {
                Target::Exit => true,
                Target::Stage(id) => exits[*id],
            });
            if reaches && !exits[s] {
                exits[s] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (s, stage) in stages.iter().enumerate() {
        if reachable[s] && !exits[s] {
            c.error(
                format!("routing.{}.next", stage.name),
                format!(
                    "agents at stage \"{}\" can never leave: every route from it loops back without reaching \"exit\"",
                    stage.name
                ),
                Some("give the cycle a branch to \"exit\" or to a stage that leads there"),
            );
        }
    }
}
