//! A run stepped from Python: a [`Stepper`] (the app `run_headless` drives) owned by a thread
//! of its own, since a Bevy app stays on the thread that built it. Python sends it commands and
//! waits for the answer with the GIL released; views are copies, so nothing Python holds can
//! change the run.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use porttwin::metrics::summary::RunResult;
use porttwin::scenario::incident::Incident;
use porttwin::sim::error::RunError as EngineError;
use porttwin::sim::time::SimTime;
use porttwin::twin::{ScenarioFile, Snapshot, TwinError};
use porttwin::{RunOptions, Seed, Stepper};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::RunError;
use crate::results;
use crate::scenario::Scenario;
use crate::twin;
use crate::view::View;

/// What the run's thread is asked to do.
enum Command {
    /// Step until the clock reaches the time (or the run ends).
    StepUntil(SimTime, Sender<Result<View, EngineError>>),
    /// One tick.
    Tick(Sender<Result<View, EngineError>>),
    /// The state now.
    Look(Sender<View>),
    /// Stage an incident.
    Stage(Incident, Sender<(Incident, View)>),
    /// The whole state now, as a snapshot file's bytes.
    Snapshot(ScenarioFile, Sender<Result<Vec<u8>, TwinError>>),
    /// Run to the end and summarise.
    Finish(Sender<Result<(RunResult, f64), EngineError>>),
}

/// Where a stepped run starts: time zero, or a snapshot's state (with the snapshot's name for
/// errors).
type Start = Option<(Snapshot, String)>;

/// The run's thread: builds the stepper (restored from `from` if given), tells `ready` whether
/// that worked, then answers commands until told to finish or dropped.
fn serve(
    scenario: Arc<porttwin::scenario::Scenario>,
    seed: Seed,
    from: Start,
    ready: Sender<Result<(), TwinError>>,
    commands: Receiver<Command>,
) {
    let mut stepper = Stepper::new(&scenario, seed, &RunOptions::default());
    if let Some((snapshot, file)) = from {
        if let Err(error) = stepper.restore(&snapshot, &file) {
            let _ = ready.send(Err(error));
            return;
        }
    }
    if ready.send(Ok(())).is_err() {
        return;
    }
    while let Ok(command) = commands.recv() {
        match command {
            Command::StepUntil(target, reply) => {
                let stepped = stepper.run_until(target).map(|()| View::of(&stepper));
                let _ = reply.send(stepped);
            }
            Command::Tick(reply) => {
                let _ = reply.send(stepper.tick().map(|()| View::of(&stepper)));
            }
            Command::Look(reply) => {
                let _ = reply.send(View::of(&stepper));
            }
            Command::Stage(incident, reply) => {
                let staged = stepper.stage(incident);
                let _ = reply.send((staged, View::of(&stepper)));
            }
            Command::Snapshot(file, reply) => {
                let _ = reply.send(stepper.snapshot(&file).map(|s| s.to_bytes()));
            }
            Command::Finish(reply) => {
                let started = Instant::now();
                let finished = stepper.run_until(SimTime(u64::MAX)).map(|()| {
                    let result = stepper.finish();
                    (result, started.elapsed().as_secs_f64())
                });
                let _ = reply.send(finished);
                return;
            }
        }
    }
}

/// A run driven step by step (`porttwin.Simulation` wraps it).
#[pyclass(module = "porttwin._porttwin", name = "Stepped")]
pub struct Stepped {
    scenario: Arc<porttwin::scenario::Scenario>,
    file: String,
    text: String,
    seed: u64,
    commands: Mutex<Option<Sender<Command>>>,
    view: Mutex<View>,
    staged: Mutex<Vec<Incident>>,
}

impl Stepped {
    fn sender(&self) -> PyResult<Sender<Command>> {
        self.commands
            .lock()
            .map_err(|_| RunError::new_err("the simulation is unusable after a failure"))?
            .clone()
            .ok_or_else(|| RunError::new_err("the run has finished; start a new Simulation"))
    }

    fn ask<T: Send>(&self, py: Python<'_>, command: impl FnOnce(Sender<T>) -> Command + Send) -> PyResult<T> {
        let sender = self.sender()?;
        let answer = py.detach(move || {
            let (reply, answer) = bounded(1);
            sender.send(command(reply)).ok()?;
            answer.recv().ok()
        });
        answer.ok_or_else(|| RunError::new_err("the simulation's thread stopped unexpectedly"))
    }

    fn keep(&self, view: View) -> PyResult<()> {
        *self.view.lock().map_err(|_| RunError::new_err("the simulation is unusable"))? = view;
        Ok(())
    }

    fn stepped(&self, outcome: Result<View, EngineError>) -> PyResult<()> {
        match outcome {
            Ok(view) => self.keep(view),
            Err(error) => {
                self.close();
                Err(RunError::new_err(error.to_string()))
            }
        }
    }

