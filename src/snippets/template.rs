//! The snippet template language: `{{ path | filter: arg }}` placeholders and
//! `{% if cond %}…{% elsif cond %}…{% else %}…{% endif %}` conditionals over facts.
//!
//! Filters: `default: "there"` (fallback when the fact is missing or empty), `capitalize`,
//! `upcase`, `downcase`, `date: "long" | "short" | "iso" | "day_month"`, `plural: "order",
//! "orders"` (a number with the right noun), `join: ", "` (lists), `round`.
//! Conditions: a fact alone (it exists and is not empty), or `path == "gold"`, `!=`, `>`, `>=`,
//! `<`, `<=` against a string, a number or another path, joined by `and` / `or` (left to right).
//! Parse errors name the line and column.

use std::borrow::Cow;
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

/// Where a byte offset is: 1-based line and column (in characters).
fn position(src: &str, at: usize) -> (usize, usize) {
    // an offset inside a character (never made on purpose) is taken back to its start
    let mut at = at.min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn err<T>(src: &str, at: usize, message: impl Into<String>) -> Result<T, ParseError> {
    let (line, column) = position(src, at);
    Err(ParseError {
        line,
        column,
        message: message.into(),
    })
}

fn is_path(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// Splits `s` on `sep` outside double quotes.
fn split_outside_quotes(s: &str, sep: char) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in s.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out
}

fn parse_arg(src: &str, at: usize, raw: &str) -> Result<Arg, ParseError> {
    let t = raw.trim();
    let at = at + (raw.len() - raw.trim_start().len());
    if let Some(inner) = t.strip_prefix('"') {
        return match inner.strip_suffix('"') {
            Some(s) if !s.contains('"') => Ok(Arg::Str(s.to_string())),
            _ => err(src, at, format!("unterminated string {t}")),
        };
    }
    if let Ok(n) = t.parse::<f64>() {
        if n.is_finite() {
            return Ok(Arg::Num(n));
        }
    }
    if is_path(t) {
        return Ok(Arg::Path(t.to_string()));
    }
    err(
        src,
        at,
        format!("expected a \"string\", a number or a fact name, found `{t}`"),
    )
}

const FILTERS: &[(&str, usize, usize)] = &[
    ("default", 1, 1),
    ("capitalize", 0, 0),
    ("upcase", 0, 0),
    ("downcase", 0, 0),
    ("date", 0, 1),
    ("plural", 2, 2),
    ("join", 0, 1),
    ("round", 0, 0),
];

fn parse_expr(src: &str, at: usize, inner: &str) -> Result<Expr, ParseError> {
    let parts = split_outside_quotes(inner, '|');
    let (_, head) = parts[0];
    let path = head.trim();
    if !is_path(path) {
        return err(
            src,
            at,
            format!("expected a fact name like customer.first_name, found `{path}`"),
        );
    }
    let mut filters = Vec::new();
    for (off, part) in &parts[1..] {
        let here = at + off;
        // arguments' offsets count from just after the colon
        let (name, args, args_at) = match part.split_once(':') {
            Some((n, a)) => (n.trim(), Some(a), here + n.len() + 1),
            None => (part.trim(), None, here),
        };
        let Some(&(_, min, max)) = FILTERS.iter().find(|f| f.0 == name) else {
            return err(
                src,
                here,
                format!(
                    "unknown filter `{name}`; filters: {}",
                    FILTERS.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
                ),
            );
        };
        let args = match args {
            None => Vec::new(),
            Some(a) => split_outside_quotes(a, ',')
                .into_iter()
                .map(|(o, x)| parse_arg(src, args_at + o, x))
                .collect::<Result<Vec<_>, _>>()?,
        };
        if args.len() < min || args.len() > max {
            return err(
                src,
                here,
                format!(
                    "filter `{name}` takes {min}..{max} arguments, got {}",
                    args.len()
                ),
            );
        }
        filters.push(Filter {
            name: name.to_string(),
            args,
        });
    }
    Ok(Expr {
        path: path.to_string(),
        filters,
    })
}

/// Most `and`/`or` terms in one condition, and most `if`s open at once. Conditions and nested
/// ifs are evaluated (and dropped) recursively: without a bound, a template of 10,000 `and`s
/// or 5,000 nested ifs (well inside the length limit) overflowed the wasm stack in `assess`.
pub const MAX_TERMS: usize = 32;
pub const MAX_DEPTH: usize = 16;

fn parse_cond(src: &str, at: usize, s: &str) -> Result<Cond, ParseError> {
    // left to right: a or b and c  ==  (a or b) and c
    let words: Vec<&str> = tokenize_cond(s);
    if words.is_empty() {
        return err(src, at, "an `if` needs a condition");
    }
    let joins = words.iter().filter(|w| matches!(**w, "and" | "or")).count();
    if joins >= MAX_TERMS {
        return err(
            src,
            at,
            format!("a condition may join at most {MAX_TERMS} terms with `and`/`or`"),
        );
    }
    let mut i = 0;
    let mut cond = parse_cmp(src, at, &words, &mut i)?;
    while i < words.len() {
        let join = words[i];
        i += 1;
        let rhs = parse_cmp(src, at, &words, &mut i)?;
        cond = match join {
            "and" => Cond::And(Box::new(cond), Box::new(rhs)),
            "or" => Cond::Or(Box::new(cond), Box::new(rhs)),
            other => return err(src, at, format!("expected `and` or `or`, found `{other}`")),
        };
    }
    Ok(cond)
}

fn tokenize_cond(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += 1;
            }
            i = (i + 1).min(b.len());
        } else if matches!(b[i], b'=' | b'!' | b'<' | b'>') {
            i += 1;
            if i < b.len() && b[i] == b'=' {
                i += 1;
            }
        } else {
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && !matches!(b[i], b'=' | b'!' | b'<' | b'>' | b'"')
            {
                i += 1;
            }
        }
        out.push(&s[start..i]);
    }
    out
}

