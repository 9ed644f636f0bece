//! ISO freight containers and the truck that carries them through a portal.
//!
//! External dimensions follow ISO 668 (20 ft: 6058 × 2438 × 2591 mm; 40 ft:
//! 12192 × 2438 × 2591 mm); internal ones are the usual values of ISO 1496-1
//! general-purpose boxes (5898 / 12032 × 2352 × 2393 mm). Steel thicknesses
//! are typical of manufacturers' specifications and are assumptions: corrugated
//! side panels 1.6 mm (trapezoidal, 36 mm deep, slanted faces at 28°), roof
//! 2.0 mm, front wall and doors 2.0 mm, 28 mm plywood floor on C-section cross
//! members (122 mm, 4.5 mm web) every 300 mm, bottom side rails of 4.5 mm steel
//! 162 mm deep, 6 mm corner posts. The 2,200 kg tare of a 20 ft box is not
//! all modelled (corner castings, door gear and frame details are left out). Maximum gross mass 30,480 kg (ISO 668).

use super::material::Material;
use super::shape::{Part, Shape, Solid};

/// A container size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContainerSpec {
    /// External length, mm.
    pub length_mm: f64,
    /// Internal length, mm.
    pub inner_length_mm: f64,
    /// Maximum gross mass, kg.
    pub max_gross_kg: f64,
}

/// External width, mm (ISO 668).
pub const WIDTH_MM: f64 = 2438.0;
/// External height, mm (ISO 668).
pub const HEIGHT_MM: f64 = 2591.0;
/// Internal width, mm (ISO 1496-1 box).
pub const INNER_WIDTH_MM: f64 = 2352.0;
/// Internal height, mm (ISO 1496-1 box).
pub const INNER_HEIGHT_MM: f64 = 2393.0;
/// Floor top above the container's base, mm (cross members plus plywood).
pub const FLOOR_TOP_MM: f64 = 150.0;

impl ContainerSpec {
    /// A 20 ft box.
    pub const TWENTY_FOOT: ContainerSpec = ContainerSpec {
        length_mm: 6058.0,
        inner_length_mm: 5898.0,
        max_gross_kg: 30_480.0,
    };
    /// A 40 ft box.
    pub const FORTY_FOOT: ContainerSpec = ContainerSpec {
        length_mm: 12_192.0,
        inner_length_mm: 12_032.0,
        max_gross_kg: 30_480.0,
    };
}

/// The space goods may occupy, mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    /// Lowest corner (floor top, one side wall, front wall).
    pub min: [f64; 3],
    /// Highest corner.
    pub max: [f64; 3],
}

impl Hold {
    /// Whether `solid` lies wholly inside (1 mm tolerance).
    pub fn contains(&self, solid: &Solid) -> bool {
        let (lo, hi) = solid.shape.bounds();
        (0..3).all(|i| lo[i] >= self.min[i] - 1.0 && hi[i] <= self.max[i] + 1.0)
    }
}

/// A container placed in the scene: its front end at `x_mm`, its base at `z_mm`, centred on y = 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Container {
    /// Size.
    pub spec: ContainerSpec,
    /// x of the front end, mm.
    pub x_mm: f64,
    /// z of the base, mm.
    pub z_mm: f64,
}

impl Container {
    /// The space inside.
    pub fn hold(&self) -> Hold {
        let wall = (self.spec.length_mm - self.spec.inner_length_mm) / 2.0;
        Hold {
            min: [self.x_mm + wall, -INNER_WIDTH_MM / 2.0, self.z_mm + FLOOR_TOP_MM],
            max: [
                self.x_mm + wall + self.spec.inner_length_mm,
                INNER_WIDTH_MM / 2.0,
                self.z_mm + FLOOR_TOP_MM + INNER_HEIGHT_MM,
            ],
        }
    }

    /// The container's own steel and wood.
    pub fn solids(&self) -> Vec<Solid> {
        let (x0, x1) = (self.x_mm, self.x_mm + self.spec.length_mm);
        let (y0, y1) = (-WIDTH_MM / 2.0, WIDTH_MM / 2.0);
        let (z0, z1) = (self.z_mm, self.z_mm + HEIGHT_MM);
        let steel = |min: [f64; 3], max: [f64; 3]| Solid::of(Shape::Box { min, max }, Material::Steel, Part::Container);
        let mut s = Vec::new();
        // Corrugated side walls: flat faces 1.6 mm, slanted faces 1.6 / cos 28° along the beam.
        let pitch = 278.0;
        let slant = 1.6 / 28f64.to_radians().cos();
        let mut x = x0 + 60.0;
        while x + pitch <= x1 - 60.0 {
            for (offset, width, t) in [(0.0, 72.0, 1.6), (72.0, 67.0, slant), (139.0, 72.0, 1.6), (211.0, 67.0, slant)] {
                for side in [y0, y1 - t] {
                    s.push(steel([x + offset, side, z0 + 162.0], [x + offset + width, side + t, z1 - 60.0]));
                }
            }
            x += pitch;
        }
        s.push(steel([x0, y0, z1 - 2.0], [x1, y1, z1])); // roof
        s.push(steel([x0, y0, z0], [x0 + 2.0, y1, z1])); // front wall
        s.push(steel([x1 - 2.0, y0, z0], [x1, y1, z1])); // doors
        for (ya, yb) in [(y0, y0 + 4.5), (y1 - 4.5, y1)] {
            s.push(steel([x0, ya, z0], [x1, yb, z0 + 162.0])); // bottom side rails
            s.push(steel([x0, ya, z1 - 60.0], [x1, yb, z1 - 2.0])); // top side rails
        }
        for xa in [x0, x1 - 150.0] {
            for ya in [y0, y1 - 6.0] {
                s.push(steel([xa, ya, z0], [xa + 150.0, ya + 6.0, z1])); // corner posts, outer face
            }
        }
        let mut x = x0 + 150.0;
        while x < x1 - 150.0 {
            s.push(steel([x, y0 + 4.5, z0 + 0.0], [x + 4.5, y1 - 4.5, z0 + 122.0])); // cross member web
            x += 300.0;
        }
        let hold = self.hold();
        s.push(Solid::of(
            Shape::Box {
                min: [x0 + 2.0, y0 + 4.5, hold.min[2] - 28.0],
                max: [x1 - 2.0, y1 - 4.5, hold.min[2]],
            },
            Material::Plywood,
            Part::Container,
        ));
        s
    }
}

