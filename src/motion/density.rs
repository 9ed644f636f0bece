//! Crowd measurements: persons per m² in each zone every simulated minute
//! (with Fruin's level of service), and how far back each stage's line reaches.

use super::geometry::{Vec2, contains};
use super::pedestrians::{Pedestrians, Task};
use super::vehicles::{Drive, Vehicles};
use crate::metrics::micro::{DensitySeries, FruinScale, LEVELS, QueueExtent, ZoneSummary};
use crate::scenario::layout::{Layout, Place};
use crate::scenario::ordered_map::OrderedMap;
use crate::sim::time::{MS_PER_MIN, SimTime};

/// A measured area.
struct Area {
    name: String,
    polygon: Vec<Vec2>,
    area_m2: f32,
    scale: FruinScale,
    /// For a queue area: its stage (only pedestrians lined up there count).
    stage: Option<usize>,
}

/// Density samples and queue extents so far.
#[derive(bevy::prelude::Resource)]
pub struct Density {
    areas: Vec<Area>,
    series: DensitySeries,
    next_sample: SimTime,
    /// Longest line per stage, metres (None for stages nobody lines up at).
    max_extent: Vec<Option<f32>>,
}

impl Density {
    /// Zones of the layout, then one per queue area.
    pub fn new(layout: &Layout, stage_names: &[String]) -> Self {
        let mut areas: Vec<Area> = layout
            .zones
            .iter()
            .map(|z| Area {
                name: z.name.clone(),
                polygon: z.polygon.clone(),
                area_m2: z.area_m2,
                scale: FruinScale::Walkway,
                stage: None,
            })
            .collect();
        for (s, place) in layout.places.iter().enumerate() {
            if let Place::Desks { queue: Some(q), .. } = place {
                let outline = super::walls::barriers(&q.path, q.width_m);
                let half = outline.len() / 2;
                let mut polygon: Vec<Vec2> = outline[..half].iter().map(|s| s.a).collect();
                polygon.push(outline[half - 1].b);
                polygon.extend(outline[half..].iter().rev().map(|s| s.b));
                polygon.push(outline[half].a);
                areas.push(Area {
                    name: format!("queue:{}", stage_names[s]),
                    polygon,
                    area_m2: q.area_m2(),
                    scale: FruinScale::Queueing,
                    stage: Some(s),
                });
            }
        }
        let max_extent = layout
            .places
            .iter()
            .map(|p| matches!(p, Place::Desks { .. } | Place::Booths { .. }).then_some(0.0))
            .collect();
        Self {
            series: DensitySeries {
                zones: areas.iter().map(|a| a.name.clone()).collect(),
                time_s: Vec::new(),
                density: vec![Vec::new(); areas.len()],
            },
            areas,
            next_sample: SimTime::ZERO,
            max_extent,
        }
    }

    /// Takes the per-minute samples due up to `now`.
    pub fn sample(&mut self, now: SimTime, pedestrians: &Pedestrians) {
        while self.next_sample <= now {
            self.series.time_s.push(self.next_sample.0 / 1000);
            for (a, area) in self.areas.iter().enumerate() {
                let count = pedestrians
                    .crowd
                    .pos
                    .iter()
                    .zip(&pedestrians.walkers)
                    .filter(|(p, w)| area.stage.is_none_or(|s| w.task == Task::Queued(s)) && contains(&area.polygon, **p))
                    .count();
                self.series.density[a].push(count as f32 / area.area_m2.max(1e-6));
            }
            self.next_sample = SimTime(self.next_sample.0 + MS_PER_MIN);
        }
    }

    /// Updates the longest line of every stage from where people and trucks stand now.
    pub fn measure_queues(&mut self, layout: &Layout, pedestrians: &Pedestrians, vehicles: &Vehicles) {
        for (p, w) in pedestrians.crowd.pos.iter().zip(&pedestrians.walkers) {
            if let Task::Queued(stage) = w.task {
                let extent = match &layout.places[stage] {
                    Place::Desks { queue: Some(q), .. } => q.path.length() - q.path.project(*p),
                    place => place.arrival_point().map_or(0.0, |head| (*p - head).length()),
                };
                bump(&mut self.max_extent[stage], extent);
            }
        }
        for truck in &vehicles.trucks {
            if let Drive::Held(stage) = truck.drive
                && let Place::Booths { hold, .. } = &layout.places[stage]
            {
                let mut back = layout.vehicles.length_m;
                // Distance from the hold line back to this truck's rear, along its route.
                let mut offset = -truck.s;
                for &l in &truck.route {
                    if l == hold.lane {
                        back += offset + hold.at_m;
                        break;
                    }
                    offset += layout.lanes[l].path.length();
                }
                bump(&mut self.max_extent[stage], back);
            }
        }
    }

    /// Per-zone summaries and the series, and the queue extents by stage.
    pub fn finish(self, stage_names: &[String]) -> (OrderedMap<ZoneSummary>, OrderedMap<QueueExtent>, DensitySeries) {
        let zones = self
            .areas
            .iter()
            .zip(&self.series.density)
            .map(|(area, column)| {
                let mut minutes = [0u64; 6];
                for d in column {
                    minutes[area.scale.level(*d as f64)] += 1;
                }
                let peak = column.iter().copied().fold(0.0f32, f32::max) as f64;
                let mean = column.iter().map(|&d| d as f64).sum::<f64>() / column.len().max(1) as f64;
                let summary = ZoneSummary {
                    area_m2: area.area_m2 as f64,
                    scale: match area.scale {
                        FruinScale::Walkway => "walkway".into(),
                        FruinScale::Queueing => "queueing".into(),
                    },
                    mean_density: mean,
                    peak_density: peak,
                    peak_level: LEVELS[area.scale.level(peak)].into(),
                    minutes_at_level: OrderedMap(LEVELS.iter().zip(minutes).map(|(l, m)| (l.to_string(), m)).collect()),
                };
                (area.name.clone(), summary)
            })
            .collect();
        let queues = self
            .max_extent
            .iter()
            .enumerate()
            .filter_map(|(s, e)| e.map(|m| (stage_names[s].clone(), QueueExtent { max_extent_m: m as f64 })))
            .collect();
        (OrderedMap(zones), OrderedMap(queues), self.series)
    }
}

fn bump(slot: &mut Option<f32>, value: f32) {
    if let Some(v) = slot {
        *v = v.max(value);
    }
}
