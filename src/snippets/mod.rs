//! Reply snippets: the template language, the library (built-in and team), the facts a
//! snippet is filled from, ranking for the ticket at hand, safe rendering, macro import and
//! local learning from feedback.

pub mod learning;
pub mod macros;
pub mod template;

mod facts;
mod library;
mod ranking;
mod safe_text;
mod situation;

pub use facts::*;
pub use library::*;
pub use ranking::*;
pub use safe_text::*;
pub use situation::*;

use crate::history::CustomerFacts;
use crate::input::{array, err, object, Result};
use crate::reply::{Reply, REPLIES};
use crate::score::Band;
use crate::text::{Kind, TextSignals};
use serde::Serialize;
use serde_json::Value as Json;
use std::cell::OnceCell;
use std::rc::Rc;
use template::{Template, Value};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_library_is_large_and_valid() {
        let lib = builtin_library();
        assert!(lib.len() >= 40, "{}", lib.len());
        for cat in [
            "apology",
            "ownership",
            "churn_save",
            "birthday",
            "anniversary",
            "welcome_back",
            "check_in",
            "praise",
            "feedback_request",
            "order_status",
            "password_reset",
            "invoice",
        ] {
            assert!(lib.iter().any(|s| &*s.category == cat), "no {cat} snippet");
        }
    }

    #[test]
    fn fact_index_finds_every_fact_and_nothing_else() {
        for (i, f) in FACTS.iter().enumerate() {
            assert_eq!(fact_index(f), Some(i), "{f}");
        }
        for p in [
            "",
            "x",
            "customer",
            "customer.nam",
            "customer.namE",
            "band.",
            "ticket.idx",
        ] {
            assert_eq!(fact_index(p), None, "{p}");
        }
    }

    #[test]
    fn tidy_removes_gaps() {
        assert_eq!(
            tidy("Hi ,\n\n\n-\nThanks  for () it ."),
            "Hi,\n\nThanks for it."
        );
        assert!(
            is_broken("Hi {{ name }}")
                && is_broken("a\n-\nb")
                && is_broken("Hi , there")
                && !is_broken("Hi, there")
        );
    }

    #[test]
    fn html_escapes_everything() {
        assert_eq!(
            html("<b>\"x\" & 'y'</b>\nz"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;<br>z"
        );
    }

    #[test]
    fn library_errors_name_snippet_field_and_position() {
        let e = library(&serde_json::json!([{"id": "a", "body": "ok"}, {"id": "b", "body": "Hi\n{{ customer.first_name | nope }}"}]), "snippets").unwrap_err();
        assert_eq!(e.path, "snippets[1].body");
        assert!(e.message.starts_with("line 2, column"), "{}", e.message);
        let e = library(
            &serde_json::json!([{"id": "a", "body": "{{ customer.shoe_size }}"}]),
            "snippets",
        )
        .unwrap_err();
        assert!(e.message.contains("unknown fact"), "{e}");
        let e = library(
            &serde_json::json!([{"id": "a", "body": "x"}, {"id": "a", "body": "y"}]),
            "snippets",
        )
        .unwrap_err();
        assert_eq!(e.path, "snippets[1].id");
        let e = library(
            &serde_json::json!([{"id": "a", "body": "x", "fits": {"bands": ["urgent"]}}]),
            "snippets",
        )
        .unwrap_err();
        assert_eq!(e.path, "snippets[0].fits.bands[0]");
    }
}
