//! Arrival sources: non-homogeneous Poisson by hourly rate, scheduled batches, or a trace.

use rand::{Rng, RngExt};
use rand_distr::{Beta, Distribution, Exp1};

use super::distribution::ServiceSampler;
use super::rng::{Stream, stream, stream_seed};
use super::time::{MS_PER_DAY, MS_PER_HOUR, SimTime};
use crate::scenario::model::{Arrivals, Batch, LoadFactor, Source, Uncertainty};

/// The arrival process of one source (saved whole in a snapshot).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct SourceState {
    #[serde(with = "super::rng::saved")]
    pub(super) rng: Stream,
    /// Hourly sources: time of the latest arrival, in seconds (kept as a float so rounding never accumulates).
    cursor_s: f64,
    /// Schedules: index of the next batch and the day it falls on (traces: of the next item).
    next_batch: usize,
    day: u64,
    /// Schedules: one seed for each occurrence of an uncertain batch, from which its
    /// cancellation, delay and load are drawn (apart from the arrival times, so a batch's
    /// uncertainty never shifts another source's or the spread's draws).
    #[serde(with = "super::rng::saved")]
    pub(super) schedule: Stream,
    /// Schedules: the run's seed for shared batches ([`Uncertainty::shared`]), the same in every
    /// source, from which one occurrence's seed follows from its label and day.
    pub(super) shared: u64,
}

/// What became of one occurrence of a scheduled batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    /// It was cancelled: none of it comes.
    pub cancelled: bool,
    /// Its first arrival's delay after the scheduled time.
    pub delay: SimTime,
    /// How many of it come.
    pub count: u32,
}

impl SourceState {
    /// The arrival process of `source` under `seed`.
    pub fn new(source: &Source, seed: u64) -> Self {
        Self {
            rng: stream(seed, &format!("arrivals/{}", source.name)),
            cursor_s: 0.0,
            next_batch: 0,
            day: 0,
            schedule: stream(seed, &format!("schedule/{}", source.name)),
            shared: shared_schedule_seed(seed),
        }
    }

    /// Hourly sources: the next arrival strictly before `end`, if any.
    pub fn next_poisson_arrival(&mut self, rate_per_s: &[f64; 24], end: SimTime) -> Option<SimTime> {
        let end_s = end.as_secs_f64();
        let mut t = self.cursor_s;
        while t < end_s {
            let hour_ms = SimTime::from_secs_f64(t).0 / MS_PER_HOUR;
            let hour_end = ((hour_ms + 1) * MS_PER_HOUR) as f64 / 1000.0;
            let rate = rate_per_s[(hour_ms % 24) as usize];
            if rate > 0.0 {
                let gap: f64 = Exp1.sample(&mut self.rng);
                let candidate = t + gap / rate;
                if candidate < hour_end {
                    self.cursor_s = candidate;
                    let at = SimTime::from_secs_f64(candidate);
                    return (at < end).then_some(at);
                }
            }
            // Memoryless: restart the draw at the hour boundary with the next hour's rate.
            t = hour_end;
        }
        self.cursor_s = end_s;
        None
    }

    /// Schedules: the start time and index of the next batch before `end`, if any.
    pub fn next_batch(&mut self, arrivals: &Arrivals, end: SimTime) -> Option<(SimTime, usize)> {
        let Arrivals::Schedule { batches, daily } = arrivals else {
            return None;
        };
        if self.next_batch >= batches.len() {
            if !*daily {
                return None;
            }
            self.next_batch = 0;
            self.day += 1;
        }
        let index = self.next_batch;
        self.next_batch += 1;
        let at = SimTime(batches[index].at.0 + self.day * MS_PER_DAY);
        (at < end).then_some((at, index))
    }

    /// Traced sources: the index of the next trace item (each call moves on by one).
    pub fn next_trace_item(&mut self) -> usize {
        self.next_batch += 1;
        self.next_batch - 1
    }

    /// Places the process at `now` for a run that takes over from a live feed
    /// ([`crate::sim::network::ProcessNetwork::hand_over`]): an hourly source draws its next
    /// arrival from `now` (memoryless, so exactly as a source that had run all along), a schedule
    /// or a trace goes on with its first batch or item at or after `now`. The streams stay.
    pub fn hand_over(&mut self, arrivals: &Arrivals, now: SimTime) {
        match arrivals {
            Arrivals::Hourly { .. } => self.cursor_s = now.as_secs_f64(),
            Arrivals::Schedule { batches, daily } => {
                self.day = if *daily { now.0 / MS_PER_DAY } else { 0 };
                let day_start = self.day * MS_PER_DAY;
                self.next_batch = batches.iter().position(|b| b.at.0 + day_start >= now.0).unwrap_or(batches.len());
            }
            Arrivals::Trace(trace) => {
                self.next_batch = trace
                    .items
                    .iter()
                    .position(|item| item.at(trace) >= now)
                    .unwrap_or(trace.items.len());
            }
        }
    }

