//! Run and sweep reports as a browser shows them (headless Chromium at 1,200 px): the page
//! loads with every chart, nothing runs wider than the window, and every section is there.
//! Skipped where Chromium is not installed, unless `PORTTWIN_REQUIRE_CHROMIUM=1` (CI).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::chromium::Chromium;
use common::{BAG_THRESHOLDS, bag_scan_scenario, single_queue, sweep_files};

const WIDTH: u32 = 1200;

fn porttwin(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin")).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "porttwin {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn run_report(scenario: &Path, out: &Path) {
    porttwin(&["run", scenario.to_str().unwrap(), "--quiet", "--out", out.to_str().unwrap()]);
}

/// Opens `dir/index.html` and checks it: every image loaded, no horizontal overflow at
/// 1,200 px, and each of `sections` among the page's headings and `phrases` in its text.
fn check_page(browser: &mut Chromium, dir: &Path, sections: &[&str], phrases: &[&str]) {
    browser.open(&format!("file://{}", dir.join("index.html").display()));
    browser.wait_for(
        "document.readyState === 'complete' && [...document.images].every(i => i.complete)",
        Duration::from_secs(30),
    );
    let page = dir.display();
    let broken = browser.eval("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)");
    assert_eq!(broken, serde_json::json!([]), "{page}: images that did not load");
    let images = browser.eval("document.images.length").as_u64().unwrap();
    assert!(images >= 1, "{page}: no charts");
    let overflow = browser
        .eval("document.documentElement.scrollWidth - window.innerWidth")
        .as_i64()
        .unwrap();
    assert!(overflow <= 0, "{page}: {overflow} px wider than a {WIDTH} px window");
    let headings = browser.eval("[...document.querySelectorAll('h2')].map(h => h.textContent)");
    for section in sections {
        assert!(
            headings.as_array().unwrap().iter().any(|h| h == section),
            "{page}: no section {section:?} in {headings}"
        );
    }
    let text = browser.eval("document.body.innerText");
    for phrase in phrases {
        assert!(text.as_str().unwrap().contains(phrase), "{page}: no {phrase:?}");
    }
}

#[test]
fn run_and_sweep_reports_load_whole_and_fit_a_1200_px_window() {
    let Some(binary) = Chromium::require() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut browser = Chromium::start(&binary, WIDTH, 900);
    let common_sections = [
        "Stages",
        "Queues and servers over the day",
        "Waiting times",
        "Utilisation and throughput",
    ];

    let ferries = dir.path().join("ferries");
    run_report("tests/fixtures/two_ferries.ron".as_ref(), &ferries);
    check_page(
        &mut browser,
        &ferries,
        &[&common_sections[..], &["Waves", "Journey segments"]].concat(),
        &["What limits this port"],
    );

    let bags = dir.path().join("bags.ron");
    std::fs::write(&bags, bag_scan_scenario(BAG_THRESHOLDS)).unwrap();
    let bags_out = dir.path().join("bags");
    run_report(&bags, &bags_out);
    check_page(
        &mut browser,
        &bags_out,
        &[&common_sections[..], &["Passengers"]].concat(),
        &["checked bags", "contraband"],
    );

    let trucks = dir.path().join("trucks");
    run_report("scenarios/land_port_trucks.ron".as_ref(), &trucks);
    check_page(
        &mut browser,
        &trucks,
        &[&common_sections[..], &["Cargo clearance"]].concat(),
        &["analysts", "undervalued", "audits", "Never busy in this run"],
    );

    // Six variants and every default KPI: the tables split, the charts come six to an image.
    let (sweep_dir, spec) = sweep_files(
        &single_queue(200.0, 3, "Exponential(mean_s: 60)", 4.0),
        "    name: \"wide\",\n    replications: 2,\n    factors: { \"facilities.servers.servers\": [3, 4, 5, 6, 7, 8] },",
    );
    let swept = sweep_dir.path().join("sweep");
    porttwin(&["sweep", spec.to_str().unwrap(), "--quiet", "--out", swept.to_str().unwrap()]);
    check_page(
        &mut browser,
        &swept,
        &[
            "KPIs by variant (mean ± 95% CI half-width)",
            "Paired comparison with \"servers.servers=3\"",
        ],
        &["set by the variant"],
    );
    let tables = browser.eval("document.querySelectorAll('table').length").as_u64().unwrap();
    assert!(tables >= 3, "six variants need two KPI tables and the paired one, got {tables}");
}
