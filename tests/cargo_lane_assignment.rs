//! Lane assignment on crafted declarations: mandatory rules first, then exactly the inspection
//! budget by score, then random selection, tier defaults and officers' re-routing; every
//! decision names its cause.

use porttwin::cargo::clearance::declaration::{Declaration, TraderTier, generate, reference_value_per_kg};
use porttwin::cargo::clearance::rules::{Category, DeclCondition, Numeric};
use porttwin::cargo::clearance::{Draws, Lane, Reason, Reroute, ScoreSelection, TargetingPolicy, TierPolicy, assign_block};

fn declaration(origin: u8, trader: TraderTier, value_ratio: f64) -> Declaration {
    let mut d = generate(1, 0).0;
    d.origin = origin;
    d.trader = trader;
    d.value_per_kg = reference_value_per_kg(d.goods) * value_ratio;
    d
}

fn policy(selection: ScoreSelection) -> TargetingPolicy {
    let mut tiers = [TierPolicy::default(); 4];
    tiers[0] = TierPolicy {
        random_rate: Some(0.0),
        score_threshold: None,
        lane: Some(Lane::Blue),
        remote_inspection: true,
    };
    TargetingPolicy {
        rules: vec![
            (DeclCondition::Is(Category::Origin(6)), Lane::Red),
            (DeclCondition::Below(Numeric::ValueRatio, 0.35), Lane::Yellow),
        ],
        selection: Some(selection),
        score_lane: Lane::Red,
        random_rate: 0.1,
        random_lane: Lane::Red,
        default_lane: Lane::Green,
        tiers,
        reroute: Vec::new(),
    }
}

fn no_draws(n: usize) -> Vec<Draws> {
    vec![
        Draws {
            random: 0.99,
            officer: 0.99
        };
        n
    ]
}

/// Eight declarations: #1 from origin 6 (rule 0), #4 undervalued (rule 1), #6 an authorised trader.
fn crafted() -> (Vec<Declaration>, Vec<f32>) {
    let o = TraderTier::Ordinary;
    let declarations = vec![
        declaration(0, o, 1.0),
        declaration(6, o, 1.0),
        declaration(1, o, 1.0),
        declaration(2, o, 1.0),
        declaration(3, o, 0.2),
        declaration(4, o, 1.0),
        declaration(5, TraderTier::Authorised, 1.0),
        declaration(7, o, 1.0),
    ];
    let scores = vec![0.40, 0.99, 0.70, 0.10, 0.95, 0.70, 0.20, 0.05];
    (declarations, scores)
}

#[test]
fn rules_come_first_then_exactly_the_budget_by_score() {
    let (declarations, scores) = crafted();
    let decisions = assign_block(
        &policy(ScoreSelection::Budget { share: 0.25 }),
        &declarations,
        Some(&scores),
        &no_draws(8),
    );
    let lanes: Vec<Lane> = decisions.iter().map(|d| d.lane).collect();
    // Rules catch #1 and #4 (whatever their scores); the budget is round(0.25 × 8) = 2 among the
    // rest: the two 0.70 scores (#2 before #5 on the tie). The authorised trader gets its tier's lane.
    use Lane::*;
    assert_eq!(lanes, vec![Green, Red, Red, Green, Yellow, Red, Blue, Green]);
    assert_eq!(decisions[1].reason, Reason::Rule(0));
    assert_eq!(decisions[4].reason, Reason::Rule(1));
    assert_eq!(decisions[2].reason, Reason::Budget(0.70));
    assert_eq!(decisions[5].reason, Reason::Budget(0.70));
    assert_eq!(decisions[0].reason, Reason::Default);
    assert!(decisions[6].remote_eligible && !decisions[0].remote_eligible);
    assert!(decisions.iter().zip(&scores).all(|(d, s)| d.score == Some(*s)));
}

#[test]
fn budget_selects_its_exact_share_of_a_block() {
    let declarations: Vec<Declaration> = (0..1000).map(|i| declaration((i % 6) as u8, TraderTier::Ordinary, 1.0)).collect();
    let scores: Vec<f32> = (0..1000).map(|i| ((i * 7919) % 1000) as f32 / 1000.0).collect();
    let mut p = policy(ScoreSelection::Budget { share: 0.04 });
    p.rules.clear();
    p.random_rate = 0.0;
    let decisions = assign_block(&p, &declarations, Some(&scores), &no_draws(1000));
    let selected: Vec<usize> = (0..1000).filter(|&i| matches!(decisions[i].reason, Reason::Budget(_))).collect();
    assert_eq!(selected.len(), 40);
    assert!(selected.iter().all(|&i| scores[i] >= 0.96), "the top 4% of scores, no other");
}

#[test]
fn threshold_random_draws_and_officers() {
    let (declarations, scores) = crafted();
    let mut p = policy(ScoreSelection::Threshold(0.9));
    p.reroute = vec![Reroute {
        from: Lane::Green,
        to: Lane::Yellow,
        probability: 0.5,
    }];
    let mut draws = no_draws(8);
    draws[3].random = 0.05; // below the random rate 0.1: selected at random
    draws[6].random = 0.05; // authorised: its tier's rate is 0
    draws[7].officer = 0.2; // an officer re-routes this green declaration
    let decisions = assign_block(&p, &declarations, Some(&scores), &draws);
    assert_eq!(decisions[1].reason, Reason::Rule(0), "a rule wins over the score");
    assert_eq!(decisions[4].reason, Reason::Rule(1));
    assert!(matches!(decisions[2].reason, Reason::Default), "0.70 is under the threshold");
    assert_eq!((decisions[3].lane, decisions[3].reason), (Lane::Red, Reason::Random));
    assert_eq!((decisions[6].lane, decisions[6].reason), (Lane::Blue, Reason::Default));
    assert_eq!(
        (decisions[7].lane, decisions[7].reason),
        (Lane::Yellow, Reason::Officer(Lane::Green))
    );
    let scored = assign_block(&p, &[declaration(0, TraderTier::Ordinary, 1.0)], Some(&[0.9]), &no_draws(1));
    assert_eq!(scored[0].reason, Reason::Score(0.9), "a score at the threshold is selected");
}
