#![cfg(feature = "outreach")]
//! Insights on a fixture whose counts and rates are worked out by hand below.
//!
//! Period [2026-10-01, 2026-11-01), observed at 2027-02-01 (every 30- and 90-day window after
//! the period's tickets has closed); the previous period is [2026-08-31, 2026-10-01).
//!
//! What this engine saw (imported as `exportLearning` writes it), and what followed:
//!
//! | ticket | customer | assessed | band | snippet sent | answer | CSAT | repeat ≤ 30 d | NPS ≤ 90 d |
//! | k1 | d1 | 10-05 | critical | ownership | caught | 4 (own) | yes: k6 on 10-28 | 9 (11-20) |
//! | k2 | d2 | 10-10 | relational | personal | caught | 5 (own) | no (next 12-01) | 10 (10-20) |
//! | k3 | d3 | 10-12 | critical | concise | routine | 1 (own) | yes: k8 assessed 11-05 | 2 (10-30) |
//! | k4 | d4 | 10-20 | relational | none | none | 2 (survey 10-25) | no | none |
//! | k5 | d5 | 10-25 | transactional | concise | — | none | yes: h-d5 on 11-10 | none (01-30 is past 90 d) |
//! | k6 | d1 | 10-28 | relational | personal | caught | 3 (own) | no | 9 (11-20) |
//! k7 (d2, 09-15, transactional, track_order) is in the previous period, k8 (d3, 11-05) after.
use rapport::Engine;
use serde_json::{json, Value};

const NOW: &str = "2027-02-01T00:00:00Z";

fn history() -> Value {
    json!({
        "customers": [{"id": "d1"}, {"id": "d2"}, {"id": "d3"}, {"id": "d4"}, {"id": "d5"}],
        "tickets": [
            {"id": "k1", "customerId": "d1", "createdAt": "2026-10-05T09:00:00Z", "solvedAt": "2026-10-06T09:00:00Z", "subject": "Charged twice for my order", "csat": 4},
            {"id": "k2", "customerId": "d2", "createdAt": "2026-10-10T09:00:00Z", "solvedAt": "2026-10-11T09:00:00Z", "subject": "Thank you", "csat": 5},
            {"id": "k3", "customerId": "d3", "createdAt": "2026-10-12T09:00:00Z", "solvedAt": "2026-10-13T09:00:00Z", "subject": "Goodbye", "csat": 1},
            {"id": "k5", "customerId": "d5", "createdAt": "2026-10-25T09:00:00Z", "solvedAt": "2026-10-25T12:00:00Z", "subject": "Where is my parcel"},
            {"id": "k6", "customerId": "d1", "createdAt": "2026-10-28T09:00:00Z", "solvedAt": "2026-10-29T09:00:00Z", "subject": "Charged again", "csat": 3},
            {"id": "h-d5", "customerId": "d5", "createdAt": "2026-11-10T09:00:00Z", "solvedAt": "2026-11-11T09:00:00Z", "subject": "Another question"},
            {"id": "h-d2", "customerId": "d2", "createdAt": "2026-12-01T09:00:00Z", "solvedAt": "2026-12-02T09:00:00Z", "subject": "Another question"}
        ],
        "surveys": [
            {"customerId": "d1", "at": "2026-11-20T10:00:00Z", "kind": "nps", "score": 9},
            {"customerId": "d2", "at": "2026-10-20T10:00:00Z", "kind": "nps", "score": 10},
            {"customerId": "d3", "at": "2026-10-30T10:00:00Z", "kind": "nps", "score": 2},
            {"customerId": "d4", "at": "2026-10-25T10:00:00Z", "kind": "csat", "score": 2},
            {"customerId": "d5", "at": "2027-01-30T10:00:00Z", "kind": "nps", "score": 7}
        ]
    })
}

