use super::{leaf, message, undecided, value_span};
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::model::events::EventSchema;
use crate::rules::{Context, Rule, declare_rule};
use crate::schema_verdict::{Judge, Plain, Verdict};

declare_rule! {
    /// ## What it reports
    /// An example of an event that its schema rejects: an item of the schema's `examples`, or the
    /// `payload` of an AsyncAPI message's `examples`. The diagnostic points at the failing value
    /// inside the example and labels the constraint of the schema that rejects it, in the file
    /// where each is written (also through a `$ref`). Each schema is compiled once, for its
    /// draft (see `event-schema-invalid`), with every reference the workspace can follow; a
    /// reference that cannot be followed (missing, or a URL, which is never fetched) constrains
    /// nothing. An example is first judged without compiling, and the schema is compiled only
    /// when an example is found invalid that way, or cannot be told about. A schema that is
    /// itself invalid is left to `event-schema-invalid`.
    ///
    /// For AsyncAPI 2, Spectral's `asyncapi-message-examples`, `asyncapi-payload-examples` and
    /// `asyncapi-schema-examples` (built in, `spectral:asyncapi`) do the same job for message
    /// examples and schema `examples`, with Spectral's words and places, and also judge an
    /// example's `headers`; this rule is the one that labels the rejecting constraint, follows
    /// `$ref`s into other files and covers AsyncAPI 3. Where one of them reports at the same
    /// place, this rule's finding is the one kept and the Spectral rule's is left out; with this
    /// rule turned off (or off for a file), the Spectral rules report there as Spectral does.
    /// An example's `headers` are judged by `asyncapi-message-examples` only.
    ///
    /// ## Why it matters
    /// Examples are what people copy and what mock servers and contract tests replay: an example
    /// the schema rejects means the example or the schema is wrong, and either misleads.
    ///
    /// ## Example
    /// ```yaml
    /// event_schemas:
    ///   order.created:
    ///     type: object
    ///     properties:
    ///       data:
    ///         properties:
    ///           quantity: {type: integer, minimum: 1}
    ///     examples:
    ///       - data: {quantity: 0}    # below the minimum of 1
    /// ```
    ///
    /// ## Fix
    /// Correct the example, or the schema if the example shows what the event really carries.
    ///
    /// ## Options
    /// None.
    pub struct EventExampleInvalid {
        name: "event-example-invalid",
        family: Event,
        severity: Error,
        summary: "an example of an event that its schema rejects, at the failing value",
    }
}

impl Rule for EventExampleInvalid {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        super::judge_each(
            &context.model.event_schemas,
            |schema| !schema.examples.is_empty(),
            |schema| judge(context.workspace, schema),
        )
    }
}

fn judge(workspace: &Workspace, schema: &EventSchema) -> Vec<Finding> {
    let (Some(draft), Some(bundle)) = (schema.draft(), schema.bundle(workspace)) else {
        return Vec::new();
    };
    // Most examples are valid, and a verdict on one costs far less than compiling the
    // validator, which is left until an example needs it. The bundle is what is compiled.
    let compiled = bundle.value(workspace);
    let mut verdicts = Judge::new(compiled, Plain(draft.jsonschema()));
    let mut validator = None;
    let event = &schema.name.value;
    let mut findings = Vec::new();
    for example in &schema.examples {
        let Some(node) = example.node(workspace) else {
            continue;
        };
        if verdicts.verdict(compiled, node.value) == Verdict::Valid {
            continue;
        }
        let Some(validator) = validator.get_or_insert_with(|| schema.validator(workspace)) else {
            return findings;
        };
        let instance = node.value.to_serde_as_javascript();
        for error in validator.iter_errors(&instance) {
            if undecided(&error) {
                continue;
            }
            let cause = leaf(&error);
            let pointer = format!("{}{}", example.pointer, cause.instance_path().as_str());
            let at = value_span(workspace, example.document, &pointer);
            let (document, keyword) = bundle.origin(cause.schema_path().as_str());
            let constraint = workspace.document(document).focus(&keyword);
            findings.push(
                Finding::new(
                    EventExampleInvalid::NAME,
                    at,
                    format!("example of event `{event}` breaks its schema: {}", message(cause)),
                )
                .primary_message("the failing value")
                .label(
                    constraint,
                    format!("rejected by this `{}`", cause.kind().keyword()),
                )
                .note("examples are what people copy and what mocks and contract tests replay; one the schema rejects misleads")
                .help("correct the example, or the schema if the example shows what the event really carries"),
            );
        }
    }
    findings
}
