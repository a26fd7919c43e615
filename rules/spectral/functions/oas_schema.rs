//! `oasSchema`: a value must be valid against a JSON Schema read as the document's OpenAPI
//! version reads schemas. Option: `schema` (required). OpenAPI 2 and 3.0 schemas are JSON Schema
//! draft 4 with `nullable: true` (2: `x-nullable: true`) adding `null` to the `type`; 3.1 and 3.2
//! schemas are JSON Schema 2020-12 (or the draft `jsonSchemaDialect` names); another document
//! reads `$schema`, else draft 7. Messages as the `schema` function words them.
//!
//! The same machinery validates examples for `oasExample`: [`compiled_at`] takes a schema written
//! in the document, follows its local `$ref`s (each target once, so a cycle is a cycle of
//! references and never a loop), leaves out what does not validate (descriptions, examples,
//! extensions), and compiles the result once per process: schemas written alike compile once.

use super::{local_ref, no_options, pointer_value};
use crate::spectral::formats::Format;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, Schema};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

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
        let Some(validator) = compiled(&Bundle::default(), &self.schema, context) else {
            return Vec::new();
        };
        validator.apply(target, context)
    }
}

/// How a schema is adjusted before it is compiled.
#[derive(Default, Clone, Copy)]
pub(super) struct Bundle {
    /// A request's example: `readOnly` properties are not required.
    pub relax_read_only: bool,
    /// A response's example: `writeOnly` properties are not required.
    pub relax_write_only: bool,
    /// OpenAPI 2: a boolean `required` at the root (a parameter's) is no schema keyword.
    pub drop_boolean_required: bool,
}

/// The validator of `schema`, a schema written in `context.document` at `location` (a pointer):
/// bundled and compiled once per document and adjustment, however many examples, givens and
/// rules judge values against it.
pub(super) fn compiled_at(
    bundle: &Bundle,
    schema: &Value,
    location: &str,
    context: &FunctionContext<'_>,
) -> Option<Arc<Schema>> {
    if is_reference(schema) {
        return compiled(bundle, schema, context);
    }
    context
        .scratch
        .get_or_insert_with(&scratch_key(bundle, &format!("@{location}")), || {
            compile_bundle(bundle, schema, context)
        })
        .as_ref()
        .clone()
}

/// Whether the schema is a local `$ref` and nothing else.
fn is_reference(schema: &Value) -> bool {
    local_ref(schema).is_some() && schema.as_object().is_some_and(|map| map.len() == 1)
}

/// The key in the document's scratch of a schema adjusted by `bundle`, known by `place`.
fn scratch_key(bundle: &Bundle, place: &str) -> String {
    format!(
        "oasSchema {} {} {} {place}",
        bundle.relax_read_only, bundle.relax_write_only, bundle.drop_boolean_required
    )
}

