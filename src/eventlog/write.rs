//! Writing a run's event log: an [`Observer`] that names what the engine reports and writes
//! one CloudEvents 1.0 envelope per line (JSON Lines).

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::clock;
use super::record::Record;
use crate::scenario::Scenario;
use crate::scenario::model::Arrivals;
use crate::sim::observer::{Happening, Observer};
use crate::sim::time::SimTime;

/// How often a written log reports queue counts (an assumption: queue sensors of the kind
/// ports install report every few minutes; the series in `series.csv` has every minute).
pub const QUEUE_COUNT_INTERVAL: SimTime = SimTime(5 * 60 * 1000);

/// Turns the engine's happenings into [`Record`]s, naming sources, types, stages and pools.
pub struct Namer {
    scenario: Arc<Scenario>,
    /// The event id of each source's latest announcement of each batch.
    batch_ids: HashMap<(usize, usize), String>,
}

impl Namer {
    /// A namer for runs of `scenario`.
    pub fn new(scenario: Arc<Scenario>) -> Self {
        Self {
            scenario,
            batch_ids: HashMap::new(),
        }
    }

    /// The record of `happening` at `at`; `id` is the event id it will be written under.
    pub fn record(&mut self, at: SimTime, happening: Happening, id: &str) -> Record {
        let s = &self.scenario;
        let stage_name = |stage: usize| s.stages[stage].name.clone();
        let pool_name = |pool: usize| s.pools[pool].name.clone();
        match happening {
            Happening::Arrived {
                agent,
                source,
                type_id,
                seed,
                attributes,
                batch,
                details,
            } => Record::Arrival {
                agent: agent.to_string(),
                source: s.sources[source].name.clone(),
                agent_type: Some(s.population.types[type_id].name.clone()),
                seed: Some(seed),
                attributes: Some(
                    s.population
                        .attributes
                        .iter()
                        .enumerate()
                        .filter(|(bit, _)| attributes & (1u64 << bit) != 0)
                        .map(|(_, name)| name.clone())
                        .collect(),
                ),
                batch: batch.and_then(|b| self.batch_ids.get(&(source, b)).cloned()),
                domain: Some(s.domains[s.source_domain[source] as usize].name().to_string()),
                details,
            },
            Happening::BatchExpected { source, batch, count } => {
                self.batch_ids.insert((source, batch), id.to_string());
                let (label, spread_s) = match &s.sources[source].arrivals {
                    Arrivals::Schedule { batches, .. } => {
                        let b = &batches[batch];
                        (b.label.clone(), Some(b.spread.as_secs_f64()))
                    }
                    // A live run's growing traces are not the scenario's: no label is known.
                    Arrivals::Trace(trace) => match trace.items.get(batch) {
                        Some(&crate::scenario::trace::TraceItem::Batch { label, .. }) => (trace.labels[label as usize].clone(), None),
                        _ => (String::new(), None),
                    },
                    Arrivals::Hourly { .. } => (String::new(), None),
                };
                Record::Batch {
                    source: s.sources[source].name.clone(),
                    label,
                    count: Some(count),
                    spread_s,
                }
            }
            Happening::ServiceStarted {
                agent,
                stage,
                pool,
                server,
                waited,
            } => Record::ServiceStart {
                agent: agent.to_string(),
                stage: stage_name(stage),
                pool: Some(pool_name(pool)),
                server: Some(server),
                wait_s: Some(waited.as_secs_f64()),
            },
            Happening::ServiceEnded {
                agent,
                stage,
                pool,
                server,
                service,
            } => Record::ServiceEnd {
                agent: agent.to_string(),
                stage: stage_name(stage),
                pool: Some(pool_name(pool)),
                server: Some(server),
                service_s: Some(service.as_secs_f64()),
            },
            Happening::Balked { agent, stage } => Record::Balk {
                agent: agent.to_string(),
                stage: stage_name(stage),
            },
            Happening::Left { agent, arrived } => Record::Exit {
                agent: agent.to_string(),
                time_in_system_s: Some((at - arrived).as_secs_f64()),
            },
            Happening::Staffing {
                pool,
                rostered,
                out_of_order,
                staffed,
            } => Record::Staffing {
                pool: pool_name(pool),
                rostered,
                out_of_order: Some(out_of_order),
                staffed: Some(staffed),
            },
            Happening::Breakdown { pool } => Record::Breakdown { pool: pool_name(pool) },
            Happening::Repair { pool } => Record::Repair { pool: pool_name(pool) },
            Happening::QueueCount { stage, waiting } => Record::Queue {
                stage: stage_name(stage),
                waiting,
            },
        }
    }
}

/// Writes a run's event log, line by line, to a sink (the CLI gives it a temporary file and
/// renames it when the run has ended).
pub struct LogWriter {
    namer: Namer,
    sink: Box<dyn Write + Send + Sync>,
    source: String,
    next_id: u64,
    /// The last staffing written per pool (rostered, out of order, staffed): only changes are written.
    staffing: Vec<Option<(u32, u32, u32)>>,
    failure: Option<std::io::Error>,
}

impl LogWriter {
    /// A writer of the log of a run of `scenario` with `seed` into `sink`.
    pub fn new(scenario: Arc<Scenario>, seed: u64, sink: Box<dyn Write + Send + Sync>) -> Self {
        Self {
            source: format!("/porttwin/{}/seed/{seed}", scenario.meta.name),
            staffing: vec![None; scenario.pools.len()],
            namer: Namer::new(scenario),
            sink,
            next_id: 1,
            failure: None,
        }
    }

    fn write(&mut self, at: SimTime, happening: Happening) -> std::io::Result<()> {
        if let Happening::Staffing {
            pool,
            rostered,
            out_of_order,
            staffed,
        } = happening
        {
            let now = Some((rostered, out_of_order, staffed));
            if self.staffing[pool] == now {
                return Ok(());
            }
            self.staffing[pool] = now;
        }
        let id = self.next_id.to_string();
        self.next_id += 1;
        let record = self.namer.record(at, happening, &id);
        let mut envelope = Map::new();
        envelope.insert("specversion".into(), "1.0".into());
        envelope.insert("id".into(), id.into());
        envelope.insert("source".into(), self.source.as_str().into());
        envelope.insert("type".into(), record.type_name().into());
        envelope.insert("time".into(), clock::format(at).into());
        envelope.insert("datacontenttype".into(), "application/json".into());
        envelope.insert("data".into(), record.data());
        serde_json::to_writer(&mut self.sink, &Value::Object(envelope))?;
        self.sink.write_all(b"\n")
    }
}

impl Observer for LogWriter {
    fn observe(&mut self, at: SimTime, happening: Happening) {
        if self.failure.is_some() {
            return;
        }
        if let Err(error) = self.write(at, happening) {
            self.failure = Some(error);
        }
    }

    fn queue_interval(&self) -> Option<SimTime> {
        Some(QUEUE_COUNT_INTERVAL)
    }

    /// Flushes the sink; the first write error, if any, is returned.
    fn finish(&mut self) -> Result<(), String> {
        if let Some(error) = self.failure.take() {
            return Err(error.to_string());
        }
        self.sink.flush().map_err(|e| e.to_string())
    }
}
