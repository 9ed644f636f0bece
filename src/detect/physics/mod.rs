//! Scanner physics: dual-energy transmission imaging from NIST attenuation data.
//!
//! The chain, one concept per file:
//! - [`xcom`], [`material`]: μ/ρ(E) of every material from NIST SRD 126 (shipped as data).
//! - [`spectrum`], [`detector`]: bremsstrahlung spectra and energy-integrating detectors.
//! - [`basis`], [`lut`]: materials as basis mixes; polychromatic transmission as a table.
//! - [`threats`], [`concealment`]: threat items with real dimensions, masses and materials, and
//!   where they hide (shipped as data, read through [`data_file`] with located errors).
//! - [`packing`], [`stowage`]: a declaration's true goods packed so that the image weighs what
//!   the load weighs, and threat items hidden at their sites.

pub mod basis;
pub mod concealment;
pub mod data_file;
pub mod detector;
pub mod error;
pub mod lut;
pub mod material;
pub mod spectrum;
pub mod xcom;

pub use error::PhysicsError;
pub use material::{Catalogue, Material};
pub mod container;
pub mod contrast;
pub mod display;
pub mod image;
pub mod imaging;
pub mod measure;
pub mod model_scan;
pub mod packing;
pub mod portal;
pub mod projection;
pub mod scanner;
pub mod shape;
pub mod stowage;
pub mod test_objects;
pub mod threats;
pub mod zeff;
