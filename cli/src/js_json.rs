//! The text the npm package's users see: `JSON.stringify` of what the bindings hand to JS.
//!
//! The bindings write a result with `rapport::wire::ascii_json` (non-ASCII as `\uXXXX`, floats in
//! their shortest form, `5.0` for an f64 five) and JS reads it with `JSON.parse`; a user who
//! writes it out calls `JSON.stringify`, which prints characters as they are and numbers as JS
//! prints them (`5`, `1e-7`, `1.5e+21`). `stringify` does exactly those two steps on the
//! ASCII text, so the CLI's bytes are the package's bytes: same writer, same field order,
//! then the JS round trip on strings and numbers only.

/// `v` as `JSON.stringify(JSON.parse(ascii_json(v)))` would write it, appended to `out`.
pub fn append<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<(), String> {
    let mut ascii = Vec::with_capacity(8192);
    rapport::wire::ascii_json::append(&mut ascii, v).map_err(|e| e.to_string())?;
    reprint(&ascii, out);
    Ok(())
}

/// Rewrites ASCII JSON text as JS prints it: `\uXXXX` escapes of non-ASCII characters become
/// the characters (UTF-8), numbers are printed the way JS prints them. Everything else (keys,
/// structure, the escapes JS keeps: `\"` `\\` `\n`… and control characters as `\u00XX`) is
/// copied.
pub fn reprint(ascii: &[u8], out: &mut Vec<u8>) {
    out.reserve(ascii.len());
    let mut i = 0;
    while i < ascii.len() {
        let c = ascii[i];
        if c == b'"' {
            i = string(ascii, i, out);
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            while i < ascii.len()
                && matches!(ascii[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
            {
                i += 1;
            }
            number(&ascii[start..i], out);
        } else {
            out.push(c);
            i += 1;
        }
    }
}

/// Copies the string starting at the quote at `i`, decoding non-ASCII escapes; returns the
/// index after its closing quote.
fn string(s: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    out.push(b'"');
    i += 1;
    let mut start = i;
    while i < s.len() {
        match s[i] {
            b'"' => {
                out.extend_from_slice(&s[start..=i]);
                return i + 1;
            }
            b'\\' if s.get(i + 1) == Some(&b'u') => {
                let u = hex4(s, i + 2);
                let (ch, len) = match u {
                    Some(u @ 0xD800..=0xDBFF) => match (s.get(i + 6..i + 8), hex4(s, i + 8)) {
                        (Some(b"\\u"), Some(lo @ 0xDC00..=0xDFFF)) => {
                            let c = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                            (char::from_u32(c), 12)
                        }
                        _ => (None, 6), // a lone surrogate: JS keeps it escaped
                    },
                    Some(u) if u >= 0x80 => (char::from_u32(u), 6),
                    _ => (None, 6), // ASCII control characters stay escaped, as in JS
                };
                if let Some(ch) = ch {
                    out.extend_from_slice(&s[start..i]);
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                    start = i + len;
                }
                i += len;
            }
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    out.extend_from_slice(&s[start..]);
    s.len()
}

fn hex4(s: &[u8], at: usize) -> Option<u32> {
    let h = std::str::from_utf8(s.get(at..at + 4)?).ok()?;
    u32::from_str_radix(h, 16).ok()
}

/// A number token as JS prints the double it reads as. Short integers are already right.
fn number(tok: &[u8], out: &mut Vec<u8>) {
    let digits = tok.iter().filter(|c| c.is_ascii_digit()).count();
    if digits <= 15 && !tok.iter().any(|c| matches!(c, b'.' | b'e' | b'E')) {
        out.extend_from_slice(tok);
        return;
    }
    match std::str::from_utf8(tok)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
    {
        Some(x) => out.extend_from_slice(js_number(x).as_bytes()),
        None => out.extend_from_slice(tok),
    }
}

/// ECMAScript `Number::toString(x)` for a finite `x`: the shortest digits that read back as
/// `x` (Rust's `{:e}` gives them), laid out by the spec's rules.
pub fn js_number(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return "null".into(); // what JSON.stringify writes for NaN and the infinities
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let d: String = mantissa.chars().filter(|c| *c != '.').collect();
    let k = d.len() as i32;
    let n = exp.parse::<i32>().unwrap_or(0) + 1;
    let mut s = String::with_capacity(k as usize + 8);
    if x < 0.0 {
        s.push('-');
    }
    if k <= n && n <= 21 {
        s.push_str(&d);
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        s.push_str(&d[..n as usize]);
        s.push('.');
        s.push_str(&d[n as usize..]);
    } else if -6 < n && n <= 0 {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-n) as usize));
        s.push_str(&d);
    } else {
        s.push_str(&d[..1]);
        if k > 1 {
            s.push('.');
            s.push_str(&d[1..]);
        }
        s.push('e');
        s.push(if n - 1 < 0 { '-' } else { '+' });
        s.push_str(&(n - 1).abs().to_string());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(s: &str) -> String {
        let mut out = Vec::new();
        reprint(s.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_print_as_in_js() {
        // each right-hand side is what node -p 'String(x)' prints
        for (x, js) in [
            (5.0, "5"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (0.30000000000000004, "0.30000000000000004"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.25e22, "1.25e+22"),
            (-2.5, "-2.5"),
            (9007199254740993.0, "9007199254740992"),
        ] {
            assert_eq!(js_number(x), js, "{x}");
        }
        assert_eq!(
            re(r#"{"a":5.0,"b":[1e-7,-3,0.25],"c":12345678901234567890}"#),
            r#"{"a":5,"b":[1e-7,-3,0.25],"c":12345678901234567000}"#
        );
    }

    #[test]
    fn strings_keep_ascii_escapes_and_decode_the_rest() {
        assert_eq!(
            re(r#"["caf\u00e9 \u2019\ud83d\ude00","\n\t\"\\\u001f","\\u00e9","\ud800x"]"#),
            "[\"café \u{2019}\u{1F600}\",\"\\n\\t\\\"\\\\\\u001f\",\"\\\\u00e9\",\"\\ud800x\"]"
        );
        // numbers inside strings are text
        assert_eq!(
            re(r#"{"t":"5.0 and 1e-7","n":2.50}"#),
            r#"{"t":"5.0 and 1e-7","n":2.5}"#
        );
    }
}
