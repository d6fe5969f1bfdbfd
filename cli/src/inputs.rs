//! What every engine of a run is built from: the configuration and the history, from files
//! (JSON or CSV exports, read in chunks with the same importers the browser calls) and from
//! `{"history": …}` lines at the head of stdin (`--history -`, what the Spark job sends).

use rapport::Engine;
use serde_json::Value;
use std::io::{BufRead, Read};
use std::time::Instant;

/// The lists of a history, by their contract names (the engine's own table).
pub const KINDS: [&str; 4] = {
    use rapport::history::RecordKind as K;
    [
        K::ALL[0].name(),
        K::ALL[1].name(),
        K::ALL[2].name(),
        K::ALL[3].name(),
    ]
};

/// A history file and how to read it.
#[derive(Debug, Clone)]
pub struct HistoryFile {
    pub path: String,
    /// `None`: JSON; else the CSV kind (given as `orders:FILE`, or guessed as the page does).
    pub csv: Option<String>,
}

/// Everything an engine is built from; shared by the worker threads, each of which builds
/// its own engine (the engine holds `Rc`s and `RefCell`s: it cannot cross threads).
#[derive(Debug, Default)]
pub struct Inputs {
    pub config: Option<Value>,
    pub files: Vec<HistoryFile>,
    /// `{"kind": [records]}` documents from stdin's history lines, in arrival order.
    pub stdin_docs: Vec<String>,
    /// CSV column mappings by kind (`--mapping FILE`: `{ "tickets": { "createdAt": "Opened" } }`).
    pub mappings: serde_json::Map<String, Value>,
}

/// What loading gave: records and rejections, for stderr.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    pub records: usize,
    pub rejected: Vec<String>,
    /// Identities the loads resolved by themselves (`LoadReport::conflicts`), for a person to check.
    pub conflicts: Vec<String>,
    pub seconds: f64,
}

