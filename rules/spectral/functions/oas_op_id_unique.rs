//! `oasOpIdUnique`: no two operations of `paths` may share an `operationId`. Each repetition
//! after the first is reported at its `operationId`: `operationId must be unique.`

use super::{no_options, operations, pointer};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasOpIdUnique;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasOpIdUnique", options)?;
    Ok(Box::new(OasOpIdUnique))
}

impl Apply for OasOpIdUnique {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(paths @ Value::Object(_)) = target else {
            return Vec::new();
        };
        let mut seen: Vec<&Value> = Vec::new();
        let mut failures = Vec::new();
        for (path, method, operation) in operations(paths) {
            let Some(id) = operation.get("operationId") else {
                continue;
            };
            if seen.contains(&id) {
                failures.push(Failure {
                    message: "operationId must be unique.".to_owned(),
                    pointer: pointer(&[path, method, "operationId"]),
                });
            } else {
                seen.push(id);
            }
        }
        failures
    }
}
