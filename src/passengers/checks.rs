//! The checks a passenger stage makes when its service ends: face verification and searches.

use rand::RngExt;

use super::face::verify;
use super::model::FaceMatch;
use super::outcomes::PassengerStats;
use super::people::Traveller;
use crate::detect::ThreatClass;
use crate::sim::agent::Agent;

/// Verifies the face of `traveller` (agent `agent`); returns whether it was accepted.
pub(super) fn face_match(params: &FaceMatch, agent: &Agent, traveller: &mut Traveller, stats: &mut PassengerStats) -> bool {
    let outcome = verify(agent.seed, traveller.face_attempts, traveller.impostor, params);
    traveller.face_attempts += 1;
    if traveller.impostor {
        stats.impostor_attempts += 1;
        stats.false_accepts += outcome.accepted as u64;
    } else {
        stats.genuine_attempts += 1;
        stats.false_rejects += !outcome.accepted as u64;
    }
    outcome.accepted
}

/// Searches `traveller` (agent `agent`, whose journey stream draws the finds); returns what
/// was found (a [`ThreatClass`] bit set), which is seized.
pub(super) fn search(find_probability: f64, agent: &mut Agent, traveller: &mut Traveller, stats: &mut PassengerStats) -> u8 {
    let carried = traveller.contraband;
    let mut found = 0u8;
    for class in ThreatClass::BAG.iter().filter(|c| carried & c.bit() != 0) {
        if agent.rng.random::<f64>() < find_probability {
            found |= class.bit();
        }
    }
    traveller.contraband &= !found;
    traveller.searched = true;
    stats.searched(carried, found);
    found
}
