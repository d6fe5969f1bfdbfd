//! History from CSV exports: one file per kind (customers, tickets, orders, surveys). Columns
//! are matched to contract fields by a mapping the caller gives or by the usual header names
//! of help-desk, shop and survey exports; each row then goes through the same validation as
//! JSON, so a bad row is reported with its line, column and reason and the rest are kept.

use super::csv_columns::{columns_of, normalise};
use super::store::{LoadReport, Rejected, Store};
use super::RecordKind;
use crate::input::{err, InputError, Result};
use serde_json::{Map, Value};

/// Reads a CSV export of `kind` into the store. `mapping` is `{ contractField: "Their
/// Column" }` for columns the usual names do not cover. A file that cannot be read as CSV
/// of that kind (no header, no usable column, unknown kind) is an error and changes nothing.
pub fn import(
    store: &mut Store,
    kind: &str,
    text: &str,
    mapping: Option<&Map<String, Value>>,
) -> Result<LoadReport> {
    let mut imp = CsvImport::new(kind, mapping)?;
    imp.push(store, text, false)?;
    imp.finish(store)
}

/// A CSV import fed in chunks (a file read piece by piece need never be one string): rows are
/// loaded as soon as they are complete; a record split between chunks waits for the next.
/// Chunked or whole, the same text gives the same rows, lines and report.
pub struct CsvImport {
    kind: RecordKind,
    mapping: Option<Map<String, Value>>,
    header: Option<(Vec<String>, Vec<Option<&'static str>>)>,
    /// An order being gathered from its line-item rows: (id, fields, line).
    pending: Option<(Value, Map<String, Value>, usize)>,
    /// The CSV reader's state between chunks (a row or quoted field still open).
    reader: crate::csv::Reader,
    report: LoadReport,
    /// Rows read so far (good and rejected), for progress.
    pub rows: usize,
    /// Orders this import loaded, by id, and the customer each was loaded for: rows of one
    /// apart in the file join it (`Store::earlier_order`) instead of replacing it silently.
    orders_loaded: crate::util::FastMap<String, usize>,
}

impl CsvImport {
    pub fn new(kind: &str, mapping: Option<&Map<String, Value>>) -> Result<CsvImport> {
        let Some(kind) = RecordKind::from_name(kind) else {
            return err(
                "kind",
                format!(
                    "expected one of {}, got \"{}\"",
                    RecordKind::names(),
                    crate::util::clip(kind, 20)
                ),
            );
        };
        Ok(CsvImport {
            kind,
            mapping: mapping.cloned(),
            header: None,
            pending: None,
            reader: Default::default(),
            report: LoadReport::default(),
            rows: 0,
            orders_loaded: Default::default(),
        })
    }

    pub fn kind(&self) -> RecordKind {
        self.kind
    }

    /// Rows rejected so far (the report has them all at `finish`).
    pub fn rejected(&self) -> usize {
        self.report.rejected.len()
    }

    /// Loads the rows `chunk` completes (after what earlier chunks left open); `last` says no
    /// more text follows. A header that names no field is an error.
    pub fn push(&mut self, store: &mut Store, chunk: &str, last: bool) -> Result<()> {
        let mut reader = std::mem::take(&mut self.reader);
        let mut failure = None;
        let mut on_row = |row: crate::csv::Record| {
            if failure.is_some() {
                return;
            }
            if self.header.is_none() {
                match columns_of(self.kind, &row.fields, self.mapping.as_ref()) {
                    Ok(c) => self.header = Some((row.fields, c)),
                    Err(e) => failure = Some(e),
                }
                return;
            }
            self.row(store, row);
        };
        reader.push(chunk, &mut on_row);
        let broken = if last {
            std::mem::take(&mut reader).finish(&mut on_row)
        } else {
            None
        };
        self.reader = reader;
        // the tickets are put in order at the end, or before a read (`Store::settle` says why);
        // a header that names nothing ends the import
        if let Some(e) = failure {
            store.settle();
            return Err(e);
        }
        if let Some(b) = broken {
            self.report.rejected.push(Rejected {
                kind: self.kind.name().to_string(),
                index: b.line,
                field: String::new(),
                reason: b.message,
            });
        }
        Ok(())
    }

    /// Ends the import: the last partial row is read, and the report returned.
    pub fn finish(mut self, store: &mut Store) -> Result<LoadReport> {
        self.push(store, "", true)?;
        if self.header.is_none() {
            return err("text", "is empty: expected a header line and rows");
        }
        self.flush(store);
        store.settle();
        self.report.totals = store.counts();
        Ok(self.report)
    }

