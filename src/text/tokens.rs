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
/// to `char::is_alphanumeric`: the Indic virama, nukta and vowel signs ("क्या", "ग़लत"), Thai
/// and Lao vowel and tone marks ("ไม่"), Hebrew and Arabic points, joiners, and combining
/// accents (a decomposed "é", which `tokenize` leaves out of the word: "cafe\u{301}" is "cafe",
/// as the lexicons spell it). Without them a word was cut at each, and a configured pattern
/// of the same word never matched it (a hostile read, 2026-12-05). Marks only carry a word
/// on; none starts one. In the Indic blocks (0x80 code points each) the marks sit at the same
/// offsets; their dandas, digits and currency signs do not.
fn is_mark(c: char) -> bool {
    let c = c as u32;
    let indic = (0x0900..=0x0DFF).contains(&c)
        && matches!(c & 0x7F, 0x00..=0x03 | 0x3A..=0x4F | 0x51..=0x57 | 0x62..=0x63);
    indic
        || matches!(c,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1 | 0x05C2
            | 0x05C4 | 0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
            | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED
            | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC
            | 0x0EC8..=0x0ECD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D
            | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A combining accent (U+0300..U+036F): kept in the word's span, left out of its text.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
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
            // ("İ" lower-cases to "i" and a combining dot, itself an accent here)
            match c {
                'ς' => word.push('σ'),
                'İ' => word.push('i'),
                c if is_accent(c) => {}
                c => crate::util::push_lower(word, c),
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
        // a decomposed accent stays in the span, not in the text: "cafe" as the lexicons spell it
        assert_eq!(words("Cafe\u{301}s ok"), ["cafes", "ok"]);
        // punctuation and signs in those scripts still part words: a Hebrew maqaf, a taka sign
        assert_eq!(words("בית־ספר ১০৳ দাম"), ["בית", "ספר", "১০", "দাম"]);
        // a mark or a joiner starts no word: an emoji family is no token
        assert_eq!(words("\u{301}a 👨\u{200d}👩\u{200d}👧 b"), ["a", "b"]);
    }

    #[test]
    fn negators() {
        assert!(is_negator("didn't") && is_negator("never") && !is_negator("now"));
    }
}
