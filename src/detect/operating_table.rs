//! Calibrated mode: a scanner decides by an operating-point table (detection and false-alarm
//! rate per threat class and band, as a vendor's site-acceptance test states them) instead of
//! running an image model. Each class alarms on its own draw: with the detection rate when the
//! item holds the class, with the false-alarm rate when it does not.

use rand::{Rng, RngExt};
use serde::{Deserialize, Serialize};

use super::classes::{ThreatClass, ThreatSet};
use super::detector::Verdict;
use super::metrics::DetectionMetrics;

/// An operating-point table as a scenario writes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawOperatingTable {
    /// Where the figures come from (a vendor's acceptance test, a study, or "assumption").
    pub source: String,
    /// One row per class, optionally per band; a row without a band holds for every band
    /// without a row of its own.
    pub rates: Vec<RawRate>,
    /// Detection and false-alarm rate of the goods-discrepancy check (containers only).
    #[serde(default)]
    pub discrepancy: Option<RawDiscrepancyRate>,
}

/// One row of a table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRate {
    /// Threat class, e.g. `"drugs"`.
    pub class: String,
    /// Band the row holds for (see [`OperatingTable::bands`]); none: every band.
    #[serde(default)]
    pub band: Option<String>,
    /// Share of items holding the class that alarm on it.
    pub detection: f64,
    /// Share of items without the class that alarm on it.
    pub false_alarm: f64,
}

/// The discrepancy row of a table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDiscrepancyRate {
    /// Share of misdeclared loads flagged.
    pub detection: f64,
    /// Share of correctly declared loads flagged.
    pub false_alarm: f64,
}

/// A detection and false-alarm rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Share of positives that alarm.
    pub detection: f64,
    /// Share of negatives that alarm.
    pub false_alarm: f64,
}

/// A validated operating-point table.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatingTable {
    /// Where the figures come from.
    pub source: String,
    /// Rows: class, band (`None`: every band), rate.
    pub rows: Vec<(ThreatClass, Option<String>, Rate)>,
    /// The discrepancy check's rate.
    pub discrepancy: Option<Rate>,
}

/// A problem found in a raw table: the field path below the table and the message.
pub type TableProblem = (String, String);

impl OperatingTable {
    /// Checks `raw` for a scanner looking for `classes` in items of `bands`; every class needs
    /// a row for every band (directly or through a row without a band).
    pub fn check(
        raw: &RawOperatingTable,
        classes: &[ThreatClass],
        bands: &[&str],
        discrepancy_allowed: bool,
    ) -> Result<Self, Vec<TableProblem>> {
        let mut problems = Vec::new();
        let mut rows = Vec::new();
        if raw.source.trim().is_empty() {
            problems.push(("source".into(), "say where the figures come from (or \"assumption\")".into()));
        }
        for (i, row) in raw.rates.iter().enumerate() {
            let at = |field: &str| format!("rates[{i}].{field}");
            let class = match row.class.parse::<ThreatClass>() {
                Ok(class) if classes.contains(&class) => Some(class),
                _ => {
                    let known: Vec<&str> = classes.iter().map(|c| c.name()).collect();
                    problems.push((
                        at("class"),
                        format!(
                            "unknown threat class \"{}\" (this scanner looks for {})",
                            row.class,
                            known.join(", ")
                        ),
                    ));
                    None
                }
            };
            if let Some(band) = &row.band
                && !bands.contains(&band.as_str())
            {
                problems.push((at("band"), format!("unknown band \"{band}\" (bands are {})", bands.join(", "))));
            }
            for (field, value) in [("detection", row.detection), ("false_alarm", row.false_alarm)] {
                if !(0.0..=1.0).contains(&value) {
                    problems.push((at(field), format!("a rate must be between 0 and 1 (got {value})")));
                }
            }
            if let Some(class) = class {
                if rows.iter().any(|(c, b, _)| *c == class && *b == row.band) {
                    problems.push((at("class"), format!("a second row for class \"{class}\" and this band")));
                }
                let rate = Rate {
                    detection: row.detection,
                    false_alarm: row.false_alarm,
                };
                rows.push((class, row.band.clone(), rate));
            }
        }
        let table = OperatingTable {
            source: raw.source.clone(),
            rows,
            discrepancy: raw.discrepancy.as_ref().map(|d| Rate {
                detection: d.detection,
                false_alarm: d.false_alarm,
            }),
        };
        for class in classes {
            for band in bands {
                if table.rate(*class, band).is_none() {
                    problems.push(("rates".into(), format!("no row for class \"{class}\" in band \"{band}\"")));
                }
            }
        }
        if let Some(d) = &raw.discrepancy {
            if !discrepancy_allowed {
                problems.push(("discrepancy".into(), "this scanner has no declaration to compare with".into()));
            }
            for (field, value) in [("detection", d.detection), ("false_alarm", d.false_alarm)] {
                if !(0.0..=1.0).contains(&value) {
                    problems.push((
                        format!("discrepancy.{field}"),
                        format!("a rate must be between 0 and 1 (got {value})"),
                    ));
                }
            }
        }
        if problems.is_empty() { Ok(table) } else { Err(problems) }
    }

