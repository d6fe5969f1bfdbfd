//! A small phrase-pattern language for cue and emotion lexicons, matched over word tokens.
//!
//! A pattern is elements separated by spaces. `a|b` is either alternative; `refund*` any word
//! starting with "refund"; `money_back` the two words in a row (so `refund*|money_back` is one
//! element); `~N` allows up to N other words before the next element; a final `@0.5` sets the
//! pattern's weight (default 1). Example: `charg* ~3 twice|double|two_times @1.5`. A last
//! element `!a|b` (before the weight, with no gap before it) says which words may not come
//! right after the match: `end ~1 my_life !insurance|assurance` is "end my life", not "end my
//! life insurance".
//! A match preceded (within two words) by a negator ("not", "never", "didn't") is dropped,
//! so "I was not charged twice" is no mistake cue; negators inside a pattern are its own words.
//! A section named `not.X` lists look-alikes said outright ("not cancelling, just asking", "my
//! bad, I ordered the wrong size"): a match of one drops every match of `X` in the same text,
//! and itself (`find_with_look_alikes` says which labels it dropped). For the labels a set
//! names in `conceded_to_you`, a look-alike followed in its sentence by "but" or "however"
//! keeps the matches after it in that sentence that name the one written to as the doer
//! ("not blaming you personally, but your company charged me twice"). For the labels it names
//! in `overlapped_only`, a look-alike drops only the matches of `X` it overlaps.
//! A section named `plain.X`
//! lists plain requests whose words the learned model reads as X ("send me a copy of the
//! invoice"): a match keeps the learned model from finding X on its own in that text, and
//! leaves X's own patterns be ("…a copy of the invoice, you charged us twice" is still X).
//!
//! `patterns/pattern.rs` parses and matches one pattern; here, the labelled set and its index.

mod pattern;

pub use pattern::Pattern;

use super::tokens::{is_negator, Token};
use crate::util::FastMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the label (the section) the pattern belongs to.
    pub label: usize,
    /// Token range [first, last] of the match.
    pub first: usize,
    pub last: usize,
    pub weight: f64,
}

/// Labelled patterns with an index by first word, so matching costs little per token.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    pub labels: Vec<String>,
    patterns: Vec<(usize, Pattern)>,
    /// Per word of the lexicon (a first word or an anchor word): the patterns that may start
    /// at it and the patterns it anchors (`WordEntry`), so that a token costs one lookup.
    by_word: FastMap<String, WordEntry>,
    /// Patterns whose first element has a prefix, by the prefix's first three bytes: for
    /// words outside `by_word`.
    by_prefix3: FastMap<[u8; 3], Vec<usize>>,
    /// Patterns whose first element has a prefix shorter than three bytes ("20*"): tried everywhere.
    short_prefix: Vec<usize>,
    /// Per pattern: whether it has an element of exact words (`anchor`; else it is tried
    /// wherever it starts).
    anchored: Vec<bool>,
    /// The reference the indexes are tested against: every pattern tried at every token.
    #[cfg(test)]
    try_all: bool,
    /// Keep matches after a negator (topics: "not delivered" is still about delivery).
    pub ignore_negation: bool,
    /// Read `not.X` sections as look-alikes of X (the cue lexicon; a topic or a team's intent
    /// may be named "not.…" as it likes).
    pub look_alikes: bool,
    /// Per label: for a `not.X` section, the index of `X`, whose matches it drops; for a
    /// `plain.X` one, the index of `X`, which it keeps from the learned model only.
    blocks: Vec<Option<usize>>,
    /// Per label: a `plain.X` section, which blocks only the learned model's X.
    model_only: Vec<bool>,
    /// Labels (bit `i` for label `i`) whose look-alike a "but" concedes: the cue lexicon's
    /// our mistake ("not blaming you personally, but your warehouse sent the wrong colour").
    pub conceded_to_you: u64,
    /// Labels whose look-alikes drop only the matches they overlap: the cue lexicon's loss
    /// ("my grandad died last month, now my phone has died too" keeps the grandad's death).
    pub overlapped_only: u64,
}

