//! A second contact on one problem is found by topic, and the topics are not only a shop's:
//! a meter reading, a broken connection, a bank feed that stopped syncing, an insurance claim.
//! Before session 21 the topics knew deliveries, bills, refunds and the like, so a chaser on
//! any of these found no earlier ticket on the same problem.

use rapport::engine::AssessOptions;
use rapport::Engine;
use serde_json::json;

fn repeats(history_subject: &str, text: &str) -> bool {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({
        "customers": [{"id": "c1", "name": "Olu Ade", "since": "2021-03-18"}],
        "tickets": [{"id": "h1", "customerId": "c1", "createdAt": "2026-10-20T09:05:00Z",
                     "subject": history_subject}]
    }))
    .unwrap();
    let now = rapport::time::parse_iso("2026-10-28T14:00:00Z").unwrap();
    let a = e
        .assess_with(
            &json!({"id": "t1", "customer": {"id": "c1"},
                    "messages": [{"from": "customer", "text": text}]}),
            &AssessOptions::at(now),
        )
        .unwrap();
    a.reasons
        .iter()
        .any(|r| r.signal.id() == "history.repeat_topic")
}

#[test]
fn a_chaser_on_a_meter_reading_a_line_a_feed_or_a_claim_is_a_second_contact() {
    for (before, now) in [
        (
            "Bill based on estimated reading, actual reading ignored",
            "Any update on the meter reading issue?",
        ),
        (
            "Broadband dropping every evening",
            "hi the internet is still cutting out, any news?",
        ),
        (
            "Bank feed not syncing since 2 Nov",
            "is anyone looking at our bank feed? nothing has come through",
        ),
        (
            "Claim for storm damage to the fence",
            "Could you tell me where my claim has got to?",
        ),
    ] {
        assert!(repeats(before, now), "{before} / {now}");
    }
    // a different problem of the same customer is not a repeat
    assert!(!repeats(
        "Broadband dropping every evening",
        "Could you send me a copy of my policy documents?"
    ));
}

#[test]
fn a_letter_that_arrived_is_no_delivery() {
    // "arrived" alone made an invoice question a third contact about a late espresso machine
    // (the demo's sample customer): it is a delivery word only where something has not come,
    // is to come or came broken
    assert!(!repeats(
        "Espresso machine delivery late",
        "In October we cancelled the cleaning contract, so why has a new invoice for November arrived?"
    ));
    assert!(repeats(
        "Espresso machine delivery late",
        "It still has not arrived. What is going on?"
    ));
    assert!(repeats(
        "Parcel late",
        "the box arrived damaged, the glasses inside are broken"
    ));
}

#[test]
fn a_new_routine_request_on_a_nearby_topic_is_no_repeat() {
    // after a broadband fault: asking to upgrade, to move the line or to drop one add-on is a
    // new request, not a third contact on the fault (it was +72 points, critical)
    for now in [
        "Hi, can I upgrade my broadband to the 1Gb plan? What's the monthly price?",
        "We're moving house on 5 December, how do I transfer my internet to the new address?",
        "i want to cancel the sports pack only, keep the broadband and phone",
    ] {
        assert!(
            !repeats("Internet keeps dropping every evening", now),
            "{now}"
        );
    }
    // the same request with a word of a follow-up, or the fault itself, still is one
    for now in [
        "Any update? Can I upgrade my broadband now that it is fixed?",
        "The broadband dropped again last night",
    ] {
        assert!(
            repeats("Internet keeps dropping every evening", now),
            "{now}"
        );
    }
}
