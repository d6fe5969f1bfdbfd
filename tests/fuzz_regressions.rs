//! The fuzz targets' checks (fuzz/checks.rs) on stable, in `make test`: every input a fuzzer
//! ever crashed on (fuzz/regressions/<target>/) and every seed (fuzz/seeds/<target>/). A crash
//! found by `make fuzz` is copied into fuzz/regressions/ with the fix, and stays here.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn run(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for f in entries {
            let path = f.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(
                outcome.is_ok(),
                "{target}: {} fails its check",
                path.display()
            );
            n += 1;
        }
    }
    // the seeds are in the repo: a target with nothing to run is a missing fixture
    assert!(n > 0, "fuzz/seeds/{target}/ is missing or empty");
}

#[test]
fn template() {
    run("template", checks::template);
}

#[test]
fn macros() {
    run("macros", checks::macros);
}

#[test]
fn json_history() {
    run("json_history", checks::json_history);
}

#[test]
fn csv_history() {
    run("csv_history", checks::csv_history);
}

#[test]
fn assess() {
    run("assess", checks::assess);
}
