//! `schema`: a value must be valid against a JSON Schema.
//!
//! Options: `schema` (a JSON Schema object; required), `dialect` (auto, draft4, draft6, draft7,
//! draft2019-09, draft2020-12; `auto` reads `$schema`, draft 7 when it names none) and
//! `allErrors` (every error, not only the first). The schema compiles once, when the ruleset
//! loads: a schema that does not compile is a mistake in the options (Spectral reports it at
//! every value). Nothing is fetched: a `$ref` outside the schema does not compile.
//!
//! Spectral validates with Ajv and words errors with `@stoplight/better-ajv-errors`; the
//! messages here are built the same way from the `jsonschema` crate's errors:
//! `"bar" property type must be string`, `Object must have required property "id"`,
//! `Property "baz" is not expected to be here`, `String must be equal to one of the allowed
//! values: "foo", "bar". Did you mean "bar"?`, `Number must be < 2`, each at the place of the
//! error below the target. An absent target fails with `"info" property must exist`.
//!
//! Patterns in `pattern` are JavaScript's, through [`JsPattern`], as Ajv compiles them with
//! `new RegExp`. The crate has no way to plug an engine into `patternProperties`, whose keys it
//! compiles with `fancy-regex` after translating ECMAScript classes (`\d`, `\w`) best-effort.
//! Formats are Ajv's with `ajv-formats` as far as the crate's checks go, plus the OpenAPI ones
//! Ajv knows (`int32`, `int64`, `float`, `double`, `byte`, `binary`, `password`); unknown formats
//! pass, as in Spectral.

use lru::LruCache;
use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::{Arc, LazyLock, Mutex};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::Location;
use jsonschema::{Draft, Keyword, ValidationError, Validator};
use serde_json::{Map, Number, Value, json};

use super::options::{self, Mistakes, Reader};
use super::print::{js_number, print_property, segments};
use super::{Failure, FunctionContext, OptionError};
use crate::spectral::pattern::JsPattern;

/// The JSON Schema draft a schema is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    Auto,
    Draft4,
    Draft6,
    Draft7,
    Draft201909,
    Draft202012,
}

impl Dialect {
    const ALL: [(Self, &'static str); 6] = [
        (Self::Auto, "auto"),
        (Self::Draft4, "draft4"),
        (Self::Draft6, "draft6"),
        (Self::Draft7, "draft7"),
        (Self::Draft201909, "draft2019-09"),
        (Self::Draft202012, "draft2020-12"),
    ];

    /// The draft to validate in: the one named, or for `auto` the one `$schema` names (Spectral's
    /// `detectDialect`), else draft 7, Ajv's default.
    fn draft(self, schema: &Map<String, Value>) -> Draft {
        self.named_draft().unwrap_or_else(|| {
            schema
                .get("$schema")
                .and_then(Value::as_str)
                .and_then(detect_draft)
                .unwrap_or(Draft::Draft7)
        })
    }

    /// The draft the dialect names; `None` for `auto`, whose schema names it.
    pub(crate) fn named_draft(self) -> Option<Draft> {
        match self {
            Self::Draft4 => Some(Draft::Draft4),
            Self::Draft6 => Some(Draft::Draft6),
            Self::Draft7 => Some(Draft::Draft7),
            Self::Draft201909 => Some(Draft::Draft201909),
            Self::Draft202012 => Some(Draft::Draft202012),
            Self::Auto => None,
        }
    }
}

/// Spectral's `SCHEMA_DRAFT_REGEX`, the dot in `json-schema.org` unescaped as there.
static SCHEMA_DRAFT: LazyLock<regress::Regex> = LazyLock::new(|| {
    regress::Regex::new(
        r"^https?:\/\/json-schema.org\/(?:draft-0([467])|draft\/(20(?:19-09|20-12)))\/(?:hyper-)?schema#?$",
    )
    .expect("the draft pattern compiles")
});

fn detect_draft(uri: &str) -> Option<Draft> {
    let found = SCHEMA_DRAFT.find(uri)?;
    let group = |index| found.group(index).map(|range| &uri[range]);
    match (group(1), group(2)) {
        (Some("4"), _) => Some(Draft::Draft4),
        (Some("6"), _) => Some(Draft::Draft6),
        (Some("7"), _) => Some(Draft::Draft7),
        (_, Some("2019-09")) => Some(Draft::Draft201909),
        (_, Some("2020-12")) => Some(Draft::Draft202012),
        _ => None,
    }
}

pub struct Schema {
    pub schema: Value,
    pub dialect: Dialect,
    pub all_errors: bool,
    validator: Validator,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Schema")
            .field("schema", &self.schema)
            .field("dialect", &self.dialect)
            .field("all_errors", &self.all_errors)
            .finish_non_exhaustive()
    }
}

const EXAMPLE: &str = r#"{ "schema": { "type": "object" } }"#;

impl Schema {
    pub fn compile(options: Option<&crate::value::Value>) -> Result<Self, Mistakes> {
        let map = options::object("schema", options, EXAMPLE)?;
        let reader = Reader::new("schema", map);
        let mut mistakes = Vec::new();
        // `prepareResults` takes a JavaScript function, which a YAML or JSON ruleset cannot
        // hold; Spectral's option schema accepts it, so it is not a mistake, and it is ignored.
        reader.unknown(
            &["schema", "dialect", "allErrors", "prepareResults"],
            &mut mistakes,
        );
        let schema = reader
            .required("schema", &mut mistakes)
            .and_then(|_| reader.object("schema", &mut mistakes))
            .map(|schema| schema.map);
        let dialect = reader.map.get("dialect").and_then(|value| {
            let found = Dialect::ALL
                .into_iter()
                .find(|(_, name)| value.as_str() == Some(name))
                .map(|(dialect, _)| dialect);
            if found.is_none() {
                let names: Vec<&str> = Dialect::ALL.iter().map(|(_, name)| *name).collect();
                mistakes.push(reader.mistake(
                    "dialect",
                    format!("\"dialect\" must be one of: {}", names.join(", ")),
                ));
            }
            found
        });
        let all_errors = reader.boolean("allErrors", &mut mistakes).unwrap_or(false);
        let (Some(schema), true) = (schema, mistakes.is_empty()) else {
            return Err(mistakes);
        };
        Self::new(
            crate::value::Value::Object(schema.clone()).to_serde(),
            dialect.unwrap_or(Dialect::Auto),
            all_errors,
        )
        .map_err(|error| {
            vec![OptionError {
                pointer: format!("/schema{}", as_written(error.instance_path().as_str())),
                message: format!("\"schema\" is not a valid JSON Schema: {error}"),
            }]
        })
    }

