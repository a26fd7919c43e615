//! Annotated source, rendered by codespan-reporting, closed by a summary line. A long line (a
//! minified JSON document is one line) is shown as a window around its labels, as rustc and ruff
//! do, so the output grows with the findings, not with the length of the lines they are on.
//! Nothing from a document reaches the terminal raw, colour or not: a message, a rule name, a
//! file name and a source line each show their control characters and bidirectional overrides
//! as escapes (see [`visible`]), and the carets under a source line follow its escapes.

use super::{Report, Reporter, visible};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, Sources, ceil_char_boundary, floor_char_boundary};
use codespan_reporting::diagnostic as codespan;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use std::borrow::Cow;
use std::collections::HashMap;
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
        let shown = ShownSources::of(report.sources, report.diagnostics);
        for diagnostic in report.diagnostics {
            let (excerpts, diagnostic) = excerpts(&shown, diagnostic);
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

/// The files of a report as its snippets show them: where a snippet may show a hidden character
/// (see [`visible::is_hidden`]) but a line break, its file is shown rewritten, each such
/// character as its escape; the other files as they are.
struct ShownSources<'a> {
    sources: &'a Sources,
    rewritten: HashMap<FileId, ShownText>,
}

/// A file's text with the hidden characters a snippet may show escaped, and where each escape
/// is, to map a byte offset in the file to the shown text (a label's range, a line's) and back (a
/// column, which counts the file's characters, as every other format does).
struct ShownText {
    text: String,
    /// In the order of the text.
    escapes: Vec<Escape>,
}

/// One escaped character: where it starts in the file and in the shown text, and how many bytes
/// it takes in each.
struct Escape {
    original: usize,
    shown: usize,
    original_len: usize,
    shown_len: usize,
}

impl<'a> ShownSources<'a> {
    /// The files the labels of `diagnostics` are in, rewritten where a snippet may show a hidden
    /// character: only there, so that the escapes grow with the findings, not with the hidden
    /// characters of a file (a megabyte of them on one minified line costs what its window does).
    fn of(sources: &'a Sources, diagnostics: &[Diagnostic]) -> Self {
        let mut regions: HashMap<FileId, Vec<Range<usize>>> = HashMap::new();
        for label in diagnostics.iter().flat_map(|diagnostic| &diagnostic.labels) {
            let file = sources.get(label.span.file);
            let end = label.span.range().end.min(file.text.len());
            let start = label.span.range().start.min(end);
            regions
                .entry(label.span.file)
                .or_default()
                .extend(shown_around(file, start..end));
        }
        let rewritten = regions
            .into_iter()
            .filter_map(|(id, mut regions)| {
                regions.sort_by_key(|region| region.start);
                ShownText::of(&sources.get(id).text, &regions).map(|shown| (id, shown))
            })
            .collect();
        ShownSources { sources, rewritten }
    }

    fn text(&self, id: FileId) -> &str {
        match self.rewritten.get(&id) {
            Some(shown) => &shown.text,
            None => &self.sources.get(id).text,
        }
    }

    /// Where the file's byte `offset` is in the shown text.
    fn to_shown(&self, id: FileId, offset: usize) -> usize {
        self.rewritten
            .get(&id)
            .map_or(offset, |shown| shown.to_shown(offset))
    }

    /// Where the shown text's byte `offset` is in the file.
    fn to_original(&self, id: FileId, offset: usize) -> usize {
        self.rewritten
            .get(&id)
            .map_or(offset, |shown| shown.to_original(offset))
    }
}

