//! Micro fidelity: a drive-through scan happens as the truck passes the portal's sensor.

use bevy::app::{App, Plugin, Update};
use bevy::ecs::message::MessageReader;
use bevy::ecs::prelude::*;

use crate::motion::physics::PortalPassed;
use crate::scenario::model_cargo::ScanKind;
use crate::sim::{Network, SimSystems};

/// Scans trucks upon passing a portal (added with the motion plugin when a micro scenario has cargo).
pub struct CargoPlugin;

impl Plugin for CargoPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, scan_on_passing.in_set(SimSystems::Clearance));
    }
}

/// Synthesises and scores the scan of every truck that left a portal's sensor this tick.
pub fn scan_on_passing(mut network: ResMut<Network>, mut passed: MessageReader<PortalPassed>) {
    for passage in passed.read() {
        network.0.scan_passing_truck(passage.truck, ScanKind::DriveThrough);
    }
}
