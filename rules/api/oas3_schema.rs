use crate::diagnostic::Finding;
use crate::load::DocumentRef;
use crate::load::Workspace;
use crate::load::document::{push_pointer_token, unescape_token, value_at};
use crate::load::kind::DocumentKind;
use crate::load::references::References;
use crate::model::apis::{self, ApiVersion, Judged, OtherKind};
use crate::rules::{Context, Prepared, Rule, declare_rule};
use crate::schemas::{Schema, Violation};
use crate::value::Value;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it reports
    /// An OpenAPI 3.0, 3.1 or 3.2 document that breaks the structure the specification gives its
    /// version: a required field missing (`info.version`, a response's `description`), a value of
    /// the wrong type, a key the object does not have, a path parameter not marked `required`. Each
    /// problem is reported at the offending key or value, with its cause, not as "did not match
    /// any of the alternatives". It carries Spectral's name, so configurations carry over.
    ///
    /// The structure is archlint's own JSON Schema per version (`schemas/openapi-3.0.schema.json`,
    /// `schemas/openapi-3.1.schema.json`, `schemas/openapi-3.2.schema.json`), written from the
    /// specification. A document of a later version (`openapi: 3.3.0`) is not judged by an
    /// earlier structure: archlint says, on stderr, that it does not read it, as it says of
    /// AsyncAPI 4. Under 3.1 and 3.2, a Schema
    /// Object is judged against the JSON Schema 2020-12 meta-schema (a `type` that names no type,
    /// an `additionalProperties` that is no schema), as OpenAPI's default dialect reads it, with
    /// the `discriminator`, `xml` and `externalDocs` OpenAPI adds (not in a nested schema); one
    /// with its own `$schema`, and every one of a document whose `jsonSchemaDialect` names
    /// another dialect, is not judged. Swagger 2.0 documents are recognised but not judged by it
    /// (`oas2-schema` does). A value's `format` is not asserted: `contact.email` must be a
    /// string, where Spectral's Ajv also asks it to look like an address with a dot in its
    /// domain. A Security Scheme without a valid `type` is reported with each key no scheme has,
    /// where Spectral reports only that the type is not valid.
    ///
    /// A `$ref` is followed wherever it is written, as Redocly and every bundler follow it: what
    /// it leads to (a path item in `paths/pets.yaml`, an operation in `resources/list.yml`, a
    /// schema in `schemas/pet.yaml`, a tag's description in `description.yml`) is judged as what
    /// the place of the `$ref` says it is, and reported in the file where it is written. The
    /// `$ref` itself is never an error here, even where the specification offers no Reference
    /// Object: `nonstandard-ref` says that once, as a warning. A `$ref` that leads to another
    /// kind of object than its place expects (a Schema Object where a Parameter Object belongs, a
    /// Parameter Object where a Header Object does) is reported once, at the `$ref`, with the
    /// object it leads to and the first ways that object fails to be the expected one; not as
    /// each of them inside an object that is valid as what it is. (Spectral checks the document
    /// with its references unresolved and says nothing.)
    ///
    /// This rule is kept in place of Spectral's `oas3-schema`: the `spectral:oas` ruleset built
    /// into archlint (`rules/spectral/oas.yaml`) has every other rule of Spectral's, and for
    /// this one names archlint's, which does the same job (the document against its version's
    /// structure) but reports each problem at the offending key with its leaf cause, in the
    /// file where it is written, where Spectral reports ajv's errors, often at a `$ref`'s target
    /// (stoplightio/spectral#2423). `oas3-schema: "off"` under `rules:` in `archlint.yaml` turns
    /// it off, as it turned Spectral's off.
    ///
    /// ## Why it matters
    /// Tools that read the document (code generators, gateways, documentation) reject it or,
    /// worse, silently drop what they do not understand.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.0.3
    /// info: {title: Orders}          # no version
    /// paths:
    ///   /orders/{id}:
    ///     get:
    ///       responses: {'200': {description: the order}}
    ///       summry: Get an order     # a typo: not a field of an operation
    /// ```
    ///
    /// ## Fix
    /// Correct the document where the diagnostic points; the message names what the
    /// specification expects there.
    ///
    /// ## Options
    /// None.
    pub struct Oas3Schema {
        name: "oas3-schema",
        family: Api,
        severity: Error,
        summary: "an OpenAPI 3.x document that breaks the OpenAPI meta-schema for its version, at the offending path",
    }
}

