//! Traces that grow while the run goes on: a live feed (`crate::live`) hands each traced
//! source its arrivals and batches one by one, and the logged staffing and breakdowns, behind
//! its watermark. The run ends exactly as the offline forced replay of the same log does.
//!
//! The offline replay schedules a source's next trace item when the previous one fires, and a
//! batch's arrivals when the batch starts; the sequence numbers they take then break ties
//! with other events at the same millisecond. A fed item is often not known yet at that
//! point, so the number it would have taken is reserved ([`EventCalendar::reserve`]) and it
//! is scheduled under that number when it comes ([`EventCalendar::schedule_reserved`]).
//!
//! [`EventCalendar::reserve`]: super::calendar::EventCalendar::reserve
//! [`EventCalendar::schedule_reserved`]: super::calendar::EventCalendar::schedule_reserved

use serde::{Deserialize, Serialize};

use super::corrections::Correction;
use super::event::{Event, NO_BATCH};
use super::network::ProcessNetwork;
use super::observer::Happening;
use super::rng::{Stream, stream};
use super::time::SimTime;
use crate::scenario::model::{Arrivals, SourceId};
use crate::scenario::trace::{ForcedChange, TracedArrival};

/// Sequence numbers a started batch reserves for its arrivals: a batch holds at most
/// `u32::MAX` of them (the index type of a trace), so its block never runs out.
const BATCH_BLOCK: u64 = 1 << 32;

/// Why a fed event cannot enter the run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The run was not opened to a feed ([`ProcessNetwork::open_traces`]).
    #[error("the run is not open to a live feed")]
    NotLive,
    /// The event is earlier than the run's clock.
    #[error("the event at {at} is behind the run's clock at {now}")]
    Late {
        /// The event's time.
        at: SimTime,
        /// The run's clock.
        now: SimTime,
    },
    /// A source or batch that the run does not have.
    #[error("no such {0} in the run")]
    Unknown(&'static str),
}

/// A lone arrival or a batch of a growing trace.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Item {
    Single(u32),
    Batch {
        at: SimTime,
        members: Vec<u32>,
        /// The first of its block of sequence numbers, once it has started.
        block: Option<u64>,
    },
}

/// One source's growing trace.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Growing {
    arrivals: Vec<TracedArrival>,
    items: Vec<Item>,
    /// The next item to schedule.
    next: usize,
    /// The sequence number reserved for item `next`, when it came due before it was fed.
    awaiting: Option<u64>,
}

/// Every source's growing trace, by source id, and the queue corrections made.
#[derive(Clone, Serialize, Deserialize)]
pub(super) struct Traces {
    sources: Vec<Growing>,
    /// Draws for the agents queue corrections add.
    #[serde(with = "super::rng::saved")]
    pub(super) rng: Stream,
    /// Queue corrections so far.
    pub(super) corrections: Vec<Correction>,
}

impl Item {
    fn at(&self, arrivals: &[TracedArrival]) -> SimTime {
        match self {
            Item::Single(i) => arrivals[*i as usize].at,
            Item::Batch { at, .. } => *at,
        }
    }
}

impl ProcessNetwork {
    /// Opens the run to a live feed: from now on each source's arrivals are the ones fed
    /// ([`ProcessNetwork::feed_arrival`], [`ProcessNetwork::feed_batch`]) and the staffing and
    /// breakdowns are the fed ones ([`ProcessNetwork::feed_forced`]). Only a forced replay
    /// whose traces are all empty, at time zero, can be opened (`Stepper::live` builds one).
    /// `seed` is the run's: agents added by queue corrections draw from its `corrections` stream.
    pub fn open_traces(&mut self, seed: u64) -> Result<(), FeedError> {
        let empty = self
            .scenario()
            .sources
            .iter()
            .all(|s| matches!(&s.arrivals, Arrivals::Trace(t) if t.items.is_empty()));
        if self.traces.is_some() || self.forcing.is_none() || !empty || self.core.now > SimTime::ZERO {
            return Err(FeedError::NotLive);
        }
        // The offline replay schedules every source's first item at the start, in source order.
        let sources = (0..self.sources.len())
            .map(|_| Growing {
                awaiting: Some(self.calendar.reserve(1)),
                ..Growing::default()
            })
            .collect();
        self.traces = Some(Traces {
            sources,
            rng: stream(seed, "corrections"),
            corrections: Vec::new(),
        });
        Ok(())
    }

