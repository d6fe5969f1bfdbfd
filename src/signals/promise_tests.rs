use super::*;
use crate::time::parse_iso;

fn at(s: &str) -> i64 {
    parse_iso(s).unwrap()
}

/// The last millisecond of the day `d` (UTC).
fn end(d: &str) -> i64 {
    at(d) + MS_PER_DAY - 1
}

fn due_of(text: &str, said: &str) -> Option<i64> {
    due(text, at(said), false).map(|d| d.0)
}

#[test]
fn the_first_date_a_reply_promises_is_its_deadline() {
    // Tuesday 10 November 2026
    let said = "2026-11-10T08:40:00Z";
    let text = "Hi Amara, I've spoken to the warehouse: the rotor will ship on Friday 13 November \
                and reach you by Tuesday 17 November at the latest. Jonas";
    assert_eq!(due_of(text, said), Some(end("2026-11-13")));
    // a decimal point ends no sentence, "tmrw" is tomorrow
    assert_eq!(
        due_of(
            "We will refund EUR 312.40 to your card within 7 working days.",
            said
        ),
        Some(end("2026-11-19"))
    );
    assert_eq!(
        due_of("ill send a new code by tmrw morning", said),
        Some(end("2026-11-11"))
    );
    // the sentence quoted is the one that promises
    let (_, s, e) = due(text, at(said), false).unwrap();
    assert!(text[s..e].contains("will ship on Friday 13 November"));
    assert!(!text[s..e].contains("Hi Amara"));
}

#[test]
fn weekdays_and_relative_days_count_from_the_day_said() {
    let tue = "2026-11-10T15:00:00Z";
    assert_eq!(
        due_of("I'll call you tomorrow.", tue),
        Some(end("2026-11-11"))
    );
    assert_eq!(
        due_of("We'll have it fixed today", tue),
        Some(end("2026-11-10"))
    );
    assert_eq!(
        due_of("It should be with you on Friday", tue),
        Some(end("2026-11-13"))
    );
    // the same weekday as today is next week's
    assert_eq!(
        due_of("I will call on Tuesday", tue),
        Some(end("2026-11-17"))
    );
    assert_eq!(
        due_of("we'll send it next week", tue),
        Some(end("2026-11-22"))
    );
    assert_eq!(
        due_of("we'll send it this week", tue),
        Some(end("2026-11-15"))
    );
    assert_eq!(
        due_of("Your refund will arrive in 5 days", tue),
        Some(end("2026-11-15"))
    );
    // "we’ll" with a typographic apostrophe, and a date written month first
    assert_eq!(due_of("we’ll ship Nov 20th", tue), Some(end("2026-11-20")));
}

#[test]
fn hours_are_counted_exactly_and_working_days_skip_the_weekend() {
    let fri = "2026-11-13T10:00:00Z";
    assert_eq!(
        due_of(
            "An engineer will call you within 48 hours to book a visit.",
            fri
        ),
        Some(at("2026-11-15T10:00:00Z"))
    );
    assert_eq!(
        due_of("we will reply within 24h", fri),
        Some(at("2026-11-14T10:00:00Z"))
    );
    // 3–5 working days from a Friday: the Friday after
    assert_eq!(
        due_of("It will reach your card in 3–5 working days.", fri),
        Some(end("2026-11-20"))
    );
}

#[test]
fn a_day_alone_minutes_and_a_couple_of_days_are_read() {
    let tue = "2026-11-10T15:00:00Z";
    assert_eq!(
        due_of("The report will be with you by the 20th.", tue),
        Some(end("2026-11-20"))
    );
    // the 5th has gone by in November: December's
    assert_eq!(
        due_of("It will be with you by the 5th.", tue),
        Some(end("2026-12-05"))
    );
    assert_eq!(
        due_of("we'll ship it on the 3rd of December", tue),
        Some(end("2026-12-03"))
    );
    assert_eq!(
        due_of("I'll send the link in the next 10 minutes", tue),
        Some(at("2026-11-10T15:10:00Z"))
    );
    assert_eq!(
        due_of("billing will email you in a couple of days", tue),
        Some(end("2026-11-12"))
    );
}