    /// The function for a schema built in code rather than read from options: it takes the
    /// schema as it is, without a copy, and an error is only the crate's.
    pub fn new(
        schema: Value,
        dialect: Dialect,
        all_errors: bool,
    ) -> Result<Self, ValidationError<'static>> {
        let draft = match &schema {
            Value::Object(map) => dialect.draft(map),
            _ => dialect.draft(&Map::new()),
        };
        let validator = build(&schema, draft)?;
        Ok(Self {
            schema,
            dialect,
            all_errors,
            validator,
        })
    }

    /// Whether `value` is valid, for tests that compare another judge with the crate's.
    #[cfg(test)]
    pub fn is_valid(&self, value: &Value) -> bool {
        self.validator.is_valid(value)
    }

    pub fn apply(
        &self,
        target: Option<&crate::value::Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        self.sifted(target, context, false, EnumBeside::AnyPlace)
    }

    /// The function as archlint reads Spectral's `oasDocumentSchema`, which words Ajv's errors
    /// one by one, without `better-ajv-errors`: a place of only `enum` errors is dropped only
    /// while a place beside it has errors of its own, which keeps the `enum` errors of a
    /// parameter's `in` that Spectral reports.
    pub(crate) fn apply_as_document_schema(
        &self,
        target: Option<&crate::value::Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        self.sifted(target, context, false, EnumBeside::PlaceWithErrors)
    }

    /// The function as Spectral's `asyncApiDocumentSchema` runs it on a resolved document: its
    /// `prepareResults` places an unexpected property's error at the property before the errors
    /// are sifted, so that an `enum` error beside it is no longer alone among its siblings, and
    /// is left out as noise (an oauth2 scheme with a wrong flow was told its `type` must be one
    /// of the other schemes').
    pub(crate) fn apply_placing_unexpected_at_property(
        &self,
        target: Option<&crate::value::Value>,
        context: &FunctionContext<'_>,
    ) -> Vec<Failure> {
        self.sifted(target, context, true, EnumBeside::AnyPlace)
    }

    fn sifted(
        &self,
        target: Option<&crate::value::Value>,
        context: &FunctionContext<'_>,
        unexpected_at_property: bool,
        enum_beside: EnumBeside,
    ) -> Vec<Failure> {
        let Some(target) = target else {
            let property = print_property(context.document, context.pointer);
            return vec![Failure::here(format!("{property}must exist"))];
        };
        // The crate validates serde_json's values, as JavaScript holds them.
        let target = &target.to_serde_as_javascript();
        let errors: Vec<ValidationError<'_>> = if self.all_errors {
            // Most values are valid, and telling that stops at the first failure.
            if self.validator.is_valid(target) {
                return Vec::new();
            }
            self.validator.iter_errors(target).collect()
        } else {
            self.validator.validate(target).err().into_iter().collect()
        };
        if errors.is_empty() {
            return Vec::new();
        }
        let mut found = Vec::new();
        for error in &errors {
            self.as_ajv(error, target, &mut found);
        }
        if unexpected_at_property {
            for error in &mut found {
                if let AjvKeyword::AdditionalProperty(name) = &error.keyword {
                    error.instance_path = super::print::join_pointer(&error.instance_path, name);
                }
            }
        }
        let unmatched = unmatched_combinators(&errors);
        let words = Wording {
            target,
            target_name: segments(context.pointer).pop(),
        };
        better_errors(found, enum_beside)
            .into_iter()
            .map(|error| {
                let message =
                    describe_array_item(words.message(&error), &error.instance_path, target);
                Failure {
                    message: describe_combinator(
                        message,
                        unmatched.get(error.instance_path.as_str()).copied(),
                    ),
                    pointer: error.instance_path.clone(),
                }
            })
            .collect()
    }

    /// One error of the crate as the errors Ajv reports for it: the branches of a failed
    /// `anyOf` or `oneOf` first, then the combinator itself; one per unexpected property with
    /// `allErrors`, else the first.
    fn as_ajv(&self, error: &ValidationError<'_>, target: &Value, found: &mut Vec<AjvError>) {
        let instance_path = error.instance_path().as_str().to_owned();
        let plain = |message: String| AjvError {
            keyword: AjvKeyword::Other,
            message,
            instance_path: instance_path.clone(),
        };
        match error.kind() {
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                for branch in context.iter().flatten() {
                    self.as_ajv(branch, target, found);
                }
                let keyword = if matches!(error.kind(), ValidationErrorKind::AnyOf { .. }) {
                    found.push(AjvError {
                        keyword: AjvKeyword::AnyOf,
                        message: "must match a schema in anyOf".to_owned(),
                        instance_path,
                    });
                    return;
                } else {
                    "must match exactly one schema in oneOf"
                };
                found.push(plain(keyword.to_owned()));
            }
            // `additionalProperties: false` without `properties` compiles to a check that reports
            // a false schema at the object: every member is unexpected.
            ValidationErrorKind::FalseSchema
                if error
                    .schema_path()
                    .as_str()
                    .ends_with("/additionalProperties") =>
            {
                let unexpected: Vec<String> = match target.pointer(&instance_path) {
                    Some(Value::Object(members)) => members.keys().cloned().collect(),
                    _ => Vec::new(),
                };
                self.push_unexpected(&unexpected, &instance_path, found);
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                self.push_unexpected(unexpected, &instance_path, found);
            }
            ValidationErrorKind::Required { property } => {
                let name = property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned);
                found.push(AjvError {
                    keyword: AjvKeyword::Required,
                    message: format!("must have required property '{name}'"),
                    instance_path,
                });
            }
            ValidationErrorKind::Type { kind } => {
                let declared = self.schema_value(error.schema_path());
                found.push(AjvError {
                    keyword: AjvKeyword::Type,
                    message: format!("must be {}", type_names(declared, kind)),
                    instance_path,
                });
            }
            ValidationErrorKind::Enum { options } => {
                let allowed = options.as_array().cloned().unwrap_or_default();
                found.push(AjvError {
                    keyword: AjvKeyword::Enum(allowed),
                    message: "must be equal to one of the allowed values".to_owned(),
                    instance_path,
                });
            }
            ValidationErrorKind::PropertyNames { error: inner } => {
                self.as_ajv(inner, target, found);
                found.push(plain("property name must be valid".to_owned()));
            }
            ValidationErrorKind::UniqueItems => {
                let parent = self.schema_parent(error.schema_path());
                found.push(plain(unique_items_message(error.instance(), parent)));
            }
            ValidationErrorKind::Contains => {
                let parent = self.schema_parent(error.schema_path());
                found.push(plain(contains_message(parent)));
            }
            kind => found.push(plain(ajv_message(kind, error))),
        }
    }

    /// One error per unexpected property with `allErrors`, else the first, as Ajv stops there.
    fn push_unexpected(
        &self,
        unexpected: &[String],
        instance_path: &str,
        found: &mut Vec<AjvError>,
    ) {
        let shown = if self.all_errors { unexpected.len() } else { 1 };
        for name in unexpected.iter().take(shown) {
            found.push(AjvError {
                keyword: AjvKeyword::AdditionalProperty(name.clone()),
                message: String::new(),
                instance_path: instance_path.to_owned(),
            });
        }
    }

    /// The schema's value at a location the crate names (`/properties/a/type`).
    fn schema_value(&self, location: &Location) -> Option<&Value> {
        self.schema.pointer(location.as_str())
    }

    /// The schema object holding the keyword at `location`.
    fn schema_parent(&self, location: &Location) -> Option<&Value> {
        let pointer = location.as_str();
        let parent = &pointer[..pointer.rfind('/').unwrap_or(0)];
        self.schema.pointer(parent)
    }
}

