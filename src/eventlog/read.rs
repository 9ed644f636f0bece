//! Reading an event log: one CloudEvents 1.0 JSON envelope per line, checked line by line.
//! A malformed line, an event out of time order or a duplicated event is a located problem;
//! none is ever used silently.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::clock::{self, LocalTime};
use super::error::{LogError, LogProblem};
use super::record::{Record, types};
use crate::sim::time::SimTime;

/// Largest log read, in bytes (a day of a big port is a few hundred megabytes).
pub const MAX_LOG_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// One event of a log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEvent {
    /// Its line in the file.
    pub line: usize,
    /// Its CloudEvents `id`.
    pub id: String,
    /// When, from midnight of the log's first day.
    pub at: SimTime,
    /// What.
    pub record: Record,
}

/// A log read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Log {
    /// The file it came from.
    pub file: String,
    /// Its events in order.
    pub events: Vec<LogEvent>,
    /// The sha256 of the text the events were read from (lowercase hex), which a snapshot of
    /// a replay records to refuse another log.
    pub sha256: String,
}

/// Reads and checks the log at `path`.
pub fn read(path: &Path) -> Result<Log, LogError> {
    let file = path.display().to_string();
    let cannot = |message: String| LogError::Read {
        file: file.clone(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
    if !metadata.is_file() {
        return Err(cannot("it is not a regular file".into()));
    }
    if metadata.len() > MAX_LOG_BYTES {
        return Err(cannot(format!("it holds more than the {} GiB a log may", MAX_LOG_BYTES >> 30)));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_LOG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot(e.to_string()))?;
    if bytes.len() as u64 > MAX_LOG_BYTES {
        return Err(cannot(format!("it holds more than the {} GiB a log may", MAX_LOG_BYTES >> 30)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        cannot(format!("line {line}: the text is not valid UTF-8"))
    })?;
    parse(&text, &file)
}

/// Checks the text of a log, line by line (`file` names it in problems). Blank lines are
/// skipped.
pub fn parse(text: &str, file: &str) -> Result<Log, LogError> {
    let mut problems = Vec::new();
    let mut events = Vec::new();
    let mut day0: Option<i64> = None;
    let mut last: Option<(LocalTime, usize)> = None;
    let mut ids: HashMap<(String, String), usize> = HashMap::new();
    let mut arrived: HashMap<(String, String), usize> = HashMap::new();
    for (n, line_text) in text.lines().enumerate() {
        let line = n + 1;
        if line_text.trim().is_empty() {
            continue;
        }
        let mut problem = |field: &str, message: String| {
            problems.push(LogProblem {
                file: file.to_string(),
                line,
                field: field.to_string(),
                message,
            })
        };
        let envelope = match envelope(line_text) {
            Ok(envelope) => envelope,
            Err((field, message)) => {
                problem(&field, message);
                continue;
            }
        };
        let record = match Record::from_data(&envelope.kind, &envelope.data) {
            Ok(record) => record,
            Err(e) => {
                problem(&e.field, e.message);
                continue;
            }
        };
        if let Some((previous, previous_line)) = last
            && envelope.time < previous
        {
            problem(
                "time",
                format!("out of order: the event is earlier than the one on line {previous_line}; a log lists events in time order"),
            );
            continue;
        }
        if let Some(first) = ids.insert((envelope.source.clone(), envelope.id.clone()), line) {
            problem(
                "id",
                format!(
                    "duplicate event: id \"{}\" from source \"{}\" is already on line {first}",
                    envelope.id, envelope.source
                ),
            );
            continue;
        }
        if let Record::Arrival { agent, source, .. } = &record
            && let Some(first) = arrived.insert((source.clone(), agent.clone()), line)
        {
            problem(
                "data.agent",
                format!("duplicate arrival: agent \"{agent}\" of source \"{source}\" already arrived on line {first}"),
            );
            continue;
        }
        let day0 = *day0.get_or_insert(envelope.time.day);
        let Some(at) = envelope.time.since(day0) else {
            problem("time", "before the log's first day".into());
            continue;
        };
        last = Some((envelope.time, line));
        events.push(LogEvent {
            line,
            id: envelope.id,
            at,
            record,
        });
    }
    if problems.is_empty() {
        Ok(Log {
            file: file.to_string(),
            events,
            sha256: crate::detect::model::sha256_hex(text.as_bytes()),
        })
    } else {
        Err(LogError::Invalid(problems))
    }
}

/// The CloudEvents envelope of one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// `id`.
    pub id: String,
    /// `source`.
    pub source: String,
    /// `type`.
    pub kind: String,
    /// `time`, as the port's local clock.
    pub time: LocalTime,
    /// `data`.
    pub data: Value,
}

/// The envelope of one line: CloudEvents 1.0's required attributes, `time`, and `data`.
fn envelope(text: &str) -> Result<Envelope, (String, String)> {
    envelope_of(text, |kind| types::ALL.contains(&kind))
}

/// The envelope of one line whose `type` passes `known`; an error names the field (empty for
/// the line as a whole) and what is wrong with it. A live feed reads its messages with it.
pub fn envelope_of(text: &str, known: impl Fn(&str) -> bool) -> Result<Envelope, (String, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| (String::new(), format!("not a JSON object: {e}")))?;
    let Value::Object(map) = value else {
        return Err((String::new(), "a line must be one JSON object (a CloudEvents envelope)".into()));
    };
    let text_of = |key: &str| -> Result<String, (String, String)> {
        match map.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            Some(_) => Err((key.into(), "expected a non-empty string".into())),
            None => Err((key.into(), "missing attribute (CloudEvents 1.0 requires it)".into())),
        }
    };
    let version = text_of("specversion")?;
    if version != "1.0" {
        return Err(("specversion".into(), format!("expected \"1.0\", found \"{version}\"")));
    }
    let id = text_of("id")?;
    let source = text_of("source")?;
    let kind = text_of("type")?;
    if !known(kind.as_str()) {
        return Err((
            "type".into(),
            format!("unknown event type \"{kind}\"; expected one of: {}", types::ALL.join(", ")),
        ));
    }
    let time = match map.get("time") {
        Some(Value::String(s)) => clock::parse(s).map_err(|m| ("time".to_string(), m))?,
        Some(_) => return Err(("time".into(), "expected an RFC 3339 time string".into())),
        None => return Err(("time".into(), "missing: every event of a log needs its time".into())),
    };
    let data = map
        .get("data")
        .cloned()
        .ok_or_else(|| ("data".to_string(), "missing: the event's content".to_string()))?;
    Ok(Envelope {
        id,
        source,
        kind,
        time,
        data,
    })
}
