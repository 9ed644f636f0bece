//! The journey of the followed agent as lines of text: stages, waits, and every decision with
//! its reason.

use crate::cargo::clearance::Reason;
use crate::detect::{ThreatClass, ThreatSet};
use crate::passengers::screening::Selection;
use crate::scenario::Scenario;
use crate::scenario::model::{Next, Target};
use crate::sim::journal::{CheckOutcome, Entry, RouteReason, Step};

fn contraband_names(bits: u8) -> String {
    let names: Vec<&str> = ThreatSet::from_bits(bits).iter().map(ThreatClass::name).collect();
    names.join(", ")
}

/// Why targeting chose a lane, as the journey shows it.
fn lane_reason(reason: Reason) -> String {
    match reason {
        Reason::Rule(rule) => format!(" by mandatory rule {}", rule + 1),
        Reason::Score(score) => format!(" by risk score {score:.2} over the threshold"),
        Reason::Budget(score) => format!(" by risk score {score:.2} within the inspection budget"),
        Reason::Random => " by random selection".into(),
        Reason::Default => " (default: nothing selected it)".into(),
        Reason::Officer(from) => format!(" (an officer re-routed it from {})", from.name()),
    }
}

fn target_name(scenario: &Scenario, target: Target) -> &str {
    match target {
        Target::Stage(stage) => &scenario.stages[stage].name,
        Target::Exit => "exit",
    }
}

/// One line per journey step, oldest first.
pub fn lines(scenario: &Scenario, journey: &[Entry]) -> Vec<String> {
    journey
        .iter()
        .map(|entry| {
            let what = match entry.step {
                Step::Arrived {
                    source,
                    type_id,
                    staged_contraband,
                } => {
                    let mut text = format!(
                        "arrived from {} as {}",
                        scenario.sources[source].name, scenario.population.types[type_id].name
                    );
                    if staged_contraband != 0 {
                        text.push_str(&format!(" (staged: carries {})", contraband_names(staged_contraband)));
                    }
                    text
                }
                Step::Screened(None) => "screening: not selected (no rule, score under threshold, draw above rate)".into(),
                Step::Screened(Some(Selection::Rule(rule))) => format!("screening: SELECTED by rule {}", rule + 1),
                Step::Screened(Some(Selection::Score(score))) => format!("screening: SELECTED by risk score {score:.2}"),
                Step::Screened(Some(Selection::Random)) => "screening: SELECTED by random draw".into(),
                Step::Queued(stage) => format!("queued at {}", scenario.stages[stage].name),
                Step::Served { stage, server, waited } => format!(
                    "served at {} #{} after waiting {:.0} s",
                    scenario.stages[stage].name,
                    server + 1,
                    waited.as_secs_f64()
                ),
                Step::Checked(stage, outcome) => {
                    let stage = &scenario.stages[stage].name;
                    match outcome {
                        CheckOutcome::FaceAccepted => format!("{stage}: face accepted"),
                        CheckOutcome::FaceRejected => format!("{stage}: face REJECTED"),
                        CheckOutcome::Searched(0) => format!("{stage}: searched, nothing found"),
                        CheckOutcome::Searched(found) => format!("{stage}: searched, SEIZED {}", contraband_names(found)),
                        CheckOutcome::BagScanned { alarm: true } => format!("{stage}: CT image model ALARM"),
                        CheckOutcome::BagScanned { alarm: false } => format!("{stage}: CT image model clear"),
                        CheckOutcome::Lane(decision) => format!("{stage}: lane {}{}", decision.lane.name(), lane_reason(decision.reason)),
                        CheckOutcome::Scanned { alarm: true } => format!("{stage}: scan ALARM"),
                        CheckOutcome::Scanned { alarm: false } => format!("{stage}: scan clear"),
                        CheckOutcome::Reviewed { alarm: true } => format!("{stage}: inspection REQUESTED"),
                        CheckOutcome::Reviewed { alarm: false } => format!("{stage}: nothing to inspect"),
                        CheckOutcome::Inspected { seized: true } => format!("{stage}: inspected, cargo SEIZED"),
                        CheckOutcome::Inspected { seized: false } => format!("{stage}: inspected, released"),
                    }
                }
                Step::PortalScanned { alarm: true } => "drive-through portal: scan ALARM".into(),
                Step::PortalScanned { alarm: false } => "drive-through portal: scan clear".into(),
                Step::Routed { from, to, reason } => {
                    let why = match reason {
                        RouteReason::Fixed => String::new(),
                        RouteReason::Draw(u) => match &scenario.stages[from].next {
                            Next::Split(branches) => {
                                let shares: Vec<String> = branches.iter().map(|(c, _)| format!("{c:.2}")).collect();
                                format!(" (random draw {u:.3} against cumulative {})", shares.join("/"))
                            }
                            _ => format!(" (random draw {u:.3})"),
                        },
                        RouteReason::Condition(branch) => format!(" (condition of branch {} held)", branch + 1),
                    };
                    format!("{} -> {}{why}", scenario.stages[from].name, target_name(scenario, to))
                }
                Step::Left => "left the port".into(),
            };
            format!("{} {what}", entry.at)
        })
        .collect()
}
