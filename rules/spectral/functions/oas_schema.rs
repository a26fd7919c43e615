//! `oasSchema`: a value must be valid against a JSON Schema read as the document's OpenAPI
//! version reads schemas. Option: `schema` (required). OpenAPI 2 and 3.0 schemas are JSON Schema
//! draft 4 with `nullable: true` (2: `x-nullable: true`) adding `null` to the `type`; 3.1 and 3.2
//! schemas are JSON Schema 2020-12 (or the draft `jsonSchemaDialect` names); another document
//! reads `$schema`, else draft 7. Messages as the `schema` function words them.
//!
//! The same machinery validates examples for `oasExample`: [`compiled`] takes a schema written
//! in the document, follows its local `$ref`s (each target once, so a cycle is a cycle of
//! references and never a loop), leaves out what does not validate (descriptions, examples,
//! extensions), and compiles the result: schemas written alike compile once while they are met
//! close together.

mod verdict;

pub(super) use verdict::judge;

use super::{local_ref, no_options, pointer_value};
use crate::json;
use crate::spectral::formats::Format;
use crate::spectral::functions::{Apply, Dialect, Failure, FunctionContext, OptionError, Schema};
use crate::value::{Map, Value};
use lru::LruCache;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::num::NonZeroUsize;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

#[derive(Debug)]
struct OasSchema {
    schema: Value,
}

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let mistake = |pointer: &str, message: &str| {
        vec![OptionError {
            pointer: pointer.to_owned(),
            message: message.to_owned(),
        }]
    };
    let Some(Value::Object(map)) = options else {
        no_options("oasSchema", None)?;
        return Err(mistake(
            "",
            "\"oasSchema\" needs options, e.g. { \"schema\": { \"type\": \"array\" } }",
        ));
    };
    if let Some(unknown) = map.keys().find(|key| *key != "schema") {
        return Err(mistake(
            &format!("/{unknown}"),
            &format!("\"oasSchema\" does not take \"{unknown}\""),
        ));
    }
    match map.get("schema") {
        Some(schema @ Value::Object(_)) => Ok(Box::new(OasSchema {
            schema: schema.clone(),
        })),
        _ => Err(mistake("/schema", "\"schema\" must be an object")),
    }
}

impl Apply for OasSchema {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let validator = match compiled(&Adjustment::default(), &self.schema, context, false) {
            Some(Validator::Shared(validator)) => validator,
            _ => return Vec::new(),
        };
        validator.apply(target, context)
    }
}

/// What judges the values given for a schema of the document.
#[derive(Clone)]
pub(super) enum Validator {
    /// One validator for every value, compiled once.
    Shared(Arc<Schema>),
    /// The schema names so many others that its bundle is larger than [`LARGE_BUNDLE`]: each
    /// value is judged by a validator of what that value reaches ([`value_validator`]).
    /// HubSpot's expression trees name each other through `oneOf`s, and compiling the whole of
    /// them for each of their examples took seconds and, kept, hundreds of megabytes.
    EachValue,
}

/// How many values a schema's bundle may hold before each value judged against it gets a
/// validator of its own ([`Validator::EachValue`]); GitHub's largest holds 2,577, HubSpot's and
/// Elasticsearch's up to 13,000.
const LARGE_BUNDLE: usize = 4096;

/// How deeply [`Bundler::reached`] may recurse, in schemas and references, before the value's
/// bundle is the whole schema's: far past a real example's nesting, well within a thread's stack
/// (a chain of 16,000 references overflowed it).
const MAX_REACHED_DEPTH: usize = 256;

/// What judges one value of a schema whose bundle is large ([`Validator::EachValue`]).
pub(super) enum Reached {
    /// A validator of what the value reaches (`None`: it does not compile), shared with the
    /// values whose reach is bundled alike.
    Compiled(Option<Arc<Schema>>),
    /// What the value reaches is no smaller than the whole schema: the whole schema's validator
    /// ([`whole_validator`]) judges it.
    Whole,
}

/// The validator of `schema` for judging `value` alone ([`Validator::EachValue`]), compiled from
/// the parts of the schema the value reaches ([`Bundler::bundle_reached`]).
pub(super) fn value_validator(
    adjustment: &Adjustment,
    schema: &Value,
    value: Option<&Value>,
    context: &FunctionContext<'_>,
) -> Reached {
    let dialect = own_dialect(schema, context).unwrap_or_else(|| dialect(context));
    let oas2 = context.formats.contains(&Format::Oas2);
    match Bundler::new(context.document, *adjustment, oas2, dialect, Follow::Yes)
        .bundle_reached(schema, value.unwrap_or(&Value::Null))
    {
        Some(bundle) if !holds_more_than(&bundle, LARGE_BUNDLE) => {
            Reached::Compiled(compile_cached(dialect, bundle))
        }
        _ => Reached::Whole,
    }
}

/// The validator of the whole of `schema`, for the values of a [`Validator::EachValue`] schema
/// that reach as much of it: compiled once for the document, like the validator of a small one.
pub(super) fn whole_validator(
    adjustment: &Adjustment,
    schema: &Value,
    context: &FunctionContext<'_>,
) -> Option<Arc<Schema>> {
    match compiled(adjustment, schema, context, false)? {
        Validator::Shared(validator) => Some(validator),
        Validator::EachValue => None,
    }
}

