#![cfg(feature = "outreach")]
//! Outreach on a fixture history whose right answers are worked out by hand below: every
//! reason fires when it should and not otherwise, customers with an open ticket are left out,
//! a follow-up already made is not due, and `now` changes the list as the dates say.
//!
//! NOW = 2026-11-23T12:00:00Z. Default points: follow_up_due 30, detractor 30, low_csat 25,
//! unchecked_close 20, fix_check 15, going_dark 20, birthday 10, anniversary 10,
//! milestone_order 10, value 10 (× lifetime value / 2000, only beside another reason).
use rapport::Engine;
use serde_json::{json, Value};

const NOW: &str = "2026-11-23T12:00:00Z";

fn history() -> Value {
    let monthly = |id: &str, cust: &str, months: &[&str], total: f64| -> Vec<Value> {
        months
            .iter()
            .enumerate()
            .map(|(k, m)| json!({"id": format!("{id}-{}", k + 1), "customerId": cust, "at": m, "total": total}))
            .collect()
    };
    let mut orders = monthly(
        "o7",
        "c7",
        &["2026-01-01", "2026-01-31", "2026-03-02", "2026-04-01"],
        100.0,
    );
    orders.extend(monthly(
        "o16",
        "c16",
        &["2026-01-01", "2026-01-31", "2026-03-02", "2026-04-01"],
        100.0,
    ));
    orders.extend(monthly(
        "o8",
        "c8",
        &[
            "2026-02-20",
            "2026-03-20",
            "2026-04-20",
            "2026-05-20",
            "2026-06-20",
            "2026-07-20",
            "2026-08-20",
            "2026-09-20",
            "2026-10-20",
            "2026-11-20",
        ],
        50.0,
    ));
    json!({
        "customers": [
            {"id": "c1", "name": "Bea Birthday", "birthday": "1990-11-25", "since": "2025-06-01"},
            {"id": "c2", "name": "Anne Anniversary", "since": "2021-11-26", "lifetimeValue": 5400},
            {"id": "c3", "name": "Dee Detractor", "lifetimeValue": 300},
            {"id": "c4", "name": "Lou Low", "email": "lou@example.com"},
            {"id": "c5", "name": "Cal Complaint", "lifetimeValue": 1000},
            {"id": "c6", "name": "Rita Repeat"},
            {"id": "c7", "name": "Dan Dark", "tier": "gold"},
            {"id": "c8", "name": "Mia Milestone"},
            {"id": "c9", "name": "Olly Open", "birthday": "1988-11-24"},
            {"id": "c10", "name": "Fern Followup", "since": "2024-03-10"},
            {"id": "c11", "name": "Gus Called"},
            {"id": "c12", "name": "Kim Later"},
            {"id": "c13", "name": "Quinn Queue", "birthday": "1992-11-24"},
            {"id": "c15", "name": "Con Contacted"},
            {"id": "c16", "name": "Nora Small", "tier": "basic"}
        ],
        "tickets": [
            {"id": "h4a", "customerId": "c4", "createdAt": "2026-10-01T09:00:00Z", "solvedAt": "2026-10-02T09:00:00Z", "channel": "email", "subject": "Invoice wrong", "csat": 2},
            {"id": "h4", "customerId": "c4", "createdAt": "2026-11-01T09:00:00Z", "solvedAt": "2026-11-02T09:00:00Z", "channel": "email", "subject": "Invoice still wrong", "csat": 2},
            {"id": "h5", "customerId": "c5", "createdAt": "2026-11-10T09:00:00Z", "solvedAt": "2026-11-15T09:00:00Z", "subject": "Very unhappy with the grinder", "tags": ["Complaint"]},
            {"id": "h6a", "customerId": "c6", "createdAt": "2026-10-20T09:00:00Z", "solvedAt": "2026-10-21T09:00:00Z", "subject": "Parcel late"},
            {"id": "h6b", "customerId": "c6", "createdAt": "2026-11-05T09:00:00Z", "solvedAt": "2026-11-16T09:00:00Z", "subject": "Delivery still late"},
            {"id": "h9", "customerId": "c9", "createdAt": "2026-11-22T08:00:00Z", "subject": "Question"},
            {"id": "h10", "customerId": "c10", "createdAt": "2026-11-18T09:00:00Z", "solvedAt": "2026-11-19T10:00:00Z", "channel": "phone", "subject": "Grinder broken again"},
            {"id": "h11a", "customerId": "c11", "createdAt": "2026-11-10T09:00:00Z", "solvedAt": "2026-11-10T12:00:00Z", "subject": "Invoice copy"},
            {"id": "h11b", "customerId": "c11", "createdAt": "2026-11-15T09:00:00Z", "solvedAt": "2026-11-16T09:00:00Z", "subject": "Password reset"},
            {"id": "h15", "customerId": "c15", "createdAt": "2026-11-12T09:00:00Z", "solvedAt": "2026-11-13T09:00:00Z", "subject": "Thanks"}
        ],
        "orders": orders,
        "surveys": [
            {"customerId": "c3", "at": "2026-11-14T10:00:00Z", "kind": "nps", "score": 3},
            {"customerId": "c12", "at": "2026-11-15T10:00:00Z", "kind": "nps", "score": 4},
            {"customerId": "c15", "at": "2026-11-10T10:00:00Z", "kind": "nps", "score": 2}
        ]
    })
}

