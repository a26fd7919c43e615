//! `typedEnum`: each value of a schema's `enum` must be of the schema's `type` (or one of its
//! types); `nullable: true` (OpenAPI 3.0) and `x-nullable: true` (OpenAPI 2) add `null`.
//! Message: `Enum value "a" must be "integer".`, at the value. A schema whose `enum` is not a
//! list, or whose `type` is neither a string nor a list of strings, is not judged.

use super::no_options;
use crate::spectral::formats::Format;
use crate::spectral::functions::print::print_value;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct TypedEnum;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("typedEnum", options)?;
    Ok(Box::new(TypedEnum))
}

/// The JSON type of `value` as Spectral's `getDataType` names it.
fn data_type(value: &Value, check_for_integer: bool) -> &'static str {
    match value {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(number) => {
            let integer = number.is_i64()
                || number.is_u64()
                || number.as_f64().is_some_and(|float| float.fract() == 0.0);
            if check_for_integer && integer {
                "integer"
            } else {
                "number"
            }
        }
        Value::Null => "null",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Apply for TypedEnum {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(schema)) = target else {
            return Vec::new();
        };
        let Some(Value::Array(values)) = schema.get("enum") else {
            return Vec::new();
        };
        let mut types: Vec<String> = match schema.get("type") {
            Some(Value::String(name)) => vec![name.to_string()],
            Some(Value::Array(names)) if names.iter().all(Value::is_string) => names
                .iter()
                .filter_map(|name| name.as_str().map(str::to_owned))
                .collect(),
            _ => return Vec::new(),
        };
        let nullable = (schema.get("nullable") == Some(&Value::Bool(true))
            && context.formats.contains(&Format::Oas3_0))
            || (schema.get("x-nullable") == Some(&Value::Bool(true))
                && context.formats.contains(&Format::Oas2));
        if nullable {
            types.push("null".to_owned());
        }
        let check_for_integer = types.iter().any(|name| name == "integer");
        values
            .iter()
            .enumerate()
            .filter(|(_, value)| {
                let found = data_type(value, check_for_integer);
                !types.iter().any(|name| name == found)
            })
            .map(|(index, value)| Failure {
                message: format!(
                    "Enum value {} must be \"{}\".",
                    print_value(Some(value)),
                    types.join(",")
                ),
                pointer: format!("/enum/{index}"),
            })
            .collect()
    }
}
