//! The few sentences at the top of a run report: how long each kind of agent (travellers,
//! trucks, parcels) took, and where and when the bottleneck was.

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
    match bottleneck(traces) {
        Some((trace, from, to, peak)) => out.push(format!(
            "The {} pool (stage {}) was the bottleneck from {} to {}, with up to {peak} waiting.",
            trace.pool,
            trace.stage,
            clock(from),
            clock(to)
        )),
        None => out.push("No queue lasted 15 minutes or more: no stage was a lasting bottleneck.".into()),
    }
    if !summary.stability.stable {
        out.push(format!("Warning: {}.", summary.stability.verdict));
    }
    out
}

fn clock(s: u64) -> String {
    format!("{:02}:{:02}", (s / 3600) % 24, (s / 60) % 60)
}

/// The stage with the largest queue area, and its longest spell with a queue of at least a fifth of its peak.
fn bottleneck<'a, 'b>(traces: &'b [QueueTrace<'a>]) -> Option<(&'b QueueTrace<'a>, u64, u64, u32)> {
    let trace = traces.iter().max_by_key(|t| t.queue.iter().map(|&q| q as u64).sum::<u64>())?;
    let peak = trace.queue.iter().copied().max()?;
    let threshold = (peak / 5).max(1);
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, &q) in trace.queue.iter().chain([&0]).enumerate() {
        match (q >= threshold, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if best.is_none_or(|(a, b)| i - s > b - a) {
                    best = Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (from, to) = best.filter(|(a, b)| b - a >= MIN_SPELL_MIN)?;
    let at = |i: usize| {
        trace
            .time_s
            .get(i)
            .copied()
            .unwrap_or_else(|| trace.time_s.last().map_or(0, |t| t + 60))
    };
    Some((trace, at(from), at(to), peak))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_longest_spell_of_the_busiest_queue() {
        let time_s: Vec<u64> = (0..600).map(|m| m * 60).collect();
        let busy: Vec<u32> = (0..600).map(|m| if (480..630).contains(&m) { 40 } else { 0 }).collect();
        let calm: Vec<u32> = (0..600).map(|m| u32::from(m % 7 == 0)).collect();
        let traces = [
            QueueTrace {
                stage: "egate",
                pool: "egates",
                time_s: &time_s,
                queue: &calm,
            },
            QueueTrace {
                stage: "desk",
                pool: "desks",
                time_s: &time_s,
                queue: &busy,
            },
        ];
        let (trace, from, to, peak) = bottleneck(&traces).unwrap();
        assert_eq!(
            (trace.pool, clock(from), clock(to), peak),
            ("desks", "08:00".into(), "10:00".into(), 40)
        );
    }
}
