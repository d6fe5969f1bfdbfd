//! Writing a model in the `RJM4` format (the trainer's side; the engine only reads).

use super::HASH_BITS;

/// A head as the trainer writes it: its codebook (at most 15 values), and per feature of the
/// shared list a code: 0 for a weight of 0, c in 1..=15 for `codebook[c - 1]`.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadSpec {
    pub name: String,
    pub bias: f32,
    pub threshold: f32,
    pub veto: f32,
    pub codebook: Vec<f32>,
    pub codes: Vec<u8>,
}

/// The Rice parameter that codes these gaps in the fewest bits.
fn rice_parameter(gaps: &[u32]) -> u32 {
    (0..HASH_BITS)
        .min_by_key(|&r| {
            gaps.iter()
                .map(|&d| (d >> r) as u64 + 1 + r as u64)
                .sum::<u64>()
        })
        .unwrap_or(0)
}

/// Writes a model (used by the trainer): the heads with their codebooks, then the features
/// they share (hashes ascending, below 2^20, Rice-coded gaps), then each head's codes in
/// that order, `code_bits` (1..=4) each.
pub fn write(heads: &[HeadSpec], features: &[u32], code_bits: u32) -> Vec<u8> {
    assert!((1..=4).contains(&code_bits), "1 to 4 bits a code");
    let mut out = b"RJM4".to_vec();
    out.push(heads.len() as u8);
    out.push(code_bits as u8);
    for h in heads {
        out.push(h.name.len() as u8);
        out.extend_from_slice(h.name.as_bytes());
        for x in [h.bias, h.threshold, h.veto] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        assert!(
            h.codebook.len() < 1 << code_bits,
            "a codebook holds at most 2^bits - 1 values"
        );
        out.push(h.codebook.len() as u8);
        for x in &h.codebook {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    let mut prev = 0u32;
    let gaps: Vec<u32> = features
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            assert!(
                h >> HASH_BITS == 0 && (i == 0 || h > prev),
                "hashes ascending"
            );
            let d = h - prev;
            prev = h;
            d
        })
        .collect();
    let rice = rice_parameter(&gaps);
    out.push(rice as u8);
    // bits from each byte's lowest; the last byte's unused bits stay 0
    let (mut bits, mut n) = (Vec::new(), 0usize);
    let mut put = |b: u32| {
        if n % 8 == 0 {
            bits.push(0u8);
        }
        bits[n / 8] |= (b as u8) << (n % 8);
        n += 1;
    };
    for d in gaps {
        for _ in 0..d >> rice {
            put(1);
        }
        put(0);
        for i in 0..rice {
            put(d >> i & 1);
        }
    }
    for h in heads {
        assert_eq!(h.codes.len(), features.len(), "one code per feature");
        for &c in &h.codes {
            assert!(c as usize <= h.codebook.len(), "a code within the codebook");
            for i in 0..code_bits {
                put(c as u32 >> i & 1);
            }
        }
    }
    out.extend_from_slice(&bits);
    out
}

/// `base` with the heads named in `take` replaced by `donor`'s heads of those names (their
/// bias, threshold, veto and weights), written in `code_bits`: a head retrained on new rows
/// goes in without the others moving (`tools/src/bin/transplant_heads.rs`); a head the base
/// lacks is added after the base's. `None` when a name is missing from the donor or a head
/// has more distinct weights than its codes can name.
pub fn with_heads_from(
    base: &super::JudgeModel,
    donor: &super::JudgeModel,
    take: &[&str],
    code_bits: u32,
) -> Option<Vec<u8>> {
    // per base head: the model its weights come from, and the head's index there
    let mut source = Vec::new();
    for (i, h) in base.heads.iter().enumerate() {
        source.push(if take.contains(&h.name.as_str()) {
            (donor, donor.head(&h.name)?)
        } else {
            (base, i)
        });
    }
    // a head the base lacks is added after its own
    for n in take.iter().filter(|n| base.head(n).is_none()) {
        source.push((donor, donor.head(n)?));
    }
    let mut features: Vec<u32> = base.keys.iter().chain(&donor.keys).copied().collect();
    features.sort_unstable();
    features.dedup();
    // features every kept head weighs at 0 are left out
    features.retain(|&f| source.iter().any(|&(m, j)| m.weight(j, f) != 0.0));
    let mut specs = Vec::new();
    for &(m, j) in &source {
        let ws: Vec<f32> = features.iter().map(|&f| m.weight(j, f)).collect();
        let mut codebook: Vec<f32> = ws.iter().copied().filter(|w| *w != 0.0).collect();
        codebook.sort_by(f32::total_cmp);
        codebook.dedup();
        if codebook.len() >= 1 << code_bits {
            return None;
        }
        let codes = ws
            .iter()
            .map(|w| match codebook.iter().position(|c| c == w) {
                Some(i) => i as u8 + 1,
                None => 0,
            })
            .collect();
        let head = &m.heads[j];
        specs.push(HeadSpec {
            name: head.name.clone(),
            bias: head.bias,
            threshold: head.threshold,
            veto: head.veto,
            codebook,
            codes,
        });
    }
    Some(write(&specs, &features, code_bits))
}
