//! Simulated beside observed: a replay's waits, services, queues and throughput next to what
//! its log says, wherever the log says it.

use serde::Serialize;

use super::observed::{Observed, StageObserved};

/// One stage, observed and simulated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageComparison {
    /// The stage.
    pub stage: String,
    /// What the log says.
    pub observed: StageObserved,
    /// What the replay did.
    pub simulated: StageObserved,
}

/// A replay beside its log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// What the log says overall.
    pub observed: Overall,
    /// What the replay did overall.
    pub simulated: Overall,
    /// Stages either side names, by name.
    pub stages: Vec<StageComparison>,
    /// Exits per hour, observed and simulated, over the longer of the two.
    pub throughput_per_hour: Vec<(u64, u64)>,
}

/// Port-wide figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    /// Arrivals.
    pub arrivals: u64,
    /// Exits.
    pub exits: u64,
    /// Mean time in port, seconds.
    pub mean_time_in_system_s: Option<f64>,
}

impl Comparison {
    /// `simulated` beside `observed`.
    pub fn new(observed: &Observed, simulated: &Observed) -> Self {
        let overall = |o: &Observed| Overall {
            arrivals: o.arrivals,
            exits: o.exits,
            mean_time_in_system_s: o.mean_time_in_system_s,
        };
        let mut names: Vec<&String> = observed.stages.keys().chain(simulated.stages.keys()).collect();
        names.sort();
        names.dedup();
        let hours = observed.exits_per_hour.len().max(simulated.exits_per_hour.len());
        let at = |v: &[u64], h: usize| v.get(h).copied().unwrap_or(0);
        Self {
            observed: overall(observed),
            simulated: overall(simulated),
            stages: names
                .into_iter()
                .map(|name| StageComparison {
                    stage: name.clone(),
                    observed: observed.stages.get(name).cloned().unwrap_or_default(),
                    simulated: simulated.stages.get(name).cloned().unwrap_or_default(),
                })
                .collect(),
            throughput_per_hour: (0..hours)
                .map(|h| (at(&observed.exits_per_hour, h), at(&simulated.exits_per_hour, h)))
                .collect(),
        }
    }

    /// The comparison as a text table (observed / simulated in each cell; `-` where the log says nothing).
    pub fn render(&self) -> String {
        let secs = |v: Option<f64>| v.map_or("-".to_string(), |s| format!("{s:.1}s"));
        let num = |v: Option<f64>| v.map_or("-".to_string(), |s| format!("{s:.2}"));
        let mut out = String::from("replay vs log (observed / simulated)\n");
        out.push_str(&format!(
            "arrivals {} / {}  exits {} / {}  time in port {} / {}\n",
            self.observed.arrivals,
            self.simulated.arrivals,
            self.observed.exits,
            self.simulated.exits,
            secs(self.observed.mean_time_in_system_s),
            secs(self.simulated.mean_time_in_system_s)
        ));
        out.push_str(&format!(
            "{:<20} {:>17} {:>21} {:>21} {:>17}\n",
            "stage", "served", "mean wait", "mean service", "mean queue"
        ));
        for s in &self.stages {
            let (o, m) = (&s.observed, &s.simulated);
            out.push_str(&format!(
                "{:<20} {:>17} {:>21} {:>21} {:>17}\n",
                s.stage,
                format!("{} / {}", o.started, m.started),
                format!("{} / {}", secs(o.mean_wait_s), secs(m.mean_wait_s)),
                format!("{} / {}", secs(o.mean_service_s), secs(m.mean_service_s)),
                format!("{} / {}", num(o.mean_queue), num(m.mean_queue)),
            ));
        }
        let worst = self
            .throughput_per_hour
            .iter()
            .enumerate()
            .max_by_key(|(_, (o, s))| o.abs_diff(*s))
            .filter(|(_, (o, s))| o != s);
        match worst {
            Some((h, (o, s))) => out.push_str(&format!(
                "throughput per hour: largest gap in hour {h}: {o} observed, {s} simulated\n"
            )),
            None => out.push_str("throughput per hour: the same in every hour\n"),
        }
        out
    }
}
