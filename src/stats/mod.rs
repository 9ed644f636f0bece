//! Statistics for replicated runs: Student's t, confidence intervals, paired comparisons.

pub mod estimate;
pub mod student_t;

pub use estimate::{Estimate, paired};
pub use student_t::t_quantile;
