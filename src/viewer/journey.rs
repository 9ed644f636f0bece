//! The journey of the followed agent as lines of text: stages, waits, and every decision with
//! its reason.

use crate::scenario::Scenario;
use crate::scenario::model::{Next, Target};
use crate::sim::journal::{Entry, RouteReason, Step};

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
            let what = match &entry.step {
                Step::Arrived { source, type_id } => format!(
                    "arrived from {} as {}",
                    scenario.sources[*source].name, scenario.population.types[*type_id].name
                ),
                Step::Queued(stage) => format!("queued at {}", scenario.stages[*stage].name),
                Step::Served { stage, server, waited } => format!(
                    "served at {} #{} after waiting {:.0} s",
                    scenario.stages[*stage].name,
                    server + 1,
                    waited.as_secs_f64()
                ),
                Step::Note(text) => text.clone(),
                Step::Routed { from, to, reason } => {
                    let why = match reason {
                        RouteReason::Fixed => String::new(),
                        RouteReason::Draw(u) => match &scenario.stages[*from].next {
                            Next::Split(branches) => {
                                let shares: Vec<String> = branches.iter().map(|(c, _)| format!("{c:.2}")).collect();
                                format!(" (random draw {u:.3} against cumulative {})", shares.join("/"))
                            }
                            _ => format!(" (random draw {u:.3})"),
                        },
                        RouteReason::Condition(branch) => format!(" (condition of branch {} held)", branch + 1),
                    };
                    format!("{} -> {}{why}", scenario.stages[*from].name, target_name(scenario, *to))
                }
                Step::Left => "left the port".into(),
            };
            format!("{} {what}", entry.at)
        })
        .collect()
}
