//! The few sentences at the top of a run report: how long each kind of agent (travellers,
//! trucks, parcels) took, the longest waits, and what limits the port.

use super::html::duration;
use crate::metrics::Summary;

/// Minutes in a row with a queue at the bottleneck that make it worth naming.
const MIN_SPELL_MIN: usize = 15;

/// Queue length per minute of one stage.
pub struct QueueTrace<'a> {
    /// Stage name.
    pub stage: &'a str,
    /// Pool name.
    pub pool: &'a str,
    /// Sample times, seconds.
    pub time_s: &'a [u64],
    /// Queue length at each sample.
    pub queue: &'a [u32],
}

/// One line per finding, for people.
pub fn lines(summary: &Summary, traces: &[QueueTrace]) -> Vec<String> {
    let mut out = Vec::new();
    let kinds: Vec<(&str, u64, crate::metrics::histogram::Quantiles)> = match summary.groups.kind.0.is_empty() {
        // A summary written before agents were told apart: everyone together.
        true => vec![("agents", summary.served, summary.time_in_system_s)],
        false => summary
            .groups
            .kind
            .iter()
            .filter(|(_, g)| g.arrived > 0)
            .map(|(kind, g)| (kind, g.served, g.time_in_system_s))
            .collect(),
    };
    for (kind, served, t) in kinds {
        out.push(match served {
            0 => format!("None of the {kind} had left by the end of the run."),
            _ => format!(
                "95% of the {served} {kind} {} left were through the port in under {} (mean {}).",
                if kind == "travellers" { "who" } else { "that" },
                duration(t.p95),
                duration(t.mean)
            ),
        });
    }
    let worst = summary
        .stages
        .iter()
        .filter(|(_, s)| s.pool.is_some() && s.entered > 0)
        .max_by(|a, b| a.1.wait_s.p95.total_cmp(&b.1.wait_s.p95));
    if let Some((name, s)) = worst {
        out.push(format!(
            "The longest waits were at {name}: 95% waited under {}, the longest {}.",
            duration(s.wait_s.p95),
            duration(s.wait_s.max)
        ));
    }
    out.push(limits(traces));
    if !summary.stability.stable {
        out.push(format!("Warning: {}.", summary.stability.verdict));
    }
    out
}

fn clock(s: u64) -> String {
    format!("{:02}:{:02}", (s / 3600) % 24, (s / 60) % 60)
}

/// A stage whose queue is worth naming: at least this share of the busiest stage's queue area.
const MIN_AREA_SHARE: f64 = 0.1;

/// Most stages the paragraph names.
const MAX_NAMED: usize = 4;

/// Most spells listed per stage.
const MAX_SPELLS: usize = 3;

/// One stage that held a lasting queue, with every spell of it.
struct Bottleneck<'t, 'a> {
    trace: &'t QueueTrace<'a>,
    /// (from, to) in seconds, in time order.
    spells: Vec<(u64, u64)>,
    peak: u32,
}

/// "What limits this port": every stage that held a queue of at least a fifth of its peak for
/// 15 minutes or more, busiest first, with each such spell.
fn limits(traces: &[QueueTrace]) -> String {
    let found = bottlenecks(traces);
    if found.is_empty() {
        return "What limits this port: nothing lasting; no queue held for 15 minutes or more.".into();
    }
    let named: Vec<String> = found
        .iter()
        .take(MAX_NAMED)
        .map(|b| {
            let mut times: Vec<String> = b
                .spells
                .iter()
                .take(MAX_SPELLS)
                .map(|&(f, t)| format!("{}–{}", clock(f), clock(t)))
                .collect();
            if b.spells.len() > MAX_SPELLS {
                times.push(format!("{} more", b.spells.len() - MAX_SPELLS));
            }
            let total: u64 = b.spells.iter().map(|(f, t)| t - f).sum();
            let spells = match b.spells.len() {
                1 => String::new(),
                n => format!("{n} spells, {} in all, ", super::html::duration(total as f64)),
            };
            format!(
                "the {} pool (stage {}), {} ({spells}up to {} waiting)",
                b.trace.pool,
                b.trace.stage,
                join(&times),
                b.peak
            )
        })
        .collect();
    let more = match found.len().saturating_sub(MAX_NAMED) {
        0 => String::new(),
        n => format!("; and {n} more stage{}", if n == 1 { "" } else { "s" }),
    };
    format!("What limits this port: {}{more}.", named.join("; "))
}

