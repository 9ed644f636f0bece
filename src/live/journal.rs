//! The journal of a live run (`porttwin live --out DIR`): every message offered to the feed,
//! and every step of the wall-clock pacer, one JSON line each, in the order the feed took
//! them. Lines are gathered and written with one `fsync` per batch ([`Journal::commit`]); the
//! twin acknowledges a batch's messages to the broker only after that, so a message the broker
//! considers delivered is on disk. A resumed run offers the lines after its snapshot's mark
//! again, in the same order, and so reaches the state the killed run had.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::sim::time::SimTime;
use crate::twin::LiveOf;

/// The journal's file name in its folder.
pub const FILE: &str = "journal.jsonl";

/// One journal line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Entry {
    /// A message as the feed was offered it (an MQTT payload, read as UTF-8).
    Message(String),
    /// The pacer moved the watermark on to this time ([`crate::live::Feed::advance_clock`]), in ms.
    ClockMs(u64),
}

impl Entry {
    /// A pacer step to `at`.
    pub fn clock(at: SimTime) -> Entry {
        Entry::ClockMs(at.0)
    }
}

/// Why a journal cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// Reading or writing failed.
    #[error("{file}: {source}")]
    Io {
        /// The journal.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A fresh live run was pointed at a folder with a journal in it.
    #[error("{file} already holds a live run's journal: resume it with --resume, or give another --out folder")]
    Exists {
        /// The journal.
        file: String,
    },
    /// The journal does not hold what the snapshot says it does, or a line cannot be read.
    #[error("{file}: {at}: {message}")]
    Damaged {
        /// The journal.
        file: String,
        /// Where (`line N`, `byte N`).
        at: String,
        /// What is wrong.
        message: String,
    },
}

/// An open journal, appended to.
pub struct Journal {
    path: PathBuf,
    file: File,
    /// Lines gathered since the last commit.
    batch: Vec<u8>,
    records: u64,
    bytes: u64,
}

impl Journal {
    /// A new, empty journal in `dir` (created if missing); refuses one that holds lines already.
    pub fn create(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(FILE);
        let io = |source| JournalError::Io {
            file: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
            return Err(JournalError::Exists {
                file: path.display().to_string(),
            });
        }
        let file = File::create(&path).map_err(io)?;
        Ok(Journal {
            path,
            file,
            batch: Vec::new(),
            records: 0,
            bytes: 0,
        })
    }

    /// Reopens the journal in `dir` after `mark` (a snapshot's): returns it, positioned at its
    /// end, and the entries after the mark. A last line cut short by a kill (never committed,
    /// so never acknowledged) is removed.
    pub fn reopen(dir: &Path, mark: &LiveOf) -> Result<(Journal, Vec<Entry>), JournalError> {
        let path = dir.join(&mark.journal);
        let name = path.display().to_string();
        let io = |source| JournalError::Io {
            file: name.clone(),
            source,
        };
        let damaged = |at: String, message: String| JournalError::Damaged {
            file: name.clone(),
            at,
            message,
        };
        let bytes = std::fs::read(&path).map_err(io)?;
        if (bytes.len() as u64) < mark.bytes {
            return Err(damaged(
                format!("byte {}", bytes.len()),
                format!(
                    "the journal has {} bytes, but the snapshot was taken after {}",
                    bytes.len(),
                    mark.bytes
                ),
            ));
        }
        let whole = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
            .max(mark.bytes as usize);
        let mut entries = Vec::new();
        let tail = &bytes[mark.bytes as usize..whole];
        for (k, line) in tail.split(|&b| b == b'\n').filter(|l| !l.is_empty()).enumerate() {
            let line_no = mark.records + k as u64 + 1;
            let entry = serde_json::from_slice(line).map_err(|e| damaged(format!("line {line_no}"), e.to_string()))?;
            entries.push(entry);
        }
        let mut file = OpenOptions::new().write(true).open(&path).map_err(io)?;
        file.set_len(whole as u64).map_err(io)?;
        file.seek(SeekFrom::End(0)).map_err(io)?;
        let records = mark.records + entries.len() as u64;
        Ok((
            Journal {
                path,
                file,
                batch: Vec::new(),
                records,
                bytes: whole as u64,
            },
            entries,
        ))
    }

    /// Adds `entry` to the current batch (on disk at the next [`Journal::commit`]).
    pub fn append(&mut self, entry: &Entry) {
        let start = self.batch.len();
        serde_json::to_writer(&mut self.batch, entry).expect("an entry is plain data");
        self.batch.push(b'\n');
        self.records += 1;
        self.bytes += (self.batch.len() - start) as u64;
    }

    /// Writes the batch and waits until it is on disk.
    pub fn commit(&mut self) -> Result<(), JournalError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let io = |source| JournalError::Io {
            file: self.path.display().to_string(),
            source,
        };
        self.file.write_all(&self.batch).map_err(io)?;
        self.file.sync_data().map_err(io)?;
        self.batch.clear();
        Ok(())
    }

    /// Where the journal stands: every line appended so far, committed or not.
    pub fn mark(&self) -> LiveOf {
        LiveOf {
            journal: FILE.to_string(),
            records: self.records,
            bytes: self.bytes,
        }
    }
}
