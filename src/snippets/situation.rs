//! The situation a ticket is in, for matching snippets: band, reply kind, cues, emotions,
//! intents, topics and the moments its reasons show, worked out once per ticket.

use super::*;
use crate::signals::SignalId;
use crate::text::Cue;

/// What the ticket is, for matching snippets.
pub struct Situation<'a> {
    pub band: Band,
    /// The first reply the assessment advises: snippets of that kind rank first.
    pub reply: Reply,
    pub signals: &'a TextSignals,
    pub facts: &'a CustomerFacts,
    /// Moments from the assessment's reasons (`repeat_topic`, `birthday`…), as bits of
    /// `MOMENTS`.
    pub moments: u16,
    /// The ticket's topics, as `name_hash`es.
    pub topics: Vec<u64>,
    /// The likely intents (the model's pick and its alternatives): `name_hash` and probability.
    pub intents: Vec<(u64, f64)>,
    // worked out once here, read by `fit` for every snippet
    /// The cues in `text::CUES` order.
    pub(super) cues: [f64; 8],
    /// The emotions in `text::EMOTIONS` order.
    pub(super) emotions: [f64; 5],
    pub(super) band_bit: u8,
    pub(super) kind_bit: u8,
    /// `hash_bits` of `intents` and `topics`.
    pub(super) intent_bits: u64,
    pub(super) topic_bits: u64,
    /// The customer voiced a mistake, a churn threat or effort: no advocacy ask.
    pub(super) failed: bool,
}

pub(super) fn band_bit(b: Band) -> u8 {
    1 << b as u8
}

pub(super) fn kind_bit(k: Kind) -> u8 {
    1 << k as u8
}

impl<'a> Situation<'a> {
    pub fn new(
        band: Band,
        reply: Reply,
        signals: &'a TextSignals,
        facts: &'a CustomerFacts,
        moments: u16,
        topics: &[String],
    ) -> Self {
        let i = &signals.intent;
        // the coarse topics, and what exactly went wrong (`text::SITUATIONS`): both name what
        // a snippet is for in its `fits.topics`
        let mut topics: Vec<u64> = topics.iter().map(|t| name_hash(t)).collect();
        for (i, s) in crate::text::SITUATIONS.iter().enumerate() {
            if signals.situations & 1 << i != 0 {
                topics.push(name_hash(s));
            }
        }
        let intents: Vec<(u64, f64)> = std::iter::once((name_hash(&i.id), i.confidence))
            .chain(
                i.alternatives
                    .iter()
                    .map(|a| (name_hash(&a.id), a.confidence)),
            )
            .collect();
        let mut cues = signals.cues.values();
        // a promise of ours broken (told by the customer, or a date of ours gone by:
        // `signals::promise`) is our mistake, for the snippets written for it
        if signals.situations & crate::text::BROKEN_PROMISE != 0 {
            cues[Cue::Mistake as usize] = crate::util::larger(cues[Cue::Mistake as usize], 0.6);
        }
        Situation {
            band,
            reply,
            signals,
            facts,
            moments,
            cues,
            emotions: signals.emotions.values(),
            intent_bits: hash_bits(intents.iter().map(|x| x.0)),
            topic_bits: hash_bits(topics.iter().copied()),
            band_bit: band_bit(band),
            kind_bit: kind_bit(i.kind),
            failed: Cue::FAILED.iter().any(|c| c.of(&cues) >= 0.4),
            topics,
            intents,
        }
    }

    /// Probability that the ticket's intent is one of `ids` (summed over the likely intents).
    pub(super) fn probability_of(&self, ids: &[u64]) -> f64 {
        let p: f64 = self
            .intents
            .iter()
            .filter(|(h, _)| ids.contains(h))
            .map(|(_, p)| p)
            .sum();
        crate::util::smaller(p, 1.0)
    }

    /// The learning key: similar tickets share it (band and the main cue, else the intent).
    pub fn key(&self) -> String {
        let c = self.signals.cues.values();
        let main = [
            Cue::Mistake,
            Cue::Churn,
            Cue::Effort,
            Cue::Praise,
            Cue::Celebration,
            Cue::Loss,
        ]
        .into_iter()
        .map(|k| (k.name(), k.of(&c)))
        .filter(|x| x.1 >= 0.4)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(self.signals.intent.id.as_str(), |x| x.0);
        // concat, not format!: one allocation, for every ticket assessed with snippets
        [self.band.as_str(), ":", main].concat()
    }
}

/// The moments an assessment shows, as snippet `fits.moments` names.
pub fn moments(f: &CustomerFacts, reasons: &[crate::signals::Reason], value_high: f64) -> u16 {
    // the reasons that stand for a moment, and its name in `fits.moments`
    const FROM_REASONS: [(SignalId, u16); 8] = [
        (SignalId::MomentBirthday, moment_bit("birthday")),
        (SignalId::MomentAnniversary, moment_bit("anniversary")),
        (
            SignalId::MomentMilestoneOrder,
            moment_bit("milestone_order"),
        ),
        (SignalId::HistoryRepeatTopic, moment_bit("repeat_topic")),
        (SignalId::HistoryCsatLow, moment_bit("unhappy_last_time")),
        (
            SignalId::HistoryRecentContacts,
            moment_bit("recent_contacts"),
        ),
        (SignalId::HistoryNpsPromoter, moment_bit("promoter")),
        (SignalId::HistoryNpsDetractor, moment_bit("detractor")),
    ];
    const LONG_TENURE: u16 = moment_bit("long_tenure");
    const HIGH_VALUE: u16 = moment_bit("high_value");
    const UNKNOWN: u16 = moment_bit("unknown_customer");
    const NEW: u16 = moment_bit("new_customer");
    let mut m = FROM_REASONS
        .iter()
        .filter(|(signal, _)| reasons.iter().any(|r| r.signal == *signal))
        .fold(0, |m, (_, bit)| m | bit);
    if f.tenure_days.is_some_and(|d| d >= 2 * 365) {
        m |= LONG_TENURE;
    }
    if f.lifetime_value.is_some_and(|v| v >= value_high) {
        m |= HIGH_VALUE;
    }
    if !f.known {
        m |= UNKNOWN;
    } else if f.order_count <= 1 && f.tenure_days.is_none_or(|d| d < 60) {
        m |= NEW;
    }
    m
}
