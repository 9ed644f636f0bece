//! Checks arrival sources.

use std::path::Path;
use std::sync::Arc;

use super::Checker;
use crate::scenario::model::{Arrivals, Batch, Occupants, Population, Source};
use crate::scenario::raw::{RawArrivals, RawOccupants, RawSource};
use crate::scenario::replay::trace_of;
use crate::sim::time::{MS_PER_DAY, SimTime, parse_clock};

pub(super) fn check(
    c: &mut Checker,
    raw: &[RawSource],
    population: &Population,
    stage_names: &[&str],
    duration: SimTime,
    base: &Path,
) -> Vec<Source> {
    if raw.is_empty() {
        c.error(
            "demand",
            "the scenario has no arrival sources, so nobody would arrive",
            Some("add a source like (name: \"road\", entry: \"...\", arrivals: Hourly(...))"),
        );
    }
    let mut sources = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        let path = format!("demand[{i}]");
        if s.name.is_empty() {
            c.error(format!("{path}.name"), "a source needs a name", None);
        } else if raw[..i].iter().any(|o| o.name == s.name) {
            c.error(format!("{path}.name"), format!("source \"{}\" is defined twice", s.name), None);
        }
        let entry = stage_names.iter().position(|n| *n == s.entry);
        if entry.is_none() {
            c.error(
                format!("{path}.entry"),
                format!("entry stage \"{}\" does not exist", s.entry),
                Some(&stage_hint(stage_names)),
            );
        }
        let arrivals = match &s.arrivals {
            RawArrivals::Trace { file, source } => trace(
                c,
                &format!("{path}.arrivals"),
                &base.join(file),
                source.as_deref().unwrap_or(&s.name),
                population,
            ),
            other => check_arrivals(c, &format!("{path}.arrivals"), other, duration),
        };
        let mix = match &s.mix {
            None => population.types.iter().map(|t| t.share).collect(),
            Some(mix) => {
                let mut shares = vec![0.0; population.types.len()];
                for (name, share) in mix.iter() {
                    let at = format!("{path}.mix.{name}");
                    match population.types.iter().position(|t| t.name == name) {
                        Some(t) => {
                            if c.probability(&at, *share, "a share") {
                                shares[t] = *share;
                            }
                        }
                        None => c.error(at, format!("traveller type \"{name}\" is not in the population"), None),
                    }
                }
                c.sums_to_one(&format!("{path}.mix"), mix.iter().map(|(_, v)| *v), "the source's shares");
                shares
            }
        };
        let bags_entry = s.bags_entry.as_ref().and_then(|bags| {
            let id = stage_names.iter().position(|n| n == bags);
            if id.is_none() {
                c.error(
                    format!("{path}.bags_entry"),
                    format!("bag entry stage \"{bags}\" does not exist"),
                    Some(&stage_hint(stage_names)),
                );
            }
            id
        });
        let occupants = s
            .occupants
            .as_ref()
            .map(|o| occupants(c, &format!("{path}.occupants"), o, population));
        sources.push(Source {
            name: s.name.clone(),
            entry: entry.unwrap_or(0),
            arrivals,
            mix,
            bags_entry,
            occupants,
        });
    }
    sources
}

/// Checks the occupants of a source's vehicles or groups: sizes are whole numbers of 1 to
/// [`MAX_OCCUPANTS`] with probabilities summing to 1, types are the population's.
fn occupants(c: &mut Checker, path: &str, raw: &RawOccupants, population: &Population) -> Occupants {
    let mut sizes = Vec::new();
    for (size, p) in raw.sizes.iter() {
        let at = format!("{path}.sizes.{size}");
        match size.trim().parse::<u16>() {
            Ok(n) if (1..=MAX_OCCUPANTS).contains(&n) => {
                if c.probability(&at, *p, "a probability") {
                    sizes.push((n, *p));
                }
            }
            _ => c.error(
                at,
                format!("\"{size}\" is not a number of occupants"),
                Some(&format!(
                    "sizes are whole numbers from 1 to {MAX_OCCUPANTS}, e.g. `sizes: {{\"1\": 0.4, \"2\": 0.6}}`"
                )),
            ),
        }
    }
    if raw.sizes.is_empty() {
        c.error(
            format!("{path}.sizes"),
            "no sizes given",
            Some("e.g. `sizes: {\"1\": 0.4, \"2\": 0.6}`"),
        );
    } else {
        c.sums_to_one(
            &format!("{path}.sizes"),
            raw.sizes.iter().map(|(_, v)| *v),
            "the sizes' probabilities",
        );
    }
    sizes.sort_by_key(|&(n, _)| n);
    let mut types = vec![0.0; population.types.len()];
    for (name, share) in raw.types.iter() {
        let at = format!("{path}.types.{name}");
        match population.types.iter().position(|t| t.name == name) {
            Some(t) => {
                if c.probability(&at, *share, "a share") {
                    types[t] = *share;
                }
            }
            None => c.error(at, format!("type \"{name}\" is not in the population"), None),
        }
    }
    if raw.types.is_empty() {
        c.error(
            format!("{path}.types"),
            "no occupant types given",
            Some("e.g. `types: {\"resident\": 1.0}`"),
        );
    } else {
        c.sums_to_one(
            &format!("{path}.types"),
            raw.types.iter().map(|(_, v)| *v),
            "the occupants' type shares",
        );
    }
    Occupants { sizes, types }
}

