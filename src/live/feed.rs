//! The live feed: event-log messages (one CloudEvents envelope each, docs/event-log.md) offered
//! one by one as they come off the wire, checked, deduplicated on (`source`, `id`) and held
//! behind a watermark until no earlier event can follow; then released to the run in time
//! order ([`crate::Stepper::feed`]). A log fed whole ends with the digest of its offline
//! `--forced` replay.
//!
//! Every message is counted: applied (arrivals, batches, staffing, breakdowns, repairs, and
//! queue counts when queues are corrected), observed only (services, balks, exits: checked,
//! never applied), clock, or
//! refused with its reason (malformed, unknown type, duplicate, late, from the future, a name
//! the scenario lacks). Nothing is applied silently, and nothing panics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::eventlog::Record;
use crate::eventlog::read::envelope_of;
use crate::eventlog::record::types;
use crate::scenario::Scenario;
use crate::scenario::model::SourceId;
use crate::scenario::trace::{ForcedChange, TracedArrival};
use crate::sim::network::ProcessNetwork;
use crate::sim::time::SimTime;
use crate::sim::traces::FeedError;

/// The CloudEvents `type` of a clock message: its `time` is a watermark, a promise that no
/// event earlier than it will follow. With `"data": {"final": true}` it also ends the stream
/// (a replay publisher's last message): the feed closes and the run goes to its end.
pub const CLOCK: &str = "org.porttwin.clock";

/// How a feed treats time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedOptions {
    /// How far behind the latest event time seen an event may come and still be used: the
    /// watermark trails the latest event by this much. Zero (the default) suits one publisher
    /// sending a log in time order; clock messages move the watermark on either way.
    pub lateness: SimTime,
    /// Events more than this ahead of the watermark are refused as from the future (a sender's
    /// clock gone wrong), once a clock message or [`Feed::advance_clock`] has set the watermark.
    pub max_ahead: Option<SimTime>,
    /// The day (counted from 1970-01-01) simulated time zero falls on; `None`: the first
    /// event's, as an offline replay reads a log.
    pub day0: Option<i64>,
    /// Correct each stage's queue to the counts queue sensors report (SUMO-calibrator style):
    /// agents are added to or removed from the queue, and each correction is recorded
    /// (`ProcessNetwork::corrections`). Off, queue counts are only observed.
    pub correct_queues: bool,
}

/// How far behind the watermark the deduplication set remembers a message's (`source`, `id`)
/// (an assumption: a broker's redeliveries after a reconnection come within seconds of wall
/// time, under an hour of simulated time even at 600x). Older ones are forgotten, so the set
/// stays bounded; a message that old is refused anyway, as late rather than as a duplicate.
pub const DEDUP_WINDOW: SimTime = SimTime(3_600_000);

/// The largest queue count a correction trusts (an assumption: ten times the longest queue a
/// shipped scenario builds); a larger one is refused as malformed, never applied.
pub const MAX_CORRECTED_QUEUE: u32 = 10_000;

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Rejection {
    /// Not a CloudEvents envelope of the log's format: the field at fault (empty: the whole line).
    Malformed {
        /// The field, e.g. `time` or `data.stage`.
        field: String,
    },
    /// A `type` the log format does not have.
    UnknownType,
    /// An event already received (same `source` and `id`), or a second arrival of one agent.
    Duplicate,
    /// Earlier than the watermark: the run may already have passed its time.
    Late,
    /// Further ahead of the watermark than [`FeedOptions::max_ahead`].
    Future,
    /// A source, type, attribute, pool or batch the scenario or the feed does not know.
    UnknownName {
        /// The field naming it.
        field: String,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Malformed { field } if field.is_empty() => write!(f, "malformed line"),
            Rejection::Malformed { field } => write!(f, "malformed `{field}`"),
            Rejection::UnknownType => write!(f, "unknown type"),
            Rejection::Duplicate => write!(f, "duplicate"),
            Rejection::Late => write!(f, "late"),
            Rejection::Future => write!(f, "from the future"),
            Rejection::UnknownName { field } => write!(f, "unknown name in `{field}`"),
        }
    }
}

/// A refused message: why, and the message saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The reason it is counted under.
    pub reason: Rejection,
    /// What was wrong, for the operator.
    pub message: String,
}

/// What became of one offered message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// It will be applied to the run once the watermark passes `at`.
    Held {
        /// When it happens (a queue count: 1 ms after its stamp).
        at: SimTime,
    },
    /// Checked and counted; the run simulates what it says (a service, an exit, a queue count).
    Observed,
    /// A clock message: the watermark moved.
    Clock,
}

/// One refusal reason's count, with the first message given for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    /// The reason.
    pub reason: String,
    /// Messages refused for it.
    pub count: u64,
    /// The first such message's explanation.
    pub example: String,
}