    /// The queue corrections a live run has made so far.
    pub fn corrections(&self) -> &[Correction] {
        self.traces.as_ref().map_or(&[], |t| &t.corrections)
    }

    /// True once the run is open to a live feed.
    pub fn is_live(&self) -> bool {
        self.traces.is_some()
    }

    /// Feeds a lone arrival of `source` (`batch`: `None`), or an arrival of the batch
    /// [`ProcessNetwork::feed_batch`] returned. Items must be fed in time order per source.
    pub fn feed_arrival(&mut self, source: SourceId, arrival: TracedArrival, batch: Option<usize>) -> Result<(), FeedError> {
        self.check_fed(arrival.at)?;
        let traces = self.traces.as_mut().ok_or(FeedError::NotLive)?;
        let trace = traces.sources.get_mut(source).ok_or(FeedError::Unknown("source"))?;
        let index = trace.arrivals.len() as u32;
        match batch {
            None => {
                trace.arrivals.push(arrival);
                trace.items.push(Item::Single(index));
                self.fed_item(source);
            }
            Some(item) => {
                let Some(Item::Batch { members, block, .. }) = trace.items.get_mut(item) else {
                    return Err(FeedError::Unknown("batch"));
                };
                trace.arrivals.push(arrival);
                members.push(index);
                if let Some(first) = *block {
                    let event = Event::TraceArrival {
                        source: source as u16,
                        arrival: index,
                        batch: item as u32,
                    };
                    self.calendar.schedule_reserved(arrival.at, first + members.len() as u64 - 1, event);
                }
            }
        }
        Ok(())
    }

    /// Feeds a batch of `source` announced at `at`; returns the index its arrivals name.
    pub fn feed_batch(&mut self, source: SourceId, at: SimTime) -> Result<usize, FeedError> {
        self.check_fed(at)?;
        let traces = self.traces.as_mut().ok_or(FeedError::NotLive)?;
        let trace = traces.sources.get_mut(source).ok_or(FeedError::Unknown("source"))?;
        trace.items.push(Item::Batch {
            at,
            members: Vec::new(),
            block: None,
        });
        let item = trace.items.len() - 1;
        self.fed_item(source);
        Ok(item)
    }

    /// Feeds a logged staffing change, breakdown or repair of a pool, or a queue count to
    /// correct a stage's queue to, at `at`.
    pub fn feed_forced(&mut self, at: SimTime, change: ForcedChange) -> Result<(), FeedError> {
        self.check_fed(at)?;
        match change {
            ForcedChange::Staffing { pool, .. } | ForcedChange::Breakdown { pool } | ForcedChange::Repair { pool } => {
                if pool >= self.pools.len() {
                    return Err(FeedError::Unknown("pool"));
                }
            }
            ForcedChange::Queue { stage, .. } => {
                if self.scenario().stages.get(stage).is_none_or(|s| s.pool.is_none()) {
                    return Err(FeedError::Unknown("stage with a queue"));
                }
            }
        }
        match (&self.traces, &mut self.forcing) {
            (Some(_), Some(forcing)) => {
                forcing.push(at, change);
                Ok(())
            }
            _ => Err(FeedError::NotLive),
        }
    }

    fn check_fed(&self, at: SimTime) -> Result<(), FeedError> {
        if at < self.core.now {
            return Err(FeedError::Late { at, now: self.core.now });
        }
        Ok(())
    }

    /// An item was appended to `source`'s trace: if the source was waiting for it, it is
    /// scheduled under the number reserved for it.
    fn fed_item(&mut self, source: SourceId) {
        let Some(trace) = self.traces.as_mut().and_then(|t| t.sources.get_mut(source)) else {
            return;
        };
        if trace.items.len() != trace.next + 1 {
            return;
        }
        let Some(seq) = trace.awaiting.take() else { return };
        trace.next += 1;
        let index = trace.next - 1;
        let at = trace.items[index].at(&trace.arrivals);
        if at >= self.core.scenario.meta.duration {
            return;
        }
        let event = item_event(source, index, &trace.items[index]);
        self.calendar.schedule_reserved(at, seq, event);
    }

