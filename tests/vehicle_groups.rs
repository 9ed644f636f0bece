//! Vehicles and groups: a car moves through the port as one unit with its occupants, a booth
//! with `per_occupant: true` serves them together (one service draw per occupant, of the
//! occupant's type), traveller KPIs count each occupant and the `vehicles` kind counts the car.
//! Against values worked out by hand on `tests/fixtures/car_occupants.ron`: cars A and B (3
//! adults each) reach the 20 s toll at 00:10; A is tolled 600-620 s and checked 620-710 s
//! (3 x 30 s), B is tolled 620-640 s, waits 70 s at the booth and is checked 710-800 s. The foot
//! adult is checked 1200-1230 s; the family car (2 children) is tolled 1800-1820 s and checked
//! 1820-1840 s (2 x 10 s).

mod common;

use common::{assert_rejected, run, scenario};

const FIXTURE: &str = "tests/fixtures/car_occupants.ron";

fn text() -> String {
    std::fs::read_to_string(FIXTURE).unwrap()
}

#[test]
fn occupants_are_counted_as_travellers_and_the_car_as_a_vehicle() {
    let s = run(&scenario(&text()), 1).summary;
    assert_eq!((s.arrived, s.served, s.in_system_at_end), (9, 9, 0), "3 + 3 + 1 + 2 people");
    // In port 110 s x 3, 200 s x 3, 30 s, 40 s x 2.
    assert_eq!(s.time_in_system_s.mean, 1040.0 / 9.0);
    assert_eq!(s.time_in_system_s.max, 200.0);
    let travellers = &s.groups.kind["travellers"];
    assert_eq!((travellers.arrived, travellers.served), (9, 9));
    assert_eq!(travellers.wait_s.mean, 30.0, "B's 3 occupants waited 20 + 70 s, nobody else");
    let vehicles = &s.groups.kind["vehicles"];
    assert_eq!((vehicles.arrived, vehicles.served), (3, 3), "cars A, B and the family car");
    assert_eq!(vehicles.time_in_system_s.mean, 350.0 / 3.0);
    assert_eq!((vehicles.wait_s.mean, vehicles.wait_s.max), (30.0, 90.0));
    assert_eq!(vehicles.stages["passport"].entered, 3);
    // Types: each occupant in its type, the car in its own.
    let by_type = |t: &str| (s.groups.agent_type[t].arrived, s.groups.agent_type[t].time_in_system_s.mean);
    assert_eq!(by_type("adult"), (7, 960.0 / 7.0));
    assert_eq!(by_type("child"), (2, 40.0));
    assert_eq!(by_type("car"), (3, 350.0 / 3.0));
    assert_eq!(s.time_in_system_by_type_s["adult"].mean, 960.0 / 7.0);
    assert_eq!(s.time_in_system_by_type_s["car"].mean, 350.0 / 3.0);
}

#[test]
fn a_per_occupant_booth_serves_a_car_for_the_sum_of_its_occupants_services() {
    let s = run(&scenario(&text()), 1).summary;
    let booth = &s.stages["passport"];
    assert_eq!(booth.served, 4, "a stage counts units: A, B, the foot adult, the family car");
    assert_eq!(booth.mean_service_s, 230.0 / 4.0, "90 + 90 + 30 + 20 s");
    assert_eq!(
        s.stages["toll"].mean_service_s, 20.0,
        "the toll serves a car once, whatever it carries"
    );
    // The passport segment per person: A 90 s x 3, B 160 s x 3, foot 30 s, family 20 s x 2.
    let passport = &s.segments["passport"];
    assert_eq!((passport.entered, passport.passed), (9, 9));
    assert_eq!(passport.time_s.mean, (270.0 + 480.0 + 30.0 + 40.0) / 9.0);
    assert_eq!(passport.time_s.max, 160.0);
}

#[test]
fn a_per_occupant_booth_s_offered_load_counts_each_occupant_s_service() {
    let s = run(&scenario(&text()), 1).summary;
    let booth = &s.stages["passport"];
    // 9 services asked (3 + 3 + 1 + 2) at the pool's mean 20 s (adults 30 s and children 10 s,
    // half each), against the 230 s of service its one server gave.
    let work_over_busy = booth.offered_load / booth.utilisation;
    assert!(
        (work_over_busy - 180.0 / 230.0).abs() < 1e-9,
        "{work_over_busy}: the car counted once?"
    );
    let toll = &s.stages["toll"];
    assert!(
        (toll.offered_load / toll.utilisation - 1.0).abs() < 1e-9,
        "3 cars x 20 s, once each"
    );
}

