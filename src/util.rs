//! Small helpers shared by the core.

/// At most `n` characters of `s`, with an ellipsis when cut (for error messages and evidence).
pub fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// Rounds to two decimals so outputs are stable and readable.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// UTF-16 length of a UTF-8 prefix: JavaScript indexes strings in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
