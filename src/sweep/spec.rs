//! The sweep spec (RON): a base scenario, factors or variants as overrides, replications, KPIs.
//!
//! ```ron
//! Sweep(
//!     name: "desk_staffing",
//!     base: "../scenarios/bench/w1_passenger_hall.ron",
//!     seed: 2024,
//!     replications: 8,
//!     factors: { "facilities.desks.servers": [30, 33, 36, 40] },
//! )
//! ```

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::error::SweepError;
use super::overrides::{Origin, Override, compact};
use crate::scenario::locate::{LineCol, Segment, SpanTree, line_col, parse_path};
use crate::scenario::ordered_map::OrderedMap;
use crate::scenario::{Diagnostic, ScenarioError, parse_ron};

/// Most replications per variant.
pub const MAX_REPLICATIONS: u32 = 1_000_000;

/// Most variants a grid of factors may make (each is a scenario held in memory while planned).
pub const MAX_VARIANTS: usize = 100_000;

/// Most runs one sweep may plan (variants times replications).
pub const MAX_RUNS: f64 = 1e8;

/// The spec file as written.
#[derive(Debug, Deserialize)]
#[serde(rename = "Sweep", deny_unknown_fields)]
struct RawSweep {
    name: String,
    base: String,
    #[serde(default = "default_seed")]
    seed: u64,
    replications: i64,
    #[serde(default)]
    factors: OrderedMap<Vec<IgnoredAny>>,
    #[serde(default)]
    variants: Vec<RawVariant>,
    #[serde(default)]
    kpis: Vec<String>,
    #[serde(default)]
    baseline: Option<String>,
    #[serde(default)]
    precision: Option<RawPrecision>,
    #[serde(default)]
    minimise: Option<RawMinimise>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMinimise {
    kpi: String,
    #[serde(default)]
    subject_to: Vec<String>,
}

fn default_seed() -> u64 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    name: String,
    #[serde(default)]
    set: OrderedMap<IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrecision {
    kpi: String,
    half_width: f64,
    max_replications: i64,
}

/// A variant: a name and the overrides that make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantSpec {
    /// Unique name (the `variant` column of `runs.csv`).
    pub name: String,
    /// Overrides applied to the base scenario.
    pub overrides: Vec<Override>,
}

/// Add replications until a KPI's 95% CI half-width is at most a target.
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionSpec {
    /// KPI path (one of the sweep's KPIs).
    pub kpi: String,
    /// Target half-width, in the KPI's unit.
    pub half_width: f64,
    /// Never more replications per variant than this.
    pub max_replications: u32,
    /// Where the KPI was named.
    pub origin: Origin,
}

/// A checked spec, ready to plan.
#[derive(Debug, Clone)]
pub struct SweepSpec {
    /// Sweep name.
    pub name: String,
    /// Base scenario file, as resolved.
    pub base_file: String,
    /// Its text.
    pub base_text: String,
    /// Sweep seed; replication k of every variant runs with a seed derived from it and k.
    pub seed: u64,
    /// Replications per variant (before any precision rounds).
    pub replications: u32,
    /// Factor paths, for plots (empty for explicit variants without shared paths).
    pub factors: Vec<String>,
    /// The variants.
    pub variants: Vec<VariantSpec>,
    /// KPI paths (empty: the defaults for the base scenario).
    pub kpis: Vec<String>,
    /// Where each KPI was named in the spec, for errors.
    pub kpi_origins: Vec<Origin>,
    /// Variant the others are compared with (default: the first).
    pub baseline: Option<String>,
    /// Sequential precision target.
    pub precision: Option<PrecisionSpec>,
    /// A KPI to minimise subject to targets (the variant chosen is in `choice.csv`).
    pub minimise: Option<MinimiseSpec>,
}

/// A spec's `minimise`: the KPI, the targets, and where each was written (for errors).
#[derive(Debug, Clone)]
pub struct MinimiseSpec {
    /// What `sweep.json` records.
    pub minimise: super::choice::Minimise,
    /// Where the KPI, then each target, was written.
    pub origins: Vec<Origin>,
}

/// Reads a sweep spec file and its base scenario (relative to the spec's folder).
pub fn load(path: &Path) -> Result<SweepSpec, SweepError> {
    let file = path.display().to_string();
    let text = crate::scenario::text_file::read(path).map_err(|source| ScenarioError::Read {
        file: file.clone(),
        source,
    })?;
    let dir = path.parent().unwrap_or(Path::new(""));
    parse(&text, &file, dir)
}

