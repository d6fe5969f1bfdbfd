//! The valence lexicon: VADER's words (front-coded by build.rs), the emoji descriptions, and
//! the words a configuration adds.

use super::reading::laughter;
use super::words::{function_words, FunctionWord};
use crate::util::{parse_decimal, FastMap};
use std::borrow::Cow;
use std::sync::OnceLock;

/// What the lexicon knows of a token: its valence, and what it does as a function word.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    pub(super) valence: Option<f64>,
    pub(super) f: FunctionWord,
}

/// The valence lexicon (token → −4..4) and the emoji descriptions VADER reads emoji through.
/// One map holds valences and function words, so each word costs one lookup.
#[derive(Debug, Clone)]
pub struct SentimentLexicon {
    /// Word → entry; the built-in words borrow the embedded table (no allocation per word).
    entries: FastMap<Cow<'static, str>, Entry>,
    pub emoji: FastMap<char, String>,
}

/// data/vader_lexicon.tsv front-coded by build.rs (`vader_lexicon` there says how, and why).
const VADER_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/vader_words.txt"));
const VADER_VALENCES: &str = include_str!(concat!(env!("OUT_DIR"), "/vader_valences.txt"));

/// The VADER words and valences, decoded once per process: the words end to end in one string
/// that the lexicon's keys borrow, and each word's end and valence.
pub(super) fn vader() -> &'static (String, Vec<(usize, f64)>) {
    static DECODED: OnceLock<(String, Vec<(usize, f64)>)> = OnceLock::new();
    DECODED.get_or_init(|| {
        let (table, codes) = VADER_VALENCES.split_once('\n').unwrap_or_default();
        let table: Vec<f64> = table.split(' ').filter_map(parse_decimal).collect();
        let mut text: Vec<u8> = Vec::with_capacity(VADER_WORDS.len() * 2);
        let mut ends = Vec::with_capacity(codes.len());
        let mut start = 0;
        for (line, code) in VADER_WORDS.lines().zip(codes.bytes()) {
            let shared = (line.as_bytes()[0].wrapping_sub(b'0') as usize).min(text.len() - start);
            let head = start..start + shared;
            start = text.len();
            text.extend_from_within(head);
            text.extend_from_slice(&line.as_bytes()[1..]);
            let v = table
                .get(code.wrapping_sub(0x21) as usize)
                .copied()
                .unwrap_or(0.0);
            ends.push((text.len(), v));
        }
        // (cut at char boundaries by build.rs, so this never fails)
        let text = String::from_utf8(text).unwrap_or_default();
        (text, ends)
    })
}
const EMOJI_LEXICON: &str = include_str!("../../../data/emoji_lexicon.tsv");

impl SentimentLexicon {
    pub fn builtin() -> Self {
        let mut entries: FastMap<Cow<'static, str>, Entry> = FastMap::default();
        entries.reserve(7700);
        for (w, f) in function_words() {
            entries.insert(
                Cow::Borrowed(*w),
                Entry {
                    valence: None,
                    f: *f,
                },
            );
        }
        let (words, ends) = vader();
        let mut start = 0;
        for &(end, v) in ends {
            entries
                .entry(Cow::Borrowed(&words[start..end]))
                .or_default()
                .valence = Some(v);
            start = end;
        }
        let mut emoji = FastMap::default();
        for line in EMOJI_LEXICON.lines() {
            if let Some((e, d)) = line.split_once('\t') {
                let mut cs = e.chars();
                if let (Some(c), None) = (cs.next(), cs.next()) {
                    emoji.insert(c, d.to_string());
                }
            }
        }
        SentimentLexicon { entries, emoji }
    }

    /// Adds or changes a word's valence (configuration).
    pub fn set_valence(&mut self, word: &str, valence: f64) {
        let e = self
            .entries
            .entry(Cow::Owned(word.to_string()))
            .or_default();
        e.valence = Some(valence);
    }

    #[inline(always)]
    pub fn valence(&self, word: &str) -> Option<f64> {
        self.entries.get(word).and_then(|e| e.valence)
    }

    /// Whether a word not in the lexicon could still be read as laughter or an elongated word.
    #[inline(always)]
    pub(super) fn stretchable(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.windows(3).any(|x| x[0] == x[1] && x[1] == x[2]) || laughter(w).is_some()
    }

    #[inline(always)]
    pub(super) fn has(&self, word: &str) -> bool {
        self.valence(word).is_some()
    }

    #[inline(always)]
    pub(super) fn entry(&self, word: &str) -> Entry {
        let mut e = self.entries.get(word).copied().unwrap_or_default();
        e.f.negate |= word.len() > 3 && word.as_bytes().windows(3).any(|x| x == b"n't");
        e
    }
}
