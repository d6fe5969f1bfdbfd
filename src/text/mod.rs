//! Text signals: thread → sentiment, emotions, intent and cues. Pure functions over text,
//! no history. `TextAnalyzer` holds the lexicons and the intent model a configuration chose.

pub mod intent;
pub mod judge;
mod learned;
pub mod patterns;
pub mod same_problem;
pub mod sentiment;
pub mod tokens;

use crate::signals::SignalId;
use crate::util::round2;
use intent::IntentModel;
use judge::JudgeModel;
use patterns::{Hit, PatternSet};
use sentiment::{Sentiment, SentimentLexicon};
use serde::Serialize;
use tokens::Token;

pub const BUILTIN_CUES: &str = include_str!(concat!(env!("OUT_DIR"), "/cues.txt"));
pub const BUILTIN_TOPICS: &str = include_str!(concat!(env!("OUT_DIR"), "/topics.txt"));

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
}

#[derive(Debug, Clone)]
pub struct TextAnalyzer {
    /// The learned cue, kind and routine model (`judge.rs`).
    pub judge: JudgeModel,
    /// Cues a configuration added patterns for: the model does not overrule their hits.
    pub configured_cues: Vec<String>,
    pub lexicon: SentimentLexicon,
    pub model: IntentModel,
    pub taxonomy: Vec<IntentDef>,
    /// Patterns of configured intents the model does not know (label = intent id).
    pub intent_patterns: PatternSet,
    /// Cue and emotion patterns (labels `mistake`…, `emotion.frustration`…).
    pub patterns: PatternSet,
    /// Topic patterns (`delivery`, `billing`…), to tell a repeat of the same problem.
    pub topics: PatternSet,
}

/// Strength 0..1 of a family from its matches: each match closes part of the remaining gap.
fn strength(weights: impl Iterator<Item = f64>) -> f64 {
    1.0 - weights.fold(1.0, |rest, w| rest * (1.0 - (0.55 * w).min(0.95)))
}

struct MessageView<'a> {
    text: &'a str,
    index: usize,
    tokens: Vec<Token>,
    hits: Vec<Hit>,
}

impl TextAnalyzer {
    pub fn builtin() -> Self {
        let mut patterns = PatternSet::default();
        for l in CUES
            .iter()
            .map(|c| c.to_string())
            .chain(EMOTIONS.iter().map(|e| format!("emotion.{e}")))
        {
            patterns.label_index(&l);
        }
        patterns
            .parse_sections(BUILTIN_CUES, "data/cues.txt")
            .expect("built-in cue lexicon parses");
        let mut topics = PatternSet::default();
        topics.ignore_negation = true;
        topics
            .parse_sections(BUILTIN_TOPICS, "data/topics.txt")
            .expect("built-in topic lexicon parses");
        TextAnalyzer {
            judge: JudgeModel::builtin(),
            configured_cues: Vec::new(),
            lexicon: SentimentLexicon::builtin(),
            model: IntentModel::builtin(),
            taxonomy: default_taxonomy(),
            intent_patterns: PatternSet::default(),
            patterns,
            topics,
        }
    }

    /// Topic labels of a short text (a subject, tags, a first message), sorted, deduplicated.
    pub fn topics_of(&self, text: &str) -> Vec<String> {
        self.topics_and_mask(text).0
    }

    /// `topics_of` and `topic_mask` of a text, read once.
    pub fn topics_and_mask(&self, text: &str) -> (Vec<String>, Option<u32>) {
        let hits = self.topics.find(&tokens::tokenize(text));
        let mut t: Vec<String> = hits
            .iter()
            .map(|h| self.topics.labels[h.label].clone())
            .collect();
        crate::util::sort_by(&mut t, |a, b| a.cmp(b));
        t.dedup();
        (t, self.mask_of(&hits))
    }

    /// The topics of a short text as bits (label `i` → bit `i`), for comparing many texts
    /// cheaply; `None` when there are more than 31 topic labels (9 are built in).
    pub fn topic_mask(&self, text: &str) -> Option<u32> {
        self.mask_of(&self.topics.find(&tokens::tokenize(text)))
    }

    fn mask_of(&self, hits: &[Hit]) -> Option<u32> {
        (self.topics.labels.len() <= 31).then(|| hits.iter().fold(0, |m, h| m | 1u32 << h.label))
    }

    pub fn kind_of(&self, intent: &str) -> Kind {
        self.taxonomy
            .iter()
            .find(|d| d.id == intent)
            .map_or(Kind::Transactional, |d| d.kind)
    }

