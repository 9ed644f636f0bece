//! The live twin against a real Mosquitto broker on 127.0.0.1: an hour of `land_port_day.ron`'s
//! event log published fast reaches `porttwin live` whole (its arrivals are the log's and its
//! digest the offline forced replay's, the event-to-state lag under 1 s at the 95th
//! percentile). A broker stopped and restarted mid-stream loses and duplicates nothing, and a
//! twin killed with SIGKILL and resumed from its snapshot and journal ends with the same digest.
//!
//! Needs Debian's `mosquitto` (`.ci/run` installs it); without it the tests say so and pass,
//! unless `PORTTWIN_REQUIRE_MOSQUITTO=1`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use porttwin::eventlog::read::parse;
use porttwin::scenario::replay::replay;
use porttwin::{RunOptions, Seed, run_headless};

const SCENARIO: &str = "scenarios/land_port_day.ron";

fn mosquitto() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("mosquitto"))
        .find(|file| file.is_file())
}

/// Mosquitto, or `None` (the test is skipped) when it is not installed and not required.
fn require_mosquitto() -> Option<PathBuf> {
    let found = mosquitto();
    if found.is_none() {
        assert!(
            std::env::var("PORTTWIN_REQUIRE_MOSQUITTO").as_deref() != Ok("1"),
            "PORTTWIN_REQUIRE_MOSQUITTO=1 but mosquitto is not installed (apt-get install mosquitto)"
        );
        eprintln!("skipped: mosquitto is not installed (apt-get install mosquitto)");
    }
    found
}

/// A Mosquitto broker on a free port of 127.0.0.1 with persistence in its own folder.
///
/// `user root`: started as root (as CI runs), Mosquitto otherwise drops to the `mosquitto`
/// user, which cannot write the test's folder, so it saved no database at shutdown and a
/// restarted broker had forgotten the twin's session; run as another user it changes nothing.
struct Broker {
    binary: PathBuf,
    config: PathBuf,
    port: u16,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Broker {
    fn start(binary: PathBuf) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let config = dir.path().join("mosquitto.conf");
        std::fs::write(
            &config,
            format!(
                "listener {port} 127.0.0.1\nallow_anonymous true\nuser root\npersistence true\npersistence_location {}/\nmax_queued_messages 1000000\n",
                dir.path().display()
            ),
        )
        .unwrap();
        let child = Self::spawn(&binary, &config, port);
        Self {
            binary,
            config,
            port,
            child,
            _dir: dir,
        }
    }

    fn spawn(binary: &Path, config: &Path, port: u16) -> Child {
        let child = Command::new(binary)
            .arg("-c")
            .arg(config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mosquitto starts");
        let since = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(since.elapsed() < Duration::from_secs(10), "mosquitto did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        child
    }

    fn address(&self) -> String {
        format!("mqtt://127.0.0.1:{}", self.port)
    }

    /// Stops the broker as a service manager does (SIGTERM: it saves its persistent sessions
    /// and queued messages) and starts it again on the same port and folder.
    fn restart(&mut self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        self.child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(500));
        self.child = Self::spawn(&self.binary, &self.config, self.port);
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines of hour `hour` of a run's own log, written to a file in `dir`.
fn hour_of_log(text: &str, hour: u32, dir: &Path) -> (String, PathBuf) {
    let stamp = format!("\"time\":\"2000-01-01T{hour:02}:");
    let hour: Vec<&str> = text.lines().filter(|l| l.contains(&stamp)).collect();
    assert!(hour.len() > 1000, "{} events in the hour", hour.len());
    let path = dir.join("hour.jsonl");
    let body = hour.join("\n");
    std::fs::write(&path, &body).unwrap();
    (body, path)
}

/// A `porttwin live` twin, with its stderr lines forwarded.
fn start_twin(broker: &Broker, client_id: &str, extra: &[&str]) -> (Child, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "live",
            SCENARIO,
            "--broker",
            &broker.address(),
            "--topic",
            "port/#",
            "--json",
            "--client-id",
            client_id,
        ])
        // A resumed twin keeps the seed it was started with.
        .args(if extra.contains(&"--resume") {
            &[][..]
        } else {
            &["--seed", "42"][..]
        })
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("porttwin live starts");
    let (tx, rx) = channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, rx)
}

