//! Scenario files: RON syntax, field names, every semantic check and the resource limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use porttwin_fuzz::{assert_located, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    if let Err(error) = porttwin::scenario::parse(text, "fuzz.ron") {
        let shown = error.to_string();
        assert!(!error.diagnostics().is_empty(), "an error without a diagnostic: {shown}");
        for d in error.diagnostics() {
            assert_located(text, d.line, d.column, &d.message);
        }
    }
});
