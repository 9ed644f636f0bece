//! The calibration spec (RON): a base scenario, an observed event log, the parameters to fit
//! (field paths in the sweep's override syntax, with priors), the statistics to compare, and
//! the sampler's settings. Every mistake is located in the spec.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::adjust::Adjustment;
use super::error::CalibrateError;
use super::prior::Prior;
use super::statistics;
use crate::eventlog::observed::Observed;
use crate::scenario::locate::{LineCol, Segment, SpanTree, line_col};
use crate::scenario::{Diagnostic, parse_ron};
use crate::sweep::overrides::{Origin, Override, apply};

/// Most particles, and most simulations, a spec may ask for.
const MAX_PARTICLES: usize = 100_000;
const MAX_RUNS: usize = 10_000_000;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Calibration")]
struct RawCalibration {
    base: String,
    observed: String,
    parameters: Vec<RawParameter>,
    #[serde(default)]
    statistics: Vec<String>,
    #[serde(default = "default_particles")]
    particles: usize,
    #[serde(default = "default_generations")]
    generations: usize,
    #[serde(default = "default_runs")]
    max_runs: usize,
    #[serde(default = "default_quantile")]
    quantile: f64,
    #[serde(default = "default_seed")]
    seed: u64,
    #[serde(default)]
    adjustment: Adjustment,
}

fn default_particles() -> usize {
    100
}
fn default_generations() -> usize {
    10
}
fn default_runs() -> usize {
    2000
}
fn default_quantile() -> f64 {
    0.5
}
fn default_seed() -> u64 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Parameter")]
struct RawParameter {
    #[serde(default)]
    name: Option<String>,
    path: String,
    #[serde(default)]
    value: Option<String>,
    prior: Prior,
}

/// One parameter to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Its name in reports (default: its path).
    pub name: String,
    /// The field path it sets.
    pub path: String,
    /// The RON text put there, with `{}` where the value goes (default `{}`).
    pub template: String,
    /// Its prior.
    pub prior: Prior,
    /// Where the spec defines it.
    pub origin: Origin,
}

impl Parameter {
    /// The override that sets the parameter to `value`.
    pub fn set(&self, value: f64) -> Override {
        Override {
            path: self.path.clone(),
            value: self.template.replace("{}", &format!("{value}")),
            origin: self.origin.clone(),
        }
    }
}

/// A checked calibration spec.
#[derive(Debug, Clone)]
pub struct CalibrationSpec {
    /// The base scenario file, as resolved.
    pub base_file: String,
    /// Its text.
    pub base_text: String,
    /// The observed log, as resolved.
    pub observed_file: PathBuf,
    /// What it says.
    pub observed: Observed,
    /// The parameters.
    pub parameters: Vec<Parameter>,
    /// The statistics compared (names from [`statistics`]).
    pub statistics: Vec<String>,
    /// Their observed values.
    pub observed_statistics: Vec<f64>,
    /// Particles per generation.
    pub particles: usize,
    /// Most generations.
    pub generations: usize,
    /// Most simulations.
    pub max_runs: usize,
    /// A generation's tolerance quantile.
    pub quantile: f64,
    /// The sampler's seed.
    pub seed: u64,
    /// How the final population becomes the posterior.
    pub adjustment: Adjustment,
}

/// Reads a calibration spec (its `base` and `observed` are relative to its folder).
pub fn load(path: &Path) -> Result<CalibrationSpec, CalibrateError> {
    let file = path.display().to_string();
    let text = crate::scenario::text_file::read(path).map_err(|e| CalibrateError::Read(format!("cannot read {file}: {e}")))?;
    parse(&text, &file, path.parent().unwrap_or(Path::new("")))
}

