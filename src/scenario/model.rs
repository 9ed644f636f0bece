//! The validated scenario: what the simulation runs.
//!
//! Every name has been resolved to an index, every number checked.

use std::sync::Arc;

use super::domain_model::{DomainId, DomainModel};
use super::flags::Flags;
use crate::sim::time::SimTime;

/// Index of a traveller type in [`Population::types`].
pub type TypeId = usize;
/// Index of an attribute in [`Population::attributes`].
pub type AttrId = usize;
/// Index of a pool in [`Scenario::pools`].
pub type PoolId = usize;
/// Index of a stage in [`Scenario::stages`].
pub type StageId = usize;
/// Index of a source in [`Scenario::sources`].
pub type SourceId = usize;

/// A checked scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Run-level settings.
    pub meta: Meta,
    /// Traveller types and attributes.
    pub population: Population,
    /// Arrival sources.
    pub sources: Vec<Source>,
    /// Server pools.
    pub pools: Vec<Pool>,
    /// Stages of the route graph.
    pub stages: Vec<Stage>,
    /// Service-level targets.
    pub targets: Targets,
    /// Journey segments measured in every run.
    pub segments: Vec<Segment>,
    /// The physical port, when the scenario has one (always in micro fidelity).
    pub layout: Option<super::layout::Layout>,
    /// Staged incidents, by time.
    pub incidents: Vec<super::incident::Incident>,
    /// The attribute and flag bits.
    pub flags: Flags,
    /// The domains the scenario uses, by [`DomainId`], in registration order.
    pub domains: Vec<Arc<dyn DomainModel>>,
    /// The domain whose agents each source brings, by source id.
    pub source_domain: Vec<DomainId>,
    /// What pools cost and consequences are worth, when the scenario says.
    pub costs: Option<super::costs::Costs>,
    /// A forced replay: the logged staffing and breakdowns, applied instead of the rosters
    /// and breakdown laws.
    pub forced: Option<Arc<super::trace::Forced>>,
}

/// Run-level settings.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Short identifier.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Default seed.
    pub seed: u64,
    /// Simulated duration.
    pub duration: SimTime,
    /// Motion time step.
    pub step: SimTime,
    /// How agents move.
    pub fidelity: Fidelity,
    /// Keep running after `duration` until every agent has left.
    pub drain: bool,
}

/// How agents move between stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fidelity {
    /// Walking times from distance and speed; no positions.
    Flow,
    /// Continuous motion through the layout: pedestrians and vehicles with positions.
    Micro,
}

/// Traveller types and the attribute names they use.
#[derive(Debug, Clone)]
pub struct Population {
    /// Types with their shares.
    pub types: Vec<TravellerType>,
    /// Attribute names; an agent's attributes are a bit set over these.
    pub attributes: Vec<String>,
}

/// Probability of an attribute for agents without and with contraband.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttributeLaw {
    /// Probability when carrying nothing illicit.
    pub clean: f64,
    /// Probability when carrying contraband.
    pub risky: f64,
}

/// Service-level targets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// Time in system: (traveller type or everyone, limit, share).
    pub time_in_system: Vec<(Option<TypeId>, SimTime, f64)>,
    /// Waits: (stage, limit, share).
    pub wait: Vec<(StageId, SimTime, f64)>,
}

/// A journey segment: from an agent's arrival at stage `from` (its queue, or the stage itself
/// without a pool) to the end of its service at stage `to` (or its passing `to` without a pool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Name, e.g. `"passport"`.
    pub name: String,
    /// Stage where it starts.
    pub from: StageId,
    /// Stage where it ends.
    pub to: StageId,
}

/// One traveller type.
#[derive(Debug, Clone)]
pub struct TravellerType {
    /// Name.
    pub name: String,
    /// Share of arrivals (global mix).
    pub share: f64,
    /// Law of each attribute, by [`AttrId`].
    pub attributes: Vec<AttributeLaw>,
    /// Probability of being a look-alike impostor.
    pub lookalike_fraud: f64,
    /// Mean number of checked bags.
    pub checked_bags_mean: f64,
    /// Probability of carrying each contraband class, in [`crate::detect::ThreatClass::BAG`] order.
    pub contraband: [f64; 5],
    /// Mean walking speed in m/s.
    pub walk_speed_mean_mps: f64,
    /// Standard deviation of walking speed in m/s.
    pub walk_speed_sd_mps: f64,
}

/// One arrival source.
#[derive(Debug, Clone)]
pub struct Source {
    /// Name.
    pub name: String,
    /// First stage of its agents.
    pub entry: StageId,
    /// When agents arrive.
    pub arrivals: Arrivals,
    /// Type shares for this source, by [`TypeId`].
    pub mix: Vec<f64>,
    /// Where the checked bags of its travellers start.
    pub bags_entry: Option<StageId>,
    /// The occupants of its vehicles or groups, when each arrival carries some.
    pub occupants: Option<Occupants>,
}

