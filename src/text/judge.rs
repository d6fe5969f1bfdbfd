//! A small learned model beside the phrase patterns: one logistic regression per label over
//! hashed features of a message — its words, adjacent word pairs and the first five letters
//! of its longer words (which carry inflections and many typos the words miss) — and which
//! phrase patterns matched it, so that it learns when to trust them. Trained by
//! `tools/src/bin/train_judgement.rs` on the train split of `data/judgement/` (and mapped
//! rows of Bitext and BANKING77), pruned to the strongest weights per label, quantized to
//! one signed byte each and embedded as `data/judgement_model.bin`.
//!
//! Labels: the cues (`mistake`, `churn`, `effort`, `praise`, `loyalty`, `celebration`,
//! `loss`), `relational` (the intent's kind) and `routine` (a simple request, nothing at
//! risk). Each label has its threshold, picked on the dev split by the trainer.
//!
//! File format (little endian): `RJM2`, label count (u8); per label: name length (u8), name,
//! bias, scale, threshold and veto (f32 each); then the feature count (u32), the features'
//! hashes ascending as LEB128 varint deltas, and per label one i8 per feature (× scale).

use super::tokens::Token;
use crate::util::{fnv, FastMap, FNV_START};

const BUILTIN: &[u8] = include_bytes!("../../data/judgement_model.bin");

/// Feature hashes are cut to this many bits: collisions cost little at this size.
pub const HASH_BITS: u32 = 20;

#[derive(Debug, Clone)]
pub struct Head {
    pub name: String,
    pub bias: f32,
    /// From this probability the model alone finds the label.
    pub threshold: f32,
    /// Under this probability a phrase pattern's hit for the label is overruled.
    pub veto: f32,
}

#[derive(Debug, Clone, Default)]
pub struct JudgeModel {
    pub heads: Vec<Head>,
    /// Feature hash → (head, weight).
    weights: FastMap<u32, Vec<(u8, f32)>>,
}

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

/// A label's probability for one message, and the features that pushed it up most.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub probability: f32,
    /// (feature, contribution), strongest first; slots with a contribution of 0 are empty.
    pub carried_by: [(Feature, f32); 3],
}

impl JudgeModel {
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("data/judgement_model.bin is well formed")
    }

    pub fn parse(b: &[u8]) -> Result<Self, String> {
        let mut r = Reader { b, at: 0 };
        if r.take(4)? != b"RJM2" {
            return Err("not a judgement model (no RJM2 header)".into());
        }
        let n = r.take(1)?[0] as usize;
        let mut m = JudgeModel::default();
        let mut scales = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.take(1)?[0] as usize;
            let name = String::from_utf8(r.take(len)?.to_vec()).map_err(|e| e.to_string())?;
            let bias = r.f32()?;
            scales.push(r.f32()?);
            let threshold = r.f32()?;
            let veto = r.f32()?;
            m.heads.push(Head {
                name,
                bias,
                threshold,
                veto,
            });
        }
        let count = r.u32()? as usize;
        let mut hashes = Vec::with_capacity(count.min(1 << HASH_BITS));
        let mut h = 0u32;
        for _ in 0..count {
            h = h.wrapping_add(r.varint()?);
            hashes.push(h);
        }
        for (head, scale) in scales.iter().enumerate() {
            let q = r.take(count)?;
            for (h, &q) in hashes.iter().zip(q) {
                if q != 0 {
                    m.weights
                        .entry(*h)
                        .or_default()
                        .push((head as u8, q as i8 as f32 * scale));
                }
            }
        }
        Ok(m)
    }

    pub fn head(&self, name: &str) -> Option<usize> {
        self.heads.iter().position(|h| h.name == name)
    }

    /// Every head's score for one message's features.
    pub fn score(&self, features: &[Feature]) -> Vec<Score> {
        let n = self.heads.len();
        let mut logit: Vec<f32> = self.heads.iter().map(|h| h.bias).collect();
        // the three strongest positive contributions per head, kept in place (no allocation
        // per contribution: this runs for every message of every ticket)
        let none = (
            Feature {
                hash: 0,
                token: 0,
                len: 0,
            },
            0.0f32,
        );
        let mut top = vec![[none; 3]; n];
        for f in features {
            if let Some(ws) = self.weights.get(&f.hash) {
                for &(head, w) in ws {
                    let h = head as usize;
                    logit[h] += w;
                    let t = &mut top[h];
                    if w > t[2].1 {
                        let at = t.iter().position(|x| w > x.1).unwrap_or(2);
                        t.copy_within(at..2, at + 1);
                        t[at] = (*f, w);
                    }
                }
            }
        }
        logit
            .into_iter()
            .zip(top)
            .map(|(l, t)| Score {
                probability: 1.0 / (1.0 + (-l).exp()),
                carried_by: t,
            })
            .collect()
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or("judgement model: cut short")?;
        self.at += n;
        Ok(s)
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "f32")?,
        ))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "u32")?,
        ))
    }
    fn varint(&mut self) -> Result<u32, String> {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let byte = self.take(1)?[0];
            v |= ((byte & 0x7f) as u32) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 28 {
                return Err("judgement model: varint too long".into());
            }
        }
    }
}

