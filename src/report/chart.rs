//! Charts drawn with plotters, saved as SVG (text kept as text) and PNG (text from the bundled DejaVu Sans).

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::output::write_atomic;

/// Pixel size of every chart.
const SIZE: (u32, u32) = (900, 400);

/// The font PNG charts use, bundled so that no system fonts are needed (licence beside it).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

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

impl Figure {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&WHITE).map_err(fail)?;
        let points: Vec<(f64, f64)> = self.layers.iter().flat_map(Layer::extent).collect();
        let categories = matches!(self.x_axis, XAxis::Categories(_));
        let (mut x0, mut x1) = range(points.iter().map(|p| p.0), categories);
        if !categories && self.layers.iter().any(|l| matches!(l, Layer::Intervals { .. })) {
            let pad = (x1 - x0) * 0.05;
            (x0, x1) = (x0 - pad, x1 + pad);
        }
        let (y0, y1) = range(points.iter().map(|p| p.1).chain([0.0]), false);
        let y1 = y1 + (y1 - y0) * 0.08;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", 20))
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
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .x_label_formatter(&x_format)
            .label_style(("sans-serif", 13))
            .light_line_style(RGBColor(235, 235, 235));
        if let XAxis::Categories(names) = &self.x_axis {
            mesh.x_labels(names.len() + 1);
        }
        mesh.draw().map_err(fail)?;
        for (i, layer) in self.layers.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let drawn = match layer {
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
            if !layer.name().is_empty() {
                drawn
                    .label(layer.name())
                    .legend(move |(x, y)| Rectangle::new([(x, y - 4), (x + 16, y + 4)], color.filled()));
            }
        }
        if self.layers.iter().filter(|l| !l.name().is_empty()).count() > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(("sans-serif", 13))
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(180, 180, 180))
                .draw()
                .map_err(fail)?;
        }
        root.present().map_err(fail)
    }

    /// Writes `<stem>.svg` and `<stem>.png` into `dir`, each atomically.
    pub fn save(&self, dir: &Path, stem: &str) -> std::io::Result<()> {
        register_font();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            self.draw(&root).map_err(std::io::Error::other)?;
        }
        write_atomic(&dir.join(format!("{stem}.svg")), svg.as_bytes())?;
        let temp = dir.join(format!(".{stem}.tmp-{}.png", std::process::id()));
        let drawn = {
            let root = BitMapBackend::new(&temp, SIZE).into_drawing_area();
            self.draw(&root).map_err(std::io::Error::other)
        };
        let result = drawn.and_then(|()| std::fs::rename(&temp, dir.join(format!("{stem}.png"))));
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }
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
