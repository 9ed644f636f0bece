//! GeoJSON layout imports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use porttwin_fuzz::{assert_located, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    if let Err(e) = porttwin::scenario::import::geojson::parse(text) {
        assert_located(text, e.line, e.column, &e.message);
    }
});
