//! `rapport`: the command-line scorer. The same core as the npm package, natively, on every
//! core; its output is byte for byte what the package's users get from `JSON.stringify`.

mod assess;
mod inputs;
mod js_json;
mod plans;

use inputs::Inputs;
use serde_json::{json, Value};
use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

const HELP: &str = "\
rapport: scores help-desk tickets for relational opportunity, from the same core as the
npm package (same answers, byte for byte), on every core of the machine.

USAGE
  rapport assess   --history FILE… --now ISO [options] < tickets.ndjson > assessments.ndjson
  rapport outreach --history FILE… --now ISO [--limit N] [--within DAYS] [< tickets.ndjson]
  rapport insights --history FILE… --now ISO --from ISO --to ISO [--csv] [< tickets.ndjson]

  assess    one assessment per ticket line, in input order. A line that cannot be assessed
            gives {\"line\":N,\"ticketId\":…,\"error\":\"…\"} in its place and the run goes on.
  outreach  the customers to contact before they write, one JSON per line, best first.
            Tickets on stdin (if any) are assessed first: they are the open queue.
  insights  the report for the period [--from, --to) as one JSON line (or CSV with --csv),
            over the history and the tickets on stdin.

INPUTS
  --history FILE…   history exports, as many as you like (the option may repeat):
                    JSON (contract v1: {customers, tickets, orders, surveys}) or CSV of one
                    kind, guessed from the file name or header as the web page does; say it
                    with KIND:FILE (customers:, tickets:, orders:, surveys:).
                    `-` reads history lines {\"history\": {…}} at the head of stdin, before
                    the tickets (what the Spark job sends).
  --mapping FILE    CSV column names by kind: {\"tickets\": {\"createdAt\": \"Opened on\"}}
  --config FILE     engine configuration (JSON, as given to `new Engine(config)`)
  --now ISO         the instant to assess at: ISO-8601 or epoch milliseconds (required)
  tickets           NDJSON on stdin: one contract-v1 ticket per line; blank lines skipped

OPTIONS
  --snippets N      reply snippets per assessment, 0..50 (default 5)
  --agent NAME      the agent's name, for snippets that sign off
  --html            also render snippets as HTML
  --threads N       worker threads, each with its own engine (default: every core)
  --batch N         tickets per batch handed to a thread (default 256)
  --limit N         outreach: customers listed, 1..1000 (default 20)
  --within DAYS     outreach: follow-ups due within DAYS, 0..60 (default 7)
  --from, --to ISO  insights: the period
  --csv             insights: CSV, one figure per row
  -h, --help        this text;  -V, --version  the version

EXIT STATUS
  0 every line assessed; 1 some lines could not be (see their error lines);
  2 the run could not start or go on (usage, a history file or stdin/stdout failed).

Progress (records loaded, tickets per second) goes to stderr when it is a terminal.

EXAMPLE
  rapport assess --history history.json orders.csv --now 2026-11-23T09:00:00Z \\
      --snippets 3 < open.ndjson > assessed.ndjson
";

#[derive(Debug, Default)]
struct Args {
    cmd: String,
    history: Vec<String>,
    mapping: Option<String>,
    config: Option<String>,
    now: Option<String>,
    snippets: Option<String>,
    agent: Option<String>,
    html: bool,
    threads: Option<usize>,
    batch: Option<usize>,
    limit: Option<String>,
    within: Option<String>,
    from: Option<String>,
    to: Option<String>,
    csv: bool,
}

fn usage(msg: impl std::fmt::Display) -> ! {
    eprintln!("rapport: {msg}\nTry 'rapport --help'.");
    std::process::exit(2);
}

fn parse(argv: Vec<String>) -> Args {
    let mut a = Args::default();
    let mut it = argv.into_iter().peekable();
    let value = |it: &mut std::iter::Peekable<std::vec::IntoIter<String>>, flag: &str| -> String {
        match it.next() {
            Some(v) if !v.starts_with("--") => v,
            _ => usage(format!("{flag} needs a value")),
        }
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let val = |it: &mut _| inline.clone().unwrap_or_else(|| value(it, &flag));
        let num = |s: String, flag: &str| -> usize {
            s.parse().ok().filter(|n| *n > 0).unwrap_or_else(|| {
                usage(format!("{flag}: expected a whole number above 0, got {s}"))
            })
        };
        match flag.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            "-V" | "--version" => {
                println!("rapport {}", env!("CARGO_PKG_VERSION"));
                std::process::exit(0);
            }
            "--history" => {
                a.history.push(val(&mut it));
                // values up to the next option: --history a.json b.csv
                while let Some(next) = it.next_if(|x| !x.starts_with("--")) {
                    a.history.push(next);
                }
            }
            "--mapping" => a.mapping = Some(val(&mut it)),
            "--config" => a.config = Some(val(&mut it)),
            "--now" => a.now = Some(val(&mut it)),
            "--snippets" => a.snippets = Some(val(&mut it)),
            "--agent" => a.agent = Some(val(&mut it)),
            "--html" => a.html = true,
            "--threads" => a.threads = Some(num(val(&mut it), "--threads")),
            "--batch" => a.batch = Some(num(val(&mut it), "--batch")),
            "--limit" => a.limit = Some(val(&mut it)),
            "--within" => a.within = Some(val(&mut it)),
            "--from" => a.from = Some(val(&mut it)),
            "--to" => a.to = Some(val(&mut it)),
            "--csv" => a.csv = true,
            c if a.cmd.is_empty() && !c.starts_with('-') => a.cmd = c.to_string(),
            other => usage(format!("unknown argument {other}")),
        }
    }
    a
}

/// An instant as the options take it: epoch milliseconds as a number, else the text (ISO).
fn instant(s: &str) -> Value {
    match s.parse::<f64>() {
        Ok(x) => json!(x),
        Err(_) => json!(s),
    }
}

fn number(s: &str, flag: &str) -> Value {
    s.parse::<f64>()
        .map(|x| json!(x))
        .unwrap_or_else(|_| usage(format!("{flag}: expected a number, got {s}")))
}

fn read_json(path: &str, flag: &str) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| usage(format!("{flag} {path}: {e}")));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| usage(format!("{flag} {path}: cannot be read as JSON ({e})")))
}

