//! Sentiment valence: a port of VADER (Hutto & Gilbert, ICWSM 2014; MIT licence) — lexicon
//! valences with rules for negation, intensifiers and dampeners, "but", ALL CAPS, "!!!" and
//! emoji — plus two additions for support text: elongated words ("sooo baaad") are read as
//! their base word with extra emphasis, and the lexicon is extendable by configuration.

use crate::util::{parse_decimal, FastMap};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

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

/// What the lexicon knows of a token: its valence, and what it does as a function word.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    valence: Option<f64>,
    f: FunctionWord,
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
fn vader() -> &'static (String, Vec<(usize, f64)>) {
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
const EMOJI_LEXICON: &str = include_str!("../../data/emoji_lexicon.tsv");

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
    fn stretchable(&self, w: &str) -> bool {
        let b = w.as_bytes();
        b.windows(3).any(|x| x[0] == x[1] && x[1] == x[2]) || laughter(w).is_some()
    }

    #[inline(always)]
    fn has(&self, word: &str) -> bool {
        self.valence(word).is_some()
    }

    #[inline(always)]
    fn entry(&self, word: &str) -> Entry {
        let mut e = self.entries.get(word).copied().unwrap_or_default();
        e.f.negate |= word.len() > 3 && word.as_bytes().windows(3).any(|x| x == b"n't");
        e
    }
}

const INCR: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];
const DECR: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];
const NEGATE_WORDS: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

fn booster_list(w: &str) -> Option<f64> {
    if INCR.contains(&w) {
        Some(B_INCR)
    } else if DECR.contains(&w) {
        Some(B_DECR)
    } else {
        None
    }
}

fn negated_list(w: &str) -> bool {
    NEGATE_WORDS.contains(&w) || w.contains("n't")
}

/// What a function word does: boost or damp the next sentiment word, negate it, or take part
/// in an idiom. One table lookup per word instead of scanning the lists (callgrind: the scans
/// were 5% of the text analysis).
#[derive(Debug, Clone, Copy, Default)]
struct FunctionWord {
    boost: Option<f64>,
    negate: bool,
    idiom: bool,
}

const IDIOM_WORDS: &[&str] = &[
    "the", "shit", "bomb", "bad", "ass", "badass", "bus", "stop", "yeah", "right", "kiss", "of",
    "death", "to", "die", "for", "beating", "heart", "cut", "mustard", "hand", "mouth", "back",
    "handed", "blow", "blowing", "smoke", "upper", "break", "a", "leg", "cooking", "with", "gas",
    "in", "black", "red", "on", "ball", "under", "weather", "kind", "sort", "just", "enough",
];

fn function_words() -> &'static FastMap<&'static str, FunctionWord> {
    static TABLE: OnceLock<FastMap<&'static str, FunctionWord>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: FastMap<&'static str, FunctionWord> = FastMap::default();
        for w in INCR
            .iter()
            .chain(DECR)
            .chain(NEGATE_WORDS)
            .chain(IDIOM_WORDS)
        {
            t.insert(
                w,
                FunctionWord {
                    boost: booster_list(w),
                    negate: negated_list(w),
                    idiom: IDIOM_WORDS.contains(w),
                },
            );
        }
        t
    })
}

