//! Files a run or a sweep leaves behind, and the HTML reports with plotters charts.
//!
//! - [`output`]: `summary.json`, `series.csv`, `waits.csv`, written atomically;
//! - [`chart`]: line, bar and CI charts as SVG and PNG;
//! - [`run`]: a run folder's `index.html` (queues, servers, waits, utilisation, throughput);
//! - [`sweep`]: a sweep folder's `index.html` (KPI vs factor, paired comparisons);
//! - [`write_report`]: `porttwin report DIR`, whichever kind the folder holds.

pub mod chart;
mod groups;
mod html;
pub mod output;
pub mod run;
mod sections;
mod story;
pub mod sweep;

use std::path::{Path, PathBuf};

pub use output::{write_atomic, write_run};

/// Writes `DIR/index.html` for a sweep folder (with `sweep.json`) or a run folder (with `summary.json`).
pub fn write_report(dir: &Path) -> Result<PathBuf, crate::sweep::SweepError> {
    if dir.join("sweep.json").exists() {
        let file = crate::sweep::PlanFile::read(dir)?;
        let rows = crate::sweep::rows::read(&dir.join("runs.csv"), &file.header())?;
        crate::sweep::results::write(dir, &file, &rows)?;
        Ok(dir.join("index.html"))
    } else if dir.join("summary.json").exists() {
        run::write(dir).map_err(|e| crate::sweep::SweepError::write(dir.join("index.html"), e))
    } else {
        Err(crate::sweep::SweepError::folder(
            dir,
            "neither a run folder (summary.json) nor a sweep folder (sweep.json)",
        ))
    }
}
