//! `porttwin merge`: combining the folders of a sharded sweep into one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::error::SweepError;
use super::plan::{PlanFile, job_ordinal};
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
///
/// When planned runs are missing it writes nothing and returns [`SweepError::Incomplete`],
/// naming the shards that owe them, unless `allow_partial` asks to merge what is there.
pub fn merge(dirs: &[PathBuf], out: &Path, allow_partial: bool) -> Result<MergeOutcome, SweepError> {
    let Some(first) = dirs.first() else {
        return Err(SweepError::folder(out, "no sweep folders to merge"));
    };
    let mut file = PlanFile::read(first)?;
    let header = file.header();
    let mut merged: BTreeMap<(usize, u32), RunRow> = BTreeMap::new();
    let mut shard_count = None;
    for dir in dirs {
        let other = PlanFile::read(dir)?;
        shard_count = shard_count.or(other.shard.map(|s| s.count));
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
    let planned = file.variants.len() * file.replications as usize;
    let missing = missing_ordinals(&file, &merged);
    if !missing.is_empty() && !allow_partial {
        let shards: BTreeSet<u64> = shard_count.map_or_else(BTreeSet::new, |n| missing.iter().map(|o| o % n as u64).collect());
        return Err(SweepError::Incomplete {
            missing: missing.len(),
            planned,
            shards: shards.iter().map(|i| format!("{i}/{}", shard_count.unwrap_or(1))).collect(),
        });
    }
    file.shard = None;
    std::fs::create_dir_all(out).map_err(|e| SweepError::write(out, e))?;
    file.write(out)?;
    let rows: Vec<RunRow> = merged.into_values().collect();
    let path = out.join("runs.csv");
    write_atomic(&path, rows::to_text(&header, &rows).as_bytes()).map_err(|e| SweepError::write(&path, e))?;
    super::results::write(out, &file, &rows)?;
    Ok(MergeOutcome { runs: rows.len(), planned })
}

/// The job ordinals (as sharding numbers them) of the planned runs not in `merged`.
fn missing_ordinals(file: &PlanFile, merged: &BTreeMap<(usize, u32), RunRow>) -> Vec<u64> {
    let variants = file.variants.len();
    (0..file.replications)
        .flat_map(|replication| (0..variants).map(move |variant| (variant, replication)))
        .filter(|key| !merged.contains_key(key))
        .map(|(variant, replication)| job_ordinal(variant, replication, variants))
        .collect()
}
