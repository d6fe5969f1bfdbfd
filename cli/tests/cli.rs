//! The `rapport` binary on the generator's history and a backlog with bad lines: every good
//! line assessed in its place, bad ones reported with their line numbers, the same bytes on
//! one thread and two, from files and from stdin history lines, and the same bytes as the
//! engine called in-process (written the way the CLI writes: `src/js_json.rs`).

#[path = "../src/js_json.rs"]
#[allow(dead_code)]
mod js_json;

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const NOW: &str = "2026-11-23T12:00:00Z";

/// The generator's history (400 customers, JSON and CSV) and 120 open tickets, made once.
fn data() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-h400");
        for format in ["json", "csv"] {
            let st = Command::new(env!("CARGO"))
                .args([
                    "run",
                    "-q",
                    "-p",
                    "rapport-tools",
                    "--bin",
                    "generate",
                    "--",
                    "history",
                    "--customers",
                    "400",
                    "--open",
                    "120",
                    "--format",
                    format,
                    "--out",
                ])
                .arg(&dir)
                .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
                .status()
                .expect("cargo runs the generator");
            assert!(st.success(), "the generator failed ({format})");
        }
        dir
    })
}

fn open_tickets() -> Vec<Value> {
    let text = std::fs::read_to_string(data().join("open.json")).expect("open.json");
    serde_json::from_str::<Vec<Value>>(&text).expect("a list of tickets")
}

fn rapport(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("the binary ends");
    feeder.join().expect("stdin written");
    out
}

fn history_json() -> String {
    data().join("history.json").to_string_lossy().into_owned()
}

/// The backlog with bad lines at known places: (text, line numbers of the bad lines).
fn backlog() -> (String, Vec<usize>) {
    let mut lines: Vec<String> = open_tickets().iter().map(Value::to_string).collect();
    // a ticket in words JS and ASCII JSON write differently: curly quotes, accents, an emoji
    lines[5] = json!({"id": "t-unicode", "customer": {"id": "c3"}, "channel": "chat",
        "messages": [{"from": "customer", "text": "Third time I write — the café order “#1042” never came 😡 I want a refund!"}]}).to_string();
    let bad = [
        (2, "this is not JSON".to_string()),
        (9, json!({"id": "bad-author", "customer": {}, "messages": [{"from": "bot", "text": "hi"}]}).to_string()),
        (40, "[1, 2, 3]".to_string()),
        (77, json!({"id": 77, "customer": {"email": "not an email"}, "messages": []}).to_string()),
    ];
    for (at, l) in bad.iter().cloned() {
        lines.insert(at - 1, l);
    }
    lines.insert(20 - 1, "   ".into()); // a blank line: skipped, but counted
                                        // the blank line at 19 moves the bad lines after it down by one
    (lines.join("\n") + "\n", vec![2, 9, 41, 78])
}

