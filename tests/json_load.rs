//! History JSON loaded whole or in chunks: the same report or the same error at every split;
//! valid JSON is read (escaped keys, a leading BOM), invalid JSON is refused, and one record
//! nested too deep is rejected on its own while the others load.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rapport::history::json_import::{JsonImport, MAX_RECORD_DEPTH};
use rapport::history::store::{LoadReport, Store};
use rapport::input::InputError;
use serde_json::{json, Value};

fn whole(
    text: &str,
) -> (
    Result<LoadReport, Box<InputError>>,
    rapport::history::store::Counts,
) {
    let mut s = Store::default();
    let r = s.load_json_text(text);
    (r, s.counts())
}

/// `text` in pieces cut at the given offsets (moved to character boundaries), as the engine's
/// `load_history_chunk` … `finish_history` see it: the first error ends the load.
fn chunked(
    text: &str,
    cuts: &[usize],
) -> (
    Result<LoadReport, Box<InputError>>,
    rapport::history::store::Counts,
) {
    let mut at: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut c = c.min(text.len());
            while !text.is_char_boundary(c) {
                c += 1;
            }
            c
        })
        .chain([0, text.len()])
        .collect();
    at.sort_unstable();
    let mut s = Store::default();
    let mut imp = JsonImport::default();
    for w in at.windows(2) {
        if let Err(e) = imp.push(&mut s, &text[w[0]..w[1]]) {
            return (Err(e), s.counts());
        }
    }
    let r = imp.finish(&mut s, false);
    (r, s.counts())
}

fn deep(n: usize) -> Value {
    let mut v = json!("leaf");
    for _ in 0..n {
        v = json!([v]);
    }
    v
}

#[test]
fn one_record_nested_too_deep_is_rejected_with_its_path_and_the_rest_load() {
    let mut tickets: Vec<Value> = (0..1_000)
        .map(|i| json!({"id": format!("t{i}"), "customerId": "c1", "createdAt": "2026-01-01"}))
        .collect();
    tickets[10]["tags"] = deep(200);
    let text = json!({ "tickets": tickets }).to_string();
    let (r, counts) = whole(&text);
    let r = r.unwrap();
    assert_eq!(counts.tickets, 999, "{:?}", r.rejected);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].field, "tickets[10].tags");
    assert!(r.rejected[0].reason.contains(&MAX_RECORD_DEPTH.to_string()));
    for cut in [1, 7, 1000, text.len() / 2] {
        assert_eq!(chunked(&text, &[cut, cut * 3]).0.unwrap(), r, "cut {cut}");
    }
}

