//! `asyncApiDocumentSchema`: the document is valid against the official AsyncAPI JSON Schema of
//! its version (2.0.0 to 2.6.0, 3.0.0 and 3.1.0; a later 3.x document is judged by 3.1.0's, with
//! its own version, as Spectral does; see `asyncapi_specs`).
//!
//! `resolved: true` judges the document with its local `$ref`s followed, as Spectral's resolver
//! follows them; an error inside a referenced value is reported where that value is written, once
//! (Spectral reports it at the reference's target too, once per path through it), and one error
//! per place (Spectral's `prepareResults` keeps the first of the errors at one place).
//! `resolved: false` judges the document as written and reports only a `$ref` where the
//! specification allows none: "Referencing in this place is not allowed".
//!
//! AsyncAPI 3's schema wants a Reference Object in a channel's `servers`, an operation's `channel`
//! and `messages` and a reply's. Spectral swaps in the referenced definitions there for its
//! resolved pass (`prepareV3ResolvedSchema`); archlint accepts any object there instead, in both
//! passes, so that one compiled schema serves both. The server, channel or message such a
//! reference leads to is judged where it is written (under `servers`, `channels` or
//! `components`), which is where archlint reports its errors anyway. What is lost is judging a
//! value written inline in those places, or one a reference finds somewhere else: the cost of
//! Spectral's way is the three definitions compiled again at each of the five places, which
//! tripled the compile (0.5 s of CPU and 100 MB on every run that reads an AsyncAPI 3 document).

use super::asyncapi_specs::{
    Unfollowed, VERSION_COUNT, Version, compile as compile_schema, resolved, written_at,
};
use crate::spectral::functions::{Apply, CoreFunction, Failure, FunctionContext, OptionError};
use crate::value::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let mistake = |pointer: &str, message: &str| {
        Err(vec![OptionError {
            pointer: pointer.to_string(),
            message: message.to_string(),
        }])
    };
    let Some(Value::Object(map)) = options else {
        return mistake(
            "",
            "\"asyncApiDocumentSchema\" needs options, e.g. { \"resolved\": true }",
        );
    };
    if let Some(other) = map.keys().find(|key| key.as_str() != "resolved") {
        return mistake(
            "",
            &format!("\"asyncApiDocumentSchema\" does not take the option \"{other}\""),
        );
    }
    match map.get("resolved") {
        Some(Value::Bool(resolved)) => Ok(Box::new(DocumentSchema {
            resolved: *resolved,
        })),
        Some(_) => mistake("/resolved", "\"resolved\" must be a boolean"),
        None => mistake(
            "",
            "\"asyncApiDocumentSchema\" needs the option \"resolved\"",
        ),
    }
}

#[derive(Debug)]
struct DocumentSchema {
    resolved: bool,
}

const REFERENCE_NOT_EXPECTED: &str = "Property \"$ref\" is not expected to be here";

/// The document schema of `version`, for documents with their references followed or not;
/// compiled once per process.
fn validator(version: Version) -> Option<&'static CoreFunction> {
    static COMPILED: [OnceLock<Option<CoreFunction>>; VERSION_COUNT] =
        [const { OnceLock::new() }; VERSION_COUNT];
    COMPILED[version.index()]
        .get_or_init(|| {
            // Compiled, so serde_json's.
            let mut schema = version.schema().to_serde();
            if version.is_3() {
                accept_any_referenced(version, &mut schema);
            }
            compile_schema(Value::from(schema))
        })
        .as_ref()
}

/// Whether the value at `pointer` of the followed document, or one holding it, is a `$ref` that
/// was not followed.
fn behind_unfollowed_reference(followed: &Value, pointer: &str) -> bool {
    let mut value = Some(followed);
    let mut tokens = pointer.split('/').skip(1);
    while let Some(current) = value {
        if current.get("$ref").is_some_and(Value::is_string) {
            return true;
        }
        let Some(token) = tokens.next() else {
            return false;
        };
        let token = token.replace("~1", "/").replace("~0", "~");
        value = match current {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|index| items.get(index)),
            _ => None,
        };
    }
    false
}

/// Where AsyncAPI 3 wants a Reference Object, any object (see the module's documentation): a
/// name written where a reference belongs (`channel: orders`, `servers: [production]`, as
/// AsyncAPI 2 wrote them) is refused, as Spectral refuses it.
fn accept_any_referenced(version: Version, schema: &mut serde_json::Value) {
    let definition = |file: &str| version.definition(file);
    let places = [
        ("channel.json", "/properties/servers/items"),
        ("operation.json", "/properties/channel"),
        ("operation.json", "/properties/messages/items"),
        ("operationReply.json", "/properties/channel"),
        ("operationReply.json", "/properties/messages/items"),
    ];
    for (owner, place) in places {
        let Some(definitions) = schema
            .get_mut("definitions")
            .and_then(serde_json::Value::as_object_mut)
        else {
            return;
        };
        if let Some(slot) = definitions
            .get_mut(&definition(owner))
            .and_then(|owner| owner.pointer_mut(place))
        {
            *slot = serde_json::json!({ "type": "object" });
        }
    }
}

impl Apply for DocumentSchema {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(target) = target else {
            return Vec::new();
        };
        let Some(version) = Version::of(context.document) else {
            return Vec::new();
        };
        let Some(function) = validator(version) else {
            return Vec::new();
        };
        if !self.resolved {
            return function
                .apply(Some(target), context)
                .into_iter()
                .filter(|failure| failure.message == REFERENCE_NOT_EXPECTED)
                .map(|failure| Failure {
                    message: "Referencing in this place is not allowed".to_string(),
                    pointer: failure.pointer,
                })
                .collect();
        }
        let followed = resolved(context.document, target, Unfollowed::Kept, false);
        let raw = match function {
            CoreFunction::Schema(schema) => {
                schema.apply_placing_unexpected_at_property(Some(&followed), context)
            }
            other => other.apply(Some(&followed), context),
        };
        let mut found: Vec<Failure> = Vec::new();
        for failure in &raw {
            // Spectral's `prepareResults`: the document is resolved, so neither a `$ref` where
            // none is allowed nor the Reference Object branch a value does not take is news.
            if failure.message == REFERENCE_NOT_EXPECTED
                || failure
                    .message
                    .ends_with("must have required property \"$ref\"")
            {
                continue;
            }
            // A reference that is not followed (to a URL, or one the bundle left as written)
            // stands for a value archlint has not read: nothing is said about it.
            if behind_unfollowed_reference(&followed, &failure.pointer) {
                continue;
            }
            found.push(failure.clone());
        }
        // ... and a `oneOf` that failed is no news when an error at or below it says why (also
        // one of those dropped above: a branch that fails only for a reference).
        let explained = |failure: &Failure| {
            failure
                .message
                .contains("must match exactly one schema in oneOf")
                && raw.iter().any(|other| {
                    other.pointer.starts_with(&failure.pointer) && other.message != failure.message
                })
        };
        let kept: Vec<&Failure> = found.iter().filter(|failure| !explained(failure)).collect();
        let mut places = HashSet::new();
        let mut failures = Vec::new();
        for failure in kept {
            // The target is the document (`given: $`); a value behind a reference is reported
            // where it is written.
            let inside = format!("{}{}", context.pointer, failure.pointer);
            let Some(written) = written_at(context.document, &inside) else {
                continue;
            };
            let Some(relative) = written.strip_prefix(context.pointer) else {
                continue;
            };
            if places.insert(relative.to_string()) {
                failures.push(Failure {
                    message: failure.message.clone(),
                    pointer: relative.to_string(),
                });
            }
        }
        failures
    }
}
