use super::*;
use serde_json::json;

#[test]
fn text_loading_matches_tree_loading_and_reports_bad_json() {
    let h = json!({
        "customers": [{"id": "c1", "email": "a@x.org", "since": "2019-01-01"}, {"id": "c2", "email": "nope"}],
        "tickets": [{"id": "t1", "customerId": "c1", "createdAt": "2026-01-01", "csat": 9}, {"id": "t2", "customerEmail": "A@x.org", "createdAt": "2026-02-01"}],
        "orders": [{"id": "o1", "customerId": "c3", "at": "2026-01-05", "total": 20}],
        "surveys": [{"customerId": "c1", "at": "2026-01-09", "kind": "nps", "score": 9}]
    });
    let (mut a, mut b) = (Store::default(), Store::default());
    let ra = a.load_json(&h).unwrap();
    let rb = b.load_json_text(&h.to_string()).unwrap();
    assert_eq!(ra, rb);
    assert_eq!(rb.rejected.len(), 2);
    let mut c = Store::default();
    let e = c
        .load_json_text(r#"{"customers": [{"id": "c1"}, {"id": "c2"}, {"id": "#)
        .unwrap_err();
    assert!(
        e.message.contains("cannot be read as JSON")
            && e.message.contains("line 1")
            && e.message.contains("the 2 records before it were kept"),
        "{e}"
    );
    assert_eq!(
        c.counts().customers,
        2,
        "records before the break stay loaded"
    );
    assert_eq!(
        c.load_json_text(r#"{"pets": []}"#).unwrap_err().path,
        "history.pets"
    );
    assert!(c.load_json_text(r#"[1, 2]"#).is_err());
    let e = c.load_json_text(r#"{"customers": 5}"#).unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("history.customers", "expected an array")
    );
}

#[test]
fn json_in_chunks_at_any_cut_matches_one_piece() {
    // strings longer than a chunk, with escaped quotes and backslashes, brackets and
    // commas at different offsets inside them
    let text = r#" { "customers" : [ {"id": "c1", "name": "A \"]}{ [", "email": "a@x.org"}, {"id": "c2", "email": "nope"}, 5,
        {"id": "c3", "name": "Zoë \"The Long\" Name, with ]} and {[ inside \\ it", "email": "long.name.here@example.org"},
        {"id": "c4", "name": "abcdefg\"hijklmno\\\"pqrstuvw\\xyz0123456789\"", "tier": "gold"} ],
        "tickets": [], "orders": [{"id": "o1", "customerId": "c1", "at": "2026-01-05", "items": ["x,]", "a much longer item name, with \"quotes\""]}],
        "surveys": [{"customerId": "c1", "at": "2026-01-09", "kind": "nps", "score": 9}] } "#;
    let mut whole = Store::default();
    let want = whole.load_json_text(text).unwrap();
    assert_eq!(want.rejected.len(), 2, "{want:?}");
    assert_eq!(
        (want.added.customers, want.added.orders),
        (3, 1),
        "{want:?}"
    );
    let names: Vec<_> = whole
        .customers
        .iter()
        .map(|c| c.profile.name.clone())
        .collect();
    assert_eq!(
        names,
        [
            Some("A \"]}{ [".to_string()),
            Some("Zoë \"The Long\" Name, with ]} and {[ inside \\ it".to_string()),
            Some("abcdefg\"hijklmno\\\"pqrstuvw\\xyz0123456789\"".to_string()),
        ]
    );
    for cut in 1..40 {
        let mut s = Store::default();
        let mut imp = JsonImport::default();
        let mut rest = text;
        while !rest.is_empty() {
            let mut k = cut.min(rest.len());
            while !rest.is_char_boundary(k) {
                k += 1;
            }
            imp.push(&mut s, &rest[..k]).unwrap();
            rest = &rest[k..];
        }
        assert_eq!(imp.finish(&mut s, false).unwrap(), want, "cut {cut}");
    }
}

#[test]
fn identity_by_id_or_email_and_no_duplicates() {
    let mut s = Store::default();
    let h = json!({
        "customers": [{"id": "c1", "email": " Ana@Example.com ", "name": "Ana"}, {"email": "bo@x.org"}],
        "tickets": [{"id": "t1", "customerEmail": "ANA@example.com", "createdAt": "2026-01-01"},
                    {"id": "t2", "customerId": "c9", "createdAt": "2026-01-02"}],
    });
    let r = s.load_json(&h).unwrap();
    assert_eq!(
        (r.added.customers, r.added.tickets, r.customers_from_records),
        (3, 2, 1)
    );
    let again = s.load_json(&h).unwrap();
    assert_eq!(again.added, Counts::default(), "re-importing adds nothing");
    assert_eq!(again.updated.tickets, 2);
    assert_eq!(s.counts().tickets, 2);
    let ana = s
        .resolve(&CustomerRef {
            id: None,
            email: Some("ana@example.com".into()),
        })
        .unwrap();
    assert_eq!(s.get(ana).tickets.len(), 1);
}

#[test]
fn a_record_joined_by_email_under_another_id_is_reported() {
    // a shop's customer 7001 is the desk's 380001 by email, or two people share one inbox: the
    // record is filed by its email (the join), and the load says so once per id
    let mut s = Store::default();
    let r = s
        .load_json(&json!({
            "customers": [{"id": "380001", "email": "home@x.org"}, {"id": "c2", "email": "c2@x.org"}],
            "orders": [{"id": "o1", "customerId": "7001", "customerEmail": "HOME@x.org", "at": "2026-01-01"},
                       {"id": "o2", "customerId": "7001", "customerEmail": "home@x.org", "at": "2026-01-02"},
                       {"id": "o3", "customerId": "380001", "customerEmail": "home@x.org", "at": "2026-01-03"},
                       {"id": "o4", "customerId": "c2", "customerEmail": "home@x.org", "at": "2026-01-04"}],
        }))
        .unwrap();
    assert_eq!(
        r.conflicts,
        ["customer 7001 is unknown; filed by email under 380001"]
    );
    let home = s
        .resolve(&CustomerRef {
            id: Some("380001".into()),
            email: None,
        })
        .unwrap();
    let c2 = s
        .resolve(&CustomerRef {
            id: Some("c2".into()),
            email: None,
        })
        .unwrap();
    assert_eq!(
        (s.get(home).orders.len(), s.get(c2).orders.len()),
        (3, 1),
        "a known id wins over the email"
    );
    assert_eq!(r.customers_from_records, 0);
}

#[test]
fn joined_ids_are_said_once_each_and_an_email_only_customer_takes_the_first() {
    // two family members' orders interleaved, as a shop export lists them by date
    let mut s = Store::default();
    let orders: Vec<_> = (0..20)
        .map(|k| (k, ["son", "daughter"][k % 2]))
        .map(|(k, who)| json!({"id": format!("o{k}"), "customerId": who, "customerEmail": "home@x.org", "at": "2026-01-01"}))
        .collect();
    let r = s
        .load_json(&json!({"customers": [{"id": "mum", "email": "home@x.org"}], "orders": orders}))
        .unwrap();
    assert_eq!(
        r.conflicts,
        [
            "customer son is unknown; filed by email under mum",
            "customer daughter is unknown; filed by email under mum"
        ]
    );
    // a customer known by email alone: the first id given is theirs, the second is said
    let mut s = Store::default();
    let r = s
        .load_json(&json!({"customers": [{"email": "home@x.org"}],
            "orders": [{"id": "o1", "customerId": 7001, "customerEmail": "home@x.org", "at": "2026-01-01"},
                       {"id": "o2", "customerId": 7002, "customerEmail": "home@x.org", "at": "2026-01-02"}]}))
        .unwrap();
    assert_eq!(
        r.conflicts,
        ["customer 7002 is unknown; filed by email under 7001"]
    );
    let by_id = |id: &str| {
        s.resolve(&CustomerRef {
            id: Some(id.into()),
            email: None,
        })
    };
    assert_eq!(by_id("7001").map(|i| s.get(i).orders.len()), Some(2));
    assert_eq!(
        by_id("7002"),
        None,
        "7002 is never taken as that customer's id"
    );
}

#[test]
fn bad_records_are_reported_good_ones_kept() {
    let mut s = Store::default();
    let r = s
        .load_json(&json!({
            "tickets": [{"id": "t1", "customerId": "c1", "createdAt": "yesterday"},
                        {"id": "t2", "customerId": "c1", "createdAt": "2026-01-01", "csat": 9},
                        {"id": "t3", "customerId": "c1", "createdAt": "2026-01-01"}],
            "orders": [{"id": "o1", "customerId": "c1", "at": "2026-01-01", "total": -5}],
        }))
        .unwrap();
    assert_eq!(r.added.tickets, 1);
    let fields: Vec<_> = r.rejected.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(
        fields,
        ["tickets[0].createdAt", "tickets[1].csat", "orders[0].total"]
    );
}

#[test]
fn malformed_shapes_are_errors() {
    let mut s = Store::default();
    assert!(s.load_json(&json!("not history")).is_err());
    assert_eq!(
        s.load_json(&json!({"customers": 3})).unwrap_err().path,
        "history.customers"
    );
    assert!(s
        .load_json(&json!({"customer": []}))
        .unwrap_err()
        .message
        .contains("unknown field"));
}

#[test]
fn ticket_moving_to_another_customer_is_not_duplicated() {
    let mut s = Store::default();
    s.load_json(&json!({"tickets": [{"id": "t1", "customerId": "a", "createdAt": "2026-01-01"}]}))
        .unwrap();
    let r = s
        .load_json(
            &json!({"tickets": [{"id": "t1", "customerId": "b", "createdAt": "2026-01-01"}]}),
        )
        .unwrap();
    // two desks numbering alike would hand one customer's ticket to the other: said
    assert_eq!(
        r.conflicts,
        ["ticket t1 was customer a's and is now customer b's: the later record wins"]
    );
    let total: usize = s.customers.iter().map(|c| c.tickets.len()).sum();
    assert_eq!(total, 1);
    let a = s
        .resolve(&CustomerRef {
            id: Some("a".into()),
            email: None,
        })
        .unwrap();
    assert!(s.get(a).tickets.is_empty());
    let orders = |id: &str| json!({"orders": [{"id": "o1", "customerId": id, "at": "2026-01-01"}, {"id": "o2", "customerId": "a", "at": "2026-01-02"}]});
    s.load_json(&orders("a")).unwrap();
    let r = s.load_json(&orders("b")).unwrap();
    assert_eq!((r.added.orders, r.updated.orders), (0, 2));
    assert_eq!(
        r.conflicts,
        ["order o1 was customer a's and is now customer b's: the later record wins"]
    );
    assert_eq!(
        s.get(a)
            .orders
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>(),
        ["o2"]
    );
    // o2 was reindexed after o1 left: updating it again must hit the right record
    let r = s
        .load_json(
            &json!({"orders": [{"id": "o2", "customerId": "a", "at": "2026-03-03", "total": 9}]}),
        )
        .unwrap();
    assert_eq!(r.updated.orders, 1);
    assert_eq!(s.get(a).orders[0].total, Some(9.0));
}

#[test]
fn conflict_lines_stop_at_fifty_and_say_there_are_more_and_show_no_control_characters() {
    // 60 pairs of ids on one email each: a line per pair until 50, then one line for the rest
    let mut s = Store::default();
    let customers: Vec<_> = (0..120)
        .map(|k| json!({"id": format!("c{k}"), "email": format!("p{}@x.org", k / 2)}))
        .collect();
    let unknown =
        json!([{"id": "o1", "customerId": "z", "customerEmail": "p0@x.org", "at": "2026-01-01"}]);
    let r = s
        .load_json(&json!({ "customers": customers, "orders": unknown }))
        .unwrap();
    assert_eq!(r.conflicts.len(), 51);
    assert_eq!(
        r.conflicts[0],
        "email p0@x.org is on customer c0 and customer c1; both kept, the email finds c0"
    );
    assert_eq!(r.conflicts[50], "… and more, not listed");
    assert_eq!(s.counts().customers, 120, "every customer kept");
    // the cap is shared: the unknown id z came past it
    assert!(!r.conflicts.iter().any(|l| l.contains("customer z")));
    // an unknown id is said by the load that first files it by email, not again
    let r2 = s.load_json(&json!({ "orders": [{"id": "o2", "customerId": "q", "customerEmail": "p1@x.org", "at": "2026-01-01"}] })).unwrap();
    assert_eq!(
        r2.conflicts,
        ["customer q is unknown; filed by email under c2"]
    );
    let r3 = s.load_json(&json!({ "orders": [{"id": "o3", "customerId": "q", "customerEmail": "p1@x.org", "at": "2026-01-02"}] })).unwrap();
    assert_eq!(r3.conflicts, Vec::<String>::new());
    // exactly 50 pairs: 50 lines and no "more"
    let customers: Vec<_> = (0..100)
        .map(|k| json!({"id": format!("c{k}"), "email": format!("p{}@x.org", k / 2)}))
        .collect();
    let r = Store::default()
        .load_json(&json!({ "customers": customers }))
        .unwrap();
    assert_eq!(r.conflicts.len(), 50);
    assert!(r.conflicts.iter().all(|l| l.starts_with("email p")));
    // an id with a newline cannot start a line of its own where the lines are printed, a
    // right-to-left override cannot reverse the line, a zero width space cannot hide
    let r = Store::default()
        .load_json(&json!({"customers": [
            {"id": "a\ncustomer 9 is fine", "email": "m@x.org"}, {"id": "b\u{0}\u{202E}", "email": "m@x.org"},
            {"id": "c\u{200B}", "email": "n@x.org"}, {"id": "c", "email": "n@x.org"}]}))
        .unwrap();
    assert_eq!(
        r.conflicts,
        [
            "email m@x.org is on customer a\u{fffd}customer 9 is fine and customer b\u{fffd}\u{fffd}; both kept, the email finds a\u{fffd}customer 9 is fine",
            "email n@x.org is on customer c\u{fffd} and customer c; both kept, the email finds c\u{fffd}"
        ]
    );
    // an email with such a character is no address: the record is rejected, with its field
    let r = Store::default()
        .load_json(&json!({"customers": [{"id": "d", "email": "m\u{1b}Ehistory: check@x.org"}]}))
        .unwrap();
    assert_eq!((r.added.customers, r.conflicts.len()), (0, 0));
    assert_eq!(r.rejected[0].field, "customers[0].email");
}

#[test]
fn a_customer_that_comes_after_its_records_is_told_where_they_are_and_a_reload_moves_them() {
    // a shop's orders read before its customers: the son's order joins his mother's by email
    let mut s = Store::default();
    let mum = json!({"customers": [{"id": "9500", "email": "home@x.org"}]});
    s.load_json(&mum).unwrap();
    let orders = json!({"orders": [{"id": "H-1", "customerId": "9501", "customerEmail": "home@x.org", "at": "2026-11-01"}]});
    s.load_json(&orders).unwrap();
    let son = json!({"customers": [{"id": "9501", "email": "home@x.org"}]});
    let r = s.load_json(&son).unwrap();
    assert_eq!(
        r.conflicts,
        [
            "email home@x.org is on customer 9500 and customer 9501; both kept, the email finds 9500",
            "customer 9501 came after its records, filed by email under 9500: load them again"
        ]
    );
    let by_id = |s: &Store, id: &str| {
        s.resolve(&CustomerRef {
            id: Some(id.into()),
            email: None,
        })
        .unwrap()
    };
    assert_eq!(
        s.get(by_id(&s, "9500")).orders.len(),
        1,
        "still the mother's"
    );
    // loaded again, the order finds the son by id and leaves his mother (the move is said)
    let r = s.load_json(&orders).unwrap();
    assert_eq!(r.updated.orders, 1);
    assert_eq!(
        r.conflicts,
        ["order H-1 was customer 9500's and is now customer 9501's: the later record wins"]
    );
    assert_eq!(s.get(by_id(&s, "9500")).orders.len(), 0);
    assert_eq!(s.get(by_id(&s, "9501")).orders[0].id, "H-1");
    // said once: the son loaded again is no news
    assert!(s
        .load_json(&son)
        .unwrap()
        .conflicts
        .iter()
        .all(|l| !l.contains("came after")));
}

/// The id of the customer an email finds.
fn by_email(s: &Store, e: &str) -> Option<String> {
    let i = s.resolve(&CustomerRef {
        id: None,
        email: Some(e.into()),
    });
    i.and_then(|i| s.get(i).profile.id.clone())
}

#[test]
fn an_address_a_customer_changed_from_finds_its_new_owner() {
    // a newer export: Alice moved to a new address, Bruno has the family inbox now. A ticket
    // from the inbox is Bruno's, never greeted as Alice with her order quoted
    let mut s = Store::default();
    s.load_json(
        &json!({"customers": [{"id": "A", "email": "info@family.example", "name": "Alice"}],
        "orders": [{"id": "A-77", "customerId": "A", "at": "2026-11-01"}]}),
    )
    .unwrap();
    let r = s
        .load_json(&json!({"customers": [
            {"id": "A", "email": "alice@new.example", "name": "Alice"},
            {"id": "B", "email": "info@family.example", "name": "Bruno"}]}))
        .unwrap();
    assert_eq!(r.added.customers, 1, "{r:?}");
    assert!(
        r.conflicts.iter().any(|c| c.contains("the email finds B")),
        "{r:?}"
    );
    assert_eq!(by_email(&s, "info@family.example").as_deref(), Some("B"));
    assert_eq!(by_email(&s, "alice@new.example").as_deref(), Some("A"));
    // an address both customers still give is two records of one inbox: the first keeps it
    let r = s
        .load_json(&json!({"customers": [{"id": "C", "email": "alice@new.example"}]}))
        .unwrap();
    assert!(
        r.conflicts
            .iter()
            .any(|c| c.contains("both kept, the email finds A")),
        "{r:?}"
    );
    assert_eq!(by_email(&s, "alice@new.example").as_deref(), Some("A"));
}

#[test]
fn half_an_emoji_in_one_record_is_read_as_a_replacement_not_a_stopped_load() {
    // JSON.stringify writes a JS string's lone half of an emoji as an escape serde_json refuses
    let text = r#"{"customers": [{"id": "c1"}, {"id": "c2", "name": "Cut \ud83d"}, {"id": "c3", "name": "\ude00 and \ud83d\ude00"}], "tickets": [{"id": "t1", "customerId": "c3", "createdAt": "2026-11-01"}]}"#;
    for chunked in [false, true] {
        let mut s = Store::default();
        let r = if chunked {
            let mut c = JsonImport::default();
            for piece in text.as_bytes().chunks(7) {
                c.push(&mut s, std::str::from_utf8(piece).unwrap()).unwrap();
            }
            c.finish(&mut s, false).unwrap()
        } else {
            s.load_json_text(text).unwrap()
        };
        assert_eq!(
            (r.added.customers, r.added.tickets, r.rejected.len()),
            (3, 1, 0),
            "{r:?}"
        );
        let name = |id: &str| {
            let i = s
                .resolve(&CustomerRef {
                    id: Some(id.into()),
                    email: None,
                })
                .unwrap();
            s.get(i).profile.name.clone().unwrap()
        };
        assert_eq!(name("c2"), "Cut \u{fffd}");
        assert_eq!(name("c3"), "\u{fffd} and 😀");
    }
}

#[test]
fn an_address_two_customers_give_finds_the_later_once_the_first_changes_away() {
    // Ann and Bob both give the shop's old shared inbox; Ann then moves to her own address. A
    // ticket from the inbox is Bob's: it showed Ann's name and order
    let mut s = Store::default();
    s.load_json(&json!({"customers": [
        {"id": "ann", "email": "desk@shop.example"},
        {"id": "bob", "email": "desk@shop.example"}]}))
        .unwrap();
    assert_eq!(by_email(&s, "desk@shop.example").as_deref(), Some("ann"));
    let r = s
        .load_json(&json!({"customers": [{"id": "ann", "email": "ann@own.example"}]}))
        .unwrap();
    let said = |part: &str| r.conflicts.iter().any(|c| c.contains(part));
    assert!(said("is customer bob's now; the email finds bob"), "{r:?}");
    assert_eq!(by_email(&s, "desk@shop.example").as_deref(), Some("bob"));
    assert_eq!(by_email(&s, "ann@own.example").as_deref(), Some("ann"));
    let bob = s
        .resolve(&CustomerRef {
            id: Some("bob".into()),
            email: None,
        })
        .unwrap();
    assert_eq!(
        s.get(bob).profile.email.as_deref(),
        Some("desk@shop.example")
    );

    // a claim lapses when its customer gives another address: the first keeps the old one
    let mut s = Store::default();
    s.load_json(&json!({"customers": [
        {"id": "ann", "email": "desk@shop.example"},
        {"id": "bob", "email": "desk@shop.example"}]}))
        .unwrap();
    s.load_json(&json!({"customers": [{"id": "bob", "email": "bob@own.example"}]}))
        .unwrap();
    let r = s
        .load_json(&json!({"customers": [{"id": "ann", "email": "ann@own.example"}]}))
        .unwrap();
    assert!(
        r.conflicts.iter().any(|c| c.contains("both find them")),
        "{r:?}"
    );
    assert_eq!(by_email(&s, "desk@shop.example").as_deref(), Some("ann"));
    assert_eq!(by_email(&s, "bob@own.example").as_deref(), Some("bob"));

    // an existing customer whose record now gives a taken address claims it the same way
    let mut s = Store::default();
    s.load_json(&json!({"customers": [
        {"id": "ann", "email": "desk@shop.example"},
        {"id": "bob", "email": "bob@own.example"}]}))
        .unwrap();
    s.load_json(&json!({"customers": [{"id": "bob", "email": "desk@shop.example"}]}))
        .unwrap();
    assert_eq!(by_email(&s, "desk@shop.example").as_deref(), Some("ann"));
    s.load_json(&json!({"customers": [{"id": "ann", "email": "ann@own.example"}]}))
        .unwrap();
    assert_eq!(by_email(&s, "desk@shop.example").as_deref(), Some("bob"));
    assert_eq!(by_email(&s, "bob@own.example").as_deref(), Some("bob"));
}
