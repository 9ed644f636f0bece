//! What `porttwin live` publishes while it follows the port: its KPIs every `--kpi-every` of
//! simulated time on `twin/kpi`, and with `--forecast-every` a rolling forecast on
//! `twin/forecast` — on the broker (QoS 1) and on the dashboard (`--http`). The live run stops
//! at each of these times (where a run pauses changes nothing in it); a forecast forks the
//! state there (an in-memory snapshot) and runs on a thread of its own, off the live loop's
//! path; a fork that comes while the previous forecast is still running is skipped and counted.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use porttwin::live::messages::{self, FORECAST_TOPIC, KPI_TOPIC};
use porttwin::scenario::Scenario;
use porttwin::sim::time::SimTime;
use porttwin::twin::forecast::{self, Forecast, Variant};
use porttwin::twin::{ScenarioFile, Snapshot};
use rumqttc::{Client, QoS};
use serde_json::Value;

use super::Failure;
use super::dashboard::Hub;
use super::live_twin::Twin;

/// The file a kept twin (`--out`, `--resume`) writes the state of its latest forecast to, so
/// that `porttwin forecast --from DIR/forecast.snap` can run it again, under variants too.
pub const FORECAST_SNAPSHOT: &str = "forecast.snap";

/// Where the messages go: the broker, the dashboard, or both.
#[derive(Clone)]
pub struct Sink {
    /// The broker's client (none when the twin follows a recorded log).
    pub client: Option<Client>,
    /// The dashboard's hub (with `--http`).
    pub hub: Option<Arc<Hub>>,
    /// Messages handed to the broker.
    pub published: Arc<AtomicU64>,
}

impl Sink {
    /// Sends `message` on `topic`.
    pub fn send(&self, topic: &'static str, message: &Value) {
        let text = message.to_string();
        if let Some(client) = &self.client
            && client.publish(topic, QoS::AtLeastOnce, false, text.clone().into_bytes()).is_ok()
        {
            self.published.fetch_add(1, Ordering::SeqCst);
        }
        if let Some(hub) = &self.hub {
            hub.publish(topic, text);
        }
    }
}

/// The rolling forecast's settings.
pub struct Rolling {
    /// Fork every this much simulated time.
    pub every: SimTime,
    /// How far each forecast looks ahead.
    pub horizon: SimTime,
    /// Replications per forecast.
    pub replications: u32,
    /// Width of the wait bins (and of the wait alarms' steps).
    pub bin: SimTime,
    /// Worker threads of each forecast.
    pub workers: usize,
    /// The probability from which an alarm is raised.
    pub alarm_probability: f64,
}

/// A fork handed to the forecasting thread.
struct Job {
    snapshot: Snapshot,
    digest: String,
    /// How long the fork held the live loop up, in milliseconds.
    fork_ms: f64,
}

/// The forecasting thread and its schedule.
struct Forecaster {
    every: SimTime,
    next: SimTime,
    tx: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<()>>,
    skipped: u64,
}

/// The KPI and forecast schedule of a live twin and where their messages go.
pub struct Outputs {
    sink: Sink,
    kpi_every: Option<SimTime>,
    next_kpi: SimTime,
    forecaster: Option<Forecaster>,
    file: ScenarioFile,
}

/// The first multiple of `every` after `now`.
fn after(now: SimTime, every: SimTime) -> SimTime {
    SimTime((now.0 / every.0 + 1) * every.0)
}

impl Outputs {
    /// The schedule from `now`; `dir` is the twin's folder (`--out`, `--resume`), if kept.
    pub fn start(
        sink: Sink,
        kpi_every: Option<SimTime>,
        rolling: Option<Rolling>,
        scenario: &Scenario,
        file: ScenarioFile,
        dir: Option<PathBuf>,
        now: SimTime,
    ) -> Outputs {
        let forecaster = rolling.map(|rolling| {
            let (tx, rx) = sync_channel::<Job>(1);
            let scenario = scenario.clone();
            let sink = sink.clone();
            let every = rolling.every;
            let thread = std::thread::spawn(move || {
                while let Ok(job) = rx.recv() {
                    run_forecast(&job, &rolling, &scenario, &sink, dir.as_deref());
                }
            });
            Forecaster {
                every,
                next: after(now, every),
                tx: Some(tx),
                thread: Some(thread),
                skipped: 0,
            }
        });
        Outputs {
            sink,
            kpi_every,
            next_kpi: kpi_every.map_or(SimTime::NEVER, |every| after(now, every)),
            forecaster,
            file,
        }
    }

