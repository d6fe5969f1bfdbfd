//! A CSV file read in chunks gives exactly what it gives read whole: the same records, the
//! same lines, the same report, at every split point (the reload path reads 1 MB chunks).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rapport::csv::{parse, Reader, Record};
use rapport::Engine;

/// `text` cut at the given byte offsets (moved forward to character boundaries).
fn pieces<'a>(text: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut at: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut c = c.min(text.len());
            while !text.is_char_boundary(c) {
                c += 1;
            }
            c
        })
        .collect();
    at.push(0);
    at.push(text.len());
    at.sort_unstable();
    at.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

fn chunked_records(parts: &[&str]) -> (Vec<Record>, Option<rapport::csv::CsvError>) {
    let mut out = Vec::new();
    let mut r = Reader::default();
    for p in parts {
        r.push(p, &mut |rec| out.push(rec));
    }
    let e = r.finish(&mut |rec| out.push(rec));
    (out, e)
}

fn import_chunked(kind: &str, parts: &[&str]) -> rapport::history::store::LoadReport {
    let mut e = Engine::new(None).unwrap();
    for p in parts {
        e.import_csv_chunk(kind, p, None).unwrap();
    }
    e.finish_csv().unwrap()
}

const HEADER: &str = "Ticket ID,Customer email,Created at,Subject\n";

#[test]
fn a_stray_quote_then_a_multiline_field_across_a_chunk_end_changes_nothing() {
    let csv = format!(
        "{HEADER}t1,ana@example.com,2026-01-01,27\" monitor\nt2,ben@example.com,2026-01-02,\"broken\nscreen, twice\"\nt3,cy@example.com,2026-01-03,ok\n"
    );
    let mut whole = Engine::new(None).unwrap();
    let want = whole.import_csv("tickets", &csv, None).unwrap();
    assert_eq!(
        (want.added.tickets, want.rejected.len()),
        (3, 0),
        "{want:?}"
    );
    // every cut, in particular inside the quoted field that spans two lines
    for cut in 1..csv.len() {
        let got = import_chunked("tickets", &pieces(&csv, &[cut]));
        assert_eq!(got, want, "cut at {cut}");
    }
}

#[test]
fn rows_after_a_stray_quote_load_as_their_chunk_arrives() {
    let mut e = Engine::new(None).unwrap();
    let first = format!("{HEADER}t1,ana@example.com,2026-01-01,27\" monitor\n");
    assert_eq!(e.import_csv_chunk("tickets", &first, None).unwrap(), 1);
    let n = e
        .import_csv_chunk("tickets", "t2,ana@example.com,2026-01-02,x\n", None)
        .unwrap();
    assert_eq!(
        n, 2,
        "the row after the stray quote is read without waiting for finishCsv"
    );
    assert_eq!(e.store().counts().tickets, 2);
}

#[test]
fn lone_cr_line_ends_give_the_same_lines_chunked() {
    // old Mac line ends mixed with LF, as files pasted together are
    let csv = "Ticket ID,Customer email,Created at\rt1,a@x.org,2026-01-01\rt2,a@x.org,yesterday\nt3,a@x.org,2026-01-03\rt4,a@x.org,soon\n";
    let mut whole = Engine::new(None).unwrap();
    let want = whole.import_csv("tickets", csv, None).unwrap();
    let lines: Vec<usize> = want.rejected.iter().map(|r| r.index).collect();
    assert_eq!(lines, [3, 5], "{want:?}");
    for cut in 1..csv.len() {
        assert_eq!(
            import_chunked("tickets", &pieces(csv, &[cut])),
            want,
            "cut at {cut}"
        );
    }
}

#[test]
fn another_kind_mid_import_is_refused_and_the_pending_row_kept() {
    let mut e = Engine::new(None).unwrap();
    // the last order row has no line break yet: it is pending until more text or the end
    e.import_csv_chunk(
        "orders",
        "id,email,date,total\nO1,a@x.org,2026-01-01,5",
        None,
    )
    .unwrap();
    let err = e
        .import_csv_chunk("tickets", "id,email,created\n", None)
        .unwrap_err();
    assert_eq!(err.path, "kind");
    assert!(err.message.contains("finishCsv"), "{err}");
    let r = e.finish_csv().unwrap();
    assert_eq!(r.added.orders, 1, "{r:?}");
}

/// Pieces of CSV that are hard to split: stray and doubled quotes, quoted fields over several
/// lines, every line end, multibyte text.
fn csv_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("27\" monitor".to_string()),
        Just("\"multi\nline, \"\"quoted\"\"\r\ntext\"".to_string()),
        Just("\"a\rb\"".to_string()),
        Just("\"\"".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("Zoë 日本 😀".to_string()),
        Just("ana@example.com".to_string()),
        Just("2026-01-0".to_string()),
        Just("t".to_string()),
        "[a-z0-9 ]{0,6}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn whole_and_chunked_agree_at_any_split(
        body in csv_text(),
        cuts in prop::collection::vec(0usize..400, 0..6),
        bom in any::<bool>(),
    ) {
        let text = format!("{}{HEADER}{body}", if bom { "\u{feff}" } else { "" });
        let parts = pieces(&text, &cuts);
        prop_assert_eq!(chunked_records(&parts), parse(&text));
        let mut whole = Engine::new(None).unwrap();
        let want = whole.import_csv("tickets", &text, None).unwrap();
        prop_assert_eq!(import_chunked("tickets", &parts), want);
    }

    #[test]
    fn one_byte_chunks_agree(body in csv_text()) {
        let text = format!("{HEADER}{body}");
        let cuts: Vec<usize> = (1..text.len()).collect();
        prop_assert_eq!(chunked_records(&pieces(&text, &cuts)), parse(&text));
    }
}

