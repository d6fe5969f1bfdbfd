//! The exports the importer recognises without a mapping, each from a file written in that
//! product's export format (tests/fixtures/exports/): Zendesk and Freshdesk ticket exports,
//! Shopify customers and orders (one row per line item), and a plain NPS survey export.
use rapport::Engine;
use serde_json::json;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/exports/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn shop_and_desk_exports_load_without_a_mapping() {
    let mut e = Engine::new(None).unwrap();
    let r = e
        .import_csv("customers", &fixture("shopify-customers.csv"), None)
        .unwrap();
    assert_eq!((r.added.customers, r.rejected.len()), (2, 0), "{r:?}");
    let r = e
        .import_csv("orders", &fixture("shopify-orders.csv"), None)
        .unwrap();
    assert_eq!(
        (r.added.orders, r.rejected.len()),
        (2, 0),
        "line items of #1001 make one order: {r:?}"
    );
    let r = e
        .import_csv("tickets", &fixture("zendesk-tickets.csv"), None)
        .unwrap();
    assert_eq!((r.added.tickets, r.rejected.len()), (3, 0), "{r:?}");
    let r = e
        .import_csv("tickets", &fixture("freshdesk-tickets.csv"), None)
        .unwrap();
    assert_eq!(
        (r.added.tickets, r.rejected.len(), r.customers_from_records),
        (2, 0, 1),
        "{r:?}"
    );
    let r = e
        .import_csv("surveys", &fixture("nps-survey.csv"), None)
        .unwrap();
    assert_eq!(r.added.surveys, 2, "{r:?}");
    assert_eq!(
        (r.rejected[0].index, r.rejected[0].field.as_str()),
        (4, "Score")
    );

    // what the assessment now knows about Ana: Shopify's id (without its quote), lifetime value,
    // the two line items, Zendesk's "Bad" rating as CSAT 1, the NPS detractor answer
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let a = e
        .assess(&json!({"id": "T", "customer": {"email": "ANA.SILVA@example.com"}, "messages": [{"from": "customer", "text": "Charged twice again!"}]}), now)
        .unwrap();
    let f = &a.customer;
    assert_eq!(f.customer_id.as_deref(), Some("7001"));
    assert_eq!(f.lifetime_value, Some(5400.0));
    assert_eq!(
        f.last_order
            .as_ref()
            .map(|o| o.items.iter().map(|i| i.to_string()).collect::<Vec<_>>()),
        Some(vec!["Espresso machine".to_string(), "Milk jug".to_string()])
    );
    assert!(
        f.last_csat.as_ref().is_some_and(|c| c.score == 1.0),
        "{:?}",
        f.last_csat
    );
    assert!(
        f.nps.as_ref().is_some_and(|n| n.score == 3.0),
        "{:?}",
        f.nps
    );
    assert!(
        a.reasons
            .iter()
            .any(|r| r.signal == "history.csat_low" || r.signal == "history.repeat_topic"),
        "{:?}",
        a.reasons
    );
}

#[test]
fn an_order_number_two_customers_share_is_not_merged_into_one_order() {
    // two shops' exports both start at #1001: the second customer's rows (the first names the
    // customer, its line items do not, as Shopify writes them) are that customer's order, the
    // later record of the number, said in the conflicts; never line items of the first order
    let mut e = Engine::new(None).unwrap();
    let csv = "Name,Email,Created at,Total,Currency,Lineitem name\n\
               #1001,a@x.com,2026-11-01,50.00,EUR,Alpha kettle\n\
               #1001,,2026-11-01,,,Alpha filter\n\
               #1001,B@X.com,2026-11-02,70.00,EUR,Bruno's pregnancy test\n\
               #1001,,,,,Bruno's vitamins\n";
    let r = e.import_csv("orders", csv, None).unwrap();
    assert!(r.rejected.is_empty(), "{r:?}");
    assert_eq!(
        r.conflicts,
        ["order #1001 was customer a@x.com's and is now customer b@x.com's: the later record wins"],
        "{r:?}"
    );
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let t = |email: &str| json!({"id": "T", "customer": {"email": email}, "messages": [{"from": "customer", "text": "Where is my order?"}]});
    let a = serde_json::to_string(&e.assess(&t("a@x.com"), now).unwrap()).unwrap();
    assert!(!a.contains("Bruno"), "{a}");
    let b = e.assess(&t("b@x.com"), now).unwrap();
    let items = &b.customer.last_order.as_ref().expect("B's order").items;
    let items: Vec<&str> = items.iter().map(|i| &**i).collect();
    assert_eq!(items, ["Bruno's pregnancy test", "Bruno's vitamins"]);
    assert!(!serde_json::to_string(&b).unwrap().contains("Alpha"));
}

