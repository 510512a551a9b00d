//! `pocketlint rules` and `pocketlint explain RULE`.

use std::io::Write;

use crate::lints;

use super::exit;

pub fn list(out: &mut dyn Write) -> i32 {
    let width = lints::ALL.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in lints::ALL {
        let level = if r.default_enabled {
            r.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(out, "{:<width$}  {:<7}  {}", r.name, level, r.summary);
    }
    exit::OK
}

pub fn explain(name: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if let Some(r) = lints::rule(name) {
        let _ = write!(out, "{}", r.doc);
        return exit::OK;
    }
    let _ = match lints::suggest(name) {
        Some(s) => writeln!(err, "error: no rule `{name}` (did you mean `{s}`?)"),
        None => writeln!(
            err,
            "error: no rule `{name}`; `pocketlint rules` lists them"
        ),
    };
    exit::USAGE
}
