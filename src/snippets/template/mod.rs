//! The snippet template language: `{{ path | filter: arg }}` placeholders and
//! `{% if cond %}…{% elsif cond %}…{% else %}…{% endif %}` conditionals over facts.
//!
//! Filters: `default: "there"` (fallback when the fact is missing or empty), `capitalize`,
//! `upcase`, `downcase`, `date: "long" | "short" | "iso" | "day_month"`, `plural: "order",
//! "orders"` (a number with the right noun), `join: ", "` (lists), `round`.
//! Conditions: a fact alone (it exists and is not empty), or `path == "gold"`, `!=`, `>`, `>=`,
//! `<`, `<=` against a string, a number or another path, joined by `and` / `or` (left to right).
//! Parse errors name the line and column.
//!
//! `parse.rs` reads a template's text into `Template` (nodes, filters, conditions);
//! `render.rs` fills a `Template` from facts.

mod parse;
mod render;

pub use parse::{MAX_DEPTH, MAX_TERMS};
pub use render::{render, render_into, Rendering};

use std::fmt;
use std::rc::Rc;

/// A fact's value. Text and lists are reference-counted: rendering looks facts up many times
/// and each look-up hands out a copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Rc<str>),
    Number(f64),
    /// Epoch milliseconds.
    Date(i64),
    List(Rc<[String]>),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(s) => s.trim().is_empty(),
            Value::List(l) => l.iter().all(|s| s.trim().is_empty()),
            Value::Number(n) => !n.is_finite(),
            Value::Date(_) => false,
        }
    }

    pub fn render(&self) -> String {
        match self {
            Value::Text(s) => s.to_string(),
            Value::Number(n) => crate::util::num(*n, 2),
            Value::Date(ms) => crate::time::format_date(*ms),
            Value::List(l) => l.join(", "),
        }
    }

    /// Appends the value as `render` would give it, without a string of its own for text.
    pub fn render_into(&self, out: &mut String) {
        match self {
            Value::Text(s) => out.push_str(s),
            Value::List(l) => {
                for (i, x) in l.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(x);
                }
            }
            v => out.push_str(&v.render()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Path(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub name: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub path: String,
    pub filters: Vec<Filter>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Exists(String),
    Compare(Arg, Op, Arg),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Text(String),
    Out(Expr),
    If(Vec<(Cond, Vec<Node>)>, Vec<Node>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub nodes: Vec<Node>,
    /// The output's likely length, to allocate it once.
    pub size_hint: usize,
}

#[cfg(test)]
mod tests;
