//! `pocketlint [check] [PATH]...`: lint, print, and exit 0 (clean), 1
//! (findings at or above the deny level) or 2 (usage or internal error).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::eval::Limits;
use crate::files::{FileId, SourceDb};
use crate::pipeline::{self, Analysis};
use crate::render::{github, json, sarif, terminal};

use super::exit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub deny_warnings: bool,
    pub config: Option<PathBuf>,
    pub fix: bool,
    pub unsafe_fixes: bool,
    pub verbose: bool,
    pub limits: Limits,
}

pub fn run(args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let analysis = match pipeline::analyze(&args.paths, args.config.as_deref(), args.limits) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return exit::USAGE;
        }
    };
    if analysis.hosts.is_empty() {
        // A gate that checked nothing must not pass silently.
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        let _ = writeln!(
            stderr,
            "error: no hosts found under {} (pocketlint looks for flake.nix nixosConfigurations, \
             directories holding default.nix or configuration.nix, under hosts/ too, and \
             [[hosts]] in pocketlint.toml)",
            if shown.is_empty() {
                ".".to_string()
            } else {
                shown.join(", ")
            }
        );
        return exit::USAGE;
    }
    let mut diags = pipeline::diagnostics(&analysis, None);
    let mut analysis = analysis;
    if args.fix || args.unsafe_fixes {
        let (applied, files) = match apply_fixes(&analysis.ws.db, &diags, args.unsafe_fixes) {
            Ok(x) => x,
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return exit::USAGE;
            }
        };
        if applied > 0 {
            let _ = writeln!(
                stderr,
                "fixed {applied} finding{} in {files} file{}",
                plural(applied),
                plural(files)
            );
            analysis = match pipeline::analyze(&args.paths, args.config.as_deref(), args.limits) {
                Ok(a) => a,
                Err(e) => {
                    let _ = writeln!(stderr, "error: {e}");
                    return exit::USAGE;
                }
            };
            diags = pipeline::diagnostics(&analysis, None);
        }
    }
    if args.verbose {
        let _ = write_verbose(&analysis, stderr);
    }
    let db = &analysis.ws.db;
    let written = match args.format {
        Format::Human => write_human(db, &diags, stdout),
        Format::Json => writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&json::render(db, &diags)).unwrap_or_default()
        ),
        Format::Sarif => writeln!(
            stdout,
            "{}",
            serde_json::to_string_pretty(&sarif::render(db, &diags)).unwrap_or_default()
        ),
        Format::Github => write!(stdout, "{}", github::render(db, &diags)),
    };
    if written.is_err() {
        return exit::USAGE;
    }
    let threshold = if args.deny_warnings {
        Severity::Warning
    } else {
        Severity::Error
    };
    if diags.iter().any(|d| d.severity >= threshold) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn write_human(db: &SourceDb, diags: &[Diagnostic], out: &mut dyn Write) -> std::io::Result<()> {
    if diags.is_empty() {
        return Ok(());
    }
    terminal::render(diags, db, terminal::TerminalOptions::detect(), out)?;
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(format!("{e} error{}", plural(e)));
    }
    if w > 0 {
        parts.push(format!("{w} warning{}", plural(w)));
    }
    if i > 0 {
        parts.push(format!("{i} note{}", plural(i)));
    }
    let fixable = diags
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count();
    write!(out, "found {}", parts.join(", "))?;
    if fixable > 0 {
        write!(out, " ({fixable} fixable with `--fix`)")?;
    }
    writeln!(out)
}

fn write_verbose(analysis: &Analysis, out: &mut dyn Write) -> std::io::Result<()> {
    let db = &analysis.ws.db;
    let at = |span: crate::files::Span| {
        db.get(span.file)
            .map_or_else(|| "-".to_string(), |f| f.place(span.start))
    };
    writeln!(out, "root: {}", analysis.ws.root.display())?;
    writeln!(out, "files: {}", analysis.files.len())?;
    for h in &analysis.hosts {
        writeln!(
            out,
            "host {} ({} modules, {} services)",
            h.host.name,
            h.closure.len(),
            h.host.services.len()
        )?;
        for m in &h.spec.extra_modules {
            writeln!(out, "  added module: {}", analysis.ws.rel(m))?;
        }
        for s in &h.host.skipped_modules {
            writeln!(out, "  skipped module at {}: {}", at(s.span), s.reason)?;
        }
        for u in &h.host.unknowns {
            writeln!(out, "  unknown: {} at {}: {}", u.what, at(u.span), u.reason)?;
        }
    }
    Ok(())
}

