//! The command line: parses arguments, runs the pipeline (discover → load → model → graph →
//! rules → engine), reports, and turns the outcome into an exit code.

use crate::baseline::{self, Baseline};
use crate::config::{self, Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::picture::{Picture, PictureFormat};
use crate::pipeline::{self, Analysis};
use crate::report::{self, OutputFormat, Report, visible};
use crate::rules;
use crate::scope::Scope;
use crate::source::FileId;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A line on standard error. `eprintln!` panics when stderr is a pipe whose reader has gone
/// (`archlint check 2>&1 | head -3`), which turned a finished run into exit code 101; a line no
/// one reads is dropped instead, as a report no one reads is ([`output`]), and the exit code
/// still tells the result.
macro_rules! say {
    ($($message:tt)*) => {{
        let _ = writeln!(io::stderr(), $($message)*);
    }};
}

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
    /// Check the architecture documents of the repository, reporting on PATHs (default: all)
    Check(CheckArgs),
    /// Draw the architecture: services grouped by domain, sync edges solid, async dashed,
    /// edges that take part in a diagnostic highlighted
    Graph(GraphArgs),
    /// List every rule: name, family, default severity, summary, and where it comes from (the
    /// rules of the rulesets the configuration, `--ruleset` or a `.spectral.yaml` here name too)
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[command(flatten)]
        loaded: LoadedRules,
    },
    /// Show a rule's full documentation
    Explain {
        /// The rule's name, e.g. `parse-error`
        rule: String,
        #[command(flatten)]
        loaded: LoadedRules,
    },
    /// Print a shell completion script (e.g. `archlint completions bash > ~/.local/share/bash-completion/completions/archlint`)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print archlint's man page (roff), or a command's (`archlint man check`), generated from
    /// the same definition as `--help`
    Man {
        /// The command whose page to print (`archlint-check(1)`); none: archlint's own
        command: Option<String>,
    },
    /// Write a starter archlint.yaml in FOLDER from what a check finds there; never replaces one
    Init {
        /// The repository's root
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Answer the verification checklist (seed 004's, or the configuration's `checklist:`) from
    /// the documents under PATHs: each item met, unmet or manual, with its evidence
    Checklist(ChecklistArgs),
}

