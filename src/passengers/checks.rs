//! The checks a stage makes when its service ends: face verification and searches.

use crate::detect::ThreatClass;
use rand::RngExt;

use super::face::verify;
use super::outcomes::PassengerStats;
use crate::scenario::model::{Check, FLAG_FACE_REJECTED};
use crate::sim::agent::Agent;

/// Applies a stage's check to the agent just served.
pub fn apply(check: &Check, agent: &mut Agent, stats: &mut PassengerStats) {
    match check {
        Check::FaceMatch(params) => {
            let outcome = verify(agent.identity_seed, agent.face_attempts, agent.impostor, params);
            agent.face_attempts += 1;
            if agent.impostor {
                stats.impostor_attempts += 1;
                stats.false_accepts += outcome.accepted as u64;
            } else {
                stats.genuine_attempts += 1;
                stats.false_rejects += !outcome.accepted as u64;
            }
            if outcome.accepted {
                agent.attributes &= !(1 << FLAG_FACE_REJECTED);
            } else {
                agent.attributes |= 1 << FLAG_FACE_REJECTED;
            }
        }
        Check::Search { find_probability } => {
            let carried = agent.contraband;
            let mut found = 0u8;
            for class in ThreatClass::BAG.iter().filter(|c| carried & c.bit() != 0) {
                if agent.rng.random::<f64>() < *find_probability {
                    found |= class.bit();
                }
            }
            agent.contraband &= !found;
            agent.searched = true;
            stats.searched(carried, found);
        }
        // Reclaim holds agents at stages without a pool; the network handles it on arrival.
        // Bag scans need the stage's detector, which the network holds.
        Check::Reclaim | Check::BagScan(_) => {}
        // Cargo checks are applied by the cargo domain.
        Check::Cargo(_) => {}
    }
}
