//! History for JS: whole loads, CSV exports, and files read chunk by chunk (JSON or CSV: the
//! same three calls each, a chunk, the rejected rows so far, the finish with its report), and
//! how much the engine holds. The same thin layer as the rest of the bindings.

use super::{fail, input, input_text, output, text_arg, Engine};
use super::{ChunkArg, CsvMappingArg, HistoryArg, HistoryStatsOut, LoadReportOut, TextArg};
use wasm_bindgen::prelude::*;

/// A chunk as given: the bytes of a `Uint8Array` (UTF-8, cut anywhere), else a string.
enum Chunk {
    Bytes(Vec<u8>),
    Text(String),
}

fn chunk_arg(v: ChunkArg) -> Result<Chunk, JsError> {
    let v: JsValue = v.into();
    match v.dyn_ref::<js_sys::Uint8Array>() {
        Some(b) => Ok(Chunk::Bytes(b.to_vec())),
        None => v.as_string().map(Chunk::Text).ok_or_else(|| {
            fail(format!(
                "chunk: expected a string or a Uint8Array, got {}",
                super::convert::js_type(&v)
            ))
        }),
    }
}

#[wasm_bindgen]
impl Engine {
    /// Loads customers, tickets, orders and surveys. Bad records are reported in `rejected`
    /// and skipped; the rest are kept. Loading the same records again does not duplicate them.
    #[wasm_bindgen(js_name = loadHistory)]
    pub fn load_history(&mut self, history: HistoryArg) -> Result<LoadReportOut, JsError> {
        // through JSON text, streamed record by record: no tree of the whole history
        let text = input_text(history.into(), "history")?;
        output(&self.core.load_history_text(&text).map_err(fail)?)
    }

    /// Loads history from JSON text (a file's contents), record by record: for large files
    /// this skips building JS objects and keeps memory to the store itself.
    #[wasm_bindgen(js_name = loadHistoryText)]
    pub fn load_history_text(&mut self, text: TextArg) -> Result<LoadReportOut, JsError> {
        let text = text_arg(text, "text")?;
        output(&self.core.load_history_text(&text).map_err(fail)?)
    }

    /// Loads a CSV export of one kind: "customers", "tickets", "orders" or "surveys". Columns
    /// are matched by their usual names in help-desk and shop exports, or by `mapping`
    /// (`{ createdAt: "Opened on" }`). Bad rows are reported with their line and column; the
    /// rest are kept.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(
        &mut self,
        kind: TextArg,
        text: TextArg,
        mapping: Option<CsvMappingArg>,
    ) -> Result<LoadReportOut, JsError> {
        let kind = text_arg(kind, "kind")?;
        let text = text_arg(text, "text")?;
        let m = mapping.map(|m| input(m.into(), "mapping")).transpose()?;
        output(
            &self
                .core
                .import_csv(&kind, &text, m.as_ref())
                .map_err(fail)?,
        )
    }

    /// One chunk of history JSON read piece by piece (e.g. from `file.stream()`): records are
    /// loaded as they complete, so a large file is never one string. A chunk is a string or
    /// the file's bytes (`Uint8Array`, UTF-8 cut anywhere: no JS string at all). Returns the
    /// records read so far. End with `finishHistory()` for the report.
    #[wasm_bindgen(js_name = loadHistoryChunk)]
    pub fn load_history_chunk(&mut self, chunk: ChunkArg) -> Result<u32, JsError> {
        let n = match chunk_arg(chunk)? {
            Chunk::Bytes(b) => self.core.load_history_bytes(&b),
            Chunk::Text(t) => self.core.load_history_chunk(&t),
        };
        Ok(n.map_err(fail)? as u32)
    }

    /// Ends a chunked history load and returns its report. `stopped`: the load was cut short on
    /// purpose (the agent cancelled it), so the records read whole are kept and reported where a
    /// file that ends early is otherwise an error.
    #[wasm_bindgen(js_name = finishHistory)]
    pub fn finish_history(&mut self, stopped: Option<bool>) -> Result<LoadReportOut, JsError> {
        output(
            &self
                .core
                .finish_history(stopped.unwrap_or(false))
                .map_err(fail)?,
        )
    }

    /// One chunk of a CSV export read piece by piece (e.g. from `file.stream()`): complete rows
    /// are loaded at once, a row split between chunks waits for the next. A chunk is a string
    /// or the file's bytes (`Uint8Array`, UTF-8 cut anywhere). Returns the rows read so far,
    /// for progress. End with `finishCsv()` for the report.
    #[wasm_bindgen(js_name = importCsvChunk)]
    pub fn import_csv_chunk(
        &mut self,
        kind: TextArg,
        chunk: ChunkArg,
        mapping: Option<CsvMappingArg>,
    ) -> Result<u32, JsError> {
        let kind = text_arg(kind, "kind")?;
        let chunk = chunk_arg(chunk)?;
        let m = mapping.map(|m| input(m.into(), "mapping")).transpose()?;
        let n = match chunk {
            Chunk::Bytes(b) => self.core.import_csv_bytes(&kind, &b, m.as_ref()),
            Chunk::Text(t) => self.core.import_csv_chunk(&kind, &t, m.as_ref()),
        };
        Ok(n.map_err(fail)? as u32)
    }

    /// Rows or records rejected so far by the chunked import in progress (`importCsvChunk` or
    /// `loadHistoryChunk`), for progress: the import goes on; `finishCsv()` / `finishHistory()`
    /// give them all, with where and why. 0 when no import is in progress.
    #[wasm_bindgen(js_name = importRejected)]
    pub fn import_rejected(&self) -> u32 {
        self.core.import_rejected() as u32
    }

    /// Ends a chunked CSV import: the last row is read and the report returned.
    #[wasm_bindgen(js_name = finishCsv)]
    pub fn finish_csv(&mut self) -> Result<LoadReportOut, JsError> {
        output(&self.core.finish_csv().map_err(fail)?)
    }

    /// How many records the engine holds.
    #[wasm_bindgen(js_name = historyStats)]
    pub fn history_stats(&self) -> Result<HistoryStatsOut, JsError> {
        output(&self.core.store().counts())
    }
}
