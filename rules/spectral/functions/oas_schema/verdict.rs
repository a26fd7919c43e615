//! Whether an example is valid against a schema of its document, told without compiling one.
//!
//! Compiling a validator costs far more than one example's check: it copies and compiles every
//! schema the schema references, and most schemas only ever meet valid examples (GitHub's
//! description: 899 schemas judge examples, 109 of them find one invalid). So an example is
//! first judged here, on the schemas as the document writes them, read as [`Bundler`] reads
//! them; only an example found invalid, or one this cannot tell about, goes to the compiled
//! validator, which words the errors.
//!
//! A verdict is only given where it is certain to be the compiled validator's: JSON Schema
//! draft 4 (OpenAPI 2 and 3.0), the keywords below, and numbers compared only where no
//! rounding can decide. Anything else (`patternProperties`, whose patterns the crate compiles
//! with its own engine, `dependencies`, a number written with a fraction where an integer is
//! asked for, a schema that is not an object) answers [`Verdict::Unsure`]. A schema that does
//! not compile needs no care: the validator it would give is none, so nothing is reported
//! either way.
//!
//! [`Bundler`]: super::Bundler

use super::{ANNOTATIONS, Bundle, dialect};
use crate::rules::spectral::functions::{local_ref, pointer_value};
use crate::spectral::formats::Format;
use crate::spectral::functions::{Dialect, FunctionContext};
use crate::spectral::functions::{FormatCheck, compiled_pattern, format_check};
use crate::spectral::pattern::JsPattern;
use jsonschema::Draft;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// What the compiled validator would say of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Valid,
    Invalid,
    /// Not told here: the compiled validator decides.
    Unsure,
}

use Verdict::{Invalid, Unsure, Valid};

impl Verdict {
    /// Both must hold.
    fn and(self, other: impl FnOnce() -> Verdict) -> Verdict {
        match self {
            Invalid => Invalid,
            Valid => other(),
            Unsure => match other() {
                Invalid => Invalid,
                _ => Unsure,
            },
        }
    }

    fn not(self) -> Verdict {
        match self {
            Valid => Invalid,
            Invalid => Valid,
            Unsure => Unsure,
        }
    }

    fn of(valid: bool) -> Verdict {
        if valid { Valid } else { Invalid }
    }
}

/// How deep references and subschemas may nest before the judge gives up: a reference cycle
/// that consumes nothing of the value would otherwise never end.
const MAX_DEPTH: usize = 64;

/// How many schemas one verdict may visit; beyond, the compiled validator is cheaper.
const MAX_STEPS: usize = 20_000;

/// Judges values against the draft 4 schemas of one document, adjusted by a [`Bundle`].
pub(crate) struct Judge<'v> {
    document: &'v Value,
    bundle: Bundle,
    oas2: bool,
    steps: usize,
    patterns: HashMap<String, Option<Arc<JsPattern>>>,
    formats: HashMap<String, Option<FormatCheck>>,
}

impl<'v> Judge<'v> {
    /// The judge of the document's examples, when its schemas are read in draft 4.
    pub(crate) fn of(context: &FunctionContext<'v>, bundle: Bundle) -> Option<Self> {
        if dialect(context) != Dialect::Draft4 {
            return None;
        }
        Some(Judge {
            document: context.document,
            bundle,
            oas2: context.formats.contains(&Format::Oas2),
            steps: 0,
            patterns: HashMap::new(),
            formats: HashMap::new(),
        })
    }

    /// The verdict on `value` against `schema`, a schema of the document, as the root of what
    /// is compiled.
    pub(crate) fn verdict(&mut self, schema: &Value, value: &Value) -> Verdict {
        self.steps = 0;
        self.judge(schema, value, true, 0)
    }

    fn judge(&mut self, schema: &Value, value: &Value, root: bool, depth: usize) -> Verdict {
        self.steps += 1;
        if depth > MAX_DEPTH || self.steps > MAX_STEPS {
            return Unsure;
        }
        let Value::Object(map) = schema else {
            return Unsure;
        };
        if let Some(pointer) = local_ref(schema) {
            // A reference the document cannot satisfy accepts anything, as the bundle says.
            return match pointer_value(self.document, &pointer) {
                Some(target) => self.judge(target, value, false, depth + 1),
                None => Valid,
            };
        }
        let mut verdict = Valid;
        for (key, keyword) in map {
            if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            verdict = verdict.and(|| self.keyword(map, key, keyword, value, root, depth));
            if verdict == Invalid {
                return Invalid;
            }
        }
        verdict
    }

