//! The language server as editors meet it: `tests/lsp/` drives the real
//! `pocketlint lsp` binary over stdio with pytest-lsp (open → diagnostics,
//! cross-file edits, code actions, hover, definition, completion,
//! malformed input).
//!
//! The Python packages (`tests/lsp/requirements.txt`) live in a virtual
//! environment that `.ci/run` creates at `.ci/venv`; elsewhere set
//! `POCKETLINT_PYTHON` to a Python that has them. Without one the test
//! skips with a message (under `CI=true` it fails instead).

use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("POCKETLINT_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/venv/bin/python");
    venv.is_file().then_some(venv)
}

#[test]
fn pytest_lsp_suite_passes() {
    let Some(python) = python() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the pytest-lsp environment is missing under CI=true (.ci/run creates .ci/venv)"
        );
        eprintln!(
            "skipped: no Python with pytest-lsp (python3 -m venv .ci/venv && .ci/venv/bin/pip install -r tests/lsp/requirements.txt)"
        );
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp");
    let out = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "."])
        .current_dir(&dir)
        .env("POCKETLINT_BIN", env!("CARGO_BIN_EXE_pocketlint"))
        .output()
        .expect("python runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "pytest-lsp suite failed:\n{report}");
    assert!(report.contains(" passed"), "pytest ran no test:\n{report}");
    eprintln!("{report}");
}