/// What this engine saw before (as `exportLearning` writes it): a critical ticket of Fern's
/// with a follow-up in 1 day; Gus's invoice question with one in 2 days (he wrote again
/// since); a ticket of a customer the history does not hold, answered, follow-up in 2 days;
/// and Quinn's ticket assessed this morning, still in the queue.
fn seen() -> Value {
    json!([
        {"record": "assessment", "ticketId": "h10", "customerId": "c10", "customerName": "Fern Followup", "at": "2026-11-18T15:00:00Z", "score": 72, "band": "critical", "intent": "complaint", "intentKind": "relational", "followUpDays": 1, "followUpReason": "check tomorrow that the fix held"},
        {"record": "assessment", "ticketId": "h11a", "customerId": "c11", "at": "2026-11-10T10:00:00Z", "score": 40, "band": "relational", "intent": "get_invoice", "intentKind": "transactional", "followUpDays": 2, "followUpReason": "check in"},
        {"record": "assessment", "ticketId": "Z-1", "customerEmail": "zed@x.org", "customerName": "Zed Zero", "at": "2026-11-20T10:00:00Z", "score": 45, "band": "relational", "intent": "complaint", "intentKind": "relational", "followUpDays": 2, "followUpReason": "confirm the problem is really solved this time"},
        {"record": "sent", "ticketId": "Z-1", "snippetId": "check-in-after-fix", "tone": "personal", "action": "inserted", "at": "2026-11-20T10:05:00Z"},
        {"record": "assessment", "ticketId": "Q-1", "customerId": "c13", "at": "2026-11-23T08:00:00Z", "score": 20, "band": "transactional", "intent": "track_order", "intentKind": "transactional"}
    ])
}

fn engine() -> Engine {
    // the lifetime value that counts in full is pinned: the ranking below is worked out by hand
    // with it, and the fitted default moves with each refit of the score
    let mut e = Engine::new(Some(&json!({"value": {"high": 2000}}))).unwrap();
    let r = e.load_history(&history()).unwrap();
    assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    assert_eq!(e.import_learning(&seen()).unwrap().imported, 5);
    e
}

fn list(e: &Engine, options: Value) -> Vec<rapport::outreach::Outreach> {
    e.outreach(&options).unwrap()
}

fn keys(l: &[rapport::outreach::Outreach]) -> Vec<(String, i32)> {
    l.iter()
        .map(|x| {
            let k = x.customer.id.clone().or(x.customer.email.clone()).unwrap();
            (k, x.score)
        })
        .collect()
}

