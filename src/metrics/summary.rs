//! The result of a run: a summary with stable, documented keys, and the series.

use serde::{Deserialize, Serialize};

use super::collector::Collector;
use super::group_summary::GroupsSummary;
use super::histogram::Quantiles;
use super::segments::SegmentSummary;
use super::series::Series;
use super::stability::{Stability, assess};
pub use super::stage_summary::{Little, StageSummary};
use super::targets::{TargetOutcome, evaluate};
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::network::ProcessNetwork;

/// The KPIs of one pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolSummary {
    /// Largest staffed count.
    pub servers_max: u32,
    /// Mean busy servers.
    pub mean_busy: f64,
    /// Busy share of on-duty server time.
    pub utilisation: f64,
    /// Hours of officers on duty, shift overruns included (people only: 0 for a pool of
    /// machines, `automated: true`).
    pub officer_hours: f64,
    /// Hours of machines on duty (`automated: true` pools; 0 for people's pools).
    #[serde(default)]
    pub machine_hours: f64,
    /// Collaborative robots, when the pool has them.
    pub robots: Option<RobotSummary>,
}

/// What a pool's robots did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RobotSummary {
    /// Robots in the fleet.
    pub count: u32,
    /// Services assisted.
    pub assists: u64,
    /// Share of the fleet's time spent assisting.
    pub utilisation: f64,
    /// Hours spent charging.
    pub charging_hours: f64,
}

/// Everything `summary.json` holds. Keys are stable; see the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Version of porttwin that produced it.
    pub porttwin_version: String,
    /// Scenario name.
    pub scenario: String,
    /// Seed of the run.
    pub seed: u64,
    /// Scenario duration, seconds.
    pub duration_s: f64,
    /// Simulated time actually covered (longer when draining), seconds.
    pub simulated_s: f64,
    /// Agents that arrived.
    pub arrived: u64,
    /// Agents that completed their journey and left.
    pub served: u64,
    /// Agents that left because a queue was full.
    pub balked: u64,
    /// Agents still in the port at the end.
    pub in_system_at_end: u64,
    /// Time from arrival to exit, seconds.
    pub time_in_system_s: Quantiles,
    /// Time from arrival to exit per traveller type, seconds.
    pub time_in_system_by_type_s: OrderedMap<Quantiles>,
    /// Per-stage KPIs.
    pub stages: OrderedMap<StageSummary>,
    /// Per-pool KPIs.
    pub pools: OrderedMap<PoolSummary>,
    /// Exits in each hour of the run.
    pub throughput_per_hour: Vec<u64>,
    /// Whether queues were under control.
    pub stability: Stability,
    /// The scenario's service-level targets and whether they were met.
    pub targets: Vec<TargetOutcome>,
    /// KPIs per batch label, source, agent type and attribute value.
    #[serde(default)]
    pub groups: GroupsSummary,
    /// KPIs of each journey segment the scenario defines.
    #[serde(default)]
    pub segments: OrderedMap<SegmentSummary>,
    /// Each domain's section, under the domain's name (`passengers`, `cargo`, …), in
    /// registration order.
    #[serde(flatten)]
    pub domains: OrderedMap<serde_json::Value>,
    /// What the run cost and its seizures were worth, when the scenario has a `costs` section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<super::costs::CostSummary>,
    /// 64-bit digest of every service start and exit, as 16 hex digits.
    pub digest: String,
    /// Micro fidelity's measurements: densities, queue extents, portal scans, spill-back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub micro: Option<super::micro::MicroSummary>,
}

impl Summary {
    /// Domain `name`'s section, read as `T` (e.g. `summary.section::<PassengerSummary>("passengers")`);
    /// `None` when the run had no such domain.
    pub fn section<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        let value = self.domains.get(name)?;
        serde_json::from_value(value.clone()).ok()
    }
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// KPIs.
    pub summary: Summary,
    /// Per-minute series.
    pub series: Series,
    /// Stage names, in series column order.
    pub stage_names: Vec<String>,
    /// Pool names, in series column order.
    pub pool_names: Vec<String>,
    /// Waiting-time histograms per stage, for plots.
    pub wait_histograms: Vec<super::histogram::LogHistogram>,
    /// Per-minute density per zone (micro fidelity).
    pub density: Option<super::micro::DensitySeries>,
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 { numerator / denominator } else { 0.0 }
}

