//! How deep a validator's recursion can go in a schema, along its nesting and its local
//! references, and how many schemas it may apply to one value. The jsonschema crate validates
//! by recursion, a few stack frames for each schema it steps into and each `$ref` it follows: a
//! chain of 16,000 references (`A0: {$ref: A1}`, `A1: {$ref: A2}`, …, 780 KB of YAML) beside an
//! example overflowed a thread's stack and aborted the whole run. And it tries every branch of
//! an `anyOf` ([`MAX_APPLIED_SCHEMAS`]). A schema nested deeper than [`MAX_VALIDATED_DEPTH`], or
//! applying more schemas than that, is not compiled, so an example is not judged against it.
//! No crate measures this; the walk below is the crate's own path through a schema, without an
//! instance.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// The deepest path through a schema that is validated, in schemas and references: far past
/// any real one (GitHub's description reaches a few dozen), well within a thread's stack.
pub const MAX_VALIDATED_DEPTH: usize = 2_048;

/// The most schemas that may apply to one value, through `allOf`, `anyOf`, `oneOf`, `not`,
/// `if`/`then`/`else` and references: `a0: {anyOf: [$ref: a1, $ref: a1]}`, `a1: {anyOf: [$ref:
/// a2, $ref: a2]}`, … applies 2^d schemas to a value that fails them, which the crate tries in
/// turn (and keeps each one's errors): 25 such levels took minutes and 7 GB.
pub const MAX_APPLIED_SCHEMAS: usize = 10_000;

/// Whether the crate could take too long or too much stack to validate a value against
/// `schema`: a path through it, stepping into its members and along its local references
/// (`#/…`), longer than [`MAX_VALIDATED_DEPTH`], or more than [`MAX_APPLIED_SCHEMAS`] schemas
/// applying at one place. A reference back to a schema the path is inside ends it: the crate
/// follows such a cycle only as deep as the instance goes.
pub fn too_costly(schema: &Value) -> bool {
    let mut walk = Walk {
        root: schema,
        known: HashMap::new(),
        open: HashSet::new(),
        applied: HashMap::new(),
        applying: HashSet::new(),
        most_applied: 0,
    };
    walk.depth(schema, 0) > MAX_VALIDATED_DEPTH || walk.most_applied > MAX_APPLIED_SCHEMAS
}

/// Whether a schema the root applies applies itself to the value it applies to, through the
/// keywords that apply in place (`Pet: {oneOf: [$ref: Dog, ...]}` with `Dog: {allOf: [$ref:
/// Pet, ...]}`, the polymorphism Springwolf and springdoc write). JSON Schema's validation of
/// such a schema never ends, so no validator can say whether a value is valid (Ajv overflows its
/// stack); the crate cuts the cycle somewhere and says something, which is no contradiction of
/// the document's. Schemas the root does not apply (`$defs` no reference names, examples) do not
/// count. Call it on a schema [`too_costly`] passed: the walk's recursion is as deep as the
/// schema's references.
pub fn applies_itself(schema: &Value) -> bool {
    let mut search = SelfApplication {
        root: schema,
        reached: HashSet::new(),
        colour: HashMap::new(),
    };
    search.reach(schema)
}

struct SelfApplication<'s> {
    root: &'s Value,
    /// The schemas the root applies, to its value or to a value inside it.
    reached: HashSet<*const Value>,
    /// The search for a cycle through the keywords that apply in place: `false` while a
    /// schema's search is under way, `true` once it is done without one.
    colour: HashMap<*const Value, bool>,
}

impl<'s> SelfApplication<'s> {
    fn reach(&mut self, schema: &'s Value) -> bool {
        if !schema.is_object() || !self.reached.insert(schema) {
            return false;
        }
        if self.in_place_cycle(schema) {
            return true;
        }
        let inner: Vec<&'s Value> = in_place(schema, self.root).chain(inside(schema)).collect();
        inner.into_iter().any(|inner| self.reach(inner))
    }

    fn in_place_cycle(&mut self, schema: &'s Value) -> bool {
        match self.colour.get(&(schema as *const Value)) {
            Some(false) => return true,
            Some(true) => return false,
            None => {}
        }
        self.colour.insert(schema, false);
        let inner: Vec<&'s Value> = in_place(schema, self.root).collect();
        if inner.into_iter().any(|inner| self.in_place_cycle(inner)) {
            return true;
        }
        self.colour.insert(schema, true);
        false
    }
}

/// The schemas a schema applies to its own value: its local reference's target and the
/// schemas of `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`, `else` and `dependentSchemas`.
fn in_place<'s>(schema: &'s Value, root: &'s Value) -> impl Iterator<Item = &'s Value> {
    let Value::Object(members) = schema else {
        return Vec::new().into_iter();
    };
    let mut found = Vec::new();
    for (keyword, member) in members {
        match (keyword.as_str(), member) {
            ("$ref", Value::String(reference)) => found.extend(local_target(root, reference)),
            ("allOf" | "anyOf" | "oneOf", Value::Array(schemas)) => found.extend(schemas),
            ("not" | "if" | "then" | "else", Value::Object(_)) => found.push(member),
            ("dependentSchemas", Value::Object(schemas)) => found.extend(schemas.values()),
            _ => {}
        }
    }
    found.retain(|schema| schema.is_object());
    found.into_iter()
}