fn signals(x: &rapport::outreach::Outreach) -> Vec<(&str, i32)> {
    x.reasons
        .iter()
        .map(|r| (r.signal.id(), r.points))
        .collect()
}

#[test]
fn every_reason_fires_when_it_should_ranked_by_hand() {
    let e = engine();
    let l = list(&e, json!({ "now": NOW }));
    // c10 Fern: follow-up due 11-19 15:00 (30) + h10, assessed critical, solved 11-19, no
    //   check-in since (20) = 50
    // zed@x.org: follow-up due 11-22 10:00, not in the history, answered (30)
    // c5 Cal: h5 tagged complaint solved 11-15 (20) + value 1000/2000 × 10 = 5 → 25
    // c3 Dee: NPS 3 on 11-14: 30 × (1 − 3/12) = 22.5 → 23
    // c12 Kim: NPS 4: 30 × (1 − 4/12) = 20
    // c2 Anne: 5-year anniversary in 3 days (10) + value 5400 → capped at 10 = 20
    // c7 Dan: gold; orders every 30 days, the last 236 days ago ≥ 3 × 30:
    //   236 / (6 × 30) > 1 → full 20 (orders total 400 < 500: no value points)
    // c4 Lou: latest CSAT 2 on 11-02: 25 × 0.7 = 17.5 → 18
    // c6 Rita: h6b (delivery) solved 11-16 repeats h6a (delivery, 16 days before) → 15
    // c8 Mia: 10th order on 11-20 (10) + value 500/2000 × 10 = 2.5 → 3 = 13
    // c1 Bea: birthday in 2 days → 10
    // ties by id: "c12" < "c2" < "c7"
    // left out: c9 (open ticket h9), c13 (Q-1 in the queue), c11 (wrote again after the
    // advice), c15 (wrote after the NPS), c16 (basic tier, 400 spent: not valued)
    assert_eq!(
        keys(&l),
        [
            ("c10", 50),
            ("zed@x.org", 30),
            ("c5", 25),
            ("c3", 23),
            ("c12", 20),
            ("c2", 20),
            ("c7", 20),
            ("c4", 18),
            ("c6", 15),
            ("c8", 13),
            ("c1", 10)
        ]
        .map(|(k, s)| (k.to_string(), s))
    );
    let by = |k: &str| {
        l.iter()
            .find(|x| x.customer.id.as_deref() == Some(k))
            .unwrap()
    };
    assert_eq!(
        signals(&l[0]),
        [
            ("outreach.follow_up_due", 30),
            ("outreach.unchecked_close", 20)
        ]
    );
    assert_eq!(
        l[0].reasons[0].evidence,
        "ticket h10 was assessed critical on 2026-11-18: check tomorrow that the fix held; due 4 days ago, no contact since"
    );
    assert_eq!(l[0].reasons[0].source.as_deref(), Some("ticket h10"));
    assert_eq!(
        l[0].reasons[1].evidence,
        "ticket h10 “Grinder broken again” (assessed critical) solved on 2026-11-19, no contact since"
    );
    assert_eq!(signals(&l[1]), [("outreach.follow_up_due", 30)]);
    assert_eq!(l[1].customer.name.as_deref(), Some("Zed Zero"));
    assert_eq!(l[1].id, "outreach:zed@x.org");
    assert_eq!(
        signals(by("c5")),
        [("outreach.unchecked_close", 20), ("outreach.value", 5)]
    );
    assert!(by("c5").reasons[0].evidence.contains("(tagged complaint)"));
    assert_eq!(
        by("c3").reasons[0].evidence,
        "NPS 3 of 10 on 2026-11-14, no contact since"
    );
    assert_eq!(
        signals(by("c2")),
        [("outreach.anniversary", 10), ("outreach.value", 10)]
    );
    assert_eq!(by("c2").reasons[0].label, "5-year anniversary coming");
    assert_eq!(
        by("c7").reasons[0].evidence,
        "last order o7-4 on 2026-04-01, 236 days ago; they usually order every 30 days (median of their last 3 gaps)"
    );
    assert_eq!(
        by("c4").reasons[0].evidence,
        "CSAT 2 of 5 on 2026-11-02 (ticket h4), no contact since"
    );
    assert_eq!(
        by("c6").reasons[0].evidence,
        "ticket h6b “Delivery still late” solved on 2026-11-16 repeats ticket h6a of 2026-10-20"
    );
    assert_eq!(
        signals(by("c8")),
        [("outreach.milestone_order", 10), ("outreach.value", 3)]
    );
    assert_eq!(by("c1").reasons[0].evidence, "birthday in 2 days");
    for x in &l {
        assert_eq!(x.score, x.reasons.iter().map(|r| r.points).sum::<i32>());
    }
}

