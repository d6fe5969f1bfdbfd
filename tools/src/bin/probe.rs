#[path = "../judgement.rs"]
#[allow(dead_code)]
mod judgement;
#[path = "../eval_data.rs"]
#[allow(dead_code)]
mod rapport_eval;

fn main() {
    let a = rapport::text::TextAnalyzer::builtin();
    for t in std::env::args().skip(1) {
        let s = a.analyze(&t);
        println!(
            "{:?}\nroutine {:.2}\n{:?}\n{:?}\n{:?}\ntopics {:?}",
            s.intent,
            s.routine,
            s.sentiment,
            s.cues,
            s.emotions,
            a.topics_of(&t)
        );
        // the learned model's own probability per head, before bars and vetoes
        let f = judgement::model_features(&a, &t);
        let heads: Vec<String> = a
            .judge
            .score(&f)
            .iter()
            .zip(&a.judge.heads)
            .map(|(p, h)| format!("{} {:.2} (bar {:.2})", h.name, p.probability, h.threshold))
            .collect();
        println!("model {}", heads.join(", "));
        for m in &s.matches {
            println!("  {} «{}»", m.signal, m.text);
        }
    }
}
