//! Travellers and trucks kept apart (`tests/fixtures/mixed_kinds.ron`): a ferry's 3 foot
//! travellers through one booth (60 s, an officer) wait 0, 60 and 120 s and spend 60, 120 and
//! 180 s in the port; 2 trucks through one kiosk (600 s, a machine) spend 600 and 1,200 s.
//! Each kind has its own headline KPIs, and no traveller KPI counts a truck.

mod common;

use common::{assert_rejected, run, scenario};

const FIXTURE: &str = "tests/fixtures/mixed_kinds.ron";

fn text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

#[test]
fn each_kind_of_agent_has_its_own_headline_kpis() {
    let s = run(&scenario(&text()), 1).summary;
    let kinds: Vec<&str> = s.groups.kind.iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["travellers", "trucks"]);
    let travellers = &s.groups.kind["travellers"];
    assert_eq!((travellers.arrived, travellers.served), (3, 3));
    assert_eq!((travellers.time_in_system_s.mean, travellers.time_in_system_s.max), (120.0, 180.0));
    assert_eq!(travellers.wait_s.mean, 60.0);
    let trucks = &s.groups.kind["trucks"];
    assert_eq!((trucks.arrived, trucks.served), (2, 2));
    assert_eq!((trucks.time_in_system_s.mean, trucks.time_in_system_s.max), (900.0, 1200.0));
    // Everyone together is still there, and is what it says.
    assert_eq!(s.time_in_system_s.mean, (60.0 + 120.0 + 180.0 + 600.0 + 1200.0) / 5.0);
}

#[test]
fn no_traveller_kpi_counts_a_truck() {
    let s = run(&scenario(&text()), 1).summary;
    let passengers = porttwin::passengers::summary(&s).expect("the run has travellers");
    // Each traveller stops once at an officer's booth; the trucks' kiosk is a machine, so
    // counting them would give 3 stops over 5 and a seamless share of 2/5.
    assert_eq!(passengers.stops_per_traveller, 1.0);
    assert_eq!(passengers.seamless_share, 0.0);
    let costs = s.costs.expect("priced");
    assert_eq!(costs.traveller_wait_min, 3.0, "the trucks' 600 s wait is not a traveller's");
    assert_eq!((costs.truck_hours, costs.demurrage), (0.5, 15.0));
}

#[test]
fn the_cli_and_the_report_speak_of_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["run", FIXTURE, "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in [
        "time in port, travellers (3 left): mean 2m 00s",
        "time in port, trucks (2 left): mean 15m 00s",
        // 3 traveller-minutes at 1 and half a truck-hour at 30, over 1/12 of a day; no pool priced.
        "cost per day 216 (operating 0.00, travellers' waiting 36.00, demurrage 180) over 0.08 days",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    let report = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    for sentence in ["95% of the 3 travellers who left", "95% of the 2 trucks that left"] {
        assert!(report.contains(sentence), "{sentence:?} missing from the report");
    }
}

#[test]
fn a_cargo_source_without_a_truck_type_is_a_located_error() {
    assert_rejected(
        &text(),
        "mixed_kinds.ron",
        "mix: {\"truck\": 1.0}, ",
        "",
        "demand[1].name",
        "source \"lorries\" brings trucks, but the population's shares (it has no `mix`) gives it \"foot\", which source \"ferry\" brings as travellers",
        "(name: \"lorries\"",
    );
}

#[test]
fn a_type_two_kinds_of_source_bring_is_refused_at_the_mix() {
    let text = text().replace("mix: {\"truck\": 1.0}", "mix: {\"truck\": 0.5, \"foot\": 0.5}");
    let error = porttwin::scenario::parse(&text, "mixed_kinds.ron").expect_err("foot is the ferry's");
    let d = error
        .diagnostics()
        .iter()
        .find(|d| d.path == "demand[1].mix")
        .cloned()
        .expect("the error at the mix");
    assert!(d.message.contains("gives it \"foot\""), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some("each type is one kind of agent: give source \"lorries\" a `mix` of its own types only, e.g. `mix: {\"truck\": 1.0}`")
    );
}

#[test]
fn a_time_in_system_target_without_of_counts_the_travellers_only() {
    // Within 5 min: all 3 travellers (60, 120, 180 s), but only 3 of the 5 agents.
    let text = text().replace(
        "    cargo: (sources",
        "    targets: (time_in_system: [(within_min: 5, share: 0.9)]),\n    cargo: (sources",
    );
    let s = run(&scenario(&text), 1).summary;
    let target = &s.targets[0];
    assert_eq!(target.what, "time_in_system travellers");
    assert_eq!((target.achieved_share, target.met), (1.0, true), "{target:?}");
}

#[test]
fn each_kind_of_agent_bears_its_own_costs() {
    let s = run(&scenario(&text()), 1).summary;
    let c = s.costs.expect("the fixture prices waiting and demurrage");
    // Travellers waited 0 + 60 + 120 s at 1 a minute; trucks spent 0.5 h at 30 an hour.
    let travellers = &c.per_kind["travellers"];
    assert_eq!((travellers.served, travellers.cost, travellers.per_agent), (3, 3.0, Some(1.0)));
    let trucks = &c.per_kind["trucks"];
    assert_eq!((trucks.served, trucks.cost, trucks.per_agent), (2, 15.0, Some(7.5)));
    assert_eq!(c.unallocated, 0.0);
}
