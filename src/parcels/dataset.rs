//! Labelled parcel scans for training and measuring the parcel image model
//! (`porttwin dataset parcel`): sample `i` of a seed comes from its own stream
//! (`detect/parcel/<i>`), so it is the same whatever the size of the set.

use super::classes::{IMAGE_THREATS, ParcelClass};
use super::item::{ParcelItem, ParcelStream};
use super::xray::{PARCEL_SIZE, belt_settings};
use crate::detect::ScanImage;
use crate::detect::synth::{Placed, ScannerSettings};
use crate::domains::domain::{ImageDataset, LabelledScan};
use crate::sim::rng::stream;

/// Share of training parcels per class, in [`ParcelClass::ALL`] order: far above the
/// scenario's rates, so that every class the image shows has thousands of examples.
pub const TRAINING_RATES: [f64; 5] = [0.12, 0.05, 0.12, 0.12, 0.08];

/// The CSV header of parcel labels (`labels.csv`).
pub const CSV_HEADER: &str = "id,goods,declared,misdeclared,class,difficulty,gain,noise,weapons,drugs,wildlife";

/// The dataset as `porttwin dataset` offers it.
pub const PARCEL_SCANS: ImageDataset = ImageDataset {
    name: "parcel",
    about: "Parcel scans (48 x 48) from a mail centre's belt X-ray: images.npy, labels.csv and objects.csv",
    header: CSV_HEADER,
    pixels: PARCEL_SIZE * PARCEL_SIZE,
    sample: labelled,
};

/// One parcel scan with its truth.
#[derive(Debug, Clone)]
pub struct ParcelSample {
    /// The parcel.
    pub item: ParcelItem,
    /// The scanner's settings for this scan.
    pub scanner: ScannerSettings,
    /// The scan.
    pub image: ScanImage,
    /// Where the hidden item is.
    pub objects: Vec<Placed>,
}

fn training_stream() -> ParcelStream {
    ParcelStream {
        origins: vec![("XX".into(), 1.0)],
        destinations: vec![("XX".into(), 1.0)],
        rates: TRAINING_RATES,
    }
}

/// Parcel sample `index` of the set seeded by `seed`.
pub fn sample(seed: u64, index: usize) -> ParcelSample {
    let mut rng = stream(seed, &format!("detect/parcel/{index}"));
    let item = ParcelItem::draw_with(index as u64, &training_stream(), &mut rng);
    let scanner = belt_settings(&mut rng);
    let (image, objects) = item.content.render(&scanner, &mut rng);
    ParcelSample {
        item,
        scanner,
        image,
        objects,
    }
}

impl ParcelSample {
    /// This sample's CSV row (see [`CSV_HEADER`]).
    pub fn csv_row(&self, id: usize) -> String {
        let item = &self.item;
        let flags: Vec<&str> = IMAGE_THREATS
            .iter()
            .map(|t| if item.content.hidden == Some(*t) { "1" } else { "0" })
            .collect();
        format!(
            "{id},{},{},{},{},{:.3},{:.3},{:.4},{}",
            item.truth.goods,
            item.ead.declared_goods,
            u8::from(item.misdeclared()),
            item.truth.class.map_or("none", ParcelClass::name),
            item.content.difficulty,
            self.scanner.gain,
            self.scanner.noise,
            flags.join(",")
        )
    }
}

fn labelled(seed: u64, index: usize) -> LabelledScan {
    let s = sample(seed, index);
    LabelledScan {
        row: s.csv_row(index),
        image: s.image,
        objects: s.objects,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_depend_on_seed_and_index_and_rows_fit_the_header() {
        assert_eq!(sample(5, 3).image, sample(5, 3).image);
        assert_ne!(sample(5, 3).image, sample(5, 4).image);
        assert_eq!(sample(1, 0).csv_row(0).split(',').count(), CSV_HEADER.split(',').count());
        let hidden = (0..600).filter(|&i| sample(2, i).item.content.hidden.is_some()).count();
        assert!((170..260).contains(&hidden), "about 36% hide an item the image shows: {hidden}");
    }
}
