//! A snapshot: the envelope and the whole state of a run — the engine's (clock, agents with
//! their streams, calendar with its sequence numbers, pools, sources, breakdowns, incidents,
//! every domain's state) and the metrics collectors with the running digest.

use std::path::Path;

use bevy::app::App;
use serde::{Deserialize, Serialize};

use super::envelope::{Envelope, FORMAT, FORMAT_VERSION, LiveOf, ReplayOf, join, split};
use super::error::TwinError;
use crate::detect::model::sha256_hex;
use crate::eventlog::Log;
use crate::live::FeedState;
use crate::metrics::collector::Collector;
use crate::sim::network::ProcessNetwork;
use crate::sim::snapshot::{EngineState, decode, encode};
use crate::sim::time::SimTime;
use crate::sim::{Metrics, Network};

/// Which scenario file a run comes from: its name as given and the sha256 of its bytes, and
/// the event log it replays, if it is a replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioFile {
    /// The path as given.
    pub path: String,
    /// sha256 of the file's bytes.
    pub sha256: String,
    /// The log replayed on it (`run --replay LOG [--forced]`).
    pub replay: Option<ReplayOf>,
}

impl ScenarioFile {
    /// The scenario file `path` with text `text`.
    pub fn of(path: &str, text: &str) -> Self {
        Self {
            path: path.to_string(),
            sha256: sha256_hex(text.as_bytes()),
            replay: None,
        }
    }

    /// The same file replayed with the event log `log` as read (its name as given and its
    /// hash are recorded).
    pub fn replayed(self, log: &Log, forced: bool) -> Self {
        Self {
            replay: Some(ReplayOf {
                log: log.file.clone(),
                log_sha256: log.sha256.clone(),
                forced,
            }),
            ..self
        }
    }

    /// Reads `path` to hash it.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let text = crate::scenario::text_file::read(path)?;
        Ok(Self::of(&path.display().to_string(), &text))
    }
}

/// The file name of a snapshot taken at `at` in an output folder: `snapshot-06-00-00.snap`,
/// `snapshot-d2-06-00-00.snap` from the second day on.
pub fn file_name(at: SimTime) -> String {
    format!("snapshot-{}.snap", at.to_string().replace([' ', ':'], "-"))
}

/// The state of a run, as the body holds it.
#[derive(Clone, Serialize, Deserialize)]
struct Body {
    engine: EngineState,
    metrics: Collector,
    /// A live run's feed.
    feed: Option<FeedState>,
}

/// The whole state of a run at one simulated time, with its envelope.
#[derive(Clone)]
pub struct Snapshot {
    /// What it is of.
    pub envelope: Envelope,
    body: Body,
}

impl Snapshot {
    /// The state of `app` (a run of `scenario` with `seed`) now.
    pub fn take(app: &App, scenario: &ScenarioFile, seed: u64) -> Result<Snapshot, TwinError> {
        let world = app.world();
        let network = &world.resource::<Network>().0;
        let metrics = &world.resource::<Metrics>().0;
        let now = network.now();
        let engine = network.save().map_err(|message| TwinError::Unsupported {
            at: now.to_string(),
            message,
        })?;
        let envelope = Envelope {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            porttwin_version: env!("CARGO_PKG_VERSION").into(),
            scenario: scenario.path.clone(),
            scenario_name: network.scenario().meta.name.clone(),
            scenario_sha256: scenario.sha256.clone(),
            replay: scenario.replay.clone(),
            live: None,
            seed,
            time_ms: now.0,
            time: now.to_string(),
            digest: metrics.digest.hex(),
            body_bytes: 0,
            body_sha256: String::new(),
        };
        Ok(Snapshot {
            envelope,
            body: Body {
                engine,
                metrics: metrics.clone(),
                feed: None,
            },
        })
    }

    /// The same snapshot of a live run, with its feed's state and its place in the journal.
    pub fn with_feed(mut self, feed: FeedState, journal: LiveOf) -> Snapshot {
        self.envelope.live = Some(journal);
        self.body.feed = Some(feed);
        self
    }

    /// A live run's feed state and place in its journal (`None`: not a live run's snapshot).
    pub fn feed(&self) -> Option<(&FeedState, &LiveOf)> {
        Some((self.body.feed.as_ref()?, self.envelope.live.as_ref()?))
    }

