use super::{leaf, message, message_about};
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::document::value_at;
use crate::model::events::{Dialect, EventSchema};
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;

declare_rule! {
    /// ## What it reports
    /// An event schema that is not a valid schema of its JSON Schema draft: an `event_schemas:`
    /// entry, a standalone JSON Schema document, or an AsyncAPI message payload, together with
    /// every schema it references (`$ref`, followed as `unresolved-ref` sees it). The draft is the
    /// one the schema's `$schema` names (draft-04, draft-06, draft-07, 2019-09, 2020-12); without
    /// one it is 2020-12, except for an AsyncAPI payload, which is draft-07 (the AsyncAPI Schema
    /// Object is a superset of it) unless its `schemaFormat` names another draft. Each mistake is
    /// reported once, at the most precise cause the meta-schema gives (for a value that fits no
    /// branch of an `anyOf`, the branch's own complaint), in the file where it is written. A
    /// `$schema` naming a meta-schema archlint does not know is reported at the `$schema`.
    /// Payloads in other schema languages (Avro, Protobuf) are not judged. A `pattern` (and a
    /// `patternProperties` key) is an ECMA-262 regular expression, as JSON Schema says: one
    /// JavaScript compiles is valid (`a\z`, `[[:alpha:]]`), one it refuses (`(?i)a`) is not.
    ///
    /// For an AsyncAPI 2 payload, Spectral's `asyncapi-payload` (built in, `spectral:asyncapi`)
    /// does the same job against the AsyncAPI Schema Object, with Spectral's words and places;
    /// this rule is the one that follows a payload's `$ref`s into other files and covers
    /// AsyncAPI 3 and standalone schemas. Where both report at one place, this rule's finding is
    /// the one kept and `asyncapi-payload`'s is left out; with this rule turned off (or off for a
    /// file), `asyncapi-payload` reports there as Spectral does. The same holds for the
    /// document structure rules that judge payloads too (`asyncapi-schema`,
    /// `asyncapi-3-document-resolved`).
    ///
    /// ## Why it matters
    /// Validators and code generators reject an invalid schema, or quietly read it differently
    /// (a misspelt `type` constrains nothing): the event's contract is not what it says.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "event_schemas": {
    ///     "order.created": {
    ///       "$schema": "http://json-schema.org/draft-07/schema#",
    ///       "type": "object",
    ///       "properties": { "total": { "type": "money" } }
    ///     }
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Correct the value against the draft's meta-schema (`"type": "number"` above), or name the
    /// draft the schema is written for in its `$schema`.
    ///
    /// ## Options
    /// None.
    pub struct EventSchemaInvalid {
        name: "event-schema-invalid",
        family: Event,
        severity: Error,
        summary: "an event schema that is not a valid schema of its JSON Schema draft",
    }
}

impl Rule for EventSchemaInvalid {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        super::judge_each(
            &context.model.event_schemas,
            |_| true,
            |schema| judge(context.workspace, schema),
        )
    }
}

fn judge(workspace: &Workspace, schema: &EventSchema) -> Vec<Finding> {
    let event = &schema.name;
    let draft = match &schema.dialect {
        Dialect::JsonSchema(draft) => *draft,
        Dialect::UnknownDraft(uri) => {
            let at = schema.dialect_at.unwrap_or(event.span);
            return vec![
                Finding::new(
                    EventSchemaInvalid::NAME,
                    at,
                    format!("`$schema` `{uri}` names no JSON Schema draft archlint knows"),
                )
                .label(event.span, format!("schema of event `{}`", event.value))
                .note("the schema cannot be checked, nor its examples validated")
                .help("name a draft archlint knows: `http://json-schema.org/draft-04/schema#` (or `draft-06`, `draft-07`), or `https://json-schema.org/draft/2020-12/schema` (or `2019-09`)"),
            ];
        }
        Dialect::Other(_) => return Vec::new(),
    };
    let Some(bundle) = schema.bundle(workspace) else {
        return Vec::new();
    };
    let meta = draft.meta_validator();
    let bundled = bundle.value(workspace).to_serde();
    // Most schemas are valid, and asking only that is several times faster than collecting
    // errors, which follows every branch of an `anyOf` to say why each failed.
    if meta.is_valid(&bundled) {
        return Vec::new();
    }
    meta.iter_errors(&bundled)
        .filter_map(|error| {
            let cause = leaf(&error);
            if compiles_in_javascript(cause) {
                return None;
            }
            let (at, pointer) = bundle.origin(cause.instance_path().as_str());
            let document = workspace.document(at);
            let span = document.focus(&pointer);
            // The value as written: the bundle's copy of a reference names its own part.
            let written = value_at(&document.value, &pointer).map(Value::to_serde);
            let message = match &written {
                Some(written) => message_about(cause, written),
                None => message(cause),
            };
            let mut finding = Finding::new(
                EventSchemaInvalid::NAME,
                span,
                format!("invalid {} schema: {message}", draft.name()),
            )
            .primary_message(format!(
                "breaks the meta-schema's `{}`",
                cause.kind().keyword()
            ));
            if span != event.span {
                finding = finding.label(event.span, format!("schema of event `{}`", event.value));
            }
            Some(finding
                .note("validators and code generators reject an invalid schema, or read it differently than it was meant")
                .help(format!(
                    "correct the value against the {} meta-schema, or name the draft the schema is written for in its `$schema`",
                    draft.name()
                )))
        })
        .collect()
}

/// Whether `error` is the meta-schema's `format: regex` refusing a text JavaScript compiles
/// (`a\z`, `[[:alpha:]]`). The crate reads that format by its own engine, where JSON Schema says
/// a `pattern` (and a `patternProperties` key) is an ECMA-262 regular expression; the event's
/// validator compiles each as JavaScript does.
fn compiles_in_javascript(error: &ValidationError<'_>) -> bool {
    matches!(error.kind(), ValidationErrorKind::Format { format } if format == "regex")
        && error
            .instance()
            .as_str()
            .is_some_and(crate::spectral::ajv_formats::is_javascript_regex)
}
