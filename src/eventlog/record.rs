//! The events of the log, by name: what each CloudEvents `type` carries in its `data`
//! (docs/event-log.md lists every field), written from a run and read back field by field.

use serde_json::{Map, Value, json};

/// The CloudEvents `type` of each kind of event.
pub mod types {
    /// An agent arrived at the port.
    pub const ARRIVAL: &str = "org.porttwin.arrival";
    /// A batch of arrivals is expected (a flight's passenger list, a convoy's advance report).
    pub const BATCH: &str = "org.porttwin.batch";
    /// A service started.
    pub const SERVICE_START: &str = "org.porttwin.service.start";
    /// A service ended.
    pub const SERVICE_END: &str = "org.porttwin.service.end";
    /// An agent found a queue full.
    pub const BALK: &str = "org.porttwin.balk";
    /// An agent left the port after its journey.
    pub const EXIT: &str = "org.porttwin.exit";
    /// A pool's staffing changed.
    pub const STAFFING: &str = "org.porttwin.staffing";
    /// A server broke down.
    pub const BREAKDOWN: &str = "org.porttwin.breakdown";
    /// A broken server was repaired.
    pub const REPAIR: &str = "org.porttwin.repair";
    /// A queue sensor's count.
    pub const QUEUE: &str = "org.porttwin.queue";
    /// Every type, in the order above.
    pub const ALL: [&str; 10] = [
        ARRIVAL,
        BATCH,
        SERVICE_START,
        SERVICE_END,
        BALK,
        EXIT,
        STAFFING,
        BREAKDOWN,
        REPAIR,
        QUEUE,
    ];
}

/// One event's content, by name. Optional fields are what a log from elsewhere may lack.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// An agent arrived.
    Arrival {
        /// The agent's identifier in the log.
        agent: String,
        /// The source (entrance, road, flight stream) it came from.
        source: String,
        /// Its type (`resident`, `truck`, …).
        agent_type: Option<String>,
        /// Its own seed (porttwin logs; replays reuse it).
        seed: Option<u64>,
        /// The scenario attributes it has (a list of names; absent: unknown).
        attributes: Option<Vec<String>>,
        /// The `id` of the batch event it came with.
        batch: Option<String>,
        /// Its domain (`passengers`, `cargo`).
        domain: Option<String>,
        /// What its domain knows of it at arrival.
        details: Option<Value>,
    },
    /// A batch of arrivals is expected.
    Batch {
        /// The source.
        source: String,
        /// Its label (a flight number).
        label: String,
        /// Arrivals expected.
        count: Option<u32>,
        /// Over how many seconds they are expected.
        spread_s: Option<f64>,
    },
    /// A service started.
    ServiceStart {
        /// The agent.
        agent: String,
        /// The stage.
        stage: String,
        /// The pool serving it.
        pool: Option<String>,
        /// The server.
        server: Option<u32>,
        /// Seconds waited in the queue.
        wait_s: Option<f64>,
    },
    /// A service ended.
    ServiceEnd {
        /// The agent.
        agent: String,
        /// The stage.
        stage: String,
        /// The pool.
        pool: Option<String>,
        /// The server.
        server: Option<u32>,
        /// Seconds the service took.
        service_s: Option<f64>,
    },
    /// An agent found a stage's queue full.
    Balk {
        /// The agent.
        agent: String,
        /// The stage.
        stage: String,
    },
    /// An agent left after its journey.
    Exit {
        /// The agent.
        agent: String,
        /// Seconds from arrival to exit.
        time_in_system_s: Option<f64>,
    },
    /// A pool's staffing.
    Staffing {
        /// The pool.
        pool: String,
        /// Servers on duty by the roster.
        rostered: u32,
        /// Servers out of order.
        out_of_order: Option<u32>,
        /// Servers serving.
        staffed: Option<u32>,
    },
    /// A server broke down.
    Breakdown {
        /// The pool.
        pool: String,
    },
    /// A server was repaired.
    Repair {
        /// The pool.
        pool: String,
    },
    /// A queue sensor's count.
    Queue {
        /// The stage.
        stage: String,
        /// Agents waiting.
        waiting: u32,
    },
}

