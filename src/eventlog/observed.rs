//! What a log says of the port: per stage, services started with their mean wait, services
//! ended with their mean duration, balks and the mean of the queue sensors' counts; overall,
//! arrivals, exits, mean time in port and exits per hour. The same tally reads a log file and
//! watches a simulated run ([`TallyObserver`]), so simulated and observed figures are computed
//! alike (replay reports, calibration).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use super::read::Log;
use super::record::Record;
use super::write::{Namer, QUEUE_COUNT_INTERVAL};
use crate::scenario::Scenario;
use crate::sim::observer::{Happening, Observer};
use crate::sim::time::{MS_PER_HOUR, SimTime};

/// What a log says of one stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StageObserved {
    /// Services started.
    pub started: u64,
    /// Mean wait of the services started that give it, seconds.
    pub mean_wait_s: Option<f64>,
    /// Services ended.
    pub ended: u64,
    /// Mean duration of the services ended that give it, seconds.
    pub mean_service_s: Option<f64>,
    /// Agents that found the queue full.
    pub balked: u64,
    /// Mean of the queue sensor's counts.
    pub mean_queue: Option<f64>,
}

/// What a log says of the port.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Observed {
    /// Arrivals.
    pub arrivals: u64,
    /// Exits after the journey.
    pub exits: u64,
    /// Mean time from arrival to exit of those that give it, seconds.
    pub mean_time_in_system_s: Option<f64>,
    /// Exits in each hour from the log's first midnight.
    pub exits_per_hour: Vec<u64>,
    /// Per stage, by name.
    pub stages: BTreeMap<String, StageObserved>,
}

#[derive(Debug, Clone, Default)]
struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    fn add(&mut self, value: Option<f64>) {
        if let Some(v) = value {
            self.sum += v;
            self.n += 1;
        }
    }

    fn get(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

#[derive(Debug, Clone, Default)]
struct StageTally {
    started: u64,
    wait: Mean,
    ended: u64,
    service: Mean,
    balked: u64,
    queue: Mean,
}

/// Folds events into an [`Observed`].
#[derive(Debug, Clone, Default)]
pub struct Tally {
    arrivals: u64,
    exits: u64,
    time_in_system: Mean,
    exits_per_hour: Vec<u64>,
    stages: BTreeMap<String, StageTally>,
}

impl Tally {
    fn stage(&mut self, name: &str) -> &mut StageTally {
        if !self.stages.contains_key(name) {
            self.stages.insert(name.to_string(), StageTally::default());
        }
        self.stages.get_mut(name).expect("inserted above")
    }

    /// Adds an event at `at`.
    pub fn add(&mut self, at: SimTime, record: &Record) {
        match record {
            Record::Arrival { .. } => self.arrivals += 1,
            Record::ServiceStart { stage, wait_s, .. } => {
                let s = self.stage(stage);
                s.started += 1;
                s.wait.add(*wait_s);
            }
            Record::ServiceEnd { stage, service_s, .. } => {
                let s = self.stage(stage);
                s.ended += 1;
                s.service.add(*service_s);
            }
            Record::Balk { stage, .. } => self.stage(stage).balked += 1,
            Record::Queue { stage, waiting } => self.stage(stage).queue.add(Some(f64::from(*waiting))),
            Record::Exit { time_in_system_s, .. } => {
                self.exits += 1;
                self.time_in_system.add(*time_in_system_s);
                let hour = (at.0 / MS_PER_HOUR) as usize;
                if hour >= self.exits_per_hour.len() {
                    self.exits_per_hour.resize(hour + 1, 0);
                }
                self.exits_per_hour[hour] += 1;
            }
            Record::Batch { .. } | Record::Staffing { .. } | Record::Breakdown { .. } | Record::Repair { .. } => {}
        }
    }

    /// What the events so far say.
    pub fn observed(&self) -> Observed {
        Observed {
            arrivals: self.arrivals,
            exits: self.exits,
            mean_time_in_system_s: self.time_in_system.get(),
            exits_per_hour: self.exits_per_hour.clone(),
            stages: self
                .stages
                .iter()
                .map(|(name, s)| {
                    let stage = StageObserved {
                        started: s.started,
                        mean_wait_s: s.wait.get(),
                        ended: s.ended,
                        mean_service_s: s.service.get(),
                        balked: s.balked,
                        mean_queue: s.queue.get(),
                    };
                    (name.clone(), stage)
                })
                .collect(),
        }
    }
}

impl Observed {
    /// What the log says.
    pub fn of_log(log: &Log) -> Observed {
        let mut tally = Tally::default();
        for event in &log.events {
            tally.add(event.at, &event.record);
        }
        tally.observed()
    }
}

/// Watches a run and tallies it as its log would say (without writing one); read the tally
/// through the handle kept by the caller.
pub struct TallyObserver {
    namer: Namer,
    tally: Arc<Mutex<Tally>>,
}

impl TallyObserver {
    /// An observer of a run of `scenario`, and the handle to read its tally.
    pub fn new(scenario: Arc<Scenario>) -> (Self, Arc<Mutex<Tally>>) {
        let tally = Arc::new(Mutex::new(Tally::default()));
        let observer = Self {
            namer: Namer::new(scenario),
            tally: Arc::clone(&tally),
        };
        (observer, tally)
    }
}

impl Observer for TallyObserver {
    fn observe(&mut self, at: SimTime, happening: Happening) {
        if matches!(happening, Happening::Staffing { .. }) {
            return;
        }
        let record = self.namer.record(at, happening, "");
        self.tally.lock().unwrap_or_else(PoisonError::into_inner).add(at, &record);
    }

    fn queue_interval(&self) -> Option<SimTime> {
        Some(QUEUE_COUNT_INTERVAL)
    }
}