/// The validator, built as Spectral's Ajv is set up: formats checked (unknown ones pass),
/// `contentEncoding` and `contentMediaType` left as annotations, JavaScript patterns, offline.
fn build(schema: &Value, draft: Draft) -> Result<Validator, ValidationError<'static>> {
    if crate::schema_depth::too_costly(schema) {
        return Err(ValidationError::custom(format!(
            "the schema nests more than {} levels deep, or applies more than {} schemas to one value, with its references",
            crate::schema_depth::MAX_VALIDATED_DEPTH,
            crate::schema_depth::MAX_APPLIED_SCHEMAS
        )));
    }
    let options = jsonschema::options()
        .with_draft(draft)
        .offline()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(true)
        .without_content_encoding_support("base64")
        .without_content_media_type_support("application/json")
        .with_keyword("format", move |_, value, _| {
            compile_format_keyword(value, draft)
        });
    build_with_javascript_patterns(options, schema)
}

/// `schema` compiled with `options`, each `pattern` as Ajv compiles it ([`JsPattern`]).
///
/// The crate checks a schema against its draft's meta-schema before it compiles it, and reads
/// `pattern`'s `format: regex` there by its own engine: it refuses patterns JavaScript compiles
/// (`a\z`, `[[:alpha:]]`, `a{,3}`), and the whole schema would not compile, its examples left
/// unjudged. A schema the meta-schema refuses so is compiled again with each `pattern` under
/// another name ([`hide_patterns`]), which the meta-schema does not read; one JavaScript refuses
/// still stops the compilation. (Renaming every schema's patterns up front would copy each
/// schema compiled, for the few the meta-schema refuses.)
pub(crate) fn build_with_javascript_patterns(
    options: jsonschema::ValidationOptions<'_>,
    schema: &Value,
) -> Result<Validator, ValidationError<'static>> {
    let options = options
        .with_keyword("pattern", compile_pattern_keyword)
        .with_keyword(HIDDEN_PATTERN, compile_pattern_keyword);
    match options.build(schema) {
        Err(error) if refuses_a_regex(&error) => match hide_patterns(schema) {
            Some(hidden) => options.build(&hidden),
            None => Err(error),
        },
        built => built,
    }
}

/// Whether `error` is the meta-schema's `format: regex` refusing a text.
fn refuses_a_regex(error: &ValidationError<'_>) -> bool {
    matches!(error.kind(), ValidationErrorKind::Format { format } if format == "regex")
}

/// The name [`hide_patterns`] gives `pattern`: a member no schema keyword uses.
const HIDDEN_PATTERN: &str = "x-archlint-pattern";

/// A place in a schema [`hide_patterns`] renamed, as it is written.
fn as_written(pointer: &str) -> Cow<'_, str> {
    match pointer.strip_suffix(HIDDEN_PATTERN) {
        Some(keyword_of) if keyword_of.ends_with('/') => format!("{keyword_of}pattern").into(),
        _ => pointer.into(),
    }
}

/// `schema` with each `pattern` keyword renamed [`HIDDEN_PATTERN`]; `None` when it has none. A
/// member named `pattern` is a keyword where its value is a string. The values a schema holds as
/// data (`enum`, `const`, `default`, `example`, `examples`) are left as written, and so is the
/// schema of a property that bears one of those names: it is compiled as before.
fn hide_patterns(schema: &Value) -> Option<Value> {
    fn holds_data(key: &str) -> bool {
        matches!(key, "enum" | "const" | "default" | "example" | "examples")
    }
    fn has_pattern(value: &Value) -> bool {
        match value {
            Value::Object(members) => members.iter().any(|(key, member)| {
                (key == "pattern" && member.is_string())
                    || (!holds_data(key) && has_pattern(member))
            }),
            Value::Array(items) => items.iter().any(has_pattern),
            _ => false,
        }
    }
    fn rename(value: &mut Value) {
        match value {
            Value::Object(members) => {
                // Renamed in its place: the crate reports a schema's errors in its keywords' order.
                if members.get("pattern").is_some_and(Value::is_string) {
                    *members = std::mem::take(members)
                        .into_iter()
                        .map(|(key, member)| match key.as_str() {
                            "pattern" => (HIDDEN_PATTERN.to_owned(), member),
                            _ => (key, member),
                        })
                        .collect();
                }
                members
                    .iter_mut()
                    .filter(|(key, _)| !holds_data(key))
                    .for_each(|(_, member)| rename(member));
            }
            Value::Array(items) => items.iter_mut().for_each(rename),
            _ => {}
        }
    }
    if !has_pattern(schema) {
        return None;
    }
    let mut hidden = schema.clone();
    rename(&mut hidden);
    Some(hidden)
}

/// `pattern` through [`JsPattern`]: Ajv compiles it with `new RegExp(pattern)`, no flags. JSON
/// Schema's `pattern` is an ECMA-262 regular expression too, so the event rules' validators
/// take it as well.
fn compile_pattern_keyword<'a>(
    _: &'a Map<String, Value>,
    value: &'a Value,
    _: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let Some(source) = value.as_str() else {
        return Err(ValidationError::custom("\"pattern\" must be a string"));
    };
    let pattern = compiled_pattern(source)?;
    Ok(Box::new(PatternKeyword {
        pattern,
        message: format!("must match pattern \"{source}\""),
    }))
}

/// Patterns compiled, by their source: shared by every schema of the process, as the schemas
/// of a document repeat the same few patterns in every schema that references them.
static PATTERNS: BuiltOnce<String, Arc<JsPattern>> =
    LazyLock::new(|| Mutex::new(LruCache::new(KEPT_PER_PROCESS)));

/// What the process keeps of what it builds once ([`built_once`]), the most recently used.
type BuiltOnce<K, V> = LazyLock<Mutex<LruCache<K, V>>>;

/// How many compiled patterns, and how many format checks, the process keeps.
const KEPT_PER_PROCESS: NonZeroUsize = NonZeroUsize::new(10_000).expect("not zero");

/// The pattern `pattern: source` compiles to, as Ajv's `new RegExp(source)`.
pub(crate) fn compiled_pattern(source: &str) -> Result<Arc<JsPattern>, ValidationError<'static>> {
    built_once(&PATTERNS, source, || {
        JsPattern::new(source, "")
            .map(Arc::new)
            .map_err(|error| ValidationError::custom(error.to_string()))
    })
}