    /// Signals of one text, as a one-message thread.
    pub fn analyze(&self, text: &str) -> TextSignals {
        self.analyze_thread(&[(0, text)])
    }

    /// Signals of a thread: the customer's messages as (index in the ticket, text), oldest
    /// first. Later messages weigh more in sentiment, emotions and intent; a cue said in any
    /// message counts.
    pub fn analyze_thread(&self, messages: &[(usize, &str)]) -> TextSignals {
        let views: Vec<MessageView> = messages
            .iter()
            .map(|&(index, text)| {
                let tokens = tokens::tokenize(text);
                let hits = self.patterns.find(&tokens);
                MessageView {
                    text,
                    index,
                    tokens,
                    hits,
                }
            })
            .collect();
        let n = views.len().max(1);
        // recency: the last message weighs 1, the first at least 0.5
        let recency: Vec<f64> = (0..views.len())
            .map(|m| 0.5 + 0.5 * (m + 1) as f64 / n as f64)
            .collect();
        let rsum: f64 = recency.iter().sum::<f64>().max(1e-9);

        let mut sent = Sentiment::default();
        for (v, r) in views.iter().zip(&recency) {
            let s = sentiment::polarity(v.text, &self.lexicon);
            let w = r / rsum;
            sent.compound += w * s.compound;
            sent.pos += w * s.pos;
            sent.neg += w * s.neg;
            sent.neu += w * s.neu;
        }
        let sentiment = Sentiment {
            compound: round2(sent.compound.clamp(-1.0, 1.0)),
            pos: round2(sent.pos),
            neg: round2(sent.neg),
            neu: round2(sent.neu),
        };

        let label_strength = |label: &str, by_recency: bool| -> f64 {
            let Some(li) = self.patterns.labels.iter().position(|l| l == label) else {
                return 0.0;
            };
            if by_recency {
                views
                    .iter()
                    .zip(&recency)
                    .map(|(v, r)| {
                        let caps = v.hits.iter().any(|h| {
                            h.label == li && v.tokens[h.first..=h.last].iter().any(|t| t.caps)
                        });
                        let s = strength(v.hits.iter().filter(|h| h.label == li).map(|h| h.weight));
                        (s * if caps { 1.25 } else { 1.0 }).min(1.0) * r
                    })
                    .fold(0.0, f64::max)
            } else {
                strength(
                    views
                        .iter()
                        .flat_map(|v| v.hits.iter().filter(|h| h.label == li).map(|h| h.weight)),
                )
            }
        };
        let e = |s: SignalId| round2(label_strength(s.id(), true));
        let mut emotions = Emotions {
            frustration: e(SignalId::EmotionFrustration),
            distress: e(SignalId::EmotionDistress),
            confusion: e(SignalId::EmotionConfusion),
            urgency: e(SignalId::EmotionUrgency),
            gratitude: e(SignalId::EmotionGratitude),
        };
        let c = |name: &str| round2(label_strength(name, false));
        let mut cues = Cues {
            mistake: c(Cue::Mistake.name()),
            churn: c(Cue::Churn.name()),
            effort: c(Cue::Effort.name()),
            praise: c(Cue::Praise.name()),
            loyalty: c(Cue::Loyalty.name()),
            celebration: c(Cue::Celebration.name()),
            loss: c(Cue::Loss.name()),
            life_event: c(Cue::LifeEvent.name()),
        };

        let mut matches = Vec::new();
        for v in &views {
            if v.hits.is_empty() {
                continue;
            }
            let (u_start, u_end) = utf16_bounds(v.text, &v.tokens);
            for h in &v.hits {
                let label = &self.patterns.labels[h.label];
                let (s, e) = (v.tokens[h.first].start, v.tokens[h.last].end);
                let signal = if label.starts_with("emotion.") {
                    label.clone()
                } else {
                    format!("cue.{label}")
                };
                matches.push(Match {
                    signal,
                    text: v.text[s..e].to_string(),
                    message: v.index,
                    start: u_start[h.first],
                    end: u_end[h.last],
                    learned: false,
                });
            }
        }

        let mut intent = self.intent_of(&views, &recency, rsum);
        let routine = self.learned(&views, &mut cues, &mut emotions, &mut matches, &mut intent);
        if cues.churn > 0.0 && cues.loss >= 0.4 && closes_for_the_dead(&views) {
            // closing the account of someone who died is a loss, not a customer leaving: the
            // reply is a condolence, not a save (data/judgement/LABELS.md, "Decisions")
            cues.churn = 0.0;
            matches.retain(|m| m.signal != Cue::Churn.signal());
        }
        cues.life_event = cues.life_event.max(cues.celebration).max(cues.loss);
        TextSignals {
            sentiment,
            emotions,
            intent,
            cues,
            matches,
            routine,
        }
    }

