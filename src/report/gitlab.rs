//! GitLab code quality: a JSON array of CodeClimate-style issues with `description`,
//! `check_name` (the rule), `fingerprint` (line-independent, from the baseline's subject, so an
//! issue keeps its identity while lines move), `severity` (error → major, warning → minor,
//! info → info) and `location` (`path` and `lines.begin`).

use super::{Report, Reporter};
use crate::diagnostic::Severity;
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

pub struct Gitlab;

/// The issues, each written as it is made: made into one list of values first, a large report's
/// took half as much memory again as the whole check.
struct Issues<'r, 'a>(&'r Report<'a>);

impl Serialize for Issues<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Issues(report) = self;
        serializer.collect_seq(report.diagnostics.iter().map(|diagnostic| {
            let (file, start, end) = report.primary_location(diagnostic);
            json!({
                "type": "issue",
                "description": diagnostic.message,
                "check_name": diagnostic.rule,
                "fingerprint": report.fingerprint(diagnostic),
                "severity": severity(diagnostic.severity),
                "location": {
                    "path": file,
                    "lines": { "begin": start.line, "end": end.line },
                },
            })
        }))
    }
}

impl Reporter for Gitlab {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &Issues(report)).map_err(io::Error::from)?;
        writeln!(out)
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
