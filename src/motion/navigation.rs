//! Navigation: which floor field leads a pedestrian where it is going, built
//! the first time someone needs it and kept for the run.

use std::collections::BTreeMap;

use super::floor_field::FloorField;
use super::geometry::{Vec2, contains};
use super::grid::Grid;
use crate::scenario::layout::{Layout, Place};
use crate::scenario::model::StageId;

/// A destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Destination {
    /// Where pedestrians come to a stage: the head of its queue, its waypoint, or its first server.
    Stage(StageId),
    /// The entrance of a stage's serpentine.
    QueueEntry(StageId),
    /// One server's position.
    Server(StageId, u32),
    /// Any exit.
    Exit,
}

/// The navigation grid and the fields built on it.
pub struct Navigator {
    /// The floor as cells.
    pub grid: Grid,
    fields: Vec<FloorField>,
    index: BTreeMap<Destination, usize>,
}

impl Navigator {
    /// The grid of a layout; cells are free where a body of `clearance` metres fits.
    pub fn new(layout: &Layout, clearance: f32) -> Self {
        Self {
            grid: Grid::new(layout, clearance),
            fields: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    /// The point a destination stands for (none for exits, which are areas).
    pub fn point(layout: &Layout, destination: Destination) -> Option<Vec2> {
        match destination {
            Destination::Stage(stage) => layout.places[stage].arrival_point(),
            Destination::QueueEntry(stage) => match &layout.places[stage] {
                Place::Desks { queue: Some(q), .. } => Some(q.path.points[0]),
                _ => None,
            },
            Destination::Server(stage, server) => match &layout.places[stage] {
                Place::Desks { service_points, .. } => Some(service_points[server as usize % service_points.len()]),
                _ => None,
            },
            Destination::Exit => None,
        }
    }

    /// The field leading to `destination`, building it on first use.
    pub fn field(&mut self, layout: &Layout, destination: Destination) -> usize {
        if let Some(&f) = self.index.get(&destination) {
            return f;
        }
        let field = match Self::point(layout, destination) {
            Some(p) => FloorField::new(&self.grid, &[p], |_| false),
            None => FloorField::new(&self.grid, &[], |q| layout.exits.iter().any(|e| contains(e, q))),
        };
        self.fields.push(field);
        self.index.insert(destination, self.fields.len() - 1);
        self.fields.len() - 1
    }

    /// A field built before.
    pub fn get(&self, field: usize) -> &FloorField {
        &self.fields[field]
    }
}
