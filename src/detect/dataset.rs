//! Labelled samples for training and evaluation, each drawn from its own
//! seeded stream (`detect/container/<i>`, `detect/bag/<i>`), so sample `i`
//! is the same whatever the size of the set.

use rand::{Rng, RngExt};

use super::classes::{GoodsCategory, ThreatClass, ThreatSet};
use super::image::ScanImage;
use super::synth::{BagContent, ContainerContent, ContainerMix, Placed, ScannerSettings};
use crate::sim::rng::stream;

/// Share of container samples whose declaration names other goods.
pub const MISDECLARED_SHARE: f64 = 0.2;
/// Probability of each threat class in a bag sample.
pub const BAG_THREAT_RATE: f64 = 0.12;

/// One container scan with its ground truth and its declaration.
#[derive(Debug, Clone)]
pub struct ContainerSample {
    /// What the container truly holds.
    pub content: ContainerContent,
    /// Goods named on the declaration.
    pub declared: GoodsCategory,
    /// The scanner's settings for this scan.
    pub scanner: ScannerSettings,
    /// The scan.
    pub image: ScanImage,
    /// Where the concealed items are.
    pub objects: Vec<Placed>,
}

/// One bag scan with its ground truth.
#[derive(Debug, Clone)]
pub struct BagSample {
    /// What the bag truly holds.
    pub content: BagContent,
    /// The scanner's settings for this scan.
    pub scanner: ScannerSettings,
    /// The scan.
    pub image: ScanImage,
    /// Where the concealed items are.
    pub objects: Vec<Placed>,
}

/// Container sample `index` of the set seeded by `seed`.
pub fn container_sample(seed: u64, index: usize) -> ContainerSample {
    let mut rng = stream(seed, &format!("detect/container/{index}"));
    let content = ContainerContent::sample(&ContainerMix::default(), &mut rng);
    let declared = declare(content.goods, &mut rng);
    let scanner = ScannerSettings::sample(&mut rng);
    let (image, objects) = content.render(&scanner, &mut rng);
    ContainerSample {
        content,
        declared,
        scanner,
        image,
        objects,
    }
}

/// Bag sample `index` of the set seeded by `seed`.
pub fn bag_sample(seed: u64, index: usize) -> BagSample {
    let mut rng = stream(seed, &format!("detect/bag/{index}"));
    let content = BagContent::sample(BAG_THREAT_RATE, &mut rng);
    let scanner = ScannerSettings::sample(&mut rng);
    let (image, objects) = content.render(&scanner, &mut rng);
    BagSample {
        content,
        scanner,
        image,
        objects,
    }
}

/// The goods a declarant names: the truth, or another category in [`MISDECLARED_SHARE`] of cases.
fn declare<R: Rng + ?Sized>(truth: GoodsCategory, rng: &mut R) -> GoodsCategory {
    if !rng.random_bool(MISDECLARED_SHARE) {
        return truth;
    }
    let others: Vec<GoodsCategory> = GoodsCategory::ALL.into_iter().filter(|&g| g != truth).collect();
    others[rng.random_range(0..others.len())]
}

/// The CSV header of container labels.
pub const CONTAINER_CSV_HEADER: &str = "id,goods,declared,misdeclared,fill,difficulty,gain,noise,weapons,drugs,wildlife,live_animals";
/// The CSV header of bag labels.
pub const BAG_CSV_HEADER: &str = "id,difficulty,items,gain,noise,weapons,drugs,wildlife,live_animals,cash";

/// The CSV header of concealed-item boxes (`objects.csv`).
pub const OBJECTS_CSV_HEADER: &str = "id,class,x,y,width,height";

/// CSV rows of the boxes of sample `id`'s concealed items (see [`OBJECTS_CSV_HEADER`]).
pub fn object_rows(id: usize, objects: &[Placed]) -> Vec<String> {
    objects
        .iter()
        .map(|o| format!("{id},{},{:.1},{:.1},{:.1},{:.1}", o.class, o.x, o.y, o.width, o.height))
        .collect()
}

fn flags(threats: ThreatSet, classes: &[ThreatClass]) -> String {
    classes
        .iter()
        .map(|&c| if threats.contains(c) { "1" } else { "0" })
        .collect::<Vec<_>>()
        .join(",")
}

impl ContainerSample {
    /// This sample's CSV row (see [`CONTAINER_CSV_HEADER`]).
    pub fn csv_row(&self, id: usize) -> String {
        let c = &self.content;
        format!(
            "{id},{},{},{},{:.3},{:.3},{:.3},{:.4},{}",
            c.goods,
            self.declared,
            u8::from(self.declared != c.goods),
            c.fill,
            c.difficulty,
            self.scanner.gain,
            self.scanner.noise,
            flags(c.threats, &ThreatClass::CONTAINER)
        )
    }
}

impl BagSample {
    /// This sample's CSV row (see [`BAG_CSV_HEADER`]).
    pub fn csv_row(&self, id: usize) -> String {
        let c = &self.content;
        format!(
            "{id},{:.3},{},{:.3},{:.4},{}",
            c.difficulty,
            c.items,
            self.scanner.gain,
            self.scanner.noise,
            flags(c.threats, &ThreatClass::BAG)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_depend_on_seed_and_index_only() {
        let a = container_sample(5, 3);
        assert_eq!(a.image, container_sample(5, 3).image);
        assert_ne!(a.image, container_sample(5, 4).image);
        assert_ne!(a.image, container_sample(6, 3).image);
        assert_eq!(bag_sample(5, 3).image, bag_sample(5, 3).image);
        assert_eq!(a.csv_row(0).split(',').count(), CONTAINER_CSV_HEADER.split(',').count());
        assert_eq!(bag_sample(1, 0).csv_row(0).split(',').count(), BAG_CSV_HEADER.split(',').count());
    }

    #[test]
    fn the_mix_has_every_category_threat_and_misdeclarations() {
        let samples: Vec<_> = (0..400).map(|i| container_sample(1, i)).collect();
        for goods in GoodsCategory::ALL {
            assert!(samples.iter().any(|s| s.content.goods == goods), "{goods}");
        }
        for class in ThreatClass::CONTAINER {
            let n = samples.iter().filter(|s| s.content.threats.contains(class)).count();
            assert!((25..75).contains(&n), "{class}: {n}");
        }
        let misdeclared = samples.iter().filter(|s| s.declared != s.content.goods).count();
        assert!((50..110).contains(&misdeclared), "{misdeclared}");
    }
}
