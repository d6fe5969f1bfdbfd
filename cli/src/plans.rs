//! `rapport outreach` and `rapport insights`: one engine loads the history, assesses the
//! tickets on stdin (the open queue: outreach leaves their customers out, insights reports on
//! them), then writes the list or the report. One thread: both read what this engine saw.

use crate::inputs::Inputs;
use serde_json::Value;
use std::io::{BufRead, Write};

pub enum Plan {
    Outreach(Value),
    Insights { options: Value, csv: bool },
}

/// Returns the exit status: 0, 1 when a ticket line failed (its error line goes to stderr),
/// 2 when the run could not go on.
pub fn run(
    inputs: &Inputs,
    plan: Plan,
    tickets: Option<Box<dyn BufRead + Send>>,
    first: Option<(usize, String)>,
    progress: bool,
    out: &mut dyn Write,
) -> i32 {
    let fail = |e: String| -> i32 {
        eprintln!("rapport: {e}");
        2
    };
    let (engine, loaded) = match inputs.engine() {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    if progress {
        eprintln!(
            "history: {} records loaded in {:.2} s",
            loaded.records, loaded.seconds
        );
    }
    for x in &loaded.rejected {
        eprintln!("history: rejected {x}");
    }
    for x in &loaded.conflicts {
        eprintln!("history: check {x}");
    }
    let now = match &plan {
        Plan::Outreach(o) | Plan::Insights { options: o, .. } => o["now"].clone(),
    };
    // the queue is assessed as the page does before it asks for the list: no snippets
    let o = match rapport::engine::AssessOptions::from_json(
        &serde_json::json!({ "now": now, "snippets": 0 }),
        0,
    ) {
        Ok(o) => o,
        Err(e) => return fail(e.to_string()),
    };
    let mut failed = 0;
    if let Some(mut input) = tickets {
        let mut n = 0;
        let mut line = String::new();
        let mut scratch = Vec::new();
        let mut assess = |n: usize, line: &str, failed: &mut usize| {
            if line.trim().is_empty() {
                return;
            }
            scratch.clear();
            if !crate::assess::assess_line(&engine, &o, n, line, &mut scratch) {
                *failed += 1;
                let _ = std::io::stderr().write_all(&scratch);
            }
        };
        if let Some((no, l)) = first {
            n = no;
            assess(n, &l, &mut failed);
        }
        loop {
            line.clear();
            match input.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => return fail(format!("stdin, line {}: {e}", n + 1)),
            }
            n += 1;
            assess(n, &line, &mut failed);
        }
    }
    let mut text = Vec::new();
    let written = match plan {
        Plan::Outreach(options) => engine
            .outreach(&options)
            .map_err(|e| e.to_string())
            .and_then(|list| {
                for entry in &list {
                    crate::js_json::append(&mut text, entry)?;
                    text.push(b'\n');
                }
                Ok(())
            }),
        Plan::Insights { options, csv } => engine
            .insights(&options)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                if csv {
                    text.extend_from_slice(rapport::insights::to_csv(&r).as_bytes());
                    Ok(())
                } else {
                    crate::js_json::append(&mut text, &r).map(|()| text.push(b'\n'))
                }
            }),
    };
    if let Err(e) = written {
        eprintln!("rapport: {e}");
        return 2;
    }
    if let Err(e) = out.write_all(&text) {
        return fail(format!("stdout: {e}"));
    }
    (failed > 0) as i32
}
