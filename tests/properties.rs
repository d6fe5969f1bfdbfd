//! Property tests: `assess` never panics on arbitrary text and arbitrary, ill-formed history;
//! the score is always the sum of the reasons and within 0..100; loading never panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rapport::Engine;
use serde_json::{json, Map, Value};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("2026-11-23"),
            Just("2026-02-30"),
            Just("1899-01-01T00:00Z"),
            Just("2026-11-23T25:61:00+99:00"),
            Just("")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("customerId".to_string()),
                        Just("createdAt".to_string()),
                        Just("csat".to_string()),
                        Just("score".to_string()),
                        Just("kind".to_string()),
                        Just("email".to_string()),
                        Just("at".to_string()),
                        Just("since".to_string()),
                        "[a-z]{1,8}"
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// History-shaped values: the right top-level keys, arbitrary records inside.
fn any_history() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(any_json(), 0..5),
        prop::collection::vec(any_json(), 0..5),
        prop::collection::vec(any_json(), 0..5),
        prop::collection::vec(any_json(), 0..5),
    )
        .prop_map(|(c, t, o, s)| json!({"customers": c, "tickets": t, "orders": o, "surveys": s}))
}

/// Plausible records with random values, so many pass validation and reach the facts.
fn plausible_history() -> impl Strategy<Value = Value> {
    let date = prop_oneof![
        Just("2019-05-01"),
        Just("2026-11-20T10:00:00Z"),
        Just("2030-01-01"),
        Just("2026-11-23"),
        Just("1990-02-29")
    ];
    let rec = (
        date.clone(),
        date.clone(),
        0u8..12,
        -5.0f64..1e6,
        prop::option::of("[a-z ]{0,12}"),
        0u8..3,
    );
    prop::collection::vec(rec, 0..12).prop_map(|rs| {
        let mut h = json!({"customers": [], "tickets": [], "orders": [], "surveys": []});
        for (i, (d1, d2, n, amount, text, who)) in rs.into_iter().enumerate() {
            let cid = format!("c{who}");
            h["customers"].as_array_mut().unwrap().push(json!({"id": cid, "since": d1, "birthday": d2, "tier": text, "lifetimeValue": amount}));
            h["tickets"].as_array_mut().unwrap().push(json!({"id": format!("t{i}"), "customerId": cid, "createdAt": d1, "solvedAt": d2, "csat": n, "subject": text, "channel": text, "durationSeconds": amount}));
            h["orders"].as_array_mut().unwrap().push(json!({"id": format!("o{i}"), "customerId": cid, "at": d2, "total": amount}));
            h["surveys"].as_array_mut().unwrap().push(json!({"customerId": cid, "at": d1, "kind": if n % 2 == 0 { "nps" } else { "csat" }, "score": n}));
        }
        h
    })
}

fn ticket(texts: Vec<(u8, String)>, who: u8) -> Value {
    let messages: Vec<Value> = texts
        .into_iter()
        .map(|(k, t)| {
            let from = ["customer", "agent", "note"][k as usize % 3];
            json!({"from": from, "text": t})
        })
        .collect();
    json!({"id": "t", "customer": {"id": format!("c{who}")}, "createdAt": "2026-11-01", "messages": messages})
}

fn check(a: &rapport::Assessment) {
    let sum: i32 = a.reasons.iter().map(|r| r.points).sum();
    assert_eq!(sum, a.score);
    assert!((0..=100).contains(&a.score));
    assert!((-1.0..=1.0).contains(&a.sentiment.compound));
}