/// A tractor unit and skeletal trailer carrying one 40 ft or one or two 20 ft containers.
#[derive(Debug, Clone, PartialEq)]
pub struct Truck {
    /// Containers on the trailer, front first.
    pub containers: Vec<Container>,
    /// x where the cab ends, mm (the truck's front is at 0).
    pub cab_end_mm: f64,
}

/// Trailer deck height, mm (assumption: 1,200 mm, typical of skeletal trailers).
pub const DECK_MM: f64 = 1200.0;
/// Cab length, mm (assumption: 2,300 mm, a day cab).
pub const CAB_MM: f64 = 2300.0;

impl Truck {
    /// A truck carrying the given container sizes, front first, 100 mm apart, behind the cab.
    pub fn carrying(sizes: &[ContainerSpec]) -> Truck {
        let mut x = CAB_MM + 1000.0;
        let containers = sizes
            .iter()
            .map(|&spec| {
                let c = Container {
                    spec,
                    x_mm: x,
                    z_mm: DECK_MM,
                };
                x += spec.length_mm + 100.0;
                c
            })
            .collect();
        Truck {
            containers,
            cab_end_mm: CAB_MM,
        }
    }

    /// x range a drive-through portal scans: from behind the cab (the beam waits until the cab has
    /// passed, so the driver is not exposed) unless `scan_cab`, to the end of the last container.
    pub fn scanned_x(&self, scan_cab: bool) -> (f64, f64) {
        let end = self.containers.last().map_or(self.cab_end_mm, |c| c.x_mm + c.spec.length_mm) + 200.0;
        (if scan_cab { 0.0 } else { self.cab_end_mm + 300.0 }, end)
    }

    /// The truck's own solids: cab with engine, chassis rails, axles, wheels and fuel tank.
    pub fn solids(&self) -> Vec<Solid> {
        let mut s = Vec::new();
        let steel = |min: [f64; 3], max: [f64; 3]| Solid::of(Shape::Box { min, max }, Material::Steel, Part::Vehicle);
        let end = self.scanned_x(false).1;
        // Cab shell 1 mm steel on each side and the engine block.
        s.push(steel([0.0, -1250.0, 1000.0], [CAB_MM, -1249.0, 3800.0]));
        s.push(steel([0.0, 1249.0, 1000.0], [CAB_MM, 1250.0, 3800.0]));
        s.push(Solid::with_mass(
            Shape::cuboid([300.0, -450.0, 700.0], [900.0, 900.0, 800.0]),
            Material::CastIron,
            900.0,
            Part::Vehicle,
        ));
        // Chassis rails: two I-beams 300 mm deep with 8 mm webs, under the deck.
        for y in [-500.0, 492.0] {
            s.push(steel([0.0, y, DECK_MM - 300.0], [end, y + 8.0, DECK_MM]));
        }
        // Fuel tank: 400 litres of diesel in an aluminium cylinder across the frame.
        s.push(Solid::with_mass(
            Shape::Cylinder {
                axis: super::shape::Axis::Y,
                centre: [CAB_MM + 500.0, 0.0, 700.0],
                radius: 320.0,
                inner_radius: 0.0,
                half_length: 620.0,
            },
            Material::Diesel,
            334.0,
            Part::Vehicle,
        ));
        // Axles (solid steel across the truck) and tyres (rubber rings seen side-on).
        let mut axles = vec![600.0, CAB_MM + 1200.0, CAB_MM + 2600.0];
        axles.extend([end - 2600.0, end - 1300.0]);
        for x in axles {
            s.push(Solid::of(
                Shape::Cylinder {
                    axis: super::shape::Axis::Y,
                    centre: [x, 0.0, 500.0],
                    radius: 60.0,
                    inner_radius: 0.0,
                    half_length: 1100.0,
                },
                Material::Steel,
                Part::Vehicle,
            ));
            s.push(Solid::of(
                Shape::Cylinder {
                    axis: super::shape::Axis::Y,
                    centre: [x, 0.0, 500.0],
                    radius: 500.0,
                    inner_radius: 290.0,
                    half_length: 600.0,
                },
                Material::Rubber,
                Part::Vehicle,
            ));
        }
        for c in &self.containers {
            s.extend(c.solids());
        }
        s
    }
}
