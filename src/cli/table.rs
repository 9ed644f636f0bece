//! The KPI table printed after a run.

use porttwin::metrics::Summary;

/// Seconds as `1h 02m`, `4m 05s` or `12.3s`.
pub fn duration(s: f64) -> String {
    if s >= 3600.0 {
        format!("{}h {:02}m", (s / 3600.0) as u64, ((s % 3600.0) / 60.0) as u64)
    } else if s >= 60.0 {
        format!("{}m {:02}s", (s / 60.0) as u64, (s % 60.0) as u64)
    } else {
        format!("{s:.1}s")
    }
}

/// Integers with thousands separators.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The table as text.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{}  seed {}  simulated {:.1} h\narrived {}  served {}  balked {}  in port at end {}\n\n",
        s.scenario,
        s.seed,
        s.simulated_s / 3600.0,
        count(s.arrived),
        count(s.served),
        count(s.balked),
        count(s.in_system_at_end)
    ));
    out.push_str(&format!(
        "{:<18} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>6} {:>7}\n",
        "stage", "entered", "wait avg", "p50", "p95", "p99", "max", "util", "max q"
    ));
    for (name, st) in s.stages.iter().filter(|(_, st)| st.pool.is_some()) {
        let w = st.wait_s;
        out.push_str(&format!(
            "{:<18} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>5.0}% {:>7}\n",
            name,
            count(st.entered),
            duration(w.mean),
            duration(w.p50),
            duration(w.p95),
            duration(w.p99),
            duration(w.max),
            st.utilisation * 100.0,
            count(st.max_queue as u64)
        ));
    }
    let t = s.time_in_system_s;
    out.push_str(&format!(
        "\ntime in port: mean {}  p50 {}  p95 {}  p99 {}  max {}\n",
        duration(t.mean),
        duration(t.p50),
        duration(t.p95),
        duration(t.p99),
        duration(t.max)
    ));
    out.push_str(&passengers(s));
    out.push_str(&super::cargo_table::render(s));
    for t in &s.targets {
        out.push_str(&format!(
            "target {}: {:.0}% within {} min required, {:.1}% achieved: {}\n",
            t.what,
            t.required_share * 100.0,
            t.within_min,
            t.achieved_share * 100.0,
            if t.met { "met" } else { "MISSED" }
        ));
    }
    let officer_hours: f64 = s.pools.iter().map(|(_, p)| p.officer_hours).sum();
    out.push_str(&format!("officer-hours on duty: {officer_hours:.1}\n"));
    out.push_str(&format!("stability: {}\ndigest: {}\n", s.stability.verdict, s.digest));
    out
}

/// The smart-inspection lines, when the scenario uses those features.
fn passengers(s: &Summary) -> String {
    let p = &s.passengers;
    let carried: u64 = p.contraband.iter().map(|(_, c)| c.carried).sum();
    if p.face.genuine_attempts + p.face.impostor_attempts + p.screening.screened + p.bags.checked + carried == 0 {
        return String::new();
    }
    let mut out = format!(
        "stops per traveller {:.2}  seamless {:.1}%  interceptions {} ({} found nothing)\n",
        p.stops_per_traveller,
        p.seamless_share * 100.0,
        count(p.interceptions),
        count(p.false_interceptions)
    );
    if p.face.genuine_attempts + p.face.impostor_attempts > 0 {
        out.push_str(&format!(
            "face verification: FRR {:.2}% ({} of {})  FAR {:.1}% ({} of {} impostors)\n",
            p.face.frr * 100.0,
            p.face.false_rejects,
            count(p.face.genuine_attempts),
            p.face.far * 100.0,
            p.face.false_accepts,
            p.face.impostor_attempts
        ));
    }
    if p.screening.screened > 0 {
        let sc = &p.screening;
        out.push_str(&format!(
            "advance screening: {} screened, selected {} by rule, {} by score, {} at random; {:.1}% of them carried contraband\n",
            count(sc.screened),
            sc.by_rule,
            sc.by_score,
            sc.at_random,
            sc.hit_rate * 100.0
        ));
    }
    if p.bags.checked > 0 {
        out.push_str(&format!(
            "checked bags: {} arrived, {} delivered\n",
            count(p.bags.checked),
            count(p.bags.delivered)
        ));
    }
    if carried > 0 {
        out.push_str("contraband        carried   seized   missed (never searched / searched)\n");
        for (class, c) in p.contraband.iter().filter(|(_, c)| c.carried > 0) {
            out.push_str(&format!(
                "  {:<15} {:>7} {:>8}   {} / {}\n",
                class, c.carried, c.seized, c.missed_not_searched, c.missed_in_search
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_counts_and_durations() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(12), "12");
        assert_eq!(duration(3725.0), "1h 02m");
        assert_eq!(duration(245.0), "4m 05s");
        assert_eq!(duration(12.34), "12.3s");
    }
}
