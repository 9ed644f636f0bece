//! Charts drawn with plotters, saved as SVG (text kept as text) and PNG (text from the bundled DejaVu Sans).

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::output::write_atomic;

/// Pixel size of a chart on its own.
const SIZE: (u32, u32) = (900, 400);

/// Pixel size of one chart in a grid of small multiples.
const PANEL: (u32, u32) = (450, 330);

/// The font PNG charts use, bundled so that no system fonts are needed (licence beside it).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Ten colours told apart easily (Tableau 10, the default of matplotlib and Vega); charts with
/// more series spread hues evenly instead, so that no two series share a colour.
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// Charts at least this wide carry their legend beside the plot; narrower ones under it.
const LEGEND_BESIDE_MIN_WIDTH: u32 = 600;

/// Height of one legend entry, pixels.
const LEGEND_ROW: i32 = 17;

/// The colour of series `i` of `n`: the palette's when it has enough, else evenly spread hues
/// at alternating lightness.
fn colour(i: usize, n: usize) -> RGBColor {
    if n <= PALETTE.len() {
        return PALETTE[i];
    }
    let lightness = if i.is_multiple_of(2) { 0.38 } else { 0.55 };
    let (r, g, b) = HSLColor(i as f64 / n as f64, 0.75, lightness).rgb();
    RGBColor(r, g, b)
}

/// How the x axis is labelled.
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    /// Plain numbers.
    Number,
    /// Hours since the start, shown as a clock (`08:00`).
    Clock,
    /// Category `i` at x = i.
    Categories(Vec<String>),
}

/// How the y axis is labelled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YAxis {
    /// Plain numbers.
    Number,
    /// Whole counts (servers, people waiting): ticks on integers only.
    Count,
}

/// One layer of a chart.
#[derive(Debug, Clone, PartialEq)]
pub enum Layer {
    /// A line through points; `dashed` for reference lines (e.g. staffed servers).
    Line {
        /// Legend entry.
        name: String,
        /// Points (x, y).
        points: Vec<(f64, f64)>,
        /// Dashed instead of solid.
        dashed: bool,
    },
    /// Bars from `x_low` to `x_high` with a height.
    Bars {
        /// Legend entry.
        name: String,
        /// (x_low, x_high, height).
        bars: Vec<(f64, f64, f64)>,
    },
    /// A shaded band between a lower and an upper bound (a fan chart's quantile range).
    Band {
        /// Legend entry.
        name: String,
        /// (x, low, high).
        points: Vec<(f64, f64, f64)>,
    },
    /// Means with confidence intervals, joined by a line.
    Intervals {
        /// Legend entry.
        name: String,
        /// (x, mean, low, high).
        points: Vec<(f64, f64, f64, f64)>,
    },
}

/// A chart: title, axis labels with units, layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Title.
    pub title: String,
    /// X axis label, with unit.
    pub x_label: String,
    /// Y axis label, with unit.
    pub y_label: String,
    /// X axis kind.
    pub x_axis: XAxis,
    /// Y axis kind.
    pub y_axis: YAxis,
    /// Layers, drawn in order, coloured by position.
    pub layers: Vec<Layer>,
}

impl Layer {
    fn name(&self) -> &str {
        match self {
            Layer::Line { name, .. } | Layer::Bars { name, .. } | Layer::Band { name, .. } | Layer::Intervals { name, .. } => name,
        }
    }

    fn extent(&self) -> Vec<(f64, f64)> {
        match self {
            Layer::Line { points, .. } => points.clone(),
            Layer::Bars { bars, .. } => bars.iter().flat_map(|&(a, b, h)| [(a, h), (b, 0.0)]).collect(),
            Layer::Band { points, .. } => points.iter().flat_map(|&(x, lo, hi)| [(x, lo), (x, hi)]).collect(),
            Layer::Intervals { points, .. } => points.iter().flat_map(|&(x, _, lo, hi)| [(x, lo), (x, hi)]).collect(),
        }
    }
}

