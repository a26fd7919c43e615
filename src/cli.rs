//! The command line: parses arguments, runs the pipeline (discover → load → model → graph →
//! rules → engine), reports, and turns the outcome into an exit code.

use crate::config::{self, Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::picture::{Picture, PictureFormat};
use crate::pipeline::{self, Analysis};
use crate::report::{self, OutputFormat, Report};
use crate::rules;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes, as documented in the README.
pub mod exit {
    /// Nothing at or above `--fail-on` was found.
    pub const CLEAN: u8 = 0;
    /// Something at or above `--fail-on` was found.
    pub const PROBLEMS: u8 = 1;
    /// archlint could not do its job: bad arguments, bad configuration, a missing path.
    pub const TROUBLE: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "archlint",
    version,
    about = "An architecture linter: checks service specs, OpenAPI, event schemas, requirements \
             and ADRs against each other",
    after_help = "Exit codes: 0 nothing at or above --fail-on was found, 1 something was, \
                  2 archlint could not do its job."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the architecture documents under PATHs (default: the current folder)
    Check(CheckArgs),
    /// Draw the architecture: services grouped by domain, sync edges solid, async dashed,
    /// edges that take part in a diagnostic highlighted
    Graph(GraphArgs),
    /// List every rule: name, family, default severity, summary
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show a rule's full documentation
    Explain {
        /// The rule's name, e.g. `parse-error`
        rule: String,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or folders to check
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Configuration file (default: archlint.yaml or .archlint.yaml in the first PATH or above,
    /// up to the repository root)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// When to colour human output (NO_COLOR is honoured under `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a diagnostic at or above this severity is found
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// List skipped files and documents, and why, on stderr
    #[arg(long, short)]
    verbose: bool,
    /// Number of threads (default: one per core); the output does not depend on it
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Debug, Args)]
struct GraphArgs {
    /// Files or folders to draw
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Configuration file (found as for `check` when not given)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = PictureFormat::Mermaid)]
    format: PictureFormat,
    /// Draw events, with publish and subscribe edges
    #[arg(long)]
    events: bool,
    /// Draw named data-store instances, with the services that use them
    #[arg(long)]
    datastores: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// A reason archlint could not do its job: one line on stderr, exit code 2.
struct Trouble(String);

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) => check(args),
        Command::Graph(args) => draw(args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Trouble(message)) => {
            eprintln!("archlint: error: {message}");
            ExitCode::from(exit::TROUBLE)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, Trouble> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|error| Trouble(format!("cannot start {threads} threads: {error}")))?;
    }
    require_paths(&args.paths)?;
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let Analysis {
        discovery,
        workspace,
        diagnostics,
        ..
    } = pipeline::analyze(&args.paths, &config)
        .map_err(|error| Trouble(format!("in the configuration: {error}")))?;
    if args.verbose {
        let mut err = io::stderr().lock();
        for (path, reason) in &discovery.skipped {
            let _ = writeln!(
                err,
                "skipped {}: {reason}",
                crate::source::display_name(path)
            );
        }
        for document in &workspace.unclassified {
            let _ = writeln!(
                err,
                "skipped {} (document {}): not an architecture document",
                workspace.sources.get(document.file).name,
                document.index + 1
            );
        }
    }
    if workspace.is_empty() {
        let shown: Vec<String> = args
            .paths
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        eprintln!(
            "archlint: no architecture documents found in {}",
            shown.join(", ")
        );
    }
    let report = Report {
        diagnostics: &diagnostics,
        sources: &workspace.sources,
    };
    let color = use_color(args.color, io::stdout().is_terminal());
    let mut out = io::stdout().lock();
    report::reporter(args.format, color)
        .report(&report, &mut out)
        .and_then(|()| out.flush())
        .map_err(|error| Trouble(format!("cannot write the report: {error}")))?;
    let failed = diagnostics
        .iter()
        .any(|diagnostic| args.fail_on.fails(diagnostic.severity));
    Ok(if failed { exit::PROBLEMS } else { exit::CLEAN })
}

