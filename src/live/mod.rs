//! The twin kept in step with the port: a live feed of event-log messages drives a run
//! ([`crate::Stepper::live`], [`crate::Stepper::feed`]) behind a watermark, so the run is the
//! offline forced replay of what was received, built as it arrives (docs/twin.md, "Live");
//! [`mqtt`] holds the broker settings `porttwin live` and `porttwin publish` share.

pub mod durable;
pub mod feed;
pub mod feed_state;
pub mod journal;
pub mod messages;
pub mod mqtt;

pub use feed::{CLOCK, Feed, FeedOptions, FeedReport, Refusal, Rejection, Taken};
pub use feed_state::FeedState;
