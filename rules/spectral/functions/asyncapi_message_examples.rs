//! `asyncApi2MessageExamplesValidation`: each of a message's (or message trait's) `examples`
//! has a `payload` valid against the message's `payload` schema and `headers` valid against its
//! `headers` schema, once the message's traits are merged into it (JSON Merge Patch, as
//! Spectral's `mergeTraits`). An absent schema accepts anything; local `$ref`s in the schemas
//! and the traits are followed, and a schema that does not compile is left to `asyncapi-payload`
//! and `asyncapi-schema`.

use super::asyncapi_specs::{
    Unfollowed, compile as compile_schema, no_options, resolved, resolved_schema, validate,
};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::{Map, Value};

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApi2MessageExamplesValidation", options)?;
    Ok(Box::new(MessageExamples))
}

#[derive(Debug)]
struct MessageExamples;

/// JSON Merge Patch (RFC 7386) of `patch` onto `origin`.
fn merge(origin: Option<&Value>, patch: &Value) -> Value {
    let Value::Object(patch) = patch else {
        return patch.clone();
    };
    let mut result = match origin {
        Some(Value::Object(origin)) => origin.clone(),
        _ => Map::new(),
    };
    for (key, value) in patch {
        if value.is_null() {
            result.remove(key);
        } else {
            let merged = merge(result.get(key), value);
            result.insert(key.clone(), merged);
        }
    }
    Value::Object(result)
}

/// `message` with each of its traits merged in, in order.
fn merged_traits(document: &Value, message: &Map) -> Map {
    let Some(Value::Array(traits)) = message.get("traits") else {
        return message.clone();
    };
    let mut merged = message.clone();
    for item in traits {
        let item = resolved(document, item, Unfollowed::Kept, false);
        if let Value::Object(item) = item {
            for (key, value) in item {
                let value = merge(merged.get(&key), &value);
                merged.insert(key, value);
            }
        }
    }
    merged
}

impl Apply for MessageExamples {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(message)) = target else {
            return Vec::new();
        };
        // Spectral's input schema: `name` and `summary`, when there, are texts.
        if ["name", "summary"]
            .iter()
            .any(|key| message.get(key).is_some_and(|value| !value.is_string()))
        {
            return Vec::new();
        }
        let message = merged_traits(context.document, message);
        let Some(Value::Array(examples)) = message.get("examples") else {
            return Vec::new();
        };
        let mut failures = Vec::new();
        for part in ["payload", "headers"] {
            let judged: Vec<(usize, &Value)> = examples
                .iter()
                .enumerate()
                .filter_map(|(index, example)| Some((index, example.get(part)?)))
                .collect();
            if judged.is_empty() {
                continue;
            }
            let schema = match message.get(part) {
                Some(schema) => match resolved_schema(context.document, schema) {
                    Some(schema) => schema,
                    None => continue,
                },
                None => Value::Object(Map::new()),
            };
            let Some(function) = compile_schema(schema) else {
                continue;
            };
            for (index, value) in judged {
                failures.extend(validate(
                    &function,
                    value,
                    &format!("/examples/{index}/{part}"),
                    context,
                ));
            }
        }
        // Spectral judges each example's payload, then its headers.
        failures.sort_by_key(|failure| {
            failure
                .pointer
                .split('/')
                .nth(2)
                .and_then(|index| index.parse::<usize>().ok())
        });
        failures
    }
}
