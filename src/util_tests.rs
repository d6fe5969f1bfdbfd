use super::parse_decimal;
use proptest::prelude::*;

#[test]
fn every_char_changes_case_as_the_standard_library_does() {
    // the tables build.rs makes, against `char::to_uppercase` and `to_lowercase`, char by char
    let mut bad = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let s = c.to_string();
        let mut one = String::new();
        super::push_lower(&mut one, c);
        if super::upper(&s) != s.to_uppercase()
            || super::capitalise(&s) != s.to_uppercase()
            || super::lower(&s) != s.to_lowercase()
            || one != c.to_lowercase().collect::<String>()
        {
            bad.push(c);
        }
    }
    assert!(
        bad.is_empty(),
        "{} chars differ, e.g. {:?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}

#[test]
fn upper_is_the_standard_library_s_upper_case() {
    for s in [
        "gold",
        "straße",
        "ﬁne",
        "Ærø ǆ ŉ",
        "σοφία",
        "İstanbul",
        "",
        "a1-é",
    ] {
        assert_eq!(super::upper(s), s.to_uppercase(), "{s}");
    }
}

proptest! {
    #[test]
    fn upper_matches_to_uppercase(s in "\\PC{0,40}") {
        prop_assert_eq!(super::upper(&s), s.to_uppercase());
    }

    #[test]
    fn lower_matches_to_lowercase_but_for_sigma(s in "\\PC{0,40}") {
        // (a capital sigma's final form follows a shorter rule: see `lower`)
        prop_assume!(!s.contains('Σ'));
        prop_assert_eq!(super::lower(&s), s.to_lowercase());
    }

    #[test]
    fn sort_by_is_the_standard_stable_sort(v in prop::collection::vec((0u8..8, any::<u16>()), 0..200)) {
        let mut want = v.clone();
        want.sort_by_key(|a| a.0);
        let mut got = v.clone();
        super::sort_by(&mut got, |a, b| a.0.cmp(&b.0));
        prop_assert_eq!(&got, &want);
        let mut got = v;
        super::sort_long_by(&mut got, |a, b| a.0.cmp(&b.0), |_, _| {});
        prop_assert_eq!(got, want);
    }

    /// The shape `Store::settle` meets: a sorted run, then new elements anywhere in it.
    #[test]
    fn sort_long_by_on_a_sorted_prefix_is_the_standard_stable_sort(
        v in prop::collection::vec((0u8..8, any::<u16>()), 0..200),
        cut in 0usize..200,
    ) {
        let mut v = v;
        let cut = cut.min(v.len());
        v[..cut].sort_by_key(|a| a.0);
        let mut want = v.clone();
        want.sort_by_key(|a| a.0);
        let before = v.clone();
        let mut told = Vec::new();
        let first = super::sort_long_by(&mut v, |a, b| a.0.cmp(&b.0), |v, order| {
            told = order.iter().map(|&i| v[i as usize]).collect();
        });
        prop_assert_eq!(&told, &want, "before moving, the order said where each element goes");
        prop_assert_eq!(&v[..first], &before[..first], "the part said not to move did not");
        prop_assert_eq!(first == v.len(), before == want);
        prop_assert_eq!(v, want);
    }

    #[test]
    fn utf16_len_is_the_js_length(s in any::<String>(), ascii in "[ -~]{0,20}") {
        for t in [s.clone(), format!("{ascii}{s}"), format!("{s}é😀{ascii}")] {
            prop_assert_eq!(super::utf16_len(&t), t.encode_utf16().count());
        }
    }
}

#[test]
fn num_matches_the_format_it_replaced() {
    let reference = |x: f64, d: u32| {
        let scale = 10i64.pow(d);
        let scaled = (x * scale as f64).round() as i64;
        let (sign, abs) = if scaled < 0 {
            ("-", -scaled)
        } else {
            ("", scaled)
        };
        let (int, mut frac) = (abs / scale, abs % scale);
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let mut width = d as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        format!("{sign}{int}.{frac:0width$}")
    };
    for x in [
        0.0, -0.0, 1.0, -1.0, 0.5, -0.004, 0.005, 12.345, 4.05, 100.0, -7.1, 1e9, 0.01, 99.999,
    ] {
        for d in 0..=4 {
            assert_eq!(super::num(x, d), reference(x, d), "{x} to {d}");
        }
    }
    // what a message quotes of a number no i64 holds: as written, not 9223372036854775807
    assert_eq!(super::num(f64::NAN, 2), "NaN");
    assert_eq!(super::num(1e308, 2), "1e+308");
    assert_eq!(super::num(9780201379624.0, 3), "9780201379624");
    assert_eq!(super::num(9.0e15, 0), "9000000000000000");
    assert_eq!(super::num(-1e16, 0), "-10000000000000000");
    assert_eq!(super::num(8999999999999999.0, 0), "8999999999999999");
    assert_eq!(super::num(-f64::MAX, 0), "-1.7976931348623157e+308");
    assert_eq!(super::num(-2.5e20, 0), "-2.5e+20");
    assert_eq!(super::num(f64::INFINITY, 2), "infinity");
    assert_eq!(super::num(f64::NEG_INFINITY, 0), "-infinity");
}

#[test]
fn parse_decimal_agrees_with_str_parse() {
    for s in [
        "0",
        "-0.55",
        "1.84",
        "+2.5",
        ".5",
        "3.",
        "-1.5",
        "0.0001",
        "123456.789012345",
    ] {
        assert_eq!(parse_decimal(s), s.parse::<f64>().ok(), "{s}");
    }
    // every value in the embedded tables' range, to two decimals, is bit-exact
    for i in -5000i32..=5000 {
        let s = format!("{}.{:02}", i / 100, (i % 100).abs());
        let s = if i < 0 && i > -100 {
            format!("-{s}")
        } else {
            s
        };
        assert_eq!(parse_decimal(&s), s.parse::<f64>().ok(), "{s}");
    }
    for bad in ["", "-", ".", "1.2.3", "1e5", "abc", "1,5", "--1", " 1"] {
        assert_eq!(parse_decimal(bad), None, "{bad}");
    }
}

#[test]
fn a_final_sigma_is_read_as_the_standard_library_reads_it_in_words() {
    for s in [
        "ΟΔΟΣ",
        "ΟΔΟΣ ΚΑΙ ΣΑΣ",
        "Σ",
        "ΑΣ.",
        "ΑΣΑ",
        "Ο ΣΑΣ’",
        "ΟΔΌΣ!",
        "abcΣ def",
        "1Σ",
    ] {
        assert_eq!(super::lower(s), s.to_lowercase(), "{s}");
    }
}
