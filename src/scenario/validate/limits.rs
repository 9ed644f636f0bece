//! Resource limits, checked before anything runs: what a run would hold at once (agents in the
//! port, the arrivals of one batch, the per-minute series), how many arrivals it would
//! simulate, and whether each entrance area can take the pedestrians sent to it.
//!
//! Every estimate is a lower bound on what the run would really need, so a scenario is refused
//! only when it cannot fit; the figures and their reasons are in docs/reliability.md.

use super::Checker;
use super::entrance_capacity::capacity;
use super::fluid::{arrivals_per_hour, holding};
use crate::scenario::layout::{Entrance, Layout};
use crate::scenario::model::{Fidelity, Meta, Pool, Source, Stage};
use crate::scenario::raw::{RawArrivals, RawScenario};
use crate::scenario::raw_incidents::RawIncident;
use crate::sim::agent::Agent;
use crate::sim::time::MS_PER_HOUR;

/// What a run may plan to hold in memory at once (agents, pending arrivals, the series).
/// Fixed rather than read from the machine, so a scenario valid here is valid everywhere;
/// `porttwin --max-memory` guards the machine itself.
pub(crate) const PLANNED_MEMORY_BYTES: f64 = 8.0 * GIB;

/// Most arrivals one run may simulate: at about a microsecond each (W1's 120,000 travellers
/// take 0.09 s in a release build), 10^9 arrivals already take a quarter of an hour.
pub(crate) const MAX_ARRIVALS_PER_RUN: f64 = 1e9;

/// Bytes an agent in the port costs: its slot, a queue entry and a pending event.
const BYTES_PER_AGENT: f64 = (std::mem::size_of::<Option<Agent>>() + 4 + CALENDAR_ENTRY_BYTES) as f64;

/// A pending event in the calendar (time, sequence number, event), and the batch's arrival time.
const CALENDAR_ENTRY_BYTES: usize = 32;

/// Bytes a batch's arrival costs while the batch is pending: its time and its calendar entry.
const BYTES_PER_PENDING_ARRIVAL: f64 = (8 + CALENDAR_ENTRY_BYTES) as f64;

/// Bytes one series cell costs: its `u32` sample, and its text in `series.csv`.
const BYTES_PER_SERIES_CELL: f64 = 4.0 + 8.0;

/// A draining run's longest tail (as the event loop cuts it off).
const DRAIN_LIMIT_H: f64 = 7.0 * 24.0;

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The validated parts the limits look at.
pub(super) struct Plan<'a> {
    pub meta: &'a Meta,
    pub sources: &'a [Source],
    pub pools: &'a [Pool],
    pub stages: &'a [Stage],
    pub layout: Option<&'a Layout>,
}

/// Checks every limit; records a located error with a hint for each one exceeded.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, plan: &Plan) {
    check_batches(c, raw);
    let hours = (plan.meta.duration.0.div_ceil(MS_PER_HOUR)) as usize;
    check_arrivals(c, plan, hours);
    check_holding(c, plan, hours);
    check_series(c, plan);
    if plan.meta.fidelity == Fidelity::Micro
        && let Some(layout) = plan.layout
    {
        check_entrances(c, raw, plan, layout);
    }
}

fn gib(bytes: f64) -> String {
    format!("{:.1} GiB", bytes / GIB)
}

