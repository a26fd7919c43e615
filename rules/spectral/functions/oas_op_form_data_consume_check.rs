//! `oasOpFormDataConsumeCheck`: an OpenAPI 2 operation with an `in: formData` parameter must
//! consume `application/x-www-form-urlencoded` or `multipart/form-data`. Only an operation with
//! both `consumes` and `parameters` lists is judged, as in Spectral. Message: `Consumes must
//! include urlencoded, multipart, or form-data media type when using formData parameter.`, at the
//! operation. A parameter given as a local `$ref` is read where it points.

use super::{no_options, resolve};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasOpFormDataConsumeCheck;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasOpFormDataConsumeCheck", options)?;
    Ok(Box::new(OasOpFormDataConsumeCheck))
}

impl Apply for OasOpFormDataConsumeCheck {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(operation)) = target else {
            return Vec::new();
        };
        let (Some(Value::Array(parameters)), Some(Value::Array(consumes))) =
            (operation.get("parameters"), operation.get("consumes"))
        else {
            return Vec::new();
        };
        let form_data = parameters.iter().any(|parameter| {
            resolve(context.document, parameter)
                .is_some_and(|parameter| parameter.get("in") == Some(&Value::from("formData")))
        });
        // `consumes.join(',')`: what each item prints as, for the pattern to search.
        let joined = consumes
            .iter()
            .map(|item| match item {
                Value::String(text) => text.to_string(),
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(",");
        let accepted = joined.contains("application/x-www-form-urlencoded")
            || joined.contains("multipart/form-data");
        if form_data && !accepted {
            return vec![Failure::here(
                "Consumes must include urlencoded, multipart, or form-data media type when using formData parameter.".to_owned(),
            )];
        }
        Vec::new()
    }
}
