//! archlint's own JSON Schemas (the `schemas/` folder, built into the binary), each compiled once
//! per process and shared by every thread, and their errors turned into located messages.

use crate::load::document::push_pointer_token;
use crate::load::document::{Document, pointer_within, unescape_token, value_at};
use crate::load::kind::DocumentKind;
use crate::load::lowercase_first;
use crate::schema_verdict::{Judge, Plain, Verdict};
use crate::source::Span;
use crate::value::Value;
use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Validator};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// How many steps of the verdict a byte of a judged value may take (see
/// [`Schema::judges_valid`]).
const STEPS_PER_BYTE: usize = 4;

/// How deep the verdict on a large document splits its members between threads: deep enough
/// for an OpenAPI description's path items and component schemas (`/paths/*` is 4 deep, through
/// the `$ref` to `Paths`), not so deep that the parts are too small to be worth a judge each.
const SPLIT_DEPTH: usize = 8;

/// What a JSON pointer keeps literally in a URI fragment.
const POINTER_IN_URI: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'$')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// One schema of ours: its file name under `schemas/` and its text.
pub struct Schema {
    pub file: &'static str,
    text: &'static str,
    compiled: OnceLock<Validator>,
    /// The schema as JSON, for finding the place of a value in it ([`Schema::step`]).
    json: OnceLock<Value>,
    /// Every `patternProperties` pattern of the schema, compiled once.
    patterns: OnceLock<HashMap<String, Regex>>,
    /// A validator for each place of the schema a value was judged at, compiled on first use:
    /// an object reached through a `$ref` (a path item in `paths/pets.yaml`, a schema in
    /// `schemas/pet.yaml`) is judged as what its place stands for, not as a whole document.
    places: Mutex<BTreeMap<String, Arc<Validator>>>,
    /// What [`Schema::step`] found, kept where the answer depends on the place and the member
    /// alone: every description of a repository walks the same places, and walking them again
    /// (pointers built and followed through the schema) costs far more than a lookup.
    steps: OnceLock<RwLock<Steps>>,
}

/// The places [`Schema::step`] found at places whose keywords hold no `if`, so that any value
/// there steps the same way. Each place is kept once and handed out shared: a description of ten
/// thousand services steps through the same few hundred places hundreds of thousands of times.
/// The keys are short pointers into our own schemas, hashed with foldhash rather than SipHash:
/// no input chooses them.
#[derive(Default)]
struct Steps {
    /// Place → member (its key, unescaped) → the member's place.
    members: HashMap<String, HashMap<String, Option<Arc<Place>>, FastHash>, FastHash>,
    /// Place → the place of each of its items.
    items: HashMap<String, Option<Arc<Place>>, FastHash>,
}

type FastHash = foldhash::fast::RandomState;

macro_rules! schema {
    ($file:literal) => {
        Schema {
            file: $file,
            text: include_str!(concat!("../schemas/", $file)),
            compiled: OnceLock::new(),
            json: OnceLock::new(),
            patterns: OnceLock::new(),
            places: Mutex::new(BTreeMap::new()),
            steps: OnceLock::new(),
        }
    };
}

pub static CONFIG: Schema = schema!("config.schema.json");
pub static ARCHITECTURE_SPEC: Schema = schema!("architecture-spec.schema.json");
pub static REQUIREMENTS: Schema = schema!("requirements.schema.json");
pub static EVENT_REGISTRY: Schema = schema!("event-registry.schema.json");
/// The structure of OpenAPI documents, written for archlint from the specification; "X or a
/// Reference Object" is `if`/`then`/`else`, never `oneOf`, so that an error is its leaf cause.
pub static OPENAPI_3_0: Schema = schema!("openapi-3.0.schema.json");
pub static OPENAPI_3_1: Schema = schema!("openapi-3.1.schema.json");
pub static OPENAPI_3_2: Schema = schema!("openapi-3.2.schema.json");
/// Backstage's descriptor format: the envelope, and each built-in kind's structure as a
/// definition named after the kind.
pub static BACKSTAGE_ENTITY: Schema = schema!("backstage-entity.schema.json");

