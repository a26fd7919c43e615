//! The document formats a Spectral rule may be limited to (`formats:`), under the names rulesets
//! write, each recognised from a document's value as Spectral recognises it.

use crate::value::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Oas2,
    Oas3,
    Oas3_0,
    Oas3_1,
    Oas3_2,
    AsyncApi2,
    AsyncApi3,
    Arazzo1,
    JsonSchema,
    JsonSchemaLoose,
    JsonSchemaDraft4,
    JsonSchemaDraft6,
    JsonSchemaDraft7,
    JsonSchemaDraft2019_09,
    JsonSchemaDraft2020_12,
}

/// Every name a ruleset may write, with the format it means (two JSON Schema drafts have two
/// spellings).
pub const NAMES: &[(&str, Format)] = &[
    ("oas2", Format::Oas2),
    ("oas3", Format::Oas3),
    ("oas3.0", Format::Oas3_0),
    ("oas3.1", Format::Oas3_1),
    ("oas3.2", Format::Oas3_2),
    ("asyncapi2", Format::AsyncApi2),
    ("asyncapi3", Format::AsyncApi3),
    ("arazzo1", Format::Arazzo1),
    ("arazzo1.0", Format::Arazzo1),
    ("json-schema", Format::JsonSchema),
    ("json-schema-loose", Format::JsonSchemaLoose),
    ("json-schema-draft4", Format::JsonSchemaDraft4),
    ("json-schema-draft6", Format::JsonSchemaDraft6),
    ("json-schema-draft7", Format::JsonSchemaDraft7),
    ("json-schema-draft-2019-09", Format::JsonSchemaDraft2019_09),
    ("json-schema-2019-09", Format::JsonSchemaDraft2019_09),
    ("json-schema-draft-2020-12", Format::JsonSchemaDraft2020_12),
    ("json-schema-2020-12", Format::JsonSchemaDraft2020_12),
];

impl Format {
    pub fn named(name: &str) -> Option<Format> {
        NAMES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|&(_, format)| format)
    }

    /// Whether `document` is of this format.
    pub fn holds(self, document: &Value) -> bool {
        let Value::Object(map) = document else {
            return false;
        };
        let text = |key: &str| map.get(key).map(scalar_text);
        let major = |key: &str| text(key).and_then(|version| leading_integer(&version));
        let version_is =
            |key: &str, prefix: &str| text(key).is_some_and(|version| minor_line(&version, prefix));
        match self {
            Format::Oas2 => major("swagger") == Some(2),
            Format::Oas3 => major("openapi") == Some(3),
            Format::Oas3_0 => major("openapi") == Some(3) && version_is("openapi", "3.0"),
            Format::Oas3_1 => major("openapi") == Some(3) && version_is("openapi", "3.1"),
            Format::Oas3_2 => major("openapi") == Some(3) && version_is("openapi", "3.2"),
            Format::AsyncApi2 => text("asyncapi").is_some_and(|version| semver_of(&version, 2)),
            Format::AsyncApi3 => text("asyncapi").is_some_and(|version| semver_of(&version, 3)),
            Format::Arazzo1 => text("arazzo").is_some_and(|version| semver_of(&version, 1)),
            Format::JsonSchema => json_schema_uri(map).is_some(),
            Format::JsonSchemaLoose => json_schema_uri(map).is_some() || loose_json_schema(map),
            Format::JsonSchemaDraft4 => draft(map) == Some("draft4"),
            Format::JsonSchemaDraft6 => draft(map) == Some("draft6"),
            Format::JsonSchemaDraft7 => draft(map) == Some("draft7"),
            Format::JsonSchemaDraft2019_09 => draft(map) == Some("draft2019-09"),
            Format::JsonSchemaDraft2020_12 => draft(map) == Some("draft2020-12"),
        }
    }

    /// An API description: what a rule without `formats` is run on. Spectral runs such a rule on
    /// every file it is given; archlint walks a whole repository, where most YAML files are no
    /// API description, so it keeps such rules to the documents Spectral is usually given.
    pub fn describes_an_api(self) -> bool {
        matches!(
            self,
            Format::Oas2
                | Format::Oas3
                | Format::Oas3_0
                | Format::Oas3_1
                | Format::Oas3_2
                | Format::AsyncApi2
                | Format::AsyncApi3
                | Format::Arazzo1
        )
    }
}

/// The formats `document` is of.
pub fn detect(document: &Value) -> Vec<Format> {
    let mut formats: Vec<Format> = Vec::new();
    for &(_, format) in NAMES {
        if !formats.contains(&format) && format.holds(document) {
            formats.push(format);
        }
    }
    formats
}

