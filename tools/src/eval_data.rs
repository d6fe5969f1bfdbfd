//! Loaders for the labelled public data in `data/public/` (copied into the repo with its
//! licences: `data/public/README.md`), shared by the evaluation and training commands.
#![allow(dead_code)]

/// A file of the repo, by its path from the repo root.
pub fn repo(rel: &str) -> String {
    format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The value after `--name` on the command line, if given; a value that does not parse ends the
/// run with a message rather than falling back to the default unseen.
pub fn option<T: std::str::FromStr>(name: &str) -> Option<T> {
    let v = std::env::args().skip_while(|a| a != name).nth(1)?;
    Some(v.parse().unwrap_or_else(|_| {
        eprintln!("{name} {v}: not a valid value");
        std::process::exit(2)
    }))
}

/// The value of the environment variable `name`, or `default` when it is unset or does not
/// parse (the trainer's `RJ_*` knobs).
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A probe file's rows (`source<TAB>F|N<TAB>text`, as `data/judgement/checks/
/// self-harm-probes.tsv`): (discloses, text); `#` lines and blank ones are skipped.
pub fn probe_rows(path: &str) -> Vec<(bool, String)> {
    read(path)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.splitn(3, '\t').collect();
            let [_, label, text] = f[..] else { return None };
            Some((label == "F", text.to_string()))
        })
        .collect()
}

pub fn bitext_path() -> String {
    repo("data/public/bitext/bitext_cs_sample_v2_4514rows_8b6ca3d.csv")
}

pub fn tweets_path() -> String {
    repo("data/public/vader/tweets_GroundTruth.txt")
}

pub fn banking77_path() -> String {
    repo("data/public/banking77/train.csv")
}

pub struct Row {
    pub text: String,
    /// The intent in Rapport's domain-neutral taxonomy (`BITEXT_TO_NEUTRAL`).
    pub intent: String,
    /// Bitext's own intent (its web-shop taxonomy).
    pub source_intent: String,
    pub tags: String,
    pub held_out: bool,
}

/// Bitext's 27 web-shop intents in Rapport's 14 domain-neutral ones (data/judgement/LABELS.md):
/// the mapping the intent model is trained and evaluated with. Every kind is kept (a
/// transactional Bitext intent maps to a transactional one).
pub const BITEXT_TO_NEUTRAL: [(&str, &str); 27] = [
    ("cancel_order", "cancel_item"),
    ("change_order", "order_change"),
    ("change_shipping_address", "order_change"),
    ("check_cancellation_fee", "billing_question"),
    ("check_invoice", "billing_question"),
    ("check_payment_methods", "billing_question"),
    ("check_refund_policy", "refund"),
    ("complaint", "complaint"),
    ("contact_customer_service", "product_info"),
    ("contact_human_agent", "human_agent"),
    ("create_account", "account_change"),
    ("delete_account", "cancel_relationship"),
    ("delivery_options", "product_info"),
    ("delivery_period", "order_status"),
    ("edit_account", "account_change"),
    ("get_invoice", "billing_question"),
    ("get_refund", "refund"),
    ("newsletter_subscription", "account_change"),
    ("payment_issue", "billing_question"),
    ("place_order", "how_to"),
    ("recover_password", "account_access"),
    ("registration_problems", "account_access"),
    ("review", "feedback_praise"),
    ("set_up_shipping_address", "account_change"),
    ("switch_account", "account_change"),
    ("track_order", "order_status"),
    ("track_refund", "refund"),
];

pub fn neutral_intent(bitext: &str) -> &'static str {
    BITEXT_TO_NEUTRAL
        .iter()
        .find(|(b, _)| *b == bitext)
        .map(|(_, n)| *n)
        .unwrap_or_else(|| panic!("Bitext intent {bitext} has no mapping"))
}

/// FNV-1a: a split by text, so duplicate utterances never straddle train and test.
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read {path}: {e} (the labelled data ships in the repo: see data/public/README.md)")
    })
}

pub fn bitext_rows(path: &str) -> Vec<Row> {
    let (records, err) = rapport::csv::parse(&read(path));
    assert!(err.is_none(), "{path}: {err:?}");
    let head = &records[0].fields;
    let col = |n: &str| {
        head.iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("{path}: no column {n}"))
    };
    let (ti, ii, gi) = (col("instruction"), col("intent"), col("tags"));
    records[1..]
        .iter()
        .map(|r| Row {
            text: r.fields[ti].clone(),
            intent: neutral_intent(&r.fields[ii]).to_string(),
            source_intent: r.fields[ii].clone(),
            tags: r.fields[gi].clone(),
            held_out: fnv(r.fields[ti].trim()) % 5 == 0,
        })
        .collect()
}

/// (human mean valence −4..4, text)
pub fn tweets(path: &str) -> Vec<(f64, String)> {
    read(path)
        .lines()
        .filter_map(|l| {
            let mut p = l.splitn(3, '\t');
            let (_, v, t) = (p.next()?, p.next()?, p.next()?);
            Some((v.parse().ok()?, t.to_string()))
        })
        .collect()
}

/// (text, category)
pub fn banking77(path: &str) -> Vec<(String, String)> {
    let (records, err) = rapport::csv::parse(&read(path));
    assert!(err.is_none(), "{path}: {err:?}");
    records[1..]
        .iter()
        .map(|r| (r.fields[0].clone(), r.fields[1].clone()))
        .collect()
}

pub fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

/// BANKING77 intents that are the bank's own mistake.
pub const BANKING77_MISTAKES: &[&str] = &[
    "transaction_charged_twice",
    "wrong_amount_of_cash_received",
    "wrong_exchange_rate_for_cash_withdrawal",
    "extra_charge_on_statement",
    "card_payment_wrong_exchange_rate",
];
/// BANKING77 intents that are plain questions, several of them about fees and rates: the
/// look-alikes a mistake cue must not fire on.
pub const BANKING77_NOT_MISTAKES: &[&str] = &[
    "exchange_rate",
    "top_up_limits",
    "country_support",
    "supported_cards_and_currencies",
    "exchange_charge",
    "fiat_currency_support",
    "exchange_via_app",
    "age_limit",
    "apple_pay_or_google_pay",
    "visa_or_mastercard",
    "getting_spare_card",
    "order_physical_card",
    "edit_personal_details",
    "change_pin",
];
