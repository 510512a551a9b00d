//! The `pocketlint` command line: parse arguments, run a command, exit.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pocketlint::commands::{self, exit};
use pocketlint::eval::Limits;

// Evaluation allocates many small, short-lived values; mimalloc is
// measurably faster than the system allocator at that (benches/).
#[global_allocator]
static GLOBAL: pocketlint::allocator::Allocator = pocketlint::allocator::Allocator;

#[derive(Parser)]
#[command(
    name = "pocketlint",
    version,
    about = "Evaluates NixOS modules and lints Pocket ID + caddy-security configurations",
    after_help = "Without a subcommand, `pocketlint [PATH]...` is `pocketlint check [PATH]...`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint a repository (the default command)
    Check {
        /// Repository paths: a hosts folder, a host, or the root (default: .)
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Also exit 1 on warnings
        #[arg(long, value_enum)]
        deny: Option<DenyLevel>,
        /// Apply safe fixes in place
        #[arg(long)]
        fix: bool,
        /// Also apply fixes that change behaviour (implies --fix)
        #[arg(long)]
        unsafe_fixes: bool,
        /// Say which hosts and modules were found and what was unknown
        #[arg(long, short)]
        verbose: bool,
        #[command(flatten)]
        repo: RepoOptions,
    },
    /// Every proxied service per host and how it is protected
    Inventory {
        /// Repository paths (a hosts folder, a host, or the root)
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = InventoryFormat::Table)]
        format: InventoryFormat,
        #[command(flatten)]
        repo: RepoOptions,
    },
    /// Simulate one request (or a whole site with --matrix) and explain the decision
    Access {
        /// The URL to request (`https://sonarr.example.com/api/v3/queue`)
        #[arg(required_unless_present = "matrix")]
        url: Option<String>,
        /// Print the site's exposure instead: bypasses × networks × roles
        #[arg(long, value_name = "HOSTNAME")]
        matrix: Option<String>,
        /// The client's address as Caddy sees it (the TCP peer; default: an internet address)
        #[arg(long, value_name = "IP")]
        from: Option<std::net::IpAddr>,
        /// Logged in as a Pocket ID user in these groups (comma-separated)
        #[arg(long, value_name = "G1,G2", value_delimiter = ',')]
        groups: Option<Vec<String>>,
        /// Without a session (the default)
        #[arg(long)]
        anonymous: bool,
        /// The request carries the correct value of this static API key
        #[arg(long, value_name = "NAME")]
        api_key: Option<String>,
        /// An extra request header (repeatable)
        #[arg(long, value_name = "NAME=VALUE")]
        header: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = AccessFormat::Human)]
        format: AccessFormat,
        /// Repository paths (a hosts folder, a host, or the root)
        paths: Vec<PathBuf>,
        #[command(flatten)]
        repo: RepoOptions,
    },
    /// List every rule with its default severity
    Rules,
    /// Print a rule's documentation
    Explain {
        /// The rule name (for example `unknown_policy`)
        rule: String,
    },
    /// Evaluate a plain Nix file, like `nix-instantiate --eval --strict`
    Eval {
        /// The file to evaluate
        file: PathBuf,
        /// Print JSON, like `--json`
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        eval: EvalOptions,
    },
    /// Language server on standard input and output
    Lsp {
        /// Evaluation step budget per host
        #[arg(long, default_value_t = Limits::default().max_steps)]
        max_steps: u64,
        /// Evaluation depth budget
        #[arg(long, default_value_t = Limits::default().max_depth)]
        max_depth: u32,
    },
    /// Print the Caddyfile a host deploys, as evaluated
    Caddyfile {
        /// The host (see `pocketlint inventory` for the names)
        host: String,
        /// Repository path (default: .)
        path: Option<PathBuf>,
        /// Only this site: a virtual host's name or a site address
        #[arg(long)]
        site: Option<String>,
        /// Prefix each line with the Nix source (`file:line`) that produced it
        #[arg(long)]
        provenance: bool,
        #[command(flatten)]
        repo: RepoOptions,
    },
    /// Print the effective configuration of an entry module (or host)
    Config {
        /// The entry module (a file, a directory with default.nix, or a host name)
        entry: PathBuf,
        /// Only this attribute path of the configuration (e.g. `networking.domain`)
        #[arg(long)]
        attr: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        eval: EvalOptions,
    },
}

#[derive(ValueEnum, Clone, Copy)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(ValueEnum, Clone, Copy)]
enum DenyLevel {
    Warnings,
    Errors,
}

#[derive(ValueEnum, Clone, Copy)]
enum AccessFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy)]
enum InventoryFormat {
    Table,
    Json,
}

#[derive(Args, Clone)]
struct RepoOptions {
    /// Configuration file (default: pocketlint.toml at the root)
    #[arg(long)]
    config: Option<PathBuf>,
    /// Evaluation step budget per host
    #[arg(long, default_value_t = Limits::default().max_steps)]
    max_steps: u64,
    /// Evaluation depth budget
    #[arg(long, default_value_t = Limits::default().max_depth)]
    max_depth: u32,
}

#[derive(Args, Clone)]
struct EvalOptions {
    /// Repository root; nothing outside it is read (default: nearest
    /// directory above holding flake.nix or .git)
    #[arg(long)]
    root: Option<PathBuf>,
    /// Evaluation step budget
    #[arg(long, default_value_t = Limits::default().max_steps)]
    max_steps: u64,
    /// Evaluation depth budget
    #[arg(long, default_value_t = Limits::default().max_depth)]
    max_depth: u32,
}

