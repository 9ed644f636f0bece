//! The shipped ferry terminal answers the planner's questions: a reduced copy of
//! `scenarios/ferry_terminal.ron` (its first two ferries, 05:00 and 07:30: a 9 h run that drains) runs in
//! seconds and has the p95 passport time of each ferry wave, the trucks scanned, the
//! contraband found per class and the costs per kind; the sweep spec that compares one more
//! e-gate bank, one more analyst and more booths plans against it.

mod common;

use common::{plan, run, scenario};

const SCENARIO: &str = "scenarios/ferry_terminal.ron";

fn first_two_ferries() -> porttwin::metrics::Summary {
    let text = std::fs::read_to_string(SCENARIO)
        .unwrap()
        .replace("duration_h: 24.0", "duration_h: 9.0");
    // Seed 4 sails both ferries (under seed 3 the shared draws cancel the second, 2% a sailing).
    run(&scenario(&text), 4).summary
}

#[test]
fn each_ferry_wave_has_its_passport_times_and_the_port_its_scans_seizures_and_costs() {
    let s = first_two_ferries();
    for wave in ["ferry 1", "ferry 2"] {
        let g = &s.groups.batch[wave];
        assert!(g.arrived > 200, "{wave}: {} arrived", g.arrived);
        for segment in ["passport_foot", "passport_car"] {
            let passport = &g.segments[segment];
            assert!(passport.passed > 20, "{wave} {segment}: {passport:?}");
            assert!(
                passport.time_s.p95 > 0.0 && passport.time_s.p95 < 3600.0,
                "{wave} {segment}: {passport:?}"
            );
        }
    }
    assert_eq!(
        s.groups.batch["ferry 3"].arrived, 0,
        "the reduced copy stops before the third ferry"
    );
    let vehicles = &s.groups.kind["vehicles"];
    let travellers = &s.groups.kind["travellers"];
    assert!(vehicles.arrived > 50, "{vehicles:?}");
    assert!(
        s.groups.source["cars"].arrived as f64 > 1.5 * s.groups.kind["vehicles"].arrived as f64,
        "cars carry 2.1 people on average"
    );
    assert_eq!(
        travellers.arrived,
        s.groups.source["foot"].arrived + s.groups.source["cars"].arrived
    );
    let cargo = &s.domains["cargo"];
    let trucks = s.groups.kind["trucks"].arrived;
    assert!(trucks > 40, "{trucks} trucks");
    let scanned = cargo["scan_rate"].as_f64().expect("the share of trucks scanned");
    assert!(
        scanned > 0.0 && scanned < 0.5,
        "{scanned}: red lanes and document findings go to the scanner"
    );
    assert!(s.domains["passengers"]["contraband"].is_object(), "seizures per class");
    let costs = s.costs.as_ref().expect("the terminal prices its pools");
    assert!(costs.per_day > 0.0);
    let kinds: Vec<&str> = costs.per_kind.iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["travellers", "trucks"], "vehicles' costs are their occupants'");
    let split: f64 = costs.per_kind.iter().map(|(_, k)| k.cost).sum::<f64>() + costs.unallocated;
    assert!(
        (split - costs.total).abs() < 1e-6 * costs.total,
        "the kinds' shares and the pools nobody reached add up to the total: {split} of {}",
        costs.total
    );
}

#[test]
fn the_options_sweep_plans_against_the_terminal() {
    let plan = plan(std::path::Path::new("scenarios/sweeps/ferry_options.ron"));
    let names: Vec<&str> = plan.file.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["baseline", "one more e-gate bank", "one more analyst", "two more booths"]);
    assert!(plan.file.kpis.iter().any(|k| k == "costs.per_day"));
    assert!(plan.file.minimise.is_some());
}