#[test]
fn a_ticket_from_an_address_now_given_to_another_customer_shows_nothing_of_the_old_owner() {
    // a newer CRM export gives the family inbox to Bruno (Alice moved to a new address): his
    // ticket from it must not greet him as Alice nor quote her order
    let mut e = Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "A", "email": "info@family.example", "name": "Alice Amber"}],
        "orders": [{"id": "A-77", "customerId": "A", "at": "2026-11-01", "items": ["Alice's prescription glasses"]}]}))
        .unwrap();
    e.load_history(&json!({"customers": [
        {"id": "A", "email": "alice@new.example", "name": "Alice Amber"},
        {"id": "B", "email": "info@family.example", "name": "Bruno Byrne"}]}))
        .unwrap();
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let o = rapport::engine::AssessOptions {
        snippets: 60,
        ..rapport::engine::AssessOptions::at(now)
    };
    let t = json!({"id": "T", "customer": {"email": "INFO@family.example"}, "messages": [{"from": "customer", "text": "Where is my order?"}]});
    let a = e.assess_with(&t, &o).unwrap();
    assert_eq!(a.customer.customer_id.as_deref(), Some("B"));
    assert!(a.customer.last_order.is_none());
    let all = serde_json::to_string(&a).unwrap();
    assert!(!all.contains("Alice") && !all.contains("A-77"), "{all}");
    assert!(a.snippets.iter().any(|s| s.text.contains("Bruno")));
}

#[test]
fn rows_of_one_order_apart_in_the_file_join_it_and_another_customer_s_do_not() {
    // an export sorted by date, not by order: #1001's line items are split by #1002's. They
    // were one order's rows, and the later group replaced the earlier ("1 updated") without a
    // word; a line-item row that names no customer was rejected
    let csv = "Name,Email,Created at,Total,Currency,Lineitem name\n\
               #1001,a@x.com,2026-11-01T10:00:00Z,50.00,EUR,Alpha kettle\n\
               #1002,c@x.com,2026-11-02,20.00,EUR,Gamma mug\n\
               #1001,,,,,Alpha filter\n\
               #1003,c@x.com,2026-11-03,9.00,EUR,Gamma spoon\n\
               #1001,A@x.com,2026-11-01T10:00:00Z,,,Alpha descaler\n";
    let mut e = Engine::new(None).unwrap();
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let t = |email: &str| json!({"id": "T", "customer": {"email": email}, "messages": [{"from": "customer", "text": "Where is my order?"}]});
    for load in 0..2 {
        // loaded twice: the same order, not its items twice
        let r = e.import_csv("orders", csv, None).unwrap();
        assert!(r.rejected.is_empty() && r.conflicts.is_empty(), "{r:?}");
        assert_eq!(r.totals.orders, 3, "{r:?}");
        let a = e.assess(&t("a@x.com"), now).unwrap();
        let o = a.customer.last_order.as_ref().expect("a's order");
        let items: Vec<&str> = o.items.iter().map(|i| &**i).collect();
        assert_eq!(
            items,
            ["Alpha kettle", "Alpha filter", "Alpha descaler"],
            "load {load}"
        );
        assert_eq!(o.total, Some(50.0), "load {load}");
    }
    // the same number apart, naming another customer: that customer's order, the later
    // record, said in the conflicts (as side by side), never joined to the first
    let csv = "Name,Email,Created at,Total,Currency,Lineitem name\n\
               #1001,a@x.com,2026-11-01,50.00,EUR,Alpha kettle\n\
               #1002,c@x.com,2026-11-02,20.00,EUR,Gamma mug\n\
               #1001,b@x.com,2026-11-04,70.00,EUR,Bruno's pregnancy test\n";
    let mut e = Engine::new(None).unwrap();
    let r = e.import_csv("orders", csv, None).unwrap();
    assert_eq!(r.conflicts.len(), 1, "{r:?}");
    let b = e.assess(&t("b@x.com"), now).unwrap();
    let o = b.customer.last_order.as_ref().expect("b's order");
    let items: Vec<&str> = o.items.iter().map(|i| &**i).collect();
    assert_eq!(items, ["Bruno's pregnancy test"]);
}
