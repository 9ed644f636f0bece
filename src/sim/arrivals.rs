//! Arrivals: scheduling each source's next arrival or batch, and handing each new agent to
//! the domain that owns its source.

use std::sync::Arc;

use rand::{Rng, RngExt};

use super::domain::Arrival;
use super::error::RunError;
use super::event::Event;
use super::network::ProcessNetwork;
use crate::metrics::collector::Collector;
use crate::scenario::model::Arrivals;

impl ProcessNetwork {
    /// Schedules the next arrival (hourly sources) or batch (schedules) of `source`.
    pub(super) fn schedule_next_arrival(&mut self, source: u16) {
        let scenario = Arc::clone(&self.core.scenario);
        let end = scenario.meta.duration;
        let arrivals = &scenario.sources[source as usize].arrivals;
        let state = &mut self.sources[source as usize];
        match arrivals {
            Arrivals::Hourly { rate_per_s } => {
                if let Some(at) = state.next_poisson_arrival(rate_per_s, end) {
                    self.calendar.schedule(at, Event::PoissonArrival { source });
                }
            }
            Arrivals::Schedule { .. } => {
                if let Some((at, batch)) = state.next_batch(arrivals, end) {
                    self.calendar.schedule(
                        at,
                        Event::BatchStart {
                            source,
                            batch: batch as u32,
                        },
                    );
                }
            }
        }
    }

    /// Schedules the arrivals of the batch starting now, and the next batch.
    pub(super) fn start_batch(&mut self, source: u16, batch: usize) {
        let scenario = Arc::clone(&self.core.scenario);
        let Arrivals::Schedule { batches, .. } = &scenario.sources[source as usize].arrivals else {
            return;
        };
        for at in self.sources[source as usize].batch_arrivals(&batches[batch], self.core.now) {
            self.calendar.schedule(at, Event::ScheduledArrival { source });
        }
        self.schedule_next_arrival(source);
    }

    /// A new agent of `source` arrives now: its type and seed are drawn from the source's
    /// population stream, then the source's domain admits it. `staged`: items (threat class
    /// bits) a staged incident makes it carry.
    pub(super) fn spawn(&mut self, source: usize, staged: Option<u8>, metrics: &mut Collector) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.core.scenario);
        let rng = &mut self.population[source];
        let type_id = pick(&scenario.sources[source].mix, rng.random());
        let seed = rng.next_u64();
        let arrival = Arrival {
            source,
            type_id,
            seed,
            staged,
        };
        self.call(scenario.source_domain[source], metrics, |domain, cx| domain.arrive(cx, arrival))
    }
}

/// Index of the weight that `u` (uniform in 0..1) falls in.
fn pick(weights: &[f64], u: f64) -> usize {
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w;
        if u < cumulative {
            return i;
        }
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}
