//! Report: one output format per file behind [`Reporter`], chosen by one `match` in
//! [`reporter`]. Only `human` knows codespan-reporting.

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod short;
pub mod visible;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineColumn, Sources, Span};
use clap::ValueEnum;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated source, as a compiler shows errors (the default).
    Human,
    /// One line per problem, `path:line:col: severity[rule]: message`, for editors.
    Short,
    /// A stable JSON object (see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: one test case per rule and file.
    Junit,
    /// GitLab code quality JSON.
    Gitlab,
}

/// What a run found, with what a renderer needs to place it.
pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a Sources,
    /// The rules of the run, for the formats that describe them (SARIF).
    pub rules: &'a crate::rules::Registry,
}

impl Report<'_> {
    pub fn summary(&self) -> Summary {
        let count = |severity| {
            self.diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count()
        };
        Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            files: self.sources.len(),
        }
    }

    /// The file name and the 1-based start and end of a span.
    pub fn locate(&self, span: Span) -> (&str, LineColumn, LineColumn) {
        let file = self.sources.get(span.file);
        (
            &file.name,
            file.location(span.start as usize),
            file.location(span.end as usize),
        )
    }

    /// Where a diagnostic's primary label is.
    pub fn primary_location(&self, diagnostic: &Diagnostic) -> (&str, LineColumn, LineColumn) {
        self.locate(diagnostic.primary_span())
    }

    /// The diagnostic's identity across runs (see [`crate::baseline::fingerprint`]).
    pub fn fingerprint(&self, diagnostic: &Diagnostic) -> String {
        let file = &self.sources.get(diagnostic.primary_span().file).name;
        crate::baseline::fingerprint(diagnostic, file)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
}

impl std::fmt::Display for Summary {
    /// `3 errors, 1 warning in 12 files`, or `no problems in 12 files`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let parts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.infos, "info"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, word)| plural(count, word))
        .collect();
        let found = if parts.is_empty() {
            "no problems".to_string()
        } else {
            parts.join(", ")
        };
        write!(f, "{found} in {}", plural(self.files, "file"))
    }
}

/// How many diagnostics each rule reported at each severity: most first, then by rule.
pub fn statistics(diagnostics: &[Diagnostic]) -> Vec<(&str, Severity, usize)> {
    let mut counts: std::collections::BTreeMap<(&str, Severity), usize> = Default::default();
    for diagnostic in diagnostics {
        *counts
            .entry((diagnostic.rule.as_ref(), diagnostic.severity))
            .or_insert(0) += 1;
    }
    let mut rows: Vec<(&str, Severity, usize)> = counts
        .into_iter()
        .map(|((rule, severity), count)| (rule, severity, count))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(b.1.cmp(&a.1)));
    rows
}

pub trait Reporter {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The reporter for `format`; `color` says whether human output may use ANSI colours.
pub fn reporter(format: OutputFormat, color: bool) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human {
            color,
            summary: true,
        }),
        OutputFormat::Short => Box::new(short::Short),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Sarif => Box::new(sarif::Sarif),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Junit => Box::new(junit::Junit),
        OutputFormat::Gitlab => Box::new(gitlab::Gitlab),
    }
}

/// Annotated source without the summary line, for diagnostics that are not a run's result (a
/// configuration's mistakes).
pub fn annotated_source(color: bool) -> Box<dyn Reporter> {
    Box::new(human::Human {
        color,
        summary: false,
    })
}