#[inline(always)]
fn booster(w: &str) -> Option<f64> {
    function_words().get(w).and_then(|f| f.boost)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

#[inline(always)]
fn is_upper_word(w: &str) -> bool {
    // Python's str.isupper(): at least one cased char and no lower-case ones.
    if w.is_ascii() {
        return w.bytes().any(|b| b.is_ascii_uppercase())
            && !w.bytes().any(|b| b.is_ascii_lowercase());
    }
    w.chars().any(|c| c.is_uppercase()) && !w.chars().any(|c| c.is_lowercase())
}

/// Collapses runs of one letter longer than `keep` down to `keep`; None when no run is longer.
fn collapse_runs(w: &str, keep: usize) -> Option<String> {
    let mut out = String::with_capacity(w.len());
    let (mut prev, mut run, mut changed) = ('\0', 0usize, false);
    for c in w.chars() {
        run = if c == prev { run + 1 } else { 1 };
        prev = c;
        if run > keep {
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

/// "gooood" → "good", "sooooo" → "so", "baaaad" → "bad": only for a run of 3+ letters, and
/// only when the shortened word is a lexicon or booster word.
fn unstretch(w: &str, lex: &SentimentLexicon) -> Option<String> {
    if !w
        .as_bytes()
        .windows(3)
        .any(|x| x[0] == x[1] && x[1] == x[2])
    {
        return None;
    }
    let known = |c: &String| lex.has(c) || booster(c).is_some();
    [collapse_runs(w, 2), collapse_runs(w, 1)]
        .into_iter()
        .flatten()
        .find(known)
}

/// HTML entities that help-desk exports and scraped pages leave in text.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    text.replace("&amp;", "&")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .into()
}

/// "hahahah", "hehehe", "lolol" → the lexicon's laughter entries.
#[inline(always)]
fn laughter(w: &str) -> Option<&'static str> {
    let b = w.as_bytes();
    if b.len() >= 4
        && b.iter().all(|c| matches!(c, b'h' | b'a' | b'e'))
        && b.windows(2).all(|p| p[0] != p[1])
    {
        return Some(if b.len() >= 6 { "hahaha" } else { "haha" });
    }
    if b.len() >= 5
        && b.iter().all(|c| matches!(c, b'l' | b'o'))
        && b[0] == b'l'
        && b.windows(2).all(|p| p[0] != p[1])
    {
        return Some("lol");
    }
    None
}

/// A word with an emoticon glued to its end: "girl;)" → ("girl", ";)").
fn split_emoticon<'a>(raw: &'a str, lex: &SentimentLexicon) -> Option<(&'a str, &'a str)> {
    let cut = raw.find(|c: char| !c.is_alphanumeric())?;
    let (word, emo) = raw.split_at(cut);
    (word.chars().count() >= 2 && emo.chars().count() >= 2 && lex.has(emo)).then_some((word, emo))
}

struct Word<'a> {
    lower: Cow<'a, str>,
    /// The word was elongated ("sooo"): treated like ALL CAPS emphasis.
    stretched: bool,
    /// Written in capitals (Python's `str.isupper()`).
    upper: bool,
    valence: Option<f64>,
    f: FunctionWord,
}

#[inline(always)]
fn word<'a>(raw: &str, lower: Cow<'a, str>, stretched: bool, lex: &SentimentLexicon) -> Word<'a> {
    let e = lex.entry(&lower);
    Word {
        upper: is_upper_word(raw),
        valence: e.valence,
        f: e.f,
        lower,
        stretched,
    }
}

