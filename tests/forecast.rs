//! Forecasts from a snapshot: the same whatever the number of workers, a different future per
//! replication, common random numbers across variants, and more desks shorten the forecast
//! desk queue.

use porttwin::sim::time::{MS_PER_HOUR, SimTime, parse_clock};
use porttwin::twin::drive::{Plan, run};
use porttwin::twin::forecast::{self, Forecast, ForecastResult, Variant};
use porttwin::twin::{ScenarioFile, Snapshot};
use porttwin::{RunOptions, Seed};

const DAY: &str = "scenarios/land_port_day.ron";
const SPEC: &str = "scenarios/sweeps/forecast_desks.ron";

fn snapshot_at_eight() -> Snapshot {
    let scenario = porttwin::scenario::load(DAY.as_ref()).unwrap();
    let file = ScenarioFile::read(DAY.as_ref()).unwrap();
    let mut taken = Vec::new();
    let at = [parse_clock("08:00").unwrap()];
    let plan = Plan {
        file: &file,
        from: None,
        snapshot_at: &at,
    };
    run(
        &scenario,
        Seed(42),
        &RunOptions::default(),
        &plan,
        |s| {
            taken.push(s);
            Ok(())
        },
        |_| {},
    )
    .unwrap();
    taken.pop().unwrap()
}

/// The spec's two variants: the desks as rostered, and three more on every shift.
fn variants() -> Vec<Variant> {
    let spec = porttwin::sweep::spec::load(SPEC.as_ref()).unwrap();
    spec.variants
        .iter()
        .map(|v| Variant {
            name: v.name.clone(),
            scenario: porttwin::sweep::overrides::apply(&spec.base_text, &spec.base_file, &v.name, &v.overrides).unwrap(),
            changed: !v.overrides.is_empty(),
        })
        .collect()
}

fn forecast(snapshot: &Snapshot, variants: &[Variant], workers: usize) -> ForecastResult {
    forecast::run(&Forecast {
        snapshot: (snapshot, "08:00.snap"),
        variants,
        horizon: SimTime(MS_PER_HOUR),
        replications: 6,
        reseed: true,
        workers,
        bin: SimTime(15 * 60_000),
    })
    .unwrap()
}

#[test]
fn forecasts_are_reproducible_paired_and_respond_to_staffing() {
    let snapshot = snapshot_at_eight();
    let variants = variants();
    let one = forecast(&snapshot, &variants, 1);
    assert_eq!(one, forecast(&snapshot, &variants, 2), "the number of workers changes nothing");
    let [rostered, more] = [&one.variants[0], &one.variants[1]];
    let digests: std::collections::BTreeSet<&str> = rostered.replications.iter().map(|m| m.digest.as_str()).collect();
    assert_eq!(digests.len(), 6, "each replication draws its own future");
    // Common random numbers: the future arrivals are the variants' same draws, so the agents that
    // leave the port in the hour differ little between variants, replication by replication.
    for (a, b) in rostered.replications.iter().zip(&more.replications) {
        let (a, b) = (a.exited as f64, b.exited as f64);
        assert!((a - b).abs() <= 0.05 * a, "replication exits {a} vs {b}");
    }
    let desk = one.stages.iter().position(|s| s == "desk").unwrap();
    let queue_area = |v: &forecast::VariantForecast| -> f64 { v.replications.iter().flat_map(|m| &m.queue[desk]).map(|&q| q as f64).sum() };
    assert!(queue_area(more) < queue_area(rostered), "three more desks shorten the desk queue");
    for target in &rostered.targets {
        assert_eq!(target.met.trials, 6);
        assert!(target.met.low <= target.met.estimate && target.met.estimate <= target.met.high);
    }
}
