//! The analyst's display: the usual dual-energy colour coding (orange organic, green mixed,
//! blue inorganic, black impenetrable), brightness from the high-energy transmission.

use super::image::DualEnergyImage;
use super::zeff::MaterialClass;

/// Attenuation (nepers) shown as black.
const BLACK_AT: f32 = 8.0;

fn colour(class: MaterialClass) -> [f32; 3] {
    match class {
        MaterialClass::Organic => [255.0, 140.0, 0.0],
        MaterialClass::Mixed => [40.0, 170.0, 40.0],
        MaterialClass::Inorganic => [30.0, 90.0, 255.0],
        MaterialClass::Impenetrable => [0.0, 0.0, 0.0],
        MaterialClass::Ambiguous | MaterialClass::Empty => [150.0, 150.0, 150.0],
    }
}

/// RGB pixels of the analyst view, row-major.
pub fn analyst_rgb(image: &DualEnergyImage, classes: &[MaterialClass]) -> Vec<u8> {
    let (_, high) = image.attenuations();
    high.iter()
        .zip(classes)
        .flat_map(|(&a, &class)| {
            let a = (a / BLACK_AT).clamp(0.0, 1.0);
            let tint = (a * 6.0).min(1.0);
            let light = (1.0 - a).powf(0.8);
            let c = colour(class);
            let px = |k: usize| ((255.0 * (1.0 - tint) + c[k] * tint) * light).round().clamp(0.0, 255.0) as u8;
            if class == MaterialClass::Impenetrable {
                [0, 0, 0]
            } else {
                [px(0), px(1), px(2)]
            }
        })
        .collect()
}

/// The analyst view as a PNG at the scan's own resolution.
pub fn analyst_png(image: &DualEnergyImage, classes: &[MaterialClass]) -> std::io::Result<Vec<u8>> {
    let rgb = analyst_rgb(image, classes);
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, image.width as u32, image.height as u32);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
        writer.write_image_data(&rgb).map_err(std::io::Error::other)?;
    }
    Ok(bytes)
}
