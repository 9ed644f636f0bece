//! The files a sweep folder gets once its runs are in: `summary.csv`, `paired.csv`,
//! `choice.csv` (with a `minimise`) and the report.

use std::path::Path;

use super::error::SweepError;
use super::plan::PlanFile;
use super::rows::RunRow;
use super::statistics::{comparisons, estimates, paired_csv, summary_csv};
use crate::report::output::write_atomic;

/// Writes the statistics and the HTML report of a sweep folder.
pub fn write(dir: &Path, file: &PlanFile, rows: &[RunRow]) -> Result<(), SweepError> {
    let estimates = estimates(file, rows);
    let comparisons = comparisons(file, rows);
    let choice = super::choice::choose(file, &estimates, rows);
    let mut files = vec![
        ("summary.csv", summary_csv(file, &estimates)),
        ("paired.csv", paired_csv(file, &comparisons)),
    ];
    if let Some(choice) = &choice {
        files.push(("choice.csv", super::choice::csv(file, choice)));
    }
    for (name, text) in files {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes()).map_err(|e| SweepError::write(&path, e))?;
    }
    crate::report::sweep::write(dir, file, rows, &estimates, &comparisons).map_err(|e| SweepError::write(dir.join("index.html"), e))
}