/// How a schema is adjusted before it is compiled.
#[derive(Default, Clone, Copy)]
pub(super) struct Adjustment {
    /// A request's example: `readOnly` properties are not required.
    pub relax_read_only: bool,
    /// A response's example: `writeOnly` properties are not required.
    pub relax_write_only: bool,
    /// OpenAPI 2: a boolean `required` at the root (a parameter's) is no schema keyword.
    pub drop_boolean_required: bool,
}

impl Adjustment {
    /// Whether an example need not carry the property `name` its schema's `required` lists: a
    /// request's `readOnly` property, a response's `writeOnly` one.
    fn lets_off(&self, document: &Value, properties: &Map, name: &Value) -> bool {
        let Some(property) = name
            .as_str()
            .and_then(|name| properties.get(name))
            .and_then(|property| super::resolve(document, property))
        else {
            return false;
        };
        let flag = |key: &str| property.get(key) == Some(&Value::Bool(true));
        self.relax_read_only && flag("readOnly") || self.relax_write_only && flag("writeOnly")
    }
}

/// The validator of `schema`, a schema written in `context.document`, adjusted by `adjustment`:
/// bundled and compiled once per document for the schemas written alike there (the same
/// validating keywords, the same references), however many examples, givens and rules judge
/// values against them.
pub(super) fn compiled(
    adjustment: &Adjustment,
    schema: &Value,
    context: &FunctionContext<'_>,
    each_value: bool,
) -> Option<Validator> {
    let oas2 = context.formats.contains(&Format::Oas2);
    // The schema as written, references not followed, says what its bundle is in this document:
    // known by it, a schema bundled before is not bundled again, and the key is no larger than
    // the schema itself, however many schemas it references.
    let written = Bundler::new(
        context.document,
        *adjustment,
        oas2,
        dialect(context),
        Follow::No,
    )
    .schema(schema);
    let key = scratch_key(adjustment, each_value, &written.to_string());
    let validators = context
        .scratch
        .get_or_insert_with("oasSchema validators", DocumentValidators::default);
    if let Some(found) = validators.0.lock().ok()?.get(&key).cloned() {
        return found;
    }
    let validator = compile_bundle(adjustment, schema, context, each_value);
    validators.0.lock().ok()?.put(key, validator.clone());
    validator
}

/// The validators of one document's schemas by the schema as written and its adjustment. Only
/// the most recently used are kept: a validator holds the copies of every schema its schema
/// references, and the schemas written alike in a document are mostly met close together.
struct DocumentValidators(Mutex<LruCache<String, Option<Validator>>>);

impl Default for DocumentValidators {
    fn default() -> Self {
        DocumentValidators(Mutex::new(LruCache::new(KEPT_PER_DOCUMENT)))
    }
}

impl Drop for DocumentValidators {
    /// A validator is a tree of many small parts: a document's validators (GitHub's: about a
    /// hundred and twenty) are freed side by side once there are enough to share.
    fn drop(&mut self) {
        let cache = self.0.get_mut().unwrap_or_else(PoisonError::into_inner);
        if cache.len() < FREED_SIDE_BY_SIDE {
            return;
        }
        let validators: Vec<_> = std::iter::from_fn(|| cache.pop_lru()).collect();
        validators.into_par_iter().for_each(drop);
    }
}

/// How many validators a document's cache holds before they are freed side by side.
const FREED_SIDE_BY_SIDE: usize = 16;

/// How many validators a document's cache keeps: with more, the run holds one for each schema of
/// the document to its end (GitHub's description: 919 of them, about 60 MB); with fewer, schemas
/// met again after a while are compiled again (GitHub's: about 100 more compiles with 256, 221
/// with 64, which saved another 30 MB for 8% more time).
const KEPT_PER_DOCUMENT: NonZeroUsize = NonZeroUsize::new(256).expect("not zero");

/// How many compiled bundles the process keeps for the documents that follow.
const KEPT_PER_PROCESS: NonZeroUsize = NonZeroUsize::new(64).expect("not zero");

/// The key in the document's scratch of a schema adjusted by `adjustment`, known by `written`,
/// for values judged alike or each alone (`each_value`).
fn scratch_key(adjustment: &Adjustment, each_value: bool, written: &str) -> String {
    format!(
        "oasSchema {} {} {} {each_value} {written}",
        adjustment.relax_read_only, adjustment.relax_write_only, adjustment.drop_boolean_required
    )
}

/// The draft the document's schemas are read in, as Spectral's `oasSchema` chooses it.
fn dialect(context: &FunctionContext<'_>) -> Dialect {
    let formats = context.formats;
    if formats.contains(&Format::Oas3_1) || formats.contains(&Format::Oas3_2) {
        return context
            .document
            .get("jsonSchemaDialect")
            .and_then(Value::as_str)
            .and_then(dialect_named)
            .unwrap_or(Dialect::Draft202012);
    }
    if formats.contains(&Format::Oas3_0) || formats.contains(&Format::Oas2) {
        return Dialect::Draft4;
    }
    if formats.iter().any(|format| format.describes_an_api()) {
        return Dialect::Draft4;
    }
    Dialect::Auto
}