/// A field of `data` that is missing or has the wrong kind of value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field path, e.g. `data.stage`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

fn put<T: Into<Value>>(map: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(value) = value {
        map.insert(key.into(), value.into());
    }
}

impl Record {
    /// Its CloudEvents `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Record::Arrival { .. } => types::ARRIVAL,
            Record::Batch { .. } => types::BATCH,
            Record::ServiceStart { .. } => types::SERVICE_START,
            Record::ServiceEnd { .. } => types::SERVICE_END,
            Record::Balk { .. } => types::BALK,
            Record::Exit { .. } => types::EXIT,
            Record::Staffing { .. } => types::STAFFING,
            Record::Breakdown { .. } => types::BREAKDOWN,
            Record::Repair { .. } => types::REPAIR,
            Record::Queue { .. } => types::QUEUE,
        }
    }

    /// Its `data` object.
    pub fn data(&self) -> Value {
        let mut m = Map::new();
        match self {
            Record::Arrival {
                agent,
                source,
                agent_type,
                seed,
                attributes,
                batch,
                domain,
                details,
            } => {
                m.insert("agent".into(), agent_value(agent));
                m.insert("source".into(), source.as_str().into());
                put(&mut m, "agent_type", agent_type.clone());
                put(&mut m, "seed", *seed);
                put(&mut m, "attributes", attributes.clone());
                put(&mut m, "batch", batch.clone());
                put(&mut m, "domain", domain.clone());
                put(&mut m, "details", details.clone());
            }
            Record::Batch {
                source,
                label,
                count,
                spread_s,
            } => {
                m.insert("source".into(), source.as_str().into());
                m.insert("label".into(), label.as_str().into());
                put(&mut m, "count", *count);
                put(&mut m, "spread_s", *spread_s);
            }
            Record::ServiceStart {
                agent,
                stage,
                pool,
                server,
                wait_s,
            } => {
                m.insert("agent".into(), agent_value(agent));
                m.insert("stage".into(), stage.as_str().into());
                put(&mut m, "pool", pool.clone());
                put(&mut m, "server", *server);
                put(&mut m, "wait_s", *wait_s);
            }
            Record::ServiceEnd {
                agent,
                stage,
                pool,
                server,
                service_s,
            } => {
                m.insert("agent".into(), agent_value(agent));
                m.insert("stage".into(), stage.as_str().into());
                put(&mut m, "pool", pool.clone());
                put(&mut m, "server", *server);
                put(&mut m, "service_s", *service_s);
            }
            Record::Balk { agent, stage } => {
                m.insert("agent".into(), agent_value(agent));
                m.insert("stage".into(), stage.as_str().into());
            }
            Record::Exit { agent, time_in_system_s } => {
                m.insert("agent".into(), agent_value(agent));
                put(&mut m, "time_in_system_s", *time_in_system_s);
            }
            Record::Staffing {
                pool,
                rostered,
                out_of_order,
                staffed,
            } => {
                m.insert("pool".into(), pool.as_str().into());
                m.insert("rostered".into(), (*rostered).into());
                put(&mut m, "out_of_order", *out_of_order);
                put(&mut m, "staffed", *staffed);
            }
            Record::Breakdown { pool } | Record::Repair { pool } => {
                m.insert("pool".into(), pool.as_str().into());
            }
            Record::Queue { stage, waiting } => {
                m.insert("stage".into(), stage.as_str().into());
                m.insert("waiting".into(), (*waiting).into());
            }
        }
        Value::Object(m)
    }

    /// Reads the `data` of an event of type `type_name` (one of [`types::ALL`]).
    pub fn from_data(type_name: &str, data: &Value) -> Result<Record, FieldError> {
        let d = Data(data.as_object().ok_or_else(|| FieldError {
            field: "data".into(),
            message: "expected an object".into(),
        })?);
        Ok(match type_name {
            types::ARRIVAL => Record::Arrival {
                agent: d.agent()?,
                source: d.text("source")?,
                agent_type: d.optional_text("agent_type")?,
                seed: d.optional_u64("seed")?,
                attributes: d.optional_names("attributes")?,
                batch: d.optional_text("batch")?,
                domain: d.optional_text("domain")?,
                details: d.0.get("details").cloned(),
            },
            types::BATCH => Record::Batch {
                source: d.text("source")?,
                label: d.optional_text("label")?.unwrap_or_default(),
                count: d.optional_u32("count")?,
                spread_s: d.optional_seconds("spread_s")?,
            },
            types::SERVICE_START => Record::ServiceStart {
                agent: d.agent()?,
                stage: d.text("stage")?,
                pool: d.optional_text("pool")?,
                server: d.optional_u32("server")?,
                wait_s: d.optional_seconds("wait_s")?,
            },
            types::SERVICE_END => Record::ServiceEnd {
                agent: d.agent()?,
                stage: d.text("stage")?,
                pool: d.optional_text("pool")?,
                server: d.optional_u32("server")?,
                service_s: d.optional_seconds("service_s")?,
            },
            types::BALK => Record::Balk {
                agent: d.agent()?,
                stage: d.text("stage")?,
            },
            types::EXIT => Record::Exit {
                agent: d.agent()?,
                time_in_system_s: d.optional_seconds("time_in_system_s")?,
            },
            types::STAFFING => Record::Staffing {
                pool: d.text("pool")?,
                rostered: d.optional_u32("rostered")?.ok_or_else(|| d.missing("rostered"))?,
                out_of_order: d.optional_u32("out_of_order")?,
                staffed: d.optional_u32("staffed")?,
            },
            types::BREAKDOWN => Record::Breakdown { pool: d.text("pool")? },
            types::REPAIR => Record::Repair { pool: d.text("pool")? },
            types::QUEUE => Record::Queue {
                stage: d.text("stage")?,
                waiting: d.optional_u32("waiting")?.ok_or_else(|| d.missing("waiting"))?,
            },
            other => {
                return Err(FieldError {
                    field: "type".into(),
                    message: format!("unknown event type `{other}`"),
                });
            }
        })
    }
}

