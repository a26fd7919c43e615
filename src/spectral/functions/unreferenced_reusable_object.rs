//! `unreferencedReusableObject`: members of a reusable-objects location (`#/components/schemas`,
//! `#/definitions`) that no `$ref` in the document names.
//!
//! Options: `reusableObjectsLocation` (a local JSON pointer fragment; required). The `given`
//! should be that location; each of the target's member names is looked for as
//! `<location>/<name>` among the local `$ref`s (`#/...`) anywhere in the document, those inside
//! unreferenced objects included, but not those inside the object itself (a schema that only
//! refers to itself is unused; two that refer to each other are used), as Spectral's reference
//! graph counts them. A `$ref` written in another file of the run (`shared.yaml#/components/schemas/Pet`),
//! or in this one by its own file name, counts too: Spectral's graph holds the references of the
//! files it resolves from the document; archlint judges the whole repository, so a component a
//! sibling description uses is used. Only objects are checked.
//! Message: `Potential orphaned reusable object has been detected`, at each orphan.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::load::document::SPLIT_LEVELS;

use crate::value::Value;

use super::options::{self, Mistakes, Reader};
use super::print::{join_pointer, segments};
use super::{Failure, FunctionContext};

#[derive(Debug, Clone)]
pub struct UnreferencedReusableObject {
    /// The location, as segments of the document.
    pub location: Vec<String>,
}

const EXAMPLE: &str = r##"{ "reusableObjectsLocation": "#/components/schemas" }"##;

impl UnreferencedReusableObject {
    pub(super) fn compile(options: Option<&Value>) -> Result<Self, Mistakes> {
        let map = options::object("unreferencedReusableObject", options, EXAMPLE)?;
        let reader = Reader::new("unreferencedReusableObject", map);
        let mut mistakes = Vec::new();
        reader.unknown(&["reusableObjectsLocation"], &mut mistakes);
        let location = reader.required("reusableObjectsLocation", &mut mistakes).and_then(|value| {
            let location = value.as_str().and_then(fragment_segments);
            if location.is_none() {
                mistakes.push(reader.mistake(
                    "reusableObjectsLocation",
                    "\"reusableObjectsLocation\" must be a local JSON pointer fragment, e.g. \"#\", \"#/components/schemas\" or \"#/paths/~1user\"".to_owned(),
                ));
            }
            location
        });
        options::finish(mistakes, || {
            Some(Self {
                location: location?,
            })
        })
    }

    pub(super) fn apply(
        &self,
        target: Option<&Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        let Some(Value::Object(members)) = target else {
            return Vec::new();
        };
        let referenced = local_references(context.document, context.large);
        let target_segments = segments(context.pointer);
        members
            .iter()
            .filter(|(name, member)| !is_reference_in_place(name, member))
            .filter(|(name, member)| {
                let mut defined = self.location.clone();
                defined.push((*name).to_string());
                !referenced.name(&defined, member)
                    && !context
                        .inbound
                        .is_some_and(|inbound| inbound.contains(&defined))
            })
            .map(|(name, _)| name)
            .map(|name| Failure {
                message: "Potential orphaned reusable object has been detected".to_owned(),
                pointer: self.relative_pointer(&target_segments, name),
            })
            .collect()
    }

    /// Spectral reports `<location>/<name>`; relative to the target that is the member itself
    /// when the rule's `given` is the location, as documented. When it is not, and the location
    /// lies outside the target, the member of the target is the closest place a relative
    /// pointer can name.
    fn relative_pointer(&self, target: &[String], name: &str) -> String {
        match self.location.strip_prefix(target) {
            Some(inside) => inside
                .iter()
                .chain(std::iter::once(&name.to_owned()))
                .fold(String::new(), |pointer, segment| {
                    join_pointer(&pointer, segment)
                }),
            None => join_pointer("", name),
        }
    }
}

/// The segments of a `json-pointer-uri-fragment` (`#`, `#/a/b`, `#/paths/~1user`, percent
/// escapes allowed), as the `ajv-formats` format Spectral checks the option with defines it.
fn fragment_segments(fragment: &str) -> Option<Vec<String>> {
    let pointer = fragment.strip_prefix('#')?;
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return None;
    }
    let bytes = pointer.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let valid = match byte {
            b'%' => {
                let hex = bytes.get(index + 1..index + 3)?;
                index += 2;
                hex.iter().all(u8::is_ascii_hexdigit)
            }
            b'~' => {
                index += 1;
                matches!(bytes.get(index), Some(b'0' | b'1'))
            }
            b'/' => true,
            _ => byte.is_ascii_alphanumeric() || b"_-.!$&'()*+,;:=@".contains(&byte),
        };
        if !valid {
            return None;
        }
        index += 1;
    }
    let decoded = percent_encoding::percent_decode_str(pointer)
        .decode_utf8()
        .ok()?;
    Some(segments(&decoded))
}

