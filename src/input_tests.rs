use super::*;
use serde_json::json;

#[test]
fn errors_name_the_path() {
    let v = json!({"a": "x", "n": "4.5", "bad": true, "d": "2026-99-01"});
    let o = object(&v, "t").unwrap();
    assert_eq!(o.opt_num("n", 0.0, 5.0).unwrap(), Some(4.5));
    assert_eq!(o.opt_num("a", 0.0, 5.0).unwrap_err().path, "t.a");
    assert!(o
        .opt_str("bad")
        .unwrap_err()
        .to_string()
        .starts_with("t.bad: expected a string"));
    assert!(o.opt_date("d").unwrap_err().to_string().contains("t.d"));
    assert!(o
        .only(&["a", "n"])
        .unwrap_err()
        .to_string()
        .contains("unknown field"));
    assert_eq!(
        o.req_str("missing").unwrap_err().to_string(),
        "t.missing: is required"
    );
}

#[test]
fn an_element_of_a_list_names_its_index() {
    let v = json!([{"from": "bot", "at": "2026-99-01"}, 3]);
    let list = "ticket.messages".to_string();
    let o = element(&v[0], &list, 0).unwrap();
    assert_eq!(o.at("from"), "ticket.messages[0].from");
    assert!(o
        .opt_date("at")
        .unwrap_err()
        .to_string()
        .contains("ticket.messages[0].at"));
    assert_eq!(
        element(&v[1], &list, 1).err().unwrap().to_string(),
        "ticket.messages[1]: expected an object, got 3"
    );
    // the ticket reader says the same paths as before
    let t = json!({"id": "t", "customer": {}, "messages": [{"from": "customer", "text": "hi"}, {"from": "bot", "text": "x"}]});
    let e = crate::ticket::ticket(&t, "ticket").err().unwrap();
    assert_eq!(e.path, "ticket.messages[1].from");
}

#[test]
fn emails() {
    assert_eq!(
        normalize_email("  Ana@Example.COM ").as_deref(),
        Some("ana@example.com")
    );
    assert_eq!(normalize_email("not an email"), None);
    // letters outside ASCII are lower-cased too
    assert_eq!(
        normalize_email("Анна@ПОЧТА.РФ").as_deref(),
        Some("анна@почта.рф")
    );
}

#[test]
fn an_address_that_lower_cases_into_another_is_none() {
    // the Kelvin sign is the only character whose lower case is ASCII while it is not
    let into_ascii: Vec<char> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| !c.is_ascii() && crate::util::lower(&c.to_string()).is_ascii())
        .collect();
    assert_eq!(into_ascii, ['\u{212A}']);
    assert_eq!(normalize_email("\u{212A}ate@example.com"), None);
    assert_eq!(
        normalize_email("Kate@example.com").as_deref(),
        Some("kate@example.com")
    );
}

#[test]
fn lone_surrogate_escapes_become_the_replacement_character() {
    let r = |s: &str| replace_lone_surrogates(s).into_owned();
    assert_eq!(r(r#""a\ud800b""#), r#""a\ufffdb""#);
    assert_eq!(r(r#""\udc00""#), r#""\ufffd""#);
    assert_eq!(r(r#""\ud83d\ude00 ok""#), r#""\ud83d\ude00 ok""#);
    assert_eq!(
        r(r#""\\ud800""#),
        r#""\\ud800""#,
        "an escaped backslash is not an escape"
    );
    assert_eq!(r(r#""\ud83d\ud83d\ude00""#), r#""\ufffd\ud83d\ude00""#);
    let v: Value = serde_json::from_str(&r(r#"{"t": "x\ud800"}"#)).unwrap();
    assert_eq!(v["t"], "x\u{fffd}");
}

#[test]
fn too_long_counts_characters_not_bytes() {
    use crate::input::{too_long, MAX_TEXT};
    let reference = |s: &str| s.chars().count() > MAX_TEXT;
    for s in [
        "a".repeat(MAX_TEXT),
        "a".repeat(MAX_TEXT + 1),
        // four bytes a character: 800,000 bytes, within the limit
        "😀".repeat(MAX_TEXT),
        "😀".repeat(MAX_TEXT + 1),
        format!("{}a", "é".repeat(MAX_TEXT)),
        String::new(),
    ] {
        assert_eq!(too_long(&s), reference(&s), "{} bytes", s.len());
    }
}

#[test]
fn ids_are_trimmed_blank_is_none_and_long_or_wrong_ones_are_refused() {
    let v = json!({"a": "  c1 ", "b": "   ", "c": 42, "d": "x".repeat(201),
        "e": format!(" {} ", "y".repeat(199)), "f": true, "g": null, "h": "é".repeat(MAX_TEXT + 1)});
    let o = object(&v, "customer").unwrap();
    assert_eq!(o.opt_id("a").unwrap().as_deref(), Some("c1"));
    assert_eq!(o.opt_id("b").unwrap(), None);
    assert_eq!(o.opt_id("c").unwrap().as_deref(), Some("42"));
    assert_eq!(o.opt_id("missing").unwrap(), None);
    assert_eq!(o.opt_id("g").unwrap(), None);
    let e = o.opt_id("d").unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("customer.d", "identifier longer than 200 characters")
    );
    // the bound counts the characters as sent, spaces included
    assert!(o.opt_id("e").is_err());
    assert!(o
        .opt_id("f")
        .unwrap_err()
        .message
        .starts_with("expected a string"));
    assert!(o
        .opt_id("h")
        .unwrap_err()
        .message
        .starts_with("text longer than"));
    assert_eq!(o.req_id("b").unwrap_err().message, "is required");
}
