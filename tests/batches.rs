//! Scheduled batches (flights, ferries, coaches) bring exactly their counts, spread over their window, every day.

mod common;

use common::{assert_conserved, run, scenario};

#[test]
fn daily_batches_arrive_in_full_within_their_spread() {
    let spec = scenario(
        r#"Scenario(
    meta: (name: "ferry", duration_h: 48.0, drain: true),
    demand: [(name: "ferry", entry: "desk", arrivals: Schedule(batches: [
        (at: "08:00", count: 300, spread_min: 20, label: "morning ferry"),
        (at: "08:00", count: 100, spread_min: 5, label: "coach"),
        (at: "17:30", count: 250, spread_min: 30, label: "evening ferry"),
    ]))],
    facilities: { "desks": (servers: 6, service: Constant(s: 30)) },
    routing: { "desk": (pool: "desks", next: To("exit")) },
)"#,
    );
    let result = run(&spec, 1);
    assert_conserved(&result);
    assert_eq!(result.summary.arrived, 2 * (300 + 100 + 250));
    assert_eq!(result.summary.in_system_at_end, 0, "a draining run empties the port");
    // Nobody is in the port before 08:00 or between the morning rush and the evening ferry.
    let in_system = &result.series.in_system;
    assert!(in_system[..=8 * 60].iter().all(|&n| n == 0));
    assert!(in_system[8 * 60 + 10] > 0);
    assert_eq!(in_system[17 * 60 + 30], 0);
    let per_hour = &result.summary.throughput_per_hour;
    let day_one: u64 = per_hour[..24].iter().sum();
    assert_eq!(day_one, 650, "each day's batches are served that day");
    assert_eq!(per_hour[..8].iter().sum::<u64>(), 0, "nobody before the first batch");
}
