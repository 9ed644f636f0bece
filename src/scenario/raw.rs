//! Raw scenario types: a faithful serde mirror of the `.ron` file.
//!
//! Nothing here is checked beyond what serde enforces (field names and
//! types). [`crate::scenario::Scenario::from_raw`] turns a [`RawScenario`]
//! into the validated model the simulation runs.

use serde::{Deserialize, Serialize};

use super::ordered_map::OrderedMap;
pub use super::raw_check::RawCheck;
pub use super::raw_condition::RawCondition;

/// Defines [`RawScenario`]: the core sections, then each registered domain's section under
/// the key it was registered with (`screening`, `cargo`, …).
macro_rules! raw_scenario {
    ($($module:ident :: $domain:ident : $section:ident),* $(,)?) => {
        /// The whole scenario file.
        #[derive(Debug, Clone, Deserialize)]
        #[serde(rename = "Scenario", deny_unknown_fields)]
        pub struct RawScenario {
            /// Name, seed, duration and fidelity.
            pub meta: RawMeta,
            /// Traveller types with their shares and attributes.
            #[serde(default)]
            pub population: Vec<RawTravellerType>,
            /// Arrival sources.
            pub demand: Vec<RawSource>,
            /// Server pools by name.
            pub facilities: OrderedMap<RawPool>,
            /// Stages by name, connected by their `next` rules.
            pub routing: OrderedMap<RawStage>,
            /// Service-level targets to report against.
            #[serde(default)]
            pub targets: RawTargets,
            /// Journey segments measured from one stage to another, by name (docs/scenario.md).
            #[serde(default)]
            pub segments: OrderedMap<RawSegment>,
            /// The physical port (micro fidelity).
            #[serde(default)]
            pub layout: Option<super::raw_layout::RawLayout>,
            /// Staged incidents for training: surges, breakdowns, smugglers.
            #[serde(default)]
            pub incidents: Vec<super::raw_incidents::RawIncident>,
            /// What pools cost and consequences are worth (optional).
            #[serde(default)]
            pub costs: Option<super::raw_costs::RawCosts>,
            $(
                #[doc = concat!("The section of the `", stringify!($module), "` domain.")]
                #[serde(default)]
                pub $section: Option<<crate::$module::$domain as crate::domains::domain::Domain>::Section>,
            )*
        }
    };
}

crate::for_each_domain!(raw_scenario);

/// Run-level settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Short identifier, used for the default report folder.
    pub name: String,
    /// Free text shown in reports.
    #[serde(default)]
    pub description: String,
    /// Default seed (the CLI's `--seed` overrides it).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Simulated duration in hours.
    pub duration_h: f64,
    /// Motion time step in seconds (micro fidelity; flow ignores it).
    #[serde(default = "default_step")]
    pub step_s: f64,
    /// How agents move between stages.
    #[serde(default)]
    pub fidelity: RawFidelity,
    /// Keep running after `duration_h` until every agent has left.
    #[serde(default)]
    pub drain: bool,
}

fn default_seed() -> u64 {
    1
}

fn default_step() -> f64 {
    0.1
}

/// Motion fidelity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum RawFidelity {
    /// Agents jump between stages with walking times from distance and speed.
    #[default]
    Flow,
    /// Agents move continuously through the layout (needs a `layout`).
    Micro,
}

/// One traveller type of the population mix.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTravellerType {
    /// Type name, e.g. `"visitor"`.
    pub name: String,
    /// Share of arrivals, 0..=1; shares sum to 1.
    pub share: f64,
    /// Boolean attributes with the probability that a traveller of this type has them
    /// (or one probability for travellers carrying contraband and one for the others).
    #[serde(default)]
    pub attributes: OrderedMap<RawAttribute>,
    /// Probability that the traveller is a look-alike impostor using someone else's document.
    #[serde(default)]
    pub lookalike_fraud: f64,
    /// Mean number of checked bags (Poisson).
    #[serde(default)]
    pub checked_bags: f64,
    /// Probability of carrying each contraband class.
    #[serde(default)]
    pub contraband: OrderedMap<f64>,
    /// Walking speed in m/s (normal, truncated to 0.3..=2.5).
    #[serde(default)]
    pub walk_speed_mps: Option<RawSpeed>,
}

/// A normal walking-speed distribution.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpeed {
    /// Mean in m/s.
    pub mean: f64,
    /// Standard deviation in m/s.
    pub sd: f64,
}