/// The draft an OpenAPI 3.1 Schema Object names for itself by its `$schema` (the specification
/// lets one schema choose its dialect): `$schema: http://json-schema.org/draft-07/schema#` makes
/// `items: [...]` a tuple, where 2020-12 refuses it. `None` when it names none archlint knows.
fn own_dialect(schema: &Value, context: &FunctionContext<'_>) -> Option<Dialect> {
    let formats = context.formats;
    if !(formats.contains(&Format::Oas3_1) || formats.contains(&Format::Oas3_2)) {
        return None;
    }
    dialect_named(schema.get("$schema")?.as_str()?)
}

/// The draft a `$schema` or `jsonSchemaDialect` URI names, by the draft's name in it.
fn dialect_named(uri: &str) -> Option<Dialect> {
    [
        ("draft-04", Dialect::Draft4),
        ("draft-06", Dialect::Draft6),
        ("draft-07", Dialect::Draft7),
        ("2019-09", Dialect::Draft201909),
        ("2020-12", Dialect::Draft202012),
    ]
    .into_iter()
    .find(|(name, _)| uri.contains(name))
    .map(|(_, dialect)| dialect)
}

/// A bundle compiled, or that did not compile.
enum Compiled {
    Valid(Arc<Schema>),
    Invalid {
        dialect: Dialect,
        bundle: serde_json::Value,
    },
}

impl Compiled {
    fn is_of(&self, dialect: Dialect, bundle: &Value) -> bool {
        match self {
            Compiled::Valid(schema) => {
                schema.dialect == dialect && identical(&schema.schema, bundle)
            }
            Compiled::Invalid {
                dialect: compiled_in,
                bundle: compiled,
            } => *compiled_in == dialect && identical(compiled, bundle),
        }
    }

    fn validator(&self) -> Option<Arc<Schema>> {
        match self {
            Compiled::Valid(schema) => Some(schema.clone()),
            Compiled::Invalid { .. } => None,
        }
    }
}

/// Compiled bundles by dialect and content, shared by every document, rule and thread of the
/// process: documents that hold schemas written alike compile them once. A bundle is found by
/// its [`content_hash`] and told apart from others of the same hash by comparing it with the
/// one a validator holds, so the cache keeps no copy of its own.
static COMPILED: LazyLock<Mutex<LruCache<u64, Vec<Compiled>>>> =
    LazyLock::new(|| Mutex::new(LruCache::new(KEPT_PER_PROCESS)));

/// The validator of `schema`'s bundle; with `each_value`, [`Validator::EachValue`] for a bundle
/// larger than [`LARGE_BUNDLE`].
fn compile_bundle(
    adjustment: &Adjustment,
    schema: &Value,
    context: &FunctionContext<'_>,
    each_value: bool,
) -> Option<Validator> {
    let dialect = own_dialect(schema, context).unwrap_or_else(|| dialect(context));
    let oas2 = context.formats.contains(&Format::Oas2);
    let self_contained =
        Bundler::new(context.document, *adjustment, oas2, dialect, Follow::Yes).bundle(schema);
    if each_value
        && holds_more_than(&self_contained, LARGE_BUNDLE)
        && !names_by_anchor(&self_contained)
    {
        return Some(Validator::EachValue);
    }
    compile_cached(dialect, self_contained).map(Validator::Shared)
}

/// Whether a bundle holds a reference resolved against the schema around it at validation time
/// (`$recursiveRef`, `$dynamicRef`, an anchor): a bundle of what a value reaches leaves parts of
/// that schema out, where the reference may lead back in.
fn names_by_anchor(bundle: &Value) -> bool {
    match bundle {
        Value::Object(members) => members.iter().any(|(key, member)| {
            matches!(
                key.as_str(),
                "$recursiveRef" | "$dynamicRef" | "$recursiveAnchor" | "$dynamicAnchor" | "$anchor"
            ) || key == "$ref"
                && member
                    .as_str()
                    .is_some_and(|reference| !reference.starts_with("#/"))
                || names_by_anchor(member)
        }),
        Value::Array(items) => items.iter().any(names_by_anchor),
        _ => false,
    }
}

/// The validator of a bundle in `dialect`, compiled once while the process keeps it
/// ([`COMPILED`]).
fn compile_cached(dialect: Dialect, self_contained: Value) -> Option<Arc<Schema>> {
    let hash = content_hash(dialect, &self_contained);
    if let Some(found) = COMPILED.lock().ok()?.get(&hash).and_then(|same_hash| {
        same_hash
            .iter()
            .find(|compiled| compiled.is_of(dialect, &self_contained))
            .map(Compiled::validator)
    }) {
        return found;
    }
    // The crate compiles serde_json's values.
    let compiled = match Schema::new(self_contained.to_serde(), dialect, false) {
        Ok(schema) => Compiled::Valid(Arc::new(schema)),
        // The compiler took its copy; making another is cheaper than keeping one of each
        // bundle for the few that do not compile.
        Err(_) => Compiled::Invalid {
            dialect,
            bundle: self_contained.to_serde(),
        },
    };
    let validator = compiled.validator();
    COMPILED
        .lock()
        .ok()?
        .get_or_insert_mut(hash, Vec::new)
        .push(compiled);
    validator
}

