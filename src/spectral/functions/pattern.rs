//! `pattern`: a string must match a regular expression (`match`), must not match one
//! (`notMatch`), or both.
//!
//! Patterns are JavaScript's, written bare (`^x-`) or between slashes with flags (`/^x-/i`);
//! see [`crate::spectral::pattern`]. They compile once, when the ruleset loads, so a pattern that
//! does not compile is a mistake in the options (Spectral finds it when it first lints a
//! value). Only strings are checked. Messages: `"abc" must match the pattern "^x-"`,
//! `"x-a" must not match the pattern "/^x-/i"`.

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::print::{print_document_value, print_value};
use super::{Failure, FunctionContext, OptionError};
use crate::spectral::pattern::JsPattern;

#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as written, for the message, and compiled.
    pub must_match: Option<(String, JsPattern)>,
    pub must_not_match: Option<(String, JsPattern)>,
}

const EXAMPLE: &str = r#"{ "match": "^Stoplight" }, { "notMatch": "Swagger" } or { "match": "Stoplight", "notMatch": "Swagger" }"#;

impl Pattern {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("pattern", options, EXAMPLE)?;
        let reader = Reader::new("pattern", map);
        let mut mistakes = Vec::new();
        if map.is_empty() {
            mistakes.push(OptionError {
                pointer: String::new(),
                message: format!(
                    "\"pattern\" needs \"match\", \"notMatch\" or both, e.g. {EXAMPLE}"
                ),
            });
        }
        reader.unknown(&["match", "notMatch"], &mut mistakes);
        let must_match = compile_one(&reader, "match", &mut mistakes);
        let must_not_match = compile_one(&reader, "notMatch", &mut mistakes);
        if !mistakes.is_empty() {
            return Err(mistakes);
        }
        Ok(Self {
            must_match,
            must_not_match,
        })
    }

    pub(super) fn apply(
        &self,
        target: Option<&Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        let Some(Value::String(text)) = target else {
            return Vec::new();
        };
        let value = || print_document_value(context.document, context.pointer);
        let written = |pattern: &str| print_value(Some(&Value::from(pattern)));
        let mut failures = Vec::new();
        if let Some((source, pattern)) = &self.must_match
            && pattern.test(text) == Some(false)
        {
            failures.push(Failure::here(format!(
                "{} must match the pattern {}",
                value(),
                written(source)
            )));
        }
        if let Some((source, pattern)) = &self.must_not_match
            && pattern.test(text) == Some(true)
        {
            failures.push(Failure::here(format!(
                "{} must not match the pattern {}",
                value(),
                written(source)
            )));
        }
        failures
    }
}

