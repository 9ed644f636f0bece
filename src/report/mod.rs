//! Files a run leaves behind.

pub mod output;

pub use output::{write_atomic, write_run};