#[derive(Debug, Args)]
struct ChecklistArgs {
    /// Folders or files to read (default: the current folder)
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Configuration file (default: archlint.yaml or .archlint.yaml in the first PATH or above)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = crate::checklist::ChecklistFormat::Human)]
    format: crate::checklist::ChecklistFormat,
    /// Exit 1 when an item that can be decided is unmet (`unmet`), or never
    #[arg(long, value_enum, default_value_t = ChecklistFailOn::Unmet)]
    fail_on: ChecklistFailOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ChecklistFailOn {
    Unmet,
    Never,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or folders to report on: the whole repository (the configuration's folder, else the
    /// git root) is always read, and the findings with a label in a named file or folder are
    /// reported, as a pre-commit hook needs
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Configuration file (default: archlint.yaml or .archlint.yaml in the first PATH or above,
    /// up to the repository root)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// When to colour human output (`auto` honours NO_COLOR, CLICOLOR, CLICOLOR_FORCE and TERM=dumb)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a diagnostic at or above this severity is found
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Print only the problems: no summary line, no notes
    #[arg(long, short)]
    quiet: bool,
    /// Count the diagnostics per rule and severity (on stderr unless the format is human)
    #[arg(long)]
    statistics: bool,
    /// Hide the violations recorded in this baseline file; report the entries that no longer
    /// match
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every violation found in this baseline file (then hide them, as `--baseline` does)
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Exit with 1 when a baseline entry no longer matches (the baseline needs updating)
    #[arg(long, requires = "baseline")]
    strict_baseline: bool,
    /// Report only the findings that git revision REF did not have, anywhere in the repository
    /// (REF's tree is read through git; the work tree is not touched), e.g. `origin/main`, `HEAD`
    #[arg(long, value_name = "REF")]
    new_from_rev: Option<String>,
    /// List skipped files and documents, and why, on stderr
    #[arg(long, short)]
    verbose: bool,
    /// Number of threads, 1 to 256 (default: one per core); the output does not depend on it
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
    threads: Option<u16>,
    #[command(flatten)]
    rulesets: RulesetArgs,
}

/// Where the rules beyond the built-in ones come from.
#[derive(Debug, Default, Args)]
struct RulesetArgs {
    /// A Spectral ruleset or archlint rules file to load (repeatable, as Spectral's `-r`); given,
    /// no `.spectral.yaml` is picked up
    #[arg(long, short = 'r', value_name = "FILE")]
    ruleset: Vec<PathBuf>,
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
    #[command(flatten)]
    rulesets: RulesetArgs,
    /// Draw events, with publish and subscribe edges
    #[arg(long)]
    events: bool,
    /// Draw named data-store instances, with the services that use them
    #[arg(long)]
    datastores: bool,
    /// Draw only this service's neighbourhood (see `--depth`)
    #[arg(long, value_name = "NAME")]
    focus: Option<String>,
    /// With `--focus`: how many edges away from the service to draw
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Draw only this domain's services and what they are connected to
    #[arg(long, value_name = "DOMAIN")]
    domain: Option<String>,
    /// Draw one node per domain, the edges between domains counted
    #[arg(long, value_enum, value_name = "BY")]
    collapse: Option<Collapse>,
    /// The lowest severity whose edges are highlighted
    #[arg(long, value_enum, default_value_t = Highlight::Error)]
    highlight: Highlight,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Collapse {
    /// One node per `domain`
    Domain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Highlight {
    Error,
    Warning,
    Info,
}

/// The configuration and rulesets `rules` and `explain` read, found as `check` finds them from
/// the current folder.
#[derive(Debug, Args)]
struct LoadedRules {
    /// Configuration file (found as for `check` when not given)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    rulesets: RulesetArgs,
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
    #[value(alias = "warn")]
    Warning,
    #[value(alias = "hint")]
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
    let threads = match &cli.command {
        Command::Check(args) => args.threads,
        _ => None,
    };
    let outcome = start_threads(threads).and_then(|()| match cli.command {
        Command::Check(args) => check(args),
        Command::Graph(args) => draw(args),
        Command::Rules { format, loaded } => list_rules(format, &loaded),
        Command::Explain { rule, loaded } => explain(&rule, &loaded),
        Command::Completions { shell } => completions(shell),
        Command::Man { command } => man_page(command.as_deref()),
        Command::Init { folder } => init(&folder),
        Command::Checklist(args) => checklist(args),
    });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Trouble(message)) => {
            // A message may quote a rule's or a file's name, which a document wrote.
            say!("archlint: error: {}", visible::one_line(&message));
            ExitCode::from(exit::TROUBLE)
        }
    }
}

/// The most threads a run starts. Beside `--threads`, rayon reads `RAYON_NUM_THREADS`, with no
/// bound of its own: 100,000 there started about 13,000 threads for a check of 13 files, and
/// the machine ran out before the check did.
const MAX_THREADS: usize = 256;

/// Starts the threads the run works on: as many as `--threads` asks, else as `RAYON_NUM_THREADS`
/// asks up to [`MAX_THREADS`], else one per core (rayon's choice).
fn start_threads(requested: Option<u16>) -> Result<(), Trouble> {
    let variable = |name| std::env::var(name).ok();
    let Some(threads) = threads_to_start(
        requested,
        variable("RAYON_NUM_THREADS").as_deref(),
        variable("RAYON_RS_NUM_CPUS").as_deref(),
    ) else {
        return Ok(());
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .map_err(|error| Trouble(format!("cannot start {threads} threads: {error}")))
}

/// How many threads to start, where rayon's own choice will not do: `--threads` (`requested`),
/// or what rayon would read from its variables, `RAYON_NUM_THREADS` (`num_threads`) and else
/// `RAYON_RS_NUM_CPUS` (`num_cpus`), read as rayon reads them, when that is more than
/// [`MAX_THREADS`].
fn threads_to_start(
    requested: Option<u16>,
    num_threads: Option<&str>,
    num_cpus: Option<&str>,
) -> Option<usize> {
    if let Some(threads) = requested {
        return Some(usize::from(threads));
    }
    let number = |value: Option<&str>| value?.parse::<usize>().ok();
    // `RAYON_NUM_THREADS=0` asks for one thread per core, and the other is not read then.
    let asked = match number(num_threads) {
        Some(0) => return None,
        Some(asked) => asked,
        None => number(num_cpus).filter(|&asked| asked > 0)?,
    };
    (asked > MAX_THREADS).then_some(MAX_THREADS)
}

fn check(args: CheckArgs) -> Result<u8, Trouble> {
    require_paths(&args.paths)?;
    let Setup {
        config,
        rules,
        rulesets,
        ..
    } = setup(args.config.as_deref(), &args.rulesets, &args.paths)?;
    // The baseline is looked at before the run: one that cannot be read, or a place a baseline
    // cannot be written, is told at once, not after a check of the whole repository.
    let known = match (&args.write_baseline, &args.baseline) {
        (Some(path), _) => {
            Baseline::writable(path).map_err(Trouble)?;
            None
        }
        (None, Some(path)) => {
            if let Some(problem) = crate::load::not_a_file(path) {
                return Err(Trouble(format!(
                    "baseline file `{}` {problem}",
                    path.display()
                )));
            }
            Some(Baseline::read(path).map_err(Trouble)?)
        }
        (None, None) => None,
    };
    let scope = Scope::new(&args.paths, &config);
    let Analysis {
        discovery,
        workspace,
        diagnostics,
        ..
    } = pipeline::analyze(&scope.walk, &config, &rules)
        .map_err(|error| Trouble(format!("in the configuration: {error}")))?;
    // The process ends after the report, and the operating system takes its memory back at
    // once: freeing a large workspace value by value would cost a tenth of the run. (The model
    // and the graph, smaller, go now: `--new-from-rev` may run a second check.)
    let workspace = std::mem::ManuallyDrop::new(workspace);
    let sources = &workspace.sources;
    // A note names a file, whose name is the repository's to write: shown, not acted on.
    let name = |path: &Path| visible::one_line(&crate::source::display_name(path)).into_owned();
    let file_name = |file: FileId| visible::one_line(&sources.get(file).name).into_owned();
    if args.verbose {
        let mut err = io::stderr().lock();
        for ruleset in &rulesets {
            let _ = writeln!(err, "loaded {}", name(ruleset));
        }
        for (path, reason) in &discovery.skipped {
            let _ = writeln!(err, "skipped {}: {}", name(path), visible::one_line(reason));
        }
        for (file, reason) in &workspace.skipped_files {
            let _ = writeln!(
                err,
                "skipped {}: {}",
                file_name(*file),
                visible::one_line(reason)
            );
        }
        for markdown in &workspace.markdown {
            if let crate::load::markdown::Recognition::Other(reason) = markdown.recognition {
                let _ = writeln!(err, "skipped {}: {reason}", file_name(markdown.file));
            }
        }
    }
    // An architecture document archlint cannot read is worth a word even unasked; a document that
    // is no architecture document is only listed with `--verbose`.
    if args.verbose || !args.quiet {
        // Which document of a file is said only of a file of several (a YAML stream).
        let streams: HashSet<FileId> = workspace
            .documents
            .iter()
            .chain(&workspace.unclassified)
            .filter(|document| document.index > 0)
            .map(|document| document.file)
            .collect();
        let mut err = io::stderr().lock();
        for (document, skip) in workspace.skipped_documents() {
            if !args.verbose && !skip.is_unsupported() {
                continue;
            }
            let which = if streams.contains(&document.file) {
                format!(" (document {})", document.index + 1)
            } else {
                String::new()
            };
            let _ = writeln!(
                err,
                "skipped {}{which}: {}",
                file_name(document.file),
                visible::one_line(&skip.reason())
            );
        }
    }
    if workspace.is_empty() && !args.quiet {
        say_none_found(&args.paths);
    }
    let baseline = match &args.write_baseline {
        Some(path) => {
            let baseline = Baseline::record(&diagnostics, sources, &baseline::folder_of(path));
            baseline.write(path).map_err(Trouble)?;
            if !args.quiet {
                say!(
                    "archlint: recorded {} in the baseline `{}`",
                    plural(diagnostics.len(), "violation"),
                    crate::source::display_name(path)
                );
            }
            Some(baseline)
        }
        None => known,
    };
    let applied = baseline
        .as_ref()
        .map(|baseline| baseline.apply(&diagnostics, sources))
        .unwrap_or_default();
    let before = findings_before(args.new_from_rev.as_deref(), &scope, &config, &rules)?
        .map(|old| old.apply(&diagnostics, sources).hidden)
        .unwrap_or_default();
    let in_scope = scope.filter(sources);
    let mut hidden = 0;
    let mut existing = 0;
    // Filtered in place: a large run's diagnostics (140,000 at 10,000 services) are neither
    // moved into a second list nor held twice. Like the workspace, they are left to the
    // operating system at exit.
    let mut shown = std::mem::ManuallyDrop::new(diagnostics);
    let mut index = 0;
    shown.retain(|diagnostic| {
        let at = index;
        index += 1;
        if !in_scope(diagnostic) {
            false
        } else if before.get(at).copied().unwrap_or(false) {
            existing += 1;
            false
        } else if applied.hidden.get(at).copied().unwrap_or(false) {
            hidden += 1;
            false
        } else {
            true
        }
    });
    let stale: Vec<&baseline::Entry> = match &baseline {
        Some(baseline) => applied
            .stale
            .iter()
            .filter(|entry| scope.holds(&baseline.folder.join(&entry.file)))
            .collect(),
        None => Vec::new(),
    };
    let report = Report {
        diagnostics: &shown,
        sources,
        rules: &rules,
    };
    let human = args.format == OutputFormat::Human;
    let color = use_color(args.color, io::stdout().is_terminal());
    let written = {
        // Stdout is line-buffered: a report written straight to it costs a system call a line.
        let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
        let reporter = if human {
            report::annotated_source(color)
        } else {
            report::reporter(args.format, color)
        };
        reporter.report(&report, &mut out).and_then(|()| {
            // Human output is for people and holds everything; other formats keep stdout to
            // their own document and say the rest on stderr.
            // Notes on stderr no one reads are dropped, as `say!` drops its lines: the report is
            // whole without them.
            if human {
                write_notes(&mut out, &report, &args, &stale, hidden, human)?;
            } else {
                let _ = write_notes(
                    &mut io::stderr().lock(),
                    &report,
                    &args,
                    &stale,
                    hidden,
                    human,
                );
            }
            out.flush()
        })
    };
    output(written, "the report")?;
    if let (Some(revision), false) = (&args.new_from_rev, args.quiet) {
        say!(
            "archlint: {} already at `{revision}` not reported",
            plural(existing, "finding")
        );
    }
    let failed = shown
        .iter()
        .any(|diagnostic| args.fail_on.fails(diagnostic.severity))
        || (args.strict_baseline && !stale.is_empty());
    Ok(if failed { exit::PROBLEMS } else { exit::CLEAN })
}

/// What follows the diagnostics: statistics when asked for, stale baseline entries, the
/// number of violations the baseline hid and, in human output, the summary line.
fn write_notes(
    out: &mut dyn Write,
    report: &Report<'_>,
    args: &CheckArgs,
    stale: &[&baseline::Entry],
    hidden: usize,
    human: bool,
) -> io::Result<()> {
    if args.statistics {
        for (rule, severity, count) in report::statistics(report.diagnostics) {
            let rule = visible::one_line(rule);
            writeln!(out, "{count:>6}  {:7}  {rule}", severity.as_str())?;
        }
    }
    for entry in stale {
        let times = if entry.count > 1 {
            format!(" ({} of them)", entry.count)
        } else {
            String::new()
        };
        let line = format!(
            "warning[baseline]: stale entry{times}: `{}` at {}{} no longer reports: {}",
            entry.rule,
            entry.file,
            // A pointer is the file's fragment, as a `$ref` writes it (`services.yaml#/services`),
            // not a folder of the path; a document of a YAML stream is `#N` already.
            if entry.subject.starts_with('/') {
                format!("#{}", entry.subject)
            } else if entry.subject.is_empty() || entry.subject.starts_with('#') {
                entry.subject.clone()
            } else {
                format!(" `{}`", entry.subject)
            },
            entry.message
        );
        // The entry is the baseline file's text: one line, as its fields may not be.
        writeln!(out, "{}", visible::one_line(&line))?;
    }
    if !stale.is_empty() {
        // Counts are the file's, as large as it says: their sum is taken wide.
        let count: u64 = stale.iter().map(|entry| u64::from(entry.count)).sum();
        writeln!(
            out,
            "{} in the baseline no longer {}: fixed or changed; `--write-baseline FILE` records the \
             current state",
            plural(usize::try_from(count).unwrap_or(usize::MAX), "violation"),
            if count == 1 { "matches" } else { "match" }
        )?;
    }
    if args.quiet {
        return Ok(());
    }
    let hidden_note = (hidden > 0 || args.baseline.is_some() || args.write_baseline.is_some())
        .then(|| format!("{} hidden", plural(hidden, "known violation")));
    match (human, hidden_note) {
        (true, Some(note)) => writeln!(out, "{}; {note}", report.summary()),
        (true, None) => writeln!(out, "{}", report.summary()),
        (false, Some(note)) => writeln!(out, "archlint: {note}"),
        (false, None) => Ok(()),
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// With `--new-from-rev REF`, the findings the repository had at REF, to leave out of the report.
fn findings_before(
    revision: Option<&str>,
    scope: &Scope,
    config: &Config,
    rules: &rules::Registry,
) -> Result<Option<Baseline>, Trouble> {
    let Some(revision) = revision else {
        return Ok(None);
    };
    let root = scope.walk.first().map_or(Path::new("."), PathBuf::as_path);
    crate::revision::findings_at(revision, root, config, rules)
        .map(Some)
        .map_err(Trouble)
}

/// A run that found nothing to read says so: an empty report alone looks like a clean one.
fn say_none_found(paths: &[PathBuf]) {
    let shown: Vec<String> = paths
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    say!(
        "archlint: no architecture documents found in {}",
        shown.join(", ")
    );
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
    let Setup { config, rules, .. } = setup(args.config.as_deref(), &args.rulesets, &args.paths)?;
    let analysis = pipeline::analyze(&args.paths, &config, &rules)
        .map_err(|error| Trouble(format!("in the configuration: {error}")))?;
    // A picture with a document missing looks like a true one: what it leaves out is said.
    let unread: std::collections::BTreeSet<FileId> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "parse-error")
        .map(|diagnostic| diagnostic.primary_span().file)
        .collect();
    if !unread.is_empty() {
        say!(
            "archlint: note: {} could not be read, and what {} is not in the picture; \
             `archlint check` shows why",
            plural(unread.len(), "file"),
            if unread.len() == 1 {
                "it says"
            } else {
                "they say"
            }
        );
    }
    if analysis.workspace.is_empty() {
        say_none_found(&args.paths);
    }
    let picture = view(&analysis, &args).map_err(Trouble)?;
    if args.format == PictureFormat::Mermaid
        && picture.edges.len() > crate::picture::MERMAID_MAX_EDGES
    {
        say!(
            "archlint: note: {} edges; Mermaid (GitHub's too) draws at most {} and refuses a \
             larger flowchart: narrow it with --focus, --domain or --collapse domain, or use \
             --format dot",
            picture.edges.len(),
            crate::picture::MERMAID_MAX_EDGES
        );
    }
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = picture
        .write(args.format, &mut out)
        .and_then(|()| out.flush());
    output(written, "the picture")?;
    Ok(exit::CLEAN)
}

/// The picture `graph`'s options ask for: highlighted at a severity, narrowed to a service's
/// neighbourhood or a domain, collapsed by domain.
fn view(analysis: &Analysis, args: &GraphArgs) -> Result<Picture, String> {
    let highlight = match args.highlight {
        Highlight::Error => Severity::Error,
        Highlight::Warning => Severity::Warning,
        Highlight::Info => Severity::Info,
    };
    let mut picture = Picture::highlighting(analysis, args.events, args.datastores, highlight);
    if let Some(domain) = &args.domain {
        picture = picture.domain(domain)?;
    }
    if let Some(name) = &args.focus {
        picture = picture.focus(name, args.depth)?;
    }
    if args.collapse == Some(Collapse::Domain) {
        picture = picture.collapse_domains();
    }
    Ok(picture)
}

fn checklist(args: ChecklistArgs) -> Result<u8, Trouble> {
    require_paths(&args.paths)?;
    let Setup { config, rules, .. } =
        setup(args.config.as_deref(), &RulesetArgs::default(), &args.paths)?;
    let list = crate::checklist::Checklist::configured(
        config.checklist.as_ref(),
        &config.root,
        config.limits.max_file_size,
        &rules,
    )
    .map_err(Trouble)?;
    let analysis = pipeline::analyze(&args.paths, &config, &rules)
        .map_err(|error| Trouble(format!("in the configuration: {error}")))?;
    let runs = |name: &str| {
        rules
            .find(name)
            .is_some_and(|rule| config.runs(name, rule.meta().on_by_default))
    };
    let answers = crate::checklist::Answers::new(&list, &analysis, &runs);
    let mut out = io::stdout().lock();
    let written =
        crate::checklist::render(&answers, args.format, &mut out).and_then(|()| out.flush());
    output(written, "the checklist")?;
    let failed = args.fail_on == ChecklistFailOn::Unmet && answers.summary.unmet > 0;
    Ok(if failed { exit::PROBLEMS } else { exit::CLEAN })
}

/// What a run is configured with: the configuration, and the rules, built in and loaded.
struct Setup {
    config: Config,
    rules: rules::Registry,
    /// The ruleset files loaded, in the order they were read.
    rulesets: Vec<PathBuf>,
    /// The rules of the rulesets that cannot run here, skipped (each with a warning).
    skipped_rules: Vec<String>,
}

/// Finds and reads the configuration, loads the rulesets it, `--ruleset` and the repository
/// name, and checks the configuration's rule names against the rules that result. Every mistake
/// in any of those files is shown at its place, and the run stops with exit code 2.
fn setup(given: Option<&Path>, args: &RulesetArgs, paths: &[PathBuf]) -> Result<Setup, Trouble> {
    let path = match given {
        Some(path) => {
            if let Some(problem) = crate::load::not_a_file(path) {
                return Err(Trouble(format!(
                    "configuration file `{}` {problem}",
                    path.display()
                )));
            }
            Some(path.to_path_buf())
        }
        None => config::find(paths),
    };
    if let Some((missing, problem)) = args
        .ruleset
        .iter()
        .find_map(|path| Some((path, crate::load::not_a_file(path)?)))
    {
        return Err(Trouble(format!(
            "ruleset `{}` {problem}",
            missing.display()
        )));
    }
    let configured = crate::rulesets::configure(path.as_deref(), &args.ruleset, paths)
        .map_err(|error| config_trouble(path.as_deref(), error))?;
    let (sources, warnings) = &configured.warnings;
    if !warnings.is_empty() {
        let diagnostics: Vec<Diagnostic> = warnings
            .iter()
            .map(|finding| Diagnostic::new(Severity::Warning, finding.clone()))
            .collect();
        let report = Report {
            diagnostics: &diagnostics,
            sources,
            rules: &configured.rules,
        };
        let color = use_color(ColorChoice::Auto, io::stderr().is_terminal());
        let _ = report::annotated_source(color).report(&report, &mut io::stderr().lock());
    }
    Ok(Setup {
        config: configured.config,
        rules: configured.rules,
        rulesets: configured.rulesets,
        skipped_rules: configured.skipped_rules,
    })
}

/// A configuration or ruleset that cannot be used: its mistakes shown at their places on
/// stderr, and one line to end with.
fn config_trouble(path: Option<&Path>, error: ConfigError) -> Trouble {
    match error {
        ConfigError::Unreadable(message) => Trouble(message),
        ConfigError::Invalid { sources, findings } => {
            let count = findings.len();
            let diagnostics: Vec<Diagnostic> = findings
                .into_iter()
                .map(|finding| Diagnostic::new(Severity::Error, finding))
                .collect();
            let registry = rules::Registry::built_in();
            let report = Report {
                diagnostics: &diagnostics,
                sources: &sources,
                rules: &registry,
            };
            let color = use_color(ColorChoice::Auto, io::stderr().is_terminal());
            // Rendered without the summary line: there was no run to summarise.
            let _ = report::annotated_source(color).report(&report, &mut io::stderr().lock());
            let files: std::collections::BTreeSet<FileId> = diagnostics
                .iter()
                .map(|diagnostic| diagnostic.primary_span().file)
                .collect();
            let mistakes = if count == 1 { "mistake" } else { "mistakes" };
            let configuration = |file: &FileId| Some(sources.get(*file).path.as_path()) == path;
            match files.first() {
                Some(file) if files.len() == 1 && !configuration(file) => Trouble(format!(
                    "the ruleset `{}` has {count} {mistakes}",
                    sources.get(*file).name
                )),
                _ if files.len() > 1 => Trouble(format!(
                    "the configuration and its rulesets have {count} {mistakes}"
                )),
                _ => Trouble(format!(
                    "the configuration `{}` has {count} {mistakes}",
                    path.map(crate::source::display_name).unwrap_or_default()
                )),
            }
        }
    }
}

/// Colour under `auto` as the conventions clap's own help follows (read by `anstyle-query`, the
/// crate clap reads them with): never with `NO_COLOR` set (https://no-color.org) or
/// `CLICOLOR=0`; always with `CLICOLOR_FORCE` set; else on a terminal that is not `TERM=dumb`.
fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if anstyle_query::no_color() {
                false
            } else if anstyle_query::clicolor_force() {
                true
            } else if anstyle_query::clicolor() == Some(false) {
                false
            } else {
                terminal
                    && (anstyle_query::term_supports_color()
                        || anstyle_query::clicolor() == Some(true)
                        || anstyle_query::is_ci())
            }
        }
    }
}

/// The registry `rules` and `explain` describe: the built-in rules and those the configuration,
/// `--ruleset` or a `.spectral.yaml` in the current folder load.
fn loaded_rules(loaded: &LoadedRules) -> Result<rules::Registry, Trouble> {
    Ok(loaded_setup(loaded)?.rules)
}

fn loaded_setup(loaded: &LoadedRules) -> Result<Setup, Trouble> {
    let here = [PathBuf::from(".")];
    setup(loaded.config.as_deref(), &loaded.rulesets, &here)
}

/// Where a rule comes from, as `rules` shows it.
fn origin(meta: &rules::RuleMeta) -> String {
    match &meta.origin {
        rules::Origin::BuiltIn => match meta.family {
            rules::Family::Oas => "spectral:oas".to_string(),
            rules::Family::Asyncapi => "spectral:asyncapi".to_string(),
            _ => "built-in".to_string(),
        },
        rules::Origin::Loaded(path) => crate::source::display_name(path),
    }
}

fn list_rules(format: ListFormat, loaded: &LoadedRules) -> Result<u8, Trouble> {
    let registry = loaded_rules(loaded)?;
    let mut out = io::stdout().lock();
    let written = match format {
        ListFormat::Human => {
            let width = registry
                .iter()
                .map(|rule| visible::one_line(&rule.meta().name).len())
                .max()
                .unwrap_or(0);
            registry.iter().try_for_each(|rule| {
                let meta = rule.meta();
                // Spectral's rules say which of its rulesets they are, as a loaded rule says
                // its file; archlint's own need no word.
                let from = match (&meta.origin, meta.family) {
                    (rules::Origin::BuiltIn, rules::Family::Oas | rules::Family::Asyncapi)
                    | (rules::Origin::Loaded(_), _) => format!(" (from {})", origin(meta)),
                    (rules::Origin::BuiltIn, _) => String::new(),
                };
                // A loaded rule's name and summary are its ruleset's text, shown, not acted on.
                writeln!(
                    out,
                    "{:width$}  {:8}  {:7}  {}{}",
                    visible::one_line(&meta.name),
                    meta.family.as_str(),
                    meta.default_severity.as_str(),
                    visible::one_line(&meta.summary),
                    visible::one_line(&from)
                )
            })
        }
        ListFormat::Json => {
            let listed: Vec<serde_json::Value> = registry
                .iter()
                .map(|rule| {
                    let meta = rule.meta();
                    serde_json::json!({
                        "name": meta.name,
                        "family": meta.family,
                        "default_severity": meta.default_severity,
                        "summary": meta.summary,
                        "source": origin(meta),
                        "documentation": meta.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &listed)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    output(written, "the rules")?;
    Ok(exit::CLEAN)
}

fn explain(name: &str, loaded: &LoadedRules) -> Result<u8, Trouble> {
    let Setup {
        rules: registry,
        skipped_rules,
        ..
    } = loaded_setup(loaded)?;
    if registry.find(name).is_none() && skipped_rules.iter().any(|skipped| skipped == name) {
        return Err(Trouble(format!(
            "rule `{name}` is not run, as the warning above says: there is nothing of it to explain"
        )));
    }
    let Some(rule) = registry.find(name) else {
        let suggestion = crate::suggest::closest(name, registry.names(), str::to_string)
            .map(|close| format!("; did you mean `{close}`?"))
            .unwrap_or_else(|| "; `archlint rules` lists every rule".to_string());
        return Err(Trouble(format!("unknown rule `{name}`{suggestion}")));
    };
    let meta = rule.meta();
    let more = meta
        .url
        .as_ref()
        .map(|url| format!("\n\nMore: {url}"))
        .unwrap_or_default();
    let page = format!(
        "# {}\n\nFamily: {} · Default severity: {} · Source: {}\n\n{}.\n\n{}{more}",
        meta.name,
        meta.family.as_str(),
        meta.default_severity,
        origin(meta),
        capitalize(meta.summary.trim_end_matches('.')),
        meta.documentation()
    );
    // A loaded rule's page quotes its ruleset, whose text is shown, not acted on.
    let written = writeln!(
        io::stdout().lock(),
        "{}",
        visible::keeping_line_feeds(&page)
    );
    output(written, "the documentation")?;
    Ok(exit::CLEAN)
}

fn completions(shell: Shell) -> Result<u8, Trouble> {
    // Generated into memory first: the generator does not report a failed write.
    let mut script = Vec::new();
    // `explain <TAB>` offers the rule names. Only the scripts know them as a list: `explain`
    // itself takes any text, so a mistyped name gets "did you mean".
    let mut command = Cli::command().mut_subcommand("explain", |explain| {
        explain.mut_arg("rule", |rule| {
            // Built-in rules live as long as the program, so their names need no copy.
            let names: Vec<&'static str> = rules::BUILT_IN
                .iter()
                .copied()
                .chain(crate::spectral::ruleset::built_in_rules())
                .map(|rule: &'static dyn rules::Rule| rule.meta().name.as_ref())
                .collect();
            rule.value_parser(clap::builder::PossibleValuesParser::new(names))
        })
    });
    clap_complete::generate(shell, &mut command, "archlint", &mut script);
    let mut out = io::stdout().lock();
    output(
        out.write_all(&script).and_then(|()| out.flush()),
        "the completions",
    )?;
    Ok(exit::CLEAN)
}

fn man_page(command: Option<&str>) -> Result<u8, Trouble> {
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let names: Vec<String> = cli
                .get_subcommands()
                .map(|sub| sub.get_name().to_string())
                .collect();
            let Some(sub) = cli.find_subcommand(name) else {
                return Err(Trouble(format!(
                    "no command `{name}`; the commands are {}",
                    names.join(", ")
                )));
            };
            // Named as the top page's SEE ALSO names it: archlint-check(1).
            // The page lives as long as the process: its name may too.
            let full: &'static str = format!("archlint-{}", sub.get_name()).leak();
            sub.clone()
                .name(full)
                .display_name(full)
                .bin_name(format!("archlint {}", sub.get_name()))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = io::stdout().lock();
    let written = clap_mangen::Man::new(page)
        .render(&mut out)
        .and_then(|()| out.flush());
    output(written, "the man page")?;
    Ok(exit::CLEAN)
}

/// `archlint init`: a starter configuration from a check of `folder`, written unless one exists.
fn init(folder: &Path) -> Result<u8, Trouble> {
    if !folder.is_dir() {
        return Err(Trouble(format!("`{}` is not a folder", folder.display())));
    }
    if let Some(existing) = crate::config::FILE_NAMES
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.exists())
    {
        return Err(Trouble(format!(
            "`{}` already exists; archlint init does not replace a configuration",
            crate::source::display_name(&existing)
        )));
    }
    // The ruleset the git root holds stays read where the folder has none of its own: the
    // configuration names it.
    let above = crate::rulesets::found_above(folder);
    let inherited: Vec<PathBuf> = match &above {
        Some((ruleset, None)) => vec![ruleset.clone()],
        _ => Vec::new(),
    };
    // The folder is checked as it will be once the configuration is there: the folder is the
    // root, its `.spectral.yaml` is read, and a configuration above it no longer applies.
    let configured = crate::rulesets::configure_new(folder, &inherited)
        .map_err(|error| config_trouble(None, error))?;
    let paths = [folder.to_path_buf()];
    if let Some(above) = crate::config::find(&paths) {
        // Found from the current folder, so named from it.
        say!(
            "archlint: note: `{}` configures this folder today; checks of it will read the new \
             configuration instead",
            crate::source::display_name(&from_here(&above))
        );
    }
    let analysis = pipeline::analyze(&paths, &configured.config, &configured.rules)
        .map_err(|error| Trouble(format!("cannot check `{}`: {error}", folder.display())))?;
    let rulesets: Vec<String> = inherited
        .iter()
        .map(|ruleset| named_from(folder, ruleset))
        .collect();
    // Said: the new root changes which ruleset checks of the folder read.
    let shown = |path: &Path| {
        visible::one_line(&crate::source::display_name(&from_here(path))).into_owned()
    };
    match &above {
        Some((ruleset, None)) => say!(
            "archlint: note: checks of this folder read `{}` at the repository's root; the new \
             configuration names it under `rulesets:`, so they still do",
            shown(ruleset)
        ),
        Some((ruleset, Some(own))) => say!(
            "archlint: note: checks of this folder read `{}` at the repository's root; with the \
             new configuration they read the folder's own `{}` instead (name the other under \
             `rulesets:` to read both)",
            shown(ruleset),
            shown(own)
        ),
        None => {}
    }
    let text = crate::init::starter(&analysis, &rulesets);
    let path = crate::init::write(folder, &text).map_err(Trouble)?;
    say!(
        "archlint: wrote `{}`; `archlint check` uses it",
        crate::source::display_name(&path)
    );
    Ok(exit::CLEAN)
}

/// `path` relative to the current folder, where `init` found it from.
fn from_here(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|here| pathdiff::diff_paths(path, here))
        .unwrap_or_else(|| path.to_path_buf())
}

/// `ruleset` as a configuration in `folder` names it under `rulesets:`: relative to the folder
/// as the system finds it (`..` steps out of where a symbolic link leads, not out of the link),
/// else whole. The ruleset keeps its own name: a link to a team's shared file stays the link the
/// repository holds.
fn named_from(folder: &Path, ruleset: &Path) -> String {
    let real = |path: &Path| std::fs::canonicalize(path).ok();
    let real_ruleset = ruleset
        .parent()
        .and_then(real)
        .zip(ruleset.file_name())
        .map(|(parent, name)| parent.join(name));
    let named = match (real(folder), real_ruleset) {
        (Some(folder), Some(ruleset)) => pathdiff::diff_paths(&ruleset, &folder).unwrap_or(ruleset),
        _ => std::path::absolute(ruleset).unwrap_or_else(|_| ruleset.to_path_buf()),
    };
    named.to_string_lossy().replace('\\', "/")
}

/// The end of a write to standard output. A reader that stopped early (`archlint check | head`)
/// is no trouble: what it read is the answer, and the exit code still tells the result.
fn output(written: io::Result<()>, what: &str) -> Result<(), Trouble> {
    match written {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        written => written.map_err(|error| Trouble(format!("cannot write {what}: {error}"))),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::{MAX_THREADS, threads_to_start};

    #[test]
    fn threads_are_bounded_whoever_asks() {
        assert_eq!(threads_to_start(Some(3), Some("100000"), None), Some(3));
        // Rayon's own choice, or what its variables ask within the bound, is left to rayon.
        assert_eq!(threads_to_start(None, None, None), None);
        assert_eq!(threads_to_start(None, Some("8"), Some("100000")), None);
        assert_eq!(threads_to_start(None, Some("not a number"), None), None);
        // Rayon reads the variables as written: a value with spaces is no number to it.
        assert_eq!(threads_to_start(None, Some(" 100000 "), None), None);
        assert_eq!(
            threads_to_start(None, Some("100000"), None),
            Some(MAX_THREADS)
        );
        assert_eq!(threads_to_start(None, Some("0"), Some("100000")), None);
        assert_eq!(
            threads_to_start(None, Some("many"), Some("100000")),
            Some(MAX_THREADS)
        );
        assert_eq!(
            threads_to_start(None, None, Some(&(MAX_THREADS + 1).to_string())),
            Some(MAX_THREADS)
        );
    }
}
