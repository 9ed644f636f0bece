//! Parameters of image analysts, each default with its source (or marked as an assumption).

use crate::detect::classes::ThreatClass;

/// How image analysts perform (see [`super`] for the model).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnalystParams {
    /// Sensitivity d' for a plainly visible item (concealment difficulty 0) of each class, in
    /// [`ThreatClass`] order (weapons, drugs, wildlife, live animals, cash). Anchor: Wolfe et al.
    /// (Nature 435, 2005) measured 7% misses and about as many false alarms at 50% prevalence,
    /// d' ≈ 2.95; these values give a mean d' of 2.95 over the container classes at the middling
    /// concealment difficulty 0.5. The spread between classes (organic drugs and paper cash
    /// lower, metallic weapons higher) is an assumption.
    pub d_prime: [f64; 5],
    /// Sensitivity for goods other than declared (a discrepancy with the declaration):
    /// assumption, below any threat class (whole-load judgements are coarse).
    pub d_prime_goods: f64,
    /// Share of d' lost at concealment difficulty 1 (d' × (1 − loss × difficulty)): assumption,
    /// in line with PIDray's hidden items being found far less often than plain ones
    /// (Wang et al., ICCV 2021).
    pub difficulty_loss: f64,
    /// Weight of the prevalence term in the criterion, `k = d'/2 + γ ln((1 − p̂)/p̂) / d'`
    /// (γ = 1 is the ideal observer; people shift less, Maddox 2002). γ = 0.57 reproduces Wolfe
    /// et al. (2005): 30% misses at 1% prevalence with d' = 2.95.
    pub prevalence_weight: f64,
    /// Prevalence analysts start from (training at high prevalence, as in Wolfe et al. 2005's
    /// 50% blocks): assumption.
    pub prior_prevalence: f64,
    /// Weight of that prior, in reviews: assumption (the belief moves after a few dozen images).
    pub prior_reviews: f64,
    /// Share of d' lost after [`AnalystParams::vigilance_full_min`] of continuous, fully busy
    /// work (scaled by how busy the analyst was): assumption giving a 10–15 point fall of the
    /// hit rate within half an hour, the size of Mackworth's (1948) classic decrement; Meuter &
    /// Lacherez (Human Factors 58, 2016) find screeners' decrements only at high event rates.
    pub vigilance_loss: f64,
    /// Minutes of continuous work at which the decrement is complete: assumption after
    /// Mackworth (1948) (most of the decrement within the first 30 minutes).
    pub vigilance_full_min: f64,
    /// An idle gap of this many minutes is a rest that restarts time on task: assumption (the EU
    /// limits continuous screening to 20 minutes followed by a break, Regulation (EU) 2015/1998;
    /// 10 minutes is the break Buser et al., Int. J. Ind. Ergon. 76, 2020, tested).
    pub rest_min: f64,
    /// Standard deviation of ln d' between analysts: assumption, after the large individual
    /// differences between screeners reported by Schwaninger and colleagues (X-ray ORT).
    pub spread_sd: f64,
    /// Relative gain in d' in a remote (central) review centre: assumption (quiet rooms, larger
    /// screens, no queue in sight; no published effect size found).
    pub remote_gain: f64,
    /// Relative gain in d' when an AI reader flagged the item (its alarm localises the
    /// object): assumption after Hättenschwiler et al. (Appl. Ergon. 72, 2018), where automated
    /// detection raised screeners' detection, most for the less experienced.
    pub ai_gain: f64,
    /// Shift of the criterion (in noise standard deviations) on items the AI reader cleared:
    /// automation bias. Assumption after Huegli, Merks & Schwaninger (IJHCI 39, 2023):
    /// screeners missed most unalarmed threats because they relied on the system.
    pub automation_bias: f64,
}

impl Default for AnalystParams {
    fn default() -> Self {
        Self {
            d_prime: [4.3, 3.4, 3.9, 4.1, 3.0],
            d_prime_goods: 2.0,
            difficulty_loss: 0.5,
            prevalence_weight: 0.57,
            prior_prevalence: 0.5,
            prior_reviews: 50.0,
            vigilance_loss: 0.12,
            vigilance_full_min: 30.0,
            rest_min: 10.0,
            spread_sd: 0.15,
            remote_gain: 0.10,
            ai_gain: 0.30,
            automation_bias: 1.5,
        }
    }
}

impl AnalystParams {
    /// d' for a plainly visible item of `class`.
    pub fn class_d_prime(&self, class: ThreatClass) -> f64 {
        self.d_prime[class as usize]
    }
}
