//! The `event` family: event schemas from every source (`event_schemas:` registries, JSON Schema
//! documents, AsyncAPI message payloads): valid for their draft, carrying the envelope, versioned,
//! agreeing with their examples and their registry keys.

mod event_envelope;
mod event_example_invalid;
mod event_schema_invalid;
mod event_schema_unversioned;
mod event_type_mismatch;

pub use event_envelope::EventEnvelope;
pub use event_example_invalid::EventExampleInvalid;
pub use event_schema_invalid::EventSchemaInvalid;
pub use event_schema_unversioned::EventSchemaUnversioned;
pub use event_type_mismatch::EventTypeMismatch;

use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::lowercase_first;
use crate::load::references::Node;
use crate::model::events::EventSchema;
use crate::source::Span;
use crate::value::Value;
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use rayon::prelude::*;
use std::collections::HashSet;

/// The event schemas that `wanted` selects, each written schema once even when two events share
/// it (a JSON Schema document also used as a payload), judged in parallel by `judge`.
fn judge_each<'m>(
    schemas: &'m [EventSchema],
    wanted: impl Fn(&EventSchema) -> bool,
    judge: impl Fn(&'m EventSchema) -> Vec<Finding> + Sync,
) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let distinct: Vec<&EventSchema> = schemas
        .iter()
        .filter(|schema| wanted(schema) && seen.insert(&schema.schema))
        .collect();
    distinct
        .par_iter()
        .with_max_len(crate::FILES_PER_TASK)
        .flat_map_iter(|schema| judge(schema))
        .collect()
}

/// A schema and every part that always applies with it: the members of its `allOf` and the
/// targets of its `$ref`s, followed through any depth, each once. (`anyOf` and `oneOf` apply only
/// sometimes, so they are not parts.)
fn parts<'w>(workspace: &'w Workspace, schema: Node<'w>) -> Vec<Node<'w>> {
    let references = &workspace.references;
    let mut parts = Vec::new();
    let mut stack = vec![schema];
    let mut seen = HashSet::new();
    while let Some(node) = stack.pop() {
        if !seen.insert((node.at, node.pointer.clone())) {
            continue;
        }
        if references.site(node.at, &node.pointer).is_some()
            && let Some(target) = references.resolve(workspace, node.clone())
        {
            stack.push(target);
        }
        if let Some(Value::Array(members)) = node.value.get("allOf") {
            for index in (0..members.len()).rev() {
                if let Some(member) = node
                    .get("allOf")
                    .and_then(|all| all.get(&index.to_string()))
                {
                    stack.push(member);
                }
            }
        }
        parts.push(node);
    }
    parts
}

/// The error that says most precisely what is wrong: for an `anyOf` / `oneOf` that no branch
/// satisfies, the deepest error of its branches (at one depth, one that is not just a wrong type:
/// the branch whose type matched is the one the author meant; then the first), followed down.
fn leaf<'e>(error: &'e ValidationError<'e>) -> &'e ValidationError<'e> {
    let context = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
        }
        _ => return error,
    };
    let rank = |candidate: &ValidationError<'_>| {
        (
            candidate.instance_path().as_str().matches('/').count(),
            !matches!(candidate.kind(), ValidationErrorKind::Type { .. }),
        )
    };
    let mut best: Option<&ValidationError<'_>> = None;
    for candidate in context.iter().flatten() {
        if best.is_none_or(|best| rank(candidate) > rank(best)) {
            best = Some(candidate);
        }
    }
    best.map_or(error, leaf)
}

/// Whether the crate could not tell, rather than found: its own engine gave up backtracking on
/// a key of `patternProperties` (`pattern` is ours, [`crate::spectral::pattern::JsPattern`],
/// whose undecided answers pass), here or in a branch of an `anyOf` / `oneOf` that then failed
/// for it. Such an error shows no contradiction, and is not reported.
fn undecided(error: &ValidationError<'_>) -> bool {
    match error.kind() {
        ValidationErrorKind::BacktrackLimitExceeded { .. } => true,
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context.iter().flatten().any(|branch| undecided(branch))
        }
        _ => false,
    }
}

/// An error's text with the offending value shown briefly (a long value is named, not printed).
fn message(error: &ValidationError<'_>) -> String {
    message_about(error, error.instance().as_ref())
}

/// [`message`], naming `instance` for the value the error is about.
fn message_about(error: &ValidationError<'_>, instance: &serde_json::Value) -> String {
    let placeholder = crate::schemas::describe(instance);
    lowercase_first(&error.masked_with(&placeholder).to_string())
}

/// Where a finding about a value is drawn: a scalar, or the key of a mapping entry; for a mapping
/// or list that is a list item (no key of its own), the first line of it rather than all of it.
fn value_span(workspace: &Workspace, at: crate::load::DocumentRef, pointer: &str) -> Span {
    let document = workspace.document(at);
    let spans = document.locate_nearest(pointer);
    match document.value.pointer(pointer) {
        Some(Value::Object(_) | Value::Array(_)) if spans.key.is_none() => {
            let text = &workspace.sources.get(document.file).text;
            let start = spans.value.start as usize;
            let line_end = text[start..]
                .find('\n')
                .map_or(spans.value.end as usize, |end| start + end)
                .min(spans.value.end as usize);
            Span::new(document.file, spans.value.start..line_end as u32)
        }
        _ => document.focus(pointer),
    }
}