/// Lower case, borrowed when the word already is.
#[inline(always)]
fn lowercase(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// `lowered` is `expanded` in lower case when that keeps every byte offset (ASCII text): words
/// then borrow their lower-case form from it instead of allocating one each.
fn words_of<'a>(
    expanded: &'a str,
    lowered: Option<&'a str>,
    lex: &SentimentLexicon,
) -> Vec<Word<'a>> {
    let low = |x: &'a str| -> Cow<'a, str> {
        match lowered {
            Some(l) => {
                let at = x.as_ptr() as usize - expanded.as_ptr() as usize;
                Cow::Borrowed(&l[at..at + x.len()])
            }
            None => lowercase(x),
        }
    };
    let mut out = Vec::with_capacity(expanded.len() / 5);
    let tokens: Box<dyn Iterator<Item = &'a str>> = if lowered.is_some() {
        Box::new(expanded.split_ascii_whitespace())
    } else {
        Box::new(expanded.split_whitespace())
    };
    for tok in tokens {
        let plain = if tok.is_ascii() {
            tok.bytes().all(|b| b.is_ascii_alphanumeric())
        } else {
            tok.chars().all(char::is_alphanumeric)
        };
        if plain {
            // the common case: a word with no punctuation to strip or emoticon to find
            let lower = low(tok);
            let w = word(tok, lower, false, lex);
            if w.valence.is_some() || w.f.boost.is_some() || !lex.stretchable(&w.lower) {
                out.push(w);
                continue;
            }
        }
        if !plain && !lex.has(tok) {
            if let Some((word, emoticon)) = split_emoticon(tok, lex) {
                // "home:(" → "home" ":("
                out.push(self::word(word, low(word), false, lex));
                out.push(self::word(emoticon, Cow::Borrowed(emoticon), false, lex));
                continue;
            }
        }
        let stripped = tok.trim_matches(is_punct);
        // Keep emoticons such as ":)" whole: only strip punctuation off real words.
        // ...unless the short word is a lexicon word itself ("NO.", "ok!").
        let keep_whole =
            stripped.chars().count() <= 2 && !(lex.has(&low(stripped)) && !lex.has(tok));
        let raw = if keep_whole { tok } else { stripped };
        // Emoticons are case-sensitive ("D:" is dismay, "d:" a tongue out): exact match first.
        let exact = !raw.chars().all(char::is_alphanumeric) && lex.has(raw);
        let mut lower = if exact { Cow::Borrowed(raw) } else { low(raw) };
        let mut stretched = false;
        if !exact && !lex.has(&lower) && booster(&lower).is_none() {
            if let Some(base) = laughter(&lower) {
                lower = Cow::Borrowed(base);
            } else if let Some(base) = unstretch(&lower, lex) {
                lower = Cow::Owned(base);
                stretched = true;
            }
        }
        out.push(word(raw, lower, stretched, lex));
    }
    out
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
mod tests {
    use super::*;

    fn c(t: &str) -> f64 {
        polarity(t, &SentimentLexicon::builtin()).compound
    }

    #[test]
    fn the_front_coded_lexicon_is_the_tsv_word_for_word() {
        // the source, read as it was before build.rs compacted it: a later line wins
        let mut want = std::collections::BTreeMap::new();
        for l in include_str!("../../data/vader_lexicon.tsv").lines() {
            let (w, v) = l.split_once('\t').unwrap();
            want.insert(w, parse_decimal(v).unwrap());
        }
        let (words, ends) = vader();
        let mut start = 0;
        let mut got = std::collections::BTreeMap::new();
        for &(end, v) in ends {
            got.insert(&words[start..end], v);
            start = end;
        }
        assert_eq!(got.len(), ends.len(), "each word once");
        assert_eq!(got, want);
        let lex = SentimentLexicon::builtin();
        for (w, v) in &want {
            assert_eq!(lex.valence(w), Some(*v), "{w}");
        }
    }

    #[test]
    fn polarity_and_neutral() {
        assert!(c("The service was great") > 0.5);
        assert!(c("The service was terrible") < -0.4);
        assert_eq!(c("Where is my order 12345?"), 0.0);
        let s = polarity("great", &SentimentLexicon::builtin());
        assert!((s.pos + s.neg + s.neu - 1.0).abs() < 1e-9);
    }

    #[test]
    fn negation_flips() {
        assert!(c("The service was good") > 0.0);
        assert!(c("The service was not good") < 0.0);
        assert!(c("The service wasn't good") < 0.0);
    }

    #[test]
    fn intensifiers_and_dampeners() {
        assert!(c("The service was extremely good") > c("The service was good"));
        assert!(c("The service was slightly good") < c("The service was good"));
    }

    #[test]
    fn but_shifts_weight_to_the_second_clause() {
        assert!(c("The food is good, but the service is horrible") < 0.0);
    }

    #[test]
    fn caps_and_exclamations_amplify() {
        assert!(
            c("this is bad, REALLY BAD and the app is slow")
                < c("this is bad, really bad and the app is slow")
        );
        assert!(c("This is terrible!!!") < c("This is terrible"));
        assert!(c("I am very HAPPY with it") > c("I am very happy with it"));
    }

    #[test]
    fn emoji_are_read() {
        assert!(c("my parcel arrived 😠") < 0.0);
        assert!(c("my parcel arrived 😍") > 0.0);
    }

    #[test]
    fn elongation_reads_as_emphasis() {
        assert!(c("this is sooo bad") < c("this is bad"));
        assert!(c("baaaad") < 0.0);
    }
}