#[test]
fn each_entry_has_a_channel_and_a_filled_proactive_snippet() {
    let e = engine();
    let l = e
        .outreach(&json!({ "now": NOW, "agent": "Maya Chen" }))
        .unwrap();
    let expected = [
        ("c10", "outreach-follow-up"),
        ("zed@x.org", "outreach-follow-up"),
        ("c5", "outreach-check-in"),
        ("c3", "outreach-detractor"),
        ("c2", "outreach-anniversary"),
        ("c7", "outreach-going-dark"),
        ("c4", "outreach-low-csat"),
        ("c6", "outreach-fix-check"),
        ("c8", "outreach-milestone"),
        ("c1", "outreach-birthday"),
    ];
    for (k, id) in expected {
        let x = l
            .iter()
            .find(|x| x.customer.id.as_deref().or(x.customer.email.as_deref()) == Some(k))
            .unwrap();
        let s = x
            .snippet
            .as_ref()
            .unwrap_or_else(|| panic!("{k}: no snippet"));
        assert_eq!(&*s.id, id, "{k}");
        assert!(s.text.ends_with("Maya"), "{k}: {}", s.text);
        assert!(!s.text.contains("{{") && !s.text.contains("{%") && !s.text.contains("Hi ,"));
        assert!(!x.channel.channel.is_empty());
    }
    let text = |k: &str| {
        l.iter()
            .find(|x| x.customer.id.as_deref() == Some(k))
            .unwrap()
            .snippet
            .as_ref()
            .unwrap()
            .text
            .to_string()
    };
    assert!(text("c10").starts_with("Hi Fern,"));
    assert!(text("c10").contains("about \"Grinder broken again\""));
    assert!(text("c1").starts_with("Hi Bea, a little early: happy birthday!"));
    assert!(text("c2").contains("5 years ago you became our customer"));
    assert!(text("c8").contains("your last order was your 10th with us"));
    // Lou's email contacts averaged CSAT 2 and her reason puts the relationship at risk: a call
    let lou = l
        .iter()
        .find(|x| x.customer.id.as_deref() == Some("c4"))
        .unwrap();
    assert_eq!(lou.channel.channel, "phone");
}

