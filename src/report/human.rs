//! Annotated source, rendered by codespan-reporting, closed by a summary line.

use super::{Report, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, Sources};
use codespan_reporting::diagnostic as codespan;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use std::io::{self, Write};
use std::ops::Range;

pub struct Human {
    pub color: bool,
    /// Whether a summary line (`3 errors, 1 warning in 12 files`) closes the output.
    pub summary: bool,
}

impl Reporter for Human {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let config = term::Config::default();
        let mut writer: Box<dyn termcolor::WriteColor + '_> = if self.color {
            Box::new(termcolor::Ansi::new(&mut *out))
        } else {
            Box::new(termcolor::NoColor::new(&mut *out))
        };
        for diagnostic in report.diagnostics {
            term::emit_to_write_style(
                &mut *writer,
                &config,
                report.sources,
                &to_codespan(diagnostic),
            )
            .map_err(|error| match error {
                FilesError::Io(error) => error,
                other => io::Error::other(other.to_string()),
            })?;
        }
        drop(writer);
        if self.summary {
            writeln!(out, "{}", report.summary())?;
        }
        Ok(())
    }
}

fn to_codespan(diagnostic: &Diagnostic) -> codespan::Diagnostic<FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
        Severity::Info => codespan::Severity::Note,
    };
    let labels = diagnostic
        .labels
        .iter()
        .map(|label| {
            let style = if label.primary {
                codespan::LabelStyle::Primary
            } else {
                codespan::LabelStyle::Secondary
            };
            codespan::Label::new(style, label.span.file, label.span.range())
                .with_message(label.message.clone())
        })
        .collect();
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| format!("note: {note}"))
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    codespan::Diagnostic::new(severity)
        .with_code(diagnostic.rule)
        .with_message(diagnostic.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.get(id).line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.get(id);
        file.line_range(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: file.line_count() - 1,
        })
    }
}
