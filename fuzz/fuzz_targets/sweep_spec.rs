//! Sweep specs: RON, factors and variants as overrides applied to the shipped scenarios.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use porttwin_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    // Relative `base` paths resolve from the shipped sweeps' folder, as for the seeds.
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/sweeps"));
    let planned = porttwin::sweep::spec::parse(text, "fuzz.ron", dir).and_then(|spec| porttwin::sweep::SweepPlan::new(&spec));
    if let Err(error) = planned {
        assert!(!error.to_string().trim().is_empty(), "an empty error");
    }
});
