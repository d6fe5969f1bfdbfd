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
//! `loss`), `relational` (the intent's kind), `routine` (a simple request, nothing at risk),
//! the emotions `distress` and `frustration`, and `self_harm` (thoughts of ending one's life,
//! learned from `data/judgement/checks/self-harm-probes.tsv`). Each label has its threshold,
//! picked on the dev split by the trainer (`self_harm`'s on held-out probe sets).
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
//!
//! `features.rs` computes a message's features; `write.rs` writes the format (for the
//! trainer); here, the model: reading the format and scoring a message.

mod features;
mod write;

pub use features::{feature_texts, features, features_with, pattern_feature, Feature, HASH_BITS};
pub use write::{with_heads_from, write, HeadSpec};

const BUILTIN: &[u8] = include_bytes!("../../../data/judgement_model.bin");

#[derive(Debug, Clone)]
pub struct Head {
    pub name: String,
    pub bias: f32,
    /// From this probability the model alone finds the label.
    pub threshold: f32,
    /// Under this probability a phrase pattern's hit for the label is overruled.
    pub veto: f32,
}

/// The top bits of a hash that pick its bucket in `JudgeModel::buckets`.
const BUCKET_BITS: u32 = 12;

/// Feature hash → (head, weight), in flat arrays: one bit per possible hash says whether it
/// has weights (most of a message's features do not), and a hash that has them is found in
/// its bucket of the sorted hashes. Callgrind `bench-assess` over 2,000 threads (2026-12-04):
/// `score` 48.7 M instructions with a hash map behind a filter, 18.7 M with these.
#[derive(Debug, Clone, Default)]
pub struct JudgeModel {
    pub heads: Vec<Head>,
    /// Bit `h` set when hash `h` has weights (2^HASH_BITS bits).
    has: Vec<u64>,
    /// Hashes with weights, ascending.
    keys: Vec<u32>,
    /// Per key, the end of its (head, weight) pairs in `pairs` (the start is the previous end).
    ends: Vec<u32>,
    pairs: Vec<(u8, f32)>,
    /// Per bucket (the top BUCKET_BITS of a hash), where its keys start in `keys`; one more
    /// entry at the end.
    buckets: Vec<u32>,
}

/// A label's probability for one message (what carried it: `JudgeModel::carried_by`).
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub probability: f32,
}

impl JudgeModel {
    pub fn builtin() -> Self {
        Self::parse(BUILTIN)
            .unwrap_or_else(|e| panic!("data/judgement_model.bin is well formed: {e}"))
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
        // a file too short to hold the codes is cut short: said before their table is made
        if b.len() * 8 < count * n * code_bits as usize {
            return None;
        }
        // then each head's codes, `code_bits` each, in the same stream, into one flat table (a
        // list per feature was a third of reading the model: callgrind, `profile 0 full`)
        let mut codes = vec![0u8; count * n];
        for head in 0..n {
            for i in 0..count {
                let mut c = 0u8;
                for b in 0..code_bits {
                    c |= (bit()? as u8) << b;
                }
                books[head].get(c as usize)?;
                codes[i * n + head] = c;
            }
        }
        m.has = vec![0; 1 << (HASH_BITS - 6)];
        m.buckets = vec![0; (1 << BUCKET_BITS) + 1];
        m.keys.reserve(count);
        m.ends.reserve(count);
        m.pairs.reserve(codes.iter().filter(|&&c| c != 0).count());
        for (h, row) in hashes.iter().zip(codes.chunks_exact(n.max(1))) {
            let p = row
                .iter()
                .enumerate()
                .filter(|(_, &c)| c != 0)
                .map(|(head, &c)| (head as u8, books[head][c as usize]));
            // the stream's hashes ascend; a gap of 0 repeats a hash, whose weights join the
            // ones before (the trainer writes none, a hand-made file may)
            let before = m.pairs.len();
            m.pairs.extend(p);
            if m.pairs.len() == before {
                continue;
            }
            if m.keys.last() == Some(h) {
                *m.ends.last_mut()? = m.pairs.len() as u32;
                continue;
            }
            m.has[*h as usize >> 6] |= 1 << (h & 63);
            m.buckets[(h >> (HASH_BITS - BUCKET_BITS)) as usize + 1] += 1;
            m.keys.push(*h);
            m.ends.push(m.pairs.len() as u32);
        }
        for b in 1..m.buckets.len() {
            m.buckets[b] += m.buckets[b - 1];
        }
        Some(m)
    }

