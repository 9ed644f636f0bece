//! `porttwin dataset`: labelled synthetic data for training and for looking at.

use std::path::Path;

use porttwin::cargo::clearance::{self, FEATURES};
use porttwin::detect::dataset::{self, BAG_CSV_HEADER, CONTAINER_CSV_HEADER, OBJECTS_CSV_HEADER, object_rows};
use porttwin::detect::dataset::{MODEL_INPUT_CSV_HEADER, PHYSICS_CSV_HEADER, PHYSICS_OBJECTS_CSV_HEADER};
use porttwin::detect::image::ScanImage;
use porttwin::detect::manifest::InputSpec;
use porttwin::detect::npy::{self, NpyType};
use porttwin::detect::physics::display::analyst_png;
use porttwin::detect::physics::model_scan::ModelScanner;
use porttwin::detect::physics::scanner::LinacPortal;
use porttwin::report::write_atomic;

use super::{DatasetArgs, DatasetKind, Failure, memory_guard, output_folder};

/// Bytes one sample costs while the dataset is built: its image (held, then copied into the
/// array) or features, and its CSV rows.
fn bytes_per_sample(kind: DatasetKind) -> u64 {
    let held = match kind {
        DatasetKind::Container => 64 * 256,
        DatasetKind::Bag => 64 * 64,
        DatasetKind::Declarations => FEATURES as u64 * 4,
        DatasetKind::Domain(d) => d.pixels as u64,
    };
    2 * held + 512
}

pub fn execute(args: &DatasetArgs) -> Result<(), Failure> {
    let needed = args.count as u64 * bytes_per_sample(args.kind);
    if let Some(limit) = memory_guard::limit()
        && needed > limit
    {
        return Err(Failure::BadInput(format!(
            "--count {}: the dataset is built in memory and needs about {:.1} GiB, more than the {:.1} GiB this command may use\n  \
             hint: write it in parts (each --seed gives other samples), or raise --max-memory",
            args.count,
            needed as f64 / 1024f64.powi(3),
            limit as f64 / 1024f64.powi(3)
        )));
    }
    if args.physics {
        return physics(args);
    }
    let _lock = output_folder::prepare(&args.out)?;
    let (rows, header, arrays): (Vec<String>, String, (&str, Vec<u8>)) = match args.kind {
        DatasetKind::Container => {
            let samples: Vec<_> = (0..args.count).map(|i| dataset::container_sample(args.seed, i)).collect();
            write_pngs(&args.out, samples.iter().map(|s| &s.image).take(args.png))?;
            write_objects(&args.out, samples.iter().enumerate().flat_map(|(i, s)| object_rows(i, &s.objects)))?;
            let rows = samples.iter().enumerate().map(|(i, s)| s.csv_row(i)).collect();
            (rows, CONTAINER_CSV_HEADER.to_string(), images_npy(samples.iter().map(|s| &s.image)))
        }
        DatasetKind::Bag => {
            let samples: Vec<_> = (0..args.count).map(|i| dataset::bag_sample(args.seed, i)).collect();
            write_pngs(&args.out, samples.iter().map(|s| &s.image).take(args.png))?;
            write_objects(&args.out, samples.iter().enumerate().flat_map(|(i, s)| object_rows(i, &s.objects)))?;
            let rows = samples.iter().enumerate().map(|(i, s)| s.csv_row(i)).collect();
            (rows, BAG_CSV_HEADER.to_string(), images_npy(samples.iter().map(|s| &s.image)))
        }
        DatasetKind::Domain(d) => {
            let samples: Vec<_> = (0..args.count).map(|i| (d.sample)(args.seed, i)).collect();
            write_pngs(&args.out, samples.iter().map(|s| &s.image).take(args.png))?;
            write_objects(&args.out, samples.iter().enumerate().flat_map(|(i, s)| object_rows(i, &s.objects)))?;
            let rows = samples.iter().map(|s| s.row.clone()).collect();
            (rows, d.header.to_string(), images_npy(samples.iter().map(|s| &s.image)))
        }
        DatasetKind::Declarations => {
            let all: Vec<_> = (0..args.count).map(|i| clearance::declaration::generate(args.seed, i)).collect();
            let values: Vec<f32> = all.iter().flat_map(|(d, _)| clearance::features(d)).collect();
            let rows = all
                .iter()
                .enumerate()
                .map(|(i, (d, t))| {
                    format!(
                        "{i},{},{},{:?},{:?},{:.3},{:.1},{:.2},{},{},{},{:?},{}",
                        d.goods,
                        d.origin,
                        d.trader,
                        d.route,
                        d.value_per_kg,
                        d.weight_kg,
                        d.volume_m3,
                        d.prior_inspections,
                        d.prior_offences,
                        t.goods,
                        t.fraud,
                        u8::from(t.is_risky())
                    )
                })
                .collect();
            let header =
                "id,goods,origin,trader,route,value_per_kg,weight_kg,volume_m3,prior_inspections,prior_offences,true_goods,fraud,risky";
            (
                rows,
                header.to_string(),
                ("features.npy", npy::encode_f32(&[args.count, FEATURES], &values)),
            )
        }
    };
    let (array_name, array) = arrays;
    write(&args.out.join(array_name), &array)?;
    let mut csv = header;
    csv.push('\n');
    for row in rows {
        csv.push_str(&row);
        csv.push('\n');
    }
    write(&args.out.join("labels.csv"), csv.as_bytes())?;
    println!(
        "wrote {} {} samples (seed {}) to {}",
        args.count,
        args.kind.name(),
        args.seed,
        args.out.display()
    );
    Ok(())
}

