//! The route graph as validation walks it: where agents can go from a stage, and which stages
//! agents starting somewhere can visit.

use crate::scenario::model::{Pool, Stage, Target};

/// Where agents can go from a stage: its routing targets, plus its overflow target when its queue can fill.
pub(crate) fn successors(stage: &Stage, pools: &[Pool]) -> Vec<Target> {
    let mut targets = stage.next.targets();
    if stage.pool.is_some_and(|p| pools[p].capacity.is_some()) {
        targets.push(stage.on_full);
    }
    targets
}

/// Stages agents starting at `starts` can visit.
pub(crate) fn reachable_from(starts: impl Iterator<Item = usize>, stages: &[Stage], pools: &[Pool]) -> Vec<bool> {
    let mut reachable = vec![false; stages.len()];
    let mut stack: Vec<usize> = starts.collect();
    while let Some(s) = stack.pop() {
        if std::mem::replace(&mut reachable[s], true) {
            continue;
        }
        stack.extend(successors(&stages[s], pools).into_iter().filter_map(|t| match t {
            Target::Stage(id) => Some(id),
            Target::Exit => None,
        }));
    }
    reachable
}
