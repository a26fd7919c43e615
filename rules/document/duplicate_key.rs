use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A mapping (YAML) or object (JSON) that repeats a key, in an architecture document or in a
    /// file one reaches through a `$ref` (a split OpenAPI description's `schemas/pet.yaml`).
    /// Both places are labelled.
    ///
    /// ## Why it matters
    /// YAML and JSON parsers silently keep the last value, so the first one is lost without a
    /// word: a service defined twice in one map, or an `sla` overwritten by a later one.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   order_service: {domain: orders}
    ///   order_service: {domain: billing}
    /// ```
    ///
    /// ## Fix
    /// Keep one entry: merge the two, or rename one.
    ///
    /// ## Options
    /// None.
    pub struct DuplicateKey {
        name: "duplicate-key",
        family: Document,
        severity: Error,
        summary: "a mapping that repeats a key (parsers silently keep the last one)",
    }
}

impl Rule for DuplicateKey {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        workspace
            .documents
            .iter()
            .chain(workspace.referenced_unclassified())
            .flat_map(|document| {
                document.duplicate_keys.iter().map(move |duplicate| {
                    Finding::new(
                        Self::NAME,
                        document.span(&duplicate.repeated),
                        format!("key `{}` is repeated", duplicate.key),
                    )
                    .primary_message("repeated here")
                    .label(document.span(&duplicate.first), "first defined here")
                    .note("only the last value is kept; the first is silently lost")
                    .help("keep one entry: merge the two or rename one")
                })
            })
            .collect()
    }
}
