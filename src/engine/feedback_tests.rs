//! What is kept of the proposals: per customer's ticket of a number, within both bounds, and
//! the order of forgetting consistent with the map (every id in the order has a proposal).
use super::*;

fn customer(email: &str) -> CustomerRef {
    CustomerRef {
        id: None,
        email: Some(email.into()),
    }
}

fn held(e: &Engine) -> (usize, usize) {
    let log = e.proposed.borrow();
    (log.0.values().map(Vec::len).sum(), log.1.len())
}

#[test]
fn a_number_keeps_its_last_customers_tickets_and_the_order_stays_with_the_map() {
    let e = Engine::new(None).unwrap();
    let n = MAX_PROPOSED_PER_NUMBER + 3;
    for k in 0..n {
        e.remember("1001", &customer(&format!("c{k}@a.org")), "s".into(), &[]);
    }
    let log = e.proposed.borrow();
    let on_number = &log.0["1001"];
    assert_eq!(on_number.len(), MAX_PROPOSED_PER_NUMBER);
    // the three assessed first went, the last is last
    assert_eq!(on_number[0].customer, customer("c3@a.org"));
    assert_eq!(
        on_number.last().unwrap().customer,
        customer(&format!("c{}@a.org", n - 1))
    );
    drop(log);
    assert_eq!(held(&e), (MAX_PROPOSED_PER_NUMBER, MAX_PROPOSED_PER_NUMBER));
    // assessed again, a customer's ticket moves to the end and is not counted twice
    e.remember("1001", &customer("c5@a.org"), "t".into(), &[]);
    assert_eq!(held(&e), (MAX_PROPOSED_PER_NUMBER, MAX_PROPOSED_PER_NUMBER));
    let log = e.proposed.borrow();
    let last = log.0["1001"].last().unwrap();
    assert_eq!(
        (&last.customer, last.situation.as_str()),
        (&customer("c5@a.org"), "t")
    );
}

#[test]
fn forgetting_the_oldest_takes_the_oldest_proposal_of_its_number() {
    let e = Engine::new(None).unwrap();
    e.remember("1001", &customer("ana@a.org"), "s".into(), &[]);
    e.remember("1001", &customer("bo@b.org"), "s".into(), &[]);
    for k in 0..MAX_PROPOSED - 1 {
        e.remember(&format!("t{k}"), &customer("x@x.org"), "s".into(), &[]);
    }
    // one over: Ana's, the first proposal made, goes; Bo's stays
    assert_eq!(held(&e), (MAX_PROPOSED, MAX_PROPOSED));
    let log = e.proposed.borrow();
    let on_number = &log.0["1001"];
    assert_eq!(on_number.len(), 1);
    assert_eq!(on_number[0].customer, customer("bo@b.org"));
    drop(log);
    e.remember("t-last", &customer("x@x.org"), "s".into(), &[]);
    assert!(
        !e.proposed.borrow().0.contains_key("1001"),
        "Bo's went next"
    );
    assert_eq!(held(&e), (MAX_PROPOSED, MAX_PROPOSED));
}
