//! A small learned model beside the phrase patterns: one logistic regression per label over
//! hashed features of a message — its words, adjacent word pairs and the first five letters
//! of its longer words (which carry inflections and many typos the words miss) — and which
//! phrase patterns matched it, so that it learns when to trust them. Trained by
//! `tools/src/bin/train_judgement.rs` on the train split of `data/judgement/` (and mapped
//! rows of Bitext and BANKING77), pruned to the strongest features, each label's weights
//! quantized to a few bits (a codebook of 2^b - 1 values beside an exact zero) and embedded as
//! `data/judgement_model.bin`.
//!
//! Labels: the cues (`mistake`, `churn`, `effort`, `praise`, `loyalty`, `celebration`,
//! `loss`), `relational` (the intent's kind) and `routine` (a simple request, nothing at
//! risk). Each label has its threshold, picked on the dev split by the trainer.
//!
//! File format `RJM4` (little endian): `RJM4`, label count (u8), bits per code b (u8, 1..=4);
//! per label: name length (u8), name, bias, threshold and veto (f32 each), codebook size k
//! (u8, below 2^b) and k values (f32 each). Then the feature count (u32, at most 2^20) and
//! one bit stream: the features' hashes ascending, as Rice codes of their gaps (the first
//! hash is its gap from 0) with the Rice parameter r (the u8 before the stream): per gap its
//! quotient `gap >> r` in unary (that many 1 bits, then a 0) and its low r bits, least
//! significant first; then per label one b-bit code per feature in the hashes' order (least
//! significant bit first): code 0 is a weight of exactly 0, code c in 1..=k the label's
//! codebook value c - 1. Bits fill each byte from its lowest bit; the last byte is padded
//! with 0 bits. About 11 bits per hash and b per weight (`RJM2` took 16 and 8; `RJM3` was
//! this with b fixed at 4, two codes to a byte after the hashes).

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
        // one error for every fault (the wasm pays for each message and each path)
        Self::read(b).ok_or_else(|| "not a well-formed judgement model (RJM4)".into())
    }

    fn read(b: &[u8]) -> Option<Self> {
        let mut r = Reader { b, at: 0 };
        if r.take(4)? != b"RJM4" {
            return None;
        }
        let n = r.byte()?;
        let code_bits = r.byte()? as u32;
        if !(1..=4).contains(&code_bits) {
            return None;
        }
        let mut m = JudgeModel::default();
        // per head its codebook, with code 0's weight of 0 in front
        let mut books = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.byte()?;
            let name = String::from_utf8(r.take(len)?.to_vec()).ok()?;
            let (bias, threshold, veto) = (r.f32()?, r.f32()?, r.f32()?);
            let k = r.byte()?;
            if k >= 1 << code_bits {
                return None;
            }
            let mut book = vec![0.0f32; k + 1];
            for v in &mut book[1..] {
                *v = r.f32()?;
            }
            books.push(book);
            m.heads.push(Head {
                name,
                bias,
                threshold,
                veto,
            });
        }
        let count = r.u32()? as usize;
        let rice = r.byte()? as u32;
        if count > 1 << HASH_BITS || rice >= HASH_BITS {
            return None;
        }
        // the hashes: Rice-coded gaps, bits from each byte's lowest, in whole bytes
        let mut at = r.at * 8;
        let mut bit = || {
            let v = b.get(at / 8)? >> (at % 8) & 1;
            at += 1;
            Some(v as u32)
        };
        let mut hashes = Vec::with_capacity(count);
        let mut h = 0u32;
        for _ in 0..count {
            let mut q = 0u32;
            while bit()? == 1 {
                q += 1;
                if q >> (HASH_BITS - rice) != 0 {
                    return None;
                }
            }
            let mut low = 0u32;
            for i in 0..rice {
                low |= bit()? << i;
            }
            h += q << rice | low;
            if h >> HASH_BITS != 0 {
                return None;
            }
            hashes.push(h);
        }
        // then each head's codes, `code_bits` each, in the same stream
        for (head, book) in books.iter().enumerate() {
            for h in &hashes {
                let mut c = 0usize;
                for i in 0..code_bits {
                    c |= (bit()? as usize) << i;
                }
                let w = *book.get(c)?;
                if c != 0 {
                    m.weights.entry(*h).or_default().push((head as u8, w));
                }
            }
        }
        Some(m)
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
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
    fn byte(&mut self) -> Option<usize> {
        Some(self.take(1)?[0] as usize)
    }
    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

/// A head as the trainer writes it: its codebook (at most 15 values), and per feature of the
/// shared list a code: 0 for a weight of 0, c in 1..=15 for `codebook[c - 1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadSpec {
    pub name: String,
    pub bias: f32,
    pub threshold: f32,
    pub veto: f32,
    pub codebook: Vec<f32>,
    pub codes: Vec<u8>,
}

/// The Rice parameter that codes these gaps in the fewest bits.
fn rice_parameter(gaps: &[u32]) -> u32 {
    (0..HASH_BITS)
        .min_by_key(|&r| {
            gaps.iter()
                .map(|&d| (d >> r) as u64 + 1 + r as u64)
                .sum::<u64>()
        })
        .unwrap_or(0)
}

/// Writes a model (used by the trainer): the heads with their codebooks, then the features
/// they share (hashes ascending, below 2^20, Rice-coded gaps), then each head's codes in
/// that order, `code_bits` (1..=4) each.
pub fn write(heads: &[HeadSpec], features: &[u32], code_bits: u32) -> Vec<u8> {
    assert!((1..=4).contains(&code_bits), "1 to 4 bits a code");
    let mut out = b"RJM4".to_vec();
    out.push(heads.len() as u8);
    out.push(code_bits as u8);
    for h in heads {
        out.push(h.name.len() as u8);
        out.extend_from_slice(h.name.as_bytes());
        for x in [h.bias, h.threshold, h.veto] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        assert!(
            h.codebook.len() < 1 << code_bits,
            "a codebook holds at most 2^bits - 1 values"
        );
        out.push(h.codebook.len() as u8);
        for x in &h.codebook {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    let gaps: Vec<u32> = features
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            assert!(
                h >> HASH_BITS == 0 && (i == 0 || h > prev),
                "hashes ascending"
            );
            let d = h - prev;
            prev = h;
            d
        })
        .collect();
    let rice = rice_parameter(&gaps);
    out.push(rice as u8);
    // bits from each byte's lowest; the last byte's unused bits stay 0
    let (mut bits, mut n) = (Vec::new(), 0usize);
    let mut put = |b: u32| {
        if n % 8 == 0 {
            bits.push(0u8);
        }
        bits[n / 8] |= (b as u8) << (n % 8);
        n += 1;
    };
    for d in gaps {
        for _ in 0..d >> rice {
            put(1);
        }
        put(0);
        for i in 0..rice {
            put(d >> i & 1);
        }
    }
    for h in heads {
        assert_eq!(h.codes.len(), features.len(), "one code per feature");
        for &c in &h.codes {
            assert!(c as usize <= h.codebook.len(), "a code within the codebook");
            for i in 0..code_bits {
                put(c as u32 >> i & 1);
            }
        }
    }
    out.extend_from_slice(&bits);
    out
}

#[cfg(test)]
#[path = "judge_tests.rs"]
mod tests;
