//! Which column of a CSV export holds which contract field: the caller's mapping first, then
//! the usual header names of help-desk, shop and survey exports.

use super::RecordKind;
use crate::input::{err, Result};
use serde_json::{Map, Value};

/// Contract fields of each kind, and header names (lower case, letters and digits only) that
/// mean them in common exports. The first list item is the contract name itself.
pub(super) fn aliases(kind: RecordKind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        RecordKind::Customers => &[
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
        RecordKind::Tickets => &[
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
        RecordKind::Orders => &[
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
        RecordKind::Surveys => &[
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

pub(super) fn normalise(header: &str) -> String {
    header
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Column index → contract field, from the mapping and the usual header names.
pub(super) fn columns_of(
    kind: RecordKind,
    header: &[String],
    mapping: Option<&Map<String, Value>>,
) -> Result<Vec<Option<&'static str>>> {
    let table = aliases(kind);
    let mut columns: Vec<Option<&'static str>> = vec![None; header.len()];
    if let Some(m) = mapping {
        for (field, col) in m {
            let Some((name, _)) = table.iter().find(|(f, _)| f == field) else {
                let fields: Vec<&str> = table.iter().map(|(f, _)| *f).collect();
                return err(
                    &format!("mapping.{field}"),
                    format!(
                        "is not a {} field; fields: {}",
                        kind.name(),
                        fields.join(", ")
                    ),
                );
            };
            let Some(col) = col.as_str() else {
                return err(
                    &format!("mapping.{field}"),
                    "expected the column's header as a string",
                );
            };
            match header.iter().position(|h| h.trim() == col.trim()) {
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
    for (i, h) in header.iter().enumerate() {
        if columns[i].is_some() {
            continue;
        }
        let n = normalise(h);
        let taken = |f: &str| columns.contains(&Some(f));
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
                "no column of the header names a {} field ({}); give a mapping",
                kind.name(),
                expected.join(", ")
            ),
        );
    }
    Ok(columns)
}
