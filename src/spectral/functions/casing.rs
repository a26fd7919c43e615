//! `casing`: a string must be written in one casing, e.g. camelCase or kebab-case.
//!
//! Options: `type` (flat, camel, pascal, kebab, cobol, snake, macro; required), `disallowDigits`
//! (digits are allowed unless true), `separator.char` (one more character that may join groups
//! written in the casing, as `-` in `X-My-Header`) and `separator.allowLeading` (the value may
//! start with that character). Values that are not strings, and the empty string, are not
//! checked. Message: `must be camel case`.

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::{Failure, OptionError};
use crate::spectral::pattern::JsPattern;

/// The casings, with the pattern of one group of words in each (`{digits}` stands for `0-9`, or
/// nothing when digits are disallowed). These are Spectral's own, so a value passes here exactly
/// when it passes there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasingType {
    Flat,
    Camel,
    Pascal,
    Kebab,
    Cobol,
    Snake,
    Macro,
}

impl CasingType {
    const ALL: [Self; 7] = [
        Self::Flat,
        Self::Camel,
        Self::Pascal,
        Self::Kebab,
        Self::Cobol,
        Self::Snake,
        Self::Macro,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Flat => "flat",
            Self::Camel => "camel",
            Self::Pascal => "pascal",
            Self::Kebab => "kebab",
            Self::Cobol => "cobol",
            Self::Snake => "snake",
            Self::Macro => "macro",
        }
    }

    fn group_pattern(self) -> &'static str {
        match self {
            Self::Flat => "[a-z][a-z{digits}]*",
            Self::Camel => "[a-z][a-z{digits}]*(?:[A-Z{digits}](?:[a-z{digits}]+|$))*",
            Self::Pascal => "[A-Z][a-z{digits}]*(?:[A-Z{digits}](?:[a-z{digits}]+|$))*",
            Self::Kebab => "[a-z][a-z{digits}]*(?:-[a-z{digits}]+)*",
            Self::Cobol => "[A-Z][A-Z{digits}]*(?:-[A-Z{digits}]+)*",
            Self::Snake => "[a-z][a-z{digits}]*(?:_[a-z{digits}]+)*",
            Self::Macro => "[A-Z][A-Z{digits}]*(?:_[A-Z{digits}]+)*",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Casing {
    pub casing: CasingType,
    /// The separator character and whether it may lead, when one is given.
    pub separator: Option<(String, bool)>,
    pattern: JsPattern,
}

const EXAMPLE: &str = r#"{ "type": "camel" }"#;

impl Casing {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("casing", options, EXAMPLE)?;
        let reader = Reader::new("casing", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["type", "disallowDigits", "separator"], &mut mistakes);
        let casing = reader
            .required("type", &mut mistakes)
            .and_then(|value| casing_type(&reader, value, &mut mistakes));
        let disallow_digits = reader.boolean("disallowDigits", &mut mistakes);
        let separator = reader
            .object("separator", &mut mistakes)
            .and_then(|separator| read_separator(&separator, &mut mistakes));
        if !mistakes.is_empty() {
            return Err(mistakes);
        }
        let casing = casing.expect("a missing or invalid type is a mistake");
        let pattern = casing_pattern(casing, disallow_digits == Some(true), separator.as_ref());
        let pattern = JsPattern::new(&pattern, "").map_err(|error| {
            vec![OptionError {
                pointer: "/separator/char".to_owned(),
                message: format!("the casing pattern does not compile: {error}"),
            }]
        })?;
        Ok(Self {
            casing,
            separator,
            pattern,
        })
    }

    pub(super) fn apply(&self, target: Option<&Value>) -> Vec<Failure> {
        let Some(Value::String(text)) = target else {
            return Vec::new();
        };
        if text.is_empty() || self.is_lone_leading_separator(text) || !self.pattern.rejects(text) {
            return Vec::new();
        }
        vec![Failure::here(format!(
            "must be {} case",
            self.casing.name()
        ))]
    }

    /// The separator alone is accepted when it may lead: `/` as a path in `/path/to/x` casing.
    fn is_lone_leading_separator(&self, text: &str) -> bool {
        matches!(&self.separator, Some((char, true)) if text == char && text.chars().count() == 1)
    }
}

