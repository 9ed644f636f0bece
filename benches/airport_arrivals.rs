//! `airport_arrivals` (and its smart-channel twin): wall time and travellers simulated per second.
//!
//! `cargo bench --bench airport_arrivals`

use std::time::Instant;

use porttwin::{RunOptions, Seed, run_headless};

fn main() {
    for file in ["scenarios/airport_arrivals.ron", "scenarios/airport_arrivals_smart_channel.ron"] {
        let scenario = porttwin::scenario::load(file.as_ref()).expect("shipped scenario");
        let mut walls = Vec::new();
        let mut travellers = 0;
        let mut bags = 0;
        for seed in 1..=9 {
            let started = Instant::now();
            let result = run_headless(&scenario, Seed(seed), &RunOptions::default()).expect("runs");
            walls.push(started.elapsed().as_secs_f64());
            travellers = result.summary.arrived;
            bags = porttwin::passengers::summary(&result.summary).unwrap().bags.checked;
        }
        walls.sort_by(f64::total_cmp);
        let median = walls[walls.len() / 2];
        println!(
            "{}: median wall {:.4} s over 9 seeds; {travellers} travellers and {bags} bags; {:.0} travellers/s",
            scenario.meta.name,
            median,
            travellers as f64 / median
        );
    }
}
