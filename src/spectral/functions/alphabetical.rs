//! `alphabetical`: the items of an array, or the keys of an object in the order they are
//! written, must be sorted; with `keyedBy`, an array of objects sorted by that member.
//!
//! Messages: `"b" must be placed after "a"` at the first item out of order (its index, or its
//! key), or `properties must follow the alphabetical order` at the target with `keyedBy`;
//! `"tags" property must be one of the allowed types: number, string` when an item is neither,
//! `... must be an object` when `keyedBy` meets an item that is not one.

use std::cmp::Ordering;

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::print::{join_pointer, print_property, print_value};
use super::{Failure, FunctionContext};

#[derive(Debug, Clone, Default)]
pub struct Alphabetical {
    pub keyed_by: Option<String>,
}

const EXAMPLE: &str = r#"{ "keyedBy": "name" }, or no options"#;

impl Alphabetical {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let Some(options) = options else {
            return Ok(Self::default());
        };
        let map = options::object("alphabetical", Some(options), EXAMPLE)?;
        let reader = Reader::new("alphabetical", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["keyedBy"], &mut mistakes);
        let keyed_by = reader.string("keyedBy", &mut mistakes).map(str::to_owned);
        options::finish(mistakes, || Some(Self { keyed_by }))
    }

    pub(super) fn apply(
        &self,
        target: Option<&Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        // The items compared, and for each the segment that names it in the target.
        let (items, segments): (Vec<Value>, Vec<String>) = match target {
            Some(Value::Array(items)) => (
                items.clone(),
                (0..items.len()).map(|index| index.to_string()).collect(),
            ),
            // Keys in the order they are written, as Spectral reads them from the source (not
            // JavaScript's order, which puts integer-like keys first).
            Some(Value::Object(members)) => (
                members
                    .keys()
                    .map(|key| Value::String(key.clone()))
                    .collect(),
                members.keys().map(|key| key.to_string()).collect(),
            ),
            _ => return Vec::new(),
        };
        if items.len() < 2 {
            return Vec::new();
        }
        let property = || print_property(context.document, context.pointer);
        let sorted: Vec<Value> = match &self.keyed_by {
            None => items,
            Some(key) => {
                let mut keyed = Vec::with_capacity(items.len());
                for item in &items {
                    match item {
                        Value::Object(members) => keyed.push(members.get(key).cloned()),
                        Value::Array(elements) => keyed.push(
                            key.parse::<usize>()
                                .ok()
                                .and_then(|i| elements.get(i))
                                .cloned(),
                        ),
                        _ => {
                            return vec![Failure::here(format!("{}must be an object", property()))];
                        }
                    }
                }
                // An item without the key is undefined, which is neither a number nor a string.
                match keyed.into_iter().collect::<Option<Vec<Value>>>() {
                    Some(keyed) => keyed,
                    None => return vec![not_comparable(&property())],
                }
            }
        };
        if !sorted
            .iter()
            .all(|item| item.is_string() || item.is_number())
        {
            return vec![not_comparable(&property())];
        }
        let Some(first) = sorted
            .windows(2)
            .position(|pair| compare(&pair[0], &pair[1]) == Some(Ordering::Greater))
        else {
            return Vec::new();
        };
        match self.keyed_by {
            Some(_) => vec![Failure::here(
                "properties must follow the alphabetical order".to_owned(),
            )],
            None => vec![Failure {
                message: format!(
                    "{} must be placed after {}",
                    print_value(Some(&sorted[first])),
                    print_value(Some(&sorted[first + 1]))
                ),
                pointer: join_pointer("", &segments[first]),
            }],
        }
    }
}

fn not_comparable(property: &str) -> Failure {
    Failure::here(format!(
        "{property}must be one of the allowed types: number, string"
    ))
}

