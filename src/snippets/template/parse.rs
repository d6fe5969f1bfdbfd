//! Parsing: a template's text → `Template`, with errors that name the line and column.

use super::{Arg, Cond, Expr, Filter, Node, Op, ParseError, Template};

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

/// Boxed inside the parser, so that each `?` moves a pointer: -0.21 KB gzipped .wasm (2026-12-04)
type PResult<T> = Result<T, Box<ParseError>>;

fn err<T>(src: &str, at: usize, message: impl Into<String>) -> PResult<T> {
    let (line, column) = position(src, at);
    Err(Box::new(ParseError {
        line,
        column,
        message: message.into(),
    }))
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

fn parse_arg(src: &str, at: usize, raw: &str) -> PResult<Arg> {
    let t = raw.trim();
    let at = at + (raw.len() - raw.trim_start().len());
    if let Some(inner) = t.strip_prefix('"') {
        return match inner.strip_suffix('"') {
            Some(s) if !s.contains('"') => Ok(Arg::Str(s.to_string())),
            _ => err(src, at, format!("unterminated string {t}")),
        };
    }
    if let Some(n) = crate::decimal::parse_f64(t) {
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

fn parse_expr(src: &str, at: usize, inner: &str) -> PResult<Expr> {
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

fn parse_cond(src: &str, at: usize, s: &str) -> PResult<Cond> {
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

fn parse_cmp(src: &str, at: usize, w: &[&str], i: &mut usize) -> PResult<Cond> {
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

/// `Template::parse`, with the parser's boxed error.
fn template(src: &str) -> PResult<Template> {
    // stack of open ifs: (branches, current nodes, else?, where)
    struct Open {
        branches: Vec<(Cond, Vec<Node>)>,
        else_nodes: Option<Vec<Node>>,
        at: usize,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let current = |stack: &mut Vec<Open>, nodes: &mut Vec<Node>, n: Node| match stack.last_mut() {
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

impl Template {
    pub fn parse(src: &str) -> Result<Template, ParseError> {
        template(src).map_err(|e| *e)
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
