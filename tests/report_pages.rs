//! `porttwin run` and `porttwin sweep` write an index.html whose charts exist as SVG and PNG.

mod common;

use std::path::Path;
use std::process::Command;

use common::{single_queue, sweep_files};

/// Every `<img src>` of the page exists beside it, with its PNG; there are at least `least`.
fn assert_charts_exist(dir: &Path, least: usize) -> String {
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let images: Vec<&str> = page.split("<img src=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(images.len() >= least, "{page}");
    for svg in images {
        assert!(dir.join(svg).exists(), "{svg}");
        assert!(dir.join(svg.replace(".svg", ".png")).exists(), "{svg} has no PNG");
    }
    page
}

#[test]
fn run_and_sweep_write_readable_reports() {
    let (dir, spec) = sweep_files(
        &single_queue(200.0, 3, "Exponential(mean_s: 60)", 4.0),
        "    name: \"report\",\n    replications: 3,\n    factors: { \"facilities.servers.servers\": [3, 4] },",
    );
    let porttwin = env!("CARGO_BIN_EXE_porttwin");
    let run = dir.path().join("run");
    let base = dir.path().join("base.ron");
    let status = Command::new(porttwin)
        .args(["run", base.to_str().unwrap(), "--quiet", "--out", run.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let page = assert_charts_exist(&run, 3);
    assert!(
        page.contains("95% of the") && page.contains("Queues and servers over the day"),
        "{page}"
    );
    assert!(run.join("waits.csv").exists());

    let swept = dir.path().join("sweep");
    let status = Command::new(porttwin)
        .args(["sweep", spec.to_str().unwrap(), "--quiet", "--out", swept.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    // The KPIs' charts, six to an image.
    let page = assert_charts_exist(&swept, 2);
    assert!(page.contains("Paired comparison with") && page.contains("significant"), "{page}");

    std::fs::remove_file(swept.join("index.html")).unwrap();
    let status = Command::new(porttwin).args(["report", swept.to_str().unwrap()]).status().unwrap();
    assert!(status.success());
    assert_charts_exist(&swept, 2);
    let status = Command::new(porttwin)
        .args(["report", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2), "a folder with neither kind of result is bad input");
}
