//! The npm package's .wasm is linked from this crate; everything in it is `rapport`'s (its
//! `bindings` module, compiled for wasm32). See Cargo.toml for why it is a crate of its own.
pub use rapport::*;
