//! `runs.csv`: one row per finished run, appended atomically, read back tolerating a torn last line.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::error::SweepError;

/// Whether a run finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The run completed; its KPIs are recorded.
    Ok,
    /// The run failed or panicked; its error is recorded.
    Failed,
}

/// One row of `runs.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    /// Variant name.
    pub variant: String,
    /// Replication number, from 0.
    pub replication: u32,
    /// Seed of the run.
    pub seed: u64,
    /// Finished or failed.
    pub status: Status,
    /// KPI values in the plan's order (NaN when failed).
    pub kpis: Vec<f64>,
    /// Digest of the run (empty when failed).
    pub digest: String,
    /// Error of a failed run (empty when ok).
    pub error: String,
}

/// The header line (without newline) for these KPI columns.
pub fn header(kpis: &[String]) -> String {
    let mut fields = vec!["variant".to_string(), "replication".into(), "seed".into(), "status".into()];
    fields.extend(kpis.iter().cloned());
    fields.push("digest".into());
    fields.push("error".into());
    fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",")
}

impl RunRow {
    /// The row as one CSV line, newline included. Floats use the shortest text that reads back exactly.
    pub fn to_line(&self) -> String {
        let mut fields = vec![
            quote(&self.variant),
            self.replication.to_string(),
            self.seed.to_string(),
            match self.status {
                Status::Ok => "ok".into(),
                Status::Failed => "failed".into(),
            },
        ];
        fields.extend(self.kpis.iter().map(|v| if v.is_nan() { String::new() } else { v.to_string() }));
        fields.push(self.digest.clone());
        fields.push(quote(&self.error.replace(['\n', '\r'], " ")));
        let mut line = fields.join(",");
        line.push('\n');
        line
    }

    /// Reads a line written by [`RunRow::to_line`] (without its newline).
    pub fn parse(line: &str, kpis: usize) -> Result<RunRow, String> {
        let fields = split(line);
        if fields.len() != kpis + 6 {
            return Err(format!("expected {} fields, found {}", kpis + 6, fields.len()));
        }
        let number = |i: usize| -> Result<f64, String> {
            if fields[i].is_empty() {
                Ok(f64::NAN)
            } else {
                fields[i].parse().map_err(|_| format!("`{}` is not a number", fields[i]))
            }
        };
        Ok(RunRow {
            variant: fields[0].clone(),
            replication: fields[1].parse().map_err(|_| format!("bad replication `{}`", fields[1]))?,
            seed: fields[2].parse().map_err(|_| format!("bad seed `{}`", fields[2]))?,
            status: match fields[3].as_str() {
                "ok" => Status::Ok,
                "failed" => Status::Failed,
                other => return Err(format!("bad status `{other}`")),
            },
            kpis: (4..4 + kpis).map(number).collect::<Result<_, _>>()?,
            digest: fields[4 + kpis].clone(),
            error: fields[5 + kpis].clone(),
        })
    }
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Splits a CSV line into fields, undoing [`quote`].
pub fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("never empty");
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            _ => field.push(c),
        }
    }
    fields
}

/// `runs.csv` opened for appending: each row goes out in one `write_all` on an `O_APPEND` file, then `fsync`.
pub struct RunLog {
    file: File,
}

impl RunLog {
    /// Opens (or creates) the log with this header. Rows already there are returned; a torn last
    /// line (a run killed mid-write) is cut off. An existing log is only accepted when `resume`.
    pub fn open(path: &Path, header: &str, resume: bool) -> Result<(RunLog, Vec<RunRow>), SweepError> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| SweepError::write(path, e))?;
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(|e| SweepError::folder(path, format!("cannot read: {e}")))?;
        let complete = text.rfind('\n').map_or(0, |i| i + 1);
        let has_rows = text[..complete].lines().nth(1).is_some();
        if has_rows && !resume {
            return Err(SweepError::folder(
                path,
                "this folder already holds runs; pass --resume to continue the sweep, or choose another --out",
            ));
        }
        let header_ok = text[..complete].lines().next().is_none_or(|h| h == header);
        if !header_ok {
            return Err(SweepError::folder(path, "its columns differ from this sweep's KPIs"));
        }
        if complete < text.len() || complete == 0 {
            file.set_len(complete as u64).map_err(|e| SweepError::write(path, e))?;
            file.seek(SeekFrom::End(0)).map_err(|e| SweepError::write(path, e))?;
        }
        let mut log = RunLog { file };
        if complete == 0 {
            log.write_line(&format!("{header}\n")).map_err(|e| SweepError::write(path, e))?;
        }
        let rows = parse_rows(&text[..complete], header, path)?;
        Ok((log, rows))
    }

    /// Appends one row durably.
    pub fn append(&mut self, row: &RunRow) -> std::io::Result<()> {
        self.write_line(&row.to_line())
    }

    fn write_line(&mut self, line: &str) -> std::io::Result<()> {
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }
}

/// Reads the complete rows of a `runs.csv` written with `header`.
pub fn read(path: &Path, header: &str) -> Result<Vec<RunRow>, SweepError> {
    let text = std::fs::read_to_string(path).map_err(|e| SweepError::folder(path, format!("cannot read: {e}")))?;
    let complete = text.rfind('\n').map_or(0, |i| i + 1);
    if text[..complete].lines().next().is_some_and(|h| h != header) {
        return Err(SweepError::folder(path, "its columns differ from the sweep's KPIs in sweep.json"));
    }
    parse_rows(&text[..complete], header, path)
}

fn parse_rows(text: &str, header: &str, path: &Path) -> Result<Vec<RunRow>, SweepError> {
    let kpis = split(header).len() - 6;
    text.lines()
        .enumerate()
        .skip(1)
        .map(|(i, line)| RunRow::parse(line, kpis).map_err(|e| SweepError::folder(path, format!("line {}: {e}", i + 1))))
        .collect()
}

/// The rows as a whole file, header first.
pub fn to_text(header: &str, rows: &[RunRow]) -> String {
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(&row.to_line());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_with_awkward_text_and_floats() {
        let row = RunRow {
            variant: "desks=30, \"fast\"".into(),
            replication: 3,
            seed: u64::MAX,
            status: Status::Failed,
            kpis: vec![0.1 + 0.2, f64::NAN, 1e-300],
            digest: String::new(),
            error: "line one\nline, two".into(),
        };
        let line = row.to_line();
        assert_eq!(line.matches('\n').count(), 1);
        let back = RunRow::parse(line.trim_end_matches('\n'), 3).unwrap();
        assert_eq!(back.kpis[0], 0.1 + 0.2);
        assert!(back.kpis[1].is_nan());
        assert_eq!(back.variant, row.variant);
        assert_eq!(back.error, "line one line, two");
    }
}
