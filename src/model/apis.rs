//! APIs: every OpenAPI (and Swagger 2.0) document's operations, the path prefixes its servers give
//! them, and the service that owns it (FORMATS.md section 4). Path items and operations reached
//! through `$ref` are read where they are written.

use crate::load::document::push_pointer_token;
use crate::load::kind::DocumentKind;
use crate::load::references::Node;
use crate::load::{DocumentRef, Workspace};
use crate::model::{ServiceId, normalize};
use crate::source::Span;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApiVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// One OpenAPI document.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// Index into `Workspace::documents`.
    pub document: usize,
    pub version: ApiVersion,
    pub owner: Option<ServiceId>,
    /// What made `owner` the owner, for messages: "its `openapi:` field", ...
    pub ownership: Option<&'static str>,
    /// The path part of each server URL (3.x) or the `basePath` (2.0), without a trailing `/`.
    pub prefixes: Vec<String>,
    pub operations: Vec<Operation>,
}

/// One operation: a method of a path item.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Upper case: `GET`.
    pub method: String,
    /// The path template as written: `/orders/{id}`.
    pub path: String,
    /// Where the operation object is written (its path item may be a `$ref` to another file).
    pub at: DocumentRef,
    pub pointer: String,
    /// The method's key.
    pub span: Span,
}

impl Operation {
    pub fn node<'w>(&self, workspace: &'w Workspace) -> Node<'w> {
        let document = workspace.document(self.at);
        Node {
            at: self.at,
            document,
            value: document
                .value
                .pointer(&self.pointer)
                .unwrap_or(&Value::Null),
            pointer: self.pointer.clone(),
        }
    }

    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Ownership through the service's `openapi:` field.
pub const BY_FIELD: &str = "its `openapi:` field";

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Reads every OpenAPI document of the workspace; `services` are (name, its `openapi:` field
/// resolved to a path) for ownership.
pub(crate) fn read(
    workspace: &Workspace,
    services: &[(ServiceId, String, Option<PathBuf>)],
) -> Vec<Api> {
    let by_name: HashMap<String, ServiceId> = services
        .iter()
        .map(|(id, name, _)| (normalize(name), *id))
        .collect();
    let by_file: HashMap<PathBuf, ServiceId> = services
        .iter()
        .filter_map(|(id, _, path)| Some((std::fs::canonicalize(path.as_ref()?).ok()?, *id)))
        .collect();
    workspace
        .documents
        .iter()
        .enumerate()
        .filter(|(_, document)| document.kind == DocumentKind::OpenApi)
        .map(|(index, document)| {
            let root = Node::root(workspace, DocumentRef::Architecture(index));
            let path = &workspace.sources.get(document.file).path;
            let (owner, ownership) = match owner(&document.value, path, &by_name, &by_file) {
                Some((owner, how)) => (Some(owner), Some(how)),
                None => (None, None),
            };
            Api {
                document: index,
                version: version(&document.value),
                owner,
                ownership,
                prefixes: prefixes(&document.value),
                operations: operations(workspace, &root),
            }
        })
        .collect()
}

/// The version, read as classification reads it: an unquoted `openapi: 3.0` is a number, and
/// still 3.0 (`oas3-schema` then says it must be a string).
fn version(value: &Value) -> ApiVersion {
    let version = match value.get("openapi") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        _ => return ApiVersion::Swagger2,
    };
    if version.starts_with("3.0") {
        ApiVersion::OpenApi30
    } else {
        ApiVersion::OpenApi31
    }
}