#[test]
fn limit_within_and_now_change_the_list_as_the_dates_say() {
    let e = engine();
    let top3 = list(&e, json!({ "now": NOW, "limit": 3 }));
    assert_eq!(
        keys(&top3).iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["c10", "zed@x.org", "c5"]
    );
    // within 1 day: Bea's birthday (2 days), Anne's anniversary (3 days) and Mia's 10th order
    // (3 days ago) drop out, and with them Anne and Mia (value alone is no reason)
    let near = list(&e, json!({ "now": NOW, "within": 1 }));
    assert_eq!(
        keys(&near).iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["c10", "zed@x.org", "c5", "c3", "c12", "c7", "c4", "c6"]
    );
    // four days earlier: Fern's follow-up is not due (11-19 15:00 > 11-19 12:00) and h10 was
    // solved two hours before (a check-in waits a day); Zed's advice (11-20) is in the future
    let earlier = list(&e, json!({ "now": "2026-11-19T12:00:00Z" }));
    let ks: Vec<String> = keys(&earlier).into_iter().map(|x| x.0).collect();
    assert!(!ks.contains(&"c10".to_string()) && !ks.contains(&"zed@x.org".to_string()));
    // three days later: Bea's birthday has passed, Anne's anniversary is today
    let later = list(&e, json!({ "now": "2026-11-26T12:00:00Z" }));
    let anne = later
        .iter()
        .find(|x| x.customer.id.as_deref() == Some("c2"))
        .unwrap();
    assert_eq!(
        anne.reasons[0].evidence,
        "5-year customer anniversary today"
    );
    assert!(!later.iter().any(|x| x.customer.id.as_deref() == Some("c1")));
    // 2026-12-24: Fern's follow-up was due 35 days ago (> 30) and h10 closed 35 days ago
    let month = list(&e, json!({ "now": "2026-12-24T12:00:00Z" }));
    assert!(!month
        .iter()
        .any(|x| x.customer.id.as_deref() == Some("c10")));
    // the same now gives the same list, in this engine and in another
    assert_eq!(
        list(&e, json!({ "now": NOW })),
        list(&engine(), json!({ "now": NOW }))
    );
}

#[test]
fn a_snippet_sent_from_the_list_is_a_contact_exported_and_forgotten_with_the_learning() {
    let mut e = engine();
    let first = list(&e, json!({ "now": NOW }));
    assert!(first.iter().any(|x| x.id == "outreach:c12"));
    e.feedback(&json!({"ticketId": "outreach:c12", "snippetId": "outreach-detractor", "action": "inserted"}))
        .unwrap();
    let after = list(&e, json!({ "now": NOW }));
    assert!(
        !after.iter().any(|x| x.id == "outreach:c12"),
        "contacted now"
    );
    let rows = serde_json::to_value(e.export_learning()).unwrap();
    let contact = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["record"] == "contact")
        .unwrap();
    assert_eq!(contact["customerId"], "c12");
    assert_eq!(contact["at"], NOW);
    // another engine with the same history and the exported learning lists the same
    let mut f = Engine::new(Some(&json!({"value": {"high": 2000}}))).unwrap();
    f.load_history(&history()).unwrap();
    f.import_learning(&rows).unwrap();
    assert_eq!(list(&f, json!({ "now": NOW })), after);
    // forgetting the learning forgets what was seen: Kim is back, and Fern (whose follow-up
    // and critical band were only in the engine's record) and Zed are gone
    f.reset_learning();
    let ks: Vec<String> = keys(&list(&f, json!({ "now": NOW })))
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert!(ks.contains(&"c12".to_string()));
    assert!(!ks.contains(&"c10".to_string()) && !ks.contains(&"zed@x.org".to_string()));
    assert!(f.export_learning().is_empty());
}

#[test]
fn an_assessment_records_its_follow_up_and_the_queue() {
    // whatever the judgement advises, outreach follows it: the ticket is in the queue until a
    // snippet is sent on it, and its follow-up is listed once due
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "k1", "name": "Kai Test", "email": "kai@x.org"}]}))
        .unwrap();
    let ticket = json!({"id": "T-9", "customer": {"email": "KAI@x.org"}, "subject": "Charged twice",
        "messages": [{"from": "customer", "text": "You charged me twice AGAIN. This is the third time I write, I am furious and will cancel my account."}]});
    let at = rapport::time::parse_iso("2026-11-21T09:00:00Z").unwrap();
    let a = e.assess(&ticket, at).unwrap();
    let f = a
        .follow_up
        .clone()
        .expect("a critical ticket gets a follow-up");
    let due = at + f.in_days as i64 * 86_400_000;
    let opts = |t: i64| json!({ "now": t + 3_600_000 });
    // in the queue: left out even once due
    assert!(e.outreach(&opts(due)).unwrap().is_empty());
    let s = a.snippets[0].id.to_string();
    e.feedback(&json!({"ticketId": "T-9", "snippetId": s, "action": "inserted"}))
        .unwrap();
    assert!(
        e.outreach(&opts(due - 2 * 3_600_000)).unwrap().is_empty(),
        "not due yet"
    );
    let l = e.outreach(&opts(due)).unwrap();
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].customer.id.as_deref(), Some("k1"));
    assert_eq!(l[0].reasons[0].signal, "outreach.follow_up_due");
    assert_eq!(l[0].reasons[0].source.as_deref(), Some("ticket T-9"));
}

