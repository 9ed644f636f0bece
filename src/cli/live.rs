//! `porttwin live SCENARIO --broker mqtt://HOST:PORT --topic port/#`: a twin that follows the
//! port from event-log messages on an MQTT broker (QoS 1, persistent session), behind the
//! feed's watermark; optional wall-clock pacing (`--speed`) lives here, outside the core.
//! Messages are acknowledged only after the twin has taken them (and, with `--out` or
//! `--resume`, journaled them to disk; `live_twin`). `--replay LOG` follows a recorded log
//! instead of a broker (training); `--kpi-every`, `--forecast-every` and `--http` publish the
//! twin's KPIs and rolling forecasts and serve the dashboard (`live_outputs`, `dashboard`).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use porttwin::live::Taken;
use porttwin::live::mqtt::Broker;
use porttwin::sim::time::{SimTime, parse_span};
use rumqttc::{Client, Connection, Event, Packet, Publish, QoS};

use super::Failure;
use super::live_outputs::{Outputs, Rolling, Sink};
use super::live_twin::Twin;

/// Arguments of `porttwin live`.
#[derive(clap::Args, Debug)]
pub struct LiveArgs {
    /// The scenario the twin runs (its sources take the arrivals received).
    pub scenario: PathBuf,
    /// The broker.
    #[arg(long, default_value = "mqtt://127.0.0.1:1883")]
    pub broker: String,
    /// The topic filter to subscribe to (QoS 1).
    #[arg(long, default_value = "port/#")]
    pub topic: String,
    /// The client id: the broker keeps this id's session (subscription, queued messages) while
    /// the twin is away.
    #[arg(long, default_value = "porttwin-live")]
    pub client_id: String,
    /// Seed (default: the scenario's `meta.seed`).
    #[arg(long, conflicts_with = "resume")]
    pub seed: Option<u64>,
    /// Pace the twin's clock by the wall clock: simulated time runs this many times faster than
    /// real time from the first message on (behind `--lateness`). Without it, only event times
    /// and clock messages move the watermark.
    #[arg(long)]
    pub speed: Option<f64>,
    /// How late (in simulated time) a message may come and still be used, e.g. `30s`, `5min`
    /// (default: none; one publisher sends in time order).
    #[arg(long, value_parser = parse_span, conflicts_with = "resume")]
    pub lateness: Option<SimTime>,
    /// Refuse messages more than this ahead of a clock-set watermark, e.g. `1h`.
    #[arg(long, value_parser = parse_span, conflicts_with = "resume")]
    pub max_ahead: Option<SimTime>,
    /// Correct each stage's queue to the counts queue sensors report.
    #[arg(long, conflicts_with = "resume")]
    pub correct_queues: bool,
    /// Keep the twin in this folder: every message is journaled before it is acknowledged,
    /// and the state is saved to `DIR/latest.snap` (see `--snapshot-every`).
    #[arg(long, conflicts_with = "resume")]
    pub out: Option<PathBuf>,
    /// Save the state every this much simulated time, e.g. `10min` (with `--out` or `--resume`).
    #[arg(long, value_parser = parse_span)]
    pub snapshot_every: Option<SimTime>,
    /// Go on with the twin kept in this folder (its last snapshot, then its journal), under
    /// the seed and feed options it was started with; the broker redelivers what it had not
    /// acknowledged.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    /// Follow this recorded event log instead of a broker, its lines paced by their event times
    /// at `--speed` (as fast as they can be taken without it): the dashboard for training.
    #[arg(long)]
    pub replay: Option<PathBuf>,
    /// Publish the live KPIs on `twin/kpi` (and to the dashboard) every this much simulated time.
    #[arg(long, value_parser = parse_span, default_value = "1min")]
    pub kpi_every: SimTime,
    /// Fork the live state every this much simulated time, forecast its future and publish the
    /// forecast on `twin/forecast`, e.g. `15min`.
    #[arg(long, value_parser = parse_span)]
    pub forecast_every: Option<SimTime>,
    /// How far each rolling forecast looks ahead.
    #[arg(long, value_parser = parse_span, default_value = "2h")]
    pub horizon: SimTime,
    /// Replications of each rolling forecast.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub replications: u32,
    /// Width of a rolling forecast's wait bins, the steps of its wait alarms.
    #[arg(long, value_parser = parse_span, default_value = "5min")]
    pub forecast_bin: SimTime,
    /// Worker threads of each rolling forecast (the live loop keeps its own).
    #[arg(long, default_value_t = 1)]
    pub forecast_workers: usize,
    /// Raise an alarm when a target is forecast to be missed with at least this probability.
    #[arg(long, default_value_t = 0.5)]
    pub alarm_probability: f64,
    /// Serve the dashboard on this address, e.g. `127.0.0.1:8080` (port 0: a free one, printed).
    #[arg(long)]
    pub http: Option<String>,
    /// With `--http`: go on serving the dashboard after the run has ended, until interrupted.
    #[arg(long, requires = "http")]
    pub hold: bool,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// What the receiving thread (or the recorded log's reader) hands the twin.
enum Incoming {
    Connected {
        session_present: bool,
    },
    Subscribed,
    /// A message, with the broker's packet to acknowledge (none from a recorded log).
    Message(String, Option<Publish>, Instant),
    Lost(String),
}

/// Polls the connection (reconnecting after each error) and hands on what comes; counts the
/// broker's acknowledgements of what the twin publishes in `acked`.
fn receive(mut connection: Connection, tx: Sender<Incoming>, acked: Arc<AtomicU64>) {
    for event in connection.iter() {
        let incoming = match event {
            Ok(Event::Incoming(Packet::Publish(p))) => {
                Incoming::Message(String::from_utf8_lossy(&p.payload).into_owned(), Some(p), Instant::now())
            }
            Ok(Event::Incoming(Packet::ConnAck(ack))) => Incoming::Connected {
                session_present: ack.session_present,
            },
            Ok(Event::Incoming(Packet::SubAck(_))) => Incoming::Subscribed,
            Ok(Event::Incoming(Packet::PubAck(_))) => {
                acked.fetch_add(1, Ordering::SeqCst);
                continue;
            }
            Ok(_) => continue,
            Err(error) => {
                let lost = tx.send(Incoming::Lost(error.to_string()));
                std::thread::sleep(Duration::from_millis(200));
                if lost.is_err() {
                    return;
                }
                continue;
            }
        };
        if tx.send(incoming).is_err() {
            return;
        }
    }
}

/// Wall-clock lags from receiving a message to the run's state holding it, in milliseconds.
#[derive(Default)]
struct Lags {
    pending: Vec<(SimTime, Instant)>,
    samples: Vec<f64>,
}

impl Lags {
    fn applied_before(&mut self, watermark: SimTime) {
        let now = Instant::now();
        let samples = &mut self.samples;
        self.pending.retain(|(at, received)| {
            let done = *at < watermark;
            if done {
                samples.push(now.duration_since(*received).as_secs_f64() * 1000.0);
            }
            !done
        });
    }