/// Bytes one physics container sample costs: two 16-bit planes of about 1,400 x 780 pixels.
const PHYSICS_BYTES: u64 = 2 * 2 * 1400 * 780 + 1024;

/// `porttwin dataset container --physics`.
fn physics(args: &DatasetArgs) -> Result<(), Failure> {
    if !matches!(args.kind, DatasetKind::Container) {
        return Err(Failure::BadInput(format!(
            "--physics renders container scans; `{}` has no physics scans yet",
            args.kind.name()
        )));
    }
    if let Some(input) = &args.input {
        return model_input(args, input);
    }
    let needed = args.count as u64 * PHYSICS_BYTES;
    if let Some(limit) = memory_guard::limit()
        && needed > limit
    {
        return Err(Failure::BadInput(format!(
            "--count {}: physics scans are built in memory and need about {:.1} GiB, more than the {:.1} GiB this command may use\n  \
             hint: write it in parts (each --seed gives other samples), or raise --max-memory",
            args.count,
            needed as f64 / 1024f64.powi(3),
            limit as f64 / 1024f64.powi(3)
        )));
    }
    let _lock = output_folder::prepare(&args.out)?;
    let scanner = LinacPortal::default().scanner().map_err(|e| Failure::RunFailed(e.to_string()))?;
    let samples = (0..args.count)
        .map(|i| dataset::physics_container_sample(&scanner, args.seed, i))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::RunFailed(e.to_string()))?;
    for (i, s) in samples.iter().take(args.png).enumerate() {
        let png =
            analyst_png(&s.image, &scanner.materials(&s.image)).map_err(|e| Failure::RunFailed(format!("cannot encode image {i}: {e}")))?;
        write(&args.out.join("png").join(format!("{i:05}.png")), &png)?;
    }
    let (w, h) = samples.first().map_or((0, 0), |s| (s.image.width, s.image.height));
    for (name, high) in [("high.npy", true), ("low.npy", false)] {
        let data: Vec<u8> = samples
            .iter()
            .flat_map(|s| if high { &s.image.high } else { &s.image.low })
            .flat_map(|v| v.to_le_bytes())
            .collect();
        write(&args.out.join(name), &npy::encode(NpyType::U16, &[samples.len(), h, w], &data))?;
    }
    write_physics_labels(
        &args.out,
        PHYSICS_CSV_HEADER,
        samples.iter().enumerate().map(|(i, s)| (s.csv_row(i), s.object_rows(i))),
    )?;
    println!(
        "wrote {} physics container scans of {w} x {h} pixels at 5 mm (seed {}) to {}",
        args.count,
        args.seed,
        args.out.display()
    );
    Ok(())
}