fn range(values: impl Iterator<Item = f64>, pad_categories: bool) -> (f64, f64) {
    let (mut low, mut high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !low.is_finite() {
        return (0.0, 1.0);
    }
    if pad_categories {
        return (low - 0.5, high + 0.5);
    }
    if high - low < 1e-9 {
        high = low + 1.0;
        low -= 1.0;
    }
    (low, high)
}

fn clock(hours: f64) -> String {
    let minutes = (hours * 60.0).round() as i64;
    format!("{:02}:{:02}", minutes.div_euclid(60), minutes.rem_euclid(60))
}

/// The y axis's label count and upper bound for whole counts: ticks 1, 2 or 5 times a power
/// of ten apart, never less than 1, and an upper bound on a tick.
fn count_ticks(low: f64, high: f64) -> (usize, f64) {
    let span = (high - low).max(1.0);
    let mut step = 1.0;
    while span / step > 10.0 {
        step *= match step.to_string().as_bytes()[0] {
            b'2' => 2.5,
            _ => 2.0,
        };
    }
    let high = low + (span / step).ceil() * step;
    (((high - low) / step).round() as usize + 1, high)
}

impl Figure {
    /// The named layers, which get a legend entry.
    fn legend_entries(&self) -> Vec<(usize, &str)> {
        self.layers
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.name().is_empty())
            .map(|(i, l)| (i, l.name()))
            .collect()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&WHITE).map_err(fail)?;
        let entries = self.legend_entries();
        let (plot, legend) = if entries.len() > 1 {
            let (width, height) = root.dim_in_pixel();
            let longest = entries.iter().map(|(_, n)| n.chars().count()).max().unwrap_or(0);
            let column_width = (longest as u32 * 7 + 34).clamp(90, 240);
            if width >= LEGEND_BESIDE_MIN_WIDTH {
                // Beside the plot, in columns as tall as the chart.
                let rows = ((height as i32 - 48) / LEGEND_ROW).max(1) as usize;
                let columns = entries.len().div_ceil(rows);
                let strip = (column_width * columns as u32).min(width / 2);
                let (plot, legend) = root.split_horizontally(width - strip);
                (plot, Some((legend, rows, column_width, 40)))
            } else {
                // Under a small chart, in as many columns as fit its width.
                let columns = (width / column_width).max(1) as usize;
                let rows = entries.len().div_ceil(columns);
                let strip = (rows as u32 * LEGEND_ROW as u32 + 8).min(height / 2);
                let (plot, legend) = root.split_vertically(height - strip);
                (plot, Some((legend, rows, column_width, 2)))
            }
        } else {
            (root.clone(), None)
        };
        let points: Vec<(f64, f64)> = self.layers.iter().flat_map(Layer::extent).collect();
        let categories = matches!(self.x_axis, XAxis::Categories(_));
        let (mut x0, mut x1) = range(points.iter().map(|p| p.0), categories);
        if !categories && self.layers.iter().any(|l| matches!(l, Layer::Intervals { .. })) {
            let pad = (x1 - x0) * 0.05;
            (x0, x1) = (x0 - pad, x1 + pad);
        }
        let (y0, y1) = range(points.iter().map(|p| p.1).chain([0.0]), false);
        let (y_labels, y1) = match self.y_axis {
            YAxis::Number => (10, y1 + (y1 - y0) * 0.08),
            YAxis::Count => count_ticks(y0, y1 + (y1 - y0) * 0.08),
        };
        // The title shrinks to fit a small panel (about 0.55 em per character).
        let room = plot.dim_in_pixel().0 as f64 - 24.0;
        let title_size = (room / (0.55 * self.title.chars().count().max(1) as f64)).clamp(11.0, 20.0);
        let mut chart = ChartBuilder::on(&plot)
            .caption(&self.title, ("sans-serif", title_size))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(fail)?;
        let x_format = |x: &f64| match &self.x_axis {
            XAxis::Number => format!("{}", (x * 1000.0).round() / 1000.0),
            XAxis::Clock => clock(*x),
            XAxis::Categories(names) => {
                let i = x.round();
                if (x - i).abs() < 1e-6 && i >= 0.0 {
                    names.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            }
        };
        let y_format = |y: &f64| match self.y_axis {
            YAxis::Number => format!("{}", (y * 1000.0).round() / 1000.0),
            YAxis::Count if (y - y.round()).abs() < 1e-6 => format!("{}", y.round()),
            YAxis::Count => String::new(),
        };
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .x_label_formatter(&x_format)
            .y_label_formatter(&y_format)
            .y_labels(y_labels)
            .label_style(("sans-serif", 13))
            .light_line_style(RGBColor(235, 235, 235));
        match &self.x_axis {
            XAxis::Categories(names) => mesh.x_labels(names.len() + 1),
            // About one label per 70 pixels, so that numbers never run together.
            _ => mesh.x_labels((plot.dim_in_pixel().0 / 70).clamp(3, 12) as usize),
        };
        mesh.draw().map_err(fail)?;
        let count = self.layers.len();
        for (i, layer) in self.layers.iter().enumerate() {
            let color = colour(i, count);
            match layer {
                Layer::Line { points, dashed: false, .. } => {
                    chart.draw_series(LineSeries::new(points.iter().copied(), color.stroke_width(2)))
                }
                Layer::Line { points, dashed: true, .. } => {
                    chart.draw_series(DashedLineSeries::new(points.iter().copied(), 6, 4, color.stroke_width(1)))
                }
                Layer::Bars { bars, .. } => chart.draw_series(
                    bars.iter()
                        .map(|&(a, b, h)| Rectangle::new([(a, 0.0), (b, h)], color.mix(0.75).filled())),
                ),
                Layer::Band { points, .. } => {
                    let outline: Vec<(f64, f64)> = points
                        .iter()
                        .map(|&(x, _, hi)| (x, hi))
                        .chain(points.iter().rev().map(|&(x, lo, _)| (x, lo)))
                        .collect();
                    chart.draw_series(std::iter::once(Polygon::new(outline, color.mix(0.3).filled())))
                }
                Layer::Intervals { points, .. } => {
                    let whiskers = points
                        .iter()
                        .map(|&(x, _, lo, hi)| PathElement::new(vec![(x, lo), (x, hi)], color.stroke_width(2)));
                    chart.draw_series(whiskers).map_err(fail)?;
                    let dots = points.iter().map(|&(x, mean, _, _)| Circle::new((x, mean), 4, color.filled()));
                    chart.draw_series(dots).map_err(fail)?;
                    chart.draw_series(LineSeries::new(points.iter().map(|&(x, m, _, _)| (x, m)), color.mix(0.6)))
                }
            }
            .map_err(fail)?;
        }
        if let Some((area, rows, column_width, top)) = legend {
            let style = ("sans-serif", 13).into_font().color(&BLACK);
            for (k, &(i, name)) in entries.iter().enumerate() {
                let x = (k / rows) as i32 * column_width as i32 + 6;
                let y = top + (k % rows) as i32 * LEGEND_ROW;
                let color = colour(i, count);
                area.draw(&Rectangle::new([(x, y + 3), (x + 16, y + 11)], color.filled()))
                    .map_err(fail)?;
                area.draw(&Text::new(name.to_string(), (x + 22, y), style.clone())).map_err(fail)?;
            }
        }
        Ok(())
    }

    /// Writes `<stem>.svg` and `<stem>.png` into `dir`, each atomically.
    pub fn save(&self, dir: &Path, stem: &str) -> std::io::Result<()> {
        write(&Layout::Single(self), dir, stem)
    }
}