/// Spectral's comparison: as numbers when the first is a number or a non-numeric string and the
/// second a number or a numeric string (a difference that is `NaN` then counts as in order);
/// two strings otherwise by `localeCompare`. `None` is JavaScript's `NaN`: not out of order.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    let number = |value: &Value| match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => js_to_number(text),
        _ => None,
    };
    let a_numeric_side = a.is_number() || number(a).is_none();
    let b_numeric_side = b.is_number() || number(b).is_some();
    if a_numeric_side && b_numeric_side {
        let (a, b) = (number(a)?, number(b)?);
        return a.partial_cmp(&b);
    }
    match (a, b) {
        (Value::String(a), Value::String(b)) => Some(locale_compare(a, b)),
        _ => Some(Ordering::Equal),
    }
}

/// `Number(text)`, `None` for `NaN`: decimal literals with surrounding whitespace, `""` as 0.
fn js_to_number(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Some(0.0);
    }
    if let Some(hex) = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
    {
        return u64::from_str_radix(hex, 16).ok().map(|n| n as f64);
    }
    match trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed) {
        "Infinity" => Some(if trimmed.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }),
        // Rust accepts "inf" and "nan", JavaScript does not.
        unsigned
            if unsigned
                .chars()
                .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E') =>
        {
            None
        }
        _ => trimmed.parse::<f64>().ok(),
    }
}

/// `String.prototype.localeCompare` as Node's ICU compares in its root locale, for the text API
/// descriptions hold: first by letters regardless of case, with punctuation, then digits, then
/// letters in that order (`_` < `-` < `.` < `/` < `0` < `a` < `B`); then lowercase before
/// uppercase. Characters outside ASCII follow ASCII letters, by their lowercase code point.
fn locale_compare(a: &str, b: &str) -> Ordering {
    let primary = |text: &str| text.chars().map(primary_weight).collect::<Vec<_>>();
    primary(a).cmp(&primary(b)).then_with(|| {
        // Tertiary: at the first difference of case, lowercase first.
        let case = |text: &str| text.chars().map(|c| c.is_uppercase()).collect::<Vec<_>>();
        case(a).cmp(&case(b))
    })
}

/// ICU's root order of printable ASCII punctuation and symbols, before digits and letters.
const ASCII_SYMBOL_ORDER: &str = "\t\n\u{b}\u{c}\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

