//! Arrivals: scheduling each source's next arrival or batch (drawn, or replayed from a
//! trace), and handing each new agent to the domain that owns its source.

use std::sync::Arc;

use rand::{Rng, RngExt};

use super::domain::Arrival;
use super::error::RunError;
use super::event::{Event, NO_BATCH};
use super::network::ProcessNetwork;
use super::observer::Happening;
use super::time::SimTime;
use crate::metrics::collector::Collector;
use crate::scenario::model::{Arrivals, Occupants, TypeId};
use crate::scenario::trace::{TraceItem, TracedArrival};

/// What is known of a new arrival besides its source.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Origin {
    /// Items (threat class bits) a staged incident makes it carry.
    pub(super) staged: Option<u8>,
    /// The batch of its source's schedule (or trace) it belongs to.
    pub(super) batch: Option<usize>,
    /// What a replayed log recorded of it.
    pub(super) traced: Option<TracedArrival>,
}

impl ProcessNetwork {
    /// Schedules the next arrival (hourly sources, lone traced arrivals) or batch (schedules,
    /// traced batches) of `source`.
    pub(super) fn schedule_next_arrival(&mut self, source: u16) {
        if self.traces.is_some() {
            return self.next_grown(source);
        }
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
            Arrivals::Trace(trace) => {
                let index = state.next_trace_item();
                let Some(item) = trace.items.get(index).filter(|item| item.at(trace) < end) else {
                    return;
                };
                let event = match *item {
                    TraceItem::Single(arrival) => Event::TraceArrival {
                        source,
                        arrival,
                        batch: NO_BATCH,
                    },
                    TraceItem::Batch { .. } => Event::BatchStart {
                        source,
                        batch: index as u32,
                    },
                };
                self.calendar.schedule(item.at(trace), event);
            }
        }
    }

    /// Schedules the arrivals of the batch due now (a scheduled batch may come late, part-full
    /// or not at all), and the next batch.
    pub(super) fn start_batch(&mut self, source: u16, batch: usize) {
        let scenario = Arc::clone(&self.core.scenario);
        let now = self.core.now;
        match &scenario.sources[source as usize].arrivals {
            Arrivals::Schedule { batches, .. } => {
                let planned = &batches[batch];
                let state = &mut self.sources[source as usize];
                let outcome = state.batch_outcome(planned);
                if !outcome.cancelled {
                    self.core.watch.tell(now, || Happening::BatchExpected {
                        source: source as usize,
                        batch,
                        count: outcome.count,
                    });
                    for at in state.batch_arrivals(outcome.count, planned.spread, SimTime(now.0 + outcome.delay.0)) {
                        self.calendar.schedule(
                            at,
                            Event::ScheduledArrival {
                                source,
                                batch: batch as u32,
                            },
                        );
                    }
                }
            }
            Arrivals::Trace(_) if self.traces.is_some() => return self.start_grown_batch(source, batch),
            Arrivals::Trace(trace) => {
                let TraceItem::Batch { first, count, .. } = trace.items[batch] else {
                    return;
                };
                self.core.watch.tell(now, || Happening::BatchExpected {
                    source: source as usize,
                    batch,
                    count,
                });
                for arrival in first..first + count {
                    let at = trace.arrivals[arrival as usize].at;
                    self.calendar.schedule(
                        at,
                        Event::TraceArrival {
                            source,
                            arrival,
                            batch: batch as u32,
                        },
                    );
                }
            }
            Arrivals::Hourly { .. } => return,
        }
        self.schedule_next_arrival(source);
    }

    /// A scheduled arrival of `source` (of batch `batch`, or of a surge) is due now.
    pub(super) fn scheduled_arrival(&mut self, source: u16, batch: u32, metrics: &mut Collector) -> Result<(), RunError> {
        let origin = Origin {
            batch: (batch != NO_BATCH).then_some(batch as usize),
            ..Origin::default()
        };
        self.spawn(source as usize, origin, metrics)
    }

    /// Arrival `arrival` of traced `source` (of trace item `batch`, or lone) is due now; a lone
    /// one schedules the source's next item first.
    pub(super) fn traced_arrival(&mut self, source: u16, arrival: u32, batch: u32, metrics: &mut Collector) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.core.scenario);
        let traced = match &scenario.sources[source as usize].arrivals {
            Arrivals::Trace(_) if self.traces.is_some() => self.grown_arrival(source, arrival),
            Arrivals::Trace(trace) => trace.arrivals.get(arrival as usize).copied(),
            _ => None,
        };
        let Some(traced) = traced else {
            return Ok(());
        };
        if batch == NO_BATCH {
            self.schedule_next_arrival(source);
        }
        let origin = Origin {
            batch: (batch != NO_BATCH).then_some(batch as usize),
            traced: Some(traced),
            ..Origin::default()
        };
        self.spawn(source as usize, origin, metrics)
    }

    /// A new agent of `source` arrives now: its type and seed are drawn from the source's
    /// population stream (a trace's recorded ones replace the draws), then the source's
    /// domain admits it.
    pub(super) fn spawn(&mut self, source: usize, origin: Origin, metrics: &mut Collector) -> Result<(), RunError> {
        let scenario = Arc::clone(&self.core.scenario);
        let rng = &mut self.population[source];
        let mut type_id = pick(&scenario.sources[source].mix, rng.random());
        let mut seed = rng.next_u64();
        let traced = origin.traced;
        if let Some(traced) = traced {
            type_id = traced.type_id.unwrap_or(type_id);
            seed = traced.seed.unwrap_or(seed);
        }
        let arrival = Arrival {
            source,
            type_id,
            seed,
            staged: origin.staged,
            attributes: traced.and_then(|t| t.attributes),
        };
        self.core.arriving_occupants = match &scenario.sources[source].occupants {
            Some(occupants) => draw_occupants(occupants, seed),
            None => Vec::new(),
        };
        self.core.arriving_batch = origin.batch;
        // A live run's growing traces are not the scenario's: their batches have no label group.
        self.core.arriving_label = match self.traces {
            Some(_) => None,
            None => metrics.groups.index.label_of(&scenario, source, origin.batch),
        };
        self.call(scenario.source_domain[source], metrics, |domain, cx| domain.arrive(cx, arrival))
    }
}

/// The occupants' types of a vehicle or group with seed `seed`, from its own `occupants`
/// stream (so no other draw shifts): its number of occupants, then each one's type.
fn draw_occupants(occupants: &Occupants, seed: u64) -> Vec<TypeId> {
    let mut rng = super::rng::stream(seed, "occupants");
    let weights: Vec<f64> = occupants.sizes.iter().map(|&(_, p)| p).collect();
    let size = occupants.sizes[pick(&weights, rng.random())].0;
    (0..size).map(|_| pick(&occupants.types, rng.random())).collect()
}

/// Index of the weight that `u` (uniform in 0..1) falls in.
pub(super) fn pick(weights: &[f64], u: f64) -> usize {
    let mut cumulative = 0.0;
    for (i, w) in weights.iter().enumerate() {
        cumulative += w;
        if u < cumulative {
            return i;
        }
    }
    weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
}
