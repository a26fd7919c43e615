//! `uniquenessTags`: no two entries of a `tags` list may share a `name`. Each repetition after
//! the first is reported at its `name`: `"tags" object contains duplicate tag name "pets".` A list
//! with an entry that is not an object with a string `name` is not judged, as in Spectral.

use super::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct UniquenessTags;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("uniquenessTags", options)?;
    Ok(Box::new(UniquenessTags))
}

impl Apply for UniquenessTags {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Array(tags)) = target else {
            return Vec::new();
        };
        let names: Option<Vec<&str>> = tags
            .iter()
            .map(|tag| tag.get("name").and_then(Value::as_str))
            .collect();
        let Some(names) = names else {
            return Vec::new();
        };
        names
            .iter()
            .enumerate()
            .filter(|(index, name)| names[..*index].contains(name))
            .map(|(index, name)| Failure {
                message: format!("\"tags\" object contains duplicate tag name \"{name}\"."),
                pointer: format!("/{index}/name"),
            })
            .collect()
    }
}
