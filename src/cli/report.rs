//! `porttwin report`: (re)write the HTML report of a run or sweep folder.

use std::path::Path;

use super::Failure;
use super::sweep::failure;

pub fn execute(dir: &Path) -> Result<(), Failure> {
    let page = porttwin::report::write_report(dir).map_err(failure)?;
    println!("wrote {}", page.display());
    Ok(())
}
