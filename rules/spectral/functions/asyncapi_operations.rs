//! The operations and messages of an AsyncAPI 2 document, as Spectral's `getAllOperations` and
//! `getAllMessages` walk them (for the uniqueness functions), and the identifier an object gets
//! from its own field or its last trait that sets it.

use crate::spectral::functions::print;
use crate::value::{Map, Value};

/// Each operation (`subscribe`, then `publish`, of each channel), with its pointer.
pub(super) fn operations(document: &Value) -> Vec<(String, &Map)> {
    let Some(Value::Object(channels)) = document.get("channels") else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (address, channel) in channels {
        for kind in ["subscribe", "publish"] {
            if let Some(Value::Object(operation)) = channel.get(kind) {
                let channel = print::join_pointer("/channels", address);
                found.push((format!("{channel}/{kind}"), operation));
            }
        }
    }
    found
}

/// Each message of each operation (each of a `oneOf`), with its pointer.
pub(super) fn messages(document: &Value) -> Vec<(String, &Map)> {
    let mut found = Vec::new();
    for (pointer, operation) in operations(document) {
        let Some(Value::Object(message)) = operation.get("message") else {
            continue;
        };
        match message.get("oneOf") {
            Some(Value::Array(choices)) => {
                for (index, choice) in choices.iter().enumerate() {
                    if let Value::Object(choice) = choice {
                        found.push((format!("{pointer}/message/oneOf/{index}"), choice));
                    }
                }
            }
            _ => found.push((format!("{pointer}/message"), message)),
        }
    }
    found
}

/// The identifier `field` of `object`: from its last trait that sets it as text, else its own;
/// with its pointer relative to the object.
pub(super) fn identifier<'v>(object: &'v Map, field: &str) -> Option<(&'v str, String)> {
    if let Some(Value::Array(traits)) = object.get("traits") {
        for (index, item) in traits.iter().enumerate().rev() {
            if let Some(Value::String(id)) = item.get(field) {
                return Some((id, format!("/traits/{index}/{field}")));
            }
        }
    }
    match object.get(field) {
        Some(Value::String(id)) => Some((id, format!("/{field}"))),
        _ => None,
    }
}

/// A failure for each identifier already seen, at the later one.
pub(super) fn repeated(
    objects: Vec<(String, &Map)>,
    field: &str,
    message: &str,
) -> Vec<crate::spectral::functions::Failure> {
    let mut seen = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for (pointer, object) in objects {
        let Some((id, at)) = identifier(object, field) else {
            continue;
        };
        if !seen.insert(id) {
            failures.push(crate::spectral::functions::Failure {
                message: message.to_string(),
                pointer: format!("{pointer}{at}"),
            });
        }
    }
    failures
}
