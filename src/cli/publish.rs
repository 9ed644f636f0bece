//! `porttwin publish LOG --broker mqtt://HOST:PORT --speed 60`: sends an event log's lines to a
//! broker (QoS 1, persistent session), paced by their event times, one at a time: each is sent
//! again until the broker acknowledges it. Then a final clock message tells a twin following
//! the topic that the stream is complete.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use porttwin::live::CLOCK;
use porttwin::live::mqtt::Broker;
use rumqttc::{Client, Event, Outgoing, Packet, QoS};

use super::Failure;

/// How long the publisher tries to have one message acknowledged (an assumption: long enough
/// for a broker restart).
const ACK_TIMEOUT: Duration = Duration::from_secs(120);

/// How long it waits for an acknowledgement before sending the message again (an assumption:
/// a local broker acknowledges in milliseconds, a restart takes about a second).
const RETRY: Duration = Duration::from_secs(3);

/// Arguments of `porttwin publish`.
#[derive(clap::Args, Debug)]
pub struct PublishArgs {
    /// The event log (JSON Lines, docs/event-log.md).
    pub log: PathBuf,
    /// The broker.
    #[arg(long, default_value = "mqtt://127.0.0.1:1883")]
    pub broker: String,
    /// The topic to publish on.
    #[arg(long, default_value = "port/events")]
    pub topic: String,
    /// Simulated seconds per wall-clock second between events (0: as fast as the broker takes them).
    #[arg(long, default_value_t = 60.0)]
    pub speed: f64,
    /// The client id (the broker keeps its session, so unacknowledged lines are sent again
    /// after a broker restart).
    #[arg(long, default_value = "porttwin-publish")]
    pub client_id: String,
}

pub fn execute(args: &PublishArgs) -> Result<(), Failure> {
    let broker = Broker::parse(&args.broker).map_err(|e| Failure::BadInput(e.to_string()))?;
    if !(args.speed.is_finite() && args.speed >= 0.0) {
        return Err(Failure::BadInput("--speed must be 0 or a positive number".into()));
    }
    let file = args.log.display().to_string();
    let log = porttwin::eventlog::read(&args.log).map_err(|e| Failure::BadInput(e.to_string()))?;
    let text = std::fs::read_to_string(&args.log).map_err(|e| Failure::BadInput(format!("cannot read {file}: {e}")))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != log.events.len() {
        return Err(Failure::BadInput(format!("{file} changed while it was read")));
    }
    let last_time = lines
        .last()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .and_then(|v| v.get("time").and_then(|t| t.as_str()).map(str::to_string))
        .ok_or_else(|| Failure::BadInput(format!("{file} holds no events")))?;

    let (client, mut connection) = Client::new(broker.options(&args.client_id), 1024);
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for event in connection.iter() {
            let told = match event {
                Ok(Event::Outgoing(Outgoing::Publish(pkid))) => tx.send(Delivery::Sent(pkid)),
                Ok(Event::Incoming(Packet::PubAck(ack))) => tx.send(Delivery::Acked(ack.pkid)),
                Ok(_) => Ok(()),
                Err(error) => {
                    eprintln!("porttwin publish: broker connection lost ({error}); reconnecting");
                    std::thread::sleep(Duration::from_millis(200));
                    Ok(())
                }
            };
            if told.is_err() {
                return;
            }
        }
    });
    let mut sender = Sender {
        client: &client,
        topic: &args.topic,
        rx,
    };
    let started = Instant::now();
    let first = log.events[0].at;
    for (line, event) in lines.iter().zip(&log.events) {
        if args.speed > 0.0 {
            let due = Duration::from_secs_f64((event.at - first).as_secs_f64() / args.speed);
            if let Some(wait) = due.checked_sub(started.elapsed()) {
                std::thread::sleep(wait);
            }
        }
        sender.send(line)?;
    }
    let clock = serde_json::json!({
        "specversion": "1.0",
        "id": format!("final-{}", lines.len()),
        "source": "/porttwin/publish",
        "type": CLOCK,
        "time": last_time,
        "data": {"final": true},
    });
    sender.send(&clock.to_string())?;
    let _ = client.disconnect();
    println!(
        "published {} events and the final clock to {} on {} in {:.1} s",
        lines.len(),
        args.broker,
        args.topic,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What the connection thread tells the sender: a publish went out under a packet id, or the
/// broker acknowledged one.
enum Delivery {
    Sent(u16),
    Acked(u16),
}

/// Sends one message at a time and waits for the broker's acknowledgement, sending it again
/// when none comes (at least once: the twin drops what comes twice).
struct Sender<'a> {
    client: &'a Client,
    topic: &'a str,
    rx: Receiver<Delivery>,
}

impl Sender<'_> {
    fn send(&mut self, payload: &str) -> Result<(), Failure> {
        let since = Instant::now();
        let mut ids = Vec::new();
        loop {
            self.client
                .publish(self.topic, QoS::AtLeastOnce, false, payload.as_bytes().to_vec())
                .map_err(|e| Failure::RunFailed(format!("cannot publish to {}: {e}", self.topic)))?;
            let tried = Instant::now();
            while tried.elapsed() < RETRY {
                match self.rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(Delivery::Sent(id)) => ids.push(id),
                    Ok(Delivery::Acked(id)) if ids.contains(&id) => return Ok(()),
                    Ok(Delivery::Acked(_)) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return Err(Failure::RunFailed("the broker connection ended".into())),
                }
            }
            if since.elapsed() > ACK_TIMEOUT {
                return Err(Failure::RunFailed(format!(
                    "the broker did not acknowledge a message in {} s",
                    ACK_TIMEOUT.as_secs()
                )));
            }
        }
    }
}
