//! Why a snapshot could not be written, read or used.

use crate::sim::error::RunError;

/// Why a snapshot could not be written, read or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TwinError {
    /// The file could not be read.
    #[error("cannot read the snapshot {file}: {source}")]
    Read {
        /// The snapshot file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a snapshot, or is damaged or cut short; `at` locates the fault.
    #[error("{file}: {at}: {message}")]
    Malformed {
        /// The snapshot file.
        file: String,
        /// Where: `line 1, column 40` in the envelope, or a byte range of the body.
        at: String,
        /// What is wrong.
        message: String,
    },
    /// It was written by another version of porttwin or of the format.
    #[error(
        "{file} was written by porttwin {written_by} (snapshot format {format}); this is porttwin {this} (format {this_format}): snapshots are not carried across versions, so take a new one with `porttwin run SCENARIO --snapshot-at TIME`"
    )]
    Version {
        /// The snapshot file.
        file: String,
        /// The porttwin version that wrote it.
        written_by: String,
        /// Its format version.
        format: u32,
        /// This porttwin's version.
        this: String,
        /// The format version this porttwin writes.
        this_format: u32,
    },
    /// The scenario file differs from the one the snapshot was taken of.
    #[error(
        "{file} was taken of {scenario} with sha256 {expected}, but that file now has sha256 {found}: the scenario changed since the snapshot, so the state no longer belongs to it"
    )]
    ScenarioChanged {
        /// The snapshot file.
        file: String,
        /// The scenario file.
        scenario: String,
        /// Its sha256 when the snapshot was taken.
        expected: String,
        /// Its sha256 now.
        found: String,
    },
    /// The snapshot was taken of a replay of another event log (or of none), or the run that
    /// resumes it replays another log.
    #[error(
        "{file} was taken of {expected}, but this run is {found}: a snapshot resumes only with the log it replayed (`porttwin run --from SNAP` finds it by the name in the snapshot)"
    )]
    ReplayChanged {
        /// The snapshot file.
        file: String,
        /// The replay the snapshot was taken of.
        expected: String,
        /// The replay this run is.
        found: String,
    },
    /// The state cannot be resumed into this scenario (a forecast variant changed its structure).
    #[error("{file} cannot be resumed into {scenario}: {message}")]
    Incompatible {
        /// The snapshot file.
        file: String,
        /// The scenario (or variant).
        scenario: String,
        /// Why.
        message: String,
    },
    /// A live twin's snapshot given where an ordinary run's is needed (`porttwin run --from`).
    #[error(
        "{file} is a live twin's snapshot (`porttwin live --out DIR`): a run cannot finish it without the feed that drove it; go on with the twin with `porttwin live SCENARIO --resume DIR`, or forecast from it with `porttwin forecast --from {file}`"
    )]
    LiveSnapshot {
        /// The snapshot file.
        file: String,
    },
    /// The run cannot be saved (micro fidelity, or a domain that cannot save its state).
    #[error("cannot take a snapshot at {at}: {message}")]
    Unsupported {
        /// The requested time.
        at: String,
        /// Why.
        message: String,
    },
    /// A requested snapshot time or horizon is not within the run.
    #[error("{0}")]
    Time(String),
    /// The snapshot could not be written.
    #[error("cannot write the snapshot {file}: {source}")]
    Write {
        /// The snapshot file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    /// The run itself failed.
    #[error(transparent)]
    Run(#[from] RunError),
}

impl TwinError {
    /// True when the input (a file, a flag) is at fault: exit code 2; otherwise the run or the
    /// machine failed: exit code 1.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, TwinError::Run(_) | TwinError::Write { .. })
    }
}
