//! `porttwin live SCENARIO --broker mqtt://HOST:PORT --topic port/#`: a twin that follows the
//! port from event-log messages on an MQTT broker (QoS 1, persistent session), behind the
//! feed's watermark; optional wall-clock pacing (`--speed`) lives here, outside the core.
//! Messages are acknowledged only after the twin has taken them (and, with `--out` or
//! `--resume`, journaled them to disk; `live_twin`).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use porttwin::live::Taken;
use porttwin::live::mqtt::Broker;
use porttwin::sim::time::{SimTime, parse_span};
use rumqttc::{Client, Connection, Event, Packet, Publish, QoS};

use super::Failure;
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
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

/// What the receiving thread hands the twin.
enum Incoming {
    Connected { session_present: bool },
    Subscribed,
    Message(Publish, Instant),
    Lost(String),
}

/// Polls the connection (reconnecting after each error) and hands on what comes.
fn receive(mut connection: Connection, tx: Sender<Incoming>) {
    for event in connection.iter() {
        let incoming = match event {
            Ok(Event::Incoming(Packet::Publish(p))) => Incoming::Message(p, Instant::now()),
            Ok(Event::Incoming(Packet::ConnAck(ack))) => Incoming::Connected {
                session_present: ack.session_present,
            },
            Ok(Event::Incoming(Packet::SubAck(_))) => Incoming::Subscribed,
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
    let mut twin = Twin::open(args, &scenario)?;
    let lateness = twin.feed.options().lateness;
    // Acknowledged only once journaled (`Twin::commit`), so nothing acknowledged is lost on a kill.
    let mut options = broker.options(&args.client_id);
    options.set_manual_acks(true);
    let (client, connection) = Client::new(options, 1024);
    let (tx, rx) = channel();
    std::thread::spawn(move || receive(connection, tx));
    let mut lags = Lags::default();
    let mut paced: Option<(SimTime, Instant)> = None;
    let started = Instant::now();
    loop {
        take(&rx, &client, args, &mut twin, &mut lags, &mut paced)?;
        if let (Some(speed), Some((from, wall))) = (args.speed, paced) {
            let ran = SimTime::from_secs_f64(wall.elapsed().as_secs_f64() * speed);
            twin.advance_clock(SimTime((from + ran).0.saturating_sub(lateness.0)));
        }
        twin.step()?;
        lags.applied_before(twin.feed.watermark());
        if twin.feed.is_closed() || twin.stepper.is_finished() {
            break;
        }
    }
    let _ = client.disconnect();
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
        println!("digest {}", s.digest);
    }
    Ok(())
}

/// Takes what has come from the broker (waiting a little when nothing has), offering each
/// message to the twin, then acknowledges the messages once the twin has journaled them.
fn take(
    rx: &Receiver<Incoming>,
    client: &Client,
    args: &LiveArgs,
    twin: &mut Twin,
    lags: &mut Lags,
    paced: &mut Option<(SimTime, Instant)>,
) -> Result<(), Failure> {
    let mut next = match rx.recv_timeout(Duration::from_millis(20)) {
        Ok(incoming) => Some(incoming),
        Err(RecvTimeoutError::Timeout) => None,
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
                if !session_present {
                    client
                        .subscribe(args.topic.clone(), QoS::AtLeastOnce)
                        .map_err(|e| Failure::RunFailed(format!("cannot subscribe to {}: {e}", args.topic)))?;
                }
            }
            Incoming::Subscribed => eprintln!("porttwin live: subscribed to {}", args.topic),
            Incoming::Lost(reason) => eprintln!("porttwin live: broker connection lost ({reason}); reconnecting"),
            Incoming::Message(publish, at_wall) => {
                let text = String::from_utf8_lossy(&publish.payload);
                if let Ok(Taken::Held { at }) = twin.offer(&text) {
                    lags.pending.push((at, at_wall));
                    paced.get_or_insert((at, at_wall));
                }
                received.push(publish);
            }
        }
        taken += 1;
        next = if taken < 10_000 { rx.try_recv().ok() } else { None };
    }
    twin.commit()?;
    for publish in &received {
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