/// Whether `value` holds more than `limit` values, itself among them; counted no further.
fn holds_more_than(value: &Value, limit: usize) -> bool {
    take_values(value, &mut { limit }).is_none()
}

/// Takes the values of `value`, itself among them, from `left`; `None` once there are more than
/// it holds (counted no further).
fn take_values(value: &Value, left: &mut usize) -> Option<()> {
    *left = left.checked_sub(1)?;
    match value {
        Value::Array(items) => items.iter().try_for_each(|item| take_values(item, left)),
        Value::Object(members) => members
            .values()
            .try_for_each(|member| take_values(member, left)),
        _ => Some(()),
    }
}

/// A hash of a bundle in `dialect` that, unlike `Value`'s own, tells members written in another
/// order apart: the order a schema's keywords are written in can decide which error a validator
/// reports first.
fn content_hash(dialect: Dialect, bundle: &Value) -> u64 {
    fn feed(value: &Value, state: &mut DefaultHasher) {
        match value {
            Value::Null => state.write_u8(0),
            Value::Bool(flag) => {
                state.write_u8(1);
                flag.hash(state);
            }
            Value::Number(number) => {
                state.write_u8(2);
                number.hash(state);
            }
            Value::String(text) => {
                state.write_u8(3);
                text.hash(state);
            }
            Value::Array(items) => {
                state.write_u8(4);
                state.write_usize(items.len());
                for item in items {
                    feed(item, state);
                }
            }
            Value::Object(members) => {
                state.write_u8(5);
                state.write_usize(members.len());
                for (key, member) in members {
                    key.hash(state);
                    feed(member, state);
                }
            }
        }
    }
    let mut state = DefaultHasher::new();
    dialect.hash(&mut state);
    feed(bundle, &mut state);
    state.finish()
}

/// Whether a compiled schema (serde_json's, as the crate keeps it) and a bundle are written the
/// same: equal, members in the same order, and numbers in the same form (`1` is not `1.0`, `0.0`
/// is not `-0.0`), as their text would be.
fn identical(left: &serde_json::Value, right: &Value) -> bool {
    use serde_json::Value as Compiled;
    match (left, right) {
        (Compiled::Object(left), Value::Object(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|((left_key, left), (right_key, right))| {
                        left_key == right_key && identical(left, right)
                    })
        }
        (Compiled::Array(left), Value::Array(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(left, right)| identical(left, right))
        }
        (Compiled::Number(left), Value::Number(right)) => {
            left == right
                && left.is_f64() == right.is_f64()
                && left.as_f64().map(f64::to_bits) == right.as_f64().map(f64::to_bits)
        }
        (Compiled::String(left), Value::String(right)) => left == right,
        (Compiled::Bool(left), Value::Bool(right)) => left == right,
        (Compiled::Null, Value::Null) => true,
        _ => false,
    }
}

/// Where the referenced schemas go in a bundle: a member no schema keyword uses.
const DEFINITIONS: &str = "x-archlint-refs";

/// Members of a schema that never change whether a value is valid, left out of a bundle so that
/// schemas written alike share one compiled validator.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "default",
    "externalDocs",
    "xml",
    "discriminator",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "$schema",
    "id",
    "$id",
];

/// Keywords whose value is a schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "additionalItems",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

/// Keywords whose value is a list of schemas.
const SCHEMA_LIST_KEYWORDS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Keywords whose value maps names to schemas.
const SCHEMA_MAP_KEYWORDS: &[&str] = &[
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
];

/// Whether a bundler follows local `$ref`s.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Follow {
    /// Each target is copied under [`DEFINITIONS`], the reference pointed there.
    Yes,
    /// A reference stays as written, a pointer into the document: the schema alone, adjusted.
    No,
}

/// A schema a bundle puts under [`DEFINITIONS`].
enum Definition<'v> {
    /// A schema of the document, referenced: adjusted when the bundle is finished.
    Whole(&'v Value),
    /// A schema as adjusted for the part of an instance a reference applies to
    /// ([`Bundler::reached`]).
    Reached(Value),
}

/// Makes a schema of the document self-contained: each local `$ref` target copied once under
/// [`DEFINITIONS`], the reference pointed there.
struct Bundler<'v> {
    document: &'v Value,
    adjustment: Adjustment,
    oas2: bool,
    follow: Follow,
    /// The draft applies the keywords beside a `$ref` (2019-09 and 2020-12, as OpenAPI 3.1
    /// reads its schemas), where the earlier ones ignore them.
    siblings_apply: bool,
    /// Pointer of each referenced schema → its index under DEFINITIONS.
    indexes: HashMap<String, usize>,
    /// The schemas to put under DEFINITIONS, in their order there.
    queue: Vec<Definition<'v>>,
    /// How deeply [`Bundler::reached`] has recursed.
    reached_depth: usize,
    /// What a bundle of what an instance reaches ([`Bundler::bundle_reached`]) may still take:
    /// schemas followed, and the values of the parts copied whole; `None` for a whole bundle,
    /// which is not counted.
    reach_budget: Option<usize>,
    /// The reach budget ran out: the bundle of what the instance reaches is no smaller than
    /// the whole.
    reach_spent: bool,
}

