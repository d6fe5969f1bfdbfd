fn main() {
    let t = std::time::Instant::now();
    for _ in 0..200 {
        std::hint::black_box(rapport::Engine::new(None).unwrap());
    }
    println!(
        "{:.2} ms per Engine::new",
        t.elapsed().as_secs_f64() * 1000.0 / 200.0
    );
}
