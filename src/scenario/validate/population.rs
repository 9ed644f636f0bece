//! Checks the population mix.

use super::Checker;
use crate::scenario::model::{MAX_ATTRIBUTES, Population, TravellerType};
use crate::scenario::raw::RawTravellerType;

/// Walking speed of adults in m/s (Weidmann 1993), used when a type gives none.
const DEFAULT_WALK_SPEED: (f64, f64) = (1.34, 0.26);

pub(super) fn check(c: &mut Checker, raw: &[RawTravellerType]) -> Population {
    if raw.is_empty() {
        let traveller = TravellerType {
            name: "traveller".into(),
            share: 1.0,
            attribute_probability: Vec::new(),
            walk_speed_mean_mps: DEFAULT_WALK_SPEED.0,
            walk_speed_sd_mps: DEFAULT_WALK_SPEED.1,
        };
        return Population {
            types: vec![traveller],
            attributes: Vec::new(),
        };
    }
    let mut attributes: Vec<String> = Vec::new();
    for t in raw {
        for (name, _) in t.attributes.iter() {
            if !attributes.iter().any(|a| a == name) {
                attributes.push(name.to_string());
            }
        }
    }
    if attributes.len() > MAX_ATTRIBUTES {
        c.error(
            "population",
            format!("{} distinct attributes; at most {MAX_ATTRIBUTES} are supported", attributes.len()),
            None,
        );
        attributes.truncate(MAX_ATTRIBUTES);
    }
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
        c.probability(&format!("{path}.share"), t.share, "a share");
        let mut attribute_probability = vec![0.0; attributes.len()];
        for (name, p) in t.attributes.iter() {
            if c.probability(&format!("{path}.attributes.{name}"), *p, &format!("attribute \"{name}\""))
                && let Some(a) = attributes.iter().position(|x| x == name)
            {
                attribute_probability[a] = *p;
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
        types.push(TravellerType {
            name: t.name.clone(),
            share: t.share,
            attribute_probability,
            walk_speed_mean_mps: mean,
            walk_speed_sd_mps: sd,
        });
    }
    c.sums_to_one("population", raw.iter().map(|t| t.share), "the population shares");
    Population { types, attributes }
}