/// The occupants of a source's vehicles or groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Occupants {
    /// Each number of occupants with its probability (sizes ascending, probabilities sum to 1).
    pub sizes: Vec<(u16, f64)>,
    /// Occupant type shares, by [`TypeId`].
    pub types: Vec<f64>,
}

impl Occupants {
    /// Mean number of occupants.
    pub fn mean(&self) -> f64 {
        self.sizes.iter().map(|&(n, p)| f64::from(n) * p).sum()
    }
}

/// Arrival pattern.
#[derive(Debug, Clone)]
pub enum Arrivals {
    /// Poisson with an hourly piecewise-constant rate, repeated daily.
    Hourly {
        /// Arrivals per second for each hour of the day.
        rate_per_s: [f64; 24],
    },
    /// Explicit batches.
    Schedule {
        /// Batches sorted by time.
        batches: Vec<Batch>,
        /// Repeat every day.
        daily: bool,
    },
    /// Arrivals recorded in an event log, replayed.
    Trace(Arc<super::trace::Trace>),
}

/// A batch of arrivals spread uniformly over a window.
#[derive(Debug, Clone)]
pub struct Batch {
    /// First arrival.
    pub at: SimTime,
    /// Agents in the batch.
    pub count: u32,
    /// Window over which they arrive.
    pub spread: SimTime,
    /// Label, e.g. a flight number.
    pub label: String,
    /// How it departs from its plan, if it may.
    pub uncertainty: Option<Uncertainty>,
}

/// How a scheduled batch may be late, part-full or cancelled (validated).
#[derive(Debug, Clone)]
pub struct Uncertainty {
    /// Delay of its first arrival after the scheduled time, if any.
    pub delay: Option<ServiceTime>,
    /// The share of its count that comes; none: all of it.
    pub load_factor: Option<LoadFactor>,
    /// Probability that it is cancelled.
    pub cancel_p: f64,
    /// Drawn per label and day, shared by every source's batch of that label with this set.
    pub shared: bool,
}

/// The share of a batch's count that comes (validated).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LoadFactor {
    /// Always this share.
    Fixed(f64),
    /// Beta(alpha, beta), from the mean and standard deviation given.
    Beta {
        /// First shape parameter.
        alpha: f64,
        /// Second shape parameter.
        beta: f64,
    },
}

/// A pool of identical servers.
#[derive(Debug, Clone)]
pub struct Pool {
    /// Name.
    pub name: String,
    /// Staffed servers for each hour of the day.
    pub roster: [u32; 24],
    /// Service-time distribution.
    pub service: ServiceTime,
    /// A type's own service-time distribution, by type id (`None`: `service`).
    pub service_by_type: Vec<Option<ServiceTime>>,
    /// Mean service time over the population's global mix, each type at its own
    /// distribution's mean: what capacity estimates (offered load, the fluid check) use.
    pub mean_service_s: f64,
    /// Queue discipline.
    pub discipline: Discipline,
    /// Maximum number waiting, if limited.
    pub capacity: Option<u32>,
    /// Machines serve here.
    pub automated: bool,
    /// Vehicles and groups are served occupant by occupant (one service draw per occupant).
    pub per_occupant: bool,
    /// Robots assisting the servers.
    pub robots: Option<Robots>,
    /// How its servers break down, if they do.
    pub breakdown: Option<Breakdown>,
}

/// A pool's breakdown law, per server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Breakdown {
    /// Mean time between failures, seconds.
    pub mtbf_s: f64,
    /// Mean time to repair, seconds.
    pub mttr_s: f64,
}

/// Robots assisting a pool.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Robots {
    /// Number of robots.
    pub count: u32,
    /// Service-time factor with a robot.
    pub time_factor: f64,
    /// Assistance time on a full battery.
    pub battery: SimTime,
    /// Time to recharge.
    pub recharge: SimTime,
}

impl Pool {
    /// Largest number of servers ever staffed.
    pub fn max_servers(&self) -> u32 {
        self.roster.iter().copied().max().unwrap_or(0)
    }

    /// The service-time distribution of agents of type `type_id` (`service_by_type`, else `service`).
    pub fn service_of(&self, type_id: usize) -> &ServiceTime {
        self.service_by_type.get(type_id).and_then(Option::as_ref).unwrap_or(&self.service)
    }
}

