//! Queue corrections in a live run (SUMO-calibrator style): a sensor's count below the run's
//! queue removes the most recently queued, one above adds agents to the queue; each is
//! recorded; the counts of a run's own log correct nothing.

mod common;

use porttwin::live::{Feed, FeedOptions, Rejection};
use porttwin::sim::corrections::Correction;
use porttwin::sim::time::SimTime;
use porttwin::{RunOptions, Seed, Stepper};

fn message(id: u32, time: &str, kind: &str, data: &str) -> String {
    format!(
        r#"{{"specversion":"1.0","id":"{id}","source":"/test","type":"org.porttwin.{kind}","time":"2000-01-01T{time}Z","data":{data}}}"#
    )
}

fn correcting() -> FeedOptions {
    FeedOptions {
        correct_queues: true,
        ..FeedOptions::default()
    }
}

#[test]
fn queue_counts_add_and_remove_waiting_agents_and_each_correction_is_recorded() {
    let scenario = common::scenario(&common::single_queue(60.0, 1, "Constant(s: 600)", 1.0));
    let mut stepper = Stepper::live(&scenario, Seed(3), &RunOptions::default()).expect("opens");
    let mut feed = Feed::new(&scenario, correcting());
    let mut messages: Vec<String> = (1..=5)
        .map(|i| {
            message(
                i,
                &format!("00:00:00.{i}00"),
                "arrival",
                &format!(r#"{{"agent":"{i}","source":"in"}}"#),
            )
        })
        .collect();
    messages.push(message(6, "00:01:00.000", "queue", r#"{"stage":"q","waiting":1}"#));
    messages.push(message(7, "00:02:00.000", "queue", r#"{"stage":"q","waiting":6}"#));
    messages.push(message(8, "00:03:00.000", "queue", r#"{"stage":"nowhere","waiting":6}"#));
    messages.push(message(9, "00:03:00.000", "queue", r#"{"stage":"q","waiting":4000000000}"#));
    for m in &messages {
        let _ = feed.offer(m);
        stepper.feed(&mut feed).expect("steps");
    }
    feed.close();
    stepper.feed(&mut feed).expect("finishes");
    let report = feed.report();
    assert_eq!(
        report.refused(&Rejection::UnknownName {
            field: "data.stage".into()
        }),
        1,
        "{}",
        report.render()
    );
    assert_eq!(
        report.refused(&Rejection::Malformed {
            field: "data.waiting".into()
        }),
        1,
        "{}",
        report.render()
    );
    assert_eq!(
        stepper.network().corrections(),
        [
            Correction {
                at: SimTime(60_001),
                stage: 0,
                observed: 1,
                simulated: 4,
                added: 0,
                removed: 3,
            },
            Correction {
                at: SimTime(120_001),
                stage: 0,
                observed: 6,
                simulated: 1,
                added: 5,
                removed: 0,
            },
        ]
    );
    let summary = stepper.finish().summary;
    assert_eq!(summary.arrived, 10, "five fed, five added");
    assert_eq!(summary.balked, 3, "the removed left without service");
    assert_eq!(summary.arrived, summary.served + summary.balked + summary.in_system_at_end);
}

#[test]
fn the_queue_counts_of_a_runs_own_log_correct_nothing() {
    let scenario = porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).expect("valid");
    let (original, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 42);
    let mut stepper = Stepper::live(&scenario, Seed(42), &RunOptions::default()).expect("opens");
    let mut feed = Feed::new(&scenario, correcting());
    for (n, line) in text.lines().enumerate() {
        feed.offer(line).expect("taken");
        if n % 64 == 0 {
            stepper.feed(&mut feed).expect("steps");
        }
    }
    feed.close();
    stepper.feed(&mut feed).expect("finishes");
    assert!(text.contains("org.porttwin.queue"));
    assert_eq!(stepper.network().corrections(), []);
    assert_eq!(stepper.finish().summary.digest, original.summary.digest);
}