/// What a feed has received and what became of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedReport {
    /// Messages offered.
    pub received: u64,
    /// Arrivals, batches, staffing changes, breakdowns, repairs and (correcting) queue counts applied to the run.
    pub applied: u64,
    /// Messages checked and counted but not applied (services, balks, exits; queue counts unless corrected).
    pub observed: u64,
    /// Clock messages.
    pub clock: u64,
    /// Accepted messages still held behind the watermark.
    pub held: u64,
    /// Refusals by reason, in the order of [`Rejection`].
    pub refused: Vec<Refused>,
}

impl FeedReport {
    /// Messages refused for `reason`.
    pub fn refused(&self, reason: &Rejection) -> u64 {
        let name = reason.to_string();
        self.refused.iter().find(|r| r.reason == name).map_or(0, |r| r.count)
    }

    /// The report as lines of text.
    pub fn render(&self) -> String {
        let mut out = format!(
            "feed: {} received, {} applied, {} observed, {} clock, {} held",
            self.received, self.applied, self.observed, self.clock, self.held
        );
        for r in &self.refused {
            out.push_str(&format!("\n  refused {} {}: {}", r.count, r.reason, r.example));
        }
        out
    }
}

/// An accepted event waiting for the watermark.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) enum Pending {
    Arrival {
        source: SourceId,
        arrival: TracedArrival,
        batch: Option<u64>,
    },
    Batch {
        source: SourceId,
        token: u64,
    },
    Forced(ForcedChange),
}

/// A live feed into a run of one scenario (names are resolved against it).
pub struct Feed {
    sources: Vec<String>,
    types: Vec<String>,
    attributes: Vec<String>,
    pools: Vec<String>,
    /// Stage names, and whether each has a pool (a queue).
    stages: Vec<(String, bool)>,
    pub(super) options: FeedOptions,
    pub(super) day0: Option<i64>,
    /// (`source`, `id`) of each message received, with its event time, down to
    /// [`DEDUP_WINDOW`] behind the watermark at the last pruning.
    pub(super) seen: HashMap<(String, String), SimTime>,
    /// The watermark at the last pruning of `seen`.
    pub(super) pruned_at: SimTime,
    pub(super) arrived: HashSet<(SourceId, String)>,
    /// Batch events by (source, CloudEvents id), as the tokens their arrivals name.
    pub(super) batches: HashMap<(SourceId, String), u64>,
    /// Released batches' indexes in their source's trace, by token.
    pub(super) items: HashMap<u64, usize>,
    pub(super) buffer: BTreeMap<(SimTime, u64), Pending>,
    pub(super) offered: u64,
    pub(super) watermark: SimTime,
    pub(super) clocked: bool,
    pub(super) closed: bool,
    pub(super) counts: FeedReport,
    pub(super) refusals: BTreeMap<Rejection, (u64, String)>,
}

impl Feed {
    /// A feed into a run of `scenario`.
    pub fn new(scenario: &Scenario, options: FeedOptions) -> Self {
        Self {
            sources: scenario.sources.iter().map(|s| s.name.clone()).collect(),
            types: scenario.population.types.iter().map(|t| t.name.clone()).collect(),
            attributes: scenario.population.attributes.clone(),
            pools: scenario.pools.iter().map(|p| p.name.clone()).collect(),
            stages: scenario.stages.iter().map(|s| (s.name.clone(), s.pool.is_some())).collect(),
            day0: options.day0,
            options,
            seen: HashMap::new(),
            pruned_at: SimTime::ZERO,
            arrived: HashSet::new(),
            batches: HashMap::new(),
            items: HashMap::new(),
            buffer: BTreeMap::new(),
            offered: 0,
            watermark: SimTime::ZERO,
            clocked: false,
            closed: false,
            counts: FeedReport::default(),
            refusals: BTreeMap::new(),
        }
    }

    /// The options the feed runs under.
    pub fn options(&self) -> &FeedOptions {
        &self.options
    }

    /// The time up to which the run may go: no event earlier than it is accepted any more.
    pub fn watermark(&self) -> SimTime {
        self.watermark
    }

    /// Moves the watermark on to `at` (a wall-clock pacer's promise); never back.
    pub fn advance_clock(&mut self, at: SimTime) {
        if !self.closed {
            self.watermark = self.watermark.max(at);
            self.clocked = true;
            self.prune();
        }
    }

    /// Forgets the ids of messages more than [`DEDUP_WINDOW`] behind the watermark, each time
    /// the watermark has moved on by the window since the last pruning (so the work is spread:
    /// each id is looked at about twice). It depends only on the messages and pacer steps
    /// offered, so a resumed feed prunes as the one it continues.
    fn prune(&mut self) {
        let watermark = self.watermark;
        if self.closed || watermark < self.pruned_at + DEDUP_WINDOW {
            return;
        }
        let keep_from = watermark - DEDUP_WINDOW;
        self.seen.retain(|_, at| *at >= keep_from);
        self.pruned_at = watermark;
    }

