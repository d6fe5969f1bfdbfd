use super::*;

#[test]
fn good_rows_kept_bad_rows_reported_with_line_and_column() {
    let mut s = Store::default();
    let csv = "\u{feff}Customer ID,Email,First name,Last name,Customer since,LTV\r\n\
               c1,ana@example.com,Ana,Silva,2019-03-02,5400\r\n\
               c2,not-an-email,Ben,Okafor,2026-01-01,10\r\n\
               c3,cy@example.com,\"Cy, Jr\",\"Lee\nSmith\",2020-01-01,-5\r\n\
               c4,dee@example.com,Dee,Do,yesterday,1\r\n\
               c5,eve@example.com,Eve,Ng,2021-05-05,99\r\n";
    let r = import(&mut s, "customers", csv, None).unwrap();
    assert_eq!(r.added.customers, 2, "{r:?}");
    let bad: Vec<(usize, &str)> = r
        .rejected
        .iter()
        .map(|x| (x.index, x.field.as_str()))
        .collect();
    assert_eq!(
        bad,
        [(3, "Email"), (4, "LTV"), (6, "Customer since")],
        "{r:?}"
    );
    let ana = s
        .resolve(&crate::history::records::CustomerRef {
            id: Some("c1".into()),
            email: None,
        })
        .unwrap();
    assert_eq!(s.get(ana).profile.name.as_deref(), Some("Ana Silva"));
}

#[test]
fn chunks_at_any_cut_give_the_same_store_and_report() {
    let csv = "Customer ID,Email,First name,Last name,LTV\r\nc1,ana@example.com,Ana,Silva,5\r\nc2,bad,Ben,O,1\r\nc3,cy@example.com,\"Cy, Jr\",\"Lee\nSmith\",2\r\nc4,dee@example.com,Dee,Do,1";
    let mut whole = Store::default();
    let want = import(&mut whole, "customers", csv, None).unwrap();
    for cut in [1, 7, 40, 80, 95, 110] {
        let mut s = Store::default();
        let mut imp = CsvImport::new("customers", None).unwrap();
        for piece in csv.as_bytes().chunks(cut) {
            imp.push(&mut s, std::str::from_utf8(piece).unwrap(), false)
                .unwrap();
        }
        let got = imp.finish(&mut s).unwrap();
        assert_eq!(got, want, "cut {cut}");
    }
}

#[test]
fn mapping_and_errors_that_change_nothing() {
    let mut s = Store::default();
    let csv = "Ticket,Requester,Opened on,CSAT\nT1,ana@example.com,2026-11-01,2\nT1,ana@example.com,2026-11-01,2\n";
    let m: Map<String, Value> = serde_json::from_str(
        r#"{"id": "Ticket", "customerEmail": "Requester", "createdAt": "Opened on"}"#,
    )
    .unwrap();
    let r = import(&mut s, "tickets", csv, Some(&m)).unwrap();
    assert_eq!(
        (r.added.tickets, r.updated.tickets, r.rejected.len()),
        (1, 1, 0),
        "{r:?}"
    );
    assert!(import(&mut s, "tickets", "", None).is_err());
    assert!(import(&mut s, "pets", csv, None).is_err());
    assert!(import(&mut s, "orders", "a,b\n1,2\n", None)
        .unwrap_err()
        .message
        .contains("give a mapping"));
    let e = import(
        &mut s,
        "tickets",
        csv,
        Some(&serde_json::from_str(r#"{"id": "Nope"}"#).unwrap()),
    )
    .unwrap_err();
    assert_eq!(e.path, "mapping.id");
    assert_eq!(s.counts().tickets, 1);
    // an unterminated quote: rows before it kept, the broken one reported
    let r = import(&mut s, "orders", "id,email,date,total\nO1,ana@example.com,2026-10-01,20\nO2,\"ana@example.com,2026-10-02,5\n", None).unwrap();
    assert_eq!(r.added.orders, 1);
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].index, 3);
}
