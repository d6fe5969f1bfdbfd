pub mod sentiment;
pub mod tokens;