fn main() {
    let a = parse(std::env::args().skip(1).collect());
    if !["assess", "outreach", "insights"].contains(&a.cmd.as_str()) {
        usage(if a.cmd.is_empty() {
            "which command: assess, outreach or insights?".into()
        } else {
            format!("unknown command {}", a.cmd)
        });
    }
    let now = a
        .now
        .as_deref()
        .unwrap_or_else(|| usage("--now is required (ISO-8601 or epoch milliseconds)"));
    if a.history.is_empty() {
        usage("--history is required (one or more JSON or CSV exports, or - for stdin)");
    }
    let mut inputs = Inputs {
        config: a.config.as_deref().map(|p| read_json(p, "--config")),
        ..Default::default()
    };
    if let Some(p) = &a.mapping {
        match read_json(p, "--mapping") {
            Value::Object(m) => inputs.mappings = m,
            _ => usage(
                "--mapping: expected an object {\"tickets\": {\"createdAt\": \"Opened on\"}, …}",
            ),
        }
    }
    if let Some(k) = inputs
        .mappings
        .keys()
        .find(|k| !inputs::KINDS.contains(&k.as_str()))
    {
        usage(format!(
            "--mapping: {k}: expected customers, tickets, orders or surveys"
        ));
    }
    let mut from_stdin = false;
    for h in &a.history {
        if h == "-" {
            from_stdin = true;
        } else {
            inputs
                .files
                .push(inputs::history_file(h).unwrap_or_else(|e| usage(e)));
        }
    }
    if let Err(e) = rapport::Engine::new(inputs.config.as_ref()) {
        usage(format!("--config: {e}"));
    }
    let stdin = std::io::stdin();
    let mut input: Box<dyn BufRead + Send> =
        Box::new(std::io::BufReader::with_capacity(1 << 16, stdin));
    let mut first = None;
    if from_stdin {
        let (line, n) =
            inputs::stdin_history(&mut input, &mut inputs.stdin_docs).unwrap_or_else(|e| {
                eprintln!("rapport: {e}");
                std::process::exit(2)
            });
        first = line.map(|l| (n, l));
    }
    let progress = std::io::stderr().is_terminal();
    let inputs = Arc::new(inputs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let code = match a.cmd.as_str() {
        "assess" => {
            let mut o = json!({ "now": instant(now) });
            if let Some(s) = &a.snippets {
                o["snippets"] = number(s, "--snippets");
            }
            if let Some(s) = &a.agent {
                o["agent"] = json!(s);
            }
            if a.html {
                o["html"] = json!(true);
            }
            let options =
                rapport::engine::AssessOptions::from_json(&o, 0).unwrap_or_else(|e| usage(e));
            let threads = a
                .threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let run = assess::Run {
                inputs,
                options,
                threads,
                batch: a.batch.unwrap_or(256),
                progress,
            };
            match assess::run(&run, input, first, &mut out) {
                Ok(s) => (s.failed > 0) as i32,
                Err(e) => {
                    eprintln!("rapport: {e}");
                    2
                }
            }
        }
        cmd => {
            let tickets = (from_stdin || !std::io::stdin().is_terminal()).then_some(input);
            let mut o = json!({ "now": instant(now) });
            let plan = if cmd == "outreach" {
                for (k, v) in [("limit", &a.limit), ("within", &a.within)] {
                    if let Some(v) = v {
                        o[k] = number(v, &format!("--{k}"));
                    }
                }
                if let Some(s) = &a.agent {
                    o["agent"] = json!(s);
                }
                if a.html {
                    o["html"] = json!(true);
                }
                plans::Plan::Outreach(o)
            } else {
                o["from"] = instant(
                    a.from
                        .as_deref()
                        .unwrap_or_else(|| usage("insights: --from is required")),
                );
                o["to"] = instant(
                    a.to.as_deref()
                        .unwrap_or_else(|| usage("insights: --to is required")),
                );
                plans::Plan::Insights {
                    options: o,
                    csv: a.csv,
                }
            };
            plans::run(&inputs, plan, tickets, first, progress, &mut out)
        }
    };
    if let Err(e) = out.flush() {
        eprintln!("rapport: stdout: {e}");
        std::process::exit(2);
    }
    std::process::exit(code);
}