/// Parses spec text; `file` names it in errors, `dir` anchors its relative paths.
pub fn parse(text: &str, file: &str, dir: &Path) -> Result<CalibrationSpec, CalibrateError> {
    let raw: RawCalibration = parse_ron(text, file)?;
    let tree = SpanTree::parse(text);
    let origin = |segments: &[Segment], path: &str| -> Origin {
        let node = segments.iter().try_fold(&tree, |n, s| n.child(s)).unwrap_or(&tree);
        let LineCol { line, column } = line_col(text, node.start);
        Origin {
            file: file.to_string(),
            line,
            column,
            path: path.to_string(),
        }
    };
    let field = |name: &str| Segment::Field(name.to_string());
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut problem = |at: Origin, message: String, hint: Option<&str>| {
        problems.push(Diagnostic {
            file: at.file,
            line: at.line,
            column: at.column,
            path: at.path,
            message,
            hint: hint.map(str::to_string),
        })
    };

    let base_path = dir.join(&raw.base);
    let base_file = base_path.display().to_string();
    let base_text = crate::scenario::text_file::read(&base_path).unwrap_or_else(|e| {
        problem(
            origin(&[field("base")], "base"),
            format!("cannot read the base scenario {base_file}: {e}"),
            Some("`base` is relative to the folder of the spec"),
        );
        String::new()
    });
    let observed_file = dir.join(&raw.observed);
    let observed = match crate::eventlog::read(&observed_file) {
        Ok(log) => Some(Observed::of_log(&log)),
        Err(e) => {
            problem(
                origin(&[field("observed")], "observed"),
                e.to_string(),
                Some("`observed` is an event log (docs/event-log.md), relative to the folder of the spec"),
            );
            None
        }
    };

    let mut parameters = Vec::new();
    if raw.parameters.is_empty() {
        problem(
            origin(&[field("parameters")], "parameters"),
            "name at least one parameter to fit".into(),
            None,
        );
    }
    for (i, p) in raw.parameters.iter().enumerate() {
        let at = |f: &str| origin(&[field("parameters"), Segment::Index(i), field(f)], &format!("parameters[{i}].{f}"));
        if let Some(message) = p.prior.problem() {
            problem(at("prior"), message, None);
        }
        let template = p.value.clone().unwrap_or_else(|| "{}".into());
        if template.matches("{}").count() != 1 {
            problem(
                at("value"),
                format!("the value `{template}` needs exactly one `{{}}` where the parameter goes"),
                Some("e.g. \"LogNormal(mean_s: {}, sd_s: 15)\""),
            );
        }
        if parameters.iter().any(|q: &Parameter| q.path == p.path) {
            problem(at("path"), format!("`{}` is fitted twice", p.path), None);
        }
        parameters.push(Parameter {
            name: p.name.clone().unwrap_or_else(|| p.path.clone()),
            path: p.path.clone(),
            template,
            prior: p.prior,
            origin: at("path"),
        });
    }
    let sizes = [
        ("particles", raw.particles, 2, MAX_PARTICLES),
        ("generations", raw.generations, 1, 1000),
        ("max_runs", raw.max_runs, raw.particles.max(2), MAX_RUNS),
    ];
    for (name, value, min, max) in sizes {
        if value < min || value > max {
            problem(
                origin(&[field(name)], name),
                format!("{name} must be between {min} and {max} (got {value})"),
                None,
            );
        }
    }
    if !(raw.quantile > 0.0 && raw.quantile < 1.0) {
        problem(
            origin(&[field("quantile")], "quantile"),
            format!("quantile must lie strictly between 0 and 1 (got {})", raw.quantile),
            None,
        );
    }

    let mut observed_statistics = Vec::new();
    let names = match (&observed, raw.statistics.is_empty()) {
        (Some(o), true) => statistics::defaults(o),
        _ => raw.statistics.clone(),
    };
    if let Some(observed) = &observed {
        for (i, name) in names.iter().enumerate() {
            match statistics::value(observed, name) {
                Ok(Some(v)) => observed_statistics.push(v),
                Ok(None) => problem(
                    origin(&[field("statistics"), Segment::Index(i)], &format!("statistics[{i}]")),
                    format!("the observed log says nothing of `{name}`"),
                    None,
                ),
                Err(message) => problem(
                    origin(&[field("statistics"), Segment::Index(i)], &format!("statistics[{i}]")),
                    message,
                    Some(statistics::HINT),
                ),
            }
        }
        if names.is_empty() {
            problem(
                origin(&[field("statistics")], "statistics"),
                "the observed log has no statistic to fit".into(),
                None,
            );
        }
    }

    if problems.is_empty() && !base_text.is_empty() {
        let midpoint: Vec<Override> = parameters
            .iter()
            .map(|p| {
                let (min, max) = p.prior.bounds();
                p.set(0.5 * (min + max))
            })
            .collect();
        if let Err(found) = apply(&base_text, &base_file, "prior midpoint", &midpoint) {
            problems.extend(found);
        }
    }
    if !problems.is_empty() {
        return Err(CalibrateError::Spec(problems));
    }
    Ok(CalibrationSpec {
        base_file,
        base_text,
        observed_file,
        observed: observed.unwrap_or_default(),
        parameters,
        statistics: names,
        observed_statistics,
        particles: raw.particles,
        generations: raw.generations,
        max_runs: raw.max_runs,
        quantile: raw.quantile,
        seed: raw.seed,
        adjustment: raw.adjustment,
    })
}
