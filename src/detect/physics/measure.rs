//! Measuring rendered scans: regions of interest, contrast-to-noise and Rose visibility.
//!
//! Visibility follows Rose's criterion (Rose, J. Opt. Soc. Am. 38, 196
//! (1948)): an object is seen when its contrast over the pixel noise, times
//! the square root of the pixels it covers, reaches about 5.

use super::image::DualEnergyImage;
use super::projection::View;

/// Rose's threshold for a visible object.
pub const ROSE_K: f64 = 5.0;

/// A rectangle in scene coordinates, mm: x range and vertical-coordinate range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roi {
    /// x range.
    pub x: (f64, f64),
    /// Vertical range (z for side views, y for top views).
    pub v: (f64, f64),
}

/// Mean, standard deviation and count of pixel values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub std: f64,
    /// Pixels.
    pub n: usize,
}

/// Pixels lying wholly inside `roi`: columns and rows.
pub fn pixels(view: &View, roi: Roi) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let c0 = ((roi.x.0 - view.x0_mm) / view.pitch_x_mm).ceil().max(0.0) as usize;
    let c1 = (((roi.x.1 - view.x0_mm) / view.pitch_x_mm).floor().max(0.0) as usize).min(view.width);
    let r0 = ((view.v_top_mm - roi.v.1) / view.pitch_v_mm).ceil().max(0.0) as usize;
    let r1 = (((view.v_top_mm - roi.v.0) / view.pitch_v_mm).floor().max(0.0) as usize).min(view.height);
    (c0..c1.max(c0), r0..r1.max(r0))
}

/// Statistics of `f(value)` over the pixels of `roi` in the high (`true`) or low channel's attenuation.
pub fn stats(image: &DualEnergyImage, view: &View, roi: Roi, high: bool, f: impl Fn(f64) -> f64) -> Stats {
    let (cols, rows) = pixels(view, roi);
    let values: Vec<f64> = rows
        .flat_map(|y| cols.clone().map(move |x| (x, y)))
        .map(|(x, y)| f(f64::from(image.attenuation(high, x, y))))
        .collect();
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n.max(1) as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n.max(2) - 1) as f64;
    Stats { mean, std: var.sqrt(), n }
}

/// Rose visibility of an object region against a background region, measured on attenuation
/// (`linear = false`) or on transmission e^(−A) (`linear = true`): |Δmean| / σ_background × √n_object.
pub fn visibility(image: &DualEnergyImage, view: &View, object: Roi, background: Roi, linear: bool) -> f64 {
    let f = |a: f64| if linear { (-a).exp() } else { a };
    let o = stats(image, view, object, true, f);
    let b = stats(image, view, background, true, f);
    (o.mean - b.mean).abs() / b.std.max(1e-12) * (o.n as f64).sqrt()
}
