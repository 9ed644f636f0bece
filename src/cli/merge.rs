//! `porttwin merge`: combine the folders of a sharded sweep.

use std::path::{Path, PathBuf};

use super::sweep::failure;
use super::{Failure, output_folder};

pub fn execute(dirs: &[PathBuf], out: &Path, allow_partial: bool) -> Result<(), Failure> {
    let _lock = output_folder::prepare(out)?;
    let outcome = porttwin::sweep::merge::merge(dirs, out, allow_partial).map_err(failure)?;
    println!(
        "merged {} folders: {} runs ({} planned before precision rounds)",
        dirs.len(),
        outcome.runs,
        outcome.planned
    );
    if outcome.runs < outcome.planned {
        eprintln!(
            "warning: merged with --allow-partial: {} planned runs are missing; rerun the shards that did not finish with --resume",
            outcome.planned - outcome.runs
        );
    }
    println!("wrote {}", out.join("index.html").display());
    Ok(())
}
