//! The real WASM binding in headless Chromium (wasm-bindgen-test): the Engine class as JS sees
//! it, errors as JS `Error`s that name the field, and an engine that keeps working after them.
#![cfg(target_arch = "wasm32")]

use rapport::bindings::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON parses")
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |o, k| {
        js_sys::Reflect::get(&o, &JsValue::from_str(k)).unwrap()
    })
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "a JS Error");
    v.unchecked_into::<js_sys::Error>()
        .message()
        .as_string()
        .unwrap()
}

const TICKET: &str = r#"{"id":"t1","customer":{"email":"ANA@example.com "},"createdAt":"2026-11-23T09:00:00Z",
  "messages":[{"from":"customer","text":"Third time I write: you charged me twice and nobody answered!!!"}]}"#;
const NOW: &str = r#"{"now":"2026-11-23T12:00:00Z"}"#;

#[wasm_bindgen_test]
fn assesses_with_history_in_the_browser() {
    let mut e = Engine::new(None).unwrap();
    let rep: JsValue = e
        .load_history(js(r#"{"customers":[{"id":"c1","email":"ana@example.com","since":"2018-01-01","tier":"gold","lifetimeValue":8000}],
            "tickets":[{"id":"h1","customerId":"c1","createdAt":"2026-11-10","subject":"Charged twice","csat":1}]}"#).unchecked_into())
        .map_err(message)
        .unwrap()
        .into();
    assert_eq!(get(&rep, "added.tickets").as_f64(), Some(1.0));
    let a: JsValue = e
        .assess(js(TICKET).unchecked_into(), Some(js(NOW).unchecked_into()))
        .map_err(message)
        .unwrap()
        .into();
    assert_eq!(get(&a, "band").as_string().as_deref(), Some("critical"));
    assert_eq!(get(&a, "route").as_string().as_deref(), Some("steward"));
    let reasons: js_sys::Array = get(&a, "reasons").unchecked_into();
    let sum: f64 = reasons
        .iter()
        .map(|r| get(&r, "points").as_f64().unwrap())
        .sum();
    assert_eq!(Some(sum), get(&a, "score").as_f64());
}

#[wasm_bindgen_test]
fn bad_input_is_a_named_error_and_the_engine_survives() {
    let mut e = Engine::new(None).unwrap();
    let m = message(
        e.assess(JsValue::NULL.unchecked_into(), None)
            .err()
            .unwrap(),
    );
    assert!(m.starts_with("ticket: expected an object"), "{m}");
    let m = message(
        e.assess(js(r#"{"id":"x","customer":{}}"#).unchecked_into(), None)
            .err()
            .unwrap(),
    );
    assert!(m.starts_with("ticket.messages"), "{m}");
    let m = message(
        e.load_history(JsValue::from_str("not history").unchecked_into())
            .err()
            .unwrap(),
    );
    assert!(m.starts_with("history: expected an object"), "{m}");
    let m = message(
        e.feedback(js(r#"{"ticketId":"t","snippetId":"s","action":"explode"}"#).unchecked_into())
            .err()
            .unwrap(),
    );
    assert!(m.starts_with("feedback.action"), "{m}");
    let m = message(
        Engine::new(Some(
            js(r#"{"bands":"nonsense","weights":42}"#).unchecked_into(),
        ))
        .err()
        .unwrap(),
    );
    assert!(m.starts_with("config."), "{m}");
    let m = message(
        e.analyze_text(JsValue::from_f64(3.0).unchecked_into())
            .err()
            .unwrap(),
    );
    assert!(m.starts_with("text: expected a string"), "{m}");
    // a cyclic object is an error, not a crash
    let cyclic = js(r#"{"id":"c","customer":{},"messages":[]}"#);
    js_sys::Reflect::set(&cyclic, &JsValue::from_str("self"), &cyclic).unwrap();
    let m = message(e.assess(cyclic.unchecked_into(), None).err().unwrap());
    assert!(m.starts_with("ticket: cannot be read as JSON"), "{m}");
    // still works
    let a: JsValue = e
        .assess(js(TICKET).unchecked_into(), Some(js(NOW).unchecked_into()))
        .map_err(message)
        .unwrap()
        .into();
    assert_eq!(get(&a, "ticketId").as_string().as_deref(), Some("t1"));
}

#[wasm_bindgen_test]
fn analyze_text_batch_in_order() {
    let e = Engine::new(None).unwrap();
    let out: js_sys::Array = e
        .analyze_texts(
            js(r#"["I love this, thank you!", "This is terrible and I'm furious"]"#)
                .unchecked_into(),
        )
        .map_err(message)
        .unwrap()
        .unchecked_into();
    assert!(get(&out.get(0), "sentiment.compound").as_f64().unwrap() > 0.3);
    assert!(get(&out.get(1), "sentiment.compound").as_f64().unwrap() < -0.3);
    assert!(get(&out.get(1), "emotions.frustration").as_f64().unwrap() > 0.3);
}

#[cfg(feature = "outreach")]
#[wasm_bindgen_test]
fn outreach_and_insights_in_the_browser() {
    let mut e = Engine::new(None).unwrap();
    // Dee: NPS 3 nine days ago, nobody called (30 × (1 − 3/12) = 22.5 → 23); Bea: birthday in
    // 2 days (10)
    e.load_history(js(r#"{"customers":[{"id":"c1","name":"Bea B","birthday":"1990-11-25"},{"id":"c3","name":"Dee D"}],
        "surveys":[{"customerId":"c3","at":"2026-11-14","kind":"nps","score":3}]}"#).unchecked_into())
        .map_err(message)
        .unwrap();
    let l: js_sys::Array = e
        .outreach(js(r#"{"now":"2026-11-23T12:00:00Z"}"#).unchecked_into())
        .map_err(message)
        .unwrap()
        .unchecked_into();
    assert_eq!(l.length(), 2);
    assert_eq!(
        get(&l.get(0), "customer.id").as_string().as_deref(),
        Some("c3")
    );
    assert_eq!(get(&l.get(0), "score").as_f64(), Some(23.0));
    assert_eq!(get(&l.get(1), "score").as_f64(), Some(10.0));
    assert_eq!(
        get(&l.get(1), "snippet.id").as_string().as_deref(),
        Some("outreach-birthday")
    );
    let m = message(
        e.outreach(js(r#"{"now":"2026-11-23","limit":0}"#).unchecked_into())
            .err()
            .unwrap(),
    );
    assert_eq!(m, "options.limit: 0 is outside 1..1000");
    let r: JsValue = e
        .insights(
            js(r#"{"from":"2026-10-01","to":"2026-11-01","now":"2026-11-23"}"#).unchecked_into(),
        )
        .map_err(message)
        .unwrap()
        .into();
    assert!(get(&r, "byBand").is_instance_of::<js_sys::Array>());
    let critical = js_sys::Array::from(&get(&r, "byBand")).get(2);
    assert!(
        get(&critical, "csat.value").is_null(),
        "no data is null, not 0"
    );
    let m = message(
        e.insights(
            js(r#"{"from":"2026-11-01","to":"2026-10-01","now":"2026-11-23"}"#).unchecked_into(),
        )
        .err()
        .unwrap(),
    );
    assert!(
        m.starts_with("options.to: the period ends before it starts"),
        "{m}"
    );
    let csv = e
        .insights_csv(
            js(r#"{"from":"2026-10-01","to":"2026-11-01","now":"2026-11-23"}"#).unchecked_into(),
        )
        .map_err(message)
        .unwrap();
    assert!(csv.starts_with("section,group,bucket,metric,value,n,pending,note\r\n"));
}
