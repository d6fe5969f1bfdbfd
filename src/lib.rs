#![forbid(unsafe_code)]
//! Rapport: scores the relational opportunity of a help-desk ticket, explains it reason by
//! reason, and recommends the route — a pure-Rust core with one thin WebAssembly binding.
//!
//! - `text/`     thread → TextSignals: sentiment, emotions, intent, cues (no history)
//! - `history/`  records → Store (identity by id/email) → CustomerFacts at `now`
//! - `signals/`  TextSignals + CustomerFacts → additive Reasons, one module per family
//! - `score`     Σ reasons → score, band, route, follow-up, channel
//! - `confidence` how sure the band is, and the doubts that made it less sure
//! - `reply`     the kind of reply to send first; snippets of that kind rank first
//! - `engine`    Engine: config + analyzer + store + feedback → Assessment
//! - `seen`      what the engine saw (assessments, snippets sent), learned with the rankings
//! - `outreach`  customers to contact before they write; `insights`: the local report
//! - `config`, `ticket`, `input`: validated inputs whose errors name the field
//! - `wire/`     how results cross to JavaScript: ASCII-only JSON text (`ascii_json`) and the
//!   snippet tape (`tape`, read back by `snippet_tape.js`); only the bindings and the command
//!   line use it, the core above never does (tests/layers.rs)
//! - `bindings/` the only module that knows wasm-bindgen (compiled for wasm32 only)

pub mod confidence;
pub mod config;
pub mod csv;
pub mod decimal;
pub mod engine;
pub mod history;
pub mod input;
#[cfg(feature = "outreach")]
pub mod insights;
#[cfg(feature = "outreach")]
pub mod outreach;
pub mod reply;
pub mod score;
pub mod seen;
pub mod signals;
pub mod snippets;
pub mod text;
pub mod ticket;
pub mod time;
pub mod utf8_pieces;
pub mod util;
pub mod vec_map;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use engine::{Assessment, Engine};
