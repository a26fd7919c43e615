//! `uniquenessTags`: no two entries of a `tags` list may share a `name`. Each repetition after
//! the first is reported at its `name`: `"tags" object contains duplicate tag name "pets".` A list
//! with an entry that is not an object with a string `name` is not judged, as in Spectral; an
//! entry that is a local `$ref` is the tag it names, as Spectral reads it resolved.

use super::{local_ref, no_options, resolve};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;
use std::collections::HashSet;

#[derive(Debug)]
struct UniquenessTags;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("uniquenessTags", options)?;
    Ok(Box::new(UniquenessTags))
}

impl Apply for UniquenessTags {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Array(tags)) = target else {
            return Vec::new();
        };
        // A tag used by a local reference (AsyncAPI 3 allows one) is the tag it names.
        let names: Option<Vec<(&str, bool)>> = tags
            .iter()
            .map(|tag| {
                let referenced = local_ref(tag).is_some();
                let name = resolve(context.document, tag)?.get("name")?.as_str()?;
                Some((name, referenced))
            })
            .collect();
        let Some(names) = names else {
            return Vec::new();
        };
        let mut seen = HashSet::new();
        names
            .iter()
            .enumerate()
            .filter(|(_, (name, _))| !seen.insert(*name))
            .map(|(index, (name, referenced))| Failure {
                message: format!("\"tags\" object contains duplicate tag name \"{name}\"."),
                // A repeated tag used by reference is reported at the reference.
                pointer: match referenced {
                    true => format!("/{index}"),
                    false => format!("/{index}/name"),
                },
            })
            .collect()
    }
}