    /// What becomes of the occurrence of `batch` that is due now: drawn from a seed of its own
    /// when the batch is uncertain (its source's next, or for a shared batch one that follows
    /// from its label and day, so every source's batch of that label draws alike), else the plan.
    pub fn batch_outcome(&mut self, batch: &Batch) -> BatchOutcome {
        match &batch.uncertainty {
            None => BatchOutcome {
                cancelled: false,
                delay: SimTime(0),
                count: batch.count,
            },
            Some(uncertainty) => {
                // Drawn even for a shared batch, so sharing one batch leaves the others' seeds.
                let own = self.schedule.next_u64();
                let seed = match uncertainty.shared {
                    true => stream_seed(self.shared, &format!("{}/day {}", batch.label, self.day)),
                    false => own,
                };
                draw_outcome(uncertainty, batch.count, seed)
            }
        }
    }

    /// The arrival times of `count` arrivals of a batch starting at `start` and spread over
    /// `spread`: uniform, sorted.
    pub fn batch_arrivals(&mut self, count: u32, spread: SimTime, start: SimTime) -> Vec<SimTime> {
        let mut times: Vec<SimTime> = (0..count)
            .map(|_| {
                let u: f64 = self.rng.random();
                SimTime(start.0 + (u * spread.0 as f64) as u64)
            })
            .collect();
        times.sort_unstable();
        times
    }
}

/// The seed of shared batches under run seed `seed`.
pub(super) fn shared_schedule_seed(seed: u64) -> u64 {
    stream_seed(seed, "schedule/shared")
}

/// One occurrence's outcome from its seed: the cancellation, the delay and the load each from
/// a stream of their own, so changing one law leaves the others' draws as they were.
fn draw_outcome(uncertainty: &Uncertainty, planned: u32, seed: u64) -> BatchOutcome {
    let cancelled = stream(seed, "cancel").random::<f64>() < uncertainty.cancel_p;
    let delay = uncertainty.delay.as_ref().map_or(SimTime(0), |law| {
        SimTime::from_secs_f64(ServiceSampler::new(law).sample(&mut stream(seed, "delay")).max(0.0))
    });
    let share = match uncertainty.load_factor {
        None => 1.0,
        Some(LoadFactor::Fixed(share)) => share,
        Some(LoadFactor::Beta { alpha, beta }) => Beta::new(alpha, beta)
            .expect("validated: positive shape parameters")
            .sample(&mut stream(seed, "load")),
    };
    BatchOutcome {
        cancelled,
        delay,
        count: (f64::from(planned) * share).round() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hourly(rate_per_s: [f64; 24]) -> Source {
        Source {
            name: "s".into(),
            entry: 0,
            arrivals: Arrivals::Hourly { rate_per_s },
            mix: vec![1.0],
            bags_entry: None,
            occupants: None,
        }
    }

    #[test]
    fn poisson_counts_follow_the_hourly_rates() {
        let mut rates = [0.0; 24];
        rates[8] = 1.0;
        rates[9] = 0.25;
        let source = hourly(rates);
        let mut state = SourceState::new(&source, 1);
        let mut per_hour = [0u32; 24];
        let Arrivals::Hourly { rate_per_s } = &source.arrivals else {
            unreachable!()
        };
        while let Some(t) = state.next_poisson_arrival(rate_per_s, SimTime::from_hours(24)) {
            per_hour[t.hour_of_day()] += 1;
        }
        assert!((per_hour[8] as f64 - 3600.0).abs() < 4.0 * 60.0, "{per_hour:?}");
        assert!((per_hour[9] as f64 - 900.0).abs() < 4.0 * 30.0, "{per_hour:?}");
        assert_eq!(per_hour.iter().sum::<u32>(), per_hour[8] + per_hour[9]);
    }

    #[test]
    fn daily_schedules_repeat_until_the_end() {
        let batch = Batch {
            at: SimTime::from_hours(6),
            count: 10,
            spread: SimTime(600_000),
            label: "ferry".into(),
            uncertainty: None,
        };
        let source = Source {
            name: "f".into(),
            entry: 0,
            arrivals: Arrivals::Schedule {
                batches: vec![batch],
                daily: true,
            },
            mix: vec![1.0],
            bags_entry: None,
            occupants: None,
        };
        let mut state = SourceState::new(&source, 1);
        let mut starts = Vec::new();
        let Arrivals::Schedule { batches, .. } = &source.arrivals else {
            unreachable!()
        };
        while let Some((at, b)) = state.next_batch(&source.arrivals, SimTime::from_hours(72)) {
            let times = state.batch_arrivals(batches[b].count, batches[b].spread, at);
            assert!(times.windows(2).all(|w| w[0] <= w[1]));
            assert!(times.iter().all(|t| *t >= at && t.0 < at.0 + 600_000));
            starts.push(at);
        }
        assert_eq!(starts, [SimTime::from_hours(6), SimTime::from_hours(30), SimTime::from_hours(54)]);
    }
}