/// The local `$ref`s (`#...`) of a document: how many name each place, as segments.
#[derive(Debug, PartialEq)]
pub struct References(HashMap<Vec<String>, usize>);

impl References {
    /// Whether a `$ref` outside `value`, the object at `place`, names it. Those inside it (a
    /// schema that refers to itself) do not make it used, as in Spectral's reference graph.
    pub fn name(&self, place: &[String], value: &Value) -> bool {
        let Some(&total) = self.0.get(place) else {
            return false;
        };
        let mut within = HashMap::new();
        collect_written_in_turn(value, &mut within);
        let inside: usize = decoded(within)
            .filter(|(named, _)| named == place)
            .map(|(_, count)| count)
            .sum();
        total > inside
    }

    /// The places named, each once.
    pub fn places(&self) -> impl Iterator<Item = &Vec<String>> {
        self.0.keys()
    }
}

/// Every local `$ref` of `document` (`#...`). Written references repeat (GitHub's description
/// has 10,460 local ones, in 1,764 distinct texts): each text is decoded once. A large
/// document's members and theirs are walked side by side.
pub fn local_references(document: &Value, large: bool) -> References {
    let mut written = HashMap::new();
    collect_written(document, if large { SPLIT_LEVELS } else { 0 }, &mut written);
    let mut places = HashMap::with_capacity(written.len());
    for (place, count) in decoded(written) {
        *places.entry(place).or_insert(0) += count;
    }
    References(places)
}

/// Each fragment written, as the segments it names, with how often it is written.
fn decoded(written: HashMap<&str, usize>) -> impl Iterator<Item = (Vec<String>, usize)> + use<'_> {
    written.into_iter().filter_map(|(fragment, count)| {
        let decoded = percent_encoding::percent_decode_str(fragment)
            .decode_utf8()
            .ok()?;
        Some((segments(&decoded), count))
    })
}

/// The fragment (after `#`) of each local `$ref` in `value`, the collections less than `levels`
/// deep walked side by side.
fn collect_written<'v>(value: &'v Value, levels: usize, written: &mut HashMap<&'v str, usize>) {
    if levels == 0 {
        collect_written_in_turn(value, written);
        return;
    }
    let children: Vec<&Value> = match value {
        Value::Object(members) => {
            insert_written(members, written);
            members.values().collect()
        }
        Value::Array(items) => items.iter().collect(),
        _ => return,
    };
    let parts: Vec<HashMap<&str, usize>> = children
        .into_par_iter()
        .map(|child| {
            let mut part = HashMap::new();
            collect_written(child, levels - 1, &mut part);
            part
        })
        .collect();
    for (fragment, count) in parts.into_iter().flatten() {
        *written.entry(fragment).or_insert(0) += count;
    }
}

/// [`collect_written`] of the whole of `value`, on this thread.
fn collect_written_in_turn<'v>(value: &'v Value, written: &mut HashMap<&'v str, usize>) {
    match value {
        Value::Object(members) => {
            insert_written(members, written);
            for member in members.values() {
                collect_written_in_turn(member, written);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_written_in_turn(item, written);
            }
        }
        _ => {}
    }
}

/// The fragment of the object's own `$ref`, where it is a local one.
fn insert_written<'v>(members: &'v crate::value::Map, written: &mut HashMap<&'v str, usize>) {
    if let Some(Value::String(reference)) = members.get("$ref")
        && let Some(fragment) = reference.strip_prefix('#')
    {
        *written.entry(fragment).or_insert(0) += 1;
    }
}

