//! Uncertain schedules: a scheduled batch (a ferry, a flight, a vessel call) may come late,
//! part-full or not at all, each occurrence drawn from the source's own `schedule` stream, so
//! staffing variants see the same delays, loads and cancellations.

mod common;

use common::event_log::run_scenario_with_log;
use common::{assert_conserved, assert_rejected, scenario};
use porttwin::eventlog::Record;
use porttwin::eventlog::read::parse;

/// A ferry at 08:00 every day with `uncertainty` (RON), served at `desks` desks, for `days` days.
fn ferry(uncertainty: &str, desks: u32, days: u32) -> String {
    format!(
        r#"Scenario(
    meta: (name: "ferry", duration_h: {hours}, drain: true),
    demand: [(name: "ferry", entry: "desk", arrivals: Schedule(
        batches: [(at: "08:00", count: 200, spread_min: 10, label: "FERRY1")],
        uncertainty: {uncertainty},
    ))],
    facilities: {{ "desks": (servers: {desks}, service: Exponential(mean_s: 20)) }},
    routing: {{ "desk": (pool: "desks", next: To("exit")) }},
)"#,
        hours = days * 24
    )
}

/// The log's batch announcements (time in seconds, count) and arrival times (seconds).
fn batches_and_arrivals(text: &str) -> (Vec<(f64, u32)>, Vec<f64>) {
    let log = parse(text, "run.jsonl").unwrap();
    let mut batches = Vec::new();
    let mut arrivals = Vec::new();
    for event in &log.events {
        match &event.record {
            Record::Batch { count, .. } => batches.push((event.at.as_secs_f64(), count.unwrap())),
            Record::Arrival { .. } => arrivals.push(event.at.as_secs_f64()),
            _ => {}
        }
    }
    (batches, arrivals)
}

#[test]
fn a_late_ferry_s_travellers_arrive_after_its_delay_within_its_spread() {
    let spec = scenario(&ferry("Some((delay: Constant(s: 1800)))", 6, 3));
    let (result, text) = run_scenario_with_log(&spec, 1);
    assert_conserved(&result);
    assert_eq!(result.summary.arrived, 600, "no load factor: the whole count comes");
    let (batches, arrivals) = batches_and_arrivals(&text);
    let planned: Vec<f64> = (0..3).map(|d| (d * 24 + 8) as f64 * 3600.0).collect();
    assert_eq!(
        batches.iter().map(|b| b.0).collect::<Vec<_>>(),
        planned,
        "announced at the scheduled time"
    );
    for at in arrivals {
        let day = (at / 86_400.0).floor();
        let after = at - planned[day as usize];
        assert!((1800.0..2400.0).contains(&after), "an arrival {after} s after 08:00");
    }
}

#[test]
fn loads_follow_their_beta_law_and_cancellations_their_probability() {
    let days = 120;
    let spec = scenario(&ferry(
        "Some((load_factor: Some(Beta(mean: 0.7, sd: 0.1)), cancel_p: 0.2))",
        8,
        days,
    ));
    let (result, text) = run_scenario_with_log(&spec, 3);
    let (batches, arrivals) = batches_and_arrivals(&text);
    let cancelled = days as usize - batches.len();
    // Binomial(120, 0.2): mean 24, sd 4.4.
    assert!((11..=37).contains(&cancelled), "{cancelled} of {days} ferries cancelled");
    let counts: Vec<f64> = batches.iter().map(|b| f64::from(b.1)).collect();
    let (mean, se) = common::mean_and_se(&counts);
    assert!(
        (mean - 140.0).abs() < 4.0 * se.max(1.0),
        "mean load {mean} (se {se}), expected 0.7 x 200"
    );
    let sd = (counts.iter().map(|c| (c - mean).powi(2)).sum::<f64>() / (counts.len() - 1) as f64).sqrt();
    assert!((12.0..30.0).contains(&sd), "sd of the loads {sd}, expected about 0.1 x 200");
    assert_eq!(arrivals.len() as f64, counts.iter().sum::<f64>(), "each announced count arrives");
    assert_eq!(result.summary.arrived as usize, arrivals.len());
}

#[test]
fn staffing_variants_see_the_same_delays_loads_and_cancellations() {
    let uncertainty = "Some((delay: LogNormal(mean_s: 900, sd_s: 1200), load_factor: Some(Beta(mean: 0.8, sd: 0.1)), cancel_p: 0.1))";
    let (few, few_log) = run_scenario_with_log(&scenario(&ferry(uncertainty, 3, 10)), 7);
    let (many, many_log) = run_scenario_with_log(&scenario(&ferry(uncertainty, 9, 10)), 7);
    assert_eq!(batches_and_arrivals(&few_log), batches_and_arrivals(&many_log));
    assert_ne!(few.summary.digest, many.summary.digest, "the staffing changes the waits");
    let (_, other_seed) = run_scenario_with_log(&scenario(&ferry(uncertainty, 3, 10)), 8);
    assert_ne!(
        batches_and_arrivals(&few_log).0,
        batches_and_arrivals(&other_seed).0,
        "another seed, other draws"
    );
}

