//! Importing the macros agents already have, from five help desks' placeholder syntaxes, into
//! our template language — with a report of the placeholders we could not map — and exporting
//! our templates back to a desk's syntax (so a macro round-trips).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Zendesk: Liquid, `{{ticket.requester.first_name}}`.
    Zendesk,
    /// Help Scout: `{%customer.firstName,fallback=there%}`.
    HelpScout,
    /// Zammad: `#{ticket.customer.firstname}`.
    Zammad,
    /// osTicket: `%{ticket.name.first}`.
    OsTicket,
    /// Chatwoot: `{{contact.name}}`.
    Chatwoot,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(
            match crate::util::lower(s.trim())
                .replace(['-', '_', ' '], "")
                .as_str()
            {
                "zendesk" | "liquid" => Format::Zendesk,
                "helpscout" => Format::HelpScout,
                "zammad" => Format::Zammad,
                "osticket" => Format::OsTicket,
                "chatwoot" => Format::Chatwoot,
                _ => return None,
            },
        )
    }

    /// (their placeholder, our fact). The first entry for a fact is the one exported.
    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Format::Zendesk => &[
                ("ticket.requester.first_name", "customer.first_name"),
                ("ticket.requester.name", "customer.name"),
                ("ticket.requester.email", "customer.email"),
                ("ticket.id", "ticket.id"),
                ("ticket.title", "ticket.subject"),
                ("ticket.via", "ticket.channel"),
                ("current_user.first_name", "agent.first_name"),
                ("current_user.name", "agent.name"),
                ("ticket.assignee.first_name", "agent.first_name"),
                ("ticket.assignee.name", "agent.name"),
            ],
            Format::HelpScout => &[
                ("customer.firstName", "customer.first_name"),
                ("customer.fullName", "customer.name"),
                ("customer.email", "customer.email"),
                ("conversation.number", "ticket.id"),
                ("conversation.subject", "ticket.subject"),
                ("user.firstName", "agent.first_name"),
                ("user.fullName", "agent.name"),
            ],
            Format::Zammad => &[
                ("ticket.customer.firstname", "customer.first_name"),
                ("ticket.customer.fullname", "customer.name"),
                ("ticket.customer.email", "customer.email"),
                ("ticket.number", "ticket.id"),
                ("ticket.title", "ticket.subject"),
                ("user.firstname", "agent.first_name"),
                ("user.fullname", "agent.name"),
                ("ticket.owner.firstname", "agent.first_name"),
                ("ticket.owner.fullname", "agent.name"),
            ],
            Format::OsTicket => &[
                ("ticket.name.first", "customer.first_name"),
                ("ticket.name", "customer.name"),
                ("ticket.email", "customer.email"),
                ("ticket.number", "ticket.id"),
                ("ticket.subject", "ticket.subject"),
                ("staff.name.first", "agent.first_name"),
                ("staff.name", "agent.name"),
                ("ticket.staff.name", "agent.name"),
            ],
            Format::Chatwoot => &[
                ("contact.first_name", "customer.first_name"),
                ("contact.name", "customer.name"),
                ("contact.email", "customer.email"),
                ("conversation.id", "ticket.id"),
                ("agent.first_name", "agent.first_name"),
                ("agent.name", "agent.name"),
            ],
        }
    }

    fn ours(self, theirs: &str) -> Option<&'static str> {
        self.table()
            .iter()
            .find(|(t, _)| *t == theirs)
            .map(|(_, o)| *o)
    }

    fn theirs(self, ours: &str) -> Option<&'static str> {
        self.table()
            .iter()
            .find(|(_, o)| *o == ours)
            .map(|(t, _)| *t)
    }

    /// The placeholder delimiters: (open, close).
    fn delimiters(self) -> (&'static str, &'static str) {
        match self {
            Format::Zendesk | Format::Chatwoot => ("{{", "}}"),
            Format::HelpScout => ("{%", "%}"),
            Format::Zammad => ("#{", "}"),
            Format::OsTicket => ("%{", "}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The macro in our template language.
    pub template: String,
    /// Placeholders we could not map (dropped from the template, listed here).
    pub unmapped: Vec<String>,
    /// Where a delimiter is in the text outside placeholders ("{%customer.firstName, we…"):
    /// the macro is malformed, and its text would reach a customer with it.
    pub stray: Option<String>,
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "'"))
}

