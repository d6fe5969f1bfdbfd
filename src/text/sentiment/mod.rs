//! Sentiment valence: a port of VADER (Hutto & Gilbert, ICWSM 2014; MIT licence) — lexicon
//! valences with rules for negation, intensifiers and dampeners, "but", ALL CAPS, "!!!" and
//! emoji — plus two additions for support text: elongated words ("sooo baaad") are read as
//! their base word with extra emphasis, and the lexicon is extendable by configuration.
//!
//! `lexicon.rs` holds the valences (VADER's, the emoji, the configured words); `words.rs` the
//! function words (boosters, dampeners, negations, idiom words); `reading.rs` reads a text
//! into words (entities, emoticons, laughter, elongation, case); here, the rules that turn
//! their valences into one score.

mod lexicon;
mod reading;
mod words;

pub use lexicon::SentimentLexicon;

use reading::{decode_entities, words_of, Word};
use serde::Serialize;

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;
const ALPHA: f64 = 15.0;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Sentiment {
    /// Normalised valence, −1 (most negative) .. 1 (most positive).
    pub compound: f64,
    pub pos: f64,
    pub neg: f64,
    pub neu: f64,
}

fn normalize(score: f64) -> f64 {
    (score / (score * score + ALPHA).sqrt()).clamp(-1.0, 1.0)
}

fn punctuation_emphasis(text: &str) -> f64 {
    let ep = text.bytes().filter(|&c| c == b'!').count().min(4) as f64 * 0.292;
    let qm = text.bytes().filter(|&c| c == b'?').count();
    let qm_amp = if qm > 1 {
        if qm <= 3 {
            qm as f64 * 0.18
        } else {
            0.96
        }
    } else {
        0.0
    };
    ep + qm_amp
}

/// VADER polarity scores of one text.
pub fn polarity(text: &str, lex: &SentimentLexicon) -> Sentiment {
    let decoded = decode_entities(text);
    let expanded: std::borrow::Cow<str> = if decoded.is_ascii() {
        decoded
    } else {
        let mut e = String::with_capacity(decoded.len() + 16);
        for c in decoded.chars() {
            match lex.emoji.get(&c) {
                Some(d) => {
                    e.push(' ');
                    e.push_str(d);
                    e.push(' ');
                }
                None => e.push(c),
            }
        }
        e.into()
    };
    let lowered = expanded.is_ascii().then(|| expanded.to_ascii_lowercase());
    let words = words_of(&expanded, lowered.as_deref(), lex);
    let n = words.len();
    let caps = words.iter().filter(|w| w.upper).count();
    let is_cap_diff = caps > 0 && caps < n;
    let in_lex = |i: usize| words[i].valence.is_some();
    let emphasized = |w: &Word| (w.upper && is_cap_diff) || w.stretched;

    let mut sentiments: Vec<f64> = Vec::with_capacity(n);
    for i in 0..n {
        let item = &words[i];
        let lw = item.lower.as_ref();
        if item.f.boost.is_some() || (lw == "kind" && i + 1 < n && words[i + 1].lower == "of") {
            sentiments.push(0.0);
            continue;
        }
        let Some(base) = item.valence else {
            sentiments.push(0.0);
            continue;
        };
        let mut valence = base;
        if lw == "no" && i + 1 < n && in_lex(i + 1) && words[i + 1].lower != "no" {
            valence = 0.0;
        }
        // "no no no": a repeated "no" is emphasis, not a negation of the next "no".
        if lw != "no" && (i > 0 && words[i - 1].lower == "no")
            || (i > 1 && words[i - 2].lower == "no")
            || (i > 2
                && words[i - 3].lower == "no"
                && matches!(words[i - 1].lower.as_ref(), "or" | "nor"))
        {
            valence = base * N_SCALAR;
        }
        if emphasized(item) {
            valence += if valence > 0.0 { C_INCR } else { -C_INCR };
        }
        for start_i in 0..3 {
            // A negator's scope ends at the sentiment word it negates: "don't care, don't care"
            // must not negate the second "care" twice (VADER looks past the first "care").
            if i > start_i && in_lex(i - (start_i + 1)) {
                break;
            }
            if i > start_i && !in_lex(i - (start_i + 1)) {
                let w = &words[i - (start_i + 1)];
                let mut s = 0.0;
                if let Some(b) = w.f.boost {
                    s = if valence < 0.0 { -b } else { b };
                    if emphasized(w) {
                        s += if valence > 0.0 { C_INCR } else { -C_INCR };
                    }
                }
                if start_i == 1 {
                    s *= 0.95;
                }
                if start_i == 2 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, &words, start_i, i);
            }
        }
        if words[i.saturating_sub(3)..(i + 3).min(n)]
            .iter()
            .any(|w| w.f.idiom)
        {
            valence = idioms_check(valence, &words, i);
        }
        // "least": "the least helpful" flips; "at least" does not.
        if i > 1 && !in_lex(i - 1) && words[i - 1].lower == "least" {
            if words[i - 2].lower != "at" && words[i - 2].lower != "very" {
                valence *= N_SCALAR;
            }
        } else if i > 0 && !in_lex(i - 1) && words[i - 1].lower == "least" {
            valence *= N_SCALAR;
        }
        sentiments.push(valence);
    }

    // "but": what follows weighs 1.5×, what precedes 0.5×.
    if let Some(bi) = words.iter().position(|w| w.lower == "but") {
        for (si, s) in sentiments.iter_mut().enumerate() {
            if si < bi {
                *s *= 0.5;
            } else if si > bi {
                *s *= 1.5;
            }
        }
    }
    score_valence(&sentiments, text)
}

