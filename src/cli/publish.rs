//! `porttwin publish LOG --broker mqtt://HOST:PORT --speed 60`: sends an event log's lines to a
//! broker (QoS 1, persistent session), paced by their event times, then a final clock message
//! once the broker has acknowledged every line, so a twin following the topic knows the stream
//! is complete.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use porttwin::live::CLOCK;
use porttwin::live::mqtt::Broker;
use rumqttc::{Client, Event, Packet, QoS};

use super::Failure;

/// How long the publisher waits for the broker to acknowledge what it sent (an assumption:
/// long enough for a broker restart).
const ACK_TIMEOUT: Duration = Duration::from_secs(120);

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
    let acked = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&acked);
    std::thread::spawn(move || {
        for event in connection.iter() {
            match event {
                Ok(Event::Incoming(Packet::PubAck(_))) => {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
                Ok(_) => {}
                Err(error) => {
                    eprintln!("porttwin publish: broker connection lost ({error}); reconnecting");
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        }
    });
    let publish = |payload: &str| {
        client
            .publish(args.topic.clone(), QoS::AtLeastOnce, false, payload.as_bytes().to_vec())
            .map_err(|e| Failure::RunFailed(format!("cannot publish to {}: {e}", args.topic)))
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
        publish(line)?;
    }
    let sent = lines.len() as u64;
    wait_for(&acked, sent)?;
    let clock = serde_json::json!({
        "specversion": "1.0",
        "id": format!("final-{sent}"),
        "source": "/porttwin/publish",
        "type": CLOCK,
        "time": last_time,
        "data": {"final": true},
    });
    publish(&clock.to_string())?;
    wait_for(&acked, sent + 1)?;
    let _ = client.disconnect();
    println!(
        "published {sent} events and the final clock to {} on {} in {:.1} s",
        args.broker,
        args.topic,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Waits until the broker has acknowledged `count` messages.
fn wait_for(acked: &AtomicU64, count: u64) -> Result<(), Failure> {
    let since = Instant::now();
    while acked.load(Ordering::SeqCst) < count {
        if since.elapsed() > ACK_TIMEOUT {
            return Err(Failure::RunFailed(format!(
                "the broker acknowledged {} of {count} messages in {} s",
                acked.load(Ordering::SeqCst),
                ACK_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}