    /// How many (`source`, `id`) the deduplication set holds now.
    pub fn remembered(&self) -> usize {
        self.seen.len()
    }

    /// No more messages will come: everything held is released and the run may finish.
    pub fn close(&mut self) {
        self.closed = true;
        self.watermark = SimTime::NEVER;
    }

    /// True once [`Feed::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// What the feed has received so far and what became of it.
    pub fn report(&self) -> FeedReport {
        let mut report = self.counts.clone();
        report.held = self.buffer.len() as u64;
        report.refused = self
            .refusals
            .iter()
            .map(|(reason, (count, example))| Refused {
                reason: reason.to_string(),
                count: *count,
                example: example.clone(),
            })
            .collect();
        report
    }

    /// Offers one message (a line of an event log, or an MQTT payload). Refused messages are
    /// counted under their reason and change nothing.
    pub fn offer(&mut self, text: &str) -> Result<Taken, Refusal> {
        self.counts.received += 1;
        let taken = self.take(text);
        if let Err(refusal) = &taken {
            let entry = self
                .refusals
                .entry(refusal.reason.clone())
                .or_insert_with(|| (0, refusal.message.clone()));
            entry.0 += 1;
        }
        taken
    }

    fn take(&mut self, text: &str) -> Result<Taken, Refusal> {
        let refuse = |reason: Rejection, message: String| Err(Refusal { reason, message });
        let envelope = match envelope_of(text, |_| true) {
            Ok(envelope) => envelope,
            Err((field, message)) => return refuse(Rejection::Malformed { field }, message),
        };
        let kind = envelope.kind.as_str();
        if kind != CLOCK && !types::ALL.contains(&kind) {
            return refuse(
                Rejection::UnknownType,
                format!(
                    "unknown event type \"{kind}\"; expected {CLOCK} or one of: {}",
                    types::ALL.join(", ")
                ),
            );
        }
        let key = (envelope.source.clone(), envelope.id.clone());
        if self.seen.contains_key(&key) {
            return refuse(
                Rejection::Duplicate,
                format!("id \"{}\" from source \"{}\" was already received", key.1, key.0),
            );
        }
        let day0 = *self.day0.get_or_insert(envelope.time.day);
        let Some(at) = envelope.time.since(day0) else {
            return refuse(Rejection::Late, "before the feed's first day".into());
        };
        if at < self.watermark {
            return refuse(Rejection::Late, format!("at {at}, behind the watermark at {}", self.watermark));
        }
        if let Some(ahead) = self.options.max_ahead
            && self.clocked
            && at > self.watermark + ahead
        {
            return refuse(
                Rejection::Future,
                format!("at {at}, more than {ahead} ahead of the watermark at {}", self.watermark),
            );
        }
        if kind == CLOCK {
            self.seen.insert(key, at);
            self.counts.clock += 1;
            self.advance_clock(at);
            if envelope.data.get("final") == Some(&serde_json::Value::Bool(true)) {
                self.close();
            }
            return Ok(Taken::Clock);
        }
        let record = Record::from_data(kind, &envelope.data).map_err(|e| Refusal {
            reason: Rejection::Malformed { field: e.field },
            message: e.message,
        })?;
        let pending = self.resolve(&record, &envelope.id, at)?;
        self.seen.insert(key, at);
        self.watermark = self.watermark.max(SimTime(at.0.saturating_sub(self.options.lateness.0)));
        self.prune();
        let Some(pending) = pending else {
            self.counts.observed += 1;
            return Ok(Taken::Observed);
        };
        if let Pending::Arrival { source, .. } = &pending
            && let Record::Arrival { agent, .. } = &record
        {
            self.arrived.insert((*source, agent.clone()));
        }
        // A sensor's count stamped T holds everything up to T: it is applied just after.
        let at = match pending {
            Pending::Forced(ForcedChange::Queue { .. }) => at + SimTime(1),
            _ => at,
        };
        self.offered += 1;
        self.buffer.insert((at, self.offered), pending);
        Ok(Taken::Held { at })
    }

