//! The registry of domains. A domain is a folder with a type implementing [`Domain`] (its
//! scenario section and check types, their validation into its
//! [`DomainModel`](crate::scenario::domain_model::DomainModel), how it starts a run's
//! [`DomainRun`](crate::sim::domain::DomainRun), how its summary section reads); the list in
//! `lib.rs` (`for_each_domain!`) registers it, and the code in [`registry`] and the scenario's
//! raw types is generated from that list. Adding a domain is one line there; see
//! docs/domains.md.

pub mod domain;
pub mod registry;

pub use domain::{Domain, DomainValidation};
pub use registry::{NAMES, agents_of, all_classes, all_flags, present, presented, seizures, start};
