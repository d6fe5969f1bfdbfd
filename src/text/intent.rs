//! Intent: a multinomial logistic-regression model over words and word pairs in the
//! domain-neutral taxonomy (`super::default_taxonomy`), trained by `tools/src/bin/train_intent.rs`
//! on the train split of the project's corpus and the Bitext customer-support utterances
//! (CDLA-Sharing-1.0, intents mapped), embedded as `data/intent_model.tsv`; words it never saw are matched to a known word one
//! edit away, so typos ("cancdling", "pasword") still count.

use super::tokens::Token;
use crate::util::{fnv, parse_decimal, FastMap, HashFilter, FNV_START};
use std::borrow::Cow;

const BUILTIN_MODEL: &str = include_str!(concat!(env!("OUT_DIR"), "/intent_model.tsv"));

#[derive(Debug, Clone)]
pub struct IntentModel {
    pub classes: Vec<String>,
    bias: Vec<f32>,
    /// Feature (by `feature_hash` of its text) → (class, weight). Hashing spares a string per
    /// word pair at prediction time.
    weights: FastMap<u64, Vec<(u16, f32)>>,
    /// Which hashes may be in `weights`: most words and pairs of a message are not.
    known: HashFilter,
    /// Single-character deletions of every known word (by `feature_hash`) → that word, as an
    /// index into `words` (symmetric-delete spelling). Keyed by hash so that building it, at
    /// every engine start, allocates no string per deletion.
    deletions: FastMap<u64, u32>,
    /// Which hashes may be in `deletions`.
    deleted: HashFilter,
    /// The known single words that deletions point to (slices of the embedded model).
    words: Vec<&'static str>,
    /// Characters in the longest known single word: a longer word, less one letter, is still
    /// longer than any, so `correct` gives up on it at once (trying each deletion of a
    /// 20,000-letter "word" hashed 20,000 × 20,000 bytes: a second per ticket).
    longest: usize,
}

/// The 64-bit FNV-1a hash a feature is stored under.
pub fn feature_hash(text: &str) -> u64 {
    fnv(FNV_START, text.as_bytes())
}

/// The hash a word pair is stored under (the trainer's `features` names it `a_b`); `evidence`
/// computes it on from `a`'s own hash, which the tests check is the same.
#[cfg(test)]
fn pair_hash(a: &str, b: &str) -> u64 {
    fnv(fnv(fnv(FNV_START, a.as_bytes()), b"_"), b.as_bytes())
}

/// The normalised word sequence the model reads: numbers become `#`, short junk stays.
pub fn words(tokens: &[Token]) -> Vec<String> {
    word_views(tokens)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// `words`, borrowing each token's own text where it needs no change (most do): no string
/// allocated per word on every message of every ticket.
pub fn word_views(tokens: &[Token]) -> Vec<Cow<'_, str>> {
    tokens
        .iter()
        .map(|t| {
            if t.text.chars().all(|c| c.is_ascii_digit()) {
                Cow::Borrowed("#")
            } else if t.text.contains('\'') {
                Cow::Owned(t.text.replace('\'', ""))
            } else {
                Cow::Borrowed(t.text.as_str())
            }
        })
        .collect()
}

/// Features of a word sequence: each word, and each adjacent pair as `a_b`.
pub fn features(words: &[String]) -> Vec<String> {
    let mut f: Vec<String> = words.to_vec();
    for p in words.windows(2) {
        f.push(format!("{}_{}", p[0], p[1]));
    }
    f.sort_unstable();
    f.dedup();
    f
}

/// Each single-character deletion of `w`, as its two halves (hash them with `deletion_hash`).
fn deletions_of(w: &str) -> impl Iterator<Item = (&str, &str)> + '_ {
    w.char_indices()
        .map(move |(i, c)| (&w[..i], &w[i + c.len_utf8()..]))
}