#[test]
fn valid_json_is_read_and_invalid_json_refused() {
    let good = [
        "\u{feff}{\"customers\": [{\"id\": \"c1\"}]}",
        r#"{"cust\u006fmers": [{"id": "c1"}]}"#,
        r#"{"\u0063ustomers":[{"id":"c1"}],"tickets":[]}"#,
        " { } ",
        r#"{"customers": []}"#,
    ];
    for t in good {
        let (r, _) = whole(t);
        assert!(r.is_ok(), "{t}: {r:?}");
        assert!(serde_json::from_str::<Value>(t.trim_start_matches('\u{feff}')).is_ok());
    }
    let bad = [
        (r#"{"customers": "x"}"#, "history.customers"),
        (r#"{"customers": 5}"#, "history.customers"),
        (r#"{"customers": [{"id": "c1"} {"id": "c2"}]}"#, "history"),
        (r#"{"customers": [{"id": "c1"}] "tickets": []}"#, "history"),
        (r#"{"customers" [{"id": "c1"}]}"#, "history"),
        (r#"{"customers": [{"id": "c1"},]}"#, "history"),
        (r#"{"customers": [],}"#, "history"),
        (r#"{"customers": [{"id": "c1"}]} x"#, "history"),
        (r#"{"customers": [{"id": "c1",}]}"#, "history"),
        (r#"{"pets": []}"#, "history.pets"),
        (r#"[1, 2]"#, "history"),
        (r#"{"customers": [{"id": "c1"}]"#, "history"),
    ];
    for (t, path) in bad {
        let (r, _) = whole(t);
        let e = r.expect_err(t);
        assert_eq!(e.path, path, "{t}: {e}");
    }
}

/// History-shaped JSON text, sometimes broken: records with strings that hold brackets,
/// quotes, escapes and multibyte text, escaped keys, scalars, and edits that drop a comma or a
/// colon, add a trailing comma or a BOM, or nest a field too deep.
fn history_text() -> impl Strategy<Value = String> {
    let s = prop_oneof![
        Just("a \\\"]}{ [ b".to_string()),
        Just("Zoë 😀 日本".to_string()),
        Just("\\\\".to_string()),
        Just("\\u0041\\n".to_string()),
        // a raw line break, which JSON refuses inside a string (the loader's string scan stops at it)
        Just("line\nbreak".to_string()),
        "[a-z0-9@.]{0,8}",
    ];
    let record = prop_oneof![
        (s.clone(), s.clone()).prop_map(|(a, b)| format!(r#"{{"id": "c{a}", "name": "{b}", "email": "a@x.org"}}"#)),
        s.clone().prop_map(|a| format!(r#"{{"id": "t{a}", "customerId": "c1", "createdAt": "2026-01-02", "tags": ["{a}", [1, {{"x": null}}]]}}"#)),
        Just("5".to_string()),
        Just("\"x\"".to_string()),
        Just("null".to_string()),
        (1usize..80).prop_map(|n| format!(r#"{{"id": "d", "customerId": "c1", "createdAt": "2026-01-03", "tags": {}}}"#, deep(n))),
    ];
    let list = (
        prop_oneof![
            Just("customers"),
            Just("tickets"),
            Just("cust\\u006fmers"),
            Just("orders")
        ],
        prop::collection::vec(record, 0..6),
    )
        .prop_map(|(k, rs)| format!("\"{k}\" :\n[{}]", rs.join(" ,\n")));
    let body = prop::collection::vec(list, 0..4).prop_map(|ls| format!("{{ {} }}", ls.join(", ")));
    (body, 0usize..8, any::<usize>(), any::<bool>()).prop_map(|(b, edit, at, bom)| {
        let mut b = b;
        let at = at % b.len().max(1);
        let find = |b: &str, c: char| {
            let bytes = b.as_bytes();
            bytes[at..]
                .iter()
                .position(|&x| x == c as u8)
                .map(|i| i + at)
                .or_else(|| b.find(c))
        };
        match edit {
            0 => {
                if let Some(i) = find(&b, ',') {
                    b.remove(i);
                }
            }
            1 => {
                if let Some(i) = find(&b, ':') {
                    b.remove(i);
                }
            }
            2 => {
                if let Some(i) = find(&b, ']') {
                    b.insert(i, ',');
                }
            }
            _ => {}
        }
        if bom {
            format!("\u{feff}{b}")
        } else {
            b
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn whole_and_chunked_agree_and_valid_json_is_what_loads(
        text in history_text(),
        cuts in prop::collection::vec(0usize..600, 0..6),
    ) {
        let (w, wc) = whole(&text);
        let (c, cc) = chunked(&text, &cuts);
        prop_assert_eq!(&w, &c);
        prop_assert_eq!(wc, cc);
        // read exactly when it is JSON (serde_json's own depth limit aside)
        let body = text.trim_start_matches('\u{feff}');
        let shallow = !w.as_ref().is_ok_and(|r| r.rejected.iter().any(|x| x.reason.contains("levels deep")));
        if shallow {
            prop_assert_eq!(w.is_ok(), serde_json::from_str::<Value>(body).is_ok(), "{}", text);
        }
    }
}

/// A load stopped on purpose part-way (an import cancelled) keeps and reports the records read
/// whole; the same text ended without saying so is an error (and keeps them too).
#[test]
fn a_load_stopped_part_way_keeps_and_reports_the_records_read_whole() {
    let text = r#"{"customers": [{"id": "c1"}, {"id": "c2"}, {"id": "c3", "name": "Ann"#;
    for stopped in [true, false] {
        let mut s = Store::default();
        let mut imp = JsonImport::default();
        imp.push(&mut s, text).unwrap();
        let r = imp.finish(&mut s, stopped);
        assert_eq!(s.counts().customers, 2);
        match r {
            Ok(r) => {
                assert!(stopped);
                assert_eq!((r.added.customers, r.totals.customers), (2, 2));
            }
            Err(e) => {
                assert!(!stopped);
                assert!(e.message.contains("cannot be read as JSON"), "{e}");
            }
        }
    }
    // a document broken (not cut) is an error, stopped or not
    let mut s = Store::default();
    let mut imp = JsonImport::default();
    assert!(imp.push(&mut s, r#"{"customers": [}"#).is_err() || imp.finish(&mut s, true).is_err());
}
