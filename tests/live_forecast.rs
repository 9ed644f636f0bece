//! Forecasts from a live twin's state: the state is handed over to the scenario's own demand
//! (its sources draw their arrivals from the state's time on, its rosters and breakdown laws
//! apply), so a forecast from a live twin that has followed the day's log up to 08:00 agrees
//! with one from the ordinary run's own 08:00 snapshot (the same past) within sampling error.
//! `porttwin run --from` refuses a live snapshot with a message saying what to do instead.

mod common;

use std::process::Command;

use porttwin::live::{Feed, FeedOptions};
use porttwin::sim::time::SimTime;
use porttwin::twin::forecast::{self, Forecast, ForecastResult, Variant};
use porttwin::twin::{ScenarioFile, Snapshot};
use porttwin::{RunOptions, Seed, Stepper};

const SCENARIO: &str = "scenarios/land_port_day.ron";
const EIGHT: SimTime = SimTime(8 * 3_600_000);

/// The live twin fed seed 42's own log up to 08:00, and the ordinary run at 08:00.
fn states() -> (Snapshot, Snapshot) {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    let file = ScenarioFile::read(SCENARIO.as_ref()).unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let mut live = Stepper::live(&scenario, Seed(42), &RunOptions::default()).unwrap();
    let mut feed = Feed::new(&scenario, FeedOptions::default());
    for line in text.lines().take_while(|l| !l.contains("\"time\":\"2000-01-01T08:")) {
        let _ = feed.offer(line);
    }
    feed.advance_clock(EIGHT);
    live.feed(&mut feed).unwrap();
    assert_eq!(live.now(), EIGHT);
    let mut plain = Stepper::new(&scenario, Seed(42), &RunOptions::default());
    plain.run_until(EIGHT).unwrap();
    (live.snapshot(&file).unwrap(), plain.snapshot(&file).unwrap())
}

fn forecast_of(snapshot: &Snapshot, replications: u32) -> ForecastResult {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    let variants = [Variant {
        name: "base".into(),
        scenario,
        changed: false,
    }];
    forecast::run(&Forecast {
        snapshot: (snapshot, "test"),
        variants: &variants,
        horizon: SimTime(3_600_000),
        replications,
        reseed: true,
        workers: 2,
        bin: SimTime(15 * 60_000),
    })
    .unwrap()
}

/// Mean and standard error of the exits over the window, and of the desk's queue at the horizon.
fn exits(result: &ForecastResult) -> (f64, f64) {
    let xs: Vec<f64> = result.variants[0].replications.iter().map(|m| m.exited as f64).collect();
    common::mean_and_se(&xs)
}

#[test]
fn a_forecast_from_a_live_state_agrees_with_one_from_the_same_ordinary_state() {
    let (live, plain) = states();
    assert!(live.is_live() && !plain.is_live());
    assert_eq!(live.envelope.digest, plain.envelope.digest, "the same past");
    let (from_live, from_plain) = (forecast_of(&live, 16), forecast_of(&plain, 16));
    let ((a, se_a), (b, se_b)) = (exits(&from_live), exits(&from_plain));
    let z = (a - b).abs() / (se_a * se_a + se_b * se_b).sqrt();
    eprintln!("exits 08:00-09:00: from the live state {a:.1} ± {se_a:.1}, from the run's own {b:.1} ± {se_b:.1} (z = {z:.2})");
    assert!(b > 500.0, "the morning peak: {b}");
    assert!(z < 4.0, "the handed-over demand differs: {a:.1} against {b:.1}");
    // The same fork gives the same forecast.
    assert_eq!(
        forecast_of(&live, 4).variants[0].replications,
        from_live.variants[0].replications[..4]
    );
}

#[test]
fn a_live_snapshot_is_forecast_from_but_not_finished_by_run_from() {
    let (live, _) = states();
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("live.snap");
    live.write(&snap).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "run",
            "--from",
            snap.to_str().unwrap(),
            "--out",
            dir.path().join("rest").to_str().unwrap(),
            "-q",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("is a live twin's snapshot") && stderr.contains("--resume DIR") && stderr.contains("porttwin forecast --from"),
        "{stderr}"
    );
    let out = dir.path().join("forecast");
    let forecast = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "forecast",
            "--from",
            snap.to_str().unwrap(),
            "--horizon",
            "30min",
            "--replications",
            "2",
        ])
        .args(["--out", out.to_str().unwrap(), "-q"])
        .output()
        .unwrap();
    assert!(forecast.status.success(), "{}", String::from_utf8_lossy(&forecast.stderr));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("forecast.json")).unwrap()).unwrap();
    assert_eq!(json["from"], "08:00:00");
    assert_eq!(json["variants"][0]["digests"].as_array().unwrap().len(), 2);
}
