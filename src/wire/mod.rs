//! The wire: how the engine's results cross to JavaScript. `ascii_json` writes a result as
//! ASCII-only JSON text for `JSON.parse`; `tape` writes filled snippets as one string and a
//! list of numbers, which `snippet_tape.js` turns back into the same objects. Only the bindings
//! (`bindings/`) and the command line read it: the data flows bindings → engine → (text,
//! history, signals, score, snippets) and back out through here, and no module of the core
//! imports the wire (tests/layers.rs checks the imports).

pub mod ascii_json;
pub mod tape;
