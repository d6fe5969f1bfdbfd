//! Text signals: thread → sentiment, emotions, intent and cues. Pure functions over text,
//! no history. `TextAnalyzer` holds the lexicons and the intent model a configuration chose.

mod analyzer;
pub mod intent;
pub mod judge;
mod learned;
pub mod patterns;
pub mod same_problem;
mod sarcasm;
pub mod sentiment;
pub mod tokens;

use crate::signals::SignalId;
use crate::util::round2;
pub(crate) use analyzer::utf16_bounds;
use analyzer::MessageView;
pub use analyzer::TextAnalyzer;
use sentiment::Sentiment;
use serde::Serialize;

pub const BUILTIN_CUES: &str = include_str!(concat!(env!("OUT_DIR"), "/cues.txt"));
pub const BUILTIN_TOPICS: &str = include_str!(concat!(env!("OUT_DIR"), "/topics.txt"));
/// The topics of a ticket about an order (where it is, a change to it) as bits of a topic mask:
/// `delivery` and `order_change`, the first and seventh sections of data/topics.txt.
pub const ORDER_TOPICS: u32 = 1 | 1 << 6;
pub const BUILTIN_SITUATIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/situations.txt"));
/// The sections of `data/situations.txt`, in its order: bit `i` of `TextSignals::situations`.
pub const SITUATIONS: [&str; 8] = [
    "broken_promise",
    "double_charge",
    "late",
    "damaged",
    "wrong_item",
    "bereavement",
    "wrong_details",
    "serious_loss",
];
/// `SITUATIONS`' bit for a promise of ours not kept.
pub const BROKEN_PROMISE: u8 = 1;
/// `SITUATIONS`' bit for a death (not another loss: an illness, an accident, a lost job).
pub const BEREAVEMENT: u8 = 1 << 5;
/// `SITUATIONS`' bit for an illness, an injury or a parting told in words (`reply::rules`:
/// sympathy before a save).
pub const SERIOUS_LOSS: u8 = 1 << 7;

/// The cue families, in the order they appear in `Cues`.
/// `life_event` is kept for configurations written before the split into `celebration` and
/// `loss`: its patterns count as a life event of neither kind.
pub const CUES: [&str; 8] = [
    "mistake",
    "churn",
    "effort",
    "praise",
    "loyalty",
    "celebration",
    "loss",
    "life_event",
];
/// `Cue::signal`, in `CUES` order.
const CUE_SIGNALS: [&str; 8] = [
    SignalId::CueMistake.id(),
    SignalId::CueChurn.id(),
    SignalId::CueEffort.id(),
    SignalId::CuePraise.id(),
    SignalId::CueLoyalty.id(),
    "cue.celebration",
    "cue.loss",
    SignalId::CueLifeEvent.id(),
];
/// One cue family: its place in `CUES` and `Cues::values()`, and its bit in a snippet's
/// `fits.cues` mask. Code that means one cue names it here, not by a string or a bare bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Mistake,
    Churn,
    Effort,
    Praise,
    Loyalty,
    Celebration,
    Loss,
    LifeEvent,
}

impl Cue {
    /// The cues that say we failed the customer or may lose them.
    pub const FAILED: [Cue; 3] = [Cue::Mistake, Cue::Churn, Cue::Effort];

    pub const fn name(self) -> &'static str {
        CUES[self as usize]
    }

    /// The `Match.signal` of its words: `cue.<name>` (the signal id for the cues that are
    /// signals; celebration and loss are kinds of `cue.life_event`).
    pub const fn signal(self) -> &'static str {
        CUE_SIGNALS[self as usize]
    }

    /// Its bit in a cue mask (bit i is `CUES[i]`).
    pub const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Its strength in `Cues::values()`.
    pub fn of(self, values: &[f64; 8]) -> f64 {
        values[self as usize]
    }
}

/// The emotion families, in the order they appear in `Emotions`.
pub const EMOTIONS: [&str; 5] = [
    "frustration",
    "distress",
    "confusion",
    "urgency",
    "gratitude",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Transactional,
    Relational,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "transactional" => Some(Kind::Transactional),
            "relational" => Some(Kind::Relational),
            _ => None,
        }
    }
}