/// A service-time distribution in seconds.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceTime {
    /// Always `s`.
    Constant {
        /// Seconds.
        s: f64,
    },
    /// Exponential.
    Exponential {
        /// Mean seconds.
        mean_s: f64,
    },
    /// Lognormal with the given mean and standard deviation.
    LogNormal {
        /// Mean seconds.
        mean_s: f64,
        /// Standard deviation in seconds.
        sd_s: f64,
    },
    /// Triangular.
    Triangular {
        /// Minimum.
        min_s: f64,
        /// Mode.
        mode_s: f64,
        /// Maximum.
        max_s: f64,
    },
    /// Linear interpolation of a quantile table (probability, seconds), from p = 0 to p = 1.
    Empirical {
        /// The table.
        quantiles: Vec<(f64, f64)>,
    },
}

impl ServiceTime {
    /// Mean service time in seconds.
    pub fn mean_s(&self) -> f64 {
        match self {
            ServiceTime::Constant { s } => *s,
            ServiceTime::Exponential { mean_s } | ServiceTime::LogNormal { mean_s, .. } => *mean_s,
            ServiceTime::Triangular { min_s, mode_s, max_s } => (min_s + mode_s + max_s) / 3.0,
            ServiceTime::Empirical { quantiles } => quantiles.windows(2).map(|w| (w[1].0 - w[0].0) * (w[0].1 + w[1].1) / 2.0).sum(),
        }
    }
}

/// Order in which waiting agents are served.
#[derive(Debug, Clone, PartialEq)]
pub enum Discipline {
    /// First in, first out.
    Fifo,
    /// Priority class of each traveller type (0 = served first), FIFO within a class.
    Priority {
        /// Class by [`TypeId`].
        class_of_type: Vec<u8>,
        /// Number of classes.
        classes: u8,
    },
}

/// Where an agent goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Another stage.
    Stage(StageId),
    /// Leave the port.
    Exit,
}

/// A stage of the route graph.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Name.
    pub name: String,
    /// Pool that serves agents here.
    pub pool: Option<PoolId>,
    /// Walking distance to reach this stage, metres.
    pub walk_m: f64,
    /// Fixed time to reach this stage.
    pub delay: SimTime,
    /// The domain whose check the stage makes (the check itself belongs to the domain).
    pub check: Option<DomainId>,
    /// Routing afterwards.
    pub next: Next,
    /// Where agents go when the queue is full.
    pub on_full: Target,
}

/// Routing out of a stage.
#[derive(Debug, Clone)]
pub enum Next {
    /// Always to one target.
    To(Target),
    /// Random split; cumulative probabilities end at 1.
    Split(Vec<(f64, Target)>),
    /// First branch whose condition holds; the last is unconditional or covers everyone.
    Choose(Vec<(Condition, Target)>),
}

impl Next {
    /// Every target this rule can send agents to.
    pub fn targets(&self) -> Vec<Target> {
        match self {
            Next::To(t) => vec![*t],
            Next::Split(branches) => branches.iter().map(|(_, t)| *t).collect(),
            Next::Choose(branches) => branches.iter().map(|(_, t)| *t).collect(),
        }
    }
}

/// A condition on an agent.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Always true.
    Always,
    /// Has the attribute.
    Has(AttrId),
    /// Lacks the attribute.
    Lacks(AttrId),
    /// Is of the type.
    TypeIs(TypeId),
    /// All hold.
    All(Vec<Condition>),
    /// Any holds.
    Any(Vec<Condition>),
}

impl Condition {
    /// Evaluates the condition for an agent of `type_id` with attribute bits `attributes`.
    pub fn holds(&self, type_id: TypeId, attributes: u64) -> bool {
        match self {
            Condition::Always => true,
            Condition::Has(a) => attributes & (1 << a) != 0,
            Condition::Lacks(a) => attributes & (1 << a) == 0,
            Condition::TypeIs(t) => *t == type_id,
            Condition::All(cs) => cs.iter().all(|c| c.holds(type_id, attributes)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(type_id, attributes)),
        }
    }
}

impl Scenario {
    /// Index of the stage named `name`.
    pub fn stage_id(&self, name: &str) -> Option<StageId> {
        self.stages.iter().position(|s| s.name == name)
    }

    /// True when micro fidelity gives the stage a place agents move to (flow fidelity: never).
    pub fn is_placed(&self, stage: StageId) -> bool {
        self.layout
            .as_ref()
            .is_some_and(|l| !matches!(l.places[stage], super::layout::Place::Nowhere))
    }

    /// The domain of this name, if the scenario uses it.
    pub fn domain(&self, name: &str) -> Option<DomainId> {
        self.domains.iter().position(|d| d.name() == name).map(|d| d as DomainId)
    }

    /// Index of the pool named `name`.
    pub fn pool_id(&self, name: &str) -> Option<PoolId> {
        self.pools.iter().position(|p| p.name == name)
    }
}
