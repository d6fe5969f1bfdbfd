//! Rows of one order apart in an orders CSV (an export sorted by date or product): they join the
//! order their earlier rows loaded, as side by side, and never another customer's order. Written
//! by a hostile helper session (session 50) against the first version of the join.
use rapport::Engine;
use serde_json::json;

const HEAD: &str = "Name,Email,Created at,Total,Currency,Lineitem name\n";

fn items_of(e: &Engine, email: &str) -> Vec<String> {
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    let t = json!({"id": "T", "customer": {"email": email},
        "messages": [{"from": "customer", "text": "Where is my order?"}]});
    let a = e.assess(&t, now).unwrap();
    match a.customer.last_order.as_ref() {
        Some(o) => o.items.iter().map(|i| i.to_string()).collect(),
        None => vec![],
    }
}

/// Two line items of one name (two of a product on separate lines, or two engravings): side by
/// side they are both kept; the same rows apart in the file lose one.
#[test]
fn two_line_items_of_one_name_apart_are_both_kept() {
    let side = format!(
        "{HEAD}#1001,a@x.com,2026-11-01,50.00,EUR,Gift card\n\
                        #1001,,,,,Gift card\n\
                        #1002,c@x.com,2026-11-02,20.00,EUR,Mug\n"
    );
    let apart = format!(
        "{HEAD}#1001,a@x.com,2026-11-01,50.00,EUR,Gift card\n\
                         #1002,c@x.com,2026-11-02,20.00,EUR,Mug\n\
                         #1001,,,,,Gift card\n"
    );
    let mut e1 = Engine::new(None).unwrap();
    e1.import_csv("orders", &side, None).unwrap();
    let mut e2 = Engine::new(None).unwrap();
    let r = e2.import_csv("orders", &apart, None).unwrap();
    assert!(r.rejected.is_empty(), "{r:?}");
    assert_eq!(items_of(&e1, "a@x.com"), ["Gift card", "Gift card"]);
    assert_eq!(
        items_of(&e2, "a@x.com"),
        items_of(&e1, "a@x.com"),
        "apart vs side by side"
    );
}

/// Chunked at every byte gives the same as whole (held).
#[test]
fn chunked_at_every_byte_is_the_same_as_whole() {
    let csv = format!(
        "{HEAD}#1001,a@x.com,2026-11-01T10:00:00Z,50.00,EUR,Alpha kettle\n\
                       #1002,c@x.com,2026-11-02,20.00,EUR,Gamma mug\n\
                       #1001,,,,,Alpha filter\n\
                       #1001,b@x.com,2026-11-04,70.00,EUR,Bruno test\n\
                       #1003,c@x.com,2026-11-03,9.00,EUR,Gamma spoon\n\
                       #1001,,,,,Bruno vitamins\n\
                       #1001,A@x.com,2026-11-01T10:00:00Z,,,Alpha descaler\n"
    );
    let mut w = Engine::new(None).unwrap();
    let rw = w.import_csv("orders", &csv, None).unwrap();
    for cut in 1..csv.len() {
        let mut c = Engine::new(None).unwrap();
        c.import_csv_chunk("orders", &csv[..cut], None).unwrap();
        c.import_csv_chunk("orders", &csv[cut..], None).unwrap();
        let rc = c.finish_csv().unwrap();
        assert_eq!(rc, rw, "cut {cut}");
        for who in ["a@x.com", "b@x.com", "c@x.com"] {
            assert_eq!(items_of(&c, who), items_of(&w, who), "cut {cut}");
        }
    }
}

/// A continuation row that names the customer by the id the first row gave (with an email that
/// filed it under a known customer): side by side it is one order; apart, the order moves to a
/// new customer of that id and the first rows' items are lost.
#[test]
fn id_only_continuation_apart_is_the_same_as_side_by_side() {
    let head = "Name,Customer ID,Email,Created at,Total,Lineitem name\n";
    let cust = json!({"customers": [{"id": "ann", "email": "a@x.com", "name": "Ann"}]});
    let side = format!(
        "{head}#1001,C7,a@x.com,2026-11-01,50.00,Kettle\n\
                        #1001,C7,,,,Filter\n\
                        #1002,C9,c@x.com,2026-11-02,20.00,Mug\n"
    );
    let apart = format!(
        "{head}#1001,C7,a@x.com,2026-11-01,50.00,Kettle\n\
                         #1002,C9,c@x.com,2026-11-02,20.00,Mug\n\
                         #1001,C7,,,,Filter\n"
    );
    let mut e1 = Engine::new(None).unwrap();
    e1.load_history(&cust).unwrap();
    e1.import_csv("orders", &side, None).unwrap();
    let mut e2 = Engine::new(None).unwrap();
    e2.load_history(&cust).unwrap();
    let r = e2.import_csv("orders", &apart, None).unwrap();
    assert_eq!(items_of(&e1, "a@x.com"), ["Kettle", "Filter"]);
    assert_eq!(items_of(&e2, "a@x.com"), ["Kettle", "Filter"], "{r:?}");
}

/// A history load between chunks gives order #1001 to Bob; the rest of Ann's order then joins
/// Bob's order (a row that names no customer).
#[test]
fn a_load_between_chunks_does_not_put_ann_s_items_on_bob_s_order() {
    let part1 = format!(
        "{HEAD}#1001,a@x.com,2026-11-01,50.00,EUR,Ann's kettle\n\
                         #1002,c@x.com,2026-11-02,20.00,EUR,Mug\n"
    );
    let part2 = "#1001,,,,,Ann's filter\n";
    let mut e = Engine::new(None).unwrap();
    e.import_csv_chunk("orders", &part1, None).unwrap();
    e.load_history(&json!({"orders": [{"id": "#1001", "customerEmail": "b@x.com", "at": "2026-11-05", "items": ["Bob's test"]}]}))
        .unwrap();
    e.import_csv_chunk("orders", part2, None).unwrap();
    let r = e.finish_csv().unwrap();
    let b = items_of(&e, "b@x.com");
    assert!(
        !b.iter().any(|i| i.starts_with("Ann")),
        "bob's order: {b:?} {r:?}"
    );
}

/// An order whose rows are interleaved with others' is joined row by row: every item kept, once,
/// in file order (each join moves the items already gathered; copying them made 40,000 items
/// take 8.5 s against 0.38 s side by side, session 50).
#[test]
fn interleaved_rows_keep_every_item_in_order() {
    let n = 2_000;
    let mut csv = String::from(HEAD);
    csv.push_str("#1,a@x.com,2026-11-01,5.00,EUR,Item 0\n");
    for i in 1..n {
        csv.push_str(&format!("#{},c@x.com,2026-11-02,1.00,EUR,Other\n", i + 1));
        csv.push_str(&format!("#1,,,,,Item {i}\n"));
    }
    let mut e = Engine::new(None).unwrap();
    let r = e.import_csv("orders", &csv, None).unwrap();
    assert!(r.rejected.is_empty() && r.conflicts.is_empty(), "{r:?}");
    let items = items_of(&e, "a@x.com");
    assert_eq!(items.len(), n);
    assert!(items
        .iter()
        .enumerate()
        .all(|(i, x)| *x == format!("Item {i}")));
}