/// Our template for a macro in `f`'s syntax. Text outside placeholders is kept as it is; a
/// delimiter in it (`{{`, `}}`, `{%`, `%}`: a placeholder left open, a stray close, another
/// desk's syntax) is reported in `stray`, and the macro is refused: spaced out, it reached
/// replies as "{ %customer.firstName", or made a snippet that was never offered.
pub fn import(f: Format, body: &str) -> Converted {
    let (open0, close0) = f.delimiters();
    let mut out = String::with_capacity(body.len());
    let mut unmapped = Vec::new();
    let mut stray = None;
    let mut text = |seg: &str, out: &mut String| {
        let at = ["{{", "}}", "{%", "%}"]
            .iter()
            .filter_map(|d| seg.find(d))
            .min();
        if let (Some(at), None) = (at, &stray) {
            stray = Some(crate::util::clip(&seg[at..], 30).to_string());
        }
        out.push_str(seg);
    };
    let mut rest = body;
    let liquid = matches!(f, Format::Zendesk | Format::Chatwoot);
    loop {
        // Liquid desks also have `{% if … %}` tags: their paths are mapped, the tags kept
        if liquid {
            let tag = rest.find("{%");
            let out_at = rest.find("{{");
            if let (Some(t), true) = (tag, tag < out_at || out_at.is_none()) {
                // the close is looked for after the open: in `{%}` they overlap
                if let Some(end) = rest[t + 2..].find("%}") {
                    text(&rest[..t], &mut out);
                    out.push_str(&liquid_tag(f, &rest[t + 2..t + 2 + end], &mut unmapped));
                    rest = &rest[t + 2 + end + 2..];
                    continue;
                }
            }
        }
        let Some(start) = rest.find(open0) else { break };
        // Liquid's `{{{ x }}}` (output without escaping) is a placeholder too
        let (open, close) = match liquid && rest[start..].starts_with("{{{") {
            true => ("{{{", "}}}"),
            false => (open0, close0),
        };
        text(&rest[..start], &mut out);
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else {
            text(&rest[start..], &mut out);
            rest = "";
            break;
        };
        let inner = after[..end].trim();
        rest = &after[end + close.len()..];
        match f {
            // Liquid-style desks: tags and filters are ours already, only paths change
            Format::Zendesk | Format::Chatwoot if open == "{{" => {
                let (path, filters) = inner
                    .split_once('|')
                    .map_or((inner, ""), |(p, fl)| (p.trim(), fl));
                match f.ours(path) {
                    Some(p) if filters.trim().is_empty() => out.push_str(&format!("{{{{ {p} }}}}")),
                    Some(p) => out.push_str(&format!("{{{{ {p} |{filters} }}}}")),
                    None => unmapped.push(format!("{open}{inner}{close}")),
                }
            }
            Format::HelpScout => {
                // customer.firstName,fallback=there
                let (path, opts) = inner
                    .split_once(',')
                    .map_or((inner, ""), |(p, o)| (p.trim(), o));
                let fallback = opts.trim().strip_prefix("fallback=").map(str::trim);
                match (f.ours(path), fallback) {
                    (Some(p), Some(fb)) => {
                        out.push_str(&format!("{{{{ {p} | default: {} }}}}", quote(fb)))
                    }
                    (Some(p), None) => out.push_str(&format!("{{{{ {p} }}}}")),
                    (None, Some(fb)) => {
                        unmapped.push(format!("{open}{inner}{close}"));
                        out.push_str(fb);
                    }
                    (None, None) => unmapped.push(format!("{open}{inner}{close}")),
                }
            }
            _ => match f.ours(inner) {
                Some(p) => out.push_str(&format!("{{{{ {p} }}}}")),
                None => unmapped.push(format!("{open}{inner}{close}")),
            },
        }
    }
    text(rest, &mut out);
    Converted {
        template: out,
        unmapped,
        stray,
    }
}

/// A Liquid tag with its paths mapped: `{% if ticket.requester.first_name %}` →
/// `{% if customer.first_name %}`. A path we cannot map makes the condition false (reported).
fn liquid_tag(f: Format, inner: &str, unmapped: &mut Vec<String>) -> String {
    let words: Vec<String> = inner
        .split_whitespace()
        .map(|w| {
            let is_path = w.contains('.')
                && !w.starts_with('"')
                && w.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            match (is_path, f.ours(w)) {
                (false, _) => w.to_string(),
                (true, Some(p)) => p.to_string(),
                (true, None) => {
                    unmapped.push(format!("{{% {} %}}", inner.trim()));
                    "intent == \"(unmapped)\"".to_string()
                }
            }
        })
        .collect();
    format!("{{% {} %}}", words.join(" "))
}