/// The built-in kinds of Backstage's catalog, each a definition of [`BACKSTAGE_ENTITY`].
const BACKSTAGE_KINDS: [&str; 8] = [
    "Component",
    "API",
    "Resource",
    "System",
    "Domain",
    "Group",
    "User",
    "Location",
];

/// Every schema, for the test that compiles them all.
pub static ALL: [&Schema; 8] = [
    &CONFIG,
    &ARCHITECTURE_SPEC,
    &REQUIREMENTS,
    &EVENT_REGISTRY,
    &OPENAPI_3_0,
    &OPENAPI_3_1,
    &OPENAPI_3_2,
    &BACKSTAGE_ENTITY,
];

impl Schema {
    /// The compiled validator. Our schemas are part of the program and a test compiles each, so
    /// a failure here is a bug in archlint, not in the user's input.
    pub fn validator(&self) -> &Validator {
        self.compiled.get_or_init(|| {
            let schema: serde_json::Value = serde_json::from_str(self.text)
                .unwrap_or_else(|error| panic!("schemas/{} is not JSON: {error}", self.file));
            jsonschema::validator_for(&schema)
                .unwrap_or_else(|error| panic!("schemas/{} does not compile: {error}", self.file))
        })
    }

    /// The schema for a kind of architecture document, where archlint has one.
    pub fn for_kind(kind: DocumentKind) -> Option<&'static Schema> {
        match kind {
            DocumentKind::ArchitectureSpec => Some(&ARCHITECTURE_SPEC),
            DocumentKind::Requirements => Some(&REQUIREMENTS),
            DocumentKind::EventSchemaRegistry => Some(&EVENT_REGISTRY),
            DocumentKind::BackstageEntity => Some(&BACKSTAGE_ENTITY),
            _ => None,
        }
    }

    /// Every way a document of the kind this schema is for breaks it. A Backstage entity is also
    /// held to its kind's definition (a kind archlint does not know gets the envelope only), and
    /// a scaffolder template's skeleton, whose values are placeholders until it is rendered, is
    /// not judged.
    pub fn document_violations(&self, document: &Document) -> Vec<Violation> {
        if document.kind != DocumentKind::BackstageEntity {
            return self.violations(document);
        }
        if crate::load::catalog::is_template(&document.value) {
            return Vec::new();
        }
        let mut violations = self.violations(document);
        if let Some(kind) = document.value.get("kind").and_then(Value::as_str)
            && BACKSTAGE_KINDS.contains(&kind)
        {
            violations.extend(self.place_violations(&format!("/$defs/{kind}"), document, ""));
        }
        if violations.is_empty() {
            return violations;
        }
        // A placeholder stands for the file it names, which Backstage reads in its place: the
        // value is not the one written, and `unresolved-ref` says when the file is missing.
        let placeholders = crate::load::catalog::placeholders(&document.value);
        violations.retain(|violation| {
            !placeholders
                .iter()
                .any(|(placeholder, _, _)| pointer_within(&violation.pointer, placeholder))
        });
        violations
    }

    /// Every way `document` breaks this schema, each at the place it is about.
    pub fn violations(&self, document: &Document) -> Vec<Violation> {
        self.place_violations("", document, "")
    }

    fn json(&self) -> &Value {
        self.json.get_or_init(|| {
            serde_json::from_str(self.text)
                .unwrap_or_else(|error| panic!("schemas/{} is not JSON: {error}", self.file))
        })
    }

    /// The validator of the subschema at `place` (a JSON pointer into this schema), compiled
    /// once with the whole schema around it, so its `$ref`s resolve.
    fn place_validator(&self, place: &str) -> Arc<Validator> {
        let mut places = self
            .places
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let validator = places.entry(place.to_string()).or_insert_with(|| {
            // The definitions stay where the schema's own `$ref`s look for them; the root's
            // keywords move beside them, so that a place outside the definitions has a name too.
            let mut root = self.json().clone();
            let mut definitions = match &mut root {
                Value::Object(map) => {
                    map.remove("$id");
                    map.remove("$schema");
                    match map.remove("$defs") {
                        Some(Value::Object(definitions)) => definitions,
                        _ => crate::value::Map::new(),
                    }
                }
                _ => crate::value::Map::new(),
            };
            // A place may name a pattern (`^[1-5](?:[0-9]{2}|XX)$`): the URI fragment encodes it.
            let encoded = utf8_percent_encode(place, POINTER_IN_URI);
            let target = match place.strip_prefix("/$defs") {
                Some(inside) if inside.starts_with('/') => format!("#{encoded}"),
                _ => format!("#/$defs/archlint-root{encoded}"),
            };
            definitions.insert("archlint-root".to_string(), root);
            let wrapper = serde_json::json!({
                "$schema": self.json().get("$schema"),
                "$defs": definitions,
                "$ref": target,
            });
            let validator = jsonschema::validator_for(&wrapper).unwrap_or_else(|error| {
                panic!("schemas/{} {place} does not compile: {error}", self.file)
            });
            Arc::new(validator)
        });
        Arc::clone(validator)
    }

    /// Every way the value at `pointer` of `document` breaks the subschema at `place` (from
    /// [`Schema::step`]; `""` is the whole schema).
    pub fn place_violations(
        &self,
        place: &str,
        document: &Document,
        pointer: &str,
    ) -> Vec<Violation> {
        let Some(value) = value_at(&document.value, pointer) else {
            return Vec::new();
        };
        // Most documents are valid: told so here, they need no copy for the crate.
        let written = document.focus(pointer);
        let size = (written.end - written.start) as usize;
        if self.judges_valid(place, value, size) {
            return Vec::new();
        }
        if place.is_empty() {
            return located_violations(self.validator(), document, pointer, value);
        }
        located_violations(&self.place_validator(place), document, pointer, value)
    }

    /// Whether `value`, written in `size` bytes, is valid against the subschema at `place`, told
    /// without the compiled validator (see [`crate::schema_verdict`]); `false` where that cannot
    /// tell.
    fn judges_valid(&self, place: &str, value: &Value, size: usize) -> bool {
        self.verdict(place, value, size) == Verdict::Valid
    }

    /// What the validator of the subschema at `place` would say of `value`, written in `size`
    /// bytes, where that can be told without compiling it.
    fn verdict(&self, place: &str, value: &Value, size: usize) -> Verdict {
        // Ours are written in 2020-12; one that says otherwise is left to the crate.
        let root = self.json();
        if root.get("$schema").and_then(Value::as_str) != Some(DRAFT_2020_12) {
            return Verdict::Unsure;
        }
        let Some(subschema) = value_at(root, place) else {
            return Verdict::Unsure;
        };
        // Each byte of the value is judged against a few places of a schema: a budget in
        // proportion, so a large document is told here too.
        let judge = Judge::new(root, Plain(Draft::Draft202012))
            .with_budget(size.saturating_mul(STEPS_PER_BYTE));
        let mut judge = if size >= crate::source::LARGE_TEXT {
            judge.split_above(SPLIT_DEPTH)
        } else {
            judge
        };
        judge.verdict(subschema, value)
    }

    /// Whether the subschema at `place` takes a Reference Object (`{$ref: ...}`) there: where the
    /// specification writes "X | Reference Object", a path item, a JSON Schema. Told without a
    /// validator where the verdict can tell: compiling one for each place a description's `$ref`s
    /// sit at cost GitHub's description a third of its model.
    pub fn admits_reference(&self, place: &str) -> bool {
        let reference = serde_json::json!({"$ref": "archlint-reference"});
        // A value of a few bytes: the verdict's least budget, and no split.
        match self.verdict(place, &Value::from(reference.clone()), 0) {
            Verdict::Valid => true,
            Verdict::Invalid => false,
            Verdict::Unsure if place.is_empty() => self.validator().is_valid(&reference),
            Verdict::Unsure => self.place_validator(place).is_valid(&reference),
        }
    }

    /// The place in this schema of the member `token` of `instance`, which sits at `place`; `None`
    /// when the schema says nothing of it (any value goes, or no such member is allowed, which the
    /// member's own violation reports). A place that offers "X or a Reference Object" stands for
    /// X: a literal object there is an X, and so is what a `$ref` there leads to.
    pub fn step(&self, place: &str, instance: &Value, token: &str) -> Option<Place> {
        self.shared_step(place, instance, token)
            .map(Arc::unwrap_or_clone)
    }

    /// [`Schema::step`], its place shared with every other step to it rather than copied.
    pub fn shared_step(&self, place: &str, instance: &Value, token: &str) -> Option<Arc<Place>> {
        let steps = self.steps.get_or_init(RwLock::default);
        let known = {
            let steps = steps.read().unwrap_or_else(PoisonError::into_inner);
            match instance {
                Value::Object(_) => steps
                    .members
                    .get(place)
                    .and_then(|members| members.get(token))
                    .cloned(),
                Value::Array(_) => steps.items.get(place).cloned(),
                // Only an object has members, and only a list items.
                _ => return None,
            }
        };
        if let Some(known) = known {
            return known;
        }
        let (applied, conditional) = self.applied(place, instance);
        let found = self.step_through(&applied, instance, token).map(Arc::new);
        if !conditional {
            let mut steps = steps.write().unwrap_or_else(PoisonError::into_inner);
            if instance.is_array() {
                steps.items.insert(place.to_string(), found.clone());
            } else {
                steps
                    .members
                    .entry(place.to_string())
                    .or_default()
                    .insert(token.to_string(), found.clone());
            }
        }
        found
    }

    /// [`Schema::step`] worked out: the place of the member `token` (or an item) of `instance`,
    /// from the first of the `applied` places that describes it.
    fn step_through(&self, applied: &[String], instance: &Value, token: &str) -> Option<Place> {
        let schema = self.json();
        for location in applied {
            let Some(Value::Object(node)) = value_at(schema, location) else {
                continue;
            };
            let found = match instance {
                Value::Object(_) => member_place(node, token, |pattern| {
                    self.patterns()
                        .get(pattern)
                        .is_some_and(|regex| regex.is_match(token))
                })
                .map(|(keyword, name)| (location.clone(), keyword, name)),
                Value::Array(_) => node.get("items").map(|_| (location.clone(), "items", None)),
                _ => None,
            };
            let Some((mut written, keyword, name)) = found else {
                continue;
            };
            push_pointer_token(&mut written, keyword);
            if let Some(name) = name {
                push_pointer_token(&mut written, name);
            }
            return match value_at(schema, &written) {
                // `true`: any value goes, nothing is expected of it; `false`: the member is not
                // allowed, which its own violation says.
                Some(Value::Bool(_)) | None => None,
                Some(_) => {
                    let stands_for = self.stands_for(&written);
                    Some(Place {
                        written,
                        stands_for,
                    })
                }
            };
        }
        None
    }

    /// The places whose keywords apply to `instance` at `place`: the place itself, what its
    /// `$ref` leads to, the branch of an `if` the instance takes, every `allOf` entry; and whether
    /// an `if` was among them, when the places depend on the instance and not on `place` alone.
    fn applied(&self, place: &str, instance: &Value) -> (Vec<String>, bool) {
        let schema = self.json();
        let mut applied = Vec::new();
        let mut conditional = false;
        let mut pending = vec![place.to_string()];
        while let Some(location) = pending.pop() {
            if applied.contains(&location) || applied.len() > 32 {
                continue;
            }
            let Some(Value::Object(node)) = value_at(schema, &location) else {
                continue;
            };
            if let Some(Value::String(target)) = node.get("$ref")
                && let Some(target) = target.strip_prefix('#')
            {
                pending.push(target.to_string());
            }
            if let Some(condition) = node.get("if") {
                conditional = true;
                let branch = if holds(condition, instance) {
                    "then"
                } else {
                    "else"
                };
                if node.contains_key(branch) {
                    pending.push(format!("{location}/{branch}"));
                }
            }
            if let Some(Value::Array(all)) = node.get("allOf") {
                pending.extend((0..all.len()).map(|index| format!("{location}/allOf/{index}")));
            }
            applied.push(location);
        }
        (applied, conditional)
    }

    /// What a literal object at `place` is judged as: the `else` of "X or a Reference Object",
    /// and the definition a bare `$ref` names, so that two places that expect the same object
    /// are one place.
    fn stands_for(&self, place: &str) -> String {
        let schema = self.json();
        let mut place = place.to_string();
        for _ in 0..16 {
            let Some(Value::Object(node)) = value_at(schema, &place) else {
                break;
            };
            if let (Some(condition), Some(_)) = (node.get("if"), node.get("else"))
                && condition.get("required") == Some(&crate::json!(["$ref"]))
            {
                place = format!("{place}/else");
            } else if let (1, Some(Value::String(target))) = (node.len(), node.get("$ref")) {
                match target.strip_prefix('#') {
                    Some(target) => place = target.to_string(),
                    None => break,
                }
            } else {
                break;
            }
        }
        place
    }

    fn patterns(&self) -> &HashMap<String, Regex> {
        self.patterns.get_or_init(|| {
            let mut patterns = HashMap::new();
            collect_patterns(self.json(), &mut patterns);
            patterns
        })
    }
}

