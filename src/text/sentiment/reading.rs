//! Reading a text into words: HTML entities, emoticons, laughter, elongated words ("sooo")
//! and ALL CAPS, each word with what the lexicon knows of it.

use super::lexicon::SentimentLexicon;
use super::words::{booster, FunctionWord};
use std::borrow::Cow;

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
pub(super) fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
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
pub(super) fn laughter(w: &str) -> Option<&'static str> {
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

pub(super) struct Word<'a> {
    pub(super) lower: Cow<'a, str>,
    /// The word was elongated ("sooo"): treated like ALL CAPS emphasis.
    pub(super) stretched: bool,
    /// Written in capitals (Python's `str.isupper()`).
    pub(super) upper: bool,
    pub(super) valence: Option<f64>,
    pub(super) f: FunctionWord,
}

#[inline(always)]
pub(super) fn word<'a>(
    raw: &str,
    lower: Cow<'a, str>,
    stretched: bool,
    lex: &SentimentLexicon,
) -> Word<'a> {
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
        Cow::Owned(crate::util::lower(w))
    }
}

/// `lowered` is `expanded` in lower case when that keeps every byte offset (ASCII text): words
/// then borrow their lower-case form from it instead of allocating one each.
pub(super) fn words_of<'a>(
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
            stripped.chars().count() <= 2 && (!lex.has(&low(stripped)) || lex.has(tok));
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