/// Applies the fixes of `diags` (safe ones, and unsafe ones when asked);
/// returns how many findings were fixed and in how many files.
pub fn apply_fixes(
    db: &SourceDb,
    diags: &[Diagnostic],
    include_unsafe: bool,
) -> Result<(usize, usize), String> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    let mut fixed = 0;
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !include_unsafe {
            continue;
        }
        // All edits of a fix go in, or none.
        let clashes = fix.edits.iter().any(|e| {
            by_file.get(&e.span.file).is_some_and(|edits| {
                edits
                    .iter()
                    .any(|x| x.span.start < e.span.end && e.span.start < x.span.end)
            })
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            by_file.entry(e.span.file).or_default().push(e);
        }
        fixed += 1;
    }
    // Every file is read back and checked before any is written: fixes
    // that span files go in together or not at all.
    let mut fixed_texts = Vec::new();
    for (file, mut edits) in by_file {
        let Some(source) = db.get(file) else { continue };
        let on_disk =
            std::fs::read_to_string(&source.path).map_err(|e| format!("{}: {e}", source.name))?;
        if on_disk != *source.text {
            return Err(format!(
                "{} changed while pocketlint was running; nothing was fixed",
                source.name
            ));
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut text = on_disk;
        for e in edits {
            text.replace_range(e.span.start as usize..e.span.end as usize, &e.replacement);
        }
        fixed_texts.push((source, text));
    }
    let files = fixed_texts.len();
    for (source, text) in fixed_texts {
        std::fs::write(&source.path, text).map_err(|e| format!("{}: {e}", source.name))?;
    }
    Ok((fixed, files))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::fixture_tests::copy_dir;

    /// A file edited after the analysis stops every write, including those
    /// to files that did not change: fixes go in together or not at all.
    #[test]
    fn a_file_changed_meanwhile_blocks_every_fix() {
        let work = tempfile::tempdir().unwrap();
        let before = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/fixes/safe/before");
        copy_dir(&before, work.path());
        copy_dir(
            &work.path().join("hosts/box"),
            &work.path().join("hosts/box2"),
        );
        let analysis = crate::pipeline::analyze(
            &[work.path().to_path_buf()],
            None,
            crate::eval::Limits::default(),
        )
        .unwrap();
        let diags = crate::pipeline::diagnostics(&analysis, None);
        let mut files: Vec<_> = diags
            .iter()
            .filter(|d| d.fix.is_some())
            .filter_map(|d| analysis.ws.db.get(d.span.file))
            .map(|f| f.path.clone())
            .collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), 2, "fixes in both hosts: {files:?}");
        let originals: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        for changed in &files {
            std::fs::write(changed, "# edited meanwhile\n").unwrap();
            let err = super::apply_fixes(&analysis.ws.db, &diags, false).unwrap_err();
            assert!(
                err.contains("changed while pocketlint was running"),
                "{err}"
            );
            for (p, original) in files.iter().zip(&originals) {
                let now = std::fs::read_to_string(p).unwrap();
                if p == changed {
                    assert_eq!(now, "# edited meanwhile\n");
                } else {
                    assert_eq!(&now, original, "{} was written", p.display());
                }
            }
            let i = files.iter().position(|p| p == changed).unwrap();
            std::fs::write(changed, &originals[i]).unwrap();
        }
        let (fixed, written) = super::apply_fixes(&analysis.ws.db, &diags, false).unwrap();
        assert!(
            fixed >= 2 && written == 2,
            "{fixed} fixes in {written} files"
        );
    }
}