/// The place of a value in a schema: where it is written, and what it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// The subschema that applies there, as written (it may offer "X or a Reference Object").
    pub written: String,
    /// The subschema a literal object there is judged by (X).
    pub stands_for: String,
}

impl Place {
    /// The whole document.
    pub fn root() -> Place {
        Place {
            written: String::new(),
            stands_for: String::new(),
        }
    }

    /// The object of the specification it stands for (`Parameter`, `Schema`), when it stands for
    /// one of the structure's definitions rather than a value inside one.
    pub fn object_kind(&self) -> Option<&str> {
        self.stands_for
            .strip_prefix("/$defs/")
            .filter(|name| !name.contains('/'))
    }

    /// What it stands for, in words: `an Operation Object`, `` a `description` value ``.
    pub fn describe(&self) -> String {
        let mut tokens = self.stands_for.rsplit('/');
        match (tokens.next(), tokens.next()) {
            (Some(name), Some("$defs")) => {
                let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {name} Object")
            }
            (Some(name), Some("properties")) => {
                format!("a `{}` value", unescape_token(name))
            }
            (Some("items"), _) => "a list item".to_string(),
            _ => "a value".to_string(),
        }
    }
}

/// The keyword (and name) under which a member `token` of an object is described in `node`.
fn member_place<'n>(
    node: &'n crate::value::Map,
    token: &str,
    matches: impl Fn(&str) -> bool,
) -> Option<(&'static str, Option<&'n str>)> {
    if let Some((name, _)) = node
        .get("properties")
        .and_then(Value::as_object)
        .and_then(|properties| properties.get_key_value(token))
    {
        return Some(("properties", Some(name.as_str())));
    }
    if let Some(pattern) = node
        .get("patternProperties")
        .and_then(Value::as_object)
        .and_then(|patterns| patterns.keys().find(|pattern| matches(pattern)))
    {
        return Some(("patternProperties", Some(pattern.as_str())));
    }
    node.get("additionalProperties")
        .map(|_| ("additionalProperties", None))
}

