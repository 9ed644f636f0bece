//! The statistics a calibration compares, by name, read from what a log says
//! ([`Observed`]): `arrivals`, `exits`, `mean_time_in_system_s`, `throughput.hNN` (exits in
//! hour NN), and per stage `stages.<name>.started`, `.mean_wait_s`, `.ended`,
//! `.mean_service_s`, `.balked`, `.mean_queue`.

use crate::eventlog::observed::Observed;

/// What the names look like, for error hints.
pub const HINT: &str = "statistics are `arrivals`, `exits`, `mean_time_in_system_s`, `throughput.h08`, or `stages.<stage>.started|mean_wait_s|ended|mean_service_s|balked|mean_queue`";

/// The value of statistic `name` in `observed` (`None`: the log says nothing of it), or why
/// `name` is not a statistic.
pub fn value(observed: &Observed, name: &str) -> Result<Option<f64>, String> {
    match name {
        "arrivals" => return Ok(Some(observed.arrivals as f64)),
        "exits" => return Ok(Some(observed.exits as f64)),
        "mean_time_in_system_s" => return Ok(observed.mean_time_in_system_s),
        _ => {}
    }
    if let Some(hour) = name.strip_prefix("throughput.h") {
        let hour: usize = hour
            .parse()
            .map_err(|_| format!("`{name}`: the hour must be a number, as in `throughput.h08`"))?;
        return Ok(Some(observed.exits_per_hour.get(hour).copied().unwrap_or(0) as f64));
    }
    let Some((stage, what)) = name.strip_prefix("stages.").and_then(|rest| rest.rsplit_once('.')) else {
        return Err(format!("`{name}` is not a statistic"));
    };
    let Some(s) = observed.stages.get(stage) else {
        return Ok(None);
    };
    Ok(match what {
        "started" => Some(s.started as f64),
        "ended" => Some(s.ended as f64),
        "balked" => Some(s.balked as f64),
        "mean_wait_s" => s.mean_wait_s,
        "mean_service_s" => s.mean_service_s,
        "mean_queue" => s.mean_queue,
        other => return Err(format!("`{other}` is not a statistic of a stage")),
    })
}

/// The statistics a log gives, when a spec names none: per stage its services started, mean
/// wait and mean service time, and the exits.
pub fn defaults(observed: &Observed) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (stage, s) in &observed.stages {
        names.push(format!("stages.{stage}.started"));
        if s.mean_wait_s.is_some() {
            names.push(format!("stages.{stage}.mean_wait_s"));
        }
        if s.mean_service_s.is_some() {
            names.push(format!("stages.{stage}.mean_service_s"));
        }
    }
    names.push("exits".into());
    names
}

/// The values of `names` in `simulated` (what a run says nothing of counts as 0).
pub fn values(simulated: &Observed, names: &[String]) -> Vec<f64> {
    names.iter().map(|n| value(simulated, n).ok().flatten().unwrap_or(0.0)).collect()
}