/// Most occupants one vehicle or group may carry (a coach).
pub const MAX_OCCUPANTS: u16 = 100;

/// Lists the stages a name could refer to.
pub(super) fn stage_hint(stage_names: &[&str]) -> String {
    format!(
        "stages are: {}",
        stage_names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
    )
}

/// The arrivals of `source` in the log at `file`; its problems are reported at `path.file`.
fn trace(c: &mut Checker, path: &str, file: &Path, source: &str, population: &Population) -> Arrivals {
    let at = format!("{path}.file");
    let hint = Some("the log is read relative to the scenario file; its format is in docs/event-log.md");
    let log = match crate::eventlog::read(file) {
        Ok(log) => log,
        Err(error) => {
            c.error(at, error.to_string(), hint);
            return Arrivals::Trace(Arc::default());
        }
    };
    match trace_of(&log, source, population) {
        Ok(trace) if trace.arrivals.is_empty() => {
            c.error(
                at,
                format!("{} has no arrivals of source \"{source}\"", file.display()),
                Some("name the logged source with `source: \"...\"`"),
            );
            Arrivals::Trace(Arc::default())
        }
        Ok(trace) => Arrivals::Trace(Arc::new(trace)),
        Err(problems) => {
            c.error(at, crate::eventlog::LogError::Invalid(problems).to_string(), hint);
            Arrivals::Trace(Arc::default())
        }
    }
}

fn check_arrivals(c: &mut Checker, path: &str, raw: &RawArrivals, duration: SimTime) -> Arrivals {
    match raw {
        RawArrivals::Trace { .. } => Arrivals::Trace(Arc::default()),
        RawArrivals::Hourly { daily_total, weights } => {
            let mut rate_per_s = [0.0; 24];
            let total_ok = c.at_least(&format!("{path}.daily_total"), *daily_total, 0.0, false, "the daily total");
            if weights.len() != 24 {
                c.error(
                    format!("{path}.weights"),
                    format!(
                        "an hourly profile needs 24 weights, one per hour from 00:00, but has {}",
                        weights.len()
                    ),
                    Some("list exactly 24 numbers; use 0 for closed hours"),
                );
                return Arrivals::Hourly { rate_per_s };
            }
            let mut weights_ok = true;
            for (h, w) in weights.iter().enumerate() {
                weights_ok &= c.at_least(&format!("{path}.weights[{h}]"), *w, 0.0, false, "an hourly weight");
            }
            let sum: f64 = weights.iter().sum();
            if weights_ok && sum <= 0.0 {
                c.error(
                    format!("{path}.weights"),
                    "all hourly weights are 0, so nobody would arrive",
                    Some("give at least one hour a positive weight"),
                );
            }
            if total_ok && weights_ok && sum > 0.0 {
                for (rate, w) in rate_per_s.iter_mut().zip(weights) {
                    *rate = daily_total * w / sum / 3600.0;
                }
            }
            Arrivals::Hourly { rate_per_s }
        }
        RawArrivals::Schedule {
            batches,
            daily,
            uncertainty,
        } => {
            let common = uncertainty
                .as_ref()
                .map(|u| super::uncertainty::check(c, &format!("{path}.uncertainty"), u));
            if batches.is_empty() {
                c.error(format!("{path}.batches"), "a schedule needs at least one batch", None);
            }
            let mut checked = Vec::new();
            for (i, b) in batches.iter().enumerate() {
                let at_path = format!("{path}.batches[{i}]");
                let at = match parse_clock(&b.at) {
                    Ok(t) => t,
                    Err(e) => {
                        c.error(format!("{at_path}.at"), e, None);
                        continue;
                    }
                };
                if *daily && at.0 >= MS_PER_DAY {
                    c.error(
                        format!("{at_path}.at"),
                        "a daily schedule's times must fall on the first day",
                        Some("drop the day prefix, or set `daily: false`"),
                    );
                } else if !*daily && at >= duration {
                    c.error(
                        format!("{at_path}.at"),
                        format!("the batch at {at} comes after the end of the run ({duration})"),
                        None,
                    );
                }
                if b.count < 1 {
                    c.error(
                        format!("{at_path}.count"),
                        format!("a batch needs at least 1 arrival (got {})", b.count),
                        None,
                    );
                }
                c.at_least(&format!("{at_path}.spread_min"), b.spread_min, 0.0, false, "the spread");
                checked.push(Batch {
                    at,
                    count: b.count.clamp(0, u32::MAX as i64) as u32,
                    spread: SimTime::from_secs_f64(b.spread_min * 60.0),
                    label: b.label.clone(),
                    uncertainty: match &b.uncertainty {
                        Some(own) => Some(super::uncertainty::check(c, &format!("{at_path}.uncertainty"), own)),
                        None => common.clone(),
                    },
                });
            }
            let shared = batches.iter().map(|b| {
                (
                    b.label.as_str(),
                    b.uncertainty.as_ref().or(uncertainty.as_ref()).is_some_and(|u| u.shared),
                )
            });
            super::uncertainty::check_shared_labels(c, path, shared);
            checked.sort_by_key(|b| b.at);
            Arrivals::Schedule {
                batches: checked,
                daily: *daily,
            }
        }
    }
}
