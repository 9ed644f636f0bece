//! Replaying an event log on a scenario: a source's logged arrivals become its [`Trace`]
//! (the `Trace(file: ..)` arrivals variant, or `porttwin run --replay LOG`), and a forced
//! replay also takes the logged staffing, breakdowns and repairs ([`Forced`]). Names in the
//! log (sources, types, attributes, pools) must be the scenario's; each one that is not is a
//! problem located at its line and field.

use std::collections::HashMap;
use std::sync::Arc;

use super::model::{Arrivals, Pool, Population, Scenario};
use super::trace::{Forced, ForcedChange, Trace, TraceItem, TracedArrival};
use crate::eventlog::{Log, LogError, LogEvent, LogProblem, Record};

fn problem(log: &Log, event: &LogEvent, field: &str, message: String) -> LogProblem {
    LogProblem {
        file: log.file.clone(),
        line: event.line,
        field: field.to_string(),
        message,
    }
}

enum Pending {
    Lone(TracedArrival),
    Batch {
        label: String,
        at: crate::sim::time::SimTime,
        arrivals: Vec<TracedArrival>,
    },
}

/// The arrivals of source `source` in `log`, with types and attributes resolved against `population`.
pub fn trace_of(log: &Log, source: &str, population: &Population) -> Result<Trace, Vec<LogProblem>> {
    let mut problems = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut batches: HashMap<&str, usize> = HashMap::new();
    for event in &log.events {
        match &event.record {
            Record::Batch { source: s, label, .. } if s == source => {
                batches.insert(event.id.as_str(), pending.len());
                pending.push(Pending::Batch {
                    label: label.clone(),
                    at: event.at,
                    arrivals: Vec::new(),
                });
            }
            Record::Arrival {
                source: s,
                agent_type,
                seed,
                attributes,
                batch,
                ..
            } if s == source => {
                let type_id = match agent_type {
                    None => None,
                    Some(name) => match population.types.iter().position(|t| &t.name == name) {
                        Some(t) => Some(t),
                        None => {
                            let known: Vec<&str> = population.types.iter().map(|t| t.name.as_str()).collect();
                            problems.push(problem(
                                log,
                                event,
                                "data.agent_type",
                                format!("type \"{name}\" is not in the scenario's population (it has: {})", known.join(", ")),
                            ));
                            continue;
                        }
                    },
                };
                let mut bits = None;
                if let Some(names) = attributes {
                    let mut set = 0u64;
                    for name in names {
                        match population.attributes.iter().position(|a| a == name) {
                            Some(bit) => set |= 1 << bit,
                            None => problems.push(problem(
                                log,
                                event,
                                "data.attributes",
                                format!(
                                    "attribute \"{name}\" is not one of the scenario's ({})",
                                    population.attributes.join(", ")
                                ),
                            )),
                        }
                    }
                    bits = Some(set);
                }
                let arrival = TracedArrival {
                    at: event.at,
                    type_id,
                    seed: *seed,
                    attributes: bits,
                };
                match batch {
                    None => pending.push(Pending::Lone(arrival)),
                    Some(id) => match batches.get(id.as_str()).map(|&i| &mut pending[i]) {
                        Some(Pending::Batch { arrivals, .. }) => arrivals.push(arrival),
                        _ => problems.push(problem(
                            log,
                            event,
                            "data.batch",
                            format!("no batch event with id \"{id}\" of source \"{source}\" comes before this arrival"),
                        )),
                    },
                }
            }
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut trace = Trace::default();
    for item in pending {
        match item {
            Pending::Lone(arrival) => {
                trace.items.push(TraceItem::Single(trace.arrivals.len() as u32));
                trace.arrivals.push(arrival);
            }
            Pending::Batch { label, at, arrivals } => {
                trace.items.push(TraceItem::Batch {
                    at,
                    first: trace.arrivals.len() as u32,
                    count: arrivals.len() as u32,
                    label: trace.labels.len() as u32,
                });
                trace.labels.push(label);
                trace.arrivals.extend(arrivals);
            }
        }
    }
    Ok(trace)
}

/// The staffing, breakdowns and repairs of `log`, by the scenario's `pools`.
pub fn forced_of(log: &Log, pools: &[Pool]) -> Result<Forced, Vec<LogProblem>> {
    let mut problems = Vec::new();
    let mut forced = Forced::default();
    for event in &log.events {
        let (name, change): (&str, &dyn Fn(usize) -> ForcedChange) = match &event.record {
            Record::Staffing { pool, rostered, .. } => (pool, &|pool| ForcedChange::Staffing { pool, rostered: *rostered }),
            Record::Breakdown { pool } => (pool, &|pool| ForcedChange::Breakdown { pool }),
            Record::Repair { pool } => (pool, &|pool| ForcedChange::Repair { pool }),
            _ => continue,
        };
        match pools.iter().position(|p| p.name == name) {
            Some(p) => forced.changes.push((event.at, change(p))),
            None => {
                let known: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
                problems.push(problem(
                    log,
                    event,
                    "data.pool",
                    format!("pool \"{name}\" is not in the scenario (it has: {})", known.join(", ")),
                ));
            }
        }
    }
    if problems.is_empty() { Ok(forced) } else { Err(problems) }
}

/// `scenario` driven by `log`: every source takes its logged arrivals (a source the log never
/// names gets none), and with `forced` the logged staffing and breakdowns replace the rosters
/// and breakdown laws. Arrivals from a source the scenario lacks are problems.
pub fn replay(scenario: &Scenario, log: &Log, forced: bool) -> Result<Scenario, LogError> {
    let mut problems = Vec::new();
    for event in &log.events {
        if let Record::Arrival { source, .. } | Record::Batch { source, .. } = &event.record
            && !scenario.sources.iter().any(|s| &s.name == source)
        {
            let known: Vec<&str> = scenario.sources.iter().map(|s| s.name.as_str()).collect();
            problems.push(problem(
                log,
                event,
                "data.source",
                format!("source \"{source}\" is not in the scenario (it has: {})", known.join(", ")),
            ));
        }
    }
    let mut replayed = scenario.clone();
    for source in &mut replayed.sources {
        match trace_of(log, &source.name, &scenario.population) {
            Ok(trace) => source.arrivals = Arrivals::Trace(Arc::new(trace)),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if forced {
        match forced_of(log, &scenario.pools) {
            Ok(changes) => replayed.forced = Some(Arc::new(changes)),
            Err(mut found) => problems.append(&mut found),
        }
    }
    problems.sort_by_key(|p| p.line);
    if problems.is_empty() {
        Ok(replayed)
    } else {
        Err(LogError::Invalid(problems))
    }
}
