//! A fluid estimate of how many agents a run holds at once: arrivals per hour pour into the
//! first pool of each source's route, which drains at its staffed servers over the mean
//! service time; what it cannot serve waits (or balks beyond the pool's `capacity`). A vehicle
//! or group at a pool that serves occupant by occupant brings its mean number of occupants'
//! services.
//!
//! Only routes known before the run are followed (`To` and the shares of `Split`); a `Choose`
//! depends on travellers' attributes, so its pools are left out. The estimate therefore never
//! counts an agent who could not be there, which is what a refusal needs.

use crate::scenario::model::{Arrivals, Next, Pool, Source, Stage, Target};
use crate::sim::time::MS_PER_HOUR;

/// Decision stages followed from an entry before the search for its first pool stops.
const MAX_HOPS: usize = 64;

/// What the estimate found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Holding {
    /// Most agents waiting at once, over the run.
    pub peak: f64,
    /// Hour of the run (from 0) when the peak is reached.
    pub peak_hour: usize,
    /// The pool holding most of them at that hour.
    pub pool: Option<usize>,
    /// The source sending most arrivals to that pool.
    pub source: Option<usize>,
}

/// Expected arrivals of `source` in each hour of a run of `hours` hours.
pub(super) fn arrivals_per_hour(source: &Source, hours: usize) -> Vec<f64> {
    let mut per_hour = vec![0.0; hours];
    match &source.arrivals {
        Arrivals::Hourly { rate_per_s } => {
            for (h, slot) in per_hour.iter_mut().enumerate() {
                *slot = rate_per_s[h % 24] * 3600.0;
            }
        }
        Arrivals::Schedule { batches, daily } => {
            let days = if *daily { hours.div_ceil(24) } else { 1 };
            for day in 0..days {
                for batch in batches {
                    let hour = (batch.at.0 / MS_PER_HOUR) as usize + day * 24;
                    if let Some(slot) = per_hour.get_mut(hour) {
                        *slot += f64::from(batch.count);
                    }
                }
            }
        }
        Arrivals::Trace(trace) => {
            for arrival in &trace.arrivals {
                if let Some(slot) = per_hour.get_mut((arrival.at.0 / MS_PER_HOUR) as usize) {
                    *slot += 1.0;
                }
            }
        }
    }
    per_hour
}

/// The pools an agent entering at `entry` reaches first, with the share of agents reaching each.
fn first_pools(stages: &[Stage], entry: usize) -> Vec<(usize, f64)> {
    let mut found = Vec::new();
    let mut todo = vec![(entry, 1.0, 0)];
    while let Some((stage, share, hops)) = todo.pop() {
        let Some(at) = stages.get(stage) else { continue };
        if let Some(pool) = at.pool {
            found.push((pool, share));
            continue;
        }
        if hops >= MAX_HOPS {
            continue;
        }
        let mut follow = |target: Target, part: f64| {
            if let Target::Stage(next) = target {
                todo.push((next, share * part, hops + 1));
            }
        };
        match &at.next {
            Next::To(target) => follow(*target, 1.0),
            Next::Split(cumulative) => {
                let mut below = 0.0;
                for (up_to, target) in cumulative {
                    follow(*target, (up_to - below).max(0.0));
                    below = *up_to;
                }
            }
            Next::Choose(_) => {}
        }
    }
    found
}

