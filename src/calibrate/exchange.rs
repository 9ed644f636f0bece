//! Sharding a calibration over machines that share a folder. ABC-SMC is sequential — each
//! generation proposes from the one before — so its shards cannot run apart and be merged
//! afterwards as a sweep's are. Instead every shard runs the same deterministic sampler in
//! lockstep: of each batch of simulations, shard `i` of `n` runs the jobs whose place in the
//! batch is `i` modulo `n`, publishes their statistics in the exchange folder, and reads the
//! other shards' before it goes on. Every shard so holds every batch's results in job order and
//! reaches the same posterior, bit for bit the unsharded one.
//!
//! A shard that is killed and started again finds the batches it already published and reuses
//! them, so it catches up without rerunning; a shard that never publishes stops the others after
//! the wait limit with an error naming it, instead of a hang. Files carry a fingerprint of the
//! calibration (spec, base scenario, observed statistics, shard count, porttwin version): an
//! exchange folder left by another calibration is refused.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::abc::Job;
use super::error::CalibrateError;
use super::spec::CalibrationSpec;
use crate::sweep::Shard;

/// How often a shard looks for the others' results.
const POLL: Duration = Duration::from_millis(200);

/// One shard's lockstep link to the others.
#[derive(Debug)]
pub struct Exchange {
    dir: PathBuf,
    shard: Shard,
    fingerprint: String,
    wait: Duration,
    batch: usize,
}

/// What a shard publishes for one batch.
#[derive(Debug, Serialize, Deserialize)]
struct Published {
    fingerprint: String,
    shard: u32,
    count: u32,
    /// Its jobs: place in the batch, seed, statistics as `f64::to_bits` (exact through JSON).
    jobs: Vec<(usize, u64, Vec<u64>)>,
    /// Set when one of its runs failed: the others stop with it.
    error: Option<String>,
}

impl Exchange {
    /// The link of shard `shard` through folder `dir`, waiting at most `wait` for the others.
    pub fn new(dir: &Path, shard: Shard, spec: &CalibrationSpec, wait: Duration) -> Result<Exchange, CalibrateError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| CalibrateError::Read(format!("cannot create the exchange folder {}: {e}", dir.display())))?;
        Ok(Exchange {
            dir: dir.to_path_buf(),
            shard,
            fingerprint: fingerprint(spec, shard.count),
            wait,
            batch: 0,
        })
    }

    /// The statistics of every job of the next batch, in job order: this shard's share from
    /// `run` (given the jobs' places and the jobs) or from its earlier publication, the rest
    /// from the other shards.
    pub fn batch(
        &mut self,
        jobs: &[Job],
        run: impl FnOnce(&[(usize, &Job)]) -> Vec<Result<Vec<f64>, String>>,
    ) -> Result<Vec<Vec<f64>>, String> {
        let folder = self.dir.join(format!("batch-{:06}", self.batch));
        self.batch += 1;
        let mut results: Vec<Option<Vec<f64>>> = vec![None; jobs.len()];
        let own = folder.join(format!("shard-{}.json", self.shard.index));
        let published = match self.read(&own, jobs)? {
            Some(earlier) => earlier,
            None => {
                let mine: Vec<(usize, &Job)> = jobs.iter().enumerate().filter(|(i, _)| self.shard.contains(*i as u64)).collect();
                let outcomes = run(&mine);
                let error = outcomes.iter().find_map(|o| o.as_ref().err().cloned());
                let published = Published {
                    fingerprint: self.fingerprint.clone(),
                    shard: self.shard.index,
                    count: self.shard.count,
                    jobs: mine
                        .iter()
                        .zip(&outcomes)
                        .map(|((i, job), o)| {
                            let bits = o.as_ref().map_or_else(|_| Vec::new(), |s| s.iter().map(|v| v.to_bits()).collect());
                            (*i, job.seed, bits)
                        })
                        .collect(),
                    error,
                };
                let text = serde_json::to_vec(&published).map_err(|e| e.to_string())?;
                crate::report::output::write_atomic(&own, &text)
                    .map_err(|e| format!("cannot publish to the exchange folder {}: {e}", own.display()))?;
                published
            }
        };
        self.take(published, &mut results)?;
        let started = Instant::now();
        let mut missing: Vec<u32> = (0..self.shard.count).filter(|s| *s != self.shard.index).collect();
        while !missing.is_empty() {
            let mut still = Vec::new();
            for other in missing {
                match self.read(&folder.join(format!("shard-{other}.json")), jobs)? {
                    Some(published) => self.take(published, &mut results)?,
                    None => still.push(other),
                }
            }
            missing = still;
            if missing.is_empty() {
                break;
            }
            if started.elapsed() > self.wait {
                let names: Vec<String> = missing.iter().map(|s| format!("{s}/{}", self.shard.count)).collect();
                return Err(format!(
                    "shard {} did not publish batch {} in {} within {} s: is it running?",
                    names.join(", "),
                    self.batch - 1,
                    folder.display(),
                    self.wait.as_secs()
                ));
            }
            std::thread::sleep(POLL);
        }
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| r.ok_or_else(|| format!("no shard published job {i} of batch {}", self.batch - 1)))
            .collect()
    }

    /// Reads a shard's publication for this batch, if it is there yet, checking that it belongs
    /// to this calibration and to these jobs.
    fn read(&self, path: &Path, jobs: &[Job]) -> Result<Option<Published>, String> {
        let Ok(bytes) = std::fs::read(path) else {
            return Ok(None);
        };
        let published: Published =
            serde_json::from_slice(&bytes).map_err(|e| format!("{} is not a shard's publication: {e}", path.display()))?;
        if published.fingerprint != self.fingerprint {
            return Err(format!(
                "{} belongs to another calibration (another spec, base scenario, observed log, shard count or porttwin version): give each calibration its own exchange folder",
                path.display()
            ));
        }
        if published
            .jobs
            .iter()
            .any(|(i, seed, _)| jobs.get(*i).is_none_or(|j| j.seed != *seed))
        {
            return Err(format!(
                "{} holds other jobs than this batch's: the exchange folder is out of step",
                path.display()
            ));
        }
        Ok(Some(published))
    }

    /// Puts a publication's statistics in their places, or passes on its failure.
    fn take(&self, published: Published, results: &mut [Option<Vec<f64>>]) -> Result<(), String> {
        if let Some(error) = published.error {
            return Err(format!("shard {}/{}: {error}", published.shard, published.count));
        }
        for (i, _, bits) in published.jobs {
            results[i] = Some(bits.into_iter().map(f64::from_bits).collect());
        }
        Ok(())
    }
}

/// A hash of everything that decides a calibration's runs and their order.
fn fingerprint(spec: &CalibrationSpec, shards: u32) -> String {
    let mut hash = Sha256::new();
    let mut field = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    field(spec.base_text.as_bytes());
    for p in &spec.parameters {
        field(p.path.as_bytes());
        field(p.template.as_bytes());
        field(format!("{:?}", p.prior).as_bytes());
    }
    for (name, value) in spec.statistics.iter().zip(&spec.observed_statistics) {
        field(name.as_bytes());
        field(&value.to_bits().to_le_bytes());
    }
    for n in [spec.particles, spec.generations, spec.max_runs, shards as usize] {
        field(&(n as u64).to_le_bytes());
    }
    field(&spec.quantile.to_bits().to_le_bytes());
    field(&spec.seed.to_le_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