impl<'v> Bundler<'v> {
    fn new(
        document: &'v Value,
        adjustment: Adjustment,
        oas2: bool,
        dialect: Dialect,
        follow: Follow,
    ) -> Self {
        Bundler {
            document,
            adjustment,
            oas2,
            follow,
            siblings_apply: matches!(dialect, Dialect::Draft201909 | Dialect::Draft202012),
            indexes: HashMap::new(),
            queue: Vec::new(),
            reached_depth: 0,
            reach_budget: None,
            reach_spent: false,
        }
    }

    fn bundle(mut self, schema: &'v Value) -> Value {
        let root = self.schema(schema);
        self.finish(root)
    }

    /// `bundle` for judging `instance` alone: a part of the schema the instance does not reach
    /// (a property it does not have, the items of what is no list) is `{}`, and a local `$ref`
    /// the instance meets names a copy of its target for the part of the instance it applies
    /// to, so the bundle grows with the instance, not with every schema the schema names. A
    /// part that applies to many parts of the instance alike (the items of a list of several,
    /// `additionalProperties`) is bundled whole. `None` when it would take more than
    /// [`LARGE_BUNDLE`] schemas and values copied whole, or nest deeper than
    /// [`MAX_REACHED_DEPTH`]: `oneOf`s of references nest round for as long as the instance
    /// does.
    fn bundle_reached(mut self, schema: &'v Value, instance: &Value) -> Option<Value> {
        self.reach_budget = Some(LARGE_BUNDLE);
        let root = self.reached(schema, instance, &mut Vec::new())?;
        // A schema referenced from a part copied whole is copied when the bundle is finished,
        // and was taken from the budget when it was queued.
        if self.reach_spent {
            return None;
        }
        Some(self.finish(root))
    }

    /// The bundle of `root`, the schema as adjusted: the schemas its references name put under
    /// [`DEFINITIONS`].
    fn finish(mut self, mut root: Value) -> Value {
        if self.adjustment.drop_boolean_required
            && let Value::Object(map) = &mut root
            && map.get("required").is_some_and(Value::is_boolean)
        {
            map.remove("required");
        }
        let mut definitions = Vec::new();
        let mut next = 0;
        while next < self.queue.len() {
            let definition = match &mut self.queue[next] {
                Definition::Whole(target) => {
                    let target: &'v Value = target;
                    self.schema(target)
                }
                Definition::Reached(reached) => std::mem::take(reached),
            };
            definitions.push(definition);
            next += 1;
        }
        if !definitions.is_empty()
            && let Value::Object(map) = &mut root
        {
            map.insert(DEFINITIONS.to_owned(), Value::Array(definitions));
        }
        root
    }

    /// The index under DEFINITIONS of the schema at `pointer`, queued on first sight; `None` when
    /// the document has nothing there.
    fn reference(&mut self, pointer: String) -> Option<usize> {
        if let Some(&index) = self.indexes.get(&pointer) {
            return Some(index);
        }
        let target = pointer_value(self.document, &pointer)?;
        // Taken from a reach budget as it is queued: its copy is made when the bundle is
        // finished. Past the budget, `reach_spent` says so.
        let _ = self.take_values(target);
        let index = self.queue.len();
        self.indexes.insert(pointer, index);
        self.queue.push(Definition::Whole(target));
        Some(index)
    }

    /// One schema, adjusted.
    fn schema(&mut self, schema: &'v Value) -> Value {
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        let reference = local_ref(schema).map(|pointer| {
            if self.follow == Follow::No {
                return Some(Value::from(pointer));
            }
            // A reference the document cannot satisfy accepts anything, as no error can be
            // placed in the value for it.
            self.reference(pointer)
                .map(|index| Value::from(format!("#/{DEFINITIONS}/{index}")))
        });
        let mut out = Map::new();
        let referenced = reference.is_some();
        if let Some(reference) = reference {
            if let Some(reference) = reference {
                out.insert("$ref".to_owned(), reference);
            }
            if !self.siblings_apply {
                return Value::Object(out);
            }
        }
        for (key, value) in map {
            if key == "$ref" && referenced {
                continue;
            }
            if key == "x-nullable" && self.oas2 && value == &Value::Bool(true) {
                out.insert("nullable".to_owned(), Value::Bool(true));
                continue;
            }
            if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            let adjusted = if SCHEMA_KEYWORDS.contains(&key.as_str()) {
                self.schema(value)
            } else if SCHEMA_LIST_KEYWORDS.contains(&key.as_str()) {
                match value {
                    Value::Array(items) => {
                        Value::Array(items.iter().map(|item| self.schema(item)).collect())
                    }
                    other => other.clone(),
                }
            } else if key == "items" {
                match value {
                    Value::Array(items) => {
                        Value::Array(items.iter().map(|item| self.schema(item)).collect())
                    }
                    other => self.schema(other),
                }
            } else if SCHEMA_MAP_KEYWORDS.contains(&key.as_str()) || key == "dependencies" {
                match value {
                    Value::Object(members) => Value::Object(
                        members
                            .iter()
                            .map(|(name, member)| {
                                let member = if member.is_object() {
                                    self.schema(member)
                                } else {
                                    member.clone()
                                };
                                (name.clone(), member)
                            })
                            .collect(),
                    ),
                    other => other.clone(),
                }
            } else {
                value.clone()
            };
            out.insert(key.clone(), adjusted);
        }
        self.nullable(&mut out);
        self.relax_required(map, &mut out);
        Value::Object(out)
    }

