//! NIST SRD 126 attenuation tables (shipped in `data/xcom/nist_srd126.csv`).
//!
//! Each table gives μ/ρ and μ_en/ρ at the NIST energies; values between
//! them are interpolated log-log, as NIST recommends, within one segment
//! between absorption edges (an edge is two rows at the same energy).

use std::collections::HashMap;

use super::error::PhysicsError;

const FILE: &str = "data/xcom/nist_srd126.csv";
const TEXT: &str = include_str!("../../../data/xcom/nist_srd126.csv");

/// μ/ρ and μ_en/ρ of one element or NIST compound.
#[derive(Debug, Clone, PartialEq)]
pub struct AttenuationTable {
    energies_mev: Vec<f64>,
    mu_rho: Vec<f64>,
    mu_en_rho: Vec<f64>,
}

impl AttenuationTable {
    /// Mass attenuation coefficient μ/ρ (cm²/g) at `energy_mev`.
    pub fn mu_rho(&self, energy_mev: f64) -> f64 {
        self.interpolate(&self.mu_rho, energy_mev)
    }

    /// Mass energy-absorption coefficient μ_en/ρ (cm²/g) at `energy_mev`.
    pub fn mu_en_rho(&self, energy_mev: f64) -> f64 {
        self.interpolate(&self.mu_en_rho, energy_mev)
    }

    /// Log-log interpolation; above an edge when `energy_mev` is exactly at it.
    fn interpolate(&self, values: &[f64], energy_mev: f64) -> f64 {
        let e = &self.energies_mev;
        let last = e.len() - 1;
        let x = energy_mev.clamp(e[0], e[last]);
        // First index whose energy exceeds x, so that an edge energy reads the upper branch.
        let hi = e.partition_point(|&v| v <= x).clamp(1, last);
        let lo = hi - 1;
        if e[hi] <= e[lo] {
            return values[hi];
        }
        let t = (x / e[lo]).ln() / (e[hi] / e[lo]).ln();
        (values[lo].ln() + t * (values[hi] / values[lo]).ln()).exp()
    }
}

/// Every table in the shipped file, by name (element symbol or NIST compound page name).
#[derive(Debug, Clone, PartialEq)]
pub struct NistTables {
    tables: HashMap<String, AttenuationTable>,
}

impl NistTables {
    /// The tables shipped with porttwin.
    pub fn shipped() -> Result<Self, PhysicsError> {
        Self::parse(TEXT)
    }

    /// Parses the CSV format of `data/xcom/nist_srd126.csv`.
    pub fn parse(text: &str) -> Result<Self, PhysicsError> {
        let mut tables: HashMap<String, AttenuationTable> = HashMap::new();
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            let bad = |message: String| PhysicsError::Data {
                file: FILE,
                line: i + 1,
                message,
            };
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            if fields.len() != 4 {
                return Err(bad(format!("expected 4 fields, found {}", fields.len())));
            }
            let number = |k: usize, field: &str| -> Result<f64, PhysicsError> {
                match fields[k].trim().parse::<f64>() {
                    Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
                    _ => Err(bad(format!("field `{field}`: `{}` is not a positive number", fields[k]))),
                }
            };
            let (e, mu, mu_en) = (number(1, "energy_mev")?, number(2, "mu_rho_cm2_g")?, number(3, "mu_en_rho_cm2_g")?);
            let table = tables.entry(fields[0].to_string()).or_insert_with(|| AttenuationTable {
                energies_mev: Vec::new(),
                mu_rho: Vec::new(),
                mu_en_rho: Vec::new(),
            });
            if table.energies_mev.last().is_some_and(|&last| e < last) {
                return Err(bad(format!("energy {e} MeV is below the previous row of `{}`", fields[0])));
            }
            table.energies_mev.push(e);
            table.mu_rho.push(mu);
            table.mu_en_rho.push(mu_en);
        }
        if let Some((name, _)) = tables.iter().find(|(_, t)| t.energies_mev.len() < 2) {
            return Err(PhysicsError::Undefined {
                file: FILE,
                name: format!("{name} (a table needs two rows)"),
            });
        }
        Ok(Self { tables })
    }

    /// The table named `name`.
    pub fn get(&self, name: &str) -> Result<&AttenuationTable, PhysicsError> {
        self.tables.get(name).ok_or_else(|| PhysicsError::Undefined {
            file: FILE,
            name: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabulated_points_are_returned_exactly() {
        let t = NistTables::shipped().unwrap();
        let fe = t.get("Fe").unwrap();
        // NIST SRD 126, iron: 1 MeV 5.995e-2, 6 MeV 3.057e-2 cm2/g.
        assert!((fe.mu_rho(1.0) - 5.995e-2).abs() < 1e-9);
        assert!((fe.mu_rho(6.0) - 3.057e-2).abs() < 1e-9);
        let water = t.get("water").unwrap();
        assert!((water.mu_rho(0.1) - 0.1707).abs() < 1e-9);
    }

    #[test]
    fn edges_jump_and_interpolation_is_log_log() {
        let t = NistTables::shipped().unwrap();
        let pb = t.get("Pb").unwrap();
        // Lead K edge at 88.0 keV: below about 1.9, above about 7.7 cm2/g.
        assert!(pb.mu_rho(0.0879) < 2.0 && pb.mu_rho(0.0881) > 7.0);
        let fe = t.get("Fe").unwrap();
        let mid = fe.mu_rho((1.0f64 * 1.25).sqrt());
        assert!((mid - (5.995e-2f64 * 5.350e-2).sqrt()).abs() < 1e-6);
    }

    #[test]
    fn malformed_rows_name_their_line() {
        let err = NistTables::parse("material,energy_mev,mu,mu_en\nFe,1.0,abc,0.1\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/xcom/nist_srd126.csv:2: field `mu_rho_cm2_g`: `abc` is not a positive number"
        );
    }
}
