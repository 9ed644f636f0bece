//! Seeded random streams.
//!
//! Every random draw in a run comes from a named stream derived from
//! `(seed, name)`, so adding a stream never shifts another. Long-lived
//! domain streams are ChaCha8; each agent carries its own small
//! SplitMix64 stream so that the same traveller gets the same service
//! times and route choices whatever the staffing (common random numbers
//! across policy variants).

use std::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_chacha::ChaCha8Rng;

/// A long-lived named stream.
pub type Stream = ChaCha8Rng;

/// 64-bit FNV-1a hash of bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The SplitMix64 output function: a strong 64-bit mixer.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The seed of stream `name` under run seed `seed`.
pub fn stream_seed(seed: u64, name: &str) -> u64 {
    mix64(mix64(seed) ^ fnv1a(name.as_bytes()))
}

/// The stream `name` under run seed `seed`.
pub fn stream(seed: u64, name: &str) -> Stream {
    ChaCha8Rng::seed_from_u64(stream_seed(seed, name))
}

/// A stream's exact position as a snapshot saves it: its key, stream number and word
/// position (the draws already made), so the restored stream continues with the next draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StreamState {
    key: [u8; 32],
    stream: u64,
    word_pos: u128,
}

impl StreamState {
    /// Where `rng` stands now.
    pub fn of(rng: &Stream) -> Self {
        Self {
            key: rng.get_seed(),
            stream: rng.get_stream(),
            word_pos: rng.get_word_pos(),
        }
    }

    /// The stream, continuing where it stood.
    pub fn resume(&self) -> Stream {
        let mut rng = ChaCha8Rng::from_seed(self.key);
        rng.set_stream(self.stream);
        rng.set_word_pos(self.word_pos);
        rng
    }
}

/// Serde for a [`Stream`] field, as its [`StreamState`]: `#[serde(with = "crate::sim::rng::saved")]`.
pub mod saved {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Stream, StreamState};

    /// Writes the stream's position.
    pub fn serialize<S: Serializer>(rng: &Stream, serializer: S) -> Result<S::Ok, S::Error> {
        StreamState::of(rng).serialize(serializer)
    }

    /// Reads a stream's position back.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Stream, D::Error> {
        StreamState::deserialize(deserializer).map(|state| state.resume())
    }
}

/// A small per-agent stream (SplitMix64, Steele et al. 2014).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgentRng {
    state: u64,
}

impl AgentRng {
    /// A stream starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }
}

impl TryRng for AgentRng {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        Ok(mix64(self.state))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let word = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, RngExt};

    #[test]
    fn streams_depend_on_seed_and_name_only() {
        let a = stream(7, "service/desks").next_u64();
        assert_eq!(a, stream(7, "service/desks").next_u64());
        assert_ne!(a, stream(8, "service/desks").next_u64());
        assert_ne!(a, stream(7, "service/egates").next_u64());
    }

    #[test]
    fn a_saved_stream_continues_with_the_next_draw() {
        let mut rng = stream(3, "arrivals/coach");
        for skip in [0, 1, 7, 16, 63, 64, 65] {
            for _ in 0..skip {
                rng.next_u32();
            }
            let mut resumed = StreamState::of(&rng).resume();
            let (a, b): (Vec<u64>, Vec<u64>) = (0..40).map(|_| (rng.next_u64(), resumed.next_u64())).unzip();
            assert_eq!(a, b, "after {skip} more words");
        }
    }

    #[test]
    fn agent_stream_is_uniform_enough() {
        let mut rng = AgentRng::new(42);
        let n = 100_000;
        let mean: f64 = (0..n).map(|_| rng.random::<f64>()).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "{mean}");
    }
}