fn primary_weight(c: char) -> (u8, u32) {
    if let Some(position) = ASCII_SYMBOL_ORDER.find(c) {
        (0, position as u32)
    } else if c.is_ascii_digit() {
        (1, c as u32)
    } else if c.is_ascii_alphabetic() {
        (2, c.to_ascii_lowercase() as u32)
    } else {
        (3, c.to_lowercase().next().unwrap_or(c) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run};
    use super::locale_compare;
    use crate::json;
    use crate::value::Value;
    use std::cmp::Ordering;

    fn at(message: &str, pointer: &str) -> Vec<(String, String)> {
        vec![(message.to_owned(), pointer.to_owned())]
    }

    #[test]
    fn nothing_to_sort_passes() {
        let alphabetical = compiled("alphabetical", Value::Null);
        assert!(run(&alphabetical, &json!(false)).is_empty());
        assert!(run(&alphabetical, &json!(["a"])).is_empty());
        assert!(run(&alphabetical, &json!(["a", "ab"])).is_empty());
    }

    #[test]
    fn object_keys_out_of_order_fail_at_the_first_key() {
        let alphabetical = compiled("alphabetical", Value::Null);
        assert_eq!(
            run(&alphabetical, &json!({ "c": 2, "b": "xz" })),
            at("\"c\" must be placed after \"b\"", "/c")
        );
        // Keys keep the written order even when integer-like; they compare as strings.
        assert_eq!(
            run(
                &alphabetical,
                &json!({ "400": { "description": "" }, "200": { "description": "" } })
            ),
            at("\"400\" must be placed after \"200\"", "/400")
        );
    }

    #[test]
    fn array_items_out_of_order_fail_at_the_first_index() {
        let alphabetical = compiled("alphabetical", Value::Null);
        assert_eq!(
            run(&alphabetical, &json!(["b", "a"])),
            at("\"b\" must be placed after \"a\"", "/0")
        );
        assert_eq!(
            run(&alphabetical, &json!([10, 1])),
            at("10 must be placed after 1", "/0")
        );
        assert_eq!(
            run(&alphabetical, &json!(["a", "c", "b"])),
            at("\"c\" must be placed after \"b\"", "/1")
        );
    }

    #[test]
    fn items_that_are_neither_numbers_nor_strings_fail() {
        let alphabetical = compiled("alphabetical", Value::Null);
        let message = here("The document must be one of the allowed types: number, string");
        assert_eq!(
            run(&alphabetical, &json!([{ "a": "10" }, { "b": "1" }])),
            message
        );
        assert_eq!(run(&alphabetical, &json!([false, "a", null])), message);
    }

    #[test]
    fn keyed_by_sorts_objects_by_a_member() {
        let alphabetical = compiled("alphabetical", json!({ "keyedBy": "a" }));
        assert_eq!(
            run(&alphabetical, &json!([{ "a": "10" }, { "a": "1" }])),
            here("properties must follow the alphabetical order")
        );
        assert!(
            run(
                &alphabetical,
                &json!([{ "a": "1" }, { "a": "2" }, { "a": "2" }])
            )
            .is_empty()
        );
        assert_eq!(
            run(&alphabetical, &json!([100, 1])),
            here("The document must be an object")
        );
        assert_eq!(
            run(&alphabetical, &json!([{ "a": "1" }, { "b": "2" }])),
            here("The document must be one of the allowed types: number, string")
        );
    }

    #[test]
    fn comparison_follows_spectral() {
        let alphabetical = compiled("alphabetical", Value::Null);
        // Case does not decide before letters do.
        assert!(run(&alphabetical, &json!(["apple", "Banana", "cherry"])).is_empty());
        // A non-numeric string before a number-like one: NaN, in order.
        assert!(run(&alphabetical, &json!(["b", "1"])).is_empty());
        // A numeric string before a number compares as neither: in order.
        assert!(run(&alphabetical, &json!([2, "10", 1])).is_empty());
    }

    #[test]
    fn locale_order_puts_punctuation_digits_then_letters() {
        for (a, b) in [
            ("_a", "-a"),
            ("-a", "/a"),
            ("/a", "0"),
            ("9", "a"),
            ("a", "B"),
            ("b", "B"),
            ("ab", "Ac"),
        ] {
            assert_eq!(locale_compare(a, b), Ordering::Less, "{a} < {b}");
        }
    }

    #[test]
    fn option_mistakes() {
        for options in [Value::Null, json!({}), json!({ "keyedBy": "bar" })] {
            assert!(
                option_errors("alphabetical", options.clone()).is_empty(),
                "{options}"
            );
        }
        let cases = [
            (
                json!({ "foo": true }),
                (
                    "/foo",
                    "\"foo\" is not an option of \"alphabetical\"; its options are: keyedBy",
                ),
            ),
            (
                json!({ "keydBy": "name" }),
                (
                    "/keydBy",
                    "\"keydBy\" is not an option of \"alphabetical\"; did you mean \"keyedBy\"?",
                ),
            ),
            (
                json!(2),
                (
                    "",
                    "\"alphabetical\" options must be an object, not a number, e.g. { \"keyedBy\": \"name\" }, or no options",
                ),
            ),
            (
                json!({ "keyedBy": 2 }),
                ("/keyedBy", "\"keyedBy\" must be a string, not a number"),
            ),
        ];
        for (options, (pointer, message)) in cases {
            assert_eq!(
                option_errors("alphabetical", options.clone()),
                [(pointer.to_owned(), message.to_owned())],
                "{options}"
            );
        }
    }
}
