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
            if is_word_char(d) {
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
            a in "[a-zA-Z'’ ,.!?É😀é-]{0,24}",
            b in "[a-zA-Z'’ ,.!?É😀é-]{0,24}",
        ) {
            let joined = tokenize(&format!("{a} {b}"));
            let mut parts = tokenize(&a);
            append_after_space(&mut parts, &a, tokenize(&b));
            proptest::prop_assert_eq!(joined, parts);
        }
    }

    #[test]
    fn negators() {
        assert!(is_negator("didn't") && is_negator("never") && !is_negator("now"));
    }
}
