//! One phrase pattern (the language is described in `patterns.rs`): parsed, and matched from a
//! token. A pattern keeps its words end to end in one string and its atoms, alternatives and
//! elements in three flat lists of ranges: about five allocations per pattern where a string
//! per word and a list per alternative took thirteen (10,491 words in the built-in lexicons).
//! Callgrind, `profile 0 full` (building the analyzer, 2026-12-05): the three lexicons'
//! `parse_sections` 19.5 M → 16.4 M instructions (a string per word and a list per alternative
//! before; 24.0 M before lower-case ASCII words were copied as they are).

use crate::text::tokens::Token;

/// A word of the pattern, or the start of one (`refund*`): bytes `start..end` of its `text`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Atom {
    start: u32,
    end: u32,
    pub(super) prefix: bool,
}

/// Items `start..end` of one of the pattern's lists: an alternative is a span of atoms (one
/// word, or several in a row: `money_back`), an element a span of alternatives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

#[derive(Debug, Clone, PartialEq)]
struct Element {
    /// Its alternatives, in `alts`.
    alts: Span,
    /// Words allowed between the previous element and this one.
    gap: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Every atom's letters, end to end.
    text: String,
    atoms: Vec<Atom>,
    /// Each alternative's atoms.
    alts: Vec<Span>,
    elements: Vec<Element>,
    /// A final `!a|b` element (alternatives in `alts`, empty when none): the match holds only if
    /// the word right after it is none of these ("end my life", not "end my life insurance").
    not_followed_by: Span,
    pub weight: f64,
    /// More than the farthest token a match's elements after the first can start at, counted
    /// from its first token: the width of `match_at`'s table of failed tries.
    reach: usize,
}

/// One try of a pattern at token `i` of `toks`.
struct Attempt<'a> {
    toks: &'a [Token],
    i: usize,
    /// Bit (k - 1) * `reach` + (pos - i): elements `k..` cannot match from token `pos`.
    failed: &'a mut [u64],
}