/// What a snippet may show of `file` around a label on `range`, with room to spare: the lines
/// codespan shows around the label's start and end (a multi-line label's first three lines after
/// its start and the one before its end, and a line between two shown ones), and of a long line
/// only its first bytes and the window a point of the label opens on it (see [`Excerpts::fits`]).
fn shown_around(file: &SourceFile, range: Range<usize>) -> Vec<Range<usize>> {
    let start_line = file.line_index(range.start);
    let end_line = file.line_index(range.end);
    let lines = (start_line.saturating_sub(1)..=start_line + 5)
        .chain(end_line.saturating_sub(3)..=end_line + 2);
    let mut regions = Vec::new();
    for line in lines {
        let Some(whole) = file.line_range(line) else {
            continue;
        };
        if whole.len() <= LONG_LINE {
            regions.push(whole);
            continue;
        }
        let content = line_content(file, line);
        regions.push(content.start..(content.start + LONG_LINE).min(content.end));
        for point in [range.start, range.end] {
            if whole.contains(&point) || whole.end == point {
                let from = point.saturating_sub(WINDOW_CONTEXT).max(content.start);
                let to = (point + LONGEST_LABEL + WINDOW_CONTEXT).min(content.end);
                regions.push(from..to.max(from));
            }
        }
    }
    regions
}

impl ShownText {
    /// The text with the hidden characters in `regions` (sorted by their start) escaped, or
    /// `None` when they hold none. Line feeds and carriage returns stay: they end the lines (a
    /// lone CR too, as in [`crate::source::Lines`]), and codespan leaves them off the lines it
    /// shows.
    fn of(text: &str, regions: &[Range<usize>]) -> Option<ShownText> {
        let hidden = |c: char| c != '\n' && c != '\r' && visible::is_hidden(c);
        let mut found = Vec::new();
        let mut scanned = 0;
        for region in regions {
            let start = ceil_char_boundary(text, region.start.max(scanned));
            let end = ceil_char_boundary(text, region.end);
            if start >= end {
                continue;
            }
            found.extend(
                text[start..end]
                    .char_indices()
                    .filter(|&(_, c)| hidden(c))
                    .map(|(offset, c)| (start + offset, c)),
            );
            scanned = end;
        }
        if found.is_empty() {
            return None;
        }
        let mut shown = String::with_capacity(text.len() + 8 * found.len());
        let mut escapes = Vec::with_capacity(found.len());
        let mut copied = 0;
        for (offset, c) in found {
            shown.push_str(&text[copied..offset]);
            let start = shown.len();
            visible::push_escape(&mut shown, c);
            escapes.push(Escape {
                original: offset,
                shown: start,
                original_len: c.len_utf8(),
                shown_len: shown.len() - start,
            });
            copied = offset + c.len_utf8();
        }
        shown.push_str(&text[copied..]);
        Some(ShownText {
            text: shown,
            escapes,
        })
    }

    fn to_shown(&self, offset: usize) -> usize {
        self.map(
            offset,
            |escape| (escape.original, escape.original_len),
            |escape| (escape.shown, escape.shown_len),
        )
    }

    fn to_original(&self, offset: usize) -> usize {
        self.map(
            offset,
            |escape| (escape.shown, escape.shown_len),
            |escape| (escape.original, escape.original_len),
        )
    }

    /// `offset` in one of the texts (an escape's start and length there given by `from`) as an
    /// offset in the other (`to`): inside an escape, the escape's start; past one, shifted by
    /// the difference of the lengths before it.
    fn map(
        &self,
        offset: usize,
        from: impl Fn(&Escape) -> (usize, usize),
        to: impl Fn(&Escape) -> (usize, usize),
    ) -> usize {
        let before = self
            .escapes
            .partition_point(|escape| from(escape).0 <= offset);
        let Some(escape) = before.checked_sub(1).map(|index| &self.escapes[index]) else {
            return offset;
        };
        let ((start, length), (target, target_length)) = (from(escape), to(escape));
        if offset < start + length {
            target
        } else {
            target + target_length + (offset - start - length)
        }
    }
}

/// The sources as one diagnostic shows them: each long line it touches cut to a window.
struct Excerpts<'a> {
    shown: &'a ShownSources<'a>,
    /// The window of each long line a label of the diagnostic touches, in the file's offsets.
    windows: Vec<(FileId, usize, Range<usize>)>,
}