    /// One keyword of a schema (`map`) on `value`.
    fn keyword(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        keyword: &Value,
        value: &Value,
        root: bool,
        depth: usize,
    ) -> Verdict {
        let depth = depth + 1;
        match key {
            "type" => match self.nullable(map) {
                Some(nullable) => type_verdict(keyword, value, nullable),
                None => Unsure,
            },
            "enum" => enum_verdict(keyword, value),
            "required" => self.required(map, keyword, value, root),
            "properties" => self.properties(keyword, value, depth),
            "additionalProperties" => self.additional_properties(map, keyword, value, depth),
            "items" => self.items(keyword, value, depth),
            "additionalItems" => self.additional_items(map, keyword, value, depth),
            "allOf" | "anyOf" | "oneOf" => self.combinator(key, keyword, value, depth),
            "not" => self.judge(keyword, value, false, depth).not(),
            "minLength" | "maxLength" => {
                let Value::String(text) = value else {
                    return Valid;
                };
                count_verdict(key, keyword, text.chars().count())
            }
            "minItems" | "maxItems" => match value {
                Value::Array(items) => count_verdict(key, keyword, items.len()),
                _ => Valid,
            },
            "minProperties" | "maxProperties" => match value {
                Value::Object(members) => count_verdict(key, keyword, members.len()),
                _ => Valid,
            },
            "uniqueItems" => unique_verdict(keyword, value),
            "minimum" | "maximum" => bound_verdict(map, key, keyword, value),
            "multipleOf" => multiple_verdict(keyword, value),
            "pattern" => self.pattern(keyword, value),
            "format" => self.format(keyword, value),
            // Draft 4 validates nothing by these; the bundle drops or rewrites the first two.
            "nullable" | "definitions" | "exclusiveMinimum" | "exclusiveMaximum" => Valid,
            // Keywords draft 4 knows that are not judged here, and a `$ref` into another file.
            "$ref" | "patternProperties" | "dependencies" => Unsure,
            // The crate ignores what draft 4 does not define (`const`, `contains`, ...).
            _ => Valid,
        }
    }

    /// Whether the bundle makes the schema `nullable`: OpenAPI 3.0's keyword, or OpenAPI 2's
    /// `x-nullable`; `None` when both are written, as which the bundle keeps depends on their
    /// order.
    fn nullable(&self, map: &Map<String, Value>) -> Option<bool> {
        let x_nullable = self.oas2 && map.get("x-nullable") == Some(&Value::Bool(true));
        if x_nullable && map.contains_key("nullable") {
            return None;
        }
        Some(x_nullable || map.get("nullable") == Some(&Value::Bool(true)))
    }

    fn required(
        &mut self,
        map: &Map<String, Value>,
        keyword: &Value,
        value: &Value,
        root: bool,
    ) -> Verdict {
        let names = match keyword {
            Value::Array(names) => names,
            // OpenAPI 2's parameter flag, which the bundle leaves out at the root.
            Value::Bool(_) if root && self.bundle.drop_boolean_required => return Valid,
            _ => return Unsure,
        };
        let Value::Object(members) = value else {
            return Valid;
        };
        let relaxing = self.bundle.relax_read_only || self.bundle.relax_write_only;
        let properties = match map.get("properties") {
            Some(Value::Object(properties)) if relaxing => Some(properties),
            _ => None,
        };
        let mut verdict = Valid;
        for name in names {
            let Value::String(text) = name else {
                return Unsure;
            };
            if members.contains_key(text) {
                continue;
            }
            if properties
                .is_some_and(|properties| self.bundle.lets_off(self.document, properties, name))
            {
                continue;
            }
            verdict = Invalid;
        }
        verdict
    }

    fn properties(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let (Value::Object(schemas), Value::Object(members)) = (keyword, value) else {
            return if keyword.is_object() { Valid } else { Unsure };
        };
        let mut verdict = Valid;
        for (name, member) in members {
            if let Some(schema) = schemas.get(name) {
                verdict = verdict.and(|| self.judge(schema, member, false, depth));
                if verdict == Invalid {
                    return Invalid;
                }
            }
        }
        verdict
    }

