//! What the AsyncAPI functions share: the official AsyncAPI JSON Schemas, the version of a
//! document as Spectral picks its schema, local `$ref`s followed inside one document, and the
//! `schema` core function run on a value as Spectral's AsyncAPI functions run it.
//!
//! The schemas under `schemas/asyncapi/` are those of the AsyncAPI Initiative's
//! `asyncapi/spec-json-schemas` (`schemas/<version>.json`, the package `@asyncapi/specs` that
//! Spectral bundles), under the Apache License 2.0 (copyright 2016-2025 AsyncAPI Initiative; see
//! `schemas/asyncapi/README.md`), minified and otherwise unchanged. Only the versions Spectral
//! validates with are embedded: 2.0.0 to 2.6.0, 3.0.0 and 3.1.0.

use crate::json;
use crate::load::document::{push_pointer_token, unescape_token, value_at};
use crate::schema_depth::APPLYING_IN_PLACE;
use crate::spectral::functions::{CoreFunction, Failure, FunctionContext, OptionError};
use crate::value::{Map, Value};
use std::sync::OnceLock;

/// The schema versions, in the order Spectral tries the formats they go with.
const VERSIONS: &[(&str, &str)] = &[
    (
        "2.0.0",
        include_str!("../../../schemas/asyncapi/2.0.0.json"),
    ),
    (
        "2.1.0",
        include_str!("../../../schemas/asyncapi/2.1.0.json"),
    ),
    (
        "2.2.0",
        include_str!("../../../schemas/asyncapi/2.2.0.json"),
    ),
    (
        "2.3.0",
        include_str!("../../../schemas/asyncapi/2.3.0.json"),
    ),
    (
        "2.4.0",
        include_str!("../../../schemas/asyncapi/2.4.0.json"),
    ),
    (
        "2.5.0",
        include_str!("../../../schemas/asyncapi/2.5.0.json"),
    ),
    (
        "2.6.0",
        include_str!("../../../schemas/asyncapi/2.6.0.json"),
    ),
    (
        "3.0.0",
        include_str!("../../../schemas/asyncapi/3.0.0.json"),
    ),
    (
        "3.1.0",
        include_str!("../../../schemas/asyncapi/3.1.0.json"),
    ),
];

/// The index of the first AsyncAPI 3 schema in [`VERSIONS`].
const FIRST_3: usize = 7;

/// The index after [`VERSIONS`] that stands for a later 3.x document (`3.2.0`): the latest 3.x
/// schema, with any `3.N.P` for its `asyncapi` (Spectral's fallback).
const LATER_3: usize = VERSIONS.len();

/// A schema version Spectral validates a document of with, as an index into [`VERSIONS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Version(usize);

impl Version {
    /// The schema Spectral picks for `document`: its `asyncapi` must be `2.N.P` (N up to 6) or
    /// `3.N.P`, each number without a leading zero (Spectral's `aas2_N`, `aas3_0`, `aas3_1` and
    /// `aas3` formats); a 3.x later than the latest schema is judged by that schema.
    pub(super) fn of(document: &Value) -> Option<Version> {
        let text = match document.get("asyncapi")? {
            Value::String(text) => text.to_string(),
            Value::Number(number) => number.to_string(),
            _ => return None,
        };
        let numbers: Vec<&str> = text.split('.').collect();
        let plain = |part: &&str| {
            !part.is_empty()
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        };
        if numbers.len() != 3 || !numbers.iter().all(plain) {
            return None;
        }
        let minor: usize = numbers[1].parse().ok()?;
        match (numbers[0], minor) {
            ("2", 0..=6) => Some(Version(minor)),
            ("3", minor) if FIRST_3 + minor < VERSIONS.len() => Some(Version(FIRST_3 + minor)),
            ("3", _) => Some(Version(LATER_3)),
            _ => None,
        }
    }

