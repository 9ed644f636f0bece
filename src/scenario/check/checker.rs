//! Collects the problems found while a scenario is checked, each at its field path, with the
//! checks every part of validation shares (probabilities, bounds, shares, names).

use crate::scenario::error::Issue;

/// Collects problems while the scenario is checked.
#[derive(Default)]
pub struct Checker {
    pub(crate) issues: Vec<Issue>,
}

impl Checker {
    /// True while no problem has been recorded.
    pub fn is_clean(&self) -> bool {
        self.issues.is_empty()
    }

    /// Records a problem at `path`.
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>, hint: Option<&str>) {
        self.issues.push(Issue {
            path: path.into(),
            message: message.into(),
            hint: hint.map(str::to_string),
        });
    }

    /// The index of the `what` (a source, a pool) called `name` among `names`; if there is none,
    /// records `what "name" does not exist` at `path` with the names there are as a hint.
    pub fn find<'a>(&mut self, path: String, what: &str, name: &str, names: impl Iterator<Item = &'a str> + Clone) -> Option<usize> {
        let found = names.clone().position(|n| n == name);
        if found.is_none() {
            let known: Vec<String> = names.map(|n| format!("\"{n}\"")).collect();
            self.error(
                path,
                format!("{what} \"{name}\" does not exist"),
                Some(&format!("{what}s are: {}", known.join(", "))),
            );
        }
        found
    }

    /// Checks that `value` is finite and at least `min` (or above it when `strict`).
    pub fn at_least(&mut self, path: &str, value: f64, min: f64, strict: bool, what: &str) -> bool {
        let ok = value.is_finite() && if strict { value > min } else { value >= min };
        if !ok {
            let bound = if strict { "greater than" } else { "at least" };
            let message = if value < 0.0 && min >= 0.0 {
                format!("{what} cannot be negative (got {value})")
            } else {
                format!("{what} must be {bound} {min} (got {value})")
            };
            self.error(path, message, None);
        }
        ok
    }

    /// Checks that `value` is a probability.
    pub fn probability(&mut self, path: &str, value: f64, what: &str) -> bool {
        let ok = (0.0..=1.0).contains(&value);
        if !ok {
            let hint = if value > 1.0 && value <= 100.0 {
                format!("write a percentage as a fraction: {value}% is {}", value / 100.0)
            } else {
                "0 is never, 1 is always, 0.15 is 15%".to_string()
            };
            self.error(
                path,
                format!("{what} must be a probability between 0 and 1 (got {value})"),
                Some(&hint),
            );
        }
        ok
    }

    /// Checks that shares sum to 1.
    pub fn sums_to_one(&mut self, path: &str, values: impl Iterator<Item = f64>, what: &str) -> bool {
        let sum: f64 = values.sum();
        let ok = (sum - 1.0).abs() <= 1e-6;
        if !ok {
            self.error(
                path,
                format!("{what} must sum to 1 (they sum to {sum:.6})"),
                Some("adjust the values so they add up to exactly 1"),
            );
        }
        ok
    }
}
