//! The live feed: a log fed message by message to a running twin ends with the digest of the
//! log's offline `--forced` replay; duplicates are dropped, late, malformed and unknown
//! messages are counted by reason and never applied; ties at one millisecond keep the offline
//! order because a traced item's calendar number is reserved before it is received.

mod common;

use porttwin::eventlog::read::parse;
use porttwin::live::{Feed, FeedOptions, Rejection, Taken};
use porttwin::metrics::RunResult;
use porttwin::scenario::Scenario;
use porttwin::scenario::replay::replay;
use porttwin::{RunOptions, Seed, Stepper, run_headless};

/// The offline forced replay of `text` on `scenario`.
fn offline(scenario: &Scenario, text: &str, seed: u64) -> RunResult {
    let log = parse(text, "log.jsonl").expect("the log reads");
    run_headless(
        &replay(scenario, &log, true).expect("the log fits"),
        Seed(seed),
        &RunOptions::default(),
    )
    .expect("runs")
}

/// Feeds `messages` to a live run, stepping it after every `chunk` messages, then closes the feed.
fn fed<'a>(scenario: &Scenario, messages: impl IntoIterator<Item = &'a str>, seed: u64, chunk: usize) -> (RunResult, Feed) {
    let mut stepper = Stepper::live(scenario, Seed(seed), &RunOptions::default()).expect("opens");
    let mut feed = Feed::new(scenario, FeedOptions::default());
    for (n, message) in messages.into_iter().enumerate() {
        let _ = feed.offer(message);
        if (n + 1) % chunk == 0 {
            stepper.feed(&mut feed).expect("steps");
        }
    }
    feed.close();
    stepper.feed(&mut feed).expect("finishes");
    assert!(stepper.is_finished());
    (stepper.finish(), feed)
}

fn day() -> Scenario {
    porttwin::scenario::load("scenarios/land_port_day.ron".as_ref()).expect("the shipped scenario is valid")
}

fn message(id: u32, time: &str, kind: &str, data: &str) -> String {
    format!(
        r#"{{"specversion":"1.0","id":"{id}","source":"/test","type":"org.porttwin.{kind}","time":"2000-01-01T{time}Z","data":{data}}}"#
    )
}

#[test]
fn a_fed_log_ends_with_the_digest_of_its_offline_forced_replay() {
    let scenario = day();
    let (original, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 42);
    let replayed = offline(&scenario, &text, 42);
    assert_eq!(replayed.summary.digest, original.summary.digest);
    let (live, feed) = fed(&scenario, text.lines(), 42, 64);
    assert_eq!(live.summary.digest, replayed.summary.digest);
    assert_eq!(live.summary.arrived, original.summary.arrived);
    let report = feed.report();
    let lines = text.lines().count() as u64;
    let applied = text
        .lines()
        .filter(|l| {
            ["arrival", "batch", "staffing", "breakdown", "repair"]
                .iter()
                .any(|k| l.contains(&format!("\"org.porttwin.{k}\"")))
        })
        .count() as u64;
    assert_eq!(report.received, lines);
    assert_eq!(report.applied, applied, "{}", report.render());
    assert_eq!(report.observed, lines - applied);
    assert!(report.refused.is_empty(), "{}", report.render());
    assert_eq!(report.held, 0);
}

#[test]
fn redelivered_messages_are_dropped_as_duplicates() {
    let scenario = day();
    let (original, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 7);
    let twice = text.lines().flat_map(|l| [l, l]);
    let (live, feed) = fed(&scenario, twice, 7, 200);
    assert_eq!(live.summary.digest, original.summary.digest);
    let report = feed.report();
    assert_eq!(report.refused(&Rejection::Duplicate), text.lines().count() as u64);
    assert_eq!(report.refused.len(), 1, "{}", report.render());
}

