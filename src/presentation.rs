//! One presentation model for every front end: a domain turns its summary section into a
//! [`Section`] of lines and tables, and the CLI table, the HTML report and the viewer's panel
//! each render sections the same way, without reaching into any domain.

/// A domain's part of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading, e.g. "Passengers".
    pub title: String,
    /// What it says, in order.
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line of figures in words, e.g. "face verification: FRR 1.27% (122 of 9,571)".
    Line(String),
    /// A table: column names and rows of cells (the first column names the row).
    Table {
        /// Column names.
        header: Vec<String>,
        /// Rows, each as wide as the header.
        rows: Vec<Vec<String>>,
    },
}

impl Section {
    /// An empty section titled `title`.
    pub fn new(title: &str) -> Self {
        Self {
            title: title.to_string(),
            blocks: Vec::new(),
        }
    }

    /// Adds a line.
    pub fn line(&mut self, text: String) {
        self.blocks.push(Block::Line(text));
    }

    /// Adds a table (nothing when it has no rows).
    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        if !rows.is_empty() {
            self.blocks.push(Block::Table {
                header: header.iter().map(|h| h.to_string()).collect(),
                rows,
            });
        }
    }

    /// The lines only (tables left out), for compact displays such as the viewer's panel.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Line(text) => Some(text.as_str()),
            Block::Table { .. } => None,
        })
    }

    /// As plain text: lines as they are, tables with aligned columns (the first left-aligned,
    /// the others right-aligned), rows indented by two spaces.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Line(text) => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::Table { header, rows } => out.push_str(&aligned(header, rows)),
            }
        }
        out
    }
}

fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let width = |cells: &mut dyn Iterator<Item = &String>| cells.map(|c| c.chars().count()).max().unwrap_or(0);
    let columns: Vec<(usize, usize)> = (0..header.len())
        .map(|i| (header[i].chars().count(), width(&mut rows.iter().filter_map(|r| r.get(i)))))
        .collect();
    let line = |cells: &[String], indent: &str, is_header: bool| {
        let mut text = indent.to_string();
        for (i, (cell, &(head, body))) in cells.iter().zip(&columns).enumerate() {
            let w = head.max(body);
            if i == 0 {
                let w = w + 2 - indent.len();
                text.push_str(&format!("{cell:<w$}"));
            } else if is_header {
                text.push_str(&format!("  {cell:>w$}"));
            } else if head > body + 8 {
                // A long header describes the column: its cells start under it.
                text.push_str(&format!("  {:<w$}", format!("{cell:>body$}")));
            } else {
                text.push_str(&format!("  {cell:>w$}"));
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let mut out = line(header, "", true);
    for row in rows {
        out.push_str(&line(row, "  ", false));
    }
    out
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

/// A share as a percentage with one decimal, or "-" when there is none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or("-".to_string(), |x| format!("{:.1}%", 100.0 * x))
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

    #[test]
    fn tables_align_their_columns() {
        let mut section = Section::new("Cargo");
        section.line("trucks 3".into());
        section.table(
            &["lane", "trucks"],
            vec![vec!["green".into(), "2".into()], vec!["red".into(), "1".into()]],
        );
        section.table(&["empty"], Vec::new());
        assert_eq!(section.to_text(), "trucks 3\nlane     trucks\n  green       2\n  red         1\n");
        let mut long = Section::new("Passengers");
        long.table(
            &["class", "missed (never searched / searched)"],
            vec![vec!["cash".into(), "31 / 0".into()]],
        );
        assert_eq!(
            long.to_text(),
            "class    missed (never searched / searched)\n  cash   31 / 0\n",
            "cells start under a long header"
        );
        assert_eq!(section.lines().collect::<Vec<_>>(), ["trucks 3"]);
    }
}