/// Parses spec text; `file` names it in errors, `dir` anchors its relative `base` path.
pub fn parse(text: &str, file: &str, dir: &Path) -> Result<SweepSpec, SweepError> {
    let raw: RawSweep = parse_ron(text, file)?;
    let tree = SpanTree::parse(text);
    let locate = |segments: &[Segment], path: String| -> Origin {
        let node = segments.iter().try_fold(&tree, |n, s| n.child(s)).unwrap_or(&tree);
        let LineCol { line, column } = line_col(text, node.start);
        Origin {
            file: file.to_string(),
            line,
            column,
            path,
        }
    };
    let mut problems = Vec::new();
    let mut problem = |segments: &[Segment], path: &str, message: String, hint: Option<&str>| {
        let at = locate(segments, path.to_string());
        problems.push(Diagnostic {
            file: at.file,
            line: at.line,
            column: at.column,
            path: at.path,
            message,
            hint: hint.map(str::to_string),
        });
    };
    let field = |name: &str| Segment::Field(name.to_string());
    let value_text = |segments: &[Segment]| -> String {
        segments
            .iter()
            .try_fold(&tree, |n, s| n.child(s))
            .map(|n| text[n.start..n.end].to_string())
            .unwrap_or_default()
    };

    if raw.name.is_empty() || !raw.name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) {
        problem(
            &[field("name")],
            "name",
            format!("\"{}\" is not a usable sweep name", raw.name),
            Some("use letters, digits, '_', '-' or '.'"),
        );
    }
    let replications = u32::try_from(raw.replications).unwrap_or(0);
    if replications == 0 || replications > MAX_REPLICATIONS {
        problem(
            &[field("replications")],
            "replications",
            format!("replications must be between 1 and {MAX_REPLICATIONS} (got {})", raw.replications),
            None,
        );
    }
    let base_path = lexical(&dir.join(&raw.base));
    let base_file = base_path.display().to_string();
    let base_text = match crate::scenario::text_file::read(&base_path) {
        Ok(t) => t,
        Err(e) => {
            problem(
                &[field("base")],
                "base",
                format!("cannot read the base scenario {base_file}: {e}"),
                Some("`base` is relative to the folder of the sweep spec"),
            );
            String::new()
        }
    };

    let mut factors = Vec::new();
    let mut variants = Vec::new();
    if !raw.factors.is_empty() && !raw.variants.is_empty() {
        problem(
            &[field("variants")],
            "variants",
            "give either `factors` (a full grid) or `variants` (an explicit list), not both".into(),
            None,
        );
    }
    for (path, values) in raw.factors.iter() {
        let at = [field("factors"), field(path)];
        if values.is_empty() {
            problem(&at, &format!("factors.\"{path}\""), format!("factor `{path}` has no values"), None);
        }
        let values: Vec<Override> = (0..values.len())
            .map(|i| {
                let segments = [field("factors"), field(path), Segment::Index(i)];
                Override {
                    path: path.to_string(),
                    value: value_text(&segments),
                    origin: locate(&segments, format!("factors.\"{path}\"[{i}]")),
                }
            })
            .collect();
        factors.push((path.to_string(), values));
    }
    let grid_size = factors.iter().fold(1.0, |n: f64, (_, values)| n * values.len() as f64);
    if grid_size > MAX_VARIANTS as f64 {
        problem(
            &[field("factors")],
            "factors",
            format!("the factors make a grid of {grid_size:.0} variants, more than the {MAX_VARIANTS} a sweep may plan"),
            Some("use fewer factors or values, or list the variants wanted under `variants`"),
        );
        factors.clear();
    } else if grid_size.max(raw.variants.len() as f64) * f64::from(replications) > MAX_RUNS {
        problem(
            &[field("replications")],
            "replications",
            format!(
                "{:.0} variants of {replications} replications make more than the {MAX_RUNS:.0} runs a sweep may plan",
                grid_size.max(raw.variants.len() as f64)
            ),
            Some("split the sweep into shards (`--shard i/n`), or use fewer replications"),
        );
    }
    if !factors.is_empty() {
        let labels = short_labels(factors.iter().map(|(p, _)| p.as_str()));
        let mut grid: Vec<Vec<Override>> = vec![Vec::new()];
        for (_, values) in &factors {
            grid = grid
                .into_iter()
                .flat_map(|prefix| {
                    values.iter().map(move |v| {
                        let mut next = prefix.clone();
                        next.push(v.clone());
                        next
                    })
                })
                .collect();
        }
        for overrides in grid {
            let name = overrides
                .iter()
                .zip(&labels)
                .map(|(o, label)| format!("{label}={}", compact(&o.value)))
                .collect::<Vec<_>>()
                .join(" ");
            variants.push(VariantSpec { name, overrides });
        }
    }
    for (i, v) in raw.variants.iter().enumerate() {
        let at = [field("variants"), Segment::Index(i), field("name")];
        if v.name.trim().is_empty() {
            problem(&at, &format!("variants[{i}].name"), "a variant needs a name".into(), None);
        }
        if raw.variants[..i].iter().any(|other| other.name == v.name) {
            problem(
                &at,
                &format!("variants[{i}].name"),
                format!("variant name \"{}\" is used twice", v.name),
                None,
            );
        }
        let overrides = v
            .set
            .iter()
            .map(|(path, _)| {
                let segments = [field("variants"), Segment::Index(i), field("set"), field(path)];
                Override {
                    path: path.to_string(),
                    value: value_text(&segments),
                    origin: locate(&segments, format!("variants[{i}].set.\"{path}\"")),
                }
            })
            .collect();
        variants.push(VariantSpec {
            name: v.name.clone(),
            overrides,
        });
    }
    if variants.is_empty() {
        variants.push(VariantSpec {
            name: "base".into(),
            overrides: Vec::new(),
        });
    }
    let factor_paths: Vec<String> = if factors.is_empty() {
        let mut paths: Vec<String> = Vec::new();
        for o in variants.iter().flat_map(|v| &v.overrides) {
            if !paths.contains(&o.path) {
                paths.push(o.path.clone());
            }
        }
        paths
    } else {
        factors.into_iter().map(|(p, _)| p).collect()
    };
    if let Some(baseline) = &raw.baseline
        && !variants.iter().any(|v| &v.name == baseline)
    {
        problem(
            &[field("baseline")],
            "baseline",
            format!("no variant is named \"{baseline}\""),
            Some("name one of the `variants`, or a grid variant such as \"servers=30\""),
        );
    }
    let precision = raw.precision.as_ref().map(|p| {
        let path = |f: &str| [field("precision"), field(f)];
        if !(p.half_width.is_finite() && p.half_width > 0.0) {
            problem(
                &path("half_width"),
                "precision.half_width",
                format!("the target half-width must be positive (got {})", p.half_width),
                None,
            );
        }
        let max = u32::try_from(p.max_replications).unwrap_or(0);
        if max < replications || max > MAX_REPLICATIONS {
            problem(
                &path("max_replications"),
                "precision.max_replications",
                format!(
                    "max_replications must be between `replications` ({replications}) and {MAX_REPLICATIONS} (got {})",
                    p.max_replications
                ),
                None,
            );
        }
        if replications < 2 {
            problem(
                &[field("replications")],
                "replications",
                "a precision target needs at least 2 replications to estimate a confidence interval".into(),
                None,
            );
        }
        PrecisionSpec {
            kpi: p.kpi.clone(),
            half_width: p.half_width,
            max_replications: max,
            origin: locate(&path("kpi"), "precision.kpi".into()),
        }
    });
    let kpi_origins = (0..raw.kpis.len())
        .map(|i| locate(&[field("kpis"), Segment::Index(i)], format!("kpis[{i}]")))
        .collect();
    let minimise = raw.minimise.as_ref().map(|m| {
        let mut origins = vec![locate(&[field("minimise"), field("kpi")], "minimise.kpi".into())];
        for (i, text) in m.subject_to.iter().enumerate() {
            let at = [field("minimise"), field("subject_to"), Segment::Index(i)];
            if let Err(message) = super::staffing::Target::parse(text) {
                problem(&at, &format!("minimise.subject_to[{i}]"), message, None);
            }
            origins.push(locate(&at, format!("minimise.subject_to[{i}]")));
        }
        MinimiseSpec {
            minimise: super::choice::Minimise {
                kpi: m.kpi.clone(),
                subject_to: m.subject_to.clone(),
            },
            origins,
        }
    });
    if !problems.is_empty() {
        return Err(SweepError::Spec(problems));
    }
    Ok(SweepSpec {
        name: raw.name,
        base_file,
        base_text,
        seed: raw.seed,
        replications,
        factors: factor_paths,
        variants,
        kpis: raw.kpis,
        kpi_origins,
        baseline: raw.baseline,
        precision,
        minimise,
    })
}

/// Short names for factor paths: the last two segments, or the whole path when they collide.
fn short_labels<'a>(paths: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let short = |p: &str| {
        let segments = parse_path(p);
        let from = segments.len().saturating_sub(2);
        crate::scenario::locate::format_path(&segments[from..])
    };
    let all: Vec<String> = paths.clone().map(short).collect();
    paths
        .zip(&all)
        .map(|(p, s)| {
            if all.iter().filter(|o| *o == s).count() > 1 {
                p.to_string()
            } else {
                s.clone()
            }
        })
        .collect()
}

/// The path with `a/..` pairs removed, without touching the file system.
fn lexical(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