#[test]
fn a_batch_s_own_uncertainty_replaces_the_schedule_s() {
    let text = ferry("Some((cancel_p: 1.0))", 6, 2).replace(
        r#"label: "FERRY1")]"#,
        r#"label: "FERRY1"), (at: "12:00", count: 50, label: "COACH", uncertainty: Some((cancel_p: 0.0)))]"#,
    );
    let result = common::run(&scenario(&text), 1);
    assert_eq!(result.summary.arrived, 100, "every ferry cancelled, both coaches come");
}

#[test]
fn a_certain_schedule_runs_as_before() {
    let with = common::run(&scenario(&ferry("None", 6, 2)), 5);
    let without = common::run(&scenario(&ferry("None", 6, 2).replace("        uncertainty: None,\n", "")), 5);
    assert_eq!(with.summary.digest, without.summary.digest);
    let fixed = common::run(
        &scenario(&ferry("Some((load_factor: Some(Beta(mean: 1.0, sd: 0)), cancel_p: 0))", 6, 2)),
        5,
    );
    assert_eq!(
        fixed.summary.digest, with.summary.digest,
        "draws that change nothing leave the run as it was"
    );
}

#[test]
fn impossible_uncertainty_is_located() {
    let base = ferry(
        "Some((delay: Constant(s: 60), load_factor: Some(Beta(mean: 0.5, sd: 0.1)), cancel_p: 0.1))",
        6,
        1,
    );
    let at = "uncertainty: Some(";
    let field = "demand[0].arrivals.uncertainty";
    assert_rejected(
        &base,
        "f.ron",
        "cancel_p: 0.1",
        "cancel_p: 15",
        &format!("{field}.cancel_p"),
        "a cancellation probability must be a probability",
        at,
    );
    assert_rejected(
        &base,
        "f.ron",
        "sd: 0.1",
        "sd: 0.6",
        &format!("{field}.load_factor.sd"),
        "a share with mean 0.5 has a standard deviation under 0.5000",
        at,
    );
    assert_rejected(
        &base,
        "f.ron",
        "mean: 0.5",
        "mean: 1.2",
        &format!("{field}.load_factor.mean"),
        "at most 1",
        at,
    );
    assert_rejected(
        &base,
        "f.ron",
        "Constant(s: 60)",
        "Constant(s: -5)",
        &format!("{field}.delay.s"),
        "a delay time cannot be negative",
        at,
    );
    assert_rejected(
        &base,
        "f.ron",
        "Constant(s: 60)",
        "DriveThrough(speed_kmh: 5, spacing_m: 20)",
        &format!("{field}.delay"),
        "a delay cannot be `DriveThrough`",
        at,
    );
}

/// One sailing a day at 08:00 for `days` days, its foot (200) and car (100) waves each from a
/// source of its own, all of a wave at once (no spread); `shared` for both waves' uncertainty.
fn sailing(shared: &str, days: u32) -> String {
    let uncertainty =
        format!("Some((delay: LogNormal(mean_s: 900, sd_s: 1200), load_factor: Some(Beta(mean: 0.7, sd: 0.15)), cancel_p: 0.2{shared}))");
    format!(
        r#"Scenario(
    meta: (name: "sailing", duration_h: {hours}, drain: true),
    demand: [
        (name: "foot", entry: "desk", arrivals: Schedule(batches: [(at: "08:00", count: 200, spread_min: 0, label: "SAILING")], uncertainty: {uncertainty})),
        (name: "cars", entry: "desk", arrivals: Schedule(batches: [(at: "08:00", count: 100, spread_min: 0, label: "SAILING")], uncertainty: {uncertainty})),
    ],
    facilities: {{ "desks": (servers: 20, service: Exponential(mean_s: 20)) }},
    routing: {{ "desk": (pool: "desks", next: To("exit")) }},
)"#,
        hours = days * 24
    )
}