    fn additional_properties(
        &mut self,
        map: &Map<String, Value>,
        keyword: &Value,
        value: &Value,
        depth: usize,
    ) -> Verdict {
        if map.contains_key("patternProperties") {
            return Unsure;
        }
        let Value::Object(members) = value else {
            return Valid;
        };
        let declared = match map.get("properties") {
            Some(Value::Object(declared)) => Some(declared),
            None => None,
            Some(_) => return Unsure,
        };
        let mut extra = members
            .iter()
            .filter(|(name, _)| declared.is_none_or(|declared| !declared.contains_key(*name)));
        match keyword {
            Value::Bool(true) => Valid,
            Value::Bool(false) => Verdict::of(extra.next().is_none()),
            Value::Object(_) => {
                let mut verdict = Valid;
                for (_, member) in extra {
                    verdict = verdict.and(|| self.judge(keyword, member, false, depth));
                    if verdict == Invalid {
                        return Invalid;
                    }
                }
                verdict
            }
            _ => Unsure,
        }
    }

    fn items(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Array(elements) = value else {
            return if keyword.is_object() || keyword.is_array() {
                Valid
            } else {
                Unsure
            };
        };
        match keyword {
            Value::Object(_) => {
                let mut verdict = Valid;
                for element in elements {
                    verdict = verdict.and(|| self.judge(keyword, element, false, depth));
                    if verdict == Invalid {
                        return Invalid;
                    }
                }
                verdict
            }
            // A tuple: what follows it is `additionalItems`' to say.
            Value::Array(schemas) => {
                let mut verdict = Valid;
                for (schema, element) in schemas.iter().zip(elements) {
                    verdict = verdict.and(|| self.judge(schema, element, false, depth));
                    if verdict == Invalid {
                        return Invalid;
                    }
                }
                verdict
            }
            _ => Unsure,
        }
    }

    /// `additionalItems`: the items after a tuple of `items`; nothing without one.
    fn additional_items(
        &mut self,
        map: &Map<String, Value>,
        keyword: &Value,
        value: &Value,
        depth: usize,
    ) -> Verdict {
        let (Some(Value::Array(tuple)), Value::Array(elements)) = (map.get("items"), value) else {
            return Valid;
        };
        let extra = elements.get(tuple.len()..).unwrap_or_default();
        match keyword {
            Value::Bool(allowed) => Verdict::of(*allowed || extra.is_empty()),
            Value::Object(_) => {
                let mut verdict = Valid;
                for element in extra {
                    verdict = verdict.and(|| self.judge(keyword, element, false, depth));
                    if verdict == Invalid {
                        return Invalid;
                    }
                }
                verdict
            }
            _ => Unsure,
        }
    }

    fn combinator(&mut self, key: &str, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Array(schemas) = keyword else {
            return Unsure;
        };
        if schemas.is_empty() {
            return Unsure;
        }
        match key {
            "allOf" => {
                let mut verdict = Valid;
                for schema in schemas {
                    verdict = verdict.and(|| self.judge(schema, value, false, depth));
                    if verdict == Invalid {
                        return Invalid;
                    }
                }
                verdict
            }
            "anyOf" => {
                let mut verdict = Invalid;
                for schema in schemas {
                    match self.judge(schema, value, false, depth) {
                        Valid => return Valid,
                        Unsure => verdict = Unsure,
                        Invalid => {}
                    }
                }
                verdict
            }
            _ => {
                let mut valid = 0;
                for schema in schemas {
                    match self.judge(schema, value, false, depth) {
                        Valid => valid += 1,
                        Unsure => return Unsure,
                        Invalid => {}
                    }
                }
                Verdict::of(valid == 1)
            }
        }
    }

    fn pattern(&mut self, keyword: &Value, value: &Value) -> Verdict {
        let Value::String(source) = keyword else {
            return Unsure;
        };
        if !self.patterns.contains_key(source) {
            let pattern = compiled_pattern(source).ok();
            self.patterns.insert(source.clone(), pattern);
        }
        match (&self.patterns[source], value) {
            (None, _) => Unsure,
            (Some(pattern), Value::String(text)) => Verdict::of(pattern.is_match(text)),
            (Some(_), _) => Valid,
        }
    }