    /// One schema, adjusted as [`Bundler::schema`] adjusts it, for judging `instance` alone
    /// ([`Bundler::bundle_reached`]). `within` holds the targets of the references being
    /// followed, each with the part of the instance it applies to and its place under
    /// DEFINITIONS: one met again at the same part is a cycle, which names that place.
    fn reached(
        &mut self,
        schema: &'v Value,
        instance: &Value,
        within: &mut Vec<((*const Value, *const Value), usize)>,
    ) -> Option<Value> {
        // One schema followed: one value of the budget.
        self.take_values(&Value::Null)?;
        if self.reached_depth == MAX_REACHED_DEPTH {
            return None;
        }
        self.reached_depth += 1;
        let put = self.reached_here(schema, instance, within);
        self.reached_depth -= 1;
        put
    }

    /// [`Bundler::reached`], one level.
    fn reached_here(
        &mut self,
        schema: &'v Value,
        instance: &Value,
        within: &mut Vec<((*const Value, *const Value), usize)>,
    ) -> Option<Value> {
        let Value::Object(map) = schema else {
            return Some(schema.clone());
        };
        if let Some(pointer) = local_ref(schema) {
            // Beside a reference, 2019-09 and 2020-12 apply the other keywords too: such a
            // schema is bundled as it is written, its reference pointing under DEFINITIONS.
            let siblings_validate = self.siblings_apply
                && map.keys().any(|key| {
                    key != "$ref" && !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-")
                });
            let Some(target) = pointer_value(self.document, &pointer) else {
                return self.schema_spent(schema);
            };
            let named = |index: usize| Value::from(format!("#/{DEFINITIONS}/{index}"));
            let step = (target as *const Value, instance as *const Value);
            let met = within
                .iter()
                .find(|(followed, _)| *followed == step)
                .map(|&(_, index)| index);
            if siblings_validate {
                let mut put = self.schema(schema);
                if let (Some(index), Value::Object(members)) = (met, &mut put) {
                    members.insert("$ref".to_owned(), named(index));
                }
                return self.spent(put);
            }
            if let Some(index) = met {
                return Some(json!({ "$ref": named(index) }));
            }
            // Under DEFINITIONS, as the whole bundle puts it: the crate checks a schema against
            // its draft's meta-schema, but not what sits under a member it does not know.
            let index = self.queue.len();
            self.queue.push(Definition::Reached(Value::Null));
            within.push((step, index));
            let put = self.reached(target, instance, within);
            within.pop();
            self.queue[index] = Definition::Reached(put?);
            return Some(json!({ "$ref": named(index) }));
        }
        let members = instance.as_object();
        let items = instance.as_array();
        let mut out = Map::new();
        for (key, value) in map {
            if key == "x-nullable" && self.oas2 && value == &Value::Bool(true) {
                out.insert("nullable".to_owned(), Value::Bool(true));
                continue;
            }
            if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            let adjusted = match (key.as_str(), value) {
                // Applied only where something names them, by a pointer or an `$anchor`:
                // bundled whole, as a reference to them would be.
                ("definitions" | "$defs", Value::Object(_)) => self.whole_spent(key, value)?,
                ("allOf" | "anyOf" | "oneOf", Value::Array(branches)) => Value::Array(
                    branches
                        .iter()
                        .map(|branch| self.reached(branch, instance, within))
                        .collect::<Option<_>>()?,
                ),
                ("not" | "if" | "then" | "else", _) => self.reached(value, instance, within)?,
                ("properties", Value::Object(properties)) => Value::Object(
                    properties
                        .iter()
                        .map(|(name, property)| {
                            let put = match members.and_then(|members| members.get(name)) {
                                Some(member) => self.reached(property, member, within)?,
                                None => unreached(property),
                            };
                            Some((name.clone(), put))
                        })
                        .collect::<Option<_>>()?,
                ),
                ("dependencies" | "dependentSchemas", Value::Object(dependencies)) => {
                    Value::Object(
                        dependencies
                            .iter()
                            .map(|(name, dependency)| {
                                let applies = dependency.is_object()
                                    && members.is_some_and(|members| members.contains_key(name));
                                let put = match applies {
                                    true => self.reached(dependency, instance, within)?,
                                    false => unreached(dependency),
                                };
                                Some((name.clone(), put))
                            })
                            .collect::<Option<_>>()?,
                    )
                }
                ("items" | "prefixItems", Value::Array(positions)) => Value::Array(
                    positions
                        .iter()
                        .enumerate()
                        .map(
                            |(index, position)| match items.and_then(|items| items.get(index)) {
                                Some(item) => self.reached(position, item, within),
                                None => Some(unreached(position)),
                            },
                        )
                        .collect::<Option<_>>()?,
                ),
                ("items", _) => match items.map(Vec::as_slice) {
                    Some([item]) => self.reached(value, item, within)?,
                    Some([_, _, ..]) => self.schema_spent(value)?,
                    _ => unreached(value),
                },
                ("additionalProperties" | "unevaluatedProperties" | "propertyNames", _)
                | ("patternProperties", Value::Object(_)) => match members {
                    Some(members) if !members.is_empty() => self.whole_spent(key, value)?,
                    _ => unreached_members(key, value),
                },
                ("additionalItems" | "unevaluatedItems" | "contains", _) => match items {
                    Some(_) => self.schema_spent(value)?,
                    None => unreached(value),
                },
                ("contentSchema", _) => match instance {
                    Value::String(_) => self.schema_spent(value)?,
                    _ => unreached(value),
                },
                _ => value.clone(),
            };
            out.insert(key.clone(), adjusted);
        }
        self.nullable(&mut out);
        self.relax_required(map, &mut out);
        Some(Value::Object(out))
    }

