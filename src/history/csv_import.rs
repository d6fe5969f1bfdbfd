//! History from CSV exports: one file per kind (customers, tickets, orders, surveys). Columns
//! are matched to contract fields by a mapping the caller gives or by the usual header names
//! of help-desk, shop and survey exports; each row then goes through the same validation as
//! JSON, so a bad row is reported with its line, column and reason and the rest are kept.

use super::store::{LoadReport, Rejected, Store};
use crate::input::{err, InputError, Result};
use serde_json::{Map, Value};

pub const KINDS: [&str; 4] = ["customers", "tickets", "orders", "surveys"];

/// Contract fields of each kind, and header names (lower case, letters and digits only) that
/// mean them in common exports. The first list item is the contract name itself.
fn aliases(kind: &str) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        "customers" => &[
            ("id", &["id", "customerid", "contactid", "userid"]),
            (
                "email",
                &["email", "emailaddress", "customeremail", "contactemail"],
            ),
            ("name", &["name", "fullname", "customername", "contactname"]),
            ("firstName", &["firstname", "givenname"]),
            ("lastName", &["lastname", "surname", "familyname"]),
            (
                "since",
                &[
                    "since",
                    "customersince",
                    "createdat",
                    "signupdate",
                    "created",
                ],
            ),
            ("birthday", &["birthday", "dateofbirth", "birthdate", "dob"]),
            ("tier", &["tier", "segment", "plan", "level"]),
            (
                "lifetimeValue",
                &["lifetimevalue", "ltv", "totalspent", "totalspend"],
            ),
        ],
        "tickets" => &[
            ("id", &["id", "ticketid", "conversationid", "number"]),
            ("customerId", &["customerid", "requesterid", "contactid"]),
            (
                "customerEmail",
                &["customeremail", "requesteremail", "contactemail", "email"],
            ),
            (
                "createdAt",
                &[
                    "createdat",
                    "created",
                    "createddate",
                    "createdtime",
                    "opened",
                ],
            ),
            (
                "solvedAt",
                &[
                    "solvedat",
                    "solved",
                    "resolvedat",
                    "resolvedtime",
                    "closedat",
                    "closed",
                ],
            ),
            ("channel", &["channel", "via", "source"]),
            ("subject", &["subject", "title", "summary"]),
            (
                "csat",
                &["csat", "satisfactionscore", "satisfaction", "rating"],
            ),
            ("tags", &["tags", "labels"]),
        ],
        "orders" => &[
            ("id", &["id", "orderid", "ordernumber", "name"]),
            ("customerId", &["customerid", "buyerid"]),
            ("customerEmail", &["customeremail", "email"]),
            (
                "at",
                &["at", "createdat", "orderdate", "date", "processedat"],
            ),
            ("total", &["total", "amount", "ordertotal", "totalprice"]),
            ("currency", &["currency"]),
            ("items", &["items", "lineitemname", "products", "product"]),
            (
                "status",
                &["status", "financialstatus", "fulfillmentstatus"],
            ),
        ],
        _ => &[
            ("customerId", &["customerid", "respondentid", "contactid"]),
            (
                "customerEmail",
                &["customeremail", "email", "respondentemail"],
            ),
            (
                "at",
                &["at", "date", "submittedat", "respondedat", "createdat"],
            ),
            ("kind", &["kind", "type", "survey", "surveytype"]),
            ("score", &["score", "rating", "nps", "csat", "answer"]),
        ],
    }
}