/// The schemas a schema applies to values inside its own: its properties', items', ...
fn inside(schema: &Value) -> impl Iterator<Item = &Value> {
    let Value::Object(members) = schema else {
        return Vec::new().into_iter();
    };
    let mut found = Vec::new();
    for (keyword, member) in members {
        match (keyword.as_str(), member) {
            ("properties" | "patternProperties" | "dependencies", Value::Object(schemas)) => {
                found.extend(schemas.values())
            }
            ("items" | "prefixItems", Value::Array(schemas)) => found.extend(schemas),
            (
                "items"
                | "additionalItems"
                | "additionalProperties"
                | "contains"
                | "propertyNames"
                | "unevaluatedProperties"
                | "unevaluatedItems",
                Value::Object(_),
            ) => found.push(member),
            _ => {}
        }
    }
    found.retain(|schema| schema.is_object());
    found.into_iter()
}

/// What a local reference (`#/components/schemas/A%20B`) names in `root`.
fn local_target<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()?;
    root.pointer(&decoded)
}

struct Walk<'s> {
    root: &'s Value,
    /// The depth below each collection met, by its address in the schema.
    known: HashMap<*const Value, usize>,
    /// The collections on the path being walked.
    open: HashSet<*const Value>,
    /// How many schemas apply where each schema met applies, itself included.
    applied: HashMap<*const Value, usize>,
    /// The schemas whose count is being taken.
    applying: HashSet<*const Value>,
    /// The most of them met.
    most_applied: usize,
}

/// The keywords whose schemas apply to the value their schema applies to.
pub const APPLYING_IN_PLACE: [&str; 8] = [
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref",
];

impl<'s> Walk<'s> {
    /// The depth of the deepest path from `node`, itself counted, which sits `level` steps down;
    /// the walk stops once `level` is past the limit, so its own recursion stays within it.
    fn depth(&mut self, node: &'s Value, level: usize) -> usize {
        if level > MAX_VALIDATED_DEPTH {
            return 1;
        }
        let key: *const Value = node;
        if let Some(&depth) = self.known.get(&key) {
            return depth;
        }
        if !(node.is_object() || node.is_array()) {
            return 0;
        }
        // A schema the path is inside: the crate follows the cycle only as deep as the value.
        if !self.open.insert(key) {
            return 1;
        }
        if node.is_object() {
            let applied = self.applied(node, 0);
            self.most_applied = self.most_applied.max(applied);
        }
        let steps: Vec<&'s Value> = match node {
            Value::Object(members) => members
                .iter()
                .filter_map(|(key, member)| match (key.as_str(), member) {
                    ("$ref", Value::String(reference)) => self.target(reference),
                    (_, Value::Object(_) | Value::Array(_)) => Some(member),
                    _ => None,
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .filter(|item| item.is_object() || item.is_array())
                .collect(),
            _ => Vec::new(),
        };
        let mut deepest = 0;
        for step in steps {
            deepest = deepest.max(self.depth(step, level + 1));
            if level + deepest > MAX_VALIDATED_DEPTH {
                break;
            }
        }
        self.open.remove(&key);
        self.known.insert(key, deepest + 1);
        deepest + 1
    }

    /// How many schemas apply where `schema` applies, itself included, counting each use of a
    /// schema (the crate tries each); a schema the count is inside counts nothing again. Past
    /// [`MAX_APPLIED_SCHEMAS`], or `level` past [`MAX_VALIDATED_DEPTH`], the count stops.
    fn applied(&mut self, schema: &'s Value, level: usize) -> usize {
        let key: *const Value = schema;
        if let Some(&count) = self.applied.get(&key) {
            return count;
        }
        let Value::Object(members) = schema else {
            return 1;
        };
        if level > MAX_VALIDATED_DEPTH || !self.applying.insert(key) {
            return 1;
        }
        let mut count: usize = 1;
        for keyword in APPLYING_IN_PLACE {
            let applying: Vec<&'s Value> = match (keyword, members.get(keyword)) {
                ("$ref", Some(Value::String(reference))) => {
                    self.target(reference).into_iter().collect()
                }
                ("allOf" | "anyOf" | "oneOf", Some(Value::Array(schemas))) => {
                    schemas.iter().collect()
                }
                (_, Some(schema @ Value::Object(_))) => vec![schema],
                _ => Vec::new(),
            };
            for inner in applying {
                count = count.saturating_add(self.applied(inner, level + 1));
            }
            if count > MAX_APPLIED_SCHEMAS {
                break;
            }
        }
        self.applying.remove(&key);
        self.applied.insert(key, count);
        count
    }

