//! A live run kept in a folder (`Durable`: journal before acknowledgement, a snapshot every
//! ten simulated minutes) and killed mid-stream goes on from its last snapshot and journal:
//! with the broker's redeliveries of everything not acknowledged, it ends with the digest of
//! the offline forced replay, the log's arrivals, and only the redeliveries refused, as
//! duplicates. Damaged or mismatched folders are refused with the file named.

mod common;

use std::sync::OnceLock;

use porttwin::eventlog::read::parse;
use porttwin::live::durable::{Durable, DurableError, LATEST};
use porttwin::live::journal::{FILE, JournalError};
use porttwin::live::{Feed, FeedOptions, Rejection};
use porttwin::scenario::Scenario;
use porttwin::scenario::replay::replay;
use porttwin::sim::time::SimTime;
use porttwin::twin::{ScenarioFile, Snapshot};
use porttwin::{RunOptions, Seed, Stepper, run_headless};

const SCENARIO: &str = "scenarios/land_port_day.ron";
const EVERY: SimTime = SimTime(10 * 60 * 1000);

fn day() -> (Scenario, ScenarioFile) {
    let scenario = porttwin::scenario::load(SCENARIO.as_ref()).unwrap();
    (scenario, ScenarioFile::read(SCENARIO.as_ref()).unwrap())
}

/// Hours 07:00-09:00 of seed 42's own log, as lines (the day is run once for all tests).
fn two_hours() -> Vec<String> {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES
        .get_or_init(|| {
            let (_, text) = common::event_log::run_with_log(SCENARIO, 42);
            text.lines()
                .filter(|l| l.contains("\"time\":\"2000-01-01T07:") || l.contains("\"time\":\"2000-01-01T08:"))
                .map(str::to_string)
                .collect()
        })
        .clone()
}

/// A fresh live run kept in `dir`.
fn start(dir: &std::path::Path, scenario: &Scenario, file: &ScenarioFile) -> (Durable, Stepper, Feed) {
    let stepper = Stepper::live(scenario, Seed(42), &RunOptions::default()).unwrap();
    let feed = Feed::new(scenario, FeedOptions::default());
    let durable = Durable::start(dir, file.clone(), Some(EVERY), &stepper, &feed).unwrap();
    (durable, stepper, feed)
}

#[test]
fn a_killed_live_run_goes_on_from_its_snapshot_and_journal_with_the_offline_digest() {
    let (scenario, file) = day();
    let lines = two_hours();
    let log = parse(&lines.join("\n"), "hours.jsonl").unwrap();
    let offline = run_headless(&replay(&scenario, &log, true).unwrap(), Seed(42), &RunOptions::default()).unwrap();
    let arrivals = lines.iter().filter(|l| l.contains("\"org.porttwin.arrival\"")).count() as u64;
    assert_eq!(offline.summary.arrived, arrivals);

    let dir = tempfile::tempdir().unwrap();
    let (mut durable, mut stepper, mut feed) = start(dir.path(), &scenario, &file);
    // Batches of 50 as the twin takes them: journaled, committed, then acknowledged.
    let kill_at = lines.len() * 3 / 5;
    let mut acknowledged = 0;
    for (n, line) in lines[..kill_at].iter().enumerate() {
        let _ = durable.offer(&mut feed, line);
        if (n + 1) % 50 == 0 {
            durable.commit().unwrap();
            acknowledged = n + 1;
            durable.feed(&mut stepper, &mut feed).unwrap();
        }
    }
    // Killed with a batch journaled but not committed, so never acknowledged.
    assert!(kill_at > acknowledged, "the last batch is cut short");
    drop((durable, stepper, feed));
    let snapshot = Snapshot::read(&dir.path().join(LATEST)).unwrap();
    assert!(
        snapshot.at() > SimTime::ZERO && snapshot.at().0.is_multiple_of(EVERY.0),
        "snapshot at {}",
        snapshot.at()
    );
    let (_, mark) = snapshot.feed().expect("a live run's snapshot");
    assert!(
        mark.records > 0 && mark.records < acknowledged as u64,
        "the journal goes on after the snapshot"
    );

    // The broker redelivers what was not acknowledged, and, as it may, the last ten that were.
    let redelivered = acknowledged - 10;
    let (mut durable, mut stepper, mut feed) = Durable::resume(dir.path(), &scenario, file, Some(EVERY), &RunOptions::default()).unwrap();
    assert!(stepper.now() >= snapshot.at());
    for line in &lines[redelivered..] {
        let _ = durable.offer(&mut feed, line);
    }
    feed.close();
    durable.feed(&mut stepper, &mut feed).unwrap();
    assert!(stepper.is_finished());
    let report = feed.report();
    let live = stepper.finish();
    assert_eq!(live.summary.digest, offline.summary.digest);
    assert_eq!(live.summary.arrived, arrivals);
    assert_eq!(report.refused(&Rejection::Duplicate), 10, "{}", report.render());
    assert_eq!(report.refused.len(), 1, "{}", report.render());
    assert_eq!(report.received, lines.len() as u64 + 10);
}

#[test]
fn a_live_snapshot_reads_back_to_the_same_bytes() {
    let (scenario, file) = day();
    let lines = two_hours();
    let dir = tempfile::tempdir().unwrap();
    let (mut durable, mut stepper, mut feed) = start(dir.path(), &scenario, &file);
    for line in &lines[..lines.len() / 2] {
        let _ = durable.offer(&mut feed, line);
    }
    durable.feed(&mut stepper, &mut feed).unwrap();
    let bytes = std::fs::read(dir.path().join(LATEST)).unwrap();
    let snapshot = Snapshot::from_bytes(&bytes, "latest.snap").unwrap();
    assert!(snapshot.envelope.live.is_some());
    assert_eq!(snapshot.to_bytes(), bytes);
    let (state, _) = snapshot.feed().unwrap();
    let restored = Feed::restored(&scenario, state.clone());
    assert_eq!(restored.save().options(), state.options());
    assert_eq!(restored.report(), Feed::restored(&scenario, state.clone()).report());
}

