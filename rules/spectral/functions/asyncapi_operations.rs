//! The operations and messages of an AsyncAPI 2 document, as Spectral's `getAllOperations` and
//! `getAllMessages` walk them (for the uniqueness functions), and the identifier an object gets
//! from its own field or its last trait that sets it.
//!
//! Spectral walks the document with its references followed; so does this, for the local
//! `$ref`s (a channel's operation, a message, a `oneOf` choice, a trait): messages are mostly
//! written under `components.messages` and used by reference. A message used at several places
//! is one message, and its identifier is not repeated by itself (Spectral reports a message used
//! by two operations as a repeated `messageId`, asyncapi/spec#946); an operation is one per
//! channel address, so a channel used by reference under two addresses holds two operations, and
//! their one `operationId` is repeated, as Spectral reports it.

use super::named;
use crate::spectral::functions::print;
use crate::value::{Map, Value};

/// An operation or a message: where it is used, where it is written, and the object.
pub(super) struct Used<'v> {
    /// Its place where it is used, which is where a finding about it is reported.
    used_at: String,
    /// Its place where it is written.
    written_at: String,
    /// What tells it from the others: where it is written, for a message (the same object used
    /// twice is one); its channel's address and its kind, for an operation.
    identity: String,
    /// Whether it is used through a reference (a finding is then reported at the reference).
    referenced: bool,
    object: &'v Map,
}

/// `value`, the member at `relative` below `parent` (below the document without one), as the
/// object it is or a local `$ref` names; `None` when it is neither.
fn member<'v>(
    document: &'v Value,
    parent: Option<&Used<'v>>,
    value: &'v Value,
    relative: &str,
) -> Option<Used<'v>> {
    let (parent_used_at, parent_written_at, parent_referenced) =
        parent.map_or(("", "", false), |parent| {
            (
                parent.used_at.as_str(),
                parent.written_at.as_str(),
                parent.referenced,
            )
        });
    // Used below the parent's place, or, inside what a reference names, at that reference.
    let used_at = match parent_referenced {
        true => parent_used_at.to_owned(),
        false => format!("{parent_used_at}{relative}"),
    };
    let (written_at, referenced, value) = match named(document, value) {
        Some((written_at, followed)) => (written_at, true, followed),
        None => (
            format!("{parent_written_at}{relative}"),
            parent_referenced,
            value,
        ),
    };
    let Value::Object(object) = value else {
        return None;
    };
    Some(Used {
        used_at,
        identity: written_at.clone(),
        written_at,
        referenced,
        object,
    })
}

/// Each operation (`subscribe`, then `publish`, of each channel).
pub(super) fn operations(document: &Value) -> Vec<Used<'_>> {
    let Some(Value::Object(channels)) = document.get("channels") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (address, channel) in channels {
        let at = print::join_pointer("/channels", address);
        let Some(channel) = member(document, None, channel, &at) else {
            continue;
        };
        for kind in ["subscribe", "publish"] {
            if let Some(operation) = channel.object.get(kind)
                && let Some(mut operation) =
                    member(document, Some(&channel), operation, &format!("/{kind}"))
            {
                operation.identity = format!("{at}/{kind}");
                found.push(operation);
            }
        }
    }
    found
}

/// Each message of each operation (each of a `oneOf`).
pub(super) fn messages(document: &Value) -> Vec<Used<'_>> {
    let mut found = Vec::new();
    for operation in operations(document) {
        let Some(message) = operation
            .object
            .get("message")
            .and_then(|message| member(document, Some(&operation), message, "/message"))
        else {
            continue;
        };
        match message.object.get("oneOf") {
            Some(Value::Array(choices)) => {
                for (index, choice) in choices.iter().enumerate() {
                    found.extend(member(
                        document,
                        Some(&message),
                        choice,
                        &format!("/oneOf/{index}"),
                    ));
                }
            }
            _ => found.push(message),
        }
    }
    found
}

/// The identifier `field` of `object`: from its last trait that sets it as text, else its own;
/// with its pointer relative to the object (a trait used through a reference, the reference's).
fn identifier<'v>(document: &'v Value, object: &'v Map, field: &str) -> Option<(&'v str, String)> {
    if let Some(Value::Array(traits)) = object.get("traits") {
        for (index, item) in traits.iter().enumerate().rev() {
            let (item, at) = match named(document, item) {
                Some((_, followed)) => (followed, format!("/traits/{index}")),
                None => (item, format!("/traits/{index}/{field}")),
            };
            if let Some(Value::String(id)) = item.get(field) {
                return Some((id, at));
            }
        }
    }
    match object.get(field) {
        Some(Value::String(id)) => Some((id, format!("/{field}"))),
        _ => None,
    }
}

/// A failure for each identifier already seen, at the later one; an object met again where it
/// is written is passed over.
pub(super) fn repeated(
    document: &Value,
    objects: Vec<Used<'_>>,
    field: &str,
    message: &str,
) -> Vec<crate::spectral::functions::Failure> {
    let mut seen_objects = std::collections::HashSet::new();
    let mut seen = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for used in &objects {
        if !seen_objects.insert(used.identity.as_str()) {
            continue;
        }
        let Some((id, at)) = identifier(document, used.object, field) else {
            continue;
        };
        if !seen.insert(id) {
            let pointer = match used.referenced {
                true => used.used_at.clone(),
                false => format!("{}{at}", used.used_at),
            };
            failures.push(crate::spectral::functions::Failure {
                message: message.to_string(),
                pointer,
            });
        }
    }
    failures
}