    fn intent_of(&self, views: &[MessageView], recency: &[f64], rsum: f64) -> Intent {
        // A configured intent's own patterns win when they match.
        for v in views.iter().rev() {
            if let Some(h) = self.intent_patterns.find(&v.tokens).first() {
                let id = self.intent_patterns.labels[h.label].clone();
                return Intent {
                    kind: self.kind_of(&id),
                    id,
                    confidence: 0.9,
                    alternatives: Vec::new(),
                    unsure: false,
                };
            }
        }
        let msgs: Vec<(Vec<String>, f32)> = views
            .iter()
            .zip(recency)
            .map(|(v, r)| (intent::words(&v.tokens), (r / rsum) as f32))
            .collect();
        let p = self.model.predict(&msgs);
        let (best, conf) = p
            .iter()
            .enumerate()
            .fold((0, 0f32), |a, (i, &x)| if x > a.1 { (i, x) } else { a });
        let id = self.model.classes[best].clone();
        let mut rest: Vec<(usize, f32)> = p
            .iter()
            .copied()
            .enumerate()
            .filter(|&(i, x)| i != best && x >= 0.05)
            .collect();
        crate::util::sort_by(&mut rest, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let alternatives = rest
            .iter()
            .take(3)
            .map(|&(i, x)| IntentAlternative {
                id: self.model.classes[i].clone(),
                confidence: round2(x as f64),
            })
            .collect();
        Intent {
            kind: self.kind_of(&id),
            id,
            confidence: round2(conf as f64),
            alternatives,
            unsure: false,
        }
    }
}

/// UTF-16 offsets of every token's start and end, in one pass over the text (JavaScript
/// indexes strings in UTF-16 code units; per-match counting would be quadratic on long texts).
/// The writer closes someone else's account after a death: words of a death, and words that
/// the account is another person's (theirs, the estate's, on their behalf).
fn closes_for_the_dead(views: &[MessageView]) -> bool {
    const DEATH: [&str; 8] = [
        "passed",
        "died",
        "death",
        "deceased",
        "late",
        "funeral",
        "bereavement",
        "probate",
    ];
    const ANOTHERS: [&str; 8] = [
        "his", "her", "executor", "estate", "behalf", "probate", "deceased", "their",
    ];
    let words = || {
        views
            .iter()
            .flat_map(|v| v.tokens.iter().map(|t| t.text.as_str()))
    };
    let relative = |w: &str| {
        w.strip_suffix("'s").is_some_and(|r| {
            matches!(
                r,
                "husband"
                    | "wife"
                    | "partner"
                    | "mother"
                    | "father"
                    | "mum"
                    | "mom"
                    | "dad"
                    | "son"
                    | "daughter"
                    | "brother"
                    | "sister"
                    | "grandmother"
                    | "grandfather"
            )
        })
    };
    words().any(|w| DEATH.contains(&w)) && words().any(|w| ANOTHERS.contains(&w) || relative(w))
}

pub(crate) fn utf16_bounds(text: &str, tokens: &[Token]) -> (Vec<usize>, Vec<usize>) {
    let (mut starts, mut ends) = (
        Vec::with_capacity(tokens.len()),
        Vec::with_capacity(tokens.len()),
    );
    if text.is_ascii() {
        // one unit per byte
        starts.extend(tokens.iter().map(|t| t.start));
        ends.extend(tokens.iter().map(|t| t.end));
        return (starts, ends);
    }
    let (mut byte, mut u16s) = (0usize, 0usize);
    let mut advance = |to: usize| {
        // spans between token edges are short: char by char beats eight bytes at a time
        u16s += text[byte..to].chars().map(char::len_utf16).sum::<usize>();
        byte = to;
        u16s
    };
    for t in tokens {
        starts.push(advance(t.start));
        ends.push(advance(t.end));
    }
    (starts, ends)
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
mod tests {
    use super::*;

    fn a() -> TextAnalyzer {
        TextAnalyzer::builtin()
    }

    #[test]
    fn mistake_cue_quotes_its_words() {
        let s = a().analyze("Hi, you charged me twice for the same order!");
        assert!(s.cues.mistake > 0.5);
        let m = s
            .matches
            .iter()
            .find(|m| m.signal == Cue::Mistake.signal())
            .unwrap();
        assert_eq!(m.text, "charged me twice");
        assert_eq!(
            a().analyze("Can you tell me your exchange rate for euros?")
                .cues
                .mistake,
            0.0
        );
    }

    #[test]
    fn closing_the_account_of_someone_who_died_is_a_loss_not_churn() {
        let an = a();
        let s = an.analyze(
            "My father passed away last month. I am the executor and need to close his account.",
        );
        assert!(s.cues.loss > 0.0 && s.cues.churn == 0.0, "{:?}", s.cues);
        assert!(s.matches.iter().all(|m| m.signal != Cue::Churn.signal()));
        // cancelling one's own plan after a loss stays churn (and loss)
        let own = an.analyze("My husband died in May and I can't afford it now: please cancel my subscription, I'm leaving.");
        assert!(
            own.cues.churn > 0.0 && own.cues.loss > 0.0,
            "{:?}",
            own.cues
        );
    }

    #[test]
    fn churn_cue() {
        assert!(
            a().analyze("I'm switching to a competitor and closing my account")
                .cues
                .churn
                > 0.5
        );
        assert_eq!(
            a().analyze("How do I update my account email?").cues.churn,
            0.0
        );
    }

    #[test]
    fn effort_cue() {
        assert!(
            a().analyze("This is the third time I write and nobody answered")
                .cues
                .effort
                > 0.7
        );
        assert_eq!(
            a().analyze("Where can I download my invoice?").cues.effort,
            0.0
        );
    }

    #[test]
    fn praise_and_loyalty_and_life_events() {
        let s = a().analyze("I've been a customer for 10 years and I love your service, I recommend you to all my friends");
        assert!(s.cues.praise > 0.5 && s.cues.loyalty > 0.3, "{:?}", s.cues);
        assert!(
            a().analyze("The dress is for my daughter's wedding next week")
                .cues
                .life_event
                > 0.3
        );
        assert_eq!(a().analyze("Please send the invoice").cues.praise, 0.0);
    }

    #[test]
    fn emotions() {
        let an = a();
        assert!(
            an.analyze("This is ridiculous, I'm so frustrated and fed up")
                .emotions
                .frustration
                > 0.6
        );
        assert!(
            an.analyze("I'm really worried, I need this medication for my son")
                .emotions
                .distress
                > 0.4
        );
        assert!(
            an.analyze("I don't understand why my bill is different, it makes no sense")
                .emotions
                .confusion
                > 0.4
        );
        assert!(an.analyze("I need it today, it's urgent").emotions.urgency > 0.4);
        assert!(
            an.analyze("Thank you so much, you saved my day")
                .emotions
                .gratitude
                > 0.4
        );
        let calm = an.analyze("Please update the shipping address on order 123.");
        assert_eq!(
            (calm.emotions.frustration, calm.emotions.distress),
            (0.0, 0.0)
        );
    }

    #[test]
    fn caps_raise_emotion() {
        let an = a();
        assert!(
            an.analyze("this is UNACCEPTABLE").emotions.frustration
                > an.analyze("this is unacceptable").emotions.frustration
        );
    }

    #[test]
    fn later_messages_weigh_more() {
        let an = a();
        let t = an.analyze_thread(&[
            (0, "Thanks, great!"),
            (2, "Actually it broke again. Terrible, I'm furious."),
        ]);
        assert!(t.sentiment.compound < 0.0, "{:?}", t.sentiment);
        assert!(t.matches.iter().any(|m| m.message == 2));
    }

    #[test]
    fn offsets_are_utf16() {
        let s = a().analyze("😀 you charged me twice");
        let m = s
            .matches
            .iter()
            .find(|m| m.signal == Cue::Mistake.signal())
            .unwrap();
        let u: Vec<u16> = "😀 you charged me twice".encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&u[m.start..m.end]).unwrap(),
            "charged me twice"
        );
    }

    #[test]
    fn intent_kind_from_taxonomy() {
        let an = a();
        assert_eq!(
            an.analyze("I forgot my password").intent.kind,
            Kind::Transactional
        );
        assert_eq!(
            an.analyze("I want to speak to a human, your bot is useless")
                .intent
                .kind,
            Kind::Relational
        );
    }
}
