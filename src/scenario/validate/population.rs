//! Checks the population mix: shares, attributes, impostors, bags, contraband.

use super::Checker;
use crate::detect::ThreatClass;
use crate::scenario::model::{AttributeLaw, Population, TravellerType};
use crate::scenario::raw::{RawAttribute, RawTravellerType};

/// Walking speed of adults in m/s (Weidmann 1993), used when a type gives none.
const DEFAULT_WALK_SPEED: (f64, f64) = (1.34, 0.26);

fn single_traveller_type() -> Population {
    let traveller = TravellerType {
        name: "traveller".into(),
        share: 1.0,
        attributes: Vec::new(),
        lookalike_fraud: 0.0,
        checked_bags_mean: 0.0,
        contraband: [0.0; 5],
        walk_speed_mean_mps: DEFAULT_WALK_SPEED.0,
        walk_speed_sd_mps: DEFAULT_WALK_SPEED.1,
    };
    Population {
        types: vec![traveller],
        attributes: Vec::new(),
    }
}

fn attribute_names(c: &mut Checker, raw: &[RawTravellerType]) -> Vec<String> {
    let mut attributes: Vec<String> = Vec::new();
    for (i, t) in raw.iter().enumerate() {
        for (name, _) in t.attributes.iter() {
            if crate::domains::all_flags().any(|f| f == name) {
                c.error(
                    format!("population[{i}].attributes.{name}"),
                    format!("\"{name}\" is a flag the simulation sets itself"),
                    Some("use another name; routing conditions can test the built-in flag directly"),
                );
            } else if !attributes.iter().any(|a| a == name) {
                attributes.push(name.to_string());
            }
        }
    }
    attributes
}

fn check_attribute(c: &mut Checker, path: &str, name: &str, raw: &RawAttribute) -> AttributeLaw {
    match *raw {
        RawAttribute::Probability(p) => {
            c.probability(path, p, &format!("attribute \"{name}\""));
            AttributeLaw { clean: p, risky: p }
        }
        RawAttribute::ByTruth { clean, risky } => {
            c.probability(&format!("{path}.clean"), clean, &format!("attribute \"{name}\""));
            c.probability(&format!("{path}.risky"), risky, &format!("attribute \"{name}\""));
            AttributeLaw { clean, risky }
        }
    }
}

fn check_type(c: &mut Checker, path: &str, t: &RawTravellerType, attributes: &[String]) -> TravellerType {
    c.probability(&format!("{path}.share"), t.share, "a share");
    let mut laws = vec![AttributeLaw { clean: 0.0, risky: 0.0 }; attributes.len()];
    for (name, raw) in t.attributes.iter() {
        let law = check_attribute(c, &format!("{path}.attributes.{name}"), name, raw);
        if let Some(a) = attributes.iter().position(|x| x == name) {
            laws[a] = law;
        }
    }
    c.probability(&format!("{path}.lookalike_fraud"), t.lookalike_fraud, "the look-alike fraud rate");
    if c.at_least(
        &format!("{path}.checked_bags"),
        t.checked_bags,
        0.0,
        false,
        "the mean number of checked bags",
    ) && t.checked_bags > 10.0
    {
        c.error(
            format!("{path}.checked_bags"),
            format!("{} checked bags per traveller on average is not plausible", t.checked_bags),
            Some("use 0 to 10"),
        );
    }
    let mut contraband = [0.0; 5];
    for (name, p) in t.contraband.iter() {
        let at = format!("{path}.contraband.{name}");
        match name.parse::<ThreatClass>().ok() {
            Some(class) => {
                if c.probability(&at, *p, "a contraband probability") {
                    contraband[class as usize] = *p;
                }
            }
            None => {
                let known: Vec<_> = ThreatClass::BAG.iter().map(|k| format!("\"{}\"", k.name())).collect();
                c.error(
                    at,
                    format!("\"{name}\" is not a contraband class"),
                    Some(&format!("classes are: {}", known.join(", "))),
                );
            }
        }
    }
    let (mean, sd) = t.walk_speed_mps.map_or(DEFAULT_WALK_SPEED, |s| (s.mean, s.sd));
    if !(0.2..=3.0).contains(&mean) {
        c.error(
            format!("{path}.walk_speed_mps.mean"),
            format!("a mean walking speed of {mean} m/s is not plausible"),
            Some("adults walk at 1.0 to 1.6 m/s; use 0.2 to 3"),
        );
    }
    if !(0.0..mean.max(0.0)).contains(&sd) {
        c.error(
            format!("{path}.walk_speed_mps.sd"),
            format!("the speed's standard deviation must be at least 0 and below the mean (got {sd})"),
            None,
        );
    }
    TravellerType {
        name: t.name.clone(),
        share: t.share,
        attributes: laws,
        lookalike_fraud: t.lookalike_fraud,
        checked_bags_mean: t.checked_bags,
        contraband,
        walk_speed_mean_mps: mean,
        walk_speed_sd_mps: sd,
    }
}

pub(super) fn check(c: &mut Checker, raw: &[RawTravellerType]) -> Population {
    if raw.is_empty() {
        return single_traveller_type();
    }
    let attributes = attribute_names(c, raw);
    let mut types = Vec::new();
    for (i, t) in raw.iter().enumerate() {
        let path = format!("population[{i}]");
        if t.name.is_empty() {
            c.error(format!("{path}.name"), "a traveller type needs a name", None);
        } else if raw[..i].iter().any(|o| o.name == t.name) {
            c.error(
                format!("{path}.name"),
                format!("traveller type \"{}\" is defined twice", t.name),
                None,
            );
        }
        types.push(check_type(c, &path, t, &attributes));
    }
    c.sums_to_one("population", raw.iter().map(|t| t.share), "the population shares");
    Population { types, attributes }
}
