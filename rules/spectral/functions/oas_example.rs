//! `oasExample`: the examples of a schema (`example`, `default`, OpenAPI 2's `x-example`) or of a
//! media type, parameter or header (`example`, the `value` of each `examples` entry; OpenAPI 2's
//! `examples` by media type) must be valid against the schema. Options: `oasVersion` (2 or 3),
//! `schemaField` (`$` for the target itself, else the member holding the schema) and `type`
//! (`schema` or `media`).
//!
//! The schema is read as [`oas_schema`](super::oas_schema) reads it, its local `$ref`s followed;
//! a request's example need not carry `readOnly` properties, a response's `writeOnly` ones. An
//! example given as a local `$ref` (`#/components/examples/pet`) is read where it points and
//! judged where the reference is written; an `externalValue` is not fetched. An OpenAPI 3.2
//! example's `dataValue` is judged as a `value` is; one given only as `serializedValue` is text
//! the schema does not describe, and is not judged. Each example is
//! first judged on the schemas as written ([`crate::schema_verdict`]); the schema's validator is
//! compiled only for an example found invalid there, or one that cannot be told about.

use super::oas_schema::{
    Adjustment, Reached, Validator, compiled, judge, value_validator, whole_validator,
};
use super::resolve;
use crate::schema_verdict::Verdict;
use crate::spectral::formats::Format;
use crate::spectral::functions::print::{join_pointer, segments};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, Schema};
use crate::value::Value;

#[derive(Debug)]
struct OasExample {
    version: u8,
    /// `None` for the target itself (`$`).
    schema_field: Option<String>,
    media: bool,
}

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let mut mistakes = Vec::new();
    let mut mistake = |pointer: &str, message: String| {
        mistakes.push(OptionError {
            pointer: pointer.to_owned(),
            message,
        })
    };
    let Some(Value::Object(map)) = options else {
        return Err(vec![OptionError {
            pointer: String::new(),
            message: "\"oasExample\" needs options, e.g. { \"oasVersion\": 3, \"schemaField\": \"schema\", \"type\": \"media\" }".to_owned(),
        }]);
    };
    for unknown in map
        .keys()
        .filter(|key| !matches!(key.as_str(), "oasVersion" | "schemaField" | "type"))
    {
        mistake(
            &format!("/{unknown}"),
            format!("\"oasExample\" does not take \"{unknown}\""),
        );
    }
    let version = match map.get("oasVersion").and_then(Value::as_u64) {
        Some(version @ (2 | 3)) => version as u8,
        _ => {
            mistake("/oasVersion", "\"oasVersion\" must be 2 or 3".to_owned());
            3
        }
    };
    let schema_field = match map.get("schemaField") {
        Some(Value::String(field)) if field == "$" => None,
        Some(Value::String(field)) => Some(field.to_string()),
        _ => {
            mistake(
                "/schemaField",
                "\"schemaField\" must be a string".to_owned(),
            );
            None
        }
    };
    let media = match map.get("type").and_then(Value::as_str) {
        Some("media") => true,
        Some("schema") => false,
        _ => {
            mistake("/type", "\"type\" must be one of: media, schema".to_owned());
            false
        }
    };
    if !mistakes.is_empty() {
        return Err(mistakes);
    }
    Ok(Box::new(OasExample {
        version,
        schema_field,
        media,
    }))
}

/// Whether `path` lies under one of `prefixes` (`*` matching any segment).
fn under(path: &[String], prefixes: &[&[&str]]) -> bool {
    prefixes.iter().any(|prefix| {
        prefix.len() <= path.len()
            && prefix
                .iter()
                .zip(path)
                .all(|(wanted, segment)| *wanted == "*" || wanted == segment)
    })
}

impl OasExample {
    /// The examples to validate: (relative pointer, value), `None` for a value that is absent.
    fn items<'v>(
        &self,
        target: &'v crate::value::Map,
        document: &'v Value,
    ) -> Vec<(String, Option<&'v Value>)> {
        let mut items = Vec::new();
        if !self.media {
            let fields: &[&str] = if self.version == 2 {
                &["example", "x-example", "default"]
            } else {
                &["example", "default"]
            };
            for field in fields {
                let Some(value) = target.get(field) else {
                    continue;
                };
                let value = match *field {
                    "example" => example_named(document, value),
                    _ => Some(value),
                };
                if let Some(value) = value {
                    items.push((join_pointer("", field), Some(value)));
                }
            }
            return items;
        }
        if self.version == 3
            && let Some(example) = target.get("example")
        {
            if let Some(example) = example_named(document, example) {
                items.push(("/example".to_owned(), Some(example)));
            }
            return items;
        }
        let Some(Value::Object(examples)) = target.get("examples") else {
            return items;
        };
        for (key, example) in examples {
            let at = join_pointer("/examples", key);
            if self.version == 2 {
                items.push((at, Some(example)));
                continue;
            }
            // A local `$ref` is read where it points; one elsewhere is not judged.
            let Some(Value::Object(object)) = resolve(document, example) else {
                continue;
            };
            if object.contains_key("externalValue") || object.contains_key("$ref") {
                continue;
            }
            // OpenAPI 3.2: the data itself as `dataValue` is judged; the serialized form alone
            // (`serializedValue`) is text the schema does not describe.
            if let Some(data) = object.get("dataValue") {
                items.push((format!("{at}/dataValue"), Some(data)));
                continue;
            }
            if object.contains_key("serializedValue") && !object.contains_key("value") {
                continue;
            }
            items.push((format!("{at}/value"), object.get("value")));
        }
        items
    }
}