/// What `cache` holds for `key`, else what `build` makes, then kept. A poisoned lock only costs
/// the sharing.
pub(crate) fn built_once<Q, K, V, E>(
    cache: &Mutex<LruCache<K, V>>,
    key: &Q,
    build: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    K: Borrow<Q> + Hash + Eq,
    V: Clone,
{
    if let Some(found) = cache
        .lock()
        .ok()
        .and_then(|mut cache| cache.get(key).cloned())
    {
        return Ok(found);
    }
    let built = build()?;
    if let Ok(mut cache) = cache.lock() {
        cache.put(key.to_owned(), built.clone());
    }
    Ok(built)
}

struct PatternKeyword {
    pattern: Arc<JsPattern>,
    message: String,
}

impl<'i> Keyword<'i> for PatternKeyword {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(self.message.clone()))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        instance
            .as_str()
            .is_none_or(|text| !self.pattern.rejects(text))
    }
}

/// `format` as Ajv with `ajv-formats` checks it: the OpenAPI number formats on numbers, `binary`
/// and `password` as any string, the formats on which the crate's checks differ from
/// `ajv-formats` as [`crate::spectral::ajv_formats`] checks them, the others by the crate's.
fn compile_format_keyword<'a>(
    value: &'a Value,
    draft: Draft,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let Some(name) = value.as_str() else {
        return Err(ValidationError::custom("\"format\" must be a string"));
    };
    Ok(Box::new(FormatKeyword {
        check: format_check(name, draft)?,
        message: format!("must match format \"{name}\""),
    }))
}

/// The check of `format: name` in `draft`, as the compiled keyword makes it.
pub(crate) fn format_check(
    name: &str,
    draft: Draft,
) -> Result<FormatCheck, ValidationError<'static>> {
    Ok(match name {
        "int32" => FormatCheck::Number(|n| {
            n.fract() == 0.0 && (-2_147_483_648.0..=2_147_483_647.0).contains(&n)
        }),
        "int64" => {
            FormatCheck::Number(|n| n.fract() == 0.0 && n.abs() <= 9_223_372_036_854_775_807.0)
        }
        "float" | "double" => FormatCheck::Number(f64::is_finite),
        "binary" | "password" => FormatCheck::String(|_| true),
        _ => match crate::spectral::ajv_formats::check(name) {
            Some(check) => FormatCheck::String(check),
            None => FormatCheck::Crate(crate_format_check(name, draft)?),
        },
    })
}

/// The crate's checks of the formats it knows, by draft and name: each built once per process
/// rather than once per `format` keyword of every schema compiled. The names a draft defines are
/// few; unknown ones, which a corpus may write without end, are not, hence the bound.
static FORMAT_CHECKS: BuiltOnce<(Draft, String), Arc<Validator>> =
    LazyLock::new(|| Mutex::new(LruCache::new(KEPT_PER_PROCESS)));

/// The formats `ajv-formats` adds to Spectral's Ajv whatever the schema's draft, beyond those
/// draft 4 defines (`date-time`, `email`, `hostname`, `ipv4`, `ipv6`, `uri`), other than those
/// checked as `ajv-formats` checks them: an OpenAPI 2.0 or 3.0 schema's `format: duration` is
/// checked, as Spectral checks it. The crate knows them under 2020-12.
const AJV_FORMATS_BEYOND_DRAFT_4: [&str; 5] = [
    "duration",
    "uri-reference",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
];

fn crate_format_check(
    name: &str,
    draft: Draft,
) -> Result<Arc<Validator>, ValidationError<'static>> {
    let draft = if AJV_FORMATS_BEYOND_DRAFT_4.contains(&name) {
        Draft::Draft202012
    } else {
        draft
    };
    built_once(&FORMAT_CHECKS, &(draft, name.to_owned()), || {
        jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .should_ignore_unknown_formats(true)
            .build(&json!({ "format": name }))
            .map(Arc::new)
            .map_err(ValidationError::to_owned)
    })
}

#[derive(Clone)]
pub(crate) enum FormatCheck {
    Number(fn(f64) -> bool),
    String(fn(&str) -> bool),
    Crate(Arc<Validator>),
}

impl FormatCheck {
    /// Whether `instance` passes; a value of a type the format is not about always does.
    pub(crate) fn accepts(&self, instance: &Value) -> bool {
        self.accepts_scalar(instance.as_number(), instance.as_str())
            .unwrap_or_else(|| self.crate_accepts(instance))
    }

    /// [`FormatCheck::accepts`] for a document's value.
    pub(crate) fn accepts_value(&self, instance: &crate::value::Value) -> bool {
        self.accepts_scalar(instance.as_number(), instance.as_str())
            .unwrap_or_else(|| self.crate_accepts(&instance.to_serde()))
    }

    /// The verdict of our own checks, which need only a number or a text; `None` where the
    /// crate's check judges.
    fn accepts_scalar(&self, number: Option<&Number>, text: Option<&str>) -> Option<bool> {
        match (self, number, text) {
            (FormatCheck::Number(check), Some(number), _) => {
                Some(number.as_f64().is_some_and(check))
            }
            (FormatCheck::String(check), _, Some(text)) => Some(check(text)),
            (FormatCheck::Crate(_), _, _) => None,
            _ => Some(true),
        }
    }

    fn crate_accepts(&self, instance: &Value) -> bool {
        match self {
            FormatCheck::Crate(validator) => validator.is_valid(instance),
            _ => true,
        }
    }
}

struct FormatKeyword {
    check: FormatCheck,
    message: String,
}

impl<'i> Keyword<'i> for FormatKeyword {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            Err(ValidationError::custom(self.message.clone()))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.check.accepts(instance)
    }
}

/// The names of a `type` error, as Ajv joins them: the schema's own list in its order, by `,`.
fn type_names(declared: Option<&Value>, kind: &TypeKind) -> String {
    match declared {
        Some(Value::String(name)) => name.clone(),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(","),
        _ => match kind {
            TypeKind::Single(kind) => kind.to_string(),
            TypeKind::Multiple(kinds) => kinds
                .iter()
                .map(|kind| kind.to_string())
                .collect::<Vec<_>>()
                .join(","),
        },
    }
}

/// Ajv's `uniqueItems` message names the two identical items: found from the end, by a lookup of
/// earlier-seen values when the schema declares scalar item types, else by comparing pairs.
fn unique_items_message(instance: &Value, schema: Option<&Value>) -> String {
    let items = instance.as_array().map(Vec::as_slice).unwrap_or_default();
    let scalar_items = schema
        .and_then(|schema| schema.get("items"))
        .and_then(|items| items.get("type"))
        .is_some_and(|kind| {
            let scalar = |name: &Value| {
                matches!(
                    name.as_str(),
                    Some("string" | "number" | "integer" | "boolean" | "null")
                )
            };
            match kind {
                Value::Array(kinds) => kinds.iter().all(scalar),
                kind => scalar(kind),
            }
        });
    let mut pair = None;
    'search: for i in (0..items.len()).rev() {
        if scalar_items {
            if let Some(j) = (i + 1..items.len()).rev().find(|&j| items[j] == items[i]) {
                pair = Some((j, i));
                break 'search;
            }
        } else if let Some(j) = (0..i).rev().find(|&j| items[j] == items[i]) {
            pair = Some((j, i));
            break 'search;
        }
    }
    match pair {
        Some((j, i)) => {
            format!("must NOT have duplicate items (items ## {j} and {i} are identical)")
        }
        None => "must NOT have duplicate items".to_owned(),
    }
}

