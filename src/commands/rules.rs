//! `pocketlint rules` and `pocketlint explain RULE`.

use std::fmt::Write as _;
use std::io::Write;

use crate::lints;

use super::exit;

/// The rules table of the README, generated from the registry (a test
/// keeps the README in step).
pub fn markdown_table() -> String {
    let mut t = String::from("| rule | default | what it reports |\n|---|---|---|\n");
    for r in lints::ALL {
        let level = if r.default_enabled {
            r.severity.as_str()
        } else {
            "off"
        };
        let _ = writeln!(
            t,
            "| [`{0}`](lints/{0}.md) | {level} | {1} |",
            r.name,
            r.summary.replace('|', "\\|")
        );
    }
    t
}

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

#[cfg(test)]
mod tests {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";

    /// `POCKETLINT_BLESS=1 cargo test readme_rules` rewrites the table.
    #[test]
    fn readme_rules_table_matches_the_registry() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md");
        let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lacks the {START:?}…{END:?} markers");
        };
        let table = super::markdown_table();
        let current = &readme[a + START.len()..b];
        if current != table && std::env::var_os("POCKETLINT_BLESS").is_some() {
            let updated = format!("{}{table}{}", &readme[..a + START.len()], &readme[b..]);
            std::fs::write(&path, updated).expect("README.md is writable");
            return;
        }
        assert_eq!(
            current, table,
            "README's rules table is stale (POCKETLINT_BLESS=1 to rewrite)"
        );
    }
}