    fn format(&mut self, keyword: &Value, value: &Value) -> Verdict {
        let Value::String(name) = keyword else {
            return Unsure;
        };
        if !self.formats.contains_key(name) {
            let check = format_check(name, Draft::Draft4).ok();
            self.formats.insert(name.clone(), check);
        }
        match &self.formats[name] {
            Some(check) => Verdict::of(check.accepts(value)),
            None => Unsure,
        }
    }
}

/// `type`, one name or a list, `null` added when the schema is `nullable` (as the bundle adds
/// it, to a `type` that is written).
fn type_verdict(keyword: &Value, value: &Value, nullable: bool) -> Verdict {
    let names: Vec<&str> = match keyword {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) if !names.is_empty() => {
            match names.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                Some(names) => names,
                None => return Unsure,
            }
        }
        _ => return Unsure,
    };
    const NAMES: [&str; 7] = [
        "null", "boolean", "object", "array", "number", "string", "integer",
    ];
    if names.iter().any(|name| !NAMES.contains(name)) {
        return Unsure;
    }
    let has = |wanted: &str| names.contains(&wanted);
    match value {
        Value::Null => Verdict::of(has("null") || nullable),
        Value::Bool(_) => Verdict::of(has("boolean")),
        Value::Object(_) => Verdict::of(has("object")),
        Value::Array(_) => Verdict::of(has("array")),
        Value::String(_) => Verdict::of(has("string")),
        Value::Number(number) => {
            if has("number") || has("integer") && (number.is_i64() || number.is_u64()) {
                Valid
            } else if has("integer") && number.as_f64().is_some_and(|n| n.fract() == 0.0) {
                // Draft 4 goes by how the number is written, which the value no longer says.
                Unsure
            } else {
                Invalid
            }
        }
    }
}

/// `enum`: a value equal to an allowed one is valid; one equal to none only where no number's
/// form (`1` and `1.0`) could make the crate find it equal after all.
fn enum_verdict(keyword: &Value, value: &Value) -> Verdict {
    let Value::Array(allowed) = keyword else {
        return Unsure;
    };
    if allowed.is_empty() {
        return Unsure;
    }
    if allowed.contains(value) {
        return Valid;
    }
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => Invalid,
        _ => Unsure,
    }
}

/// The `min…`/`max…` counts of a string's characters, an array's items or an object's members.
fn count_verdict(key: &str, keyword: &Value, count: usize) -> Verdict {
    let Some(limit) = keyword.as_u64() else {
        return Unsure;
    };
    let count = count as u64;
    Verdict::of(if key.starts_with("min") {
        count >= limit
    } else {
        count <= limit
    })
}

/// `uniqueItems`, told where equality cannot depend on a number's form.
fn unique_verdict(keyword: &Value, value: &Value) -> Verdict {
    match (keyword, value) {
        (Value::Bool(false), _) => Valid,
        (Value::Bool(true), Value::Array(items)) => {
            let plain = |item: &Value| match item {
                Value::Null | Value::Bool(_) | Value::String(_) => true,
                Value::Number(number) => number.is_i64() || number.is_u64(),
                _ => false,
            };
            if items.len() < 2 {
                Valid
            } else if items.iter().all(plain) {
                let distinct = items
                    .iter()
                    .enumerate()
                    .all(|(index, item)| !items[..index].contains(item));
                Verdict::of(distinct)
            } else {
                Unsure
            }
        }
        (Value::Bool(true), _) => Valid,
        _ => Unsure,
    }
}

/// Draft 4's `minimum` and `maximum`, exclusive when `exclusiveMinimum`/`exclusiveMaximum` is
/// `true` beside them.
fn bound_verdict(map: &Map<String, Value>, key: &str, keyword: &Value, value: &Value) -> Verdict {
    let Value::Number(limit) = keyword else {
        return Unsure;
    };
    let Value::Number(number) = value else {
        return Valid;
    };
    let Some(order) = compare(number, limit) else {
        return Unsure;
    };
    let exclusive_key = if key == "minimum" {
        "exclusiveMinimum"
    } else {
        "exclusiveMaximum"
    };
    let exclusive = map.get(exclusive_key) == Some(&Value::Bool(true));
    use std::cmp::Ordering::{Equal, Greater, Less};
    Verdict::of(match (key == "minimum", order, exclusive) {
        (_, Equal, exclusive) => !exclusive,
        (true, Greater, _) | (false, Less, _) => true,
        _ => false,
    })
}