/// Ajv's `contains` message, which names the schema's `minContains` (1 when it has none) and
/// `maxContains`.
fn contains_message(schema: Option<&Value>) -> String {
    let bound = |keyword: &str| {
        schema
            .and_then(|schema| schema.get(keyword))
            .and_then(Value::as_f64)
            .map(js_number)
    };
    let least = bound("minContains").unwrap_or_else(|| "1".to_owned());
    match bound("maxContains") {
        Some(most) => {
            format!("must contain at least {least} and no more than {most} valid item(s)")
        }
        None => format!("must contain at least {least} valid item(s)"),
    }
}

/// Ajv's message for the errors worded without special handling.
fn ajv_message(kind: &ValidationErrorKind, error: &ValidationError<'_>) -> String {
    let number = |value: &Value| value.as_f64().map_or_else(|| value.to_string(), js_number);
    match kind {
        ValidationErrorKind::AdditionalItems { limit } => {
            format!("must NOT have more than {limit} items")
        }
        ValidationErrorKind::Constant { .. } => "must be equal to constant".to_owned(),
        ValidationErrorKind::Custom { message, .. } => message.clone(),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("must be < {}", number(limit)),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("must be > {}", number(limit)),
        ValidationErrorKind::FalseSchema => "boolean schema is false".to_owned(),
        ValidationErrorKind::Format { format } => format!("must match format \"{format}\""),
        ValidationErrorKind::MaxItems { limit } => format!("must NOT have more than {limit} items"),
        ValidationErrorKind::MinItems { limit } => {
            format!("must NOT have fewer than {limit} items")
        }
        ValidationErrorKind::Maximum { limit } => format!("must be <= {}", number(limit)),
        ValidationErrorKind::Minimum { limit } => format!("must be >= {}", number(limit)),
        ValidationErrorKind::MaxLength { limit } => {
            format!("must NOT have more than {limit} characters")
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("must NOT have fewer than {limit} characters")
        }
        ValidationErrorKind::MaxProperties { limit } => {
            format!("must NOT have more than {limit} properties")
        }
        ValidationErrorKind::MinProperties { limit } => {
            format!("must NOT have fewer than {limit} properties")
        }
        ValidationErrorKind::MultipleOf { multiple_of } => {
            format!("must be multiple of {}", js_number(*multiple_of))
        }
        ValidationErrorKind::Not { .. } => "must NOT be valid".to_owned(),
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            "must match exactly one schema in oneOf".to_owned()
        }
        ValidationErrorKind::Pattern { pattern } => format!("must match pattern \"{pattern}\""),
        ValidationErrorKind::UnevaluatedItems { .. } => {
            "must NOT have unevaluated items".to_owned()
        }
        ValidationErrorKind::UnevaluatedProperties { .. } => {
            "must NOT have unevaluated properties".to_owned()
        }
        _ => error.to_string(),
    }
}

/// An error as Ajv reports it, before `better-ajv-errors` words it.
#[derive(Debug, Clone)]
struct AjvError {
    keyword: AjvKeyword,
    /// Ajv's message, without the property in front.
    message: String,
    /// RFC 6901 pointer below the target.
    instance_path: String,
}

#[derive(Debug, Clone)]
enum AjvKeyword {
    AdditionalProperty(String),
    AnyOf,
    Enum(Vec<Value>),
    Required,
    Type,
    Other,
}

/// The places where an `anyOf` or a `oneOf` matched no branch (a `oneOf` that matched several did
/// match), with its keyword, as Spectral's `findUnmatchedCombinators` finds them.
fn unmatched_combinators<'e>(
    errors: &'e [ValidationError<'_>],
) -> std::collections::HashMap<String, &'static str> {
    let mut unmatched = std::collections::HashMap::new();
    let mut pending: Vec<&'e ValidationError<'_>> = errors.iter().collect();
    while let Some(error) = pending.pop() {
        let (keyword, context) = match error.kind() {
            ValidationErrorKind::AnyOf { context } => ("anyOf", context),
            ValidationErrorKind::OneOfNotValid { context } => ("oneOf", context),
            _ => continue,
        };
        unmatched.insert(error.instance_path().as_str().to_owned(), keyword);
        pending.extend(context.iter().flatten());
    }
    unmatched
}

/// Spectral's `describeArrayItem`: an error about a list item (the place's last segment is a
/// number) names it `Item at index N`, not `"N" property`.
fn describe_array_item(message: String, instance_path: &str, target: &Value) -> String {
    let Some((parent, index)) = instance_path.rsplit_once('/') else {
        return message;
    };
    // A response's `200` is a name, not an index: only an item of a list is one.
    let in_a_list = target.pointer(parent).is_some_and(Value::is_array);
    if !in_a_list || index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return message;
    }
    for prefix in [
        format!("\"{index}\" property type"),
        format!("\"{index}\" property"),
    ] {
        if let Some(rest) = message.strip_prefix(&prefix) {
            return format!("Item at index {index}{rest}");
        }
    }
    message
}

/// Spectral's `describeCombinator`: a combinator that matched no branch says so, and points to
/// its branches' errors.
fn describe_combinator(message: String, keyword: Option<&str>) -> String {
    match keyword {
        Some(keyword) if message.ends_with(&format!(" in {keyword}")) => format!(
            "{message}. None of the schemas matched, see the other errors reported for this value"
        ),
        _ => message,
    }
}

/// Ajv's errors grouped by place, as `better-ajv-errors` groups them: an `anyOf` error dropped
/// where errors below it say more, `enum` errors dropped where a sibling place stays, the
/// `enum` errors of one place merged into one.
fn better_errors(errors: Vec<AjvError>, enum_beside: EnumBeside) -> Vec<AjvError> {
    let mut root = Node::default();
    for error in errors {
        // The target itself is a place of its own beside its members, as in `makeTree`.
        let mut node = &mut root;
        let path: Vec<String> = match enum_beside {
            EnumBeside::AnyPlace => tree_places(&error.instance_path)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            EnumBeside::PlaceWithErrors if error.instance_path.is_empty() => vec![String::new()],
            EnumBeside::PlaceWithErrors => error
                .instance_path
                .split('/')
                .skip(1)
                .map(str::to_owned)
                .collect(),
        };
        for segment in path {
            let position = match node.positions.get(&segment) {
                Some(&position) => position,
                None => {
                    node.positions.insert(segment.clone(), node.children.len());
                    node.children.push((segment, Node::default()));
                    node.children.len() - 1
                }
            };
            node = &mut node.children[position].1;
        }
        node.errors.push(error);
    }
    filter_redundant(&mut root, enum_beside);
    let mut ordered = Vec::new();
    collect(&root, &mut ordered);
    ordered
}

