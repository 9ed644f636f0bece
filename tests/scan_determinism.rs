//! `porttwin dataset` writes the same scans for the same seed, and sample i does not depend on the set size.

use std::process::Command;

fn dataset(kind: &str, count: usize, seed: u64, out: &std::path::Path) -> (Vec<u8>, String) {
    let status = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args([
            "dataset",
            kind,
            "--count",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
            "--png",
            "2",
            "--out",
        ])
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let file = if kind == "declarations" { "features.npy" } else { "images.npy" };
    (
        std::fs::read(out.join(file)).unwrap(),
        std::fs::read_to_string(out.join("labels.csv")).unwrap(),
    )
}

#[test]
fn same_seed_same_scans_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["container", "bag", "declarations"] {
        let a = dataset(kind, 12, 7, &dir.path().join(format!("{kind}-a")));
        let b = dataset(kind, 12, 7, &dir.path().join(format!("{kind}-b")));
        assert_eq!(a, b, "{kind}");
        let c = dataset(kind, 12, 8, &dir.path().join(format!("{kind}-c")));
        assert_ne!(a.0, c.0, "{kind}: another seed gives other data");
    }
    assert!(dir.path().join("container-a/png/00001.png").is_file());
}

#[test]
fn a_sample_does_not_depend_on_the_size_of_its_set() {
    let dir = tempfile::tempdir().unwrap();
    let (small, small_labels) = dataset("container", 3, 11, &dir.path().join("small"));
    let (large, large_labels) = dataset("container", 6, 11, &dir.path().join("large"));
    let header = 128;
    let per_image = 64 * 256;
    assert_eq!(small[header..], large[header..header + 3 * per_image]);
    assert!(large_labels.starts_with(&small_labels));
}
