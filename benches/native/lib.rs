//! Criterion benches only: see benches/history.rs.
