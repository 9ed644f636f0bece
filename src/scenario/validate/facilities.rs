//! Checks server pools: counts, rosters, service times, disciplines, capacities.

use super::Checker;
use crate::scenario::model::{Breakdown, Discipline, Pool, Population, Robots, ServiceTime};
use crate::scenario::ordered_map::OrderedMap;
use crate::scenario::raw::{RawDiscipline, RawPool, RawRobots, RawService, RawStage};
use crate::sim::time::SimTime;

/// Largest number of servers in one pool.
const MAX_SERVERS: i64 = 10_000;

pub(super) fn check(c: &mut Checker, raw: &OrderedMap<RawPool>, population: &Population, routing: &OrderedMap<RawStage>) -> Vec<Pool> {
    let mut pools = Vec::new();
    for (name, p) in raw.iter() {
        let path = format!("facilities.{name}");
        if name == "exit" || name.is_empty() {
            c.error(&path, format!("\"{name}\" cannot name a pool"), None);
        }
        if p.servers < 1 {
            c.error(
                format!("{path}.servers"),
                format!("a pool needs at least 1 server (got {})", p.servers),
                Some("to close a pool for some hours, give it a `roster` with 0 for those hours"),
            );
        } else if p.servers > MAX_SERVERS {
            c.error(
                format!("{path}.servers"),
                format!("{} servers is more than the limit of {MAX_SERVERS}", p.servers),
                None,
            );
        }
        let servers = p.servers.clamp(0, MAX_SERVERS) as u32;
        let roster = check_roster(c, &path, p.roster.as_deref(), servers);
        let service = check_service(c, &format!("{path}.service"), &p.service, "service");
        let service_by_type = check_service_by_type(c, &format!("{path}.service_by_type"), &p.service_by_type, population);
        let mean_service_s = mix_mean_s(&service, &service_by_type, population);
        let discipline = check_discipline(c, &format!("{path}.discipline"), &p.discipline, population);
        if let Some(capacity) = p.capacity
            && capacity < 1
        {
            c.error(
                format!("{path}.capacity"),
                format!("a queue capacity must be at least 1 (got {capacity})"),
                Some("leave `capacity` out for an unlimited queue"),
            );
        }
        if !routing.iter().any(|(_, s)| s.pool.as_deref() == Some(name)) {
            c.error(
                &path,
                format!("pool \"{name}\" is not used by any stage"),
                Some("reference it with `pool: \"...\"` in a stage, or remove it"),
            );
        }
        let robots = p.robots.as_ref().map(|r| check_robots(c, &format!("{path}.robots"), r));
        let breakdown = p.breakdown.and_then(|b| {
            let ok = c.at_least(
                &format!("{path}.breakdown.mtbf_h"),
                b.mtbf_h,
                0.0,
                true,
                "a mean time between failures",
            ) & c.at_least(
                &format!("{path}.breakdown.mttr_min"),
                b.mttr_min,
                0.0,
                true,
                "a mean time to repair",
            );
            ok.then_some(Breakdown {
                mtbf_s: b.mtbf_h * 3600.0,
                mttr_s: b.mttr_min * 60.0,
            })
        });
        pools.push(Pool {
            automated: p.automated,
            per_occupant: p.per_occupant,
            robots,
            breakdown,
            name: name.to_string(),
            roster,
            service,
            service_by_type,
            mean_service_s,
            discipline,
            capacity: p.capacity.map(|cap| cap.clamp(0, u32::MAX as i64) as u32),
        });
    }
    pools
}

