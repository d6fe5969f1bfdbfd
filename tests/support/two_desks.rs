//! What the two-desk tests share (`tests/two_desks.rs`, `tests/hostile_feedback.rs`,
//! `tests/hostile_proposals.rs`): an export row of an assessment, a record of one, Ana's and
//! Bo's #1001 open on two desks, and a smashed-mug ticket and its first snippet.
#![allow(dead_code)]
use rapport::history::records::CustomerRef;
use rapport::score::Band;
use rapport::seen::Assessed;
use rapport::text::Kind;
use rapport::Engine;
use serde_json::{json, Value};

pub fn ms(s: &str) -> i64 {
    rapport::time::parse_iso(s).unwrap()
}

/// An export row of an assessment of ticket `t` (a transactional band reads a routine intent).
pub fn arow(t: &str, id: Option<&str>, email: Option<&str>, at: &str, band: &str) -> Value {
    let mut r = json!({"record": "assessment", "ticketId": t, "at": at, "score": 50,
        "band": band, "intent": "complaint", "intentKind": "relational"});
    if band == "transactional" {
        r["intent"] = json!("product_info");
        r["intentKind"] = json!("transactional");
    }
    if let Some(i) = id {
        r["customerId"] = json!(i);
    }
    if let Some(e) = email {
        r["customerEmail"] = json!(e);
    }
    r
}

/// Ana's and Bo's #1001, both assessed with a follow-up, neither answered yet.
pub fn two_open_tickets() -> Engine {
    let mut e = Engine::new(None).unwrap();
    let mut rows = Vec::new();
    for (name, email, at) in [
        ("Ana", "ana@a.org", "2026-11-20T10:00:00Z"),
        ("Bo", "bo@b.org", "2026-11-20T11:00:00Z"),
    ] {
        let mut r = arow("1001", None, Some(email), at, "critical");
        r["customerName"] = json!(name);
        r["followUpDays"] = json!(1);
        r["followUpReason"] = json!(format!("{name}'s refund"));
        rows.push(r);
    }
    assert_eq!(e.import_learning(&json!(rows)).unwrap().imported, 2);
    e
}

/// A transactional record of ticket `t` for `c` at `at`.
pub fn rec(t: &str, c: CustomerRef, at: i64) -> Assessed {
    Assessed {
        ticket_id: t.into(),
        customer: c,
        name: None,
        at,
        score: 1,
        band: Band::Transactional,
        intent: "x".into(),
        kind: Kind::Transactional,
        unsure: false,
        follow_up: None,
        closed: false,
    }
}

pub const SMASHED: &str =
    "The parcel arrived today and the mug inside is smashed. Can you send another?";

/// Ticket `id` from `customer`, one message: the smashed mug.
pub fn ticket(id: &str, customer: Value) -> Value {
    json!({"id": id, "customer": customer, "messages": [{"from": "customer", "text": SMASHED}]})
}

/// The first snippet offered on `#1001` for `customer`.
pub fn top(e: &Engine, customer: Value) -> String {
    e.assess(&ticket("1001", customer), ms("2026-11-20T10:00:00Z"))
        .unwrap()
        .snippets[0]
        .id
        .to_string()
}

/// Every row `exportLearning` gives.
pub fn rows(e: &Engine) -> Vec<Value> {
    serde_json::to_value(e.export_learning())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}