    /// What a local reference (`#/components/schemas/A%20B`) names in the schema.
    fn target(&self, reference: &str) -> Option<&'s Value> {
        local_target(self.root, reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chain(length: usize, wrapped: bool) -> Value {
        let mut definitions = serde_json::Map::new();
        for index in 0..length {
            let next = json!({ "$ref": format!("#/$defs/a{}", index + 1) });
            let schema = if wrapped {
                json!({ "allOf": [next] })
            } else {
                next
            };
            definitions.insert(format!("a{index}"), schema);
        }
        definitions.insert(format!("a{length}"), json!({ "type": "string" }));
        json!({ "properties": { "x": { "$ref": "#/$defs/a0" } }, "$defs": definitions })
    }

    #[test]
    fn a_long_chain_of_references_is_too_deep_and_a_short_one_is_not() {
        assert!(!too_costly(&chain(500, false)));
        assert!(!too_costly(&chain(500, true)));
        assert!(too_costly(&chain(MAX_VALIDATED_DEPTH, false)));
        assert!(too_costly(&chain(MAX_VALIDATED_DEPTH / 2, true)));
        // Far past the limit, the walk's own recursion stops at it.
        assert!(too_costly(&chain(100_000, false)));
    }

    #[test]
    fn a_recursive_schema_is_not_too_deep() {
        let tree = json!({
            "$defs": { "node": { "type": "object", "properties": {
                "children": { "type": "array", "items": { "$ref": "#/$defs/node" } },
                "self": { "$ref": "#/$defs/node" }
            } } },
            "$ref": "#/$defs/node"
        });
        assert!(!too_costly(&tree));
    }

    #[test]
    fn a_schema_that_applies_itself_to_its_value_has_no_verdict() {
        let cycle = json!({ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" });
        assert!(applies_itself(&cycle));
        let polymorphism = json!({
            "$defs": {
                "Pet": { "type": "object", "oneOf": [{ "$ref": "#/$defs/Dog" }, { "$ref": "#/$defs/Cat" }] },
                "Dog": { "allOf": [{ "$ref": "#/$defs/Pet" }, { "properties": { "bark": { "type": "boolean" } } }] },
                "Cat": { "allOf": [{ "$ref": "#/$defs/Pet" }, { "properties": { "meow": { "type": "boolean" } } }] }
            },
            "properties": { "pet": { "$ref": "#/$defs/Pet" } }
        });
        assert!(applies_itself(&polymorphism));
        // The usual polymorphism, the parent not naming its children, is judged.
        let inheritance = json!({
            "$defs": {
                "Pet": { "type": "object", "properties": { "name": { "type": "string" } } },
                "Dog": { "allOf": [{ "$ref": "#/$defs/Pet" }, { "properties": { "bark": { "type": "boolean" } } }] }
            },
            "oneOf": [{ "$ref": "#/$defs/Dog" }, { "$ref": "#/$defs/Pet" }]
        });
        assert!(!applies_itself(&inheritance));
        // Only what the root applies counts: definitions no reference names, and examples, do
        // not; a tree (a node whose children are nodes) applies itself to other values.
        let unused = json!({
            "$defs": polymorphism["$defs"].clone(),
            "properties": { "lots": { "type": "number" } },
            "examples": [{ "$ref": "#/$defs/Pet" }]
        });
        assert!(!applies_itself(&unused));
        let tree = json!({
            "$defs": { "node": { "properties": { "children": { "items": { "$ref": "#/$defs/node" } } } } },
            "$ref": "#/$defs/node"
        });
        assert!(!applies_itself(&tree));
        let through_dependent = json!({
            "$defs": { "a": { "dependentSchemas": { "x": { "$ref": "#/$defs/a" } } } },
            "$ref": "#/$defs/a"
        });
        assert!(applies_itself(&through_dependent));
    }

    #[test]
    fn schemas_that_double_at_each_level_are_too_costly() {
        for keyword in ["anyOf", "allOf", "oneOf"] {
            let doubling = |levels: usize| {
                let mut definitions = serde_json::Map::new();
                for index in 0..levels {
                    let next = json!({ "$ref": format!("#/$defs/a{}", index + 1) });
                    definitions.insert(format!("a{index}"), json!({ keyword: [next, next] }));
                }
                definitions.insert(format!("a{levels}"), json!({ "type": "string" }));
                json!({ "$ref": "#/$defs/a0", "$defs": definitions })
            };
            assert!(!too_costly(&doubling(10)), "{keyword}");
            assert!(too_costly(&doubling(16)), "{keyword}");
        }
    }

    #[test]
    fn a_wide_schema_is_walked_once() {
        // Every member references one shared schema: each is walked once, not once per use.
        let mut properties = serde_json::Map::new();
        for index in 0..50_000 {
            properties.insert(format!("p{index}"), json!({ "$ref": "#/$defs/shared" }));
        }
        let shared = json!({ "type": "object", "properties": { "a": { "type": "string" } } });
        let schema = json!({ "properties": properties, "$defs": { "shared": shared } });
        assert!(!too_costly(&schema));
    }
}
