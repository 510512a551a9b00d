//! How long one evaluation of each differential expression takes, from a
//! cold start (fresh source database, so parsing is included), as
//! `pocketlint eval --json FILE` would do it.
//!
//!     cargo bench --bench eval_exprs [-- FILTER]
//!
//! Runs `../shared/oracle/exprs/` and `testdata/eval/`; prints the median
//! per corpus, the slowest expressions, and how many exceed 10 ms.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pocketlint::commands::eval::eval_file_json;
use pocketlint::eval::{Context, Limits, with_eval_stack};
use pocketlint::files::SourceDb;
use pocketlint::vfs::Vfs;

const BUDGET: Duration = Duration::from_millis(10);

fn corpus(dir: &Path, filter: Option<&str>) -> Vec<PathBuf> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.extension().is_some_and(|e| e == "nix")
            && filter.is_none_or(|f| p.to_string_lossy().contains(f))
    });
    files.sort();
    files
}

/// Best of several cold evaluations: the minimum is the least noisy
/// estimate of what the code costs on a 2-core machine shared with others.
fn time_one(dir: &Path, file: &Path) -> Duration {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut runs = 0;
    while runs < 3 || (runs < 50 && total < Duration::from_millis(200)) {
        let ctx = Context::new(
            Arc::new(SourceDb::new(root.clone())),
            Arc::new(Vfs::new(&root)),
            Limits::default(),
        );
        let start = Instant::now();
        let result = eval_file_json(&ctx, file);
        let took = start.elapsed();
        if runs == 0 && result.as_ref().is_err_and(|_| !file_expects_error(file)) {
            println!(
                "  note: {} failed: {}",
                file.display(),
                result.as_ref().unwrap_err().message
            );
        }
        std::hint::black_box(&result);
        best = best.min(took);
        total += took;
        runs += 1;
    }
    best
}

/// Cases whose expected result is an error (their time counts too).
fn file_expects_error(file: &Path) -> bool {
    let expected = file.with_extension("expected.json");
    std::fs::read_to_string(expected).is_ok_and(|t| t.contains("\"error\""))
}

fn report(name: &str, dir: &Path, filter: Option<&str>) {
    let files = corpus(dir, filter);
    if files.is_empty() {
        println!("{name}: no expressions in {}", dir.display());
        return;
    }
    let mut times: Vec<(Duration, String)> = files
        .iter()
        .map(|f| {
            let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
            (time_one(dir, f), stem)
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2].0;
    let total: Duration = times.iter().map(|t| t.0).sum();
    let over = times.iter().filter(|t| t.0 >= BUDGET).count();
    println!(
        "{name}: {} expressions, median {:.3} ms, max {:.3} ms, total {:.1} ms, {over} at or over {} ms",
        times.len(),
        median.as_secs_f64() * 1e3,
        times.last().unwrap().0.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        BUDGET.as_millis(),
    );
    for (t, stem) in times.iter().rev().take(5) {
        println!("  {:>8.3} ms  {stem}", t.as_secs_f64() * 1e3);
    }
}

fn main() {
    // cargo bench passes `--bench`; anything else is a name filter.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    with_eval_stack(|| {
        report(
            "oracle exprs",
            &manifest.join("../shared/oracle/exprs"),
            filter.as_deref(),
        );
        report(
            "testdata/eval",
            &manifest.join("testdata/eval"),
            filter.as_deref(),
        );
    });
}
