//! The report as CSV, one figure per row (long format: what a spreadsheet pivots or charts):
//! `section,group,bucket,metric,value,n,pending,note`. A figure with no data has an empty
//! value and says why in `note`. Text cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`) are prefixed with `'`.

use super::{Figure, Group, Insights, ReasonCount};
use crate::util::num;

pub const HEADER: &str = "section,group,bucket,metric,value,n,pending,note";

fn cell(out: &mut String, s: &str) {
    let guarded = s.starts_with(['=', '+', '-', '@']);
    if guarded || s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if guarded {
            out.push('\'');
        }
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

struct Rows(String);

impl Rows {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        section: &str,
        group: &str,
        bucket: &str,
        metric: &str,
        value: Option<f64>,
        n: Option<usize>,
        pending: Option<usize>,
        note: &str,
    ) {
        let o = &mut self.0;
        for (i, text) in [section, group, bucket, metric].iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            cell(o, text);
        }
        o.push(',');
        if let Some(v) = value {
            o.push_str(&num(v, 4));
        }
        for x in [n, pending] {
            o.push(',');
            if let Some(x) = x {
                crate::util::push_digits(o, x as u64, 1);
            }
        }
        o.push(',');
        cell(o, note);
        o.push_str("\r\n");
    }

    fn reasons(&mut self, section: &str, list: &[ReasonCount]) {
        for r in list {
            self.push(
                section,
                &r.id,
                r.bucket,
                "count",
                Some(r.count as f64),
                None,
                None,
                "",
            );
            self.push(
                section,
                &r.id,
                r.bucket,
                "previous",
                Some(r.previous as f64),
                None,
                None,
                "",
            );
        }
    }

    fn figure(&mut self, section: &str, group: &str, metric: &str, f: &Figure) {
        self.push(
            section,
            group,
            "",
            metric,
            f.value,
            Some(f.n),
            Some(f.pending),
            f.no_data.as_deref().unwrap_or(""),
        );
    }

    fn groups(&mut self, section: &str, gs: &[Group]) {
        for g in gs {
            self.push(
                section,
                g.group,
                "",
                "tickets",
                Some(g.tickets as f64),
                None,
                None,
                "",
            );
            self.figure(section, g.group, "csat", &g.csat);
            self.figure(section, g.group, "repeat_rate", &g.repeat_rate);
            self.figure(section, g.group, "nps", &g.nps);
        }
    }
}

/// The whole report as CSV text (CRLF line ends, as RFC 4180 has them).
pub fn to_csv(r: &Insights) -> String {
    let mut rows = Rows(String::with_capacity(4096));
    rows.0.push_str(HEADER);
    rows.0.push_str("\r\n");
    let p = &r.period;
    for (k, v) in [
        ("from", &p.from),
        ("to", &p.to),
        ("now", &p.now),
        ("previous_from", &p.previous_from),
        ("previous_to", &p.previous_to),
    ] {
        rows.push("period", k, "", "date", None, None, None, v);
    }
    let c = &r.contact_reasons;
    rows.push(
        "tickets",
        "period",
        "",
        "count",
        Some(c.tickets as f64),
        None,
        None,
        c.no_data.as_deref().unwrap_or(""),
    );
    rows.push(
        "tickets",
        "previous",
        "",
        "count",
        Some(c.previous_tickets as f64),
        None,
        None,
        "",
    );
    rows.push(
        "tickets",
        "unread",
        "",
        "count",
        Some(c.unread as f64),
        None,
        None,
        "",
    );
    rows.reasons("bucket", &c.buckets);
    rows.reasons("intent", &c.intents);
    rows.reasons("topic", &c.topics);
    let m = &r.moments;
    for (k, v) in [
        ("assessed", m.assessed),
        ("caught", m.caught),
        ("missed", m.missed),
    ] {
        rows.push(
            "moments",
            k,
            "",
            "count",
            Some(v as f64),
            None,
            None,
            m.no_data.as_deref().unwrap_or(""),
        );
    }
    rows.groups("moments", &m.groups);
    for b in &m.timeline {
        for (k, v) in [
            ("caught", b.caught),
            ("other", b.other),
            ("routine", b.routine),
            ("none", b.none),
        ] {
            rows.push("timeline", &b.from, "", k, Some(v as f64), None, None, "");
        }
    }
    rows.groups("band", &r.by_band);
    rows.groups("route", &r.by_route);
    for n in &r.notes {
        rows.push("note", "", "", "", None, None, None, n);
    }
    rows.0
}