/// `multipleOf`, told for whole numbers only.
fn multiple_verdict(keyword: &Value, value: &Value) -> Verdict {
    let Value::Number(number) = value else {
        return Valid;
    };
    match (whole(number), keyword.as_number().and_then(whole)) {
        (Some(number), Some(divisor)) if divisor > 0 => Verdict::of(number % divisor == 0),
        _ => Unsure,
    }
}

fn whole(number: &Number) -> Option<i128> {
    number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from))
}

/// The order of two numbers, where it is certain: both whole, or both exact as `f64`.
fn compare(left: &Number, right: &Number) -> Option<std::cmp::Ordering> {
    if let (Some(left), Some(right)) = (whole(left), whole(right)) {
        return Some(left.cmp(&right));
    }
    // A whole number past 2^53 may not be exact as an `f64`.
    const EXACT: i128 = 1 << 53;
    let exact = |number: &Number| whole(number).is_none_or(|whole| whole.abs() <= EXACT);
    if !(exact(left) && exact(right)) {
        return None;
    }
    left.as_f64()?.partial_cmp(&right.as_f64()?)
}

#[cfg(test)]
mod tests {
    use super::super::{Bundler, Follow};
    use super::*;
    use crate::spectral::functions::Schema;
    use serde_json::json;

    /// The verdict, checked against the compiled validator wherever it is given.
    fn verdict(
        document: &Value,
        bundle: Bundle,
        oas2: bool,
        schema: &Value,
        value: &Value,
    ) -> Verdict {
        compared(document, bundle, oas2, schema, value).0
    }

    /// The verdict, and whether it was compared: given, on a bundle that compiles.
    fn compared(
        document: &Value,
        bundle: Bundle,
        oas2: bool,
        schema: &Value,
        value: &Value,
    ) -> (Verdict, bool) {
        let mut judge = Judge {
            document,
            bundle,
            oas2,
            steps: 0,
            patterns: HashMap::new(),
            formats: HashMap::new(),
        };
        let verdict = judge.verdict(schema, value);
        if verdict != Unsure {
            let bundled = Bundler::new(document, bundle, oas2, Follow::Yes).bundle(schema);
            // A bundle that does not compile reports nothing, whatever the verdict.
            if let Ok(compiled) = Schema::new(bundled.clone(), Dialect::Draft4, false) {
                assert_eq!(
                    compiled.is_valid(value),
                    verdict == Valid,
                    "verdict {verdict:?} on {value} against {bundled} (document {document}, oas2 {oas2}, relax read {} write {})",
                    bundle.relax_read_only,
                    bundle.relax_write_only,
                );
                return (verdict, true);
            }
        }
        (verdict, false)
    }

    fn plain(schema: Value, value: Value) -> Verdict {
        verdict(&json!({}), Bundle::default(), false, &schema, &value)
    }

