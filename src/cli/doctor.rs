//! `porttwin doctor`: what this build and machine offer.

pub fn execute() {
    println!("porttwin {}", env!("CARGO_PKG_VERSION"));
    println!(
        "  build: {} profile, viewer feature {}",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        if cfg!(feature = "viewer") { "on" } else { "off" }
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "  machine: {threads} hardware threads ({} {})",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    println!("  simulation: flow fidelity (headless, single-threaded per run; sweeps run in parallel)");
}
