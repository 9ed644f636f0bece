//! Synthetic scanner images, deterministic per seed.
//!
//! Contents (goods, concealed items, difficulty) are drawn first, then
//! rendered onto an attenuation [`canvas::Canvas`] and exposed by a
//! [`scanner::ScannerSettings`] with its gain and noise.

pub mod bag;
pub mod canvas;
pub mod container;
pub mod goods;
pub mod placement;
pub mod scanner;
pub mod threats;

pub use bag::{BAG_SIZE, BagContent};
pub use container::{CONTAINER_HEIGHT, CONTAINER_WIDTH, ContainerContent, ContainerMix};
pub use placement::Placed;
pub use scanner::ScannerSettings;