/// Whether `instance` meets an `if` of our schemas, which only ask for a type, required keys and
/// constant members.
fn holds(condition: &Value, instance: &Value) -> bool {
    let type_holds = match condition.get("type") {
        Some(Value::String(name)) => is_type(instance, name),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .any(|name| is_type(instance, name)),
        _ => true,
    };
    let required = condition
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .all(|key| instance.get(key).is_some());
    let constants = condition
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .all(
            |(key, property)| match (property.get("const"), instance.get(key)) {
                (Some(constant), Some(value)) => constant == value,
                _ => true,
            },
        );
    type_holds && required && constants
}

fn is_type(instance: &Value, name: &str) -> bool {
    match name {
        "object" => instance.is_object(),
        "array" => instance.is_array(),
        "string" => instance.is_string(),
        "boolean" => instance.is_boolean(),
        "null" => instance.is_null(),
        "number" => instance.is_number(),
        "integer" => instance
            .as_f64()
            .is_some_and(|number| number.fract() == 0.0),
        _ => false,
    }
}

fn collect_patterns(value: &Value, patterns: &mut HashMap<String, Regex>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(by_pattern)) = map.get("patternProperties") {
                for pattern in by_pattern.keys() {
                    if let Ok(regex) = Regex::new(pattern) {
                        patterns.insert(pattern.to_string(), regex);
                    }
                }
            }
            map.values()
                .for_each(|child| collect_patterns(child, patterns));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_patterns(item, patterns)),
        _ => {}
    }
}