/// The owner, by the first of: a service's `openapi:` field naming this file, `info.x-service`,
/// the file name before its first `.`, and `info.title` without a trailing "API".
fn owner(
    value: &Value,
    path: &Path,
    by_name: &HashMap<String, ServiceId>,
    by_file: &HashMap<PathBuf, ServiceId>,
) -> Option<(ServiceId, &'static str)> {
    if let Some(owner) = std::fs::canonicalize(path)
        .ok()
        .and_then(|path| by_file.get(&path))
    {
        return Some((*owner, BY_FIELD));
    }
    let info = value.get("info");
    let named = |name: Option<&str>| name.and_then(|name| by_name.get(&normalize(name)).copied());
    if let Some(owner) = named(info.and_then(|info| info.get("x-service")?.as_str())) {
        return Some((owner, "`info.x-service`"));
    }
    let stem = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| name.split('.').next());
    if let Some(owner) = named(stem) {
        return Some((owner, "the file name"));
    }
    let title = info
        .and_then(|info| info.get("title")?.as_str())
        .map(|title| {
            let title = title.trim();
            title
                .strip_suffix(" API")
                .or_else(|| title.strip_suffix(" Api"))
                .unwrap_or(title)
        });
    named(title).map(|owner| (owner, "`info.title`"))
}

/// Path prefixes from the server URLs (3.x) or `basePath` (2.0).
fn prefixes(value: &Value) -> Vec<String> {
    let mut prefixes: Vec<String> = match value.get("servers").and_then(Value::as_array) {
        Some(servers) => servers
            .iter()
            .filter_map(|server| server.get("url")?.as_str())
            .map(url_path)
            .collect(),
        None => value
            .get("basePath")
            .and_then(Value::as_str)
            .map(url_path)
            .into_iter()
            .collect(),
    };
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

/// The path of a server URL: `https://{host}/v1/` → `/v1`, `/api` → `/api`.
pub fn url_path(url: &str) -> String {
    let without_scheme = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
        None => url,
    };
    let path = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    if path.is_empty() || path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn operations(workspace: &Workspace, root: &Node<'_>) -> Vec<Operation> {
    let references = &workspace.references;
    let Some(paths) = references.get(workspace, root, "paths") else {
        return Vec::new();
    };
    let mut operations = Vec::new();
    for (path, item) in paths.entries() {
        if path.starts_with("x-") {
            continue;
        }
        let Some(item) = references.resolve(workspace, item) else {
            continue;
        };
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            if !operation.value.is_object() {
                continue;
            }
            let mut pointer = item.pointer.clone();
            push_pointer_token(&mut pointer, method);
            operations.push(Operation {
                method: method.to_ascii_uppercase(),
                path: path.to_string(),
                at: item.at,
                span: operation.anchor(),
                pointer,
            });
        }
    }
    operations
}

/// An endpoint a service declares: `GET /orders/:id`, or a bare path (any method).
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint<'a> {
    pub method: Option<String>,
    pub path: &'a str,
}

impl<'a> Endpoint<'a> {
    pub fn parse(text: &'a str) -> Option<Endpoint<'a>> {
        let text = text.trim();
        let (method, path) = match text.split_once(char::is_whitespace) {
            Some((method, path)) if !method.starts_with('/') => {
                (Some(method.to_ascii_uppercase()), path.trim())
            }
            _ => (None, text),
        };
        // A description after the path (`GET /orders - list orders`) is not part of it.
        let path = path.split_whitespace().next()?;
        path.starts_with('/').then_some(Endpoint { method, path })
    }
}

/// A path as compared: its segments, each parameter (`{id}`, `:id`) the same wildcard.
pub fn segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            if segment.starts_with(':') || (segment.starts_with('{') && segment.ends_with('}')) {
                "{}"
            } else {
                segment
            }
        })
        .collect()
}

/// Whether one path is the other with a prefix, at a segment boundary: `/api/v1/orders` and
/// `/v1/orders`.
pub fn same_path(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The root path `/` is only itself: an empty path is a suffix of every path.
    if short.is_empty() {
        return long.is_empty();
    }
    long.ends_with(short)
}

/// Whether a path carries a version segment: `/v1`, `/v2.1`.
pub fn has_version_segment(path: &str) -> bool {
    path.split('/').any(|segment| {
        segment.strip_prefix('v').is_some_and(|number| {
            !number.is_empty()
                && number
                    .split('.')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        })
    })
}