fn check_roster(c: &mut Checker, path: &str, roster: Option<&[i64]>, servers: u32) -> [u32; 24] {
    let mut by_hour = [servers; 24];
    let Some(roster) = roster else { return by_hour };
    let path = format!("{path}.roster");
    if roster.len() != 24 {
        c.error(
            &path,
            format!("a roster needs 24 values, one per hour from 00:00, but has {}", roster.len()),
            None,
        );
        return by_hour;
    }
    for (h, &n) in roster.iter().enumerate() {
        if n < 0 || n > servers as i64 {
            c.error(
                format!("{path}[{h}]"),
                format!("{n} servers staffed at {h:02}:00, but the pool has {servers}"),
                Some("a roster value must be between 0 and `servers`"),
            );
        }
        by_hour[h] = n.clamp(0, servers as i64) as u32;
    }
    if roster.iter().all(|&n| n <= 0) {
        c.error(&path, "the roster never staffs a server, so nobody would be served", None);
    }
    by_hour
}

/// A distribution of durations in seconds; `noun` names what they are in messages
/// ("service", "delay").
pub(super) fn check_service(c: &mut Checker, path: &str, raw: &RawService, noun: &str) -> ServiceTime {
    match raw {
        RawService::Constant { s } => {
            c.at_least(&format!("{path}.s"), *s, 0.0, true, &format!("a {noun} time"));
            ServiceTime::Constant { s: *s }
        }
        RawService::Exponential { mean_s } => {
            c.at_least(&format!("{path}.mean_s"), *mean_s, 0.0, true, &format!("a mean {noun} time"));
            ServiceTime::Exponential { mean_s: *mean_s }
        }
        RawService::LogNormal { mean_s, sd_s } => {
            c.at_least(&format!("{path}.mean_s"), *mean_s, 0.0, true, &format!("a mean {noun} time"));
            c.at_least(&format!("{path}.sd_s"), *sd_s, 0.0, false, "a standard deviation");
            ServiceTime::LogNormal {
                mean_s: *mean_s,
                sd_s: *sd_s,
            }
        }
        RawService::Triangular { min_s, mode_s, max_s } => {
            let ok = c.at_least(&format!("{path}.min_s"), *min_s, 0.0, false, "the minimum")
                & c.at_least(&format!("{path}.mode_s"), *mode_s, 0.0, false, "the mode")
                & c.at_least(&format!("{path}.max_s"), *max_s, 0.0, false, "the maximum");
            if ok && !(min_s <= mode_s && mode_s <= max_s && min_s < max_s) {
                c.error(
                    path,
                    format!("a triangular distribution needs min <= mode <= max and min < max (got {min_s}, {mode_s}, {max_s})"),
                    None,
                );
            }
            ServiceTime::Triangular {
                min_s: *min_s,
                mode_s: *mode_s,
                max_s: *max_s,
            }
        }
        RawService::Empirical { quantiles } => {
            check_quantiles(c, &format!("{path}.quantiles"), quantiles);
            ServiceTime::Empirical {
                quantiles: quantiles.clone(),
            }
        }
        RawService::DriveThrough { speed_kmh, spacing_m } => {
            let ok = c.at_least(&format!("{path}.speed_kmh"), *speed_kmh, 0.0, true, "a portal speed")
                & c.at_least(&format!("{path}.spacing_m"), *spacing_m, 0.0, true, "a truck spacing");
            ServiceTime::Constant {
                s: if ok { spacing_m / (speed_kmh / 3.6) } else { 1.0 },
            }
        }
    }
}

fn check_quantiles(c: &mut Checker, path: &str, table: &[(f64, f64)]) {
    let hint = Some("list (probability, seconds) points from (0.0, fastest) to (1.0, slowest), both increasing");
    if table.len() < 2 {
        c.error(
            path,
            format!("an empirical table needs at least 2 points (got {})", table.len()),
            hint,
        );
        return;
    }
    if table[0].0 != 0.0 || table[table.len() - 1].0 != 1.0 {
        c.error(
            path,
            "an empirical table must start at probability 0 and end at probability 1",
            hint,
        );
    }
    for (i, pair) in table.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        if !(a.0 < b.0 && a.1 <= b.1 && a.1 >= 0.0 && b.1.is_finite()) {
            c.error(
                format!("{path}[{}]", i + 1),
                format!(
                    "point ({}, {}) does not follow ({}, {}): both columns must increase and times be >= 0",
                    b.0, b.1, a.0, a.1
                ),
                hint,
            );
        }
    }
}