fn compile_one(
    reader: &Reader<'_>,
    key: &str,
    mistakes: &mut Mistakes,
) -> Option<(String, JsPattern)> {
    let written = reader.string(key, mistakes)?;
    match JsPattern::parse(written) {
        Ok(pattern) => Some((written.to_owned(), pattern)),
        Err(error) => {
            mistakes
                .push(reader.mistake(key, format!("\"{key}\" is not a valid pattern: {error}")));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    #[test]
    fn matching_values_pass() {
        for (pattern, value) in [
            ("[abc]+", "abc"),
            ("/[abc]+/", "abc"),
            ("/[abc]+/im", "aBc"),
            ("/[abc]+/gi", "abc"),
        ] {
            let function = compiled("pattern", json!({ "match": pattern }));
            // Repeated, as a `g` pattern must not remember where it stopped.
            for _ in 0..3 {
                assert!(
                    run(&function, &json!(value)).is_empty(),
                    "{pattern} {value}"
                );
            }
        }
        let not_match = compiled("pattern", json!({ "notMatch": "/[abc]+/i" }));
        assert!(run(&not_match, &json!("def")).is_empty());
        let both = compiled(
            "pattern",
            json!({ "match": "[def]+", "notMatch": "[abc]+" }),
        );
        assert!(run(&both, &json!("def")).is_empty());
    }

    #[test]
    fn failing_values_are_printed_with_the_pattern_as_written() {
        let function = compiled("pattern", json!({ "match": "^\\d+$" }));
        assert_eq!(
            run(&function, &json!("abc")),
            here("\"abc\" must match the pattern \"^\\\\d+$\"")
        );
        let no_x = compiled("pattern", json!({ "notMatch": "/^x-/i" }));
        let document = json!({ "parameters": [{ "in": "header", "name": "X-Rate" }] });
        assert_eq!(
            run_at(&no_x, &document, "/parameters/0/name"),
            here("\"X-Rate\" must not match the pattern \"/^x-/i\"")
        );
    }

    #[test]
    fn both_can_fail() {
        let both = compiled("pattern", json!({ "match": "^a", "notMatch": "b$" }));
        assert_eq!(
            run(&both, &json!("cb")),
            vec![
                (
                    "\"cb\" must match the pattern \"^a\"".to_owned(),
                    String::new()
                ),
                (
                    "\"cb\" must not match the pattern \"b$\"".to_owned(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn a_key_target_prints_the_members_value_as_spectral_does() {
        // `given: $.paths[*]~` reaches the key "/users/", but Spectral prints the value found at
        // that place in the document: the path item.
        let no_trailing_slash = compiled("pattern", json!({ "notMatch": "/$" }));
        let document = json!({ "paths": { "/users/": {} } });
        let scratch = crate::spectral::functions::Scratch::default();
        let context = super::FunctionContext {
            document: &document,
            pointer: "/paths/~1users~1",
            formats: &[],
            scratch: &scratch,
            inbound: None,
            large: false,
        };
        let failures = no_trailing_slash.apply(Some(&json!("/users/")), &context);
        assert_eq!(
            failures[0].message,
            "Object{} must not match the pattern \"/$\""
        );
    }

    #[test]
    fn javascript_patterns_work() {
        let function = compiled("pattern", json!({ "match": "^(?=(a+))\\1b$" }));
        assert!(run(&function, &json!("aab")).is_empty());
    }

    #[test]
    fn only_strings_are_checked() {
        let function = compiled("pattern", json!({ "match": "^a" }));
        for value in [json!(1), json!(null), json!({})] {
            assert!(run(&function, &value).is_empty());
        }
    }

    #[test]
    fn option_mistakes() {
        for options in [
            json!({ "match": "foo" }),
            json!({ "notMatch": "foo" }),
            json!({ "match": "foo", "notMatch": "bar" }),
        ] {
            assert!(option_errors("pattern", options).is_empty());
        }
        let example = r#"{ "match": "^Stoplight" }, { "notMatch": "Swagger" } or { "match": "Stoplight", "notMatch": "Swagger" }"#;
        let cases = [
            (Value::Null, vec![("", format!("\"pattern\" needs options, e.g. {example}"))]),
            (json!({}), vec![("", format!("\"pattern\" needs \"match\", \"notMatch\" or both, e.g. {example}"))]),
            (
                json!({ "foo": true }),
                vec![("/foo", "\"foo\" is not an option of \"pattern\"; its options are: match, notMatch".to_owned())],
            ),
            (json!({ "match": 2 }), vec![("/match", "\"match\" must be a string, not a number".to_owned())]),
            (json!({ "notMatch": null }), vec![("/notMatch", "\"notMatch\" must be a string, not null".to_owned())]),
            (
                json!({ "match": 4, "notMatch": 10 }),
                vec![
                    ("/match", "\"match\" must be a string, not a number".to_owned()),
                    ("/notMatch", "\"notMatch\" must be a string, not a number".to_owned()),
                ],
            ),
            (
                json!({ "match": "/[abc]+/invalid" }),
                vec![(
                    "/match",
                    "\"match\" is not a valid pattern: Invalid flags supplied to RegExp constructor 'invalid'".to_owned(),
                )],
            ),
        ];
        for (options, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(pointer, message)| (pointer.to_owned(), message))
                .collect();
            assert_eq!(
                option_errors("pattern", options.clone()),
                expected,
                "{options}"
            );
        }
        let syntax = option_errors("pattern", json!({ "notMatch": "?" }));
        assert_eq!(syntax[0].0, "/notMatch");
        assert!(
            syntax[0].1.starts_with(
                "\"notMatch\" is not a valid pattern: Invalid regular expression: /?/: "
            )
        );
    }
}
