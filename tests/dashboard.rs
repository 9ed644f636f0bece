//! The live dashboard in real headless Chromium: `porttwin live --replay LOG --speed 200
//! --http 127.0.0.1:0` follows an hour of `land_port_day.ron`'s log without a broker; the page
//! loads with its embedded assets, its clock and KPIs change as the events arrive (read twice
//! from the page's DOM over the DevTools protocol), the rolling forecast's fans and alarms
//! appear, and a screenshot is taken (`PORTTWIN_SCREENSHOT=FILE` keeps it, for docs/img/).
//!
//! Needs Debian's `chromium` (`.ci/run` installs it); without it the test says so and passes,
//! unless `PORTTWIN_REQUIRE_CHROMIUM=1`.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use common::chromium::{Chromium, http_get};

const SCENARIO: &str = "scenarios/land_port_day.ron";

/// Kills the twin when the test ends, however it ends.
struct Twin(Child);

impl Drop for Twin {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The number the page shows in element `id`.
fn shown(chromium: &mut Chromium, id: &str) -> u64 {
    let text = chromium.eval(&format!("document.getElementById('{id}').textContent"));
    text.as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("#{id} shows {text}"))
}

#[test]
fn the_dashboard_follows_a_recorded_log_in_headless_chromium() {
    let Some(browser) = Chromium::require() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
    let hour: Vec<&str> = text.lines().filter(|l| l.contains("\"time\":\"2000-01-01T07:")).collect();
    assert!(hour.len() > 1000);
    let log = dir.path().join("hour.jsonl");
    std::fs::write(&log, hour.join("\n")).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "live",
            SCENARIO,
            "--seed",
            "42",
            "--replay",
            log.to_str().unwrap(),
            "--speed",
            "200",
        ])
        .args(["--http", "127.0.0.1:0", "--hold", "--forecast-every", "15min", "--horizon", "30min"])
        .args(["--replications", "4"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("porttwin live starts");
    let stderr = child.stderr.take().unwrap();
    let _twin = Twin(child);
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let address = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the twin says where its dashboard is");
        if let Some(rest) = line.split("dashboard on http://").nth(1) {
            break rest.trim_end_matches('/').to_string();
        }
    };

    // The page and its assets come from the binary itself.
    let page = http_get(&address, "/");
    assert!(
        page.contains("<title>porttwin live</title>") && page.contains("/dashboard.js"),
        "{page}"
    );
    assert!(http_get(&address, "/dashboard.js").contains("new EventSource(\"/events\")"));
    assert!(http_get(&address, "/dashboard.css").contains("#clock"));

    let mut chromium = Chromium::start(&browser, 1280, 1000);
    chromium.open(&format!("http://{address}/"));
    chromium.wait_for(
        "document.getElementById('clock').textContent.startsWith('07:')",
        Duration::from_secs(60),
    );
    let (clock, arrived) = (
        chromium.eval("document.getElementById('clock').textContent"),
        shown(&mut chromium, "arrived"),
    );
    let since = Instant::now();
    chromium.wait_for(
        &format!("Number(document.getElementById('arrived').textContent) > {arrived}"),
        Duration::from_secs(60),
    );
    let later = chromium.eval("document.getElementById('clock').textContent");
    assert!(
        later.as_str().unwrap() > clock.as_str().unwrap(),
        "the clock went from {clock} to {later}"
    );
    let arrived_later = shown(&mut chromium, "arrived");
    assert!(
        arrived_later > arrived,
        "the page's arrivals went from {arrived} at {clock} to {arrived_later} at {later}"
    );
    let stages = chromium
        .eval("document.querySelectorAll('#stages tbody tr').length")
        .as_u64()
        .unwrap();
    assert!(stages >= 3, "{stages} stages with queues on the page");
    eprintln!(
        "the page: {arrived} arrived at {clock}, {arrived_later} at {later} ({:.1} s later)",
        since.elapsed().as_secs_f64()
    );

    // The rolling forecast: its window, its targets' chances and its fan charts.
    chromium.wait_for(
        "document.querySelectorAll('#fans svg polygon').length > 0",
        Duration::from_secs(120),
    );
    let window = chromium.eval("document.getElementById('forecast-window').textContent");
    assert!(window.as_str().unwrap().starts_with("from 07:"), "{window}");
    let alarms = chromium.eval("document.querySelectorAll('#alarms li').length").as_u64().unwrap();
    assert!(alarms >= 1, "an alarm, or the line saying there is none");
    let chances = chromium
        .eval("document.querySelectorAll('#chances tbody tr').length")
        .as_u64()
        .unwrap();
    let forecast: serde_json::Value = serde_json::from_str(&http_get(&address, "/forecast")).unwrap();
    assert_eq!(chances as usize, forecast["targets"].as_array().unwrap().len());

    // The screenshot once a forecast from 07:15 on is shown (the port busier than at 07:00).
    chromium.wait_for(
        "document.getElementById('forecast-window').textContent >= 'from 07:15'",
        Duration::from_secs(120),
    );
    let png = chromium.screenshot();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let reader = decoder.read_info().expect("the screenshot is a PNG");
    let (width, height) = (reader.info().width, reader.info().height);
    assert_eq!((width, height), (1280, 1000));
    if let Ok(path) = std::env::var("PORTTWIN_SCREENSHOT") {
        std::fs::write(&path, &png).unwrap();
        eprintln!("screenshot written to {path}");
    }
}