fn parse_cmp(src: &str, at: usize, w: &[&str], i: &mut usize) -> Result<Cond, ParseError> {
    let Some(first) = w.get(*i) else {
        return err(src, at, "a condition is missing after `and`/`or`");
    };
    *i += 1;
    let op = match w.get(*i).copied() {
        Some("==") => Op::Eq,
        Some("!=") => Op::Ne,
        Some(">") => Op::Gt,
        Some(">=") => Op::Ge,
        Some("<") => Op::Lt,
        Some("<=") => Op::Le,
        Some("=") => return err(src, at, "use `==` to compare"),
        _ => {
            return if is_path(first) {
                Ok(Cond::Exists(first.to_string()))
            } else {
                err(src, at, format!("`{first}` is not a fact name"))
            };
        }
    };
    *i += 1;
    let Some(rhs) = w.get(*i) else {
        return err(src, at, "a comparison needs a right-hand side");
    };
    *i += 1;
    Ok(Cond::Compare(
        parse_arg(src, at, first)?,
        op,
        parse_arg(src, at, rhs)?,
    ))
}

impl Template {
    pub fn parse(src: &str) -> Result<Template, ParseError> {
        // stack of open ifs: (branches, current nodes, else?, where)
        struct Open {
            branches: Vec<(Cond, Vec<Node>)>,
            else_nodes: Option<Vec<Node>>,
            at: usize,
        }
        let mut stack: Vec<Open> = Vec::new();
        let mut nodes: Vec<Node> = Vec::new();
        let current = |stack: &mut Vec<Open>, nodes: &mut Vec<Node>, n: Node| match stack.last_mut()
        {
            None => nodes.push(n),
            Some(o) => match &mut o.else_nodes {
                Some(e) => e.push(n),
                None => o.branches.last_mut().map(|b| b.1.push(n)).unwrap_or(()),
            },
        };
        let mut i = 0;
        while i < src.len() {
            let rest = &src[i..];
            let next = [rest.find("{{"), rest.find("{%")]
                .into_iter()
                .flatten()
                .min();
            let Some(off) = next else {
                current(&mut stack, &mut nodes, Node::Text(rest.to_string()));
                break;
            };
            if off > 0 {
                current(&mut stack, &mut nodes, Node::Text(rest[..off].to_string()));
            }
            let start = i + off;
            let is_out = src[start..].starts_with("{{");
            let close = if is_out { "}}" } else { "%}" };
            let Some(end_rel) = src[start + 2..].find(close) else {
                return err(
                    src,
                    start,
                    format!(
                        "`{}` is never closed with `{close}`",
                        &src[start..start + 2]
                    ),
                );
            };
            let inner = &src[start + 2..start + 2 + end_rel];
            let inner_at = start + 2;
            if is_out {
                current(
                    &mut stack,
                    &mut nodes,
                    Node::Out(parse_expr(src, inner_at, inner)?),
                );
            } else {
                let t = inner.trim();
                let (kw, arg) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
                match kw {
                    "if" if stack.len() >= MAX_DEPTH => {
                        return err(
                            src,
                            start,
                            format!("`if`s may be nested at most {MAX_DEPTH} deep"),
                        )
                    }
                    "if" => stack.push(Open {
                        branches: vec![(parse_cond(src, inner_at, arg)?, Vec::new())],
                        else_nodes: None,
                        at: start,
                    }),
                    "elsif" => match stack.last_mut() {
                        Some(o) if o.else_nodes.is_none() => o
                            .branches
                            .push((parse_cond(src, inner_at, arg)?, Vec::new())),
                        Some(_) => return err(src, start, "`elsif` after `else`"),
                        None => return err(src, start, "`elsif` without an open `if`"),
                    },
                    "else" => match stack.last_mut() {
                        Some(o) if o.else_nodes.is_none() => o.else_nodes = Some(Vec::new()),
                        Some(_) => return err(src, start, "a second `else`"),
                        None => return err(src, start, "`else` without an open `if`"),
                    },
                    "endif" => match stack.pop() {
                        Some(o) => current(
                            &mut stack,
                            &mut nodes,
                            Node::If(o.branches, o.else_nodes.unwrap_or_default()),
                        ),
                        None => return err(src, start, "`endif` without an open `if`"),
                    },
                    other => {
                        return err(
                            src,
                            start,
                            format!("unknown tag `{other}`; tags: if, elsif, else, endif"),
                        )
                    }
                }
            }
            i = start + 2 + end_rel + 2;
        }
        if let Some(o) = stack.last() {
            return err(src, o.at, "`if` is never closed with `{% endif %}`");
        }
        Ok(Template {
            nodes,
            size_hint: src.len() + 64,
        })
    }

