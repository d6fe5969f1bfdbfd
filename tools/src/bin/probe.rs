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
        for m in &s.matches {
            println!("  {} «{}»", m.signal, m.text);
        }
    }
}
