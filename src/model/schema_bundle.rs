//! A schema and everything it references, as one self-contained value to compile and to
//! meta-validate, with the way back from any place in it to where that part is written.
//!
//! Why a bundle and not a retriever handed to the jsonschema crate: a `$ref` must mean here
//! exactly what it means to the workspace's resolver (`load::references`), which `unresolved-ref`
//! and `external-ref` judge: relative to the file it is written in, also inside an
//! `event_schemas:` entry or an AsyncAPI document, which are not schema resources of their own.
//! Each `$ref` the resolver follows is rewritten to point into the bundle; one it does not follow
//! (missing, a URL, out of the root, a cycle) is dropped, so that part of the schema accepts
//! anything rather than being guessed. Nothing is left to fetch, and every part keeps its origin,
//! so an error's schema path maps to the line where the keyword is written, in whichever file.

use super::events::Draft;
use crate::load::document::value_at;
use crate::load::references::Node;
use crate::load::{DocumentRef, Workspace};
use crate::value::{Map, Value};
use std::collections::HashMap;

/// The prefix of the names of the referenced schemas pulled into a bundle.
const PART: &str = "archlint.bundle.";

/// Keys whose members are names chosen by the author, not keywords, in a JSON Schema. (The
/// reference scan's list, in `load::references`, adds OpenAPI's maps; inside a schema `examples`
/// is a keyword whose items are data, so the two lists differ.)
const NAMED_MEMBERS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "dependencies",
];

/// Keys whose values are data, copied as written: a `$ref` inside them is not a reference.
const LITERALS: &[&str] = &["examples", "example", "default", "const", "enum"];

#[derive(Debug)]
pub struct Bundle {
    /// The bundled schema; `None` when it is the schema as written, which then references
    /// nothing and names no identity below its root: a copy would be the same value, and twenty
    /// thousand copies held by the model to the end of a run cost tens of megabytes.
    copy: Option<Value>,
    /// Where each part is written: the root first, then each referenced schema, which the bundle
    /// keeps under `definitions` (or `$defs`) as `archlint.bundle.N`.
    origins: Vec<(DocumentRef, String)>,
    definitions: &'static str,
}

impl Bundle {
    pub fn build(workspace: &Workspace, root: Node<'_>, draft: Draft) -> Bundle {
        let references = &workspace.references;
        let nothing_to_rewrite = references
            .sites_within(root.at, &root.pointer)
            .next()
            .is_none()
            && !identity_below(root.value, draft);
        if nothing_to_rewrite {
            return Bundle {
                copy: None,
                origins: vec![(root.at, root.pointer)],
                definitions: draft.definitions_keyword(),
            };
        }
        let mut builder = Builder {
            workspace,
            draft,
            origins: vec![(root.at, root.pointer.clone())],
            index: HashMap::from([((root.at, root.pointer.clone()), 0)]),
        };
        let mut value = builder.copy(&root, false, true);
        let mut parts = Map::new();
        let mut next = 1;
        while next < builder.origins.len() {
            let (at, pointer) = builder.origins[next].clone();
            let document = workspace.document(at);
            // Every origin was a resolved reference target, so it exists.
            if let Some(target) = value_at(&document.value, &pointer) {
                let node = Node {
                    at,
                    document,
                    pointer,
                    value: target,
                };
                let part = builder.copy(&node, false, false);
                parts.insert(format!("{PART}{next}"), part);
            }
            next += 1;
        }
        let definitions = draft.definitions_keyword();
        if !parts.is_empty()
            && let Value::Object(map) = &mut value
        {
            let holder = map.get_or_insert_with(definitions, || Value::Object(Map::new()));
            // A `definitions` that is no mapping is invalid; the references into it then fail
            // to compile, and `event-schema-invalid` reports the mapping.
            if let Value::Object(holder) = holder {
                holder.extend(parts);
            }
        }
        Bundle {
            copy: Some(value),
            origins: builder.origins,
            definitions,
        }
    }

