//! Per-minute time series: queue length per stage, busy and staffed servers per pool.

/// Columns of per-minute samples.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Series {
    /// Sample times in seconds since the start.
    pub time_s: Vec<u64>,
    /// Agents in the port.
    pub in_system: Vec<u32>,
    /// Queue length per stage (outer index: stage).
    pub queue: Vec<Vec<u32>>,
    /// Busy servers per pool (outer index: pool).
    pub busy: Vec<Vec<u32>>,
    /// Staffed servers per pool (outer index: pool).
    pub staffed: Vec<Vec<u32>>,
}

impl Series {
    /// Empty series for `stages` stages and `pools` pools.
    pub fn new(stages: usize, pools: usize) -> Self {
        Self {
            queue: vec![Vec::new(); stages],
            busy: vec![Vec::new(); pools],
            staffed: vec![Vec::new(); pools],
            ..Default::default()
        }
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.time_s.len()
    }

    /// True when nothing was sampled.
    pub fn is_empty(&self) -> bool {
        self.time_s.is_empty()
    }

    /// The series as CSV: `time_s,clock,in_system,<stage>.queue…,<pool>.busy…,<pool>.staffed…`.
    pub fn to_csv(&self, stage_names: &[String], pool_names: &[String]) -> String {
        let mut out = String::from("time_s,clock,in_system");
        for name in stage_names {
            out.push_str(&format!(",{name}.queue"));
        }
        for name in pool_names {
            out.push_str(&format!(",{name}.busy,{name}.staffed"));
        }
        out.push('\n');
        for row in 0..self.len() {
            let t = self.time_s[row];
            out.push_str(&format!("{t},{},{}", crate::sim::time::SimTime(t * 1000), self.in_system[row]));
            for column in &self.queue {
                out.push_str(&format!(",{}", column[row]));
            }
            for (busy, staffed) in self.busy.iter().zip(&self.staffed) {
                out.push_str(&format!(",{},{}", busy[row], staffed[row]));
            }
            out.push('\n');
        }
        out
    }
}