/// Every error of `validator` on the value at `base` of `document`, at the place it is about.
fn located_violations(
    validator: &Validator,
    document: &Document,
    base: &str,
    value: &Value,
) -> Vec<Violation> {
    let value = &value.to_serde();
    // Most documents are valid, and asking only that is several times faster than collecting
    // errors, which follows every branch of an `anyOf` or `oneOf` to report why each failed.
    if validator.is_valid(value) {
        return Vec::new();
    }
    validator
        .iter_errors(value)
        .flat_map(|error| {
            let error = leaf_cause(&error);
            let mut pointer = format!("{base}{}", error.instance_path().as_str());
            // A key's name that breaks `propertyNames` is reported at the key, for what is wrong
            // with the name.
            if let ValidationErrorKind::PropertyNames { error: name_error } = error.kind()
                && let Some(key) = name_error.instance().as_str()
            {
                push_pointer_token(&mut pointer, key);
                return vec![Violation {
                    span: document.locate_nearest(&pointer).anchor(),
                    pointer,
                    message: name_violation(name_error, key),
                    unexpected_key: true,
                }];
            }
            // An unknown key belongs on the key itself, one finding for each.
            if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
                return unexpected
                    .iter()
                    .map(|key| {
                        let mut at = pointer.clone();
                        push_pointer_token(&mut at, key);
                        Violation {
                            span: document.locate_nearest(&at).anchor(),
                            pointer: at,
                            message: format!("key `{key}` is not allowed here"),
                            unexpected_key: true,
                        }
                    })
                    .collect();
            }
            // `not: {required: [...]}` fails any value that is no object, as `required` holds
            // of those: the value's own type error says what is wrong with it.
            if let ValidationErrorKind::Not { schema } = error.kind()
                && !error.instance().is_object()
                && only_requires(schema)
            {
                return Vec::new();
            }
            // A key the object may not have here (`not: {required: [key]}`, its `$comment` saying
            // why): reported at the key.
            if let ValidationErrorKind::Not { schema } = error.kind()
                && let Some(reason) = forbids(schema)
                && let Some(key) = forbidden_key(schema)
            {
                let mut at = pointer.clone();
                push_pointer_token(&mut at, key);
                return vec![Violation {
                    span: document.locate_nearest(&at).anchor(),
                    pointer: at,
                    message: reason.to_string(),
                    unexpected_key: false,
                }];
            }
            // Two keys that exclude each other (`not: {required: [a, b]}`): reported at the
            // second, which one of the two fixes is to remove.
            if let ValidationErrorKind::Not { schema } = error.kind()
                && let Some([first, second]) = excluded_pair(schema)
            {
                let mut at = pointer.clone();
                push_pointer_token(&mut at, second);
                return vec![Violation {
                    span: document.locate_nearest(&at).anchor(),
                    pointer: at,
                    message: format!(
                        "`{first}` and `{second}` exclude each other: give one of them"
                    ),
                    unexpected_key: false,
                }];
            }
            let message = violation_message(error);
            vec![Violation {
                span: document.focus(&pointer),
                pointer,
                message,
                unexpected_key: false,
            }]
        })
        .collect()
}