/// `feature_hash` of the deletion `a` + `b`, without building it.
fn deletion_hash((a, b): (&str, &str)) -> u64 {
    fnv(fnv(FNV_START, a.as_bytes()), b.as_bytes())
}

impl IntentModel {
    pub fn builtin() -> Self {
        Self::parse(BUILTIN_MODEL).unwrap_or_else(|e| panic!("embedded intent model: {e}"))
    }

    /// Text format: `classes\t<c0>\t<c1>…`, `bias\t<b0>\t<b1>…`, optionally `scale\t<s>` (every
    /// feature weight is multiplied by it: build.rs writes the weights as whole tenths, which
    /// gzip better), then `feature\t<i>:<w> <i>:<w>…` (a feature may itself be the word
    /// "classes", "bias" or "scale"); lines starting with `#` are comments.
    pub fn parse(text: &'static str) -> Result<Self, String> {
        // one error for every fault, with its line (the .wasm pays for each message; the
        // built-in model is checked by the tests, so only a broken build would see one)
        let mut at = 0;
        Self::read(text, &mut at)
            .ok_or_else(|| format!("not a well-formed intent model (line {at})"))
    }

    fn read(text: &'static str, at: &mut usize) -> Option<Self> {
        let mut classes = Vec::new();
        let mut bias = Vec::new();
        let mut named: Vec<(&'static str, Vec<(u16, f32)>)> = Vec::new();
        let mut scale = None;
        for (n, line) in text.lines().enumerate() {
            *at = n + 1;
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (key, rest) = line.split_once('\t')?;
            // the header lines come first: later, "classes" or "bias" is a word ("yoga classes")
            match key {
                "classes" if classes.is_empty() => {
                    classes = rest.split('\t').map(str::to_string).collect()
                }
                "bias" if bias.is_empty() => {
                    bias = rest
                        .split('\t')
                        .map(|v| parse_decimal(v).map(|v| v as f32))
                        .collect::<Option<_>>()?
                }
                "scale" if !bias.is_empty() && named.is_empty() && scale.is_none() => {
                    scale = Some(parse_decimal(rest)? as f32)
                }
                _ => {
                    let mut ws = Vec::new();
                    for pair in rest.split(' ') {
                        let (i, w) = pair.split_once(':')?;
                        let i: u16 = i.parse().ok()?;
                        if i as usize >= classes.len() {
                            return None;
                        }
                        ws.push((i, parse_decimal(w)? as f32 * scale.unwrap_or(1.0)));
                    }
                    named.push((key, ws));
                }
            }
        }
        *at = 0;
        if classes.is_empty() || bias.len() != classes.len() {
            return None;
        }
        // Where several known words share a deletion, the one with the most weight (the most
        // telling, usually the most frequent) wins; ties go alphabetically, so it is deterministic.
        let mass = |ws: &Vec<(u16, f32)>| ws.iter().map(|w| w.1.abs()).sum::<f32>();
        let mut deletions: FastMap<u64, (f32, u32)> = FastMap::default();
        let mut words: Vec<&'static str> = Vec::new();
        for (k, ws) in named
            .iter()
            .filter(|(k, _)| !k.contains('_') && k.chars().count() >= 4)
        {
            let m = mass(ws);
            let id = words.len() as u32;
            words.push(k);
            for d in deletions_of(k) {
                let h = deletion_hash(d);
                let better =
                    |old: &(f32, u32)| m > old.0 || (m == old.0 && *k < words[old.1 as usize]);
                match deletions.get(&h) {
                    Some(old) if !better(old) => {}
                    _ => {
                        deletions.insert(h, (m, id));
                    }
                }
            }
        }
        let deletions: FastMap<u64, u32> =
            deletions.into_iter().map(|(d, (_, k))| (d, k)).collect();
        let longest = named
            .iter()
            .filter(|(k, _)| !k.contains('_'))
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let weights: FastMap<u64, Vec<(u16, f32)>> = named
            .into_iter()
            .map(|(k, ws)| (feature_hash(k), ws))
            .collect();
        let (mut known, mut deleted) = (HashFilter::new(), HashFilter::new());
        for h in weights.keys() {
            known.insert(*h);
        }
        for h in deletions.keys() {
            deleted.insert(*h);
        }
        Some(IntentModel {
            classes,
            bias,
            known,
            weights,
            deleted,
            deletions,
            words,
            longest,
        })
    }

    /// Whether the model has a feature of this hash.
    fn has(&self, h: u64) -> bool {
        self.known.may_contain(h) && self.weights.contains_key(&h)
    }

    /// A known word for an unknown one at edit distance ≤ 1 (deletion, insertion, substitution).
    fn correct(&self, w: &str) -> Option<String> {
        let n = w.chars().count();
        if n < 4 || n > self.longest + 1 || w.contains('#') {
            return None;
        }
        let word = |i: &u32| self.words[*i as usize].to_string();
        let deletion = |h: u64| {
            self.deleted
                .may_contain(h)
                .then(|| self.deletions.get(&h))
                .flatten()
        };
        if let Some(k) = deletion(feature_hash(w)) {
            return Some(word(k)); // the typo dropped a letter
        }
        for d in deletions_of(w) {
            let h = deletion_hash(d);
            if self.has(h) {
                return Some([d.0, d.1].concat()); // an extra letter
            }
            if let Some(k) = deletion(h) {
                return Some(word(k)); // a wrong letter
            }
        }
        None
    }

    /// A word as the model reads it, with its hash: itself when known, else its spelling
    /// correction where one exists (`correct`), else itself.
    fn read_word<'a>(&self, w: &'a str) -> (Cow<'a, str>, u64) {
        let h = feature_hash(w);
        match if self.has(h) { None } else { self.correct(w) } {
            Some(c) => {
                let hc = feature_hash(&c);
                (Cow::Owned(c), hc)
            }
            None => (Cow::Borrowed(w), h),
        }
    }