/// Two sources meet at one desk at the same millisecond: the direct traveller's arrival at
/// 00:00:20 was due to be scheduled at 00:00:00, the walker's reach of the desk at 00:00:10,
/// so offline the direct one queues first. Fed, the direct arrival comes after the walker's
/// reach was scheduled; only the reserved calendar number keeps it first.
#[test]
fn ties_at_one_millisecond_keep_the_offline_order() {
    let scenario = common::scenario(
        r#"Scenario(
    meta: (name: "ties", duration_h: 1.0),
    demand: [
        (name: "direct", entry: "desk", arrivals: Hourly(daily_total: 24, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
        (name: "walkers", entry: "corridor", arrivals: Hourly(daily_total: 24, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1])),
    ],
    facilities: { "desks": (servers: 1, service: Constant(s: 30)) },
    routing: {
        "corridor": (delay_s: 10, next: To("desk")),
        "desk": (pool: "desks", next: To("exit")),
    },
)"#,
    );
    let log = [
        message(1, "00:00:00.000", "arrival", r#"{"agent":"a","source":"direct"}"#),
        message(2, "00:00:10.000", "arrival", r#"{"agent":"b","source":"walkers"}"#),
        message(3, "00:00:20.000", "arrival", r#"{"agent":"c","source":"direct"}"#),
    ];
    let text = log.join("\n");
    let replayed = offline(&scenario, &text, 1);
    let (live, _) = fed(&scenario, log.iter().map(String::as_str), 1, 1);
    assert_eq!(live.summary.digest, replayed.summary.digest);
    assert_eq!(live.summary.served, 3);
}

#[test]
fn late_malformed_unknown_and_future_messages_are_counted_by_reason_and_never_applied() {
    let scenario = day();
    let (original, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 42);
    let lines: Vec<&str> = text.lines().collect();
    let half = lines.len() / 2;
    let mut stepper = Stepper::live(&scenario, Seed(42), &RunOptions::default()).expect("opens");
    let mut feed = Feed::new(
        &scenario,
        FeedOptions {
            max_ahead: Some(porttwin::sim::time::SimTime::from_hours(1)),
            ..FeedOptions::default()
        },
    );
    for line in &lines[..half] {
        feed.offer(line).expect("a line of the run's own log is taken");
    }
    stepper.feed(&mut feed).expect("steps");
    let bad = [
        ("not json".to_string(), Rejection::Malformed { field: String::new() }),
        (
            r#"{"specversion":"1.0","source":"/x","type":"org.porttwin.arrival","time":"2000-01-01T23:00:00Z","data":{}}"#.to_string(),
            Rejection::Malformed { field: "id".into() },
        ),
        (
            message(900_001, "23:00:00.000", "arrival", r#"{"source":"pedestrians"}"#),
            Rejection::Malformed {
                field: "data.agent".into(),
            },
        ),
        (message(900_002, "23:00:00.000", "teleport", "{}"), Rejection::UnknownType),
        (
            message(900_003, "00:00:01.000", "arrival", r#"{"agent":"late","source":"pedestrians"}"#),
            Rejection::Late,
        ),
        (
            message(900_004, "23:00:00.000", "arrival", r#"{"agent":"x","source":"helicopters"}"#),
            Rejection::UnknownName {
                field: "data.source".into(),
            },
        ),
        // A recent message again (one from hours ago is forgotten: see the deduplication test).
        (lines[half - 1].to_string(), Rejection::Duplicate),
    ];
    for (text, reason) in &bad {
        let refusal = feed.offer(text).expect_err(text);
        assert_eq!(&refusal.reason, reason, "{text}: {}", refusal.message);
    }
    // Once a clock has set the watermark, an event far ahead of it is from the future.
    let now = feed.watermark();
    let clock_time = porttwin::eventlog::clock::format(now);
    let clock =
        format!(r#"{{"specversion":"1.0","id":"c1","source":"/clock","type":"org.porttwin.clock","time":"{clock_time}","data":{{}}}}"#);
    assert_eq!(feed.offer(&clock), Ok(Taken::Clock));
    let future = message(900_005, "23:59:00.000", "arrival", r#"{"agent":"early","source":"pedestrians"}"#);
    assert_eq!(feed.offer(&future).expect_err("future").reason, Rejection::Future);
    for line in &lines[half..] {
        feed.offer(line).expect("the rest of the log is taken");
    }
    feed.close();
    stepper.feed(&mut feed).expect("finishes");
    let report = feed.report();
    for (_, reason) in &bad {
        assert_eq!(report.refused(reason), 1, "{reason}: {}", report.render());
    }
    assert_eq!(report.refused(&Rejection::Future), 1);
    assert_eq!(
        stepper.finish().summary.digest,
        original.summary.digest,
        "nothing refused was applied"
    );
}

#[test]
fn a_flood_of_ten_thousand_arrivals_in_one_second_is_taken_whole() {
    let scenario = common::single_queue(60.0, 2, "Constant(s: 1)", 1.0);
    let scenario = common::scenario(&scenario);
    let flood: Vec<String> = (0..10_000)
        .map(|i| {
            message(
                i,
                &format!("00:10:00.{:03}", i / 10),
                "arrival",
                &format!(r#"{{"agent":"{i}","source":"in"}}"#),
            )
        })
        .collect();
    let (live, feed) = fed(&scenario, flood.iter().map(String::as_str), 1, 500);
    let report = feed.report();
    assert_eq!(report.applied, 10_000, "{}", report.render());
    assert_eq!(live.summary.arrived, 10_000);
    assert_eq!(live.summary.digest, offline(&scenario, &flood.join("\n"), 1).summary.digest);
}

/// The deduplication set keeps (`source`, `id`) only down to an hour behind the watermark
/// (pruned each time the watermark moves on by an hour), so it stays bounded over a day; a
/// recent message again is still a duplicate, one from hours ago is refused as late.
#[test]
fn the_deduplication_set_forgets_what_is_an_hour_behind_the_watermark() {
    let scenario = day();
    let (_, text) = common::event_log::run_with_log("scenarios/land_port_day.ron", 42);
    let lines: Vec<&str> = text.lines().collect();
    let mut stepper = Stepper::live(&scenario, Seed(42), &RunOptions::default()).expect("opens");
    let mut feed = Feed::new(&scenario, FeedOptions::default());
    let mut most = 0;
    for line in &lines {
        let _ = feed.offer(line);
        most = most.max(feed.remembered());
    }
    stepper.feed(&mut feed).expect("steps");
    // Between two prunings the set holds at most the last two hours' messages.
    let per_hour = |h: usize| {
        lines
            .iter()
            .filter(|l| l.contains(&format!("\"time\":\"2000-01-01T{h:02}:")))
            .count()
    };
    let busiest_two_hours = (0..23).map(|h| per_hour(h) + per_hour(h + 1)).max().unwrap();
    assert!(
        most <= busiest_two_hours,
        "{most} remembered, the busiest two hours have {busiest_two_hours}"
    );
    assert!(most < lines.len() / 3, "{most} of {} remembered", lines.len());
    assert!(feed.remembered() >= per_hour(23), "the last hour is remembered");
    let again = |feed: &mut Feed, line: &str| feed.offer(line).err().map(|r| r.reason);
    assert_eq!(again(&mut feed, lines[lines.len() - 1]), Some(Rejection::Duplicate));
    assert_eq!(again(&mut feed, lines[0]), Some(Rejection::Late));
}