    /// Every fact path the template reads, in order of first use.
    pub fn paths(&self) -> Vec<String> {
        fn add(out: &mut Vec<String>, p: &str) {
            if !out.iter().any(|x| x == p) {
                out.push(p.to_string());
            }
        }
        fn cond_paths(c: &Cond, out: &mut Vec<String>) {
            match c {
                Cond::Exists(p) => add(out, p),
                Cond::Compare(a, _, b) => {
                    for x in [a, b] {
                        if let Arg::Path(p) = x {
                            add(out, p)
                        }
                    }
                }
                Cond::And(a, b) | Cond::Or(a, b) => {
                    cond_paths(a, out);
                    cond_paths(b, out);
                }
            }
        }
        fn walk(nodes: &[Node], out: &mut Vec<String>) {
            for n in nodes {
                match n {
                    Node::Text(_) => {}
                    Node::Out(e) => {
                        add(out, &e.path);
                        for f in &e.filters {
                            for a in &f.args {
                                if let Arg::Path(p) = a {
                                    add(out, p);
                                }
                            }
                        }
                    }
                    Node::If(branches, els) => {
                        for (c, body) in branches {
                            cond_paths(c, out);
                            walk(body, out);
                        }
                        walk(els, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }
}

/// What a rendering read: each fact used, each fact missing where it was needed (paths
/// borrowed from the template).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendering<'t> {
    pub text: String,
    pub used: Vec<&'t str>,
    pub missing: Vec<&'t str>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn date_as(ms: i64, style: &str) -> String {
    let mut out = String::with_capacity(20);
    if style == "iso" {
        crate::time::push_date(&mut out, ms);
        return out;
    }
    let (y, m, d) = crate::time::civil_from_days(ms.div_euclid(crate::time::MS_PER_DAY));
    let month = MONTHS[(m as usize).saturating_sub(1).min(11)];
    // pushed, not format!: dates are in many snippets and this runs for each
    crate::util::push_digits(&mut out, d as u64, 1);
    out.push(' ');
    out.push_str(if style == "short" { &month[..3] } else { month });
    if !matches!(style, "short" | "day_month") {
        out.push(' ');
        if y < 0 {
            out.push('-');
        }
        crate::util::push_digits(&mut out, y.unsigned_abs() as u64, 1);
    }
    out
}

/// Renders with `lookup` giving a fact's value. A placeholder whose fact is missing and has no
/// `default` renders as nothing and is listed in `missing`.
pub fn render<'t>(t: &'t Template, lookup: &dyn Fn(&str) -> Option<Value>) -> Rendering<'t> {
    let mut r = Rendering::default();
    render_into(t, lookup, &mut r);
    r
}

/// `render` into `r`, which is cleared first: a caller filling many templates hands the same
/// rendering round (its text and lists keep their room) instead of allocating each time.
pub fn render_into<'t>(
    t: &'t Template,
    lookup: &dyn Fn(&str) -> Option<Value>,
    r: &mut Rendering<'t>,
) {
    r.text.clear();
    r.text.reserve(t.size_hint);
    r.used.clear();
    r.missing.clear();
    render_nodes(&t.nodes, lookup, r);
}

fn note<'t>(list: &mut Vec<&'t str>, p: &'t str) {
    if !list.contains(&p) {
        list.push(p);
    }
}

