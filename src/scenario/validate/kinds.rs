//! Each population type is one kind of agent: the types a source brings are its domain's
//! (travellers, trucks or parcels), so no type is brought by sources of two domains (a cargo
//! source without a `mix` of its own would bring the travellers' types: trucks counted and
//! treated as travellers).

use std::sync::Arc;

use crate::scenario::check::Checker;
use crate::scenario::domain_model::{DomainId, DomainModel};
use crate::scenario::model::{Arrivals, Population, Source};

/// Refuses each source that brings a type another domain's sources bring too, at the source's
/// `mix` (or the source itself when it has none and takes the population's shares).
pub(super) fn check(
    c: &mut Checker,
    sources: &[Source],
    has_mix: &[bool],
    source_domain: &[DomainId],
    domains: &[Arc<dyn DomainModel>],
    population: &Population,
) {
    let brings = |s: &Source, t: usize| !matches!(s.arrivals, Arrivals::Trace(_)) && s.mix.get(t).is_some_and(|&p| p > 0.0);
    // A type is the domain's of the first source that brings it, sources with a `mix` of their
    // own first (a source without one is the likelier mistake).
    let mut owner: Vec<Option<(DomainId, usize)>> = vec![None; population.types.len()];
    let order = (0..sources.len())
        .filter(|&s| has_mix[s])
        .chain((0..sources.len()).filter(|&s| !has_mix[s]));
    for s in order {
        for (t, slot) in owner.iter_mut().enumerate() {
            if slot.is_none() && brings(&sources[s], t) {
                *slot = Some((source_domain[s], s));
            }
        }
    }
    let agents = |d: DomainId| crate::domains::agents_of(domains[d as usize].name());
    for (s, source) in sources.iter().enumerate() {
        let domain = source_domain[s];
        let clashes: Vec<(usize, DomainId, usize)> = (0..population.types.len())
            .filter(|&t| brings(source, t))
            .filter_map(|t| owner[t].filter(|(d, _)| *d != domain).map(|(d, by)| (t, d, by)))
            .collect();
        let Some(&(_, other, by)) = clashes.first() else { continue };
        let clashes: Vec<usize> = clashes.iter().filter(|c| c.1 == other).map(|c| c.0).collect();
        let names: Vec<String> = clashes.iter().map(|&t| format!("\"{}\"", population.types[t].name)).collect();
        // Types no other domain's sources bring: the ones this source may keep.
        let own: Vec<String> = (0..population.types.len())
            .filter(|&t| owner[t].is_none_or(|(d, _)| d == domain))
            .map(|t| format!("\"{}\": 1.0", population.types[t].name))
            .collect();
        let (path, whose) = match has_mix[s] {
            true => (format!("demand[{s}].mix"), "its `mix`"),
            false => (format!("demand[{s}].name"), "the population's shares (it has no `mix`)"),
        };
        let example = match own.first() {
            Some(own) => format!("e.g. `mix: {{{own}}}`"),
            None => format!(
                "add a type of {} to the population, e.g. `(name: \"truck\", share: 0.0)`",
                agents(domain)
            ),
        };
        c.error(
            path,
            format!(
                "source \"{}\" brings {}, but {whose} gives it {}, which source \"{}\" brings as {}",
                source.name,
                agents(domain),
                names.join(", "),
                sources[by].name,
                agents(other),
            ),
            Some(&format!(
                "each type is one kind of agent: give source \"{}\" a `mix` of its own types only, {example}",
                source.name
            )),
        );
    }
}
