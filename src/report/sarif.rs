//! SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: `tool.driver.rules` describes every
//! rule from its one declaration, each result points at its rule by id and index, has the primary
//! label as its location (1-based lines and columns, the end exclusive as SARIF says, columns in
//! Unicode code points as `columnKind` declares, matching `LineColumn`) and the other labels as
//! related locations, and carries the line-independent fingerprint of the baseline.

use super::{Report, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::Span;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; the version changes if its recipe does.
const FINGERPRINT_KEY: &str = "archlint/v2";

/// The log, laid out as SARIF names its members. Its results are written as they are made, one
/// at a time: made into one value first, a large report's took nine times the memory of its
/// JSON.
#[derive(Serialize)]
struct Log<'r, 'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'r, 'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'r, 'a> {
    tool: Value,
    column_kind: &'static str,
    results: Results<'r, 'a>,
}

/// Each diagnostic's result, with the index of its rule in the driver's `rules`.
struct Results<'r, 'a> {
    report: &'r Report<'a>,
    index: HashMap<&'r str, usize>,
}

impl Serialize for Results<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.report.diagnostics.iter().map(|diagnostic| {
            let rule_index = self.index.get(diagnostic.rule.as_ref()).copied();
            result(self.report, diagnostic, rule_index)
        }))
    }
}

impl Reporter for Sarif {
    fn report(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<&RuleMeta> = report.rules.iter().map(|rule| rule.meta()).collect();
        let index: HashMap<&str, usize> = rules
            .iter()
            .enumerate()
            .map(|(index, meta)| (meta.name.as_ref(), index))
            .collect();
        let tool = json!({
            "driver": {
                "name": "archlint",
                "informationUri": env!("CARGO_PKG_HOMEPAGE"),
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|meta| rule(meta)).collect::<Vec<_>>(),
            }
        });
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool,
                column_kind: "unicodeCodePoints",
                results: Results { report, index },
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
        writeln!(out)
    }
}

fn rule(meta: &RuleMeta) -> Value {
    let documentation = meta.documentation();
    let mut rule = json!({
        "id": meta.name,
        "name": friendly_name(&meta.name),
        "shortDescription": { "text": sentence(&meta.summary) },
        "fullDescription": { "text": section(&documentation, "What it reports") },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": { "level": level(meta.default_severity) },
        "properties": { "tags": [meta.family.as_str()] },
    });
    // A ruleset's `documentationUrl`: where a viewer links the rule.
    if let Some(url) = meta.url.as_deref().filter(|url| url.contains("://")) {
        rule["helpUri"] = json!(url);
    }
    rule
}

/// A rule's name as SARIF asks for it, apart from its id: `unknown-service` is `UnknownService`.
fn friendly_name(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn result(report: &Report<'_>, diagnostic: &Diagnostic, rule_index: Option<usize>) -> Value {
    let primary = diagnostic.labels.iter().find(|label| label.primary);
    let mut location = location(report, diagnostic.primary_span());
    if let Some(label) = primary.filter(|label| !label.message.is_empty()) {
        location["message"] = json!({ "text": label.message });
    }
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary)
        .enumerate()
        .map(|(index, label)| {
            let mut related = location_with_id(report, label.span, index + 1);
            if !label.message.is_empty() {
                related["message"] = json!({ "text": label.message });
            }
            related
        })
        .collect();
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": level(diagnostic.severity),
        "message": { "text": message(diagnostic) },
        "locations": [location],
        "partialFingerprints": { FINGERPRINT_KEY: report.fingerprint(diagnostic) },
    });
    if let Some(rule_index) = rule_index {
        result["ruleIndex"] = json!(rule_index);
    }
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

/// The message, then its notes and help on lines of their own.
fn message(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    for note in &diagnostic.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

fn location(report: &Report<'_>, span: Span) -> Value {
    let (file, start, end) = report.locate(span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            }
        }
    })
}

fn location_with_id(report: &Report<'_>, span: Span, id: usize) -> Value {
    let mut location = location(report, span);
    location["id"] = json!(id);
    location
}

/// What a URI path may not hold unescaped (RFC 3986): everything but unreserved characters,
/// sub-delimiters, `@` and the `/` between segments. Non-ASCII characters are always encoded (as
/// UTF-8). `:` is allowed in a segment but encoded all the same: in a relative reference's first
/// segment it would read as a scheme (`foo:bar.yaml` as scheme `foo`, `c:d.yaml` as a drive), and
/// one rule for every segment keeps a name written one way wherever it is.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file as shown (relative to the current folder, `/`-separated) as a URI reference: relative
/// paths stay relative, which code scanning resolves against the repository's root; absolute
/// ones become `file://` URIs, a Windows drive's colon written as is (`file:///C:/...`).
fn uri(file: &str) -> String {
    let encode = |path: &str| utf8_percent_encode(path, PATH).to_string();
    if file.starts_with('/') {
        format!("file://{}", encode(file))
    } else if std::path::Path::new(file).is_absolute() {
        // Absolute without a leading `/`: a Windows drive path, `C:/...` (a drive-relative `c:x`
        // is no absolute path, and neither is `c:/x` where `/` starts every absolute path).
        let (drive, rest) = file.split_at(2);
        format!("file:///{drive}{}", encode(rest))
    } else {
        encode(file)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A summary as a sentence: capital first, period last.
fn sentence(summary: &str) -> String {
    let mut chars = summary.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

/// The text of a `## heading` section of a rule's documentation.
fn section(documentation: &str, heading: &str) -> String {
    let marker = format!("## {heading}\n");
    documentation
        .find(&marker)
        .map(|start| {
            let body = &documentation[start + marker.len()..];
            let end = body.find("\n## ").unwrap_or(body.len());
            body[..end].trim().to_string()
        })
        .unwrap_or_default()
}
