//! archlint's own JSON Schemas (the `schemas/` folder, built into the binary), each compiled once
//! per process and shared by every thread, and their errors turned into located messages.

use crate::load::document::Document;
use crate::load::document::push_pointer_token;
use crate::load::kind::DocumentKind;
use crate::load::lowercase_first;
use crate::source::Span;
use jsonschema::Validator;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One schema of ours: its file name under `schemas/` and its text.
pub struct Schema {
    pub file: &'static str,
    text: &'static str,
    compiled: OnceLock<Validator>,
    /// A validator for each of the schema's `$defs`, compiled together on first use: a file
    /// reached through a `$ref` holds one object of the structure (a path item, a schema), not a
    /// whole document.
    definitions: OnceLock<HashMap<String, Validator>>,
}

macro_rules! schema {
    ($file:literal) => {
        Schema {
            file: $file,
            text: include_str!(concat!("../schemas/", $file)),
            compiled: OnceLock::new(),
            definitions: OnceLock::new(),
        }
    };
}

pub static CONFIG: Schema = schema!("config.schema.json");
pub static ARCHITECTURE_SPEC: Schema = schema!("architecture-spec.schema.json");
pub static REQUIREMENTS: Schema = schema!("requirements.schema.json");
pub static EVENT_REGISTRY: Schema = schema!("event-registry.schema.json");
/// The structure of OpenAPI documents, written for archlint from the specification; "X or a
/// Reference Object" is `if`/`then`/`else`, never `oneOf`, so that an error is its leaf cause.
pub static OPENAPI_3_0: Schema = schema!("openapi-3.0.schema.json");
pub static OPENAPI_3_1: Schema = schema!("openapi-3.1.schema.json");
/// Backstage's descriptor format: the envelope, and each built-in kind's structure as a
/// definition named after the kind.
pub static BACKSTAGE_ENTITY: Schema = schema!("backstage-entity.schema.json");

/// The built-in kinds of Backstage's catalog, each a definition of [`BACKSTAGE_ENTITY`].
const BACKSTAGE_KINDS: [&str; 8] = [
    "Component",
    "API",
    "Resource",
    "System",
    "Domain",
    "Group",
    "User",
    "Location",
];

/// Every schema, for the test that compiles them all.
pub static ALL: [&Schema; 7] = [
    &CONFIG,
    &ARCHITECTURE_SPEC,
    &REQUIREMENTS,
    &EVENT_REGISTRY,
    &OPENAPI_3_0,
    &OPENAPI_3_1,
    &BACKSTAGE_ENTITY,
];

impl Schema {
    /// The compiled validator. Our schemas are part of the program and a test compiles each, so
    /// a failure here is a bug in archlint, not in the user's input.
    pub fn validator(&self) -> &Validator {
        self.compiled.get_or_init(|| {
            let schema: Value = serde_json::from_str(self.text)
                .unwrap_or_else(|error| panic!("schemas/{} is not JSON: {error}", self.file));
            jsonschema::validator_for(&schema)
                .unwrap_or_else(|error| panic!("schemas/{} does not compile: {error}", self.file))
        })
    }

