//! Image-quality test objects after ANSI N42.46 / IEC 62523 (cargo) and ASTM F792 (bags), and
//! the figures measured on their scans.
//!
//! The shapes follow the standards' test methods (a total absorber behind
//! steel steps for penetration, thin plates on a steel base for contrast
//! sensitivity, bar patterns and wires for resolution, material samples
//! for discrimination); exact dimensions of the standards' objects are not
//! reproduced and are stated here instead.

use rand::Rng;

use super::material::Material;
use super::measure::{ROSE_K, Roi, stats, visibility};
use super::scanner::Scanner;
use super::shape::{Axis, Part, Shape, Solid};
use super::zeff::MaterialClass;

fn block(material: Material, x: (f64, f64), y: (f64, f64), z: (f64, f64)) -> Solid {
    Solid::of(
        Shape::Box {
            min: [x.0, y.0, z.0],
            max: [x.1, y.1, z.1],
        },
        material,
        Part::TestObject,
    )
}

/// Steel penetration: for each steel thickness (mm, along the beam), a 300 mm wide step with a
/// total absorber (lead, `absorber_mm` along the beam, `block_mm` square) behind its lower half.
/// Returns the thickest step whose absorber is visible (Rose), and each step's visibility.
pub fn steel_penetration<R: Rng + ?Sized>(
    scanner: &Scanner,
    steps_mm: &[f64],
    block_mm: f64,
    absorber_mm: f64,
    rng: &mut R,
) -> (Option<f64>, Vec<(f64, f64)>) {
    let step_w = 3.0 * block_mm;
    let height = 4.0 * block_mm;
    let mut solids = Vec::new();
    for (i, &t) in steps_mm.iter().enumerate() {
        let x0 = i as f64 * step_w;
        solids.push(block(Material::Steel, (x0, x0 + step_w), (0.0, t), (0.0, height)));
        let bx = x0 + block_mm;
        solids.push(block(
            Material::Lead,
            (bx, bx + block_mm),
            (t + 10.0, t + 10.0 + absorber_mm),
            (block_mm, 2.0 * block_mm),
        ));
    }
    let view = scanner.view(Axis::Y, (0.0, step_w * steps_mm.len() as f64), (0.0, height));
    let image = scanner.scan(&solids, &view, rng);
    let inset = 0.15 * block_mm;
    let figures: Vec<(f64, f64)> = steps_mm
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            let bx = i as f64 * step_w + block_mm;
            let object = Roi {
                x: (bx + inset, bx + block_mm - inset),
                v: (block_mm + inset, 2.0 * block_mm - inset),
            };
            let background = Roi {
                x: (bx + inset, bx + block_mm - inset),
                v: (2.5 * block_mm, 3.5 * block_mm),
            };
            (t, visibility(&image, &view, object, background, true))
        })
        .collect();
    let best = figures
        .iter()
        .filter(|f| f.1 >= ROSE_K)
        .map(|f| f.0)
        .fold(None, |a: Option<f64>, t| Some(a.map_or(t, |a| a.max(t))));
    (best, figures)
}

