//! Checks `layout.pedestrians`: the model, and its parameters with each model's published
//! defaults where the layout leaves them out.

use super::Checker;
use crate::scenario::layout::{PedestrianModel, PedestrianModelKind};
use crate::scenario::raw_layout::{RawPedestrianModel, RawPedestrianModelKind};

/// One model's defaults.
struct Defaults {
    radius_m: f64,
    time_gap_s: f64,
    neighbour_strength: f64,
    neighbour_range_m: f64,
    wall_strength: f64,
    wall_range_m: f64,
}

/// The collision-free speed model, Tordeux, Chraibi and Seyfried (2016), with JuPedSim's
/// defaults (radius 0.2 m, T = 1 s, a = 8, D = 0.1 m; walls a = 5, D = 0.02 m).
const CFSM: Defaults = Defaults {
    radius_m: 0.2,
    time_gap_s: 1.0,
    neighbour_strength: 8.0,
    neighbour_range_m: 0.1,
    wall_strength: 5.0,
    wall_range_m: 0.02,
};

/// The anticipation velocity model, Xu, Chraibi and Seyfried (2021), as JuPedSim 1.4 ships
/// it: the collision-free speed model's repulsion with T = 1.06 s.
const AVM: Defaults = Defaults { time_gap_s: 1.06, ..CFSM };
const AVM_ANTICIPATION_TIME_S: f64 = 1.0;
const AVM_REACTION_TIME_S: f64 = 0.3;

/// The social force model, Helbing, Farkas and Vicsek (2000, Nature 407, 487), with the
/// parameters of its simulations: A = 2×10³ N and B = 0.08 m for neighbours and walls alike;
/// radius 0.3 m, the mean of its body diameters, drawn there uniformly from 0.5–0.7 m.
/// The time gap only paces serpentine lines (porttwin's 1-D rule), as for the other models.
const SFM: Defaults = Defaults {
    radius_m: 0.3,
    time_gap_s: 1.0,
    neighbour_strength: 2000.0,
    neighbour_range_m: 0.08,
    wall_strength: 2000.0,
    wall_range_m: 0.08,
};
/// Helbing, Farkas and Vicsek (2000): m = 80 kg.
const SFM_MASS_KG: f64 = 80.0;
/// Helbing, Farkas and Vicsek (2000): τ = 0.5 s.
const SFM_RELAXATION_TIME_S: f64 = 0.5;
/// Helbing, Farkas and Vicsek (2000): k = 1.2×10⁵ kg/s².
const SFM_BODY_FORCE: f64 = 1.2e5;
/// Helbing, Farkas and Vicsek (2000): κ = 2.4×10⁵ kg/(m·s).
const SFM_SLIDING_FRICTION: f64 = 2.4e5;

