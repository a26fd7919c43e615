use super::parts;
use crate::diagnostic::Finding;
use crate::model::events::SchemaSource;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;

declare_rule! {
    /// ## What it reports
    /// An `event_schemas:` registry key that differs from its schema's
    /// `properties.event_type.const`: the name the registry files the schema under and the
    /// `event_type` every such event carries disagree. The constant is looked for in the schema
    /// and in every schema that always applies with it (`allOf` members, `$ref` targets, followed
    /// through any depth), and reported where it is written, with the key labelled. Names
    /// compare exactly.
    ///
    /// ## Why it matters
    /// Producers fill `event_type` from the schema and consumers look schemas up by the
    /// registry key (or route by type): when the two differ, events are rejected, misrouted or
    /// validated against the wrong schema.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "event_schemas": {
    ///     "order.created": {
    ///       "properties": { "event_type": { "const": "order.placed" } }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Make the key and the constant the same name (rename one of them).
    ///
    /// ## Options
    /// None.
    pub struct EventTypeMismatch {
        name: "event-type-mismatch",
        family: Event,
        severity: Error,
        summary: "a registry key that differs from its schema's `properties.event_type.const`",
    }
}

impl Rule for EventTypeMismatch {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let references = &workspace.references;
        let mut findings = Vec::new();
        for schema in &context.model.event_schemas {
            if schema.source != SchemaSource::Registry {
                continue;
            }
            let Some(root) = schema.schema.node(workspace) else {
                continue;
            };
            let key = &schema.name;
            for part in parts(workspace, root) {
                let constant = references
                    .get(workspace, &part, "properties")
                    .and_then(|properties| references.get(workspace, &properties, "event_type"))
                    .and_then(|event_type| event_type.get("const"));
                let Some(constant) = constant else {
                    continue;
                };
                if constant.value.as_str() == Some(key.value.as_str()) {
                    continue;
                }
                let written = match constant.value {
                    Value::String(text) => format!("`{text}`"),
                    other => other.to_string(),
                };
                findings.push(
                    Finding::new(
                        Self::NAME,
                        constant.focus(),
                        format!(
                            "registry key `{}` differs from its schema's `event_type` constant {written}",
                            key.value
                        ),
                    )
                    .primary_message("the type every such event carries")
                    .label(key.span, "the name the registry files it under")
                    .note("producers fill `event_type` from the schema and consumers look schemas up by the registry key: when they differ, events are rejected, misrouted or checked against the wrong schema")
                    .help(format!(
                        "make the key and `properties.event_type.const` the same name, e.g. both `{}`",
                        key.value
                    )),
                );
            }
        }
        findings
    }
}