/// An `example`, or what it names when it is a local `$ref` (`example: {$ref:
/// '#/components/examples/order/value'}`), as Spectral, Redocly and Swagger UI resolve it; `None`
/// when that names nothing (`unresolved-ref` says so).
fn example_named<'v>(document: &'v Value, example: &'v Value) -> Option<&'v Value> {
    match super::local_ref(example) {
        Some(_) => resolve(document, example),
        None => Some(example),
    }
}

impl Apply for OasExample {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(map)) = target else {
            return Vec::new();
        };
        let schema = match &self.schema_field {
            None => target,
            Some(field) => map.get(field),
        };
        let Some(schema @ Value::Object(_)) = schema else {
            return Vec::new();
        };
        let items = self.items(map, context.document);
        if items.is_empty() {
            return Vec::new();
        }
        let path = segments(context.pointer);
        let requests: &[&[&str]] = if self.version == 2 {
            &[]
        } else {
            &[
                &["components", "requestBodies"],
                &["paths", "*", "*", "requestBody"],
            ]
        };
        let responses: &[&[&str]] = if self.version == 2 {
            &[&["responses"], &["paths", "*", "*", "responses"]]
        } else {
            &[
                &["components", "responses"],
                &["paths", "*", "*", "responses"],
            ]
        };
        let adjustment = Adjustment {
            relax_read_only: self.media && under(&path, requests),
            relax_write_only: self.media && under(&path, responses),
            drop_boolean_required: context.formats.contains(&Format::Oas2),
        };
        // Most examples are valid, and a verdict on one costs far less than compiling the
        // validator, which is left until an example needs it.
        let mut judge = judge(context, adjustment);
        let mut validator = None;
        // The whole schema's validator, for the examples whose own would be no smaller.
        let mut whole = None;
        let mut failures = Vec::new();
        for (relative, value) in items {
            // An `example` that is a `$ref` into another file (`example: {$ref: examples.yml#/x}`,
            // as DigitalOcean writes them) is put in place in the bundle, and judged as the
            // value it names; a local one is followed (`example_named`). One into another file
            // still written as a reference is either left by the bundle (it names nothing, or a
            // URL) or an Example Object's `value`, literal by the specification though
            // Spectral resolves it: archlint judges nothing rather than the reference object,
            // which is not what its author meant.
            if value.is_some_and(super::external_ref) {
                continue;
            }
            if let (Some(judge), Some(value)) = (&mut judge, value)
                && judge.verdict(schema, value) == Verdict::Valid
            {
                continue;
            }
            let Some(validator) =
                validator.get_or_insert_with(|| compiled(&adjustment, schema, context, true))
            else {
                return failures;
            };
            let alone;
            let validator: &Schema = match &*validator {
                Validator::Shared(shared) => shared,
                Validator::EachValue => {
                    let own = match value_validator(&adjustment, schema, value, context) {
                        Reached::Compiled(compiled) => compiled,
                        Reached::Whole => whole
                            .get_or_insert_with(|| whole_validator(&adjustment, schema, context))
                            .clone(),
                    };
                    match own {
                        Some(compiled) => {
                            alone = compiled;
                            &alone
                        }
                        None => continue,
                    }
                }
            };
            let at = format!("{}{relative}", context.pointer);
            let inner = FunctionContext {
                document: context.document,
                pointer: &at,
                formats: context.formats,
                scratch: context.scratch,
                inbound: context.inbound,
                large: context.large,
            };
            for failure in validator.apply(value, &inner) {
                // Inside an example written elsewhere (a `$ref`), the pointer names no place of
                // this document, and the finding goes to the closest place that is written.
                failures.push(Failure {
                    message: failure.message,
                    pointer: format!("{relative}{}", failure.pointer),
                });
            }
        }
        failures
    }
}
