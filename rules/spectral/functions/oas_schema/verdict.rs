//! The verdict on an OpenAPI example before any validator is compiled ([`crate::schema_verdict`]),
//! with the schemas read as [`Bundler`] reads them: in the document's draft (4 for OpenAPI 2 and
//! 3.0, 2020-12 for 3.1 unless `jsonSchemaDialect` names another), `nullable` (OpenAPI 2:
//! `x-nullable`) adding `null` to a `type`, the `readOnly` properties a request need
//! not carry and the `writeOnly` ones a response need not, annotations and extensions left out,
//! a local `$ref` standing for its target, and patterns and formats as Ajv checks them.
//!
//! [`Bundler`]: super::Bundler

use super::{ANNOTATIONS, Adjustment, dialect};
use crate::schema_verdict::{Check, Judge, Reading, Verdict};
use crate::spectral::formats::Format;
use crate::spectral::functions::{FunctionContext, format_check};
use crate::value::{Map, Value};
use jsonschema::Draft;
use std::sync::Arc;

/// OpenAPI's reading of the schemas of a document.
#[derive(Clone)]
pub(crate) struct OpenApi<'v> {
    document: &'v Value,
    adjustment: Adjustment,
    oas2: bool,
    draft: Draft,
}

/// The judge of a document's examples, in the draft its schemas are read in.
pub(crate) fn judge<'v>(
    context: &FunctionContext<'v>,
    adjustment: Adjustment,
) -> Option<Judge<'v, OpenApi<'v>>> {
    let reading = OpenApi {
        document: context.document,
        adjustment,
        oas2: context.formats.contains(&Format::Oas2),
        draft: dialect(context).named_draft()?,
    };
    Some(Judge::new(context.document, reading))
}

