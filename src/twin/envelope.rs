//! The snapshot file: one line of JSON, the envelope, then the body (the whole state,
//! postcard-encoded). The envelope names what the state belongs to and is readable with
//! `head -1`; the body's length and sha256 in it catch a file cut short or damaged.

use serde::{Deserialize, Serialize};

use super::error::TwinError;
use crate::detect::model::sha256_hex;
use crate::sim::time::SimTime;

/// What every snapshot file's envelope says first.
pub const FORMAT: &str = "porttwin-snapshot";

/// The version of the snapshot format this porttwin writes and reads.
pub const FORMAT_VERSION: u32 = 6;

/// The envelope: what the state is, of what scenario, seed and time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// The porttwin version that wrote it.
    pub porttwin_version: String,
    /// The scenario file, as it was named on the command line.
    pub scenario: String,
    /// The scenario's `meta.name`.
    pub scenario_name: String,
    /// sha256 of the scenario file's bytes.
    pub scenario_sha256: String,
    /// The event log the run replays (`run --replay LOG`), if it is a replay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replay: Option<ReplayOf>,
    /// The journal a live run's snapshot goes on from (`porttwin live --resume`), if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveOf>,
    /// The run's seed.
    pub seed: u64,
    /// Simulated time of the state, in milliseconds.
    pub time_ms: u64,
    /// The same, as a clock (`06:00:00`, `d2 06:00:00`).
    pub time: String,
    /// The run's digest so far (16 hex digits).
    pub digest: String,
    /// Length of the body in bytes.
    pub body_bytes: u64,
    /// sha256 of the body.
    pub body_sha256: String,
}

/// The event log a replayed run takes its arrivals (and, forced, its staffing and breakdowns) from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplayOf {
    /// The log file, as it was named on the command line.
    pub log: String,
    /// sha256 of its bytes.
    pub log_sha256: String,
    /// Whether the replay is forced (`--forced`).
    pub forced: bool,
}

/// Where a live run's snapshot stands in its journal (`porttwin live --out DIR`): the messages
/// and pacer steps offered to its feed up to the snapshot are the journal's first `records`
/// lines, `bytes` bytes; a resumed run offers the lines after them again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveOf {
    /// The journal's file name, in the snapshot's folder.
    pub journal: String,
    /// Journal lines offered before the snapshot.
    pub records: u64,
    /// Their length in bytes.
    pub bytes: u64,
}

impl Envelope {
    /// The snapshot's simulated time.
    pub fn at(&self) -> SimTime {
        SimTime(self.time_ms)
    }
}

/// The file's bytes: the envelope (with the body's length and sha256 filled in), a newline,
/// the body.
pub fn join(envelope: &Envelope, body: &[u8]) -> Vec<u8> {
    let mut envelope = envelope.clone();
    envelope.body_bytes = body.len() as u64;
    envelope.body_sha256 = sha256_hex(body);
    let mut bytes = serde_json::to_vec(&envelope).expect("an envelope is plain data");
    bytes.push(b'\n');
    bytes.extend_from_slice(body);
    bytes
}

/// Splits a file's bytes into its envelope and body, checking the format, the version, the
/// body's length and its sha256; `file` names it in errors.
pub fn split<'a>(bytes: &'a [u8], file: &str) -> Result<(Envelope, &'a [u8]), TwinError> {
    let malformed = |at: String, message: String| TwinError::Malformed {
        file: file.to_string(),
        at,
        message,
    };
    let Some(newline) = bytes.iter().position(|&b| b == b'\n') else {
        let message = if bytes.is_empty() {
            "the file is empty".into()
        } else {
            "no envelope line: this is not a porttwin snapshot, or it is cut short".into()
        };
        return Err(malformed("line 1".into(), message));
    };
    let line = &bytes[..newline];
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
        malformed(
            format!("line 1, column {}", e.column()),
            format!("the envelope is not JSON ({e}): this is not a porttwin snapshot"),
        )
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(malformed(
            "line 1, field `format`".into(),
            format!("expected \"{FORMAT}\": this is not a porttwin snapshot"),
        ));
    }
    let written_by = value.get("porttwin_version").and_then(|v| v.as_str()).unwrap_or("?").to_string();
    let format = value.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if format != FORMAT_VERSION || written_by != env!("CARGO_PKG_VERSION") {
        return Err(TwinError::Version {
            file: file.to_string(),
            written_by,
            format,
            this: env!("CARGO_PKG_VERSION").to_string(),
            this_format: FORMAT_VERSION,
        });
    }
    let envelope: Envelope = serde_json::from_value(value).map_err(|e| {
        let field = e.to_string();
        malformed("line 1".into(), format!("envelope: {field}"))
    })?;
    let body = &bytes[newline + 1..];
    let start = newline + 1;
    if body.len() as u64 != envelope.body_bytes {
        let message = if (body.len() as u64) < envelope.body_bytes {
            format!(
                "the body has {} bytes, the envelope announces {}: the file is cut short",
                body.len(),
                envelope.body_bytes
            )
        } else {
            format!(
                "the body has {} bytes, the envelope announces {}: bytes were added",
                body.len(),
                envelope.body_bytes
            )
        };
        return Err(malformed(format!("body, bytes {start}..{}", bytes.len()), message));
    }
    if sha256_hex(body) != envelope.body_sha256 {
        return Err(malformed(
            format!("body, bytes {start}..{}", bytes.len()),
            "the body does not match its sha256 in the envelope: the file is damaged".into(),
        ));
    }
    Ok((envelope, body))
}
