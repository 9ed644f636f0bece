//! A converter from a container terminal's gate-transaction export (CSV) to an event log.
//!
//! Terminal operating systems export one row per gate transaction: the truck, its container
//! and move, the lane, and the times the truck joined the gate queue (an OCR portal or the
//! queue's entry), started and finished its gate-in transaction at a lane, and left through
//! the out-gate. The columns (header row required, any order, extra columns ignored):
//! `transaction, truck, container, move, lane, queued, gate_start, gate_end, gate_out`;
//! `gate_out` may be empty (still in the terminal). Times are `YYYY-MM-DD HH:MM:SS` local
//! time (or RFC 3339). Each row becomes an arrival at `source`, a service start and end at
//! `stage` (server = lane) and an exit; the events are written in time order.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::clock::{self, LocalTime};
use super::error::{LogError, LogProblem};
use super::record::Record;

/// The columns the converter reads.
pub const COLUMNS: [&str; 9] = [
    "transaction",
    "truck",
    "container",
    "move",
    "lane",
    "queued",
    "gate_start",
    "gate_end",
    "gate_out",
];

/// Names the converted events use.
#[derive(Debug, Clone)]
pub struct ImportNames {
    /// The source the trucks arrive from (a scenario's source name).
    pub source: String,
    /// The stage of the gate-in transaction (a scenario's stage with a pool).
    pub stage: String,
    /// The agent type the trucks get, if any.
    pub agent_type: Option<String>,
}

/// Converts gate-transaction CSV `text` (from `file`) into the lines of an event log.
pub fn gate_transactions(text: &str, file: &str, names: &ImportNames) -> Result<Vec<String>, LogError> {
    let problem = |line: usize, field: &str, message: String| LogProblem {
        file: file.to_string(),
        line,
        field: field.to_string(),
        message,
    };
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(LogError::Invalid(vec![problem(
            1,
            "",
            "the file is empty; it needs a header row".into(),
        )]));
    };
    let header = split(header).map_err(|m| LogError::Invalid(vec![problem(1, "", m)]))?;
    let column: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h.trim(), i)).collect();
    let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| !column.contains_key(c)).collect();
    if !missing.is_empty() {
        return Err(LogError::Invalid(vec![problem(
            1,
            "",
            format!(
                "the header lacks column(s) {}; expected: {}",
                missing.join(", "),
                COLUMNS.join(", ")
            ),
        )]));
    }
    let mut problems = Vec::new();
    let mut events: Vec<(LocalTime, usize, Record)> = Vec::new();
    for (n, text) in lines {
        let line = n + 1;
        let fields = match split(text) {
            Ok(fields) => fields,
            Err(m) => {
                problems.push(problem(line, "", m));
                continue;
            }
        };
        let cells = Cells {
            fields: &fields,
            column: &column,
        };
        match row(&cells, names) {
            Ok(mut row_events) => {
                let order = events.len();
                events.extend(row_events.drain(..).enumerate().map(|(k, (t, r))| (t, order + k, r)));
            }
            Err((field, message)) => problems.push(problem(line, field, message)),
        }
    }
    if !problems.is_empty() {
        return Err(LogError::Invalid(problems));
    }
    events.sort_by_key(|(t, order, _)| (*t, *order));
    let source = format!("/gate-export/{}", file.rsplit('/').next().unwrap_or(file));
    Ok(events
        .into_iter()
        .enumerate()
        .map(|(i, (time, _, record))| {
            let mut envelope = Map::new();
            envelope.insert("specversion".into(), "1.0".into());
            envelope.insert("id".into(), (i + 1).to_string().into());
            envelope.insert("source".into(), source.as_str().into());
            envelope.insert("type".into(), record.type_name().into());
            envelope.insert("time".into(), format_local(time).into());
            envelope.insert("datacontenttype".into(), "application/json".into());
            envelope.insert("data".into(), record.data());
            Value::Object(envelope).to_string()
        })
        .collect())
}

type Row = Vec<(LocalTime, Record)>;

/// One row's fields by column name.
struct Cells<'a> {
    fields: &'a [String],
    column: &'a HashMap<&'a str, usize>,
}

impl Cells<'_> {
    fn get(&self, name: &str) -> &str {
        self.column.get(name).and_then(|&i| self.fields.get(i)).map_or("", |f| f.trim())
    }
}

