//! Writing `summary.json`, `series.csv` and `waits.csv`, each through a temporary file and a rename;
//! checking an output folder before the work, and keeping one writer per folder.

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::metrics::{LogHistogram, RunResult};

/// Writes `bytes` to `path` via a temporary file in the same folder and a rename,
/// so readers never see a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Writes every `(path, bytes)` to a temporary file first and renames them only when all are
/// written, so a failure (a full disk) leaves none of them half-written or out of step.
pub fn write_all_atomic(files: &[(PathBuf, Vec<u8>)]) -> std::io::Result<()> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let result = (|| {
        for (path, bytes) in files {
            let dir = folder_of(path);
            std::fs::create_dir_all(dir)?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
            staged.push((temp.clone(), path));
            let mut file = File::create(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        for (temp, path) in &staged {
            std::fs::rename(temp, path)?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temp, _) in &staged {
            let _ = std::fs::remove_file(temp);
        }
    }
    result
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Creates `dir` if needed and proves it writable by writing and removing a small file, so a
/// run or sweep that could not save its results is refused before it starts.
pub fn check_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".porttwin-probe-{}", std::process::id()));
    let written = File::create(&probe).and_then(|mut f| f.write_all(b"porttwin").and_then(|()| f.sync_all()));
    let removed = std::fs::remove_file(&probe);
    written.and(removed)
}

/// The only writer of an output folder: holds an advisory lock on the folder itself (`flock`;
/// the system drops it when the process ends, however it ends, and it leaves no file behind)
/// until dropped.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Why a folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the folder.
    #[error("another porttwin command is writing to {0} right now")]
    Busy(PathBuf),
    /// The lock file could not be opened or locked.
    #[error("cannot lock {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

impl FolderLock {
    /// Locks `dir` (which must exist) for this process, or says that another holds it.
    pub fn acquire(dir: &Path) -> Result<FolderLock, LockError> {
        let folder = File::open(dir).map_err(|e| LockError::Io(dir.to_path_buf(), e))?;
        match folder.try_lock() {
            Ok(()) => Ok(FolderLock { _file: folder }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy(dir.to_path_buf())),
            Err(TryLockError::Error(e)) => Err(LockError::Io(dir.to_path_buf(), e)),
        }
    }
}

/// Writes a run's `summary.json`, `series.csv`, `waits.csv` and (micro fidelity) `density.csv` into `dir`; returns the paths written.
pub fn write_run(dir: &Path, result: &RunResult) -> std::io::Result<Vec<PathBuf>> {
    let summary = serde_json::to_vec_pretty(&result.summary).map_err(std::io::Error::other)?;
    let mut files = vec![
        (dir.join("summary.json"), summary),
        (
            dir.join("series.csv"),
            result.series.to_csv(&result.stage_names, &result.pool_names).into_bytes(),
        ),
        (
            dir.join("waits.csv"),
            waits_csv(&result.stage_names, &result.wait_histograms).into_bytes(),
        ),
    ];
    if let Some(density) = &result.density {
        files.push((dir.join("density.csv"), density.to_csv().into_bytes()));
    }
    write_all_atomic(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
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