/// The violations of each description as a whole (by its index among the documents), judged
/// against its version's structure before the model was built.
type Whole = HashMap<usize, (ApiVersion, Vec<Violation>)>;

impl Rule for Oas3Schema {
    /// Each description judged as a whole, which needs neither the model nor the references:
    /// GitHub's 13 MB description is most of this rule's work, and the model as long to build.
    fn prepare(&self, workspace: &Workspace) -> Option<Prepared> {
        let whole: Whole = workspace
            .documents
            .par_iter()
            .enumerate()
            .filter(|(_, document)| document.kind == DocumentKind::OpenApi)
            .filter_map(|(index, document)| {
                let version = apis::version(&document.value);
                let violations = version.schema()?.place_violations("", document, "");
                Some((index, (version, violations)))
            })
            .collect();
        Some(Box::new(whole))
    }

    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let references = &workspace.references;
        let whole = context
            .prepared
            .and_then(|prepared| prepared.downcast_ref::<Whole>());
        let mut judged = HashSet::new();
        let mut to_judge = Vec::new();
        for api in &context.model.apis {
            let Some(schema) = api.version.schema() else {
                continue;
            };
            let other_dialect = names_another_dialect(&workspace.documents[api.document].value);
            for object in &api.objects {
                // A file two documents lead to is judged once.
                if judged.insert((object.at, &object.pointer, &object.place, api.version)) {
                    to_judge.push((schema, api.version, other_dialect, object));
                }
            }
        }
        // The objects side by side (a repository of many descriptions has hundreds of thousands),
        // their violations kept in the order above.
        let judged: Vec<(&Judged, Vec<Violation>)> = to_judge
            .par_iter()
            .map(|&(schema, version, other_dialect, object)| {
                let document = workspace.document(object.at);
                let judged_whole = match object.at {
                    DocumentRef::Architecture(index)
                        if object.pointer.is_empty() && object.place.stands_for.is_empty() =>
                    {
                        whole.and_then(|whole| whole.get(&index))
                    }
                    _ => None,
                };
                let violations = match judged_whole {
                    Some((judged_as, violations)) if *judged_as == version => violations.clone(),
                    _ => {
                        schema.place_violations(&object.place.stands_for, document, &object.pointer)
                    }
                };
                let violations = violations
                    .into_iter()
                    .filter(|violation| !about_a_reference(references, object.at, violation))
                    .filter(|violation| {
                        !(other_dialect
                            && inside_a_schema(schema, &document.value, object, violation))
                    })
                    .collect();
                (object, violations)
            })
            .collect();
        judged
            .into_iter()
            .flat_map(|(object, violations)| match &object.other_kind {
                Some(other_kind) if !violations.is_empty() => other_kind
                    .sites
                    .iter()
                    .map(|&site| of_another_kind(workspace, object, site, other_kind, &violations))
                    .collect::<Vec<_>>(),
                _ => violations.into_iter().map(structure_finding).collect(),
            })
            .collect()
    }
}

fn structure_finding(violation: Violation) -> Finding {
    Finding::new(Oas3Schema::NAME, violation.span, violation.message)
        .note(
            "tools that read the document reject it, or silently drop what they do not understand",
        )
        .help("correct it as the OpenAPI specification says for this object")
}

