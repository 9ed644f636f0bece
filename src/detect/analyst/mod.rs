//! Human image analysts as signal-detection observers.
//!
//! Each review is one yes/no decision on an image: evidence `x ~ N(d', 1)` when the item holds a
//! threat, `N(0, 1)` when not; the analyst asks for an inspection when `x` passes a criterion.
//! Sensitivity `d'` depends on the threat class and how well it is hidden, differs between
//! analysts, falls with time on task under load (vigilance) and rises with AI assistance and
//! in a remote review centre; the criterion follows the prevalence the analyst has experienced
//! (Wolfe et al., Nature 435, 2005) and, with AI assistance, the model's verdict (automation
//! bias). Nothing here is a constant miss rate: the prevalence and vigilance effects emerge
//! from what each analyst has seen and done during the run. Parameters and their sources:
//! [`params`]; docs/detection.md#human-image-analysts.

pub mod crew;
pub mod params;
pub mod tally;

pub use crew::{AnalystCrew, Image, Judgement};
pub use params::AnalystParams;
pub use tally::{AnalystSummary, AnalystTally};
