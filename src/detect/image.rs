//! A scanner image: 8-bit grayscale, log-encoded attenuation (dark = dense).

use std::io;

/// Attenuation shown as black: pixels span `0..=MU_MAX` (`-ln` of the transmitted fraction).
pub const MU_MAX: f32 = 5.0;

/// One grayscale scan, row-major: 255 is air, 0 is [`MU_MAX`] or more.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScanImage {
    /// Pixels per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// `height * width` pixels.
    pub pixels: Vec<u8>,
}

impl ScanImage {
    /// Encodes the image as a PNG file.
    pub fn to_png(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, self.width as u32, self.height as u32);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(io::Error::other)?;
            writer.write_image_data(&self.pixels).map_err(io::Error::other)?;
        }
        Ok(bytes)
    }

    /// Writes the pixels as model input (`pixel / 255`) into `out`, which must hold `width * height` values.
    pub fn write_input(&self, out: &mut [f32]) {
        for (o, &p) in out.iter_mut().zip(&self.pixels) {
            *o = f32::from(p) / 255.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_starts_with_signature_and_input_is_scaled() {
        let image = ScanImage {
            width: 3,
            height: 2,
            pixels: vec![0, 51, 255, 0, 0, 0],
        };
        assert_eq!(&image.to_png().unwrap()[..8], b"\x89PNG\r\n\x1a\n");
        let mut input = [9.0; 6];
        image.write_input(&mut input);
        assert_eq!(&input[..3], &[0.0, 0.2, 1.0]);
    }
}