#[test]
fn no_promise_without_our_word_a_date_ahead_or_with_a_question() {
    let tue = "2026-11-10T15:00:00Z";
    // a question makes no promise
    assert_eq!(
        due_of("Would Tuesday suit you? We will confirm.", tue),
        None
    );
    // a date without a promise
    assert_eq!(
        due_of("Your order shipped on Monday 9 November.", tue),
        None
    );
    // a promise without a date
    assert_eq!(due_of("We will look into it and let you know.", tue), None);
    // a date already gone when it was said is about something else
    assert_eq!(
        due_of("We will honour the price you paid on 2 November.", tue),
        None
    );
    // a condition, a hedge
    assert_eq!(
        due_of(
            "If it hasn't arrived by Friday, let us know and we'll send another.",
            tue
        ),
        None
    );
    assert_eq!(
        due_of(
            "They might be able to look at it before Friday, I'll ask.",
            tue
        ),
        None
    );
    assert_eq!(
        due_of("We'll do our best, but I can't guarantee Friday.", tue),
        None
    );
    // an amount of time before something else happens
    assert_eq!(
        due_of("They'll ring you 30 minutes before they arrive.", tue),
        None
    );
    // a reference number is no amount of days, "sat" no Saturday
    assert_eq!(due_of("Order 12345 will be sat at the depot", tue), None);
}

#[test]
fn a_subject_promises_a_callback_in_its_own_words() {
    let said = at("2026-11-11T14:00:00Z");
    let s = "Rate switch MP-20871 – adviser to call back Mon 16 Nov with options";
    assert_eq!(due(s, said, true).map(|d| d.0), Some(end("2026-11-16")));
    // in a reply, "call" alone is not our promise ("call us on Monday")
    assert_eq!(due("Call us on Monday", said, false), None);
}

fn thread(messages: serde_json::Value) -> Ticket {
    crate::ticket::ticket(
        &serde_json::json!({"id": "t1", "customer": {"id": "c1"}, "messages": messages}),
        "ticket",
    )
    .unwrap()
}

#[test]
fn a_message_after_the_deadline_breaks_the_promise_one_before_it_does_not() {
    let promise = "the seals will ship on Wednesday 18 November by express.";
    let after = thread(serde_json::json!([
        {"from": "customer", "at": "2026-11-16T08:30:00Z", "text": "When will the seals ship?"},
        {"from": "agent", "at": "2026-11-16T11:10:00Z", "text": promise},
        {"from": "customer", "at": "2026-11-20T08:45:00Z", "text": "Nothing was shipped on Wednesday."}
    ]));
    let (i, s, e, d) = broken_in_thread(&after, &|_| false).unwrap();
    assert_eq!((i, &promise[s..e]), (1, &promise[..promise.len() - 1]));
    assert_eq!(d, end("2026-11-18"));
    let before = thread(serde_json::json!([
        {"from": "agent", "at": "2026-11-16T11:10:00Z", "text": promise},
        {"from": "customer", "at": "2026-11-17T08:45:00Z", "text": "Great, and the invoice?"}
    ]));
    assert_eq!(broken_in_thread(&before, &|_| false), None);
    // a reply of ours after the promise, without one, replaces it
    let updated = thread(serde_json::json!([
        {"from": "agent", "at": "2026-11-16T11:10:00Z", "text": promise},
        {"from": "agent", "at": "2026-11-18T16:00:00Z", "text": "They left today, here is the tracking."},
        {"from": "customer", "at": "2026-11-20T08:45:00Z", "text": "Where are they now?"}
    ]));
    assert_eq!(broken_in_thread(&updated, &|_| false), None);
    // an undated message cannot be placed after the deadline
    let undated = thread(serde_json::json!([
        {"from": "agent", "at": "2026-11-16T11:10:00Z", "text": promise},
        {"from": "customer", "text": "Any news?"}
    ]));
    assert_eq!(broken_in_thread(&undated, &|_| false), None);
}