    /// The version of the schema: the latest 3.x for a later 3.x document.
    pub(super) fn name(self) -> &'static str {
        VERSIONS[self.0.min(VERSIONS.len() - 1)].0
    }

    pub(super) fn is_3(self) -> bool {
        self.0 >= FIRST_3
    }

    pub(super) fn index(self) -> usize {
        self.0
    }

    /// The whole schema of this version, parsed once.
    pub(super) fn schema(self) -> &'static Value {
        static PARSED: [OnceLock<Value>; VERSION_COUNT] =
            [const { OnceLock::new() }; VERSION_COUNT];
        PARSED[self.0].get_or_init(|| {
            let text = VERSIONS[self.0.min(VERSIONS.len() - 1)].1;
            let mut schema: Value =
                serde_json::from_str(text).expect("an embedded AsyncAPI schema is JSON");
            if self.0 == LATER_3
                && let Some(Value::Object(asyncapi)) = schema
                    .get_mut("properties")
                    .and_then(|properties| properties.get_mut("asyncapi"))
            {
                asyncapi.remove("const");
                asyncapi.insert(
                    "pattern".to_owned(),
                    Value::from("^3\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$"),
                );
            }
            schema
        })
    }

    /// The `$id` of one of the schema's definitions (`schema.json`, `channel.json`).
    pub(super) fn definition(self, file: &str) -> String {
        format!("http://asyncapi.com/definitions/{}/{file}", self.name())
    }
}

/// How many schemas there are: one per embedded version, and one for later 3.x documents.
pub(super) const VERSION_COUNT: usize = VERSIONS.len() + 1;

/// `schema` with `allErrors`, compiled from `schema`; `None` when it does not compile (a schema
/// the document writes wrongly, which other rules report).
pub(super) fn compile(schema: Value) -> Option<CoreFunction> {
    let options = json!({ "schema": schema, "allErrors": true });
    CoreFunction::compile("schema", Some(&options))
        .ok()
        .flatten()
}

/// `function` (a compiled `schema`) applied to `value`, written at `at` below the target of
/// `context`: Spectral runs the function with the path of the value, so its messages name the
/// value's own key (`"default" property type must be string`). Failures are relative to the
/// target.
pub(super) fn validate(
    function: &CoreFunction,
    value: &Value,
    at: &str,
    context: &FunctionContext<'_>,
) -> Vec<Failure> {
    let pointer = format!("{}{at}", context.pointer);
    let inner = FunctionContext {
        document: context.document,
        pointer: &pointer,
        formats: context.formats,
        scratch: context.scratch,
        inbound: context.inbound,
        large: context.large,
    };
    function
        .apply(Some(value), &inner)
        .into_iter()
        .map(|failure| Failure {
            message: failure.message,
            pointer: format!("{at}{}", failure.pointer),
        })
        .collect()
}

/// For the functions that take no options: Spectral accepts only `null`.
pub(super) fn no_options(function: &str, options: Option<&Value>) -> Result<(), Vec<OptionError>> {
    match options {
        None => Ok(()),
        Some(_) => Err(vec![OptionError {
            pointer: String::new(),
            message: format!("\"{function}\" takes no options"),
        }]),
    }
}

/// One option that must be one of `allowed` (`objectType`, `type`): the value, or the mistake.
pub(super) fn one_of(
    function: &str,
    options: Option<&Value>,
    key: &str,
    allowed: &[&'static str],
) -> Result<&'static str, Vec<OptionError>> {
    let listed = allowed.join(", ");
    let value = options.and_then(|options| options.get(key));
    if let Some(Value::Object(map)) = options
        && let Some(other) = map.keys().find(|name| name.as_str() != key)
    {
        return Err(vec![OptionError {
            pointer: String::new(),
            message: format!("\"{function}\" does not take the option \"{other}\""),
        }]);
    }
    match value.and_then(Value::as_str) {
        Some(text) => allowed
            .iter()
            .find(|name| **name == text)
            .copied()
            .ok_or_else(|| {
                vec![OptionError {
                    pointer: format!("/{key}"),
                    message: format!("\"{key}\" must be one of: {listed}"),
                }]
            }),
        None => Err(vec![OptionError {
            pointer: String::new(),
            message: format!("\"{function}\" needs the option \"{key}\": one of {listed}"),
        }]),
    }
}

