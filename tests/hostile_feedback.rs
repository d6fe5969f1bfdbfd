#![cfg(feature = "outreach")]
//! A hostile read of c257370 (session 53): `feedback` names the customer's ticket, `Sent`
//! carries the customer, `seen::sent_on` (now `SentByTicket::on`) and `Seen::is_latest` in
//! outreach and insights, and the merge-sorted eviction. Two desks both at #1001: Ana (desk A) and Bo (desk B). Written by a
//! hostile helper session; four attacks failed on c257370 and are fixed after it (h06, h07: a
//! `customer` naming no one read as every customer's ticket; h22: the fallback ignored the
//! feedback's own time; h12: `resetLearning` kept the dismissals; h08, h09, which printed what
//! they saw, assert since session 55 kept proposals per customer's ticket). Its cost probe (thousands of
//! customers' records and tens of thousands of snippets sent on one ticket number: outreach
//! and insights pair every record with every snippet sent on that number, 1.4 s and 1.8 s in
//! release for 5,000 x 20,000) is in the session's note, not here.
use rapport::history::records::CustomerRef;
use rapport::seen::{Assessed, Seen, MAX_ASSESSED};
use rapport::Engine;
use serde_json::{json, Value};
#[path = "support/two_desks.rs"]
mod setup;
use setup::{arow, ms, rows, ticket, top, two_open_tickets};

fn sent_rows(e: &Engine) -> Vec<Value> {
    rows(e)
        .into_iter()
        .filter(|r| r["record"] == "sent")
        .collect()
}

fn keys(l: &[rapport::outreach::Outreach]) -> Vec<String> {
    let mut k: Vec<String> = l
        .iter()
        .map(|x| x.customer.id.clone().or(x.customer.email.clone()).unwrap())
        .collect();
    k.sort();
    k
}

fn due(e: &Engine) -> Vec<String> {
    keys(&e.outreach(&json!({"now": "2026-11-23T12:00:00Z"})).unwrap())
}

fn insert(e: &mut Engine, customer: Option<Value>) -> Result<(), String> {
    let mut f = json!({"ticketId": "1001", "snippetId": "apology", "action": "inserted",
        "at": "2026-11-20T12:00:00Z"});
    if let Some(c) = customer {
        f["customer"] = c;
    }
    e.feedback(&f).map(|_| ()).map_err(|x| x.to_string())
}

// ------------------------------------------------------------------ 1. naming the customer

/// The feedback names Ana by her address in another case and with spaces: it is Ana's
/// ticket, her proposal (a dismissal sets the snippet aside on her next assessment) and her
/// sent record (normalized address).
#[test]
fn h01_email_case_and_spaces_name_the_assessed_customer() {
    let mut e = Engine::new(None).unwrap();
    let first = top(&e, json!({"email": "bo@b.org"}));
    assert_eq!(top(&e, json!({"email": "ana@a.org"})), first);
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "  ANA@A.Org "},
        "snippetId": first, "action": "dismissed"}),
    )
    .unwrap();
    assert_ne!(
        top(&e, json!({"email": "Ana@a.org"})),
        first,
        "dismissal named ' ANA@A.Org ' not applied to Ana's ticket"
    );
    e.feedback(
        &json!({"ticketId": 1001, "customer": {"email": "ANA@A.ORG"},
        "snippetId": "apology", "action": "inserted"}),
    )
    .unwrap();
    let s = sent_rows(&e);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["customerEmail"], "ana@a.org", "{:?}", s[0]);
    assert_eq!(s[0]["ticketId"], "1001");
}

