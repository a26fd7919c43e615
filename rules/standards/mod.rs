//! The `standards` family: seed 004's API standards document (`rest_api_guidelines:`) applied to
//! every OpenAPI document. Without a standards document these rules are silent; each reads one
//! part of the standards.

mod api_base_url;
mod api_envelope;
mod api_media_type;
mod api_pagination;
mod api_status_code;

pub use api_base_url::ApiBaseUrl;
pub use api_envelope::ApiEnvelope;
pub use api_media_type::ApiMediaType;
pub use api_pagination::ApiPagination;
pub use api_status_code::ApiStatusCode;

use crate::load::Workspace;
use crate::load::references::Node;
use crate::model::apis::Operation;
use crate::model::standards::ApiStandards;
use crate::rules::Context;
use crate::value::Value;

/// The first API standards document that sets what `field` reads.
fn standard<'m, T>(
    context: &Context<'m>,
    field: impl Fn(&'m ApiStandards) -> Option<T>,
) -> Option<(&'m ApiStandards, T)> {
    context
        .model
        .standards
        .api
        .iter()
        .find_map(|standard| Some((standard, field(standard)?)))
}

/// One response of an operation: its code as written and the response object, references
/// followed (responses whose reference leads nowhere are left out: `unresolved-ref` says so).
struct Response<'w> {
    code: &'w str,
    node: Node<'w>,
}

fn responses<'w>(workspace: &'w Workspace, operation: &Operation) -> Vec<Response<'w>> {
    let references = &workspace.references;
    let node = operation.node(workspace);
    let Some(responses) = references.get(workspace, &node, "responses") else {
        return Vec::new();
    };
    responses
        .entries()
        .into_iter()
        .filter(|(code, _)| !code.starts_with("x-"))
        .filter_map(|(code, written)| {
            let node = references.resolve(workspace, written)?;
            Some(Response { code, node })
        })
        .collect()
}

/// The media types of a request body or response: (media type, its object as written).
fn content<'w>(workspace: &'w Workspace, holder: &Node<'w>) -> Vec<(&'w str, Node<'w>)> {
    workspace
        .references
        .get(workspace, holder, "content")
        .map(|content| content.entries())
        .unwrap_or_default()
}

/// A media type without its parameters, lower case.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence.ends_with("+json")
}

/// What a schema describes, as far as it can be followed.
enum Described<'w> {
    /// An object, with its properties (from `properties` and the members of `allOf`).
    Object(Vec<(&'w str, Node<'w>)>),
    Array,
    /// A scalar.
    Scalar,
}

/// Beyond this many nested `allOf`s a schema is not followed.
const MAX_DEPTH: usize = 16;

/// What `schema` describes, or `None` when it cannot be told: a reference that leads nowhere,
/// a `oneOf` or `anyOf`, an object that lists no properties.
fn describe<'w>(workspace: &'w Workspace, schema: Node<'w>, depth: usize) -> Option<Described<'w>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let references = &workspace.references;
    let schema = references.resolve(workspace, schema)?;
    let Value::Object(map) = schema.value else {
        return None;
    };
    if map.contains_key("oneOf") || map.contains_key("anyOf") || map.contains_key("not") {
        return None;
    }
    let kind = match map.get("type") {
        Some(Value::String(kind)) => Some(kind.as_str()),
        // A list of types (3.1) is left alone unless it is one type and `null`.
        Some(Value::Array(kinds)) => {
            let named: Vec<&str> = kinds
                .iter()
                .filter_map(Value::as_str)
                .filter(|kind| *kind != "null")
                .collect();
            match named.as_slice() {
                [one] => Some(*one),
                _ => return None,
            }
        }
        _ => None,
    };
    match kind {
        Some("array") => return Some(Described::Array),
        Some("string" | "number" | "integer" | "boolean") => return Some(Described::Scalar),
        _ => {}
    }
    if kind.is_none() && map.contains_key("items") {
        return Some(Described::Array);
    }
    let mut properties = Vec::new();
    let mut listed = false;
    if let Some(own) = references.get(workspace, &schema, "properties") {
        listed = true;
        properties.extend(own.entries());
    }
    if let Some(Value::Array(members)) = map.get("allOf") {
        for position in 0..members.len() {
            let member = schema.get("allOf")?.get(&position.to_string())?;
            match describe(workspace, member, depth + 1)? {
                Described::Object(more) => {
                    listed = true;
                    properties.extend(more);
                }
                _ => return None,
            }
        }
    }
    listed.then_some(Described::Object(properties))
}
