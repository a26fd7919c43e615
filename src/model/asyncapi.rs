//! AsyncAPI 2.x and 3.0 documents: each message is an event (named by its `name`, else its key in
//! a `messages` map, else its 2.x `messageId`), its payload is the event's schema, and the
//! document's operations make its application a publisher or a consumer.
//!
//! The direction of an operation follows each specification's own wording:
//! - 3.0: `action: send` means the application sends the operation's messages (a publisher);
//!   `action: receive` means it receives them (a consumer). An operation without `messages`
//!   means every message of its channel.
//! - 2.x: the verbs are written from the point of view of the application's clients. The 2.x
//!   Channel Item Object defines `subscribe` as the messages *produced by the application and sent
//!   to the channel* (clients subscribe to them: the application publishes), and `publish` as the
//!   messages *consumed by the application from the channel* (clients publish them: the
//!   application consumes).
//!
//! Every `$ref` (channel, operation, message, payload) is followed with the workspace's resolver,
//! so a message defined in a shared components file is one event, recorded where it is written.

use super::Spanned;
use super::events::{Dialect, Draft, EventSchema, Place, SchemaSource, dialect_of, items};
use crate::load::document::{Document, unescape_token, value_at};
use crate::load::references::{Node, References};
use crate::load::{DocumentRef, Workspace};
use crate::source::Span;
use crate::value::Value;
use std::collections::HashSet;

/// An application's use of an event, as an AsyncAPI document declares it.
pub struct AsyncApiUse {
    /// Whether the application sends the event (else it receives it).
    pub sends: bool,
    /// The event's name, spanned where the operation names the message.
    pub event: Spanned<String>,
    /// The address of the channel the message travels on (see [`channel_address`]).
    pub address: Option<String>,
}

/// What one AsyncAPI document says about events.
pub struct AsyncApiDocument {
    /// The application the document describes: `info.x-service`, else the file stem.
    pub application: String,
    pub uses: Vec<AsyncApiUse>,
    /// The schema of every message the document defines or reaches, in the order it first
    /// reaches each, with the message's place: a message that several documents share (in a
    /// components file) is the first one's.
    pub schemas: Vec<(Place, EventSchema)>,
}

/// Reads the AsyncAPI document `at`: its uses of events and its messages' schemas. It is read on
/// its own: documents may be read in parallel.
pub fn read(workspace: &Workspace, at: DocumentRef) -> AsyncApiDocument {
    let root = Node::root(workspace, at);
    let mut reader = Reader {
        workspace,
        references: &workspace.references,
        schemas: Vec::new(),
        seen: HashSet::new(),
        uses: Vec::new(),
        version: root
            .value
            .pointer("/info/version")
            .and_then(scalar_text)
            .map(|version| Spanned {
                value: version,
                span: root.document.focus("/info/version"),
            }),
    };
    if version(root.value).starts_with("3.") {
        reader.operations_3(&root);
        // Messages of channels that no operation names are still events with schemas.
        for (_, channel) in reader.entries(&root, "channels") {
            for (_, message) in reader.entries(&channel, "messages") {
                reader.message(&message);
            }
        }
    } else {
        reader.channels_2(&root);
    }
    if let Some(components) = reader.references.get(workspace, &root, "components") {
        for (_, message) in reader.entries(&components, "messages") {
            reader.message(&message);
        }
    }
    AsyncApiDocument {
        application: application(workspace, root.document),
        uses: reader.uses,
        schemas: reader.schemas,
    }
}

