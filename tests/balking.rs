//! A queue with a capacity turns arrivals away when full; overflow can go to another stage.

mod common;

use common::{assert_conserved, run, scenario};

fn overloaded(on_full: &str) -> String {
    format!(
        r#"Scenario(
    meta: (name: "balking", duration_h: 12.0),
    demand: [(name: "in", entry: "desk", arrivals: Hourly(daily_total: 4800, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{
        "desks": (servers: 1, service: Exponential(mean_s: 60), capacity: 5),
        "overflow": (servers: 4, service: Exponential(mean_s: 60)),
    }},
    routing: {{
        "desk": (pool: "desks", {on_full} next: To("exit")),
        "spill": (pool: "overflow", next: To("exit")),
    }},
)"#
    )
}

#[test]
fn full_queue_turns_arrivals_away() {
    let text = overloaded("")
        .replace("\"spill\": (pool: \"overflow\", next: To(\"exit\")),", "")
        .replace("\"overflow\": (servers: 4, service: Exponential(mean_s: 60)),", "");
    let result = run(&scenario(&text), 1);
    assert_conserved(&result);
    let desk = result.summary.stages.get("desk").unwrap();
    assert!(desk.max_queue <= 5);
    assert!(
        result.summary.balked > 500,
        "ρ = 3.3 on one desk: most arrivals balk ({})",
        result.summary.balked
    );
    assert_eq!(desk.balked, result.summary.balked);
}

#[test]
fn overflow_goes_to_the_on_full_stage() {
    let result = run(&scenario(&overloaded("on_full: \"spill\",")), 1);
    assert_conserved(&result);
    assert_eq!(result.summary.balked, 0, "nobody leaves: they spill over");
    let desk = result.summary.stages.get("desk").unwrap();
    let spill = result.summary.stages.get("spill").unwrap();
    assert_eq!(spill.entered, desk.balked);
}