/// Ana is a1 / ana@x.org in the history. Assessed from a page that showed her address; the
/// feedback names her id (another page): one customer (Engine::same_customer via the store).
#[test]
fn h02_feedback_by_id_of_a_customer_assessed_by_email() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org", "name": "Ana"}]}))
        .unwrap();
    let first = top(&e, json!({"email": "ana@x.org"}));
    e.feedback(&json!({"ticketId": "1001", "customer": {"id": "a1"},
        "snippetId": first, "action": "dismissed"}))
        .unwrap();
    assert_ne!(top(&e, json!({"id": "a1"})), first, "by id");
    assert_ne!(top(&e, json!({"email": "ana@x.org"})), first, "by email");
    e.feedback(&json!({"ticketId": "1001", "customer": {"id": "a1"},
        "snippetId": "apology", "action": "inserted", "at": "2026-11-20T12:00:00Z"}))
        .unwrap();
    let s = sent_rows(&e);
    assert_eq!(s[0]["customerId"], "a1");
    // the record was assessed (enriched) as a1 + ana@x.org: the sent answers it
    let v = serde_json::to_value(
        e.insights(&json!({"from": "2026-11-01", "to": "2026-12-01",
            "now": "2027-02-01T00:00:00Z"}))
            .unwrap(),
    )
    .unwrap();
    let no = v["byRoute"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "noSnippet")
        .unwrap()["tickets"]
        .clone();
    assert_eq!(no, json!(0), "{}", v["byRoute"]);
}

/// A numeric customer id on the feedback is the assessed string id.
#[test]
fn h03_numeric_customer_id_is_its_text() {
    let mut e = Engine::new(None).unwrap();
    let first = top(&e, json!({"id": "17"}));
    top(&e, json!({"id": "18"}));
    top(&e, json!({"id": "17"}));
    e.feedback(&json!({"ticketId": 1001, "customer": {"id": 17},
        "snippetId": first, "action": "dismissed"}))
        .unwrap();
    assert_ne!(top(&e, json!({"id": " 17 "})), first);
}

// ------------------------------------------------------------------ 2. odd shapes

/// Before any assess, with and without a customer: recorded, no panic, and the sent record
/// names whom it was told (or no one).
#[test]
fn h04_feedback_before_any_assess() {
    let mut e = Engine::new(None).unwrap();
    insert(&mut e, None).unwrap();
    insert(&mut e, Some(json!({"id": "a1"}))).unwrap();
    e.feedback(
        &json!({"ticketId": "1001", "snippetId": "x", "action": "dismissed",
        "customer": {"email": "ana@a.org"}}),
    )
    .unwrap();
    let s = sent_rows(&e);
    assert_eq!(s.len(), 2);
    assert!(s[0].get("customerId").is_none() && s[0].get("customerEmail").is_none());
    assert_eq!(s[1]["customerId"], "a1");
    assert_eq!(e.feedback_events().len(), 3);
}

/// `customer: null` is absence; a number, an array, a string, a bad address, a 201-character
/// id, a boolean id are refused with the field named; nothing is recorded for them.
#[test]
fn h05_customer_null_is_absent_and_odd_types_are_refused() {
    let mut e = two_open_tickets();
    insert(&mut e, Some(Value::Null)).unwrap();
    // (null: the ticket of that number recorded last, Bo's)
    assert_eq!(due(&e), ["bo@b.org"]);
    let long = "x".repeat(201);
    for (c, field) in [
        (json!(5), "feedback.customer"),
        (json!([]), "feedback.customer"),
        (json!(["ana@a.org"]), "feedback.customer"),
        (json!("ana@a.org"), "feedback.customer"),
        (json!({"email": "nope"}), "feedback.customer.email"),
        (
            json!({"email": "\u{212A}ate@x.org"}),
            "feedback.customer.email",
        ),
        (
            json!({"email": "a\u{200B}na@a.org"}),
            "feedback.customer.email",
        ),
        (json!({"id": long}), "feedback.customer.id"),
        (json!({"id": true}), "feedback.customer.id"),
        (json!({"id": {"x": 1}}), "feedback.customer.id"),
    ] {
        let r = insert(&mut e, Some(c.clone()));
        let m = r.expect_err(&format!("{c} accepted"));
        assert!(m.contains(field), "{c}: {m}");
    }
    assert_eq!(sent_rows(&e).len(), 1, "a refused feedback left a record");
    assert_eq!(e.feedback_events().len(), 1);
}

