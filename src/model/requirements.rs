//! Non-functional requirements (docs/FORMATS.md section 6), read from every requirements document in
//! both of the seed's shapes, in any mix: a category holds a list of bare statements and one-key
//! `name: target` mappings, or a metric record `{metric, target, measurement}`, or a list of them.
//! Each requirement knows its category and where its statement and target were written. Shapes
//! the schema rejects are `schema-violation`s; what can still be read from them is read.

use super::{Spanned, pointer};
use crate::load::Workspace;
use crate::load::document::Document;
use crate::load::kind::DocumentKind;
use crate::source::Span;
use crate::value::{Map, Value};

/// How a requirement is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `- Horizontal scaling capability`: the statement is its own target.
    Statement,
    /// `- Response time: < 200ms (p95)`: a name and its target.
    NamedTarget,
    /// `{metric: p95 latency, target: < 200ms, measurement: k6}`.
    Metric,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// Index of the document in `Workspace::documents`.
    pub document: usize,
    /// The category key (`performance`), where it is written.
    pub category: Spanned<String>,
    pub shape: Shape,
    /// What is required, as a reader would quote it: the bare statement, `name: target`, or the
    /// metric record's `metric` (empty when the record has none). Its span covers the whole
    /// statement (for `name: target`, from the name to the end of the target).
    pub statement: Spanned<String>,
    /// The text that must carry the measurable figure: the bare statement itself, the value of a
    /// `name: target` mapping, or the record's `target`. `None` when there is none, or when it is
    /// not a string or a number (a shape the schema rejects).
    pub target: Option<Spanned<String>>,
    /// A metric record's `measurement`.
    pub measurement: Option<Spanned<String>>,
}

/// Every non-functional requirement, in document order.
pub fn read(workspace: &Workspace) -> Vec<Requirement> {
    let mut requirements = Vec::new();
    for (index, document) in workspace.documents.iter().enumerate() {
        if document.kind != DocumentKind::Requirements {
            continue;
        }
        let Some(Value::Object(categories)) = document.value.get("non_functional_requirements")
        else {
            continue;
        };
        for (name, entries) in categories {
            let at = pointer("/non_functional_requirements", name);
            let reader = Reader {
                index,
                document,
                category: Spanned {
                    value: name.to_string(),
                    span: document.locate_nearest(&at).anchor(),
                },
            };
            reader.read_category(&at, entries, &mut requirements);
        }
    }
    requirements
}

struct Reader<'a> {
    index: usize,
    document: &'a Document,
    category: Spanned<String>,
}

impl Reader<'_> {
    fn read_category(&self, at: &str, entries: &Value, out: &mut Vec<Requirement>) {
        match entries {
            Value::Array(items) => {
                for (position, item) in items.iter().enumerate() {
                    self.read_item(&format!("{at}/{position}"), item, out);
                }
            }
            Value::Object(map) if is_metric_record(map) => out.push(self.metric(at, map)),
            // A mapping that is no metric record: read as `name: target` entries.
            Value::Object(map) => self.named_targets(at, map, out),
            Value::String(_) => out.push(self.statement(at, entries)),
            _ => {}
        }
    }

    fn read_item(&self, at: &str, item: &Value, out: &mut Vec<Requirement>) {
        match item {
            Value::Object(map) if is_metric_record(map) => out.push(self.metric(at, map)),
            Value::Object(map) => self.named_targets(at, map, out),
            Value::String(_) | Value::Number(_) => out.push(self.statement(at, item)),
            _ => {}
        }
    }

    fn statement(&self, at: &str, value: &Value) -> Requirement {
        let statement = self.scalar(at, value).unwrap_or_else(|| Spanned {
            value: String::new(),
            span: self.document.focus(at),
        });
        Requirement {
            document: self.index,
            category: self.category.clone(),
            shape: Shape::Statement,
            target: Some(statement.clone()),
            statement,
            measurement: None,
        }
    }

    fn named_targets(&self, at: &str, map: &Map, out: &mut Vec<Requirement>) {
        for (name, value) in map {
            let at = pointer(at, name);
            let spans = self.document.locate_nearest(&at);
            let target = self.scalar(&at, value);
            let key = spans.anchor();
            let span = if spans.value.file == key.file && spans.value.end > key.end {
                Span {
                    end: spans.value.end,
                    ..key
                }
            } else {
                key
            };
            let statement = match &target {
                Some(target) => format!("{name}: {}", target.value),
                None => name.to_string(),
            };
            out.push(Requirement {
                document: self.index,
                category: self.category.clone(),
                shape: Shape::NamedTarget,
                statement: Spanned {
                    value: statement,
                    span,
                },
                target,
                measurement: None,
            });
        }
    }

    fn metric(&self, at: &str, map: &Map) -> Requirement {
        let field = |name: &str| {
            let at = pointer(at, name);
            map.get(name).and_then(|value| self.scalar(&at, value))
        };
        let statement = field("metric").unwrap_or_else(|| Spanned {
            value: String::new(),
            span: self.document.focus(at),
        });
        Requirement {
            document: self.index,
            category: self.category.clone(),
            shape: Shape::Metric,
            statement,
            target: field("target"),
            measurement: field("measurement"),
        }
    }

    /// A string or a number as text, with its span; anything else is no target.
    fn scalar(&self, at: &str, value: &Value) -> Option<Spanned<String>> {
        let text = match value {
            Value::String(text) => text.to_string(),
            Value::Number(number) => number.to_string(),
            _ => return None,
        };
        Some(Spanned {
            value: text,
            span: self.document.focus(at),
        })
    }
}