    /// The schema for a kind of architecture document, where archlint has one.
    pub fn for_kind(kind: DocumentKind) -> Option<&'static Schema> {
        match kind {
            DocumentKind::ArchitectureSpec => Some(&ARCHITECTURE_SPEC),
            DocumentKind::Requirements => Some(&REQUIREMENTS),
            DocumentKind::EventSchemaRegistry => Some(&EVENT_REGISTRY),
            DocumentKind::BackstageEntity => Some(&BACKSTAGE_ENTITY),
            _ => None,
        }
    }

    /// Every way a document of the kind this schema is for breaks it. A Backstage entity is also
    /// held to its kind's definition (a kind archlint does not know gets the envelope only), and
    /// a scaffolder template's skeleton, whose values are placeholders until it is rendered, is
    /// not judged.
    pub fn document_violations(&self, document: &Document) -> Vec<Violation> {
        if document.kind != DocumentKind::BackstageEntity {
            return self.violations(document);
        }
        if crate::load::catalog::is_template(&document.value) {
            return Vec::new();
        }
        let mut violations = self.violations(document);
        if let Some(kind) = document.value.get("kind").and_then(Value::as_str)
            && BACKSTAGE_KINDS.contains(&kind)
        {
            violations.extend(self.definition_violations(kind, document, ""));
        }
        violations
    }

    /// Every way `document` breaks this schema, each at the place it is about.
    pub fn violations(&self, document: &Document) -> Vec<Violation> {
        located_violations(self.validator(), document, "")
    }

    /// Every way the value at `pointer` of `document` breaks the definition `name` of this
    /// schema (`$defs/name`); nothing when the schema has no such definition.
    pub fn definition_violations(
        &self,
        name: &str,
        document: &Document,
        pointer: &str,
    ) -> Vec<Violation> {
        let definitions = self.definitions.get_or_init(|| {
            let schema: Value = serde_json::from_str(self.text)
                .unwrap_or_else(|error| panic!("schemas/{} is not JSON: {error}", self.file));
            let Some(Value::Object(definitions)) = schema.get("$defs") else {
                return HashMap::new();
            };
            definitions
                .keys()
                .map(|name| {
                    let one = serde_json::json!({
                        "$schema": schema.get("$schema"),
                        "$defs": definitions,
                        "$ref": format!("#/$defs/{name}"),
                    });
                    let validator = jsonschema::validator_for(&one).unwrap_or_else(|error| {
                        panic!(
                            "schemas/{} $defs/{name} does not compile: {error}",
                            self.file
                        )
                    });
                    (name.clone(), validator)
                })
                .collect()
        });
        match definitions.get(name) {
            Some(validator) => located_violations(validator, document, pointer),
            None => Vec::new(),
        }
    }
}

/// Every error of `validator` on the value at `base` of `document`, at the place it is about.
fn located_violations(validator: &Validator, document: &Document, base: &str) -> Vec<Violation> {
    let Some(value) = document.value.pointer(base) else {
        return Vec::new();
    };
    validator
        .iter_errors(value)
        .flat_map(|error| {
            let pointer = format!("{base}{}", error.instance_path().as_str());
            // An unknown key belongs on the key itself, one finding for each.
            if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
                return unexpected
                    .iter()
                    .map(|key| {
                        let mut at = pointer.clone();
                        push_pointer_token(&mut at, key);
                        Violation {
                            span: document.locate_nearest(&at).anchor(),
                            pointer: at,
                            message: format!("key `{key}` is not allowed here"),
                        }
                    })
                    .collect();
            }
            let message = match error.kind() {
                // The crate shortens long lists ("or 2 other candidates"); ours are short.
                // "Not valid under any of the schemas listed in the 'anyOf' keyword" says nothing
                // when each alternative only asks for a key: name the keys.
                ValidationErrorKind::AnyOf { context } if !context.is_empty() && context.iter().all(|branch| {
                    matches!(branch.as_slice(), [only] if matches!(only.kind(), ValidationErrorKind::Required { .. }))
                }) => {
                    let keys: Vec<String> = context
                        .iter()
                        .filter_map(|branch| match branch[0].kind() {
                            ValidationErrorKind::Required { property } => {
                                Some(format!("`{}`", property.as_str().unwrap_or_default()))
                            }
                            _ => None,
                        })
                        .collect();
                    format!("one of {} is required", keys.join(", "))
                }
                ValidationErrorKind::Enum { options } => match options.as_array() {
                    Some(options) => format!(
                        "{} is not one of {}",
                        describe(error.instance()),
                        options
                            .iter()
                            .map(|option| format!(
                                "`{}`",
                                option
                                    .as_str()
                                    .map_or_else(|| option.to_string(), str::to_string)
                            ))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None => lowercase_first(&error.to_string()),
                },
                _ => {
                    let placeholder = describe(error.instance());
                    lowercase_first(&error.masked_with(&placeholder).to_string())
                }
            };
            vec![Violation {
                span: document.focus(&pointer),
                pointer,
                message,
            }]
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub span: Span,
    pub pointer: String,
    pub message: String,
}

/// A short name for a value in a message: the value itself when it is a short scalar.
fn describe(value: &Value) -> String {
    match value {
        Value::Object(_) => "the mapping".to_string(),
        Value::Array(_) => "the list".to_string(),
        Value::String(text) if text.chars().count() > 40 => "the text".to_string(),
        scalar => scalar.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles() {
        for schema in ALL {
            schema.validator();
        }
    }
}