    #[test]
    fn keywords_are_judged_as_the_validator_judges_them() {
        let cases = [
            (json!({ "type": "string" }), json!("a"), Valid),
            (json!({ "type": "string" }), json!(1), Invalid),
            (json!({ "type": "integer" }), json!(3), Valid),
            (json!({ "type": "integer" }), json!(2.5), Invalid),
            (json!({ "type": "integer" }), json!(2.0), Unsure),
            (
                json!({ "type": "string", "nullable": true }),
                json!(null),
                Valid,
            ),
            (
                json!({ "nullable": true, "enum": ["a"] }),
                json!(null),
                Invalid,
            ),
            (
                json!({ "type": "object", "required": ["id"] }),
                json!({}),
                Invalid,
            ),
            (
                json!({ "properties": { "a": { "type": "string" } } }),
                json!({ "a": 1 }),
                Invalid,
            ),
            (
                json!({ "properties": { "a": {} }, "additionalProperties": false }),
                json!({ "b": 1 }),
                Invalid,
            ),
            (
                json!({ "patternProperties": { "^a": {} }, "additionalProperties": false }),
                json!({ "b": 1 }),
                Unsure,
            ),
            (
                json!({ "items": { "type": "integer" }, "maxItems": 2 }),
                json!([1, 2]),
                Valid,
            ),
            (
                json!({ "items": [{}], "additionalItems": false }),
                json!([1, 2]),
                Invalid,
            ),
            (
                json!({ "oneOf": [{ "type": "integer" }, { "minimum": 0 }] }),
                json!(3),
                Invalid,
            ),
            (
                json!({ "anyOf": [{ "type": "integer" }, { "pattern": "^a" }] }),
                json!("ab"),
                Valid,
            ),
            (json!({ "not": { "type": "string" } }), json!("a"), Invalid),
            (
                json!({ "minimum": 2, "exclusiveMinimum": true }),
                json!(2),
                Invalid,
            ),
            (json!({ "maxLength": 2 }), json!("éé"), Valid),
            (
                json!({ "format": "int32" }),
                json!(4_294_967_296_u64),
                Invalid,
            ),
            (
                json!({ "format": "date-time" }),
                json!("yesterday"),
                Invalid,
            ),
            (json!({ "pattern": "^\\d+$" }), json!("12"), Valid),
            (json!({ "uniqueItems": true }), json!(["a", "a"]), Invalid),
            (json!({ "uniqueItems": true }), json!([1, 1.0]), Unsure),
            // Draft 4 has no `const`; the validator ignores it, as Ajv does in draft 4.
            (json!({ "const": 1 }), json!(2), Valid),
            (json!({ "$ref": "#/nowhere" }), json!(2), Valid),
            (json!({ "$ref": "other.yaml#/a" }), json!(2), Unsure),
        ];
        for (schema, value, expected) in cases {
            assert_eq!(
                plain(schema.clone(), value.clone()),
                expected,
                "{value} against {schema}"
            );
        }
    }

