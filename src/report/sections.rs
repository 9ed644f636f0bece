//! The domains' sections of a run report, from the presentation model: a heading, the lines
//! as one paragraph, each table as a table.

use super::html::Page;
use crate::metrics::Summary;
use crate::presentation::Block;

/// Adds every domain's section of the run, then its costs (when the scenario prices it).
pub fn domain_sections(page: &mut Page, s: &Summary) {
    let costs = s.costs.as_ref().map(crate::metrics::cost_section::section);
    for section in crate::domains::presented(s).into_iter().chain(costs) {
        page.heading(&section.title);
        let mut lines = Vec::new();
        for block in &section.blocks {
            match block {
                Block::Line(text) => lines.push(text.clone()),
                Block::Table { header, rows } => {
                    flush(page, &mut lines);
                    let header: Vec<&str> = header.iter().map(String::as_str).collect();
                    page.table(&header, rows);
                }
            }
        }
        flush(page, &mut lines);
    }
}

fn flush(page: &mut Page, lines: &mut Vec<String>) {
    if !lines.is_empty() {
        page.paragraph(&(lines.join(". ") + "."));
        lines.clear();
    }
}
