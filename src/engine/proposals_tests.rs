//! The proposals' bounds and order of forgetting (least recently assessed first, whatever was
//! assessed again in between), and a customer's proposals under two references read together.
use super::*;
use crate::seen::same_customer;

fn by_email(email: &str) -> CustomerRef {
    CustomerRef {
        id: None,
        email: Some(email.into()),
    }
}

fn by_id(id: &str) -> CustomerRef {
    CustomerRef {
        id: Some(id.into()),
        email: None,
    }
}

fn remember(p: &mut Proposals, ticket: &str, c: &CustomerRef) {
    p.remember(ticket, c, "s".into(), &[], &same_customer);
}

/// Every proposal counted once, and no more places in the order than the sweep allows.
fn consistent(p: &Proposals) {
    let (live, held, places) = p.held();
    assert_eq!(live, held);
    assert!(held <= MAX_PROPOSED);
    assert!(
        places >= held && places <= 2 * held + 64,
        "{places} places, {held} held"
    );
}

fn customers_on(p: &Proposals, ticket: &str) -> Vec<String> {
    let mut v: Vec<String> = p
        .on_number(ticket)
        .iter()
        .map(|x| x.customer.email.clone().unwrap_or_default())
        .collect();
    v.sort();
    v
}

fn emails(ks: impl Iterator<Item = usize>) -> Vec<String> {
    let mut v: Vec<String> = ks.map(|k| format!("c{k}@a.org")).collect();
    v.sort();
    v
}

#[test]
fn a_number_keeps_its_customers_tickets_assessed_last() {
    let mut p = Proposals::default();
    let n = MAX_PROPOSED_PER_NUMBER + 3;
    for k in 0..n {
        remember(&mut p, "1001", &by_email(&format!("c{k}@a.org")));
    }
    assert_eq!(customers_on(&p, "1001"), emails(3..n));
    // assessed again, c3 is the number's latest, and c4 the next to go
    remember(&mut p, "1001", &by_email("c3@a.org"));
    remember(&mut p, "1001", &by_email("c99@a.org"));
    assert_eq!(
        customers_on(&p, "1001"),
        emails((3..4).chain(5..n).chain(99..100))
    );
    // the number's ticket assessed last, when feedback names no one
    let last = p.find("1001", None, &same_customer).unwrap();
    assert_eq!(last.customer, by_email("c99@a.org"));
    consistent(&p);
}

#[test]
fn the_least_recently_assessed_is_forgotten_first() {
    let mut p = Proposals::default();
    remember(&mut p, "1001", &by_email("ana@a.org"));
    for k in 0..MAX_PROPOSED - 2 {
        remember(&mut p, &format!("t{k}"), &by_email("x@x.org"));
    }
    remember(&mut p, "1001", &by_email("bo@b.org"));
    // Ana's, the first proposal made, is assessed again: the next to go is t0, not hers or Bo's
    remember(&mut p, "1001", &by_email("ana@a.org"));
    remember(&mut p, "new", &by_email("x@x.org"));
    assert!(p.on_number("t0").is_empty(), "t0 kept");
    assert_eq!(p.on_number("1001").len(), 2, "Ana's or Bo's forgotten");
    consistent(&p);
    // the other tickets go in their order, then Bo's (assessed before Ana's last time), then hers
    // (held: Ana, Bo, new and the 9,997 tickets after t0)
    for k in 0..MAX_PROPOSED - 3 {
        remember(&mut p, &format!("u{k}"), &by_email("x@x.org"));
    }
    assert_eq!(p.on_number("1001").len(), 2);
    remember(&mut p, "u-last", &by_email("x@x.org"));
    assert_eq!(p.on_number("1001").len(), 1);
    assert_eq!(p.on_number("1001")[0].customer, by_email("ana@a.org"));
    remember(&mut p, "u-last-2", &by_email("x@x.org"));
    assert!(p.on_number("1001").is_empty());
    consistent(&p);
}

#[test]
fn a_ticket_assessed_again_and_again_leaves_no_trail_of_places() {
    let mut p = Proposals::default();
    remember(&mut p, "other", &by_email("x@x.org"));
    for _ in 0..5_000 {
        remember(&mut p, "1001", &by_email("ana@a.org"));
        consistent(&p);
    }
    assert_eq!(p.held().1, 2);
}

#[test]
fn a_customers_proposals_under_two_references_become_one() {
    let mut p = Proposals::default();
    remember(&mut p, "1001", &by_id("a1"));
    remember(&mut p, "1001", &by_email("ana@x.org"));
    p.find("1001", Some(&by_id("a1")), &same_customer)
        .unwrap()
        .dismiss("x");
    p.find("1001", Some(&by_email("ana@x.org")), &same_customer)
        .unwrap()
        .dismiss("y");
    let both = CustomerRef {
        id: Some("a1".into()),
        email: Some("ana@x.org".into()),
    };
    // a reference naming both reads both's dismissals, and its assessment folds the two
    // into the one assessed last, which then answers to either name
    assert_eq!(p.set_aside("1001", &both, &same_customer).len(), 2);
    remember(&mut p, "1001", &both);
    let on = p.on_number("1001");
    assert_eq!(on.len(), 1);
    assert_eq!((&on[0].customer, on[0].dismissed.len()), (&both, 2));
    for c in [by_id("a1"), by_email("ana@x.org")] {
        assert_eq!(p.set_aside("1001", &c, &same_customer).len(), 2);
    }
    // a name it has is never replaced: another id at her address is someone else
    let other = CustomerRef {
        id: Some("a2".into()),
        email: Some("ana@x.org".into()),
    };
    assert!(p.set_aside("1001", &other, &same_customer).is_empty());
    remember(&mut p, "1001", &other);
    assert_eq!(p.on_number("1001").len(), 2);
    assert_eq!(p.set_aside("1001", &by_id("a1"), &same_customer).len(), 2);
    consistent(&p);
}

#[test]
fn a_tickets_dismissals_are_bounded_the_oldest_going() {
    let mut p = Proposals::default();
    remember(&mut p, "1001", &by_email("ana@a.org"));
    let ana = p.find("1001", None, &same_customer).unwrap();
    for k in 0..MAX_DISMISSED + 10 {
        ana.dismiss(&format!("s{k}"));
        ana.dismiss(&format!("s{k}"));
    }
    assert_eq!(ana.dismissed.len(), MAX_DISMISSED);
    assert_eq!(&*ana.dismissed[0], "s10");
}
