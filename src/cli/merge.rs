//! `porttwin merge`: combine the folders of a sharded sweep.

use std::path::{Path, PathBuf};

use super::sweep::failure;
use super::{Failure, output_folder};

pub fn execute(dirs: &[PathBuf], out: &Path) -> Result<(), Failure> {
    let _lock = output_folder::prepare(out)?;
    let outcome = porttwin::sweep::merge::merge(dirs, out).map_err(failure)?;
    println!(
        "merged {} folders: {} runs ({} planned before precision rounds)",
        dirs.len(),
        outcome.runs,
        outcome.planned
    );
    if outcome.runs < outcome.planned {
        eprintln!(
            "warning: {} planned runs are missing; rerun the shards that did not finish with --resume",
            outcome.planned - outcome.runs
        );
    }
    println!("wrote {}", out.join("index.html").display());
    Ok(())
}
