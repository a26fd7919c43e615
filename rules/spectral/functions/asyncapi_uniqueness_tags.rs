//! `uniquenessTags`: no two tags of a list have the same `name`. Spectral's shared function,
//! which `spectral:asyncapi` calls for the tags of the document, its servers, operations,
//! messages and traits; each repetition is reported at the later tag's `name`.

use super::asyncapi_specs::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use serde_json::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("uniquenessTags", options)?;
    Ok(Box::new(UniquenessTags))
}

#[derive(Debug)]
struct UniquenessTags;

impl Apply for UniquenessTags {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Array(tags)) = target else {
            return Vec::new();
        };
        // Spectral's input schema: each tag is a mapping with a textual `name`.
        let names: Option<Vec<&str>> = tags
            .iter()
            .map(|tag| tag.get("name").and_then(Value::as_str))
            .collect();
        let Some(names) = names else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        let mut failures = Vec::new();
        for (index, name) in names.iter().enumerate() {
            if !seen.insert(*name) {
                failures.push(Failure {
                    message: format!("\"tags\" object contains duplicate tag name \"{name}\"."),
                    pointer: format!("/{index}/name"),
                });
            }
        }
        failures
    }
}