impl Pattern {
    pub fn parse(src: &str) -> Result<Pattern, String> {
        let mut p = Pattern {
            text: String::with_capacity(src.len()),
            atoms: Vec::new(),
            alts: Vec::new(),
            elements: Vec::new(),
            not_followed_by: Span { start: 0, end: 0 },
            weight: 1.0,
            reach: 0,
        };
        let mut gap = 0usize;
        for part in src.split_whitespace() {
            if p.not_followed_by.end > p.not_followed_by.start && !part.starts_with('@') {
                return Err(format!("\"{src}\": a !word element comes last"));
            }
            if let Some(n) = part.strip_prefix('~') {
                gap = n.parse().map_err(|_| {
                    format!("\"{part}\": a gap is ~ and a number of words, like ~3")
                })?;
                if gap > 8 {
                    return Err(format!("\"{part}\": gaps are at most ~8 words"));
                }
                continue;
            }
            if let Some(w) = part.strip_prefix('@') {
                p.weight = crate::decimal::parse_f64(w)
                    .ok_or_else(|| format!("\"{part}\": a weight is @ and a number, like @0.5"))?;
                if !(0.0..=10.0).contains(&p.weight) {
                    return Err(format!("\"{part}\": weights are between 0 and 10"));
                }
                continue;
            }
            let (part, negated) = match part.strip_prefix('!') {
                Some(rest) if !p.elements.is_empty() && gap == 0 => (rest, true),
                Some(_) => {
                    return Err(format!(
                        "\"{part}\": a !word element follows a word, with no gap before it"
                    ))
                }
                None => (part, false),
            };
            let first_alt = p.alts.len() as u32;
            let mut longest = 0;
            for a in part.split('|') {
                let first_atom = p.atoms.len() as u32;
                for w in a.split('_') {
                    let start = p.text.len();
                    // a word of lower-case ASCII letters, digits and apostrophes (nearly all)
                    // is copied as it is; any other goes by the tokenizer ("a*b", "10/10" and
                    // "self-harm" are two words to it, and once matched nothing, silently)
                    let last = w.len().wrapping_sub(1);
                    if w.bytes().enumerate().all(|(i, b)| {
                        b.is_ascii_lowercase()
                            || b.is_ascii_digit()
                            || b == b'\''
                            || (b == b'*' && i == last)
                    }) {
                        p.text.push_str(w);
                    } else {
                        // spelled as a text's words are (`tokenize`: lower case, σ for a final
                        // ς, no combining accent, one apostrophe), and one word, or it could
                        // never match: "😡", "a.b"
                        let bare = w.strip_suffix('*').unwrap_or(w);
                        match crate::text::tokens::tokenize(bare).as_slice() {
                            [t] if t.start == 0 && t.end == bare.len() => p.text.push_str(&t.text),
                            [] if bare.is_empty() => {}
                            _ => {
                                return Err(format!(
                                    "\"{w}\": not one word of letters, digits and marks"
                                ))
                            }
                        }
                        if bare.len() < w.len() {
                            p.text.push('*');
                        }
                    }
                    let word = &p.text[start..];
                    if word.is_empty() || word == "*" {
                        return Err(format!("\"{part}\": empty alternative"));
                    }
                    let prefix = word.ends_with('*');
                    if prefix {
                        p.text.pop();
                    }
                    p.atoms.push(Atom {
                        start: start as u32,
                        end: p.text.len() as u32,
                        prefix,
                    });
                }
                p.alts.push(Span {
                    start: first_atom,
                    end: p.atoms.len() as u32,
                });
                longest = longest.max(p.atoms.len() - first_atom as usize);
            }
            let alts = Span {
                start: first_alt,
                end: p.alts.len() as u32,
            };
            if negated {
                p.not_followed_by = alts;
                continue;
            }
            p.elements.push(Element { alts, gap });
            // the farthest a match's next element can start from its first word
            p.reach += gap + longest;
            gap = 0;
        }
        if p.elements.is_empty() {
            return Err(format!("\"{src}\": a pattern needs at least one word"));
        }
        p.reach += 1;
        Ok(p)
    }

    fn word(&self, a: &Atom) -> &str {
        &self.text[a.start as usize..a.end as usize]
    }

    fn atoms_of(&self, alt: &Span) -> &[Atom] {
        &self.atoms[alt.start as usize..alt.end as usize]
    }

    fn alts_in(&self, element: Span) -> &[Span] {
        &self.alts[element.start as usize..element.end as usize]
    }

    /// The first element's alternatives' first atoms, with their words: where a match may start.
    pub(super) fn firsts(&self) -> impl Iterator<Item = (&str, bool)> {
        self.alts_in(self.elements[0].alts).iter().map(|a| {
            let first = &self.atoms_of(a)[0];
            (self.word(first), first.prefix)
        })
    }

    /// Compared as bytes: slicing the `str` checked char boundaries at every comparison
    /// (+10% instructions over the support texts, callgrind `profile 1 full`). Comparing by
    /// each word's first eight bytes as a number first saved 1.5% natively and nothing in the
    /// .wasm (`assess-ab` p50 1.00x, p95 0.98x without it; 2026-12-05), so words are compared
    /// as they are.
    #[inline(always)]
    fn atom_matches(&self, a: &Atom, t: &Token) -> bool {
        let x = &self.text.as_bytes()[a.start as usize..a.end as usize];
        if a.prefix {
            t.text.as_bytes().starts_with(x)
        } else {
            x == t.text.as_bytes()
        }
    }