    /// The rate of `class` in `band`: the band's own row, else the row for every band.
    pub fn rate(&self, class: ThreatClass, band: &str) -> Option<Rate> {
        let own = self.rows.iter().find(|(c, b, _)| *c == class && b.as_deref() == Some(band));
        let any = || self.rows.iter().find(|(c, b, _)| *c == class && b.is_none());
        own.or_else(any).map(|(_, _, rate)| *rate)
    }
}

/// A scanner deciding by a table, with the tally of what it decided.
#[derive(Debug, Clone)]
pub struct TableDecider {
    table: OperatingTable,
    classes: Vec<ThreatClass>,
    /// What the table decided so far, against the truth.
    pub metrics: DetectionMetrics,
}

impl TableDecider {
    /// A decider for `classes` by `table`.
    pub fn new(table: OperatingTable, classes: &[ThreatClass]) -> Self {
        Self {
            table,
            classes: classes.to_vec(),
            metrics: DetectionMetrics::new(classes),
        }
    }

    /// The table's source, for reports.
    pub fn source(&self) -> &str {
        &self.table.source
    }

    /// Decides on an item holding `truth` in `band`; `misdeclared` is whether its declaration
    /// misstates the goods (`None`: no declaration). One uniform draw per class from `rng`, then
    /// one for the discrepancy check; the decision is counted against the truth.
    pub fn decide<R: Rng + ?Sized>(&mut self, truth: ThreatSet, band: &str, misdeclared: Option<bool>, rng: &mut R) -> Verdict {
        let mut alarms = ThreatSet::NONE;
        for &class in &self.classes {
            let rate = self.table.rate(class, band).unwrap_or(Rate {
                detection: 1.0,
                false_alarm: 1.0,
            });
            let p = if truth.contains(class) { rate.detection } else { rate.false_alarm };
            if rng.random::<f64>() < p {
                alarms.insert(class);
            }
        }
        let discrepancy = match (self.table.discrepancy, misdeclared) {
            (Some(rate), Some(m)) => rng.random::<f64>() < if m { rate.detection } else { rate.false_alarm },
            _ => false,
        };
        let verdict = Verdict { alarms, discrepancy };
        for (class, counts) in &mut self.metrics.per_class {
            counts.record(alarms.contains(*class), truth.contains(*class));
        }
        if let (Some(_), Some(m)) = (self.table.discrepancy, misdeclared) {
            self.metrics.discrepancy.record(discrepancy, m);
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::stream;

    fn raw(rates: &[(&str, Option<&str>, f64, f64)]) -> RawOperatingTable {
        RawOperatingTable {
            source: "test".into(),
            rates: rates
                .iter()
                .map(|(c, b, d, f)| RawRate {
                    class: c.to_string(),
                    band: b.map(str::to_string),
                    detection: *d,
                    false_alarm: *f,
                })
                .collect(),
            discrepancy: None,
        }
    }

    #[test]
    fn a_band_row_overrides_the_row_for_every_band() {
        let t = OperatingTable::check(
            &raw(&[("drugs", None, 0.9, 0.05), ("drugs", Some("dense"), 0.6, 0.1)]),
            &[ThreatClass::Drugs],
            &["light", "dense"],
            false,
        )
        .unwrap();
        assert_eq!(t.rate(ThreatClass::Drugs, "light").unwrap().detection, 0.9);
        assert_eq!(t.rate(ThreatClass::Drugs, "dense").unwrap().detection, 0.6);
    }

    #[test]
    fn missing_rows_and_bad_rates_are_named() {
        let problems = OperatingTable::check(
            &raw(&[("drugs", Some("dense"), 1.5, 0.1), ("guns", None, 0.5, 0.1)]),
            &[ThreatClass::Drugs],
            &["light", "dense"],
            false,
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert!(fields.contains(&"rates[0].detection"), "{problems:?}");
        assert!(fields.contains(&"rates[1].class"), "{problems:?}");
        assert!(problems.iter().any(|(_, m)| m.contains("band \"light\"")), "{problems:?}");
    }

    #[test]
    fn measured_rates_converge_to_the_table() {
        let t = OperatingTable::check(&raw(&[("weapons", None, 0.8, 0.05)]), &[ThreatClass::Weapons], &["all"], false).unwrap();
        let mut decider = TableDecider::new(t, &[ThreatClass::Weapons]);
        let mut rng = stream(7, "test/table");
        let holds = ThreatSet::from_bits(ThreatClass::Weapons.bit());
        for i in 0..20_000 {
            let truth = if i % 2 == 0 { holds } else { ThreatSet::NONE };
            decider.decide(truth, "all", None, &mut rng);
        }
        let c = decider.metrics.class(ThreatClass::Weapons).unwrap();
        assert!((c.detection_rate().unwrap() - 0.8).abs() < 0.015, "{c:?}");
        assert!((c.false_alarm_rate().unwrap() - 0.05).abs() < 0.01, "{c:?}");
    }
}
