//! `porttwin merge`: combining the folders of a sharded sweep into one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::error::SweepError;
use super::plan::PlanFile;
use super::rows::{self, RunRow};
use crate::report::write_atomic;

/// What a merge found.
#[derive(Debug, Clone)]
pub struct MergeOutcome {
    /// Runs in the merged folder.
    pub runs: usize,
    /// Runs the plan asks for (before any precision rounds).
    pub planned: usize,
}

/// Merges sweep folders of one plan into `out`: `runs.csv` sorted by variant and replication, then statistics and report.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<MergeOutcome, SweepError> {
    let Some(first) = dirs.first() else {
        return Err(SweepError::folder(out, "no sweep folders to merge"));
    };
    let mut file = PlanFile::read(first)?;
    let header = file.header();
    let mut merged: BTreeMap<(usize, u32), RunRow> = BTreeMap::new();
    for dir in dirs {
        let other = PlanFile::read(dir)?;
        if other.fingerprint != file.fingerprint {
            return Err(SweepError::folder(
                dir.join("sweep.json"),
                format!(
                    "this folder ran another sweep than {} (fingerprint {} vs {})",
                    first.display(),
                    other.fingerprint,
                    file.fingerprint
                ),
            ));
        }
        for row in rows::read(&dir.join("runs.csv"), &header)? {
            let Some(variant) = file.variant_index(&row.variant) else {
                return Err(SweepError::folder(
                    dir.join("runs.csv"),
                    format!("unknown variant \"{}\"", row.variant),
                ));
            };
            match merged.get(&(variant, row.replication)) {
                Some(seen) if seen.to_line() != row.to_line() => {
                    return Err(SweepError::folder(
                        dir.join("runs.csv"),
                        format!(
                            "replication {} of \"{}\" differs from the same run in another folder",
                            row.replication, row.variant
                        ),
                    ));
                }
                _ => {
                    merged.insert((variant, row.replication), row);
                }
            }
        }
    }
    file.shard = None;
    std::fs::create_dir_all(out).map_err(|e| SweepError::write(out, e))?;
    file.write(out)?;
    let rows: Vec<RunRow> = merged.into_values().collect();
    let path = out.join("runs.csv");
    write_atomic(&path, rows::to_text(&header, &rows).as_bytes()).map_err(|e| SweepError::write(&path, e))?;
    super::results::write(out, &file, &rows)?;
    Ok(MergeOutcome {
        runs: rows.len(),
        planned: file.variants.len() * file.replications as usize,
    })
}
