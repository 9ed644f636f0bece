//! Watching a run from outside: the engine tells an [`Observer`] what happens as it happens
//! (arrivals with what their domain knows of them, services, balks, exits, staffing,
//! breakdowns, queue counts, expected batches). An observer only reads: it draws nothing and
//! schedules nothing, so a run with one gives the same results as a run without
//! (`tests/event_log_emit.rs`). The event log ([`crate::eventlog`]) is one.

use serde_json::Value;

use super::time::SimTime;
use crate::scenario::model::{PoolId, SourceId, StageId, TypeId};

/// One thing that happened in a run, in the engine's terms (ids index the scenario's lists).
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    /// A counted agent arrived at the port.
    Arrived {
        /// Serial number.
        agent: u64,
        /// Its source.
        source: SourceId,
        /// Its type.
        type_id: TypeId,
        /// Its own seed (identity, journey stream).
        seed: u64,
        /// Its scenario attribute bits (domain flags left out).
        attributes: u64,
        /// The batch of its source's schedule (or trace) it came with, if any.
        batch: Option<usize>,
        /// What its domain knows of it at arrival, as the domain describes it.
        details: Option<Value>,
    },
    /// A batch of a schedule starts: its arrivals are now expected.
    BatchExpected {
        /// Its source.
        source: SourceId,
        /// Index in the source's schedule.
        batch: usize,
        /// How many of it are expected (a scheduled batch's load drawn, a trace's recorded).
        count: u32,
    },
    /// A service started at a stage's pool.
    ServiceStarted {
        /// Serial number of the agent.
        agent: u64,
        /// The stage.
        stage: StageId,
        /// The pool.
        pool: PoolId,
        /// The server.
        server: u32,
        /// Time waited in the queue.
        waited: SimTime,
    },
    /// A service ended.
    ServiceEnded {
        /// Serial number of the agent.
        agent: u64,
        /// The stage.
        stage: StageId,
        /// The pool.
        pool: PoolId,
        /// The server.
        server: u32,
        /// How long it took.
        service: SimTime,
    },
    /// An agent found a stage's queue full.
    Balked {
        /// Serial number of the agent.
        agent: u64,
        /// The stage.
        stage: StageId,
    },
    /// A counted agent left the port after its journey.
    Left {
        /// Serial number of the agent.
        agent: u64,
        /// When it arrived.
        arrived: SimTime,
    },
    /// A pool's staffing was set (the roster applied, or servers went out of or back into order).
    Staffing {
        /// The pool.
        pool: PoolId,
        /// Servers the roster (or a forced log) puts on duty.
        rostered: u32,
        /// Servers out of order.
        out_of_order: u32,
        /// Servers that serve: rostered minus out of order.
        staffed: u32,
    },
    /// A server of a pool broke down.
    Breakdown {
        /// The pool.
        pool: PoolId,
    },
    /// A broken server of a pool was repaired.
    Repair {
        /// The pool.
        pool: PoolId,
    },
    /// Agents waiting at a stage with a pool, as a queue sensor counts them.
    QueueCount {
        /// The stage.
        stage: StageId,
        /// Agents waiting.
        waiting: u32,
    },
}

/// Something that hears every [`Happening`] of a run, in the order the engine carries them out.
pub trait Observer: Send + Sync {
    /// `happening` happened at `at`.
    fn observe(&mut self, at: SimTime, happening: Happening);

    /// How often queue counts are reported (`None`: never).
    fn queue_interval(&self) -> Option<SimTime> {
        None
    }

    /// The run has ended: finish the work (flush what is written); the error says what failed.
    fn finish(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// The observer of a run, if any, and when it hears the next queue counts.
#[derive(Default)]
pub(super) struct Watch {
    observer: Option<Box<dyn Observer>>,
    next_count: SimTime,
}

impl Watch {
    /// Starts telling `observer`.
    pub(super) fn set(&mut self, observer: Box<dyn Observer>) {
        self.observer = Some(observer);
    }

    /// Stops telling the observer and hands it back.
    pub(super) fn take(&mut self) -> Option<Box<dyn Observer>> {
        self.observer.take()
    }

    /// True when someone listens (callers skip building happenings otherwise).
    pub(super) fn on(&self) -> bool {
        self.observer.is_some()
    }

    /// Tells the observer, if any.
    pub(super) fn tell(&mut self, at: SimTime, happening: impl FnOnce() -> Happening) {
        if let Some(observer) = &mut self.observer {
            observer.observe(at, happening());
        }
    }

    /// Reports queue counts for every due count time before `now` (`queues(stage)` is `None`
    /// for stages without a pool).
    pub(super) fn count_queues(&mut self, now: SimTime, stages: usize, queue: impl Fn(StageId) -> Option<u32>) {
        let Some(observer) = &mut self.observer else { return };
        let Some(interval) = observer.queue_interval().filter(|i| i.0 > 0) else {
            return;
        };
        while self.next_count < now {
            for stage in 0..stages {
                if let Some(waiting) = queue(stage) {
                    observer.observe(self.next_count, Happening::QueueCount { stage, waiting });
                }
            }
            self.next_count = SimTime(self.next_count.0 + interval.0);
        }
    }
}

/// Several observers, each told everything in turn.
pub struct Observers(pub Vec<Box<dyn Observer>>);

impl Observer for Observers {
    fn observe(&mut self, at: SimTime, happening: Happening) {
        for observer in &mut self.0 {
            observer.observe(at, happening.clone());
        }
    }

    /// The shortest interval any of them asks for (each hears every count).
    fn queue_interval(&self) -> Option<SimTime> {
        self.0.iter().filter_map(|o| o.queue_interval()).min()
    }

    fn finish(&mut self) -> Result<(), String> {
        self.0.iter_mut().try_for_each(|o| o.finish())
    }
}