/// What `error` says, in our words where the crate's say little.
fn violation_message(error: &jsonschema::ValidationError<'_>) -> String {
    match error.kind() {
        // A `not` of our schemas says what it forbids in its `$comment`.
        ValidationErrorKind::Not { schema } if let Some(reason) = forbids(schema) => {
            reason.to_string()
        }
        ValidationErrorKind::UniqueItems => match repeated_item(error.instance()) {
            Some((first, again)) => {
                format!("item {again} repeats item {first}: the list's items must be unique")
            }
            None => lowercase_first(&error.to_string()),
        },
        // The crate shortens long lists ("or 2 other candidates"); ours are short.
        // "Not valid under any of the schemas listed in the 'anyOf' keyword" says nothing
        // when each alternative only asks for a key: name the keys.
        ValidationErrorKind::AnyOf { context } if !context.is_empty() && context.iter().all(|branch| {
            matches!(branch.as_slice(), [only] if matches!(only.kind(), ValidationErrorKind::Required { .. }))
        }) => {
            let keys: Vec<String> = context
                .iter()
                .filter_map(|branch| match branch[0].kind() {
                    ValidationErrorKind::Required { property } => {
                        Some(format!("`{}`", property.as_str().unwrap_or_default()))
                    }
                    _ => None,
                })
                .collect();
            format!("one of {} is required", keys.join(", "))
        }
        ValidationErrorKind::Enum { options } => match options.as_array() {
            Some(options) => format!(
                "{} is not one of {}",
                describe(error.instance()),
                options
                    .iter()
                    .map(|option| format!(
                        "`{}`",
                        option
                            .as_str()
                            .map_or_else(|| option.to_string(), str::to_string)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => lowercase_first(&error.to_string()),
        },
        _ => {
            let placeholder = describe(error.instance());
            lowercase_first(&error.masked_with(&placeholder).to_string())
        }
    }
}

/// What is wrong with the name `key`, for an error of `propertyNames`: a `not`'s `$comment`, or
/// the error itself.
fn name_violation(error: &jsonschema::ValidationError<'_>, key: &str) -> String {
    match error.kind() {
        ValidationErrorKind::Not { schema } => match forbids(schema) {
            Some(reason) => format!("`{key}`: {reason}"),
            None => format!("the name `{key}` is not allowed here"),
        },
        // The name in full, however long: it is what the reader looks for.
        ValidationErrorKind::Pattern { .. } => {
            lowercase_first(&error.masked_with(format!("the name `{key}`")).to_string())
        }
        _ => violation_message(error),
    }
}

/// What a `not` of our schemas forbids, as its `$comment` says.
fn forbids(schema: &serde_json::Value) -> Option<&str> {
    schema.get("$comment")?.as_str()
}

/// Whether a schema asks only for members (`required`, and a `$comment` saying why).
fn only_requires(schema: &serde_json::Value) -> bool {
    schema.as_object().is_some_and(|members| {
        members.contains_key("required")
            && members
                .keys()
                .all(|key| matches!(key.as_str(), "required" | "$comment"))
    })
}

/// The one key a `not: {required: [key]}` forbids.
fn forbidden_key(schema: &serde_json::Value) -> Option<&str> {
    match schema.get("required")?.as_array()?.as_slice() {
        [key] if only_requires(schema) => key.as_str(),
        _ => None,
    }
}

/// The two keys a `not: {required: [a, b]}` forbids together.
fn excluded_pair(schema: &serde_json::Value) -> Option<[&str; 2]> {
    let members = schema.as_object()?;
    let required = members.get("required")?.as_array()?;
    match (members.len(), required.as_slice()) {
        (1, [first, second]) => Some([first.as_str()?, second.as_str()?]),
        _ => None,
    }
}

/// The first item of a list that repeats an earlier one, and that earlier one, by index, in one
/// pass however long the list; `None` where that depends on how a number is written.
fn repeated_item(list: &serde_json::Value) -> Option<(usize, usize)> {
    let mut seen = HashMap::new();
    for (index, item) in list.as_array()?.iter().enumerate() {
        let mut text = String::new();
        crate::schema_verdict::canonical_text(&Value::from(item.clone()), &mut text)?;
        if let Some(first) = seen.insert(text, index) {
            return Some((first, index));
        }
    }
    None
}

/// The error that says why: for an `anyOf` of which one branch alone takes the value's type (a
/// JSON Schema `type` is one of the type names, or a list of them), that branch's own error,
/// `"string,"` not being one of the type names, rather than "not valid under any of the schemas".
fn leaf_cause<'e, 'i>(
    error: &'e jsonschema::ValidationError<'i>,
) -> &'e jsonschema::ValidationError<'i> {
    let ValidationErrorKind::AnyOf { context } = error.kind() else {
        return error;
    };
    let mut taking_the_type = context.iter().filter(|branch| {
        !branch.iter().any(|inner| {
            matches!(inner.kind(), ValidationErrorKind::Type { .. })
                && inner.instance_path() == error.instance_path()
        })
    });
    match (taking_the_type.next(), taking_the_type.next()) {
        (Some(branch), None) if branch.len() == 1 => leaf_cause(&branch[0]),
        _ => error,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub span: Span,
    /// The value the violation is about; for an unexpected key, the key's member.
    pub pointer: String,
    pub message: String,
    /// A key the object does not allow, rather than a wrong value.
    pub unexpected_key: bool,
}

/// A short name for a value in a message: the value itself when it is a short scalar.
pub(crate) fn describe(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(_) => "the mapping".to_string(),
        serde_json::Value::Array(_) => "the list".to_string(),
        serde_json::Value::String(text) if text.chars().count() > 40 => "the text".to_string(),
        scalar => scalar.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles() {
        for schema in ALL {
            schema.validator();
        }
    }

    /// The place of the value at `pointer` of `document`, stepped down from the root.
    fn place(schema: &Schema, document: &Value, pointer: &str) -> Option<Place> {
        let mut place = Place::root();
        let mut value = document;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/");
            place = schema.step(&place.stands_for, value, &token)?;
            value = match value {
                Value::Array(items) => &items[token.parse::<usize>().ok()?],
                _ => value.get(&token)?,
            };
        }
        Some(place)
    }

    #[test]
    fn a_place_says_what_a_value_stands_for_and_whether_a_reference_may_stand_there() {
        let document = crate::json!({
            "openapi": "3.0.3",
            "tags": [{"name": "Droplets", "description": {"$ref": "description.yml"}}],
            "paths": {"/droplets": {
                "get": {"$ref": "list.yml"},
                "parameters": [{"$ref": "parameters.yml#/tag"}],
                "x-codeSamples": [{"$ref": "code.php"}],
            }},
        });
        let schema = &OPENAPI_3_0;
        let at = |pointer: &str| place(schema, &document, pointer);
        let operation = at("/paths/~1droplets/get").unwrap();
        assert_eq!(operation.stands_for, "/$defs/Operation");
        assert_eq!(operation.describe(), "an Operation Object");
        assert!(!schema.admits_reference(&operation.written));
        let parameter = at("/paths/~1droplets/parameters/0").unwrap();
        assert_eq!(parameter.stands_for, "/$defs/Parameter");
        assert!(schema.admits_reference(&parameter.written));
        let path_item = at("/paths/~1droplets").unwrap();
        assert!(schema.admits_reference(&path_item.written));
        let description = at("/tags/0/description").unwrap();
        assert_eq!(description.describe(), "a `description` value");
        assert!(!schema.admits_reference(&description.written));
        // An extension's content is its own business: no place, nothing expected.
        assert_eq!(at("/paths/~1droplets/x-codeSamples/0"), None);
    }

    /// Whether a place takes a `$ref` is told without a validator where the verdict can: it must
    /// be the validator's answer at every place of OpenAPI's schemas a member can stand at.
    #[test]
    fn a_reference_is_admitted_where_the_validator_admits_it() {
        fn places(value: &Value, pointer: &mut String, found: &mut Vec<String>) {
            let Some(object) = value.as_object() else {
                return;
            };
            for (key, member) in object.iter() {
                let length = pointer.len();
                push_pointer_token(pointer, key);
                match key.as_str() {
                    "properties" | "patternProperties" | "$defs" => {
                        for (name, subschema) in member.as_object().into_iter().flatten() {
                            let length = pointer.len();
                            push_pointer_token(pointer, name);
                            found.push(pointer.clone());
                            places(subschema, pointer, found);
                            pointer.truncate(length);
                        }
                    }
                    "items" | "additionalProperties" => {
                        found.push(pointer.clone());
                        places(member, pointer, found);
                    }
                    _ => {}
                }
                pointer.truncate(length);
            }
        }
        let reference = serde_json::json!({"$ref": "archlint-reference"});
        for schema in [&OPENAPI_3_0, &OPENAPI_3_1, &OPENAPI_3_2] {
            let mut found = vec![String::new()];
            places(schema.json(), &mut String::new(), &mut found);
            assert!(found.len() > 100, "{}: {} places", schema.file, found.len());
            for place in &found {
                let validator = if place.is_empty() {
                    schema.validator().is_valid(&reference)
                } else {
                    schema.place_validator(place).is_valid(&reference)
                };
                assert_eq!(
                    schema.admits_reference(place),
                    validator,
                    "{} {place}",
                    schema.file
                );
            }
        }
    }
}
