//! The options of an outreach list (`{ now, limit?, within?, agent?, html? }`), and the
//! instants the reporting calls take (an ISO string or epoch milliseconds).

use crate::input::{err, object, Obj, Result};
use serde_json::Value;

pub const MAX_LIMIT: f64 = 1000.0;
pub const MAX_WITHIN: f64 = 60.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub now: i64,
    pub limit: usize,
    pub within: i64,
    pub agent: Option<String>,
    pub html: bool,
}

/// An instant given as an ISO string or epoch milliseconds.
pub fn instant(o: &Obj, key: &str) -> Result<Option<i64>> {
    match o.get(key) {
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.is_finite() && x.abs() < 1e15 => Ok(Some(x as i64)),
            _ => err(
                &o.at(key),
                "expected epoch milliseconds or an ISO-8601 date",
            ),
        },
        _ => o.opt_date(key),
    }
}

pub fn required_instant(o: &Obj, key: &str) -> Result<i64> {
    instant(o, key)?.map_or_else(
        || {
            err(
                &o.at(key),
                "is required (an ISO-8601 date or epoch milliseconds)",
            )
        },
        Ok,
    )
}

/// A whole number in `min..=max`, or the default.
fn whole(o: &Obj, key: &str, min: f64, max: f64, default: f64) -> Result<f64> {
    let x = o.opt_num(key, min, max)?.unwrap_or(default);
    if x.fract() != 0.0 {
        return err(&o.at(key), "expected a whole number");
    }
    Ok(x)
}

impl Options {
    /// `{ now, limit?, within?, agent?, html? }`: limit 1..1000 (default 20), within 0..60
    /// days (default 7).
    pub fn from_json(v: &Value) -> Result<Options> {
        let o = object(v, "options")?;
        o.only(&["now", "limit", "within", "agent", "html"])?;
        Ok(Options {
            now: required_instant(&o, "now")?,
            limit: whole(&o, "limit", 1.0, MAX_LIMIT, 20.0)? as usize,
            within: whole(&o, "within", 0.0, MAX_WITHIN, 7.0)? as i64,
            agent: o
                .opt_str("agent")?
                .map(|a| crate::util::owned(a.trim()))
                .filter(|a| !a.is_empty()),
            html: o.flag("html")?,
        })
    }
}