fn seen() -> Value {
    let a = |t: &str, c: &str, at: &str, band: &str, intent: &str, kind: &str| json!({"record": "assessment", "ticketId": t, "customerId": c, "at": at, "score": 50, "band": band, "intent": intent, "intentKind": kind});
    let s = |t: &str, snippet: &str, tone: &str| json!({"record": "sent", "ticketId": t, "snippetId": snippet, "tone": tone, "action": "inserted"});
    json!([
        a(
            "k1",
            "d1",
            "2026-10-05T10:00:00Z",
            "critical",
            "complaint",
            "relational"
        ),
        a(
            "k2",
            "d2",
            "2026-10-10T10:00:00Z",
            "relational",
            "review",
            "relational"
        ),
        a(
            "k3",
            "d3",
            "2026-10-12T10:00:00Z",
            "critical",
            "delete_account",
            "relational"
        ),
        a(
            "k4",
            "d4",
            "2026-10-20T10:00:00Z",
            "relational",
            "complaint",
            "relational"
        ),
        a(
            "k5",
            "d5",
            "2026-10-25T10:00:00Z",
            "transactional",
            "track_order",
            "transactional"
        ),
        a(
            "k6",
            "d1",
            "2026-10-28T10:00:00Z",
            "relational",
            "complaint",
            "relational"
        ),
        a(
            "k7",
            "d2",
            "2026-09-15T10:00:00Z",
            "transactional",
            "track_order",
            "transactional"
        ),
        a(
            "k8",
            "d3",
            "2026-11-05T10:00:00Z",
            "critical",
            "complaint",
            "relational"
        ),
        s("k1", "apology-make-good", "ownership"),
        s("k2", "praise-thanks-review", "personal"),
        s("k3", "cancel-order", "concise"),
        s("k5", "order-status", "concise"),
        s("k6", "check-in-after-fix", "personal")
    ])
}

fn report() -> Value {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history()).unwrap();
    e.import_learning(&seen()).unwrap();
    let r = e
        .insights(&json!({"from": "2026-10-01", "to": "2026-11-01", "now": NOW}))
        .unwrap();
    serde_json::to_value(r).unwrap()
}

/// `[tickets, csat, repeatRate, nps]` of a group, `null` where there is no data.
fn row(g: &Value) -> Value {
    json!([
        g["tickets"],
        g["csat"]["value"],
        g["repeatRate"]["value"],
        g["nps"]["value"]
    ])
}

fn group<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == name)
        .unwrap()
}

