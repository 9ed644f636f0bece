//! Writing `summary.json`, `series.csv` and `waits.csv`, each through a temporary file and a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::metrics::{LogHistogram, RunResult};

/// Writes `bytes` to `path` via a temporary file in the same folder and a rename,
/// so readers never see a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Writes a run's `summary.json`, `series.csv`, `waits.csv` and (micro fidelity) `density.csv` into `dir`; returns the paths written.
pub fn write_run(dir: &Path, result: &RunResult) -> std::io::Result<Vec<PathBuf>> {
    let summary = serde_json::to_vec_pretty(&result.summary).map_err(std::io::Error::other)?;
    let summary_path = dir.join("summary.json");
    write_atomic(&summary_path, &summary)?;
    let series_path = dir.join("series.csv");
    write_atomic(
        &series_path,
        result.series.to_csv(&result.stage_names, &result.pool_names).as_bytes(),
    )?;
    let waits_path = dir.join("waits.csv");
    write_atomic(&waits_path, waits_csv(&result.stage_names, &result.wait_histograms).as_bytes())?;
    let mut written = vec![summary_path, series_path, waits_path];
    if let Some(density) = &result.density {
        let density_path = dir.join("density.csv");
        write_atomic(&density_path, density.to_csv().as_bytes())?;
        written.push(density_path);
    }
    Ok(written)
}

/// The wait-time histograms as CSV: `stage,low_s,high_s,count`, non-empty buckets only.
fn waits_csv(stage_names: &[String], histograms: &[LogHistogram]) -> String {
    let mut out = String::from("stage,low_s,high_s,count\n");
    for (name, histogram) in stage_names.iter().zip(histograms) {
        for (low, high, count) in histogram.buckets() {
            out.push_str(&format!("{name},{low},{high},{count}\n"));
        }
    }
    out
}
