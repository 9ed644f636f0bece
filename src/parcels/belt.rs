//! The belt X-ray's image reading: each parcel's scan is rendered from its true contents
//! (stream `parcels/xray/<index>`) and read by the image model. Scans of consecutive parcels
//! (by arrival) are read in batches of the scenario's size, as a screening workstation reads
//! the images queued on its belt; a parcel's verdict depends on its own scan only (the batch
//! size changes how often the model runs, not what it is shown). A batch's verdicts are kept
//! until each of its parcels has passed the X-ray, since parcels reach it out of order.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::item::{ParcelItem, ParcelStream};
use super::xray::belt_settings;
use crate::detect::{Detector, DetectionMetrics, ScanImage, ThreatSet, Verdict};
use crate::sim::rng::stream;

/// A belt's state in a snapshot.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BeltState {
    seed: u64,
    blocks: BTreeMap<u64, (Vec<Verdict>, usize)>,
    metrics: DetectionMetrics,
}

/// The image reading of a run.
#[derive(Debug)]
pub struct Belt {
    detector: Detector,
    batch: usize,
    seed: u64,
    stream: ParcelStream,
    /// Batches read whose parcels have not all passed: by first index, the verdicts and how
    /// many parcels are still to come.
    blocks: BTreeMap<u64, (Vec<Verdict>, usize)>,
    /// Wall-clock time spent rendering scans (never part of a digest).
    pub render_time: Duration,
}

impl Belt {
    /// A belt reading with `detector`, `batch` images per inference, for the parcels of `stream`.
    pub fn new(detector: Detector, batch: usize, seed: u64, stream: ParcelStream) -> Self {
        Self {
            detector,
            batch: batch.max(1),
            seed,
            stream,
            blocks: BTreeMap::new(),
            render_time: Duration::ZERO,
        }
    }

    /// The scan of `item` (stream `parcels/xray/<index>`).
    pub fn render(&mut self, item: &ParcelItem) -> ScanImage {
        let start = Instant::now();
        let mut rng = stream(self.seed, &format!("parcels/xray/{}", item.index));
        let scanner = belt_settings(&mut rng);
        let image = item.content.render(&scanner, &mut rng).0;
        self.render_time += start.elapsed();
        image
    }

    /// The verdict on `item`'s scan, counted against its truth; `staged` items (whose contents
    /// an incident changed) are read on their own.
    pub fn read(&mut self, item: &ParcelItem, staged: bool) -> Result<Verdict, String> {
        let verdict = if staged {
            let image = self.render(item);
            let scores = self.detector.score(&[&image]).map_err(|e| e.to_string())?;
            self.detector.decide(&scores[0], Some(item.ead.declared_goods))
        } else {
            self.read_block(item)?
        };
        let truth: ThreatSet = item.content.hidden.into_iter().collect::<ThreatSet>();
        self.detector.record(&verdict, truth, item.misdeclared());
        Ok(verdict)
    }

    fn read_block(&mut self, item: &ParcelItem) -> Result<Verdict, String> {
        let first = item.index / self.batch as u64 * self.batch as u64;
        if !self.blocks.contains_key(&first) {
            let items: Vec<ParcelItem> = (first..first + self.batch as u64)
                .map(|i| if i == item.index { *item } else { ParcelItem::draw(self.seed, i, &self.stream) })
                .collect();
            let images: Vec<ScanImage> = items.iter().map(|i| self.render(i)).collect();
            let refs: Vec<&ScanImage> = images.iter().collect();
            let scores = self.detector.score(&refs).map_err(|e| e.to_string())?;
            let verdicts = items
                .iter()
                .zip(&scores)
                .map(|(i, s)| self.detector.decide(s, Some(i.ead.declared_goods)))
                .collect();
            self.blocks.insert(first, (verdicts, self.batch));
        }
        let (verdicts, remaining) = self.blocks.get_mut(&first).expect("the block was just read");
        let verdict = verdicts[(item.index - first) as usize];
        *remaining -= 1;
        if *remaining == 0 {
            self.blocks.remove(&first);
        }
        Ok(verdict)
    }

    /// What a snapshot saves: the seed of the scans to come, the batches read whose parcels have not all passed, and the image
    /// model's tally (the model, thresholds and batch come from the scenario).
    pub fn save(&self) -> BeltState {
        BeltState {
            seed: self.seed,
            blocks: self.blocks.clone(),
            metrics: self.detector.metrics.clone(),
        }
    }

    /// Continues from a saved state.
    pub fn resume(&mut self, state: BeltState) {
        self.seed = state.seed;
        self.blocks = state.blocks;
        self.detector.metrics = state.metrics;
    }

    /// Scans of parcels not yet read are rendered under `seed` (a forecast's future).
    pub fn reseed(&mut self, seed: u64) {
        self.seed = seed;
    }

    /// The image model's tally (verdicts counted against the truth, inferences, time).
    pub fn metrics(&self) -> &DetectionMetrics {
        &self.detector.metrics
    }
}
