//! Safe text: what missing facts may leave behind is tidied, a broken rendering is never
//! offered, and HTML is escaped for the editors that take it.

/// Cleans what missing facts may leave behind, so no reply reads "Hi ," or holds a lone "-":
/// spaces before punctuation, doubled spaces, empty parentheses and quotes, dash-only lines,
/// runs of blank lines. One pass per line (it runs for every snippet of every ticket).
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut line = String::with_capacity(128);
    for raw in text.lines() {
        line.clear();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // empty pairs left by a missing fact: "()", "\"\"", "“”"
                '(' | '"' | '“'
                    if chars.peek()
                        == Some(&match c {
                            '(' => ')',
                            '"' => '"',
                            _ => '”',
                        }) =>
                {
                    chars.next();
                }
                ' ' if line.is_empty() || line.ends_with(' ') => {}
                ',' | '.' | '!' | '?' | ':' | ';' => {
                    if line.ends_with(' ') {
                        line.pop();
                    }
                    if !(c == ',' && line.ends_with(',')) {
                        line.push(c);
                    }
                }
                c => line.push(c),
            }
        }
        let l = line.trim_end();
        if matches!(l, "-" | "–" | "—" | "*" | "•" | "," | ":") {
            continue;
        }
        if l.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(l);
        out.push('\n');
    }
    out.trim().to_string()
}

/// Text a customer must never see from us: template syntax, a lone dash line, "Hi ,".
/// It runs on every snippet filled, so it looks at eight bytes at a time for any byte that
/// can end a bad pair (`{`, `}`, `%`, `,`) or start a dash, and only such words byte by byte.
pub fn is_broken(text: &str) -> bool {
    use crate::util::{word_at, word_eq as eq};
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end = (i + 8).min(b.len());
        if let Some(w) = word_at(b, i) {
            // every byte that matches has its bit set (and a few above a match may too): only
            // those are checked. `,` and `-` differ in the low bit only, so one test finds both;
            // any non-ASCII byte stands for the lead of a long dash.
            const LO: u64 = 0x0101_0101_0101_0101;
            let mut m = eq(w, b'{') | eq(w, b'}') | eq(w, b'%') | eq(w & !LO, b',') | (w & LO << 7);
            while m != 0 {
                if broken_at(text, i + (m.trailing_zeros() / 8) as usize) {
                    return true;
                }
                m &= m - 1;
            }
        } else if (i..end).any(|k| broken_at(text, k)) {
            return true;
        }
        i = end;
    }
    text.trim().is_empty()
}

/// Whether bytes `a`, `b` read as template syntax: `{{`, `{%`, `#{`, `%{`, `}}`, `%}` (a
/// rendering holding one is never offered; a fact's are spaced apart as it is printed).
pub(crate) fn template_pair(a: u8, b: u8) -> bool {
    matches!(
        (a, b),
        (b'{' | b'#' | b'%', b'{') | (b'{', b'%') | (b'}' | b'%', b'}')
    )
}

/// Whether the byte at `i` ends a bad pair (`{{`, `{%`, `#{`, `%{`, `}}`, `%}`, " ,") or is
/// a dash alone on its line.
pub(super) fn broken_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let prev = if i > 0 { b[i - 1] } else { 0 };
    match b[i] {
        b'{' | b'%' | b'}' => template_pair(prev, b[i]),
        b',' => prev == b' ',
        b'-' => alone_on_its_line(text, i, 1),
        // "–", "—"
        0xE2 => {
            matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x93 | 0x94))
            ) && alone_on_its_line(text, i, 3)
        }
        _ => false,
    }
}

/// Whether the `len` bytes at `at` are all their line holds, but for white space.
pub(super) fn alone_on_its_line(text: &str, at: usize, len: usize) -> bool {
    let blank = |c: &char| *c != '\n';
    text[..at]
        .chars()
        .rev()
        .take_while(blank)
        .all(char::is_whitespace)
        && text[at + len..]
            .chars()
            .take_while(blank)
            .all(char::is_whitespace)
}

/// HTML for a plain text: every character escaped, line breaks as `<br>`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
