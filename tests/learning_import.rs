//! `import_learning` keeps the good rows of an export and reports each bad one (PRODUCT.md:
//! bad input gets a clear error and loses nothing), instead of refusing the whole file.

use rapport::Engine;
use serde_json::{json, Value};

fn assessment(ticket: &str, band: &str) -> Value {
    json!({"record": "assessment", "ticketId": ticket, "customerId": "c1", "at": "2026-11-20T10:00:00Z",
           "score": 70, "band": band, "intent": "complaint", "intentKind": "relational"})
}

fn ranking(snippet: &str, inserted: u32) -> Value {
    json!({"situation": "any", "snippetId": snippet, "inserted": inserted})
}

fn tickets_seen(e: &Engine) -> Vec<String> {
    let rows = serde_json::to_value(e.export_learning()).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["record"] == "assessment")
        .map(|r| r["ticketId"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_bad_row_is_reported_and_the_good_rows_are_read() {
    let mut e = Engine::new(None).unwrap();
    let rows = json!([
        assessment("t1", "critical"),
        assessment("t2", "urgent"),
        ranking("apology-make-good", 3),
        {"situation": "any", "snippetId": "x", "edited": 1, "editShareSum": 4},
        "not a row",
        assessment("t3", "relational"),
    ]);
    let report = e.import_learning(&rows).unwrap();
    assert_eq!(report.imported, 3);
    let where_: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.index, r.field.as_str()))
        .collect();
    assert_eq!(
        where_,
        [
            (1, "learning[1].band"),
            (3, "learning[3].editShareSum"),
            (4, "learning[4]")
        ]
    );
    assert!(report.rejected.iter().all(|r| r.kind == "learning"));
    assert!(
        report.rejected[0].reason.contains("urgent"),
        "{:?}",
        report.rejected[0]
    );
    assert_eq!(tickets_seen(&e), ["t1", "t3"]);
    let exported = serde_json::to_value(e.export_learning()).unwrap();
    assert!(exported
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["snippetId"] == "apology-make-good" && r["inserted"] == 3));
}

#[test]
fn a_file_of_only_bad_rows_leaves_what_was_learned() {
    let mut e = Engine::new(None).unwrap();
    e.import_learning(&json!([assessment("kept", "critical")]))
        .unwrap();
    let report = e
        .import_learning(&json!([assessment("x", "urgent"), {"record": "gossip"}]))
        .unwrap();
    assert_eq!(report.imported, 0);
    assert_eq!(report.rejected.len(), 2);
    assert_eq!(tickets_seen(&e), ["kept"]);
    // an empty list is a choice to forget, and is honoured
    let report = e.import_learning(&json!([])).unwrap();
    assert_eq!((report.imported, report.rejected.len()), (0, 0));
    assert!(tickets_seen(&e).is_empty());
}

#[test]
fn an_input_that_is_not_a_list_is_an_error_and_changes_nothing() {
    let mut e = Engine::new(None).unwrap();
    e.import_learning(&json!([assessment("kept", "critical")]))
        .unwrap();
    let err = e.import_learning(&json!({"rows": []})).unwrap_err();
    assert!(err.to_string().contains("learning"), "{err}");
    assert_eq!(tickets_seen(&e), ["kept"]);
}