fn version(value: &Value) -> String {
    match value.get("asyncapi") {
        Some(Value::String(text)) => text.to_string(),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

/// `info.x-service`, else the file stem; `asyncapi.yaml`, the name the specification suggests for
/// every document, says nothing, so its folder names the application, past folders that name no
/// application (`orders/docs/asyncapi.yaml` is `orders`); a `.asyncapi` suffix of the stem is
/// dropped (`orders.asyncapi.yaml` is `orders`).
fn application(workspace: &Workspace, document: &Document) -> String {
    if let Some(name) = document
        .value
        .pointer("/info/x-service")
        .and_then(Value::as_str)
        && !name.trim().is_empty()
    {
        return name.trim().to_string();
    }
    let path = &workspace.sources.get(document.file).path;
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.strip_suffix(".asyncapi").unwrap_or(&stem).to_string();
    if stem.eq_ignore_ascii_case("asyncapi")
        && let Some(folder) = path
            .ancestors()
            .skip(1)
            .filter_map(|folder| folder.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .find(|name| !names_no_application(name))
    {
        return folder;
    }
    stem
}

/// Folders a repository keeps its descriptions in, whatever the application.
fn names_no_application(folder: &str) -> bool {
    const GENERIC: [&str; 11] = [
        "docs",
        "doc",
        "api",
        "apis",
        "spec",
        "specs",
        "specification",
        "asyncapi",
        "contracts",
        "schemas",
        "definitions",
    ];
    GENERIC.iter().any(|name| name.eq_ignore_ascii_case(folder))
}

struct Reader<'w> {
    workspace: &'w Workspace,
    references: &'w References,
    schemas: Vec<(Place, EventSchema)>,
    /// The messages read so far.
    seen: HashSet<Place>,
    uses: Vec<AsyncApiUse>,
    /// The document's `info.version`, which versions every message it defines.
    version: Option<Spanned<String>>,
}

impl<'w> Reader<'w> {
    /// The members of the mapping `key` of `node`, each resolved.
    fn entries(&self, node: &Node<'w>, key: &str) -> Vec<(&'w str, Node<'w>)> {
        let Some(map) = self.references.get(self.workspace, node, key) else {
            return Vec::new();
        };
        map.entries()
            .into_iter()
            .filter_map(|(name, value)| Some((name, self.resolve(value)?)))
            .collect()
    }

    fn resolve(&self, node: Node<'w>) -> Option<Node<'w>> {
        self.references.resolve(self.workspace, node)
    }

    /// The member `key` of `node`, resolved, and whether it was: a `$ref` that is not followed
    /// (a URL) leaves the member as written.
    fn member(&self, node: &Node<'w>, key: &str) -> Option<(Node<'w>, bool)> {
        let written = node.get(key)?;
        match self.resolve(written.clone()) {
            Some(resolved) => Some((resolved, true)),
            None => Some((written, false)),
        }
    }

    /// The items of the list `key` of `node`, as written.
    fn list(&self, node: &Node<'w>, key: &str) -> Option<Vec<Node<'w>>> {
        let list = self.references.get(self.workspace, node, key)?;
        let Value::Array(items) = list.value else {
            return None;
        };
        Some(
            (0..items.len())
                .filter_map(|index| list.get(&index.to_string()))
                .collect(),
        )
    }

    /// Where an operation names a message: the `$ref` when it is one, else the message's name.
    fn use_span(&self, written: &Node<'w>, name: &Spanned<String>) -> Span {
        self.references
            .site(written.at, &written.pointer)
            .map_or(name.span, |site| site.span)
    }

    fn add_use(&mut self, sends: bool, value: String, span: Span, address: Option<String>) {
        self.uses.push(AsyncApiUse {
            sends,
            event: Spanned { value, span },
            address,
        });
    }

    /// 3.0: `operations.*.action` with `channel` and `messages` references.
    fn operations_3(&mut self, root: &Node<'w>) {
        let operations: Vec<Node<'w>> = self
            .entries(root, "operations")
            .into_iter()
            .map(|(_, operation)| operation)
            .collect();
        for operation in operations {
            let sends = match operation.value.get("action").and_then(Value::as_str) {
                Some("send") => true,
                Some("receive") => false,
                _ => continue,
            };
            let channel = self.references.get(self.workspace, &operation, "channel");
            // 3.0: a null or absent `address` means the address is unknown or dynamic.
            let address = channel
                .as_ref()
                .and_then(|channel| channel.value.get("address"))
                .and_then(Value::as_str)
                .map(channel_address);
            match self.list(&operation, "messages") {
                Some(messages) => {
                    for written in messages {
                        if let Some(name) = self.message(&written) {
                            let span = self.use_span(&written, &name);
                            self.add_use(sends, name.value, span, address.clone());
                        }
                    }
                }
                None => {
                    let Some(channel) = channel else {
                        continue;
                    };
                    let action = operation
                        .document
                        .focus(&format!("{}/action", operation.pointer));
                    for (_, message) in self.entries(&channel, "messages") {
                        if let Some(name) = self.message(&message) {
                            self.add_use(sends, name.value, action, address.clone());
                        }
                    }
                }
            }
        }
    }

    /// 2.x: `channels.*.subscribe` (the application sends) and `publish` (it receives).
    fn channels_2(&mut self, root: &Node<'w>) {
        let channels = self.entries(root, "channels");
        for (name, channel) in channels {
            // 2.x: a channel's key is its address.
            let address = Some(channel_address(name));
            for (verb, sends) in [("subscribe", true), ("publish", false)] {
                let Some(operation) = self.references.get(self.workspace, &channel, verb) else {
                    continue;
                };
                let Some(written) = operation.get("message") else {
                    continue;
                };
                let Some(message) = self.resolve(written.clone()) else {
                    continue;
                };
                let candidates = self
                    .list(&message, "oneOf")
                    .unwrap_or_else(|| vec![written]);
                for written in candidates {
                    if let Some(name) = self.message(&written) {
                        let span = self.use_span(&written, &name);
                        self.add_use(sends, name.value, span, address.clone());
                    }
                }
            }
        }
    }

    /// The event a message (as written) is, recording its schema the first time it is seen.
    fn message(&mut self, written: &Node<'w>) -> Option<Spanned<String>> {
        let message = self.resolve(written.clone())?;
        let name = event_name(&message)?;
        let place = Place::of(&message);
        if !self.seen.contains(&place) {
            self.seen.insert(place.clone());
            if let Some(schema) = self.payload_schema(&message, &name) {
                self.schemas.push((place, schema));
            }
        }
        Some(name)
    }

    /// A message's payload as an event schema: in its `$schema`'s draft when it has one, else in
    /// the draft its `schemaFormat` names, else draft-07 (the AsyncAPI Schema Object is a superset
    /// of JSON Schema draft-07).
    fn payload_schema(&self, message: &Node<'w>, name: &Spanned<String>) -> Option<EventSchema> {
        let (payload, mut readable) = self.member(message, "payload")?;
        // 3.0's Multi Format Schema Object: `{schemaFormat, schema}`.
        let multi_format = payload.value.get("schemaFormat").and_then(Value::as_str);
        let (schema, format, format_at) = match multi_format {
            Some(format) if payload.value.get("schema").is_some() => (
                {
                    let (schema, resolved) = self.member(&payload, "schema")?;
                    readable &= resolved;
                    schema
                },
                Some(format),
                Some(
                    payload
                        .document
                        .focus(&format!("{}/schemaFormat", payload.pointer)),
                ),
            ),
            _ => {
                let format = message.value.get("schemaFormat").and_then(Value::as_str);
                let at = format.map(|_| {
                    message
                        .document
                        .focus(&format!("{}/schemaFormat", message.pointer))
                });
                (payload, format, at)
            }
        };
        let place = Place::of(&schema);
        let (dialect, dialect_at) = match format.map(schema_format) {
            // A payload behind a `$ref` that is not followed (a URL) is a schema all the same:
            // the event has one, archlint cannot read it (`external-ref` says so).
            _ if !readable => (
                Dialect::Other(format.unwrap_or("unfollowed `$ref`").to_string()),
                format_at,
            ),
            Some(Err(other)) => (Dialect::Other(other), format_at),
            Some(Ok(draft)) => {
                let (dialect, at) = dialect_of(schema.document, &place, draft);
                (dialect, at.or(format_at))
            }
            None => dialect_of(schema.document, &place, Draft::Draft7),
        };
        let mut event = EventSchema::new(
            name.clone(),
            SchemaSource::AsyncApiMessage,
            place.clone(),
            dialect,
            dialect_at,
        );
        let message_place = Place::of(message);
        let mut examples: Vec<Place> = items(message.document, &message_place.child("examples"))
            .into_iter()
            .map(|example| example.child("payload"))
            .filter(|payload| value_at(&message.document.value, &payload.pointer).is_some())
            .collect();
        examples.extend(items(schema.document, &place.child("examples")));
        event.examples = examples;
        event.message = Some(message_place);
        event.document_version = self.version.clone();
        Some(event)
    }
}

/// A version written as a string or a number (`version: 1.0` is the number 1.0 to YAML).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A channel's address as two documents compare it: its parameters unnamed, since each document
/// names them for itself (`lights/{streetlightId}` and `lights/{id}` are one address).
pub fn channel_address(address: &str) -> String {
    let mut compared = String::with_capacity(address.len());
    let mut in_parameter = false;
    for character in address.trim().chars() {
        match character {
            '{' => {
                in_parameter = true;
                compared.push('{');
            }
            '}' if in_parameter => {
                in_parameter = false;
                compared.push('}');
            }
            _ if in_parameter => {}
            other => compared.push(other),
        }
    }
    compared
}

/// The draft a `schemaFormat` names, or the format itself when it is no JSON Schema.
fn schema_format(format: &str) -> Result<Draft, String> {
    let normal: String = format
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if normal.starts_with("application/vnd.aai.asyncapi") {
        return Ok(Draft::Draft7);
    }
    if normal.starts_with("application/schema+json")
        || normal.starts_with("application/schema+yaml")
    {
        let version = normal
            .split_once("version=")
            .map_or("", |(_, version)| version);
        return Ok(match version {
            v if v.starts_with("draft-04") => Draft::Draft4,
            v if v.starts_with("draft-06") => Draft::Draft6,
            v if v.starts_with("2019-09") => Draft::Draft201909,
            v if v.starts_with("2020-12") => Draft::Draft202012,
            _ => Draft::Draft7,
        });
    }
    Err(format.to_string())
}

/// A message's event name: its `name`, else its key in a `messages` map, else its `messageId`
/// (2.x); an anonymous inline message names no event.
fn event_name(message: &Node<'_>) -> Option<Spanned<String>> {
    let field = |key: &str| {
        let value = message.value.get(key)?.as_str()?.trim();
        (!value.is_empty()).then(|| Spanned {
            value: value.to_string(),
            span: message
                .document
                .focus(&format!("{}/{key}", message.pointer)),
        })
    };
    if let Some(name) = field("name") {
        return Some(name);
    }
    let mut tokens = message.pointer.rsplit('/');
    // The key in a `messages` map names the message; a position in a `messages` list does not.
    let in_map = message
        .pointer
        .rsplit_once('/')
        .and_then(|(parent, _)| value_at(&message.document.value, parent))
        .is_some_and(Value::is_object);
    if let (Some(key), Some("messages"), true) = (tokens.next(), tokens.next(), in_map) {
        return Some(Spanned {
            value: unescape_token(key).into_owned(),
            span: message.anchor(),
        });
    }
    field("messageId")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_with_their_parameters_unnamed() {
        assert_eq!(channel_address("lights/{streetlightId}/on"), "lights/{}/on");
        assert_eq!(
            channel_address("lights/{id}/on"),
            channel_address("lights/{streetlightId}/on")
        );
        assert_eq!(channel_address("rpc_queue"), "rpc_queue");
        assert_ne!(channel_address("lights/on"), channel_address("lights/off"));
    }

    #[test]
    fn schema_formats_name_their_draft() {
        let cases = [
            (
                "application/vnd.aai.asyncapi+json;version=3.0.0",
                Ok(Draft::Draft7),
            ),
            (
                "application/schema+yaml;version=draft-07",
                Ok(Draft::Draft7),
            ),
            (
                "application/schema+json;version=draft-04",
                Ok(Draft::Draft4),
            ),
            (
                "application/schema+json; version=2020-12",
                Ok(Draft::Draft202012),
            ),
            (
                "application/vnd.apache.avro;version=1.9.0",
                Err("application/vnd.apache.avro;version=1.9.0".to_string()),
            ),
        ];
        for (format, expected) in cases {
            assert_eq!(schema_format(format), expected, "{format}");
        }
    }
}
