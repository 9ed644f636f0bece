//! The vigilance decrement emerges from runs: analysts kept busy without rests find fewer of
//! the threats in the images than the same analysts with time to rest between images, by about
//! the 10–15 points Mackworth (1948) measured within half an hour; Meuter & Lacherez (Human
//! Factors 58, 2016) saw screeners' decrements only at high event rates.

mod common;

/// Three days of trucks, all reviewed by `analysts` analysts (2 min per image), 10% contraband.
fn scenario(analysts: u32) -> String {
    format!(
        r#"Scenario(
    meta: (name: "vigilance", seed: 8, duration_h: 72.0, drain: true),
    population: [(name: "truck", share: 1.0)],
    demand: [(name: "gate", entry: "lodgement", arrivals: Hourly(daily_total: 1320, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{
        "gantry": (servers: 10, service: Constant(s: 60), automated: true),
        "analysts": (servers: {analysts}, service: LogNormal(mean_s: 120, sd_s: 40)),
    }},
    routing: {{
        "lodgement": (check: Cargo(Targeting), next: To("gantry")),
        "gantry": (pool: "gantry", check: Cargo(Scan(kind: Gantry)), next: To("review")),
        "review": (pool: "analysts", check: Cargo(Review()), next: To("exit")),
    }},
    cargo: (sources: ["gate"], contraband_rate: 0.1, misdeclaration_rate: 0.0, scanning: (model: None, thresholds: {{}})),
)"#
    )
}

fn analysts(n: u32) -> porttwin::detect::analyst::AnalystSummary {
    let result = common::run(&common::scenario(&scenario(n)), 8);
    porttwin::cargo::summary(&result.summary)
        .expect("a cargo summary")
        .analysts
        .expect("modelled analysts")
}

#[test]
fn busy_analysts_without_rests_find_fewer_threats() {
    let rested = analysts(40);
    let busy = analysts(2);
    let late = busy.with_threat_by_time_on_task[3];
    assert!(
        late as f64 > 0.8 * busy.with_threat as f64,
        "busy analysts work on for hours: {busy:?}"
    );
    let early = rested.with_threat_by_time_on_task[0];
    assert!(
        early as f64 > 0.95 * rested.with_threat as f64,
        "rested analysts start afresh: {rested:?}"
    );
    let decrement = rested.hit_rate.unwrap() - busy.hit_rate.unwrap();
    assert!(
        (0.04..=0.20).contains(&decrement),
        "vigilance decrement {decrement:.3}: rested {rested:?}, busy {busy:?}"
    );
}
