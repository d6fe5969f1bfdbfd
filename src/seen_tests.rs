use super::*;

fn a(id: &str, at: i64) -> Assessed {
    Assessed {
        ticket_id: id.into(),
        customer: CustomerRef {
            id: Some("c1".into()),
            email: None,
        },
        name: Some("Ana".into()),
        at,
        score: 70,
        band: Band::Critical,
        intent: "complaint".into(),
        kind: Kind::Relational,
        unsure: false,
        follow_up: Some(FollowUp {
            in_days: 1,
            reason: "check".into(),
        }),
        closed: false,
    }
}

#[test]
fn iso_reads_back_to_the_same_instant() {
    for ms in [0, 1_795_435_200_000, 1_795_435_200_123, -86_400_001] {
        assert_eq!(crate::time::parse_iso(&iso(ms)), Ok(ms), "{}", iso(ms));
    }
    assert_eq!(iso(1_795_435_200_000), "2026-11-23T12:00:00Z");
}

#[test]
fn a_ticket_assessed_again_replaces_its_record_and_the_oldest_go_first() {
    let mut s = Seen::default();
    s.assessed(a("t1", 10));
    s.assessed(a("t1", 20));
    assert_eq!(s.assessed.len(), 1);
    assert_eq!(s.get("t1", |_| true).unwrap().at, 20);
    for i in 0..MAX_ASSESSED {
        s.assessed(a(&format!("x{i}"), 100 + i as i64));
    }
    // t1 (at 20) was the oldest when the cap was reached: a tenth went, t1 with it
    assert_eq!(s.assessed.len(), MAX_ASSESSED - MAX_ASSESSED / 10 + 1);
    assert!(s.get("t1", |_| true).is_none());
    let last = format!("x{}", MAX_ASSESSED - 1);
    assert_eq!(s.get(&last, |_| true).unwrap().ticket_id, last);
}

#[test]
fn the_same_ticket_id_of_two_customers_is_two_records() {
    let who = |id: Option<&str>, email: Option<&str>| CustomerRef {
        id: id.map(Into::into),
        email: email.map(Into::into),
    };
    let of = |t: &str, c: CustomerRef, at: i64| Assessed {
        customer: c,
        ..a(t, at)
    };
    let mut s = Seen::default();
    // two desks, both at #1001: Ana's and Bo's
    s.assessed(of("1001", who(Some("c1"), None), 10));
    s.assessed(of("1001", who(None, Some("bo@x.org")), 20));
    assert_eq!(s.assessed.len(), 2);
    let ana = |a: &Assessed| a.customer.id.as_deref() == Some("c1");
    let bo = |a: &Assessed| a.customer.email.as_deref() == Some("bo@x.org");
    assert_eq!(s.get("1001", ana).unwrap().at, 10);
    assert_eq!(s.get("1001", bo).unwrap().at, 20);
    assert!(s
        .get("1001", |a: &Assessed| a.customer.id.as_deref()
            == Some("c9"))
        .is_none());
    // Ana's ticket assessed again replaces her record, not Bo's; so does Bo's, by his
    // address, once his id is known too
    s.assessed(of("1001", who(Some("c1"), Some("ana@x.org")), 30));
    s.assessed(of("1001", who(Some("b7"), Some("bo@x.org")), 40));
    assert_eq!(s.assessed.len(), 2);
    assert_eq!(s.get("1001", ana).unwrap().at, 30);
    assert_eq!(s.get("1001", bo).unwrap().at, 40);
    // and the chain survives the oldest being let go
    for i in 0..MAX_ASSESSED {
        s.assessed(of(
            "1001",
            who(Some(&format!("x{i}")), None),
            100 + i as i64,
        ));
    }
    assert!(s.get("1001", ana).is_none(), "the oldest tenth went");
    let last = format!("x{}", MAX_ASSESSED - 1);
    let l = s.get("1001", |a: &Assessed| {
        a.customer.id.as_deref() == Some(last.as_str())
    });
    assert_eq!(l.unwrap().at, 100 + MAX_ASSESSED as i64 - 1);
    let first_kept = format!("x{}", MAX_ASSESSED / 10 - 2);
    let k = s.get("1001", |a: &Assessed| {
        a.customer.id.as_deref() == Some(first_kept.as_str())
    });
    assert!(k.is_some(), "{first_kept} is kept");
    // two with no sender count as one
    assert!(same_customer(&who(None, None), &who(None, None)));
    assert!(!same_customer(
        &who(Some("c1"), None),
        &who(None, Some("a@x.org"))
    ));
}

#[test]
fn export_import_round_trip_and_errors_name_the_row() {
    let mut s = Seen::default();
    s.assessed(a("t1", 1_795_435_200_000));
    // a ticket with no known sender: its export reads back too (the side panel keeps what
    // it saw after each assessment and restores it at start)
    let mut anonymous = a("t0", 1_795_435_100_000);
    anonymous.customer = CustomerRef::default();
    s.assessed(anonymous);
    s.sent(Sent {
        ticket_id: "t1".into(),
        customer: CustomerRef {
            id: Some("c1".into()),
            email: None,
        },
        snippet_id: "apology".into(),
        tone: Some(Tone::Ownership),
        edited: false,
        at: None,
    });
    s.contacted(Contact {
        customer: CustomerRef {
            id: None,
            email: Some("a@x.org".into()),
        },
        at: 1_795_435_200_000,
    });
    let v = serde_json::to_value(s.export()).unwrap();
    assert_eq!(v[0]["record"], "assessment");
    assert_eq!(v[0]["followUpDays"], 1);
    assert_eq!(Seen::import(&v).unwrap(), (s.clone(), vec![]));
    // ranking rows (no `record`) are left to Learning::import
    let mixed = serde_json::json!([{"situation": "x", "snippetId": "y"}, v[2]]);
    assert_eq!(Seen::import(&mixed).unwrap().0.sent.len(), 1);
    // a bad row is left out and named; the good ones around it are read
    let bad = serde_json::json!([v[0], {"record": "assessment", "ticketId": "t", "customerId": "c", "at": "2026-11-23", "band": "urgent", "intent": "x", "intentKind": "relational"}, v[2]]);
    let (read, left_out) = Seen::import(&bad).unwrap();
    assert_eq!((read.assessed.len(), read.sent.len()), (1, 1));
    assert_eq!(left_out.len(), 1);
    assert_eq!(
        (left_out[0].0, left_out[0].1.path.as_str()),
        (1, "learning[1].band")
    );
    let bad = serde_json::json!([{"record": "gossip"}]);
    assert_eq!(
        Seen::import(&bad).unwrap().1[0].1.path,
        "learning[0].record"
    );
    // not a list at all: an error
    assert!(Seen::import(&serde_json::json!({"record": "sent"})).is_err());
}
