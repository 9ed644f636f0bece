//! The parcel KPIs add up: every parcel that arrived is released, held, seized or still in
//! the mail centre; per class, what was carried was found or missed; throughput, dwell and
//! the hold rate follow from the counts; the de-minimis rule sends every parcel over the
//! threshold to the documents desk.

mod common;

use porttwin::parcels::ParcelsSummary;
use porttwin::scenario::parse;
use porttwin::{RunOptions, Seed, run_headless};

const SCENARIO: &str = r#"Scenario(
    meta: (name: "parcels", seed: 4, duration_h: 6.0, drain: true),
    population: [(name: "parcel", share: 1.0)],
    demand: [
        (name: "flight", entry: "induction", arrivals: Schedule(batches: [(at: "00:10", count: 3000, spread_min: 60), (at: "02:00", count: 2000, spread_min: 40)])),
        (name: "truck", entry: "induction", arrivals: Schedule(batches: [(at: "01:00", count: 1000, spread_min: 30)])),
    ],
    facilities: {
        "induction": (servers: 3, service: LogNormal(mean_s: 2.2, sd_s: 0.6)),
        "officers": (servers: 6, service: LogNormal(mean_s: 300, sd_s: 120)),
        "desk": (servers: 4, service: LogNormal(mean_s: 180, sd_s: 90)),
    },
    routing: {
        "induction": (pool: "induction", check: Parcel(Assess), next: Choose([
            (when: Has("parcel_selected"), to: "opening"),
            (when: Has("documents_required"), to: "documents"),
            (when: Always, to: "exit"),
        ])),
        "opening": (pool: "officers", check: Parcel(Open(find_probability: 0.8)), next: Choose([
            (when: Any([Has("parcel_seized"), Has("parcel_held")]), to: "exit"),
            (when: Has("documents_required"), to: "documents"),
            (when: Always, to: "exit"),
        ])),
        "documents": (pool: "desk", check: Parcel(Documents(reply_probability: 0.7, find_probability: 0.5)), next: To("exit")),
    },
    parcels: (
        sources: ["flight", "truck"],
        origins: {"CN": 0.9, "US": 0.1},
        destinations: {"DE": 1.0},
        rates: {"drugs": 0.01, "counterfeit": 0.02, "weapon_parts": 0.005, "wildlife": 0.005, "undeclared_value": 0.05},
        targeting: (
            de_minimis_eur: 150.0,
            score: (intercept: -4.0, vague: 2.5, low_value_per_kg: 1.5, chapter: 1.0, risky_chapters: [42, 64, 91], threshold: 0.2),
            random_rate: 0.02,
        ),
    ),
)"#;

fn summary_of(text: &str, seed: u64) -> (porttwin::metrics::Summary, ParcelsSummary) {
    let scenario = common::scenario(text);
    let result = run_headless(&scenario, Seed(seed), &RunOptions::default()).expect("the run succeeds");
    let parcels = porttwin::parcels::summary(&result.summary).expect("a parcels section");
    (result.summary, parcels)
}

#[test]
fn every_parcel_is_released_held_seized_or_still_inside() {
    let (summary, p) = summary_of(SCENARIO, 1);
    assert_eq!(p.parcels, 6000);
    assert_eq!(summary.arrived, p.parcels, "parcels are the run's agents");
    assert_eq!(p.in_system, 0, "a drained run leaves nothing inside");
    assert_eq!(p.released + p.held + p.seized, p.parcels);
    assert!(p.seized > 0 && p.held > 0, "{p:?}");
    assert_eq!(p.bags, 200, "6,000 parcels in bags of 30");
    // Cut off after an hour: the rest is still inside.
    let (_, cut) = summary_of(&SCENARIO.replace("duration_h: 6.0, drain: true", "duration_h: 1.0"), 1);
    assert!(cut.in_system > 0, "{cut:?}");
    assert_eq!(cut.released + cut.held + cut.seized + cut.in_system, cut.parcels);
}

#[test]
fn per_class_what_was_carried_was_found_or_missed() {
    let (_, p) = summary_of(SCENARIO, 2);
    let mut found_seizable = 0;
    for (name, c) in p.classes.iter() {
        assert_eq!(c.carried, c.found + c.missed_not_opened + c.missed_opened, "{name}: {c:?}");
        assert!(c.carried > 0, "{name} occurs at its rate");
        if name != "undeclared_value" {
            found_seizable += c.found;
        }
    }
    assert_eq!(
        found_seizable, p.seized,
        "a seizure is a finding of drugs, counterfeits, weapon parts or wildlife"
    );
    let opened_found = p.controls.opened_found;
    assert!(opened_found <= p.controls.opened);
    assert!(p.classes.iter().map(|(_, c)| c.found).sum::<u64>() >= opened_found);
}

#[test]
fn throughput_dwell_and_hold_rate_follow_from_the_counts() {
    let (_, p) = summary_of(SCENARIO, 3);
    let left = p.released + p.held + p.seized;
    assert_eq!(p.hold_rate, Some(p.held as f64 / left as f64));
    assert!(p.parcels_per_hour.peak as f64 >= p.parcels_per_hour.mean);
    assert!(p.parcels_per_hour.peak <= left);
    // 3 induction stations at 2.2 s cap the flow near 4,900 an hour.
    assert!(p.parcels_per_hour.peak < 5_200, "{:?}", p.parcels_per_hour);
    assert!(p.dwell_s.mean >= 2.0 && p.dwell_s.p95 >= p.dwell_s.p50, "{:?}", p.dwell_s);
    let opened = p.dwell_by_outcome_s.get("seized").unwrap();
    assert!(
        opened.mean > p.dwell_by_outcome_s.get("released").unwrap().mean,
        "seized parcels waited for an officer"
    );
}

#[test]
fn parcels_over_de_minimis_go_to_the_documents_desk() {
    let (_, p) = summary_of(SCENARIO, 4);
    assert!(p.assessment.over_de_minimis > 0);
    assert!(p.assessment.documents_required >= p.assessment.over_de_minimis);
    // Each needs documents; those seized or held on opening never reach the desk.
    assert!(p.controls.documents_checks <= p.assessment.documents_required);
    assert!(p.controls.documents_checks + p.controls.opened_found >= p.assessment.documents_required);
    let (_, none) = summary_of(&SCENARIO.replace("de_minimis_eur: 150.0,", ""), 4);
    assert_eq!(none.assessment.over_de_minimis, 0);
    assert_eq!(
        none.controls.documents_checks, 0,
        "without de minimis or rules nobody needs documents"
    );
}

#[test]
fn random_selection_opens_about_its_rate() {
    let text = SCENARIO.replace(
        "score: (intercept: -4.0, vague: 2.5, low_value_per_kg: 1.5, chapter: 1.0, risky_chapters: [42, 64, 91], threshold: 0.2),",
        "",
    );
    let (_, p) = summary_of(&text.replace("random_rate: 0.02", "random_rate: 0.1"), 5);
    let random = *p.assessment.selected.get("random").unwrap();
    assert!((500..700).contains(&random), "10% of 6,000: {random}");
    assert_eq!(p.controls.opened, random);
    assert!(parse(&text, "t.ron").is_ok());
}
