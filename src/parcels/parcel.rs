//! A parcel in the mail centre: its advance data and truth, its assessment, and what the
//! belt X-ray, officers and the documents desk have done to it so far.

use rand::RngExt;

use super::classes::ParcelClass;
use super::item::ParcelItem;
use super::targeting::Assessment;
use crate::sim::rng::{AgentRng, mix64, stream_seed};

/// How a parcel leaves customs control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Released to the recipient.
    Released,
    /// Held: documents or duty on its real value are awaited.
    Held,
    /// Seized.
    Seized,
}

impl Outcome {
    /// Every outcome, in summary order.
    pub const ALL: [Outcome; 3] = [Outcome::Released, Outcome::Held, Outcome::Seized];

    /// The key in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Released => "released",
            Outcome::Held => "held",
            Outcome::Seized => "seized",
        }
    }
}

/// A parcel's record while it is in the mail centre.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Parcel {
    /// Advance data, truth, contents.
    pub item: ParcelItem,
    /// Its contents were changed by a staged incident (so its scan is not the stream's).
    pub staged: bool,
    /// The assessment of its advance data, once made.
    pub assessment: Option<Assessment>,
    /// The image model's latest verdict (`None`: not X-rayed).
    pub xray_alarm: Option<bool>,
    /// Times an officer opened it.
    pub opened: u32,
    /// What it carries was found.
    pub found: bool,
    /// Documents were asked for.
    pub documents_checked: bool,
    /// Held for documents or duty.
    pub held: bool,
    /// The opening in progress will find what it carries.
    pub pending_find: Option<bool>,
    /// Draws of the officers and the documents desk: its own stream.
    pub rng: AgentRng,
}

impl Parcel {
    /// A parcel just arrived.
    pub fn new(seed: u64, item: ParcelItem) -> Self {
        Self {
            rng: AgentRng::new(mix64(stream_seed(seed, "parcels/checks") ^ item.index)),
            item,
            staged: false,
            assessment: None,
            xray_alarm: None,
            opened: 0,
            found: false,
            documents_checked: false,
            held: false,
            pending_find: None,
        }
    }

    /// What it carries, if anything.
    pub fn class(&self) -> Option<ParcelClass> {
        self.item.truth.class
    }

    /// Draws whether the opening starting now finds what the parcel carries; returns the
    /// service-time factor (a finding takes `found_time_factor` times longer).
    pub fn start_opening(&mut self, find_probability: f64, found_time_factor: f64) -> f64 {
        let u: f64 = self.rng.random();
        let finds = self.class().is_some() && u < find_probability;
        self.pending_find = Some(finds);
        if finds { found_time_factor } else { 1.0 }
    }

    /// How it leaves, as things stand.
    pub fn outcome(&self) -> Outcome {
        match self.class() {
            Some(class) if self.found && class.seized_when_found() => Outcome::Seized,
            _ if self.held => Outcome::Held,
            _ => Outcome::Released,
        }
    }
}
