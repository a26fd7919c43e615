use crate::diagnostic::Finding;
use crate::load::DocumentRef;
use crate::load::references::Target;
use crate::model::apis::ApiVersion;
use crate::rules::{Context, Rule, declare_rule};
use crate::schemas::{self, Schema};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it reports
    /// An OpenAPI 3.0 or 3.1 document that breaks the structure the specification gives its
    /// version: a required field missing (`info.version`, a response's `description`), a value of
    /// the wrong type, a key the object does not have, a path parameter not marked `required`. Each
    /// problem is reported at the offending key or value, with its cause, not as "did not match
    /// any of the alternatives". It carries Spectral's name, so configurations carry over.
    ///
    /// The structure is archlint's own JSON Schema per version (`schemas/openapi-3.0.schema.json`,
    /// `schemas/openapi-3.1.schema.json`), written from the specification. Under 3.1, Schema
    /// Objects are JSON Schema 2020-12 and are not judged by this rule. Swagger 2.0 documents are
    /// recognised but not judged by it.
    ///
    /// An object in another file, reached through a `$ref` (a path item in `paths/pets.yaml`, a
    /// schema in `schemas/pet.yaml`), is judged as the object the reference stands for, and
    /// reported in that file.
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

fn schema_of(version: ApiVersion) -> Option<&'static Schema> {
    match version {
        ApiVersion::OpenApi30 => Some(&schemas::OPENAPI_3_0),
        ApiVersion::OpenApi31 => Some(&schemas::OPENAPI_3_1),
        ApiVersion::Swagger2 => None,
    }
}

impl Rule for Oas3Schema {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let mut violations = Vec::new();
        for api in &context.model.apis {
            if let Some(schema) = schema_of(api.version) {
                violations.extend(schema.violations(&workspace.documents[api.document]));
            }
        }
        for (target, pointer, definition, version) in referenced_objects(context) {
            if let Some(schema) = schema_of(version) {
                let document = workspace.document(target);
                violations.extend(schema.definition_violations(definition, document, &pointer));
            }
        }
        violations
            .into_iter()
            .map(|violation| {
                Finding::new(Self::NAME, violation.span, violation.message)
                    .note("tools that read the document reject it, or silently drop what they do not understand")
                    .help("correct it as the OpenAPI specification says for this object")
            })
            .collect()
    }
}

/// The objects in other files that OpenAPI documents reach through `$ref`: (document, pointer,
/// the definition it stands for, the OpenAPI version of the document that reaches it), each once.
fn referenced_objects(
    context: &Context<'_>,
) -> Vec<(DocumentRef, String, &'static str, ApiVersion)> {
    let sites = &context.workspace.references.sites;
    let mut versions: HashMap<DocumentRef, ApiVersion> = context
        .model
        .apis
        .iter()
        .map(|api| (DocumentRef::Architecture(api.document), api.version))
        .collect();
    // A file reached from a file reached from an API has that API's version: spread it along
    // the references until nothing changes (a few rounds: sites come in the order files were
    // reached).
    let mut changed = true;
    while changed {
        changed = false;
        for site in sites {
            let Target::Found {
                document: target @ DocumentRef::Unclassified(_),
                ..
            } = &site.target
            else {
                continue;
            };
            if let Some(&version) = versions.get(&site.document)
                && !versions.contains_key(target)
            {
                versions.insert(*target, version);
                changed = true;
            }
        }
    }
    let mut seen = HashSet::new();
    let mut objects = Vec::new();
    for site in sites {
        let Target::Found {
            document: target @ DocumentRef::Unclassified(_),
            pointer,
        } = &site.target
        else {
            continue;
        };
        let Some(&version) = versions.get(&site.document) else {
            continue;
        };
        let in_root = matches!(site.document, DocumentRef::Architecture(_));
        let Some(definition) = expected_definition(&site.pointer, in_root) else {
            continue;
        };
        if seen.insert((*target, pointer.clone(), definition)) {
            objects.push((*target, pointer.clone(), definition, version));
        }
    }
    objects
}

/// What a `$ref` written at `pointer` stands for, from the keys that lead to it.
fn expected_definition(pointer: &str, in_root: bool) -> Option<&'static str> {
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect();
    let last = tokens.last()?.as_str();
    let parent = tokens
        .len()
        .checked_sub(2)
        .map_or("", |i| tokens[i].as_str());
    if in_root && tokens.len() == 2 && parent == "paths" {
        return Some("PathItem");
    }
    if tokens.len() == 3 && tokens[0] == "components" {
        return Some(match parent {
            "schemas" => "Schema",
            "responses" => "Response",
            "parameters" => "Parameter",
            "examples" => "Example",
            "requestBodies" => "RequestBody",
            "headers" => "Header",
            "securitySchemes" => "SecurityScheme",
            "links" => "Link",
            "callbacks" => "Callback",
            "pathItems" => "PathItem",
            _ => return None,
        });
    }
    Some(match (parent, last) {
        ("properties" | "patternProperties" | "allOf" | "anyOf" | "oneOf", _) => "Schema",
        (_, "schema" | "items" | "not" | "additionalProperties") => "Schema",
        ("responses", _) => "Response",
        ("parameters", _) => "Parameter",
        (_, "requestBody") => "RequestBody",
        ("headers", _) => "Header",
        ("examples", _) => "Example",
        ("links", _) => "Link",
        ("callbacks", _) => "Callback",
        ("webhooks", _) => "PathItem",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::expected_definition;

    #[test]
    fn a_reference_stands_for_the_object_its_place_expects() {
        let cases = [
            ("/paths/~1pets", true, Some("PathItem")),
            ("/paths/~1pets", false, None),
            ("/components/schemas/Pet", true, Some("Schema")),
            ("/components/responses/NotFound", false, Some("Response")),
            (
                "/get/responses/200/content/application~1json/schema",
                false,
                Some("Schema"),
            ),
            ("/properties/parameters", false, Some("Schema")),
            ("/get/parameters/0", false, Some("Parameter")),
            ("/post/requestBody", false, Some("RequestBody")),
            ("/info", true, None),
        ];
        for (pointer, in_root, expected) in cases {
            assert_eq!(expected_definition(pointer, in_root), expected, "{pointer}");
        }
    }
}
