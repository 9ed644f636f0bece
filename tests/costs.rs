//! The costs of a run against sums worked out by hand on `tests/fixtures/costs.ron`: four
//! travellers at 00:10 through one e-gate (30 s, a machine) then two search booths (120 s,
//! officers), constant service, a 2 h run (1/12 of a day). At the gate they wait 0, 30, 60
//! and 90 s; they reach the booths at 30, 60, 90 and 120 s and the last two wait 60 s each:
//! 300 s of waiting in all. Each carries drugs and the search finds them: 4 seizures.

mod common;

use common::{assert_rejected, run, scenario};
use porttwin::metrics::costs::CostSummary;

const FIXTURE: &str = "tests/fixtures/costs.ron";

fn text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

fn costs() -> (porttwin::metrics::Summary, CostSummary) {
    let summary = run(&scenario(&text()), 1).summary;
    let costs = summary.costs.clone().expect("the scenario prices its pools");
    (summary, costs)
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(1.0)
}

#[test]
fn officer_hours_count_people_and_machine_hours_machines() {
    let (s, _) = costs();
    assert_eq!((s.pools["booths"].officer_hours, s.pools["booths"].machine_hours), (4.0, 0.0));
    assert_eq!((s.pools["egates"].officer_hours, s.pools["egates"].machine_hours), (0.0, 2.0));
}

#[test]
fn each_pool_costs_its_staff_capital_and_running_by_hand() {
    let (_, c) = costs();
    assert!(close(c.days, 1.0 / 12.0), "{}", c.days);
    let booths = &c.pools["booths"];
    // 4 officer-hours at 40; 7,300 over 2 years is 10 a day per booth: 2 booths for 1/12 day.
    assert!(close(booths.staff, 160.0), "{booths:?}");
    assert!(close(booths.capital, 20.0 / 12.0), "{booths:?}");
    assert_eq!(booths.running, 0.0);
    let egates = &c.pools["egates"];
    // 36,500 over 10 years is 10 a day; 2 machine-hours at 3 plus 4 passages at 0.5.
    assert_eq!(egates.staff, 0.0);
    assert!(close(egates.capital, 10.0 / 12.0), "{egates:?}");
    assert!(close(egates.running, 8.0), "{egates:?}");
    assert!(close(c.staff, 160.0) && close(c.equipment, 8.0 + 30.0 / 12.0), "{c:?}");
    assert!(close(c.operating, 170.5), "{}", c.operating);
}

#[test]
fn waiting_seizures_and_the_per_day_per_agent_per_seizure_figures_by_hand() {
    let (_, c) = costs();
    assert!(close(c.traveller_wait_min, 5.0), "{}", c.traveller_wait_min);
    assert!(close(c.waiting, 3.0), "5 minutes at 0.6: {}", c.waiting);
    assert_eq!((c.truck_hours, c.demurrage), (0.0, 0.0));
    assert!(close(c.total, 173.5), "{}", c.total);
    assert!(close(c.per_day, 173.5 * 12.0), "{}", c.per_day);
    assert!(close(c.operating_per_day, 170.5 * 12.0), "{}", c.operating_per_day);
    assert!(close(c.per_agent.unwrap(), 173.5 / 4.0), "{:?}", c.per_agent);
    assert_eq!(c.seizures, 4);
    assert!(close(c.per_seizure.unwrap(), 170.5 / 4.0), "{:?}", c.per_seizure);
    assert!(close(c.seizure_value, 4000.0), "{}", c.seizure_value);
    assert!(close(c.net_per_day, (173.5 - 4000.0) * 12.0), "{}", c.net_per_day);
    assert_eq!(c.currency, "EUR");
}

#[test]
fn costs_change_no_other_kpi() {
    let text = text();
    let start = text.find("    costs: (").unwrap();
    let without = format!("{}{}", &text[..start], "\n)\n");
    let mut plain = run(&scenario(&without), 1).summary;
    let (with, _) = costs();
    assert!(plain.costs.is_none());
    plain.costs = with.costs.clone();
    assert_eq!(plain, with, "prices draw nothing and change no other figure");
}

#[test]
fn the_cli_and_the_report_show_the_costs() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["run", FIXTURE, "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in [
        "cost per day 2,082 EUR (operating 2,046 EUR, travellers' waiting 36.00 EUR, demurrage 0.00 EUR) over 0.08 days",
        "per agent who left 43.38 EUR; per seizure 42.62 EUR of operating cost (4 seizures worth 4,000 EUR); net of seizures -45,918 EUR per day",
        "officer-hours on duty: 4.0  machine-hours: 2.0",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    let report = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(
        report.contains("<h2>Costs</h2>") || report.contains(">Costs<"),
        "the report has a costs section"
    );
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(json["costs"]["seizures"], 4);
}

#[test]
fn a_staff_cost_on_a_pool_of_machines_is_a_located_error() {
    assert_rejected(
        &text(),
        "costs.ron",
        "(capital: 36500.0,",
        "(staff_per_hour: 20.0, capital: 36500.0,",
        "costs.pools.egates.staff_per_hour",
        "pool \"egates\" is `automated: true`: its servers are machines, not officers",
        "\"egates\": (staff_per_hour",
    );
}

#[test]
fn a_capital_cost_without_a_life_is_a_located_error() {
    assert_rejected(
        &text(),
        "costs.ron",
        "capital: 7300.0, life_years: 2.0",
        "capital: 7300.0",
        "costs.pools.booths.capital",
        "a capital cost needs the `life_years` it is written off over",
        "\"booths\": (staff_per_hour",
    );
}

#[test]
fn unknown_pools_and_classes_and_negative_prices_are_located_errors() {
    let text = text();
    assert_rejected(
        &text,
        "costs.ron",
        "\"booths\": (staff",
        "\"boths\": (staff",
        "costs.pools.boths",
        "pool \"boths\" does not exist",
        "\"boths\": (staff",
    );
    assert_rejected(
        &text,
        "costs.ron",
        "{\"drugs\": 1000.0}",
        "{\"drug\": 1000.0}",
        "costs.seizure_value.drug",
        "contraband class \"drug\" does not exist",
        "seizure_value",
    );
    assert_rejected(
        &text,
        "costs.ron",
        "waiting_per_traveller_min: 0.6",
        "waiting_per_traveller_min: -0.6",
        "costs.waiting_per_traveller_min",
        "a cost cannot be negative (got -0.6)",
        "waiting_per_traveller_min",
    );
}

#[test]
fn the_domains_classes_are_the_names_their_summaries_use() {
    use porttwin::detect::classes::ThreatClass;
    use porttwin::domains::Domain;
    let names = |classes: &[ThreatClass]| classes.iter().map(|c| c.name()).collect::<Vec<_>>();
    assert_eq!(porttwin::passengers::Passengers::CLASSES, names(&ThreatClass::BAG));
    assert_eq!(porttwin::cargo::Cargo::CLASSES, names(&ThreatClass::CONTAINER));
    let parcels: Vec<&str> = porttwin::parcels::classes::ParcelClass::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(porttwin::parcels::Parcels::CLASSES, parcels);
}
