//! The registry of domains: what each domain declares to the scenario format, validation and
//! the front ends, and the code generated once from the list in `lib.rs`
//! (`for_each_domain!`): the scenario's domain sections, the check syntax of stages, the
//! validation of every domain, and the presentation of each domain's summary section.
//!
//! A domain is a folder with a type implementing [`Domain`] (static: its scenario section, its
//! check types, their validation, its presentation) whose validated model implements
//! [`DomainModel`](crate::sim::domain::DomainModel) and starts a
//! [`DomainRun`](crate::sim::domain::DomainRun) (a run's state, called by the engine). Adding
//! one is one line in `for_each_domain!`; see docs/domains.md.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::presentation::Section;
use crate::scenario::flags::Flags;
use crate::scenario::model::{Pool, Population, Source, SourceId, Stage, StageId};
use crate::scenario::validate::Checker;
use crate::sim::domain::{DomainId, DomainModel};

/// What a domain declares to porttwin: its part of the scenario format, the validation of
/// that part, and how its summary section reads.
pub trait Domain {
    /// The domain's name: its key in `summary.json`, its section in reports.
    const NAME: &'static str;
    /// Its top-level scenario section (the key is given where the domain is registered).
    type Section: DeserializeOwned + std::fmt::Debug + Clone;
    /// Its stage checks: an enum whose variants are written as a stage's `check:`.
    type Check: DeserializeOwned + std::fmt::Debug + Clone;
    /// The variant names of [`Domain::Check`] (unique across domains).
    const CHECKS: &'static [&'static str];
    /// The routing flags it sets on agents (conditions test them by name).
    const FLAGS: &'static [&'static str];
    /// True for the domain that owns the sources no other domain claims (travellers).
    const OWNS_UNCLAIMED_SOURCES: bool = false;

    /// Names of the sources whose agents the section says are this domain's.
    fn claimed_sources(section: &Self::Section) -> Vec<String> {
        let _ = section;
        Vec::new()
    }

    /// Checks the domain's section and the stages' checks of this domain, returning its model.
    fn validate(v: &mut DomainValidation, section: Option<&Self::Section>, checks: &[(StageId, &Self::Check)]) -> Arc<dyn DomainModel>;

    /// The domain's summary section (as `summary.json` holds it) for the CLI table, the HTML
    /// report and the viewer's panel; `None` if the section does not read as this domain's.
    fn present(section: &Value) -> Option<Section>;
}

/// What a domain's validation sees of the scenario checked so far, and may add to.
pub struct DomainValidation<'a> {
    /// Where problems are recorded (with field paths such as `cargo.sources[0]`).
    pub checker: &'a mut Checker,
    /// The domain's id in this scenario.
    pub id: DomainId,
    /// The sources whose agents are this domain's.
    pub sources_owned: Vec<SourceId>,
    /// Every source.
    pub sources: &'a [Source],
    /// Every pool; a domain may give pools properties (breakdown laws).
    pub pools: &'a mut [Pool],
    /// Every stage (its `check` says which domain's check it is).
    pub stages: &'a [Stage],
    /// Agent types and attributes.
    pub population: &'a Population,
    /// The attribute and flag bits (the domain's own flags are allocated).
    pub flags: &'a Flags,
}

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

        /// The domain whose check variant is `name`, as (registration index, variant names).
        pub(crate) fn check_owner(name: &str) -> Option<usize> {
            [$(<crate::$module::$domain as Domain>::CHECKS),*].iter().position(|checks| checks.contains(&name))
        }

        /// Every check variant of every domain (for "expected one of" hints).
        pub(crate) fn all_check_variants() -> Vec<&'static str> {
            [$(<crate::$module::$domain as Domain>::CHECKS),*].into_iter().flatten().copied().collect()
        }

        /// The presentation of a domain's summary section, by the domain's name.
        pub fn present(name: &str, section: &Value) -> Option<Section> {
            $(if name == <crate::$module::$domain as Domain>::NAME {
                return <crate::$module::$domain as Domain>::present(section);
            })*
            None
        }

        /// Which domains the raw scenario uses and which sources each owns (by registration
        /// index): a domain is used when its section is there, a stage makes one of its checks,
        /// or it owns a source.
        pub(crate) fn usage(raw: &crate::scenario::raw::RawScenario, checks: &[(StageId, &crate::scenario::raw_check::RawCheck)]) -> Vec<Usage> {
            let names: Vec<&str> = raw.demand.iter().map(|s| s.name.as_str()).collect();
            let mut claimed = vec![false; names.len()];
            let mut usage = Vec::new();
            $(
                let section = raw.$section.as_ref();
                let mut owned = Vec::new();
                if let Some(section) = section {
                    for name in <crate::$module::$domain as Domain>::claimed_sources(section) {
                        if let Some(s) = names.iter().position(|n| *n == name).filter(|s| !claimed[*s]) {
                            claimed[s] = true;
                            owned.push(s);
                        }
                    }
                }
                usage.push(Usage {
                    name: <crate::$module::$domain as Domain>::NAME,
                    owns_unclaimed: <crate::$module::$domain as Domain>::OWNS_UNCLAIMED_SOURCES,
                    section: section.is_some(),
                    checks: checks.iter().any(|(_, c)| matches!(c, crate::scenario::raw_check::RawCheck::$domain(_))),
                    owned,
                    flags: <crate::$module::$domain as Domain>::FLAGS,
                });
            )*
            if let Some(default) = usage.iter_mut().find(|u| u.owns_unclaimed) {
                default.owned.extend((0..names.len()).filter(|s| !claimed[*s]));
                default.owned.sort_unstable();
            }
            usage
        }

        /// Validates registered domain `index` (its section and its stages' checks).
        pub(crate) fn validate_domain(
            index: usize,
            v: &mut DomainValidation,
            raw: &crate::scenario::raw::RawScenario,
            checks: &[(StageId, &crate::scenario::raw_check::RawCheck)],
        ) -> Option<Arc<dyn DomainModel>> {
            let mut registered = 0;
            $(
                if index == registered {
                    let own: Vec<(StageId, &<crate::$module::$domain as Domain>::Check)> = checks
                        .iter()
                        .filter_map(|(s, c)| match c {
                            crate::scenario::raw_check::RawCheck::$domain(check) => Some((*s, check)),
                            #[allow(unreachable_patterns)]
                            _ => None,
                        })
                        .collect();
                    return Some(<crate::$module::$domain as Domain>::validate(v, raw.$section.as_ref(), &own));
                }
                registered += 1;
            )*
            let _ = registered;
            None
        }
    };
}

/// How a raw scenario uses one registered domain.
#[derive(Debug, Clone)]
pub(crate) struct Usage {
    /// The domain's name.
    pub name: &'static str,
    /// The domain takes the sources no other domain claims.
    pub owns_unclaimed: bool,
    /// Its section is in the scenario.
    pub section: bool,
    /// A stage makes one of its checks.
    pub checks: bool,
    /// The sources whose agents are its own.
    pub owned: Vec<SourceId>,
    /// The flags it sets.
    pub flags: &'static [&'static str],
}

impl Usage {
    /// Whether the scenario uses the domain at all.
    pub fn used(&self) -> bool {
        self.section || self.checks || !self.owned.is_empty()
    }
}

crate::for_each_domain!(registry);