/// Counts with thousands separators, as the KPI table prints them.
fn count(n: f64) -> String {
    let digits = format!("{:.0}", n.min(1e30));
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One batch (or surge) is put in the event calendar whole when it starts.
fn check_batches(c: &mut Checker, raw: &RawScenario) {
    let largest = (PLANNED_MEMORY_BYTES / BYTES_PER_PENDING_ARRIVAL).floor();
    let check_one = |c: &mut Checker, path: String, n: i64| {
        let bytes = n as f64 * BYTES_PER_PENDING_ARRIVAL;
        if bytes > PLANNED_MEMORY_BYTES {
            c.error(
                path,
                format!(
                    "a batch of {} arrivals is held at once when it starts (about {}), more than the {} a run may plan to hold",
                    count(n as f64),
                    gib(bytes),
                    gib(PLANNED_MEMORY_BYTES)
                ),
                Some(&format!(
                    "split it into batches of at most {}, or describe the demand as `Hourly` arrivals",
                    count(largest)
                )),
            );
        }
    };
    for (i, source) in raw.demand.iter().enumerate() {
        if let RawArrivals::Schedule { batches, .. } = &source.arrivals {
            for (j, batch) in batches.iter().enumerate() {
                check_one(c, format!("demand[{i}].arrivals.batches[{j}].count"), batch.count);
            }
        }
    }
    for (i, incident) in raw.incidents.iter().enumerate() {
        if let RawIncident::Surge { count, .. } = incident {
            check_one(c, format!("incidents[{i}].count"), *count);
        }
    }
}

fn check_arrivals(c: &mut Checker, plan: &Plan, hours: usize) {
    let per_source: Vec<f64> = plan.sources.iter().map(|s| arrivals_per_hour(s, hours).iter().sum()).collect();
    let total: f64 = per_source.iter().sum();
    if total > MAX_ARRIVALS_PER_RUN {
        let busiest = (0..per_source.len())
            .max_by(|a, b| per_source[*a].total_cmp(&per_source[*b]))
            .unwrap_or(0);
        c.error(
            format!("demand[{busiest}].arrivals"),
            format!(
                "the run would simulate about {} arrivals, more than the {} one run may take",
                count(total),
                count(MAX_ARRIVALS_PER_RUN)
            ),
            Some("lower the demand, or split the period into shorter runs (a sweep runs them in parallel)"),
        );
    }
}

fn check_holding(c: &mut Checker, plan: &Plan, hours: usize) {
    let held = holding(plan.sources, plan.pools, plan.stages, hours);
    let bytes = held.peak * BYTES_PER_AGENT;
    if bytes <= PLANNED_MEMORY_BYTES {
        return;
    }
    let (Some(pool), Some(source)) = (held.pool, held.source) else {
        return;
    };
    let pool = &plan.pools[pool];
    let per_hour = f64::from(pool.max_servers()) * 3600.0 / pool.mean_service_s.max(f64::MIN_POSITIVE);
    c.error(
        format!("demand[{source}].arrivals"),
        format!(
            "about {} agents would wait in the port at once by hour {} (pool \"{}\" serves at most {} an hour and has no `capacity`), needing about {}, more than the {} a run may plan to hold",
            count(held.peak),
            held.peak_hour + 1,
            pool.name,
            count(per_hour),
            gib(bytes),
            gib(PLANNED_MEMORY_BYTES)
        ),
        Some(&format!(
            "lower the demand, add servers to \"{}\", or give it a `capacity` so that arrivals beyond it balk",
            pool.name
        )),
    );
}

fn check_series(c: &mut Checker, plan: &Plan) {
    let hours = plan.meta.duration.as_secs_f64() / 3600.0 + if plan.meta.drain { DRAIN_LIMIT_H } else { 0.0 };
    let rows = hours * 60.0 + 1.0;
    let columns = (3 + plan.stages.len() + 2 * plan.pools.len()) as f64;
    let bytes = rows * columns * BYTES_PER_SERIES_CELL;
    if bytes > PLANNED_MEMORY_BYTES {
        c.error(
            "meta.duration_h",
            format!(
                "the per-minute series would hold {} rows of {} columns (about {}), more than the {} a run may plan to hold",
                count(rows),
                count(columns),
                gib(bytes),
                gib(PLANNED_MEMORY_BYTES)
            ),
            Some("shorten the run, or split it into shorter runs"),
        );
    }
}

/// Pedestrians of one batch arriving within a minute must fit in their entrance area at once.
fn check_entrances(c: &mut Checker, raw: &RawScenario, plan: &Plan, layout: &Layout) {
    let radius_m = layout.pedestrians.radius_m;
    for (i, (source, entrance)) in plan.sources.iter().zip(&layout.entrances).enumerate() {
        let Entrance::Area { polygon, grid_m } = entrance else {
            continue;
        };
        let holds = capacity(layout, polygon, *grid_m, radius_m).floor();
        let where_ = format!("layout.entrances.{}", source.name);
        if holds < 1.0 {
            c.error(
                where_,
                format!(
                    "no pedestrian fits in the entrance area of source \"{}\" (radius {radius_m} m): its travellers would wait for ever",
                    source.name
                ),
                Some("make the area larger and walkable, or the grid finer"),
            );
            continue;
        }
        let Some(raw_source) = raw.demand.get(i) else { continue };
        match &raw_source.arrivals {
            RawArrivals::Hourly { .. } => {
                let peak = arrivals_per_hour(source, 24).iter().copied().fold(0.0, f64::max) / 60.0;
                if peak > holds {
                    c.error(
                        format!("demand[{i}].arrivals.daily_total"),
                        format!(
                            "about {} pedestrians a minute arrive in the busiest hour, but the entrance area of \"{}\" holds about {} at once",
                            count(peak),
                            source.name,
                            count(holds)
                        ),
                        Some("enlarge the entrance area, or lower the demand"),
                    );
                }
            }
            RawArrivals::Trace { .. } => {}
            RawArrivals::Schedule { batches, .. } => {
                for (j, batch) in batches.iter().enumerate() {
                    let minutes = batch.spread_min.max(0.0);
                    let first_minute = batch.count as f64 * if minutes > 1.0 { 1.0 / minutes } else { 1.0 };
                    if first_minute > holds {
                        let needed = (batch.count as f64 / holds).ceil();
                        c.error(
                            format!("demand[{i}].arrivals.batches[{j}].count"),
                            format!(
                                "{} pedestrians arrive within a minute, but the entrance area of \"{}\" holds about {} at once",
                                count(first_minute),
                                source.name,
                                count(holds)
                            ),
                            Some(&format!(
                                "spread the batch over at least {needed:.0} minutes (`spread_min`), enlarge the entrance area, or split the batch"
                            )),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(count(4_000_000_000.0), "4,000,000,000");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1000.0), "1,000");
    }

    #[test]
    fn an_agent_costs_a_few_hundred_bytes() {
        assert!((64.0..1024.0).contains(&BYTES_PER_AGENT), "{BYTES_PER_AGENT}");
    }
}
