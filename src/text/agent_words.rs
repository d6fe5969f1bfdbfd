//! Whose failure it is, as our own replies in the thread say it. The customer's words often
//! cannot tell: the learned mistake head reads "says", "your" or "the hotel" around a third
//! party's failure as ours, and misses a fault told without a fault word ("our dashboards
//! haven't refreshed since the maintenance window"). An agent who has looked knows: "I can see
//! the order went out by standard post by mistake", "we're seeing reports of a sync issue
//! after today's update" own the failure; "PlayStation Network is having an outage right now",
//! "the payment left us on Monday" place it elsewhere. PRODUCT.md: our mistake is a moment;
//! anger at a third party that is not our failure stays transactional.
//!
//! `data/agent_words.txt` has three sections, read over the agent's messages only, sentence by
//! sentence (its header says what is not read: questions, conditionals, negations, quoted
//! lines). The latest reply that says whose failure it is decides; in one reply, owning wins:
//! - `ours`: the mistake cue is at least `OURS` (one phrase's strength), a phrase reading whose
//!   evidence is the reply's words, so it stays when the model's findings are set aside;
//! - `elsewhere` (another party, in a sentence that does not also say "our" or "we") and
//!   `done` (our side fine, our part done): a mistake only the learned model read in what the
//!   customer wrote before that reply goes. A phrase the customer said outright stays ("you
//!   charged me twice" is read as said), and so does what the model reads in a later message
//!   (the customer disputes the reply).
//!
//! Internal notes are our words too, but are not read: a note quotes the customer or thinks
//! aloud ("could this be our error?"), and its author did not say it to the customer.

use super::patterns::PatternSet;
use super::tokens::{is_negator, tokenize, Token};
use super::{Match, TextSignals};

/// The mistake strength an owned fault gives: one phrase pattern's, as `strength` in
/// analyzer.rs gives a single hit of weight 1.
pub const OURS: f64 = 0.55;

/// What the replies say: the words that own a fault, or the message index of the reply that
/// places it elsewhere (the latest reply that says either decides).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentWords {
    pub ours: Option<Match>,
    pub elsewhere: Option<usize>,
}

/// The built-in lexicon's labels, in file order.
const LABELS: [&str; 3] = ["ours", "elsewhere", "done"];

pub fn builtin_set() -> PatternSet {
    let mut set = PatternSet::default();
    for l in LABELS {
        set.label_index(l);
    }
    set.parse_sections(super::BUILTIN_AGENT_WORDS, "data/agent_words.txt")
        .unwrap_or_else(|e| panic!("built-in agent lexicon parses: {e}"));
    set
}

/// Reads the agent's replies, each as (index in the ticket's messages, text), oldest first.
pub fn read(set: &PatternSet, replies: &[(usize, &str)]) -> AgentWords {
    let mut out = AgentWords::default();
    for &(index, text) in replies {
        let (ours, places) = read_reply(set, index, text);
        if ours.is_some() {
            out = AgentWords {
                ours,
                elsewhere: None,
            };
        } else if places {
            out = AgentWords {
                ours: None,
                elsewhere: Some(index),
            };
        }
    }
    out
}