fn normalise(header: &str) -> String {
    header
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Reads a CSV export of `kind` into the store. `mapping` is `{ contractField: "Their
/// Column" }` for columns the usual names do not cover. A file that cannot be read as CSV
/// of that kind (no header, no usable column, unknown kind) is an error and changes nothing.
pub fn import(
    store: &mut Store,
    kind: &str,
    text: &str,
    mapping: Option<&Map<String, Value>>,
) -> Result<LoadReport> {
    if !KINDS.contains(&kind) {
        return err(
            "kind",
            format!(
                "expected one of {}, got \"{}\"",
                KINDS.join(", "),
                crate::util::clip(kind, 20)
            ),
        );
    }
    let (records, broken) = crate::csv::parse(text);
    let Some((header, rows)) = records.split_first() else {
        return err("text", "is empty: expected a header line and rows");
    };
    let table = aliases(kind);
    // column index → contract field
    let mut columns: Vec<Option<&'static str>> = vec![None; header.fields.len()];
    if let Some(m) = mapping {
        for (field, col) in m {
            let Some((name, _)) = table.iter().find(|(f, _)| f == field) else {
                let fields: Vec<&str> = table.iter().map(|(f, _)| *f).collect();
                return err(
                    &format!("mapping.{field}"),
                    format!("is not a {kind} field; fields: {}", fields.join(", ")),
                );
            };
            let Some(col) = col.as_str() else {
                return err(
                    &format!("mapping.{field}"),
                    "expected the column's header as a string",
                );
            };
            match header.fields.iter().position(|h| h.trim() == col.trim()) {
                Some(i) => columns[i] = Some(name),
                None => {
                    return err(
                        &format!("mapping.{field}"),
                        format!("no column \"{}\" in the header", crate::util::clip(col, 40)),
                    )
                }
            }
        }
    }
    for (i, h) in header.fields.iter().enumerate() {
        if columns[i].is_some() {
            continue;
        }
        let n = normalise(h);
        let taken = |f: &str| columns.iter().any(|c| *c == Some(f));
        if let Some((f, _)) = table
            .iter()
            .find(|(f, names)| names.contains(&n.as_str()) && !taken(f))
        {
            columns[i] = Some(f);
        }
    }
    if columns.iter().all(Option::is_none) {
        let expected: Vec<&str> = table.iter().map(|(f, _)| *f).collect();
        return err(
            "text",
            format!(
                "no column of the header names a {kind} field ({}); give a mapping",
                expected.join(", ")
            ),
        );
    }
    let mut report = LoadReport::default();
    for row in rows {
        if row.fields.len() == 1 && row.fields[0].trim().is_empty() {
            continue; // a blank line
        }
        let mut obj = Map::new();
        let mut extra_cells = false;
        // first and last name columns make the name when there is no name column
        let mut parts: [&str; 2] = ["", ""];
        for (i, cell) in row.fields.iter().enumerate() {
            let Some(field) = columns.get(i).copied() else {
                extra_cells |= !cell.trim().is_empty();
                continue;
            };
            let Some(field) = field else { continue };
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            if field == "firstName" || field == "lastName" {
                parts[(field == "lastName") as usize] = cell;
                continue;
            }
            let value = match field {
                "items" | "tags" => Value::Array(
                    cell.split(['|', ';', '\n'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(s.to_string()))
                        .collect(),
                ),
                _ => Value::String(cell.to_string()),
            };
            obj.insert(field.to_string(), value);
        }
        if !obj.contains_key("name") && parts != ["", ""] {
            let full = [parts[0], parts[1]].join(" ");
            obj.insert("name".into(), Value::String(full.trim().to_string()));
        }
        let res = if extra_cells {
            err(
                "row",
                format!(
                    "has {} cells, the header has {}",
                    row.fields.len(),
                    header.fields.len()
                ),
            )
        } else {
            store.load_record(kind, &Value::Object(obj), kind, &mut report)
        };
        if let Err(InputError { path, message }) = res {
            // name the column as the file names it
            let field = path
                .strip_prefix(kind)
                .unwrap_or(&path)
                .trim_start_matches('.')
                .to_string();
            let column = columns
                .iter()
                .position(|c| *c == Some(field.as_str()))
                .map(|i| header.fields[i].trim().to_string())
                .unwrap_or(field);
            report.rejected.push(Rejected {
                kind: kind.to_string(),
                index: row.line,
                field: column,
                reason: message,
            });
        }
    }
    if let Some(b) = broken {
        report.rejected.push(Rejected {
            kind: kind.to_string(),
            index: b.line,
            field: String::new(),
            reason: b.message,
        });
    }
    report.totals = store.counts();
    Ok(report)
}

#[cfg(test)]
mod tests {
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
}