fn arg_value(a: &Arg, lookup: &dyn Fn(&str) -> Option<Value>) -> Option<Value> {
    match a {
        Arg::Str(s) => Some(Value::Text(s.as_str().into())),
        Arg::Num(n) => Some(Value::Number(*n)),
        Arg::Path(p) => lookup(p).filter(|v| !v.is_empty()),
    }
}

fn holds<'t>(c: &'t Cond, lookup: &dyn Fn(&str) -> Option<Value>, r: &mut Rendering<'t>) -> bool {
    match c {
        Cond::Exists(p) => {
            let ok = lookup(p).is_some_and(|v| !v.is_empty());
            if ok {
                note(&mut r.used, p);
            }
            ok
        }
        Cond::Compare(a, op, b) => {
            // each side looked up once; a fact that exists counts as used, even when empty
            let mut side = |arg: &'t Arg| match arg {
                Arg::Str(s) => Some(Side::Str(s)),
                Arg::Num(n) => Some(Side::Num(*n)),
                Arg::Path(p) => {
                    let v = lookup(p)?;
                    note(&mut r.used, p);
                    (!v.is_empty()).then_some(Side::Fact(v))
                }
            };
            let (x, y) = (side(a), side(b));
            let (Some(x), Some(y)) = (x, y) else {
                return *op == Op::Ne;
            };
            match (x.number(), y.number()) {
                (Some(p), Some(q)) => compare(*op, p, q),
                _ => {
                    let (p, q) = (x.text(), y.text());
                    // `tier == "gold"`, the usual text test, without lowercased copies
                    if matches!(op, Op::Eq | Op::Ne) && p.is_ascii() && q.is_ascii() {
                        p.eq_ignore_ascii_case(&q) == (*op == Op::Eq)
                    } else {
                        compare(*op, p.to_lowercase(), q.to_lowercase())
                    }
                }
            }
        }
        Cond::And(a, b) => holds(a, lookup, r) & holds(b, lookup, r),
        Cond::Or(a, b) => holds(a, lookup, r) | holds(b, lookup, r),
    }
}

/// One side of a comparison: a literal from the template or a fact's value.
enum Side<'t> {
    Str(&'t str),
    Num(f64),
    Fact(Value),
}

impl Side<'_> {
    /// The side as a number, when it reads as one.
    fn number(&self) -> Option<f64> {
        match self {
            Side::Num(n) | Side::Fact(Value::Number(n)) => Some(*n),
            Side::Fact(Value::Date(d)) => Some(*d as f64),
            Side::Str(s) => s.trim().parse().ok(),
            Side::Fact(Value::Text(s)) => s.trim().parse().ok(),
            Side::Fact(Value::List(_)) => None,
        }
    }

    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Side::Str(s) => (*s).into(),
            Side::Fact(Value::Text(s)) => s.as_ref().into(),
            Side::Num(n) => Value::Number(*n).render().into(),
            Side::Fact(v) => v.render().into(),
        }
    }
}

