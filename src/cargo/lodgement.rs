//! Pre-arrival lodgement: declarations are lodged and targeted in blocks, the risk model
//! scoring each block in one batch, so an inspection budget holds exactly within a block.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::RngExt;

use super::consignment::{Lodged, TruthRates};
use crate::cargo::clearance::features::features;
use crate::cargo::clearance::lanes::LaneDecision;
use crate::cargo::clearance::targeting::{Draws, TargetingPolicy, assign_block};
use crate::detect::Model;
use crate::sim::rng::stream;

/// The lodgement desk of a run: the current block of declarations with their lanes.
#[derive(Debug)]
pub struct Lodgement {
    seed: u64,
    rates: TruthRates,
    policy: TargetingPolicy,
    risk_model: Option<Arc<Model>>,
    block: usize,
    current: Option<(u64, Vec<(Lodged, LaneDecision)>)>,
    /// Declarations the risk model scored.
    pub scored: u64,
    /// Wall-clock time in risk-model inference (never part of a digest).
    pub inference_time: Duration,
}

impl Lodgement {
    /// A desk targeting with `policy` in blocks of `block` declarations.
    pub fn new(seed: u64, rates: TruthRates, policy: TargetingPolicy, risk_model: Option<Arc<Model>>, block: usize) -> Self {
        Self {
            seed,
            rates,
            policy,
            risk_model,
            block: block.max(1),
            current: None,
            scored: 0,
            inference_time: Duration::ZERO,
        }
    }

    /// Declaration `index` with its lane (computing its block when first needed).
    pub fn take(&mut self, index: u64) -> Result<(Lodged, LaneDecision), String> {
        let block = index / self.block as u64;
        if self.current.as_ref().is_none_or(|(b, _)| *b != block) {
            let entries = self.lodge_block(block)?;
            self.current = Some((block, entries));
        }
        let (_, entries) = self.current.as_ref().expect("the block was just lodged");
        Ok(entries[(index % self.block as u64) as usize].clone())
    }

    fn lodge_block(&mut self, block: u64) -> Result<Vec<(Lodged, LaneDecision)>, String> {
        let first = block * self.block as u64;
        let lodged: Vec<Lodged> = (first..first + self.block as u64)
            .map(|i| Lodged::draw(self.seed, i, self.rates))
            .collect();
        let draws: Vec<Draws> = lodged
            .iter()
            .map(|l| {
                let mut rng = stream(self.seed, &format!("cargo/targeting/{}", l.index));
                Draws {
                    random: rng.random(),
                    officer: rng.random(),
                }
            })
            .collect();
        let declarations: Vec<_> = lodged.iter().map(|l| l.declaration.clone()).collect();
        let scores = match &self.risk_model {
            Some(model) => Some(score(model, &declarations, &mut self.inference_time)?),
            None => None,
        };
        self.scored += scores.as_ref().map_or(0, |s| s.len() as u64);
        let decisions = assign_block(&self.policy, &declarations, scores.as_deref(), &draws);
        Ok(lodged.into_iter().zip(decisions).collect())
    }
}

/// What a snapshot saves of the desk: the seed of the declarations to come, the current block
/// and the count scored (the policy and the risk model come from the scenario).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LodgementState {
    seed: u64,
    current: Option<(u64, Vec<(Lodged, LaneDecision)>)>,
    scored: u64,
}

impl Lodgement {
    /// The state to save.
    pub fn save(&self) -> LodgementState {
        LodgementState {
            seed: self.seed,
            current: self.current.clone(),
            scored: self.scored,
        }
    }

    /// Continues from a saved state.
    pub fn resume(&mut self, state: LodgementState) {
        self.seed = state.seed;
        self.current = state.current;
        self.scored = state.scored;
    }

    /// Declarations of blocks not yet lodged are drawn under `seed` (a forecast's future).
    pub fn reseed(&mut self, seed: u64) {
        self.seed = seed;
    }
}

/// Scores declarations with the risk model in one batch.
pub fn score(model: &Model, declarations: &[crate::cargo::clearance::Declaration], time: &mut Duration) -> Result<Vec<f32>, String> {
    let input: Vec<f32> = declarations.iter().flat_map(features).collect();
    let start = Instant::now();
    let outputs = model.run(&input, declarations.len()).map_err(|e| e.to_string())?;
    *time += start.elapsed();
    Ok((0..declarations.len()).map(|i| outputs.row(0, i)[0]).collect())
}