    /// The snapshot's simulated time.
    pub fn at(&self) -> SimTime {
        self.envelope.at()
    }

    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.envelope.seed
    }

    /// The file's bytes (envelope line, body).
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = encode(&self.body).expect("the state is plain data");
        join(&self.envelope, &body)
    }

    /// Reads a snapshot from a file's bytes; `file` names it in errors.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Snapshot, TwinError> {
        let (mut envelope, body_bytes) = split(bytes, file)?;
        let body: Body = decode(body_bytes).map_err(|message| TwinError::Malformed {
            file: file.to_string(),
            at: format!("body, bytes {}..{}", bytes.len() - body_bytes.len(), bytes.len()),
            message: format!("the state cannot be read: {message}"),
        })?;
        if body.feed.is_some() != envelope.live.is_some() {
            return Err(TwinError::Malformed {
                file: file.to_string(),
                at: "line 1, field `live`".into(),
                message: "the envelope and the state disagree on whether this is a live run's snapshot".into(),
            });
        }
        if body.engine.now().0 != envelope.time_ms {
            return Err(TwinError::Malformed {
                file: file.to_string(),
                at: "line 1, field `time_ms`".into(),
                message: format!("the envelope says {} ms, the state {} ms", envelope.time_ms, body.engine.now().0),
            });
        }
        envelope.body_bytes = 0;
        envelope.body_sha256 = String::new();
        Ok(Snapshot { envelope, body })
    }

    /// Writes the snapshot to `path` (through a temporary file and a rename).
    pub fn write(&self, path: &Path) -> Result<(), TwinError> {
        crate::report::output::write_atomic(path, &self.to_bytes()).map_err(|source| TwinError::Write {
            file: path.display().to_string(),
            source,
        })
    }

    /// Reads the snapshot file `path`.
    pub fn read(path: &Path) -> Result<Snapshot, TwinError> {
        let file = path.display().to_string();
        let read = |source| TwinError::Read {
            file: file.clone(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(read)?;
        if !metadata.is_file() {
            let what = if metadata.is_dir() { "a folder" } else { "not a regular file" };
            return Err(read(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("it is {what}"))));
        }
        let bytes = std::fs::read(path).map_err(read)?;
        Snapshot::from_bytes(&bytes, &file)
    }

    /// Refuses the snapshot unless `scenario` is the file it was taken of (same sha256),
    /// replayed with the same log as it was (same sha256, forced or not) if it was a replay.
    pub fn check_scenario(&self, scenario: &ScenarioFile, file: &str) -> Result<(), TwinError> {
        if scenario.sha256 != self.envelope.scenario_sha256 {
            return Err(TwinError::ScenarioChanged {
                file: file.to_string(),
                scenario: scenario.path.clone(),
                expected: self.envelope.scenario_sha256.clone(),
                found: scenario.sha256.clone(),
            });
        }
        let describe = |replay: &Option<ReplayOf>| match replay {
            None => "no replay".to_string(),
            Some(r) => format!(
                "a{} replay of {} (sha256 {})",
                if r.forced { " forced" } else { "" },
                r.log,
                &r.log_sha256[..12.min(r.log_sha256.len())]
            ),
        };
        let same = match (&self.envelope.replay, &scenario.replay) {
            (None, None) => true,
            (Some(a), Some(b)) => a.log_sha256 == b.log_sha256 && a.forced == b.forced,
            _ => false,
        };
        if same {
            return Ok(());
        }
        Err(TwinError::ReplayChanged {
            file: file.to_string(),
            expected: describe(&self.envelope.replay),
            found: describe(&scenario.replay),
        })
    }

    /// Puts the state into `app`, freshly built from the snapshot's scenario (or a variant of it)
    /// with its seed; `file` names the snapshot in errors.
    pub fn restore(&self, app: &mut App, file: &str) -> Result<(), TwinError> {
        if self.is_live() && !app.world().resource::<Network>().0.is_live() {
            return Err(TwinError::LiveSnapshot { file: file.to_string() });
        }
        self.install(app, file, ProcessNetwork::resume)
    }

    /// Puts a live run's state into `app`, freshly built from the snapshot's scenario (or a
    /// variant of it) with its seed, handing it over to the scenario's own demand
    /// (`ProcessNetwork::hand_over`; `take_over` must follow); `file` names the snapshot in errors.
    pub fn hand_over(&self, app: &mut App, file: &str) -> Result<(), TwinError> {
        self.install(app, file, ProcessNetwork::hand_over)
    }

    /// Gives the network the engine state by `put` (resume or hand over) and the metrics
    /// their saved collectors; a state the network refuses is named with `file`.
    fn install(
        &self,
        app: &mut App,
        file: &str,
        put: impl FnOnce(&mut ProcessNetwork, EngineState) -> Result<(), String>,
    ) -> Result<(), TwinError> {
        let world = app.world_mut();
        let mut network = world.resource_mut::<Network>();
        let scenario = network.0.scenario().meta.name.clone();
        put(&mut network.0, self.body.engine.clone()).map_err(|message| TwinError::Incompatible {
            file: file.to_string(),
            scenario,
            message,
        })?;
        world.resource_mut::<Metrics>().0 = self.body.metrics.clone();
        Ok(())
    }

    /// True when this is a live twin's state (`porttwin live`: kept with `--out`, or forked for
    /// a rolling forecast).
    pub fn is_live(&self) -> bool {
        self.body.engine.is_live()
    }
}
