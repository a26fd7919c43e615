//! The members written beside a `$ref` that the specification a description follows says to
//! ignore: OpenAPI 2's JSON References, OpenAPI 3's and AsyncAPI's Reference Objects, and the
//! `$ref` of a JSON Schema draft 4 to 7 ("any members other than `$ref` SHALL be ignored").
//! Spectral's resolved document has each such object replaced by what it names, so a rule never
//! meets those members; archlint, which judges the document as written, leaves them out of what
//! its resolved rules judge (an `example` beside a `$ref` in OpenAPI 3.0 is no example of the
//! schema it names).
//!
//! Kept: the members beside the `$ref` of a Path Item (OpenAPI) or a channel (AsyncAPI 2), which
//! the specifications merge with what the reference names, and of a Schema Object under OpenAPI
//! 3.1 (JSON Schema 2020-12 applies a `$ref` beside the other keywords), and the `summary` and
//! `description` an OpenAPI 3.1 Reference Object may carry.

use crate::spectral::formats::Format;
use crate::spectral::jsonpath::{Children, Step, pointer};
use crate::value::Value;
use std::collections::HashSet;

/// The pointers of the objects whose members beside `$ref` are ignored, in one document.
#[derive(Debug, Default)]
pub struct IgnoredSiblings {
    references: HashSet<String>,
}

/// What a description's specification keeps beside a `$ref`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Specification {
    OpenApi { schemas_keep_siblings: bool },
    AsyncApi { channels_keep_siblings: bool },
}

impl IgnoredSiblings {
    /// The objects of `document` (of `formats`) that hold a `$ref` beside members ignored.
    /// Empty for a document that is no OpenAPI or AsyncAPI description.
    pub fn of(document: &Value, formats: &[Format]) -> IgnoredSiblings {
        let specification = if formats.contains(&Format::Oas2) || formats.contains(&Format::Oas3) {
            Specification::OpenApi {
                schemas_keep_siblings: formats.contains(&Format::Oas3_1)
                    || formats.contains(&Format::Oas3_2),
            }
        } else if formats.contains(&Format::AsyncApi2) || formats.contains(&Format::AsyncApi3) {
            Specification::AsyncApi {
                channels_keep_siblings: formats.contains(&Format::AsyncApi2),
            }
        } else {
            return IgnoredSiblings::default();
        };
        let mut references = HashSet::new();
        // Depth first on a stack of child iterators, the steps of the path beside: a document
        // may nest deeper than a thread's stack allows recursion.
        let mut path: Vec<Step> = Vec::new();
        let mut stack: Vec<Children> = Children::of(document).into_iter().collect();
        while let Some(top) = stack.last_mut() {
            let Some((step, value)) = top.next() else {
                stack.pop();
                path.pop();
                continue;
            };
            path.push(step);
            if let Value::Object(map) = value
                && map.len() > 1
                && map.get("$ref").is_some_and(Value::is_string)
                && ignores_siblings(specification, &path, value)
            {
                references.insert(pointer(&path));
            }
            match Children::of(value) {
                Some(children) => stack.push(children),
                None => {
                    path.pop();
                }
            }
        }
        IgnoredSiblings { references }
    }

    /// Whether the node at `pointer` lies in a member ignored beside a `$ref`.
    pub fn hides(&self, pointer: &str) -> bool {
        if self.references.is_empty() {
            return false;
        }
        pointer.match_indices('/').skip(1).any(|(at, _)| {
            let next = pointer[at + 1..].split('/').next().unwrap_or_default();
            next != "$ref" && self.references.contains(&pointer[..at])
        })
    }

    /// Whether the node at `pointer` is an object whose members beside its `$ref` are ignored:
    /// what it is, is what the reference names.
    pub fn is_reference(&self, pointer: &str) -> bool {
        !self.references.is_empty() && self.references.contains(pointer)
    }
}

/// Whether the `$ref` object at `path` is one whose other members are ignored.
fn ignores_siblings(specification: Specification, path: &[Step], object: &Value) -> bool {
    let key = |from_end: usize| match path.len().checked_sub(from_end + 1).map(|i| path[i]) {
        Some(Step::Member { key, .. }) => Some(key),
        _ => None,
    };
    let at_root = |depth: usize| path.len() == depth;
    match specification {
        Specification::OpenApi {
            schemas_keep_siblings,
        } => {
            let path_item = (at_root(2) && matches!(key(1), Some("paths" | "webhooks")))
                || (at_root(3) && key(2) == Some("components") && key(1) == Some("pathItems"))
                || key(2) == Some("callbacks");
            if path_item {
                return false;
            }
            if schemas_keep_siblings {
                if is_schema_place(path, key) {
                    return false;
                }
                // A 3.1 Reference Object's `summary` and `description` stand for the named
                // object's own.
                let Value::Object(map) = object else {
                    return false;
                };
                return map
                    .keys()
                    .any(|member| !matches!(member.as_str(), "$ref" | "summary" | "description"));
            }
            true
        }
        Specification::AsyncApi {
            channels_keep_siblings,
        } => !(channels_keep_siblings && at_root(2) && key(1) == Some("channels")),
    }
}

/// Whether the object at `path` stands where OpenAPI 3.1 expects a Schema Object.
fn is_schema_place<'v>(path: &[Step<'v>], key: impl Fn(usize) -> Option<&'v str>) -> bool {
    const ONE_SCHEMA: &[&str] = &[
        "schema",
        "items",
        "additionalItems",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "contentSchema",
    ];
    const SCHEMA_BY_NAME: &[&str] = &[
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "dependentSchemas",
    ];
    const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
    let last = path.last().copied();
    match last {
        Some(Step::Member { key: own, .. }) => {
            ONE_SCHEMA.contains(&own)
                || key(1).is_some_and(|parent| SCHEMA_BY_NAME.contains(&parent))
                || (path.len() == 3 && key(2) == Some("components") && key(1) == Some("schemas"))
        }
        Some(Step::Element(_)) => key(1).is_some_and(|parent| SCHEMA_LISTS.contains(&parent)),
        None => false,
    }
}
