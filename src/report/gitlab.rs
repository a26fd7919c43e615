//! GitLab code quality: a JSON array of CodeClimate-style issues with `description`,
//! `check_name` (the rule), `fingerprint` (line-independent, from the baseline's subject, so an
//! issue keeps its identity while lines move), `severity` (error → major, warning → minor,
//! info → info) and `location` (`path` and `lines.begin`).

use super::{Report, Reporter};
use crate::diagnostic::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Gitlab;

impl Reporter for Gitlab {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let issues: Vec<Value> = report
            .diagnostics
            .iter()
            .map(|diagnostic| {
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
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::from)?;
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
