//! Which registered domains a raw scenario uses, which sources each owns, and each used
//! domain's validation (generated from the list of domains in `lib.rs`).

use std::sync::Arc;

use crate::domains::domain::{Domain, DomainValidation};
use crate::scenario::domain_model::DomainModel;
use crate::scenario::model::{SourceId, StageId};

macro_rules! domain_validation {
    ($($module:ident :: $domain:ident : $section:ident),* $(,)?) => {
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
                    return Some(Arc::new(<crate::$module::$domain as Domain>::validate(v, raw.$section.as_ref(), &own)));
                }
                registered += 1;
            )*
            let _ = registered;
            None
        }
    };
}

crate::for_each_domain!(domain_validation);

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