    /// The value of the keyword `key`, a schema or a map of them (`patternProperties`,
    /// `definitions`, `$defs`), bundled whole.
    fn whole(&mut self, key: &str, value: &'v Value) -> Value {
        match (key, value) {
            ("patternProperties" | "definitions" | "$defs", Value::Object(schemas)) => {
                Value::Object(
                    schemas
                        .iter()
                        .map(|(name, schema)| (name.clone(), self.schema(schema)))
                        .collect(),
                )
            }
            _ => self.schema(value),
        }
    }

    /// Takes the values of `value`, itself among them, from the reach budget, if there is one;
    /// `None` once it is spent.
    fn take_values(&mut self, value: &Value) -> Option<()> {
        let Some(left) = &mut self.reach_budget else {
            return Some(());
        };
        if take_values(value, left).is_none() {
            *left = 0;
            self.reach_spent = true;
            return None;
        }
        Some(())
    }

    /// `copied`, a part of a schema copied whole into a bundle of what an instance reaches, its
    /// values taken from the reach budget; `None` past it.
    fn spent(&mut self, copied: Value) -> Option<Value> {
        self.take_values(&copied)?;
        Some(copied)
    }

    /// [`Bundler::schema`], spent ([`Bundler::spent`]).
    fn schema_spent(&mut self, schema: &'v Value) -> Option<Value> {
        let copied = self.schema(schema);
        self.spent(copied)
    }

    /// [`Bundler::whole`], spent ([`Bundler::spent`]).
    fn whole_spent(&mut self, key: &str, value: &'v Value) -> Option<Value> {
        let copied = self.whole(key, value);
        self.spent(copied)
    }

    /// `nullable: true` beside a `type` adds `null` to it, as Ajv reads OpenAPI's keyword. Other
    /// keywords keep their meaning (OpenAPI 3.0.3): an `enum` without `null` still refuses it.
    fn nullable(&self, out: &mut Map) {
        if out.remove("nullable") != Some(Value::Bool(true)) {
            return;
        }
        match out.get_mut("type") {
            Some(Value::String(name)) => {
                let name = std::mem::take(name);
                out.insert("type".to_owned(), json!([name, "null"]));
            }
            Some(Value::Array(names)) if !names.contains(&Value::from("null")) => {
                names.push(Value::from("null"));
            }
            _ => {}
        }
    }

    /// A request need not carry `readOnly` properties, nor a response `writeOnly` ones.
    fn relax_required(&self, written: &Map, out: &mut Map) {
        if !(self.adjustment.relax_read_only || self.adjustment.relax_write_only) {
            return;
        }
        let (Some(Value::Object(properties)), Some(Value::Array(required))) =
            (written.get("properties"), out.get("required"))
        else {
            return;
        };
        let relaxed: Vec<Value> = required
            .iter()
            .filter(|name| !self.adjustment.lets_off(self.document, properties, name))
            .cloned()
            .collect();
        if relaxed.is_empty() {
            out.remove("required");
        } else {
            out.insert("required".to_owned(), Value::Array(relaxed));
        }
    }
}

/// What stands for a schema no part of the instance reaches: `{}`, which accepts anything (a
/// boolean schema, `additionalProperties: false`, as written).
fn unreached(value: &Value) -> Value {
    match value {
        Value::Object(_) => Value::Object(Map::new()),
        other => other.clone(),
    }
}

