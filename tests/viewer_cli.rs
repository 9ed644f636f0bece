//! Without the `viewer` feature, `porttwin view` says how to get it and exits with code 2.
#![cfg(not(feature = "viewer"))]

use std::process::Command;

#[test]
fn view_without_the_feature_says_how_to_build_it() {
    let output = Command::new(env!("CARGO_BIN_EXE_porttwin"))
        .args(["view", "scenarios/truck_lane.ron"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cargo run --release --features viewer -- view"), "{stderr}");
}
