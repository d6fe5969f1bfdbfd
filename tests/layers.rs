//! The module graph flows one way (README "Architecture"): bindings → engine → (text, history,
//! signals, score, reply, snippets) and back out through the wire. Read from each source file's
//! own text: the core never names the wire, wasm-bindgen or the bindings, and the modules under
//! the engine never reach up into it. A new `use crate::wire` in `snippets/` fails here.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The lines of `file` without their comments, for the import checks.
fn code(file: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .enumerate()
        // the code before any comment (a comment may name a module to say why it is not used)
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("").to_string()))
        .collect()
}

/// Where `files` name any of `words` in code: `file:line: word` each.
fn naming<'a>(files: impl IntoIterator<Item = &'a PathBuf>, words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        for (n, l) in code(f) {
            for word in words.iter().filter(|w| l.contains(**w)) {
                found.push(format!("{}:{n}: {word}", f.display()));
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_core_knows_neither_the_wire_nor_javascript() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let core: Vec<_> = files
        .iter()
        .filter(|f| {
            let rel = f.strip_prefix(src()).unwrap();
            !rel.starts_with("wire") && !rel.starts_with("bindings") && rel != Path::new("lib.rs")
        })
        .collect();
    assert!(core.len() >= 30, "the core's files: {}", core.len());
    let found = naming(
        core,
        &[
            "crate::wire",
            "wasm_bindgen",
            "js_sys",
            "web_sys",
            "crate::bindings",
        ],
    );
    assert!(
        found.is_empty(),
        "the core reaches the wire or JavaScript:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_modules_under_the_engine_never_reach_up_into_it() {
    let mut files = Vec::new();
    for m in [
        "text",
        "history",
        "signals",
        "snippets",
        "score.rs",
        "confidence.rs",
        "reply",
        "time.rs",
        "csv.rs",
    ] {
        let p = src().join(m);
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else {
            files.push(p);
        }
    }
    let found = naming(
        &files,
        &[
            "crate::engine",
            "crate::seen",
            "crate::outreach",
            "crate::insights",
        ],
    );
    assert!(
        found.is_empty(),
        "a module under the engine imports from above it:\n{}",
        found.join("\n")
    );
}
