//! E-gate face verification in a run: measured FRR and FAR match the embedding model's analytic rates.

mod common;

use common::{run, scenario};
use porttwin::passengers::face::{false_accept_rate, false_reject_rate};
use porttwin::passengers::model::FaceMatch;

const GATE: FaceMatch = FaceMatch {
    threshold: 0.74,
    capture_noise: 0.55,
    quality_min: 0.55,
    lookalike_similarity: 0.82,
};

#[test]
fn measured_error_rates_match_the_analytic_ones() {
    let spec = scenario(&format!(
        r#"Scenario(
    meta: (name: "gates", duration_h: 24.0),
    population: [(name: "traveller", share: 1.0, lookalike_fraud: 0.25)],
    demand: [(name: "in", entry: "egate", arrivals: Hourly(daily_total: 24000, weights: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]))],
    facilities: {{
        "egates": (servers: 10, automated: true, service: Constant(s: 8)),
        "desks": (servers: 10, service: Constant(s: 40)),
    }},
    routing: {{
        "egate": (pool: "egates", check: FaceMatch(threshold: {}, capture_noise: {}, quality_min: {}, lookalike_similarity: {}),
            next: Choose([(when: Has("face_rejected"), to: "desk"), (when: Always, to: "exit")])),
        "desk": (pool: "desks", next: To("exit")),
    }},
)"#,
        GATE.threshold, GATE.capture_noise, GATE.quality_min, GATE.lookalike_similarity
    ));
    let result = run(&spec, 3);
    let face = &porttwin::passengers::summary(&result.summary).unwrap().face;
    for (measured, n, analytic, what) in [
        (face.frr, face.genuine_attempts, false_reject_rate(&GATE), "FRR"),
        (face.far, face.impostor_attempts, false_accept_rate(&GATE), "FAR"),
    ] {
        assert!(n > 4000, "{what}: enough attempts ({n})");
        let band = 4.0 * (analytic * (1.0 - analytic) / n as f64).sqrt();
        assert!(
            (measured - analytic).abs() < band,
            "{what}: measured {measured:.4} over {n}, analytic {analytic:.4} ± {band:.4}"
        );
    }
    // Every rejected traveller, genuine or impostor, went to a desk.
    let desk = result.summary.stages.get("desk").unwrap();
    let rejected = face.false_rejects + face.impostor_attempts - face.false_accepts;
    assert_eq!(desk.entered, rejected);
}
