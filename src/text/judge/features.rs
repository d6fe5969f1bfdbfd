//! A message's features: hashed words, adjacent word pairs, the first five letters of longer
//! words, and the phrase patterns that matched (trainer and engine compute them alike).

use crate::text::tokens::Token;
use crate::util::{fnv, FNV_START};

/// Feature hashes are cut to this many bits: collisions cost little at this size.
pub const HASH_BITS: u32 = 20;

/// One feature of a message: its hash, and where to find its text again (to cite it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    pub hash: u32,
    /// Token index the feature starts at, and how many tokens it spans (1 or 2).
    pub token: u32,
    pub len: u8,
}

fn cut(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32 & ((1 << HASH_BITS) - 1)
}

/// The word a token counts as: numbers become `#`, apostrophes go ("don't" → "dont").
fn norm(t: &Token) -> std::borrow::Cow<'_, str> {
    if t.text.bytes().all(|b| b.is_ascii_digit()) {
        "#".into()
    } else if t.text.contains('\'') {
        t.text.replace('\'', "").into()
    } else {
        t.text.as_str().into()
    }
}

// Measured and not kept (session 49): the features of a call transcript without its fillers
// ("um", "er") and stutters ("the, the"), spelled numbers as `#`, read by the embedded model
// (not retrained on them): dev intent kind on phone rows 93.4 -> 92.5%, cue F1 within ±.01. A
// model trained on them would have to carry the scenario layer (train_judgement.rs).
// Session 50: spelled numbers alone as `#` (zero to ninety; "seven" and "ten" weigh +1.38 for
// distress, so "B C seven seven one four zero" read a kept appointment missed as critical
// distress): dev mistake .798 -> .803, effort .834 -> .818, loyalty .820 -> .833, intent kind
// phone 93.4 -> 92.7%, dev scenarios the same, the spent sets 1-6 band 79.8 -> 80.0, snippet
// kind 77.8 -> 77.9, two off 15 -> 15. A wash without a retrain; not kept.
/// The feature that says a phrase pattern of `label` matched: the model learns when the
/// patterns are right (a wrong fee) and when a look-alike fooled them (a fee question).
pub fn pattern_feature(label: &str) -> u32 {
    cut(fnv(fnv(FNV_START, b"x "), label.as_bytes()))
}

/// Features of a tokenized message with the labels of the phrase patterns that matched it.
pub fn features_with(tokens: &[Token], pattern_labels: &[&str]) -> Vec<Feature> {
    let mut out = features(tokens);
    for l in pattern_labels {
        out.push(Feature {
            hash: pattern_feature(l),
            token: u32::MAX,
            len: 0,
        });
    }
    out
}

/// Features of a tokenized message, in order, a repeated one as often as it occurs (trainer
/// and engine alike: no sort to deduplicate, whose code cost the .wasm 2.8 KB).
pub fn features(tokens: &[Token]) -> Vec<Feature> {
    let words: Vec<_> = tokens.iter().map(norm).collect();
    let mut out = Vec::with_capacity(words.len() * 6);
    for (i, w) in words.iter().enumerate() {
        out.push(Feature {
            hash: cut(fnv(fnv(FNV_START, b"w "), w.as_bytes())),
            token: i as u32,
            len: 1,
        });
        if let Some(next) = words.get(i + 1) {
            let h = fnv(
                fnv(fnv(fnv(FNV_START, b"b "), w.as_bytes()), b" "),
                next.as_bytes(),
            );
            out.push(Feature {
                hash: cut(h),
                token: i as u32,
                len: 2,
            });
        }
        // the first five letters of a longer word: "cancelled", "cancelling" and "cancellation"
        // meet there, and so do most of their typos
        if w.len() > 5 && w.is_char_boundary(5) {
            out.push(Feature {
                hash: cut(fnv(fnv(FNV_START, b"p "), &w.as_bytes()[..5])),
                token: i as u32,
                len: 1,
            });
        }
    }
    out
}

/// The text of each feature, for the trainer and for citing: `w word`, `b a b`, `c ^wor`.
pub fn feature_texts(tokens: &[Token]) -> Vec<(u32, String)> {
    let words: Vec<_> = tokens.iter().map(norm).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        out.push((
            cut(fnv(fnv(FNV_START, b"w "), w.as_bytes())),
            format!("w {w}"),
        ));
        if let Some(next) = words.get(i + 1) {
            let h = fnv(
                fnv(fnv(fnv(FNV_START, b"b "), w.as_bytes()), b" "),
                next.as_bytes(),
            );
            out.push((cut(h), format!("b {w} {next}")));
        }
        if w.len() > 5 && w.is_char_boundary(5) {
            out.push((
                cut(fnv(fnv(FNV_START, b"p "), &w.as_bytes()[..5])),
                format!("p {}", &w[..5]),
            ));
        }
    }
    out
}
