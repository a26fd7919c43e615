//! `oasDocumentSchema`: the whole document must be valid against the OpenAPI meta-schema of its
//! version: OpenAPI 2.0 (`schemas/openapi-2.0.schema.json`, Spectral's own, from the OpenAPI
//! Initiative's), 3.0, 3.1 and 3.2 (archlint's `schemas/openapi-3.0.schema.json`,
//! `openapi-3.1.schema.json` and `openapi-3.2.schema.json`, which archlint's `oas3-schema` rule
//! uses too). Each meta-schema is
//! compiled once per process. Every error is reported, at its place, worded as the `schema`
//! function words errors; an unexpected property at the property, and what is wrong inside one
//! OpenAPI 2.0 security definition once, in the words of Spectral's 2.0 schema.

use super::no_options;
use crate::json;
use crate::spectral::formats::Format;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, Schema};
use crate::value::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug)]
struct OasDocumentSchema;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasDocumentSchema", options)?;
    Ok(Box::new(OasDocumentSchema))
}

/// One meta-schema, compiled on first use.
struct MetaSchema {
    text: &'static str,
    compiled: OnceLock<Option<Schema>>,
}

impl MetaSchema {
    const fn new(text: &'static str) -> Self {
        MetaSchema {
            text,
            compiled: OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&Schema> {
        self.compiled
            .get_or_init(|| {
                let schema: Value = serde_json::from_str(self.text).ok()?;
                let options =
                    json!({ "schema": schema, "dialect": "draft2020-12", "allErrors": true });
                Schema::compile(Some(&options)).ok()
            })
            .as_ref()
    }
}

static OPENAPI_2_0: MetaSchema =
    MetaSchema::new(include_str!("../../../schemas/openapi-2.0.schema.json"));
static OPENAPI_3_0: MetaSchema =
    MetaSchema::new(include_str!("../../../schemas/openapi-3.0.schema.json"));
static OPENAPI_3_1: MetaSchema =
    MetaSchema::new(include_str!("../../../schemas/openapi-3.1.schema.json"));
static OPENAPI_3_2: MetaSchema =
    MetaSchema::new(include_str!("../../../schemas/openapi-3.2.schema.json"));

impl Apply for OasDocumentSchema {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let formats = context.formats;
        let oas2 = formats.contains(&Format::Oas2);
        let meta = if oas2 {
            &OPENAPI_2_0
        } else if formats.contains(&Format::Oas3_2) {
            &OPENAPI_3_2
        } else if formats.contains(&Format::Oas3_1) {
            &OPENAPI_3_1
        } else if formats.contains(&Format::Oas3) {
            &OPENAPI_3_0
        } else {
            return Vec::new();
        };
        let Some(schema) = meta.get() else {
            return Vec::new();
        };
        let failures = schema.apply_as_document_schema(target, context);
        let Some(target) = target else {
            return failures;
        };
        let mut placed = Vec::new();
        let mut invalid_definitions = HashSet::new();
        for failure in failures {
            let failure = at_unexpected_property(failure, target);
            // Spectral's 2.0 schema words what is wrong inside one security definition as one
            // error (its `errorMessage`, which ajv-errors reads): the alternatives of its
            // `oneOf` say nothing each alone ("must be equal to one of the allowed values:
            // \"password\"" of an implicit flow).
            if oas2 && let Some(name) = security_definition(&failure.pointer) {
                if invalid_definitions.insert(name.to_owned()) {
                    placed.push(Failure {
                        message: invalid_security_definition(name),
                        pointer: format!("/securityDefinitions/{name}"),
                    });
                }
                continue;
            }
            placed.push(failure);
        }
        placed
    }
}

/// A failure of a document's structure as Spectral's `oasDocumentSchema` places it: an unexpected
/// property at the property (`Property "x" is not expected to be here`), not its object.
fn at_unexpected_property(mut failure: Failure, target: &Value) -> Failure {
    if let Some(name) = failure
        .message
        .strip_prefix("Property \"")
        .and_then(|rest| rest.strip_suffix("\" is not expected to be here"))
    {
        let below = crate::spectral::functions::print::join_pointer(&failure.pointer, name);
        if super::pointer_value(target, &below).is_some() {
            failure.pointer = below;
        }
    }
    failure
}

/// The security definition (its pointer token) a place inside one lies in.
fn security_definition(pointer: &str) -> Option<&str> {
    let below = pointer.strip_prefix("/securityDefinitions/")?;
    Some(below.split('/').next().unwrap_or(below))
}

/// The words of Spectral's 2.0 schema for an invalid security definition named `name`.
fn invalid_security_definition(name: &str) -> String {
    match name {
        "basic" | "apiKey" | "oauth2" => {
            format!("Invalid {name} authentication security definition")
        }
        _ => "Invalid security securityDefinitions".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_meta_schema_compiles() {
        for meta in [&OPENAPI_2_0, &OPENAPI_3_0, &OPENAPI_3_1, &OPENAPI_3_2] {
            let schema: Value = serde_json::from_str(meta.text).unwrap();
            let options = json!({ "schema": schema, "dialect": "draft2020-12", "allErrors": true });
            if let Err(errors) = Schema::compile(Some(&options)) {
                panic!("{errors:?}");
            }
        }
    }
}