/// Which kind of records a CSV export holds, from its file name, else its header line: the
/// same guess as the page's (`widget/history-db.js`, `guessCsvKind`).
pub fn guess_csv_kind(file_name: &str, head: &str) -> &'static str {
    let file = file_name.to_lowercase();
    let head = head.lines().next().unwrap_or("").to_lowercase();
    for k in ["surveys", "orders", "tickets", "customers"] {
        if file.contains(&k[..k.len() - 1]) {
            return k;
        }
    }
    let word = |w: &str| {
        head.match_indices(w).any(|(i, _)| {
            let before = head[..i].chars().next_back();
            let after = head[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    if word("nps") || head.contains("survey") {
        "surveys"
    } else if ["order", "total", "amount", "items"]
        .iter()
        .any(|w| head.contains(w))
    {
        "orders"
    } else if ["ticket", "subject", "csat", "solved", "requester"]
        .iter()
        .any(|w| head.contains(w))
    {
        "tickets"
    } else {
        "customers"
    }
}

/// `FILE` or `KIND:FILE`; JSON when the name ends in .json or the text starts with `{`/`[`
/// (as the page decides), else CSV of the given or guessed kind.
pub fn history_file(arg: &str) -> Result<HistoryFile, String> {
    if let Some((kind, path)) = arg.split_once(':') {
        if KINDS.contains(&kind) {
            return Ok(HistoryFile {
                path: path.into(),
                csv: Some(kind.into()),
            });
        }
    }
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(arg)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| format!("--history {arg}: {e}"))?;
    let head = String::from_utf8_lossy(&head[..n]);
    let json = arg.to_lowercase().ends_with(".json")
        || head
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with(['{', '[']);
    let name = std::path::Path::new(arg)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    Ok(HistoryFile {
        path: arg.into(),
        csv: (!json).then(|| guess_csv_kind(name.as_deref().unwrap_or(arg), &head).to_string()),
    })
}

const CHUNK: usize = 1 << 20;

impl Inputs {
    /// A new engine with the configuration and all the history. `Err`: a file or the
    /// configuration could not be read at all (bad records are only counted in `Loaded`).
    pub fn engine(&self) -> Result<(Engine, Loaded), String> {
        let t0 = Instant::now();
        let mut e = Engine::new(self.config.as_ref()).map_err(|e| format!("--config: {e}"))?;
        let mut loaded = Loaded::default();
        let mut note = |r: rapport::history::LoadReport, what: &str| {
            let c = |x: &rapport::history::store::Counts| {
                x.customers + x.tickets + x.orders + x.surveys
            };
            loaded.records += c(&r.added) + c(&r.updated);
            loaded.conflicts.extend(
                r.conflicts
                    .iter()
                    .map(|x| format!("{what}: {}", printable(x))),
            );
            for x in r.rejected.iter().take(20 - loaded.rejected.len().min(20)) {
                let line = format!("{} {}: {}", x.kind, x.field, x.reason);
                loaded
                    .rejected
                    .push(format!("{what}: {}", printable(&line)));
            }
            if r.rejected.len() > 20 {
                loaded
                    .rejected
                    .push(format!("{what}: … {} rejected in all", r.rejected.len()));
            }
        };
        for f in &self.files {
            let r = match &f.csv {
                Some(kind) => self.load_csv(&mut e, f, kind),
                None => load_json(&mut e, &f.path),
            }
            .map_err(|m| format!("--history {}: {m}", f.path))?;
            note(r, &f.path);
        }
        for doc in &self.stdin_docs {
            let r = e
                .load_history_text(doc)
                .map_err(|m| format!("stdin history: {m}"))?;
            note(r, "stdin");
        }
        loaded.seconds = t0.elapsed().as_secs_f64();
        Ok((e, loaded))
    }

    fn load_csv(
        &self,
        e: &mut Engine,
        f: &HistoryFile,
        kind: &str,
    ) -> Result<rapport::history::LoadReport, String> {
        let mapping = self.mappings.get(kind);
        let mut r = std::io::BufReader::with_capacity(
            CHUNK,
            std::fs::File::open(&f.path).map_err(|x| x.to_string())?,
        );
        each_chunk(&mut r, |chunk| {
            e.import_csv_chunk(kind, chunk, mapping)
                .map(|_| ())
                .map_err(|x| x.to_string())
        })?;
        e.finish_csv().map_err(|x| x.to_string())
    }
}

/// A history JSON file in chunks (`loadHistoryChunk`); a file wrapped as `{"history": …}` (what
/// the page also accepts) is read whole and its `history` loaded.
fn load_json(e: &mut Engine, path: &str) -> Result<rapport::history::LoadReport, String> {
    let file = std::fs::File::open(path).map_err(|x| x.to_string())?;
    let mut r = std::io::BufReader::with_capacity(CHUNK, file);
    let head = r.fill_buf().map_err(|x| x.to_string())?;
    let head = String::from_utf8_lossy(&head[..head.len().min(64)]).into_owned();
    let rest = head.trim_start_matches('\u{feff}').trim_start();
    if rest
        .strip_prefix('{')
        .is_some_and(|x| x.trim_start().starts_with("\"history\""))
    {
        let mut text = String::new();
        r.read_to_string(&mut text).map_err(|x| x.to_string())?;
        let v: Value =
            serde_json::from_str(&text).map_err(|x| format!("cannot be read as JSON ({x})"))?;
        return e
            .load_history(v.get("history").unwrap_or(&Value::Null))
            .map_err(|x| x.to_string());
    }
    each_chunk(&mut r, |chunk| {
        e.load_history_chunk(chunk)
            .map(|_| ())
            .map_err(|x| x.to_string())
    })?;
    e.finish_history(false).map_err(|x| x.to_string())
}

/// Calls `f` on the text of `r` in pieces of about a megabyte, each ending on a whole UTF-8
/// character (a byte-order mark at the start is dropped, as the browser's `file.text()` does).
fn each_chunk(
    r: &mut impl BufRead,
    mut f: impl FnMut(&str) -> Result<(), String>,
) -> Result<(), String> {
    let mut carry: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    let mut first = true;
    loop {
        let n = r.read(&mut buf).map_err(|x| x.to_string())?;
        if n == 0 {
            break;
        }
        carry.extend_from_slice(&buf[..n]);
        let valid = match std::str::from_utf8(&carry) {
            Ok(_) => carry.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(), // a character split at the end
            Err(e) => return Err(format!("not UTF-8 text (byte {})", e.valid_up_to())),
        };
        let mut text = std::str::from_utf8(&carry[..valid]).expect("checked above");
        if std::mem::take(&mut first) {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        f(text)?;
        carry.drain(..valid);
    }
    if !carry.is_empty() {
        return Err("not UTF-8 text (it ends inside a character)".into());
    }
    Ok(())
}

/// Reads the `{"history": {…}}` lines at the head of `input` into `docs` (records of one kind
/// in a row make one document); returns the first line that is not one (the first ticket)
/// with its line number, and how many lines were read.
pub fn stdin_history(
    input: &mut impl BufRead,
    docs: &mut Vec<String>,
) -> Result<(Option<String>, usize), String> {
    let mut line = String::new();
    let mut n = 0;
    let mut current: Option<(&'static str, String)> = None;
    let flush = |cur: &mut Option<(&'static str, String)>, docs: &mut Vec<String>| {
        if let Some((kind, body)) = cur.take() {
            docs.push(format!("{{\"{kind}\":[{body}]}}"));
        }
    };
    loop {
        line.clear();
        if input
            .read_line(&mut line)
            .map_err(|e| format!("stdin: {e}"))?
            == 0
        {
            flush(&mut current, docs);
            return Ok((None, n));
        }
        n += 1;
        if line.trim().is_empty() {
            continue;
        }
        if !is_history_line(&line) {
            flush(&mut current, docs);
            return Ok((Some(std::mem::take(&mut line)), n));
        }
        let v: Value = serde_json::from_str(&line)
            .map_err(|e| format!("stdin line {n}: history line is not JSON ({e})"))?;
        let h = v.get("history").and_then(Value::as_object).ok_or_else(|| {
            format!(
                "stdin line {n}: expected {{\"history\": {{customers, tickets, orders, surveys}}}}"
            )
        })?;
        if let Some(k) = h.keys().find(|k| !KINDS.contains(&k.as_str())) {
            return Err(format!(
                "stdin line {n}: history.{k}: expected customers, tickets, orders or surveys"
            ));
        }
        for kind in KINDS {
            let Some(list) = h.get(kind) else { continue };
            let list = list
                .as_array()
                .ok_or_else(|| format!("stdin line {n}: history.{kind}: expected an array"))?;
            if current.as_ref().is_some_and(|(k, _)| *k != kind) {
                flush(&mut current, docs);
            }
            let (_, body) = current.get_or_insert_with(|| (kind, String::new()));
            for r in list {
                if !body.is_empty() {
                    body.push(',');
                }
                body.push_str(&r.to_string());
            }
        }
    }
}

/// A line of the form `{"history": …}` (whitespace allowed): history, not a ticket.
pub fn is_history_line(line: &str) -> bool {
    line.trim_start()
        .strip_prefix('{')
        .is_some_and(|x| x.trim_start().starts_with("\"history\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_kinds_are_guessed_as_the_page_guesses() {
        assert_eq!(guess_csv_kind("Orders-2026.csv", "a,b"), "orders");
        assert_eq!(
            guess_csv_kind("export.csv", "Customer ID,Date,Type,Score\nc1"),
            "customers"
        );
        assert_eq!(guess_csv_kind("export.csv", "Customer ID,NPS\n"), "surveys");
        assert_eq!(
            guess_csv_kind("export.csv", "Id,Subject,Requester\n"),
            "tickets"
        );
        assert_eq!(guess_csv_kind("x.csv", "Order ID,Total\n"), "orders");
    }

    #[test]
    fn history_lines_group_by_kind_in_order() {
        let text = "{\"history\":{\"customers\":[{\"id\":\"c1\"}]}}\n{\"history\":{\"customers\":[{\"id\":\"c2\"}],\"orders\":[{\"id\":\"o\",\"customerId\":\"c1\"}]}}\n{\"id\":\"t1\"}\nrest\n";
        let mut docs = Vec::new();
        let (first, n) = stdin_history(&mut text.as_bytes(), &mut docs).unwrap();
        assert_eq!(
            docs,
            [
                "{\"customers\":[{\"id\":\"c1\"},{\"id\":\"c2\"}]}",
                "{\"orders\":[{\"customerId\":\"c1\",\"id\":\"o\"}]}"
            ]
        );
        assert_eq!((first.as_deref(), n), (Some("{\"id\":\"t1\"}\n"), 3));
    }
}

/// A line of the load report as the terminal gets it: the reasons quote the customer's data
/// (an email, an id), and a control character there (a newline, or ESC E, which xterm reads as
/// one; an escape sequence that sets the window's title) or a bidi mark would write or reorder
/// lines of our output. Each is shown as its escape, `\u{1b}`, so it can be found in the file.
pub fn printable(s: &str) -> String {
    // the engine's own test of a character that shows nothing (controls, bidi marks, zero
    // width characters), and the two separators a terminal may break a line at
    let hidden = |c: char| rapport::input::invisible(c) || matches!(c, '\u{2028}' | '\u{2029}');
    s.chars()
        .map(|c| match hidden(c) {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect()
}
