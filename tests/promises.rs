//! A promise of ours past due (`history.broken_promise`, src/signals/promise.rs): read from a
//! reply of ours in the thread, or from the subject of an earlier ticket on the same problem,
//! and answered with ownership. Each case has a twin where the date has not gone by yet.

use rapport::engine::AssessOptions;
use rapport::reply::Reply;
use rapport::time::parse_iso;
use rapport::Engine;
use serde_json::{json, Value};

fn seals(customer_wrote_at: &str) -> Value {
    json!({"id": "t1", "subject": "Replacement seals", "customer": {"id": "c1"}, "messages": [
        {"from": "customer", "at": "2026-11-16T08:30:00Z",
         "text": "Hello, when will the replacement hydraulic seals for press 3 ship?"},
        {"from": "agent", "at": "2026-11-16T11:10:00Z",
         "text": "Hi Piotr, I have checked with the warehouse: the seals will ship on Wednesday 18 November by express. Laura"},
        {"from": "customer", "at": customer_wrote_at,
         "text": "Dear Laura, can you please tell me when they will ship? Thank you. Piotr"}
    ]})
}

fn assess(e: &Engine, t: &Value, now: &str) -> rapport::Assessment {
    let o = AssessOptions {
        snippets: 3,
        ..AssessOptions::at(parse_iso(now).unwrap())
    };
    e.assess_with(t, &o).unwrap()
}

fn promise(a: &rapport::Assessment) -> Option<&rapport::signals::Reason> {
    a.reasons
        .iter()
        .find(|r| r.signal == *"history.broken_promise")
}

#[test]
fn a_date_in_our_reply_gone_by_is_a_broken_promise_owned_first() {
    let e = Engine::new(None).unwrap();
    let late = assess(&e, &seals("2026-11-20T08:45:00Z"), "2026-11-20T09:00:00Z");
    let r = promise(&late).expect("the promise of the 18th is past due on the 20th");
    assert!(r.points > 0);
    assert!(
        r.evidence.contains("will ship on Wednesday 18 November"),
        "{}",
        r.evidence
    );
    assert!(r.evidence.contains("due 2026-11-18"), "{}", r.evidence);
    // the words quoted are in our reply, message 1
    assert_eq!(r.spans.len(), 1);
    assert_eq!(r.spans[0].message, 1);
    assert_eq!(late.reply, Reply::Ownership);
    assert!(
        late.snippets[0].id.starts_with("ownership-"),
        "{}",
        late.snippets[0].id
    );

    // the same words a day before the date: nothing broken yet
    let early = assess(&e, &seals("2026-11-17T08:45:00Z"), "2026-11-17T09:00:00Z");
    assert!(promise(&early).is_none());
    assert!(late.score > early.score);
}

#[test]
fn a_thank_you_after_the_date_is_no_broken_promise() {
    let e = Engine::new(None).unwrap();
    let mut t = seals("2026-11-20T08:45:00Z");
    t["messages"][2]["text"] =
        json!("They arrived this morning, thank you so much Laura, brilliant service!");
    assert!(promise(&assess(&e, &t, "2026-11-20T09:00:00Z")).is_none());
}

fn mortgage_history() -> Value {
    json!({
        "customers": [{"id": "c2", "name": "Leila Haddadi", "since": "2019-01-28", "lifetimeValue": 14200}],
        "tickets": [{"id": "h2", "customerId": "c2", "createdAt": "2026-11-11T14:00:00Z", "channel": "chat",
                     "subject": "Rate switch MP-20871 - adviser to call back Mon 16 Nov with options",
                     "tags": ["mortgage", "callback_promised"]}]
    })
}

#[test]
fn a_callback_promised_in_an_earlier_ticket_and_missed_is_cited_from_it() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&mortgage_history()).unwrap();
    let t = json!({"id": "t2", "subject": "Mortgage rate switch MP-20871", "customer": {"id": "c2"}, "messages": [
        {"from": "customer", "at": "2026-11-19T11:37:00Z", "text": "hi, any update on my mortgage rate switch? ref MP-20871"}
    ]});
    let late = assess(&e, &t, "2026-11-19T12:00:00Z");
    let r = promise(&late).expect("the callback of Monday 16th was missed");
    assert_eq!(r.source.as_deref(), Some("ticket h2"));
    assert!(r.evidence.contains("due 2026-11-16"), "{}", r.evidence);
    assert_eq!(late.reply, Reply::Ownership);
    // asked on the Sunday before the callback: nothing is late
    let mut t = t;
    t["messages"][0]["at"] = json!("2026-11-15T11:37:00Z");
    let early = assess(&e, &t, "2026-11-15T12:00:00Z");
    assert!(promise(&early).is_none());
}

#[test]
fn an_empty_message_after_the_date_is_no_thank_you() {
    // a thank-you letter opens the thread and our reply promises a date; an empty message from
    // the customer after it says nothing, so it cannot say the promise was kept (it was once
    // read as the whole thread, whose letter did)
    let t = |text: &str| {
        json!({"id": "t2", "subject": "Thank you", "customer": {"id": "c2"}, "messages": [
            {"from": "customer", "at": "2026-11-16T08:30:00Z",
             "text": "I just wanted to say a huge thank you to Amara in your support team. She was wonderful, so patient and kind, and sorted everything. Please pass on my thanks!"},
            {"from": "agent", "at": "2026-11-16T11:10:00Z",
             "text": "Thank you so much for your kind words, I will pass them on to Amara on Wednesday 18 November when she is back. Laura"},
            {"from": "customer", "at": "2026-11-20T08:45:00Z", "text": text}
        ]})
    };
    let e = Engine::new(None).unwrap();
    let empty = assess(&e, &t(""), "2026-11-20T09:00:00Z");
    assert!(
        promise(&empty).is_some(),
        "{:?}",
        empty.reasons.iter().map(|r| r.signal).collect::<Vec<_>>()
    );
    // a thank-you of its own after the date still says it was kept
    let thanked = assess(
        &e,
        &t("Amara called me, thank you so much, that was lovely!"),
        "2026-11-20T09:00:00Z",
    );
    assert!(promise(&thanked).is_none());
}
