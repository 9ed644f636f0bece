//! Alarms from a forecast, against the scenario's service targets: "wait at desk will exceed
//! the 5-minute target at 09:40 with probability 0.8".
//!
//! Two kinds. **`wait`**: for each wait target of a stage, the first bin of the wait fan in
//! which the share of replications whose mean wait exceeds the target's limit reaches the alarm
//! probability (a bin where a replication started no service counts as not exceeding).
//! **`target`**: a target (wait or time in system) whose chance of being met over the whole
//! forecast window is at most one minus the alarm probability.

use serde::{Deserialize, Serialize};

use super::{ForecastResult, VariantForecast};
use crate::scenario::Scenario;
use crate::sim::time::SimTime;

/// One alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    /// `wait` (a stage's mean wait above its target's limit in a bin) or `target` (a target
    /// likely missed over the window).
    pub kind: String,
    /// What the target measures, e.g. `"wait desk"`.
    pub what: String,
    /// The target's limit in minutes.
    pub within_min: f64,
    /// When: the start of the first bin over the limit (`wait`), the forecast's start (`target`).
    pub at: String,
    /// The same in milliseconds of simulated time.
    pub at_ms: u64,
    /// The probability (share of replications).
    pub probability: f64,
    /// The sentence an operator reads.
    pub text: String,
}

/// `09:40` (or `d2 09:40`) for a message's text.
fn clock(at: SimTime) -> String {
    let full = at.to_string();
    full[..full.len() - 3].to_string()
}

/// The alarms of `variant` (a forecast of `scenario` from `result`) at `threshold` probability.
pub fn alarms(result: &ForecastResult, variant: &VariantForecast, scenario: &Scenario, threshold: f64) -> Vec<Alarm> {
    let mut found = Vec::new();
    let replications = variant.replications.len().max(1) as f64;
    for (stage, limit, _) in &scenario.targets.wait {
        let limit_s = limit.as_secs_f64();
        let bins = variant.replications.iter().map(|m| m.wait_s[*stage].len()).max().unwrap_or(0);
        let over = |bin: usize| {
            let n = variant
                .replications
                .iter()
                .filter(|m| m.wait_s[*stage].get(bin).copied().flatten().is_some_and(|w| w > limit_s))
                .count();
            n as f64 / replications
        };
        if let Some((bin, p)) = (0..bins).map(|b| (b, over(b))).find(|(_, p)| *p >= threshold) {
            let at = result.from + SimTime(result.bin.0 * bin as u64);
            let name = &scenario.stages[*stage].name;
            let minutes = limit.as_secs_f64() / 60.0;
            found.push(Alarm {
                kind: "wait".into(),
                what: format!("wait {name}"),
                within_min: minutes,
                at: at.to_string(),
                at_ms: at.0,
                probability: p,
                text: format!(
                    "wait at {name} will exceed the {minutes}-minute target at {} with probability {p:.2}",
                    clock(at)
                ),
            });
        }
    }
    for target in &variant.targets {
        let missed = 1.0 - target.met.estimate;
        if missed >= threshold {
            found.push(Alarm {
                kind: "target".into(),
                what: target.what.clone(),
                within_min: target.within_min,
                at: result.from.to_string(),
                at_ms: result.from.0,
                probability: missed,
                text: format!(
                    "{} will miss its target ({:.0}% within {} min) between {} and {} with probability {missed:.2}",
                    target.what,
                    target.required_share * 100.0,
                    target.within_min,
                    clock(result.from),
                    clock(result.until)
                ),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::wilson::wilson;
    use crate::twin::forecast::TargetChance;
    use crate::twin::forecast::replication::Measured;

    const SCENARIO: &str = r#"Scenario(
    meta: (name: "queue", duration_h: 24.0),
    targets: (wait: [(of: "q", within_min: 5, share: 0.9)]),
    demand: [(name: "in", entry: "q", arrivals: Hourly(daily_total: 240, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: { "servers": (servers: 1, service: Exponential(mean_s: 60)) },
    routing: { "q": (pool: "servers", next: To("exit")) },
)"#;

    fn measured(waits_min: &[Option<f64>], met: bool) -> Measured {
        Measured {
            digest: String::new(),
            queue: vec![vec![0]],
            wait_s: vec![waits_min.iter().map(|w| w.map(|m| m * 60.0)).collect()],
            targets: vec![crate::metrics::targets::TargetOutcome {
                what: "wait q".into(),
                within_min: 5.0,
                required_share: 0.9,
                achieved_share: if met { 1.0 } else { 0.5 },
                met,
            }],
            exited: 0,
        }
    }

    #[test]
    fn a_wait_alarm_names_the_first_bin_over_the_limit_with_its_probability() {
        let scenario = crate::scenario::parse(SCENARIO, "q.ron").unwrap();
        // Four replications, 15-minute bins from 09:10: over 5 minutes in 1 of 4 in the second
        // bin, 3 of 4 in the third (a bin without services never counts as over).
        let replications = vec![
            measured(&[Some(1.0), Some(6.0), Some(7.0)], false),
            measured(&[Some(1.0), Some(2.0), Some(9.0)], false),
            measured(&[None, Some(3.0), Some(5.5)], false),
            measured(&[Some(2.0), None, None], true),
        ];
        let variant = VariantForecast {
            name: "base".into(),
            targets: vec![TargetChance {
                what: "wait q".into(),
                within_min: 5.0,
                required_share: 0.9,
                met: wilson(1, 4),
            }],
            replications,
            queue_fan: vec![],
            wait_fan: vec![],
        };
        let from = SimTime::from_hours(9) + SimTime(10 * 60_000);
        let result = ForecastResult {
            from,
            until: from + SimTime::from_hours(1),
            bin: SimTime(15 * 60_000),
            seeds: vec![None; 4],
            stages: vec!["q".into()],
            variants: vec![variant.clone()],
        };
        let found = alarms(&result, &variant, &scenario, 0.5);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[0].kind.as_str(), found[0].at.as_str(), found[0].probability),
            ("wait", "09:40:00", 0.75)
        );
        assert_eq!(
            found[0].text,
            "wait at q will exceed the 5-minute target at 09:40 with probability 0.75"
        );
        assert_eq!((found[1].kind.as_str(), found[1].probability), ("target", 0.75));
        // At 0.8 neither is raised: 3 of 4 is below it.
        assert!(alarms(&result, &variant, &scenario, 0.8).is_empty());
        // The second bin's 1 of 4 is raised from 0.25 on.
        assert_eq!(alarms(&result, &variant, &scenario, 0.25)[0].at, "09:25:00");
    }
}
