//! A variant whose runs fail is recorded as failed with its error, and the other variants finish.

mod common;

use common::{plan, sweep, sweep_files};
use porttwin::sweep::rows::Status;

/// Travellers with the `stuck` attribute loop between two decision stages forever.
const LOOPING: &str = r#"Scenario(
    meta: (name: "loop", duration_h: 1.0),
    population: [(name: "p", share: 1.0, attributes: {"stuck": 0.0})],
    demand: [(name: "in", entry: "q", arrivals: Hourly(daily_total: 2400, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: { "desks": (servers: 2, service: Exponential(mean_s: 60)) },
    routing: {
        "q": (pool: "desks", next: To("a")),
        "a": (next: Choose([(when: Has("stuck"), to: "b"), (when: Always, to: "exit")])),
        "b": (next: To("a")),
    },
)"#;

#[test]
fn the_failing_variant_is_recorded_and_the_others_finish() {
    let (dir, spec) = sweep_files(
        LOOPING,
        r#"    name: "failing",
    replications: 3,
    variants: [
        (name: "fine"),
        (name: "loops", set: { "population[0].attributes.stuck": 1.0 }),
        (name: "also fine", set: { "facilities.desks.servers": 3 }),
    ],"#,
    );
    let out = dir.path().join("out");
    let outcome = sweep(&plan(&spec), &out, 2);
    assert_eq!((outcome.ran, outcome.failed), (9, 3));
    for row in &outcome.rows {
        if row.variant == "loops" {
            assert_eq!(row.status, Status::Failed);
            assert!(row.error.contains("looped"), "{}", row.error);
        } else {
            assert_eq!(row.status, Status::Ok, "{}: {}", row.variant, row.error);
        }
    }
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("Failed runs"));
}