    /// Starts the run's thread for `scenario` with `seed`, at time zero or from `from`.
    fn start(py: Python<'_>, scenario: &Scenario, seed: u64, from: Start) -> PyResult<Self> {
        let model = Arc::clone(&scenario.model);
        let (commands, receiver) = unbounded();
        let (ready, started) = bounded(1);
        let for_thread = Arc::clone(&model);
        std::thread::Builder::new()
            .name(format!("porttwin {}", model.meta.name))
            .spawn(move || serve(for_thread, Seed(seed), from, ready, receiver))
            .map_err(|e| RunError::new_err(format!("cannot start the simulation's thread: {e}")))?;
        let started = py.detach(move || started.recv());
        match started {
            Ok(Ok(())) => {}
            Ok(Err(error)) => return Err(twin::error(error)),
            Err(_) => return Err(RunError::new_err("the simulation's thread stopped unexpectedly")),
        }
        let stepped = Stepped {
            scenario: model,
            file: scenario.file.clone(),
            text: scenario.text.clone(),
            seed,
            commands: Mutex::new(Some(commands)),
            view: Mutex::new(View::default()),
            staged: Mutex::new(Vec::new()),
        };
        let view = stepped.ask(py, Command::Look)?;
        stepped.keep(view)?;
        Ok(stepped)
    }

    fn close(&self) {
        if let Ok(mut commands) = self.commands.lock() {
            commands.take();
        }
    }
}

#[pymethods]
impl Stepped {
    /// Starts the run of `scenario` with `seed` (default: the scenario's), at time zero.
    #[new]
    #[pyo3(signature = (scenario, seed=None))]
    fn new(py: Python<'_>, scenario: &Scenario, seed: Option<u64>) -> PyResult<Self> {
        Self::start(py, scenario, seed.unwrap_or(scenario.model.meta.seed), None)
    }

    /// Resumes the run saved in `snapshot` (a snapshot file's bytes, named `name` in errors)
    /// of `scenario`, which must be the very scenario it was taken of (same text, so same
    /// overrides); the run continues with the snapshot's seed and streams.
    #[staticmethod]
    fn resume(py: Python<'_>, scenario: &Scenario, snapshot: &[u8], name: &str) -> PyResult<Self> {
        let snapshot = Snapshot::from_bytes(snapshot, name).map_err(twin::error)?;
        snapshot
            .check_scenario(&ScenarioFile::of(&scenario.file, &scenario.text), name)
            .map_err(twin::error)?;
        let seed = snapshot.seed();
        Self::start(py, scenario, seed, Some((snapshot, name.to_string())))
    }

    /// The whole state now as a snapshot file's bytes (what `porttwin run --snapshot-at`
    /// writes, readable by `porttwin run --from` and `porttwin forecast --from`).
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let file = ScenarioFile::of(&self.file, &self.text);
        let bytes = self.ask(py, |reply| Command::Snapshot(file, reply))?.map_err(twin::error)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Steps until the clock reaches `time_s` seconds (or the run ends).
    fn step_until(&self, py: Python<'_>, time_s: f64) -> PyResult<()> {
        if !(time_s.is_finite() && time_s >= 0.0) {
            return Err(PyValueError::new_err(format!(
                "a time must be a number of seconds >= 0 (got {time_s})"
            )));
        }
        let target = SimTime::from_secs_f64(time_s);
        let outcome = self.ask(py, |reply| Command::StepUntil(target, reply))?;
        self.stepped(outcome)
    }

    /// Runs one tick, as `porttwin run` does (15 simulated minutes in flow fidelity, one motion
    /// step in micro fidelity).
    fn tick(&self, py: Python<'_>) -> PyResult<()> {
        let outcome = self.ask(py, Command::Tick)?;
        self.stepped(outcome)
    }

    /// The state after the last step, as a dict of plain values.
    fn view<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let view = self.view.lock().map_err(|_| RunError::new_err("the simulation is unusable"))?;
        view.to_dict(py, &self.scenario)
    }

    /// Stages an incident written as one entry of a scenario's `incidents` list (validated as
    /// such); it happens at its `at`, or now if that has passed. Returns the entry as it will
    /// replay.
    fn stage(&self, py: Python<'_>, entry: &str) -> PyResult<String> {
        let base = Scenario {
            file: self.file.clone(),
            text: self.text.clone(),
            model: Arc::clone(&self.scenario),
        };
        let pair = vec![("incidents".to_string(), format!("[{entry}]"))];
        let parsed = base.overridden(py, &pair, "incident")?;
        let incident = parsed.model.incidents[0];
        let (staged, view) = self.ask(py, |reply| Command::Stage(incident, reply))?;
        self.keep(view)?;
        self.staged
            .lock()
            .map_err(|_| RunError::new_err("the simulation is unusable"))?
            .push(staged);
        Ok(staged.to_ron(&self.scenario))
    }

    /// The incidents staged so far, as entries of a scenario's `incidents` list.
    fn staged(&self) -> PyResult<Vec<String>> {
        let staged = self.staged.lock().map_err(|_| RunError::new_err("the simulation is unusable"))?;
        Ok(staged.iter().map(|i| i.to_ron(&self.scenario)).collect())
    }

    /// The scenario's `incidents` list that replays this run headless: its own incidents and
    /// the staged ones, by time.
    fn replay(&self) -> PyResult<Vec<String>> {
        let staged = self.staged.lock().map_err(|_| RunError::new_err("the simulation is unusable"))?;
        let replay = porttwin::scenario::incident::replay(&self.scenario, &staged);
        Ok(replay.incidents.iter().map(|i| i.to_ron(&self.scenario)).collect())
    }

    /// Runs to the end and returns the result (as `porttwin.run` does); the simulation is done.
    fn finish<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let outcome = self.ask(py, Command::Finish)?;
        self.close();
        let (result, run_s) = outcome.map_err(|e| RunError::new_err(e.to_string()))?;
        results::to_dict(py, &result, run_s)
    }

    /// The seed of the run.
    #[getter]
    fn seed(&self) -> u64 {
        self.seed
    }
}