/// The places of `better-ajv-errors`' tree along an instance path, as its `makeTree` splits it
/// (`/\/[\w$_-]+(\/\d+)?/g`): a name with an index after it is one place (`/d/0`, so the items
/// of a list are places beside its siblings), and what no match covers is passed over. Where
/// nothing matches (`/@type`), Spectral loses the error; archlint keeps it, at a place of its own.
fn tree_places(path: &str) -> Vec<&str> {
    if path.is_empty() {
        return vec![""];
    }
    let bytes = path.as_bytes();
    let is_word = |byte: u8| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'$' | b'-');
    let run = |from: usize, accepts: &dyn Fn(u8) -> bool| {
        from + bytes[from..]
            .iter()
            .take_while(|&&byte| accepts(byte))
            .count()
    };
    let mut places = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let name_end = run(start + 1, &is_word);
        if bytes[start] != b'/' || name_end == start + 1 {
            start += 1;
            continue;
        }
        let mut end = name_end;
        if bytes.get(end) == Some(&b'/') {
            let index_end = run(end + 1, &|byte: u8| byte.is_ascii_digit());
            if index_end > end + 1 {
                end = index_end;
            }
        }
        places.push(&path[start..end]);
        start = end;
    }
    if places.is_empty() {
        places.push(path);
    }
    places
}

#[derive(Debug, Default)]
struct Node {
    errors: Vec<AjvError>,
    children: Vec<(String, Node)>,
    /// Where each child is among `children` while the tree is built: an object with many
    /// unexpected members has as many children, each found by its key.
    positions: HashMap<String, usize>,
}

/// How errors are grouped by place, and which places beside a place of only `enum` errors drop
/// it.
#[derive(Clone, Copy)]
enum EnumBeside {
    /// As `better-ajv-errors` does: places split as its `makeTree` splits a path
    /// ([`tree_places`]), and any place beside drops it, as it asks `siblings.some(getErrors)`
    /// and `getErrors` gives `[]`, which JavaScript takes for true, for a place without errors
    /// of its own.
    AnyPlace,
    /// Places split at every `/`, and only a place with errors of its own drops it
    /// ([`Schema::apply_as_document_schema`]).
    PlaceWithErrors,
}

fn filter_redundant(node: &mut Node, enum_beside: EnumBeside) {
    if !node.children.is_empty()
        && node
            .errors
            .iter()
            .any(|error| matches!(error.keyword, AjvKeyword::AnyOf))
    {
        node.errors.clear();
    }
    // A place whose errors are all `enum` errors is dropped while a place ([`EnumBeside`]) sits
    // beside it.
    let only_enum = |node: &Node| {
        !node.errors.is_empty()
            && node
                .errors
                .iter()
                .all(|error| matches!(error.keyword, AjvKeyword::Enum(_)))
    };
    match enum_beside {
        // `better-ajv-errors` drops the places in turn: of several such places, the last stays.
        EnumBeside::AnyPlace => {
            let mut index = 0;
            while index < node.children.len() {
                if node.children.len() > 1 && only_enum(&node.children[index].1) {
                    node.children.remove(index);
                } else {
                    index += 1;
                }
            }
        }
        EnumBeside::PlaceWithErrors => {
            let with_errors = node
                .children
                .iter()
                .filter(|(_, child)| !child.errors.is_empty())
                .count();
            node.children.retain(|(_, child)| {
                let others_with_errors = with_errors - usize::from(!child.errors.is_empty());
                !(only_enum(child) && others_with_errors > 0)
            });
        }
    }
    for (_, child) in &mut node.children {
        filter_redundant(child, enum_beside);
    }
}

fn collect(node: &Node, ordered: &mut Vec<AjvError>) {
    let all_enum = !node.errors.is_empty()
        && node
            .errors
            .iter()
            .all(|error| matches!(error.keyword, AjvKeyword::Enum(_)));
    if all_enum {
        let mut allowed: Vec<Value> = Vec::new();
        for error in &node.errors {
            if let AjvKeyword::Enum(values) = &error.keyword {
                for value in values {
                    if !allowed.contains(value) {
                        allowed.push(value.clone());
                    }
                }
            }
        }
        let mut merged = node.errors[0].clone();
        merged.keyword = AjvKeyword::Enum(allowed);
        ordered.push(merged);
        return;
    }
    ordered.extend(node.errors.iter().cloned());
    for (_, child) in &node.children {
        collect(child, ordered);
    }
}

/// What `better-ajv-errors` needs to word an error: the target, and its name in the document.
struct Wording<'a> {
    target: &'a Value,
    /// The last segment of the target's place, when it is not the document itself.
    target_name: Option<String>,
}

