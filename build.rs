//! Strips the comment lines from the built-in data files before they are embedded in the
//! engine: the comments document the data for people and cost the .wasm ~1 KB gzipped.
fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for f in ["cues.txt", "topics.txt", "intent_model.tsv"] {
        println!("cargo:rerun-if-changed=data/{f}");
        let text = std::fs::read_to_string(format!("data/{f}")).expect("data file");
        let kept: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| [l, "\n"])
            .collect();
        std::fs::write(format!("{out}/{f}"), kept).expect("OUT_DIR is writable");
    }
}