#[test]
fn moments_caught_and_missed_with_what_followed() {
    let r = report();
    let m = &r["moments"];
    // relational or critical: k1, k2, k3, k4, k6; caught k1, k2, k6; missed k3 (routine), k4
    assert_eq!(
        (&m["assessed"], &m["caught"], &m["missed"]),
        (&json!(5), &json!(3), &json!(2))
    );
    // caught: CSAT (4 + 5 + 3) / 3 = 4; repeats 1 of 3 (k1) = 0.3333; NPS 9, 10, 9: all
    // promoters = 100
    assert_eq!(
        row(group(&m["groups"], "caught")),
        json!([3, 4.0, 0.3333, 100.0])
    );
    // routine: k3 alone: CSAT 1, came back (k8), NPS 2 (a detractor) = −100
    assert_eq!(
        row(group(&m["groups"], "routine")),
        json!([1, 1.0, 1.0, -100.0])
    );
    // none: k4: CSAT 2 from the survey 5 days after, no repeat, no NPS answer: no data
    let none = group(&m["groups"], "none");
    assert_eq!(row(none), json!([1, 2.0, 0.0, null]));
    assert_eq!(none["nps"]["n"], 0);
    assert_eq!(none["nps"]["noData"], "no NPS answer for these tickets");
    let other = group(&m["groups"], "other");
    assert_eq!(row(other), json!([0, null, null, null]));
    assert_eq!(other["csat"]["noData"], "no tickets in this group");
    // weekly buckets from 10-01: k1 (10-05) week 0, k2 (10-10) and k3 (10-12) week 1, k4
    // (10-20) week 2, k6 (10-28) week 3; 31 days make 5 buckets
    assert_eq!(m["bucketDays"], 7);
    let t: Vec<Value> = m["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| json!([b["from"], b["caught"], b["routine"], b["none"]]))
        .collect();
    assert_eq!(
        t,
        [
            json!(["2026-10-01", 1, 0, 0]),
            json!(["2026-10-08", 1, 1, 0]),
            json!(["2026-10-15", 0, 0, 1]),
            json!(["2026-10-22", 1, 0, 0]),
            json!(["2026-10-29", 0, 0, 0])
        ]
    );
}

#[test]
fn by_band_and_by_route() {
    let r = report();
    // transactional: k5: no CSAT, came back (h-d5), its NPS came after 90 days: no data
    assert_eq!(
        row(group(&r["byBand"], "transactional")),
        json!([1, null, 1.0, null])
    );
    // relational: k2, k4, k6: CSAT (5 + 2 + 3) / 3 = 3.33; no repeats; NPS 10 and 9 = 100
    assert_eq!(
        row(group(&r["byBand"], "relational")),
        json!([3, 3.33, 0.0, 100.0])
    );
    // critical: k1, k3: CSAT (4 + 1) / 2 = 2.5; both came back; NPS 9 and 2: one promoter,
    // one detractor = 0 (a real zero, over 2 answers)
    let critical = group(&r["byBand"], "critical");
    assert_eq!(row(critical), json!([2, 2.5, 1.0, 0.0]));
    assert_eq!(critical["nps"]["n"], 2);
    // followed (the band's tone): k1, k2, k5, k6: CSAT (4 + 5 + 3) / 3 = 4; repeats k1, k5 =
    // 2 of 4; NPS 9, 10, 9 = 100
    assert_eq!(
        row(group(&r["byRoute"], "followed")),
        json!([4, 4.0, 0.5, 100.0])
    );
    assert_eq!(
        row(group(&r["byRoute"], "notFollowed")),
        json!([1, 1.0, 1.0, -100.0])
    );
    assert_eq!(
        row(group(&r["byRoute"], "noSnippet")),
        json!([1, 2.0, 0.0, null])
    );
    assert_eq!(r["notes"], json!([]));
}

#[test]
fn contact_reasons_bucketed_with_the_trend() {
    let r = report();
    let c = &r["contactReasons"];
    // the period: k1, k2, k3, k5, k6 from the history and k4 assessed here only; before: k7
    assert_eq!(
        (&c["tickets"], &c["previousTickets"]),
        (&json!(6), &json!(1))
    );
    let counts = |list: &Value| -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|x| json!([x["id"], x["bucket"], x["count"], x["previous"], x["trend"]]))
            .collect()
    };
    assert_eq!(
        counts(&c["intents"]),
        [
            json!(["complaint", "relational", 3, 0, "new"]),
            json!(["track_order", "transactional", 1, 1, "flat"]),
            json!(["delete_account", "relational", 1, 0, "new"]),
            json!(["review", "relational", 1, 0, "new"])
        ]
    );
    assert_eq!(
        counts(&c["buckets"]),
        [
            json!(["transactional", "transactional", 1, 1, "flat"]),
            json!(["relational", "relational", 5, 0, "new"]),
            json!(["unclear", "unclear", 0, 0, "flat"])
        ]
    );
    assert_eq!(c["intents"][1]["changePct"], 0.0);
    // topics of the subjects: billing (k1 "Charged twice…", k6 "Charged again": both
    // complaints, so relational), delivery (k5 "Where is my parcel": transactional)
    assert_eq!(
        counts(&c["topics"]),
        [
            json!(["billing", "relational", 2, 0, "new"]),
            json!(["delivery", "transactional", 1, 0, "new"])
        ]
    );
}

#[test]
fn no_data_is_said_not_shown_as_zero() {
    // no surveys, no ratings, nothing assessed
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"tickets": [{"id": "x1", "customerId": "z", "createdAt": "2026-10-03", "subject": "Where is my order?"}]}))
        .unwrap();
    let r = serde_json::to_value(
        e.insights(&json!({"from": "2026-10-01", "to": "2026-11-01", "now": NOW}))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(r["contactReasons"]["tickets"], 1);
    assert_eq!(r["moments"]["assessed"], 0);
    assert_eq!(
        r["moments"]["noData"],
        "no ticket assessed relational or critical in this period"
    );
    for g in r["byBand"].as_array().unwrap() {
        assert_eq!(row(g), json!([0, null, null, null]));
    }
    let notes = r["notes"].as_array().unwrap();
    assert!(notes
        .iter()
        .any(|n| n.as_str().unwrap().starts_with("no ticket was assessed")));
    assert!(notes.iter().any(|n| n
        .as_str()
        .unwrap()
        .starts_with("the history holds no surveys")));
    // a window still open is pending, not a "no": assessed 2026-10-20, observed 10-25
    let mut e = Engine::new(None).unwrap();
    e.import_learning(&json!([{"record": "assessment", "ticketId": "p1", "customerId": "q", "at": "2026-10-20T00:00:00Z", "score": 70, "band": "critical", "intent": "complaint", "intentKind": "relational"}]))
        .unwrap();
    let r = serde_json::to_value(
        e.insights(&json!({"from": "2026-10-01", "to": "2026-11-01", "now": "2026-10-25"}))
            .unwrap(),
    )
    .unwrap();
    let critical = group(&r["byBand"], "critical");
    assert_eq!(critical["repeatRate"]["value"], Value::Null);
    assert_eq!(critical["repeatRate"]["pending"], 1);
    assert_eq!(
        critical["repeatRate"]["noData"],
        "no repeat window closed yet: 1 ticket(s) still in their window"
    );
}

