//! Whether an earlier ticket was about the same problem as this one, beyond the coarse topics of
//! `data/topics.txt` (which know deliveries and bills, not broadband drops, claims or data
//! exports): the two share a reference (an order, booking or claim number), or the earlier
//! subject's content words are mostly in this ticket's subject and first message ("Broadband
//! dropping in the evenings" then "Broadband still dropping at night").

use super::tokens::{tokenize, Token};

/// Words that say nothing of the problem.
const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "another",
    "been",
    "before",
    "cannot",
    "could",
    "dear",
    "does",
    "doesn",
    "don't",
    "from",
    "have",
    "hello",
    "help",
    "here",
    "just",
    "know",
    "last",
    "like",
    "need",
    "please",
    "question",
    "regarding",
    "since",
    "still",
    "thank",
    "thanks",
    "that",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "update",
    "what",
    "when",
    "where",
    "which",
    "with",
    "would",
    "your",
    "yours",
    "issue",
    "problem",
    "request",
    "ticket",
];

/// The most references later messages of a thread add (a chat names a handful).
const LATER_REFERENCES: usize = 32;

/// A reference: a word with a digit, at least five characters long ("39877", "fa88213").
fn is_reference(w: &str) -> bool {
    w.chars().count() >= 5 && w.chars().any(|c| c.is_ascii_digit())
}

/// A content word, compared by its first four characters ("dropping" and "drops" meet).
fn stem(w: &str) -> Option<String> {
    stem_len(w).map(|n| w[..n].to_string())
}

/// The byte length of `w`'s stem, if it is a content word.
fn stem_len(w: &str) -> Option<usize> {
    let mut ends = w.char_indices().map(|(i, c)| i + c.len_utf8());
    let four = ends.nth(3)?;
    if STOP.contains(&w) || w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(four)
}

/// `now`: this ticket's subject and first message; `before`: an earlier ticket's subject. True when they share a reference, or when at least two of the earlier subject's
/// content words, and at least half of them, are in `now`.
pub fn same_problem(now: &str, before: &str) -> bool {
    SameProblem::new(now).matches(before)
}

/// `same_problem` with this ticket's words read once, for comparing it with each of a
/// customer's earlier tickets (thousands, for a large account).
pub struct SameProblem {
    words: Vec<String>,
    /// How many of `words` later messages added (`add_references`).
    later: usize,
    stems: Vec<String>,
    /// How many of `stems` (the first ones) are the subject's.
    subject_stems: usize,
}

/// What `SameProblem` reads of an earlier subject, read once and kept on its record (a large
/// account's assessments compare thousands of them, and tokenizing each subject on every call
/// was most of that work): its references, then a tab, then its distinct stems, each ended by a
/// space (tokens are letters, digits and apostrophes, never spaces or tabs). One allocation per
/// subject, none for a subject with neither.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier(Box<str>);

impl Earlier {
    pub fn of(before: &str) -> Earlier {
        let mut s = String::new();
        let words: Vec<String> = tokenize(before).into_iter().map(|t| t.text).collect();
        for w in words.iter().filter(|w| is_reference(w)) {
            s.push_str(w);
            s.push(' ');
        }
        s.push('\t');
        // a subject has a handful of words: a linear de-duplication, no sort to ship
        let mut stems: Vec<String> = Vec::new();
        for st in words.iter().filter_map(|w| stem(w)) {
            if !stems.contains(&st) {
                s.push_str(&st);
                s.push(' ');
                stems.push(st);
            }
        }
        Earlier(if s.len() == 1 {
            Box::default()
        } else {
            s.into()
        })
    }

    fn refs(&self) -> impl Iterator<Item = &str> {
        let (refs, _) = self.0.split_once('\t').unwrap_or(("", ""));
        refs.split_terminator(' ')
    }

    fn stems(&self) -> impl Iterator<Item = &str> {
        let (_, stems) = self.0.split_once('\t').unwrap_or(("", ""));
        stems.split_terminator(' ')
    }
}

impl SameProblem {
    pub fn new(now: &str) -> SameProblem {
        Self::of_tokens(tokenize(now), 0)
    }

    /// `new` of a text already tokenized (the engine tokenizes a ticket's subject and first
    /// message once, for its topics and for this). Only the words that can be references
    /// are kept whole (an earlier reference can only equal one of them), the others cut
    /// to their stems in place: no string is allocated per word. The first `subject_words`
    /// tokens are the subject's.
    pub fn of_tokens(tokens: Vec<Token>, subject_words: usize) -> SameProblem {
        let (mut words, mut stems, mut subject_stems) = (Vec::new(), Vec::new(), 0);
        for (i, t) in tokens.into_iter().enumerate() {
            let w = t.text;
            if is_reference(&w) {
                if let Some(s) = stem(&w) {
                    stems.push(s);
                }
                words.push(w);
            } else if let Some(cut) = stem_len(&w) {
                let mut w = w;
                w.truncate(cut);
                stems.push(w);
            }
            if i < subject_words {
                subject_stems = stems.len();
            }
        }
        SameProblem {
            words,
            later: 0,
            stems,
            subject_stems,
        }
    }