impl RunResult {
    /// Summarises a finished run.
    pub fn new(network: &ProcessNetwork, collector: Collector, seed: u64) -> Self {
        let scenario = network.scenario();
        let elapsed_ms = network.now().0 as f64;
        let elapsed_s = elapsed_ms / 1000.0;
        let mut waiting_count = vec![0u64; scenario.stages.len()];
        let mut waiting_ms = vec![0u128; scenario.stages.len()];
        for (stage, waited) in network.waiting() {
            waiting_count[stage] += 1;
            waiting_ms[stage] += waited.0 as u128;
        }
        let pools = OrderedMap(
            scenario
                .pools
                .iter()
                .zip(&collector.pools)
                .enumerate()
                .map(|(p, (pool, stats))| {
                    let on_duty_h = stats.on_duty_area as f64 / 3_600_000.0;
                    let summary = PoolSummary {
                        servers_max: pool.max_servers(),
                        mean_busy: ratio(stats.busy_area as f64, elapsed_ms),
                        utilisation: ratio(stats.busy_area as f64, stats.on_duty_area as f64),
                        officer_hours: if pool.automated { 0.0 } else { on_duty_h },
                        machine_hours: if pool.automated { on_duty_h } else { 0.0 },
                        robots: network.pools()[p].robots.as_ref().map(|fleet| RobotSummary {
                            count: fleet.count(),
                            assists: fleet.assists,
                            utilisation: ratio(fleet.assisting.0 as f64, elapsed_ms * fleet.count() as f64),
                            charging_hours: fleet.charging.0 as f64 / 3_600_000.0,
                        }),
                    };
                    (pool.name.clone(), summary)
                })
                .collect(),
        );
        let stages = OrderedMap(
            scenario
                .stages
                .iter()
                .enumerate()
                .map(|(s, stage)| {
                    let stats = &collector.stages[s];
                    let pool = stage.pool.map(|p| (&scenario.pools[p], &collector.pools[p], &pools.0[p].1));
                    let all_waits_ms = stats.wait.sum_ms() + waiting_ms[s];
                    let summary = StageSummary {
                        pool: pool.map(|(p, _, _)| p.name.clone()),
                        entered: stats.entered,
                        served: stats.served,
                        balked: stats.balked,
                        in_queue_at_end: waiting_count[s],
                        wait_s: stats.wait.summary(),
                        waited_share: stats.wait.fraction_above(0),
                        mean_queue: ratio(stats.queue_area as f64, elapsed_ms),
                        max_queue: stats.max_queue,
                        mean_service_s: ratio(stats.service_ms as f64 / 1000.0, stats.served as f64),
                        utilisation: pool.map_or(0.0, |(_, _, p)| p.utilisation),
                        offered_load: pool.map_or(0.0, |(p, ps, _)| {
                            ratio(stats.services_asked as f64 * p.mean_service_s, ps.staffed_area as f64 / 1000.0)
                        }),
                        little: Little {
                            mean_queue: ratio(stats.queue_area as f64, elapsed_ms),
                            arrival_rate_per_s: ratio(stats.entered as f64, elapsed_s),
                            mean_wait_s: ratio(all_waits_ms as f64 / 1000.0, stats.entered as f64),
                        },
                    };
                    (stage.name.clone(), summary)
                })
                .collect(),
        );
        let stability = assess(scenario, &stages, &collector.stages, network);
        let waits: Vec<_> = collector.stages.iter().map(|s| s.wait.clone()).collect();
        let targets = evaluate(
            scenario,
            collector.groups.everyone(&collector.time_in_system),
            &collector.time_in_system_by_type,
            &waits,
        );
        let (groups, segments) = super::group_summary::summarise(scenario, &collector.groups);
        let summary = Summary {
            porttwin_version: env!("CARGO_PKG_VERSION").to_string(),
            scenario: scenario.meta.name.clone(),
            seed,
            duration_s: scenario.meta.duration.as_secs_f64(),
            simulated_s: elapsed_s,
            arrived: collector.arrived,
            served: collector.exited,
            balked: collector.balked,
            in_system_at_end: collector.in_system as u64,
            time_in_system_s: collector.time_in_system.summary(),
            time_in_system_by_type_s: OrderedMap(
                scenario
                    .population
                    .types
                    .iter()
                    .zip(&collector.time_in_system_by_type)
                    .map(|(t, h)| (t.name.clone(), h.summary()))
                    .collect(),
            ),
            stages,
            pools,
            throughput_per_hour: collector.exits_per_hour.clone(),
            stability,
            targets,
            groups,
            segments,
            domains: OrderedMap(
                scenario
                    .domains
                    .iter()
                    .zip(network.domains())
                    .map(|(model, run)| (model.name().to_string(), run.summary()))
                    .collect(),
            ),
            costs: None,
            digest: collector.digest.hex(),
            micro: None,
        };
        let costs = scenario.costs.as_ref().map(|c| super::costs::summarise(c, &summary));
        let summary = Summary { costs, ..summary };
        RunResult {
            summary,
            series: collector.series,
            stage_names: scenario.stages.iter().map(|s| s.name.clone()).collect(),
            pool_names: scenario.pools.iter().map(|p| p.name.clone()).collect(),
            wait_histograms: waits,
            density: None,
        }
    }
}