/// `customer: {}` (or one that names no one: an empty id, only a name, a misspelt key). The
/// proposal check reads it as another customer than the proposal's (a dismissal is not
/// applied), but `sent_on` reads a sent record naming no one as every customer's: one insert
/// answers both desks' #1001, the leak the change set out to close. Expected: like no
/// customer (the ticket of that number assessed last), or refused.
#[test]
fn h06_a_customer_naming_no_one_answers_both_desks() {
    let mut fails = Vec::new();
    for c in [
        json!({}),
        json!({"id": ""}),
        json!({"id": "   ", "email": ""}),
        json!({"name": "Ana"}),
        json!({"emial": "ana@a.org"}),
    ] {
        let mut e = two_open_tickets();
        let r = insert(&mut e, Some(c.clone()));
        if r.is_err() {
            continue; // refused: fine
        }
        let d = due(&e);
        if d.len() != 1 {
            fails.push(format!(
                "{c}: follow-ups due for {d:?} (one insert answered both)"
            ));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// The same with a live proposal: Ana then Bo assessed (Bo's open); a dismissal with
/// `customer: {}` is not applied to Bo's ticket (unlike the same feedback without `customer`).
#[test]
fn h07_empty_customer_dismissal_on_the_open_ticket() {
    let mut e = Engine::new(None).unwrap();
    let first = top(&e, json!({"email": "ana@a.org"}));
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), first);
    e.feedback(
        &json!({"ticketId": "1001", "customer": {}, "snippetId": first,
        "action": "dismissed"}),
    )
    .unwrap();
    assert_ne!(
        top(&e, json!({"email": "bo@b.org"})),
        first,
        "customer {{}} dismissal dropped: not applied to the open ticket (Bo's)"
    );
}

// ------------------------------------------------------------------ 3. dismissal orders

/// Ana dismisses X; Bo's #1001 is assessed: Bo is offered X (not his dismissal).
#[test]
fn h08_ana_dismisses_then_bo_is_assessed() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    e.feedback(&json!({"ticketId": "1001", "snippetId": x, "action": "dismissed"}))
        .unwrap();
    assert_ne!(top(&e, json!({"email": "ana@a.org"})), x, "Ana: set aside");
    assert_eq!(
        top(&e, json!({"email": "bo@b.org"})),
        x,
        "Bo got Ana's dismissal"
    );
    // each customer's ticket of the number keeps its own proposal: Bo's assessment does not
    // take Ana's dismissal away
    assert_ne!(
        top(&e, json!({"email": "ana@a.org"})),
        x,
        "Ana's dismissal forgotten after Bo's assessment"
    );
}

/// Ana assessed, then Bo; the agent (back on Ana's tab) dismisses X naming Ana. Bo's ticket
/// must not set X aside; Ana's does, and the dismissal is learned in her ticket's situation.
#[test]
fn h09_dismissal_named_for_the_ticket_not_assessed_last() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    assert_eq!(top(&e, json!({"email": "bo@b.org"})), x);
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "ana@a.org"},
        "snippetId": x, "action": "dismissed"}),
    )
    .unwrap();
    assert_eq!(
        top(&e, json!({"email": "bo@b.org"})),
        x,
        "Bo got Ana's dismissal"
    );
    assert_ne!(
        top(&e, json!({"email": "ana@a.org"})),
        x,
        "Ana's dismissal, made while Bo's #1001 was the one assessed last, not applied"
    );
    // learned in the situation her ticket's snippets were proposed in, not in "any"
    let learned: Vec<Value> = rows(&e)
        .into_iter()
        .filter(|r| r.get("record").is_none())
        .collect();
    assert_eq!(learned.len(), 1, "{learned:?}");
    assert!(
        learned[0]["situation"].as_str().is_some_and(|s| s != "any"),
        "{learned:?}"
    );
    assert_eq!(learned[0]["dismissed"], 1, "{learned:?}");
}

