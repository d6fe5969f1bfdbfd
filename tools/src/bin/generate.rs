//! Deterministic generator of support-style data for tests and benchmarks.
//!   cargo run --release -p rapport-tools --bin generate -- texts --bytes 1200000 [--seed 7]
//!   cargo run --release -p rapport-tools --bin generate -- history --customers 100000 \
//!       [--open 10000] [--format json|csv] [--out DIR] [--seed 7]
//! `history` writes customers with tenure, tiers, birthdays and lifetime value, their orders,
//! past tickets (channels, subjects, CSAT) and NPS answers — about ten records per customer —
//! and optionally open tickets in every band (`open.json`). JSON: one `history.json` (contract
//! v1) or, without --out, to stdout; CSV: customers.csv, tickets.csv, orders.csv, surveys.csv.
//! prints a JSON array of customer messages: greetings, a request or a problem drawn from the
//! situations a help desk sees (routine requests, our mistakes, repeat contacts, churn threats,
//! praise, life events), details with order numbers and dates, emotion, and the noise of real
//! writing (typos, capitals, "!!!", emoji). The same seed gives the same corpus.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const GREETINGS: &[&str] = &[
    "Hi,",
    "Hello,",
    "Hi there,",
    "Good morning,",
    "Hey,",
    "Dear support team,",
    "Hello team,",
    "",
];
const PRODUCTS: &[&str] = &[
    "espresso machine",
    "running shoes",
    "winter jacket",
    "phone case",
    "desk lamp",
    "coffee beans",
    "headphones",
    "backpack",
    "blender",
    "yoga mat",
    "gift card",
    "subscription box",
];
const ROUTINE: &[&str] = &[
    "Where is my order {o}? The tracking page has not changed since {d}.",
    "Could you send me a copy of the invoice for order {o}?",
    "I forgot my password and the reset email never comes. Can you help me log in?",
    "How long does delivery to Spain usually take?",
    "I would like to change the shipping address on order {o} to my office.",
    "Which payment methods do you accept? Can I pay by bank transfer?",
    "Can I cancel order {o}? I ordered the wrong size of {p}.",
    "What is your refund policy for {p} that were opened?",
    "Please update the email address on my account.",
    "Is it possible to add a second {p} to order {o} before it ships?",
    "How do I unsubscribe from the newsletter?",
    "Do you deliver on Saturdays?",
];
const MISTAKES: &[&str] = &[
    "You charged me twice for order {o}, I can see two payments of {a} on my card.",
    "The {p} arrived damaged, the box was crushed and the glass is cracked.",
    "I received the wrong item: I ordered a {p} and got something else entirely.",
    "My parcel was supposed to arrive on {d} and it still has not arrived.",
    "There is an extra charge of {a} on my statement that I don't recognise.",
    "The refund you promised two weeks ago never showed up on my account.",
    "Only two of the three items in order {o} were in the box.",
    "The {p} stopped working after two days.",
];
const EFFORT: &[&str] = &[
    "This is the third time I write about this.",
    "I already called twice and explained everything.",
    "Nobody answered my last two emails.",
    "I'm still waiting for an answer, again.",
    "I have been transferred between three agents and nothing happened.",
    "How many times do I have to repeat myself?",
];
const CHURN: &[&str] = &[
    "If this is not fixed I will cancel my account.",
    "I'm seriously thinking of switching to a competitor.",
    "Please close my account, I'm done with you.",
    "I won't order from you again.",
];
const PRAISE: &[&str] = &[
    "Just wanted to say thank you so much, the {p} is perfect!",
    "Amazing service as always, I recommend you to all my friends.",
    "Your team was so helpful last week, keep up the great work.",
    "I've been a loyal customer for years and you never disappoint.",
];
const LIFE: &[&str] = &[
    "It's a gift for my daughter's wedding next week.",
    "I need it before my flight on Friday.",
    "We just moved house, so please use the new address.",
    "It was meant as a birthday present for my mum.",
];
const FEELINGS: &[&str] = &[
    "This is really frustrating.",
    "I'm quite worried about it.",
    "Honestly this is unacceptable!!",
    "I don't understand what happened.",
    "It's urgent, please.",
    "Thanks in advance.",
    "I'm so disappointed.",
    "Appreciate your help!",
    "WTF is going on?",
    "",
    "",
    "",
];
const CLOSINGS: &[&str] = &[
    "Thanks,",
    "Best regards,",
    "Cheers,",
    "Kind regards,",
    "Thank you,",
    "",
    "",
];
const NAMES: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Esra", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi",
    "Lena",
];
const EMOJI: &[&str] = &["😠", "😡", "🙏", "😊", "😢", "👍", "😤", "❤️"];

