//! Rosters staff pools by the hour; a server finishes its customer when its shift ends.

mod common;

use common::{assert_conserved, run, scenario};

const ROSTERED: &str = r#"Scenario(
    meta: (name: "roster", duration_h: 24.0),
    demand: [(name: "in", entry: "desk", arrivals: Hourly(daily_total: 2400, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {
        // Closed until 06:00, two desks until 12:00, one after.
        "desks": (servers: 2, roster: [0,0,0,0,0,0,2,2,2,2,2,2,1,1,1,1,1,1,1,1,1,1,1,1], service: Constant(s: 420)),
    },
    routing: { "desk": (pool: "desks", next: To("exit")) },
)"#;

#[test]
fn nobody_is_served_while_the_pool_is_closed() {
    let result = run(&scenario(ROSTERED), 1);
    let six_am = 6 * 60;
    let busy = &result.series.busy[0];
    assert!(busy[..six_am].iter().all(|&b| b == 0), "a closed pool served someone");
    assert!(result.series.queue[0][six_am] > 400, "arrivals queue up overnight");
    assert_eq!(busy[six_am], 2, "both desks start at 06:00");
    assert_eq!(result.series.staffed[0][six_am - 1], 0);
    assert_eq!(result.series.staffed[0][six_am], 2);
    assert_conserved(&result);
}

#[test]
fn a_server_finishes_its_customer_after_the_shift_ends() {
    let result = run(&scenario(ROSTERED), 1);
    let noon = 12 * 60;
    // 7-minute services from 06:00: at 12:00 both desks are 3 minutes into a service; the off-shift one
    // finishes at 12:04, then leaves.
    assert_eq!(result.series.staffed[0][noon], 1);
    assert_eq!(result.series.busy[0][noon], 2, "the off-shift server keeps serving");
    assert!(
        result.series.busy[0][noon + 10..noon + 60].iter().all(|&b| b == 1),
        "then only one desk works"
    );
    assert_eq!(result.series.busy[0][noon + 3], 2);
    // Officer-hours: 6 h × 2 + 12 h × 1 = 24 staffed hours, plus the 4-minute overrun.
    let pool = result.summary.pools.get("desks").unwrap();
    assert!((pool.officer_hours - (24.0 + 4.0 / 60.0)).abs() < 1e-9, "{}", pool.officer_hours);
}