#[test]
fn bad_periods_are_named_errors() {
    let e = Engine::new(None).unwrap();
    let msg = |v: Value| e.insights(&v).unwrap_err().to_string();
    assert_eq!(
        msg(json!({"from": "2026-11-01", "to": "2026-10-01", "now": NOW})),
        "options.to: the period ends before it starts (2026-10-01T00:00:00Z is not after 2026-11-01T00:00:00Z)"
    );
    assert!(
        msg(json!({"from": "2026-11-01", "to": "2026-11-01", "now": NOW}))
            .starts_with("options.to: the period ends before it starts")
    );
    assert!(msg(json!({"from": "2026-11-01", "now": NOW})).starts_with("options.to: is required"));
    assert!(
        msg(json!({"from": "2027-03-01", "to": "2027-04-01", "now": NOW}))
            .starts_with("options.from: the period starts after now")
    );
    assert!(
        msg(json!({"from": "2010-01-01", "to": "2026-01-01", "now": NOW}))
            .contains("longer than 3660 days")
    );
    assert!(msg(json!({"from": "x", "to": "2026-01-01", "now": NOW})).starts_with("options.from:"));
    assert!(msg(json!("2026")).starts_with("options: expected an object"));
}

#[test]
fn csv_export_one_figure_per_row() {
    let mut e = Engine::new(None).unwrap();
    e.load_history(&history()).unwrap();
    e.import_learning(&seen()).unwrap();
    let r = e
        .insights(&json!({"from": "2026-10-01", "to": "2026-11-01", "now": NOW}))
        .unwrap();
    let csv = rapport::insights::to_csv(&r);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "section,group,bucket,metric,value,n,pending,note");
    for want in [
        "period,from,,date,,,,2026-10-01T00:00:00Z",
        "tickets,period,,count,6,,,",
        "intent,complaint,relational,count,3,,,",
        "intent,complaint,relational,previous,0,,,",
        "moments,caught,,csat,4,3,0,",
        "moments,caught,,repeat_rate,0.3333,3,0,",
        "moments,none,,nps,,0,0,no NPS answer for these tickets",
        "band,critical,,nps,0,2,0,",
        "route,followed,,repeat_rate,0.5,4,0,",
        "timeline,2026-10-08,,routine,1,,,",
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{csv}");
    }
    // every row has the header's eight cells (no note here holds a comma)
    assert!(lines[1..]
        .iter()
        .filter(|l| !l.is_empty())
        .all(|l| l.split(',').count() == 8));
}

#[test]
fn another_desks_ticket_of_the_same_number_is_counted_as_its_own() {
    // x1's ticket k9 asks where a parcel is; another desk's ticket k9, from someone the history
    // does not know, was assessed here as a complaint: two tickets, each read as what it is
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({
        "customers": [{"id": "x1"}],
        "tickets": [{"id": "k9", "customerId": "x1", "createdAt": "2026-10-05T09:00:00Z",
            "solvedAt": "2026-10-06T09:00:00Z", "subject": "Where is my parcel"}]
    }))
    .unwrap();
    let other = json!({"record": "assessment", "ticketId": "k9", "customerEmail": "z@other.org",
        "at": "2026-10-07T10:00:00Z", "score": 70, "band": "critical", "intent": "complaint",
        "intentKind": "relational"});
    assert_eq!(e.import_learning(&json!([other])).unwrap().imported, 1);
    let r = e
        .insights(&json!({"from": "2026-10-01", "to": "2026-11-01", "now": NOW}))
        .unwrap();
    let c = &serde_json::to_value(r).unwrap()["contactReasons"];
    assert_eq!(c["tickets"], 2);
    let mut intents: Vec<(String, i64)> = c["intents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["count"].as_i64().unwrap(),
            )
        })
        .collect();
    intents.sort();
    assert_eq!(
        intents,
        [
            ("complaint".to_string(), 1),
            ("order_status".to_string(), 1)
        ]
    );
}
