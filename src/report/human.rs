//! Annotated source, rendered by codespan-reporting, closed by a summary line. A long line (a
//! minified JSON document is one line) is shown as a window around its labels, as rustc and ruff
//! do, so the output grows with the findings, not with the length of the lines they are on.

use super::{Report, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, Sources, ceil_char_boundary, floor_char_boundary};
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
            let (excerpts, diagnostic) = excerpts(report.sources, diagnostic);
            term::emit_to_write_style(&mut *writer, &config, &excerpts, &diagnostic).map_err(
                |error| match error {
                    FilesError::Io(error) => error,
                    other => io::Error::other(other.to_string()),
                },
            )?;
        }
        drop(writer);
        if self.summary {
            writeln!(out, "{}", report.summary())?;
        }
        Ok(())
    }
}

/// Lines longer than this many bytes are shown as a window.
const LONG_LINE: usize = 200;
/// Bytes shown on each side of a label in a window.
const WINDOW_CONTEXT: usize = 60;
/// The longest stretch of a long line one label underlines.
const LONGEST_LABEL: usize = 100;

/// The sources as one diagnostic shows them: each long line it touches cut to a window.
struct Excerpts<'a> {
    sources: &'a Sources,
    /// The window of each long line a label of the diagnostic touches.
    windows: Vec<(FileId, usize, Range<usize>)>,
}

/// The diagnostic in codespan's terms, and the windows its long lines are shown through. A label
/// on a long line far from the first label there is said in a note instead, with its location.
fn excerpts<'a>(
    sources: &'a Sources,
    diagnostic: &Diagnostic,
) -> (Excerpts<'a>, codespan::Diagnostic<FileId>) {
    let mut excerpts = Excerpts {
        sources,
        windows: Vec::new(),
    };
    let mut labels = Vec::new();
    let mut far_notes = Vec::new();
    // Primary labels choose their line's window first.
    let mut ordered: Vec<_> = diagnostic.labels.iter().enumerate().collect();
    ordered.sort_by_key(|(_, label)| !label.primary);
    for (position, label) in ordered {
        let file = sources.get(label.span.file);
        let mut range = label.span.range();
        range.end = range.end.min(file.text.len());
        range.start = range.start.min(range.end);
        let start_line = file.line_index(range.start);
        let end_line = file.line_index(range.end);
        if start_line == end_line && is_long(file, start_line) {
            range.end = range
                .end
                .min(floor_char_boundary(&file.text, range.start + LONGEST_LABEL));
        }
        let fits = [(start_line, range.start), (end_line, range.end)]
            .into_iter()
            .all(|(line, point)| excerpts.fits(label.span.file, line, point));
        if fits {
            labels.push((position, label, range));
        } else {
            let at = file.location(range.start);
            far_notes.push(format!(
                "{} at {}:{}:{}",
                label.message, file.name, at.line, at.column
            ));
        }
    }
    // Back in the order the rule gave them: codespan orders a line's labels by this.
    labels.sort_by_key(|(position, _, _)| *position);
    let labels = labels
        .into_iter()
        .map(|(_, label, range)| {
            let style = if label.primary {
                codespan::LabelStyle::Primary
            } else {
                codespan::LabelStyle::Secondary
            };
            codespan::Label::new(style, label.span.file, range).with_message(label.message.clone())
        })
        .collect();
    (excerpts, to_codespan(diagnostic, labels, far_notes))
}

impl Excerpts<'_> {
    /// Whether `point` of a label can be shown: a short line always; a long line through its
    /// window, opened around the first label point on it.
    fn fits(&mut self, file_id: FileId, line: usize, point: usize) -> bool {
        let file = self.sources.get(file_id);
        if !is_long(file, line) {
            return true;
        }
        if let Some((_, _, window)) = self
            .windows
            .iter()
            .find(|(id, index, _)| *id == file_id && *index == line)
        {
            return window.contains(&point) || window.end == point;
        }
        let content = line_content(file, line);
        let start = ceil_char_boundary(
            &file.text,
            point.saturating_sub(WINDOW_CONTEXT).max(content.start),
        );
        let end = floor_char_boundary(
            &file.text,
            (point + LONGEST_LABEL + WINDOW_CONTEXT).min(content.end),
        );
        self.windows.push((file_id, line, start..end.max(start)));
        true
    }
}

fn is_long(file: &SourceFile, line: usize) -> bool {
    file.line_range(line)
        .is_some_and(|range| range.len() > LONG_LINE)
}

/// A line's byte range without its line break.
fn line_content(file: &SourceFile, line: usize) -> Range<usize> {
    let range = file.line_range(line).unwrap_or(0..0);
    let text = &file.text[range.clone()];
    let content = text.trim_end_matches(['\n', '\r']);
    range.start..range.start + content.len()
}

fn to_codespan(
    diagnostic: &Diagnostic,
    labels: Vec<codespan::Label<FileId>>,
    far_notes: Vec<String>,
) -> codespan::Diagnostic<FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
        Severity::Info => codespan::Severity::Note,
    };
    let mut notes: Vec<String> = far_notes
        .into_iter()
        .chain(diagnostic.notes.iter().map(|note| note.to_string()))
        .map(|note| format!("note: {note}"))
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    codespan::Diagnostic::new(severity)
        .with_code(diagnostic.rule.as_ref())
        .with_message(diagnostic.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

impl<'a> Files<'a> for Excerpts<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.sources.name(id)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.sources.source(id)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        self.sources.line_index(id, byte_index)
    }

    /// A long line is its window: the one this diagnostic opened, or its first bytes.
    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.sources.get(id);
        if let Some((_, _, window)) = self
            .windows
            .iter()
            .find(|(file_id, index, _)| *file_id == id && *index == line_index)
        {
            return Ok(window.clone());
        }
        let range = self.sources.line_range(id, line_index)?;
        if range.len() > LONG_LINE {
            let content = line_content(file, line_index);
            let end = floor_char_boundary(&file.text, content.start + LONG_LINE);
            return Ok(content.start..end.min(content.end));
        }
        Ok(range)
    }

    /// The true column, counted from the line's start, not from the window's.
    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        Ok(self.sources.get(id).location(byte_index).column)
    }
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
