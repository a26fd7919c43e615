//! JUnit XML, as CI systems show test results: one `<testsuite>` per rule, one `<testcase>` per
//! rule and file (named after the file, its class the rule), and one `<failure>` in it whose
//! `type` is the highest severity and whose text lists every location, one per line. A run
//! without diagnostics is an empty `<testsuites>`.
//!
//! Written by hand: the document is four elements, and what an XML writer crate would not do for
//! us (dropping characters XML 1.0 forbids, keeping line breaks in attributes) is the escaping,
//! which is here either way.

use super::{Report, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::FileId;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct Junit;

impl Reporter for Junit {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Rule, then file (in path order), then the diagnostics in their order.
        let mut suites: BTreeMap<&str, BTreeMap<FileId, Vec<&Diagnostic>>> = BTreeMap::new();
        for diagnostic in report.diagnostics {
            suites
                .entry(diagnostic.rule.as_ref())
                .or_default()
                .entry(diagnostic.primary_span().file)
                .or_default()
                .push(diagnostic);
        }
        let cases: usize = suites.values().map(BTreeMap::len).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="archlint" tests="{cases}" failures="{cases}" errors="0">"#
        )?;
        for (rule, files) in &suites {
            writeln!(
                out,
                r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
                escape(rule),
                files.len(),
                files.len()
            )?;
            for (file, diagnostics) in files {
                let name = &report.sources.get(*file).name;
                let severity = diagnostics
                    .iter()
                    .map(|diagnostic| diagnostic.severity)
                    .max()
                    .unwrap_or(Severity::Info);
                let message = match diagnostics.as_slice() {
                    [only] => only.message.clone(),
                    many => format!("{} problems", many.len()),
                };
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{}">"#,
                    escape(name),
                    escape(rule)
                )?;
                write!(
                    out,
                    r#"      <failure message="{}" type="{severity}">"#,
                    escape(&message)
                )?;
                for diagnostic in diagnostics {
                    let (file, start, _) = report.primary_location(diagnostic);
                    let mut text = format!(
                        "{file}:{}:{}: {}: {}\n",
                        start.line, start.column, diagnostic.severity, diagnostic.message
                    );
                    for note in &diagnostic.notes {
                        text.push_str(&format!("  note: {note}\n"));
                    }
                    if let Some(help) = &diagnostic.help {
                        text.push_str(&format!("  help: {help}\n"));
                    }
                    out.write_all(escape_content(&text).as_bytes())?;
                }
                writeln!(out, "</failure>")?;
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

/// Text for an attribute value or element content. Line breaks and tabs are written as
/// character references, since a parser turns literal ones in an attribute into spaces; a
/// character XML 1.0 does not allow at all becomes U+FFFD.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            c if allowed_in_xml(c) => escaped.push(c),
            _ => escaped.push('\u{fffd}'),
        }
    }
    escaped
}

/// Text for element content, where line breaks are kept as they are.
fn escape_content(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// XML 1.0's `Char` production.
fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}
