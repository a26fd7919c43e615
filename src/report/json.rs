//! A stable JSON object: `version` (of this format), `diagnostics` and `summary`. Fields are
//! only ever added, never renamed or removed, within one `version`.

use super::{Report, Reporter, Summary};
use crate::diagnostic::{Label, Severity};
use crate::source::LineColumn;
use serde::Serialize;
use std::io::{self, Write};

pub struct Json;

/// The version of the JSON output format.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a, 'r> {
    version: u32,
    tool: Tool,
    diagnostics: Diagnostics<'a, 'r>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The diagnostics, each converted as it is written: a run with a hundred thousand findings
/// never holds a second copy of them.
struct Diagnostics<'a, 'r>(&'r Report<'a>);

impl Serialize for Diagnostics<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        serializer.collect_seq(report.diagnostics.iter().map(|diagnostic| {
            let (file, start, end) = report.locate(diagnostic.primary_span());
            JsonDiagnostic {
                rule: &diagnostic.rule,
                severity: diagnostic.severity,
                message: &diagnostic.message,
                file,
                start,
                end,
                labels: Labels(report, &diagnostic.labels),
                notes: &diagnostic.notes,
                help: diagnostic.help.as_deref(),
            }
        }))
    }
}

struct Labels<'a, 'r>(&'r Report<'a>, &'r [Label]);

impl Serialize for Labels<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Labels(report, labels) = self;
        serializer.collect_seq(labels.iter().map(|label| {
            let (file, start, end) = report.locate(label.span);
            JsonLabel {
                file,
                start,
                end,
                message: &label.message,
                primary: label.primary,
            }
        }))
    }
}

// The location's fields are written out in both structs rather than flattened from one:
// `#[serde(flatten)]` serializes through a map, which cost a large report a tenth of its time.
#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    start: LineColumn,
    end: LineColumn,
    message: &'a str,
    primary: bool,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a, 'r> {
    rule: &'r str,
    severity: Severity,
    message: &'r str,
    file: &'r str,
    start: LineColumn,
    end: LineColumn,
    labels: Labels<'a, 'r>,
    notes: &'r [String],
    help: Option<&'r str>,
}

impl Reporter for Json {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let output = Output {
            version: FORMAT_VERSION,
            tool: Tool {
                name: "archlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            diagnostics: Diagnostics(report),
            summary: report.summary(),
        };
        // The serializer makes many small writes: through a buffer of a known type they are
        // copies, not a call through `dyn Write` each.
        let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut buffered, &output).map_err(io::Error::from)?;
        writeln!(buffered)?;
        buffered.flush()
    }
}