/// One finding at a `$ref` (the index of its site) that leads to another kind of object than
/// its place expects (a Schema Object where a Parameter Object is expected), in place of each
/// way that object fails to be what it is not: the reference is the mistake, not the object.
fn of_another_kind(
    workspace: &Workspace,
    object: &Judged,
    site: usize,
    other_kind: &OtherKind,
    violations: &[Violation],
) -> Finding {
    let site = &workspace.references.sites[site];
    let expected = object.place.describe();
    let is = other_kind.is.describe();
    let target = workspace
        .document(object.at)
        .focus_or_key(&object.pointer, true);
    let finding = Finding::new(
        Oas3Schema::NAME,
        site.span,
        format!(
            "`{}` leads to {is}, where {expected} is expected",
            site.reference
        ),
    )
    .primary_message(format!("{expected} is expected here"))
    .label(target, is);
    let mut causes: Vec<&str> = violations
        .iter()
        .map(|violation| violation.message.as_str())
        .collect();
    causes.dedup();
    let shown = causes.len().min(MAX_CAUSES_SHOWN);
    let more = match causes.len() - shown {
        0 => String::new(),
        more => format!(" (and {more} more)"),
    };
    finding
        .note(format!(
            "read as {expected}, it breaks the structure: {}{more}",
            causes[..shown].join("; ")
        ))
        .help("point the `$ref` at the object meant, or write it where it is used")
}

/// How many of the ways a referenced object of another kind fails are named in its finding.
const MAX_CAUSES_SHOWN: usize = 3;

/// Whether a violation is about a `$ref` rather than a value: the object holding it is not the
/// object its place expects, and its `$ref` key is no field of that object. What the reference
/// leads to is judged instead, in its own file; the placement is `nonstandard-ref`'s to report.
/// A key that holds a `$ref` and is itself not allowed is still reported.
fn about_a_reference(references: &References, at: DocumentRef, violation: &Violation) -> bool {
    if let Some(holder) = violation.pointer.strip_suffix("/$ref")
        && references.site(at, holder).is_some()
    {
        return true;
    }
    !violation.unexpected_key && references.site(at, &violation.pointer).is_some()
}

/// The place of a Schema Object in archlint's OpenAPI structures.
const SCHEMA_OBJECT: &str = "/$defs/Schema";

/// Whether a 3.1 document's `jsonSchemaDialect` names a dialect other than OpenAPI's default
/// (its base dialect, which is JSON Schema 2020-12 with OpenAPI's vocabulary) or 2020-12 itself:
/// its Schema Objects are then not judged against 2020-12.
fn names_another_dialect(document: &Value) -> bool {
    let Some(dialect) = document.get("jsonSchemaDialect").and_then(Value::as_str) else {
        return false;
    };
    let dialect = dialect.trim_end_matches('#');
    let openapi =
        dialect.starts_with("https://spec.openapis.org/oas/3.") && dialect.contains("/dialect/");
    let draft_2020_12 = matches!(
        dialect,
        "https://json-schema.org/draft/2020-12/schema"
            | "http://json-schema.org/draft/2020-12/schema"
    );
    !(openapi || draft_2020_12)
}

/// Whether a violation lies inside a Schema Object of `object`: some place on the way from the
/// object down to the violation stands for a Schema Object.
fn inside_a_schema(
    schema: &Schema,
    document: &Value,
    object: &Judged,
    violation: &Violation,
) -> bool {
    let mut place = object.place.stands_for.clone();
    if place == SCHEMA_OBJECT {
        return true;
    }
    let Some(below) = violation.pointer.strip_prefix(object.pointer.as_str()) else {
        return false;
    };
    let mut at = object.pointer.clone();
    for token in below.split('/').skip(1) {
        let Some(instance) = value_at(document, &at) else {
            return false;
        };
        let token = unescape_token(token);
        let Some(next) = schema.step(&place, instance, &token) else {
            return false;
        };
        if next.stands_for == SCHEMA_OBJECT {
            return true;
        }
        place = next.stands_for;
        push_pointer_token(&mut at, &token);
    }
    false
}