/// The fluid estimate over a run of `hours` hours (arrivals stop after them; queues then drain).
pub(super) fn holding(sources: &[Source], pools: &[Pool], stages: &[Stage], hours: usize) -> Holding {
    // Services (not agents) pour in and queue; agents waiting follow from each pool's mean
    // services per agent.
    let mut inflow = vec![vec![0.0; pools.len()]; hours];
    let mut main_source: Vec<(f64, Option<usize>)> = vec![(0.0, None); pools.len()];
    let (mut agents_in, mut services_in) = (vec![0.0; pools.len()], vec![0.0; pools.len()]);
    for (s, source) in sources.iter().enumerate() {
        let arrivals = arrivals_per_hour(source, hours);
        let total: f64 = arrivals.iter().sum();
        for (pool, share) in first_pools(stages, source.entry) {
            let services = match (&source.occupants, pools[pool].per_occupant) {
                (Some(occupants), true) => occupants.mean(),
                _ => 1.0,
            };
            for (hour, a) in inflow.iter_mut().zip(&arrivals) {
                hour[pool] += a * share * services;
            }
            agents_in[pool] += total * share;
            services_in[pool] += total * share * services;
            if total * share > main_source[pool].0 {
                main_source[pool] = (total * share, Some(s));
            }
        }
    }
    let services_per_agent: Vec<f64> = agents_in
        .iter()
        .zip(&services_in)
        .map(|(a, s)| if *a > 0.0 { s / a } else { 1.0 })
        .collect();
    let mut queues = vec![0.0; pools.len()];
    let mut best = Holding {
        peak: 0.0,
        peak_hour: 0,
        pool: None,
        source: None,
    };
    for (hour, arriving) in inflow.iter().enumerate() {
        for (p, pool) in pools.iter().enumerate() {
            let mean_s = pool.mean_service_s;
            let served = if mean_s > 0.0 {
                f64::from(pool.roster[hour % 24]) * 3600.0 / mean_s
            } else {
                f64::INFINITY
            };
            let mut queue = (queues[p] + arriving[p] - served).max(0.0);
            if let Some(capacity) = pool.capacity {
                queue = queue.min(f64::from(capacity) * services_per_agent[p]);
            }
            queues[p] = queue;
        }
        let waiting: Vec<f64> = queues.iter().zip(&services_per_agent).map(|(q, s)| q / s).collect();
        let total: f64 = waiting.iter().sum();
        if total > best.peak {
            let pool = (0..pools.len()).max_by(|a, b| waiting[*a].total_cmp(&waiting[*b]));
            best = Holding {
                peak: total,
                peak_hour: hour,
                pool,
                source: pool.and_then(|p| main_source[p].1),
            };
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    fn scenario(daily_total: f64, servers: u32, capacity: &str) -> crate::scenario::Scenario {
        with_cars(daily_total, servers, capacity, "")
    }

    /// The hall's arrivals are cars of two when `cars` is `per_occupant: true`, else people.
    fn with_cars(daily_total: f64, servers: u32, capacity: &str, cars: &str) -> crate::scenario::Scenario {
        let (population, occupants) = match cars {
            "" => ("", ""),
            _ => (
                r#"population: [(name: "adult", share: 1.0), (name: "car", share: 0.0)],"#,
                r#"mix: {"car": 1.0}, occupants: (sizes: {"2": 1.0}, types: {"adult": 1.0}),"#,
            ),
        };
        let text = format!(
            r#"Scenario(
    meta: (name: "q", duration_h: 24.0),
    {population}
    demand: [(name: "in", entry: "hall", {occupants} arrivals: Hourly(daily_total: {daily_total}, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{"desks": (servers: {servers}, service: Constant(s: 60){capacity}{cars})}},
    routing: {{
        "hall": (next: Split([(p: 0.5, to: "desk"), (p: 0.5, to: "exit")])),
        "desk": (pool: "desks", next: To("exit")),
    }},
)"#
        );
        parse(&text, "q.ron").unwrap()
    }

    fn estimate(s: &crate::scenario::Scenario) -> Holding {
        holding(&s.sources, &s.pools, &s.stages, 24)
    }

    #[test]
    fn a_pool_with_enough_servers_holds_nobody() {
        // 2,400 a day, half of them to 1 desk serving 60 an hour: 50 an hour arrive.
        assert_eq!(estimate(&scenario(2400.0, 1, "")).peak, 0.0);
    }

    #[test]
    fn an_overloaded_pool_accumulates_what_it_cannot_serve() {
        // 4,800 a day, half to one desk: 100 an hour arrive, 60 are served, 40 an hour stay.
        let h = estimate(&scenario(4800.0, 1, ""));
        assert!((h.peak - 40.0 * 24.0).abs() < 1e-6, "{h:?}");
        assert_eq!((h.peak_hour, h.pool, h.source), (23, Some(0), Some(0)));
    }

    #[test]
    fn a_pool_serving_occupant_by_occupant_is_loaded_by_each_occupant() {
        // 2,400 cars of two a day, half to one desk: 50 cars an hour ask for 100 services of
        // 60 s; 60 are served, so 40 services (20 cars) an hour stay.
        let h = estimate(&with_cars(2400.0, 1, "", ", per_occupant: true"));
        assert!((h.peak - 20.0 * 24.0).abs() < 1e-6, "{h:?}");
        let capped = estimate(&with_cars(2400.0, 1, ", capacity: 100", ", per_occupant: true"));
        assert!((capped.peak - 100.0).abs() < 1e-9, "the capacity counts cars: {capped:?}");
    }

    #[test]
    fn a_queue_capacity_caps_the_estimate() {
        let h = estimate(&scenario(4800.0, 1, ", capacity: 100"));
        assert_eq!(h.peak, 100.0);
    }
}
