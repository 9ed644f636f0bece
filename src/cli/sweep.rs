//! `porttwin sweep`: many runs on a pool of workers, into a folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use porttwin::sweep::{self, Progress, Shard, SweepOptions, SweepPlan};

use super::{Failure, output_folder};

/// Arguments of `porttwin sweep`.
#[derive(clap::Args, Debug)]
pub struct SweepArgs {
    /// Sweep spec (.ron).
    pub spec: PathBuf,
    /// Worker threads (default: the number of hardware threads).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Output folder (default: reports/sweeps/<sweep name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Continue a sweep whose folder already holds runs, skipping them.
    #[arg(long)]
    pub resume: bool,
    /// Run only slice i of n (0 <= i < n), e.g. `--shard 0/4`; combine the folders with `porttwin merge`.
    #[arg(long)]
    pub shard: Option<Shard>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Maps a sweep error to an exit code.
pub fn failure(error: sweep::SweepError) -> Failure {
    if error.is_bad_input() {
        Failure::BadInput(error.to_string())
    } else {
        Failure::RunFailed(error.to_string())
    }
}

pub fn execute(args: &SweepArgs) -> Result<(), Failure> {
    let spec = sweep::spec::load(&args.spec).map_err(failure)?;
    let plan = SweepPlan::new(&spec).map_err(failure)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join("sweeps").join(&plan.file.name));
    let _lock = output_folder::prepare(&out)?;
    let workers = args
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let options = SweepOptions {
        workers,
        resume: args.resume,
        shard: args.shard,
    };
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{pos}/{len} runs [{bar:30}] {msg}  eta {eta}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    });
    let started = Instant::now();
    let mut failed = 0;
    let mut skipped = None;
    let outcome = sweep::run(&plan, &out, &options, &mut |event| {
        let Some(bar) = &bar else { return };
        match event {
            Progress::Round { todo, done } => {
                bar.inc_length(todo as u64);
                skipped.get_or_insert(done);
            }
            Progress::Run(row) => {
                failed += usize::from(row.status == sweep::rows::Status::Failed);
                bar.set_message(format!("{failed} failed, {} resumed", skipped.unwrap_or(0)));
                bar.inc(1);
            }
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let outcome = outcome.map_err(failure)?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{} runs in {seconds:.1} s with {workers} workers ({:.1} runs/s), {} failed, {} already done",
            outcome.ran,
            outcome.ran as f64 / seconds.max(1e-9),
            outcome.failed,
            outcome.skipped
        );
        println!("wrote {}", out.join("runs.csv").display());
        println!("wrote {}", out.join("summary.csv").display());
        println!("wrote {}", out.join("index.html").display());
        if let Some(sentence) = choice_sentence(&out) {
            println!("{sentence}");
        }
    }
    Ok(())
}

/// The sweep's choice (with a `minimise`) as one sentence, from the folder's files.
fn choice_sentence(out: &std::path::Path) -> Option<String> {
    let file = porttwin::sweep::PlanFile::read(out).ok()?;
    file.minimise.as_ref()?;
    let rows = porttwin::sweep::rows::read(&out.join("runs.csv"), &file.header()).ok()?;
    let estimates = porttwin::sweep::statistics::estimates(&file, &rows);
    let choice = porttwin::sweep::choice::choose(&file, &estimates, &rows)?;
    Some(porttwin::sweep::choice::sentence(&file, &choice))
}
