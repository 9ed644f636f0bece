//! Statistics: Student's t, confidence intervals, paired comparisons, Wilson intervals of
//! proportions, special functions, small linear systems.

pub mod estimate;
pub mod linear;
pub mod special;
pub mod student_t;
pub mod wilson;

pub use estimate::{Estimate, paired};
pub use student_t::t_quantile;
pub use wilson::{Proportion, wilson};