impl EvalOptions {
    fn limits(&self) -> Limits {
        Limits {
            max_steps: self.max_steps,
            max_depth: self.max_depth,
        }
    }
}

impl RepoOptions {
    fn limits(&self) -> Limits {
        Limits {
            max_steps: self.max_steps,
            max_depth: self.max_depth,
        }
    }
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "inventory",
    "access",
    "rules",
    "explain",
    "eval",
    "config",
    "caddyfile",
    "lsp",
    "help",
];

/// `pocketlint ./hosts` means `pocketlint check ./hosts`.
fn with_default_command(mut args: Vec<String>) -> Vec<String> {
    let first = args.get(1).map(String::as_str);
    let is_command = first.is_some_and(|a| SUBCOMMANDS.contains(&a));
    let is_top_flag = first.is_some_and(|a| matches!(a, "-h" | "--help" | "-V" | "--version"));
    if !is_command && !is_top_flag {
        args.insert(1, "check".to_string());
    }
    args
}

fn main() -> ExitCode {
    let args = with_default_command(std::env::args().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return to_exit(code);
        }
    };
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            deny,
            fix,
            unsafe_fixes,
            verbose,
            repo,
        } => {
            let args = commands::check::CheckArgs {
                paths,
                format: match format {
                    CheckFormat::Human => commands::check::Format::Human,
                    CheckFormat::Json => commands::check::Format::Json,
                    CheckFormat::Sarif => commands::check::Format::Sarif,
                    CheckFormat::Github => commands::check::Format::Github,
                },
                deny_warnings: matches!(deny, Some(DenyLevel::Warnings)),
                config: repo.config.clone(),
                fix,
                unsafe_fixes,
                verbose,
                limits: repo.limits(),
            };
            commands::check::run(&args, &mut stdout, &mut stderr)
        }
        Command::Inventory {
            paths,
            format,
            repo,
        } => match commands::analyze(&paths, repo.config.as_deref(), repo.limits()) {
            Ok(analysis) => {
                let format = match format {
                    InventoryFormat::Table => commands::inventory::Format::Table,
                    InventoryFormat::Json => commands::inventory::Format::Json,
                };
                commands::inventory::run(&analysis.ws, &analysis.hosts, format, &mut stdout)
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                exit::USAGE
            }
        },
        Command::Access {
            url,
            matrix,
            from,
            groups,
            anonymous,
            api_key,
            header,
            format,
            mut paths,
            repo,
        } => {
            // With --matrix every positional argument is a path.
            let target = match (url, matrix) {
                (u, Some(m)) => {
                    if let Some(u) = u {
                        paths.insert(0, PathBuf::from(u));
                    }
                    commands::access::Target::Matrix(m)
                }
                (u, None) => commands::access::Target::Url(u.unwrap_or_default()),
            };
            let args = commands::access::AccessArgs {
                target,
                from,
                groups,
                anonymous,
                api_key,
                headers: header,
                format: match format {
                    AccessFormat::Human => commands::access::Format::Human,
                    AccessFormat::Json => commands::access::Format::Json,
                },
                paths,
                config: repo.config.clone(),
                limits: repo.limits(),
            };
            commands::access::run(&args, &mut stdout, &mut stderr)
        }
        Command::Rules => commands::rules::list(&mut stdout),
        Command::Explain { rule } => commands::rules::explain(&rule, &mut stdout, &mut stderr),
        Command::Eval { file, json, eval } => {
            let args = commands::eval::EvalArgs {
                file,
                json,
                root: eval.root.clone(),
                limits: eval.limits(),
            };
            commands::eval::run(&args, &mut stdout, &mut stderr)
        }
        Command::Lsp {
            max_steps,
            max_depth,
        } => {
            // The protocol owns standard output from here on.
            drop(stdout);
            keep_freed_memory();
            let options = pocketlint::lsp::ServerOptions {
                limits: Limits {
                    max_steps,
                    max_depth,
                },
                ..pocketlint::lsp::ServerOptions::default()
            };
            return to_exit(pocketlint::lsp::run_stdio(options));
        }
        Command::Caddyfile {
            host,
            path,
            site,
            provenance,
            repo,
        } => {
            let args = commands::caddyfile::CaddyfileArgs {
                host,
                site,
                provenance,
                path,
                config: repo.config.clone(),
                limits: repo.limits(),
            };
            commands::caddyfile::run(&args, &mut stdout, &mut stderr)
        }
        Command::Config {
            entry,
            attr,
            json,
            eval,
        } => {
            let args = commands::config::ConfigArgs {
                entry,
                attr,
                json,
                root: eval.root.clone(),
                limits: eval.limits(),
            };
            commands::config::run(&args, &mut stdout, &mut stderr)
        }
    };
    let _ = stdout.flush();
    to_exit(code)
}

/// A language server evaluates the same hosts again on every edit. By
/// default mimalloc hands freed memory back to the system after 10 ms, so
/// each evaluation page-faults (and the kernel zeroes) its memory anew:
/// about a fifth of the server's CPU time (`benches/lsp_latency.py` under
/// `perf stat`). Keeping it costs only the peak of one evaluation.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h's `mi_option_e`; -1: never purge.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets a process-wide allocator option; mimalloc reads it on
    // each purge decision, and any thread may set it at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn to_exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
