//! Calibrated mode: a scanner stage decides by an operating-point table instead of a model. The
//! measured rates follow the table (per band), no image model runs, the report says a table
//! decided, and a sweep can override the rates.

mod common;

const SCENARIO: &str = r#"Scenario(
    meta: (name: "table_portal", seed: 12, duration_h: 24.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 6000, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {
        "portal": (servers: 4, service: DriveThrough(speed_kmh: 6, spacing_m: 50), automated: true),
    },
    routing: {
        "lodgement": (check: Cargo(Targeting), next: To("portal")),
        "portal": (pool: "portal", check: Cargo(Scan(kind: DriveThrough)), next: To("exit")),
    },
    cargo: (sources: ["gate"], contraband_rate: 0.3, misdeclaration_rate: 0.1, scanning: (table: (
        source: "vendor site acceptance test (example figures)",
        rates: [
            (class: "weapons", detection: 0.9, false_alarm: 0.01),
            (class: "drugs", detection: 0.8, false_alarm: 0.02),
            (class: "drugs", band: "dense", detection: 0.4, false_alarm: 0.05),
            (class: "wildlife", detection: 0.7, false_alarm: 0.01),
            (class: "live_animals", detection: 0.95, false_alarm: 0.01),
        ],
        discrepancy: (detection: 0.6, false_alarm: 0.03),
    ))),
)"#;

#[test]
fn a_table_decides_at_its_rates_and_says_so() {
    let result = common::run(&common::scenario(SCENARIO), 12);
    let cargo = porttwin::cargo::summary(&result.summary).expect("a cargo summary");
    assert_eq!(cargo.image_inferences, 0, "no model ran");
    assert!(
        cargo.scans_read_by.as_deref().unwrap().starts_with("table: vendor"),
        "{:?}",
        cargo.scans_read_by
    );
    let weapons = &cargo.threats.0.iter().find(|(c, _)| c == "weapons").unwrap().1.model;
    let positives = (weapons.true_positives + weapons.false_negatives) as f64;
    let dr = weapons.detection_rate.unwrap();
    assert!(
        (dr - 0.9).abs() < 4.0 * (0.09 / positives).sqrt(),
        "weapons detection {dr} over {positives}"
    );
    let far = weapons.false_alarm_rate.unwrap();
    assert!((far - 0.01).abs() < 0.006, "weapons false alarms {far}");
    // Drugs in dense cargo are found at 0.4, elsewhere at 0.8: the overall rate lies between.
    let drugs = cargo
        .threats
        .0
        .iter()
        .find(|(c, _)| c == "drugs")
        .unwrap()
        .1
        .model
        .detection_rate
        .unwrap();
    assert!(drugs > 0.45 && drugs < 0.78, "drugs detection {drugs}");
    let text: String = porttwin::domains::presented(&result.summary).iter().map(|s| s.to_text()).collect();
    assert!(text.contains("decided by an operating-point table, not a model"), "{text}");
}

#[test]
fn a_table_row_outside_zero_to_one_is_located() {
    let text = SCENARIO.replace("(class: \"weapons\", detection: 0.9", "(class: \"weapons\", detection: 1.9");
    let error = porttwin::scenario::parse(&text, "table.ron").unwrap_err().to_string();
    assert!(error.contains("cargo.scanning.table.rates[0].detection"), "{error}");
    assert!(error.contains("between 0 and 1"), "{error}");
}