/// A template of ours in `f`'s syntax, for its plain placeholders (`{{ fact }}`, and for Help
/// Scout `{{ fact | default: "x" }}`). Returns None when the template uses what the desk's
/// syntax cannot say (conditionals, other filters, facts it has no placeholder for).
pub fn export(f: Format, template: &str) -> Option<String> {
    let (open, close) = f.delimiters();
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        let inner = after[..end].trim();
        rest = &after[end + 2..];
        let (path, filter) = inner
            .split_once('|')
            .map_or((inner, None), |(p, fl)| (p.trim(), Some(fl.trim())));
        let theirs = f.theirs(path)?;
        match (f, filter) {
            (_, None) => out.push_str(&format!("{open}{theirs}{close}")),
            (Format::HelpScout, Some(fl)) => {
                let fb = fl
                    .strip_prefix("default:")?
                    .trim()
                    .strip_prefix('"')?
                    .strip_suffix('"')?;
                out.push_str(&format!("{open}{theirs},fallback={fb}{close}"));
            }
            _ => return None,
        }
    }
    if rest.contains("{%") {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_syntax_maps_and_reports() {
        let z = import(Format::Zendesk, "Hi {{ticket.requester.first_name}}, ticket #{{ticket.id}} {{ticket.organization.name}}");
        assert_eq!(
            z.template,
            "Hi {{ customer.first_name }}, ticket #{{ ticket.id }} "
        );
        assert_eq!(z.unmapped, ["{{ticket.organization.name}}"]);
        let h = import(
            Format::HelpScout,
            "Hi {%customer.firstName,fallback=there%}, {%mailbox.name%} here",
        );
        assert_eq!(
            h.template,
            "Hi {{ customer.first_name | default: \"there\" }},  here"
        );
        assert_eq!(h.unmapped, ["{%mailbox.name%}"]);
        assert_eq!(
            import(Format::Zammad, "Hallo #{ticket.customer.firstname}").template,
            "Hallo {{ customer.first_name }}"
        );
        assert_eq!(
            import(Format::OsTicket, "Dear %{ticket.name.first},").template,
            "Dear {{ customer.first_name }},"
        );
        assert_eq!(
            import(Format::Chatwoot, "Hey {{contact.name}}").template,
            "Hey {{ customer.name }}"
        );
    }

    #[test]
    fn liquid_conditions_are_mapped() {
        let c = import(Format::Zendesk, "Hi{% if ticket.requester.first_name %} {{ticket.requester.first_name}}{% endif %},{% if ticket.organization.name %} VIP{% endif %}");
        assert_eq!(c.template, "Hi{% if customer.first_name %} {{ customer.first_name }}{% endif %},{% if intent == \"(unmapped)\" %} VIP{% endif %}");
        assert_eq!(c.unmapped.len(), 1);
        assert!(crate::snippets::template::Template::parse(&c.template).is_ok());
    }

    #[test]
    fn liquid_filters_survive() {
        assert_eq!(
            import(
                Format::Zendesk,
                "{{ticket.requester.first_name | capitalize}}"
            )
            .template,
            "{{ customer.first_name | capitalize }}"
        );
    }

    #[test]
    fn round_trips() {
        for (f, src) in [
            (
                Format::Zendesk,
                "Hi {{ticket.requester.first_name}}, I'm {{current_user.first_name}}.",
            ),
            (
                Format::HelpScout,
                "Hi {%customer.firstName,fallback=there%}, {%user.firstName%} here.",
            ),
            (
                Format::Zammad,
                "Hi #{ticket.customer.firstname}, about #{ticket.number}.",
            ),
            (
                Format::OsTicket,
                "Hi %{ticket.name.first}, ticket %{ticket.number}.",
            ),
            (
                Format::Chatwoot,
                "Hi {{contact.name}}, {{agent.name}} here.",
            ),
        ] {
            let c = import(f, src);
            assert!(c.unmapped.is_empty(), "{f:?}");
            assert_eq!(export(f, &c.template).as_deref(), Some(src), "{f:?}");
        }
    }
}
