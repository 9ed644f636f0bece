//! KPIs of a run by path into its `summary.json`, e.g. `stages.desk.wait_s.p95`.

use serde_json::Value;

use crate::metrics::Summary;
use crate::scenario::Scenario;

/// The KPIs a sweep records when its spec names none: time in port, per served stage the
/// mean and p95 wait and the utilisation, per pool the officer-hours (machine-hours for a pool
/// of machines), the cost per day when the scenario prices it, then served and balked.
pub fn defaults(scenario: &Scenario) -> Vec<String> {
    let mut kpis = vec!["time_in_system_s.p95".to_string(), "time_in_system_s.mean".to_string()];
    for stage in scenario.stages.iter().filter(|s| s.pool.is_some()) {
        for field in ["wait_s.mean", "wait_s.p95", "utilisation"] {
            kpis.push(format!("stages.{}.{field}", stage.name));
        }
    }
    for pool in &scenario.pools {
        let hours = if pool.automated { "machine_hours" } else { "officer_hours" };
        kpis.push(format!("pools.{}.{hours}", pool.name));
    }
    if scenario.costs.is_some() {
        kpis.extend(["costs.per_day".to_string(), "costs.operating_per_day".to_string()]);
    }
    kpis.extend(["served".to_string(), "balked".to_string()]);
    kpis
}

/// The values of `kpis` in a summary (NaN where a path does not lead to a number).
pub fn extract(summary: &Summary, kpis: &[String]) -> Vec<f64> {
    let json = serde_json::to_value(summary).unwrap_or(Value::Null);
    kpis.iter().map(|k| lookup(&json, k).unwrap_or(f64::NAN)).collect()
}

/// The number at `path` in a summary's JSON, or what the path could have been.
pub fn lookup(json: &Value, path: &str) -> Result<f64, String> {
    match value_at(json, path)? {
        Value::Number(n) => n.as_f64().ok_or_else(|| "not a number".into()),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        // A figure with nothing to measure in this run (the cost per seizure without seizures).
        Value::Null => Ok(f64::NAN),
        Value::Object(map) => Err(format!("pick one of: {}", map.keys().cloned().collect::<Vec<_>>().join(", "))),
        _ => Err("not a number".into()),
    }
}

/// The value at `path` (keys may hold dots: the longest key that fits is taken).
fn value_at<'a>(json: &'a Value, path: &str) -> Result<&'a Value, String> {
    let mut value = json;
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        match value {
            Value::Object(map) => {
                let key = map
                    .keys()
                    .filter(|k| {
                        rest.strip_prefix(k.as_str())
                            .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
                    })
                    .max_by_key(|k| k.len())
                    .ok_or_else(|| format!("expected one of: {}", map.keys().cloned().collect::<Vec<_>>().join(", ")))?;
                rest = &rest[key.len()..];
                value = &map[key];
            }
            Value::Array(items) => {
                let index = rest
                    .strip_prefix('[')
                    .and_then(|r| r.split_once(']'))
                    .and_then(|(i, r)| i.parse::<usize>().ok().map(|i| (i, r)));
                let Some((index, after)) = index.filter(|(i, _)| *i < items.len()) else {
                    return Err(format!("expected an index [0] to [{}]", items.len().saturating_sub(1)));
                };
                rest = after;
                value = &items[index];
            }
            _ => return Err("this value has no fields".into()),
        }
    }
    Ok(value)
}

/// Where the first wildcard of `path` is: a whole segment `*` (`groups.batch.*.wait_s.p95`).
fn wildcard(path: &str) -> Option<usize> {
    path.char_indices().map(|(i, _)| i).find(|&i| {
        path[i..].starts_with('*')
            && (i == 0 || path[..i].ends_with('.'))
            && (path[i + 1..].is_empty() || path[i + 1..].starts_with(['.', '[']))
    })
}

/// The KPI paths a path with wildcards stands for: each `*` segment is replaced by every key of
/// the object there (`groups.batch.*.wait_s.p95`: one KPI per batch label), in key order; a path
/// without one stands for itself.
pub fn expand(json: &Value, path: &str) -> Result<Vec<String>, String> {
    let Some(star) = wildcard(path) else {
        return Ok(vec![path.to_string()]);
    };
    let prefix = path[..star].trim_end_matches('.');
    let rest = &path[star + 1..];
    let Value::Object(map) = value_at(json, prefix)? else {
        return Err(format!("`{prefix}` has no fields for `*` to stand for"));
    };
    if map.is_empty() {
        return Err(format!("`{prefix}` is empty here, so `*` stands for nothing"));
    }
    let mut paths = Vec::new();
    for key in map.keys() {
        let concrete = if prefix.is_empty() {
            format!("{key}{rest}")
        } else {
            format!("{prefix}.{key}{rest}")
        };
        paths.extend(expand(json, &concrete)?);
    }
    Ok(paths)
}

/// Whether `kpi` is one of the paths `pattern` stands for (a `*` segment matches any key).
pub fn matches(pattern: &str, kpi: &str) -> bool {
    let Some(star) = wildcard(pattern) else {
        return pattern == kpi;
    };
    let (head, rest) = (&pattern[..star], &pattern[star + 1..]);
    let Some(tail) = kpi.strip_prefix(head) else {
        return false;
    };
    // The key the `*` stands for is not empty; try every place it could end.
    (1..=tail.len())
        .filter(|&end| tail.is_char_boundary(end))
        .any(|end| matches(rest, &tail[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_by_path_with_dotted_names_and_indices() {
        let json = serde_json::json!({"stages": {"desk.a": {"wait_s": {"p95": 4.5}}}, "per_hour": [3, 7], "ok": true});
        assert_eq!(lookup(&json, "stages.desk.a.wait_s.p95"), Ok(4.5));
        assert_eq!(lookup(&json, "per_hour[1]"), Ok(7.0));
        assert_eq!(lookup(&json, "ok"), Ok(1.0));
        assert!(lookup(&json, "stages.desk.b.wait_s").unwrap_err().contains("desk.a"));
        assert!(lookup(&json, "per_hour[2]").is_err());
        assert!(lookup(&json, "stages.desk.a.wait_s").unwrap_err().contains("p95"));
    }

    #[test]
    fn a_wildcard_stands_for_every_key_even_dotted_ones() {
        let json =
            serde_json::json!({"groups": {"batch": {"Ferry 1": {"wait_s": {"p95": 1}}, "EK.402": {"wait_s": {"p95": 2}}}, "none": {}}});
        let paths = expand(&json, "groups.batch.*.wait_s.p95").unwrap();
        assert_eq!(paths, ["groups.batch.Ferry 1.wait_s.p95", "groups.batch.EK.402.wait_s.p95"]);
        assert_eq!(lookup(&json, &paths[1]), Ok(2.0));
        assert_eq!(
            expand(&json, "groups.batch.EK.402.wait_s.p95").unwrap().len(),
            1,
            "no wildcard: itself"
        );
        assert!(expand(&json, "groups.none.*.wait_s").unwrap_err().contains("stands for nothing"));
        assert!(expand(&json, "groups.nope.*").is_err());
        assert!(matches("groups.batch.*.wait_s.p95", "groups.batch.EK.402.wait_s.p95"));
        assert!(!matches("groups.batch.*.wait_s.p95", "groups.batch.EK.402.wait_s.p50"));
        assert!(!matches("groups.batch.*.wait_s.p95", "groups.batch..wait_s.p95"));
        assert!(matches("served", "served") && !matches("served", "balked"));
    }
}