    fn quantile(&self, q: f64) -> Option<f64> {
        let mut sorted = self.samples.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
        sorted.get(rank - 1).copied()
    }
}

/// Reads a recorded log's lines to the twin, paced by their event times at `speed` (none: at
/// once); its end (the channel closing) closes the feed.
fn read_recorded(lines: Vec<String>, times: Vec<SimTime>, speed: Option<f64>, tx: Sender<Incoming>) {
    let started = Instant::now();
    let first = times.first().copied().unwrap_or(SimTime::ZERO);
    for (line, at) in lines.into_iter().zip(times) {
        if let Some(speed) = speed {
            let due = Duration::from_secs_f64((at - first).as_secs_f64() / speed);
            if let Some(wait) = due.checked_sub(started.elapsed()) {
                std::thread::sleep(wait);
            }
        }
        if tx.send(Incoming::Message(line, None, Instant::now())).is_err() {
            return;
        }
    }
}

/// The lines of the recorded log `path` and their event times (refused with its file, line and
/// field when it is not a valid event log).
fn recorded(path: &std::path::Path) -> Result<(Vec<String>, Vec<SimTime>), Failure> {
    let log = porttwin::eventlog::read(path).map_err(|e| Failure::BadInput(e.to_string()))?;
    let text = std::fs::read_to_string(path).map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", path.display())))?;
    let lines: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    if lines.len() != log.events.len() {
        return Err(Failure::BadInput(format!("{} changed while it was read", path.display())));
    }
    Ok((lines, log.events.iter().map(|e| e.at).collect()))
}

pub fn execute(args: &LiveArgs) -> Result<(), Failure> {
    let scenario = porttwin::scenario::load(&args.scenario).map_err(|e| Failure::BadInput(e.to_string()))?;
    let broker = Broker::parse(&args.broker).map_err(|e| Failure::BadInput(e.to_string()))?;
    if args.speed.is_some_and(|s| !(s.is_finite() && s > 0.0)) {
        return Err(Failure::BadInput("--speed must be a positive number".into()));
    }
    if args.snapshot_every.is_some() && args.out.is_none() && args.resume.is_none() {
        return Err(Failure::BadInput(
            "--snapshot-every needs a folder: --out DIR or --resume DIR".into(),
        ));
    }
    if !(args.alarm_probability > 0.0 && args.alarm_probability <= 1.0) {
        return Err(Failure::BadInput("--alarm-probability must lie in (0, 1]".into()));
    }
    if args.kpi_every == SimTime::ZERO
        || args.forecast_every == Some(SimTime::ZERO)
        || args.horizon == SimTime::ZERO
        || args.forecast_bin == SimTime::ZERO
    {
        return Err(Failure::BadInput(
            "--kpi-every, --forecast-every, --horizon and --forecast-bin must be longer than zero".into(),
        ));
    }
    let recorded = args.replay.as_deref().map(recorded).transpose()?;
    let mut twin = Twin::open(args, &scenario)?;
    let lateness = twin.feed.options().lateness;
    let (tx, rx) = channel();
    let acked = Arc::new(AtomicU64::new(0));
    let client = match recorded {
        Some((lines, times)) => {
            let speed = args.speed;
            std::thread::spawn(move || read_recorded(lines, times, speed, tx));
            None
        }
        None => {
            // Acknowledged only once journaled (`Twin::commit`), so nothing acknowledged is lost on a kill.
            let mut options = broker.options(&args.client_id);
            options.set_manual_acks(true);
            let (client, connection) = Client::new(options, 1024);
            let acked = Arc::clone(&acked);
            std::thread::spawn(move || receive(connection, tx, acked));
            Some(client)
        }
    };
    let hub = match &args.http {
        Some(address) => {
            let (hub, bound) = super::dashboard::serve(address)?;
            eprintln!("porttwin live: dashboard on http://{bound}/");
            Some(hub)
        }
        None => None,
    };
    let sink = Sink {
        client: client.clone(),
        hub,
        published: Arc::new(AtomicU64::new(0)),
    };
    let rolling = args.forecast_every.map(|every| Rolling {
        every,
        horizon: args.horizon,
        replications: args.replications,
        bin: args.forecast_bin,
        workers: args.forecast_workers.max(1),
        alarm_probability: args.alarm_probability,
    });
    let file =
        porttwin::twin::ScenarioFile::read(&args.scenario).map_err(|e| Failure::BadInput(format!("{}: {e}", args.scenario.display())))?;
    let dir = args.out.clone().or_else(|| args.resume.clone());
    let mut outputs = Outputs::start(sink, Some(args.kpi_every), rolling, &scenario, file, dir, twin.stepper.now());
    let mut lags = Lags::default();
    let mut paced: Option<(SimTime, Instant)> = None;
    let started = Instant::now();
    loop {
        take(&rx, client.as_ref(), args, &mut twin, &mut lags, &mut paced)?;
        // A recorded log is paced by its reader; the watermark follows its event times.
        if let (Some(speed), Some((from, wall)), None) = (args.speed, paced, &args.replay) {
            let ran = SimTime::from_secs_f64(wall.elapsed().as_secs_f64() * speed);
            twin.advance_clock(SimTime((from + ran).0.saturating_sub(lateness.0)));
        }
        loop {
            let stop = outputs.next_stop(&twin);
            twin.step_until(stop)?;
            if twin.stepper.now() < stop || twin.stepper.is_finished() {
                break;
            }
            outputs.at_stop(&twin)?;
        }
        lags.applied_before(twin.feed.watermark());
        if twin.feed.is_closed() || twin.stepper.is_finished() {
            break;
        }
    }
    outputs.kpis(&twin);
    let skipped = outputs.finish(&acked, Duration::from_secs(5));
    if let Some(client) = &client {
        let _ = client.disconnect();
    }
    let report = twin.feed.report();
    let corrections = twin.stepper.network().corrections().len();
    let result = twin.stepper.finish();
    let s = &result.summary;
    let lag = |q| lags.quantile(q).map_or(serde_json::Value::Null, serde_json::Value::from);
    if args.json {
        let out = serde_json::json!({
            "digest": s.digest,
            "arrived": s.arrived,
            "served": s.served,
            "balked": s.balked,
            "in_system_at_end": s.in_system_at_end,
            "corrections": corrections,
            "lag_ms": {"samples": lags.samples.len(), "p50": lag(0.5), "p95": lag(0.95), "max": lag(1.0)},
            "feed": report,
            "forecasts_skipped": skipped,
            "wall_s": started.elapsed().as_secs_f64(),
        });
        println!("{out}");
    } else {
        println!("{}", report.render());
        println!(
            "arrived {}  served {}  balked {}  in port at end {}  queue corrections {corrections}",
            s.arrived, s.served, s.balked, s.in_system_at_end
        );
        if let (Some(p50), Some(p95)) = (lags.quantile(0.5), lags.quantile(0.95)) {
            println!(
                "event-to-state lag: p50 {p50:.1} ms, p95 {p95:.1} ms over {} events",
                lags.samples.len()
            );
        }
        if skipped > 0 {
            println!("rolling forecasts skipped (the previous one still running): {skipped}");
        }
        println!("digest {}", s.digest);
    }
    if args.hold {
        eprintln!("porttwin live: the run has ended; the dashboard stays up until interrupted");
        loop {
            std::thread::park();
        }
    }
    Ok(())
}

/// Takes what has come from the broker (waiting a little when nothing has), offering each
/// message to the twin, then acknowledges the messages once the twin has journaled them.
fn take(
    rx: &Receiver<Incoming>,
    client: Option<&Client>,
    args: &LiveArgs,
    twin: &mut Twin,
    lags: &mut Lags,
    paced: &mut Option<(SimTime, Instant)>,
) -> Result<(), Failure> {
    let mut next = match rx.recv_timeout(Duration::from_millis(20)) {
        Ok(incoming) => Some(incoming),
        Err(RecvTimeoutError::Timeout) => None,
        // A recorded log read to its end closes the feed (as a final clock would).
        Err(RecvTimeoutError::Disconnected) if args.replay.is_some() => {
            twin.feed.close();
            return Ok(());
        }
        Err(RecvTimeoutError::Disconnected) => return Err(Failure::RunFailed("the broker connection ended".into())),
    };
    let mut taken = 0;
    let mut received = Vec::new();
    while let Some(incoming) = next {
        match incoming {
            Incoming::Connected { session_present } => {
                eprintln!(
                    "porttwin live: connected to {} (session {})",
                    args.broker,
                    if session_present { "resumed" } else { "new" }
                );
                if let (false, Some(client)) = (session_present, client) {
                    client
                        .subscribe(args.topic.clone(), QoS::AtLeastOnce)
                        .map_err(|e| Failure::RunFailed(format!("cannot subscribe to {}: {e}", args.topic)))?;
                }
            }
            Incoming::Subscribed => eprintln!("porttwin live: subscribed to {}", args.topic),
            Incoming::Lost(reason) => eprintln!("porttwin live: broker connection lost ({reason}); reconnecting"),
            Incoming::Message(text, publish, at_wall) => {
                if let Ok(Taken::Held { at }) = twin.offer(&text) {
                    lags.pending.push((at, at_wall));
                    paced.get_or_insert((at, at_wall));
                }
                received.extend(publish);
            }
        }
        taken += 1;
        next = if taken < 10_000 { rx.try_recv().ok() } else { None };
    }
    twin.commit()?;
    for publish in &received {
        let Some(client) = client else { break };
        client
            .ack(publish)
            .map_err(|e| Failure::RunFailed(format!("cannot acknowledge a message: {e}")))?;
    }
    Ok(())
}

/// The `porttwin doctor` line on the broker the live tests and a local twin use: Mosquitto's
/// version where it is installed.
pub fn doctor_line() -> String {
    let found = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("mosquitto"))
        .find(|file| file.is_file());
    let Some(file) = found else {
        return "broker: Mosquitto not found (`apt-get install mosquitto` for `porttwin live` tests)".into();
    };
    // `mosquitto -h` prints its version first and exits with a usage code.
    let version = std::process::Command::new(&file)
        .arg("-h")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).lines().next().map(str::to_string))
        .unwrap_or_else(|| "version unknown".into());
    format!("broker: {} ({version})", file.display())
}