/// A scalar as JavaScript's `String()` writes it (a version may be written as a number).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Null => "null".to_string(),
        _ => String::new(),
    }
}

/// `parseInt`: the integer a text starts with.
fn leading_integer(text: &str) -> Option<i64> {
    let text = text.trim_start();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// `3.0`, `3.0.` and `3.0.4` are on the line `3.0`; `3.01` is not.
fn minor_line(version: &str, line: &str) -> bool {
    version.strip_prefix(line).is_some_and(|rest| {
        rest.is_empty()
            || rest
                .strip_prefix('.')
                .is_some_and(|patch| patch.bytes().all(|byte| byte.is_ascii_digit()))
    })
}

/// `MAJOR.MINOR.PATCH` with this major and no leading zeros.
fn semver_of(version: &str, major: u64) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    let number = |part: &&str| {
        !part.is_empty()
            && part.bytes().all(|byte| byte.is_ascii_digit())
            && (part.len() == 1 || !part.starts_with('0'))
    };
    parts.len() == 3 && parts.iter().all(number) && parts[0].parse() == Ok(major)
}

fn json_schema_uri(map: &crate::value::Map) -> Option<&str> {
    map.get("$schema")
        .and_then(Value::as_str)
        .filter(|uri| uri.contains("//json-schema.org/"))
}

/// The draft a `$schema` URI names: `draft4`, `draft6`, `draft7`, `draft2019-09`,
/// `draft2020-12`.
fn draft(map: &crate::value::Map) -> Option<&'static str> {
    let uri = json_schema_uri(map)?;
    let rest = uri
        .strip_prefix("https://json-schema.org/")
        .or_else(|| uri.strip_prefix("http://json-schema.org/"))?;
    let (draft, tail) = if let Some(tail) = rest.strip_prefix("draft-04/") {
        ("draft4", tail)
    } else if let Some(tail) = rest.strip_prefix("draft-06/") {
        ("draft6", tail)
    } else if let Some(tail) = rest.strip_prefix("draft-07/") {
        ("draft7", tail)
    } else if let Some(tail) = rest.strip_prefix("draft/2019-09/") {
        ("draft2019-09", tail)
    } else if let Some(tail) = rest.strip_prefix("draft/2020-12/") {
        ("draft2020-12", tail)
    } else {
        return None;
    };
    let tail = tail.strip_prefix("hyper-").unwrap_or(tail);
    matches!(tail, "schema" | "schema#").then_some(draft)
}

/// A schema without `$schema` that still reads as one: a known `type`, an `enum` list, or a
/// combining keyword.
fn loose_json_schema(map: &crate::value::Map) -> bool {
    const TYPES: [&str; 7] = [
        "array", "boolean", "integer", "null", "number", "object", "string",
    ];
    let known_type = |value: &Value| value.as_str().is_some_and(|name| TYPES.contains(&name));
    let typed = match map.get("type") {
        Some(Value::Array(types)) => types.iter().all(known_type),
        Some(single) => known_type(single),
        None => false,
    };
    typed
        || matches!(map.get("enum"), Some(Value::Array(_)))
        || ["allOf", "oneOf", "anyOf", "not", "if"]
            .iter()
            .any(|keyword| matches!(map.get(keyword), Some(Value::Object(_) | Value::Array(_))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn versions_are_read_as_spectral_reads_them() {
        assert_eq!(detect(&json!({"swagger": "2.0"})), [Format::Oas2]);
        assert_eq!(
            detect(&json!({"openapi": "3.0.3"})),
            [Format::Oas3, Format::Oas3_0]
        );
        assert_eq!(
            detect(&json!({"openapi": "3.1.0"})),
            [Format::Oas3, Format::Oas3_1]
        );
        assert_eq!(detect(&json!({"openapi": "3.01"})), [Format::Oas3]);
        assert_eq!(detect(&json!({"asyncapi": "2.6.0"})), [Format::AsyncApi2]);
        assert_eq!(detect(&json!({"asyncapi": "3.0.0"})), [Format::AsyncApi3]);
        assert!(detect(&json!({"asyncapi": "2.6"})).is_empty());
        assert_eq!(
            detect(&json!({"$schema": "http://json-schema.org/draft-07/schema#"})),
            [
                Format::JsonSchema,
                Format::JsonSchemaLoose,
                Format::JsonSchemaDraft7
            ]
        );
        assert_eq!(
            detect(&json!({"type": "object"})),
            [Format::JsonSchemaLoose]
        );
        assert!(detect(&json!({"type": "pod"})).is_empty());
    }
}