/// What stands for the keyword `key` where no member of the instance reaches it: [`unreached`],
/// for each schema of `patternProperties`' map.
fn unreached_members(key: &str, value: &Value) -> Value {
    match (key, value) {
        ("patternProperties", Value::Object(patterns)) => Value::Object(
            patterns
                .iter()
                .map(|(pattern, schema)| (pattern.clone(), unreached(schema)))
                .collect(),
        ),
        _ => unreached(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use crate::schema_verdict::generated::{Generator, setting};
    use crate::spectral::functions::Scratch;

    /// What the validator of `bundle` finds in `value`, as (message, pointer); `None` when the
    /// bundle does not compile.
    fn failures(
        document: &Value,
        dialect: Dialect,
        bundle: Value,
        value: &Value,
    ) -> Option<Vec<(String, String)>> {
        let scratch = Scratch::default();
        let context = FunctionContext {
            document,
            pointer: "/example",
            formats: &[],
            scratch: &scratch,
            inbound: None,
            large: false,
        };
        let validator = Schema::new(bundle.to_serde(), dialect, false).ok()?;
        Some(
            validator
                .apply(Some(value), &context)
                .into_iter()
                .map(|failure| (failure.message, failure.pointer))
                .collect(),
        )
    }

    /// A generated document of two schemas `A` and `B`, whether it is OpenAPI 2 (drawn only
    /// with `oas2`, else false), an adjustment and a dialect, for the tests that compare two
    /// judges on generated schemas and values.
    pub(super) fn generated_setting(
        generator: &mut Generator,
        oas2: bool,
    ) -> (Value, bool, Adjustment, Dialect) {
        let document = json!({ "components": { "schemas": {
            "A": generator.schema(1),
            "B": generator.schema(1),
        } } });
        let oas2 = oas2 && generator.next(2) == 0;
        let adjustment = Adjustment {
            relax_read_only: generator.next(3) == 0,
            relax_write_only: generator.next(3) == 0,
            drop_boolean_required: oas2,
        };
        // OpenAPI 2 and 3.0 read draft 4, 3.1 2020-12 or the draft `jsonSchemaDialect` names.
        let dialects = [
            Dialect::Draft4,
            Dialect::Draft6,
            Dialect::Draft7,
            Dialect::Draft201909,
            Dialect::Draft202012,
        ];
        let dialect = dialects[generator.next(dialects.len() as u64) as usize];
        (document, oas2, adjustment, dialect)
    }

    /// Whether the bundle of what `value` reaches finds in it what the whole bundle finds.
    fn reached_finds_what_whole_finds(
        document: &Value,
        adjustment: Adjustment,
        dialect: Dialect,
        schema: &Value,
        value: &Value,
    ) -> bool {
        let bundler = || Bundler::new(document, adjustment, false, dialect, Follow::Yes);
        let whole = bundler().bundle(schema);
        let Some(reached) = bundler().bundle_reached(schema, value) else {
            return false;
        };
        let Some(found) = failures(document, dialect, whole.clone(), value) else {
            return false;
        };
        assert_eq!(
            failures(document, dialect, reached.clone(), value),
            Some(found),
            "{value} against {schema} in {dialect:?}: whole {whole}, reached {reached} (document {document})"
        );
        true
    }

    #[test]
    fn a_value_s_reached_bundle_finds_what_the_whole_bundle_finds() {
        let document = json!({ "components": { "schemas": {
            "Node": { "type": "object", "required": ["kind"], "properties": {
                "kind": { "enum": ["leaf", "pair"] },
                "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } },
                "left": { "$ref": "#/components/schemas/Node" },
            } },
            "Big": { "type": "object", "properties": {
                "a": { "oneOf": [{ "$ref": "#/components/schemas/Node" }, { "type": "string" }] },
                "b": { "$ref": "#/components/schemas/Node" },
            }, "additionalProperties": { "$ref": "#/components/schemas/Node" } },
        } } });
        let node = json!({ "$ref": "#/components/schemas/Node" });
        let big = json!({ "$ref": "#/components/schemas/Big" });
        let cases = [
            (&node, json!(null)),
            (&node, json!({ "kind": "leaf" })),
            (&node, json!({ "kind": "tree" })),
            (&node, json!({ "kind": "pair", "left": { "kind": 3 } })),
            (
                &node,
                json!({ "kind": "pair", "children": [{ "kind": "leaf" }, {}] }),
            ),
            (
                &node,
                json!({ "kind": "pair", "children": [{ "left": null }] }),
            ),
            (&node, json!({ "kind": "pair", "children": [] })),
            (&big, json!({ "a": "text", "b": { "kind": "x" } })),
            (&big, json!({ "a": { "kind": "leaf", "left": 1 } })),
            (&big, json!({ "z": { "kind": 1 } })),
            (&big, json!("not an object")),
        ];
        for dialect in [Dialect::Draft4, Dialect::Draft202012] {
            for (schema, value) in &cases {
                assert!(
                    reached_finds_what_whole_finds(
                        &document,
                        Adjustment::default(),
                        dialect,
                        schema,
                        value
                    ),
                    "{value} against {schema} was not compared"
                );
            }
        }
    }

    /// The same on generated schemas and values; more with
    /// `ARCHLINT_REACHED_SEED=7 ARCHLINT_REACHED_CASES=1000000 cargo test --release reached`.
    #[test]
    fn generated_values_reached_bundles_find_what_whole_bundles_find() {
        let seed = setting("ARCHLINT_REACHED_SEED").unwrap_or(0x9e37_79b9_7f4a_7c15);
        let total = setting("ARCHLINT_REACHED_CASES").unwrap_or(10_000);
        let mut generator = Generator(seed);
        let mut compared = 0;
        for _ in 0..total {
            let (document, _, adjustment, dialect) = generated_setting(&mut generator, false);
            let schema = generator.schema(0);
            let value = generator.value(0);
            if reached_finds_what_whole_finds(&document, adjustment, dialect, &schema, &value) {
                compared += 1;
            }
        }
        // Many generated schemas do not compile on purpose; enough do for this to count.
        assert!(compared > total / 4, "{compared} of {total} compared");
    }
}
