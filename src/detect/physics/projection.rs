//! Projecting solids onto the detector grid: areal density per basis material per pixel.
//!
//! Each pixel receives, for every solid its beam crosses, density × chord
//! (g/cm²) spread over the basis materials by the solid's basis mix. Boxes
//! and cylinders lying across the beam are integrated exactly over the pixel
//! (partial volumes: a 1 mm wire in a 5 mm pixel adds a fifth of its chord);
//! cylinders along the beam and ellipsoids are sampled 3 × 3 per pixel. The
//! beam is taken as parallel (fan-beam magnification is left out).

use super::basis::BasisFit;
use super::shape::{Axis, Shape, Solid};

/// Supersampling per pixel side for shapes without a closed-form pixel integral.
const SAMPLES: usize = 3;

/// The detector grid of one view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Beam direction: `Y` for a side view, `Z` for a top view.
    pub beam: Axis,
    /// x of the left edge of column 0, mm.
    pub x0_mm: f64,
    /// Coordinate (z for a side view, y for a top view) of the top edge of row 0, mm.
    pub v_top_mm: f64,
    /// Pixel pitch along x, mm.
    pub pitch_x_mm: f64,
    /// Pixel pitch along the detector column, mm.
    pub pitch_v_mm: f64,
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
}

impl View {
    /// The grid covering `x0..x1` by `v0..v1` (mm) at the given pitches.
    pub fn covering(beam: Axis, x: (f64, f64), v: (f64, f64), pitch_x_mm: f64, pitch_v_mm: f64) -> View {
        View {
            beam,
            x0_mm: x.0,
            v_top_mm: v.1,
            pitch_x_mm,
            pitch_v_mm,
            width: ((x.1 - x.0) / pitch_x_mm).ceil().max(1.0) as usize,
            height: ((v.1 - v.0) / pitch_v_mm).ceil().max(1.0) as usize,
        }
    }

    /// Index of the image's vertical coordinate in a point.
    pub fn v_index(&self) -> usize {
        if self.beam == Axis::Z { 1 } else { 2 }
    }

    /// Columns and rows of the pixels whose area the box `x0..x1`, `v0..v1` (mm) overlaps.
    pub fn pixel_box(&self, x: (f64, f64), v: (f64, f64)) -> Option<(usize, usize, usize, usize)> {
        let c0 = ((x.0 - self.x0_mm) / self.pitch_x_mm).floor().max(0.0) as usize;
        let c1 = (((x.1 - self.x0_mm) / self.pitch_x_mm).ceil().max(0.0) as usize).min(self.width);
        let r0 = ((self.v_top_mm - v.1) / self.pitch_v_mm).floor().max(0.0) as usize;
        let r1 = (((self.v_top_mm - v.0) / self.pitch_v_mm).ceil().max(0.0) as usize).min(self.height);
        (c0 < c1 && r0 < r1).then_some((c0, c1, r0, r1))
    }

    fn col_range(&self, c: usize) -> (f64, f64) {
        let a = self.x0_mm + c as f64 * self.pitch_x_mm;
        (a, a + self.pitch_x_mm)
    }

    fn row_range(&self, r: usize) -> (f64, f64) {
        let top = self.v_top_mm - r as f64 * self.pitch_v_mm;
        (top - self.pitch_v_mm, top)
    }
}

/// Areal densities of the three basis materials per pixel, g/cm².
#[derive(Debug, Clone, PartialEq)]
pub struct AreaDensity {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// One plane per basis material, row-major.
    pub planes: [Vec<f32>; 3],
}

impl AreaDensity {
    /// The projection of `solids` onto `view`, each split over the basis by `fit`.
    pub fn project(solids: &[Solid], view: &View, fit: &BasisFit) -> AreaDensity {
        let n = view.width * view.height;
        let mut out = AreaDensity {
            width: view.width,
            height: view.height,
            planes: [vec![0.0; n], vec![0.0; n], vec![0.0; n]],
        };
        for solid in solids {
            let coef = fit.coefficients(solid.material);
            // g/cm3 x mm / 10 = g/cm2.
            let k = coef.map(|c| (c * solid.density_g_cm3 / 10.0) as f32);
            out.add(solid.shape, view, k);
        }
        out
    }

