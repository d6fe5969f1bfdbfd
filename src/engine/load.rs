//! Loading the history: JSON (whole, as text, or in chunks) and CSV exports (whole or in
//! chunks), and the order a chunked import must be settled in before a read.

use super::Engine;
use crate::history::csv_import::CsvImport;
use crate::history::LoadReport;
use crate::input::Result;
use serde_json::Value;

impl Engine {
    pub fn load_history(&mut self, history: &Value) -> Result<LoadReport> {
        self.store.load_json(history)
    }

    /// The same from JSON text, streamed record by record (for large files).
    pub fn load_history_text(&mut self, text: &str) -> Result<LoadReport> {
        self.store.load_json_text(text)
    }

    /// Loads a CSV export of one kind (`customers`, `tickets`, `orders`, `surveys`); see
    /// `history::csv_import`. `mapping` is `{ contractField: "Their Column" }`.
    pub fn import_csv(
        &mut self,
        kind: &str,
        text: &str,
        mapping: Option<&Value>,
    ) -> Result<LoadReport> {
        let mapping = csv_mapping(mapping)?;
        crate::history::csv_import::import(&mut self.store, kind, text, mapping)
    }

    /// One chunk of history JSON read piece by piece: records are loaded as they complete.
    /// Returns the records read so far. End with `finish_history`.
    pub fn load_history_chunk(&mut self, chunk: &str) -> Result<usize> {
        let rest = self.json_bytes.flush(); // bytes before it that waited for more
        if !rest.is_empty() {
            self.json_push(&rest)?;
        }
        self.json_push(chunk)
    }

    /// The same from bytes of UTF-8 cut anywhere (a file's stream: `crate::utf8_pieces`).
    pub fn load_history_bytes(&mut self, chunk: &[u8]) -> Result<usize> {
        let mut d = std::mem::take(&mut self.json_bytes);
        let r = d.push(chunk, |text| self.json_push(text));
        if r.is_ok() {
            self.json_bytes = d;
        }
        r
    }

    fn json_push(&mut self, chunk: &str) -> Result<usize> {
        let imp = self.json.get_or_insert_with(Default::default);
        if let Err(e) = imp.push(&mut self.store, chunk) {
            self.json = None; // this load is over, and so is its text
            self.json_bytes = Default::default();
            return Err(e);
        }
        Ok(imp.records())
    }

    /// Records rejected so far by the chunked import in progress (CSV or JSON; 0 when none is):
    /// the import's progress can say how many without ending it.
    pub fn import_rejected(&self) -> usize {
        self.csv.as_ref().map_or(0, |i| i.rejected())
            + self.json.as_ref().map_or(0, |i| i.rejected())
    }

    /// Reads of the history (assess, outreach, insights) refuse a store a chunked import left
    /// out of order: a wrong "last ticket" would be worse than an error that says what to do.
    pub fn readable(&self) -> Result<()> {
        if self.store.settled() {
            Ok(())
        } else {
            crate::input::err(
                "history",
                "a chunked import left it out of order: call settle() (or finish the import) before reading it",
            )
        }
    }

    /// Puts the history loaded by chunks so far in order for reading. The chunk loaders leave
    /// that to their finish (doing it per chunk made large imports quadratic: see
    /// `Store::settle`), so a caller that reads between chunks (assess, outreach, insights)
    /// calls this first; the bindings do before every read.
    pub fn settle(&mut self) {
        self.store.settle();
    }

    /// Ends the chunked JSON load and gives its report. `stopped`: the load was cut short on
    /// purpose (a cancelled import), so the records read whole are kept and reported where a
    /// document that ends early would otherwise be an error.
    pub fn finish_history(&mut self, stopped: bool) -> Result<LoadReport> {
        let rest = std::mem::take(&mut self.json_bytes).flush();
        if !rest.is_empty() {
            self.json_push(&rest)?;
        }
        match self.json.take() {
            Some(imp) => imp.finish(&mut self.store, stopped),
            None => crate::input::err("loadHistoryChunk", "no history load in progress"),
        }
    }

    /// One chunk of a CSV export read piece by piece: rows are loaded as they complete.
    /// Returns the rows read so far. Another kind while an import is in progress is refused
    /// (and that import kept): starting anew would drop its last row and its report.
    pub fn import_csv_chunk(
        &mut self,
        kind: &str,
        chunk: &str,
        mapping: Option<&Value>,
    ) -> Result<usize> {
        self.same_kind(kind)?;
        let rest = self.csv_bytes.flush(); // bytes before it that waited for more
        if !rest.is_empty() {
            self.csv_push(kind, &rest, mapping)?;
        }
        self.csv_push(kind, chunk, mapping)
    }

    /// The same from bytes of UTF-8 cut anywhere (a file's stream: `crate::utf8_pieces`).
    pub fn import_csv_bytes(
        &mut self,
        kind: &str,
        chunk: &[u8],
        mapping: Option<&Value>,
    ) -> Result<usize> {
        self.same_kind(kind)?; // refused before the bytes that wait are touched
        let mut d = std::mem::take(&mut self.csv_bytes);
        let r = d.push(chunk, |text| self.csv_push(kind, text, mapping));
        if r.is_ok() {
            self.csv_bytes = d;
        }
        r
    }

    /// Another kind while an import is in progress is refused, and that import left as it was.
    fn same_kind(&self, kind: &str) -> Result<()> {
        match &self.csv {
            Some(imp) if imp.kind().name() != kind => crate::input::err(
                "kind",
                format!(
                    "an import of {} is in progress: call finishCsv() before importing {}",
                    imp.kind().name(),
                    crate::util::clip(kind, 20)
                ),
            ),
            _ => Ok(()),
        }
    }

    /// Text of the import in progress (of `kind`: `same_kind` said so), or the first of a new one.
    fn csv_push(&mut self, kind: &str, chunk: &str, mapping: Option<&Value>) -> Result<usize> {
        let imp = match &mut self.csv {
            Some(imp) => imp,
            None => self
                .csv
                .insert(CsvImport::new(kind, csv_mapping(mapping)?)?),
        };
        if let Err(e) = imp.push(&mut self.store, chunk, false) {
            self.csv = None; // a header that names nothing: this import is over, and its text
            self.csv_bytes = Default::default();
            return Err(e);
        }
        Ok(imp.rows)
    }

    /// Ends the chunked CSV import and gives its report.
    pub fn finish_csv(&mut self) -> Result<LoadReport> {
        let rest = std::mem::take(&mut self.csv_bytes).flush();
        if let (false, Some(imp)) = (rest.is_empty(), &mut self.csv) {
            if let Err(e) = imp.push(&mut self.store, &rest, false) {
                self.csv = None;
                return Err(e);
            }
        }
        match self.csv.take() {
            Some(imp) => imp.finish(&mut self.store),
            None => crate::input::err(
                "finishCsv",
                "no CSV import in progress (importCsvChunk starts one)",
            ),
        }
    }
}

/// A CSV column mapping as given: absent or null for none, else `{ field: "Column" }`.
fn csv_mapping(mapping: Option<&Value>) -> Result<Option<&serde_json::Map<String, Value>>> {
    match mapping {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => crate::input::err("mapping", "expected an object { field: \"Column\" }"),
    }
}