/// Ana dismisses X; an insert of X on Bo's #1001 (named) must not take Ana's dismissal back.
#[test]
fn h10_insert_on_bos_ticket_does_not_undo_anas_dismissal() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    e.feedback(&json!({"ticketId": "1001", "snippetId": x, "action": "dismissed"}))
        .unwrap();
    e.feedback(
        &json!({"ticketId": "1001", "customer": {"email": "bo@b.org"},
        "snippetId": x, "action": "inserted"}),
    )
    .unwrap();
    assert_ne!(top(&e, json!({"email": "ana@a.org"})), x);
    // and that insert is Bo's sent record
    let s = sent_rows(&e);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["customerEmail"], "bo@b.org");
}

/// The dismissal survives the history arriving between assessments (a1 by id, then the
/// history joins a1 and ana@x.org, then the page shows her address).
#[test]
fn h11_dismissal_survives_the_history_joining_her_names() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"id": "a1"}));
    e.feedback(&json!({"ticketId": "1001", "snippetId": x, "action": "dismissed"}))
        .unwrap();
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org"}]}))
        .unwrap();
    assert_ne!(top(&e, json!({"email": "ANA@x.org"})), x);
}

/// The snippets set aside survive `resetLearning` ("forgets what feedback taught").
/// (Not from c257370: the proposals are outside what reset forgets.)
#[test]
fn h12_reset_learning_forgets_dismissals() {
    let mut e = Engine::new(None).unwrap();
    let x = top(&e, json!({"email": "ana@a.org"}));
    e.feedback(&json!({"ticketId": "1001", "snippetId": x, "action": "dismissed"}))
        .unwrap();
    e.reset_learning();
    assert_eq!(
        top(&e, json!({"email": "ana@a.org"})),
        x,
        "after resetLearning the dismissed snippet is still set aside"
    );
}

/// The extension's queue scores without snippets: the proposal slot is not touched, so a
/// feedback without `customer` is about the ticket last assessed WITH snippets (here Ana's),
/// not "the ticket of that number assessed last" (Bo's) as README says. Either way it must
/// name one customer.
#[test]
fn h13_feedback_without_customer_after_a_queue_assessment() {
    let mut e = Engine::new(None).unwrap();
    top(&e, json!({"email": "ana@a.org"}));
    let mut o = rapport::engine::AssessOptions::at(ms("2026-11-20T10:05:00Z"));
    o.snippets = 0;
    e.assess_with(&ticket("1001", json!({"email": "bo@b.org"})), &o)
        .unwrap();
    insert(&mut e, None).unwrap();
    let s = sent_rows(&e);
    eprintln!(
        "h13: no-customer insert after Bo's queue assessment went to {}",
        s[0]["customerEmail"]
    );
    assert!(s[0]["customerEmail"].is_string(), "{:?}", s[0]);
}

/// No proposal (imported records: Ana's #1001 at 10:00, Bo's at 11:00); a feedback without
/// `customer` dated 10:30 is given the customer of the ticket's latest record (Bo's, made
/// after the feedback), not the one that existed when the snippet was sent (Ana's).
#[test]
fn h22_fallback_ignores_the_feedbacks_own_time() {
    let mut e = two_open_tickets();
    e.feedback(
        &json!({"ticketId": "1001", "snippetId": "apology", "action": "inserted",
        "at": "2026-11-20T10:30:00Z"}),
    )
    .unwrap();
    let s = sent_rows(&e);
    assert_eq!(
        s[0]["customerEmail"], "ana@a.org",
        "a reply sent at 10:30 was given to Bo's ticket, first assessed at 11:00"
    );
}

