//! `path:line:col: severity[rule]: message`, one line per diagnostic: the format editors'
//! problem matchers read (regex in the README).

use super::{Report, Reporter};
use std::io::{self, Write};

pub struct Short;

impl Reporter for Short {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in report.diagnostics {
            let (file, start, _) = report.primary_location(diagnostic);
            let message = diagnostic.message.replace('\n', " ");
            writeln!(
                out,
                "{file}:{}:{}: {}[{}]: {message}",
                start.line, start.column, diagnostic.severity, diagnostic.rule
            )?;
        }
        Ok(())
    }
}