impl Reading for OpenApi<'_> {
    fn draft(&self) -> Draft {
        self.draft
    }

    /// The bundle puts a local reference's target in place of the whole schema, but in the
    /// drafts that apply the keywords beside it.
    fn reference_alone(&self) -> bool {
        !matches!(self.draft, Draft::Draft201909 | Draft::Draft202012)
    }

    /// The bundle makes a reference the document cannot satisfy `{}`, which accepts anything.
    fn missing_target(&self) -> Verdict {
        Verdict::Valid
    }

    /// The bundle leaves out `$id`, `id` and `$schema` wherever they are.
    fn reads_identities(&self) -> bool {
        false
    }

    fn leaves_out(&self, key: &str) -> bool {
        ANNOTATIONS.contains(&key) || key.starts_with("x-")
    }

    /// OpenAPI 3.0's `nullable`, or OpenAPI 2's `x-nullable`; not told when both are written,
    /// as which one the bundle keeps depends on their order.
    fn nullable(&self, schema: &Map) -> Option<bool> {
        let x_nullable = self.oas2 && schema.get("x-nullable") == Some(&Value::Bool(true));
        if x_nullable && schema.contains_key("nullable") {
            return None;
        }
        Some(x_nullable || schema.get("nullable") == Some(&Value::Bool(true)))
    }

    fn lets_off(&self, schema: &Map, name: &Value) -> bool {
        if !(self.adjustment.relax_read_only || self.adjustment.relax_write_only) {
            return false;
        }
        match schema.get("properties") {
            Some(Value::Object(properties)) => {
                self.adjustment.lets_off(self.document, properties, name)
            }
            _ => false,
        }
    }

    fn leaves_out_boolean_required(&self) -> bool {
        self.adjustment.drop_boolean_required
    }

    fn format(&self, name: &str) -> Option<Check> {
        let check = format_check(name, self.draft).ok()?;
        Some(Arc::new(move |value: &Value| check.accepts_value(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Bundler, Follow};
    use super::*;
    use crate::json;
    use crate::schema_verdict::Verdict::{Invalid, Unsure, Valid};
    use crate::schema_verdict::generated::{Generator, setting};
    use crate::spectral::functions::{Dialect, Schema};

    /// The verdict, checked against the compiled validator wherever it is given.
    fn verdict(
        document: &Value,
        adjustment: Adjustment,
        oas2: bool,
        schema: &Value,
        value: &Value,
    ) -> Verdict {
        compared(document, adjustment, oas2, Dialect::Draft4, schema, value).0
    }

    /// The verdict in `dialect`, and whether it was compared: given, on a bundle that compiles.
    fn compared(
        document: &Value,
        adjustment: Adjustment,
        oas2: bool,
        dialect: Dialect,
        schema: &Value,
        value: &Value,
    ) -> (Verdict, bool) {
        let reading = OpenApi {
            document,
            adjustment,
            oas2,
            draft: dialect
                .named_draft()
                .expect("a dialect that names its draft"),
        };
        let verdict = Judge::new(document, reading).verdict(schema, value);
        if verdict != Unsure {
            let bundled =
                Bundler::new(document, adjustment, oas2, dialect, Follow::Yes).bundle(schema);
            // A bundle that does not compile reports nothing, whatever the verdict.
            if let Ok(compiled) = Schema::new(bundled.to_serde(), dialect, false) {
                assert_eq!(
                    compiled.is_valid(&value.to_serde_as_javascript()),
                    verdict == Valid,
                    "verdict {verdict:?} on {value} against {bundled} in {dialect:?} (document {document}, oas2 {oas2}, relax read {} write {})",
                    adjustment.relax_read_only,
                    adjustment.relax_write_only,
                );
                return (verdict, true);
            }
        }
        (verdict, false)
    }

    fn plain(schema: Value, value: Value) -> Verdict {
        verdict(&json!({}), Adjustment::default(), false, &schema, &value)
    }

    #[test]
    fn keywords_are_judged_as_the_validator_judges_them() {
        let cases = [
            (json!({ "type": "string" }), json!("a"), Valid),
            (json!({ "type": "string" }), json!(1), Invalid),
            (json!({ "type": "integer" }), json!(3), Valid),
            (json!({ "type": "integer" }), json!(2.5), Invalid),
            // As JavaScript holds it, as Ajv judges it: `2.0` is `2`.
            (json!({ "type": "integer" }), json!(2.0), Valid),
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
        let request = Adjustment {
            relax_read_only: true,
            ..Adjustment::default()
        };
        let name_only = json!({ "name": "Rex" });
        assert_eq!(verdict(&document, request, false, &pet, &name_only), Valid);
        assert_eq!(
            verdict(&document, Adjustment::default(), false, &pet, &name_only),
            Invalid
        );
        // OpenAPI 2: `x-nullable`, and a parameter's boolean `required` at the root.
        let oas2 = Adjustment {
            drop_boolean_required: true,
            ..Adjustment::default()
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
            verdict(
                &document,
                Adjustment::default(),
                false,
                &parameter,
                &json!(5)
            ),
            Unsure
        );
    }

    /// Reference cycles that consume nothing of the value end in `Unsure`, not in a loop.
    #[test]
    fn a_cycle_of_references_gives_up() {
        let document = json!({ "a": { "allOf": [{ "$ref": "#/b" }] }, "b": { "$ref": "#/a" } });
        let reading = OpenApi {
            document: &document,
            adjustment: Adjustment::default(),
            oas2: false,
            draft: Draft::Draft4,
        };
        assert_eq!(
            Judge::new(&document, reading).verdict(&json!({ "$ref": "#/a" }), &json!(1)),
            Unsure
        );
    }

    /// `ARCHLINT_VERDICT_SEED` and `ARCHLINT_VERDICT_CASES` search further, for instance
    /// `ARCHLINT_VERDICT_SEED=7 ARCHLINT_VERDICT_CASES=1000000 cargo test --release generated_schemas`.
    #[test]
    fn generated_openapi_schemas_get_the_validators_verdict_or_none() {
        let seed = setting("ARCHLINT_VERDICT_SEED").unwrap_or(0x2545_f491_4f6c_dd1d);
        let total = setting("ARCHLINT_VERDICT_CASES").unwrap_or(10_000);
        let mut generator = Generator(seed);
        let mut compared_cases = 0;
        for _ in 0..total {
            let (document, oas2, adjustment, dialect) =
                super::super::tests::generated_setting(&mut generator, true);
            let schema = generator.schema(0);
            let value = generator.value(0);
            if compared(&document, adjustment, oas2, dialect, &schema, &value).1 {
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
