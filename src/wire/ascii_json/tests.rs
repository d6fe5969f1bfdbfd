use super::*;
use serde_json::json;

/// serde_json's text with every non-ASCII character escaped: what this writer must give.
fn oracle(v: &serde_json::Value) -> String {
    let mut s = String::new();
    for c in serde_json::to_string(v)
        .expect("a Value serialises")
        .chars()
    {
        if c.is_ascii() {
            s.push(c);
        } else {
            for u in c.encode_utf16(&mut [0; 2]) {
                s.push_str(&format!("\\u{:04x}", u));
            }
        }
    }
    s
}

#[test]
fn the_same_text_as_serde_json_but_ascii() {
    let v = json!({
        "text": "Hi Zoë,\n\n\"Sorry\" — it's on us \\ 😀\u{1}\t\u{8}\u{c}\r\u{7f}",
        "n": [0, -1, 1.5, 1e300, -0.0, 3.0, 18446744073709551615u64],
        "nested": {"a": [], "b": {}, "c": null, "d": true, "e": false},
        "long": "abcdefgh\"ijklmnop\\qrstuvwxyz0123456789€€€€€€€€ plain ASCII tail of more than eight bytes",
    });
    let got = to_string(&v).expect("writes");
    assert_eq!(got, oracle(&v));
    assert!(got.is_ascii());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&got).expect("reads back"),
        v
    );
}

#[test]
fn enums_options_and_keys_as_serde_json_writes_them() {
    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, &'static str),
        Struct { a: Option<u8>, b: Option<u8> },
    }
    let mut m = std::collections::BTreeMap::new();
    m.insert(7u32, "seven");
    m.insert(11u32, "eleven");
    let v = (
        E::Unit,
        E::New(1),
        E::Tuple(2, "x"),
        E::Struct {
            a: Some(3),
            b: None,
        },
        m,
        f64::NAN,
        'é',
    );
    assert_eq!(to_string(&v).expect("writes"), {
        let s = serde_json::to_string(&v).expect("serialises");
        s.replace('é', "\\u00e9")
    });
    let floats: std::collections::BTreeMap<String, f64> = [("x".to_string(), 1.0)].into();
    assert_eq!(to_string(&floats).expect("writes"), r#"{"x":1.0}"#);
    let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
    assert!(to_string(&bad).is_err(), "a tuple is not a JSON key");
    // a struct field name that is not a plain identifier is escaped like any string
    struct Odd;
    impl Serialize for Odd {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeStruct;
            let mut st = s.serialize_struct("Odd", 2)?;
            st.serialize_field("plain_key1", &1)?;
            st.serialize_field("a \"quoted\" é key", &2)?;
            st.end()
        }
    }
    assert_eq!(
        to_string(&Odd).expect("writes"),
        r#"{"plain_key1":1,"a \"quoted\" \u00e9 key":2}"#
    );
}

#[test]
fn words_with_something_to_escape_at_every_position() {
    // the eight-byte check must never let a quote, backslash, control character or
    // non-ASCII byte through, wherever it sits in the word
    for special in ["\"", "\\", "\n", "\u{1f}", "é", "€", "😀"] {
        for at in 0..17 {
            let s = format!("{}{special}{}", "a".repeat(at), "b".repeat(17 - at));
            let v = serde_json::Value::String(s);
            assert_eq!(
                to_string(&v).expect("writes"),
                oracle(&v),
                "{special:?} at {at}"
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_float_reads_back_as_itself(x in any::<f64>()) {
            let got = to_string(&x).expect("writes");
            if x.is_finite() {
                prop_assert_eq!(got.parse::<f64>().expect("a number"), x);
                // (JSON, though serde_json's own fast reader may round the last digit)
                let v: serde_json::Value = serde_json::from_str(&got).expect("JSON");
                prop_assert!(v.is_number());
            } else {
                prop_assert_eq!(got, "null");
            }
        }

        #[test]
        fn any_string_as_serde_json_writes_it_ascii(s in any::<String>(), t in "[ -~\u{0}-\u{1f}éü€😀\"\\\\]{0,40}") {
            for x in [s, t] {
                let v = serde_json::Value::String(x);
                let got = to_string(&v).expect("writes");
                prop_assert!(got.is_ascii());
                prop_assert_eq!(&got, &oracle(&v));
                prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&got).expect("reads back"), v);
            }
        }
    }
}
