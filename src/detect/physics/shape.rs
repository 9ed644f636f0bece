//! Solids in a scene: boxes, cylinders and ellipsoids of one material.
//!
//! Coordinates are millimetres: x along the direction of travel (the
//! vehicle or the belt), y across it, z up from the ground or belt.

use super::material::{Catalogue, Material};
use crate::detect::classes::ThreatClass;

/// A coordinate axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Axis {
    /// Along the direction of travel.
    X,
    /// Across it.
    Y,
    /// Up.
    Z,
}

impl Axis {
    /// Index of the axis in a coordinate triple.
    pub fn index(self) -> usize {
        match self {
            Axis::X => 0,
            Axis::Y => 1,
            Axis::Z => 2,
        }
    }
}

/// The geometry of a solid, mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// An axis-aligned box.
    Box {
        /// Lowest corner.
        min: [f64; 3],
        /// Highest corner.
        max: [f64; 3],
    },
    /// A cylinder or tube along an axis.
    Cylinder {
        /// Direction of the axis.
        axis: Axis,
        /// Centre of the cylinder.
        centre: [f64; 3],
        /// Outer radius.
        radius: f64,
        /// Inner radius (0 for a solid cylinder).
        inner_radius: f64,
        /// Half the length along the axis.
        half_length: f64,
    },
    /// An axis-aligned ellipsoid.
    Ellipsoid {
        /// Centre.
        centre: [f64; 3],
        /// Semi-axes along x, y and z.
        radii: [f64; 3],
    },
}

impl Shape {
    /// A box from its lowest corner and its size.
    pub fn cuboid(min: [f64; 3], size: [f64; 3]) -> Shape {
        Shape::Box {
            min,
            max: [min[0] + size[0], min[1] + size[1], min[2] + size[2]],
        }
    }

    /// The bounding box: lowest and highest corners.
    pub fn bounds(&self) -> ([f64; 3], [f64; 3]) {
        match *self {
            Shape::Box { min, max } => (min, max),
            Shape::Cylinder {
                axis,
                centre,
                radius,
                half_length,
                ..
            } => {
                let mut ext = [radius; 3];
                ext[axis.index()] = half_length;
                (
                    [centre[0] - ext[0], centre[1] - ext[1], centre[2] - ext[2]],
                    [centre[0] + ext[0], centre[1] + ext[1], centre[2] + ext[2]],
                )
            }
            Shape::Ellipsoid { centre, radii } => (
                [centre[0] - radii[0], centre[1] - radii[1], centre[2] - radii[2]],
                [centre[0] + radii[0], centre[1] + radii[1], centre[2] + radii[2]],
            ),
        }
    }

    /// Volume, cm³.
    pub fn volume_cm3(&self) -> f64 {
        let mm3 = match *self {
            Shape::Box { min, max } => (max[0] - min[0]) * (max[1] - min[1]) * (max[2] - min[2]),
            Shape::Cylinder {
                radius,
                inner_radius,
                half_length,
                ..
            } => std::f64::consts::PI * (radius * radius - inner_radius * inner_radius) * 2.0 * half_length,
            Shape::Ellipsoid { radii, .. } => 4.0 / 3.0 * std::f64::consts::PI * radii[0] * radii[1] * radii[2],
        };
        mm3 / 1000.0
    }

    /// The same shape moved by `offset`.
    pub fn moved(&self, offset: [f64; 3]) -> Shape {
        let add = |p: [f64; 3]| [p[0] + offset[0], p[1] + offset[1], p[2] + offset[2]];
        match *self {
            Shape::Box { min, max } => Shape::Box {
                min: add(min),
                max: add(max),
            },
            Shape::Cylinder {
                axis,
                centre,
                radius,
                inner_radius,
                half_length,
            } => Shape::Cylinder {
                axis,
                centre: add(centre),
                radius,
                inner_radius,
                half_length,
            },
            Shape::Ellipsoid { centre, radii } => Shape::Ellipsoid {
                centre: add(centre),
                radii,
            },
        }
    }
}

/// What a solid belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The container's structure: walls, floor, roof, rails, doors.
    Container,
    /// The truck: cab, chassis, wheels, fuel tank.
    Vehicle,
    /// Declared goods and their packaging.
    Goods,
    /// A concealed item of a threat class.
    Threat(ThreatClass),
    /// A bag's shell and frame.
    Bag,
    /// Ordinary belongings in a bag.
    Belonging,
    /// An image-quality test object.
    TestObject,
}

/// One solid of one material. A negative density carves a cavity out of what it overlaps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solid {
    /// Geometry.
    pub shape: Shape,
    /// Material (sets μ/ρ).
    pub material: Material,
    /// Density, g/cm³ (bulk density for packed goods; negative for a cavity).
    pub density_g_cm3: f64,
    /// What the solid belongs to.
    pub part: Part,
}

impl Solid {
    /// A solid of `material` at its tabulated density.
    pub fn of(shape: Shape, material: Material, part: Part) -> Solid {
        Solid {
            shape,
            material,
            density_g_cm3: Catalogue::standard().density(material),
            part,
        }
    }

    /// A solid of `material` holding `mass_kg` in its volume.
    pub fn with_mass(shape: Shape, material: Material, mass_kg: f64, part: Part) -> Solid {
        Solid {
            shape,
            material,
            density_g_cm3: mass_kg * 1000.0 / shape.volume_cm3(),
            part,
        }
    }

    /// Mass, kg (negative for a cavity).
    pub fn mass_kg(&self) -> f64 {
        self.density_g_cm3 * self.shape.volume_cm3() / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_and_masses_follow_the_geometry() {
        let drum = Shape::Cylinder {
            axis: Axis::Z,
            centre: [0.0, 0.0, 440.0],
            radius: 285.75,
            inner_radius: 0.0,
            half_length: 440.0,
        };
        // An ISO 15750 200-litre drum (571.5 mm x 880 mm) holds about 226 litres outside.
        assert!((drum.volume_cm3() / 1000.0 - 225.7).abs() < 0.5);
        let water = Solid::with_mass(drum, Material::Water, 200.0, Part::Goods);
        assert!((water.mass_kg() - 200.0).abs() < 1e-9);
        assert_eq!(drum.bounds().0[2], 0.0);
        let cube = Solid::of(Shape::cuboid([0.0; 3], [100.0; 3]), Material::Steel, Part::TestObject);
        assert!((cube.mass_kg() - 7.85).abs() < 1e-9);
    }
}