fn compare<T: PartialOrd>(op: Op, p: T, q: T) -> bool {
    match op {
        Op::Eq => p == q,
        Op::Ne => p != q,
        Op::Gt => p > q,
        Op::Ge => p >= q,
        Op::Lt => p < q,
        Op::Le => p <= q,
    }
}

fn render_nodes<'t>(
    nodes: &'t [Node],
    lookup: &dyn Fn(&str) -> Option<Value>,
    r: &mut Rendering<'t>,
) {
    for n in nodes {
        match n {
            Node::Text(s) => r.text.push_str(s),
            Node::Out(e) => {
                let mut v = lookup(&e.path).filter(|v| !v.is_empty());
                if v.is_some() {
                    note(&mut r.used, &e.path);
                }
                // what the filters made of the value; a literal from the template is borrowed
                let mut out: Option<Cow<'t, str>> = None;
                // a literal argument as it is, else what its fact renders to
                let arg_text = |a: &'t Arg| -> Option<Cow<'t, str>> {
                    match a {
                        Arg::Str(s) => Some(Cow::Borrowed(s.as_str())),
                        a => arg_value(a, lookup).map(|x| Cow::Owned(x.render())),
                    }
                };
                for f in &e.filters {
                    match f.name.as_str() {
                        "default" => {
                            if v.is_none() && out.is_none() {
                                out = f.args.first().and_then(arg_text);
                            }
                        }
                        "date" => {
                            if let Some(Value::Date(ms)) = v {
                                let style = match f.args.first() {
                                    Some(Arg::Str(s)) => s.as_str(),
                                    _ => "long",
                                };
                                out = Some(Cow::Owned(date_as(ms, style)));
                            }
                        }
                        "plural" => {
                            if let Some(Value::Number(x)) = v {
                                let word =
                                    f.args.get(if x == 1.0 { 0 } else { 1 }).and_then(arg_text);
                                let mut s = crate::util::num(x, 2);
                                s.push(' ');
                                s.push_str(word.as_deref().unwrap_or_default());
                                out = Some(Cow::Owned(s));
                            }
                        }
                        "join" => {
                            if let Some(Value::List(l)) = &v {
                                let sep = f.args.first().and_then(arg_text);
                                out = Some(Cow::Owned(l.join(sep.as_deref().unwrap_or(", "))));
                            }
                        }
                        "round" => {
                            if let Some(Value::Number(x)) = v {
                                v = Some(Value::Number(x.round()));
                                out = None;
                            }
                        }
                        name => {
                            let s = out
                                .take()
                                .or_else(|| v.as_ref().map(|v| Cow::Owned(v.render())));
                            out = s.map(|s| {
                                Cow::Owned(match name {
                                    "capitalize" => crate::util::capitalise(&s),
                                    "upcase" => crate::util::upper(&s),
                                    _ => s.to_lowercase(),
                                })
                            });
                        }
                    }
                }
                match (out, v) {
                    (Some(s), _) => r.text.push_str(&s),
                    (None, Some(v)) => v.render_into(&mut r.text),
                    (None, None) => note(&mut r.missing, &e.path),
                }
            }
            Node::If(branches, els) => {
                let mut taken = false;
                for (c, body) in branches {
                    if holds(c, lookup, r) {
                        render_nodes(body, lookup, r);
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    render_nodes(els, lookup, r);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(p: &str) -> Option<Value> {
        match p {
            "customer.first_name" => Some(Value::Text("ana".into())),
            "customer.tier" => Some(Value::Text("Gold".into())),
            "customer.tenure_years" => Some(Value::Number(7.0)),
            "orders.count" => Some(Value::Number(1.0)),
            "last_order.date" => Some(Value::Date(crate::time::parse_iso("2026-10-28").unwrap())),
            "last_order.items" => Some(Value::List(
                vec!["Espresso machine".to_string(), "Beans".to_string()].into(),
            )),
            "customer.nickname" => Some(Value::Text("  ".into())),
            "customer.name" => Some(Value::Text("Émile Zola".into())),
            _ => None,
        }
    }

    fn r(src: &str) -> Rendering<'static> {
        // leaked: a test's few templates outlive the rendering that borrows their paths
        render(Box::leak(Box::new(Template::parse(src).unwrap())), &facts)
    }

    #[test]
    fn placeholders_and_filters() {
        assert_eq!(
            r("Hi {{ customer.first_name | capitalize }},").text,
            "Hi Ana,"
        );
        assert_eq!(
            r("Hi {{ agent.name | default: \"there\" }}").text,
            "Hi there"
        );
        assert_eq!(
            r("Hi {{ customer.nickname | default: customer.first_name | capitalize }}").text,
            "Hi Ana"
        );
        assert_eq!(
            r("{{ customer.tenure_years | plural: \"year\", \"years\" }}").text,
            "7 years"
        );
        assert_eq!(
            r("{{ orders.count | plural: \"order\", \"orders\" }}").text,
            "1 order"
        );
        assert_eq!(
            r("{{ last_order.date | date: \"long\" }} / {{ last_order.date | date: \"short\" }}")
                .text,
            "28 October 2026 / 28 Oct"
        );
        assert_eq!(
            r("{{ last_order.date | date: \"day_month\" }} / {{ last_order.date | date: \"iso\" }}")
                .text,
            "28 October / 2026-10-28"
        );
        assert_eq!(
            r("{{ last_order.items | join: \" and \" }}").text,
            "Espresso machine and Beans"
        );
        assert_eq!(r("{{ customer.tier | downcase }}").text, "gold");
    }

    #[test]
    fn conditionals() {
        let t =
            "{% if customer.tier == \"gold\" %}G{% elsif customer.tier %}T{% else %}N{% endif %}";
        assert_eq!(r(t).text, "G");
        assert_eq!(
            r("{% if customer.tenure_years >= 5 and customer.first_name %}long{% endif %}").text,
            "long"
        );
        assert_eq!(r("{% if agent.name %}x{% else %}y{% endif %}").text, "y");
        assert_eq!(
            r("{% if customer.nickname %}x{% endif %}").text,
            "",
            "blank counts as missing"
        );
        // text compares without regard to case (Unicode too), numbers as numbers; a missing
        // side makes every test but `!=` false
        for (cond, want) in [
            ("customer.tier != \"GOLD\"", false),
            ("customer.tier == \" gold\"", false),
            ("customer.name == \"émile zola\"", true),
            ("customer.name != \"ÉMILE ZOLA\"", false),
            ("customer.tier > \"FOO\"", true),
            ("customer.tenure_years == \"7\"", true),
            ("customer.tenure_years < orders.count", false),
            ("agent.name == \"x\"", false),
            ("agent.name != \"x\"", true),
            ("customer.nickname == \"\"", false),
        ] {
            let x = r(&format!("{{% if {cond} %}}y{{% else %}}n{{% endif %}}"));
            assert_eq!(x.text, if want { "y" } else { "n" }, "{cond}");
        }
        let x = r("{% if customer.tier == \"gold\" and agent.name %}{% endif %}");
        assert_eq!(
            x.used,
            ["customer.tier"],
            "a compared fact that exists counts as used"
        );
    }

    #[test]
    fn missing_facts_are_listed_not_printed() {
        let x = r("Hi {{ agent.name }}, {{ customer.first_name }}");
        assert_eq!(x.text, "Hi , ana");
        assert_eq!(x.missing, ["agent.name"]);
        assert_eq!(x.used, ["customer.first_name"]);
    }

    #[test]
    fn parse_errors_name_line_and_column() {
        let e = Template::parse("Hello\n  {{ customer.first_name | shout }}").unwrap_err();
        assert_eq!(
            (e.line, e.message.contains("unknown filter")),
            (2, true),
            "{e}"
        );
        let e = Template::parse("ok {% if x %} never closed").unwrap_err();
        assert_eq!((e.line, e.column), (1, 4));
        let e = Template::parse("a\nb {{ name").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(Template::parse("{% endif %}").is_err());
        assert!(Template::parse("{{ 3bad }}").is_err());
        assert!(Template::parse("{{ a | default: \"x }}").is_err());
        assert!(Template::parse("{% if a = 1 %}{% endif %}").is_err());
    }
}