/// Agent identifiers are written as numbers when they are numbers.
fn agent_value(agent: &str) -> Value {
    agent.parse::<u64>().map_or_else(|_| agent.into(), |n| json!(n))
}

struct Data<'a>(&'a Map<String, Value>);

impl Data<'_> {
    fn missing(&self, key: &str) -> FieldError {
        FieldError {
            field: format!("data.{key}"),
            message: "missing field".into(),
        }
    }

    fn wrong(&self, key: &str, expected: &str) -> FieldError {
        FieldError {
            field: format!("data.{key}"),
            message: format!("expected {expected}"),
        }
    }

    fn agent(&self) -> Result<String, FieldError> {
        match self.0.get("agent") {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(Value::Number(n)) if n.is_u64() => Ok(n.to_string()),
            None => Err(self.missing("agent")),
            Some(_) => Err(self.wrong("agent", "a non-empty string or a whole number")),
        }
    }

    fn text(&self, key: &str) -> Result<String, FieldError> {
        self.optional_text(key)?.ok_or_else(|| self.missing(key))
    }

    fn optional_text(&self, key: &str) -> Result<Option<String>, FieldError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(_) => Err(self.wrong(key, "a non-empty string")),
        }
    }

    fn optional_u64(&self, key: &str) -> Result<Option<u64>, FieldError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| self.wrong(key, "a whole number ≥ 0")),
        }
    }

    fn optional_u32(&self, key: &str) -> Result<Option<u32>, FieldError> {
        match self.optional_u64(key)? {
            None => Ok(None),
            Some(v) => u32::try_from(v).map(Some).map_err(|_| self.wrong(key, "a whole number below 2^32")),
        }
    }

    fn optional_seconds(&self, key: &str) -> Result<Option<f64>, FieldError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_f64()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a number of seconds ≥ 0")),
        }
    }

    fn optional_names(&self, key: &str) -> Result<Option<Vec<String>>, FieldError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a list of names")),
            Some(_) => Err(self.wrong(key, "a list of names")),
        }
    }
}