/// The mean service time over the population's global mix (each type at its own mean).
fn mix_mean_s(service: &ServiceTime, by_type: &[Option<ServiceTime>], population: &Population) -> f64 {
    let total: f64 = population.types.iter().map(|t| t.share).sum();
    if by_type.iter().all(Option::is_none) || total <= 0.0 {
        return service.mean_s();
    }
    let of = |t: usize| by_type.get(t).and_then(Option::as_ref).unwrap_or(service).mean_s();
    population.types.iter().enumerate().map(|(t, ty)| ty.share * of(t)).sum::<f64>() / total
}

/// Each type's own service time, by type id; a name not in the population is an error.
fn check_service_by_type(c: &mut Checker, path: &str, raw: &OrderedMap<RawService>, population: &Population) -> Vec<Option<ServiceTime>> {
    let mut by_type = vec![None; population.types.len()];
    for (name, service) in raw.iter() {
        let checked = check_service(c, &format!("{path}.{name}"), service, "service");
        match population.types.iter().position(|t| t.name == *name) {
            Some(t) => by_type[t] = Some(checked),
            None => {
                let known: Vec<_> = population.types.iter().map(|t| format!("\"{}\"", t.name)).collect();
                c.error(
                    format!("{path}.{name}"),
                    format!("traveller type \"{name}\" is not in the population"),
                    Some(&format!("types are: {}", known.join(", "))),
                );
            }
        }
    }
    by_type
}

fn check_discipline(c: &mut Checker, path: &str, raw: &RawDiscipline, population: &Population) -> Discipline {
    match raw {
        RawDiscipline::Fifo => Discipline::Fifo,
        RawDiscipline::Priority(order) => {
            if order.is_empty() {
                c.error(path, "a priority discipline needs at least one traveller type", None);
            }
            let listed = order.len().min(u8::MAX as usize - 1) as u8;
            let mut class_of_type = vec![listed; population.types.len()];
            for (rank, name) in order.iter().enumerate() {
                match population.types.iter().position(|t| t.name == *name) {
                    Some(_) if order[..rank].contains(name) => c.error(
                        format!("{path}[{rank}]"),
                        format!("traveller type \"{name}\" is listed twice"),
                        None,
                    ),
                    Some(t) => class_of_type[t] = rank.min(u8::MAX as usize - 1) as u8,
                    None => {
                        let known: Vec<_> = population.types.iter().map(|t| format!("\"{}\"", t.name)).collect();
                        c.error(
                            format!("{path}[{rank}]"),
                            format!("traveller type \"{name}\" is not in the population"),
                            Some(&format!("types are: {}", known.join(", "))),
                        );
                    }
                }
            }
            Discipline::Priority {
                class_of_type,
                classes: listed + 1,
            }
        }
    }
}

fn check_robots(c: &mut Checker, path: &str, raw: &RawRobots) -> Robots {
    if raw.count < 1 || raw.count > 1000 {
        c.error(
            format!("{path}.count"),
            format!("a robot fleet needs 1 to 1000 robots (got {})", raw.count),
            Some("leave `robots` out for none"),
        );
    }
    if !(raw.time_factor > 0.0 && raw.time_factor <= 1.0) {
        c.error(
            format!("{path}.time_factor"),
            format!("a robot's time factor must be above 0 and at most 1 (got {})", raw.time_factor),
            Some("0.7 means a robot-assisted inspection takes 70% of the time"),
        );
    }
    c.at_least(&format!("{path}.battery_min"), raw.battery_min, 0.0, true, "the battery time");
    c.at_least(&format!("{path}.recharge_min"), raw.recharge_min, 0.0, false, "the recharge time");
    Robots {
        count: raw.count.clamp(0, 1000) as u32,
        time_factor: raw.time_factor,
        battery: SimTime::from_secs_f64(raw.battery_min * 60.0),
        recharge: SimTime::from_secs_f64(raw.recharge_min * 60.0),
    }
}
