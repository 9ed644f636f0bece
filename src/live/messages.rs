//! What a live twin publishes (docs/twin.md, "What the twin publishes"): its KPIs now
//! ([`KPI_TOPIC`], regularly) and each rolling forecast with its fans and alarms
//! ([`FORECAST_TOPIC`]), as JSON objects. The dashboard shows the same messages.

use serde_json::{Value, json};

use super::Feed;
use crate::metrics::targets::evaluate;
use crate::scenario::Scenario;
use crate::sim::time::{MS_PER_MIN, SimTime};
use crate::stepper::Stepper;
use crate::twin::forecast::ForecastResult;
use crate::twin::forecast::alarms::alarms;
use crate::twin::forecast::fan::Band;

/// The topic of the live KPIs.
pub const KPI_TOPIC: &str = "twin/kpi";

/// The topic of the rolling forecasts.
pub const FORECAST_TOPIC: &str = "twin/forecast";

/// The live KPIs now: the clock and watermark, the port's counts, each stage's queue and wait,
/// each pool's staffing, the service targets over the day so far, and the feed's counts.
pub fn kpi(stepper: &Stepper, feed: &Feed) -> Value {
    let metrics = stepper.metrics();
    let scenario = stepper.network().scenario();
    let now = stepper.now();
    let stages: Vec<Value> = scenario
        .stages
        .iter()
        .zip(&metrics.stages)
        .map(|(stage, stats)| {
            let pool = stage.pool.map(|p| {
                let pool = &metrics.pools[p];
                json!({"name": scenario.pools[p].name, "busy": pool.busy, "staffed": pool.staffed})
            });
            json!({
                "name": stage.name,
                "queue": stats.queue,
                "max_queue": stats.max_queue,
                "served": stats.served,
                "wait_mean_s": (stats.wait.count() > 0).then(|| stats.wait.mean_s()),
                "pool": pool,
            })
        })
        .collect();
    let waits: Vec<_> = metrics.stages.iter().map(|s| s.wait.clone()).collect();
    let report = feed.report();
    json!({
        "type": "kpi",
        "scenario": scenario.meta.name,
        "time": now.to_string(),
        "time_ms": now.0,
        "watermark_ms": feed.watermark().0,
        "arrived": metrics.arrived,
        "exited": metrics.exited,
        "balked": metrics.balked,
        "in_port": metrics.in_system,
        "stages": stages,
        "targets": evaluate(scenario, metrics.groups.everyone(&metrics.time_in_system), &metrics.time_in_system_by_type, &waits),
        "feed": {
            "received": report.received,
            "applied": report.applied,
            "observed": report.observed,
            "held": report.held,
            "refused": report.refused.iter().map(|r| r.count).sum::<u64>(),
        },
        "digest": metrics.digest.hex(),
    })
}

/// `[time_ms, p05, p25, p50, p75, p95]` rows of a fan, each band at its time.
fn rows(bands: &[Option<Band>], time: impl Fn(usize) -> SimTime) -> Vec<Value> {
    bands
        .iter()
        .enumerate()
        .filter_map(|(i, band)| band.map(|b| json!([time(i).0, b.p05, b.p25, b.p50, b.p75, b.p95])))
        .collect()
}

/// A rolling forecast of `scenario` from the live state whose digest was `live_digest`: the
/// chance of meeting each target over the window (with its Wilson interval), each replication's
/// digest at the horizon, the queue fan (each minute) and wait fan (each bin's end) of every
/// stage with a queue, and the alarms at `threshold` probability.
pub fn forecast(result: &ForecastResult, scenario: &Scenario, live_digest: &str, threshold: f64) -> Value {
    let variant = &result.variants[0];
    let stages: Vec<Value> = scenario
        .stages
        .iter()
        .enumerate()
        .filter(|(_, stage)| stage.pool.is_some())
        .map(|(s, stage)| {
            json!({
                "name": stage.name,
                "queue": rows(&variant.queue_fan[s], |i| result.from + SimTime(MS_PER_MIN * i as u64)),
                "wait_s": rows(&variant.wait_fan[s], |i| (result.from + SimTime(result.bin.0 * (i as u64 + 1))).min(result.until)),
            })
        })
        .collect();
    json!({
        "type": "forecast",
        "scenario": scenario.meta.name,
        "from": result.from.to_string(),
        "from_ms": result.from.0,
        "until": result.until.to_string(),
        "until_ms": result.until.0,
        "bin_s": result.bin.0 / 1000,
        "replications": result.seeds.len(),
        "live_digest": live_digest,
        "targets": variant.targets,
        "digests": variant.replications.iter().map(|m| m.digest.clone()).collect::<Vec<_>>(),
        "fan": "rows of [time_ms, p05, p25, p50, p75, p95] over the replications",
        "stages": stages,
        "alarm_probability": threshold,
        "alarms": alarms(result, variant, scenario, threshold),
    })
}