    /// The self-contained schema, to compile and to meta-validate.
    pub fn value<'b>(&'b self, workspace: &'b Workspace) -> &'b Value {
        match &self.copy {
            Some(copy) => copy,
            None => {
                let (at, pointer) = &self.origins[0];
                // The schema was there when the bundle was built, and documents do not change.
                value_at(&workspace.document(*at).value, pointer).unwrap_or(&Value::Null)
            }
        }
    }

    /// Where the value at `pointer` of the bundle is written: a document and a pointer in it.
    pub fn origin(&self, pointer: &str) -> (DocumentRef, String) {
        let prefix = format!("/{}/{PART}", self.definitions);
        if let Some(rest) = pointer.strip_prefix(&prefix) {
            let digits = rest.find('/').unwrap_or(rest.len());
            if let Some((at, base)) = rest[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|part| self.origins.get(part))
            {
                return (*at, format!("{base}{}", &rest[digits..]));
            }
        }
        let (at, base) = &self.origins[0];
        (*at, format!("{base}{pointer}"))
    }
}

struct Builder<'w> {
    workspace: &'w Workspace,
    draft: Draft,
    origins: Vec<(DocumentRef, String)>,
    index: HashMap<(DocumentRef, String), usize>,
}

impl<'w> Builder<'w> {
    /// A copy of `node` with its references rewritten; `named` when its keys are names,
    /// `root` for the bundle's root (whose `$id` and `$schema` stay).
    fn copy(&mut self, node: &Node<'w>, named: bool, root: bool) -> Value {
        match node.value {
            Value::Object(_) => {
                let references = &self.workspace.references;
                let is_reference = references.site(node.at, &node.pointer).is_some();
                let mut copy = Map::new();
                for (key, child) in node.entries() {
                    if key == "$ref" && is_reference {
                        if let Some(target) = references.resolve(self.workspace, node.clone()) {
                            copy.insert(key, Value::from(self.reference(&target)));
                        }
                        continue;
                    }
                    // A part keeps no identity of its own: its references were rewritten to
                    // point into the bundle, which a nested base URI would lead astray.
                    if !named && !root && is_identity(key, self.draft) && child.value.is_string() {
                        continue;
                    }
                    let value = if !named && LITERALS.contains(&key) {
                        child.value.clone()
                    } else {
                        self.copy(&child, !named && NAMED_MEMBERS.contains(&key), false)
                    };
                    copy.insert(key.to_string(), value);
                }
                Value::Object(copy)
            }
            Value::Array(items) => (0..items.len())
                .filter_map(|index| node.get(&index.to_string()))
                .map(|item| self.copy(&item, false, false))
                .collect(),
            scalar => scalar.clone(),
        }
    }

    /// The bundle-internal reference to a resolved target, pulling it in the first time.
    fn reference(&mut self, target: &Node<'w>) -> String {
        let key = (target.at, target.pointer.clone());
        let part = match self.index.get(&key) {
            Some(&part) => part,
            None => {
                let part = self.origins.len();
                self.origins.push(key.clone());
                self.index.insert(key, part);
                part
            }
        };
        if part == 0 {
            "#".to_string()
        } else {
            format!("#/{}/{PART}{part}", self.draft.definitions_keyword())
        }
    }
}

/// Whether `key` names a schema's identity in `draft`: its base URI or its dialect.
fn is_identity(key: &str, draft: Draft) -> bool {
    matches!(key, "$id" | "$schema") || (key == "id" && draft == Draft::Draft4)
}

/// Whether an identity the bundle's copy drops may be written below the root of `schema`: any
/// identity key with a text value, also where it is a name or data, which the copy keeps (a
/// copy made for nothing is still right).
fn identity_below(schema: &Value, draft: Draft) -> bool {
    match schema {
        Value::Object(map) => map.values().any(|child| declares_identity(child, draft)),
        Value::Array(items) => items.iter().any(|item| declares_identity(item, draft)),
        _ => false,
    }
}

/// Whether `value`, or any value inside it, has an identity key with a text value.
fn declares_identity(value: &Value, draft: Draft) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(key, child)| {
            (is_identity(key, draft) && child.is_string()) || declares_identity(child, draft)
        }),
        Value::Array(items) => items.iter().any(|item| declares_identity(item, draft)),
        _ => false,
    }
}
