//! KPIs of a run by path into its `summary.json`, e.g. `stages.desk.wait_s.p95`.

use serde_json::Value;

use crate::metrics::Summary;
use crate::scenario::Scenario;

/// The KPIs a sweep records when its spec names none: time in port, per served stage the
/// mean and p95 wait and the utilisation, per pool the officer-hours, then served and balked.
pub fn defaults(scenario: &Scenario) -> Vec<String> {
    let mut kpis = vec!["time_in_system_s.p95".to_string(), "time_in_system_s.mean".to_string()];
    for stage in scenario.stages.iter().filter(|s| s.pool.is_some()) {
        for field in ["wait_s.mean", "wait_s.p95", "utilisation"] {
            kpis.push(format!("stages.{}.{field}", stage.name));
        }
    }
    for pool in &scenario.pools {
        kpis.push(format!("pools.{}.officer_hours", pool.name));
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
    match value {
        Value::Number(n) => n.as_f64().ok_or_else(|| "not a number".into()),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Object(map) => Err(format!("pick one of: {}", map.keys().cloned().collect::<Vec<_>>().join(", "))),
        _ => Err("not a number".into()),
    }
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
}
