//! Ranking metrics of scores against labels: ROC AUC and detection at a false-alarm rate.
//!
//! The same definitions as `models/train/common.py`, so the Rust checks and the
//! manifest's figures agree.

/// Area under the ROC curve (Mann–Whitney U; tied scores count one half). `None` without both classes.
pub fn roc_auc(scores: &[f32], labels: &[bool]) -> Option<f64> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += rank * order[i..=j].iter().filter(|&&k| labels[k]).count() as f64;
        i = j + 1;
    }
    let pos = labels.iter().filter(|&&l| l).count() as f64;
    let neg = labels.len() as f64 - pos;
    (pos > 0.0 && neg > 0.0).then(|| (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg))
}

/// The score above which at most a share `far` of negatives lie.
pub fn threshold_at_far(scores: &[f32], labels: &[bool], far: f64) -> Option<f32> {
    let mut negatives: Vec<f32> = scores.iter().zip(labels).filter(|(_, l)| !**l).map(|(s, _)| *s).collect();
    negatives.sort_by(|a, b| b.total_cmp(a));
    let k = (far * negatives.len() as f64).floor() as usize;
    negatives.get(k.min(negatives.len().saturating_sub(1))).copied()
}

/// Share of positives scored above [`threshold_at_far`]. `None` without both classes.
pub fn detection_at_far(scores: &[f32], labels: &[bool], far: f64) -> Option<f64> {
    let threshold = threshold_at_far(scores, labels, far)?;
    let positives: Vec<f32> = scores.iter().zip(labels).filter(|(_, l)| **l).map(|(s, _)| *s).collect();
    (!positives.is_empty()).then(|| positives.iter().filter(|&&s| s > threshold).count() as f64 / positives.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_random_and_tied_rankings() {
        let labels = [false, false, true, true];
        assert_eq!(roc_auc(&[0.1, 0.2, 0.8, 0.9], &labels), Some(1.0));
        assert_eq!(roc_auc(&[0.9, 0.8, 0.2, 0.1], &labels), Some(0.0));
        assert_eq!(roc_auc(&[0.5; 4], &labels), Some(0.5));
        assert_eq!(roc_auc(&[0.5; 2], &[true, true]), None);
    }

    #[test]
    fn detection_at_far_lets_through_at_most_that_share_of_negatives() {
        let scores: Vec<f32> = (0..100).map(|i| i as f32 / 100.0).collect();
        let mut labels = vec![false; 100];
        labels.extend([true; 4]);
        let scores: Vec<f32> = scores.into_iter().chain([0.995, 0.97, 0.955, 0.5]).collect();
        assert_eq!(threshold_at_far(&scores, &labels, 0.05), Some(0.94));
        assert_eq!(detection_at_far(&scores, &labels, 0.05), Some(0.75));
        assert_eq!(detection_at_far(&scores, &labels, 0.0), Some(0.25));
    }
}
