//! `or`: at least one of some members must be present in an object.
//!
//! Options: `properties` (at least one name; required). Only objects are checked. Message:
//! `At least one of "title" or "summary" must be defined`; past four names, the first three and
//! a count (`... or "c" or 2 other properties must be defined`).
//!
//! `or` came after Spectral 6.14 (stoplightio/spectral#2798); this follows that change: its
//! names are quoted as written, not JSON-escaped as `xor` prints them.

use crate::value::Value;

use super::Failure;
use super::options::{self, Mistakes, Reader};

#[derive(Debug, Clone)]
pub struct Or {
    pub properties: Vec<String>,
}

const EXAMPLE: &str = r#"{ "properties": ["title", "summary", "description"] }"#;

/// Past this many names, the message lists the first three and counts the rest.
const LISTED_IN_FULL: usize = 4;

impl Or {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("or", options, EXAMPLE)?;
        let reader = Reader::new("or", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["properties"], &mut mistakes);
        let properties = reader.required("properties", &mut mistakes).and_then(|_| {
            // Spectral's option schema asks for two names, as `xor` does.
            reader.strings("properties", 2, r#"["default", "example"]"#, &mut mistakes)
        });
        options::finish(mistakes, || {
            Some(Self {
                properties: properties?,
            })
        })
    }

    pub(super) fn apply(&self, target: Option<&Value>) -> Vec<Failure> {
        let Some(Value::Object(members)) = target else {
            return Vec::new();
        };
        if members
            .keys()
            .any(|key| self.properties.iter().any(|name| name == key))
        {
            return Vec::new();
        }
        vec![Failure::here(at_least_one_of(&self.properties))]
    }
}

/// `At least one of "a" or "b" must be defined`; past four names, the first three and a count
/// of the others. `xor` says the same when none is present.
pub(super) fn at_least_one_of(properties: &[String]) -> String {
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if properties.len() > LISTED_IN_FULL {
        format!(
            "At least one of {} or {} other properties must be defined",
            quoted(&properties[..3]),
            properties.len() - 3
        )
    } else {
        format!("At least one of {} must be defined", quoted(properties))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run};
    use crate::json;
    use crate::value::Value;

    fn info() -> Value {
        json!({ "version": "1.0.0", "title": "Swagger Petstore", "termsOfService": "http://swagger.io/terms/" })
    }

    #[test]
    fn none_present_fails() {
        let or = compiled("or", json!({ "properties": ["yada-yada", "whatever"] }));
        assert_eq!(
            run(&or, &info()),
            here("At least one of \"yada-yada\" or \"whatever\" must be defined")
        );
    }

    #[test]
    fn past_four_names_the_rest_are_counted() {
        let five = compiled(
            "or",
            json!({ "properties": ["yada-yada", "foo", "bar", "four", "five"] }),
        );
        assert_eq!(
            run(&five, &info()),
            here(
                "At least one of \"yada-yada\" or \"foo\" or \"bar\" or 2 other properties must be defined"
            )
        );
        let four = compiled("or", json!({ "properties": ["a", "b", "c", "d"] }));
        assert_eq!(
            run(&four, &info()),
            here("At least one of \"a\" or \"b\" or \"c\" or \"d\" must be defined")
        );
    }

    #[test]
    fn one_or_more_present_passes() {
        for properties in [
            json!(["version", "title"]),
            json!(["something", "title"]),
            json!(["version", "title", "termsOfService", "bar", "five"]),
            json!(["title", "foo", "bar", "four"]),
        ] {
            let or = compiled("or", json!({ "properties": properties }));
            assert!(run(&or, &info()).is_empty(), "{properties}");
        }
    }

    #[test]
    fn only_objects_are_checked() {
        let or = compiled("or", json!({ "properties": ["version", "title"] }));
        assert!(run(&or, &json!(null)).is_empty());
    }

    #[test]
    fn option_mistakes() {
        for properties in [json!(["foo", "bar"]), json!(["foo", "bar", "three"])] {
            assert!(option_errors("or", json!({ "properties": properties })).is_empty());
        }
        let list = "\"properties\" must be a list of at least 2 property names, e.g. [\"default\", \"example\"]";
        let example = "{ \"properties\": [\"title\", \"summary\", \"description\"] }";
        let cases = [
            (
                Value::Null,
                ("", format!("\"or\" needs options, e.g. {example}")),
            ),
            (
                json!(2),
                (
                    "",
                    format!("\"or\" options must be an object, not a number, e.g. {example}"),
                ),
            ),
            (
                json!({ "properties": ["foo", "bar"], "foo": true }),
                (
                    "/foo",
                    "\"foo\" is not an option of \"or\"; its options are: properties".to_owned(),
                ),
            ),
            (
                json!({ "properties": ["foo", {}] }),
                ("/properties", list.to_owned()),
            ),
            (
                json!({ "properties": [] }),
                ("/properties", list.to_owned()),
            ),
            (
                json!({ "properties": ["foo"] }),
                ("/properties", list.to_owned()),
            ),
        ];
        for (options, (pointer, message)) in cases {
            assert_eq!(
                option_errors("or", options.clone()),
                [(pointer.to_owned(), message)],
                "{options}"
            );
        }
    }
}
