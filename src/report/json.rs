//! A stable JSON object: `version` (of this format), `diagnostics` and `summary`. Fields are
//! only ever added, never renamed or removed, within one `version`.

use super::{Report, Reporter, Summary};
use crate::diagnostic::Severity;
use crate::source::LineColumn;
use serde::Serialize;
use std::io::{self, Write};

pub struct Json;

/// The version of the JSON output format.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Location<'a> {
    file: &'a str,
    start: LineColumn,
    end: LineColumn,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    #[serde(flatten)]
    location: Location<'a>,
    message: &'a str,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    location: Location<'a>,
    labels: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
}

impl Reporter for Json {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let locate = |span| {
            let (file, start, end) = report.locate(span);
            Location { file, start, end }
        };
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|diagnostic| JsonDiagnostic {
                rule: &diagnostic.rule,
                severity: diagnostic.severity,
                message: &diagnostic.message,
                location: locate(diagnostic.primary_span()),
                labels: diagnostic
                    .labels
                    .iter()
                    .map(|label| JsonLabel {
                        location: locate(label.span),
                        message: &label.message,
                        primary: label.primary,
                    })
                    .collect(),
                notes: &diagnostic.notes,
                help: diagnostic.help.as_deref(),
            })
            .collect();
        let output = Output {
            version: FORMAT_VERSION,
            tool: Tool {
                name: "archlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            diagnostics,
            summary: report.summary(),
        };
        serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::from)?;
        writeln!(out)
    }
}
