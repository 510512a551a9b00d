//! The `pocketlint` command line: parse arguments, run a command, exit.

use std::path::PathBuf;
use std::process::ExitCode;

use std::io::Write;

use clap::{Args, Parser, Subcommand};

use pocketlint::commands::{self, exit};
use pocketlint::eval::Limits;

#[derive(Parser)]
#[command(
    name = "pocketlint",
    version,
    about = "Evaluates NixOS modules and lints Pocket ID + caddy-security configurations"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every proxied service per host and how it is protected
    Inventory {
        /// Repository paths (a hosts folder, a host, or the root)
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = InventoryFormat::Table)]
        format: InventoryFormat,
        /// Configuration file (default: pocketlint.toml at the root)
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        eval: EvalOptions,
    },
    /// Print the effective configuration of an entry module (or host)
    Config {
        /// The entry module (a file, or a directory with default.nix)
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
}

#[derive(clap::ValueEnum, Clone, Copy)]
enum InventoryFormat {
    Table,
    Json,
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

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
        Some(Command::Eval { file, json, eval }) => {
            let args = commands::eval::EvalArgs {
                file,
                json,
                root: eval.root.clone(),
                limits: eval.limits(),
            };
            commands::eval::run(&args, &mut stdout, &mut stderr)
        }
        Some(Command::Config {
            entry,
            attr,
            json,
            eval,
        }) => {
            let args = commands::config::ConfigArgs {
                entry,
                attr,
                json,
                root: eval.root.clone(),
                limits: eval.limits(),
            };
            commands::config::run(&args, &mut stdout, &mut stderr)
        }
        Some(Command::Inventory {
            paths,
            format,
            config,
            eval,
        }) => match commands::analyze(&paths, config.as_deref(), eval.limits()) {
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
        None => {
            let _ = <Cli as clap::CommandFactory>::command().print_help();
            exit::USAGE
        }
    };
    to_exit(code)
}

fn to_exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
