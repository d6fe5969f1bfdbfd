//! Numbers read from customer data and templates ("129.90", "4", "1e3" in a CSV cell, a JSON
//! string, a snippet's `{{#if orders > 3}}`), without core's float parser.
//!
//! Why not `str::parse::<f64>`: it is exact for every input, and for that it carries a table of
//! 1,302 powers of five. In the ticket-side `.wasm` that table and its code were 17.6 KB
//! gzipped of 299.8 (measured 2026-12-07: the table found by its first entry in
//! `pkg/rapport_bg.wasm`, gzipped alone; `twiggy top` gave the parser 3.5 KB of code), the room
//! the engine's own work needs. No crate does it smaller: `lexical-core` and `fast-float` carry
//! the same table.
//!
//! What this gives up: `parse_f64` accepts exactly the strings `str::parse::<f64>` accepts (sign,
//! digits, point, exponent; `inf`, `infinity`, `nan` in any case; nothing else, no spaces) and
//! gives the same bits for every number of up to 15 significant digits (trailing zeros aside)
//! times a power of ten up to 22 either way (Clinger's fast path: one exact rounding), which is
//! every price, count, score and date part a help desk exports. Beyond that it rounds a few
//! times, within 1e-14 of the exact value, except in the sliver of 1e-14 above the largest
//! f64, where it gives that f64 and the standard library infinity. Both are checked against
//! the standard library in the tests below (some cases written by a hostile helper session).

/// 10^0 ..= 10^22: each is exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `s` as a number, if `str::parse::<f64>` reads it as one (see the module note).
pub fn parse_f64(s: &str) -> Option<f64> {
    let (neg, b) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        b => (false, b),
    };
    let v = if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if b.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        finite(b)?
    };
    Some(if neg { -v } else { v })
}

/// Digits, an optional point and more digits (at least one digit in all), an optional exponent.
fn finite(b: &[u8]) -> Option<f64> {
    // the first 19 significant digits as an integer (any 19 digits fit a u64), and the power of
    // ten that scales it; later digits only move the point (dropping them is 1e-18 relative,
    // below an f64's precision)
    let (mut m, mut kept, mut e10, mut digits, mut dot) = (0u64, 0u32, 0i64, 0u64, false);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if kept < 19 {
                    if m > 0 || c != b'0' {
                        m = m * 10 + u64::from(c - b'0');
                        kept += 1;
                    }
                    e10 -= i64::from(dot);
                } else if !dot {
                    e10 += 1;
                }
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(rest) = b.get(i..).filter(|r| !r.is_empty()) {
        let (neg, exp) = match rest {
            [b'e' | b'E', b'-', d @ ..] => (true, d),
            [b'e' | b'E', b'+', d @ ..] => (false, d),
            [b'e' | b'E', d @ ..] => (false, d),
            _ => return None,
        };
        if exp.is_empty() || !exp.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // held at ±10^15: beyond the digits any string in memory can shift it by, every
        // mantissa gives 0 or infinity alike
        let n = exp.iter().fold(0i64, |n, d| {
            (n * 10 + i64::from(d - b'0')).min(1_000_000_000_000_000)
        });
        e10 += if neg { -n } else { n };
    }
    if m == 0 {
        return Some(0.0);
    }
    // Clinger's path wants the integer under 2^53 and the power within 10^±22: trailing zeros
    // move from the one to the other ("9007199254740991.0" is 9007199254740991 × 10^0), and
    // back while the power is too large ("1e30" is 10^8 × 10^22); either way nothing rounds
    const EXACT: u64 = 1 << 53;
    while (m > EXACT || e10 < -22) && m % 10 == 0 {
        m /= 10;
        e10 += 1;
    }
    while e10 > 22 && m <= EXACT / 10 {
        m *= 10;
        e10 -= 1;
    }
    if e10 > 330 {
        return Some(f64::INFINITY);
    }
    if e10 < -360 {
        return Some(0.0);
    }
    let v = scaled(m, e10);
    // the roundings of `scaled` can carry a value just under the largest f64 over it
    if v.is_infinite() && scaled(m, e10 - 1) <= f64::MAX / 10.0 * (1.0 + 1e-14) {
        return Some(f64::MAX);
    }
    Some(v)
}