/// One intent of the taxonomy. Intents beyond the model's own are found by their patterns.
#[derive(Debug, Clone)]
pub struct IntentDef {
    pub id: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Emotions {
    pub frustration: f64,
    pub distress: f64,
    pub confusion: f64,
    pub urgency: f64,
    pub gratitude: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cues {
    pub mistake: f64,
    pub churn: f64,
    pub effort: f64,
    pub praise: f64,
    pub loyalty: f64,
    /// A happy life event (wedding, birth, birthday, new home) or a sad one (a death, an
    /// illness, a lost job): different moments, different replies.
    pub celebration: f64,
    pub loss: f64,
    /// The stronger of the two (and of patterns configured under `life_event`).
    pub life_event: f64,
}

impl Cues {
    /// The strengths in `CUES` order.
    pub fn values(&self) -> [f64; 8] {
        [
            self.mistake,
            self.churn,
            self.effort,
            self.praise,
            self.loyalty,
            self.celebration,
            self.loss,
            self.life_event,
        ]
    }
}

impl Emotions {
    /// The strengths in `EMOTIONS` order.
    pub fn values(&self) -> [f64; 5] {
        [
            self.frustration,
            self.distress,
            self.confusion,
            self.urgency,
            self.gratitude,
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intent {
    pub id: String,
    pub kind: Kind,
    /// Probability of this intent, 0..1.
    pub confidence: f64,
    /// The next most likely intents with their probabilities (up to three).
    pub alternatives: Vec<IntentAlternative>,
    /// The intent model is not sure of `id` (low confidence, or its kind disagrees with the
    /// learned kind): no intent points are given for it, and the panel says so.
    pub unsure: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntentAlternative {
    pub id: String,
    pub confidence: f64,
}

/// Words in the text that carried a cue or an emotion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// `cue.<name>` or `emotion.<name>`.
    pub signal: String,
    /// The matched words, as written.
    pub text: String,
    /// Index of the message in the ticket's `messages` (0 for `analyzeText`).
    pub message: usize,
    /// UTF-16 offsets of the words in the message text (JavaScript string indices).
    pub start: usize,
    pub end: usize,
    /// Found by the learned model (these words carried it), not by a phrase pattern.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub learned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextSignals {
    pub sentiment: Sentiment,
    pub emotions: Emotions,
    pub intent: Intent,
    pub cues: Cues,
    pub matches: Vec<Match>,
    /// Probability that the words are a simple request with nothing at risk (learned model).
    pub routine: f64,
    /// What exactly went wrong, as far as the words say, as bits of `SITUATIONS` (a broken
    /// promise, a double charge, a late, damaged or wrong item): which snippet of a reply
    /// kind fits, and a broken promise asks for ownership.
    #[serde(skip)]
    pub situations: u8,
    /// The strengths as the phrase patterns read them, before the learned model added what it
    /// found alone or raised (its vetoes and later passes only lower them): what the call
    /// rests on without the model's guesses (`signals::text::drop_model_findings`).
    #[serde(skip)]
    pub phrases: (Cues, Emotions),
    /// The churn matches set aside for a death only the learned model read ("my father died,
    /// please close his membership"): without the model there is no loss to set them aside
    /// for, and they count again (`signals::text::drop_model_findings`).
    #[serde(skip)]
    pub churn_set_aside: Vec<Match>,
}

/// The default intent taxonomy: domain-neutral, so it reads the same in a web shop, a bank, a
/// telecom or a SaaS help desk (data/judgement/LABELS.md), and which intents call for speed,
/// which for a relationship. A team changes kinds or adds intents in `config.intents`.
pub fn default_taxonomy() -> Vec<IntentDef> {
    const TRANSACTIONAL: &[&str] = &[
        "order_status",
        "order_change",
        "cancel_item",
        "refund",
        "billing_question",
        "report_problem",
        "account_access",
        "account_change",
        "how_to",
        "product_info",
    ];
    const RELATIONAL: &[&str] = &[
        "cancel_relationship",
        "complaint",
        "feedback_praise",
        "human_agent",
    ];
    TRANSACTIONAL
        .iter()
        .map(|id| IntentDef {
            id: id.to_string(),
            kind: Kind::Transactional,
        })
        .chain(RELATIONAL.iter().map(|id| IntentDef {
            id: id.to_string(),
            kind: Kind::Relational,
        }))
        .collect()
}

#[cfg(test)]
mod tests;