/// The draft the document's schemas are read in, as Spectral's `oasSchema` chooses it.
fn dialect(context: &FunctionContext<'_>) -> &'static str {
    let formats = context.formats;
    if formats.contains(&Format::Oas3_1) || formats.contains(&Format::Oas3_2) {
        return match context
            .document
            .get("jsonSchemaDialect")
            .and_then(Value::as_str)
        {
            Some(uri) if uri.contains("draft-04") => "draft4",
            Some(uri) if uri.contains("draft-06") => "draft6",
            Some(uri) if uri.contains("draft-07") => "draft7",
            Some(uri) if uri.contains("2019-09") => "draft2019-09",
            _ => "draft2020-12",
        };
    }
    if formats.contains(&Format::Oas3_0) || formats.contains(&Format::Oas2) {
        return "draft4";
    }
    if formats.iter().any(|format| format.describes_an_api()) {
        return "draft4";
    }
    "auto"
}

/// Compiled schemas by dialect and text, shared by every rule and thread of the process.
static COMPILED: LazyLock<Mutex<HashMap<String, Option<Arc<Schema>>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// How many compiled schemas the process keeps before it starts again.
const MAX_COMPILED: usize = 20_000;

fn compiled(bundle: &Bundle, schema: &Value, context: &FunctionContext<'_>) -> Option<Arc<Schema>> {
    // A schema that is a local `$ref` is bundled once per document and adjustment: the many
    // examples of one referenced schema share it.
    if let Some(pointer) = local_ref(schema)
        && is_reference(schema)
    {
        return context
            .scratch
            .get_or_insert_with(&scratch_key(bundle, &pointer), || {
                compile_bundle(bundle, schema, context)
            })
            .as_ref()
            .clone();
    }
    compile_bundle(bundle, schema, context)
}

fn compile_bundle(
    bundle: &Bundle,
    schema: &Value,
    context: &FunctionContext<'_>,
) -> Option<Arc<Schema>> {
    let dialect = dialect(context);
    let oas2 = context.formats.contains(&Format::Oas2);
    let self_contained = Bundler::new(context.document, *bundle, oas2).bundle(schema);
    let key = format!("{dialect}\u{0}{self_contained}");
    if let Some(found) = COMPILED.lock().ok()?.get(&key) {
        return found.clone();
    }
    let options = json!({ "schema": self_contained, "dialect": dialect });
    let compiled = Schema::compile(Some(&options)).ok().map(Arc::new);
    let mut cache = COMPILED.lock().ok()?;
    if cache.len() >= MAX_COMPILED {
        cache.clear();
    }
    cache.insert(key, compiled.clone());
    compiled
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

/// Makes a schema of the document self-contained: each local `$ref` target copied once under
/// [`DEFINITIONS`], the reference pointed there.
struct Bundler<'v> {
    document: &'v Value,
    bundle: Bundle,
    oas2: bool,
    /// Pointer of each referenced schema → its index under DEFINITIONS.
    indexes: HashMap<String, usize>,
    queue: Vec<(String, &'v Value)>,
}

impl<'v> Bundler<'v> {
    fn new(document: &'v Value, bundle: Bundle, oas2: bool) -> Self {
        Bundler {
            document,
            bundle,
            oas2,
            indexes: HashMap::new(),
            queue: Vec::new(),
        }
    }

    fn bundle(mut self, schema: &'v Value) -> Value {
        let mut root = self.schema(schema);
        if self.bundle.drop_boolean_required
            && let Value::Object(map) = &mut root
            && map.get("required").is_some_and(Value::is_boolean)
        {
            map.remove("required");
        }
        let mut definitions = Vec::new();
        let mut next = 0;
        while next < self.queue.len() {
            let (_, target) = self.queue[next];
            definitions.push(self.schema(target));
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
        let index = self.queue.len();
        self.indexes.insert(pointer.clone(), index);
        self.queue.push((pointer, target));
        Some(index)
    }

    /// One schema, adjusted.
    fn schema(&mut self, schema: &'v Value) -> Value {
        let Value::Object(map) = schema else {
            return schema.clone();
        };
        if let Some(pointer) = local_ref(schema) {
            // A reference the document cannot satisfy accepts anything, as no error can be
            // placed in the value for it.
            return match self.reference(pointer) {
                Some(index) => json!({ "$ref": format!("#/{DEFINITIONS}/{index}") }),
                None => json!({}),
            };
        }
        let mut out = Map::new();
        for (key, value) in map {
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

    /// `nullable: true` beside a `type` adds `null` to it, as Ajv reads OpenAPI's keyword. Other
    /// keywords keep their meaning (OpenAPI 3.0.3): an `enum` without `null` still refuses it.
    fn nullable(&self, out: &mut Map<String, Value>) {
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
    fn relax_required(&self, written: &Map<String, Value>, out: &mut Map<String, Value>) {
        if !(self.bundle.relax_read_only || self.bundle.relax_write_only) {
            return;
        }
        let (Some(Value::Object(properties)), Some(Value::Array(required))) =
            (written.get("properties"), out.get("required"))
        else {
            return;
        };
        let relaxed: Vec<Value> = required
            .iter()
            .filter(|name| {
                let Some(property) = name
                    .as_str()
                    .and_then(|name| properties.get(name))
                    .and_then(|property| super::resolve(self.document, property))
                else {
                    return true;
                };
                let flag = |key: &str| property.get(key) == Some(&Value::Bool(true));
                !(self.bundle.relax_read_only && flag("readOnly")
                    || self.bundle.relax_write_only && flag("writeOnly"))
            })
            .cloned()
            .collect();
        if relaxed.is_empty() {
            out.remove("required");
        } else {
            out.insert("required".to_owned(), Value::Array(relaxed));
        }
    }
}