    /// Words with unknown ones replaced by their spelling correction, where one exists.
    pub fn corrected(&self, words: &[String]) -> Vec<String> {
        words
            .iter()
            .map(|w| self.read_word(w).0.into_owned())
            .collect()
    }

    /// Class logits of one message's words (no bias): its words and word pairs, each once,
    /// added in the order of their hashes. Only the features the model has are sorted to find
    /// repeats, not every word and pair. With the `HashFilter`s and the anchored patterns,
    /// callgrind over the generator's 10,527 support texts (`profile 1 full`, 2026-12-03):
    /// 1,437.5 M instructions → 1,378.9 M (filters) → 1,203.0 M (anchors), the same figures.
    fn evidence(&self, words: &[Cow<'_, str>], out: &mut [f32]) {
        // each word's hash once (`read_word`): a pair's hash goes on from its first word's
        // (`pair_hash(a, b)` is `a`'s hash, then "_", then `b`)
        let (ws, hs): (Vec<Cow<str>>, Vec<u64>) = words.iter().map(|w| self.read_word(w)).unzip();
        let pairs = ws
            .windows(2)
            .zip(&hs)
            .map(|(p, &a)| fnv(fnv(a, b"_"), p[1].as_bytes()));
        // the filter lets through the features and one other hash in about sixteen: sorted
        // and deduplicated, each is looked up once
        let mut feats: Vec<u64> = hs
            .iter()
            .copied()
            .chain(pairs)
            .filter(|&h| self.known.may_contain(h))
            .collect();
        // not sort_unstable: its second instantiation (patterns.rs has one) cost the .wasm 1.2 KB gzipped
        crate::util::sort_long_by(&mut feats, u64::cmp, |_, _| {});
        feats.dedup();
        for f in feats {
            if let Some(ws) = self.weights.get(&f) {
                for &(i, w) in ws {
                    out[i as usize] += w;
                }
            }
        }
    }

    /// Class probabilities of messages combined by weight (weights sum to 1): each message's
    /// evidence counts in proportion, so later messages can weigh more.
    pub fn predict(&self, messages: &[(Vec<Cow<'_, str>>, f32)]) -> Vec<f32> {
        let mut logits = self.bias.clone();
        let mut scratch = vec![0f32; self.classes.len()];
        for (words, weight) in messages {
            scratch.iter_mut().for_each(|x| *x = 0.0);
            self.evidence(words, &mut scratch);
            for (l, s) in logits.iter_mut().zip(&scratch) {
                *l += weight * s;
            }
        }
        softmax(&logits)
    }
}

pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let m = logits.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = logits.iter().map(|l| (l - m).exp()).collect();
    let s: f32 = e.iter().sum();
    e.into_iter().map(|x| x / s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn top(m: &IntentModel, text: &str) -> String {
        let p = m.predict(&[(word_views(&tokenize(text)), 1.0)]);
        let i = p
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        m.classes[i].clone()
    }

    #[test]
    fn recognises_common_requests() {
        let m = IntentModel::builtin();
        assert_eq!(
            top(&m, "I forgot my password and can't log in"),
            "account_access"
        );
        assert_eq!(top(&m, "where is my order 12345?"), "order_status");
        assert_eq!(
            top(&m, "I want to close my account, I'm done with you"),
            "cancel_relationship"
        );
        // free text from other trades than a web shop
        assert_eq!(
            top(
                &m,
                "hiya can u send me a copy of last month's invoice for my accountant"
            ),
            "billing_question"
        );
        assert_eq!(
            top(
                &m,
                "please cancel my home insurance policy, it has got far too expensive"
            ),
            "cancel_relationship"
        );
        assert_eq!(
            top(&m, "I want to file a complaint about your service"),
            "complaint"
        );
    }

    #[test]
    fn a_feature_may_be_named_like_a_header() {
        let m = IntentModel::parse(
            "classes\ta\tb\nbias\t0\t0\nclasses\t1:2.0\nbias\t0:1.0\nyoga\t1:1.0\n",
        )
        .unwrap();
        assert_eq!(m.classes, ["a", "b"]);
        assert_eq!(top(&m, "yoga classes"), "b");
    }

    #[test]
    fn a_scale_header_multiplies_the_weights_and_is_a_word_after_them() {
        let text = |scale: &str| -> &'static str {
            format!("classes\ta\tb\nbias\t0\t1.5\n{scale}yoga\t0:10\nscale\t0:30\n").leak()
        };
        // 10 tenths is 1.0, under b's bias; 10 whole is over it
        assert_eq!(
            top(&IntentModel::parse(text("scale\t0.1\n")).unwrap(), "yoga"),
            "b"
        );
        assert_eq!(top(&IntentModel::parse(text("")).unwrap(), "yoga"), "a");
        // after the first feature, "scale" is a word like any other
        assert_eq!(top(&IntentModel::parse(text("")).unwrap(), "scale"), "a");
        let bad = IntentModel::parse(text("scale\tx\n")).err().unwrap();
        assert_eq!(bad, "not a well-formed intent model (line 3)");
    }

    #[test]
    fn typos_are_corrected_to_known_words() {
        let m = IntentModel::builtin();
        // ("pasword" itself is a known word now: the corpus the model learned from has typos)
        let w = m.corrected(&[
            "paassword".to_string(),
            "passwordd".to_string(),
            "pessword".to_string(),
        ]);
        assert!(w.iter().all(|x| x == "password"), "{w:?}");
    }

    #[test]
    fn a_pair_hash_goes_on_from_its_first_word_hash() {
        for (a, b) in [("cancel", "my"), ("", "x"), ("don", "t"), ("päivää", "ok")] {
            assert_eq!(
                pair_hash(a, b),
                fnv(fnv(feature_hash(a), b"_"), b.as_bytes())
            );
            assert_eq!(pair_hash(a, b), feature_hash(&format!("{a}_{b}")));
        }
    }
}
