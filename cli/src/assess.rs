//! `rapport assess`: tickets from stdin in batches, scored on every core, written in input
//! order. One reader thread, N workers each with its own engine (built from the same inputs:
//! the engine is neither `Send` nor `Sync`), and the calling thread writing. At most
//! `4 × threads` batches are in flight (read and not yet written), so memory is the engines
//! plus a few batches, whatever the number of tickets.

use crate::inputs::{Inputs, Loaded};
use rapport::engine::AssessOptions;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub struct Run {
    pub inputs: Arc<Inputs>,
    pub options: AssessOptions,
    pub threads: usize,
    pub batch: usize,
    /// Progress on stderr (only when it is a terminal).
    pub progress: bool,
}

/// What the run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub tickets: usize,
    pub failed: usize,
    pub loaded: Option<Loaded>,
    pub seconds: f64,
}

struct Batch {
    seq: u64,
    lines: Vec<(usize, String)>,
}

enum Msg {
    Loaded(Loaded),
    Done {
        seq: u64,
        out: Vec<u8>,
        tickets: usize,
        failed: usize,
    },
    Fatal(String),
}

/// Scores the lines of `input` (after `first`, a line already read, numbered `first_no`) and
/// writes one line per ticket to `out`. `Err`: the run could not go on (an input file, stdin
/// or stdout failed); bad tickets are not errors, they are error lines.
pub fn run(
    r: &Run,
    input: Box<dyn BufRead + Send>,
    first: Option<(usize, String)>,
    out: &mut dyn Write,
) -> Result<Summary, String> {
    let t0 = Instant::now();
    let in_flight = 4 * r.threads;
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx.send(()).expect("room for every token");
    }
    let (work_tx, work_rx) = sync_channel::<Batch>(in_flight);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (msg_tx, msg_rx) = channel::<Msg>();
    let mut summary = Summary::default();

    std::thread::scope(|s| -> Result<(), String> {
        for _ in 0..r.threads {
            let (work_rx, msg_tx, inputs, o) = (
                work_rx.clone(),
                msg_tx.clone(),
                r.inputs.clone(),
                &r.options,
            );
            s.spawn(move || worker(&inputs, o, &work_rx, &msg_tx));
        }
        let reader_msgs = msg_tx.clone();
        let batch = r.batch;
        s.spawn(move || {
            if let Err(e) = reader(input, first, batch, &token_rx, &work_tx) {
                let _ = reader_msgs.send(Msg::Fatal(e));
            }
        });
        drop(msg_tx);
        write_in_order(r, &msg_rx, &token_tx, out, &mut summary, t0)
    })?;
    summary.seconds = t0.elapsed().as_secs_f64();
    Ok(summary)
}

fn reader(
    mut input: Box<dyn BufRead + Send>,
    first: Option<(usize, String)>,
    size: usize,
    tokens: &Receiver<()>,
    work: &std::sync::mpsc::SyncSender<Batch>,
) -> Result<(), String> {
    let (mut n, mut lines, mut seq) = (0, Vec::with_capacity(size), 0u64);
    let mut send = |lines: Vec<(usize, String)>| -> bool {
        // wait until a batch in flight is written: memory stays bounded
        if tokens.recv().is_err() {
            return false;
        }
        seq += 1;
        work.send(Batch {
            seq: seq - 1,
            lines,
        })
        .is_ok()
    };
    if let Some((no, line)) = first {
        n = no;
        if !line.trim().is_empty() {
            lines.push((no, line));
        }
    }
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("stdin, line {}: {e}", n + 1)),
        }
        n += 1;
        if n == 1 && line.starts_with('\u{feff}') {
            line.drain(..3);
        }
        if line.trim().is_empty() {
            continue;
        }
        lines.push((n, line));
        if lines.len() == size && !send(std::mem::replace(&mut lines, Vec::with_capacity(size))) {
            return Ok(());
        }
    }
    if !lines.is_empty() {
        send(lines);
    }
    Ok(())
}

fn worker(
    inputs: &Inputs,
    o: &AssessOptions,
    work: &Mutex<Receiver<Batch>>,
    msgs: &std::sync::mpsc::Sender<Msg>,
) {
    let engine = match inputs.engine() {
        Ok((e, loaded)) => {
            let _ = msgs.send(Msg::Loaded(loaded));
            e
        }
        Err(e) => {
            let _ = msgs.send(Msg::Fatal(e));
            return;
        }
    };
    loop {
        let batch = match work.lock().map(|w| w.recv()) {
            Ok(Ok(b)) => b,
            _ => return,
        };
        let mut out = Vec::with_capacity(batch.lines.len() * 4096);
        let mut failed = 0;
        for (n, line) in &batch.lines {
            failed += !assess_line(&engine, o, *n, line, &mut out) as usize;
        }
        let done = Msg::Done {
            seq: batch.seq,
            out,
            tickets: batch.lines.len(),
            failed,
        };
        if msgs.send(done).is_err() {
            return;
        }
    }
}

