//! A stable JSON object: `version` (of this format), `diagnostics` and `summary`. Fields are
//! only ever added, never renamed or removed, within one `version`.

use super::{Report, Reporter};
use crate::diagnostic::{Label, Severity};
use crate::source::LineColumn;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

pub struct Json;

/// The version of the JSON output format.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The diagnostic at `index`, as it is written.
fn diagnostic<'a, 'r>(report: &'r Report<'a>, index: usize) -> JsonDiagnostic<'a, 'r> {
    let diagnostic = &report.diagnostics[index];
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
    notes: &'r [Cow<'static, str>],
    help: Option<&'r str>,
}

/// How many diagnostics are written between two hand-overs to the output: each batch is
/// rendered side by side, in pieces of [`PIECE`], and only one batch is held at a time.
const BATCH: usize = 1 << 14;
const PIECE: usize = 1 << 9;

impl Reporter for Json {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        // serde_json's pretty printer writes this object; it is laid out here by hand so that the
        // diagnostics, most of a large report, can be rendered on every core, each at its depth.
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        write!(out, "{{\n  \"version\": {FORMAT_VERSION},\n  \"tool\": ")?;
        let tool = Tool {
            name: "archlint",
            version: env!("CARGO_PKG_VERSION"),
        };
        let mut head = Vec::new();
        write_pretty_at(&tool, 1, &mut head)?;
        out.write_all(&head)?;
        out.write_all(b",\n  \"diagnostics\": [")?;
        let count = report.diagnostics.len();
        for batch in (0..count).step_by(BATCH) {
            let pieces: Vec<Vec<u8>> = (batch..count.min(batch + BATCH))
                .step_by(PIECE)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|piece| -> io::Result<Vec<u8>> {
                    let mut written = Vec::new();
                    for index in piece..count.min(piece + PIECE) {
                        written.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
                        write_pretty_at(&diagnostic(report, index), 2, &mut written)?;
                    }
                    Ok(written)
                })
                .collect::<io::Result<_>>()?;
            for piece in pieces {
                out.write_all(&piece)?;
            }
        }
        if count > 0 {
            out.write_all(b"\n  ")?;
        }
        out.write_all(b"],\n  \"summary\": ")?;
        let mut summary = Vec::new();
        write_pretty_at(&report.summary(), 1, &mut summary)?;
        out.write_all(&summary)?;
        out.write_all(b"\n}\n")?;
        out.flush()
    }
}

/// Writes `value` as serde_json's pretty printer does, `depth` levels deep: each line after the
/// first indented by two spaces a level.
fn write_pretty_at<T: Serialize>(value: &T, depth: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, PrettyAt::new(depth));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's pretty layout (two spaces a level, `": "` after a key, a value a line) starting
/// `depth` levels in. serde_json's own `PrettyFormatter` always starts at the left margin, and
/// indenting its output afterwards meant looking at every byte again: a tenth of a large run.
struct PrettyAt {
    depth: usize,
    /// Whether the innermost open list or object has a member (else it closes on its line).
    has_member: bool,
}

impl PrettyAt {
    fn new(depth: usize) -> Self {
        PrettyAt {
            depth,
            has_member: false,
        }
    }

    fn new_line<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        out.write_all(b"\n")?;
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_member = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_member {
            self.new_line(out)?;
        }
        out.write_all(bracket)
    }

    fn member<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.new_line(out)
    }
}

impl serde_json::ser::Formatter for PrettyAt {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_member = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_member = true;
        Ok(())
    }
}
