//! Word tokens with their byte spans in the original text, lower-cased, apostrophes unified.
//! Cues, emotions and intent read these; sentiment keeps VADER's own whitespace tokens.

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lower-cased word; curly apostrophes become `'`.
    pub text: String,
    /// Byte offsets of the word in the source text.
    pub start: usize,
    pub end: usize,
    /// The word was written in capitals (2+ letters, all upper case).
    pub caps: bool,
    /// A sentence ends between the previous word and this one (. ! ? or a line break): a
    /// negator does not reach across it ("Not great. Suicidal most days").
    pub after_stop: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A mark that belongs to the letter before it, inside a word though neither letter nor digit
/// to `char::is_alphanumeric`: combining accents (a decomposed "é"), the Indic virama and
/// nukta ("क्या", "ग़लत"), Thai and Lao vowel and tone marks ("ไม่"), Hebrew and Arabic points,
/// joiners. Without them a word was cut at each, and a configured pattern of the same word
/// never matched it (a hostile read, 2026-12-05). Marks only carry a word on; none starts one.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        // Indic scripts, but their dandas (the full stops)
        | 0x0900..=0x0963 | 0x0966..=0x0DFF
        | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1..=0x0EBC | 0x0EC8..=0x0ECD
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == '‘'
}

pub fn tokenize(text: &str) -> Vec<Token> {
    // Sized up front and built in one reused buffer: growing the list and each word's string
    // a char at a time was over half of tokenizing's cost (callgrind, `bench-assess`).
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut word = String::new();
    let mut iter = text.char_indices().peekable();
    let mut stop = false;
    while let Some((i, c)) = iter.next() {
        if !is_word_char(c) {
            stop |= ends_a_sentence(c);
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        word.clear();
        let mut letters = 0usize;
        let mut uppers = 0usize;
        let mut push = |c: char, word: &mut String| {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            }
            // a final sigma is folded to σ, as in a pattern (`patterns::pattern`): "ΣΑΣ" and
            // "σας" are one word, and a prefix "σας*" would otherwise never reach "σασα"
            if c == 'ς' {
                word.push('σ');
            } else {
                crate::util::push_lower(word, c);
            }
        };
        push(c, &mut word);
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) || !d.is_ascii() && is_mark(d) {
                push(d, &mut word);
                end = j + d.len_utf8();
                iter.next();
            } else if is_apostrophe(d) {
                // Keep an apostrophe only between letters: "don't", "customer's".
                let mut look = iter.clone();
                look.next();
                match look.peek() {
                    Some(&(_, e)) if e.is_alphabetic() => {
                        word.push('\'');
                        iter.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        out.push(Token {
            text: word.as_str().into(),
            start,
            end,
            caps: letters >= 2 && uppers == letters,
            after_stop: std::mem::take(&mut stop),
        });
    }
    out
}

fn ends_a_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n')
}

/// The tokens of `first`, a space and the text `rest` was tokenized from, without tokenizing
/// the joined text again (`assess` reads a ticket's subject and first message as one topic
/// text): `rest` moves past the space, and its first word comes after a stop when `first`
/// ends a sentence. A word never spans the space.
pub fn append_after_space(tokens: &mut Vec<Token>, first: &str, rest: Vec<Token>) {
    let stop = first
        .chars()
        .rev()
        .take_while(|&c| !is_word_char(c))
        .any(ends_a_sentence);
    tokens.extend(rest.into_iter().enumerate().map(|(i, mut t)| {
        t.start += first.len() + 1;
        t.end += first.len() + 1;
        t.after_stop |= i == 0 && stop;
        t
    }));
}

/// Negators used by cue and emotion matching (VADER's list, apostrophes kept or dropped).
pub fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "no"
            | "never"
            | "none"
            | "nobody"
            | "nothing"
            | "neither"
            | "nor"
            | "without"
            | "cannot"
    ) || w.ends_with("n't")
        || matches!(
            w,
            "dont"
                | "didnt"
                | "doesnt"
                | "isnt"
                | "wasnt"
                | "werent"
                | "havent"
                | "hasnt"
                | "hadnt"
                | "wont"
                | "wouldnt"
                | "cant"
                | "couldnt"
                | "shouldnt"
                | "aint"
                | "arent"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_apostrophes() {
        let t = tokenize("I DON’T get it, it's “broken”!");
        let words: Vec<_> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["i", "don't", "get", "it", "it's", "broken"]);
        assert!(t[1].caps && !t[0].caps);
        let src = "I DON’T get it, it's “broken”!";
        assert_eq!(&src[t[5].start..t[5].end], "broken");
    }

    proptest::proptest! {
        // `assess` builds the topic text's tokens (subject, a space, first message) from the
        // two parts' tokens instead of tokenizing the joined text again (`append_after_space`)
        #[test]
        fn a_space_joined_text_tokenizes_as_its_parts(
            a in "[a-zA-Z'’ ,.!?É😀é\u{301}\u{94d}\u{200d}-]{0,24}",
            b in "[a-zA-Z'’ ,.!?É😀é\u{301}\u{94d}\u{200d}-]{0,24}",
        ) {
            let joined = tokenize(&format!("{a} {b}"));
            let mut parts = tokenize(&a);
            append_after_space(&mut parts, &a, tokenize(&b));
            proptest::prop_assert_eq!(joined, parts);
        }
    }

    #[test]
    fn marks_stay_inside_their_word() {
        let words = |s: &str| -> Vec<String> { tokenize(s).into_iter().map(|t| t.text).collect() };
        assert_eq!(words("क्या हुआ। ठीक"), ["क्या", "हुआ", "ठीक"]);
        assert_eq!(words("ไม่ ได้รับ"), ["ไม่", "ได้รับ"]);
        assert_eq!(words("Cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
        // a mark or a joiner starts no word: an emoji family is no token
        assert_eq!(words("\u{301}a 👨\u{200d}👩\u{200d}👧 b"), ["a", "b"]);
    }

    #[test]
    fn negators() {
        assert!(is_negator("didn't") && is_negator("never") && !is_negator("now"));
    }
}