/// Desk B's #1001 read from a page that showed no sender (a record naming no one): a reply
/// sent there names no one, and answers Ana's #1001 on desk A too (by design: README, "a page
/// that showed no sender leaves the number as the ticket's only identity").
#[test]
fn h23_a_reply_on_a_no_sender_page_answers_every_desks_ticket() {
    let mut e = Engine::new(None).unwrap();
    let mut ana = arow(
        "1001",
        None,
        Some("ana@a.org"),
        "2026-11-20T10:00:00Z",
        "critical",
    );
    ana["followUpDays"] = json!(1);
    e.import_learning(&json!([ana])).unwrap();
    top(&e, json!({})); // desk B's #1001, no sender shown
    assert_eq!(due(&e), Vec::<String>::new(), "Ana's ticket open");
    insert(&mut e, None).unwrap();
    eprintln!(
        "h23: after a reply on desk B's no-sender #1001, due: {:?}",
        due(&e)
    );
}

// ------------------------------------------------------------------ 4. export / import

/// Sent rows naming id+email, email only, id only and no one; the address in capitals; an
/// old export (no customer). Imported, exported again, the same; a bad customerEmail rejects
/// its row only.
#[test]
fn h14_round_trip_of_sent_rows() {
    let old = json!([
        {"record": "sent", "ticketId": "1001", "snippetId": "a", "action": "inserted"},
        {"record": "sent", "ticketId": "1001", "customerId": "a1", "customerEmail": "ANA@a.org",
            "snippetId": "b", "action": "edited", "tone": "personal", "at": "2026-11-20T12:00:00Z"},
        {"record": "sent", "ticketId": 1001, "customerEmail": " bo@b.org ", "snippetId": "c",
            "action": "inserted"},
        {"record": "sent", "ticketId": "1001", "customerId": 17, "snippetId": "d",
            "action": "inserted"},
        {"record": "sent", "ticketId": "1001", "customerId": "", "customerEmail": "",
            "snippetId": "e", "action": "inserted"},
        {"record": "sent", "ticketId": "1001", "customerEmail": "nope", "snippetId": "f",
            "action": "inserted"},
        {"record": "sent", "ticketId": "1001", "customerName": "Ana", "snippetId": "g",
            "action": "inserted"}
    ]);
    let mut e = Engine::new(None).unwrap();
    let r = e.import_learning(&old).unwrap();
    assert_eq!(r.imported, 5, "{:?}", r.rejected);
    let fields: Vec<_> = r.rejected.iter().map(|x| x.field.clone()).collect();
    assert_eq!(
        fields,
        ["learning[5].customerEmail", "learning[6].customerName"],
        "{:?}",
        r.rejected
    );
    let out1 = sent_rows(&e);
    assert_eq!(out1[1]["customerEmail"], "ana@a.org");
    assert_eq!(out1[2]["customerEmail"], "bo@b.org");
    assert_eq!(out1[3]["customerId"], "17");
    for i in [0, 4] {
        assert!(
            out1[i].get("customerId").is_none() && out1[i].get("customerEmail").is_none(),
            "{}",
            out1[i]
        );
    }
    let mut f = Engine::new(None).unwrap();
    f.import_learning(&json!(rows(&e))).unwrap();
    assert_eq!(rows(&e), rows(&f));
}

/// An export of before session 53 (sent rows without a customer) of two desks' #1001: it
/// imports and, as documented, answers both.
#[test]
fn h15_old_export_sent_without_customer_answers_by_number() {
    let mut e = two_open_tickets();
    let mut r = rows(&e);
    r.push(
        json!({"record": "sent", "ticketId": "1001", "snippetId": "apology",
        "action": "inserted", "at": "2026-11-20T12:00:00Z"}),
    );
    assert!(e.import_learning(&json!(r)).unwrap().rejected.is_empty());
    assert_eq!(due(&e), ["ana@a.org", "bo@b.org"]);
}

// ------------------------------------------------------------------ 5. outreach entries

