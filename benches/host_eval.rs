//! How long re-evaluating the hosts of a repository takes once its files
//! are parsed: the work the language server repeats after every edit.
//!
//!     cargo bench --bench host_eval [-- REPO] [-- --runs N]
//!
//! Without REPO, generates the reference layout with 300 service modules
//! (`benches/gen/gen_repo.py --single-host-modules 300`). Prints the
//! minimum and median of N evaluations (default 30) of every host, then of
//! the rules over the result.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use pocketlint::eval::Limits;
use pocketlint::pipeline;

// As in the binary: the evaluator allocates a lot, and the allocator shows.
#[global_allocator]
static GLOBAL: pocketlint::allocator::Allocator = pocketlint::allocator::Allocator;

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut runs = 30;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(runs);
        args.drain(i..(i + 2).min(args.len()));
    }
    let _generated;
    let root = if let Some(r) = args.first() {
        PathBuf::from(r)
    } else {
        let dir = std::env::temp_dir().join(format!("pocketlint-host-eval-{}", std::process::id()));
        let status = std::process::Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/benches/gen/gen_repo.py"
            ))
            .arg(&dir)
            .args(["--single-host-modules", "300"])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("python3 runs the generator");
        assert!(status.success(), "the generator failed");
        _generated = Cleanup(dir.clone());
        dir
    };
    let root = std::fs::canonicalize(&root).expect("the repository exists");
    let ws = pipeline::workspace_at(&root, None, Limits::default());
    let specs = ws.discover_hosts(std::slice::from_ref(&root));
    ws.preload(&ws.nix_files());
    // Warm up: the first evaluation also reads and parses every file.
    let mut analysis = pipeline::analyze_hosts(ws, &specs);
    let mut evals = Vec::with_capacity(runs);
    let mut rules = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let results = analysis.ws.evaluate_each(&specs);
        evals.push(start.elapsed());
        // The rules read fresh results, as after an edit (the routes and
        // verdicts of the last ones are already worked out).
        analysis.hosts = results;
        let start = Instant::now();
        let found = pipeline::diagnostics(&analysis, None);
        rules.push(start.elapsed());
        std::hint::black_box(found);
    }
    println!("{}: {} host(s), {runs} runs", root.display(), specs.len());
    report("evaluation", &mut evals);
    report("rules", &mut rules);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:>10}: min {:6.1} ms  median {:6.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2])
    );
}

struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
