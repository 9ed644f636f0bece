//! Random selection meets its rate within binomial noise, per trader tier, and authorised
//! operators see their lower rate (lanes decided at lodgement, no model).

use porttwin::cargo::TruthRates;
use porttwin::cargo::clearance::declaration::TraderTier;
use porttwin::cargo::clearance::{Lane, Reason, TargetingPolicy, TierPolicy};
use porttwin::cargo::lodgement::Lodgement;

#[test]
fn random_rates_per_tier_are_met_within_binomial_noise() {
    let mut tiers = [TierPolicy::default(); 4];
    tiers[0] = TierPolicy {
        random_rate: Some(0.01),
        lane: Some(Lane::Blue),
        remote_inspection: true,
        ..TierPolicy::default()
    };
    let policy = TargetingPolicy {
        rules: Vec::new(),
        selection: None,
        score_lane: Lane::Red,
        random_rate: 0.08,
        random_lane: Lane::Red,
        default_lane: Lane::Green,
        tiers,
        reroute: Vec::new(),
    };
    let n = 20_000u64;
    let mut desk = Lodgement::new(11, TruthRates::default(), policy, None, 500);
    let mut selected = [0u64; 4];
    let mut total = [0u64; 4];
    for i in 0..n {
        let (lodged, decision) = desk.take(i).unwrap();
        let tier = TraderTier::ALL.iter().position(|&t| t == lodged.declaration.trader).unwrap();
        total[tier] += 1;
        let random = decision.reason == Reason::Random;
        selected[tier] += random as u64;
        assert_eq!(
            decision.lane,
            if random {
                Lane::Red
            } else if tier == 0 {
                Lane::Blue
            } else {
                Lane::Green
            }
        );
        assert_eq!(decision.remote_eligible, tier == 0);
    }
    for (tier, rate) in [(0, 0.01), (1, 0.08), (2, 0.08), (3, 0.08)] {
        let m = total[tier] as f64;
        let observed = selected[tier] as f64 / m;
        let sd = (rate * (1.0 - rate) / m).sqrt();
        assert!(
            (observed - rate).abs() < 4.0 * sd,
            "tier {tier}: {observed:.4} selected at random, expected {rate} ± {:.4} (n = {m})",
            4.0 * sd
        );
    }
    assert!(total[0] > 1000, "the generator has authorised traders");
}