    /// The last token index of `alt` matched from token `j`, if it matches there.
    // natively forced inline (callgrind, `profile 1 full`: 1,108 M instructions without, 1,047
    // M with); in the .wasm left to the compiler: forced cost 0.57 KB gzipped, and `assess-ab`
    // read the same speed (p50 1.00x, p95 0.98x; 2026-12-05)
    #[cfg_attr(target_arch = "wasm32", inline)]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn alt_match(&self, alt: &Span, toks: &[Token], j: usize) -> Option<usize> {
        let atoms = self.atoms_of(alt);
        let end = j + atoms.len() - 1;
        (end < toks.len()
            && atoms
                .iter()
                .zip(&toks[j..=end])
                .all(|(a, t)| self.atom_matches(a, t)))
        .then_some(end)
    }

    /// Words a text needs for a match: of an element, one exact word of each alternative (its
    /// longest: the rarer), the element with the fewest such words. The first element counts
    /// when each of its alternatives is a phrase, by a word after the first ("i'm_suicidal|
    /// im_suicidal|…" needs "suicidal"; it used to be tried at every "i'm" and "so").
    /// Callgrind over the generator's 10,527 support texts (`profile 1 full`): later elements
    /// anchored, 1,378.9 M instructions → 1,203.0 M (2026-12-03); the first element's phrases
    /// and the longer word on a tie, 1,118.2 M → 1,058.8 M (2026-12-05). `evaluate` unchanged.
    pub(super) fn anchor(&self) -> Option<Vec<&str>> {
        let mut best: Option<Vec<&str>> = None;
        'element: for (k, e) in self.elements.iter().enumerate() {
            let mut words: Vec<&str> = Vec::new();
            for a in self.alts_in(e.alts) {
                let longest = self
                    .atoms_of(a)
                    .iter()
                    .skip(usize::from(k == 0))
                    .filter(|atom| !atom.prefix)
                    .map(|atom| self.word(atom))
                    .max_by_key(|w| w.len());
                let Some(w) = longest else {
                    continue 'element;
                };
                if !words.contains(&w) {
                    words.push(w);
                }
            }
            // fewest words; of as few, the longer shortest word (rarer: "hospice", not "the")
            let shortest = |ws: &[&str]| ws.iter().map(|w| w.len()).min().unwrap_or(0);
            if best.as_ref().is_none_or(|b| {
                (words.len(), usize::MAX - shortest(&words)) < (b.len(), usize::MAX - shortest(b))
            }) {
                best = Some(words);
            }
        }
        best
    }

    /// The last token index of a match starting at `i`, if one starts there.
    pub(super) fn match_at(&self, toks: &[Token], i: usize) -> Option<usize> {
        // which (element, token) pairs of this attempt are known to fail, a bit each: without
        // them, elements with gaps were tried in every combination ("a ~8 a ~8 … b" in a text
        // of "a a a …": 9^n ways at each word; ten elements took 79 s on 120 characters in a
        // hostile read, 2026-12-05); with them each pair is tried once
        let cells = (self.elements.len() - 1) * self.reach;
        let (mut small, mut large) = ([0u64; 2], Vec::new());
        let failed: &mut [u64] = if cells <= 128 {
            &mut small
        } else {
            large.resize(cells.div_ceil(64), 0);
            &mut large
        };
        let mut at = Attempt { toks, i, failed };
        self.alts_in(self.elements[0].alts)
            .iter()
            .filter_map(|a| self.alt_match(a, toks, i))
            .find_map(|last| self.rest_from(1, last + 1, &mut at))
    }

    /// The end of a match of elements `k..` from token `pos` (then no word of the final `!`
    /// element right after).
    fn rest_from(&self, k: usize, pos: usize, at: &mut Attempt) -> Option<usize> {
        let toks = at.toks;
        let Some(e) = self.elements.get(k) else {
            let followed = self
                .alts_in(self.not_followed_by)
                .iter()
                .any(|a| self.alt_match(a, toks, pos).is_some());
            return (!followed).then_some(pos - 1);
        };
        let cell = (k - 1) * self.reach + (pos - at.i);
        if at.failed[cell / 64] >> (cell % 64) & 1 == 1 {
            return None;
        }
        for j in pos..=(pos + e.gap).min(toks.len().saturating_sub(1)) {
            for a in self.alts_in(e.alts) {
                if let Some(last) = self.alt_match(a, toks, j) {
                    if let Some(end) = self.rest_from(k + 1, last + 1, at) {
                        return Some(end);
                    }
                }
            }
        }
        at.failed[cell / 64] |= 1 << (cell % 64);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    proptest::proptest! {
        // a pattern of one word (or prefix) against one token, compared as their letters are:
        // words of up to 12 letters, some of two bytes
        #[test]
        fn words_and_prefixes_match_as_their_letters(
            word in "[abé]{1,12}",
            token in "[abé]{1,12}",
            prefix: bool,
        ) {
            let p = Pattern::parse(&format!("{word}{}", if prefix { "*" } else { "" })).unwrap();
            let toks = tokenize(&token);
            let t = &toks[0];
            let by_letters = if prefix { t.text.starts_with(&word) } else { t.text == word };
            proptest::prop_assert_eq!(p.match_at(&toks, 0).is_some(), by_letters);
        }
    }

    /// `rest_from` as it was before its table of failed tries: every combination, in order.
    fn every_way(p: &Pattern, k: usize, toks: &[Token], pos: usize) -> Option<usize> {
        let Some(e) = p.elements.get(k) else {
            let followed = p
                .alts_in(p.not_followed_by)
                .iter()
                .any(|a| p.alt_match(a, toks, pos).is_some());
            return (!followed).then_some(pos - 1);
        };
        (pos..=(pos + e.gap).min(toks.len().saturating_sub(1))).find_map(|j| {
            p.alts_in(e.alts).iter().find_map(|a| {
                let last = p.alt_match(a, toks, j)?;
                every_way(p, k + 1, toks, last + 1)
            })
        })
    }

    proptest::proptest! {
        // patterns of up to six elements over three words, with gaps, phrases, prefixes and a
        // final `!` element, against texts of those words: the same end at every token as
        // trying every way
        #[test]
        fn failed_tries_remembered_change_no_match(
            elements in proptest::collection::vec(("[0-3]", "(a|b|c\\*|a_b|b_a)(\\|(a|b|c))?"), 1..7),
            last in "(!a|!b)?",
            text in "[abc ]{0,40}",
        ) {
            let src: Vec<String> = elements
                .iter()
                .enumerate()
                .map(|(k, (gap, alts))| if k == 0 { alts.clone() } else { format!("~{gap} {alts}") })
                .collect();
            let p = Pattern::parse(&format!("{} {last}", src.join(" "))).unwrap();
            let toks = tokenize(&text);
            for i in 0..toks.len() {
                let reference = p
                    .alts_in(p.elements[0].alts)
                    .iter()
                    .filter_map(|a| p.alt_match(a, &toks, i))
                    .find_map(|l| every_way(&p, 1, &toks, l + 1));
                proptest::prop_assert_eq!(p.match_at(&toks, i), reference);
            }
        }
    }

    #[test]
    fn many_gapped_elements_are_tried_once_each() {
        // nine ways at each of nine gaps: 9^9 tries at every word before failed tries were
        // remembered (a hostile read: 79 s on 120 characters); the answers are the same
        let p = Pattern::parse(&format!("a {}b", "~8 a ".repeat(9))).unwrap();
        let no_b = tokenize(&"a ".repeat(200));
        assert!((0..no_b.len()).all(|i| p.match_at(&no_b, i).is_none()));
        let with_b = tokenize(&format!("{}b", "a ".repeat(200)));
        assert_eq!(p.match_at(&with_b, 150), Some(200));
        assert_eq!(p.match_at(&with_b, 189), Some(200));
        assert_eq!(
            p.match_at(&with_b, 191),
            None,
            "ten a's needed before the b"
        );
    }

    #[test]
    fn a_pattern_keeps_its_words_end_to_end() {
        let p = Pattern::parse("Charg* ~3 TWICE|two_times !cheque @1.5").unwrap();
        assert_eq!(p.text, "chargtwicetwotimescheque");
        assert_eq!(p.firsts().collect::<Vec<_>>(), [("charg", true)]);
        assert_eq!((p.elements.len(), p.alts.len(), p.atoms.len()), (2, 4, 5));
        assert_eq!(p.weight, 1.5);
    }
}
