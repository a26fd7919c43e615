//! `xor`: exactly one of some members must be present in an object.
//!
//! Options: `properties` (at least two names; required). Only objects are checked. Messages, as
//! `@stoplight/spectral-functions` 1.11 (what Spectral 6.15 and later ship) words them: `At
//! least one of "id" or "name" must be defined` when none is present (the first three names and
//! a count of the others when there are more than four), and `Just one of "id" and "name" must
//! be defined` when several are, naming those present in the object's order.

use crate::value::Value;

use super::Failure;
use super::options::{self, Mistakes, Reader};

#[derive(Debug, Clone)]
pub struct Xor {
    pub properties: Vec<String>,
}

const EXAMPLE: &str = r#"{ "properties": ["id", "name"] }"#;

impl Xor {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("xor", options, EXAMPLE)?;
        let reader = Reader::new("xor", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["properties"], &mut mistakes);
        let properties = reader
            .required("properties", &mut mistakes)
            .and_then(|_| reader.strings("properties", 2, r#"["id", "name"]"#, &mut mistakes));
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
        let present: Vec<&str> = members
            .keys()
            .filter(|key| self.properties.iter().any(|name| name == *key))
            .map(|key| key.as_str())
            .collect();
        match present.len() {
            1 => Vec::new(),
            0 => vec![Failure::here(super::or::at_least_one_of(&self.properties))],
            _ => vec![Failure::here(format!(
                "Just one of \"{}\" must be defined",
                present.join("\" and \"")
            ))],
        }
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
        let xor = compiled("xor", json!({ "properties": ["yada-yada", "whatever"] }));
        assert_eq!(
            run(&xor, &info()),
            here("At least one of \"yada-yada\" or \"whatever\" must be defined")
        );
        let three = compiled(
            "xor",
            json!({ "properties": ["yada-yada", "whatever", "foo"] }),
        );
        assert_eq!(
            run(&three, &info()),
            here("At least one of \"yada-yada\" or \"whatever\" or \"foo\" must be defined")
        );
    }

    #[test]
    fn both_present_fails() {
        let xor = compiled("xor", json!({ "properties": ["title", "version"] }));
        assert_eq!(
            run(&xor, &info()),
            here("Just one of \"version\" and \"title\" must be defined")
        );
    }

    #[test]
    fn one_present_passes() {
        let xor = compiled("xor", json!({ "properties": ["something", "title"] }));
        assert!(run(&xor, &info()).is_empty());
    }

    #[test]
    fn only_objects_are_checked() {
        let xor = compiled("xor", json!({ "properties": ["version", "title"] }));
        assert!(run(&xor, &json!(null)).is_empty());
        assert!(run(&xor, &json!([])).is_empty());
    }

    #[test]
    fn option_mistakes() {
        assert!(option_errors("xor", json!({ "properties": ["foo", "bar"] })).is_empty());
        let list =
            "\"properties\" must be a list of at least 2 property names, e.g. [\"id\", \"name\"]";
        let cases = [
            (
                Value::Null,
                (
                    "",
                    "\"xor\" needs options, e.g. { \"properties\": [\"id\", \"name\"] }",
                ),
            ),
            (
                json!(2),
                (
                    "",
                    "\"xor\" options must be an object, not a number, e.g. { \"properties\": [\"id\", \"name\"] }",
                ),
            ),
            (
                json!({ "properties": ["foo", "bar"], "foo": true }),
                (
                    "/foo",
                    "\"foo\" is not an option of \"xor\"; its options are: properties",
                ),
            ),
            (json!({ "properties": ["foo", {}] }), ("/properties", list)),
            (json!({ "properties": ["foo"] }), ("/properties", list)),
            (json!({ "properties": [] }), ("/properties", list)),
            (json!({}), ("", "\"properties\" is required")),
        ];
        for (options, (pointer, message)) in cases {
            assert_eq!(
                option_errors("xor", options.clone()),
                [(pointer.to_owned(), message.to_owned())],
                "{options}"
            );
        }
    }
}
