//! Inputs that used to panic or overflow the stack (issue "Trust at the edges"): each is now a
//! clear error, and the engine answers normally afterwards. Every crash input found by the
//! fuzzers is kept here as a regression that runs on stable.

use rapport::snippets::macros::{import, Format};
use rapport::snippets::template::{Template, MAX_DEPTH, MAX_TERMS};

#[test]
fn liquid_tag_whose_open_and_close_overlap_is_text_not_a_panic() {
    for f in [Format::Zendesk, Format::Chatwoot] {
        for body in ["{%}", "a {%} b", "{%}%}", "{%%}", "{% %}", "{%}{{"] {
            let c = import(f, body);
            // whatever is made of it must parse as ours or be refused, never panic
            let _ = Template::parse(&c.template);
        }
    }
}

#[test]
fn filter_argument_errors_point_inside_the_source_even_after_multibyte_text() {
    let src = r#"{{ customer.name | default: "éééé", x! }}"#;
    let e = Template::parse(src).expect_err("x! is not an argument");
    assert_eq!(e.line, 1);
    // the column is that of `x!`, counted in characters
    let col = src.chars().position(|c| c == 'x').unwrap() + 1;
    assert_eq!(e.column, col, "{e:?}");
    for s in [
        r#"{{ a | default: "ü", ! }}"#,
        r#"{{ a | plural: "€€€", "—" , ?? }}"#,
        r#"{{ a | join: "日本語" , 1x }}"#,
    ] {
        assert!(Template::parse(s).is_err(), "{s}");
    }
}

#[test]
fn deep_nesting_and_long_chains_are_refused_with_the_limit_named() {
    let nested = "{% if a %}".repeat(5_000) + "x" + &"{% endif %}".repeat(5_000);
    let e = Template::parse(&nested).unwrap_err();
    assert!(e.message.contains(&MAX_DEPTH.to_string()), "{e:?}");
    let chained = format!(
        "{{% if {} %}}x{{% endif %}}",
        vec!["a"; 10_000].join(" and ")
    );
    let e = Template::parse(&chained).unwrap_err();
    assert!(e.message.contains(&MAX_TERMS.to_string()), "{e:?}");
    // at the limits, templates still parse
    let ok = "{% if a %}".repeat(MAX_DEPTH) + "x" + &"{% endif %}".repeat(MAX_DEPTH);
    assert!(Template::parse(&ok).is_ok());
    let ok = format!(
        "{{% if {} %}}x{{% endif %}}",
        vec!["a"; MAX_TERMS].join(" or ")
    );
    assert!(Template::parse(&ok).is_ok());
}

use rapport::Engine;
use serde_json::json;

const NOW: i64 = 1_795_000_000_000;

#[test]
fn a_ticket_too_long_to_read_whole_is_assessed_on_what_was_read_and_says_so() {
    let e = Engine::new(None).unwrap();
    let long = format!(
        "You charged me twice for order 12. {}",
        "blah ".repeat(43_400)
    );
    assert!(long.chars().count() > 200_000);
    let a = e
        .assess(
            &json!({"id": "L", "customer": {}, "messages": [{"from": "customer", "text": long}]}),
            NOW,
        )
        .expect("assessed, not refused");
    assert_eq!(a.truncated.len(), 1, "{:?}", a.truncated);
    assert!(
        a.truncated[0].contains("only the first 200000"),
        "{:?}",
        a.truncated
    );
    assert!(a.cues.mistake > 0.0, "the words that were read still count");

    // 5,200 messages: the latest 5,000 are read; evidence points at the input's own indices
    let mut msgs: Vec<_> = (0..5_199)
        .map(|i| json!({"from": "agent", "text": format!("note {i}")}))
        .collect();
    msgs.push(json!({"from": "customer", "text": "This is the third time I write, you charged me twice."}));
    let a = e
        .assess(&json!({"id": "M", "customer": {}, "messages": msgs}), NOW)
        .unwrap();
    assert!(
        a.truncated[0].contains("5200 messages"),
        "{:?}",
        a.truncated
    );
    let spans: Vec<usize> = a
        .reasons
        .iter()
        .flat_map(|r| r.spans.iter().map(|s| s.message))
        .collect();
    assert!(
        !spans.is_empty() && spans.iter().all(|&m| m == 5_199),
        "{spans:?}"
    );

    // a normal ticket says nothing of cuts, in Rust and in its JSON
    let a = e
        .assess(
            &json!({"id": "N", "customer": {}, "messages": [{"from": "customer", "text": "hi"}]}),
            NOW,
        )
        .unwrap();
    assert!(a.truncated.is_empty());
    assert!(!serde_json::to_string(&a).unwrap().contains("truncated"));
}
