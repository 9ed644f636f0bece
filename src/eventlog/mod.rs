//! The operational event log (docs/event-log.md): JSON Lines, one CloudEvents 1.0 envelope
//! per line, for arrivals with what is known of them, services, balks, exits, staffing,
//! breakdowns and repairs, queue counts and expected batches.
//!
//! - [`write`]: an engine observer that writes a run's log (`porttwin run --emit-log`);
//! - [`read`]: reading a log back, each problem located by file, line and field;
//! - [`record`]: the events' content by name, and the CloudEvents types;
//! - [`clock`]: RFC 3339 times as the port's local clock;
//! - [`observed`]: what a log says of waits, services, queues and throughput (replay reports, calibration);
//! - [`import`]: a converter from a terminal's gate-transaction CSV.

pub mod clock;
pub mod compare;
pub mod error;
pub mod import;
pub mod observed;
pub mod read;
pub mod record;
pub mod write;

pub use error::{LogError, LogProblem};
pub use read::{Log, LogEvent, read};
pub use record::Record;
pub use write::LogWriter;