fn fill(rng: &mut Rng, t: &str) -> String {
    let order = format!("#{}", 100_000 + rng.below(900_000));
    let date = format!(
        "{} {}",
        1 + rng.below(28),
        ["March", "June", "October", "November"][rng.below(4)]
    );
    let amount = format!("€{}.{:02}", 5 + rng.below(300), rng.below(100));
    t.replace("{o}", &order)
        .replace("{d}", &date)
        .replace("{a}", &amount)
        .replace("{p}", rng.pick(PRODUCTS))
}

/// One typo in a random word longer than four letters: a dropped, doubled or swapped letter.
fn typo(rng: &mut Rng, s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].len() > 4 && words[i].is_ascii())
        .collect();
    if long.is_empty() {
        return s.to_string();
    }
    let wi = long[rng.below(long.len())];
    let mut w: Vec<char> = words[wi].chars().collect();
    let k = 1 + rng.below(w.len() - 2);
    match rng.below(3) {
        0 => {
            w.remove(k);
        }
        1 => w.insert(k, w[k]),
        _ => w.swap(k, k - 1),
    }
    let mut out: Vec<String> = words.iter().map(|x| x.to_string()).collect();
    out[wi] = w.into_iter().collect();
    out.join(" ")
}

fn message(rng: &mut Rng) -> String {
    let mut parts: Vec<String> = Vec::new();
    let g = rng.pick(GREETINGS);
    if !g.is_empty() {
        parts.push(g.to_string());
    }
    let kind = rng.below(100);
    let (template, extra): (&[&str], &[&str]) = match kind {
        0..=44 => (ROUTINE, &[]),
        45..=69 => (MISTAKES, &[]),
        70..=79 => (MISTAKES, EFFORT),
        80..=86 => (MISTAKES, CHURN),
        87..=94 => (PRAISE, &[]),
        _ => (ROUTINE, LIFE),
    };
    let t = rng.pick(template);
    let mut body = fill(rng, t);
    if !extra.is_empty() {
        body = format!("{body} {}", rng.pick(extra));
    }
    parts.push(body);
    let f = rng.pick(FEELINGS);
    if !f.is_empty() {
        parts.push(f.to_string());
    }
    if rng.chance(8) {
        parts.push(rng.pick(EMOJI).to_string());
    }
    let c = rng.pick(CLOSINGS);
    if !c.is_empty() {
        parts.push(format!("{c} {}", rng.pick(NAMES)));
    }
    let mut text = parts.join(" ");
    if rng.chance(15) {
        text = typo(rng, &text);
    }
    if rng.chance(4) {
        text = text.to_uppercase();
    } else if rng.chance(10) {
        text = text.to_lowercase();
    }
    text
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(7);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    match what.as_str() {
        "texts" => {
            let bytes: usize = arg("--bytes")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_200_000);
            let mut out = Vec::new();
            let mut total = 0;
            while total < bytes {
                let m = message(&mut rng);
                total += m.len();
                out.push(m);
            }
            println!(
                "{}",
                serde_json::to_string(&out).expect("strings serialise")
            );
        }
        "history" => {
            let customers: usize = arg("--customers")
                .and_then(|s| s.parse().ok())
                .unwrap_or(1000);
            let open: usize = arg("--open").and_then(|s| s.parse().ok()).unwrap_or(0);
            let format = arg("--format").unwrap_or_else(|| "json".into());
            let out = arg("--out");
            history(&mut rng, customers, open, &format, out.as_deref());
        }
        _ => {
            eprintln!("usage: generate texts [--bytes N] [--seed S]\n       generate history --customers N [--open M] [--format json|csv] [--out DIR] [--seed S]");
            std::process::exit(2);
        }
    }
}

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloe", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikos", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Silva", "Okafor", "Martin", "Ivanov", "Schmidt", "Haddad", "Kim", "Tanaka", "Garcia", "Berg",
    "Adeyemi", "Walsh", "Cohen", "Novak", "Costa", "Reyes", "Rossi", "Nguyen", "Shah",
];
const SUBJECTS: &[&str] = &[
    "Where is my order?",
    "Charged twice",
    "Invoice copy",
    "Password reset",
    "Parcel arrived damaged",
    "Change delivery address",
    "Refund status",
    "Wrong item delivered",
    "Warranty question",
    "Cancel my order",
];
const CHANNELS: &[&str] = &["email", "email", "chat", "phone", "chat", "social"];

/// The demo clock: dates are relative to it, so a generated history means the same any day.
const NOW_DAYS: i64 = 20_780; // 2026-11-23

