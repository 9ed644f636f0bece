//! A crew of image analysts at one review stage: who takes the next image, how long they have
//! been on task, what prevalence they have come to expect, and their decisions.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use super::params::AnalystParams;
use super::tally::AnalystTally;
use crate::detect::classes::{ThreatClass, ThreatSet};
use crate::sim::time::SimTime;

/// What an analyst sees: the image of an item holding `threats`, hidden with `difficulty`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Image {
    /// Threat classes the item truly holds.
    pub threats: ThreatSet,
    /// Concealment difficulty, 0 (plain) to 1 (hidden deep in dense cargo).
    pub difficulty: f64,
    /// Whether the goods differ from the declared ones (`None`: no declaration).
    pub misdeclared: Option<bool>,
    /// The AI reader's verdict shown with the image (`None`: no AI assistance).
    pub ai: Option<AiVerdict>,
}

/// An AI reader's verdict as the analyst sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AiVerdict {
    /// The reader flagged a threat (its alarm points at the object).
    pub threat: bool,
    /// The reader flagged a discrepancy with the declared goods.
    pub discrepancy: bool,
}

/// An analyst's decision on one image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    /// Ask for a physical inspection (a threat is seen).
    pub inspect: bool,
    /// The goods are judged other than declared.
    pub discrepancy: bool,
}

/// One analyst.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Analyst {
    /// Individual sensitivity factor (lognormal around 1).
    skill: f64,
    /// Start of the review in progress.
    busy_since: Option<SimTime>,
    /// Start of the current bout of work (reset by a rest).
    bout_start: SimTime,
    /// Seconds spent reviewing in the current bout.
    bout_busy_s: f64,
    /// End of the latest review.
    last_end: Option<SimTime>,
    /// Reviews made, for the prevalence belief.
    reviews: f64,
    /// Threats found (confirmed by the inspections that follow), for the prevalence belief.
    found: f64,
}

/// The analysts of one review stage (a snapshot saves the whole crew: who is on task since
/// when, what each has seen).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AnalystCrew {
    params: AnalystParams,
    remote: bool,
    classes: Vec<ThreatClass>,
    analysts: Vec<Analyst>,
    /// What the crew decided, against the truth.
    pub tally: AnalystTally,
}

impl AnalystCrew {
    /// A crew of `size` analysts looking for `classes`, in a remote review centre or not; their
    /// individual skills are drawn from `rng`.
    pub fn new<R: Rng + ?Sized>(params: AnalystParams, size: usize, remote: bool, classes: &[ThreatClass], rng: &mut R) -> Self {
        let analysts = (0..size.max(1))
            .map(|_| {
                let z: f64 = StandardNormal.sample(rng);
                Analyst {
                    skill: (params.spread_sd * z).exp(),
                    busy_since: None,
                    bout_start: SimTime(0),
                    bout_busy_s: 0.0,
                    last_end: None,
                    reviews: 0.0,
                    found: 0.0,
                }
            })
            .collect();
        Self {
            params,
            remote,
            classes: classes.to_vec(),
            analysts,
            tally: AnalystTally::default(),
        }
    }

    /// The analyst who takes an image at `now`: the free one idle longest (a rest of
    /// `rest_min` restarts their time on task).
    pub fn start(&mut self, now: SimTime) -> usize {
        let free = |a: &Analyst| a.busy_since.is_none();
        let idle_since = |a: &Analyst| a.last_end.unwrap_or(SimTime(0));
        let pick = (0..self.analysts.len())
            .filter(|&i| free(&self.analysts[i]))
            .min_by_key(|&i| (idle_since(&self.analysts[i]), i))
            .unwrap_or_else(|| {
                (0..self.analysts.len())
                    .min_by_key(|&i| (idle_since(&self.analysts[i]), i))
                    .unwrap_or(0)
            });
        let rest = self.params.rest_min * 60.0;
        let a = &mut self.analysts[pick];
        let rested = a.last_end.is_none_or(|end| now.as_secs_f64() - end.as_secs_f64() >= rest);
        if rested {
            a.bout_start = now;
            a.bout_busy_s = 0.0;
        }
        a.busy_since = Some(now);
        pick
    }