/// "a", "a and b", "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Stages with a lasting queue, by queue area, largest first; only those with at least
/// `MIN_AREA_SHARE` of the largest area.
fn bottlenecks<'t, 'a>(traces: &'t [QueueTrace<'a>]) -> Vec<Bottleneck<'t, 'a>> {
    let area = |t: &QueueTrace| t.queue.iter().map(|&q| q as u64).sum::<u64>();
    let largest = traces.iter().map(area).max().unwrap_or(0);
    let mut found: Vec<(u64, Bottleneck)> = traces
        .iter()
        .filter(|t| largest > 0 && area(t) as f64 >= MIN_AREA_SHARE * largest as f64)
        .filter_map(|trace| {
            let peak = trace.queue.iter().copied().max()?;
            let spells = spells(trace, (peak / 5).max(1));
            (!spells.is_empty()).then(|| (area(trace), Bottleneck { trace, spells, peak }))
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.0));
    found.into_iter().map(|(_, b)| b).collect()
}

/// The spells of 15 minutes or more with a queue of at least `threshold`, as (from, to) seconds.
fn spells(trace: &QueueTrace, threshold: u32) -> Vec<(u64, u64)> {
    let at = |i: usize| {
        trace
            .time_s
            .get(i)
            .copied()
            .unwrap_or_else(|| trace.time_s.last().map_or(0, |t| t + 60))
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, &q) in trace.queue.iter().chain([&0]).enumerate() {
        match (q >= threshold, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= MIN_SPELL_MIN {
                    out.push((at(s), at(i)));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(queue: impl Fn(u64) -> u32) -> (Vec<u64>, Vec<u32>) {
        ((0..1440).map(|m| m * 60).collect(), (0..1440).map(queue).collect())
    }

    #[test]
    fn names_every_recurring_bottleneck_with_each_spell_busiest_first() {
        let (time_s, desk) = minutes(|m| {
            if (480..600).contains(&m) || (1020..1080).contains(&m) {
                40
            } else {
                0
            }
        });
        let (_, search) = minutes(|m| if (600..660).contains(&m) { 30 } else { 0 });
        let (_, blip) = minutes(|m| if (700..710).contains(&m) { 100 } else { 0 });
        let (_, calm) = minutes(|m| u32::from(m % 7 == 0));
        let trace = |stage, pool, queue| QueueTrace {
            stage,
            pool,
            time_s: &time_s,
            queue,
        };
        let traces = [
            trace("egate", "egates", &calm),
            trace("search", "search", &search),
            trace("desk", "desks", &desk),
            trace("kiosk", "kiosks", &blip),
        ];
        assert_eq!(
            limits(&traces),
            "What limits this port: the desks pool (stage desk), 08:00–10:00 and 17:00–18:00 (2 spells, 3.0 h in all, up to 40 waiting); \
             the search pool (stage search), 10:00–11:00 (up to 30 waiting)."
        );
    }

    #[test]
    fn says_so_when_no_queue_lasts() {
        let (time_s, short) = minutes(|m| if (480..490).contains(&m) { 9 } else { 0 });
        let traces = [QueueTrace {
            stage: "desk",
            pool: "desks",
            time_s: &time_s,
            queue: &short,
        }];
        assert_eq!(
            limits(&traces),
            "What limits this port: nothing lasting; no queue held for 15 minutes or more."
        );
    }
}