/// Contrast sensitivity: plates of extra steel (mm) on a `base_mm` steel block, each a `plate_mm`
/// square. Returns the thinnest visible plate as a percentage of the base, and each plate's visibility.
pub fn contrast_sensitivity<R: Rng + ?Sized>(
    scanner: &Scanner,
    base_mm: f64,
    plates_mm: &[f64],
    plate_mm: f64,
    rng: &mut R,
) -> (Option<f64>, Vec<(f64, f64)>) {
    let pitch = 2.0 * plate_mm;
    let length = pitch * plates_mm.len() as f64;
    let mut solids = vec![block(Material::Steel, (0.0, length), (0.0, base_mm), (0.0, 3.0 * plate_mm))];
    for (i, &d) in plates_mm.iter().enumerate() {
        let x0 = i as f64 * pitch + plate_mm / 2.0;
        solids.push(block(
            Material::Steel,
            (x0, x0 + plate_mm),
            (base_mm, base_mm + d),
            (plate_mm, 2.0 * plate_mm),
        ));
    }
    let view = scanner.view(Axis::Y, (0.0, length), (0.0, 3.0 * plate_mm));
    let image = scanner.scan(&solids, &view, rng);
    let inset = 0.1 * plate_mm;
    let figures: Vec<(f64, f64)> = plates_mm
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let x0 = i as f64 * pitch + plate_mm / 2.0;
            let object = Roi {
                x: (x0 + inset, x0 + plate_mm - inset),
                v: (plate_mm + inset, 2.0 * plate_mm - inset),
            };
            let background = Roi {
                x: (x0 + inset, x0 + plate_mm - inset),
                v: (2.0 * plate_mm + inset, 3.0 * plate_mm - inset),
            };
            (100.0 * d / base_mm, visibility(&image, &view, object, background, false))
        })
        .collect();
    let best = figures
        .iter()
        .filter(|f| f.1 >= ROSE_K)
        .map(|f| f.0)
        .fold(None, |a: Option<f64>, p| Some(a.map_or(p, |a| a.min(p))));
    (best, figures)
}

/// Bar-pattern resolution: five bars of `material`, `depth_mm` along the beam, each `width` wide
/// with gaps of the same width, for each width (mm). Returns the narrowest width whose pattern keeps
/// a 10 % modulation (of a wide bar's attenuation) and each width's modulation.
pub fn bar_resolution<R: Rng + ?Sized>(
    scanner: &Scanner,
    material: Material,
    depth_mm: f64,
    widths_mm: &[f64],
    rng: &mut R,
) -> (Option<f64>, Vec<(f64, f64)>) {
    let height = 200.0;
    let mut solids = Vec::new();
    let mut x = 20.0;
    let mut groups = Vec::new();
    for &w in widths_mm {
        let start = x + 0.37 * w;
        for b in 0..5 {
            let b0 = start + 2.0 * b as f64 * w;
            solids.push(block(material, (b0, b0 + w), (0.0, depth_mm), (0.0, height)));
        }
        groups.push((w, start));
        x = start + 10.0 * w + 40.0;
    }
    let reference = (x, x + 100.0);
    solids.push(block(material, reference, (0.0, depth_mm), (0.0, height)));
    let view = scanner.view(Axis::Y, (0.0, reference.1 + 20.0), (0.0, height));
    let image = scanner.scan(&solids, &view, rng);
    let rows = (0.2 * height, 0.8 * height);
    let full = stats(
        &image,
        &view,
        Roi {
            x: (reference.0 + 20.0, reference.1 - 20.0),
            v: rows,
        },
        true,
        |a| a,
    )
    .mean;
    // Column profile averaged over the rows.
    let (_, row_range) = super::measure::pixels(&view, Roi { x: (0.0, 1.0), v: rows });
    let profile: Vec<f64> = (0..view.width)
        .map(|c| row_range.clone().map(|r| f64::from(image.attenuation(true, c, r))).sum::<f64>() / row_range.len() as f64)
        .collect();
    let col = |mm: f64| ((mm - view.x0_mm) / view.pitch_x_mm).floor().clamp(0.0, (view.width - 1) as f64) as usize;
    let figures: Vec<(f64, f64)> = groups
        .iter()
        .map(|&(w, start)| {
            let mut sum = 0.0;
            for b in 0..4 {
                let b0 = start + 2.0 * b as f64 * w;
                let peak = (col(b0)..=col(b0 + w)).map(|c| profile[c]).fold(f64::MIN, f64::max);
                let valley = (col(b0 + w)..=col(b0 + 2.0 * w)).map(|c| profile[c]).fold(f64::MAX, f64::min);
                sum += peak - valley;
            }
            (w, sum / 4.0 / full)
        })
        .collect();
    let best = figures
        .iter()
        .filter(|f| f.1 >= 0.1)
        .map(|f| f.0)
        .fold(None, |a: Option<f64>, w| Some(a.map_or(w, |a| a.min(w))));
    (best, figures)
}

