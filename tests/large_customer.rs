//! One customer with many records (a B2B account, a marketplace relay address): the store keeps
//! each customer's tickets in time order as they load, so the facts read a slice instead of
//! sorting. Checked here against a reference that sorts, whatever order the records arrive in.
//! (How fast: benches/history.mjs, `make bench-history`.)
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rapport::history::facts::{facts, PastTicket, LISTED};
use rapport::history::records::{CustomerRef, SurveyKind, TicketRecord};
use rapport::history::store::{ticket_order, Store};
use serde_json::{json, Value};

const DAY: i64 = 86_400_000;
const NOW: i64 = 1_795_000_000_000;

fn date(ms: i64) -> String {
    rapport::time::format_date(ms)
}

/// Tickets with few distinct days and ids (ties, updates, moves between customers a and b),
/// surveys with repeated days (updates), in any order, loaded in several batches.
fn records() -> impl Strategy<Value = Vec<(u8, Value)>> {
    let ticket = (
        0u8..2,
        0u32..60,
        0i64..400,
        prop::option::of(1u8..6),
        0u8..4,
    )
        .prop_map(|(c, id, age, csat, ch)| {
            let (who, channel) = (
                ["a", "b"][c as usize],
                ["email", "chat", "phone", "web"][ch as usize],
            );
            let mut t = json!({"id": format!("t{id}"), "customerId": who,
                "createdAt": date(NOW - age * DAY), "channel": channel});
            if let Some(s) = csat {
                t["csat"] = json!(s);
            }
            (0u8, t)
        });
    let survey = (0i64..50, 0u8..11, any::<bool>()).prop_map(|(age, score, nps)| {
        let (kind, score) = if nps {
            ("nps", score)
        } else {
            ("csat", score % 5 + 1)
        };
        (
            3u8,
            json!({"customerId": "a", "at": date(NOW - age * DAY), "kind": kind, "score": score}),
        )
    });
    prop::collection::vec(prop_oneof![3 => ticket, 1 => survey], 0..120)
}

fn load(store: &mut Store, recs: &[(u8, Value)], batch: usize) {
    for part in recs.chunks(batch.max(1)) {
        let mut h = json!({"tickets": [], "surveys": []});
        for (k, v) in part {
            let list = if *k == 0 { "tickets" } else { "surveys" };
            h[list].as_array_mut().unwrap().push(v.clone());
        }
        store.load_json_text(&h.to_string()).unwrap();
    }
}

fn past(t: &TicketRecord) -> PastTicket {
    PastTicket {
        id: t.id().to_string(),
        subject: t.subject().map(str::to_string),
        created_at: date(t.created_at),
        solved_at: t.solved_at.get().filter(|s| *s <= NOW).map(date),
        csat: t.csat.get(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn facts_read_from_the_kept_order_equal_a_sort(recs in records(), batch in 1usize..40, current in 0u32..60) {
        let mut s = Store::default();
        load(&mut s, &recs, batch);
        let current = format!("t{current}");
        for c in &s.customers {
            // the kept order is the sorted order, and every ticket is found by its id again
            let mut sorted = c.tickets.clone();
            sorted.sort_by(ticket_order);
            prop_assert_eq!(&c.tickets, &sorted);
        }
        let Some(a) = s.resolve(&CustomerRef { id: Some("a".into()), email: None }) else {
            return Ok(());
        };
        let h = s.get(a);
        let odd = |t: &TicketRecord| t.id().len() % 2 == 1;
        let f = facts(h, &current, Some(&odd as _), NOW);

        // the reference: every ticket before now but the current one, sorted newest first
        let mut prev: Vec<&TicketRecord> = h.tickets.iter().filter(|t| t.created_at <= NOW && t.id() != current).collect();
        prev.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id().cmp(b.id())));
        prop_assert_eq!(f.previous_ticket, prev.first().map(|t| past(t)));
        let within = |d: i64| prev.iter().filter(move |t| NOW - t.created_at <= d * DAY);
        // every one counted, the newest `LISTED` listed
        prop_assert_eq!(f.contacts_30d, within(30).take(LISTED).map(|t| past(t)).collect::<Vec<_>>());
        prop_assert_eq!(f.contacts_30d_count, within(30).count());
        prop_assert_eq!(f.same_topic, within(180).filter(|t| odd(t)).take(LISTED).map(|t| past(t)).collect::<Vec<_>>());
        prop_assert_eq!(f.same_topic_count, within(180).filter(|t| odd(t)).count());
        let mut channels: Vec<(String, usize)> = Vec::new();
        for t in &prev {
            let c = t.channel.as_deref().unwrap().to_string();
            match channels.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => channels.push((c, 1)),
            }
        }
        channels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        prop_assert_eq!(f.channels.iter().map(|c| (c.channel.clone(), c.contacts)).collect::<Vec<_>>(), channels);

        // surveys: one answer per time and kind, the latest NPS and the one before it
        let mut nps: Vec<_> = h.surveys.iter().filter(|x| x.kind == SurveyKind::Nps).collect();
        let mut keys: Vec<_> = h.surveys.iter().map(|x| (x.at, x.kind == SurveyKind::Nps)).collect();
        keys.sort_unstable();
        keys.dedup();
        prop_assert_eq!(keys.len(), h.surveys.len(), "no survey twice");
        nps.sort_by_key(|x| x.at);
        prop_assert_eq!(f.nps.map(|r| r.score), nps.last().map(|x| x.score));
        prop_assert_eq!(f.nps_previous, nps.len().checked_sub(2).map(|i| nps[i].score));
        let mut csats: Vec<(i64, f64, String)> = prev.iter().filter_map(|t| t.csat.get().map(|c| (t.solved_at.get().unwrap_or(t.created_at).min(NOW), c, format!("ticket {}", t.id())))).collect();
        csats.extend(h.surveys.iter().filter(|x| x.kind == SurveyKind::Csat).map(|x| (x.at, x.score, "CSAT survey".to_string())));
        csats.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
        prop_assert_eq!(f.last_csat.map(|r| (r.score, r.source)), csats.last().map(|c| (c.1, c.2.clone())));
    }
}