/// What a `$ref` that is not followed becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Unfollowed {
    /// Kept as written (a document, where a Reference Object is often allowed).
    Kept,
    /// `{}`, which accepts anything (a schema: a part that cannot be followed constrains
    /// nothing rather than being guessed).
    Anything,
}

/// How many values one copy may hold with its references followed: enough for any real
/// document, and a bound on a document whose references fan out.
const BUDGET: usize = 200_000;

/// `value` (written in `document`) with each local `$ref` (`#/...`) replaced by what it points
/// at, as Spectral's resolver does; a reference to a URL or another file, one that points at
/// nothing, and one that would repeat itself (a cycle) are not followed. In a schema
/// (`in_schema`), the values of `examples`, `default`, `const` and `enum` are data, copied as
/// written.
pub(super) fn resolved(
    document: &Value,
    value: &Value,
    unfollowed: Unfollowed,
    in_schema: bool,
) -> Value {
    Copier::new(document, unfollowed, in_schema).copy(value, false)
}

/// The schema `schema` (written in `document`) with its local references followed, to judge a
/// value against (see [`resolved`]); `None` when it applies itself to the value it applies to
/// (`Pet: {oneOf: [$ref: Dog]}` with `Dog: {allOf: [$ref: Pet]}`): JSON Schema's validation of
/// such a schema never ends, so there is no verdict to give (Ajv, Spectral's, overflows its
/// stack), where the copy, cut at the cycle, would judge something else.
pub(super) fn resolved_schema(document: &Value, schema: &Value) -> Option<Value> {
    let mut copier = Copier::new(document, Unfollowed::Anything, true);
    let copy = copier.copy(schema, false);
    (!copier.applies_itself).then_some(copy)
}

struct Copier<'d> {
    document: &'d Value,
    unfollowed: Unfollowed,
    in_schema: bool,
    budget: usize,
    /// The references being followed, innermost last, each with the members stepped into
    /// when it was met: one met again is a cycle.
    following: Vec<(String, usize)>,
    /// How many members the copy is inside that apply to another value than their schema's
    /// (`properties`, `items`, ...; not `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`, `else`).
    stepped: usize,
    /// How many `$defs` (`definitions`) the copy is inside: schemas there apply to nothing
    /// unless a reference names them, and are copied again where one does.
    defining: usize,
    /// Whether a cycle was met without a step to another value: a schema applying itself.
    applies_itself: bool,
}

impl<'d> Copier<'d> {
    fn new(document: &'d Value, unfollowed: Unfollowed, in_schema: bool) -> Self {
        Copier {
            document,
            unfollowed,
            in_schema,
            budget: BUDGET,
            following: Vec::new(),
            stepped: 0,
            defining: 0,
            applies_itself: false,
        }
    }

    fn copy(&mut self, value: &Value, literal: bool) -> Value {
        self.budget = self.budget.saturating_sub(1);
        match value {
            Value::Object(map) if !literal => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    return self.follow(reference, value);
                }
                let mut copied = Map::with_capacity(map.len());
                for (key, member) in map {
                    let data = self.in_schema
                        && matches!(
                            key.as_str(),
                            "examples" | "example" | "default" | "const" | "enum"
                        );
                    let steps = !APPLYING_IN_PLACE.contains(&key.as_str());
                    let defines = matches!(key.as_str(), "$defs" | "definitions");
                    self.stepped += usize::from(steps);
                    self.defining += usize::from(defines);
                    copied.insert(key.clone(), self.copy(member, data));
                    self.stepped -= usize::from(steps);
                    self.defining -= usize::from(defines);
                }
                Value::Object(copied)
            }
            Value::Array(items) if !literal => {
                Value::Array(items.iter().map(|item| self.copy(item, false)).collect())
            }
            other => other.clone(),
        }
    }

    fn follow(&mut self, reference: &str, written: &Value) -> Value {
        let met = self.following.iter().find(|(seen, _)| seen == reference);
        if let Some((_, stepped)) = met {
            self.applies_itself |= *stepped == self.stepped && self.defining == 0;
        }
        let target = reference
            .strip_prefix('#')
            .filter(|_| self.budget > 0 && met.is_none())
            .and_then(|pointer| value_at(self.document, pointer));
        match target {
            Some(target) => {
                self.following.push((reference.to_string(), self.stepped));
                let copied = self.copy(target, false);
                self.following.pop();
                copied
            }
            None => match self.unfollowed {
                Unfollowed::Kept => written.clone(),
                Unfollowed::Anything => Value::Object(Map::new()),
            },
        }
    }
}

