//! The report of one run, read back from its folder (`summary.json`, `series.csv`, `waits.csv`).

use std::path::Path;

use super::chart::{Figure, Layer, XAxis, YAxis};
use super::html::{Page, duration, number};
use super::output::write_atomic;
use super::story::{QueueTrace, lines};
use crate::metrics::Summary;

/// Bins of the wait-time histograms.
const WAIT_BINS: usize = 30;

/// A run folder's data.
struct RunData {
    summary: Summary,
    columns: Vec<(String, Vec<f64>)>,
    waits: Vec<(String, f64, f64, u64)>,
}

fn invalid(path: &Path, message: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {message}", path.display()))
}

fn read(dir: &Path) -> std::io::Result<RunData> {
    let path = dir.join("summary.json");
    let summary: Summary = serde_json::from_str(&std::fs::read_to_string(&path)?).map_err(|e| invalid(&path, e))?;
    let path = dir.join("series.csv");
    let text = std::fs::read_to_string(&path)?;
    let mut lines_iter = text.lines();
    let mut columns: Vec<(String, Vec<f64>)> = lines_iter
        .next()
        .unwrap_or_default()
        .split(',')
        .map(|name| (name.to_string(), Vec::new()))
        .collect();
    for line in lines_iter {
        for (cell, (_, column)) in line.split(',').zip(columns.iter_mut()) {
            column.push(cell.parse().unwrap_or(f64::NAN));
        }
    }
    let path = dir.join("waits.csv");
    let waits = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.rsplitn(4, ',');
            let count = cells.next()?.parse().ok()?;
            let high = cells.next()?.parse().ok()?;
            let low = cells.next()?.parse().ok()?;
            Some((cells.next()?.to_string(), low, high, count))
        })
        .collect();
    Ok(RunData { summary, columns, waits })
}

impl RunData {
    fn column(&self, name: &str) -> Option<&[f64]> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_slice())
    }

    fn hours(&self) -> Vec<f64> {
        self.column("time_s").unwrap_or_default().iter().map(|t| t / 3600.0).collect()
    }

    fn served_stages(&self) -> Vec<(&str, &str)> {
        self.summary
            .stages
            .iter()
            .filter_map(|(name, s)| s.pool.as_deref().map(|p| (name, p)))
            .collect()
    }
}

