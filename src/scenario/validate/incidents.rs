//! Checks staged incidents: times within the run, sources and pools that exist, counts and
//! staffing within the servers a pool has.

use super::Checker;
use crate::detect::ThreatClass;
use crate::scenario::incident::{Incident, IncidentKind};
use crate::scenario::model::{Pool, Source};
use crate::scenario::raw_incidents::RawIncident;
use crate::sim::time::{SimTime, parse_clock};

pub(super) fn check(c: &mut Checker, raw: &[RawIncident], sources: &[Source], pools: &[Pool], duration: SimTime) -> Vec<Incident> {
    let mut incidents = Vec::new();
    for (i, incident) in raw.iter().enumerate() {
        let path = format!("incidents[{i}]");
        let at = match incident {
            RawIncident::Surge { at, .. }
            | RawIncident::Breakdown { at, .. }
            | RawIncident::Contraband { at, .. }
            | RawIncident::Staffing { at, .. } => at,
        };
        let at = match parse_clock(at) {
            Ok(t) if t >= duration => {
                c.error(
                    format!("{path}.at"),
                    format!("the incident at {t} comes after the end of the run ({duration})"),
                    None,
                );
                None
            }
            Ok(t) => Some(t),
            Err(e) => {
                c.error(format!("{path}.at"), e, None);
                None
            }
        };
        let kind = match incident {
            RawIncident::Surge {
                source, count, spread_min, ..
            } => {
                let source = find_source(c, &path, source, sources);
                if *count < 1 {
                    c.error(
                        format!("{path}.count"),
                        format!("a surge needs at least 1 arrival (got {count})"),
                        None,
                    );
                }
                let spread_ok = c.at_least(&format!("{path}.spread_min"), *spread_min, 0.0, false, "the spread");
                source.filter(|_| *count >= 1 && spread_ok).map(|source| IncidentKind::Surge {
                    source,
                    count: (*count).min(u32::MAX as i64) as u32,
                    spread: SimTime::from_secs_f64(spread_min * 60.0),
                })
            }
            RawIncident::Breakdown {
                pool, servers, for_min, ..
            } => {
                let found = c.find(format!("{path}.pool"), "pool", pool, pools.iter().map(|p| p.name.as_str()));
                if *servers < 1 {
                    c.error(
                        format!("{path}.servers"),
                        format!("a breakdown takes at least 1 server out of order (got {servers})"),
                        None,
                    );
                }
                let for_ok = c.at_least(&format!("{path}.for_min"), *for_min, 0.0, true, "the repair time");
                found.filter(|_| *servers >= 1 && for_ok).map(|pool| IncidentKind::Breakdown {
                    pool,
                    servers: (*servers).min(u32::MAX as i64) as u32,
                    duration: SimTime::from_secs_f64(for_min * 60.0),
                })
            }
            RawIncident::Contraband { source, items, .. } => {
                let source = find_source(c, &path, source, sources);
                let mut bits = 0u8;
                for (j, name) in items.iter().enumerate() {
                    match name.parse::<ThreatClass>() {
                        Ok(class) => bits |= class.bit(),
                        Err(_) => c.error(
                            format!("{path}.items[{j}]"),
                            format!("\"{name}\" is not a contraband class"),
                            Some("use \"weapons\", \"drugs\", \"wildlife\", \"live_animals\" or \"cash\""),
                        ),
                    }
                }
                if items.is_empty() {
                    c.error(format!("{path}.items"), "a smuggler carries at least one contraband class", None);
                }
                source
                    .filter(|_| bits != 0)
                    .map(|source| IncidentKind::Contraband { source, items: bits })
            }
            RawIncident::Staffing {
                pool, servers, for_min, ..
            } => {
                let found = c.find(format!("{path}.pool"), "pool", pool, pools.iter().map(|p| p.name.as_str()));
                let most = found.map_or(u32::MAX, |p| pools[p].max_servers());
                let servers_ok = (0..=i64::from(most)).contains(servers);
                if !servers_ok {
                    c.error(
                        format!("{path}.servers"),
                        format!("a roster change staffs between 0 and the pool's {most} servers (got {servers})"),
                        Some("a pool has as many servers as the most its roster ever staffs"),
                    );
                }
                let for_ok = c.at_least(&format!("{path}.for_min"), *for_min, 0.0, true, "the roster change's duration");
                found.filter(|_| servers_ok && for_ok).map(|pool| IncidentKind::Staffing {
                    pool,
                    servers: *servers as u32,
                    duration: SimTime::from_secs_f64(for_min * 60.0),
                })
            }
        };
        if let (Some(at), Some(kind)) = (at, kind) {
            incidents.push(Incident { at, kind });
        }
    }
    incidents.sort_by_key(|i| i.at);
    incidents
}

fn find_source(c: &mut Checker, path: &str, name: &str, sources: &[Source]) -> Option<usize> {
    c.find(format!("{path}.source"), "source", name, sources.iter().map(|s| s.name.as_str()))
}