/// The events of one transaction.
fn row(cells: &Cells, names: &ImportNames) -> Result<Row, (&'static str, String)> {
    let get = |name: &str| cells.get(name);
    let time = |name: &'static str| -> Result<Option<LocalTime>, (&'static str, String)> {
        let text = get(name);
        if text.is_empty() {
            return Ok(None);
        }
        let rfc = if text.len() == 19 { format!("{text}Z") } else { text.to_string() };
        clock::parse(&rfc).map(Some).map_err(|m| (name, m))
    };
    let required = |name: &'static str| time(name)?.ok_or((name, "missing time".to_string()));
    let agent = [get("truck"), get("transaction")]
        .into_iter()
        .find(|s| !s.is_empty())
        .ok_or(("truck", "a row needs a truck or a transaction id".to_string()))?;
    let agent = format!("{agent}/{}", get("transaction"));
    let lane: Option<u32> = match get("lane") {
        "" => None,
        text => Some(text.parse().map_err(|_| ("lane", format!("`{text}` is not a lane number")))?),
    };
    let (queued, start, end, out) = (
        required("queued")?,
        required("gate_start")?,
        required("gate_end")?,
        time("gate_out")?,
    );
    let seconds = |from: LocalTime, to: LocalTime| ((to.day - from.day) as f64 * 86_400_000.0 + to.ms as f64 - from.ms as f64) / 1000.0;
    if start < queued {
        return Err(("gate_start", "the gate transaction starts before the truck queued".into()));
    }
    if end < start {
        return Err(("gate_end", "the gate transaction ends before it starts".into()));
    }
    if out.is_some_and(|o| o < end) {
        return Err(("gate_out", "the truck leaves before its gate transaction ends".into()));
    }
    let details = json!({"container": get("container"), "move": get("move"), "transaction": get("transaction")});
    let mut events = vec![
        (
            queued,
            Record::Arrival {
                agent: agent.clone(),
                source: names.source.clone(),
                agent_type: names.agent_type.clone(),
                seed: None,
                attributes: None,
                batch: None,
                domain: None,
                details: Some(details),
            },
        ),
        (
            start,
            Record::ServiceStart {
                agent: agent.clone(),
                stage: names.stage.clone(),
                pool: None,
                server: lane,
                wait_s: Some(seconds(queued, start)),
            },
        ),
        (
            end,
            Record::ServiceEnd {
                agent: agent.clone(),
                stage: names.stage.clone(),
                pool: None,
                server: lane,
                service_s: Some(seconds(start, end)),
            },
        ),
    ];
    if let Some(out) = out {
        events.push((
            out,
            Record::Exit {
                agent,
                time_in_system_s: Some(seconds(queued, out)),
            },
        ));
    }
    Ok(events)
}

fn format_local(t: LocalTime) -> String {
    let (y, m, d) = clock::civil_from_days(t.day);
    let ms = t.ms;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Splits one CSV line (RFC 4180 quoting: `"a, b"`, `""` for a quote).
fn split(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventlog::read::parse;

    fn names() -> ImportNames {
        ImportNames {
            source: "trucks".into(),
            stage: "gate".into(),
            agent_type: None,
        }
    }

    const HEADER: &str = "transaction,truck,container,move,lane,queued,gate_start,gate_end,gate_out";

    #[test]
    fn rows_become_a_log_in_time_order() {
        let csv = format!(
            "{HEADER}\nT2,BB22,\"MSCU 1, A\",DI,2,2024-03-05 08:00:30,2024-03-05 08:02:00,2024-03-05 08:04:00,\nT1,AA11,TGHU1,RE,1,2024-03-05 08:00:00,2024-03-05 08:00:10,2024-03-05 08:03:00,2024-03-05 08:30:00\n"
        );
        let lines = gate_transactions(&csv, "gate.csv", &names()).unwrap();
        assert_eq!(lines.len(), 7);
        let log = parse(&lines.join("\n"), "gate.jsonl").unwrap();
        let waits: Vec<Option<f64>> = log
            .events
            .iter()
            .filter_map(|e| match &e.record {
                Record::ServiceStart { wait_s, .. } => Some(*wait_s),
                _ => None,
            })
            .collect();
        assert_eq!(waits, [Some(10.0), Some(90.0)]);
        assert!(matches!(&log.events[0].record, Record::Arrival { agent, .. } if agent == "AA11/T1"));
        assert!(log.events.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn a_bad_row_names_its_line_and_column() {
        let csv = format!("{HEADER}\nT1,AA11,C,RE,1,2024-03-05 08:00:00,2024-03-05 07:59:00,2024-03-05 08:03:00,\n");
        let error = gate_transactions(&csv, "gate.csv", &names()).unwrap_err().to_string();
        assert!(
            error.contains("gate.csv:2: `gate_start`: the gate transaction starts before the truck queued"),
            "{error}"
        );
        let error = gate_transactions("truck,lane\n", "gate.csv", &names()).unwrap_err().to_string();
        assert!(error.contains("lacks column(s) transaction"), "{error}");
    }
}