/// Writes `index.html` and its charts into a run folder; returns the page's path.
pub fn write(dir: &Path) -> std::io::Result<std::path::PathBuf> {
    let data = read(dir)?;
    let s = &data.summary;
    let hours = data.hours();
    let stages = data.served_stages();
    let time_s: Vec<u64> = data.column("time_s").unwrap_or_default().iter().map(|&t| t as u64).collect();
    let queues: Vec<Vec<u32>> = stages
        .iter()
        .map(|(stage, _)| {
            data.column(&format!("{stage}.queue"))
                .unwrap_or_default()
                .iter()
                .map(|&q| q as u32)
                .collect()
        })
        .collect();
    let traces: Vec<QueueTrace> = stages
        .iter()
        .zip(&queues)
        .map(|(&(stage, pool), queue)| QueueTrace {
            stage,
            pool,
            time_s: &time_s,
            queue,
        })
        .collect();
    let mut page = Page::new(
        &format!("{} — run report", s.scenario),
        &format!(
            "seed {} · {:.1} h simulated · {} arrived, {} served, {} balked, {} in the port at the end · porttwin {} · digest {}",
            s.seed,
            s.simulated_s / 3600.0,
            s.arrived,
            s.served,
            s.balked,
            s.in_system_at_end,
            s.porttwin_version,
            s.digest
        ),
    );
    page.summary(&lines(s, &traces));

    page.heading("Stages");
    let rows: Vec<Vec<String>> = s
        .stages
        .iter()
        .filter(|(_, st)| st.pool.is_some())
        .map(|(name, st)| {
            vec![
                name.to_string(),
                st.pool.clone().unwrap_or_default(),
                st.entered.to_string(),
                duration(st.wait_s.mean),
                duration(st.wait_s.p50),
                duration(st.wait_s.p95),
                duration(st.wait_s.max),
                format!("{:.0}%", st.utilisation * 100.0),
                st.max_queue.to_string(),
            ]
        })
        .collect();
    page.table(
        &[
            "stage",
            "pool",
            "entered",
            "mean wait",
            "median wait",
            "p95 wait",
            "longest wait",
            "utilisation",
            "longest queue",
        ],
        &rows,
    );
    super::groups::group_sections(&mut page, s);
    super::sections::domain_sections(&mut page, s);

    let line = |name: &str, ys: &[f64], dashed: bool| Layer::Line {
        name: name.to_string(),
        points: hours.iter().copied().zip(ys.iter().copied()).collect(),
        dashed,
    };
    let queue_figure = Figure {
        title: "Queue length over the day".into(),
        x_label: "time of day (h)".into(),
        y_label: "travellers waiting".into(),
        x_axis: XAxis::Clock,
        y_axis: YAxis::Count,
        layers: stages
            .iter()
            .filter(|(stage, _)| s.stages.get(stage).is_some_and(|st| st.entered > 0))
            .map(|(stage, _)| line(stage, data.column(&format!("{stage}.queue")).unwrap_or_default(), false))
            .collect(),
    };
    page.heading("Queues and servers over the day");
    queue_figure.save(dir, "queue")?;
    page.figure("queue", "Travellers waiting at each stage, sampled every minute");
    let (used, idle): (Vec<&str>, Vec<&str>) = s.pools.iter().map(|(pool, _)| pool).partition(|pool| {
        data.column(&format!("{pool}.busy"))
            .is_some_and(|busy| busy.iter().any(|&b| b > 0.0))
    });
    for pool in used {
        let stem = format!("busy-{}", file_stem(pool));
        Figure {
            title: format!("Servers at {pool}"),
            x_label: "time of day (h)".into(),
            y_label: "servers".into(),
            x_axis: XAxis::Clock,
            y_axis: YAxis::Count,
            layers: vec![
                line("busy", data.column(&format!("{pool}.busy")).unwrap_or_default(), false),
                line("staffed", data.column(&format!("{pool}.staffed")).unwrap_or_default(), true),
            ],
        }
        .save(dir, &stem)?;
        page.figure(&stem, &format!("Busy and staffed servers at {pool}"));
    }
    if !idle.is_empty() {
        page.paragraph(&format!("Never busy in this run, so not charted: {}.", idle.join(", ")));
    }

    page.heading("Waiting times");
    let mut cdf_layers = Vec::new();
    for (stage, _) in &stages {
        let buckets: Vec<(f64, f64, u64)> = data.waits.iter().filter(|w| w.0 == *stage).map(|w| (w.1, w.2, w.3)).collect();
        let total: u64 = buckets.iter().map(|b| b.2).sum();
        if total == 0 {
            continue;
        }
        let p99 = s.stages.get(stage).map_or(1.0, |st| st.wait_s.p99).max(1.0);
        let (unit, scale) = if p99 >= 120.0 { ("min", 60.0) } else { ("s", 1.0) };
        let width = p99 / WAIT_BINS as f64;
        let mut bins = vec![0u64; WAIT_BINS];
        for &(low, high, n) in &buckets {
            bins[(((low + high) / 2.0 / width) as usize).min(WAIT_BINS - 1)] += n;
        }
        let stem = format!("wait-{}", file_stem(stage));
        Figure {
            title: format!("Waiting time at {stage}"),
            x_label: format!("wait ({unit}); the last bar holds the slowest 1%"),
            y_label: "share of travellers (%)".into(),
            x_axis: XAxis::Number,
            y_axis: YAxis::Number,
            layers: vec![Layer::Bars {
                name: String::new(),
                bars: bins
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        (
                            i as f64 * width / scale,
                            (i + 1) as f64 * width / scale,
                            n as f64 * 100.0 / total as f64,
                        )
                    })
                    .collect(),
            }],
        }
        .save(dir, &stem)?;
        page.figure(&stem, &format!("Distribution of waits at {stage}"));
        let mut seen = 0;
        let mut points = vec![(0.0, 0.0)];
        for &(_, high, n) in &buckets {
            seen += n;
            points.push((high / 60.0, seen as f64 * 100.0 / total as f64));
        }
        cdf_layers.push(Layer::Line {
            name: stage.to_string(),
            points,
            dashed: false,
        });
    }
    Figure {
        title: "Waiting time, cumulative".into(),
        x_label: "wait (min)".into(),
        y_label: "travellers who waited at most this long (%)".into(),
        x_axis: XAxis::Number,
        y_axis: YAxis::Number,
        layers: cdf_layers,
    }
    .save(dir, "wait-cdf")?;
    page.figure("wait-cdf", "Share of travellers served within a given wait, per stage");

    page.heading("Utilisation and throughput");
    let pools: Vec<String> = s.pools.iter().map(|(p, _)| p.to_string()).collect();
    Figure {
        title: "Utilisation per pool".into(),
        x_label: "pool".into(),
        y_label: "busy share of on-duty time (%)".into(),
        x_axis: XAxis::Categories(pools),
        y_axis: YAxis::Number,
        layers: vec![Layer::Bars {
            name: String::new(),
            bars: s
                .pools
                .iter()
                .enumerate()
                .map(|(i, (_, p))| (i as f64 - 0.35, i as f64 + 0.35, p.utilisation * 100.0))
                .collect(),
        }],
    }
    .save(dir, "utilisation")?;
    page.figure("utilisation", "Utilisation of each pool over the run");
    Figure {
        title: "Throughput per hour".into(),
        x_label: "time of day (h)".into(),
        y_label: "travellers leaving per hour".into(),
        x_axis: XAxis::Clock,
        y_axis: YAxis::Count,
        layers: vec![Layer::Bars {
            name: String::new(),
            bars: s
                .throughput_per_hour
                .iter()
                .enumerate()
                .map(|(h, &n)| (h as f64 + 0.1, h as f64 + 0.9, n as f64))
                .collect(),
        }],
    }
    .save(dir, "throughput")?;
    page.figure("throughput", "Travellers who completed their journey, per hour");
    page.paragraph(&format!(
        "Officer-hours on duty: {}; machine-hours (automated pools): {}. Stability: {}.",
        number(s.pools.iter().map(|(_, p)| p.officer_hours).sum()),
        number(s.pools.iter().map(|(_, p)| p.machine_hours).sum()),
        s.stability.verdict
    ));
    let path = dir.join("index.html");
    write_atomic(&path, page.finish(&format!("{} — porttwin", s.scenario)).as_bytes())?;
    Ok(path)
}

/// A name made safe for a file name.
pub fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect()
}
