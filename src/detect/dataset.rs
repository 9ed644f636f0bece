//! Labelled samples for training and evaluation, each drawn from its own
//! seeded stream (`detect/container/<i>`, `detect/bag/<i>`), so sample `i`
//! is the same whatever the size of the set.

use rand::{Rng, RngExt};

use super::classes::{GoodsCategory, ThreatClass, ThreatSet};
use super::image::ScanImage;
use super::physics::PhysicsError;
use super::physics::image::DualEnergyImage;
use super::physics::model_scan::{ModelScan, ModelScanner};
use super::physics::portal::Scene;
use super::physics::projection::View;
use super::physics::scanner::Scanner;
use super::synth::{BagContent, ContainerContent, ContainerMix, Placed, ScannerSettings};
use crate::cargo::{Lodged, TruthRates};
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

/// One physics scan of a truck at a drive-through portal (6/3.5 MV, 5 mm pixels, the cab not
/// scanned), with what it truly carries.
#[derive(Debug, Clone)]
pub struct PhysicsContainerSample {
    /// The true goods.
    pub goods: GoodsCategory,
    /// Goods mass packed, kg.
    pub goods_kg: f64,
    /// The truck, its container, goods and hidden items.
    pub scene: Scene,
    /// The view scanned.
    pub view: View,
    /// The 16-bit dual-energy scan.
    pub image: DualEnergyImage,
}

/// The CSV header of physics container labels.
pub const PHYSICS_CSV_HEADER: &str = "id,goods,goods_kg,weapons,drugs,wildlife,live_animals";
/// The CSV header of physics concealed items (`objects.csv`), boxes in pixels.
pub const PHYSICS_OBJECTS_CSV_HEADER: &str = "id,class,item,site,x,y,width,height,mass_kg";

/// Physics container sample `index` of the set seeded by `seed` (stream
/// `detect/physics/container/<i>`): goods and threats drawn as for [`container_sample`], the
/// load's volume 20–33 m³ times its fill at the goods' typical density, scanned by `scanner`
/// (built once, e.g. `LinacPortal::default().scanner()`).
pub fn physics_container_sample(scanner: &Scanner, seed: u64, index: usize) -> Result<PhysicsContainerSample, PhysicsError> {
    let mut rng = stream(seed, &format!("detect/physics/container/{index}"));
    let content = ContainerContent::sample(&ContainerMix::default(), &mut rng);
    let volume_m3 = rng.random_range(20.0..33.0) * f64::from(content.fill);
    let goods_kg = volume_m3 * crate::cargo::clearance::declaration::typical_density(content.goods);
    let scene = Scene::build(content.goods, goods_kg, volume_m3, content.threats, &mut rng)?;
    let view = scene.view(scanner, false);
    let image = scanner.scan(&scene.solids(), &view, &mut rng);
    Ok(PhysicsContainerSample {
        goods: content.goods,
        goods_kg: scene.goods_kg,
        scene,
        view,
        image,
    })
}

impl PhysicsContainerSample {
    /// This sample's CSV row (see [`PHYSICS_CSV_HEADER`]).
    pub fn csv_row(&self, id: usize) -> String {
        let threats: ThreatSet = self.scene.stowage.stowed.iter().map(|s| s.class).collect();
        format!(
            "{id},{},{:.0},{}",
            self.goods,
            self.goods_kg,
            flags(threats, &ThreatClass::CONTAINER)
        )
    }

    /// CSV rows of the concealed items, boxes in pixels of the scan (see
    /// [`PHYSICS_OBJECTS_CSV_HEADER`]).
    pub fn object_rows(&self, id: usize) -> Vec<String> {
        stowed_rows(id, &self.scene, &self.view)
    }
}

/// Rows of `objects.csv` for the items hidden in `scene`, boxes in pixels of `v`.
fn stowed_rows(id: usize, scene: &Scene, v: &View) -> Vec<String> {
    scene
        .stowage
        .stowed
        .iter()
        .map(|s| {
            let x = (s.min[0] - v.x0_mm) / v.pitch_x_mm;
            let y = (v.v_top_mm - s.max[2]) / v.pitch_v_mm;
            let w = (s.max[0] - s.min[0]) / v.pitch_x_mm;
            let h = (s.max[2] - s.min[2]) / v.pitch_v_mm;
            format!(
                "{id},{},{},{},{x:.1},{y:.1},{w:.1},{h:.1},{:.2}",
                s.class, s.item, s.site, s.mass_kg
            )
        })
        .collect()
}

/// Share of trucks hiding contraband in a model-input dataset (one item of one class each, as
/// the cargo domain draws them).
pub const MODEL_INPUT_CONTRABAND: f64 = 0.5;
/// Share of misdeclared goods in a model-input dataset.
pub const MODEL_INPUT_MISDECLARED: f64 = 0.2;

/// One truck scanned at a model's input spec, as the cargo domain scans it in the loop.
#[derive(Debug, Clone)]
pub struct ModelInputSample {
    /// The truck's declaration and hidden truth.
    pub lodged: Lodged,
    /// The scan.
    pub scan: ModelScan,
}