#[test]
fn damaged_or_mismatched_folders_are_refused() {
    let (scenario, file) = day();
    let lines = two_hours();
    let dir = tempfile::tempdir().unwrap();
    let (mut durable, mut stepper, mut feed) = start(dir.path(), &scenario, &file);
    for line in &lines[..2000] {
        let _ = durable.offer(&mut feed, line);
    }
    durable.feed(&mut stepper, &mut feed).unwrap();
    drop((durable, stepper, feed));

    // A fresh run into a folder that holds a journal.
    let stepper = Stepper::live(&scenario, Seed(42), &RunOptions::default()).unwrap();
    let feed = Feed::new(&scenario, FeedOptions::default());
    let error = Durable::start(dir.path(), file.clone(), Some(EVERY), &stepper, &feed)
        .err()
        .unwrap();
    assert!(matches!(error, DurableError::Journal(JournalError::Exists { .. })), "{error}");
    assert!(error.is_bad_input() && error.to_string().contains("--resume"), "{error}");

    // A journal cut shorter than the snapshot's mark.
    let journal = dir.path().join(FILE);
    let text = std::fs::read(&journal).unwrap();
    std::fs::write(&journal, &text[..100]).unwrap();
    let error = Durable::resume(dir.path(), &scenario, file.clone(), None, &RunOptions::default())
        .err()
        .unwrap();
    assert!(error.is_bad_input(), "{error}");
    assert!(
        error.to_string().contains("journal.jsonl") && error.to_string().contains("snapshot was taken after"),
        "{error}"
    );

    // A damaged line after the mark.
    let mark = Snapshot::read(&dir.path().join(LATEST)).unwrap().envelope.live.unwrap();
    let mut damaged = text.clone();
    damaged.extend_from_slice(b"{\"message\": 7}\n");
    std::fs::write(&journal, &damaged).unwrap();
    let error = Durable::resume(dir.path(), &scenario, file.clone(), None, &RunOptions::default())
        .err()
        .unwrap();
    let line = mark.records + text[mark.bytes as usize..].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    assert!(error.to_string().contains(&format!("line {line}")), "{error}");

    // A snapshot of an ordinary run.
    let other = tempfile::tempdir().unwrap();
    let mut plain = Stepper::new(&scenario, Seed(42), &RunOptions::default());
    plain.run_until(SimTime(3_600_000)).unwrap();
    plain.snapshot(&file).unwrap().write(&other.path().join(LATEST)).unwrap();
    let error = Durable::resume(other.path(), &scenario, file, None, &RunOptions::default())
        .err()
        .unwrap();
    assert!(matches!(error, DurableError::NotLive { .. }), "{error}");
}

/// Feeds `lines` from `from` on through `durable`, with a pacer step 30 s ahead of the
/// latest event after every 100th line (so some later messages come late), committing and
/// stepping after every 50th; stops after line `until`.
fn paced(durable: &mut Durable, stepper: &mut Stepper, feed: &mut Feed, lines: &[String], from: usize, until: usize) {
    let mut latest = SimTime::ZERO;
    for (n, line) in lines.iter().enumerate().take(until).skip(from) {
        if let Ok(porttwin::live::Taken::Held { at }) = durable.offer(feed, line) {
            latest = latest.max(at);
        }
        if (n + 1) % 100 == 0 {
            durable.advance_clock(feed, latest + SimTime(30_000));
        }
        if (n + 1) % 50 == 0 {
            durable.commit().unwrap();
            durable.feed(stepper, feed).unwrap();
        }
    }
}

#[test]
fn pacer_steps_are_journaled_so_a_resumed_run_refuses_the_same_late_messages() {
    let (scenario, file) = day();
    let lines = two_hours();
    let whole = tempfile::tempdir().unwrap();
    let (mut durable, mut stepper, mut feed) = start(whole.path(), &scenario, &file);
    paced(&mut durable, &mut stepper, &mut feed, &lines, 0, lines.len());
    feed.close();
    durable.feed(&mut stepper, &mut feed).unwrap();
    let straight = (feed.report(), stepper.finish().summary.digest);
    assert!(straight.0.refused(&Rejection::Late) > 0, "{}", straight.0.render());

    let killed = tempfile::tempdir().unwrap();
    let (mut durable, mut stepper, mut feed) = start(killed.path(), &scenario, &file);
    let kill_at = 3000;
    paced(&mut durable, &mut stepper, &mut feed, &lines, 0, kill_at);
    drop((durable, stepper, feed));
    let journal = std::fs::read_to_string(killed.path().join(FILE)).unwrap();
    let mark = Snapshot::read(&killed.path().join(LATEST)).unwrap().envelope.live.unwrap();
    let tail = &journal[mark.bytes as usize..];
    assert!(
        tail.contains("\"clock_ms\""),
        "pacer steps after the snapshot are replayed from the journal: {mark:?}, {} bytes",
        journal.len()
    );
    let (mut durable, mut stepper, mut feed) =
        Durable::resume(killed.path(), &scenario, file, Some(EVERY), &RunOptions::default()).unwrap();
    paced(&mut durable, &mut stepper, &mut feed, &lines, kill_at, lines.len());
    feed.close();
    durable.feed(&mut stepper, &mut feed).unwrap();
    assert_eq!((feed.report(), stepper.finish().summary.digest), straight);
}
