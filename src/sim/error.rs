//! Why a run stopped early.

use super::time::SimTime;

/// Why a run stopped early.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// An agent went round decision stages forever without time passing.
    #[error(
        "at {at}, an agent looped through decision stages without time passing (last at stage \"{stage}\"); check the `Choose` conditions of the cycle"
    )]
    RoutingLoop {
        /// When.
        at: SimTime,
        /// The stage where it was stopped.
        stage: String,
    },
    /// A stage's check could not be carried out (an image model failed during a scan).
    #[error("at {at}, the check at stage \"{stage}\" failed: {message}")]
    Check {
        /// When.
        at: SimTime,
        /// The stage.
        stage: String,
        /// What went wrong.
        message: String,
    },
    /// A domain could not start (a model it needs could not be loaded).
    #[error("{domain} failed: {message}")]
    Start {
        /// The domain's name as its reports show it.
        domain: String,
        /// What went wrong.
        message: String,
    },
    /// An observer of the run failed (an event log could not be written).
    #[error("the run's observer failed: {0}")]
    Observer(String),
    /// The run panicked (caught by the driver).
    #[error("the run failed: {0}")]
    Panicked(String),
}