    /// Analyst `who` decides on `image` at `now` (the end of the review): one normal draw for the
    /// threat decision and one for the goods, from `rng`. The decision is counted against the
    /// truth, and the analyst learns from the inspection that follows an alarm.
    pub fn judge<R: Rng + ?Sized>(&mut self, who: usize, now: SimTime, image: &Image, rng: &mut R) -> Judgement {
        let p = self.params;
        let classes = &self.classes;
        let remote = if self.remote { 1.0 + p.remote_gain } else { 1.0 };
        let last = self.analysts.len() - 1;
        let a = &mut self.analysts[who.min(last)];
        let started = a.busy_since.take().unwrap_or(now);
        a.bout_busy_s += (now.as_secs_f64() - started.as_secs_f64()).max(0.0);
        let on_task_s = (now.as_secs_f64() - a.bout_start.as_secs_f64()).max(0.0);
        let busy = if on_task_s > 0.0 {
            (a.bout_busy_s / on_task_s).min(1.0)
        } else {
            1.0
        };
        let vigilance = 1.0 - p.vigilance_loss * (on_task_s / 60.0 / p.vigilance_full_min).min(1.0) * busy;
        let ai_flagged = image.ai.is_some_and(|ai| ai.threat);
        let ai_cleared = image.ai.is_some_and(|ai| !ai.threat);
        let gain = a.skill * vigilance * remote * if ai_flagged { 1.0 + p.ai_gain } else { 1.0 };
        // The analyst's expected d' (over classes, at middling concealment) sets the criterion;
        // the item's own d' sets the evidence.
        let typical: f64 = classes.iter().map(|c| p.class_d_prime(*c)).sum::<f64>() / classes.len().max(1) as f64;
        let d_ref = typical * (1.0 - 0.5 * p.difficulty_loss) * gain;
        let d_item = image
            .threats
            .iter()
            .filter(|c| classes.contains(c))
            .map(|c| p.class_d_prime(c))
            .fold(None, |best: Option<f64>, d| Some(best.map_or(d, |b| b.max(d))))
            .map(|d0| d0 * (1.0 - p.difficulty_loss * image.difficulty.clamp(0.0, 1.0)) * gain);
        let prevalence = ((a.found + p.prior_prevalence * p.prior_reviews) / (a.reviews + p.prior_reviews)).clamp(1e-4, 1.0 - 1e-4);
        let mut criterion = d_ref / 2.0 + p.prevalence_weight * ((1.0 - prevalence) / prevalence).ln() / d_ref;
        if ai_cleared {
            criterion += p.automation_bias;
        }
        let z: f64 = StandardNormal.sample(rng);
        let inspect = z + d_item.unwrap_or(0.0) > criterion;
        let discrepancy = match image.misdeclared {
            Some(misdeclared) => {
                let ai_goods = image.ai.map(|ai| ai.discrepancy);
                let d = p.d_prime_goods * a.skill * vigilance * remote * if ai_goods == Some(true) { 1.0 + p.ai_gain } else { 1.0 };
                let bias = if ai_goods == Some(false) { p.automation_bias } else { 0.0 };
                let z: f64 = StandardNormal.sample(rng);
                z + if misdeclared { d } else { 0.0 } > d / 2.0 + bias
            }
            None => false,
        };
        let holds = d_item.is_some();
        a.reviews += 1.0;
        a.found += (inspect && holds) as u8 as f64;
        a.last_end = Some(now);
        self.tally.record(holds, inspect, on_task_s / 60.0, prevalence);
        Judgement { inspect, discrepancy }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::stream;

    fn crew(size: usize) -> AnalystCrew {
        AnalystCrew::new(
            AnalystParams::default(),
            size,
            false,
            &ThreatClass::CONTAINER,
            &mut stream(1, "test/crew"),
        )
    }

    #[test]
    fn the_free_analyst_idle_longest_takes_the_image() {
        let mut c = crew(2);
        let first = c.start(SimTime::from_secs_f64(0.0));
        let second = c.start(SimTime::from_secs_f64(1.0));
        assert_ne!(first, second);
        let image = Image {
            threats: ThreatSet::NONE,
            difficulty: 0.0,
            misdeclared: None,
            ai: None,
        };
        c.judge(second, SimTime::from_secs_f64(60.0), &image, &mut stream(2, "test/judge"));
        c.judge(first, SimTime::from_secs_f64(90.0), &image, &mut stream(3, "test/judge"));
        assert_eq!(
            c.start(SimTime::from_secs_f64(100.0)),
            second,
            "idle since 60 s, the other since 90 s"
        );
    }

    #[test]
    fn automation_bias_makes_cleared_threats_harder_to_see() {
        let weapons = ThreatSet::from_bits(ThreatClass::Weapons.bit());
        let hits = |ai: Option<AiVerdict>| {
            let mut c = crew(1);
            let mut rng = stream(5, "test/bias");
            let mut hits = 0;
            for i in 0..2000 {
                let who = c.start(SimTime::from_secs_f64(i as f64 * 1000.0));
                let image = Image {
                    threats: weapons,
                    difficulty: 0.5,
                    misdeclared: None,
                    ai,
                };
                hits += c
                    .judge(who, SimTime::from_secs_f64(i as f64 * 1000.0 + 60.0), &image, &mut rng)
                    .inspect as u32;
            }
            hits
        };
        let flagged = hits(Some(AiVerdict {
            threat: true,
            discrepancy: false,
        }));
        let alone = hits(None);
        let cleared = hits(Some(AiVerdict {
            threat: false,
            discrepancy: false,
        }));
        assert!(flagged > alone && alone > cleared, "{flagged} {alone} {cleared}");
    }
}
