//! An output folder is checked writable and locked before a command does its work, so a run
//! never simulates a whole day only to find it cannot save it, and two commands never write
//! one folder at once.

use std::path::Path;

use porttwin::report::output::{FolderLock, LockError, check_writable};

use super::Failure;

/// Checks `out` writable (creating it) and locks it for this process; the lock is held until
/// the returned guard is dropped.
pub fn prepare(out: &Path) -> Result<FolderLock, Failure> {
    check_writable(out).map_err(|e| {
        Failure::BadInput(format!(
            "cannot write to the output folder {}: {e}\n  hint: choose another folder with --out, or make this one writable",
            out.display()
        ))
    })?;
    FolderLock::acquire(out).map_err(|e| match e {
        LockError::Busy(_) => Failure::RunFailed(format!("{e}\n  hint: wait until it finishes, or choose another folder with --out")),
        LockError::Io(..) => Failure::BadInput(e.to_string()),
    })
}
