//! What a domain declares to porttwin: its part of the scenario format, its validation, how
//! it starts a run, and how its summary section reads.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::detect::ScanImage;
use crate::detect::synth::Placed;
use crate::presentation::Section;
use crate::scenario::Scenario;
use crate::scenario::check::Checker;
use crate::scenario::flags::Flags;
use crate::scenario::model::{Pool, Population, Source, SourceId, Stage, StageId};
use crate::sim::domain::{DomainId, DomainModel, DomainRun};
use crate::sim::error::RunError;

/// What a domain declares to porttwin: its part of the scenario format, the validation of
/// that part, and how its summary section reads.
pub trait Domain {
    /// The domain's name: its key in `summary.json`, its section in reports.
    const NAME: &'static str;
    /// What its agents are, plural (`travellers`, `trucks`, `parcels`): the key of their
    /// headline KPIs (`groups.kind.<agents>`) and the word reports use for them.
    const AGENTS: &'static str;
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
    /// Labelled images the domain generates to train and measure its image models
    /// (`porttwin dataset <name>`); none by default.
    const DATASETS: &'static [ImageDataset] = &[];

    /// Names of the sources whose agents the section says are this domain's.
    fn claimed_sources(section: &Self::Section) -> Vec<String> {
        let _ = section;
        Vec::new()
    }

    /// The validated part of the scenario the domain runs from.
    type Model: DomainModel + 'static;

    /// Checks the domain's section and the stages' checks of this domain, returning its model.
    fn validate(v: &mut DomainValidation, section: Option<&Self::Section>, checks: &[(StageId, &Self::Check)]) -> Self::Model;

    /// The domain's state for a run of `scenario` with `seed`, as domain `id`; fails when a
    /// model it needs cannot be loaded.
    fn start(model: &Self::Model, scenario: &Arc<Scenario>, id: DomainId, seed: u64) -> Result<Box<dyn DomainRun>, RunError>;

    /// The domain's summary section (as `summary.json` holds it) for the CLI table, the HTML
    /// report and the viewer's panel; `None` if the section does not read as this domain's.
    fn present(section: &Value) -> Option<Section>;

    /// The contraband classes its agents can carry (the names [`Domain::seizures`] uses).
    const CLASSES: &'static [&'static str] = &[];

    /// Seizures by contraband class in the domain's summary section (for the value of
    /// seizures in the run's costs); none by default.
    fn seizures(section: &Value) -> Vec<(String, u64)> {
        let _ = section;
        Vec::new()
    }
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

impl DomainValidation<'_> {
    /// Refuses each of the domain's checks in `stages` (the scenario has no section for the
    /// domain, so they cannot be set up), at the stage's `check` field.
    pub fn refuse_checks_without_section(&mut self, stages: impl Iterator<Item = StageId>, message: &str, hint: &str) {
        for stage in stages {
            self.checker
                .error(format!("routing.{}.check", self.stages[stage].name), message, Some(hint));
        }
    }
}

/// A labelled image dataset a domain generates (`porttwin dataset <name>`): sample `i` of a
/// seed is always the same, whatever the size of the set.
#[derive(Debug, Clone, Copy)]
pub struct ImageDataset {
    /// The name `porttwin dataset` takes (unique across domains and the built-in kinds).
    pub name: &'static str,
    /// What it holds, as `porttwin dataset --help` shows it.
    pub about: &'static str,
    /// The header of `labels.csv`.
    pub header: &'static str,
    /// Pixels of one image.
    pub pixels: usize,
    /// Sample `index` of the set seeded by `seed`.
    pub sample: fn(seed: u64, index: usize) -> LabelledScan,
}

/// One sample of an [`ImageDataset`].
#[derive(Debug, Clone)]
pub struct LabelledScan {
    /// The scan.
    pub image: ScanImage,
    /// Its row of `labels.csv` (fields as the dataset's header names them).
    pub row: String,
    /// The boxes of its concealed items (`objects.csv`).
    pub objects: Vec<Placed>,
}