/// A mapping with a `metric`, `target` or `measurement` key is a metric record (seed 004, Issue
/// 4); any other mapping holds `name: target` entries.
fn is_metric_record(map: &Map) -> bool {
    ["metric", "target", "measurement"]
        .iter()
        .any(|key| map.contains_key(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::limits::Limits;
    use crate::load::yaml;
    use crate::source::SourceFile;

    fn workspace(text: &str) -> Workspace {
        let mut workspace = Workspace::default();
        let file = workspace
            .sources
            .push(SourceFile::new("r.yaml".into(), text.to_string()));
        let (parsed, failure) = yaml::parse(text, 0, &Limits::default());
        assert_eq!(failure, None);
        for (index, parsed) in parsed.into_iter().enumerate() {
            let kind = DocumentKind::classify(&parsed.value).expect("a requirements document");
            workspace
                .documents
                .push(Document::new(file, index, kind, parsed));
        }
        workspace
    }

    #[test]
    fn both_shapes_in_any_mix_with_their_spans() {
        let text = "\
functional_requirements:
  users: [Sign up]
non_functional_requirements:
  performance:
    - Response time: < 200ms (p95)
    - Horizontal scaling capability
    - metric: error rate
      target: 0.1
  availability:
    metric: \"uptime percentage\"
    target: \"> 99.9%\"
    measurement: Prometheus
  security: OWASP Top 10 compliance
  odd:
    - Response time: {p95: 200ms}
    - [nested]
";
        let workspace = workspace(text);
        let at = |span: Span| &text[span.range()];
        let read: Vec<_> = read(&workspace)
            .into_iter()
            .map(|requirement| {
                (
                    at(requirement.category.span),
                    requirement.shape,
                    at(requirement.statement.span),
                    requirement.statement.value.clone(),
                    requirement
                        .target
                        .map(|target| (at(target.span), target.value)),
                    requirement.measurement.map(|measurement| measurement.value),
                )
            })
            .collect();
        let target = |written: &'static str, value: &str| Some((written, value.to_string()));
        assert_eq!(
            read,
            [
                (
                    "performance",
                    Shape::NamedTarget,
                    "Response time: < 200ms (p95)",
                    "Response time: < 200ms (p95)".to_string(),
                    target("< 200ms (p95)", "< 200ms (p95)"),
                    None,
                ),
                (
                    "performance",
                    Shape::Statement,
                    "Horizontal scaling capability",
                    "Horizontal scaling capability".to_string(),
                    target(
                        "Horizontal scaling capability",
                        "Horizontal scaling capability"
                    ),
                    None,
                ),
                (
                    "performance",
                    Shape::Metric,
                    "error rate",
                    "error rate".to_string(),
                    target("0.1", "0.1"),
                    None,
                ),
                (
                    "availability",
                    Shape::Metric,
                    "\"uptime percentage\"",
                    "uptime percentage".to_string(),
                    target("\"> 99.9%\"", "> 99.9%"),
                    Some("Prometheus".to_string()),
                ),
                (
                    "security",
                    Shape::Statement,
                    "OWASP Top 10 compliance",
                    "OWASP Top 10 compliance".to_string(),
                    target("OWASP Top 10 compliance", "OWASP Top 10 compliance"),
                    None,
                ),
                // A target that is a mapping is a schema violation: no target to judge.
                (
                    "odd",
                    Shape::NamedTarget,
                    "Response time: {p95: 200ms}",
                    "Response time".to_string(),
                    None,
                    None,
                ),
            ]
        );
    }

    #[test]
    fn functional_requirements_alone_hold_none() {
        let workspace = workspace("functional_requirements:\n  users: [Sign up]\n");
        assert_eq!(read(&workspace), []);
    }
}