    /// Adds the references among `text`'s words (a later message of the thread), as
    /// `tokenize` would give them, for the ASCII ones (an order or booking number): a run of
    /// ASCII letters and digits with no other byte of a non-ASCII character beside it (which
    /// may be a letter of the same word; "QK7P2M—" is skipped with the dash). A scan of bytes,
    /// not `tokenize`: a string is made only for a reference (`bench-assess` under callgrind,
    /// 2026-12-06: 35.8 M instructions with `tokenize`, 3% of the whole; 14.4 M with a split
    /// by chars). At most `LATER_REFERENCES` of them, over all later messages, and not
    /// de-duplicated: a hostile thread of 200,000-character messages full of number-like
    /// words had each compared with every one before it.
    pub fn add_references(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() && self.later < LATER_REFERENCES {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let run = &text[start..i];
            let alone = (start == 0 || b[start - 1] < 0x80) && b.get(i).is_none_or(|&c| c < 0x80);
            if alone && is_reference(run) {
                self.words.push(run.to_ascii_lowercase());
                self.later += 1;
            }
        }
    }

    pub fn matches(&self, before: &str) -> bool {
        self.matches_earlier(&Earlier::of(before))
    }

    /// How many of an earlier text's distinct stems there are, and how many of them are in
    /// this text; `None` when one of its references is here.
    fn share(&self, before: &Earlier) -> Option<(usize, usize)> {
        if before.refs().any(|r| self.words.iter().any(|w| w == r)) {
            return None;
        }
        let (mut distinct, mut shared) = (0, 0);
        for s in before.stems() {
            distinct += 1;
            shared += self.stems.iter().any(|x| x == s) as usize;
        }
        Some((distinct, shared))
    }

    /// Whether this text names a thing (an order's reference or one of its items): the
    /// reference, or at least half of the item's words ("my espresso machine", "the machine"
    /// for "Espresso machine"; not "cancel my add-on plan" for "Enterprise plan annual").
    pub fn names(&self, thing: &str) -> bool {
        self.share(&Earlier::of(thing))
            .is_none_or(|(distinct, shared)| shared >= 1 && 2 * shared >= distinct)
    }

    /// `matches` on an earlier subject already read (`Earlier::of`).
    pub fn matches_earlier(&self, before: &Earlier) -> bool {
        let Some((distinct, shared)) = self.share(before) else {
            return true;
        };
        if shared >= 2 && 2 * shared >= distinct {
            return true;
        }
        // or most of this subject's words are in the earlier one: an earlier subject that
        // also told what was done ("Boiler cutting out – diverter valve replaced on second
        // visit") then "Boiler cutting out again". `evaluate` (2026-12-04): train must-cite
        // 91.5 -> 91.6% (that scenario's repeat_topic), nothing else on train, dev or the blind
        // sets moved; .wasm +0.17 KB gzipped
        let subject = &self.stems[..self.subject_stems];
        let (mut distinct, mut shared) = (0, 0);
        for (i, s) in subject.iter().enumerate() {
            if !subject[..i].contains(s) {
                distinct += 1;
                shared += before.stems().any(|b| b == s) as usize;
            }
        }
        shared >= 2 && 2 * shared >= distinct
    }
}

#[cfg(test)]
mod tests {
    use super::{is_reference, same_problem, tokenize, SameProblem, LATER_REFERENCES};

    #[test]
    fn a_shared_reference_is_the_same_problem() {
        assert!(same_problem(
            "Claim CL-448213 — update? Where does my fence claim stand?",
            "Claim CL-448213 — status?"
        ));
        // a year or an amount is not a reference
        assert!(!same_problem(
            "Invoice for 2026 please",
            "Broken kettle 2026"
        ));
    }

    #[test]
    fn most_of_the_earlier_subject_in_the_new_words() {
        assert!(same_problem(
            "Broadband dropping in the evenings. My broadband keeps dropping every evening.",
            "Broadband still dropping at night"
        ));
        assert!(same_problem(
            "Save file gone after patch",
            "Save file missing after patch 3.2"
        ));
        // one shared word is not enough, nor a small share of a long subject
        assert!(!same_problem(
            "Broadband price for next year",
            "Broadband installation appointment missed by engineer"
        ));
        assert!(!same_problem("Where is my parcel?", ""));
    }

    #[test]
    fn most_of_this_subject_in_a_longer_earlier_one() {
        use super::{tokenize, SameProblem};
        let now = |subject: &str, text: &str| {
            let mut t = tokenize(subject);
            let n = t.len();
            t.extend(tokenize(text));
            SameProblem::of_tokens(t, n)
        };
        let earlier = "Boiler cutting out – diverter valve replaced on second visit";
        let again = now(
            "Boiler cutting out again",
            "It's cutting out again, third call.",
        );
        assert!(again.matches(earlier));
        // without the subject known, the earlier subject's own words decide: 2 of 7
        assert!(!SameProblem::new("Boiler cutting out again").matches(earlier));
        // one shared word of this subject is not enough
        assert!(!now("Boiler service booking", "Can I book the annual service?").matches(earlier));
    }

    #[test]
    fn later_messages_add_a_bounded_number_of_references() {
        let mut p = SameProblem::new("");
        let many: String = (10_000..20_000).map(|n| format!("AB{n} ")).collect();
        p.add_references(&many);
        p.add_references("and QK7P2M");
        assert_eq!(p.words.len(), LATER_REFERENCES);
        assert_eq!(p.words[0], "ab10000");
    }

    proptest::proptest! {
        // the scan of a later message keeps the references `tokenize` finds in ASCII text
        #[test]
        fn a_later_message_adds_the_references_tokenize_finds(
            text in "[a-zA-Z0-9 ,.#:/-]{0,40}",
        ) {
            let mut scanned = SameProblem::new("");
            scanned.add_references(&text);
            let tokenized: Vec<String> = tokenize(&text)
                .into_iter()
                .filter(|t| is_reference(&t.text))
                .map(|t| t.text)
                .take(LATER_REFERENCES)
                .collect();
            proptest::prop_assert_eq!(scanned.words, tokenized);
        }
    }
}