    fn row(&mut self, store: &mut Store, row: crate::csv::Record) {
        let kind = self.kind;
        let Some((header, columns)) = &self.header else {
            return;
        };
        if row.fields.len() == 1 && row.fields[0].trim().is_empty() {
            return; // a blank line
        }
        self.rows += 1;
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
            // Shopify writes ids as '7001 so spreadsheets keep them as text
            let cell = match field {
                "id" | "customerId" => cell.strip_prefix('\'').unwrap_or(cell),
                _ => cell,
            };
            // help desks export satisfaction as words: good is 5, bad is 1, "offered" is none
            let cell = match (field, crate::decimal::parse_f64(cell)) {
                ("csat", None) => match cell.to_ascii_lowercase().as_str() {
                    "good" | "positive" | "satisfied" | "happy" | "great" => "5",
                    "bad" | "negative" | "unsatisfied" | "dissatisfied" | "unhappy" | "poor" => "1",
                    _ => continue,
                },
                _ => cell,
            };
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
        // survey exports often have no type column: the header says which survey it is
        if kind == RecordKind::Surveys && !obj.contains_key("kind") {
            let csat = header.iter().any(|h| normalise(h).contains("csat"));
            obj.insert(
                "kind".into(),
                Value::String(if csat { "csat" } else { "nps" }.into()),
            );
        }
        if extra_cells {
            let n = header.len();
            self.reject(
                row.line,
                "row".into(),
                format!("has {} cells, the header has {n}", row.fields.len()),
            );
            return;
        }
        // shop exports give one row per line item: rows of one order become one order
        if kind == RecordKind::Orders {
            let id = obj.get("id").cloned();
            if let Some((pid, pending, _)) = &mut self.pending {
                // a row of the same number naming another customer is not one of its line items
                // (two shops' exports both start at #1001): it starts that customer's order,
                // which the store files as the later record of the number (said in the report's
                // conflicts), and its line items follow it, never the first customer's order
                if id.is_some() && Some(&*pid) == id.as_ref() && !other_customer(pending, &obj) {
                    for (k, v) in obj {
                        match (pending.get_mut(&k), v) {
                            (Some(Value::Array(items)), Value::Array(more)) => items.extend(more),
                            (None, v) => {
                                pending.insert(k, v);
                            }
                            _ => {}
                        }
                    }
                    return;
                }
            }
            self.flush(store);
            if let Some(id) = id {
                self.pending = Some((id, obj, row.line));
                return;
            }
        }
        self.load(store, obj, row.line);
    }

    /// Loads the order whose line items were being gathered.
    fn flush(&mut self, store: &mut Store) {
        let Some((id, mut obj, line)) = self.pending.take() else {
            return;
        };
        let key = match &id {
            Value::Number(n) => crate::input::number_text(n),
            v => v.as_str().unwrap_or("").trim().to_string(),
        };
        // only an order this import loaded is joined, while it is still the customer's it was
        // loaded for: one of the number from an earlier load, or whose first rows were
        // rejected, is replaced as before
        let earlier = match self.orders_loaded.get(&key) {
            Some(&owner) => store.earlier_order(&key, owner, &mut obj),
            None => None,
        };
        let loaded = self.load(store, obj, line);
        if let Some(earlier) = earlier {
            store.join_order(earlier);
        }
        if loaded {
            if let Some((owner, _)) = store.order_of(&key) {
                self.orders_loaded.insert(key, owner);
            }
        }
    }

    /// Loads one record; false if it was rejected (and reported).
    fn load(&mut self, store: &mut Store, obj: Map<String, Value>, line: usize) -> bool {
        let kind = self.kind;
        if let Err(e) = store.load_record(kind, &Value::Object(obj), kind.name(), &mut self.report)
        {
            let InputError { path, message } = *e;
            let field = path
                .strip_prefix(kind.name())
                .unwrap_or(&path)
                .trim_start_matches('.');
            let column = self.column(field);
            self.reject(line, column, message);
            return false;
        }
        true
    }

    /// A record field named as the file names its column.
    fn column(&self, field: &str) -> String {
        self.header
            .as_ref()
            .and_then(|(header, columns)| {
                columns
                    .iter()
                    .position(|c| *c == Some(field))
                    .map(|i| header[i].trim().to_string())
            })
            .unwrap_or_else(|| field.to_string())
    }

    fn reject(&mut self, line: usize, field: String, reason: String) {
        self.report.rejected.push(Rejected {
            kind: self.kind.name().to_string(),
            index: line,
            field,
            reason,
        });
    }
}

/// Whether an order row names another customer than the order's first row (an email compared
/// without case).
fn other_customer(order: &Map<String, Value>, row: &Map<String, Value>) -> bool {
    ["customerId", "customerEmail"].into_iter().any(|f| {
        fn text(v: Option<&Value>) -> Option<&str> {
            v.and_then(Value::as_str).map(str::trim)
        }
        match (text(order.get(f)), text(row.get(f))) {
            (Some(a), Some(b)) if f == "customerId" => a != b,
            (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
            _ => false,
        }
    })
}

#[cfg(test)]
#[path = "csv_import_tests.rs"]
mod tests;