/// The validated pedestrian model of a layout.
pub(super) fn check(c: &mut Checker, raw: &RawPedestrianModel) -> PedestrianModel {
    let p = "layout.pedestrians";
    let (kind, defaults) = match raw.model {
        RawPedestrianModelKind::CollisionFreeSpeed => (PedestrianModelKind::CollisionFreeSpeed, CFSM),
        RawPedestrianModelKind::AnticipationVelocity => (PedestrianModelKind::AnticipationVelocity, AVM),
        RawPedestrianModelKind::SocialForce => (PedestrianModelKind::SocialForce, SFM),
    };
    let owned = [
        (
            "anticipation_time_s",
            raw.anticipation_time_s,
            PedestrianModelKind::AnticipationVelocity,
        ),
        ("reaction_time_s", raw.reaction_time_s, PedestrianModelKind::AnticipationVelocity),
        ("mass_kg", raw.mass_kg, PedestrianModelKind::SocialForce),
        ("relaxation_time_s", raw.relaxation_time_s, PedestrianModelKind::SocialForce),
        ("body_force", raw.body_force, PedestrianModelKind::SocialForce),
        ("sliding_friction", raw.sliding_friction, PedestrianModelKind::SocialForce),
    ];
    for (field, value, owner) in owned {
        if value.is_some() && kind != owner {
            c.error(
                format!("{p}.{field}"),
                format!("`{field}` belongs to the {}, but this layout uses the {}", name(owner), name(kind)),
                Some(&format!("add `model: {owner:?}` to `layout.pedestrians`, or remove the field")),
            );
        }
    }
    let radius = raw.radius_m.unwrap_or(defaults.radius_m);
    let time_gap = raw.time_gap_s.unwrap_or(defaults.time_gap_s);
    let neighbour_strength = raw.neighbour_strength.unwrap_or(defaults.neighbour_strength);
    let neighbour_range = raw.neighbour_range_m.unwrap_or(defaults.neighbour_range_m);
    let wall_strength = raw.wall_strength.unwrap_or(defaults.wall_strength);
    let wall_range = raw.wall_range_m.unwrap_or(defaults.wall_range_m);
    let anticipation = raw.anticipation_time_s.unwrap_or(AVM_ANTICIPATION_TIME_S);
    let reaction = raw.reaction_time_s.unwrap_or(AVM_REACTION_TIME_S);
    let mass = raw.mass_kg.unwrap_or(SFM_MASS_KG);
    let relaxation = raw.relaxation_time_s.unwrap_or(SFM_RELAXATION_TIME_S);
    let body_force = raw.body_force.unwrap_or(SFM_BODY_FORCE);
    let friction = raw.sliding_friction.unwrap_or(SFM_SLIDING_FRICTION);
    c.at_least(&format!("{p}.radius_m"), radius, 0.05, false, "a body radius");
    c.at_least(&format!("{p}.time_gap_s"), time_gap, 0.1, false, "the time gap");
    c.at_least(
        &format!("{p}.neighbour_strength"),
        neighbour_strength,
        0.0,
        false,
        "a repulsion strength",
    );
    c.at_least(&format!("{p}.neighbour_range_m"), neighbour_range, 0.0, true, "a repulsion range");
    c.at_least(&format!("{p}.wall_strength"), wall_strength, 0.0, false, "a repulsion strength");
    c.at_least(&format!("{p}.wall_range_m"), wall_range, 0.0, true, "a repulsion range");
    c.at_least(
        &format!("{p}.anticipation_time_s"),
        anticipation,
        0.0,
        false,
        "the anticipation time",
    );
    c.at_least(&format!("{p}.reaction_time_s"), reaction, 0.01, false, "the reaction time");
    c.at_least(&format!("{p}.mass_kg"), mass, 1.0, false, "a pedestrian's mass");
    c.at_least(&format!("{p}.relaxation_time_s"), relaxation, 0.05, false, "the relaxation time");
    c.at_least(&format!("{p}.body_force"), body_force, 0.0, false, "the body force constant");
    c.at_least(
        &format!("{p}.sliding_friction"),
        friction,
        0.0,
        false,
        "the sliding friction constant",
    );
    PedestrianModel {
        kind,
        radius_m: radius as f32,
        time_gap_s: time_gap as f32,
        neighbour_strength: neighbour_strength as f32,
        neighbour_range_m: neighbour_range as f32,
        wall_strength: wall_strength as f32,
        wall_range_m: wall_range as f32,
        anticipation_time_s: anticipation as f32,
        reaction_time_s: reaction as f32,
        mass_kg: mass as f32,
        relaxation_time_s: relaxation as f32,
        body_force: body_force as f32,
        sliding_friction: friction as f32,
    }
}

fn name(kind: PedestrianModelKind) -> &'static str {
    match kind {
        PedestrianModelKind::CollisionFreeSpeed => "collision-free speed model",
        PedestrianModelKind::AnticipationVelocity => "anticipation velocity model",
        PedestrianModelKind::SocialForce => "social force model",
    }
}
