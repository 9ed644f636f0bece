//! What micro fidelity measures on top of the shared KPIs: crowd density per
//! zone with Fruin's level of service, queue extents, portal scans and
//! lane spill-back.

use serde::{Deserialize, Serialize};

use crate::scenario::ordered_map::OrderedMap;

/// Fruin's levels of service, A (free) to F (jammed).
pub const LEVELS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

/// Which of Fruin's scales a density is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FruinScale {
    /// Walkways (Fruin 1971, table for corridors): persons per m² at the top of A..E.
    Walkway,
    /// Queueing areas.
    Queueing,
}

impl FruinScale {
    /// Level of service (index into [`LEVELS`]) at `density` persons per m².
    pub fn level(self, density: f64) -> usize {
        // Upper density limits of A..E, from Fruin's area per person (m²): walkway 3.25, 2.32, 1.39, 0.93, 0.46;
        // queueing 1.21, 0.93, 0.65, 0.28, 0.19.
        let limits = match self {
            FruinScale::Walkway => [1.0 / 3.25, 1.0 / 2.32, 1.0 / 1.39, 1.0 / 0.93, 1.0 / 0.46],
            FruinScale::Queueing => [1.0 / 1.21, 1.0 / 0.93, 1.0 / 0.65, 1.0 / 0.28, 1.0 / 0.19],
        };
        limits.iter().position(|&l| density <= l).unwrap_or(5)
    }
}

/// Density in one zone over the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneSummary {
    /// Floor area, m².
    pub area_m2: f64,
    /// Walkway or queueing scale.
    pub scale: String,
    /// Time-average density over the per-minute samples, persons/m².
    pub mean_density: f64,
    /// Highest density sampled, persons/m².
    pub peak_density: f64,
    /// Level of service at the peak.
    pub peak_level: String,
    /// Minutes sampled at each level of service, A to F.
    pub minutes_at_level: OrderedMap<u64>,
}

/// The longest a stage's line got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueExtent {
    /// Distance from the head of the line to the last person (or truck's rear) in it, metres.
    pub max_extent_m: f64,
}

/// Scans at one portal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalSummary {
    /// Trucks that drove through (one scan each).
    pub scans: u64,
}

/// Spill-back at one entrance lane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpillBackSummary {
    /// Trucks that found the queue reaching back to the lane's start and had to wait outside.
    pub trucks_held_outside: u64,
    /// When that first happened, seconds (null if never).
    pub first_at_s: Option<f64>,
    /// Most trucks waiting outside at once.
    pub max_waiting: u32,
}

/// The `micro` section of `summary.json` (absent in flow fidelity).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MicroSummary {
    /// Motion steps taken.
    pub steps: u64,
    /// Per zone (named zones, then `queue:<stage>` for each queue area).
    pub zones: OrderedMap<ZoneSummary>,
    /// Per stage with pedestrians or vehicles lining up.
    pub queues: OrderedMap<QueueExtent>,
    /// Per portal.
    pub portals: OrderedMap<PortalSummary>,
    /// Per entrance lane.
    pub lanes: OrderedMap<SpillBackSummary>,
    /// Set when the crowd locked and the run was ended (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gridlock: Option<GridlockSummary>,
}

/// A crowd that stopped for good: the run ended here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridlockSummary {
    /// When the run was ended, seconds.
    pub at_s: f64,
    /// Since when nobody had walked on (got 5 cm closer to where they were going within a second), seconds.
    pub still_since_s: f64,
    /// Pedestrians waiting to move (walking to a stage, a server or out).
    pub waiting: u64,
    /// Where the jam's front stood (the waiting pedestrian nearest its destination), metres.
    pub front: [f64; 2],
    /// The front's place: the smallest zone around it and the nearest exit or stage.
    pub place: String,
    /// One line for people.
    pub verdict: String,
}

/// Per-minute density per zone, for `density.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DensitySeries {
    /// Zone names, in column order.
    pub zones: Vec<String>,
    /// Sample times, seconds.
    pub time_s: Vec<u64>,
    /// Density per zone (outer index: zone), persons/m².
    pub density: Vec<Vec<f32>>,
}

impl DensitySeries {
    /// `time_s,<zone>.density,...` rows.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("time_s");
        for z in &self.zones {
            out.push_str(&format!(",{z}.density"));
        }
        out.push('\n');
        for (row, t) in self.time_s.iter().enumerate() {
            out.push_str(&t.to_string());
            for column in &self.density {
                out.push_str(&format!(",{:.3}", column[row]));
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fruin_levels() {
        assert_eq!(LEVELS[FruinScale::Walkway.level(0.1)], "A");
        assert_eq!(LEVELS[FruinScale::Walkway.level(0.9)], "D");
        assert_eq!(LEVELS[FruinScale::Walkway.level(3.0)], "F");
        assert_eq!(LEVELS[FruinScale::Queueing.level(0.9)], "B");
        assert_eq!(LEVELS[FruinScale::Queueing.level(6.0)], "F");
    }
}
