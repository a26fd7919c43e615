//! `asyncApiSchemaValidation`: a schema's own `default` (`type: default`) or each of its
//! `examples` (`type: examples`) is valid against the schema. A text is not judged, as in
//! Spectral. The schema's local `$ref`s are followed; one that cannot be followed accepts
//! anything.

use super::asyncapi_specs::{compile as compile_schema, one_of, resolved_schema, validate};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let kind = one_of(
        "asyncApiSchemaValidation",
        options,
        "type",
        &["default", "examples"],
    )?;
    Ok(Box::new(SchemaValidation {
        examples: kind == "examples",
    }))
}

#[derive(Debug)]
struct SchemaValidation {
    examples: bool,
}

impl Apply for SchemaValidation {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(schema @ Value::Object(map)) = target else {
            return Vec::new();
        };
        let items: Vec<(String, &Value)> = if self.examples {
            match map.get("examples") {
                Some(Value::Array(examples)) => examples
                    .iter()
                    .enumerate()
                    .map(|(index, example)| (format!("/examples/{index}"), example))
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            match map.get("default") {
                Some(default) => vec![("/default".to_string(), default)],
                None => Vec::new(),
            }
        };
        let items: Vec<(String, &Value)> = items
            .into_iter()
            .filter(|(_, value)| !value.is_string())
            .collect();
        if items.is_empty() {
            return Vec::new();
        }
        let Some(function) = resolved_schema(context.document, schema).and_then(compile_schema)
        else {
            return Vec::new();
        };
        items
            .into_iter()
            .flat_map(|(at, value)| validate(&function, value, &at, context))
            .collect()
    }
}