#[test]
fn tickets_loaded_newest_first_are_kept_oldest_first_and_updated_in_place() {
    let mut s = Store::default();
    let tickets: Vec<Value> = (0..3_000)
        .map(|i| json!({"id": format!("t{i}"), "customerId": "big", "createdAt": date(NOW - i * DAY / 10)}))
        .collect();
    s.load_json_text(&json!({ "tickets": tickets }).to_string())
        .unwrap();
    let big = s
        .resolve(&CustomerRef {
            id: Some("big".into()),
            email: None,
        })
        .unwrap();
    let ids: Vec<&str> = s.get(big).tickets.iter().map(|t| t.id()).collect();
    assert_eq!((ids[0], ids[2_999]), ("t2999", "t0"));
    // an update after the reorder finds its record: no duplicate, the new date kept in order
    let r = s
        .load_json_text(&json!({"tickets": [{"id": "t0", "customerId": "big", "createdAt": date(NOW - 400 * DAY)}]}).to_string())
        .unwrap();
    assert_eq!(
        (r.added.tickets, r.updated.tickets, s.counts().tickets),
        (0, 1, 3_000)
    );
    assert_eq!(s.get(big).tickets[0].id(), "t0");
}

/// A B2B account with 25 contacts this month and 50 earlier tickets on the same problem: the
/// assessment lists the newest 20 of each beside the count of all, and scores exactly as it did
/// when it listed them all (score, labels, points and evidence measured on e90fa61, before the
/// lists were capped; the points since follow the fitted weights: tenure 26 since the refit of
/// 2026-12-03; a third contact on one problem worth 72 since session 23, so the moment is
/// full, tenure counts in full and the sum is capped at 100).
#[test]
fn a_large_account_lists_the_newest_and_counts_all_with_the_same_score() {
    let now = rapport::time::parse_iso("2026-11-23T12:00:00Z").unwrap();
    // one ticket every 1.2 days, an hour before the moment: 25 in 30 days, every third on the invoice
    let iso = |ms: i64| {
        let s = ms.rem_euclid(DAY) / 1000;
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            date(ms),
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    };
    let tickets: Vec<Value> = (0..150i64)
        .map(|i| {
            let mut t = json!({"id": format!("h{i}"), "customerId": "b2b",
                "createdAt": iso(now - i * 12 * DAY / 10 - 3_600_000),
                "channel": if i % 2 == 0 { "email" } else { "chat" },
                "subject": if i % 3 == 0 { "Invoice copy wrong" } else { "Password reset" }});
            if i % 4 == 0 {
                t["csat"] = json!(3);
            }
            t
        })
        .collect();
    let mut e = rapport::Engine::new(None).unwrap();
    e.load_history(&json!({"customers": [{"id": "b2b", "name": "Bea Brandt", "since": "2020-02-01"}], "tickets": tickets}))
        .unwrap();
    let mut o = rapport::engine::AssessOptions::at(now);
    o.snippets = 0;
    let a = e
        .assess_with(
            &json!({"id": "open-1", "subject": "Invoice copy", "customer": {"id": "b2b"},
                "messages": [{"from": "customer", "text": "Could you send a corrected invoice copy for last month?"}]}),
            &o,
        )
        .unwrap();
    let c = &a.customer;
    assert_eq!((c.contacts_30d.len(), c.contacts_30d_count), (LISTED, 25));
    assert_eq!((c.same_topic.len(), c.same_topic_count), (LISTED, 50));
    let ids = |l: &[PastTicket]| l.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&c.contacts_30d),
        (0..20).map(|i| format!("h{i}")).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(&c.same_topic),
        (0..20).map(|i| format!("h{}", 3 * i)).collect::<Vec<_>>()
    );
    let reasons: Vec<_> = a
        .reasons
        .iter()
        .map(|r| {
            (
                r.signal.id(),
                r.label.as_str(),
                r.points,
                r.evidence.as_str(),
            )
        })
        .collect();
    assert_eq!(a.score, 100);
    assert_eq!(
        reasons,
        [
            (
                "history.repeat_topic",
                "Same problem as 50 recent tickets",
                72,
                "ticket h0 “Invoice copy wrong” on 2026-11-23, rated CSAT 3"
            ),
            (
                "history.tenure",
                "Customer for 6 years",
                26,
                "customer for 2487 days"
            ),
            (
                "history.recent_contacts",
                "25 other contacts this month",
                13,
                "ticket h0 on 2026-11-23, ticket h1 on 2026-11-22, ticket h2 on 2026-11-21"
            ),
            (
                "intent.transactional",
                "Routine request: billing question",
                0,
                "the customer's words read as billing question (99% sure)"
            ),
            (
                "clamp",
                "Capped at 100",
                -11,
                "the reasons add up to 111; the score stays within 0..100"
            ),
        ]
    );
}
