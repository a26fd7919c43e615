use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use crate::schemas::Schema;

declare_rule! {
    /// ## What it reports
    /// An architecture document (service spec, requirements, event schema registry, Backstage
    /// catalog entity) whose structure breaks archlint's JSON Schema for its kind, kept in the
    /// `schemas/` folder: a value of the wrong type, a list where a mapping belongs, a missing
    /// required field. A catalog entity is held to Backstage's descriptor format for its kind
    /// (a Component without `spec.owner`, a name with a space); a scaffolder template's skeleton,
    /// whose values are placeholders until it is rendered, is not judged, nor is a value written
    /// as a Backstage placeholder (`description: {$text: ./README.md}`), which Backstage reads
    /// from the file it names wherever it is written. Unknown keys are allowed. Every mistake is
    /// reported, each at its own place. An SLA figure or timeout that cannot be read as a number
    /// (`availability: high`) is reported here too.
    ///
    /// ## Why it matters
    /// The architecture rules read these fields. A `dependencies` written as one string, or an
    /// interaction without a `target`, would be silently ignored; this rule says so instead.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Order Service
    ///     dependencies: Auth Service   # a list is expected
    /// interactions:
    ///   - source: Order Service        # `target` is missing
    /// ```
    ///
    /// ## Fix
    /// Write the field in the shape the schema gives (`archlint explain schema-violation` names
    /// the schema files; docs/FORMATS.md describes every kind).
    ///
    /// ## Options
    /// None.
    pub struct SchemaViolation {
        name: "schema-violation",
        family: Document,
        severity: Error,
        summary: "an architecture document whose structure breaks archlint's JSON Schema for its kind",
    }
}

impl Rule for SchemaViolation {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let figures = context.model.unreadable_figures.iter().map(|figure| {
            Finding::new(Self::NAME, figure.span, figure.message.clone()).note(
                "availability is read as a percentage and latencies and timeouts as durations",
            )
        });
        context
            .workspace
            .documents
            .iter()
            .filter_map(|document| Some((document, Schema::for_kind(document.kind)?)))
            .flat_map(|(document, schema)| {
                let kind = document.kind.describe();
                schema
                    .document_violations(document)
                    .into_iter()
                    .map(move |violation| {
                        let at = if violation.pointer.is_empty() {
                            "the document".to_string()
                        } else {
                            format!("`{}`", violation.pointer)
                        };
                        Finding::new(Self::NAME, violation.span, violation.message).note(format!(
                            "{at} breaks the {kind} schema (schemas/{})",
                            schema.file
                        ))
                    })
            })
            .chain(figures)
            .collect()
    }
}