#[test]
fn a_car_carries_its_occupants_contraband_and_its_own() {
    let carrying = |adults: &str, cars: &str| {
        let text = text()
            .replace(r#"(name: "adult", share: 0.5)"#, &format!(r#"(name: "adult", share: 0.5{adults})"#))
            .replace(r#"(name: "car", share: 0.0)"#, &format!(r#"(name: "car", share: 0.0{cars})"#));
        let result = run(&scenario(&text), 1);
        let s = porttwin::passengers::summary(&result.summary).unwrap();
        let carried = |class: &str| s.contraband.get(class).map_or(0, |c| c.carried);
        (carried("drugs"), carried("cash"))
    };
    assert_eq!(carrying("", ""), (0, 0));
    assert_eq!(
        carrying(r#", contraband: {"drugs": 1.0}"#, ""),
        (3, 0),
        "cars A and B carry their adults' drugs, the foot adult his own, the children's car none"
    );
    assert_eq!(
        carrying(r#", contraband: {"drugs": 1.0}"#, r#", contraband: {"cash": 1.0}"#),
        (3, 3),
        "and every car the cash hidden in it"
    );
}

#[test]
fn a_wave_counts_its_people_wherever_they_travel() {
    let s = run(&scenario(&text()), 1).summary;
    let ferry = &s.groups.batch["Ferry 1"];
    assert_eq!((ferry.arrived, ferry.served), (7, 7), "two cars of 3 and the foot adult");
    let booth = &ferry.stages["passport"];
    assert_eq!(booth.entered, 7);
    assert_eq!((booth.wait_s.mean, booth.wait_s.max), (30.0, 70.0), "B's 3 occupants waited 70 s");
    assert_eq!(s.groups.source["family"].arrived, 2);
}

#[test]
fn drawn_occupants_follow_their_shares_and_leave_other_draws_alone() {
    let drawn = text()
        .replace(
            r#"sizes: {"3": 1.0}, types: {"adult": 1.0}"#,
            r#"sizes: {"1": 0.5, "4": 0.5}, types: {"adult": 0.5, "child": 0.5}"#,
        )
        .replace("count: 2, label", "count: 400, spread_min: 600, label")
        .replace("duration_h: 2.0", "duration_h: 12.0");
    let s = run(&scenario(&drawn), 7).summary;
    let cars = s.groups.source["cars"].arrived as f64;
    // 400 cars of 2.5 occupants on average: 1,000 people, sd sqrt(400 x 2.25) = 30.
    assert!((cars - 1000.0).abs() < 4.0 * 30.0, "{cars}");
    let adults = s.groups.agent_type["adult"].arrived as f64 - 1.0;
    assert!((adults / cars - 0.5).abs() < 0.06, "{adults} adults of {cars}");
    assert_eq!(s.groups.kind["vehicles"].arrived, 401);
    let again = run(&scenario(&drawn), 7).summary;
    assert_eq!(s.digest, again.digest, "the same seed draws the same occupants");
}

#[test]
fn bad_occupants_are_located_errors() {
    let base = text();
    let from = r#"occupants: (sizes: {"3": 1.0}"#;
    assert_rejected(
        &base,
        "cars.ron",
        from,
        r#"occupants: (sizes: {"0": 1.0}"#,
        "demand[0].occupants.sizes.0",
        "is not a number of occupants",
        "occupants:",
    );
    assert_rejected(
        &base,
        "cars.ron",
        from,
        r#"occupants: (sizes: {"2": 0.5}"#,
        "demand[0].occupants.sizes",
        "sum",
        "occupants:",
    );
    let from = r#"types: {"adult": 1.0}"#;
    assert_rejected(
        &base,
        "cars.ron",
        from,
        r#"types: {"pilot": 1.0}"#,
        "demand[0].occupants.types.pilot",
        "not in the population",
        "occupants:",
    );
}