    #[test]
    fn the_bundles_adjustments_are_judged_too() {
        let document = json!({ "components": { "schemas": {
            "Id": { "type": "string", "readOnly": true },
            "Pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": { "id": { "$ref": "#/components/schemas/Id" }, "name": {} }
            }
        } } });
        let pet = json!({ "$ref": "#/components/schemas/Pet" });
        let request = Bundle {
            relax_read_only: true,
            ..Bundle::default()
        };
        let name_only = json!({ "name": "Rex" });
        assert_eq!(verdict(&document, request, false, &pet, &name_only), Valid);
        assert_eq!(
            verdict(&document, Bundle::default(), false, &pet, &name_only),
            Invalid
        );
        // OpenAPI 2: `x-nullable`, and a parameter's boolean `required` at the root.
        let oas2 = Bundle {
            drop_boolean_required: true,
            ..Bundle::default()
        };
        let parameter = json!({ "type": "integer", "x-nullable": true, "required": true });
        assert_eq!(
            verdict(&document, oas2, true, &parameter, &json!(null)),
            Valid
        );
        assert_eq!(
            verdict(&document, oas2, true, &parameter, &json!("a")),
            Invalid
        );
        // Elsewhere a boolean `required` does not compile, and the verdict is left to the validator.
        assert_eq!(
            verdict(&document, Bundle::default(), false, &parameter, &json!(5)),
            Unsure
        );
    }

    /// Reference cycles that consume nothing of the value end in `Unsure`, not in a loop.
    #[test]
    fn a_cycle_of_references_gives_up() {
        let document = json!({ "a": { "allOf": [{ "$ref": "#/b" }] }, "b": { "$ref": "#/a" } });
        let mut judge = Judge {
            document: &document,
            bundle: Bundle::default(),
            oas2: false,
            steps: 0,
            patterns: HashMap::new(),
            formats: HashMap::new(),
        };
        assert_eq!(judge.verdict(&json!({ "$ref": "#/a" }), &json!(1)), Unsure);
    }

    /// A small deterministic generator of schemas and values, to compare the verdicts with the
    /// compiled validator on many more shapes than the cases above.
    struct Generator(u64);

    impl Generator {
        fn next(&mut self, below: u64) -> u64 {
            // xorshift64*: enough spread for picking shapes.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) % below
        }

        fn pick(&mut self, choices: &[Value]) -> Value {
            choices[self.next(choices.len() as u64) as usize].clone()
        }

        fn value(&mut self, depth: u32) -> Value {
            let scalars = [
                json!(null),
                json!(true),
                json!(false),
                json!(0),
                json!(1),
                json!(2),
                json!(3),
                json!(-1),
                json!(100),
                json!(u64::MAX),
                json!(i64::MIN),
                json!(1.0),
                json!(2.5),
                json!(-0.0),
                json!(1e300),
                json!(""),
                json!("a"),
                json!("ab"),
                json!("abc"),
                json!("é"),
                json!("2020-01-01T00:00:00Z"),
                json!("a@b.co"),
                json!("http://x/y"),
                json!("QUJD"),
                json!("not base64!"),
                json!("12"),
            ];
            match self.next(if depth > 2 { 2 } else { 6 }) {
                0 => json!(null),
                1..=3 => self.pick(&scalars),
                4 => Value::Array((0..self.next(4)).map(|_| self.value(depth + 1)).collect()),
                _ => {
                    let mut members = Map::new();
                    for _ in 0..self.next(4) {
                        let key = ["a", "b", "c", "d"][self.next(4) as usize];
                        members.insert(key.to_owned(), self.value(depth + 1));
                    }
                    Value::Object(members)
                }
            }
        }

        fn schema(&mut self, depth: u32) -> Value {
            let mut map = Map::new();
            let keywords = if depth > 2 { 1 } else { 1 + self.next(3) };
            for _ in 0..keywords {
                let (key, keyword) = self.keyword(depth);
                map.insert(key.to_owned(), keyword);
            }
            // Keywords that only mean something together.
            for (bound, flag) in [
                ("minimum", "exclusiveMinimum"),
                ("maximum", "exclusiveMaximum"),
            ] {
                if map.contains_key(bound) && self.next(2) == 0 {
                    map.insert(flag.to_owned(), json!(true));
                }
            }
            if map.contains_key("type") && self.next(3) == 0 {
                let key = if self.next(2) == 0 {
                    "nullable"
                } else {
                    "x-nullable"
                };
                map.insert(key.to_owned(), json!(true));
            }
            if map.contains_key("properties") && self.next(2) == 0 {
                map.insert("required".to_owned(), json!(["a", "b"]));
            }
            Value::Object(map)
        }

        fn schemas(&mut self, depth: u32) -> Value {
            Value::Array(
                (0..1 + self.next(3))
                    .map(|_| self.schema(depth + 1))
                    .collect(),
            )
        }

        fn keyword(&mut self, depth: u32) -> (&'static str, Value) {
            let count = json!([0, 1, 2, 3, 1.5, -1]);
            let numbers = [
                json!(0),
                json!(1),
                json!(2),
                json!(-1),
                json!(2.5),
                json!(1.0),
                json!(u64::MAX),
            ];
            let count = self.pick(count.as_array().unwrap());
            match self.next(24) {
                0 => (
                    "type",
                    self.pick(&[
                        json!("string"),
                        json!("integer"),
                        json!("number"),
                        json!("boolean"),
                        json!("object"),
                        json!("array"),
                        json!("null"),
                        json!(["string", "null"]),
                        json!(["integer", "string"]),
                        json!("thing"),
                        json!([]),
                    ]),
                ),
                1 => (
                    "nullable",
                    self.pick(&[json!(true), json!(false), json!("yes")]),
                ),
                2 => ("x-nullable", json!(true)),
                3 => (
                    "enum",
                    Value::Array((0..self.next(4)).map(|_| self.value(2)).collect()),
                ),
                4 => {
                    let mut properties = Map::new();
                    for name in ["a", "b"] {
                        let property = match self.next(4) {
                            0 => continue,
                            1 => json!({ "type": "string", "readOnly": true }),
                            2 => json!({ "writeOnly": true }),
                            _ => self.schema(depth + 1),
                        };
                        properties.insert(name.to_owned(), property);
                    }
                    ("properties", Value::Object(properties))
                }
                5 => (
                    "required",
                    self.pick(&[
                        json!(["a"]),
                        json!(["a", "b"]),
                        json!([]),
                        json!(true),
                        json!([1]),
                    ]),
                ),
                6 => (
                    "additionalProperties",
                    match self.next(3) {
                        0 => json!(false),
                        1 => json!(true),
                        _ => self.schema(depth + 1),
                    },
                ),
                7 => (
                    "items",
                    if self.next(2) == 0 {
                        self.schema(depth + 1)
                    } else {
                        self.schemas(depth)
                    },
                ),
                8 => (
                    "additionalItems",
                    if self.next(2) == 0 {
                        json!(false)
                    } else {
                        self.schema(depth + 1)
                    },
                ),
                9 => (
                    ["minLength", "maxLength", "minItems", "maxItems"][self.next(4) as usize],
                    count,
                ),
                10 => (
                    ["minProperties", "maxProperties"][self.next(2) as usize],
                    count,
                ),
                11 => (
                    ["minimum", "maximum"][self.next(2) as usize],
                    self.pick(&numbers),
                ),
                12 => (
                    ["exclusiveMinimum", "exclusiveMaximum"][self.next(2) as usize],
                    json!(true),
                ),
                13 => (
                    "multipleOf",
                    self.pick(&[json!(2), json!(3), json!(0.5), json!(0)]),
                ),
                14 => (
                    "pattern",
                    self.pick(&[json!("^a"), json!("^\\d+$"), json!("b"), json!("(")]),
                ),
                15 => (
                    "format",
                    self.pick(&[
                        json!("date-time"),
                        json!("email"),
                        json!("uri"),
                        json!("int32"),
                        json!("int64"),
                        json!("byte"),
                        json!("password"),
                        json!("made-up"),
                        json!(3),
                    ]),
                ),
                16 => (
                    ["allOf", "anyOf", "oneOf"][self.next(3) as usize],
                    self.schemas(depth),
                ),
                17 => ("not", self.schema(depth + 1)),
                18 => (
                    "$ref",
                    self.pick(&[
                        json!("#/components/schemas/A"),
                        json!("#/components/schemas/B"),
                        json!("#/components/schemas/Missing"),
                        json!("#/components/schemas/A/properties/a"),
                        json!("other.yaml#/x"),
                        json!(5),
                    ]),
                ),
                19 => (
                    ["const", "contains", "made-up"][self.next(3) as usize],
                    self.value(2),
                ),
                20 => (
                    ["readOnly", "writeOnly", "description", "x-extra"][self.next(4) as usize],
                    json!(true),
                ),
                21 => ("uniqueItems", self.pick(&[json!(true), json!(false)])),
                22 => ("patternProperties", json!({ "^a": { "type": "string" } })),
                _ => ("dependencies", json!({ "a": ["b"] })),
            }
        }
    }

    /// `ARCHLINT_VERDICT_SEED` and `ARCHLINT_VERDICT_CASES` search further, for instance
    /// `ARCHLINT_VERDICT_SEED=7 ARCHLINT_VERDICT_CASES=1000000 cargo test --release generated_schemas`.
    #[test]
    fn generated_schemas_get_the_validators_verdict_or_none() {
        let setting = |name| {
            std::env::var(name)
                .ok()
                .and_then(|value| value.parse().ok())
        };
        let seed = setting("ARCHLINT_VERDICT_SEED").unwrap_or(0x2545_f491_4f6c_dd1d);
        let total = setting("ARCHLINT_VERDICT_CASES").unwrap_or(10_000);
        let mut generator = Generator(seed);
        let mut compared_cases = 0;
        for _ in 0..total {
            let document = json!({ "components": { "schemas": {
                "A": generator.schema(1),
                "B": generator.schema(1),
            } } });
            let oas2 = generator.next(2) == 0;
            let bundle = Bundle {
                relax_read_only: generator.next(3) == 0,
                relax_write_only: generator.next(3) == 0,
                drop_boolean_required: oas2,
            };
            let schema = generator.schema(0);
            let value = generator.value(0);
            if compared(&document, bundle, oas2, &schema, &value).1 {
                compared_cases += 1;
            }
        }
        // Many schemas are broken on purpose; enough are told and compiled for this to count.
        assert!(
            compared_cases > total / 4,
            "only {compared_cases} of {total} compared"
        );
    }
}
