//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,
//! title=RULE::message`, one per diagnostic, which GitHub shows as annotations on the pull
//! request's files. Info becomes `::notice`. Data is escaped as the runner unescapes it (`%`, CR,
//! LF); property values also escape `:` and `,`, which separate properties. Before that, a
//! character a terminal or the log would act on (an escape sequence a document wrote, a
//! right-to-left mark) is shown as its escape, as in every other format: the runner prints the
//! log, and a reader's terminal may too.

use super::{Report, Reporter};
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub struct Github;

impl Reporter for Github {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for diagnostic in report.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (file, start, end) = report.primary_location(diagnostic);
            let mut message = diagnostic.message.clone();
            for label in diagnostic.labels.iter().filter(|label| !label.primary) {
                let (file, start, _) = report.locate(label.span);
                message.push_str(&format!(
                    "\n{file}:{}:{}: {}",
                    start.line, start.column, label.message
                ));
            }
            for note in &diagnostic.notes {
                message.push_str(&format!("\nnote: {note}"));
            }
            if let Some(help) = &diagnostic.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(file),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&diagnostic.rule),
                data(&message)
            )?;
        }
        Ok(())
    }
}

/// A command's message.
fn data(text: &str) -> String {
    super::visible::keeping_line_feeds(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: data escaping, and `:` and `,` too.
fn property(text: &str) -> String {
    data(&super::visible::one_line(text))
        .replace(':', "%3A")
        .replace(',', "%2C")
}