fn wait_for_line(rx: &Receiver<String>, text: &str) {
    let since = Instant::now();
    loop {
        let left = Duration::from_secs(30).saturating_sub(since.elapsed());
        let line = rx.recv_timeout(left).unwrap_or_else(|_| panic!("no `{text}` from the twin"));
        if line.contains(text) {
            return;
        }
    }
}

fn publish(broker: &Broker, log: &Path, speed: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "publish",
            log.to_str().unwrap(),
            "--broker",
            &broker.address(),
            "--topic",
            "port/events",
            "--speed",
            speed,
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("porttwin publish starts")
}

/// Waits for a child to end (at most `limit`), returning its stdout.
fn finish(mut child: Child, limit: Duration) -> String {
    let since = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if since.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit {:?}", output.status);
    String::from_utf8(output.stdout).unwrap()
}

/// Offline: the forced replay of `text`; returns (digest, arrived).
fn offline(text: &str) -> (String, u64) {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    let log = parse(text, "hour.jsonl").unwrap();
    let result = run_headless(&replay(&scenario, &log, true).unwrap(), Seed(42), &RunOptions::default()).unwrap();
    (result.summary.digest, result.summary.arrived)
}

fn arrivals_in(text: &str) -> u64 {
    text.lines().filter(|l| l.contains("\"org.porttwin.arrival\"")).count() as u64
}

#[test]
fn an_hour_published_fast_reaches_the_twin_whole() {
    let Some(binary) = require_mosquitto() else { return };
    let broker = Broker::start(binary);
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let (hour, path) = hour_of_log(&text, 7, dir.path());
    let (digest, arrived) = offline(&hour);
    assert_eq!(arrived, arrivals_in(&hour));

    let (twin, stderr) = start_twin(&broker, "twin-whole", &[]);
    wait_for_line(&stderr, "subscribed");
    finish(publish(&broker, &path, "600"), Duration::from_secs(120));
    let out: serde_json::Value = serde_json::from_str(finish(twin, Duration::from_secs(300)).trim()).unwrap();
    assert_eq!(out["digest"], digest.as_str(), "{out}");
    assert_eq!(out["arrived"], arrived);
    assert_eq!(out["feed"]["refused"], serde_json::json!([]), "{out}");
    let p95 = out["lag_ms"]["p95"].as_f64().unwrap();
    assert!(p95 < 1000.0, "event-to-state lag p95 {p95} ms");
    eprintln!(
        "event-to-state lag p95 at 600x: {p95:.1} ms over {} events",
        out["lag_ms"]["samples"]
    );
}

/// Across a broker restart (SIGTERM, persistence on) the twin resumes its session and ends
/// with the offline digest; redeliveries are refused as duplicates.
#[test]
fn a_broker_restart_mid_stream_loses_and_duplicates_nothing() {
    let Some(binary) = require_mosquitto() else { return };
    let mut broker = Broker::start(binary);
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let (hour, path) = hour_of_log(&text, 8, dir.path());
    let (digest, arrived) = offline(&hour);

    let (twin, stderr) = start_twin(&broker, "twin-restart", &["--lateness", "10min"]);
    wait_for_line(&stderr, "subscribed");
    let publisher = publish(&broker, &path, "600");
    std::thread::sleep(Duration::from_secs(2));
    broker.restart();
    finish(publisher, Duration::from_secs(180));
    let out: serde_json::Value = serde_json::from_str(finish(twin, Duration::from_secs(300)).trim()).unwrap();
    wait_for_line(&stderr, "session resumed");
    assert_eq!(out["digest"], digest.as_str(), "{out}");
    assert_eq!(out["arrived"], arrived, "nothing lost, nothing applied twice");
    let refused = out["feed"]["refused"].as_array().unwrap();
    assert!(
        refused.iter().all(|r| r["reason"] == "duplicate"),
        "only redeliveries are refused: {out}"
    );
}

