//! `oasDiscriminator`: an OpenAPI 2 schema's `discriminator` must name one of its `properties`
//! and be among its `required` ones. Messages: `The discriminator property must be defined in
//! this schema.` (at `properties`) and `The discriminator property must be in the required
//! property list.` (at `required`), each at the schema when that member is absent. A schema whose
//! `discriminator` is not a string is not judged.

use super::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasDiscriminator;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasDiscriminator", options)?;
    Ok(Box::new(OasDiscriminator))
}

impl Apply for OasDiscriminator {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(schema)) = target else {
            return Vec::new();
        };
        let Some(Value::String(name)) = schema.get("discriminator") else {
            return Vec::new();
        };
        let mut failures = Vec::new();
        let defined = matches!(schema.get("properties"), Some(Value::Object(properties)) if properties.contains_key(name));
        if !defined {
            failures.push(Failure {
                message: "The discriminator property must be defined in this schema.".to_owned(),
                pointer: "/properties".to_owned(),
            });
        }
        let required = matches!(schema.get("required"), Some(Value::Array(required)) if required.iter().any(|item| item.as_str() == Some(name)));
        if !required {
            failures.push(Failure {
                message: "The discriminator property must be in the required property list."
                    .to_owned(),
                pointer: "/required".to_owned(),
            });
        }
        failures
    }
}