/// Chunks leave the ordering of each customer's tickets to the end (or to `settle` before a
/// read): per-chunk ordering made a 200 MB export not in time order load in quadratic time.
/// A read between chunks after `settle` sees what a whole import of the same rows gives.
#[test]
fn tickets_out_of_time_order_are_put_in_order_before_a_read_between_chunks() {
    let mut rows = String::from(HEADER);
    for i in 0..300 {
        // days jump about: almost every row lands before the customer's newest ticket
        let day = 1 + (i * 11) % 28;
        rows.push_str(&format!("t{i},c{}@example.com,2026-02-{day:02},s\n", i % 3));
    }
    let ids = |e: &Engine| -> Vec<Vec<String>> {
        (0..e.store().customers.len())
            .map(|c| {
                e.store()
                    .get(c)
                    .tickets
                    .iter()
                    .map(|t| t.id().to_string())
                    .collect()
            })
            .collect()
    };
    let mut whole = Engine::new(None).unwrap();
    whole.import_csv("tickets", &rows, None).unwrap();
    assert!(whole.store().settled());

    let mut e = Engine::new(None).unwrap();
    let cut = rows.len() / 2;
    let cut = rows[..cut].rfind('\n').unwrap() + 1;
    e.import_csv_chunk("tickets", &rows[..cut], None).unwrap();
    assert!(
        !e.store().settled(),
        "the order is left to the end or a read"
    );
    // a read before settle is refused, not answered from tickets out of order
    let early = serde_json::json!({ "id": "x", "customer": { "email": "c1@example.com" },
        "messages": [{ "from": "customer", "text": "hello" }] });
    let refused = e.assess(&early, 0).unwrap_err();
    assert_eq!(refused.path, "history", "{refused}");
    assert!(refused.message.contains("settle()"), "{refused}");
    e.settle();
    assert!(e.store().settled());
    let mut half = Engine::new(None).unwrap();
    half.import_csv("tickets", &rows[..cut], None).unwrap();
    assert_eq!(ids(&e), ids(&half));
    let ticket = serde_json::json!({ "id": "open", "customer": { "email": "c1@example.com" },
        "messages": [{ "from": "customer", "text": "Still broken, third time I write." }] });
    let now = rapport::time::parse_iso("2026-03-01T00:00:00Z").unwrap();
    assert_eq!(
        e.assess(&ticket, now).unwrap(),
        half.assess(&ticket, now).unwrap()
    );

    e.import_csv_chunk("tickets", &rows[cut..], None).unwrap();
    let r = e.finish_csv().unwrap();
    assert_eq!(r.added.tickets, 300, "{r:?}");
    assert_eq!(ids(&e), ids(&whole));
    // the same rows again update in place (the index followed the moves)
    let again = e.import_csv("tickets", &rows, None).unwrap();
    assert_eq!(
        (again.added.tickets, again.updated.tickets),
        (0, 300),
        "{again:?}"
    );
    assert_eq!(ids(&e), ids(&whole));
    for i in 0..300 {
        let id = format!("t{i}");
        assert_eq!(e.store().ticket(&id).map(|t| t.id().to_string()), Some(id));
    }
}

/// A chunked JSON load that fails part-way ends there: what it loaded stays, in time order,
/// and reads work without a settle.
#[test]
fn a_json_load_that_fails_leaves_what_it_loaded_in_order() {
    let mut e = Engine::new(None).unwrap();
    let tickets: Vec<String> = (0..40)
        .map(|i| {
            format!(
                r#"{{"id": "t{i}", "customerId": "c1", "createdAt": "2026-02-{:02}"}}"#,
                1 + (i * 11) % 28
            )
        })
        .collect();
    e.load_history_chunk(&format!(
        r#"{{"customers": [{{"id": "c1"}}], "tickets": [{}, "#,
        tickets.join(", ")
    ))
    .unwrap();
    assert!(!e.store().settled());
    assert!(e.load_history_chunk("}}} not json").is_err());
    assert!(
        e.store().settled(),
        "the failed load put what it loaded in order"
    );
    let ts = &e.store().get(0).tickets;
    assert_eq!(ts.len(), 40);
    assert!(ts.windows(2).all(|w| w[0].created_at <= w[1].created_at));
}

/// A chunk of another kind is refused and leaves the import in progress as it was, bytes that
/// wait for the rest of their code point included; a string chunk between is read after them.
#[test]
fn a_refused_kind_leaves_the_bytes_that_wait() {
    let mut e = Engine::new(None).unwrap();
    let head = b"\xEF\xBB\xBFTicket ID,Requester email,Subject,Created at\nT1,a@x.org,caf\xC3";
    e.import_csv_bytes("tickets", head, None).unwrap();
    assert!(e.import_csv_bytes("orders", b"x", None).is_err());
    assert!(e.import_csv_chunk("orders", "x", None).is_err());
    e.import_csv_bytes("tickets", b"\xA9 \xF0\x9F", None)
        .unwrap();
    e.import_csv_bytes("tickets", b"\x98\x80,2026-01-01\nT2,b@x.org,", None)
        .unwrap();
    // a string now: the bytes before it (an unfinished code point) read as U+FFFD first
    e.import_csv_bytes("tickets", b"x\xE2\x9C", None).unwrap();
    e.import_csv_chunk("tickets", ",2026-01-02\n", None)
        .unwrap();
    let r = e.finish_csv().unwrap();
    assert_eq!(r.added.tickets, 2, "{r:?}");
    let subject = |id: &str| {
        e.store()
            .ticket(id)
            .and_then(|t| t.subject().map(str::to_string))
    };
    assert_eq!(subject("T1").as_deref(), Some("café 😀"));
    assert_eq!(subject("T2").as_deref(), Some("x\u{FFFD}"));
}