/// One arrival source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Source name, e.g. `"road"` or `"ferry"`.
    pub name: String,
    /// Stage where its arrivals start.
    pub entry: String,
    /// When agents arrive.
    pub arrivals: RawArrivals,
    /// Population shares for this source, overriding the global ones.
    #[serde(default)]
    pub mix: Option<OrderedMap<f64>>,
    /// Stage where the checked bags of this source's travellers start (e.g. the unloading belt).
    #[serde(default)]
    pub bags_entry: Option<String>,
    /// Each arrival is a vehicle or a group (a car, a coach, a family) carrying occupants.
    #[serde(default)]
    pub occupants: Option<RawOccupants>,
}

/// The occupants of a source's vehicles or groups: how many, and of which types.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOccupants {
    /// Probability of each number of occupants, e.g. `{"1": 0.3, "2": 0.45, "4": 0.25}`.
    pub sizes: OrderedMap<f64>,
    /// Shares of the occupants' types (each occupant drawn on its own).
    pub types: OrderedMap<f64>,
}

/// Arrival pattern of a source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawArrivals {
    /// Poisson arrivals whose rate follows 24 hourly weights, repeated daily.
    Hourly {
        /// Expected arrivals per day.
        daily_total: f64,
        /// 24 relative weights, one per hour of the day.
        weights: Vec<f64>,
    },
    /// Explicit batches (flights, ferries, trains).
    Schedule {
        /// The batches.
        batches: Vec<RawBatch>,
        /// Repeat the schedule every day of a multi-day run.
        #[serde(default = "default_true")]
        daily: bool,
        /// How every batch may be late, part-full or cancelled (a batch's own replaces it).
        #[serde(default)]
        uncertainty: Option<RawUncertainty>,
    },
    /// The arrivals an event log recorded (docs/event-log.md), replayed.
    Trace {
        /// The log (JSON Lines), relative to the scenario file.
        file: String,
        /// The logged source whose arrivals to take (default: this source's name).
        #[serde(default)]
        source: Option<String>,
    },
}

fn default_true() -> bool {
    true
}

/// One batch of arrivals.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBatch {
    /// Time of day the first agent arrives, `"HH:MM"` or `"HH:MM:SS"`.
    pub at: String,
    /// Number of agents.
    pub count: i64,
    /// Minutes over which the batch's agents arrive (uniformly).
    #[serde(default)]
    pub spread_min: f64,
    /// Label shown in reports, e.g. a flight number.
    #[serde(default)]
    pub label: String,
    /// How this batch may be late, part-full or cancelled (replaces the schedule's).
    #[serde(default)]
    pub uncertainty: Option<RawUncertainty>,
}

/// How a scheduled batch (a flight, a ferry, a vessel call) departs from its plan; each
/// occurrence of a batch draws its own.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    /// Delay of the batch's first arrival after its scheduled time (seconds; any service-time
    /// distribution but `DriveThrough`); none: on time.
    #[serde(default)]
    pub delay: Option<RawService>,
    /// Share of the batch's `count` that comes; none: all of it.
    #[serde(default)]
    pub load_factor: Option<RawLoadFactor>,
    /// Probability that the batch is cancelled (none of it comes).
    #[serde(default)]
    pub cancel_p: f64,
    /// Drawn once per label and day and shared by every source's batch of that label that
    /// shares it too (the foot, car and truck waves of one sailing are late, part-full and
    /// cancelled together); false: each source draws its own.
    #[serde(default)]
    pub shared: bool,
}

/// The share of a batch that comes.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawLoadFactor {
    /// A Beta distribution given by its mean and standard deviation (0: always the mean).
    Beta {
        /// Mean share, in (0, 1].
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
}

/// A pool of identical servers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPool {
    /// Number of servers (when no roster is given).
    pub servers: i64,
    /// Staffed servers for each hour of the day (24 values), repeated daily.
    #[serde(default)]
    pub roster: Option<Vec<i64>>,
    /// Service-time distribution.
    pub service: RawService,
    /// Service-time distributions of particular traveller or vehicle types (by type name);
    /// other types take `service`.
    #[serde(default)]
    pub service_by_type: OrderedMap<RawService>,
    /// Queue discipline.
    #[serde(default)]
    pub discipline: RawDiscipline,
    /// Maximum number waiting; arrivals beyond it balk.
    #[serde(default)]
    pub capacity: Option<i64>,
    /// Machines serve here (e-gates, kiosks, scanners): their services are not "stops" with an officer.
    #[serde(default)]
    pub automated: bool,
    /// A vehicle or group is served occupant by occupant here (a passport booth): its service
    /// time is the sum of one draw per occupant, each of the occupant's type.
    #[serde(default)]
    pub per_occupant: bool,
    /// Collaborative robots assisting this pool's officers.
    #[serde(default)]
    pub robots: Option<RawRobots>,
    /// How the pool's servers break down (each server fails and is repaired on its own).
    #[serde(default)]
    pub breakdown: Option<RawBreakdown>,
}

