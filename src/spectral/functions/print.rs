//! The parts of a Spectral message that come from the document: `{{property}}`, `{{value}}`,
//! and the `#{{print("property")}}` / `#{{print("value")}}` helpers of the core functions'
//! messages, worded as Spectral 6 words them (`@stoplight/spectral-core`'s `lintNode` and
//! `message`, `@stoplight/spectral-runtime`'s `printValue` and `printPath`).
//!
//! Spectral renders these at the place of the result, against the document: the value is the
//! one found there (for a `@key` target, the member's value, not the key), and the property of
//! a place the document does not have (an absent `field`) is the dotted path from the closest
//! place it has.

use crate::load::document::{push_pointer_token, unescape_token};
use crate::value::Value;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// What JavaScript's `encodeURIComponent` leaves as it is.
pub const ENCODE_URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// What JavaScript's `encodeURI` leaves as it is: what `encodeURIComponent` leaves, and the
/// characters a URI reserves.
pub const ENCODE_URI: &AsciiSet = &ENCODE_URI_COMPONENT
    .remove(b';')
    .remove(b',')
    .remove(b'/')
    .remove(b'?')
    .remove(b':')
    .remove(b'@')
    .remove(b'&')
    .remove(b'=')
    .remove(b'+')
    .remove(b'$')
    .remove(b'#');
use std::borrow::Cow;

/// `#{{print("property")}}`: `"title" property ` (with its trailing space), or `The document `
/// when the place is the document itself or a member named "".
pub fn print_property(document: &Value, pointer: &str) -> String {
    let property = property(document, pointer);
    if property.is_empty() {
        "The document ".to_owned()
    } else {
        format!("\"{property}\" property ")
    }
}

/// `{{property}}`: the last segment of the place; for a place the document lacks, the dotted
/// path from the last place it has (`info.contact` when `info` exists without `contact`, or just
/// the missing member when even the first segment is missing).
pub fn property(document: &Value, pointer: &str) -> String {
    let segments = decoded_segments(pointer);
    let existing = existing_prefix(document, &segments);
    if segments.len() > existing {
        // Spectral slices from one before the closest existing place: that place's own name,
        // then the missing ones; from the root, `slice(-1)` keeps the last segment alone.
        let from = existing.checked_sub(1).unwrap_or(segments.len() - 1);
        decode_pointer_fragment(&dot_path(&segments[from..]))
    } else {
        segments
            .last()
            .map(|last| last.to_string())
            .unwrap_or_default()
    }
}

/// `#{{print("value")}}` and `{{value}}`: the value at the closest place the document has,
/// printed as `printValue` prints it.
pub fn print_document_value(document: &Value, pointer: &str) -> String {
    print_value(closest_value(document, pointer))
}

/// The closest place to `pointer` that the document has, as Spectral's `{{path}}` names a
/// missing field's place: `/paths/~1a/get` for `/paths/~1a/get/summary` when it has no summary.
pub fn closest_pointer<'p>(document: &Value, pointer: &'p str) -> &'p str {
    let existing = existing_prefix(document, &decoded_segments(pointer));
    let end = pointer
        .match_indices('/')
        .nth(existing)
        .map_or(pointer.len(), |(at, _)| at);
    &pointer[..end]
}

/// The value at the closest place to `pointer` that the document has.
pub fn closest_value<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    let segments = decoded_segments(pointer);
    let existing = existing_prefix(document, &segments);
    let mut value = document;
    for segment in &segments[..existing] {
        value = child(value, segment)?;
    }
    Some(value)
}

/// `printValue`: strings and numbers as JSON (`"x"`, `5`), `Object{}`, `Array[]`, `undefined`.
pub fn print_value(value: Option<&Value>) -> String {
    match value {
        None => "undefined".to_owned(),
        Some(Value::Object(_)) => "Object{}".to_owned(),
        Some(Value::Array(_)) => "Array[]".to_owned(),
        Some(Value::Number(number)) => number
            .as_f64()
            .map_or_else(|| number.to_string(), js_number),
        Some(other) => other.to_string(),
    }
}

