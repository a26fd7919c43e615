//! `oasTagDefined`: each tag an operation lists must be among the document's global `tags`
//! (by `name`). Message: `Operation tags must be defined in global tags.`, at each undefined tag
//! of an operation.

use super::{no_options, operations, pointer};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasTagDefined;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasTagDefined", options)?;
    Ok(Box::new(OasTagDefined))
}

impl Apply for OasTagDefined {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(document)) = target else {
            return Vec::new();
        };
        let global: Vec<&str> = match document.get("tags") {
            Some(Value::Array(tags)) => tags
                .iter()
                .filter_map(|tag| tag.get("name")?.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let Some(paths) = document.get("paths") else {
            return Vec::new();
        };
        let mut failures = Vec::new();
        // An operation two paths share through a reference has its tags judged once.
        let mut judged = std::collections::HashSet::new();
        for (path, method, operation) in operations(context.document, paths) {
            if !judged.insert(std::ptr::from_ref(operation)) {
                continue;
            }
            let Some(Value::Array(tags)) = operation.get("tags") else {
                continue;
            };
            for (index, tag) in tags.iter().enumerate() {
                if tag.as_str().is_none_or(|tag| !global.contains(&tag)) {
                    failures.push(Failure {
                        message: "Operation tags must be defined in global tags.".to_owned(),
                        pointer: pointer(&["paths", path, method, "tags", &index.to_string()]),
                    });
                }
            }
        }
        failures
    }
}