/// A breakdown law per server: exponential times to failure and to repair.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreakdown {
    /// Mean time between failures of one server, hours.
    pub mtbf_h: f64,
    /// Mean time to repair, minutes.
    pub mttr_min: f64,
}

/// A fleet of collaborative robots assisting a pool.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRobots {
    /// Number of robots.
    pub count: i64,
    /// Service time with a robot, as a fraction of the time without.
    pub time_factor: f64,
    /// Minutes of assistance on a full battery.
    pub battery_min: f64,
    /// Minutes to recharge an empty battery.
    pub recharge_min: f64,
}

/// An attribute's probability: the same for everyone, or depending on whether the
/// traveller carries contraband (the hidden truth that screening tries to find).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum RawAttribute {
    /// Probability for every traveller of the type.
    Probability(f64),
    /// Probabilities for travellers without and with contraband.
    ByTruth {
        /// Probability when the traveller carries nothing illicit.
        clean: f64,
        /// Probability when the traveller carries contraband.
        risky: f64,
    },
}

/// Service-level targets the report checks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    /// Time from arrival to exit, per traveller type (or everyone).
    #[serde(default)]
    pub time_in_system: Vec<RawTarget>,
    /// Waiting time at a stage.
    #[serde(default)]
    pub wait: Vec<RawTarget>,
}

/// A journey segment: from reaching stage `from` (its queue) to the end of service at stage `to`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    /// Stage where the segment starts (when an agent reaches it).
    pub from: String,
    /// Stage where it ends (when the agent's service there ends).
    pub to: String,
}

/// "`share` of travellers (of `of`) within `within_min` minutes."
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// A traveller type (time in system; absent = every traveller, or every agent in a port
    /// without travellers) or a stage (waits).
    #[serde(default)]
    pub of: Option<String>,
    /// Minutes.
    pub within_min: f64,
    /// Required share, e.g. 0.95.
    pub share: f64,
}

/// Service-time distribution, in seconds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum RawService {
    /// Always the same time.
    Constant {
        /// Seconds.
        s: f64,
    },
    /// Exponential with the given mean.
    Exponential {
        /// Mean seconds.
        mean_s: f64,
    },
    /// Lognormal given by its mean and standard deviation (not of the log).
    LogNormal {
        /// Mean seconds.
        mean_s: f64,
        /// Standard deviation in seconds.
        sd_s: f64,
    },
    /// Triangular.
    Triangular {
        /// Minimum seconds.
        min_s: f64,
        /// Most likely seconds.
        mode_s: f64,
        /// Maximum seconds.
        max_s: f64,
    },
    /// A quantile table: (cumulative probability, seconds), linearly interpolated.
    Empirical {
        /// Points from probability 0 to 1.
        quantiles: Vec<(f64, f64)>,
    },
    /// A drive-through portal: trucks pass at `speed_kmh`, `spacing_m` apart (bumper to bumper
    /// plus the safety gap), so each occupies the portal for `spacing_m / speed` seconds.
    DriveThrough {
        /// Speed through the portal, km/h.
        speed_kmh: f64,
        /// Spacing between successive trucks, metres.
        spacing_m: f64,
    },
}

/// Order in which waiting agents are served.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub enum RawDiscipline {
    /// First in, first out.
    #[default]
    Fifo,
    /// Traveller types in priority order (first served first), FIFO within a type.
    Priority(Vec<String>),
}

/// A stage of the route graph.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    /// Pool that serves agents here; none for a pure decision point.
    #[serde(default)]
    pub pool: Option<String>,
    /// Walking distance from the previous stage, in metres.
    #[serde(default)]
    pub walk_m: f64,
    /// Fixed time to reach the stage, in seconds (added to walking; e.g. a belt's travel time).
    #[serde(default)]
    pub delay_s: f64,
    /// What the stage checks when its service ends (or when an agent reaches it, without a pool).
    #[serde(default)]
    pub check: Option<RawCheck>,
    /// Where agents go afterwards.
    pub next: RawNext,
    /// Where agents go when the pool's queue is full (default: they leave, balked).
    #[serde(default)]
    pub on_full: Option<String>,
}

/// Routing out of a stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub enum RawNext {
    /// Always to this stage (or `"exit"`).
    To(String),
    /// Random split with probabilities summing to 1.
    Split(Vec<RawSplitBranch>),
    /// The first branch whose condition holds.
    Choose(Vec<RawChooseBranch>),
}

/// One branch of a random split.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSplitBranch {
    /// Probability.
    pub p: f64,
    /// Target stage or `"exit"`.
    pub to: String,
}

/// One branch of a conditional choice.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawChooseBranch {
    /// Condition on the agent.
    pub when: RawCondition,
    /// Target stage or `"exit"`.
    pub to: String,
}
