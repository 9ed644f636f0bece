//! The event calendar: a priority queue ordered by (time, sequence number).
//!
//! Two events at the same time fire in the order they were scheduled, so
//! ties break the same way in every run.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::time::SimTime;

struct Entry<E> {
    at: SimTime,
    seq: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl<E> Eq for Entry<E> {}

impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Entry<E> {
    /// Reversed, so the max-heap pops the earliest (time, seq) first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// Pending events in deterministic order.
pub struct EventCalendar<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
}

impl<E> Default for EventCalendar<E> {
    fn default() -> Self {
        Self {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<E> EventCalendar<E> {
    /// Schedules `event` at `at`.
    pub fn schedule(&mut self, at: SimTime, event: E) {
        self.heap.push(Entry {
            at,
            seq: self.next_seq,
            event,
        });
        self.next_seq += 1;
    }

    /// Reserves `count` consecutive sequence numbers and returns the first: an event scheduled
    /// later with [`EventCalendar::schedule_reserved`] and one of them breaks ties as if it had
    /// been scheduled now. A live feed reserves the number a traced arrival not yet received
    /// would have taken, so it fires in the order the offline replay gives it.
    pub fn reserve(&mut self, count: u64) -> u64 {
        let first = self.next_seq;
        self.next_seq += count;
        first
    }

    /// Schedules `event` at `at` with a sequence number from [`EventCalendar::reserve`].
    pub fn schedule_reserved(&mut self, at: SimTime, seq: u64, event: E) {
        debug_assert!(seq < self.next_seq, "sequence number {seq} was never reserved");
        self.heap.push(Entry { at, seq, event });
    }

    /// Time of the earliest pending event.
    pub fn next_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| e.at)
    }

    /// Removes the earliest event if it is due strictly before `until`.
    pub fn pop_before(&mut self, until: SimTime) -> Option<(SimTime, E)> {
        if self.heap.peek()?.at >= until {
            return None;
        }
        self.heap.pop().map(|e| (e.at, e.event))
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Every pending event with its time and sequence number, in firing order (the canonical
    /// form a snapshot saves, whatever the heap's layout), and the next sequence number.
    pub fn pending(&self) -> (Vec<(SimTime, u64, E)>, u64)
    where
        E: Clone,
    {
        let mut entries: Vec<(SimTime, u64, E)> = self.heap.iter().map(|e| (e.at, e.seq, e.event.clone())).collect();
        entries.sort_unstable_by_key(|(at, seq, _)| (*at, *seq));
        (entries, self.next_seq)
    }

    /// A calendar holding exactly `entries`, numbering new events from `next_seq`: it fires
    /// them in the order the saved calendar would have.
    pub fn restored(entries: Vec<(SimTime, u64, E)>, next_seq: u64) -> Self {
        let heap = entries.into_iter().map(|(at, seq, event)| Entry { at, seq, event }).collect();
        Self { heap, next_seq }
    }

    /// True when an event satisfying `test` is pending.
    pub fn any(&self, test: impl Fn(&E) -> bool) -> bool {
        self.heap.iter().any(|e| test(&e.event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_by_scheduling_order() {
        let mut cal = EventCalendar::default();
        cal.schedule(SimTime(5), "b");
        cal.schedule(SimTime(1), "a");
        cal.schedule(SimTime(5), "c");
        cal.schedule(SimTime(9), "d");
        let mut order = Vec::new();
        while let Some((_, e)) = cal.pop_before(SimTime(6)) {
            order.push(e);
        }
        assert_eq!(order, ["a", "b", "c"]);
        assert_eq!(cal.next_time(), Some(SimTime(9)));
    }

    #[test]
    fn a_reserved_number_fires_where_it_was_reserved() {
        let mut cal = EventCalendar::default();
        cal.schedule(SimTime(5), "first");
        let seq = cal.reserve(1);
        cal.schedule(SimTime(5), "third");
        cal.schedule_reserved(SimTime(5), seq, "second");
        let order: Vec<_> = std::iter::from_fn(|| cal.pop_before(SimTime::NEVER)).map(|(_, e)| e).collect();
        assert_eq!(order, ["first", "second", "third"]);
    }

    #[test]
    fn a_restored_calendar_fires_in_the_saved_order() {
        let mut cal = EventCalendar::default();
        for (t, e) in [(5, "b"), (1, "a"), (5, "c"), (9, "d"), (1, "a2")] {
            cal.schedule(SimTime(t), e);
        }
        let (entries, next_seq) = cal.pending();
        let mut restored = EventCalendar::restored(entries, next_seq);
        restored.schedule(SimTime(5), "e");
        cal.schedule(SimTime(5), "e");
        fn drain(c: &mut EventCalendar<&'static str>) -> Vec<(SimTime, &'static str)> {
            std::iter::from_fn(|| c.pop_before(SimTime::NEVER)).collect()
        }
        assert_eq!(drain(&mut restored), drain(&mut cal));
    }
}