fn casing_type(reader: &Reader<'_>, value: &Value, mistakes: &mut Mistakes) -> Option<CasingType> {
    let found = value.as_str().and_then(|name| {
        CasingType::ALL
            .into_iter()
            .find(|casing| casing.name() == name)
    });
    if found.is_none() {
        let names: Vec<&str> = CasingType::ALL.iter().map(|casing| casing.name()).collect();
        mistakes.push(reader.mistake(
            "type",
            format!("\"type\" must be one of: {}", names.join(", ")),
        ));
    }
    found
}

fn read_separator(separator: &Reader<'_>, mistakes: &mut Mistakes) -> Option<(String, bool)> {
    separator.unknown(&["char", "allowLeading"], mistakes);
    let char = separator.required("char", mistakes).and_then(|value| {
        // Spectral measures in UTF-16 units, so a character outside the BMP is two.
        match value.as_str() {
            Some(text) if text.encode_utf16().count() <= 1 => Some(text.to_owned()),
            _ => {
                mistakes.push(separator.mistake(
                    "char",
                    format!(
                        "\"{}\" must be a single character, e.g. \"-\" or \"/\"",
                        separator.name("char")
                    ),
                ));
                None
            }
        }
    });
    let allow_leading = separator.boolean("allowLeading", mistakes);
    Some((char?, allow_leading == Some(true)))
}

/// The whole-value pattern: groups in the casing, joined by the separator, which may lead.
fn casing_pattern(
    casing: CasingType,
    disallow_digits: bool,
    separator: Option<&(String, bool)>,
) -> String {
    let digits = if disallow_digits { "" } else { "0-9" };
    let group = casing.group_pattern().replace("{digits}", digits);
    let Some((char, allow_leading)) = separator else {
        return format!("^{group}$");
    };
    // An empty separator is allowed by Spectral's options; as `[]` it matches nothing.
    let separator = format!("[{}]", escape_reg_exp(char));
    let leading = if *allow_leading {
        format!("{separator}?")
    } else {
        String::new()
    };
    format!("^{leading}{group}(?:{separator}{group})*$")
}

