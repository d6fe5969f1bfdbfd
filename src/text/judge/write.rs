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