impl Wording<'_> {
    fn message(&self, error: &AjvError) -> String {
        match &error.keyword {
            AjvKeyword::AdditionalProperty(name) => {
                format!("Property \"{name}\" is not expected to be here")
            }
            AjvKeyword::Type => match self.property_name(&error.instance_path) {
                Some(name) => format!("\"{name}\" property type {}", error.message),
                None => format!("Value type {}", error.message),
            },
            AjvKeyword::Enum(allowed) => {
                let listed: Vec<String> = allowed
                    .iter()
                    .map(|value| match value {
                        Value::String(text) => format!("\"{text}\""),
                        other => super::print::print_value(Some(&crate::value::Value::from(
                            other.clone(),
                        ))),
                    })
                    .collect();
                let message = format!(
                    "{} {}: {}",
                    self.pretty_name(&error.instance_path),
                    error.message,
                    listed.join(", ")
                );
                match self.best_match(&error.instance_path, allowed) {
                    Some(near) => format!("{message}. Did you mean \"{near}\"?"),
                    None => message,
                }
            }
            AjvKeyword::Required | AjvKeyword::AnyOf | AjvKeyword::Other => format!(
                "{} {}",
                self.pretty_name(&error.instance_path),
                error.message.replace('\'', "\"").replace("NOT", "not")
            ),
        }
    }

    /// The last segment of the error's place (as written, still escaped), else of the target's.
    fn property_name(&self, instance_path: &str) -> Option<String> {
        match instance_path.rfind('/') {
            Some(slash) => Some(instance_path[slash + 1..].to_owned()),
            None => self.target_name.clone(),
        }
    }

    /// `"name" property`, or the capitalised JavaScript type of the value (`Object`, `String`).
    fn pretty_name(&self, instance_path: &str) -> String {
        if let Some(name) = self.property_name(instance_path) {
            return format!("\"{name}\" property");
        }
        match self.target.pointer(instance_path) {
            Some(Value::String(_)) => "String",
            Some(Value::Number(_)) => "Number",
            Some(Value::Bool(_)) => "Boolean",
            // `typeof` says "object" for null and arrays too.
            _ => "Object",
        }
        .to_owned()
    }

    /// The allowed string closest to a string value (Levenshtein), when close enough: nearer
    /// than its own length, or the only allowed value.
    fn best_match(&self, instance_path: &str, allowed: &[Value]) -> Option<String> {
        let Some(Value::String(current)) = self.target.pointer(instance_path) else {
            return None;
        };
        let (weight, best) = allowed
            .iter()
            .filter_map(Value::as_str)
            .map(|candidate| (strsim::levenshtein(candidate, current), candidate))
            .min_by_key(|(weight, _)| *weight)?;
        (allowed.len() == 1 || weight < best.chars().count()).then(|| best.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{compiled, here, option_errors, run, run_at};
    use super::tree_places;
    use crate::json;
    use crate::value::Value;

    #[test]
    fn places_are_split_as_better_ajv_errors_splits_them() {
        assert_eq!(tree_places(""), [""]);
        assert_eq!(tree_places("/a/b"), ["/a", "/b"]);
        // A list's items are places beside its siblings, not below the list.
        assert_eq!(tree_places("/d/0"), ["/d/0"]);
        assert_eq!(tree_places("/d/1/e/12"), ["/d/1", "/e/12"]);
        assert_eq!(tree_places("/$x-y_z/0b"), ["/$x-y_z/0"]);
        // What no match covers is passed over; a path nothing matches is one place.
        assert_eq!(tree_places("/a.b/c"), ["/a", "/c"]);
        assert_eq!(tree_places("/@type"), ["/@type"]);
        assert_eq!(tree_places("/é/x"), ["/x"]);
    }

    fn at(message: &str, pointer: &str) -> Vec<(String, String)> {
        vec![(message.to_owned(), pointer.to_owned())]
    }

    fn schema(schema: Value) -> super::super::CoreFunction {
        compiled("schema", json!({ "schema": schema }))
    }

    #[test]
    fn draft_4_exclusive_maximum_is_a_boolean() {
        let draft4 = json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "type": "number", "maximum": 2, "exclusiveMaximum": true,
        });
        assert_eq!(
            run(&schema(draft4.clone()), &json!(2)),
            here("Number must be < 2")
        );
        let auto = compiled("schema", json!({ "schema": draft4, "dialect": "auto" }));
        assert_eq!(run(&auto, &json!(2)), here("Number must be < 2"));
    }

    #[test]
    fn draft_6_and_redundant_escapes() {
        let draft6 =
            json!({ "$schema": "http://json-schema.org/draft-06/schema#", "type": "string" });
        assert_eq!(
            run(&schema(draft6), &json!(2)),
            here("Value type must be string")
        );
        for pattern in ["[\\-_]", "[\\_-]"] {
            let with_pattern = json!({ "$schema": "http://json-schema.org/draft-07/schema#", "type": "string", "pattern": pattern });
            assert_eq!(
                run(&schema(with_pattern), &json!(2)),
                here("Value type must be string")
            );
        }
    }

    #[test]
    fn falsy_values_are_validated() {
        assert_eq!(
            run(&schema(json!({ "type": "number" })), &json!("")),
            here("Value type must be number")
        );
        for value in [json!(0), json!(false), json!(null)] {
            assert_eq!(
                run(&schema(json!({ "type": "string" })), &value),
                here("Value type must be string")
            );
        }
    }

    #[test]
    fn an_absent_target_must_exist() {
        let function = schema(json!({ "type": "string" }));
        assert_eq!(
            run_at(&function, &json!({ "info": {} }), "/info/title"),
            here("\"info.title\" property must exist")
        );
    }

    #[test]
    fn unknown_formats_pass() {
        let function = schema(json!({ "type": "string", "format": "ISO-3166-1 alpha-2" }));
        assert!(run(&function, &json!("some string")).is_empty());
    }

    #[test]
    fn arrays() {
        let function =
            schema(json!({ "type": "array", "items": { "type": "string" }, "maxItems": 1 }));
        assert_eq!(
            run(&function, &json!({ "foo": "bar" })),
            here("Value type must be array")
        );
        assert_eq!(
            run(&function, &json!(["1", "2"])),
            here("Object must not have more than 1 items")
        );
    }

    #[test]
    fn nested_objects_report_their_place() {
        let function = schema(json!({
            "type": "object",
            "properties": { "foo": { "type": "object", "properties": { "bar": { "type": "string" } }, "additionalProperties": false } },
        }));
        assert_eq!(
            run(&function, &json!({ "abc": "string", "foo": { "bar": 0 } })),
            at("\"bar\" property type must be string", "/foo/bar")
        );
        assert_eq!(
            run(
                &function,
                &json!({ "abc": "string", "foo": { "baz": "test" } })
            ),
            at("Property \"baz\" is not expected to be here", "/foo")
        );
        let root = schema(json!({ "additionalProperties": false }));
        assert_eq!(
            run(&root, &json!({ "foo": true })),
            here("Property \"foo\" is not expected to be here")
        );
    }

    #[test]
    fn formats() {
        let email = schema(json!({ "type": "string", "format": "email" }));
        assert_eq!(
            run(&email, &json!("not an email")),
            here("String must match format \"email\"")
        );
        assert!(run(&email, &json!("email@example.com")).is_empty());
        assert!(
            run(
                &schema(json!({ "type": "number", "format": "int32" })),
                &json!(123)
            )
            .is_empty()
        );
        let mixed =
            |format: &str| schema(json!({ "type": ["string", "number"], "format": format }));
        assert_eq!(
            run(&mixed("byte"), &json!("3")),
            here("String must match format \"byte\"")
        );
        assert_eq!(
            run(&mixed("int32"), &json!(2_f64.powi(40))),
            here("Number must match format \"int32\"")
        );
        assert!(run(&mixed("byte"), &json!("MIT3")).is_empty());
        assert!(run(&mixed("int32"), &json!(2_f64.powi(30))).is_empty());
        assert!(run(&mixed("int64"), &json!(2_f64.powi(40))).is_empty());
    }

    #[test]
    fn enums() {
        let strings = schema(
            json!({ "$schema": "http://json-schema.org/draft-07/schema#", "type": "string", "enum": ["foo", "bar"] }),
        );
        assert_eq!(
            run(&strings, &json!("baz")),
            here(
                "String must be equal to one of the allowed values: \"foo\", \"bar\". Did you mean \"bar\"?"
            )
        );
        assert_eq!(run(&strings, &json!(2)), here("Value type must be string"));
        assert_eq!(
            run(&strings, &json!("three")),
            here("String must be equal to one of the allowed values: \"foo\", \"bar\"")
        );
        let integers = schema(json!({ "type": "integer", "enum": [1, 3, 5, 10, 12] }));
        assert_eq!(
            run(&integers, &json!("baz")),
            here("Value type must be integer")
        );
        assert_eq!(
            run(&integers, &json!(2)),
            here("Number must be equal to one of the allowed values: 1, 3, 5, 10, 12")
        );
        let with_null = schema(json!({ "enum": [1, null] }));
        assert_eq!(
            run(&with_null, &json!("baz")),
            here("String must be equal to one of the allowed values: 1, null")
        );
        assert_eq!(
            run(&with_null, &json!(2)),
            here("Number must be equal to one of the allowed values: 1, null")
        );
    }

    #[test]
    fn the_target_lends_its_name_to_errors_at_its_root() {
        let function = schema(json!({ "type": "object", "required": ["name"] }));
        let document = json!({ "info": { "contact": {} } });
        assert_eq!(
            run_at(&function, &document, "/info/contact"),
            here("\"contact\" property must have required property \"name\"")
        );
        assert_eq!(
            run(&function, &json!({})),
            here("Object must have required property \"name\"")
        );
    }

    #[test]
    fn all_errors_reports_every_error() {
        let options = json!({
            "schema": { "type": "object", "properties": { "a": { "type": "string" }, "b": { "minimum": 3 } }, "additionalProperties": false },
            "allErrors": true,
        });
        let function = compiled("schema", options);
        let mut found = run(&function, &json!({ "a": 1, "b": 2, "c": 0, "d": 0 }));
        found.sort();
        assert_eq!(
            found,
            vec![
                (
                    "\"a\" property type must be string".to_owned(),
                    "/a".to_owned()
                ),
                ("\"b\" property must be >= 3".to_owned(), "/b".to_owned()),
                (
                    "Property \"c\" is not expected to be here".to_owned(),
                    String::new()
                ),
                (
                    "Property \"d\" is not expected to be here".to_owned(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn any_of_reports_its_branches() {
        let function = schema(json!({ "anyOf": [{ "type": "string" }, { "type": "number" }] }));
        assert_eq!(
            run(&function, &json!(true)),
            vec![
                ("Value type must be string".to_owned(), String::new()),
                ("Value type must be number".to_owned(), String::new()),
                (
                    "Boolean must match a schema in anyOf. None of the schemas matched, see the other errors reported for this value".to_owned(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn a_list_item_is_named_by_its_index() {
        // Spectral's `describeArrayItem`: not `"0" property type must be integer`.
        let function = schema(json!({
            "type": "array",
            "items": { "type": "object", "required": ["id"] },
        }));
        assert_eq!(
            run(&function, &json!([{}])),
            at("Item at index 0 must have required property \"id\"", "/0")
        );
        let function = schema(json!({ "type": "array", "items": { "type": "integer" } }));
        assert_eq!(
            run(&function, &json!(["7"])),
            at("Item at index 0 must be integer", "/0")
        );
        // A member's name that is no number keeps its wording.
        let function = schema(json!({ "properties": { "a1": { "type": "integer" } } }));
        assert_eq!(
            run(&function, &json!({ "a1": "7" })),
            at("\"a1\" property type must be integer", "/a1")
        );
    }

    #[test]
    fn a_one_of_that_matched_no_branch_says_so_and_one_that_matched_two_does_not() {
        let function = schema(json!({ "oneOf": [{ "type": "string" }, { "type": "number" }] }));
        let failures = run(&function, &json!(true));
        assert_eq!(
            failures.last().unwrap().0,
            "Boolean must match exactly one schema in oneOf. None of the schemas matched, see the other errors reported for this value"
        );
        let function = schema(json!({ "oneOf": [{ "type": "number" }, { "minimum": 1 }] }));
        assert_eq!(
            run(&function, &json!(2)),
            here("Number must match exactly one schema in oneOf")
        );
    }

    #[test]
    fn patterns_are_javascript() {
        let function = schema(json!({ "type": "string", "pattern": "^(?=(a+))\\1b$" }));
        assert!(run(&function, &json!("aab")).is_empty());
        assert_eq!(
            run(&function, &json!("ba")),
            here("String must match pattern \"^(?=(a+))\\1b$\"")
        );
    }

    #[test]
    fn unique_items_names_the_pair() {
        let scalar = schema(json!({ "items": { "type": "number" }, "uniqueItems": true }));
        assert_eq!(
            run(&scalar, &json!([1, 2, 1])),
            here("Object must not have duplicate items (items ## 2 and 0 are identical)")
        );
        let any = schema(json!({ "uniqueItems": true }));
        assert_eq!(
            run(&any, &json!([1, 2, 1])),
            here("Object must not have duplicate items (items ## 0 and 2 are identical)")
        );
    }

    #[test]
    fn option_mistakes() {
        for options in [
            json!({ "schema": { "type": "object" } }),
            json!({ "schema": { "type": "string" }, "dialect": "auto" }),
            json!({ "schema": { "type": "string" }, "allErrors": true }),
            json!({ "schema": { "type": "string" }, "dialect": "draft2019-09", "allErrors": false }),
        ] {
            assert!(
                option_errors("schema", options.clone()).is_empty(),
                "{options}"
            );
        }
        let example = "{ \"schema\": { \"type\": \"object\" } }";
        let dialects =
            "\"dialect\" must be one of: auto, draft4, draft6, draft7, draft2019-09, draft2020-12";
        let cases = [
            (json!(2), vec![("", format!("\"schema\" options must be an object, not a number, e.g. {example}"))]),
            (
                json!({ "schema": { "type": "object" }, "foo": true }),
                vec![("/foo", "\"foo\" is not an option of \"schema\"; its options are: schema, dialect, allErrors, prepareResults".to_owned())],
            ),
            (json!({ "schema": { "type": "object" }, "dialect": "foo" }), vec![("/dialect", dialects.to_owned())]),
            (
                json!({ "schema": { "type": "object" }, "allErrors": null }),
                vec![("/allErrors", "\"allErrors\" must be a boolean (true or false), not null".to_owned())],
            ),
            (
                json!({ "schema": null, "allErrors": null }),
                vec![
                    ("/schema", "\"schema\" must be an object, not null".to_owned()),
                    ("/allErrors", "\"allErrors\" must be a boolean (true or false), not null".to_owned()),
                ],
            ),
            (json!({}), vec![("", "\"schema\" is required".to_owned())]),
        ];
        for (options, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(pointer, message)| (pointer.to_owned(), message))
                .collect();
            assert_eq!(
                option_errors("schema", options.clone()),
                expected,
                "{options}"
            );
        }
    }

    #[test]
    fn a_schema_that_does_not_compile_is_an_option_mistake() {
        let invalid_pattern = option_errors(
            "schema",
            json!({ "schema": { "type": "string", "pattern": "?" } }),
        );
        assert_eq!(invalid_pattern.len(), 1);
        // JavaScript refuses it, as Ajv's `new RegExp` does; the place is the one written.
        assert_eq!(
            invalid_pattern[0],
            (
                "/schema/pattern".to_owned(),
                "\"schema\" is not a valid JSON Schema: Invalid regular expression: /?/: Invalid atom character".to_owned()
            )
        );
        let not_an_array = option_errors("schema", json!({ "schema": { "allOf": null } }));
        assert_eq!(not_an_array.len(), 1);
        assert!(not_an_array[0].0.starts_with("/schema"), "{not_an_array:?}");
        let missing_ref = option_errors("schema", json!({ "schema": { "$ref": "#/foo" } }));
        assert_eq!(missing_ref.len(), 1, "{missing_ref:?}");
    }
}