    /// A growing source's next item comes due for scheduling (its previous one fired): it is
    /// scheduled if it was fed, else its number is reserved.
    pub(super) fn next_grown(&mut self, source: u16) {
        let end = self.core.scenario.meta.duration;
        let Some(trace) = self.traces.as_mut().and_then(|t| t.sources.get_mut(source as usize)) else {
            return;
        };
        let Some(item) = trace.items.get(trace.next) else {
            trace.awaiting = Some(self.calendar.reserve(1));
            return;
        };
        trace.next += 1;
        let at = item.at(&trace.arrivals);
        if at < end {
            let event = item_event(source as usize, trace.next - 1, item);
            self.calendar.schedule(at, event);
        }
    }

    /// Growing batch `batch` of `source` starts: its arrivals fed so far are scheduled, the rest
    /// will take the numbers after them, then the source's next item comes due.
    pub(super) fn start_grown_batch(&mut self, source: u16, batch: usize) {
        let Some(trace) = self.traces.as_mut().and_then(|t| t.sources.get_mut(source as usize)) else {
            return;
        };
        let first = self.calendar.reserve(BATCH_BLOCK);
        if let Some(Item::Batch { members, block, .. }) = trace.items.get_mut(batch) {
            self.core.watch.tell(self.core.now, || Happening::BatchExpected {
                source: source as usize,
                batch,
                count: members.len() as u32,
            });
            *block = Some(first);
            for (k, &arrival) in members.iter().enumerate() {
                let event = Event::TraceArrival {
                    source,
                    arrival,
                    batch: batch as u32,
                };
                self.calendar
                    .schedule_reserved(trace.arrivals[arrival as usize].at, first + k as u64, event);
            }
        }
        self.next_grown(source);
    }

    /// Arrival `arrival` of growing `source`.
    pub(super) fn grown_arrival(&self, source: u16, arrival: u32) -> Option<TracedArrival> {
        let trace = self.traces.as_ref()?.sources.get(source as usize)?;
        trace.arrivals.get(arrival as usize).copied()
    }
}

/// A live run's growing traces and the staffing, breakdowns and queue counts fed to it, as a
/// snapshot saves them: with the calendar's reserved numbers (`awaiting`, batch blocks) and the
/// corrections stream, the run resumed from it takes later fed events exactly as it would have.
#[derive(Clone, Serialize, Deserialize)]
pub struct GrownState {
    traces: Traces,
    fed: Vec<(SimTime, ForcedChange)>,
}

impl ProcessNetwork {
    /// A live run's traces and fed changes now (`None`: the run is not live).
    pub(super) fn save_grown(&self) -> Option<GrownState> {
        let traces = self.traces.clone()?;
        let fed = self.forcing.as_ref().map(|f| f.changes().to_vec()).unwrap_or_default();
        Some(GrownState { traces, fed })
    }

    /// Continues a live run from `state` (the run must be open to a feed, and `state` of one).
    pub(super) fn resume_grown(&mut self, state: Option<GrownState>) -> Result<(), String> {
        match (state, self.traces.is_some()) {
            (None, false) => Ok(()),
            (Some(_), false) => Err("the snapshot is of a live run, but this run is not live".into()),
            (None, true) => Err("the snapshot is not of a live run, but this run is live".into()),
            (Some(state), true) => {
                if state.traces.sources.len() != self.sources.len() {
                    return Err("the snapshot's live traces do not match the scenario's sources".into());
                }
                let forcing = self.forcing.as_mut().ok_or("a live run is a forced replay")?;
                forcing.set_changes(state.fed);
                self.traces = Some(state.traces);
                Ok(())
            }
        }
    }
}

/// The calendar event that starts item `index` of a growing trace.
fn item_event(source: SourceId, index: usize, item: &Item) -> Event {
    let source = source as u16;
    match item {
        Item::Single(arrival) => Event::TraceArrival {
            source,
            arrival: *arrival,
            batch: NO_BATCH,
        },
        Item::Batch { .. } => Event::BatchStart {
            source,
            batch: index as u32,
        },
    }
}