#[test]
fn bad_options_are_named_errors() {
    let e = engine();
    let msg = |v: Value| e.outreach(&v).unwrap_err().to_string();
    assert_eq!(
        msg(json!({"now": NOW, "limit": 0})),
        "options.limit: 0 is outside 1..1000"
    );
    assert_eq!(
        msg(json!({"now": NOW, "limit": -1})),
        "options.limit: -1 is outside 1..1000"
    );
    assert_eq!(
        msg(json!({"now": NOW, "limit": 2.5})),
        "options.limit: expected a whole number"
    );
    assert_eq!(
        msg(json!({"now": NOW, "within": 61})),
        "options.within: 61 is outside 0..60"
    );
    assert!(msg(json!({"limit": 5})).starts_with("options.now: is required"));
    assert!(msg(json!({"now": "yesterday"})).starts_with("options.now:"));
    assert!(msg(json!({"now": NOW, "when": 1})).starts_with("options.when: unknown field"));
    assert!(msg(json!(null)).starts_with("options: expected an object"));
    // an empty engine has nobody to contact, and says so with an empty list
    let empty = Engine::new(None).unwrap();
    assert!(empty.outreach(&json!({"now": NOW})).unwrap().is_empty());
}

#[test]
fn outreach_weights_are_config_weights() {
    let mut e = Engine::new(Some(
        &json!({"weights": {"outreach.birthday": 40, "outreach.detractor": 0}}),
    ))
    .unwrap();
    e.load_history(&history()).unwrap();
    let l = e.outreach(&json!({"now": NOW})).unwrap();
    // Bea's birthday now leads with 40; Dee (detractor at 0 points) and Kim are gone
    assert_eq!(keys(&l)[0], ("c1".to_string(), 40));
    assert!(!l
        .iter()
        .any(|x| matches!(x.customer.id.as_deref(), Some("c3" | "c12"))));
    assert!(Engine::new(Some(&json!({"weights": {"outreach.nope": 1}})))
        .err()
        .unwrap()
        .to_string()
        .starts_with("config.weights.outreach.nope: unknown signal"));
}