fn require_paths(paths: &[PathBuf]) -> Result<(), Trouble> {
    match paths.iter().find(|path| !path.exists()) {
        Some(missing) => Err(Trouble(format!(
            "path `{}` does not exist",
            missing.display()
        ))),
        None => Ok(()),
    }
}

fn draw(args: GraphArgs) -> Result<u8, Trouble> {
    require_paths(&args.paths)?;
    let config = load_config(args.config.as_deref(), &args.paths)?;
    let analysis = pipeline::analyze(&args.paths, &config)
        .map_err(|error| Trouble(format!("in the configuration: {error}")))?;
    let mut out = io::stdout().lock();
    Picture::new(&analysis, args.events, args.datastores)
        .write(args.format, &mut out)
        .and_then(|()| out.flush())
        .map_err(|error| Trouble(format!("cannot write the picture: {error}")))?;
    Ok(exit::CLEAN)
}

fn load_config(given: Option<&Path>, paths: &[PathBuf]) -> Result<Config, Trouble> {
    let path = match given {
        Some(path) if !path.is_file() => {
            return Err(Trouble(format!(
                "configuration file `{}` does not exist",
                path.display()
            )));
        }
        Some(path) => Some(path.to_path_buf()),
        None => config::find(paths),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    match config::load(&path, &rules::names()) {
        Ok(config) => Ok(config),
        Err(ConfigError::Unreadable(message)) => Err(Trouble(message)),
        Err(ConfigError::Invalid { sources, findings }) => {
            let count = findings.len();
            let diagnostics: Vec<Diagnostic> = findings
                .into_iter()
                .map(|finding| Diagnostic {
                    severity: Severity::Error,
                    finding,
                })
                .collect();
            let report = Report {
                diagnostics: &diagnostics,
                sources: &sources,
            };
            let color = use_color(ColorChoice::Auto, io::stderr().is_terminal());
            // Rendered without the summary line: there was no run to summarise.
            let _ = report::annotated_source(color).report(&report, &mut io::stderr().lock());
            Err(Trouble(format!(
                "the configuration `{}` has {count} {}",
                crate::source::display_name(&path),
                if count == 1 { "mistake" } else { "mistakes" }
            )))
        }
    }
}

/// Colour under `auto` needs a terminal and no `NO_COLOR` (https://no-color.org).
fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}

fn list_rules(format: ListFormat) -> Result<u8, Trouble> {
    let mut out = io::stdout().lock();
    let written = match format {
        ListFormat::Human => {
            let width = rules::ALL
                .iter()
                .map(|rule| rule.meta().name.len())
                .max()
                .unwrap_or(0);
            rules::ALL.iter().try_for_each(|rule| {
                let meta = rule.meta();
                writeln!(
                    out,
                    "{:width$}  {:8}  {:7}  {}",
                    meta.name,
                    meta.family.as_str(),
                    meta.default_severity.as_str(),
                    meta.summary
                )
            })
        }
        ListFormat::Json => {
            let listed: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    serde_json::json!({
                        "name": meta.name,
                        "family": meta.family,
                        "default_severity": meta.default_severity,
                        "summary": meta.summary,
                        "documentation": meta.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &listed)
                .map_err(io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    written.map_err(|error| Trouble(format!("cannot write: {error}")))?;
    Ok(exit::CLEAN)
}

fn explain(name: &str) -> Result<u8, Trouble> {
    let Some(rule) = rules::find(name) else {
        let suggestion = crate::suggest::closest(name, rules::names(), str::to_string)
            .map(|close| format!("; did you mean `{close}`?"))
            .unwrap_or_else(|| "; `archlint rules` lists every rule".to_string());
        return Err(Trouble(format!("unknown rule `{name}`{suggestion}")));
    };
    let meta = rule.meta();
    println!(
        "# {}\n\nFamily: {} · Default severity: {}\n\n{}.\n\n{}",
        meta.name,
        meta.family.as_str(),
        meta.default_severity,
        capitalize(meta.summary),
        meta.documentation()
    );
    Ok(exit::CLEAN)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
