//! Advance passenger information screening: rules, score and random selection, and interception of the selected.

mod common;

use common::{run, scenario};

const SCREENED: &str = r#"Scenario(
    meta: (name: "api", duration_h: 24.0, drain: true),
    population: [(name: "visitor", share: 1.0,
        attributes: {"paid_cash": (clean: 0.05, risky: 0.6), "vip": 0.01},
        contraband: {"drugs": 0.01})],
    demand: [(name: "flights", entry: "customs", arrivals: Hourly(daily_total: 20000, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    screening: (sources: ["flights"], rules: [Has("vip")], score_threshold: 0.1, random_rate: 0.05),
    facilities: { "search": (servers: 40, service: Constant(s: 60)) },
    routing: {
        "customs": (next: Choose([(when: Has("api_selected"), to: "search"), (when: Always, to: "exit")])),
        "search": (pool: "search", check: Search(find_probability: 1.0), next: To("exit")),
    },
)"#;

#[test]
fn selections_follow_rules_score_and_random_rate() {
    let result = run(&scenario(SCREENED), 5);
    let s = &porttwin::passengers::summary(&result.summary).unwrap();
    let sc = &s.screening;
    assert_eq!(sc.screened, result.summary.arrived);
    // The vip rule selects about 1%.
    let n = sc.screened as f64;
    assert!((sc.by_rule as f64 / n - 0.01).abs() < 4.0 * (0.01 * 0.99 / n).sqrt());
    // Posterior with paid_cash: 0.01/0.99 × 0.6/0.05 = 0.121 odds → 0.108 ≥ 0.1: selected by score.
    // P(paid_cash, not vip) = 0.99 × (0.99 × 0.05 + 0.01 × 0.6) = 0.0549.
    assert!(
        (sc.by_score as f64 / n - 0.0549).abs() < 4.0 * (0.0549 * 0.9451 / n).sqrt(),
        "{}",
        sc.by_score
    );
    // 5% at random among the rest.
    let rest = n - (sc.by_rule + sc.by_score) as f64;
    assert!(
        (sc.at_random as f64 / rest - 0.05).abs() < 4.0 * (0.05 * 0.95 / rest).sqrt(),
        "{}",
        sc.at_random
    );
    // Targeting works: selected travellers carry contraband far more often than the 1% base rate.
    assert!(sc.hit_rate > 0.05, "{}", sc.hit_rate);
}

#[test]
fn every_selected_traveller_is_intercepted() {
    let result = run(&scenario(SCREENED), 6);
    let s = &porttwin::passengers::summary(&result.summary).unwrap();
    let selected = s.screening.by_rule + s.screening.by_score + s.screening.at_random;
    assert_eq!(
        s.interceptions, selected,
        "the customs exit sends every selected traveller to a search"
    );
    let drugs = s.contraband.get("drugs").unwrap();
    assert_eq!(drugs.missed_in_search, 0, "a certain search finds everything");
    assert_eq!(drugs.carried, drugs.seized + drugs.missed_not_searched);
}
