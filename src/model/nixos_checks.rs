//! A host's `assertions` and `warnings`, as its modules define them: what
//! `nixos-rebuild` would refuse or print at build time.

use std::collections::BTreeSet;

use crate::eval::{V, Value, lookup};
use crate::files::Span;
use crate::symbol::Symbol;

use super::extract::{Cx, Node, Read};
use super::{Known, NixosCheck};

impl<'a> Cx<'_, 'a> {
    /// `(assertions, warnings)`.
    pub(super) fn nixos_checks(
        &mut self,
        root: &Node<'a>,
    ) -> (Known<Vec<NixosCheck>>, Known<Vec<NixosCheck>>) {
        let assertions = match self.list(root, "assertions") {
            Known::Value(items) => {
                Known::Value(items.into_iter().map(|item| self.assertion(item)).collect())
            }
            Known::Unknown(r) => Known::Unknown(r),
            Known::Absent => Known::Absent,
        };
        let warnings = match self.list(root, "warnings") {
            Known::Value(items) => Known::Value(
                items
                    .into_iter()
                    .map(|item| {
                        let message = match item.kind {
                            V::Str(s) => Known::Value(s.to_string()),
                            V::Unknown(u) => Known::Unknown(u.reason.to_string()),
                            _ => Known::Unknown(format!(
                                "a warning is {}, not a string",
                                item.type_name()
                            )),
                        };
                        let triggers = self.triggers(&message);
                        NixosCheck {
                            message,
                            failed: Known::Value(true),
                            span: item.span,
                            triggers,
                        }
                    })
                    .collect(),
            ),
            Known::Unknown(r) => Known::Unknown(r),
            Known::Absent => Known::Absent,
        };
        (assertions, warnings)
    }

    fn list(&mut self, root: &Node<'a>, name: &str) -> Known<Vec<Value<'a>>> {
        match self.read(root, name) {
            Read::Value(v, _) => {
                match v.kind {
                    V::List(items) => {
                        let mut out = Vec::new();
                        for t in items {
                            match self.ev.force(t) {
                                Ok(x) => out.push(x),
                                Err(e) => {
                                    self.error(&e);
                                    out.push(self.ev.unknown(
                                        &format!("evaluation failed: {}", e.message),
                                        e.span,
                                    ));
                                }
                            }
                        }
                        Known::Value(out)
                    }
                    _ => Known::Unknown(format!("`{name}` is {}, not a list", v.type_name())),
                }
            }
            Read::Unknown(r, _) => Known::Unknown(r),
            Read::Missing => Known::Absent,
        }
    }

    fn assertion(&mut self, item: Value<'a>) -> NixosCheck {
        let Some(attrs) = item.as_attrs() else {
            let reason = match item.kind {
                V::Unknown(u) => u.reason.to_string(),
                _ => format!("an assertion is {}, not a set", item.type_name()),
            };
            return NixosCheck {
                message: Known::Unknown(reason.clone()),
                failed: Known::Unknown(reason),
                span: item.span,
                triggers: Vec::new(),
            };
        };
        let mut get = |name: &str| -> Option<Value<'a>> {
            let e = lookup(attrs, Symbol::intern(name))?;
            match self.ev.force(e.value) {
                Ok(v) => Some(v),
                Err(err) => {
                    self.error(&err);
                    Some(
                        self.ev
                            .unknown(&format!("evaluation failed: {}", err.message), e.span),
                    )
                }
            }
        };
        let failed = match get("assertion") {
            Some(v) => match v.kind {
                V::Bool(b) => Known::Value(!b),
                V::Unknown(u) => Known::Unknown(u.reason.to_string()),
                _ => Known::Unknown(format!("`assertion` is {}", v.type_name())),
            },
            None => Known::Unknown("the assertion has no `assertion`".to_string()),
        };
        let (message, span) = match get("message") {
            Some(v) => match v.kind {
                V::Str(s) => (Known::Value(s.to_string()), v.span),
                V::Unknown(u) => (Known::Unknown(u.reason.to_string()), v.span),
                _ => (
                    Known::Unknown(format!("`message` is {}", v.type_name())),
                    v.span,
                ),
            },
            None => (Known::Absent, item.span),
        };
        let span = if span.is_synthetic() { item.span } else { span };
        let triggers = if matches!(failed, Known::Value(true)) {
            self.triggers(&message)
        } else {
            Vec::new()
        };
        NixosCheck {
            message,
            failed,
            span,
            triggers,
        }
    }

    /// Options the message names (`modules.services.x.enable`, or `smtp.*`
    /// relative to an option named before it) that the configuration
    /// sets, with where: the host settings behind the check.
    fn triggers(&self, message: &Known<String>) -> Vec<(String, Span)> {
        let Known::Value(text) = message else {
            return Vec::new();
        };
        let roots: BTreeSet<&str> = self
            .ev
            .ext
            .definitions
            .keys()
            .filter_map(|k| k.first().map(|s| s.as_str()))
            .collect();
        let mut base: Option<Vec<String>> = None;
        let mut out: Vec<(String, Span)> = Vec::new();
        for word in text.split(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '*' | '"'))
        }) {
            let word = word.trim_matches(|c| c == '.' || c == '-');
            let parts: Vec<String> = word
                .split('.')
                .map(|p| p.trim_matches('"').to_string())
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() || !word.contains('.') && !word.ends_with('*') {
                continue;
            }
            let candidates: Vec<Vec<String>> = if roots.contains(parts[0].as_str()) {
                base = Some(parts.clone());
                vec![parts]
            } else if let Some(b) = &base {
                // Relative to the option named before, or to its parent.
                let mut c = Vec::new();
                for cut in [b.len(), b.len().saturating_sub(1)] {
                    let mut p = b[..cut].to_vec();
                    p.extend(parts.iter().cloned());
                    c.push(p);
                }
                c
            } else {
                continue;
            };
            for cand in candidates {
                let prefix: Vec<&str> = cand
                    .iter()
                    .map(String::as_str)
                    .take_while(|p| *p != "*")
                    .collect();
                let mut found: Vec<(String, Span)> = self
                    .ev
                    .ext
                    .definitions
                    .iter()
                    .filter(|(k, _)| {
                        k.len() >= prefix.len()
                            && k.iter().zip(&prefix).all(|(a, b)| a.as_str() == *b)
                            && (cand.last().is_some_and(|l| l == "*") || k.len() == prefix.len())
                    })
                    .filter_map(|(k, defs)| {
                        let d = defs.iter().rev().find(|d| !d.is_default)?;
                        let name = k.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".");
                        Some((name, d.span))
                    })
                    .filter(|(_, s)| !s.is_synthetic())
                    .collect();
                found.sort_by_key(|(n, s)| (s.file.0, s.start, n.clone()));
                if let Some(first) = found.into_iter().next() {
                    if !out.iter().any(|(_, s)| *s == first.1) {
                        out.push(first);
                    }
                    break;
                }
            }
        }
        out
    }
}
