//! Portal passages reported to the network: a truck that left a scanner portal's sensor this
//! tick is handed to its domain (which scans it, for cargo: drive-through scanning upon passing).

use bevy::ecs::message::MessageReader;
use bevy::ecs::prelude::*;

use super::physics::PortalPassed;
use crate::sim::{Metrics, Network, RunFailure};

/// Tells the network of every portal passed this tick.
pub fn report_portal_passages(
    mut network: ResMut<Network>,
    mut metrics: ResMut<Metrics>,
    mut failure: ResMut<RunFailure>,
    mut passed: MessageReader<PortalPassed>,
) {
    for passage in passed.read() {
        if failure.0.is_some() {
            return;
        }
        if let Err(error) = network.0.passed_portal(passage.truck, &mut metrics.0) {
            failure.0 = Some(error);
        }
    }
}