/// Whether a member of a map of reusable objects is a `$ref` written in place of the map
/// (`parameters: {$ref: parameters.yaml}`, which bundlers resolve): a reference, not an object
/// named `$ref` that nothing uses.
pub(crate) fn is_reference_in_place(name: &str, member: &Value) -> bool {
    name == "$ref" && member.is_string()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, option_errors, run, run_at};
    use crate::json;
    use crate::value::Value;

    fn document() -> Value {
        json!({
            "paths": {
                "/pets": { "get": { "responses": { "200": { "schema": { "$ref": "#/definitions/Pet" } } } } }
            },
            "definitions": {
                "Pet": { "properties": { "owner": { "$ref": "#/definitions/Owner" } } },
                "Owner": {},
                "Orphan": { "properties": { "self": { "$ref": "#/definitions/Orphan" } } },
                "Unused": {},
                "With Space": {},
                "a/b": {}
            },
            "x-links": [{ "$ref": "#/definitions/With%20Space" }, { "$ref": "#/definitions/a~1b" }]
        })
    }

    #[test]
    fn members_no_local_ref_names_are_orphans() {
        let function = compiled(
            "unreferencedReusableObject",
            json!({ "reusableObjectsLocation": "#/definitions" }),
        );
        // Orphan refers to itself only, which is no use, as in Spectral's graph.
        let orphan = |pointer: &str| {
            (
                "Potential orphaned reusable object has been detected".to_owned(),
                pointer.to_owned(),
            )
        };
        assert_eq!(
            run_at(&function, &document(), "/definitions"),
            vec![orphan("/Orphan"), orphan("/Unused")]
        );
    }

    #[test]
    fn refs_into_other_files_or_deeper_do_not_count() {
        let document = json!({
            "components": { "schemas": { "A": {}, "B": {} } },
            "x": [{ "$ref": "other.yaml#/components/schemas/A" }, { "$ref": "#/components/schemas/B/properties/id" }]
        });
        let function = compiled(
            "unreferencedReusableObject",
            json!({ "reusableObjectsLocation": "#/components/schemas" }),
        );
        let pointers: Vec<String> = run_at(&function, &document, "/components/schemas")
            .into_iter()
            .map(|(_, pointer)| pointer)
            .collect();
        assert_eq!(pointers, ["/A", "/B"]);
    }

    #[test]
    fn a_location_below_the_target_is_reported_relative_to_it() {
        let function = compiled(
            "unreferencedReusableObject",
            json!({ "reusableObjectsLocation": "#/definitions" }),
        );
        let document = json!({ "definitions": { "A": {} } });
        let scratch = crate::spectral::functions::Scratch::default();
        let context = super::FunctionContext {
            document: &document,
            pointer: "",
            formats: &[],
            scratch: &scratch,
            inbound: None,
            large: false,
        };
        let failures = function.apply(document.pointer("/definitions"), &context);
        assert_eq!(failures[0].pointer, "/definitions/A");
    }

    #[test]
    fn only_objects_are_checked() {
        let function = compiled(
            "unreferencedReusableObject",
            json!({ "reusableObjectsLocation": "#" }),
        );
        assert!(run(&function, &json!("Nope")).is_empty());
    }

    #[test]
    fn a_large_documents_references_are_the_same_found_side_by_side() {
        // References at the root, at each level the walk is shared at, below it, in lists, and
        // the same place written twice, once percent-encoded.
        let document = json!({
            "$ref": "#/definitions/Root",
            "paths": {
                "$ref": "#/definitions/Paths",
                "/a": { "get": { "schema": { "$ref": "#/definitions/Deep" } } },
                "/b": [{ "$ref": "#/definitions/In%20List" }, { "$ref": "#/definitions/In List" }]
            },
            "x-list": [{ "$ref": "#/definitions/Item" }, [{ "$ref": "#/definitions/Nested" }]],
            "x-remote": { "$ref": "other.yaml#/definitions/Elsewhere" }
        });
        let in_turn = super::local_references(&document, false);
        let side_by_side = super::local_references(&document, true);
        assert_eq!(in_turn, side_by_side);
        let mut places: Vec<String> = in_turn.places().map(|place| place.join("/")).collect();
        places.sort();
        assert_eq!(
            places,
            [
                "definitions/Deep",
                "definitions/In List",
                "definitions/Item",
                "definitions/Nested",
                "definitions/Paths",
                "definitions/Root"
            ]
        );
    }

    #[test]
    fn option_mistakes() {
        for location in ["#", "#/", "#/~1/d", "#/components/schemas", "#/a%20b"] {
            let options = json!({ "reusableObjectsLocation": location });
            assert!(
                option_errors("unreferencedReusableObject", options).is_empty(),
                "{location}"
            );
        }
        let example = "{ \"reusableObjectsLocation\": \"#/components/schemas\" }";
        let invalid = "\"reusableObjectsLocation\" must be a local JSON pointer fragment, e.g. \"#\", \"#/components/schemas\" or \"#/paths/~1user\"";
        let cases = [
            (Value::Null, ("", format!("\"unreferencedReusableObject\" needs options, e.g. {example}"))),
            (
                json!(2),
                ("", format!("\"unreferencedReusableObject\" options must be an object, not a number, e.g. {example}")),
            ),
            (json!({}), ("", "\"reusableObjectsLocation\" is required".to_owned())),
            (
                json!({ "reusableObjectsLocation": "#", "foo": true }),
                ("/foo", "\"foo\" is not an option of \"unreferencedReusableObject\"; its options are: reusableObjectsLocation".to_owned()),
            ),
            (json!({ "reusableObjectsLocation": 2 }), ("/reusableObjectsLocation", invalid.to_owned())),
            (json!({ "reusableObjectsLocation": "foo" }), ("/reusableObjectsLocation", invalid.to_owned())),
            (json!({ "reusableObjectsLocation": "#/a~2" }), ("/reusableObjectsLocation", invalid.to_owned())),
        ];
        for (options, (pointer, message)) in cases {
            assert_eq!(
                option_errors("unreferencedReusableObject", options.clone()),
                [(pointer.to_owned(), message)],
                "{options}"
            );
        }
    }
}