/// One ticket line → its assessment line, or an error line `{"line":N,"ticketId":…,"error":…}`.
/// Returns whether it was assessed.
pub fn assess_line(
    engine: &rapport::Engine,
    o: &AssessOptions,
    n: usize,
    line: &str,
    out: &mut Vec<u8>,
) -> bool {
    let text = rapport::input::replace_lone_surrogates(line.trim_end_matches(['\n', '\r']));
    let v: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return error_line(
                out,
                n,
                None,
                &format!("ticket: cannot be read as JSON ({e})"),
            )
        }
    };

    match engine.assess_with(&v, o) {
        Ok(a) => match crate::js_json::append(out, &a) {
            Ok(()) => {
                out.push(b'\n');
                true
            }
            Err(e) => error_line(
                out,
                n,
                ticket_id(&v),
                &format!("could not convert the result: {e}"),
            ),
        },
        Err(_) if crate::inputs::is_history_line(&text) => error_line(
            out,
            n,
            None,
            "a history line after the first ticket: with --history -, history lines come first",
        ),
        Err(e) => error_line(out, n, ticket_id(&v), &e.to_string()),
    }
}

/// The ticket's id as the package's queue reports it (a string, or a number as text).
pub fn ticket_id(v: &Value) -> Option<String> {
    let x = v.get("id")?;
    x.as_str()
        .map(String::from)
        .or_else(|| x.as_number().map(rapport::input::number_text))
}

pub fn error_line(out: &mut Vec<u8>, n: usize, id: Option<String>, error: &str) -> bool {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ErrorLine<'a> {
        line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        ticket_id: Option<String>,
        error: &'a str,
    }
    let e = ErrorLine {
        line: n,
        ticket_id: id,
        error,
    };
    serde_json::to_writer(&mut *out, &e).expect("writing to memory");
    out.push(b'\n');
    false
}

fn write_in_order(
    r: &Run,
    msgs: &Receiver<Msg>,
    tokens: &std::sync::mpsc::SyncSender<()>,
    out: &mut dyn Write,
    summary: &mut Summary,
    t0: Instant,
) -> Result<(), String> {
    let mut pending: BTreeMap<u64, (Vec<u8>, usize, usize)> = BTreeMap::new();
    let (mut next, mut loaded, mut shown) = (0u64, 0, Instant::now());
    let mut t_scoring: Option<Instant> = None;
    for m in msgs {
        match m {
            Msg::Fatal(e) => {
                // a worker could not build its engine, or stdin failed: the other threads may
                // be waiting on stdin, so the process ends here (what was written stays)
                let _ = out.flush();
                eprintln!("rapport: {e}");
                std::process::exit(2);
            }
            Msg::Loaded(l) => {
                loaded += 1;
                if r.progress {
                    eprintln!(
                        "history: {} records loaded in {:.2} s (engine {loaded} of {})",
                        l.records, l.seconds, r.threads
                    );
                }
                if summary.loaded.is_none() {
                    for x in &l.rejected {
                        eprintln!("history: rejected {x}");
                    }
                    for x in &l.conflicts {
                        eprintln!("history: check {x}");
                    }
                }
                summary.loaded.get_or_insert(l);
            }
            Msg::Done {
                seq,
                out: bytes,
                tickets,
                failed,
            } => {
                pending.insert(seq, (bytes, tickets, failed));
                while let Some((bytes, tickets, failed)) = pending.remove(&next) {
                    out.write_all(&bytes).map_err(|e| format!("stdout: {e}"))?;
                    let _ = tokens.try_send(());
                    t_scoring.get_or_insert_with(Instant::now);
                    summary.tickets += tickets;
                    summary.failed += failed;
                    next += 1;
                }
                if r.progress && shown.elapsed().as_millis() >= 500 {
                    shown = Instant::now();
                    let secs = t_scoring
                        .map_or(0.0, |t| t.elapsed().as_secs_f64())
                        .max(1e-3);
                    eprint!(
                        "\r{} tickets, {:.0} tickets/s ({} failed)   ",
                        summary.tickets,
                        summary.tickets as f64 / secs,
                        summary.failed
                    );
                }
            }
        }
    }
    out.flush().map_err(|e| format!("stdout: {e}"))?;
    if r.progress {
        let secs = t0.elapsed().as_secs_f64();
        eprintln!(
            "\r{} tickets ({} failed) in {secs:.2} s on {} threads   ",
            summary.tickets, summary.failed, r.threads
        );
    }
    Ok(())
}
