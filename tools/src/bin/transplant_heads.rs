//! Replaces heads of the embedded cue model (`data/judgement_model.bin`) with the heads of the
//! same names from another model file, the others left exactly as they are: a head retrained
//! on new rows (`train-judgement` writes a whole model; keep a copy of the old one first) goes
//! in without moving the heads whose fit the score and the replies were fitted against.
//! A head the embedded model lacks is added (session 36: `self_harm`, from a model
//! `train-judgement` wrote with its defaults).
//! Usage: cargo run --release -p rapport-tools --bin transplant-heads -- <donor.bin> <head>[,<head>…]
//!
//! Measured 2026-12-04 with the ninth pass in train (`evaluate`, scenarios train / dev; the
//! embedded model before: band 85.9 / 86.9%, two bands off 8 / 2, distress F1 .820 / .616):
//! - the whole model retrained (`train-judgement`): dev band 82.5%, two off 7; `fit-score` on
//!   it kept its first pass (82.5%). Not kept.
//! - its distress head alone, transplanted (threshold 0.70 by F1): band 86.3 / 86.2%, two off
//!   7 / 5, distress F1 .941 / .654. Not kept.
//! - the distress head trained with `RJ_BETA=0.5` (threshold 0.85), transplanted: band 86.5 /
//!   87.5%, snippet kind 86.7 / 88.8%, must-cite 91.5 / 93.7%, two off 8 / 4, distress F1 .889 /
//!   .638; +1.2 KB of model. The dev gains were the ninth pass's own scenarios (same writer as
//!   the rows it learned from); the new two-off were a transfer "completed" but not arrived,
//!   labelled transactional by another writer; the spent blind sets 2-4 did not gain (set 4's
//!   snippet kind 75.0 -> 73.8%). Not kept: no reading by writers it was not shaped on improved.
//! - session 48 (2026-12-06, tenth pass in train): the loyalty and relational heads of an
//!   averaged model (`RJ_MERGE=0.5 RJ_PICK=oof train-judgement` run on the model before, its
//!   output kept as the donor and the model before put back), transplanted: dev loyalty F1 .804
//!   → .820, intent kind 91.4 → 92.0%, every scenario figure the same (train-judgement's header
//!   has the table). Kept; rerun so on 8e4c701's model it writes 70d744d's file byte for byte
//!   (checked). Then the praise head of the same average with the embedded veto kept
//!   (`RJ_KEEP_VETO=praise`), on 70d744d's model (the trainer's header).
use rapport::text::judge::{with_heads_from, JudgeModel};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [donor, heads] = &args[..] else {
        panic!("usage: transplant-heads <donor.bin> <head>[,<head>…]");
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/judgement_model.bin");
    let read = |p: &str| {
        JudgeModel::parse(&std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}")))
            .unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let (base, donor_model) = (read(path), read(donor));
    let take: Vec<&str> = heads.split(',').collect();
    let bytes = with_heads_from(&base, &donor_model, &take, 4)
        .expect("every head named in both models, at most 15 weights a head");
    std::fs::write(path, &bytes).expect("write the model");
    eprintln!(
        "transplant-heads: {take:?} from {donor}; wrote {path} ({} bytes)",
        bytes.len()
    );
}