/// The diagnostic in codespan's terms, and the windows its long lines are shown through. A label
/// on a long line far from the first label there is said in a note instead, with its location.
fn excerpts<'a>(
    shown: &'a ShownSources<'a>,
    diagnostic: &Diagnostic,
) -> (Excerpts<'a>, codespan::Diagnostic<FileId>) {
    let sources = shown.sources;
    let mut excerpts = Excerpts {
        shown,
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
                visible::one_line(&label.message),
                visible::one_line(&file.name),
                at.line,
                at.column
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
            let file = label.span.file;
            let range = shown.to_shown(file, range.start)..shown.to_shown(file, range.end);
            codespan::Label::new(style, file, range).with_message(visible::one_line(&label.message))
        })
        .collect();
    (excerpts, to_codespan(diagnostic, labels, far_notes))
}

impl Excerpts<'_> {
    /// Whether `point` of a label can be shown: a short line always; a long line through its
    /// window, opened around the first label point on it.
    fn fits(&mut self, file_id: FileId, line: usize, point: usize) -> bool {
        let file = self.shown.sources.get(file_id);
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
        .map(|note| format!("note: {}", visible::keeping_line_feeds(&note)))
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", visible::keeping_line_feeds(help)));
    }
    codespan::Diagnostic::new(severity)
        .with_code(visible::one_line(&diagnostic.rule))
        .with_message(visible::one_line(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// Codespan asks in the shown text's offsets; lines and columns are the file's.
impl<'a> Files<'a> for Excerpts<'a> {
    type FileId = FileId;
    type Name = Cow<'a, str>;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<Cow<'a, str>, FilesError> {
        Ok(visible::one_line(&self.shown.sources.get(id).name))
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(self.shown.text(id))
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let offset = self.shown.to_original(id, byte_index);
        Ok(self.shown.sources.get(id).line_index(offset))
    }

    /// A long line is its window: the one this diagnostic opened, or its first bytes.
    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self.shown.sources.get(id);
        let range = match self
            .windows
            .iter()
            .find(|(file_id, index, _)| *file_id == id && *index == line_index)
        {
            Some((_, _, window)) => window.clone(),
            None => {
                let range = file
                    .line_range(line_index)
                    .ok_or(FilesError::LineTooLarge {
                        given: line_index,
                        max: file.line_count() - 1,
                    })?;
                if range.len() > LONG_LINE {
                    let content = line_content(file, line_index);
                    let end = floor_char_boundary(&file.text, content.start + LONG_LINE);
                    content.start..end.min(content.end)
                } else {
                    range
                }
            }
        };
        Ok(self.shown.to_shown(id, range.start)..self.shown.to_shown(id, range.end))
    }

    /// The true column, counted from the line's start in the file, not from the window's nor in
    /// the shown text.
    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let offset = self.shown.to_original(id, byte_index);
        Ok(self.shown.sources.get(id).location(offset).column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;
    use crate::source::Span;

    #[test]
    fn only_what_a_snippet_may_show_is_escaped_and_offsets_map_both_ways() {
        // A megabyte of DEL on one line, a thousand bells on lines of their own, and the label
        // after the DEL: its window and the lines near it are escaped, not the rest.
        let text = format!(
            "[\"{}\", \"\u{1b}x\"]\n{}",
            "\u{7f}".repeat(1 << 20),
            "\u{7}\n".repeat(1000)
        );
        let mut sources = Sources::default();
        let file = sources.push(SourceFile::new("a.json".into(), text.clone()));
        let start = text.find('\u{1b}').unwrap();
        let diagnostics = [Diagnostic::new(
            Severity::Warning,
            Finding::new("rule", Span::new(file, start as u32..start as u32 + 2), "m"),
        )];
        let shown = ShownSources::of(&sources, &diagnostics);
        let escapes = &shown.rewritten[&file].escapes;
        assert!((50..500).contains(&escapes.len()), "{}", escapes.len());
        let at = shown.to_shown(file, start);
        assert_eq!(&shown.text(file)[at..at + 7], "\\u{1b}x");
        assert_eq!(shown.to_original(file, at), start);
        // Inside an escape is the character it stands for; after it, the next one.
        assert_eq!(shown.to_original(file, at + 3), start);
        assert_eq!(shown.to_original(file, at + 6), start + 1);
        assert_eq!(shown.to_shown(file, start + 1), at + 6);
        assert_eq!(shown.to_shown(file, 0), 0);
    }
}
