//! archlint's own JSON Schemas (the `schemas/` folder, built into the binary), each compiled once
//! per process and shared by every thread, and their errors turned into located messages.

use crate::load::document::Document;
use crate::load::kind::DocumentKind;
use crate::load::lowercase_first;
use crate::source::Span;
use jsonschema::Validator;
use serde_json::Value;
use std::sync::OnceLock;

/// One schema of ours: its file name under `schemas/` and its text.
pub struct Schema {
    pub file: &'static str,
    text: &'static str,
    compiled: OnceLock<Validator>,
}

macro_rules! schema {
    ($file:literal) => {
        Schema {
            file: $file,
            text: include_str!(concat!("../schemas/", $file)),
            compiled: OnceLock::new(),
        }
    };
}

pub static CONFIG: Schema = schema!("config.schema.json");
pub static ARCHITECTURE_SPEC: Schema = schema!("architecture-spec.schema.json");
pub static REQUIREMENTS: Schema = schema!("requirements.schema.json");
pub static EVENT_REGISTRY: Schema = schema!("event-registry.schema.json");

/// Every schema, for the test that compiles them all.
pub static ALL: [&Schema; 4] = [&CONFIG, &ARCHITECTURE_SPEC, &REQUIREMENTS, &EVENT_REGISTRY];

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
            _ => None,
        }
    }

    /// Every way `document` breaks this schema, each at the place it is about.
    pub fn violations(&self, document: &Document) -> Vec<Violation> {
        self.validator()
            .iter_errors(&document.value)
            .map(|error| {
                let pointer = error.instance_path().as_str().to_string();
                let placeholder = describe(error.instance());
                let message = lowercase_first(&error.masked_with(&placeholder).to_string());
                Violation {
                    span: document.focus(&pointer),
                    pointer,
                    message,
                }
            })
            .collect()
    }
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
