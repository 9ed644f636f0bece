//! A 64-bit digest of everything that happened in a run.
//!
//! FNV-1a over little-endian words: the same on every platform, cheap
//! enough to feed every service start and exit.

use crate::sim::rng::fnv1a;

/// Incremental FNV-1a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(fnv1a(&[]))
    }
}

impl Digest {
    /// Adds words to the digest.
    pub fn write(&mut self, words: &[u64]) {
        for word in words {
            for byte in word.to_le_bytes() {
                self.0 ^= byte as u64;
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }

    /// The digest value.
    pub fn value(&self) -> u64 {
        self.0
    }

    /// As 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}
