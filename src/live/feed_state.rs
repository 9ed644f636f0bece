//! A feed's whole state as a live snapshot saves it: its options, the first day, every
//! (`source`, `id`) received down to an hour behind the watermark (the deduplication set), the agents arrived, the batches, the
//! events held behind the watermark, the watermark and the counts. A feed restored from it
//! takes the messages that follow exactly as the feed that was saved would have.

use serde::{Deserialize, Serialize};

use super::feed::{Feed, FeedOptions, FeedReport, Pending, Rejection};
use crate::scenario::Scenario;
use crate::scenario::model::SourceId;
use crate::sim::time::SimTime;

/// A feed's state; the sets are saved sorted, so saving the same feed twice gives the same bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedState {
    options: FeedOptions,
    day0: Option<i64>,
    seen: Vec<((String, String), SimTime)>,
    pruned_at: SimTime,
    arrived: Vec<(SourceId, String)>,
    batches: Vec<((SourceId, String), u64)>,
    items: Vec<(u64, usize)>,
    buffer: Vec<((SimTime, u64), Pending)>,
    offered: u64,
    watermark: SimTime,
    clocked: bool,
    closed: bool,
    counts: FeedReport,
    refusals: Vec<(Rejection, (u64, String))>,
}

fn sorted<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut items: Vec<T> = items.into_iter().collect();
    items.sort_unstable();
    items
}

impl FeedState {
    /// The options the saved feed ran under (a resumed feed keeps them).
    pub fn options(&self) -> &FeedOptions {
        &self.options
    }
}

impl Feed {
    /// The feed's state now.
    pub fn save(&self) -> FeedState {
        FeedState {
            options: self.options.clone(),
            day0: self.day0,
            seen: sorted(self.seen.iter().map(|(k, v)| (k.clone(), *v))),
            pruned_at: self.pruned_at,
            arrived: sorted(self.arrived.iter().cloned()),
            batches: sorted(self.batches.iter().map(|(k, v)| (k.clone(), *v))),
            items: sorted(self.items.iter().map(|(k, v)| (*k, *v))),
            buffer: self.buffer.iter().map(|(k, v)| (*k, v.clone())).collect(),
            offered: self.offered,
            watermark: self.watermark,
            clocked: self.clocked,
            closed: self.closed,
            counts: self.counts.clone(),
            refusals: self.refusals.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }

    /// A feed into a run of `scenario` (the one the state was saved with) that continues
    /// from `state`, under the saved options.
    pub fn restored(scenario: &Scenario, state: FeedState) -> Feed {
        let mut feed = Feed::new(scenario, state.options);
        feed.day0 = state.day0;
        feed.seen = state.seen.into_iter().collect();
        feed.pruned_at = state.pruned_at;
        feed.arrived = state.arrived.into_iter().collect();
        feed.batches = state.batches.into_iter().collect();
        feed.items = state.items.into_iter().collect();
        feed.buffer = state.buffer.into_iter().collect();
        feed.offered = state.offered;
        feed.watermark = state.watermark;
        feed.clocked = state.clocked;
        feed.closed = state.closed;
        feed.counts = state.counts;
        feed.refusals = state.refusals.into_iter().collect();
        feed
    }
}
