//! Conditions on an agent's type, attributes and flags (routing branches, screening rules),
//! checked against the population and the flags registry.

use super::Checker;
use crate::scenario::flags::Flags;
use crate::scenario::model::{Condition, Population};
use crate::scenario::raw_condition::RawCondition;

/// Checks a condition on an agent's type, attributes and flags (routing branches, screening rules).
pub(crate) fn check_condition(c: &mut Checker, path: &str, raw: &RawCondition, population: &Population, flags: &Flags) -> Condition {
    let attribute = |c: &mut Checker, name: &str| {
        let id = flags.bit(name).map(usize::from);
        if id.is_none() {
            let known: Vec<_> = flags.names().map(|a| format!("\"{a}\"")).collect();
            c.error(
                path,
                format!("attribute \"{name}\" is not given to any traveller type"),
                Some(&format!("attributes are: {}", known.join(", "))),
            );
        }
        id.unwrap_or(0)
    };
    match raw {
        RawCondition::Always => Condition::Always,
        RawCondition::Has(name) => Condition::Has(attribute(c, name)),
        RawCondition::Lacks(name) => Condition::Lacks(attribute(c, name)),
        RawCondition::TypeIs(name) => match population.types.iter().position(|t| t.name == *name) {
            Some(t) => Condition::TypeIs(t),
            None => {
                c.error(path, format!("traveller type \"{name}\" is not in the population"), None);
                Condition::Always
            }
        },
        RawCondition::All(list) | RawCondition::Any(list) => {
            if list.is_empty() {
                c.error(path, "All([...]) and Any([...]) need at least one condition", None);
            }
            let inner = list
                .iter()
                .enumerate()
                .map(|(i, x)| check_condition(c, &format!("{path}[{i}]"), x, population, flags))
                .collect();
            if matches!(raw, RawCondition::All(_)) {
                Condition::All(inner)
            } else {
                Condition::Any(inner)
            }
        }
    }
}