/// Wire display: wires of `material` (diameters mm, `length_mm` long, across the image) in free air.
/// Returns the thinnest visible wire (Rose, over its length) and each wire's visibility.
pub fn wire_display<R: Rng + ?Sized>(
    scanner: &Scanner,
    material: Material,
    diameters_mm: &[f64],
    length_mm: f64,
    rng: &mut R,
) -> (Option<f64>, Vec<(f64, f64)>) {
    let spacing = 20.0 * scanner.pitch_mm[0];
    let mut solids = Vec::new();
    for (i, &d) in diameters_mm.iter().enumerate() {
        let x = spacing * (i as f64 + 1.0) + 0.3 * scanner.pitch_mm[0];
        solids.push(Solid::of(
            Shape::Cylinder {
                axis: Axis::Z,
                centre: [x, 50.0, length_mm / 2.0],
                radius: d / 2.0,
                inner_radius: 0.0,
                half_length: length_mm / 2.0,
            },
            material,
            Part::TestObject,
        ));
    }
    let width = spacing * (diameters_mm.len() as f64 + 1.0);
    let view = scanner.view(Axis::Y, (0.0, width), (0.0, length_mm));
    let image = scanner.scan(&solids, &view, rng);
    let rows = (0.1 * length_mm, 0.9 * length_mm);
    let p = scanner.pitch_mm[0];
    let figures: Vec<(f64, f64)> = diameters_mm
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let x = spacing * (i as f64 + 1.0) + 0.3 * p;
            // The wire's column (blur spreads it over about three) against air a few pixels away.
            let wire = Roi {
                x: (x - 1.5 * p, x + 1.5 * p),
                v: rows,
            };
            let air = Roi {
                x: (x + 5.0 * p, x + 8.0 * p),
                v: rows,
            };
            (d, visibility(&image, &view, wire, air, false))
        })
        .collect();
    let best = figures
        .iter()
        .filter(|f| f.1 >= ROSE_K)
        .map(|f| f.0)
        .fold(None, |a: Option<f64>, d| Some(a.map_or(d, |a| a.min(d))));
    (best, figures)
}

/// Material discrimination: a `size_mm` square sample of `material` at `areal_g_cm2`. Returns the
/// share of the sample's pixels in each class (empty, organic, mixed, inorganic, impenetrable, ambiguous).
pub fn classify_sample<R: Rng + ?Sized>(scanner: &Scanner, material: Material, areal_g_cm2: f64, size_mm: f64, rng: &mut R) -> [f64; 6] {
    let depth = areal_g_cm2 / super::material::Catalogue::standard().density(material) * 10.0;
    let solids = [block(
        material,
        (size_mm / 2.0, 1.5 * size_mm),
        (0.0, depth),
        (size_mm / 2.0, 1.5 * size_mm),
    )];
    let view = scanner.view(Axis::Y, (0.0, 2.0 * size_mm), (0.0, 2.0 * size_mm));
    let image = scanner.scan(&solids, &view, rng);
    let classes = scanner.materials(&image);
    let inset = 0.1 * size_mm;
    let (cols, rows) = super::measure::pixels(
        &view,
        Roi {
            x: (size_mm / 2.0 + inset, 1.5 * size_mm - inset),
            v: (size_mm / 2.0 + inset, 1.5 * size_mm - inset),
        },
    );
    let mut counts = [0.0; 6];
    let mut n = 0.0;
    for y in rows {
        for x in cols.clone() {
            let k = match classes[y * view.width + x] {
                MaterialClass::Empty => 0,
                MaterialClass::Organic => 1,
                MaterialClass::Mixed => 2,
                MaterialClass::Inorganic => 3,
                MaterialClass::Impenetrable => 4,
                MaterialClass::Ambiguous => 5,
            };
            counts[k] += 1.0;
            n += 1.0;
        }
    }
    counts.map(|c| c / n)
}