/// The CSV header of model-input labels: declaration, packed load and its density band
/// (`light`, `medium`, `dense` by packed kg/m³ as [`crate::cargo::scanning::DENSITY_BANDS`]),
/// the item and its concealment site (`none` when clean), one 0/1 column per threat class.
pub const MODEL_INPUT_CSV_HEADER: &str =
    "id,goods,declared,misdeclared,goods_kg,volume_m3,density_kg_m3,band,item,site,weapons,drugs,wildlife,live_animals";

/// Model-input sample `index` of seed `seed`: truck `index` lodged as a run of seed `seed`
/// lodges it (stream `cargo/declaration/<i>`, [`MODEL_INPUT_CONTRABAND`] and
/// [`MODEL_INPUT_MISDECLARED`] imposed) and scanned as its first scan in the loop (stream
/// `cargo/physics/<i>/0`, [`crate::cargo::scanning::physics_scan`]).
pub fn model_input_sample(scanner: &ModelScanner, seed: u64, index: usize) -> Result<ModelInputSample, String> {
    let rates = TruthRates {
        contraband: Some(MODEL_INPUT_CONTRABAND),
        misdeclaration: Some(MODEL_INPUT_MISDECLARED),
    };
    let lodged = Lodged::draw(seed, index as u64, rates);
    let scan = crate::cargo::scanning::physics_scan(scanner, seed, &lodged, 0)?;
    Ok(ModelInputSample { lodged, scan })
}

impl ModelInputSample {
    /// Packed goods density, kg/m³ (the packed mass over the declared volume).
    pub fn density_kg_m3(&self) -> f64 {
        self.scan.scene.goods_kg / self.lodged.declaration.volume_m3
    }

    /// The density band of the packed load.
    pub fn band(&self) -> &'static str {
        let bands = crate::cargo::scanning::DENSITY_BANDS;
        match self.density_kg_m3() {
            d if d < 300.0 => bands[0],
            d if d < 500.0 => bands[1],
            _ => bands[2],
        }
    }

    /// The concealment site of the hidden item, or `none`.
    pub fn site(&self) -> &str {
        self.scan.scene.stowage.stowed.first().map_or("none", |s| s.site.as_str())
    }

    /// This sample's CSV row (see [`MODEL_INPUT_CSV_HEADER`]).
    pub fn csv_row(&self, id: usize) -> String {
        let l = &self.lodged;
        let stowed = &self.scan.scene.stowage.stowed;
        let threats: ThreatSet = stowed.iter().map(|s| s.class).collect();
        format!(
            "{id},{},{},{},{:.0},{:.2},{:.1},{},{},{},{}",
            l.truth.goods,
            l.declaration.goods,
            u8::from(l.misdeclared()),
            self.scan.scene.goods_kg,
            l.declaration.volume_m3,
            self.density_kg_m3(),
            self.band(),
            stowed.first().map_or("none", |s| s.item.as_str()),
            self.site(),
            flags(threats, &ThreatClass::CONTAINER)
        )
    }

    /// CSV rows of the hidden items, boxes in input pixels (see [`PHYSICS_OBJECTS_CSV_HEADER`]).
    pub fn object_rows(&self, id: usize) -> Vec<String> {
        stowed_rows(id, &self.scan.scene, &self.scan.view)
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

    #[test]
    fn a_dense_load_beside_a_hidden_item_is_lightened_until_it_packs() {
        // Truck 1033 of seed 401: 8.4 t of paper whose pallets, crowded by a hidden item, packed
        // past paper's solid density at every lighter step while mass and volume fell together.
        let spec = crate::detect::manifest::InputSpec {
            pixel_mm: (23.8, 45.2),
            channels: vec![crate::detect::manifest::InputChannel::High],
            encoding: crate::detect::manifest::InputEncoding::Attenuation8 { max: 10.0 },
            tiling: crate::detect::manifest::Tiling::Whole,
        };
        let scanner = ModelScanner::new(&spec, 256, 64).unwrap();
        let sample = model_input_sample(&scanner, 401, 1033).unwrap();
        assert!(sample.scan.scene.goods_kg < sample.lodged.declaration.weight_kg);
        assert_eq!(sample.csv_row(0).split(',').count(), MODEL_INPUT_CSV_HEADER.split(',').count());
    }

    #[test]
    fn physics_samples_are_real_size_and_label_their_hidden_items() {
        let scanner = crate::detect::physics::scanner::LinacPortal::default().scanner().unwrap();
        let with_threat = (0..40)
            .map(|i| (i, physics_container_sample(&scanner, 3, i).unwrap()))
            .find(|(_, s)| !s.scene.stowage.stowed.is_empty())
            .expect("a sample with a hidden item");
        let (i, s) = with_threat;
        // 5 mm pixels from the cab's end to the container's: about 1,400 x 780.
        assert!(
            s.image.width > 1300 && s.image.height > 700,
            "{} x {}",
            s.image.width,
            s.image.height
        );
        assert_eq!(s.csv_row(i).split(',').count(), PHYSICS_CSV_HEADER.split(',').count());
        let row = &s.object_rows(i)[0];
        assert_eq!(row.split(',').count(), PHYSICS_OBJECTS_CSV_HEADER.split(',').count(), "{row}");
        assert_eq!(physics_container_sample(&scanner, 3, i).unwrap().image, s.image);
    }
}
