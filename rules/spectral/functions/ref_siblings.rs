//! `refSiblings`: a `$ref` must stand alone in its object (OpenAPI 2 and 3.0 ignore what is
//! written beside it). Given the `$ref` itself, it reports each other member of the object
//! holding it: `$ref must not be placed next to any other properties`.

use super::{absolute, no_options};
use crate::spectral::functions::print::join_pointer;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct RefSiblings;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("refSiblings", options)?;
    Ok(Box::new(RefSiblings))
}

impl Apply for RefSiblings {
    fn apply(&self, _target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        // The last token of the pointer, undecoded: it reads `$ref` only when it is `$ref` as
        // written, since `~0` and `~1` decode to `~` and `/`.
        let Some((parent, "$ref")) = context.pointer.rsplit_once('/') else {
            return Vec::new();
        };
        // The `$ref` must be a member of an object, not an item of a list.
        let Some(Value::Object(members)) = super::pointer_value(context.document, parent) else {
            return Vec::new();
        };
        if members.len() == 1 {
            return Vec::new();
        }
        members
            .keys()
            .filter(|key| *key != "$ref")
            .map(|key| Failure {
                message: "$ref must not be placed next to any other properties".to_owned(),
                pointer: absolute(&join_pointer(parent, key)),
            })
            .collect()
    }
}