/// A snippet of Ana's outreach entry ('outreach:a1') sent, the feedback naming another
/// customer (Bo): a contact with Ana, no sent record, nothing of Bo's changed.
#[test]
fn h16_outreach_entry_feedback_is_a_contact_with_its_customer() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [
        {"id": "a1", "email": "ana@x.org", "name": "Ana", "birthday": "1990-11-25"},
        {"id": "b1", "email": "bo@x.org", "name": "Bo", "birthday": "1991-11-26"}]}))
        .unwrap();
    let now = json!({"now": "2026-11-23T12:00:00Z"});
    let l = e.outreach(&now).unwrap();
    let ids: Vec<String> = l.iter().map(|x| x.id.clone()).collect();
    assert!(ids.contains(&"outreach:a1".to_string()), "{ids:?}");
    e.feedback(&json!({"ticketId": "outreach:a1", "customer": {"id": "b1"},
        "snippetId": "birthday", "action": "inserted", "at": "2026-11-23T12:00:00Z"}))
        .unwrap();
    let r = rows(&e);
    let contacts: Vec<&Value> = r.iter().filter(|x| x["record"] == "contact").collect();
    assert_eq!(contacts.len(), 1, "{r:?}");
    assert_eq!(contacts[0]["customerId"], "a1");
    assert!(sent_rows(&e).is_empty());
    let after: Vec<String> = e
        .outreach(&now)
        .unwrap()
        .iter()
        .map(|x| x.id.clone())
        .collect();
    eprintln!("h16: before {ids:?}, after {after:?}");
    assert!(
        after.contains(&"outreach:b1".to_string()),
        "Bo dropped: {after:?}"
    );
}

// ------------------------------------------------------------------ 6. insights

/// Ana (stored a1 / ana@x.org) relational #1001 recorded by id; Bo (desk B) critical #1001.
/// A personal snippet sent naming Ana by address is Ana's route (followed), Bo's ticket has
/// no snippet. Byband: one relational, one critical.
#[test]
fn h17_insights_route_counts_with_store_joined_names() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "a1", "email": "ana@x.org"}]}))
        .unwrap();
    let rs = json!([
        arow("1001", Some("a1"), None, "2026-10-07T10:00:00Z", "relational"),
        arow("1001", None, Some("bo@b.org"), "2026-10-07T11:00:00Z", "critical"),
        {"record": "sent", "ticketId": "1001", "customerEmail": "ANA@x.org",
            "snippetId": "s", "tone": "personal", "action": "inserted",
            "at": "2026-10-07T12:00:00Z"}
    ]);
    assert!(e.import_learning(&rs).unwrap().rejected.is_empty());
    let v = serde_json::to_value(
        e.insights(&json!({"from": "2026-10-01", "to": "2026-11-01",
            "now": "2027-02-01T00:00:00Z"}))
            .unwrap(),
    )
    .unwrap();
    let n = |k: &str, g: &str| {
        v[k].as_array()
            .unwrap()
            .iter()
            .find(|x| x["group"] == g)
            .map(|x| x["tickets"].clone())
    };
    assert_eq!(
        (
            n("byRoute", "followed"),
            n("byRoute", "notFollowed"),
            n("byRoute", "noSnippet")
        ),
        (Some(json!(1)), Some(json!(0)), Some(json!(1))),
        "{}",
        v["byRoute"]
    );
    assert_eq!(
        (n("byBand", "relational"), n("byBand", "critical")),
        (Some(json!(1)), Some(json!(1))),
        "{}",
        v["byBand"]
    );
}

// ------------------------------------------------------------------ 7. odd input, panics