/// A head as the trainer writes it: name, bias, scale, threshold, veto, and one quantized
/// weight per feature of the shared list (weight = q × scale).
pub type HeadSpec = (String, f32, f32, f32, f32, Vec<i8>);

/// Writes a model (used by the trainer): the heads, then the features they share (hashes
/// ascending, as delta varints), then each head's weights in that order. Head by head, the
/// many zero weights lie in runs that compress well.
pub fn write(heads: &[HeadSpec], features: &[u32]) -> Vec<u8> {
    let mut out = b"RJM2".to_vec();
    out.push(heads.len() as u8);
    for (name, bias, scale, threshold, veto, _) in heads {
        out.push(name.len() as u8);
        out.extend_from_slice(name.as_bytes());
        for x in [bias, scale, threshold, veto] {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    for &h in features {
        let mut d = h - prev;
        prev = h;
        loop {
            let byte = (d & 0x7f) as u8;
            d >>= 7;
            if d == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    for (.., ws) in heads {
        out.extend(ws.iter().map(|&q| q as u8));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn written_models_read_back() {
        let heads = vec![
            (
                "churn".to_string(),
                -1.5f32,
                0.1f32,
                0.4f32,
                0.1f32,
                vec![20i8, -5, 127],
            ),
            ("praise".to_string(), 0.5, 0.2, 0.5, 0.0, vec![0, 0, 0]),
        ];
        let m = JudgeModel::parse(&write(&heads, &[3, 900, 1 << 19])).unwrap();
        assert_eq!(m.heads.len(), 2);
        assert_eq!(m.heads[1].name, "praise");
        let w = &m.weights[&(1 << 19)];
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, 0);
        assert!((w[0].1 - 12.7).abs() < 1e-4, "{w:?}");
        assert!(
            m.weights.get(&3).is_some_and(|w| w.len() == 1),
            "zero weights are not kept"
        );
        assert!(
            JudgeModel::parse(b"RJM2\x01\x05churn").is_err(),
            "cut short is an error, not a panic"
        );
    }

    #[test]
    fn features_and_their_texts_agree() {
        let t = tokenize("I'd like to cancel 2 plans");
        let f: Vec<u32> = features(&t).iter().map(|f| f.hash).collect();
        let texts: Vec<u32> = feature_texts(&t).iter().map(|x| x.0).collect();
        assert_eq!(f, texts);
        assert!(feature_texts(&t).iter().any(|x| x.1 == "b cancel #"));
        assert!(feature_texts(&t).iter().any(|x| x.1 == "p cance"));
    }
}