/// `m` × 10^`e`. Clinger: below 2^53 the integer is exact, and one multiplication or division
/// by an exact power rounds once, correctly. Further out, one rounding per step of 10^22.
fn scaled(m: u64, mut e: i64) -> f64 {
    let mut v = m as f64;
    while e > 22 {
        v *= POW10[22];
        e -= 22;
    }
    while e < -22 {
        v /= POW10[22];
        e += 22;
    }
    if e >= 0 {
        v * POW10[e as usize]
    } else {
        v / POW10[(-e) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    fn std_f64(s: &str) -> Option<f64> {
        s.parse::<f64>().ok()
    }

    /// Same bits, NaN equal to NaN.
    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn reads_what_customer_data_holds_exactly_as_the_standard_library() {
        for s in [
            "0",
            "-0",
            "+0",
            "4",
            "129.90",
            "0.1",
            "0.3",
            ".5",
            "5.",
            "-2.75",
            "1e3",
            "1E-3",
            "2.5e+2",
            "007",
            "0.000001",
            "123456789012345",
            "9007199254740992",
            "1e22",
            "1e-22",
            "99999.99",
            "19.99",
            "3.14159",
            "inf",
            "-Infinity",
            "NaN",
            "INF",
        ] {
            let (ours, std) = (parse_f64(s), std_f64(s));
            assert!(
                ours.zip(std).is_some_and(|(a, b)| same(a, b)),
                "{s}: {ours:?} vs {std:?}"
            );
        }
    }

    #[test]
    fn refuses_what_the_standard_library_refuses() {
        for s in [
            "", ".", "-", "+", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "1,5", "1_000", "0x10",
            "--1", "+-1", "in", "infinit", "nana", "1e5.5", "٣", "1e-", "£5", "5%",
        ] {
            assert_eq!(parse_f64(s), None, "{s}");
            assert!(std_f64(s).is_none(), "{s}: the standard library reads it");
        }
    }

    #[test]
    fn overflow_and_underflow_go_where_the_standard_library_s_do() {
        for s in [
            "1e308",
            "1.7976931348623157e308",
            "1e309",
            "1e400",
            "-1e400",
            "1e-320",
            "1e-330",
            "1e-400",
            "0e999999",
            "1e99999999999",
            "1e-99999999999",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001234",
        ] {
            let (a, b) = (parse_f64(s).unwrap(), std_f64(s).unwrap());
            let close = same(a, b) || ((a - b) / b).abs() < 1e-14;
            assert!(close, "{s}: {a:e} vs {b:e}");
        }
    }

    #[test]
    fn trailing_zeros_long_mantissas_and_the_top_of_the_range_as_the_standard_library() {
        let zeros = "0".repeat(100_000);
        for s in [
            "9007199254740991.0".to_string(),
            "1666076266903130e22".into(),
            "1e30".into(),
            "123e40".into(),
            "173124211208601.0e-22".into(),
            "28.18911988574500000".into(),
            "129.9000000000000000000000".into(),
            format!("0.{zeros}1e100001"),
            format!("1{zeros}{zeros}e-199990"),
        ] {
            let (a, b) = (parse_f64(&s).unwrap(), std_f64(&s).unwrap());
            assert!(same(a, b), "{}: {a:e} vs {b:e}", &s[..s.len().min(30)]);
        }
        // the largest f64 written out: finite, as the standard library reads it (it was
        // infinity), within the 1e-14 of the slow path
        for s in [
            format!("{:.0}", f64::MAX),
            "1.7976931348623157000e308".into(),
            "1.7976931348623157999e308".into(),
        ] {
            let (a, b) = (parse_f64(&s).unwrap(), std_f64(&s).unwrap());
            assert!(
                a.is_finite() && ((a - b) / b).abs() < 1e-14,
                "{}: {a:e} vs {b:e}",
                &s[..20]
            );
        }
    }

    proptest! {
        #[test]
        fn is_exact_with_trailing_zeros(m in 0u64..(1 << 53), zeros in 0usize..8, e in -22i32..=22) {
            let s = format!("{m}.{}e{e}", "0".repeat(zeros));
            prop_assert!(same(parse_f64(&s).unwrap(), std_f64(&s).unwrap()), "{}", s);
        }

        // every string of number characters: accepted alike, and the same bits on the fast path
        #[test]
        fn accepts_the_standard_library_s_grammar(s in "[-+]?[0-9.]{0,6}([eE][-+]?[0-9]{0,4})?") {
            let (ours, std) = (parse_f64(&s), std_f64(&s));
            prop_assert_eq!(ours.is_some(), std.is_some(), "{}", s);
            if let (Some(a), Some(b)) = (ours, std) {
                prop_assert!(same(a, b) || ((a - b) / b).abs() < 1e-14, "{}: {} vs {}", s, a, b);
            }
        }

        #[test]
        fn is_exact_on_the_fast_path(m in 0u64..(1 << 53), e in -22i32..=22) {
            let s = format!("{m}e{e}");
            prop_assert!(same(parse_f64(&s).unwrap(), std_f64(&s).unwrap()), "{}", s);
        }

        #[test]
        fn is_within_1e_14_elsewhere(digits in "[1-9][0-9]{0,24}", point in 0usize..26, e in -340i32..320) {
            let p = point.min(digits.len());
            let s = format!("{}.{}e{e}", &digits[..p], &digits[p..]);
            let (a, b) = (parse_f64(&s).unwrap(), std_f64(&s).unwrap());
            // subnormals hold fewer digits: there, within one of their steps
            let ok = same(a, b) || ((a - b) / b).abs() < 1e-14 || (a - b).abs() <= 4.0 * 5e-324;
            prop_assert!(ok, "{}: {:e} vs {:e}", s, a, b);
        }
    }
}
