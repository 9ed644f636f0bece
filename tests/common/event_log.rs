//! A run with its event log captured in memory.

use std::io::Write;
use std::sync::{Arc, Mutex};

use porttwin::eventlog::LogWriter;
use porttwin::metrics::RunResult;
use porttwin::scenario::Scenario;
use porttwin::{RunOptions, Seed, run_headless_watched};

/// A sink the test reads after the run.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs the scenario file with `seed`, writing its event log; returns the result and the log's text.
pub fn run_with_log(file: &str, seed: u64) -> (RunResult, String) {
    run_scenario_with_log(&porttwin::scenario::load(file.as_ref()).unwrap(), seed)
}

/// Runs `scenario` with `seed`, writing its event log; returns the result and the log's text.
pub fn run_scenario_with_log(scenario: &Scenario, seed: u64) -> (RunResult, String) {
    let buffer = Buffer::default();
    let writer = LogWriter::new(Arc::new(scenario.clone()), seed, Box::new(buffer.clone()));
    let result = run_headless_watched(scenario, Seed(seed), &RunOptions::default(), Box::new(writer), |_, _| {}).unwrap();
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    (result, text)
}
