//! Running a sweep into a folder: resume, shards, precision rounds, then statistics and the report.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::SweepError;
use super::kpi;
use super::plan::{PlanFile, Shard, SweepPlan};
use super::pool::run_jobs;
use super::rows::{RunLog, RunRow, Status};
use crate::stats::Estimate;
use crate::{RunOptions, Seed, run_headless};

/// How to run a sweep.
#[derive(Debug, Clone, Copy)]
pub struct SweepOptions {
    /// Worker threads, one run each at a time.
    pub workers: usize,
    /// Continue a sweep whose folder already holds runs.
    pub resume: bool,
    /// Run only this slice.
    pub shard: Option<Shard>,
}

/// What a progress display hears.
#[derive(Debug)]
pub enum Progress<'a> {
    /// Runs to do in this round, and runs already in the folder.
    Round {
        /// New runs this round.
        todo: usize,
        /// Runs found in the folder or done in earlier rounds.
        done: usize,
    },
    /// A run finished (or failed).
    Run(&'a RunRow),
}

/// What a sweep did.
#[derive(Debug, Clone)]
pub struct SweepOutcome {
    /// Every run in the folder, sorted by variant and replication.
    pub rows: Vec<RunRow>,
    /// Runs done by this call.
    pub ran: usize,
    /// Runs of this call that failed.
    pub failed: usize,
    /// Runs found in the folder and skipped.
    pub skipped: usize,
}

/// One job: replication `replication` of variant `variant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Job {
    variant: usize,
    replication: u32,
}

/// Runs the plan into `out` (`sweep.json`, `runs.csv`, `summary.csv`, `paired.csv`, `index.html`).
pub fn run(plan: &SweepPlan, out: &Path, options: &SweepOptions, progress: &mut dyn FnMut(Progress)) -> Result<SweepOutcome, SweepError> {
    let mut file = plan.file.clone();
    file.shard = options.shard;
    if file.precision.is_some() && options.shard.is_some() {
        return Err(SweepError::folder(
            out,
            "a precision target decides replications from all variants' results, so it cannot run sharded; drop --shard or the `precision` section",
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| SweepError::write(out, e))?;
    if let Ok(existing) = PlanFile::read(out)
        && (existing.fingerprint != file.fingerprint || existing.shard != file.shard)
    {
        return Err(SweepError::folder(
            out.join("sweep.json"),
            "this folder holds another sweep (or another shard); choose another --out",
        ));
    }
    let log_path = out.join("runs.csv");
    let (mut log, found) = RunLog::open(&log_path, &file.header(), options.resume)?;
    file.write(out)?;
    let mut rows: BTreeMap<Job, RunRow> = BTreeMap::new();
    for row in found {
        if let Some(variant) = file.variant_index(&row.variant) {
            rows.insert(
                Job {
                    variant,
                    replication: row.replication,
                },
                row,
            );
        }
    }
    let skipped = rows.len();
    let mut replications = vec![file.replications; file.variants.len()];
    let (mut ran, mut failed) = (0, 0);
    let mut write_error = None;
    loop {
        let jobs = pending(&file, &replications, &rows, options.shard);
        progress(Progress::Round {
            todo: jobs.len(),
            done: rows.len(),
        });
        run_jobs(
            &jobs,
            options.workers,
            |job| Ok(run_one(plan, &file, job)),
            |job, result| {
                let row = result.unwrap_or_else(|error| failed_row(&file, job, error));
                if write_error.is_none()
                    && let Err(e) = log.append(&row)
                {
                    write_error = Some(SweepError::write(&log_path, e));
                }
                ran += 1;
                failed += usize::from(row.status == Status::Failed);
                progress(Progress::Run(&row));
                rows.insert(*job, row);
            },
        );
        if let Some(e) = write_error {
            return Err(e);
        }
        if !extend(&file, &mut replications, &rows) {
            break;
        }
    }
    let rows: Vec<RunRow> = rows.into_values().collect();
    super::results::write(out, &file, &rows)?;
    Ok(SweepOutcome {
        rows,
        ran,
        failed,
        skipped,
    })
}

/// Runs the plan's replications of every variant in memory, without a folder; rows sorted by variant and replication.
pub fn run_in_memory(plan: &SweepPlan, workers: usize) -> Vec<RunRow> {
    let file = &plan.file;
    let jobs = pending(file, &vec![file.replications; file.variants.len()], &BTreeMap::new(), None);
    let mut rows = BTreeMap::new();
    run_jobs(
        &jobs,
        workers,
        |job| Ok(run_one(plan, file, job)),
        |job, result| {
            rows.insert(*job, result.unwrap_or_else(|error| failed_row(file, job, error)));
        },
    );
    rows.into_values().collect()
}

/// Jobs not yet in the folder, replication-major so that early results cover every variant.
fn pending(file: &PlanFile, replications: &[u32], rows: &BTreeMap<Job, RunRow>, shard: Option<Shard>) -> Vec<Job> {
    let variants = file.variants.len();
    let most = replications.iter().copied().max().unwrap_or(0);
    let mut jobs = Vec::new();
    for replication in 0..most {
        for (variant, &wanted) in replications.iter().enumerate() {
            let job = Job { variant, replication };
            let ordinal = super::plan::job_ordinal(variant, replication, variants);
            if replication < wanted && !rows.contains_key(&job) && shard.is_none_or(|s| s.contains(ordinal)) {
                jobs.push(job);
            }
        }
    }
    jobs
}

/// Under a precision target, raises the replications of variants whose CI is still too wide; false when none is.
fn extend(file: &PlanFile, replications: &mut [u32], rows: &BTreeMap<Job, RunRow>) -> bool {
    let Some(p) = file.precision else { return false };
    let mut more = false;
    for (variant, wanted) in replications.iter_mut().enumerate() {
        let values: Vec<f64> = rows
            .range(
                Job { variant, replication: 0 }..Job {
                    variant,
                    replication: *wanted,
                },
            )
            .filter(|(_, r)| r.status == Status::Ok)
            .map(|(_, r)| r.kpis[p.kpi])
            .collect();
        let e = Estimate::of(&values);
        if e.n >= 2 && e.half_width > p.half_width && *wanted < p.max_replications {
            let needed = (e.n as f64 * (e.half_width / p.half_width).powi(2)).ceil() as u32;
            *wanted = needed.clamp(*wanted + 1, p.max_replications);
            more = true;
        }
    }
    more
}

fn run_one(plan: &SweepPlan, file: &PlanFile, job: &Job) -> RunRow {
    let seed = file.seed_of(job.replication);
    let options = RunOptions {
        threads: Some(1),
        ..RunOptions::default()
    };
    match run_headless(&plan.scenarios[job.variant], Seed(seed), &options) {
        Ok(result) => RunRow {
            variant: file.variants[job.variant].name.clone(),
            replication: job.replication,
            seed,
            status: Status::Ok,
            kpis: kpi::extract(&result.summary, &file.kpis),
            digest: result.summary.digest,
            error: String::new(),
        },
        Err(error) => failed_row(file, job, error.to_string()),
    }
}

fn failed_row(file: &PlanFile, job: &Job, error: String) -> RunRow {
    RunRow {
        variant: file.variants[job.variant].name.clone(),
        replication: job.replication,
        seed: file.seed_of(job.replication),
        status: Status::Failed,
        kpis: vec![f64::NAN; file.kpis.len()],
        digest: String::new(),
        error,
    }
}
