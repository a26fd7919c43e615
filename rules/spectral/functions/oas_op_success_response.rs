//! `oasOpSuccessResponse`: an operation's `responses` must hold at least one 2xx or 3xx response
//! (`2XX` and `3XX` count in OpenAPI 3). Message: `Operation must define at least a single 2xx
//! or 3xx response`, at `responses`; a `responses` that is not an object is not judged, and one
//! that is a local `$ref` is judged as the map it names.

use super::no_options;
use crate::spectral::formats::Format;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasOpSuccessResponse;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasOpSuccessResponse", options)?;
    Ok(Box::new(OasOpSuccessResponse))
}

impl Apply for OasOpSuccessResponse {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        // Spectral judges the document resolved: a `responses` map behind a local `$ref` is
        // the map it names.
        let target = target.and_then(|target| super::resolve(context.document, target));
        let Some(Value::Object(responses)) = target else {
            return Vec::new();
        };
        let oas3 = context.formats.contains(&Format::Oas3);
        let success = responses.keys().any(|code| {
            (oas3 && (code == "2XX" || code == "3XX"))
                || js_number(code).is_some_and(|number| (200.0..400.0).contains(&number))
        });
        if success {
            return Vec::new();
        }
        vec![Failure::here(
            "Operation must define at least a single 2xx or 3xx response".to_owned(),
        )]
    }
}

/// JavaScript's `Number(text)` for the texts a response code may be (`"200"`, `" 201 "`).
fn js_number(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(0.0);
    }
    trimmed
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
}