    /// Maps head `head`'s logits l to a·l + b (its weights times a, its bias a·bias + b, its
    /// threshold and veto moved alike, so that it finds exactly what it found before): a
    /// retrained head put on the scale of the one it replaces (`transplant-heads`, RJ_MATCH).
    pub fn rescale_head(&mut self, head: usize, a: f32, b: f32) {
        let map = |p: f32| {
            let p = p.clamp(1e-6, 1.0 - 1e-6);
            1.0 / (1.0 + (-(a * (p / (1.0 - p)).ln() + b)).exp())
        };
        let h = &mut self.heads[head];
        h.bias = a * h.bias + b;
        h.threshold = map(h.threshold);
        h.veto = map(h.veto);
        for (j, w) in &mut self.pairs {
            if *j as usize == head {
                *w *= a;
            }
        }
    }

    pub fn head(&self, name: &str) -> Option<usize> {
        self.heads.iter().position(|h| h.name == name)
    }

    /// The hashes of the features that have weights, ascending.
    pub fn keys(&self) -> &[u32] {
        &self.keys
    }

    /// The (head, weight) pairs of feature hash `h` (none for most).
    pub fn weights_of(&self, h: u32) -> &[(u8, f32)] {
        let h = h & ((1 << HASH_BITS) - 1);
        if self
            .has
            .get(h as usize >> 6)
            .is_none_or(|w| w >> (h & 63) & 1 == 0)
        {
            return &[];
        }
        let b = (h >> (HASH_BITS - BUCKET_BITS)) as usize;
        let (lo, hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        match self.keys[lo..hi].iter().position(|&k| k == h) {
            Some(i) => {
                let i = lo + i;
                let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                &self.pairs[start..self.ends[i] as usize]
            }
            None => &[],
        }
    }

    /// Head `head`'s weight for feature hash `h` (0 when it has none): what the trainer and
    /// `with_heads_from` copy from one model into another.
    pub fn weight(&self, head: usize, h: u32) -> f32 {
        self.weights_of(h)
            .iter()
            .filter(|(j, _)| *j as usize == head)
            .map(|(_, w)| *w)
            .sum()
    }

    /// Each head's probability for a message's features. Which features carried a finding
    /// (`carried_by`) is worked out only for the findings cited: tracking every head's top
    /// three in this loop was a third of its cost (callgrind, `profile 1 full`, 2026-12-05).
    pub fn score(&self, features: &[Feature]) -> Vec<Score> {
        let mut logit: Vec<f32> = self.heads.iter().map(|h| h.bias).collect();
        for f in features {
            for &(head, w) in self.weights_of(f.hash) {
                logit[head as usize] += w;
            }
        }
        logit
            .into_iter()
            .map(|l| Score {
                probability: 1.0 / (1.0 + (-l).exp()),
            })
            .collect()
    }

    /// The three features that pushed head `head` up most in a message, strongest first (a
    /// feature as often as it occurs; unused slots have weight 0).
    pub fn carried_by(&self, features: &[Feature], head: usize) -> [(Feature, f32); 3] {
        let none = (
            Feature {
                hash: 0,
                token: 0,
                len: 0,
            },
            0.0f32,
        );
        let mut t = [none; 3];
        for f in features {
            for &(h, w) in self.weights_of(f.hash) {
                if h as usize == head && w > t[2].1 {
                    let at = t.iter().position(|x| w > x.1).unwrap_or(2);
                    t.copy_within(at..2, at + 1);
                    t[at] = (*f, w);
                }
            }
        }
        t
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

#[cfg(test)]
mod tests;