/// What one lexicon word says about the patterns. Callgrind, `bench-assess` over 2,000
/// threads (2026-12-04): three lookups per token (first words, prefixes, anchors) and a merge
/// of three candidate lists before; one lookup after, the merge only for words outside the
/// lexicon.
#[derive(Debug, Clone, Default)]
struct WordEntry {
    /// The patterns that may start at this word, in definition order: those whose first
    /// element has the word, and those whose first element has a prefix of it.
    starts: Vec<usize>,
    /// The patterns that cannot match a text without this word or another of their anchor's.
    anchors: Vec<usize>,
}

fn push_new(list: &mut Vec<usize>, pi: usize) {
    if list.last() != Some(&pi) {
        list.push(pi);
    }
}

fn key3(s: &str) -> Option<[u8; 3]> {
    s.as_bytes().get(..3).map(|b| [b[0], b[1], b[2]])
}

impl PatternSet {
    pub fn label_index(&mut self, label: &str) -> usize {
        match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                let plain = label.strip_prefix("plain.");
                let blocked = match label.strip_prefix("not.").or(plain) {
                    Some(x) if self.look_alikes => Some(self.label_index(x)),
                    _ => None,
                };
                self.labels.push(label.to_string());
                self.blocks.push(blocked);
                self.model_only.push(blocked.is_some() && plain.is_some());
                self.labels.len() - 1
            }
        }
    }

    pub fn add(&mut self, label: &str, p: Pattern) {
        self.add_one(label, p, true);
    }

    /// `add`; `scan_words: false` leaves the entries of words already known without this
    /// prefix pattern, for `settle_prefix_starts` to add.
    fn add_one(&mut self, label: &str, p: Pattern, scan_words: bool) {
        let li = self.label_index(label);
        let pi = self.patterns.len();
        let firsts: Vec<(String, bool)> = p
            .firsts()
            .map(|(w, prefix)| (w.to_string(), prefix))
            .collect();
        let anchor: Option<Vec<String>> = p
            .anchor()
            .map(|a| a.iter().map(|w| w.to_string()).collect());
        // in the list first: a word's new entry looks up the prefix patterns, this one included
        self.anchored.push(anchor.is_some());
        self.patterns.push((li, p));
        for (x, _) in firsts.iter().filter(|(_, prefix)| *prefix) {
            match key3(x) {
                Some(k) => push_new(self.by_prefix3.entry(k).or_default(), pi),
                None => push_new(&mut self.short_prefix, pi),
            }
            if scan_words {
                for (w, e) in self.by_word.iter_mut() {
                    if w.starts_with(x.as_str()) {
                        push_new(&mut e.starts, pi);
                    }
                }
            }
        }
        for (w, _) in firsts.iter().filter(|(_, prefix)| !*prefix) {
            push_new(&mut self.entry(w).starts, pi);
        }
        for w in anchor.iter().flatten() {
            push_new(&mut self.entry(w).anchors, pi);
        }
    }

    /// `w`'s entry, made with the prefix patterns already known that may start at it.
    fn entry(&mut self, w: &str) -> &mut WordEntry {
        if !self.by_word.contains_key(w) {
            let mut starts = Vec::new();
            self.prefix_candidates(w, &mut starts);
            self.by_word.insert(
                w.to_string(),
                WordEntry {
                    starts,
                    anchors: Vec::new(),
                },
            );
        }
        self.by_word.get_mut(w).expect("just inserted")
    }

    /// The prefix patterns whose first element has a prefix of `w`, in definition order, into
    /// `out` (cleared first).
    fn prefix_candidates(&self, w: &str, out: &mut Vec<usize>) {
        let mut lists = [
            key3(w)
                .and_then(|k| self.by_prefix3.get(&k))
                .map_or(&[][..], |v| &v[..]),
            &self.short_prefix[..],
        ];
        out.clear();
        while let Some(m) = lists.iter().filter_map(|l| l.first()).min().copied() {
            for l in &mut lists {
                if l.first() == Some(&m) {
                    *l = &l[1..];
                }
            }
            let fits = self.patterns[m]
                .1
                .firsts()
                .any(|(x, prefix)| prefix && w.starts_with(x));
            if fits {
                out.push(m);
            }
        }
    }

    /// Reads `[label]` sections of patterns, one per line; `#` starts a comment.
    pub fn parse_sections(&mut self, text: &str, origin: &str) -> Result<(), String> {
        let read = self.read_sections(text, origin);
        // the lines read before an error stay, indexed as `add` would have
        self.settle_prefix_starts();
        read
    }

    /// `parse_sections` without settling the prefix patterns' starts.
    fn read_sections(&mut self, text: &str, origin: &str) -> Result<(), String> {
        let mut label: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(l) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                label = Some(l.to_string());
                continue;
            }
            let l = label
                .as_deref()
                .ok_or_else(|| format!("{origin} line {}: pattern before any [section]", n + 1))?;
            let p = Pattern::parse(line).map_err(|e| format!("{origin} line {}: {e}", n + 1))?;
            self.add_one(l, p, false);
        }
        Ok(())
    }

    /// Gives every word's entry each prefix pattern that may start at it, merged into its
    /// starts in definition order. `parse_sections` adds a file's patterns without scanning
    /// every known word for each prefix pattern and settles once here: the scan was about 3 M
    /// of `new Engine()`'s 25 M instructions (callgrind, session 43).
    fn settle_prefix_starts(&mut self) {
        let mut by_word = std::mem::take(&mut self.by_word);
        let mut found = Vec::new();
        let mut merged = Vec::new();
        for (w, e) in by_word.iter_mut() {
            self.prefix_candidates(w, &mut found);
            if found.iter().all(|pi| e.starts.binary_search(pi).is_ok()) {
                continue;
            }
            // both ascending: a union in order
            merged.clear();
            let (mut a, mut b) = (e.starts.iter().peekable(), found.iter().peekable());
            while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
                merged.push(x.min(y));
                if x <= y {
                    a.next();
                }
                if y <= x {
                    b.next();
                }
            }
            merged.extend(a.chain(b));
            std::mem::swap(&mut e.starts, &mut merged);
        }
        self.by_word = by_word;
    }

    /// The same set with every pattern tried at every token (the reference the word index
    /// and the anchored matching are tested against).
    #[cfg(test)]
    pub(crate) fn without_indexes(&self) -> Self {
        let mut s = self.clone();
        s.anchored.iter_mut().for_each(|a| *a = false);
        s.try_all = true;
        s
    }

    /// All matches, negated ones dropped, overlapping matches of one label kept once; the
    /// labels a look-alike said outright dropped (`not.X`), and the look-alikes themselves.
    pub fn find(&self, toks: &[Token]) -> Vec<Hit> {
        self.find_with_look_alikes(toks).0
    }

    /// `find`; the labels a look-alike or a plain request kept from the learned model, as a
    /// mask (bit `i` for label `i`, labels past 63 never); and of those, the ones a look-alike
    /// said outright (`not.X`) dropped.
    pub fn find_with_look_alikes(&self, toks: &[Token]) -> (Vec<Hit>, u64, u64) {
        let mut hits: Vec<Hit> = Vec::new();
        // a team with no intent patterns of its own: no word to look up
        if self.patterns.is_empty() {
            return (hits, 0, 0);
        }
        let mut fallback: Vec<usize> = Vec::new();
        // Matches are found left to right, so a new one overlaps an earlier one of its label
        // exactly when it starts before that label's furthest match end.
        let mut reach: Vec<Option<usize>> = vec![None; self.labels.len()];
        // each token's entry, looked up once; the patterns whose anchor words occur in the text
        let entries: Vec<Option<&WordEntry>> = toks
            .iter()
            .map(|t| self.by_word.get(t.text.as_str()))
            .collect();
        let mut possible = vec![false; self.patterns.len()];
        for e in entries.iter().flatten() {
            for &pi in &e.anchors {
                possible[pi] = true;
            }
        }
        for i in 0..toks.len() {
            // definition order is priority: the lexicon lists the most specific patterns first.
            // A lexicon word's list is in that order (`add`); for another word the prefix
            // patterns are merged, not sorted (a sort instance cost the .wasm 1 KB gzipped)
            let cand: &[usize] = match entries[i] {
                Some(e) => &e.starts,
                // with no short prefixes (the built-in lexicons have none) the prefix patterns of
                // the word's first three bytes, unmerged; `match_at` tries their prefixes
                None if self.short_prefix.is_empty() => key3(&toks[i].text)
                    .and_then(|k| self.by_prefix3.get(&k))
                    .map_or(&[][..], |v| &v[..]),
                None => {
                    self.prefix_candidates(&toks[i].text, &mut fallback);
                    &fallback
                }
            };
            #[cfg(test)]
            let every: Vec<usize> = (0..self.patterns.len()).collect();
            #[cfg(test)]
            let cand = if self.try_all { &every[..] } else { cand };
            if cand.is_empty() {
                continue;
            }
            for &pi in cand {
                let (label, p) = &self.patterns[pi];
                if self.anchored[pi] && !possible[pi] || reach[*label].is_some_and(|r| i <= r) {
                    continue;
                }
                let Some(last) = p.match_at(toks, i) else {
                    continue;
                };
                // two words back: "not charged twice", "didn't get charged"; a negator further
                // back belongs to another clause ("if this isn't fixed I'll take my business…")
                if !self.ignore_negation
                    && (i.saturating_sub(2)..i).any(|k| {
                        is_negator(&toks[k].text) && !toks[k + 1..=i].iter().any(|t| t.after_stop)
                    })
                {
                    continue;
                }
                reach[*label] = Some(last);
                hits.push(Hit {
                    label: *label,
                    first: i,
                    last,
                    weight: p.weight,
                });
            }
        }
        // look-alikes said outright drop the label they are look-alikes of, and go themselves:
        // the learned model was not trained on them (a mask and a loop, not `retain`: new
        // instances of generics are what cost the .wasm most). In the whole message, not only
        // their sentence: scoped to the sentence (split at ! ? . and line breaks), train lost
        // 5 rows and dev 1 and neither gained one ("my bad" and "NOT THE WHOLE THING" speak
        // for the message), though the blind check set gained 2 (`check-set`; 2026-12-02)
        // A look-alike conceded ("not blaming you personally, but your company charged me
        // twice"): in a label of `conceded_to_you`, a match after the look-alike's "but", in
        // that sentence, with "your" or "you" at it or in the four words before it, says whose
        // failure it is and stays. Anything else after the "but" goes as before: customers
        // concede to bring up someone else's failure ("not your fault, but my bank charged me
        // twice"; helper-137's 88 probes, session 54: the "but" alone made 28 false fires in
        // 36 such messages, this rule none; of 21 of ours the "but" alone caught 16, this 11).
        let (mut blocked, mut dropped) = (0u64, 0u64);
        // per label dropped: where its look-alike was conceded (usize::MAX: not conceded)
        let mut conceded: Vec<usize> = Vec::new();
        for h in &hits {
            if let Some(b) = self.blocks[h.label] {
                let bit = 1u64.checked_shl(b as u32).unwrap_or(0);
                blocked |= bit;
                if !self.model_only[h.label] {
                    dropped |= bit;
                    if conceded.is_empty() {
                        conceded = vec![0; self.labels.len()];
                    }
                    let at = (self.conceded_to_you & bit != 0)
                        .then(|| conceded_at(toks, h.last))
                        .flatten()
                        .unwrap_or(usize::MAX);
                    conceded[b] = conceded[b].max(at);
                }
            }
        }
        if blocked != 0 {
            // a match clear of every look-alike of its label, where those drop only what they
            // overlap (read before the loop below moves the matches)
            let clear: Vec<bool> = if dropped & self.overlapped_only != 0 {
                hits.iter()
                    .map(|h| {
                        !hits.iter().any(|l| {
                            self.blocks[l.label] == Some(h.label)
                                && !self.model_only[l.label]
                                && l.first <= h.last
                                && h.first <= l.last
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let (mut kept, mut stayed) = (0, 0u64);
            for i in 0..hits.len() {
                let h = hits[i];
                let bit = 1u64.checked_shl(h.label as u32).unwrap_or(0);
                let stays = self.blocks[h.label].is_none()
                    && (dropped & bit == 0
                        || self.overlapped_only & bit != 0 && clear[i]
                        || conceded[h.label] <= h.first
                            && !toks[conceded[h.label]..=h.first]
                                .iter()
                                .any(|t| t.after_stop)
                            && told_of_you(toks, &h, conceded[h.label]));
                if stays {
                    stayed |= bit;
                    hits[kept] = h;
                    kept += 1;
                }
            }
            hits.truncate(kept);
            // what stayed speaks for its message: the thread keeps the cue; a look-alike that
            // drops only what it overlaps speaks for no other message ("my dad died last week"
            // stays beside a later "and now my phone has died")
            dropped &= !stayed & !self.overlapped_only;
        }
        (hits, blocked, dropped)
    }
}

/// Where a look-alike ending at token `last` is conceded: a "but" or "however" within eight
/// words after it in its sentence ("though" and "except" were tried: "not your fault though,
/// my bank double charged me"); the token after it.
fn conceded_at(toks: &[Token], last: usize) -> Option<usize> {
    toks.iter()
        .enumerate()
        .skip(last + 1)
        .take(8)
        .take_while(|(_, t)| !t.after_stop)
        .find(|(_, t)| matches!(t.text.as_str(), "but" | "however"))
        .map(|(i, _)| i + 1)
}

/// Whether match `h` names the one written to as its doer: "your" or "you" at it or in the
/// four words before it (from token `from` on).
fn told_of_you(toks: &[Token], h: &Hit, from: usize) -> bool {
    (h.first.saturating_sub(4).max(from)..=h.last).any(|k| is_you(toks, k))
}

/// Whether token `k` names the one written to as the doer: "your", "you've", or "you" not
/// asked or thanked ("can you", "paid you", "thank you").
fn is_you(toks: &[Token], k: usize) -> bool {
    match toks[k].text.as_str() {
        "your" | "ur" | "yours" | "you've" | "youve" | "you're" | "youre" | "yourselves" => true,
        "you" | "u" => {
            k == 0
                || !matches!(
                    toks[k - 1].text.as_str(),
                    "can"
                        | "could"
                        | "would"
                        | "will"
                        | "do"
                        | "did"
                        | "to"
                        | "paid"
                        | "pay"
                        | "tell"
                        | "told"
                        | "ask"
                        | "asked"
                        | "thank"
                        | "help"
                        | "if"
                        | "when"
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn set(src: &str) -> PatternSet {
        let mut s = PatternSet {
            look_alikes: true,
            ..Default::default()
        };
        s.parse_sections(src, "test").unwrap();
        s
    }

    #[test]
    fn words_gaps_prefixes_and_alternatives() {
        let s = set("[m]\ncharg* ~3 twice|double\n");
        assert_eq!(s.find(&tokenize("You charged me twice")).len(), 1);
        assert_eq!(
            s.find(&tokenize("I was charged for my order twice")).len(),
            1
        );
        assert_eq!(
            s.find(&tokenize("charged a, b, c, d, twice")).len(),
            0,
            "gap too long"
        );
        assert_eq!(s.find(&tokenize("twice charged")).len(), 0, "order matters");
    }

    #[test]
    fn phrases_inside_alternatives() {
        let s = set("[r]\nrefund*|money_back ~2 please\n");
        assert_eq!(s.find(&tokenize("money back please")).len(), 1);
        assert_eq!(s.find(&tokenize("refund please")).len(), 1);
        assert_eq!(s.find(&tokenize("money please")).len(), 0);
        let h = s.find(&tokenize("I want my money back now please"));
        assert_eq!((h[0].first, h[0].last), (3, 6));
    }

    #[test]
    fn a_word_that_may_not_follow_a_match() {
        let s = set("[d]\nend ~1 my_life !insurance|assurance|cover\n");
        assert_eq!(
            s.find(&tokenize("I want to end my life")).len(),
            1,
            "at the end"
        );
        assert_eq!(s.find(&tokenize("to end my life tonight")).len(), 1);
        assert_eq!(s.find(&tokenize("end my life insurance please")).len(), 0);
        assert_eq!(s.find(&tokenize("to end all my life cover")).len(), 0);
        // another way through the gap still matches
        assert_eq!(
            s.find(&tokenize("end my life insurance, end my life"))
                .len(),
            1
        );
        for bad in [
            "!insurance end my_life",
            "end ~2 !insurance",
            "end !a !b",
            "end !a b",
        ] {
            assert!(Pattern::parse(bad).is_err(), "{bad}");
        }
        assert!(Pattern::parse("end my_life !insurance @1.8").is_ok());
    }

    #[test]
    fn a_negator_does_not_reach_across_a_sentence_end() {
        let s = set("[d]\nsuicidal\ncharged ~1 twice\n");
        for (text, hits) in [
            ("I'm not suicidal, just angry", 0),
            ("Honestly? Not great. Suicidal most days", 1),
            ("not great!\nsuicidal most days", 1),
            ("I was never charged twice", 0),
            ("No. I was charged twice", 1),
            ("Not me? Charged twice", 1),
        ] {
            assert_eq!(s.find(&tokenize(text)).len(), hits, "{text}");
        }
    }

    #[test]
    fn a_greek_final_sigma_is_one_letter_with_sigma() {
        // lower-cased alone, "ΣΑΣ" ends in ς; in "ΣΑΣΑ" it is σ: both sides fold ς to σ
        let s = set("[m]\nΣΑΣ*\nλάθος ~1 χρέωση\n");
        for (text, hits) in [
            ("ΣΑΣΑ", 1),
            ("σασα", 1),
            ("σας", 1),
            ("ΣΑΣ", 1),
            ("ΛΆΘΟΣ ΧΡΈΩΣΗ", 1),
            ("λάθος χρέωση", 1),
            ("σα", 0),
        ] {
            assert_eq!(s.find(&tokenize(text)).len(), hits, "{text}");
        }
    }

    #[test]
    fn words_with_marks_match_themselves() {
        let s = set("[m]\nक्या ~1 ग़लत\nไม่ ~1 ได้รับ\ncafe\u{301}\nnaive\n");
        for text in [
            "क्या ग़लत सामान आया",
            "ของ ไม่ ได้รับ",
            "un cafe\u{301} froid",
            "un cafe froid",
            "so nai\u{308}ve",
        ] {
            assert_eq!(s.find(&tokenize(text)).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_word_is_spelled_as_a_texts_words_are() {
        let s = set("[m]\nİstanbul\nÉCHEC* ~2 REMBOURSÉ\nDON’T ~1 work*\n");
        for text in [
            "İstanbul",
            "istanbul",
            "échecs remboursé",
            "ÉCHEC REMBOURSÉ",
            "don't work",
        ] {
            assert_eq!(s.find(&tokenize(text)).len(), 1, "{text}");
        }
        // what no text's word could be is refused, with the word named
        // (ASCII too: "10/10", "self-harm" and "colou*r" were builtin words that never matched)
        for bad in [
            "😡",
            "NO.WAY",
            "Ça*va",
            "a*b",
            "*a",
            "...",
            "10/10",
            "self-harm",
        ] {
            let e = PatternSet::default()
                .parse_sections(&format!("[m]\n{bad}\n"), "lex")
                .unwrap_err();
            assert!(
                e.contains(&format!("\"{bad}\": not one word of letters")),
                "{e}"
            );
        }
    }

    #[test]
    fn negation_before_a_match_drops_it() {
        let s = set("[m]\ncharg* ~3 twice\n");
        assert!(s
            .find(&tokenize("I was not charged twice, all good"))
            .is_empty());
    }

    #[test]
    fn a_conceded_look_alike_keeps_what_is_told_of_you_after_its_but() {
        let mut s = set("[mistake]\ncharg* ~3 twice\nlate\n[not.mistake]\nnot_your_fault\n");
        let mistake = s.labels.iter().position(|l| l == "mistake").unwrap();
        let told = "not your fault, but you charged me twice";
        assert!(
            s.find(&tokenize(told)).is_empty(),
            "only for the labels named"
        );
        s.conceded_to_you = 1 << mistake;
        let hits = |t: &str| s.find_with_look_alikes(&tokenize(t));
        let found = |t: &str| hits(t).0.iter().filter(|h| h.label == mistake).count();
        assert_eq!(found("the courier was late, not your fault"), 0);
        let (h, blocked, dropped) = hits(told);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(
            blocked,
            1 << mistake,
            "the learned model stays out of that message"
        );
        assert_eq!(dropped, 0, "what stayed speaks for the thread");
        assert_eq!(
            found("the courier was late, not your fault, but your site charged me twice"),
            1,
            "'late' before the but goes, the charge told of you after it stays"
        );
        assert_eq!(
            found("not your fault i know however you charged me twice"),
            1
        );
        // each match after the "but" on its own: one told of you does not carry the next
        assert_eq!(
            found("not your fault, but you charged me twice. my bank charged twice too"),
            1
        );
        // someone else's failure after the "but" goes, and speaks for the thread
        let (h, _, dropped) = hits("not your fault, but my bank charged me twice");
        assert!(h.is_empty(), "{h:?}");
        assert_eq!(dropped, 1 << mistake);
        assert_eq!(found("not your fault, but can you check: charged twice"), 0);
        // "though", a later sentence, or a "but" nine words on concede nothing
        assert_eq!(found("not your fault though, you charged me twice"), 0);
        assert_eq!(found("not your fault. But you charged me twice"), 0);
        assert_eq!(found("not your fault, but fine. You charged me twice"), 0);
        assert_eq!(
            found("not your fault and one two three four five six seven but you charged twice"),
            0
        );
    }

    #[test]
    fn a_look_alike_of_a_label_named_overlapped_only_drops_only_what_it_overlaps() {
        let mut s = set("[loss]\ngrandad ~4 died\ndied\n[not.loss]\nphone ~2 died\n");
        let loss = s.labels.iter().position(|l| l == "loss").unwrap();
        let told = "my grandad died last month and now my phone has died too";
        let found = |s: &PatternSet, t: &str| {
            let (h, _, dropped) = s.find_with_look_alikes(&tokenize(t));
            (h.iter().filter(|h| h.label == loss).count(), dropped)
        };
        assert_eq!(
            found(&s, told),
            (0, 1 << loss),
            "elsewhere the whole message's"
        );
        s.overlapped_only = 1 << loss;
        assert_eq!(found(&s, told), (1, 0), "the grandad's death stays");
        // the look-alike's own words: "grandad said the phone died" is one match, overlapped;
        // and none speaks for the thread's other messages
        for alone in [
            "my phone has died, can you replace it",
            "my grandad said my phone died",
        ] {
            assert_eq!(found(&s, alone), (0, 0), "{alone}");
        }
        let (_, blocked, _) = s.find_with_look_alikes(&tokenize("my phone has died"));
        assert_eq!(
            blocked,
            1 << loss,
            "the learned model stays out of its own message"
        );
    }

    #[test]
    fn a_look_alike_said_outright_drops_its_label() {
        let s =
            set("[churn]\ncancel* ~3 membership\n[not.churn]\nnot cancelling ~2 just ~1 asking\n");
        let churn = s.labels.iter().position(|l| l == "churn").unwrap();
        let has = |t: &str| s.find(&tokenize(t)).iter().any(|h| h.label == churn);
        assert!(has("please cancel my membership"));
        assert!(!has(
            "not cancelling, just asking: if I cancel my membership is there a fee?"
        ));
        assert!(
            has("I'm not cancelling yet. Asking you to cancel my membership."),
            "a look-alike is its whole phrase"
        );
        let (h, blocked, dropped) = s.find_with_look_alikes(&tokenize(
            "not cancelling, just asking: cancel my membership?",
        ));
        assert_eq!(blocked, dropped);
        assert!(h.is_empty(), "the look-alike goes too: {h:?}");
        assert_eq!(dropped, 1 << churn);
        let not = s.labels.iter().position(|l| l == "not.churn").unwrap();
        assert_eq!(s.blocks[not], Some(churn));
        // only where asked: elsewhere "not.churn" is a label like any other
        let mut plain = PatternSet::default();
        plain
            .parse_sections("[churn]\ncancel*\n[not.churn]\njust asking\n", "t")
            .unwrap();
        assert_eq!(plain.find(&tokenize("just asking: cancel it")).len(), 2);
    }

    #[test]
    fn a_plain_request_blocks_only_the_models_reading() {
        let s = set("[mistake]\ncharg* ~3 twice\n[plain.mistake]\ncopy ~1 of ~2 invoice\n");
        let m = s.labels.iter().position(|l| l == "mistake").unwrap();
        let (h, blocked, dropped) =
            s.find_with_look_alikes(&tokenize("a copy of the invoice, you charged us twice"));
        assert_eq!(h.len(), 1, "the mistake said beside it stays: {h:?}");
        assert_eq!(h[0].label, m);
        assert_eq!(
            (blocked, dropped),
            (1 << m, 0),
            "and the model may not add its own"
        );
        let (h, blocked, _) = s.find_with_look_alikes(&tokenize("a copy of the invoice please"));
        assert!(h.is_empty(), "the plain request is no hit itself: {h:?}");
        assert_eq!(blocked, 1 << m);
    }

    /// The indexed search finds on each text what trying every pattern at every word finds.
    fn finds_as_trying_every_pattern(s: &PatternSet, texts: &[&str]) {
        let plain = s.without_indexes();
        for text in texts {
            let toks = tokenize(text);
            assert_eq!(
                s.find_with_look_alikes(&toks),
                plain.find_with_look_alikes(&toks),
                "{text}"
            );
        }
    }

    #[test]
    fn short_prefixes_and_words_added_after_a_prefix_are_indexed() {
        // a prefix under three bytes is tried at every word, and a word whose entry is made
        // after a prefix pattern that fits it still starts that pattern
        let s = set("[n]\n2* ~1 items\nrefund* ~2 please\n[m]\nrefunded ~1 twice\n");
        finds_as_trying_every_pattern(
            &s,
            &[
                "20 items please",
                "2 items",
                "refunded twice please",
                "refunding please",
                "x items",
            ],
        );
        assert_eq!(s.find(&tokenize("20 items")).len(), 1);
        assert_eq!(s.find(&tokenize("refunded twice please")).len(), 2);
    }

    #[test]
    fn reading_a_file_indexes_as_adding_its_patterns_one_by_one() {
        // `parse_sections` settles the prefix patterns' starts once at the end; `add` scans
        // every known word for each: the same entries, in the same order, for the shipped
        // lexicons and for a word known before the prefix pattern that fits it
        let files = [
            crate::text::BUILTIN_CUES,
            crate::text::BUILTIN_TOPICS,
            crate::text::BUILTIN_SITUATIONS,
            "[m]\nrefunded ~1 twice\n[n]\nrefund* ~2 please\nrefunded again\n2* ~1 x\n",
        ];
        for file in files {
            let read = set(file);
            let mut one_by_one = PatternSet {
                look_alikes: true,
                ..Default::default()
            };
            let mut label = String::new();
            for line in file.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if let Some(l) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    label = l.to_string();
                } else if !line.is_empty() {
                    one_by_one.add(&label, Pattern::parse(line).unwrap());
                }
            }
            assert_eq!(read.by_word.len(), one_by_one.by_word.len());
            for (w, e) in &one_by_one.by_word {
                let r = &read.by_word[w];
                assert_eq!((&r.starts, &r.anchors), (&e.starts, &e.anchors), "{w}");
            }
        }
        let s = set("[m]\nrefunded ~1 twice\n[n]\nrefund* ~2 please\n");
        assert_eq!(s.find(&tokenize("refunded, please")).len(), 1);
    }

    #[test]
    fn a_first_element_of_phrases_is_anchored_by_a_later_word() {
        let p = |src: &str| Pattern::parse(src).unwrap();
        // each alternative a phrase: a text needs one of their longest later words
        assert_eq!(
            p("i'm_suicidal|feeling_suicidal|so_very_low").anchor(),
            Some(vec!["suicidal", "very"])
        );
        // a one-word alternative can start a match alone: that element anchors nothing
        assert_eq!(p("hospice|intensive_care").anchor(), None);
        // as few words ("the", "hospice"): the longer word wins
        assert_eq!(
            p("in_the|on_the|at_the ~2 hospice").anchor(),
            Some(vec!["hospice"])
        );
        let s = set("[x]\ni'm_suicidal|feeling_suicidal\n");
        finds_as_trying_every_pattern(
            &s,
            &["i'm suicidal", "feeling fine, so suicidal", "i'm fine"],
        );
        assert_eq!(s.find(&tokenize("honestly i'm suicidal")).len(), 1);
    }

    #[test]
    fn errors_name_the_line() {
        let mut s = PatternSet::default();
        let e = s.parse_sections("[m]\nok\nbad ~x\n", "lex").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
    }
}