/// Where the value at `pointer` of `document` with its references followed (see [`resolved`])
/// is written: each local `$ref` on the way is followed, as the copy followed it, so a value
/// behind a reference is reported where it is written. `None` when the way leaves the document.
pub(super) fn written_at(document: &Value, pointer: &str) -> Option<String> {
    let mut place = String::new();
    let mut value = document;
    let mut follows = 0;
    let tokens: Vec<&str> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.split('/').skip(1).collect()
    };
    let mut index = 0;
    loop {
        let next = tokens.get(index).map(|token| unescape_token(token));
        if let Some(Value::String(reference)) = value.get("$ref")
            && next.as_deref() != Some("$ref")
            && follows < 64
        {
            let target = reference.strip_prefix('#')?;
            value = value_at(document, target)?;
            place = target.to_string();
            follows += 1;
            continue;
        }
        let Some(token) = next else {
            return Some(place);
        };
        value = match value {
            Value::Object(map) => map.get(token.as_ref())?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
        push_pointer_token(&mut place, &token);
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_schema_is_json_with_its_version() {
        for index in 0..VERSION_COUNT {
            let version = Version(index);
            let schema = version.schema();
            assert_eq!(
                schema["$id"],
                version.definition("asyncapi.json"),
                "{}",
                version.name()
            );
        }
    }

    #[test]
    fn the_version_is_picked_as_spectral_picks_it() {
        let of = |text: &str| Version::of(&json!({ "asyncapi": text })).map(Version::name);
        assert_eq!(of("2.0.0"), Some("2.0.0"));
        assert_eq!(of("2.6.1"), Some("2.6.0"));
        assert_eq!(of("3.0.0"), Some("3.0.0"));
        assert_eq!(of("3.1.0"), Some("3.1.0"));
        assert_eq!(of("3.2.0"), Some("3.1.0"));
        assert_eq!(of("3.01.0"), None);
        assert_eq!(of("2.7.0"), None);
        assert_eq!(of("2.01.0"), None);
        assert_eq!(of("2.6"), None);
    }

    #[test]
    fn references_are_followed_and_cycles_are_not() {
        let document = json!({
            "a": { "$ref": "#/b" },
            "b": { "x": 1, "self": { "$ref": "#/b" } },
            "c": { "$ref": "other.yaml#/x" },
        });
        let copy = resolved(&document, &document, Unfollowed::Kept, false);
        assert_eq!(copy["a"]["x"], 1);
        assert_eq!(copy["a"]["self"], json!({ "$ref": "#/b" }));
        assert_eq!(copy["c"], json!({ "$ref": "other.yaml#/x" }));
        let schema = resolved(&document, &document["c"], Unfollowed::Anything, true);
        assert_eq!(schema, json!({}));
        // A schema that holds itself under a member is judged; one that applies itself to its
        // own value is not.
        assert!(resolved_schema(&document, &document["a"]).is_some());
        let polymorphic = json!({
            "Pet": { "oneOf": [{ "$ref": "#/Dog" }] },
            "Dog": { "allOf": [{ "$ref": "#/Pet" }, { "properties": { "bark": {} } }] },
        });
        assert_eq!(resolved_schema(&polymorphic, &polymorphic["Pet"]), None);
        assert_eq!(resolved_schema(&polymorphic, &polymorphic["Dog"]), None);
        assert_eq!(written_at(&document, "/a/x").as_deref(), Some("/b/x"));
        assert_eq!(written_at(&document, "/c/x"), None);
        assert_eq!(written_at(&document, "/b/x").as_deref(), Some("/b/x"));
    }
}
