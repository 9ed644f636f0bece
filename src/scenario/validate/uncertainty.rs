//! Checks how a schedule's batches may be late, part-full or cancelled.

use super::Checker;
use super::facilities::check_service;
use crate::scenario::model::{LoadFactor, Uncertainty};
use crate::scenario::raw::{RawLoadFactor, RawService, RawUncertainty};

/// The validated uncertainty at `path`.
pub(super) fn check(c: &mut Checker, path: &str, raw: &RawUncertainty) -> Uncertainty {
    let delay = raw.delay.as_ref().and_then(|delay| {
        let at = format!("{path}.delay");
        if let RawService::DriveThrough { .. } = delay {
            c.error(
                &at,
                "a delay cannot be `DriveThrough`",
                Some("give a delay as `Constant(s: ..)`, `Exponential(mean_s: ..)`, `LogNormal(mean_s: .., sd_s: ..)`, `Triangular(..)` or `Empirical(..)`, in seconds"),
            );
            return None;
        }
        Some(check_service(c, &at, delay, "delay"))
    });
    let load_factor = raw
        .load_factor
        .map(|RawLoadFactor::Beta { mean, sd }| load_factor(c, &format!("{path}.load_factor"), mean, sd));
    c.probability(&format!("{path}.cancel_p"), raw.cancel_p, "a cancellation probability");
    Uncertainty {
        delay,
        load_factor,
        cancel_p: raw.cancel_p,
        shared: raw.shared,
    }
}

/// A shared batch's draws follow from its label and day, so a shared batch needs a label and
/// no other batch of its schedule (`path`; each batch's label and whether it is shared, in the
/// file's order) may carry that label.
pub(super) fn check_shared_labels<'a>(c: &mut Checker, path: &str, batches: impl Iterator<Item = (&'a str, bool)>) {
    let batches: Vec<(&str, bool)> = batches.collect();
    for (i, &(label, shared)) in batches.iter().enumerate() {
        if !shared {
            continue;
        }
        let at = format!("{path}.batches[{i}].label");
        if label.is_empty() {
            c.error(
                at,
                "a batch whose uncertainty is `shared` needs a `label`: its delay, load and cancellation are drawn per label and day",
                Some("give it the label its other waves carry in the other sources, e.g. `label: \"ferry 1\"`"),
            );
        } else if let Some(first) = batches[..i].iter().position(|(other, _)| *other == label) {
            c.error(
                at,
                format!(
                    "batches[{first}] of this schedule has the label \"{}\" too: shared batches of one source with one label would draw the same delay, load and cancellation",
                    label
                ),
                Some("give each batch of a schedule its own label (one per sailing), or drop `shared`"),
            );
        }
    }
}

/// Beta(alpha, beta) of mean `mean` and standard deviation `sd` (method of moments), or the
/// mean itself for `sd` 0.
fn load_factor(c: &mut Checker, path: &str, mean: f64, sd: f64) -> LoadFactor {
    let ok = c.at_least(&format!("{path}.mean"), mean, 0.0, true, "a mean load factor")
        & c.at_least(&format!("{path}.sd"), sd, 0.0, false, "a standard deviation");
    if ok && mean > 1.0 {
        c.error(
            format!("{path}.mean"),
            format!("a load factor is the share of the batch that comes, at most 1 (got {mean})"),
            Some("raise the batch's `count` for a fuller batch"),
        );
    }
    if !ok || mean > 1.0 || sd == 0.0 {
        return LoadFactor::Fixed(mean.clamp(0.0, 1.0));
    }
    let spread = mean * (1.0 - mean);
    if sd * sd >= spread {
        c.error(
            format!("{path}.sd"),
            format!(
                "a share with mean {mean} has a standard deviation under {:.4} (got {sd})",
                spread.sqrt()
            ),
            Some("lower `sd`: a Beta distribution's variance is below mean × (1 − mean)"),
        );
        return LoadFactor::Fixed(mean);
    }
    let common = spread / (sd * sd) - 1.0;
    LoadFactor::Beta {
        alpha: mean * common,
        beta: (1.0 - mean) * common,
    }
}
