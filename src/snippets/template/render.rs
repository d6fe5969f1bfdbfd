//! Rendering: a `Template` filled from facts, noting the facts used and the ones missing.

use super::{Arg, Cond, Node, Op, Template, Value};
use std::borrow::Cow;

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
        crate::util::push_digits(&mut out, y.unsigned_abs(), 1);
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
                        compare(*op, crate::util::lower(&p), crate::util::lower(&q))
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
            Side::Str(s) => crate::decimal::parse_f64(s.trim()),
            Side::Fact(Value::Text(s)) => crate::decimal::parse_f64(s.trim()),
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

/// A fact is text, never template syntax: pairs that read as one ("{{", "{%", "}}", "%}",
/// "#{", "%{") in what a value printed from `from` on are spaced apart ("{ {"). A broken merge
/// tag in an old ticket's subject ("Re: Your order {{ order.name }}…") used to make every
/// snippet quoting it unsafe to offer (`is_broken`), the best one included, with no word why.
fn defuse(text: &mut String, from: usize) {
    let pair = crate::snippets::template_pair;
    let b = text.as_bytes();
    let start = from.max(1);
    if !(start..b.len()).any(|i| pair(b[i - 1], b[i])) {
        return;
    }
    // one pass into a new string: an insert per pair moved the rest of the text each time
    // (quadratic on a long value of braces)
    let mut out = Vec::with_capacity(b.len() + 16);
    out.extend_from_slice(&b[..start]);
    for i in start..b.len() {
        if pair(b[i - 1], b[i]) {
            out.push(b' ');
        }
        out.push(b[i]);
    }
    // spaces put between two ASCII bytes keep the text UTF-8
    *text = String::from_utf8(out).unwrap_or_default();
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
                                    _ => crate::util::lower(&s),
                                })
                            });
                        }
                    }
                }
                let from = r.text.len();
                match (out, v) {
                    (Some(s), _) => r.text.push_str(&s),
                    (None, Some(v)) => v.render_into(&mut r.text),
                    (None, None) => note(&mut r.missing, &e.path),
                }
                defuse(&mut r.text, from);
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
