//! The model manifest (`models/manifest.ron`).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use porttwin::detect::manifest::Manifest;
use porttwin_fuzz::text;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let path = Path::new("manifest.ron");
    match Manifest::parse(text, path) {
        Ok(manifest) => {
            for name in manifest.models.keys() {
                assert!(manifest.model(path, name).is_ok());
            }
        }
        Err(error) => assert!(error.to_string().contains("manifest.ron"), "{error}"),
    }
});