/// Writes charts side by side, `columns` to a row, as one `<stem>.svg` and `<stem>.png`
/// (small multiples), each atomically.
pub fn save_grid(figures: &[Figure], columns: usize, dir: &Path, stem: &str) -> std::io::Result<()> {
    write(&Layout::Grid { figures, columns }, dir, stem)
}

/// What one image holds.
enum Layout<'f> {
    /// One chart at full size.
    Single(&'f Figure),
    /// Small charts in rows.
    Grid {
        /// The charts, row by row.
        figures: &'f [Figure],
        /// Charts per row.
        columns: usize,
    },
}

impl Layout<'_> {
    fn rows_and_columns(&self) -> (usize, usize) {
        match self {
            Layout::Single(_) => (1, 1),
            Layout::Grid { figures, columns } => (figures.len().div_ceil(*columns).max(1), *columns),
        }
    }

    fn size(&self) -> (u32, u32) {
        match self {
            Layout::Single(_) => SIZE,
            Layout::Grid { .. } => {
                let (rows, columns) = self.rows_and_columns();
                (PANEL.0 * columns as u32, PANEL.1 * rows as u32)
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&WHITE).map_err(fail)?;
        match self {
            Layout::Single(figure) => figure.draw(root)?,
            Layout::Grid { figures, .. } => {
                for (area, figure) in root.split_evenly(self.rows_and_columns()).iter().zip(figures.iter()) {
                    figure.draw(area)?;
                }
            }
        }
        root.present().map_err(fail)
    }
}

fn write(layout: &Layout, dir: &Path, stem: &str) -> std::io::Result<()> {
    register_font();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, layout.size()).into_drawing_area();
        layout.draw(&root).map_err(std::io::Error::other)?;
    }
    write_atomic(&dir.join(format!("{stem}.svg")), svg.as_bytes())?;
    let temp = dir.join(format!(".{stem}.tmp-{}.png", std::process::id()));
    let drawn = {
        let root = BitMapBackend::new(&temp, layout.size()).into_drawing_area();
        layout.draw(&root).map_err(std::io::Error::other)
    };
    let result = drawn.and_then(|()| std::fs::rename(&temp, dir.join(format!("{stem}.png"))));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The bundled font is a valid TrueType file; if it were not, text would be missing from PNGs only.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_svg_with_text_and_a_png() {
        let dir = tempfile::tempdir().unwrap();
        let figure = Figure {
            title: "Queue length".into(),
            x_label: "time of day".into(),
            y_label: "travellers waiting".into(),
            x_axis: XAxis::Clock,
            y_axis: YAxis::Count,
            layers: vec![
                Layer::Line {
                    name: "desk".into(),
                    points: vec![(0.0, 1.0), (1.0, 4.0), (2.0, 2.0)],
                    dashed: false,
                },
                Layer::Bars {
                    name: "served".into(),
                    bars: vec![(0.0, 1.0, 3.0)],
                },
                Layer::Intervals {
                    name: "mean".into(),
                    points: vec![(1.5, 2.0, 1.0, 3.0)],
                },
                Layer::Band {
                    name: "5-95%".into(),
                    points: vec![(0.0, 0.5, 2.0), (2.0, 1.0, 5.0)],
                },
            ],
        };
        figure.save(dir.path(), "queue").unwrap();
        let svg = std::fs::read_to_string(dir.path().join("queue.svg")).unwrap();
        assert!(svg.contains("Queue length") && svg.contains("01:00"), "labels are SVG text");
        let png = std::fs::read(dir.path().join("queue.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
}
