//! The integrated smart channel clears the same travellers with fewer stops than the traditional sequence.

mod common;

use common::run;
use porttwin::metrics::Summary;

fn summary(file: &str) -> Summary {
    let scenario = porttwin::scenario::load(file.as_ref()).unwrap();
    run(&scenario, scenario.meta.seed).summary
}

fn assert_contraband_conserved(s: &Summary) {
    for (class, c) in porttwin::passengers::summary(s).unwrap().contraband.iter() {
        assert_eq!(
            c.carried,
            c.seized + c.missed_not_searched + c.missed_in_search,
            "{class} items are all accounted for"
        );
    }
    assert_eq!(
        porttwin::passengers::summary(s).unwrap().bags.checked,
        porttwin::passengers::summary(s).unwrap().bags.delivered,
        "every checked bag reached the carousel"
    );
    let scan = &porttwin::passengers::summary(s).unwrap().bags.scan;
    assert!(
        scan.screened > porttwin::passengers::summary(s).unwrap().bags.checked * 9 / 10,
        "the CT screens most bags: {scan:?}"
    );
    assert!(scan.flagged > 0, "{scan:?}");
    assert_eq!(scan.flagged_owners_not_searched, 0, "every flagged bag's owner is intercepted");
}

#[test]
fn integrated_channel_reduces_stops() {
    let traditional = summary("scenarios/airport_arrivals.ron");
    let smart = summary("scenarios/airport_arrivals_smart_channel.ron");
    assert_eq!(traditional.arrived, smart.arrived, "the same flights and travellers");
    for s in [&traditional, &smart] {
        assert_contraband_conserved(s);
        assert_eq!(s.in_system_at_end, 0);
    }
    let (t, m) = (
        &porttwin::passengers::summary(&traditional).unwrap(),
        &porttwin::passengers::summary(&smart).unwrap(),
    );
    // Traditional: immigration plus the customs X-ray for nearly everyone (2 stops); smart: one gate.
    assert!(t.stops_per_traveller > 1.9, "{}", t.stops_per_traveller);
    assert!(m.stops_per_traveller < 1.15, "{}", m.stops_per_traveller);
    assert!(
        m.seamless_share > 0.9 && t.seamless_share < 0.05,
        "{} vs {}",
        m.seamless_share,
        t.seamless_share
    );
    assert!(smart.time_in_system_s.p95 < traditional.time_in_system_s.p95);
}