/// lodash's `escapeRegExp`: a backslash before each of `^$.*+?()[]{}|\`.
fn escape_reg_exp(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if "^$.*+?()[]{}|\\".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run};
    use crate::json;
    use crate::value::Value;

    fn check(options: Value, valid: &[&str], invalid: &[&str]) {
        let casing = compiled("casing", options.clone());
        let message = format!("must be {} case", options["type"].as_str().unwrap());
        for value in valid {
            assert!(run(&casing, &json!(value)).is_empty(), "{options}: {value}");
        }
        for value in invalid {
            assert_eq!(
                run(&casing, &json!(value)),
                here(&message),
                "{options}: {value}"
            );
        }
    }

    /// Each casing as Spectral's tests hold it: invalid, valid, valid only with digits.
    fn check_casing(casing: &str, invalid: &[&str], valid: &[&str], with_digits: &[&str]) {
        let all_valid: Vec<&str> = valid.iter().chain(with_digits).copied().collect();
        check(json!({ "type": casing }), &all_valid, invalid);
        let all_invalid: Vec<&str> = invalid.iter().chain(with_digits).copied().collect();
        check(
            json!({ "type": casing, "disallowDigits": true }),
            valid,
            &all_invalid,
        );
    }

    #[test]
    fn values_that_are_not_strings_or_are_empty_are_not_checked() {
        let casing = compiled("casing", json!({ "type": "camel" }));
        for value in [json!(false), json!(1), json!("")] {
            assert!(run(&casing, &value).is_empty());
        }
    }

    #[test]
    fn flat() {
        check_casing(
            "flat",
            &["foo_test", "Foo", "123", "1d", "foo-bar"],
            &["foo", "foobar"],
            &["foo9bar", "foo24baz", "foo1"],
        );
    }

    #[test]
    fn camel() {
        check_casing(
            "camel",
            &["foo_test", "Foo", "1fooBarBaz", "123", "foo-bar"],
            &["foo", "fooBar", "fooBarBaz", "coordinateX"],
            &["foo1", "foo24Bar", "fooBar0Baz323"],
        );
    }

    #[test]
    fn pascal() {
        check_casing(
            "pascal",
            &[
                "foo_test",
                "123",
                "1fooBarBaz",
                "fooBarBaz1",
                "fooBar",
                "foo1",
                "foo-bar",
            ],
            &["Foo", "FooBar", "FooBarBaz", "CoordinateZ"],
            &["Foo1", "FooBarBaz1"],
        );
    }

    #[test]
    fn kebab() {
        check_casing(
            "kebab",
            &[
                "foo_test",
                "Foo1",
                "123",
                "fooBarBaz1",
                "fooBar",
                "foO",
                "foo-baR",
                "1foo-bar",
                "foo--bar",
                "foo-",
                "-foo",
            ],
            &["foo", "foo-bar", "foo-bar-baz"],
            &["foo-bar1", "foo1-2bar"],
        );
    }

    #[test]
    fn cobol() {
        check_casing(
            "cobol",
            &[
                "foo_test",
                "Foo1",
                "123",
                "fooBarBaz1",
                "FOo",
                "FOO-BAr",
                "FOO--BAR",
                "FOO-",
                "-FOO",
            ],
            &["FOO", "FOO-BAR", "FOO-BAR-BAZ"],
            &["FOO-BAR1", "FOO2-3BAR1"],
        );
    }

    #[test]
    fn snake() {
        check_casing(
            "snake",
            &[
                "Foo1",
                "123",
                "fooBarBaz1",
                "FOo",
                "FOO-BAR",
                "foo__bar",
                "1foo_bar1",
                "foo_",
                "_foo",
            ],
            &["foo", "foo_bar", "foo_bar_baz"],
            &["foo_bar1", "foo2_4bar1"],
        );
    }

    #[test]
    fn macro_case() {
        check_casing(
            "macro",
            &[
                "foo_test",
                "Foo1",
                "123",
                "fooBarBaz1",
                "FOo",
                "FOO-BAR",
                "FO__BAR",
                "1FOO_BAR1",
                "FOO___BAR1",
                "FOO_",
                "_FOO",
            ],
            &["FOO", "FOO_BAR", "FOO_BAR_BAZ"],
            &["FOO_BAR1", "FOO2_4BAR1", "FOO2_4_2"],
        );
    }

    #[test]
    fn a_separator_joins_groups_and_may_lead() {
        for char in ["/", "*", "-"] {
            for allow_leading in [true, false] {
                for disallow_digits in [true, false] {
                    let options = json!({
                        "type": "flat",
                        "disallowDigits": disallow_digits,
                        "separator": { "char": char, "allowLeading": allow_leading },
                    });
                    let casing = compiled("casing", options.clone());
                    let fails =
                        |value: String| run(&casing, &json!(value)) == here("must be flat case");
                    assert!(!fails(format!("flat{char}flat")), "{options}");
                    assert!(fails(format!("flat{char}Nope")), "{options}");
                    assert_eq!(
                        fails(format!("flat01{char}flat")),
                        disallow_digits,
                        "{options}"
                    );
                    assert_eq!(
                        fails(format!("{char}flat{char}flat")),
                        !allow_leading,
                        "{options}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_leading_separator_alone_is_accepted_once() {
        for casing in [
            "flat", "camel", "pascal", "kebab", "cobol", "snake", "macro",
        ] {
            let options = json!({
                "type": casing,
                "disallowDigits": true,
                "separator": { "allowLeading": true, "char": "/" },
            });
            let function = compiled("casing", options);
            assert!(run(&function, &json!("/")).is_empty(), "{casing}");
            assert_eq!(
                run(&function, &json!("//")),
                here(&format!("must be {casing} case")),
                "{casing}"
            );
        }
    }

    #[test]
    fn advanced_scenarios_from_the_documentation() {
        let header =
            json!({ "type": "pascal", "disallowDigits": true, "separator": { "char": "-" } });
        check(header, &["X-MyAmazing-Header"], &["x-my-header"]);
        let path = json!({
            "type": "camel",
            "disallowDigits": true,
            "separator": { "char": "/", "allowLeading": true },
        });
        check(path, &["/path/to/myResource"], &["/path/to/my-resource"]);
    }

    #[test]
    fn a_separator_that_is_special_in_patterns_is_literal() {
        check(
            json!({ "type": "flat", "separator": { "char": "." } }),
            &["a.b"],
            &["a-b", "ab."],
        );
    }

    #[test]
    fn valid_options() {
        for options in [
            json!({ "type": "cobol" }),
            json!({ "type": "macro", "disallowDigits": true }),
            json!({ "type": "snake", "disallowDigits": true, "separator": { "char": "a" } }),
            json!({ "type": "pascal", "disallowDigits": false, "separator": { "char": "b", "allowLeading": true } }),
        ] {
            assert!(
                option_errors("casing", options.clone()).is_empty(),
                "{options}"
            );
        }
    }

    #[test]
    fn option_mistakes() {
        let cases = [
            (
                json!({ "type": "foo" }),
                vec![(
                    "/type",
                    "\"type\" must be one of: flat, camel, pascal, kebab, cobol, snake, macro",
                )],
            ),
            (
                json!({ "type": "macro", "foo": true }),
                vec![(
                    "/foo",
                    "\"foo\" is not an option of \"casing\"; its options are: type, disallowDigits, separator",
                )],
            ),
            (
                json!({ "type": "macro", "disallowDigit": true }),
                vec![(
                    "/disallowDigit",
                    "\"disallowDigit\" is not an option of \"casing\"; did you mean \"disallowDigits\"?",
                )],
            ),
            (
                json!({ "type": "pascal", "disallowDigits": false, "separator": {} }),
                vec![("/separator", "\"separator.char\" is required")],
            ),
            (
                json!({ "type": "pascal", "separator": { "allowLeading": true } }),
                vec![("/separator", "\"separator.char\" is required")],
            ),
            (
                json!({ "type": "snake", "separator": { "char": "a", "foo": true } }),
                vec![(
                    "/separator/foo",
                    "\"separator.foo\" is not an option of \"casing\"; its options are: separator.char, separator.allowLeading",
                )],
            ),
            (
                json!({ "type": "pascal", "separator": { "char": "fo" } }),
                vec![(
                    "/separator/char",
                    "\"separator.char\" must be a single character, e.g. \"-\" or \"/\"",
                )],
            ),
            (
                json!({ "type": "pascal", "separator": { "char": null } }),
                vec![(
                    "/separator/char",
                    "\"separator.char\" must be a single character, e.g. \"-\" or \"/\"",
                )],
            ),
            (
                json!({ "disallowDigits": "yes" }),
                vec![
                    ("", "\"type\" is required"),
                    (
                        "/disallowDigits",
                        "\"disallowDigits\" must be a boolean (true or false), not a string",
                    ),
                ],
            ),
            (
                json!({ "type": "camel", "separator": "-" }),
                vec![(
                    "/separator",
                    "\"separator\" must be an object, not a string",
                )],
            ),
            (
                Value::Null,
                vec![("", "\"casing\" needs options, e.g. { \"type\": \"camel\" }")],
            ),
            (
                json!("camel"),
                vec![(
                    "",
                    "\"casing\" options must be an object, not a string, e.g. { \"type\": \"camel\" }",
                )],
            ),
        ];
        for (options, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(pointer, message)| (pointer.to_owned(), message.to_owned()))
                .collect();
            assert_eq!(
                option_errors("casing", options.clone()),
                expected,
                "{options}"
            );
        }
    }
}
