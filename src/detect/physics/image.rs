//! The raw output of a dual-energy scan: two 16-bit attenuation images.
//!
//! Each pixel stores −ln(T), T the dark- and gain-corrected transmission
//! relative to air, as `OFFSET + SCALE·(−ln T)`: 4096 steps per neper with
//! an offset that keeps noise about air unclipped, so the code spans up to
//! about 15.7 nepers (T ≈ 1.5e-7), beyond what any detector measures.

/// Code of air (T = 1).
pub const OFFSET: f32 = 1024.0;
/// Codes per neper of attenuation.
pub const SCALE: f32 = 4096.0;

/// A dual-energy scan of one view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DualEnergyImage {
    /// Columns (along the direction of travel).
    pub width: usize,
    /// Rows (along the detector column, top first).
    pub height: usize,
    /// Low-energy channel, row-major.
    pub low: Vec<u16>,
    /// High-energy channel, row-major.
    pub high: Vec<u16>,
}

/// Encodes an attenuation −ln T.
pub fn encode(attenuation: f32) -> u16 {
    (OFFSET + SCALE * attenuation).round().clamp(0.0, 65535.0) as u16
}

/// Decodes a pixel code into −ln T.
pub fn decode(code: u16) -> f32 {
    (f32::from(code) - OFFSET) / SCALE
}

impl DualEnergyImage {
    /// Attenuation −ln T of the high (`true`) or low channel at pixel `(x, y)`.
    pub fn attenuation(&self, high: bool, x: usize, y: usize) -> f32 {
        let plane = if high { &self.high } else { &self.low };
        decode(plane[y * self.width + x])
    }

    /// Both channels decoded into attenuation, row-major: (low, high).
    pub fn attenuations(&self) -> (Vec<f32>, Vec<f32>) {
        (
            self.low.iter().map(|&c| decode(c)).collect(),
            self.high.iter().map(|&c| decode(c)).collect(),
        )
    }

    /// A 16-bit grayscale PNG of one channel (the raw codes).
    pub fn channel_png(&self, high: bool) -> std::io::Result<Vec<u8>> {
        let plane = if high { &self.high } else { &self.low };
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, self.width as u32, self.height as u32);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Sixteen);
            let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
            let data: Vec<u8> = plane.iter().flat_map(|v| v.to_be_bytes()).collect();
            writer.write_image_data(&data).map_err(std::io::Error::other)?;
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_to_a_quarter_millineper() {
        for a in [0.0f32, 0.5, 3.25, 9.0] {
            assert!((decode(encode(a)) - a).abs() <= 0.5 / SCALE);
        }
        assert_eq!(encode(-1.0), 0);
        assert_eq!(encode(40.0), 65535);
    }
}
