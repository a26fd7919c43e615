//! `length`: the length of a string or an array, the number of members of an object, or a
//! number itself, must be at least `min` and at most `max`.
//!
//! Options: `min`, `max` (numbers; at least one). Other values are not checked. Messages:
//! `"tags" property must be longer than 1`, `... must be shorter than 3`; both when `min` is
//! above `max`.

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::print::{js_number, print_property};
use super::{Failure, FunctionContext, OptionError};

#[derive(Debug, Clone)]
pub struct Length {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

const EXAMPLE: &str = r#"{ "min": 2 }, { "max": 5 } or { "min": 0, "max": 10 }"#;

impl Length {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("length", options, EXAMPLE)?;
        let reader = Reader::new("length", map);
        let mut mistakes = Vec::new();
        if map.is_empty() {
            mistakes.push(OptionError {
                pointer: String::new(),
                message: format!("\"length\" needs \"min\", \"max\" or both, e.g. {EXAMPLE}"),
            });
        }
        reader.unknown(&["min", "max"], &mut mistakes);
        let min = reader.number("min", &mut mistakes);
        let max = reader.number("max", &mut mistakes);
        options::finish(mistakes, || Some(Self { min, max }))
    }

    pub(super) fn apply(
        &self,
        target: Option<&Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        let length = match target {
            Some(Value::Object(members)) => members.len() as f64,
            Some(Value::Array(items)) => items.len() as f64,
            Some(Value::Number(number)) => number.as_f64().unwrap_or(f64::NAN),
            // JavaScript counts UTF-16 units.
            Some(Value::String(text)) => text.encode_utf16().count() as f64,
            _ => return Vec::new(),
        };
        let property = || print_property(context.document, context.pointer);
        let mut failures = Vec::new();
        if let Some(min) = self.min.filter(|min| length < *min) {
            failures.push(Failure::here(format!(
                "{}must be longer than {}",
                property(),
                js_number(min)
            )));
        }
        if let Some(max) = self.max.filter(|max| length > *max) {
            failures.push(Failure::here(format!(
                "{}must be shorter than {}",
                property(),
                js_number(max)
            )));
        }
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    fn values() -> [Value; 4] {
        [
            json!("123"),
            json!(3),
            json!([1, 2, 3]),
            json!({ "one": 1, "two": 2, "three": 3 }),
        ]
    }

    #[test]
    fn longer_than_max_fails() {
        let length = compiled("length", json!({ "max": 2 }));
        for value in values() {
            assert_eq!(
                run(&length, &value),
                here("The document must be shorter than 2"),
                "{value}"
            );
        }
    }

    #[test]
    fn shorter_than_min_fails() {
        let length = compiled("length", json!({ "min": 4 }));
        for value in values() {
            assert_eq!(
                run(&length, &value),
                here("The document must be longer than 4"),
                "{value}"
            );
        }
    }

    #[test]
    fn between_min_and_max_passes() {
        let length = compiled("length", json!({ "min": 3, "max": 3 }));
        for value in values() {
            assert!(run(&length, &value).is_empty(), "{value}");
        }
    }

    #[test]
    fn the_property_names_the_target() {
        let length = compiled("length", json!({ "max": 3, "min": 1 }));
        let document = json!({ "paths": { "/a": { "tags": ["a", "b", "c", "d"] } } });
        assert_eq!(
            run_at(&length, &document, "/paths/~1a/tags"),
            here("\"tags\" property must be shorter than 3")
        );
    }

    #[test]
    fn both_bounds_fail_when_min_is_above_max() {
        let length = compiled("length", json!({ "min": 5, "max": 1.5 }));
        assert_eq!(
            run(&length, &json!("abc")),
            vec![
                (
                    "The document must be longer than 5".to_owned(),
                    String::new()
                ),
                (
                    "The document must be shorter than 1.5".to_owned(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn strings_count_utf16_units_as_javascript_does() {
        let length = compiled("length", json!({ "max": 1 }));
        assert_eq!(
            run(&length, &json!("😀")),
            here("The document must be shorter than 1")
        );
    }

    #[test]
    fn other_values_are_not_checked() {
        let length = compiled("length", json!({ "min": 1 }));
        for value in [json!(null), json!(true)] {
            assert!(run(&length, &value).is_empty());
        }
        assert!(run_at(&length, &json!({}), "/absent").is_empty());
    }

    #[test]
    fn option_mistakes() {
        for options in [
            json!({ "min": 2 }),
            json!({ "max": 4 }),
            json!({ "min": 2, "max": 4 }),
        ] {
            assert!(option_errors("length", options).is_empty());
        }
        let example = r#"{ "min": 2 }, { "max": 5 } or { "min": 0, "max": 10 }"#;
        let cases = [
            (
                Value::Null,
                vec![("", format!("\"length\" needs options, e.g. {example}"))],
            ),
            (
                json!(2),
                vec![(
                    "",
                    format!("\"length\" options must be an object, not a number, e.g. {example}"),
                )],
            ),
            (
                json!({}),
                vec![(
                    "",
                    format!("\"length\" needs \"min\", \"max\" or both, e.g. {example}"),
                )],
            ),
            (
                json!({ "min": 2, "foo": true }),
                vec![(
                    "/foo",
                    "\"foo\" is not an option of \"length\"; its options are: min, max".to_owned(),
                )],
            ),
            (
                json!({ "min": "2" }),
                vec![("/min", "\"min\" must be a number, not a string".to_owned())],
            ),
            (
                json!({ "max": "2" }),
                vec![("/max", "\"max\" must be a number, not a string".to_owned())],
            ),
            (
                json!({ "min": "4", "max": "2" }),
                vec![
                    ("/min", "\"min\" must be a number, not a string".to_owned()),
                    ("/max", "\"max\" must be a number, not a string".to_owned()),
                ],
            ),
        ];
        for (options, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(pointer, message)| (pointer.to_owned(), message))
                .collect();
            assert_eq!(
                option_errors("length", options.clone()),
                expected,
                "{options}"
            );
        }
    }
}
