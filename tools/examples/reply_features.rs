//! Each row of agent-reply files (`id<TAB>domain<TAB>label<TAB>reply`, a header first) with its
//! judge-model features, as `src/text/judge/features.rs` makes them from the reply's words:
//! `file<TAB>id<TAB>label<TAB>hashes the embedded cue model holds<TAB>every hash`, space-separated.
//! For `tools/data/agent_replies_heads.py`:
//!   cargo run --release -q -p rapport-tools --example reply_features -- data/judgement/checks/agent-replies-*.tsv
use rapport::text::judge::{self, JudgeModel};
use rapport::text::tokens::tokenize;

fn main() {
    let model = JudgeModel::builtin();
    let held: std::collections::HashSet<u32> = model.keys().iter().copied().collect();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let name = path.rsplit('/').next().unwrap_or(&path);
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let [id, _, label, reply] = f[..] else {
                panic!("{path}: not four fields: {line}");
            };
            let all = judge::features(&tokenize(reply));
            let join = |keep: &dyn Fn(u32) -> bool| {
                all.iter()
                    .filter(|x| keep(x.hash))
                    .map(|x| x.hash.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            println!(
                "{name}\t{id}\t{label}\t{}\t{}",
                join(&|h| held.contains(&h)),
                join(&|_| true)
            );
        }
    }
}