#[test]
fn the_demo_sample_has_something_for_every_reason_and_every_chart() {
    // as the demo would: the sample history, what the browser saw before, the inbox assessed
    let sample: Value = serde_json::from_str(include_str!("../www/data/sample.json")).unwrap();
    let mut e = Engine::new(None).unwrap();
    e.load_history(&sample["history"]).unwrap();
    e.import_learning(&sample["seen"]).unwrap();
    let now = rapport::time::parse_iso(sample["now"].as_str().unwrap()).unwrap();
    e.assess_queue(&sample["open"], now).unwrap();
    let l = e
        .outreach(&json!({"now": sample["now"], "limit": 1000}))
        .unwrap();
    for s in rapport::outreach::SIGNALS {
        assert!(
            l.iter().any(|x| x.reasons.iter().any(|r| r.signal == s.id)),
            "no {} in the sample",
            s.id
        );
    }
    // the inbox's customers are in the queue: none of them is listed
    for t in sample["open"].as_array().unwrap() {
        let id = t["customer"]["id"].as_str().unwrap();
        assert!(
            !l.iter().any(|x| x.customer.id.as_deref() == Some(id)),
            "{id}"
        );
    }
    let r = serde_json::to_value(
        e.insights(&json!({"from": now - 90 * 86_400_000, "to": now, "now": now}))
            .unwrap(),
    )
    .unwrap();
    for g in r["moments"]["groups"].as_array().unwrap() {
        if g["group"] != "other" {
            assert!(g["csat"]["value"].is_number(), "{g}");
            assert!(g["nps"]["value"].is_number(), "{g}");
        }
    }
    for g in r["byBand"].as_array().unwrap() {
        assert!(g["csat"]["value"].is_number(), "{g}");
    }
    for g in r["byRoute"].as_array().unwrap() {
        assert!(g["tickets"].as_u64().unwrap() > 0, "{g}");
    }
    assert!(r["contactReasons"]["intents"].as_array().unwrap().len() >= 3);
    assert!(
        r["moments"]["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["caught"].as_u64() > Some(0))
            .count()
            >= 5
    );
}

#[test]
fn another_desks_ticket_of_the_same_number_is_not_this_customers() {
    // Ana's ticket 1001 is in the history, a size question solved on the 12th; the same agent
    // also works another desk, whose ticket 1001 from Bo (whom the history does not know) was
    // assessed critical on the 11th and is still open there
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({
        "customers": [{"id": "a1", "name": "Ana Able", "email": "ana@x.org"}],
        "tickets": [{"id": "1001", "customerId": "a1", "createdAt": "2026-11-10T09:00:00Z",
            "solvedAt": "2026-11-12T09:00:00Z", "subject": "Which size?"}]
    }))
    .unwrap();
    let bo = json!({"record": "assessment", "ticketId": "1001", "customerEmail": "bo@other.org",
        "customerName": "Bo Other", "at": "2026-11-11T10:00:00Z", "score": 80, "band": "critical",
        "intent": "complaint", "intentKind": "relational", "followUpDays": 1,
        "followUpReason": "check the refund arrived"});
    let ana = json!({"record": "assessment", "ticketId": "1001", "customerId": "a1",
        "at": "2026-11-10T10:00:00Z", "score": 10, "band": "transactional",
        "intent": "product_info", "intentKind": "transactional"});
    assert_eq!(e.import_learning(&json!([ana, bo])).unwrap().imported, 2);
    // both records are kept: one did not overwrite the other
    let rows = serde_json::to_value(e.export_learning()).unwrap();
    let assessed: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["record"] == "assessment")
        .map(|r| {
            r["customerId"]
                .as_str()
                .or(r["customerEmail"].as_str())
                .unwrap()
        })
        .collect();
    assert_eq!(assessed, ["a1", "bo@other.org"]);
    let l = list(&e, json!({"now": "2026-11-14T12:00:00Z"}));
    // Ana's closed ticket was never assessed critical nor a complaint: no check-in is owed her
    // on Bo's account
    assert!(
        l.iter().all(|x| x.customer.id.as_deref() != Some("a1")),
        "{:?}",
        l.iter()
            .map(|x| (&x.customer, &x.reasons))
            .collect::<Vec<_>>()
    );
    // and Bo's ticket is not solved because Ana's was: it is still in the queue there, so his
    // follow-up waits for a reply to be sent on it
    assert!(l.is_empty(), "{:?}", keys(&l));
    e.feedback(
        &json!({"ticketId": "1001", "snippetId": "check-in-after-fix", "action": "inserted",
        "at": "2026-11-11T10:05:00Z"}),
    )
    .unwrap();
    let l = list(&e, json!({"now": "2026-11-14T12:00:00Z"}));
    assert_eq!(keys(&l), [("bo@other.org".to_string(), l[0].score)]);
    assert_eq!(l[0].reasons[0].signal, "outreach.follow_up_due");
}