/// The simulated time of the snapshot in `dir`, once there is one.
fn snapshot_time(dir: &Path) -> Option<u64> {
    let bytes = std::fs::read(dir.join("latest.snap")).ok()?;
    let line = bytes.split(|&b| b == b'\n').next()?;
    serde_json::from_slice::<serde_json::Value>(line).ok()?["time_ms"].as_u64()
}

#[test]
fn a_twin_killed_mid_stream_goes_on_from_its_snapshot_with_the_offline_digest() {
    let Some(binary) = require_mosquitto() else { return };
    let broker = Broker::start(binary);
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let (hour, path) = hour_of_log(&text, 7, dir.path());
    let (digest, arrived) = offline(&hour);
    let kept = dir.path().join("twin");
    let kept = kept.to_str().unwrap();
    let flags = ["--lateness", "10min", "--snapshot-every", "10min"];

    let (mut twin, stderr) = start_twin(&broker, "twin-killed", &[&flags[..], &["--out", kept]].concat());
    wait_for_line(&stderr, "subscribed");
    let mut publisher = publish(&broker, &path, "300");
    let since = Instant::now();
    let at_0720 = 7 * 3_600_000 + 20 * 60_000;
    while snapshot_time(kept.as_ref()).is_none_or(|t| t < at_0720) {
        assert!(since.elapsed() < Duration::from_secs(60), "no snapshot at 07:20");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(publisher.try_wait().unwrap().is_none(), "killed mid-stream");
    let pid = twin.id().to_string();
    assert!(Command::new("kill").args(["-KILL", &pid]).status().unwrap().success());
    twin.wait().unwrap();

    let (twin, stderr) = start_twin(&broker, "twin-killed", &[&flags[2..], &["--resume", kept]].concat());
    wait_for_line(&stderr, "resumed");
    finish(publisher, Duration::from_secs(180));
    let out: serde_json::Value = serde_json::from_str(finish(twin, Duration::from_secs(300)).trim()).unwrap();
    assert_eq!(out["digest"], digest.as_str(), "{out}");
    assert_eq!(out["arrived"], arrived, "nothing lost, nothing applied twice");
    let refused = out["feed"]["refused"].as_array().unwrap();
    assert!(
        refused.iter().all(|r| r["reason"] == "duplicate"),
        "only redeliveries are refused: {out}"
    );
    eprintln!("killed at a snapshot after 07:20 and resumed: feed {}", out["feed"]);
}

/// A subscriber to `twin/#`: every message the twin publishes, as (topic, JSON), once subscribed.
fn subscribe_to_twin(broker: &Broker) -> Receiver<(String, serde_json::Value)> {
    let mut options = rumqttc::MqttOptions::new("twin-watcher", "127.0.0.1", broker.port);
    options.set_max_packet_size(1 << 22, 1 << 22);
    let (client, mut connection) = rumqttc::Client::new(options, 64);
    client.subscribe("twin/#", rumqttc::QoS::AtLeastOnce).unwrap();
    let (tx, rx) = channel();
    let (subscribed_tx, subscribed) = channel();
    std::thread::spawn(move || {
        let _client = client;
        for event in connection.iter() {
            match event {
                Ok(rumqttc::Event::Incoming(rumqttc::Packet::SubAck(_))) => {
                    let _ = subscribed_tx.send(());
                }
                Ok(rumqttc::Event::Incoming(rumqttc::Packet::Publish(p))) => {
                    let value = serde_json::from_slice(&p.payload).expect("the twin publishes JSON");
                    if tx.send((p.topic.clone(), value)).is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    });
    subscribed.recv_timeout(Duration::from_secs(10)).expect("subscribed to twin/#");
    rx
}

/// Rolling forecasts: every 20 simulated minutes the twin forks its state and publishes a
/// forecast on `twin/forecast`; the last one equals an offline `porttwin forecast` from the state
/// it was forked from (`DIR/forecast.snap`), and forking left the live run as it was (its digest
/// is still the offline forced replay's). The KPIs on `twin/kpi` follow the clock minute by minute.
#[test]
fn rolling_forecasts_on_the_broker_equal_the_offline_forecast_from_the_same_state() {
    let Some(binary) = require_mosquitto() else { return };
    let broker = Broker::start(binary);
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let (hour, path) = hour_of_log(&text, 7, dir.path());
    let (digest, arrived) = offline(&hour);
    let kept = dir.path().join("twin");
    let messages = subscribe_to_twin(&broker);
    let flags = [
        "--forecast-every",
        "20min",
        "--horizon",
        "1h",
        "--replications",
        "4",
        "--out",
        kept.to_str().unwrap(),
    ];
    let (twin, stderr) = start_twin(&broker, "twin-forecasting", &flags);
    wait_for_line(&stderr, "subscribed");
    finish(publish(&broker, &path, "300"), Duration::from_secs(120));
    let out: serde_json::Value = serde_json::from_str(finish(twin, Duration::from_secs(300)).trim()).unwrap();
    assert_eq!(out["digest"], digest.as_str(), "forking changed the live run: {out}");
    assert_eq!(out["arrived"], arrived);

    let received: Vec<(String, serde_json::Value)> = messages.try_iter().collect();
    let forecasts: Vec<&serde_json::Value> = received.iter().filter(|(t, _)| t == "twin/forecast").map(|(_, m)| m).collect();
    let kpis: Vec<&serde_json::Value> = received.iter().filter(|(t, _)| t == "twin/kpi").map(|(_, m)| m).collect();
    assert!(!forecasts.is_empty(), "no forecast came: {received:?}");
    for f in &forecasts {
        let from = f["from_ms"].as_u64().unwrap();
        assert_eq!(from % (20 * 60_000), 0, "forks at multiples of 20 min: {}", f["from"]);
        assert_eq!(f["until_ms"].as_u64().unwrap(), from + 3_600_000);
        assert_eq!(f["digests"].as_array().unwrap().len(), 4);
    }
    let times: Vec<u64> = kpis.iter().map(|k| k["time_ms"].as_u64().unwrap()).collect();
    assert!(times.len() >= 50, "{} KPI messages", times.len());
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "KPIs in time order");
    assert!(
        times[..times.len() - 1].iter().all(|t| t % 60_000 == 0),
        "a KPI message each simulated minute"
    );
    assert_eq!(kpis.last().unwrap()["arrived"], arrived, "the last KPIs are the run's");

    let last = forecasts.last().unwrap();
    let snap = kept.join("forecast.snap");
    let report = dir.path().join("offline");
    let status = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "forecast",
            "--from",
            snap.to_str().unwrap(),
            "--horizon",
            "1h",
            "--replications",
            "4",
        ])
        .args(["--bin", "5min", "--out", report.to_str().unwrap(), "-q"])
        .status()
        .unwrap();
    assert!(status.success());
    let offline: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report.join("forecast.json")).unwrap()).unwrap();
    assert_eq!(offline["from"], last["from"]);
    assert_eq!(offline["variants"][0]["digests"], last["digests"], "the same replications");
    assert_eq!(offline["variants"][0]["targets"], last["targets"], "the same chances");
    let fan = std::fs::read_to_string(report.join("fan.csv")).unwrap();
    let desk = last["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "desk")
        .expect("the desk's fan");
    let median_at_end = desk["queue"].as_array().unwrap().last().unwrap()[3].as_f64().unwrap();
    let offline_row = fan.lines().rfind(|l| l.starts_with("base,desk,queue,")).unwrap();
    let offline_median: f64 = offline_row.split(',').nth(7).unwrap().parse().unwrap();
    assert_eq!(median_at_end, offline_median, "{offline_row}");
    eprintln!(
        "{} forecasts and {} KPI messages on the broker; the last from {} in {:.1} s, alarms {}",
        forecasts.len(),
        kpis.len(),
        last["from"],
        last["wall_s"].as_f64().unwrap(),
        last["alarms"]
    );
}
