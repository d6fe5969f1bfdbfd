fn main() {
    let lex = rapport::text::sentiment::SentimentLexicon::builtin();
    let data = std::fs::read_to_string("../shared/data/vader/tweets_GroundTruth.txt").unwrap();
    let (mut xs, mut ys) = (vec![], vec![]);
    for l in data.lines() {
        let p: Vec<_> = l.splitn(3, '\t').collect();
        if p.len() == 3 {
            xs.push(rapport::text::sentiment::polarity(p[2], &lex).compound);
            ys.push(p[1].parse::<f64>().unwrap());
        }
    }
    let n = xs.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = ys.iter().sum::<f64>() / n;
    let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    println!("n={} r={:.4}", n, cov / (vx * vy).sqrt());
    if std::env::var("DUMP").is_ok() { for x in &xs { eprintln!("{x}"); } }
}
#[allow(dead_code)]
fn dump() {}