/// `porttwin dataset container --physics --input SPEC --input-size WxH`: trucks lodged and
/// scanned as the loop scans them for a model with that `input` spec.
fn model_input(args: &DatasetArgs, input: &str) -> Result<(), Failure> {
    let spec: InputSpec = ron::from_str(input).map_err(|e| Failure::BadInput(format!("--input: {e}")))?;
    let size = args.input_size.as_deref().unwrap_or_default();
    let (width, height) = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<usize>().ok()?, h.parse::<usize>().ok()?)))
        .filter(|&(w, h)| w > 0 && h > 0)
        .ok_or_else(|| Failure::BadInput(format!("--input-size `{size}`: expected WIDTHxHEIGHT in pixels, e.g. 384x88")))?;
    if spec.pixel_mm.0 <= 0.0 || spec.pixel_mm.1 <= 0.0 || spec.channels.is_empty() {
        return Err(Failure::BadInput(
            "--input: pixel_mm must be positive and channels not empty".into(),
        ));
    }
    let _lock = output_folder::prepare(&args.out)?;
    let scanner = ModelScanner::new(&spec, width, height).map_err(|e| Failure::RunFailed(e.to_string()))?;
    let start = std::time::Instant::now();
    let samples = (0..args.count)
        .map(|i| dataset::model_input_sample(&scanner, args.seed, i))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::RunFailed)?;
    let seconds = start.elapsed().as_secs_f64();
    let channels = spec.channels.len();
    let pixels: Vec<u8> = samples.iter().flat_map(|s| s.scan.image.pixels.iter().copied()).collect();
    write(
        &args.out.join("images.npy"),
        &npy::encode(NpyType::U8, &[samples.len(), channels, height, width], &pixels),
    )?;
    for (i, s) in samples.iter().take(args.png).enumerate() {
        let png = s
            .scan
            .image
            .to_png()
            .map_err(|e| Failure::RunFailed(format!("cannot encode image {i}: {e}")))?;
        write(&args.out.join("png").join(format!("{i:05}.png")), &png)?;
    }
    write_physics_labels(
        &args.out,
        MODEL_INPUT_CSV_HEADER,
        samples.iter().enumerate().map(|(i, s)| (s.csv_row(i), s.object_rows(i))),
    )?;
    println!(
        "wrote {} scans of {width} x {height} x {channels} at {} x {} mm (seed {}) to {}; {:.1} ms a scan",
        args.count,
        spec.pixel_mm.0,
        spec.pixel_mm.1,
        args.seed,
        args.out.display(),
        1e3 * seconds / args.count.max(1) as f64
    );
    Ok(())
}

fn images_npy<'a>(images: impl Iterator<Item = &'a ScanImage> + Clone) -> (&'static str, Vec<u8>) {
    let (count, (w, h)) = (
        images.clone().count(),
        images.clone().next().map_or((0, 0), |i| (i.width, i.height)),
    );
    let pixels: Vec<u8> = images.flat_map(|i| i.pixels.iter().copied()).collect();
    ("images.npy", npy::encode(NpyType::U8, &[count, h, w], &pixels))
}

fn write_pngs<'a>(out: &Path, images: impl Iterator<Item = &'a ScanImage>) -> Result<(), Failure> {
    for (i, image) in images.enumerate() {
        let png = image
            .to_png()
            .map_err(|e| Failure::RunFailed(format!("cannot encode image {i}: {e}")))?;
        write(&out.join("png").join(format!("{i:05}.png")), &png)?;
    }
    Ok(())
}

/// Writes `objects.csv`: the box of every concealed item.
fn write_objects(out: &Path, rows: impl Iterator<Item = String>) -> Result<(), Failure> {
    let mut csv = format!("{OBJECTS_CSV_HEADER}\n");
    for row in rows {
        csv.push_str(&row);
        csv.push('\n');
    }
    write(&out.join("objects.csv"), csv.as_bytes())
}

/// Writes `labels.csv` (a row per scan under `header`) and `objects.csv` (a row per concealed
/// item, boxes in pixels) of physics scans, from each scan's (row, item rows).
fn write_physics_labels(out: &Path, header: &str, scans: impl Iterator<Item = (String, Vec<String>)>) -> Result<(), Failure> {
    let mut labels = format!("{header}\n");
    let mut objects = format!("{PHYSICS_OBJECTS_CSV_HEADER}\n");
    for (row, items) in scans {
        labels.push_str(&row);
        labels.push('\n');
        for item in items {
            objects.push_str(&item);
            objects.push('\n');
        }
    }
    write(&out.join("labels.csv"), labels.as_bytes())?;
    write(&out.join("objects.csv"), objects.as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomic(path, bytes).map_err(|e| Failure::RunFailed(format!("cannot write {}: {e}", path.display())))
}