#[test]
fn bad_lines_are_reported_in_place_and_the_rest_scored() {
    let (text, bad) = backlog();
    let out = rapport(
        &[
            "assess",
            "--history",
            &history_json(),
            "--now",
            NOW,
            "--threads",
            "2",
            "--batch",
            "7",
        ],
        text.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the exit status 1: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no progress when stderr is not a terminal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<&str> = std::str::from_utf8(&out.stdout)
        .expect("UTF-8")
        .lines()
        .collect();
    let input: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    assert_eq!(got.len(), input.len(), "one output line per ticket line");

    // the same engine in-process, line by line, written as the CLI writes
    let mut engine = rapport::Engine::new(None).unwrap();
    engine
        .load_history_text(&std::fs::read_to_string(history_json()).unwrap())
        .unwrap();
    let o = rapport::engine::AssessOptions::from_json(&json!({"now": NOW}), 0).unwrap();
    let mut errors = Vec::new();
    for ((n, line), out) in input.iter().zip(&got) {
        let v: Value =
            serde_json::from_str(out).unwrap_or_else(|e| panic!("line {n} is JSON: {e}"));
        if let Some(e) = v.get("error") {
            assert_eq!(v["line"], json!(n), "{out}");
            errors.push((
                *n,
                e.as_str().unwrap().to_string(),
                v.get("ticketId").cloned(),
            ));
            continue;
        }
        let t: Value = serde_json::from_str(line).unwrap();
        let mut want = Vec::new();
        js_json::append(&mut want, &engine.assess_with(&t, &o).unwrap()).unwrap();
        assert_eq!(
            out.as_bytes(),
            &want[..],
            "line {n}: the CLI's assessment is the engine's"
        );
        assert_eq!(v["ticketId"], t["id"]);
    }
    let lines: Vec<usize> = errors.iter().map(|e| e.0).collect();
    assert_eq!(lines, bad, "{errors:#?}");
    assert!(
        errors[0].1.starts_with("ticket: cannot be read as JSON"),
        "{}",
        errors[0].1
    );
    assert!(errors[1].1.contains("messages[0].from"), "{}", errors[1].1);
    assert_eq!(errors[1].2, Some(json!("bad-author")));
    assert!(
        errors[2].1.starts_with("ticket: expected an object"),
        "{}",
        errors[2].1
    );
    assert_eq!(
        errors[3].2,
        Some(json!("77")),
        "a number id is reported as text, as the package's queue does"
    );
    // the unicode ticket: characters as JS writes them, not \u escapes
    let u = got
        .iter()
        .find(|l| l.contains("t-unicode"))
        .expect("assessed");
    assert!(u.contains("“never came”") && !u.contains("\\u"), "{u}");
}

#[test]
fn one_thread_or_two_from_files_or_stdin_give_the_same_bytes() {
    let (text, _) = backlog();
    let base = ["assess", "--now", NOW, "--snippets", "3"];
    let run = |extra: &[&str], stdin: &[u8]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let out = rapport(&args, stdin);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let h = history_json();
    let one = run(&["--history", &h, "--threads", "1"], text.as_bytes());
    let two = run(
        &["--history", &h, "--threads", "2", "--batch", "3"],
        text.as_bytes(),
    );
    assert!(one == two, "1 and 2 threads differ");

    // the history as {"history": …} lines ahead of the tickets (what the Spark job sends)
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&h).unwrap()).unwrap();
    let mut stdin = String::new();
    for kind in ["customers", "tickets", "orders", "surveys"] {
        for r in doc[kind].as_array().unwrap() {
            stdin += &format!("{}\n", json!({"history": {kind: [r]}}));
        }
    }
    let head = stdin.lines().count();
    stdin += &text;
    let piped = run(&["--history", "-", "--threads", "2"], stdin.as_bytes());
    // the same assessments; error lines count the history lines too
    let shifted = |b: &[u8], by: u64| -> Vec<String> {
        std::str::from_utf8(b)
            .unwrap()
            .lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                match v.get("line").and_then(Value::as_u64) {
                    Some(n) => {
                        v["line"] = json!(n - by);
                        v.to_string()
                    }
                    None => l.to_string(),
                }
            })
            .collect()
    };
    assert_eq!(
        shifted(&one, 0),
        shifted(&piped, head as u64),
        "stdin history gives what the file gives"
    );

    // CSV exports of the same generator: every ticket assessed, each line in its place
    let csv: Vec<String> = ["customers", "tickets", "orders", "surveys"]
        .iter()
        .map(|k| {
            data()
                .join(format!("{k}.csv"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["--history"];
    args.extend(csv.iter().map(String::as_str));
    let from_csv = run(&args, text.as_bytes());
    assert_eq!(
        from_csv.iter().filter(|&&b| b == b'\n').count(),
        one.iter().filter(|&&b| b == b'\n').count()
    );
}

#[test]
fn outreach_and_insights_over_the_same_inputs() {
    let tickets: String = open_tickets().iter().map(|t| format!("{t}\n")).collect();
    let h = history_json();
    let out = rapport(
        &["outreach", "--history", &h, "--now", NOW, "--limit", "5"],
        tickets.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Vec<Value> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!list.is_empty() && list.len() <= 5, "{list:?}");
    for e in &list {
        let sum: i64 = e["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["points"].as_i64().unwrap())
            .sum();
        assert_eq!(e["score"].as_i64(), Some(sum));
    }
    let out = rapport(
        &[
            "insights",
            "--history",
            &h,
            "--now",
            NOW,
            "--from",
            "2026-10-23",
            "--to",
            "2026-11-23T12:00:00Z",
        ],
        tickets.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON report");
    assert_eq!(r["period"]["now"], json!("2026-11-23T12:00:00Z"));
    assert!(r["contactReasons"]["tickets"].as_u64().unwrap() > 0, "{r}");
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let h = history_json();
    for (args, says) in [
        (vec!["assess", "--history", h.as_str()], "--now is required"),
        (vec!["assess", "--now", NOW], "--history is required"),
        (
            vec![
                "assess",
                "--history",
                h.as_str(),
                "--now",
                NOW,
                "--frobnicate",
            ],
            "unknown argument --frobnicate",
        ),
        (
            vec!["assess", "--history", "/nonexistent/h.json", "--now", NOW],
            "/nonexistent/h.json",
        ),
        (
            vec!["assess", "--history", h.as_str(), "--now", "yesterday"],
            "options.now",
        ),
        (
            vec!["score", "--history", h.as_str(), "--now", NOW],
            "unknown command score",
        ),
    ] {
        let out = rapport(&args, b"");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let help = rapport(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("rapport assess"));
}

#[test]
fn identities_the_load_resolved_by_itself_are_on_stderr_to_check() {
    let dir = std::env::temp_dir().join(format!("rapport-cli-join-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let h = dir.join("history.json");
    std::fs::write(
        &h,
        json!({"customers": [{"id": "380001", "email": "ana@example.com"}],
               "orders": [{"id": "1001", "customerId": "7001", "customerEmail": "ana@example.com", "at": "2026-11-01"},
                          {"id": "1002", "customerId": "7002", "customerEmail": "b\u{1b}Ehistory: check nothing\u{202e}@example.com", "at": "2026-11-01"}]})
        .to_string(),
    )
    .unwrap();
    let ticket = json!({"id": "T", "customer": {"email": "ana@example.com"},
        "messages": [{"from": "customer", "text": "where is my order?"}]});
    let out = rapport(
        &["assess", "--history", h.to_str().unwrap(), "--now", NOW],
        format!("{ticket}\n").as_bytes(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("history: check ")
            && err.contains("customer 7001 is unknown; filed by email under 380001"),
        "{err}"
    );
    // the customer's data quoted in a reason cannot write or reorder our lines
    assert!(
        err.contains(
            r#""b\u{1b}Ehistory: check nothing\u{202e}@example.com" is not an email address"#
        ) && !err.contains(['\u{1b}', '\u{202e}']),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
