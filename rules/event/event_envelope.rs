use super::parts;
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::model::events::{Dialect, EventSchema, SchemaSource};
use crate::rules::{Context, Rule, declare_rule, option_strings};
use crate::value::Value;
use std::collections::HashSet;

/// The envelope seed `004` asks of every event.
const ENVELOPE: &[&str] = &["event_id", "event_type", "timestamp", "data"];

declare_rule! {
    /// ## What it reports
    /// An event schema that does not require every field of the envelope (by default
    /// `event_id`, `event_type`, `timestamp` and `data`). A field counts when a `required` of the
    /// schema lists it: the schema's own, or that of a schema that always applies with it, the
    /// members of its `allOf` and the targets of its `$ref`s, followed through any depth
    /// (`anyOf` and `oneOf` branches apply only sometimes and do not count). Reported once per
    /// schema, at its `required` (or at the event's name when it has none), listing the missing
    /// fields.
    ///
    /// The envelope is the convention of event schema registries (`event_schemas:`), and every
    /// registry entry is judged by it. A standalone JSON Schema event is judged when it follows
    /// the convention at all, declaring or requiring one of the fields: one that declares none
    /// (an EventCatalog event, a team's own payload) follows another convention, which archlint
    /// cannot tell wrong. An AsyncAPI message's
    /// payload is not asked for it: AsyncAPI has no such convention (a message carries its id and
    /// type in `correlationId`, `headers` and bindings, as each protocol does). Payloads in other
    /// schema languages (Avro, Protobuf) are not judged either.
    ///
    /// ## Why it matters
    /// One envelope on every event lets consumers, replays, dead-letter queues and tracing treat
    /// any event the same way: an id to drop duplicates, a type to route by, a time to order by.
    ///
    /// ## Example
    /// ```yaml
    /// event_schemas:
    ///   order.created:
    ///     type: object
    ///     required: [order_id, total]   # no event_id, event_type, timestamp, data
    /// ```
    ///
    /// ## Fix
    /// Add the fields to the schema's `required` (and `properties`), or put the payload under
    /// `data` in an envelope schema that every event includes with `allOf`.
    ///
    /// ## Options
    /// `fields`: the envelope, a list of field names (default `[event_id, event_type, timestamp,
    /// data]`):
    ///
    /// ```yaml
    /// rules:
    ///   event-envelope: {severity: warning, options: {fields: [id, type, time, data]}}
    /// ```
    pub struct EventEnvelope {
        name: "event-envelope",
        family: Event,
        severity: Warning,
        summary: "an event schema that does not require the envelope fields (default `event_id`, `event_type`, `timestamp`, `data`)",
        options: [("fields", crate::config::OptionKind::Names)],
    }
}

impl Rule for EventEnvelope {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let fields = option_strings(context.options, "fields", ENVELOPE);
        context
            .model
            .event_schemas
            .iter()
            .filter(|schema| schema.source != SchemaSource::AsyncApiMessage)
            .filter(|schema| !matches!(schema.dialect, Dialect::Other(_)))
            .filter_map(|schema| judge(context.workspace, schema, &fields))
            .collect()
    }
}

fn judge(workspace: &Workspace, schema: &EventSchema, fields: &[String]) -> Option<Finding> {
    let root = schema.schema.node(workspace)?;
    let mut required = HashSet::new();
    let mut declared = HashSet::new();
    for part in parts(workspace, root.clone()) {
        if let Some(Value::Array(names)) = part.value.get("required") {
            required.extend(names.iter().filter_map(Value::as_str));
        }
        if let Some(Value::Object(properties)) = part.value.get("properties") {
            declared.extend(properties.keys().map(|key| key.as_str()));
        }
    }
    let follows_the_envelope = fields
        .iter()
        .any(|field| required.contains(field.as_str()) || declared.contains(field.as_str()));
    if schema.source == SchemaSource::JsonSchemaDocument && !follows_the_envelope {
        return None;
    }
    let missing: Vec<String> = fields
        .iter()
        .filter(|field| !required.contains(field.as_str()))
        .map(|field| format!("`{field}`"))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let event = &schema.name;
    let fields_word = if missing.len() == 1 {
        "field"
    } else {
        "fields"
    };
    let message = format!(
        "schema of event `{}` does not require the envelope {fields_word} {}",
        event.value,
        missing.join(", ")
    );
    let finding = match root.get("required") {
        Some(list) => Finding::new(EventEnvelope::NAME, list.focus(), message)
            .primary_message(format!("{} missing here", missing.join(", ")))
            .label(event.span, format!("event `{}`", event.value)),
        None => Finding::new(EventEnvelope::NAME, event.span, message)
            .primary_message("its schema requires no envelope"),
    };
    Some(
        finding
            .note("one envelope on every event lets consumers, replays and dead-letter tools handle any event the same way: an id to drop duplicates, a type to route by, a time to order by")
            .help(format!(
                "add {} to the schema's `required` and `properties`, or include a shared envelope schema with `allOf`",
                missing.join(", ")
            )),
    )
}
