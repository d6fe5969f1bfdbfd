//! Whose failure it is, as our own replies in the thread say it. The customer's words often
//! cannot tell: the learned mistake head reads "says", "your" or "the hotel" around a third
//! party's failure as ours, and misses a fault told without a fault word ("our dashboards
//! haven't refreshed since the maintenance window"). An agent who has looked knows: "I can see
//! the order went out by standard post by mistake", "we're seeing reports of a sync issue
//! after today's update" own the failure; "PlayStation Network is having an outage right now",
//! "the payment left us on Monday" place it elsewhere. PRODUCT.md: our mistake is a moment;
//! anger at a third party that is not our failure stays transactional.
//!
//! `data/agent_words.txt` has two sections, read over the agent's messages only:
//! - `ours`: the mistake cue is at least `OURS` (one phrase's strength), a phrase reading whose
//!   evidence is the reply's words, so it stays when the model's findings are set aside;
//! - `elsewhere`, with no `ours` line in any reply: a mistake only the learned model read in
//!   the customer's words goes (a phrase the customer said outright stays: "you charged me
//!   twice" is read as said).
//!
//! Internal notes are our words too, but are not read: a note quotes the customer or thinks
//! aloud ("could this be our error?"), and its author did not say it to the customer.

use super::patterns::PatternSet;
use super::tokens::tokenize;
use super::{Match, TextSignals};

/// The mistake strength an owned fault gives: one phrase pattern's, as `strength` in
/// analyzer.rs gives a single hit of weight 1.
pub const OURS: f64 = 0.55;

/// What the replies say: the first words that own a fault, and whether any reply places it
/// elsewhere.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentWords {
    pub ours: Option<Match>,
    pub elsewhere: bool,
}

/// The built-in lexicon's two labels, in file order.
const LABELS: [&str; 2] = ["ours", "elsewhere"];

pub fn builtin_set() -> PatternSet {
    let mut set = PatternSet::default();
    for l in LABELS {
        set.label_index(l);
    }
    set.parse_sections(super::BUILTIN_AGENT_WORDS, "data/agent_words.txt")
        .unwrap_or_else(|e| panic!("built-in agent lexicon parses: {e}"));
    set
}

/// Reads the agent's replies, each as (index in the ticket's messages, text).
pub fn read(set: &PatternSet, replies: &[(usize, &str)]) -> AgentWords {
    let mut out = AgentWords::default();
    for &(index, text) in replies {
        let tokens = tokenize(text);
        // sentence by sentence: a gap in a line would otherwise join "…are on it. Our
        // servers are up" into one
        let mut from = 0;
        while from < tokens.len() {
            let to = (from + 1..tokens.len())
                .find(|&k| tokens[k].after_stop)
                .unwrap_or(tokens.len());
            for h in set.find(&tokens[from..to]) {
                let (first, last) = (from + h.first, from + h.last);
                match set.labels[h.label].as_str() {
                    // "if you were charged in error, we'll refund it" owns nothing yet
                    "ours"
                        if out.ours.is_none()
                            && !tokens[from..first].iter().any(|t| {
                                matches!(t.text.as_str(), "if" | "unless" | "whether")
                            }) =>
                    {
                        let (starts, ends) = super::analyzer::utf16_bounds(text, &tokens);
                        out.ours = Some(Match {
                            signal: "cue.mistake".into(),
                            text: text[tokens[first].start..tokens[last].end].to_string(),
                            message: index,
                            start: starts[first],
                            end: ends[last],
                            learned: false,
                            in_reply: true,
                        });
                    }
                    "elsewhere" => out.elsewhere = true,
                    _ => {}
                }
            }
            from = to;
        }
    }
    out
}

/// Applies the replies' reading to the customer's (see the module's doc).
pub fn apply(s: &mut TextSignals, a: &AgentWords) {
    if let Some(m) = &a.ours {
        s.cues.mistake = s.cues.mistake.max(OURS);
        s.phrases.0.mistake = s.phrases.0.mistake.max(OURS);
        s.matches.push(m.clone());
    } else if a.elsewhere && s.phrases.0.mistake == 0.0 && s.cues.mistake > 0.0 {
        s.cues.mistake = 0.0;
        s.matches.retain(|m| m.signal != "cue.mistake");
    }
}