    /// The next time the live run stops at (`NEVER` once the feed is closed: the twin no longer
    /// follows the port, it only finishes the run). When the watermark has jumped ahead (the
    /// first message of the day, a clock message), the times it passed are skipped but the last.
    pub fn next_stop(&mut self, twin: &Twin) -> SimTime {
        if twin.feed.is_closed() {
            return SimTime::NEVER;
        }
        let mark = twin.feed.watermark();
        let catch_up = |next: &mut SimTime, every: SimTime| {
            if next.0.saturating_add(every.0) <= mark.0 {
                *next = after(mark - every, every);
            }
        };
        if let Some(every) = self.kpi_every {
            catch_up(&mut self.next_kpi, every);
        }
        let fork = self.forecaster.as_mut().map_or(SimTime::NEVER, |f| {
            catch_up(&mut f.next, f.every);
            f.next
        });
        self.next_kpi.min(fork)
    }

    /// At a stop: the KPIs and the fork due now.
    pub fn at_stop(&mut self, twin: &Twin) -> Result<(), Failure> {
        let now = twin.stepper.now();
        if let Some(every) = self.kpi_every
            && now >= self.next_kpi
        {
            self.kpis(twin);
            self.next_kpi = after(now, every);
        }
        if let Some(forecaster) = &mut self.forecaster
            && now >= forecaster.next
        {
            forecaster.next = after(now, forecaster.every);
            let forked = Instant::now();
            let snapshot = twin
                .stepper
                .snapshot(&self.file)
                .map_err(|e| Failure::RunFailed(format!("cannot fork the live state at {now}: {e}")))?;
            let job = Job {
                digest: snapshot.envelope.digest.clone(),
                snapshot,
                fork_ms: forked.elapsed().as_secs_f64() * 1000.0,
            };
            if let Some(tx) = &forecaster.tx
                && let Err(TrySendError::Full(_)) = tx.try_send(job)
            {
                forecaster.skipped += 1;
                eprintln!("porttwin live: the forecast at {now} is skipped: the previous one is still running");
            }
        }
        Ok(())
    }

    /// Publishes the KPIs now.
    pub fn kpis(&self, twin: &Twin) {
        self.sink.send(KPI_TOPIC, &messages::kpi(&twin.stepper, &twin.feed));
    }

    /// Waits for the forecast under way (and one queued), then, with a broker, up to
    /// `patience` for the broker to acknowledge what was published; returns the forecasts skipped.
    pub fn finish(&mut self, acked: &AtomicU64, patience: Duration) -> u64 {
        let mut skipped = 0;
        if let Some(forecaster) = &mut self.forecaster {
            forecaster.tx = None;
            if let Some(thread) = forecaster.thread.take() {
                let _ = thread.join();
            }
            skipped = forecaster.skipped;
        }
        if self.sink.client.is_some() {
            let since = Instant::now();
            while acked.load(Ordering::SeqCst) < self.sink.published.load(Ordering::SeqCst) && since.elapsed() < patience {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        skipped
    }
}

/// Runs one forecast from a fork and publishes it; with a kept twin, first writes the fork to
/// `DIR/forecast.snap`.
fn run_forecast(job: &Job, rolling: &Rolling, scenario: &Scenario, sink: &Sink, dir: Option<&std::path::Path>) {
    let at = job.snapshot.at();
    if let Some(dir) = dir
        && let Err(e) = job.snapshot.write(&dir.join(FORECAST_SNAPSHOT))
    {
        eprintln!("porttwin live: {e}");
    }
    let started = Instant::now();
    let variants = [Variant {
        name: "base".into(),
        scenario: scenario.clone(),
        changed: false,
    }];
    let name = format!("the live state at {at}");
    let plan = Forecast {
        snapshot: (&job.snapshot, &name),
        variants: &variants,
        horizon: rolling.horizon,
        replications: rolling.replications,
        reseed: true,
        workers: rolling.workers,
        bin: rolling.bin,
    };
    match forecast::run(&plan) {
        Ok(result) => {
            let mut message = messages::forecast(&result, scenario, &job.digest, rolling.alarm_probability);
            let wall_s = started.elapsed().as_secs_f64();
            message["wall_s"] = Value::from(wall_s);
            message["fork_ms"] = Value::from(job.fork_ms);
            let alarms = message["alarms"].as_array().map_or(0, Vec::len);
            sink.send(FORECAST_TOPIC, &message);
            eprintln!(
                "porttwin live: forecast from {at} to {} ({} replications) in {wall_s:.1} s, {alarms} alarms",
                result.until, rolling.replications
            );
        }
        Err(e) => eprintln!("porttwin live: the forecast from {at} failed: {e}"),
    }
}