    fn add(&mut self, shape: Shape, view: &View, k: [f32; 3]) {
        let (b, vi) = (view.beam.index(), view.v_index());
        let (lo, hi) = shape.bounds();
        let Some((c0, c1, r0, r1)) = view.pixel_box((lo[0], hi[0]), (lo[vi], hi[vi])) else {
            return;
        };
        let cols: Vec<(f64, f64)> = (c0..c1).map(|c| view.col_range(c)).collect();
        let rows: Vec<(f64, f64)> = (r0..r1).map(|r| view.row_range(r)).collect();
        let mut put = |ci: usize, ri: usize, chord_mm: f64| {
            if chord_mm > 0.0 {
                let i = (r0 + ri) * self.width + c0 + ci;
                for (plane, &kp) in self.planes.iter_mut().zip(k.iter()) {
                    if kp != 0.0 {
                        plane[i] += kp * chord_mm as f32;
                    }
                }
            }
        };
        match shape {
            Shape::Box { min, max } => {
                let depth = max[b] - min[b];
                let fu: Vec<f64> = cols.iter().map(|&p| overlap((min[0], max[0]), p)).collect();
                for (ri, &rr) in rows.iter().enumerate() {
                    let fv = overlap((min[vi], max[vi]), rr);
                    if fv > 0.0 {
                        for (ci, &f) in fu.iter().enumerate() {
                            put(ci, ri, depth * f * fv);
                        }
                    }
                }
            }
            Shape::Cylinder {
                axis,
                centre,
                radius,
                inner_radius,
                half_length,
            } if axis.index() != b => {
                // Lies across the beam: the chord depends on the distance across the axis.
                let along_u = axis == Axis::X;
                let (ca, cc) = if along_u {
                    (centre[0], centre[vi])
                } else {
                    (centre[vi], centre[0])
                };
                let extent = (ca - half_length, ca + half_length);
                let chord_over = |p: (f64, f64)| mean_chord(radius, p.0 - cc, p.1 - cc) - mean_chord(inner_radius, p.0 - cc, p.1 - cc);
                for (ri, &rr) in rows.iter().enumerate() {
                    for (ci, &cr) in cols.iter().enumerate() {
                        let (along, across) = if along_u { (cr, rr) } else { (rr, cr) };
                        let f = overlap(extent, along);
                        if f > 0.0 {
                            put(ci, ri, f * chord_over(across));
                        }
                    }
                }
            }
            Shape::Cylinder {
                centre,
                radius,
                inner_radius,
                half_length,
                ..
            } => {
                let (r2, i2) = (radius * radius, inner_radius * inner_radius);
                sample(
                    &cols,
                    &rows,
                    |u, v| {
                        let d2 = (u - centre[0]).powi(2) + (v - centre[vi]).powi(2);
                        if d2 < r2 && d2 >= i2 { 2.0 * half_length } else { 0.0 }
                    },
                    &mut put,
                );
            }
            Shape::Ellipsoid { centre, radii } => {
                sample(
                    &cols,
                    &rows,
                    |u, v| {
                        let s = 1.0 - ((u - centre[0]) / radii[0]).powi(2) - ((v - centre[vi]) / radii[vi]).powi(2);
                        if s > 0.0 { 2.0 * radii[b] * s.sqrt() } else { 0.0 }
                    },
                    &mut put,
                );
            }
        }
    }
}

/// Mean of `chord(u, v)` over a SAMPLES × SAMPLES grid in each pixel.
fn sample(cols: &[(f64, f64)], rows: &[(f64, f64)], chord: impl Fn(f64, f64) -> f64, put: &mut impl FnMut(usize, usize, f64)) {
    let n = SAMPLES as f64;
    for (ri, &(v0, v1)) in rows.iter().enumerate() {
        for (ci, &(u0, u1)) in cols.iter().enumerate() {
            let mut sum = 0.0;
            for a in 0..SAMPLES {
                for b in 0..SAMPLES {
                    let u = u0 + (a as f64 + 0.5) / n * (u1 - u0);
                    let v = v0 + (b as f64 + 0.5) / n * (v1 - v0);
                    sum += chord(u, v);
                }
            }
            put(ci, ri, sum / (n * n));
        }
    }
}

