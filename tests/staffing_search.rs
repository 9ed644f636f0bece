//! The staffing search finds the fewest servers whose mean wait meets a target, with every probe recorded.

mod common;

use common::single_queue;
use porttwin::sweep::staffing::{Bound, StaffingQuery, Target, search};

#[test]
fn finds_the_fewest_servers_that_meet_the_target() {
    let query = StaffingQuery {
        base_file: "queue.ron".into(),
        base_text: single_queue(300.0, 6, "Exponential(mean_s: 60)", 4.0),
        pool: "servers".into(),
        targets: vec![Target {
            kpi: "stages.q.wait_s.mean".into(),
            bound: Bound::AtMost(20.0),
        }],
        range: (1, 16),
        replications: 4,
        seed: 3,
        workers: 2,
        minimise: None,
    };
    let answer = search(&query).unwrap();
    let n = answer.servers.expect("16 servers are plenty");
    // 5 erlangs offered: 5 servers are unstable; Erlang C puts the mean wait at 7 servers near 10 s.
    assert!((6..=8).contains(&n), "{n} servers");
    let meets = |servers: u32| answer.probes.iter().find(|p| p.servers == servers).map(|p| p.meets);
    assert_eq!(meets(n), Some(true));
    assert_ne!(meets(n - 1), Some(true), "one fewer server must not meet the target");
    let impossible = StaffingQuery {
        targets: vec![Target {
            kpi: "stages.q.wait_s.mean".into(),
            bound: Bound::AtMost(-1.0),
        }],
        ..query
    };
    assert_eq!(search(&impossible).unwrap().servers, None);
}