fn day(days: i64) -> String {
    rapport::time::format_date(days * 86_400_000)
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn history(rng: &mut Rng, n: usize, open: usize, format: &str, out: Option<&str>) {
    use serde_json::json;
    let (mut customers, mut tickets, mut orders, mut surveys) = (vec![], vec![], vec![], vec![]);
    let mut t_csv = String::from(
        "Ticket ID,Customer ID,Requester email,Subject,Created at,Solved at,Channel,CSAT\n",
    );
    let mut c_csv = String::from(
        "Customer ID,Email,First name,Last name,Customer since,Birthday,Tier,Lifetime value\n",
    );
    let mut o_csv = String::from("Order ID,Customer ID,Order date,Total,Currency,Items\n");
    let mut s_csv = String::from("Customer ID,Date,Type,Score\n");
    let csv = format == "csv";
    for i in 0..n {
        let id = format!("c{i}");
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let email = format!(
            "{}.{}{}@example.com",
            first.to_lowercase(),
            last.to_lowercase(),
            i
        );
        let tenure = 5 + rng.below(4000) as i64;
        let since = NOW_DAYS - tenure;
        let birthday = format!(
            "19{}-{:02}-{:02}",
            50 + rng.below(50),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let n_orders = 2 + rng.below(9);
        let mut ltv = 0.0;
        for k in 0..n_orders {
            let at = since + (tenure * (k as i64 + 1)) / (n_orders as i64 + 1);
            let total = (2000 + rng.below(40_000)) as f64 / 100.0;
            ltv += total;
            let item = rng.pick(PRODUCTS);
            if csv {
                o_csv += &format!("o{i}-{k},{id},{},{total:.2},EUR,{item}\n", day(at));
            } else {
                orders.push(json!({"id": format!("o{i}-{k}"), "customerId": id, "at": day(at), "total": total, "currency": "EUR", "items": [item]}));
            }
        }
        let n_tickets = rng.below(6);
        for k in 0..n_tickets {
            let at = NOW_DAYS - 1 - rng.below(tenure.min(700) as usize) as i64;
            let solved = at + rng.below(4) as i64;
            let csat = 1 + rng.below(5);
            let (subject, channel) = (rng.pick(SUBJECTS), rng.pick(CHANNELS));
            if csv {
                t_csv += &format!(
                    "h{i}-{k},{id},{email},{},{},{},{channel},{csat}\n",
                    csv_cell(subject),
                    day(at),
                    day(solved)
                );
            } else {
                tickets.push(json!({"id": format!("h{i}-{k}"), "customerId": id, "createdAt": day(at), "solvedAt": day(solved), "subject": subject, "channel": channel, "csat": csat}));
            }
        }
        if rng.chance(50) {
            let (at, score) = (NOW_DAYS - rng.below(300) as i64, rng.below(11));
            if csv {
                s_csv += &format!("{id},{},nps,{score}\n", day(at));
            } else {
                surveys
                    .push(json!({"customerId": id, "at": day(at), "kind": "nps", "score": score}));
            }
        }
        let tier = if ltv > 1500.0 {
            "gold"
        } else if ltv > 600.0 {
            "silver"
        } else {
            "basic"
        };
        if csv {
            c_csv += &format!(
                "{id},{email},{first},{last},{},{birthday},{tier},{ltv:.0}\n",
                day(since)
            );
        } else {
            customers.push(json!({"id": id, "email": email, "name": format!("{first} {last}"), "since": day(since), "birthday": birthday, "tier": tier, "lifetimeValue": ltv.round()}));
        }
    }
    let records = |c: usize, t: usize, o: usize, s: usize| c + t + o + s;
    let write = |name: &str, body: &str| match out {
        Some(dir) => {
            std::fs::create_dir_all(dir).expect("output folder");
            std::fs::write(format!("{dir}/{name}"), body).expect("write");
        }
        None => print!("{body}"),
    };
    if csv {
        let count = |s: &str| s.lines().count() - 1;
        eprintln!(
            "generate: {} records",
            records(count(&c_csv), count(&t_csv), count(&o_csv), count(&s_csv))
        );
        write("customers.csv", &c_csv);
        write("tickets.csv", &t_csv);
        write("orders.csv", &o_csv);
        write("surveys.csv", &s_csv);
    } else {
        eprintln!(
            "generate: {} records",
            records(customers.len(), tickets.len(), orders.len(), surveys.len())
        );
        let h = json!({"customers": customers, "tickets": tickets, "orders": orders, "surveys": surveys});
        write(
            "history.json",
            &serde_json::to_string(&h).expect("serialises"),
        );
    }
    if open > 0 {
        // open tickets against random customers, texts from the support corpus generator
        let list: Vec<_> = (0..open)
            .map(|i| {
                let c = rng.below(n.max(1));
                let m = message(rng);
                json!({"id": format!("t{i}"), "channel": rng.pick(CHANNELS), "createdAt": format!("{}T08:00:00Z", day(NOW_DAYS)), "customer": {"id": format!("c{c}")}, "messages": [{"from": "customer", "text": m}]})
            })
            .collect();
        let body = serde_json::to_string(&list).expect("serialises");
        match out {
            Some(dir) => std::fs::write(format!("{dir}/open.json"), body).expect("write"),
            None => eprintln!("--open needs --out"),
        }
    }
}
