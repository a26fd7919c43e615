use crate::diagnostic::Finding;
use crate::model::apis::ApiVersion;
use crate::rules::{Context, Rule, declare_rule};
use crate::schemas;

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

impl Rule for Oas3Schema {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .model
            .apis
            .iter()
            .flat_map(|api| {
                let schema = match api.version {
                    ApiVersion::OpenApi30 => &schemas::OPENAPI_3_0,
                    ApiVersion::OpenApi31 => &schemas::OPENAPI_3_1,
                    ApiVersion::Swagger2 => return Vec::new(),
                };
                let document = &context.workspace.documents[api.document];
                schema
                    .violations(document)
                    .into_iter()
                    .map(|violation| {
                        Finding::new(Self::NAME, violation.span, violation.message)
                            .note("tools that read the document reject it, or silently drop what they do not understand")
                            .help("correct it as the OpenAPI specification says for this object")
                    })
                    .collect()
            })
            .collect()
    }
}