fn negation_check(valence: f64, w: &[Word], start_i: usize, i: usize) -> f64 {
    let l = |k: usize| w[k].lower.as_ref();
    let negated = |k: usize| w[k].f.negate;
    match start_i {
        0 if negated(i - 1) => valence * N_SCALAR,
        1 => {
            if l(i - 2) == "never" && matches!(l(i - 1), "so" | "this") {
                valence * 1.25
            } else if l(i - 2) == "without" && l(i - 1) == "doubt" {
                valence
            } else if negated(i - 2) {
                valence * N_SCALAR
            } else {
                valence
            }
        }
        2 => {
            if (l(i - 3) == "never" && matches!(l(i - 2), "so" | "this"))
                || matches!(l(i - 1), "so" | "this")
            {
                valence * 1.25
            } else if l(i - 3) == "without" && (l(i - 2) == "doubt" || l(i - 1) == "doubt") {
                valence
            } else if negated(i - 3) {
                valence * N_SCALAR
            } else {
                valence
            }
        }
        _ => valence,
    }
}

/// Multi-word expressions ("to die for", "yeah right", "under the weather") that end at, span
/// or start at word `i` override its valence; booster bigrams ("kind of") before it add theirs.
/// Compared word by word, without building phrases (building them was 2% of the time).
fn idioms_check(valence: f64, w: &[Word], i: usize) -> f64 {
    let is = |from: usize, phrase: &[&str]| -> bool {
        from + phrase.len() <= w.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(k, p)| w[from + k].lower.as_ref() == *p)
    };
    let mut v = valence;
    // spans ending at i (2..4 words), then spans starting at i (2..3 words), in VADER's order
    let mut spans: [(usize, usize); 5] = [(usize::MAX, 0); 5];
    for back in 1..=3usize {
        if i >= back {
            spans[back - 1] = (i - back, back + 1);
        }
    }
    spans[3] = (i, 2);
    spans[4] = (i, 3);
    for (from, len) in spans {
        if from == usize::MAX {
            continue;
        }
        if let Some((_, val)) = SPECIAL_CASES
            .iter()
            .find(|(p, _)| p.len() == len && is(from, p))
        {
            v = *val;
        }
    }
    for back in [3usize, 2] {
        if i >= back {
            if let Some((_, b)) = BOOSTER_BIGRAMS.iter().find(|(p, _)| is(i - back, p)) {
                v += b;
            }
        }
    }
    v
}

const SPECIAL_CASES: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.5),
    (&["cut", "the", "mustard"], 2.0),
    (&["hand", "to", "mouth"], -2.0),
    (&["back", "handed"], -2.0),
    (&["blow", "smoke"], -2.0),
    (&["blowing", "smoke"], -2.0),
    (&["upper", "hand"], 1.0),
    (&["break", "a", "leg"], 2.0),
    (&["cooking", "with", "gas"], 2.0),
    (&["in", "the", "black"], 2.0),
    (&["in", "the", "red"], -2.0),
    (&["on", "the", "ball"], 2.0),
    (&["under", "the", "weather"], -2.0),
];

const BOOSTER_BIGRAMS: &[(&[&str], f64)] = &[
    (&["just", "enough"], B_DECR),
    (&["kind", "of"], B_DECR),
    (&["sort", "of"], B_DECR),
];

fn score_valence(sentiments: &[f64], text: &str) -> Sentiment {
    if sentiments.is_empty() {
        return Sentiment {
            compound: 0.0,
            pos: 0.0,
            neg: 0.0,
            neu: 0.0,
        };
    }
    let amp = punctuation_emphasis(text);
    let mut sum: f64 = sentiments.iter().sum();
    if sum > 0.0 {
        sum += amp;
    } else if sum < 0.0 {
        sum -= amp;
    }
    let compound = normalize(sum);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0.0);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        } else if s < 0.0 {
            neg += s - 1.0;
        } else {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += amp;
    } else if pos < neg.abs() {
        neg -= amp;
    }
    let total = pos + neg.abs() + neu;
    if total == 0.0 {
        return Sentiment {
            compound,
            ..Default::default()
        };
    }
    Sentiment {
        compound,
        pos: (pos / total).abs(),
        neg: (neg / total).abs(),
        neu: (neu / total).abs(),
    }
}

#[cfg(test)]
mod tests;