/// Share of the pixel interval `p` covered by `span`.
fn overlap(span: (f64, f64), p: (f64, f64)) -> f64 {
    ((span.1.min(p.1) - span.0.max(p.0)) / (p.1 - p.0)).max(0.0)
}

/// Mean chord of a circle of radius `r` over offsets `d0..d1` from its centre:
/// the integral of 2√(r² − d²), d√(r² − d²) + r² asin(d/r), divided by the width.
fn mean_chord(r: f64, d0: f64, d1: f64) -> f64 {
    if r <= 0.0 {
        return 0.0;
    }
    let g = |d: f64| {
        let d = d.clamp(-r, r);
        d * (r * r - d * d).max(0.0).sqrt() + r * r * (d / r).asin()
    };
    (g(d1) - g(d0)) / (d1 - d0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::physics::basis::CARGO_BASIS;
    use crate::detect::physics::material::Material;
    use crate::detect::physics::shape::Part;

    fn fit() -> BasisFit {
        use crate::detect::physics::detector::{Channel, Detector};
        use crate::detect::physics::spectrum::Spectrum;
        let det = Detector {
            material: Material::CadmiumTungstate,
            thickness_mm: 30.0,
        };
        let ch = Channel::new(&Spectrum::linac(6.0, 2.0, 0.1, 24), &[], det);
        BasisFit::new(CARGO_BASIS, &[&ch])
    }

    #[test]
    fn projected_mass_equals_the_solids_mass() {
        let fit = fit();
        let view = View::covering(Axis::Y, (0.0, 1000.0), (0.0, 1000.0), 5.0, 5.0);
        let solids = [
            Solid::of(
                Shape::cuboid([101.3, 0.0, 50.7], [333.3, 200.0, 120.1]),
                Material::Iron,
                Part::TestObject,
            ),
            Solid::of(
                Shape::Cylinder {
                    axis: Axis::X,
                    centre: [500.0, 100.0, 500.0],
                    radius: 37.0,
                    inner_radius: 20.0,
                    half_length: 211.0,
                },
                Material::Iron,
                Part::TestObject,
            ),
            Solid::of(
                Shape::Cylinder {
                    axis: Axis::Z,
                    centre: [300.0, 100.0, 700.0],
                    radius: 61.0,
                    inner_radius: 0.0,
                    half_length: 90.0,
                },
                Material::Iron,
                Part::TestObject,
            ),
        ];
        let ad = AreaDensity::project(&solids, &view, &fit);
        // Iron basis plane x pixel area (0.25 cm2) = grams.
        let grams: f64 = ad.planes[1].iter().map(|&v| f64::from(v) * 0.25).sum();
        let truth: f64 = solids.iter().map(|s| s.mass_kg() * 1000.0).sum();
        assert!((grams / truth - 1.0).abs() < 1e-4, "{grams} vs {truth}");
    }

    #[test]
    fn a_thin_wire_adds_its_partial_volume() {
        let fit = fit();
        let view = View::covering(Axis::Y, (0.0, 50.0), (0.0, 50.0), 5.0, 5.0);
        let wire = Solid::of(
            Shape::Cylinder {
                axis: Axis::Z,
                centre: [12.5, 0.0, 25.0],
                radius: 0.5,
                inner_radius: 0.0,
                half_length: 25.0,
            },
            Material::Iron,
            Part::TestObject,
        );
        let ad = AreaDensity::project(&[wire], &view, &fit);
        // Cross-section pi r^2 = 0.785 mm2 spread over a 5 mm column: 0.157 mm of iron.
        let v = ad.planes[1][2];
        assert!((f64::from(v) - 7.874 * 0.0157).abs() < 1e-4, "{v}");
        assert_eq!(ad.planes[1][1], 0.0);
    }
}
