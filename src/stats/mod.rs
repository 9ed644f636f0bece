//! Statistics: Student's t, confidence intervals, paired comparisons, special functions.

pub mod estimate;
pub mod special;
pub mod student_t;

pub use estimate::{Estimate, paired};
pub use student_t::t_quantile;
