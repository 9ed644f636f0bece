//! A truck's consignment: its declaration, what the container truly holds, and what the
//! clearance chain has done to it so far.

use rand::RngExt;

use crate::cargo::clearance::declaration::{Declaration, Fraud, HiddenTruth, generate_with};
use crate::cargo::clearance::lanes::LaneDecision;
use crate::detect::classes::ThreatSet;
use crate::detect::synth::ContainerContent;
use crate::sim::rng::{AgentRng, Stream, mix64, stream, stream_seed};

/// Hidden-truth rates a scenario imposes on the generator.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TruthRates {
    /// Share of containers hiding contraband (`None`: the generator's rate).
    pub contraband: Option<f64>,
    /// Share of declarations misstating the goods (`None`: the generator's rate).
    pub misdeclaration: Option<f64>,
}

/// Attempts before giving up on drawing a declaration of the wanted kind (never reached in
/// practice: the rarest kind is drawn about once in a hundred).
const MAX_DRAWS: usize = 100_000;

/// One declaration as lodged: what it states and what it hides.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Lodged {
    /// Serial number of the truck among the run's trucks.
    pub index: u64,
    /// What the declaration states.
    pub declaration: Declaration,
    /// What it hides.
    pub truth: HiddenTruth,
    /// What the container holds, as a scanner sees it.
    pub content: ContainerContent,
}

impl Lodged {
    /// Declaration `index` under run seed `seed` (stream `cargo/declaration/<index>`): the kind of
    /// fraud is drawn first with the scenario's rates, then the generator is sampled until it
    /// gives a declaration of that kind, so features and truth stay as the generator links them.
    pub fn draw(seed: u64, index: u64, rates: TruthRates) -> Lodged {
        let mut rng = stream(seed, &format!("cargo/declaration/{index}"));
        let wanted = wanted_kind(&mut rng, rates);
        let mut drawn = generate_with(&mut rng);
        for _ in 1..MAX_DRAWS {
            if wanted.accepts(drawn.1.fraud) {
                break;
            }
            drawn = generate_with(&mut rng);
        }
        let (declaration, truth) = drawn;
        let fill = if rng.random_bool(0.3) {
            rng.random_range(0.3..0.8)
        } else {
            rng.random_range(0.9..=1.0)
        };
        let content = ContainerContent {
            goods: truth.goods,
            fill,
            threats: truth.contraband,
            difficulty: rng.random_range(0.0..=1.0),
        };
        Lodged {
            index,
            declaration,
            truth,
            content,
        }
    }

    /// Whether the declared goods differ from the real ones.
    pub fn misdeclared(&self) -> bool {
        self.declaration.goods != self.truth.goods
    }
}

/// The kind of declaration to draw.
#[derive(Debug, Clone, Copy)]
enum Wanted {
    Any,
    Exactly(Fraud),
    Neither { contraband: bool, misdescription: bool },
}

impl Wanted {
    fn accepts(self, fraud: Fraud) -> bool {
        match self {
            Wanted::Any => true,
            Wanted::Exactly(f) => fraud == f,
            Wanted::Neither {
                contraband,
                misdescription,
            } => !(contraband && fraud == Fraud::Contraband || misdescription && fraud == Fraud::Misdescription),
        }
    }
}

fn wanted_kind(rng: &mut Stream, rates: TruthRates) -> Wanted {
    if rates.contraband.is_none() && rates.misdeclaration.is_none() {
        return Wanted::Any;
    }
    let c = rates.contraband.unwrap_or(0.0);
    let m = rates.misdeclaration.unwrap_or(0.0);
    let u: f64 = rng.random();
    if rates.contraband.is_some() && u < c {
        Wanted::Exactly(Fraud::Contraband)
    } else if rates.misdeclaration.is_some() && u < c + m {
        Wanted::Exactly(Fraud::Misdescription)
    } else {
        Wanted::Neither {
            contraband: rates.contraband.is_some(),
            misdescription: rates.misdeclaration.is_some(),
        }
    }
}

/// Why contraband left the port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// Neither scanned nor inspected.
    NeverScanned,
    /// The image model cleared the scan (and no analyst saw it).
    ModelMissed,
    /// An analyst cleared the scan.
    AnalystMissed,
    /// Inspected, but not found.
    InspectionMissed,
    /// Flagged, but routing released it without an inspection.
    NotInspected,
}

/// A truck's consignment in the port.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Consignment {
    /// The declaration and its truth.
    pub lodged: Lodged,
    /// The lane targeting gave it.
    pub decision: LaneDecision,
    /// Whether the truck has passed its targeting stage.
    pub targeted: bool,
    /// Draws of the checks (analysts, inspections, audits): its own stream.
    pub rng: AgentRng,
    /// Scans so far.
    pub scans: u32,
    /// The image model's latest verdict (`None`: no model, or not scanned).
    pub model_alarm: Option<bool>,
    /// The latest analyst's verdict.
    pub review_alarm: Option<bool>,
    /// Physical or remote inspections so far.
    pub inspections: u32,
    /// Contraband found.
    pub found: ThreatSet,
    /// Fraud in the declaration (misdescription, undervaluation) found.
    pub fraud_found: bool,
    /// The inspection in progress will find: (threats, declaration fraud).
    pub pending_finding: Option<(ThreatSet, bool)>,
}

impl Consignment {
    /// A consignment just arrived with its lane decided.
    pub fn new(seed: u64, lodged: Lodged, decision: LaneDecision) -> Self {
        let rng = AgentRng::new(mix64(stream_seed(seed, "cargo/checks") ^ lodged.index));
        Self {
            lodged,
            decision,
            targeted: false,
            rng,
            scans: 0,
            model_alarm: None,
            review_alarm: None,
            inspections: 0,
            found: ThreatSet::NONE,
            fraud_found: false,
            pending_finding: None,
        }
    }

    /// Why contraband still aboard was not found.
    pub fn miss(&self) -> Miss {
        match (self.scans, self.model_alarm, self.review_alarm, self.inspections) {
            (_, _, _, n) if n > 0 => Miss::InspectionMissed,
            (0, _, _, _) => Miss::NeverScanned,
            (_, _, Some(false), _) => Miss::AnalystMissed,
            (_, Some(false), _, _) => Miss::ModelMissed,
            _ => Miss::NotInspected,
        }
    }
}