/// One reply: the first words that own a fault, and whether a line places it elsewhere.
fn read_reply(set: &PatternSet, index: usize, text: &str) -> (Option<Match>, bool) {
    let tokens = tokenize(text);
    let from = not_ours_from(text);
    let quoted = quotations(text);
    let (mut ours, mut places) = (None, false);
    for (a, b) in sentences(text, &tokens) {
        let s = &tokens[a..b];
        // a conditional owns and places nothing after it ("if you were charged in error…",
        // "should the parcel have been…" opening the sentence)
        let opens = |w: &str| s.first().is_some_and(|t| t.text == w);
        let cond = if opens("should") || opens("were") {
            0
        } else {
            s.iter()
                .enumerate()
                .position(|(k, t)| {
                    matches!(t.text.as_str(), "if" | "unless" | "whether" | "provided")
                        || (t.text == "in" && s.get(k + 1).is_some_and(|n| n.text == "case"))
                })
                .unwrap_or(s.len())
        };
        // the first two negators of the sentence ("should never" is a line's own)
        let mut negators = s.iter().enumerate().filter(|&(k, t)| {
            is_negator(&t.text)
                && !t.text.starts_with("should")
                && !(k > 0 && s[k - 1].text == "should")
        });
        let neg = [0, 1].map(|_| negators.next().map_or(usize::MAX, |(k, _)| k));
        let we = s.iter().any(|t| {
            matches!(
                t.text.as_str(),
                "our" | "we" | "we're" | "we've" | "we'd" | "we'll"
            )
        });
        // "the refund was sent from our account to the wrong IBAN" places nothing
        let wrong = s.iter().any(|t| {
            matches!(
                t.text.as_str(),
                "wrong" | "wrongly" | "incorrect" | "incorrectly" | "mistake" | "mistakenly"
            )
        });
        for h in set.find(s) {
            // negated: a negator before the match or in it, but for its own first word ("no
            // blocks on it", "nothing wrong on our side")
            let negated = neg[0] <= h.last && (neg[0] != h.first || neg[1] <= h.last);
            let start = s[h.first].start;
            if h.first >= cond
                || negated
                || start >= from.unwrap_or(usize::MAX)
                || quoted.iter().any(|q| q.contains(&start))
            {
                continue;
            }
            match set.labels[h.label].as_str() {
                "ours" if ours.is_none() => {
                    let (first, last) = (a + h.first, a + h.last);
                    let (starts, ends) = super::analyzer::utf16_bounds(text, &tokens);
                    ours = Some(Match {
                        signal: "cue.mistake".into(),
                        text: text[tokens[first].start..tokens[last].end].to_string(),
                        message: index,
                        start: starts[first],
                        end: ends[last],
                        learned: false,
                        in_reply: true,
                    });
                }
                "elsewhere" if !we && !wrong => places = true,
                "done" if !wrong => places = true,
                _ => {}
            }
        }
    }
    (ours, places)
}

/// Sentences as token ranges, questions left out ("Could this be our error?"). A sentence ends
/// at "!", "?", a blank line, or a full stop that is not a decimal point ("£12.99") nor after
/// an abbreviation ("no. 4471", "e.g."): a hard-wrapped line goes on ("this isn't\nour
/// mistake" is one sentence).
fn sentences(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let gap = |k: usize| {
        let at = if k == 0 { 0 } else { tokens[k - 1].end };
        &text[at..tokens.get(k).map_or(text.len(), |t| t.start)]
    };
    let ends = |k: usize| {
        let g = gap(k);
        if g.contains(['!', '?']) || g.contains("\n\n") || g.contains("\n\r\n") {
            return true;
        }
        let (Some(prev), Some(next)) = (tokens.get(k.wrapping_sub(1)), tokens.get(k)) else {
            return true;
        };
        let short =
            prev.text.len() <= 2 || matches!(prev.text.as_str(), "etc" | "ref" | "approx" | "vs");
        let decimal = g == "."
            && prev.text.ends_with(|c: char| c.is_ascii_digit())
            && next.text.starts_with(|c: char| c.is_ascii_digit());
        g.contains('.') && !short && !decimal
    };
    let mut out = Vec::new();
    let mut a = 0;
    for k in 1..=tokens.len() {
        if k == tokens.len() || ends(k) {
            if !gap(k).contains('?') {
                out.push((a, k));
            }
            a = k;
        }
    }
    out
}

/// Where the reply stops being ours to read: the first quoted line ("> …"), a line another
/// person says in a transcript ("Customer: …"), a quoted email ("On Monday, Sam wrote:") or a
/// signature ("--"). Byte offset, or `None`.
fn not_ours_from(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let low = t.to_ascii_lowercase();
        if t.starts_with('>')
            || t == "--"
            || low.ends_with("wrote:")
            || ["customer:", "caller:", "client:", "guest:", "user:"]
                .iter()
                .any(|p| low.starts_with(p))
        {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Byte ranges inside double quotation marks ("the message \"we're experiencing an issue\" comes
/// from your router", or the customer's words quoted back): not the reply's own words.
fn quotations(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '”', Some(o)) => {
                out.push(o..i);
                open = None;
            }
            ('"' | '“', None) => open = Some(i),
            _ => {}
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
    } else if let Some(reply) = a.elsewhere {
        if s.phrases.0.mistake == 0.0 && s.cues.mistake > 0.0 {
            let mistake = |m: &Match| m.signal == "cue.mistake";
            s.matches.retain(|m| !(mistake(m) && m.message < reply));
            if !s.matches.iter().any(mistake) {
                s.cues.mistake = 0.0;
            }
        }
    }
}
