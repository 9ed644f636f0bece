//! `porttwin validate`: check scenario files.

use std::path::PathBuf;

use super::Failure;

pub fn execute(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failed = 0;
    for file in files {
        match porttwin::scenario::load(file) {
            Ok(scenario) => println!(
                "ok  {}  ({}: {} sources, {} stages, {} pools, {:.0} h)",
                file.display(),
                scenario.meta.name,
                scenario.sources.len(),
                scenario.stages.len(),
                scenario.pools.len(),
                scenario.meta.duration.as_secs_f64() / 3600.0
            ),
            Err(error) => {
                failed += 1;
                eprintln!("{error}");
            }
        }
    }
    if failed > 0 {
        return Err(Failure::BadInput(format!("{failed} of {} scenario files are invalid", files.len())));
    }
    Ok(())
}
