//! `path:line:col: severity[rule]: message`, one line per diagnostic: the format editors'
//! problem matchers read (regex in the README). A line break in a file name, a rule name or a
//! message would split a diagnostic in two (the second half read as a finding of its own), and
//! an escape sequence would reach the terminal: each is written visibly (see [`visible`]).

use super::{Report, Reporter, visible};
use std::io::{self, Write};

pub struct Short;

impl Reporter for Short {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in report.diagnostics {
            let (file, start, _) = report.primary_location(diagnostic);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                visible::one_line(file),
                start.line,
                start.column,
                diagnostic.severity,
                visible::one_line(&diagnostic.rule),
                visible::one_line(&diagnostic.message)
            )?;
        }
        Ok(())
    }
}
