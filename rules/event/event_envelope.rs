use super::parts;
use crate::diagnostic::Finding;
use crate::load::references::Node;
use crate::load::{DocumentRef, Workspace};
use crate::model::events::{Dialect, EventSchema, SchemaSource};
use crate::rules::{Context, Rule, declare_rule, option_strings};
use crate::value::Value;
use std::collections::{HashMap, HashSet};

/// The envelope seed `004` asks of every event.
const ENVELOPE: &[&str] = &["event_id", "event_type", "timestamp", "data"];

declare_rule! {
    /// ## What it reports
    /// An event schema that does not require every field of the envelope (by default
    /// `event_id`, `event_type`, `timestamp` and `data`). A field counts when a `required` of the
    /// schema lists it: the schema's own, or that of a schema that always applies with it, the
    /// members of its `allOf` and the targets of its `$ref`s, followed through any depth
    /// (`anyOf` and `oneOf` branches apply only sometimes: a field counts when every branch of
    /// one requires it). Reported once per
    /// schema, at its `required` (or at the event's name when it has none), listing the missing
    /// fields.
    ///
    /// The envelope is the convention of event schema registries (`event_schemas:`), and every
    /// registry entry is judged by it. A standalone JSON Schema event is judged when it follows
    /// the convention at all, declaring or requiring two of the fields, or one that only this
    /// convention names (`event_id`, not `data` or `timestamp`): one that declares none (an
    /// EventCatalog event, a team's own payload) or only a member any event may have (a
    /// CloudEvents schema's `data`, a camelCase envelope's `timestamp`) follows another
    /// convention, which archlint cannot tell wrong. An AsyncAPI message's
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

/// How deeply `oneOf` and `anyOf` branches are followed for what each of them requires.
const MAX_BRANCH_DEPTH: usize = 4;

/// The properties every event the schema at `node` accepts has: those its parts (itself, its
/// `allOf` members, what its `$ref`s name) require, and those every branch of one of their
/// `oneOf` or `anyOf` requires (an event matches a branch, whichever).
///
/// Each schema's answer is kept (`known`): branches that name the same schemas over and over are
/// each asked once.
fn always_required<'w>(
    workspace: &'w Workspace,
    node: Node<'w>,
    depth: usize,
    known: &mut Known<'w>,
) -> HashSet<&'w str> {
    let key = (node.at, node.pointer.clone());
    if let Some(required) = known.get(&key) {
        return required.clone();
    }
    let mut required = HashSet::new();
    for part in parts(workspace, node) {
        if let Some(Value::Array(names)) = part.value.get("required") {
            required.extend(names.iter().filter_map(Value::as_str));
        }
        if depth >= MAX_BRANCH_DEPTH {
            continue;
        }
        for keyword in ["oneOf", "anyOf"] {
            let Some(branches) = part.get(keyword) else {
                continue;
            };
            let count = branches.value.as_array().map_or(0, Vec::len);
            let common = (0..count)
                .map(|index| match branches.get(&index.to_string()) {
                    Some(branch) => always_required(workspace, branch, depth + 1, known),
                    None => HashSet::new(),
                })
                .reduce(|common, branch| common.intersection(&branch).copied().collect());
            required.extend(common.unwrap_or_default());
        }
    }
    known.insert(key, required.clone());
    required
}

/// What each schema always requires, by where it is written, as found so far.
type Known<'w> = HashMap<(DocumentRef, String), HashSet<&'w str>>;

/// Names of envelope fields that events of every convention use: alone, they follow none.
const GENERIC: &[&str] = &["data", "timestamp", "time", "id", "type", "payload"];

fn judge(workspace: &Workspace, schema: &EventSchema, fields: &[String]) -> Option<Finding> {
    let root = schema.schema.node(workspace)?;
    let required = always_required(workspace, root.clone(), 0, &mut HashMap::new());
    let mut declared = HashSet::new();
    for part in parts(workspace, root.clone()) {
        if let Some(Value::Object(properties)) = part.value.get("properties") {
            declared.extend(properties.keys().map(|key| key.as_str()));
        }
    }
    let used: Vec<&String> = fields
        .iter()
        .filter(|field| required.contains(field.as_str()) || declared.contains(field.as_str()))
        .collect();
    // One member any event may have (`data`, `timestamp`) is no sign of this envelope: a
    // CloudEvents schema has `data` beside its `id`, `type` and `time`.
    let follows_the_envelope =
        used.len() >= 2 || used.iter().any(|field| !GENERIC.contains(&field.as_str()));
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
