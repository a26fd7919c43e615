//! `enumeration`: a value must be one of a list.
//!
//! Options: `values` (strings, numbers, booleans or nulls; required). Only strings, numbers,
//! booleans and null are checked; objects and arrays pass. Message:
//! `"x" must be equal to one of the allowed values: "y", "z"`.

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::print::{print_document_value, print_value};
use super::{Failure, FunctionContext};

#[derive(Debug, Clone)]
pub struct Enumeration {
    pub values: Vec<Value>,
}

const EXAMPLE: &str = r#"{ "values": ["Berlin", "London", "Paris"] }"#;

impl Enumeration {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("enumeration", options, EXAMPLE)?;
        let reader = Reader::new("enumeration", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["values"], &mut mistakes);
        let values = reader.required("values", &mut mistakes).and_then(|values| {
            let primitives = values
                .as_array()
                .filter(|items| items.iter().all(is_primitive))
                .cloned();
            if primitives.is_none() {
                mistakes.push(reader.mistake(
                    "values",
                    format!(
                        "\"values\" must be a list of strings, numbers, booleans or nulls, e.g. {}",
                        r#"["Berlin", "London", "Paris"]"#
                    ),
                ));
            }
            primitives
        });
        options::finish(mistakes, || Some(Self { values: values? }))
    }

    pub(super) fn apply(
        &self,
        target: Option<&Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        let Some(target) = target.filter(|value| is_primitive(value)) else {
            return Vec::new();
        };
        if self
            .values
            .iter()
            .any(|value| same_value_zero(value, target))
        {
            return Vec::new();
        }
        let allowed: Vec<String> = self
            .values
            .iter()
            .map(|value| print_value(Some(value)))
            .collect();
        vec![Failure::here(format!(
            "{} must be equal to one of the allowed values: {}",
            print_document_value(context.document, context.pointer),
            allowed.join(", ")
        ))]
    }
}

fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// `Array.prototype.includes` equality: numbers by value (`1` is `1.0`), the rest as JSON.
fn same_value_zero(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn a_listed_value_passes() {
        let enumeration = compiled("enumeration", json!({ "values": ["x", "y", "z"] }));
        assert!(run(&enumeration, &json!("x")).is_empty());
        let numbers = compiled("enumeration", json!({ "values": [1, 2.5] }));
        assert!(run(&numbers, &json!(1.0)).is_empty());
    }

    #[test]
    fn an_unlisted_value_fails() {
        let enumeration = compiled("enumeration", json!({ "values": ["y", "z"] }));
        assert_eq!(
            run(&enumeration, &json!("x")),
            here("\"x\" must be equal to one of the allowed values: \"y\", \"z\"")
        );
        let mixed = compiled("enumeration", json!({ "values": [2, null, true] }));
        assert_eq!(
            run_at(&mixed, &json!({ "tags": ["x"], "n": 3 }), "/n"),
            here("3 must be equal to one of the allowed values: 2, null, true")
        );
    }

    #[test]
    fn objects_and_arrays_are_not_checked() {
        let enumeration = compiled("enumeration", json!({ "values": ["test"] }));
        assert!(run(&enumeration, &json!({})).is_empty());
        assert!(run(&enumeration, &json!([])).is_empty());
        assert!(run_at(&enumeration, &json!({}), "/absent").is_empty());
    }

    #[test]
    fn option_mistakes() {
        assert!(option_errors("enumeration", json!({ "values": ["foo", 2] })).is_empty());
        let cases = [
            (
                json!({ "values": ["foo", 2], "foo": true }),
                (
                    "/foo",
                    "\"foo\" is not an option of \"enumeration\"; its options are: values",
                ),
            ),
            (
                json!({ "values": [{}] }),
                (
                    "/values",
                    "\"values\" must be a list of strings, numbers, booleans or nulls, e.g. [\"Berlin\", \"London\", \"Paris\"]",
                ),
            ),
            (json!({}), ("", "\"values\" is required")),
            (
                Value::Null,
                (
                    "",
                    "\"enumeration\" needs options, e.g. { \"values\": [\"Berlin\", \"London\", \"Paris\"] }",
                ),
            ),
            (
                json!(2),
                (
                    "",
                    "\"enumeration\" options must be an object, not a number, e.g. { \"values\": [\"Berlin\", \"London\", \"Paris\"] }",
                ),
            ),
        ];
        for (options, (pointer, message)) in cases {
            assert_eq!(
                option_errors("enumeration", options.clone()),
                [(pointer.to_owned(), message.to_owned())],
                "{options}"
            );
        }
    }
}
