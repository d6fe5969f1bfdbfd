//! The snippet library: the built-in one, parsed on first use, replaced or extended from
//! JSON, and help-desk macros imported into it.

use super::Engine;
use crate::history::store::Rejected;
use crate::input::{array, object, InputError, Result};
use crate::snippets::macros::{self, Format};
use crate::snippets::{self, Snippet};
use serde::Serialize;
use serde_json::Value;

/// The outcome of loading snippets or importing macros.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryReport {
    /// Snippets in the library after the load.
    pub total: usize,
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    /// Placeholders of imported macros we could not map: (macro id, placeholder).
    pub unmapped: Vec<Unmapped>,
    /// Imported macros left out, each with where and why (the others are imported), in the
    /// history reports' shape (`kind` "macros", `field` as `macros.macros[2].body`).
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unmapped {
    pub snippet_id: String,
    pub placeholder: String,
}

impl Engine {
    /// Replaces or extends the snippet library from JSON (an array of snippets). Nothing
    /// changes when any snippet is invalid; the error names it.
    pub fn load_snippets(&mut self, v: &Value, replace: bool) -> Result<LibraryReport> {
        let lib = snippets::library(v, "snippets")?;
        Ok(self.merge_library(lib, replace, Vec::new()))
    }

    fn merge_library(
        &mut self,
        lib: Vec<Snippet>,
        replace: bool,
        unmapped: Vec<Unmapped>,
    ) -> LibraryReport {
        let mut report = LibraryReport {
            unmapped,
            ..Default::default()
        };
        let library = self.library_mut();
        if replace {
            library.clear();
        }
        for s in lib {
            match library.iter_mut().find(|x| x.id == s.id) {
                Some(old) => {
                    report.replaced.push(s.id.to_string());
                    *old = s;
                }
                None => {
                    report.added.push(s.id.to_string());
                    library.push(s);
                }
            }
        }
        report.total = library.len();
        report
    }

    /// Imports help-desk macros `{ format, macros: [{ id, title?, body, fits? }], replace? }`
    /// into the library, reporting placeholders that could not be mapped.
    pub fn import_macros(&mut self, v: &Value) -> Result<LibraryReport> {
        let o = object(v, "macros")?;
        o.only(&["format", "macros", "replace"])?;
        let fmt = o.req_str("format")?;
        let format = Format::parse(&fmt).ok_or_else(|| InputError {
            path: o.at("format"),
            message: format!("\"{}\" is not a supported syntax; expected zendesk, helpscout, zammad, osticket or chatwoot", crate::util::clip(&fmt, 20)),
        })?;
        let replace = matches!(o.get("replace"), Some(Value::Bool(true)));
        let list = match o.get("macros") {
            Some(m) => array(m, &o.at("macros"))?,
            None => {
                return Err(InputError {
                    path: o.at("macros"),
                    message: "is required".into(),
                }
                .into())
            }
        };
        // each macro on its own: one the engine cannot take is reported, the others imported
        let mut lib = Vec::with_capacity(list.len());
        let (mut unmapped, mut rejected) = (Vec::new(), Vec::new());
        for (i, m) in list.iter().enumerate() {
            let mut reject = |field: String, reason: String| {
                rejected.push(Rejected {
                    kind: "macros".into(),
                    index: i,
                    field,
                    reason,
                })
            };
            match one_macro(format, m, i) {
                Ok((s, _)) if lib.iter().any(|x: &Snippet| x.id == s.id) => reject(
                    format!("macros.macros[{i}].id"),
                    "is the id of an earlier macro in this import".into(),
                ),
                Ok((s, gaps)) => {
                    unmapped.extend(gaps);
                    lib.push(s);
                }
                Err(e) => reject(e.path.clone(), e.message.clone()),
            }
        }
        let mut report = self.merge_library(lib, replace, unmapped);
        report.rejected = rejected;
        Ok(report)
    }

    pub fn library(&self) -> &[Snippet] {
        self.library.get_or_init(snippets::builtin_library)
    }

    /// Changes whenever the library may have.
    pub fn library_version(&self) -> u64 {
        self.library_version
    }

    fn library_mut(&mut self) -> &mut Vec<Snippet> {
        self.library_version += 1;
        self.library.get_or_init(snippets::builtin_library);
        self.library.get_mut().expect("initialised above")
    }
}

/// One help-desk macro as a snippet of ours, with the placeholders we could not map.
fn one_macro(format: Format, m: &Value, i: usize) -> Result<(Snippet, Vec<Unmapped>)> {
    let at = format!("macros.macros[{i}]");
    let mo = object(m, &at)?;
    mo.only(&["id", "title", "body", "fits", "category", "tone"])?;
    let id = mo.req_id("id")?;
    let c = macros::import(format, &mo.req_str("body")?);
    if let Some(at) = &c.stray {
        return Err(InputError {
            path: mo.at("body"),
            message: format!("\"{at}\" is no placeholder of this syntax (left open, a stray close, or another desk's)"),
        }
        .into());
    }
    if c.template.trim().is_empty() && !c.unmapped.is_empty() {
        return Err(InputError {
            path: mo.at("body"),
            message: format!(
                "nothing is left once the placeholders we cannot fill are taken out ({})",
                c.unmapped.join(", ")
            ),
        }
        .into());
    }
    let gaps = c
        .unmapped
        .iter()
        .map(|p| Unmapped {
            snippet_id: id.clone(),
            placeholder: p.clone(),
        })
        .collect();
    let mut obj = mo.map.clone();
    obj.insert("body".into(), Value::String(c.template));
    obj.entry("category")
        .or_insert_with(|| Value::String("team".into()));
    let one = snippets::snippet(&Value::Object(obj), &at)?;
    Ok((one, gaps))
}
