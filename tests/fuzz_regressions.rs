//! Every input the fuzz targets (fuzz/, docs/reliability.md) found crashing porttwin, each
//! named after its crash file: it must now be refused with a located error.

use std::path::Path;

use porttwin::scenario::import::geojson;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(name)).unwrap()
}

#[test]
fn sweep_spec_crash_2661897f_string_escape_at_the_end_of_the_file() {
    // A map key whose string ends in a backslash at the end of the file sent the locator one
    // byte past the text (a slice out of range).
    let text = fixture("sweep_spec-crash-2661897f.ron");
    let error = porttwin::sweep::spec::parse(&text, "spec.ron", Path::new(".")).unwrap_err();
    assert!(error.to_string().contains("spec.ron:"), "{error}");
    for tail in [r#"{"\"#, r#"Scenario(meta: {"a\"#, "Scenario(meta: r#", "Scenario(x: '\\"] {
        let error = porttwin::scenario::parse(tail, "tail.ron").unwrap_err();
        let d = &error.diagnostics()[0];
        assert!(d.line >= 1 && d.column >= 1, "{d}");
    }
}

#[test]
fn geojson_crash_da39a3ee_empty_file_is_located_at_line_1_column_1() {
    // serde_json places the end of an empty text at column 0.
    let error = geojson::parse("").unwrap_err();
    assert_eq!((error.line, error.column), (1, 1), "{error}");
    assert!(error.message.contains("not valid JSON"), "{error}");
}

#[test]
fn sweep_spec_oom_a4e5a973_a_grid_of_factors_too_large_to_plan() {
    // Repeated factor lines made a grid of millions of variants, each a scenario in memory:
    // over 3 GiB and 12 s on a 1.9 KB spec.
    let text = fixture("sweep_spec-oom-a4e5a973.ron");
    let started = std::time::Instant::now();
    let error = porttwin::sweep::spec::parse(&text, "spec.ron", Path::new("scenarios/sweeps")).unwrap_err();
    assert!(started.elapsed().as_secs_f64() < 5.0, "{:?}", started.elapsed());
    let shown = error.to_string();
    assert!(shown.contains("more than the 100000 a sweep may plan"), "{shown}");
    let factors: String = (0..8).map(|i| format!("\"meta.seed{i}\": [1, 2, 3, 4, 5],")).collect();
    let spec = format!("Sweep(name: \"g\", base: \"../land_port_day.ron\", replications: 2, factors: {{{factors}}})");
    let error = porttwin::sweep::spec::parse(&spec, "grid.ron", Path::new("scenarios/sweeps")).unwrap_err();
    assert!(error.to_string().contains("a grid of 390625 variants"), "{error}");
}