/// Per day: for each source (`foot`, `cars`), the announced count and the arrival time of the
/// wave (seconds after 08:00), or none when that day's wave was cancelled.
fn waves(text: &str, days: u32) -> Vec<[Option<(u32, f64)>; 2]> {
    let log = parse(text, "run.jsonl").unwrap();
    let mut by_day = vec![[None, None]; days as usize];
    let which = |source: &str| usize::from(source == "cars");
    for event in &log.events {
        let day = (event.at.as_secs_f64() / 86_400.0) as usize;
        match &event.record {
            Record::Batch { source, count, .. } => by_day[day][which(source)] = Some((count.unwrap(), f64::NAN)),
            Record::Arrival { source, .. } => {
                let wave = by_day[day][which(source)].as_mut().expect("an arrival follows its batch");
                if wave.1.is_nan() {
                    wave.1 = event.at.as_secs_f64() - (day as f64 * 24.0 + 8.0) * 3600.0;
                }
            }
            _ => {}
        }
    }
    by_day
}

#[test]
fn a_shared_sailing_s_waves_are_late_part_full_and_cancelled_together() {
    let days = 40;
    let (_, text) = run_scenario_with_log(&scenario(&sailing(", shared: true", days)), 4);
    let together = waves(&text, days);
    let cancelled = together.iter().filter(|w| w[0].is_none()).count();
    assert!((1..=16).contains(&cancelled), "{cancelled} of {days} sailings cancelled at p 0.2");
    for (day, [foot, cars]) in together.iter().enumerate() {
        assert_eq!(foot.is_none(), cars.is_none(), "day {day}: one wave cancelled, the other not");
        let (Some((foot_count, foot_late)), Some((car_count, car_late))) = (foot, cars) else {
            continue;
        };
        assert_eq!(foot_late, car_late, "day {day}: both waves are as late");
        let (foot_share, car_share) = (f64::from(*foot_count) / 200.0, f64::from(*car_count) / 100.0);
        assert!(
            (foot_share - car_share).abs() <= 0.0051,
            "day {day}: loads {foot_share} and {car_share}"
        );
    }
    let (_, apart) = run_scenario_with_log(&scenario(&sailing("", days)), 4);
    let apart = waves(&apart, days);
    let differ = apart
        .iter()
        .filter(|[foot, cars]| match (foot, cars) {
            (Some(f), Some(c)) => f.1 != c.1,
            (f, c) => f.is_none() != c.is_none(),
        })
        .count();
    assert!(
        differ > days as usize / 2,
        "unshared, each source draws its own: {differ} of {days} differ"
    );
}

#[test]
fn sharing_one_batch_leaves_the_draws_of_its_source_s_other_batches() {
    let days = 20;
    let with_coach = |shared: &str| {
        sailing(shared, days).replacen(
            r#"label: "SAILING")], uncertainty"#,
            r#"label: "SAILING"), (at: "14:00", count: 10, label: "COACH", uncertainty: Some((delay: Exponential(mean_s: 600), cancel_p: 0.3)))], uncertainty"#,
            1,
        )
    };
    let coaches = |text: &str| {
        let log = parse(text, "run.jsonl").unwrap();
        let ids: Vec<&str> = log
            .events
            .iter()
            .filter(|e| matches!(&e.record, Record::Batch { label, .. } if label == "COACH"))
            .map(|e| e.id.as_str())
            .collect();
        let arrivals: Vec<f64> = log
            .events
            .iter()
            .filter(|e| matches!(&e.record, Record::Arrival { batch: Some(b), .. } if ids.contains(&b.as_str())))
            .map(|e| e.at.as_secs_f64())
            .collect();
        (ids.len(), arrivals)
    };
    let (_, shared) = run_scenario_with_log(&scenario(&with_coach(", shared: true")), 2);
    let (_, own) = run_scenario_with_log(&scenario(&with_coach("")), 2);
    let (announced, arrivals) = coaches(&shared);
    assert!(announced > 5 && !arrivals.is_empty(), "{announced} coaches announced");
    assert_eq!(
        (announced, arrivals),
        coaches(&own),
        "the coach draws the same whether the sailing is shared or not"
    );
}

#[test]
fn a_shared_batch_needs_a_label_of_its_own() {
    let base = sailing(", shared: true", 1).replacen(
        r#"label: "SAILING")], uncertainty"#,
        r#"label: "SAILING"), (at: "14:00", count: 10, label: "LATE")], uncertainty"#,
        1,
    );
    let at = r#"(name: "foot""#;
    assert_rejected(
        &base,
        "s.ron",
        r#"label: "LATE")"#,
        r#"label: "")"#,
        "demand[0].arrivals.batches[1].label",
        "a batch whose uncertainty is `shared` needs a `label`",
        at,
    );
    assert_rejected(
        &base,
        "s.ron",
        r#"label: "LATE")"#,
        r#"label: "SAILING")"#,
        "demand[0].arrivals.batches[1].label",
        "batches[0] of this schedule has the label \"SAILING\" too",
        at,
    );
}
