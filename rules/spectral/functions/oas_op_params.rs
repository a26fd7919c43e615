//! `oasOpParams`: an operation's parameters must not repeat a `name` + `in` pair, hold both a
//! body and a form-data parameter, or more than one body parameter. A parameter given as a local
//! `$ref` is read where it points; one that cannot be read is left out, as Spectral leaves out a
//! `$ref` it could not resolve. Each duplicate is reported at its place in the list.

use super::{no_options, resolve};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasOpParams;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasOpParams", options)?;
    Ok(Box::new(OasOpParams))
}

/// `String(value)` for the parts of a fingerprint.
fn js_string(value: Option<&Value>) -> String {
    match value {
        None => "undefined".to_owned(),
        Some(Value::String(text)) => text.to_string(),
        Some(Value::Object(_)) => "[object Object]".to_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::Null => String::new(),
                other => js_string(Some(other)),
            })
            .collect::<Vec<_>>()
            .join(","),
        Some(other) => other.to_string(),
    }
}

impl Apply for OasOpParams {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Array(parameters)) = target else {
            return Vec::new();
        };
        if parameters.len() < 2 {
            return Vec::new();
        }
        let mut fingerprints: Vec<String> = Vec::new();
        let mut duplicates = Vec::new();
        let mut body = Vec::new();
        let mut form_data = 0;
        for (index, parameter) in parameters.iter().enumerate() {
            let Some(parameter @ Value::Object(map)) = resolve(context.document, parameter) else {
                continue;
            };
            if map.contains_key("$ref") {
                continue;
            }
            let fingerprint = format!(
                "{}-{}",
                js_string(parameter.get("in")),
                js_string(parameter.get("name"))
            );
            if fingerprints.contains(&fingerprint) {
                duplicates.push(index);
            } else {
                fingerprints.push(fingerprint);
            }
            match parameter.get("in").and_then(Value::as_str) {
                Some("body") => body.push(index),
                Some("formData") => form_data += 1,
                _ => {}
            }
        }
        let mut failures: Vec<Failure> = duplicates
            .into_iter()
            .map(|index| Failure {
                message: "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values.".to_owned(),
                pointer: format!("/{index}"),
            })
            .collect();
        if !body.is_empty() && form_data > 0 {
            failures.push(Failure::here(
                "Operation must not have both \"in:body\" and \"in:formData\" parameters."
                    .to_owned(),
            ));
        }
        for index in body.iter().skip(1) {
            failures.push(Failure {
                message: "Operation must not have more than a single instance of the \"in:body\" parameter.".to_owned(),
                pointer: format!("/{index}"),
            });
        }
        failures
    }
}