/// A value as JavaScript's `String(value)` writes it, as a message's `{{value}}` prints it: a
/// string as it is, `[object Object]`, a list's items joined by commas (`null` ones empty).
pub fn js_string(value: Option<&Value>) -> String {
    match value {
        None => "undefined".to_owned(),
        Some(Value::Null) => "null".to_owned(),
        Some(Value::String(text)) => text.to_string(),
        Some(Value::Object(_)) => "[object Object]".to_owned(),
        Some(Value::Array(items)) => {
            let mut out = String::new();
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                if !item.is_null() {
                    out.push_str(&js_string(Some(item)));
                }
            }
            out
        }
        Some(other) => print_value(Some(other)),
    }
}

/// A number as JavaScript's `String(number)` writes it: `2` for 2.0, `1e+21`, `1.5e-7`.
pub fn js_number(number: f64) -> String {
    if number.is_nan() {
        return "NaN".to_owned();
    }
    if number.is_infinite() {
        return if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned();
    }
    if number == 0.0 {
        return "0".to_owned();
    }
    // Rust's `{:e}` gives the shortest digits that read back as the same number, as
    // JavaScript chooses them; only the layout differs.
    let scientific = format!("{:e}", number.abs());
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` writes an integer exponent");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digit_count = digits.len() as i32;
    let point = exponent + 1; // where the decimal point goes, counted from the first digit
    let unsigned = if (1..=21).contains(&point) {
        if digit_count <= point {
            format!("{digits}{}", "0".repeat((point - digit_count) as usize))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        }
    } else if (-5..=0).contains(&point) {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        format!("{first}{fraction}e{sign}{}", exponent.abs())
    };
    if number < 0.0 {
        format!("-{unsigned}")
    } else {
        unsigned
    }
}

/// JavaScript truthiness: `false`, `0`, `""`, `null` and undefined are falsy; any object or
/// array, even empty, is truthy.
pub fn is_truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(boolean)) => *boolean,
        Some(Value::Number(number)) => number.as_f64().is_some_and(|n| n != 0.0 && !n.is_nan()),
        Some(Value::String(string)) => !string.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

/// The decoded segments of an RFC 6901 pointer.
pub fn segments(pointer: &str) -> Vec<String> {
    decoded_segments(pointer)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// The decoded segments of an RFC 6901 pointer, each a slice of it unless it escapes something:
/// a message's property is worded for every finding, and most segments escape nothing.
fn decoded_segments(pointer: &str) -> Vec<Cow<'_, str>> {
    pointer.split('/').skip(1).map(unescape_token).collect()
}

/// `pointer` with one more segment.
pub fn join_pointer(pointer: &str, segment: &str) -> String {
    let mut joined = String::with_capacity(pointer.len() + segment.len() + 1);
    joined.push_str(pointer);
    push_pointer_token(&mut joined, segment);
    joined
}

/// How many leading segments name places the document has.
fn existing_prefix(document: &Value, segments: &[Cow<'_, str>]) -> usize {
    let mut value = document;
    for (index, segment) in segments.iter().enumerate() {
        match child(value, segment) {
            Some(next) => value = next,
            None => return index,
        }
    }
    segments.len()
}

fn child<'v>(value: &'v Value, segment: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map.get(segment),
        Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// `printPath(path, PrintStyle.Dot)`: `a.b`, `tags[0].name`, `paths['/x y']`, `['']`.
fn dot_path(segments: &[Cow<'_, str>]) -> String {
    let mut printed = String::new();
    for (index, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            printed.push_str("['']");
        } else if segment.chars().any(is_js_whitespace) {
            printed.push_str(&format!("['{segment}']"));
        } else if is_js_numeric(segment) {
            printed.push_str(&format!("[{segment}]"));
        } else {
            if index > 0 {
                printed.push('.');
            }
            printed.push_str(segment);
        }
    }
    printed
}

/// Spectral decodes the printed path once more as a pointer fragment.
fn decode_pointer_fragment(text: &str) -> String {
    text.replace("~1", "/").replace("~0", "~")
}

/// JavaScript's `\s`.
fn is_js_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// `!Number.isNaN(Number(text))` for a non-empty text without whitespace: decimal literals
/// (`1`, `-2.5`, `.5`, `1e3`), `0x`/`0o`/`0b` integers, and `Infinity`.
fn is_js_numeric(text: &str) -> bool {
    let radix_digits = |prefix_lower: &str, prefix_upper: &str, radix: u32| {
        text.strip_prefix(prefix_lower)
            .or_else(|| text.strip_prefix(prefix_upper))
            .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)))
    };
    if radix_digits("0x", "0X", 16) || radix_digits("0o", "0O", 8) || radix_digits("0b", "0B", 2) {
        return true;
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if unsigned == "Infinity" {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn property_of_a_place_the_document_has_is_its_last_segment() {
        let document = json!({ "info": { "title": "" }, "tags": [{ "name": "a" }] });
        assert_eq!(
            print_property(&document, "/info/title"),
            "\"title\" property "
        );
        assert_eq!(print_property(&document, "/tags/0"), "\"0\" property ");
        assert_eq!(print_property(&document, ""), "The document ");
    }

    #[test]
    fn property_of_a_missing_place_is_dotted_from_the_closest_one() {
        let document = json!({ "info": {}, "tags": [{}] });
        assert_eq!(property(&document, "/info/contact"), "info.contact");
        assert_eq!(
            property(&document, "/info/contact/name"),
            "info.contact.name"
        );
        assert_eq!(property(&document, "/tags/0/name"), "[0].name");
        // From the root, Spectral keeps only the last segment.
        assert_eq!(property(&document, "/foo"), "foo");
        assert_eq!(property(&document, "/foo/bar"), "bar");
        assert_eq!(property(&document, "/info/x y"), "info['x y']");
    }

    #[test]
    fn values_print_as_spectral_prints_them() {
        assert_eq!(print_value(Some(&json!("x"))), "\"x\"");
        assert_eq!(print_value(Some(&json!("a\\d"))), "\"a\\\\d\"");
        assert_eq!(print_value(Some(&json!(2.0))), "2");
        assert_eq!(print_value(Some(&json!(null))), "null");
        assert_eq!(print_value(Some(&json!(true))), "true");
        assert_eq!(print_value(Some(&json!({}))), "Object{}");
        assert_eq!(print_value(Some(&json!([1]))), "Array[]");
        assert_eq!(print_value(None), "undefined");
    }

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        assert_eq!(js_number(10.0), "10");
        assert_eq!(js_number(-2.5), "-2.5");
        assert_eq!(js_number(0.1), "0.1");
        assert_eq!(js_number(1e21), "1e+21");
        assert_eq!(js_number(1e20), "100000000000000000000");
        assert_eq!(js_number(1.5e-7), "1.5e-7");
        assert_eq!(js_number(0.000001), "0.000001");
        assert_eq!(js_number(-0.0), "0");
    }

    #[test]
    fn truthiness_is_javascript_truthiness() {
        for falsy in [json!(false), json!(0), json!(0.0), json!(""), json!(null)] {
            assert!(!is_truthy(Some(&falsy)), "{falsy}");
        }
        assert!(!is_truthy(None));
        for truthy in [json!(true), json!(1), json!("0"), json!([]), json!({})] {
            assert!(is_truthy(Some(&truthy)), "{truthy}");
        }
    }

    #[test]
    fn numeric_segments_are_javascript_numbers() {
        for numeric in ["0", "400", "-1", "1.5", ".5", "1e3", "0x1F", "Infinity"] {
            assert!(is_js_numeric(numeric), "{numeric}");
        }
        for not_numeric in ["a", "1a", "e3", "0x", "-", "1e", "."] {
            assert!(!is_js_numeric(not_numeric), "{not_numeric}");
        }
    }
}
