//! Collaborative robots that assist a pool's officers, with batteries and charging.

use crate::scenario::model::Robots;
use crate::sim::time::SimTime;

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Robot {
    /// Assistance time left on the battery.
    battery_left: SimTime,
    /// Charging until then (a full battery afterwards).
    charging_until: SimTime,
    busy: bool,
}

/// A pool's robot fleet.
#[derive(Debug, Clone)]
pub struct RobotFleet {
    spec: Robots,
    robots: Vec<Robot>,
    /// Services assisted so far.
    pub assists: u64,
    /// Time spent assisting.
    pub assisting: SimTime,
    /// Time spent charging (counted when a charge starts).
    pub charging: SimTime,
}

impl RobotFleet {
    /// A fleet with full batteries.
    pub fn new(spec: Robots) -> Self {
        let robot = Robot {
            battery_left: spec.battery,
            charging_until: SimTime::ZERO,
            busy: false,
        };
        Self {
            spec,
            robots: vec![robot; spec.count as usize],
            assists: 0,
            assisting: SimTime::ZERO,
            charging: SimTime::ZERO,
        }
    }

    /// Service-time factor with a robot.
    pub fn time_factor(&self) -> f64 {
        self.spec.time_factor
    }

    /// Takes the first idle, charged robot, if any.
    pub fn assign(&mut self, now: SimTime) -> Option<u16> {
        let battery = self.spec.battery;
        let (index, robot) = self
            .robots
            .iter_mut()
            .enumerate()
            .find(|(_, r)| !r.busy && r.charging_until <= now)?;
        if robot.battery_left == SimTime::ZERO {
            robot.battery_left = battery;
        }
        robot.busy = true;
        self.assists += 1;
        Some(index as u16)
    }

    /// The robot finished assisting for `duration`; it goes to charge when its battery is spent.
    pub fn release(&mut self, robot: u16, duration: SimTime, now: SimTime) {
        let recharge = self.spec.recharge;
        let Some(r) = self.robots.get_mut(robot as usize) else { return };
        r.busy = false;
        r.battery_left = r.battery_left - duration;
        self.assisting = self.assisting + duration;
        if r.battery_left == SimTime::ZERO {
            r.charging_until = now + recharge;
            self.charging = self.charging + recharge;
        }
    }

    /// Number of robots.
    pub fn count(&self) -> u32 {
        self.spec.count
    }
}

/// A fleet's state as a snapshot saves it (the specification stays the scenario's).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FleetState {
    robots: Vec<Robot>,
    assists: u64,
    assisting: SimTime,
    charging: SimTime,
}

impl RobotFleet {
    /// The state to save.
    pub fn save(&self) -> FleetState {
        FleetState {
            robots: self.robots.clone(),
            assists: self.assists,
            assisting: self.assisting,
            charging: self.charging,
        }
    }

    /// Continues from a saved state; refused when the fleet's size differs.
    pub fn resume(&mut self, state: FleetState) -> Result<(), String> {
        if state.robots.len() != self.robots.len() {
            return Err(format!(
                "the snapshot has {} robots, the scenario {}",
                state.robots.len(),
                self.robots.len()
            ));
        }
        self.robots = state.robots;
        self.assists = state.assists;
        self.assisting = state.assisting;
        self.charging = state.charging;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_robot_charges_before_assisting_again() {
        let spec = Robots {
            count: 1,
            time_factor: 0.7,
            battery: SimTime(100),
            recharge: SimTime(50),
        };
        let mut fleet = RobotFleet::new(spec);
        let r = fleet.assign(SimTime(0)).unwrap();
        assert_eq!(fleet.assign(SimTime(0)), None, "busy");
        fleet.release(r, SimTime(60), SimTime(60));
        let r = fleet.assign(SimTime(60)).unwrap();
        fleet.release(r, SimTime(60), SimTime(120));
        assert_eq!(fleet.assign(SimTime(150)), None, "charging until 170");
        assert_eq!(fleet.assign(SimTime(170)), Some(0));
        assert_eq!(fleet.assists, 3);
        assert_eq!(fleet.charging, SimTime(50));
    }
}