/// The plain definition `snippets::is_broken` must agree with (it is written for speed).
fn broken_by_definition(text: &str) -> bool {
    let bad_pair = text.as_bytes().windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            (b'{', b'{' | b'%') | (b'#' | b'%', b'{') | (b'}' | b'%', b'}') | (b' ', b',')
        )
    });
    bad_pair
        || text.trim().is_empty()
        || text
            .split('\n')
            .any(|l| matches!(l.trim(), "-" | "–" | "—"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn is_broken_matches_its_definition(text in "([ a-z{}%#,\n\t-]|–|—|\\PC){0,40}") {
        prop_assert_eq!(rapport::snippets::is_broken(&text), broken_by_definition(&text), "{:?}", text);
    }

    #[test]
    fn assess_never_panics_on_arbitrary_text(texts in prop::collection::vec((0u8..3, "\\PC{0,200}"), 1..5), now in 0i64..4_000_000_000_000) {
        let e = Engine::new(None).unwrap();
        let a = e.assess(&ticket(texts, 0), now).unwrap();
        check(&a);
    }

    #[test]
    fn loading_arbitrary_json_never_panics(h in any_json(), h2 in any_history(), t in any_json()) {
        let mut e = Engine::new(None).unwrap();
        let _ = e.load_history(&h);
        let _ = e.load_history(&h2);
        let _ = e.assess(&t, 0);
        let _ = e.feedback(&t);
        let _ = Engine::new(Some(&t));
    }

    #[test]
    fn score_is_the_sum_of_reasons_with_any_history(h in plausible_history(), texts in prop::collection::vec((0u8..3, ".{0,120}"), 1..4), who in 0u8..3,
                                                     words in prop::collection::vec(prop::sample::select(vec!["charged", "twice", "cancel", "account", "third", "time", "furious", "!!!", "LOVE", "thanks", "not", "never", "still", "😠", "wedding"]), 0..12)) {
        let mut e = Engine::new(None).unwrap();
        e.load_history(&h).unwrap();
        let mut texts = texts;
        texts.push((0, words.join(" ")));
        let a = e.assess(&ticket(texts, who), rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap()).unwrap();
        check(&a);
    }

    #[test]
    fn heavy_weights_are_clamped_and_shown(w in 50.0f64..100.0) {
        let e = Engine::new(Some(&json!({"weights": {"cue.mistake": w, "cue.churn": w, "cue.effort": w, "sentiment.negative": -w}}))).unwrap();
        let a = e.assess(&ticket(vec![(0, "Charged twice, third time, I'm cancelling my account".into())], 0), 0).unwrap();
        check(&a);
        prop_assert!(a.reasons.iter().any(|r| r.signal == "clamp"));
    }
}

mod snippet_safety {
    use proptest::prelude::*;
    use rapport::snippets::template::{render, Template, Value};
    use rapport::snippets::{html, tidy};

    fn value() -> impl Strategy<Value = Option<Value>> {
        prop_oneof![
            Just(None),
            "\\PC{0,40}".prop_map(|s| Some(Value::Text(s.into()))),
            prop_oneof![
                Just("<script>alert(1)</script>"),
                Just("\"><img src=x onerror=alert(1)>"),
                Just("{{ customer.name }}"),
                Just("&amp;<b>")
            ]
            .prop_map(|s| Some(Value::Text(s.into()))),
            any::<f64>().prop_map(|n| Some(Value::Number(n))),
            (-4_000_000_000_000i64..4_000_000_000_000).prop_map(|d| Some(Value::Date(d))),
            prop::collection::vec("\\PC{0,10}", 0..4).prop_map(|l| Some(Value::List(l.into()))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

        /// Whatever the template and whatever the customer's values, parsing and rendering never
        /// panic, and the HTML rendering holds no markup but our own line breaks.
        #[test]
        fn rendering_never_panics_and_never_injects_markup(src in "\\PC{0,120}", pieces in prop::collection::vec(prop_oneof![
                Just("{{ customer.first_name }}".to_string()), Just("{{ customer.name | default: \"<i>x</i>\" | upcase }}".to_string()),
                Just("{% if customer.tier == \"gold\" %}G{% else %}<b>{% endif %}".to_string()), Just("{{ last_order.date | date: \"long\" }}".to_string()),
                Just("{{ orders.count | plural: \"order\", \"orders\" }}".to_string()), Just("{{ last_order.items | join: \" & \" }}".to_string()),
                Just("{% if".to_string()), Just("}}".to_string()), Just("<a href=\"javascript:x\">".to_string())], 0..6),
                v1 in value(), v2 in value(), v3 in value(), v4 in value()) {
            let mut body = src.clone();
            for p in &pieces {
                body.push_str(p);
            }
            let facts = [("customer.first_name", v1), ("customer.name", v2), ("customer.tier", v3), ("last_order.date", v4.clone()), ("orders.count", v4.clone()), ("last_order.items", v4)];
            if let Ok(t) = Template::parse(&body) {
                let r = render(&t, &|p| facts.iter().find(|f| f.0 == p).and_then(|f| f.1.clone()));
                let h = html(&tidy(&r.text));
                prop_assert!(!h.replace("<br>", "").contains('<'), "{h}");
                prop_assert!(!h.replace("<br>", "").contains('>'), "{h}");
                prop_assert!(!h.contains('"'));
            }
        }
    }
}
