//! `porttwin dataset container --physics --png N` writes real-size dual-energy scans (16-bit
//! high and low planes), their labels and hidden items in pixels, and analyst-colour PNGs;
//! `--physics` on another kind is refused with exit code 2.

use std::process::Command;

fn porttwin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_porttwin")).args(args).output().unwrap()
}

#[test]
fn physics_container_scans_are_written_with_labels_and_analyst_colours() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ds");
    let run = porttwin(&[
        "dataset",
        "container",
        "--physics",
        "--count",
        "2",
        "--png",
        "1",
        "--seed",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let high = std::fs::read(out.join("high.npy")).unwrap();
    let header = String::from_utf8_lossy(&high[10..128]).to_string();
    assert!(
        header.contains("'descr': '<u2'") && header.contains("'shape': (2, 779, 1392)"),
        "{header}"
    );
    assert_eq!(std::fs::read(out.join("low.npy")).unwrap().len(), high.len());
    let labels = std::fs::read_to_string(out.join("labels.csv")).unwrap();
    assert!(
        labels.starts_with("id,goods,goods_kg,weapons,drugs,wildlife,live_animals\n"),
        "{labels}"
    );
    assert_eq!(labels.lines().count(), 3);
    let objects = std::fs::read_to_string(out.join("objects.csv")).unwrap();
    assert!(objects.starts_with("id,class,item,site,x,y,width,height,mass_kg\n"), "{objects}");
    let png = std::fs::read(out.join("png/00000.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(!out.join("png/00001.png").exists());
}

#[test]
fn physics_is_refused_for_other_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let run = porttwin(&[
        "dataset",
        "bag",
        "--physics",
        "--count",
        "1",
        "--out",
        dir.path().join("b").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--physics renders container scans"));
}

#[test]
fn model_input_scans_follow_the_spec_and_label_band_and_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mi");
    let spec = "(pixel_mm: (16.0, 32.0), channels: [High, Low], encoding: Attenuation8(max: 10.0), tiling: Whole)";
    let run = porttwin(&[
        "dataset",
        "container",
        "--physics",
        "--input",
        spec,
        "--input-size",
        "384x88",
        "--count",
        "6",
        "--seed",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let images = std::fs::read(out.join("images.npy")).unwrap();
    let header = String::from_utf8_lossy(&images[10..128]).to_string();
    assert!(
        header.contains("'descr': '|u1'") && header.contains("'shape': (6, 2, 88, 384)"),
        "{header}"
    );
    let labels = std::fs::read_to_string(out.join("labels.csv")).unwrap();
    let mut lines = labels.lines();
    assert_eq!(lines.next(), Some(porttwin::detect::dataset::MODEL_INPUT_CSV_HEADER));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 6);
    for row in &rows {
        assert!(["light", "medium", "dense"].contains(&row[7]), "{row:?}");
        let hidden = row[10..].contains(&"1");
        assert_eq!(row[9] != "none", hidden, "a site exactly when an item is hidden: {row:?}");
    }
}

#[test]
fn a_bad_input_spec_or_size_is_refused_naming_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bad");
    for (spec, size, expected) in [
        (
            "(pixel_mm: (16.0, 32.0), channels: [Hgh], encoding: Attenuation8(max: 10.0), tiling: Whole)",
            "384x88",
            "--input:",
        ),
        (
            "(pixel_mm: (16.0, 32.0), channels: [High], encoding: Attenuation8(max: 10.0), tiling: Whole)",
            "384",
            "--input-size `384`",
        ),
    ] {
        let run = porttwin(&[
            "dataset",
            "container",
            "--physics",
            "--input",
            spec,
            "--input-size",
            size,
            "--count",
            "1",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}