/// Many feedback shapes, on an engine with two desks' proposals and records: no panic.
#[test]
fn h18_odd_feedback_never_panics() {
    let mut e = two_open_tickets();
    top(&e, json!({"email": "ana@a.org"}));
    top(&e, json!({}));
    let customers = [
        Value::Null,
        json!({}),
        json!({"id": "a"}),
        json!({"email": "ana@a.org"}),
        json!({"id": 1e300}),
        json!({"id": -0.0}),
        json!({"id": "\u{0}"}),
        json!({"email": "@"}),
        json!({"email": "a@"}),
        json!({"email": "é@ü.org"}),
        json!({"id": "x".repeat(200), "email": "z@z.org"}),
        json!(true),
    ];
    let tickets = [
        json!("1001"),
        json!(1001),
        json!(""),
        json!(" "),
        json!(1.5),
        json!(null),
    ];
    let actions = ["inserted", "edited", "dismissed", "INSERTED", ""];
    let mut n = 0;
    for c in &customers {
        for t in &tickets {
            for a in actions {
                let f = json!({"ticketId": t, "customer": c, "snippetId": "apology",
                    "action": a, "text": "edited text", "agent": "x"});
                if e.feedback(&f).is_ok() {
                    n += 1;
                }
            }
        }
    }
    eprintln!("h18: {n} accepted");
    e.outreach(&json!({"now": "2026-11-23T12:00:00Z"})).unwrap();
    e.insights(&json!({"from": "2026-11-01", "to": "2026-12-01",
        "now": "2027-02-01T00:00:00Z"}))
        .unwrap();
    let again = json!(rows(&e));
    let mut f = Engine::new(None).unwrap();
    let r = f.import_learning(&again).unwrap();
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
}

// ------------------------------------------------------------------ 8. eviction

/// A record of ticket `t` for customer `c<t>`.
fn rec(t: &str, at: i64) -> Assessed {
    let c = CustomerRef {
        id: Some(format!("c{t}")),
        email: None,
    };
    setup::rec(t, c, at)
}

/// MAX_ASSESSED + 1 distinct tickets, latest first, then with equal times: the oldest tenth
/// goes (ties: the first put in), and every kept one is found by `get`.
#[test]
fn h19_eviction_is_stable_and_the_chain_holds() {
    for equal in [false, true] {
        let mut s = Seen::default();
        let n = MAX_ASSESSED + 1;
        for i in 0..n {
            let at = if equal { 5 } else { (n - i) as i64 };
            s.assessed(rec(&format!("t{i}"), at));
        }
        let mut want: Vec<Assessed> = (0..n - 1)
            .map(|i| rec(&format!("t{i}"), if equal { 5 } else { (n - i) as i64 }))
            .collect();
        want.sort_by_key(|a| a.at);
        want.drain(..MAX_ASSESSED / 10);
        want.push(rec(&format!("t{}", n - 1), if equal { 5 } else { 1 }));
        assert_eq!(s.assessed.len(), want.len());
        assert!(
            s.assessed == want,
            "equal={equal}: evicted the wrong records"
        );
        for a in &want {
            assert_eq!(s.get(&a.ticket_id, |_| true), Some(a));
        }
        // the evicted ones are gone from the chain
        let kept: std::collections::HashSet<&str> =
            want.iter().map(|a| a.ticket_id.as_str()).collect();
        for i in 0..n {
            let t = format!("t{i}");
            assert_eq!(
                s.get(&t, |_| true).is_some(),
                kept.contains(t.as_str()),
                "{t}"
            );
        }
    }
}

// ------------------------------------------------------------------ 9. cost

/// 100,000 feedback events: the ring stays at MAX_FEEDBACK, and both desks' tickets answered.
#[test]
fn h20_hundred_thousand_feedback_events() {
    let mut e = two_open_tickets();
    top(&e, json!({"email": "ana@a.org"}));
    for i in 0..100_000u32 {
        let c = if i % 2 == 0 {
            json!({"email": "ana@a.org"})
        } else {
            json!({"email": "bo@b.org"})
        };
        let a = ["inserted", "dismissed", "edited"][(i % 3) as usize];
        e.feedback(
            &json!({"ticketId": "1001", "customer": c, "snippetId": format!("s{}", i % 50),
            "action": a, "text": "x"}),
        )
        .unwrap();
    }
    let d = due(&e);
    assert_eq!(e.feedback_events().len(), 100_000);
    assert_eq!(d, ["ana@a.org", "bo@b.org"]);
}
