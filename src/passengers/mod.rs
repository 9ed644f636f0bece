//! Smart passenger inspection: travellers' hidden truth, face verification at
//! e-gates, advance passenger information screening, collaborative robots,
//! and the outcomes they produce. The process network calls into these at
//! arrivals, service starts and ends, and exits.

pub mod bag_scan;
pub mod bag_scan_outcomes;
pub mod checks;
pub mod face;
pub mod outcomes;
pub mod robots;
pub mod screening;
pub mod traveller;
