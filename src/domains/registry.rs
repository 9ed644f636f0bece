//! The code generated once from the list of domains in `lib.rs` (`for_each_domain!`): the
//! domains' names and flags, which domain owns a check variant, starting every domain of a
//! run, and presenting a domain's summary section by name.

use std::sync::Arc;

use serde_json::Value;

use super::domain::Domain;
use crate::metrics::Summary;
use crate::presentation::Section;
use crate::scenario::Scenario;
use crate::sim::domain::{DomainId, DomainRun};
use crate::sim::error::RunError;

/// The code generated from the registry: which domains a scenario uses, their validation in
/// order, flags, and presentation by name.
macro_rules! registry {
    ($($module:ident :: $domain:ident : $section:ident),* $(,)?) => {
        /// Every registered domain's name, in registration order.
        pub const NAMES: &[&str] = &[$(<crate::$module::$domain as Domain>::NAME),*];

        /// Every flag any registered domain sets (scenario attributes may not take these names).
        pub fn all_flags() -> impl Iterator<Item = &'static str> {
            [$(<crate::$module::$domain as Domain>::FLAGS),*].into_iter().flatten().copied()
        }

        /// Every contraband class any registered domain knows, in registration order, once each.
        pub fn all_classes() -> Vec<&'static str> {
            let mut classes: Vec<&'static str> = Vec::new();
            for class in [$(<crate::$module::$domain as Domain>::CLASSES),*].into_iter().flatten() {
                if !classes.contains(class) {
                    classes.push(class);
                }
            }
            classes
        }

        /// Every image dataset any registered domain generates.
        pub fn datasets() -> impl Iterator<Item = &'static super::domain::ImageDataset> {
            [$(<crate::$module::$domain as Domain>::DATASETS),*].into_iter().flatten()
        }

        /// The domain whose check variant is `name`, as (registration index, variant names).
        pub(crate) fn check_owner(name: &str) -> Option<usize> {
            [$(<crate::$module::$domain as Domain>::CHECKS),*].iter().position(|checks| checks.contains(&name))
        }

        /// Every check variant of every domain (for "expected one of" hints).
        pub(crate) fn all_check_variants() -> Vec<&'static str> {
            [$(<crate::$module::$domain as Domain>::CHECKS),*].into_iter().flatten().copied().collect()
        }

        /// Starts every domain of `scenario` for a run with `seed`, by id.
        pub fn start(scenario: &Arc<Scenario>, seed: u64) -> Result<Vec<Box<dyn DomainRun>>, RunError> {
            scenario
                .domains
                .iter()
                .enumerate()
                .map(|(id, model)| {
                    let id = id as DomainId;
                    $(if let Some(model) = model.as_any().downcast_ref::<<crate::$module::$domain as Domain>::Model>() {
                        return <crate::$module::$domain as Domain>::start(model, scenario, id, seed);
                    })*
                    Err(RunError::Start {
                        domain: model.name().to_string(),
                        message: "no registered domain runs this model".into(),
                    })
                })
                .collect()
        }

        /// What the agents of the domain named `name` are (`travellers`, `trucks`, …).
        pub fn agents_of(name: &str) -> &'static str {
            $(if name == <crate::$module::$domain as Domain>::NAME {
                return <crate::$module::$domain as Domain>::AGENTS;
            })*
            "agents"
        }

        /// Seizures by contraband class in the summary section of the domain named `name`.
        pub fn seizures(name: &str, section: &Value) -> Vec<(String, u64)> {
            $(if name == <crate::$module::$domain as Domain>::NAME {
                return <crate::$module::$domain as Domain>::seizures(section);
            })*
            Vec::new()
        }

        /// The presentation of a domain's summary section, by the domain's name.
        pub fn present(name: &str, section: &Value) -> Option<Section> {
            $(if name == <crate::$module::$domain as Domain>::NAME {
                return <crate::$module::$domain as Domain>::present(section);
            })*
            None
        }

    };
}

crate::for_each_domain!(registry);

/// Every domain section of a run's summary as the front ends show it, in order (sections with
/// nothing to say left out).
pub fn presented(summary: &Summary) -> Vec<Section> {
    summary
        .domains
        .iter()
        .filter_map(|(name, value)| present(name, value))
        .filter(|section| !section.blocks.is_empty())
        .collect()
}
