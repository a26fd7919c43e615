//! `asyncApiPayloadValidation`: a message's `payload` is a valid AsyncAPI Schema Object, by the
//! official AsyncAPI JSON Schema of the document's version (2.0.0 to 2.6.0, 3.0.0; see
//! `asyncapi_specs`). The payload is judged as written: a part behind a `$ref` is a Reference
//! Object here, and the schema it points at is judged where it is written (by `asyncapi-schema`
//! for `components.schemas`), where Spectral reports it at the reference's target through each
//! payload that uses it.

use super::asyncapi_specs::{VERSION_COUNT, Version, compile as compile_schema, no_options};
use crate::json;
use crate::spectral::functions::{Apply, CoreFunction, Failure, FunctionContext, OptionError};
use crate::value::Value;
use std::sync::OnceLock;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApiPayloadValidation", options)?;
    Ok(Box::new(PayloadValidation))
}

#[derive(Debug)]
struct PayloadValidation;

/// The Schema Object's definition of `version`, with every definition it refers to; compiled
/// once per process.
fn validator(version: Version) -> Option<&'static CoreFunction> {
    static COMPILED: [OnceLock<Option<CoreFunction>>; VERSION_COUNT] =
        [const { OnceLock::new() }; VERSION_COUNT];
    COMPILED[version.index()]
        .get_or_init(|| {
            let definitions = version.schema().get("definitions")?.clone();
            compile_schema(json!({
                "$ref": version.definition("schema.json"),
                "definitions": definitions,
            }))
        })
        .as_ref()
}

impl Apply for PayloadValidation {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(target) = target else {
            return Vec::new();
        };
        let Some(function) = Version::of(context.document).and_then(validator) else {
            return Vec::new();
        };
        function.apply(Some(target), context)
    }
}