    /// What `record` asks of the run, with its names resolved (`None`: nothing, it is observed only).
    fn resolve(&mut self, record: &Record, id: &str, at: SimTime) -> Result<Option<Pending>, Refusal> {
        let unknown = |field: &str, message: String| Refusal {
            reason: Rejection::UnknownName { field: field.into() },
            message,
        };
        let lookup = |names: &[String], name: &str, what: &str, field: &str| {
            names.iter().position(|n| n == name).ok_or_else(|| {
                unknown(
                    field,
                    format!("{what} \"{name}\" is not in the scenario (it has: {})", names.join(", ")),
                )
            })
        };
        Ok(Some(match record {
            Record::Arrival {
                agent,
                source,
                agent_type,
                seed,
                attributes,
                batch,
                ..
            } => {
                let source = lookup(&self.sources, source, "source", "data.source")?;
                if self.arrived.contains(&(source, agent.clone())) {
                    return Err(Refusal {
                        reason: Rejection::Duplicate,
                        message: format!("agent \"{agent}\" of source \"{}\" already arrived", self.sources[source]),
                    });
                }
                let type_id = match agent_type {
                    Some(name) => Some(lookup(&self.types, name, "type", "data.agent_type")?),
                    None => None,
                };
                let mut bits = None;
                if let Some(names) = attributes {
                    let mut set = 0u64;
                    for name in names {
                        set |= 1 << lookup(&self.attributes, name, "attribute", "data.attributes")?;
                    }
                    bits = Some(set);
                }
                let batch = match batch {
                    None => None,
                    Some(batch) => Some(*self.batches.get(&(source, batch.clone())).ok_or_else(|| {
                        unknown(
                            "data.batch",
                            format!(
                                "no batch event with id \"{batch}\" of source \"{}\" came before this arrival",
                                self.sources[source]
                            ),
                        )
                    })?),
                };
                Pending::Arrival {
                    source,
                    arrival: TracedArrival {
                        at,
                        type_id,
                        seed: *seed,
                        attributes: bits,
                    },
                    batch,
                }
            }
            Record::Batch { source, .. } => {
                let source = lookup(&self.sources, source, "source", "data.source")?;
                let token = self.batches.len() as u64;
                self.batches.insert((source, id.to_string()), token);
                Pending::Batch { source, token }
            }
            Record::Staffing { pool, rostered, .. } => Pending::Forced(ForcedChange::Staffing {
                pool: lookup(&self.pools, pool, "pool", "data.pool")?,
                rostered: *rostered,
            }),
            Record::Breakdown { pool } => Pending::Forced(ForcedChange::Breakdown {
                pool: lookup(&self.pools, pool, "pool", "data.pool")?,
            }),
            Record::Repair { pool } => Pending::Forced(ForcedChange::Repair {
                pool: lookup(&self.pools, pool, "pool", "data.pool")?,
            }),
            Record::Queue { stage, waiting } if self.options.correct_queues => {
                let queues: Vec<String> = self.stages.iter().filter(|(_, q)| *q).map(|(n, _)| n.clone()).collect();
                let stage = self.stages.iter().position(|(n, q)| n == stage && *q).ok_or_else(|| {
                    unknown(
                        "data.stage",
                        format!("stage \"{stage}\" has no queue in the scenario (these do: {})", queues.join(", ")),
                    )
                })?;
                if *waiting > MAX_CORRECTED_QUEUE {
                    return Err(Refusal {
                        reason: Rejection::Malformed {
                            field: "data.waiting".into(),
                        },
                        message: format!("{waiting} waiting is more than the {MAX_CORRECTED_QUEUE} a queue correction trusts"),
                    });
                }
                Pending::Forced(ForcedChange::Queue { stage, waiting: *waiting })
            }
            Record::ServiceStart { .. } | Record::ServiceEnd { .. } | Record::Balk { .. } | Record::Exit { .. } | Record::Queue { .. } => {
                return Ok(None);
            }
        }))
    }

    /// Applies to `network` every held event the watermark has passed, in time order, and
    /// returns the time the run may advance to (the end, once the feed is closed).
    pub(crate) fn release(&mut self, network: &mut ProcessNetwork) -> SimTime {
        while let Some(entry) = self.buffer.first_entry() {
            let (at, _) = *entry.key();
            if at >= self.watermark {
                break;
            }
            let pending = entry.remove();
            let applied = match pending {
                Pending::Arrival { source, arrival, batch } => match batch.map(|token| self.items.get(&token).copied()) {
                    Some(None) => Err(FeedError::Unknown("batch")),
                    Some(Some(item)) => network.feed_arrival(source, arrival, Some(item)),
                    None => network.feed_arrival(source, arrival, None),
                },
                Pending::Batch { source, token } => network.feed_batch(source, at).map(|item| {
                    self.items.insert(token, item);
                }),
                Pending::Forced(change) => network.feed_forced(at, change),
            };
            match applied {
                Ok(()) => self.counts.applied += 1,
                Err(error) => {
                    let reason = match error {
                        FeedError::Late { .. } => Rejection::Late,
                        _ => Rejection::UnknownName { field: String::new() },
                    };
                    self.refusals.entry(reason).or_insert_with(|| (0, error.to_string())).0 += 1;
                }
            }
        }
        self.watermark
    }
}
