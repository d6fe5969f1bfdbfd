//! Inputs at the engine's edges that changed results silently (issue 15): names that show
//! nothing, a `now` that is not a moment.
#![cfg(not(target_arch = "wasm32"))]

use rapport::engine::AssessOptions;
use rapport::Engine;
use serde_json::json;

const NOW: i64 = 1_795_000_000_000;

fn greeting_engine() -> Engine {
    let mut e = Engine::new(None).unwrap();
    e.load_snippets(
        &json!([{"id": "hi", "body": "Hi {{ customer.first_name | default: \"there\" }}, thanks for writing."}]),
        true,
    )
    .unwrap();
    e
}

fn ticket(name: &str) -> serde_json::Value {
    json!({"id": "T", "customer": {"id": "c1", "name": name},
           "messages": [{"from": "customer", "text": "Where is my order?"}]})
}

#[test]
fn a_name_with_nothing_visible_is_no_name() {
    let invisible = [
        "\u{200B}",
        "\u{3164}",
        "\u{FEFF}",
        "\u{202E}",
        "\u{200B}\u{2060} \u{3164}",
        "\u{115F}\u{1160}",
        "\u{FFA0}",
        "\u{E0020}\u{E0041}",
        "\u{2800}",
        "\u{180E}\u{FE0F}",
        " \u{00AD} ",
    ];
    for name in invisible {
        // on the ticket
        let e = greeting_engine();
        let a = e.assess(&ticket(name), NOW).unwrap();
        assert_eq!(a.customer.name, None, "{name:?}");
        let text = &a.snippets[0].text;
        assert!(text.starts_with("Hi there,"), "{name:?} gave {text:?}");
        // in the history
        let mut e = greeting_engine();
        e.load_history(&json!({"customers": [{"id": "c1", "name": name}]}))
            .unwrap();
        let a = e.assess(&ticket(""), NOW).unwrap();
        assert!(a.customer.known);
        assert_eq!(a.customer.name, None, "{name:?}");
        assert!(a.snippets[0].text.starts_with("Hi there,"), "{name:?}");
    }
}

#[test]
fn bidi_controls_are_taken_out_of_names_and_visible_names_kept() {
    let e = greeting_engine();
    let a = e
        .assess(&ticket("\u{202E}Ana\u{202C} \u{200B}"), NOW)
        .unwrap();
    assert_eq!(a.customer.name.as_deref(), Some("Ana"));
    assert!(
        a.snippets[0].text.starts_with("Hi Ana,"),
        "{:?}",
        a.snippets[0].text
    );
    // a joiner inside a name is part of it (scripts and emoji need it)
    let a = e.assess(&ticket("क्\u{200D}ष Rao"), NOW).unwrap();
    assert_eq!(a.customer.name.as_deref(), Some("क्\u{200D}ष Rao"));
    let o = AssessOptions::from_json(&json!({"agent": "\u{200B}"}), NOW).unwrap();
    assert_eq!(o.agent, None);
}

#[test]
fn now_that_is_not_a_moment_is_refused_not_replaced_by_the_clock() {
    // NaN and Infinity arrive as null once JSON has carried them
    let e = AssessOptions::from_json(&json!({"now": null}), NOW).unwrap_err();
    assert_eq!(e.path, "options.now");
    for bad in [json!(1e300), json!("not a date"), json!(true)] {
        let e = AssessOptions::from_json(&json!({ "now": bad }), NOW).unwrap_err();
        assert_eq!(e.path, "options.now", "{bad}");
    }
    // absent: the clock given
    assert_eq!(AssessOptions::from_json(&json!({}), NOW).unwrap().now, NOW);
}
