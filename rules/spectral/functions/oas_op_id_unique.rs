//! `oasOpIdUnique`: no two operations of `paths` may share an `operationId`. Each repetition
//! after the first is reported at its `operationId`: `operationId must be unique.` A Path Item
//! or an operation written as a local `$ref` is judged as what it names, reported at the
//! reference.

use super::{no_options, operations, pointer};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;
use std::collections::HashSet;

#[derive(Debug)]
struct OasOpIdUnique;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasOpIdUnique", options)?;
    Ok(Box::new(OasOpIdUnique))
}

impl Apply for OasOpIdUnique {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(paths @ Value::Object(_)) = target else {
            return Vec::new();
        };
        // Text ids (all but invalid documents) by hash, so a thousand operations cost a thousand
        // lookups; any other value by equality with the few others like it.
        let mut seen_text: HashSet<&str> = HashSet::new();
        let mut seen_other: Vec<&Value> = Vec::new();
        let mut failures = Vec::new();
        for (path, method, operation) in operations(context.document, paths) {
            let Some(id) = operation.get("operationId") else {
                continue;
            };
            let repeated = match id.as_str() {
                Some(text) => !seen_text.insert(text),
                None if seen_other.contains(&id) => true,
                None => {
                    seen_other.push(id);
                    false
                }
            };
            if repeated {
                failures.push(Failure {
                    message: "operationId must be unique.".to_owned(),
                    pointer: pointer(&[path, method, "operationId"]),
                });
            }
        }
        failures
    }
}
