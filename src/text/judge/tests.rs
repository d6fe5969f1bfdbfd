use super::*;
use crate::text::tokens::tokenize;

fn spec(name: &str, codebook: Vec<f32>, codes: Vec<u8>) -> HeadSpec {
    HeadSpec {
        name: name.into(),
        bias: -1.5,
        threshold: 0.4,
        veto: 0.1,
        codebook,
        codes,
    }
}

#[test]
fn written_models_read_back() {
    let heads = vec![
        spec("churn", vec![-0.5, 0.25, 12.7], vec![3, 1, 0, 2, 3]),
        spec("praise", vec![], vec![0; 5]),
    ];
    let hashes = [0, 3, 900, 1 << 19, (1 << HASH_BITS) - 1];
    for bits in 2..=4 {
        let m = JudgeModel::parse(&write(&heads, &hashes, bits)).unwrap();
        assert_eq!(m.heads.len(), 2);
        assert_eq!(m.heads[1].name, "praise");
        assert_eq!((m.heads[0].bias, m.heads[0].threshold), (-1.5, 0.4));
        assert_eq!(m.weights_of(0), [(0, 12.7)]);
        assert_eq!(m.weights_of(3), [(0, -0.5)]);
        assert!(m.weights_of(900).is_empty(), "zero weights are not kept");
        assert!(m.weights_of(1).is_empty() && m.weights_of(901).is_empty());
        assert_eq!(m.weights_of(1 << 19), [(0, 0.25)]);
        assert_eq!(m.weights_of((1 << HASH_BITS) - 1), [(0, 12.7)]);
        assert_eq!(m.keys.len(), 4);
    }
    // a second head's codes follow the first's in the stream
    let two = vec![
        spec("churn", vec![1.0], vec![1, 0]),
        spec("praise", vec![-2.0, 3.0], vec![2, 1]),
    ];
    let m = JudgeModel::parse(&write(&two, &[5, 6], 2)).unwrap();
    assert_eq!(m.weights_of(5), [(0, 1.0), (1, 3.0)]);
    assert_eq!(m.weights_of(6), [(1, -2.0)]);
    assert!(
        JudgeModel::parse(b"RJM4\x01\x04\x05churn").is_err(),
        "cut short is an error, not a panic"
    );
}

#[test]
fn malformed_models_are_errors_not_panics() {
    let heads = vec![spec("churn", vec![-0.5, 0.25, 12.7], vec![3, 1, 0, 2, 3])];
    let good = write(&heads, &[0, 3, 900, 1 << 19, (1 << HASH_BITS) - 1], 4);
    for n in 0..good.len() {
        assert!(JudgeModel::parse(&good[..n]).is_err(), "cut at {n}");
    }
    // every byte changed to each value: an error or a model, never a panic
    for i in 0..good.len() {
        for v in 0..=255u8 {
            let mut b = good.clone();
            b[i] = v;
            let _ = JudgeModel::parse(&b);
        }
    }
    // a code past the codebook: written with three values, the header cut to one
    let three = write(&[spec("churn", vec![1.0, 2.0, 3.0], vec![3])], &[7], 2);
    let k_at = 4 + 1 + 1 + 1 + "churn".len() + 12;
    assert_eq!(three[k_at], 3);
    let b = [
        &three[..k_at],
        &[1],
        &three[k_at + 1..k_at + 5],
        &three[k_at + 13..],
    ]
    .concat();
    assert!(JudgeModel::parse(&b).is_err(), "a code past the codebook");
    let ok = [&three[..k_at], &[3], &three[k_at + 1..]].concat();
    assert!(JudgeModel::parse(&ok).is_ok());
    // more values than the bits can name, and bits out of 1..=4
    let mut b = three.clone();
    b[5] = 1;
    assert!(JudgeModel::parse(&b).is_err());
    b[5] = 5;
    assert!(JudgeModel::parse(&b).is_err());
    // a unary run that would leave 20 bits
    let mut b = b"RJM4\x00\x04".to_vec();
    b.extend_from_slice(&1u32.to_le_bytes());
    b.push(0);
    b.extend_from_slice(&[0xff; 200_000]);
    assert!(JudgeModel::parse(&b).is_err());
    assert!(JudgeModel::parse(BUILTIN).is_ok());
}

#[test]
fn features_and_their_texts_agree() {
    let t = tokenize("I'd like to cancel 2 plans");
    let f: Vec<u32> = features(&t).iter().map(|f| f.hash).collect();
    let texts: Vec<u32> = feature_texts(&t).iter().map(|x| x.0).collect();
    assert_eq!(f, texts);
    assert!(feature_texts(&t).iter().any(|x| x.1 == "b cancel #"));
    assert!(feature_texts(&t).iter().any(|x| x.1 == "p cance"));
}

#[test]
fn a_head_transplanted_from_another_model_brings_its_weights_and_leaves_the_rest() {
    let base = JudgeModel::parse(&write(
        &[
            spec("churn", vec![-0.5, 0.25], vec![1, 2, 0]),
            spec("praise", vec![3.0], vec![0, 1, 1]),
        ],
        &[4, 9, 700],
        4,
    ))
    .unwrap();
    let donor = JudgeModel::parse(&write(
        &[spec("praise", vec![-1.0, 2.0], vec![2, 0, 1])],
        &[9, 12, 800],
        4,
    ))
    .unwrap();
    // into itself: the same model, byte for byte
    let same = with_heads_from(&base, &base, &["praise"], 4).unwrap();
    assert_eq!(JudgeModel::parse(&same).unwrap().keys, base.keys);
    let m = JudgeModel::parse(&with_heads_from(&base, &donor, &["praise"], 4).unwrap()).unwrap();
    assert_eq!(m.weights_of(4), [(0, -0.5)], "churn kept, praise gone");
    assert_eq!(m.weights_of(9), [(0, 0.25), (1, 2.0)]);
    assert!(m.weights_of(700).is_empty(), "no head weighs it any more");
    assert!(m.weights_of(12).is_empty());
    assert_eq!(m.weights_of(800), [(1, -1.0)]);
    assert!(
        with_heads_from(&base, &donor, &["churn"], 4).is_none(),
        "not in the donor"
    );
    assert!(with_heads_from(&base, &donor, &["loss"], 4).is_none());
    // a head only the donor has is added after the base's, theirs untouched
    let base =
        JudgeModel::parse(&write(&[spec("churn", vec![0.25], vec![1, 0])], &[4, 9], 4)).unwrap();
    let m = JudgeModel::parse(&with_heads_from(&base, &donor, &["praise"], 4).unwrap()).unwrap();
    let names: Vec<_> = m.heads.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["churn", "praise"]);
    assert_eq!(m.weights_of(4), [(0, 0.25)]);
    assert_eq!(m.weights_of(9), [(1, 2.0)]);
    assert_eq!(m.weights_of(800), [(1, -1.0)]);
}
