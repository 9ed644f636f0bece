//! The broker side of a live twin: MQTT addresses and the client settings the twin and the
//! replay publisher share (QoS 1, persistent sessions, so a broker restart with persistence
//! loses nothing; redelivered messages are dropped by the feed's deduplication).

use std::time::Duration;

use rumqttc::MqttOptions;

/// The MQTT port when an address names none (IANA's registration for MQTT).
pub const DEFAULT_PORT: u16 = 1883;

/// How often the client pings an idle broker (an assumption: short, so a dead broker is noticed
/// within seconds).
pub const KEEP_ALIVE: Duration = Duration::from_secs(5);

/// The largest message taken or sent (an event-log line is at most a few kB).
pub const MAX_PACKET_BYTES: usize = 1 << 20;

/// A broker's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broker {
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
}

/// Why an address is not a broker's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{address}` is not a broker address like mqtt://127.0.0.1:1883: {reason}")]
pub struct AddressError {
    /// The address given.
    pub address: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Broker {
    /// Reads `mqtt://HOST[:PORT]` (plain TCP; TLS is not supported).
    pub fn parse(address: &str) -> Result<Self, AddressError> {
        let bad = |reason: &str| AddressError {
            address: address.to_string(),
            reason: reason.to_string(),
        };
        let rest = address.strip_prefix("mqtt://").ok_or_else(|| bad("it must start with mqtt://"))?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse::<u16>().map_err(|_| bad("the port must be a number from 1 to 65535"))?,
            ),
            None => (rest, DEFAULT_PORT),
        };
        if host.is_empty() || host.contains('/') || port == 0 {
            return Err(bad("it needs a host and no path"));
        }
        Ok(Self {
            host: host.to_string(),
            port,
        })
    }

    /// Client settings for `client_id` with a persistent session (`clean_session = false`):
    /// the broker keeps the client's subscriptions and unacknowledged QoS 1 messages while it
    /// is away, and the client republishes its own unacknowledged ones when it is back.
    pub fn options(&self, client_id: &str) -> MqttOptions {
        let mut options = MqttOptions::new(client_id, self.host.clone(), self.port);
        options
            .set_keep_alive(KEEP_ALIVE)
            .set_clean_session(false)
            .set_max_packet_size(MAX_PACKET_BYTES, MAX_PACKET_BYTES);
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_host_and_port() {
        assert_eq!(
            Broker::parse("mqtt://127.0.0.1:18830"),
            Ok(Broker {
                host: "127.0.0.1".into(),
                port: 18830
            })
        );
        assert_eq!(Broker::parse("mqtt://broker").map(|b| b.port), Ok(DEFAULT_PORT));
        for bad in ["127.0.0.1:1883", "mqtt://", "mqtt://h:port", "mqtt://h:0", "mqtt://h/x"] {
            assert!(Broker::parse(bad).is_err(), "{bad}");
        }
    }
}
