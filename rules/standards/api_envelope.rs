use super::{Described, content, describe, is_json, responses, standard};
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::references::Node;
use crate::model::standards::Shape;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A JSON response of an OpenAPI operation whose schema does not describe the envelope of
    /// the API standards (`rest_api_guidelines:`, seed 004): for a 2xx response the keys of
    /// `response_format.success.structure`, for a 4xx or 5xx response those of
    /// `response_format.error.structure` (each a JSON text), at every depth where the schema
    /// describes that object. A schema that cannot be followed (a `$ref` that leads nowhere, a
    /// `oneOf` or `anyOf`, an object that lists no properties) is not judged, at that depth.
    /// One finding per response, listing the missing keys.
    ///
    /// ## Why it matters
    /// Clients are written against the envelope: they read `data` and `meta.request_id`, or
    /// `error.code`. A response without it breaks every generic client, logger and error
    /// handler at once.
    ///
    /// ## Example
    /// ```yaml
    /// # api_standards.yaml: success structure {"data": {}, "meta": {...}}
    /// responses:
    ///   '201':
    ///     content:
    ///       application/json:
    ///         schema: {type: object, properties: {order_id: {type: string}}}
    /// ```
    ///
    /// ## Fix
    /// Wrap the payload: `{data: <the order>, meta: {request_id, timestamp}}` (a shared
    /// `Envelope` schema with `allOf` keeps it in one place).
    ///
    /// ## Options
    /// None.
    pub struct ApiEnvelope {
        name: "api-envelope",
        family: Standards,
        severity: Warning,
        summary: "a JSON response whose schema lacks the API standards' success or error envelope",
    }
}

/// The keys of `shape` that `schema` does not describe, as dotted paths under `prefix`.
fn missing<'w>(
    workspace: &'w Workspace,
    schema: Node<'w>,
    shape: &Shape,
    prefix: &str,
    depth: usize,
    out: &mut Vec<String>,
) {
    if shape.keys.is_empty() {
        return;
    }
    let Some(described) = describe(workspace, schema, depth) else {
        return;
    };
    let properties = match described {
        Described::Object(properties) => properties,
        Described::Array | Described::Scalar => Vec::new(),
    };
    for (key, inner) in &shape.keys {
        match properties.iter().find(|(name, _)| name == key) {
            Some((_, property)) => missing(
                workspace,
                property.clone(),
                inner,
                &format!("{prefix}{key}."),
                depth + 1,
                out,
            ),
            None => out.push(format!("{prefix}{key}")),
        }
    }
}

impl Rule for ApiEnvelope {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let success = standard(context, |standard| standard.success.as_ref());
        let error = standard(context, |standard| standard.error.as_ref());
        if success.is_none() && error.is_none() {
            return Vec::new();
        }
        let workspace = context.workspace;
        let mut findings = Vec::new();
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            for response in responses(workspace, operation) {
                let (envelope, kind) = match response.code.as_bytes().first() {
                    Some(b'2') => (success, "success"),
                    Some(b'4' | b'5') => (error, "error"),
                    _ => continue,
                };
                let Some((_, envelope)) = envelope else {
                    continue;
                };
                for (media_type, written) in content(workspace, &response.node) {
                    if !is_json(media_type) {
                        continue;
                    }
                    let Some(schema) = written.get("schema") else {
                        continue;
                    };
                    let mut absent = Vec::new();
                    missing(
                        workspace,
                        schema.clone(),
                        &envelope.shape,
                        "",
                        0,
                        &mut absent,
                    );
                    if absent.is_empty() {
                        continue;
                    }
                    let keys = absent
                        .iter()
                        .map(|key| format!("`{key}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            schema.anchor(),
                            format!(
                                "response `{}` of `{}` is not in the API standards' {kind} envelope: no {keys}",
                                response.code,
                                operation.describe()
                            ),
                        )
                        .primary_message("this schema")
                        .label(envelope.span, format!("the {kind} envelope the API standards ask for"))
                        .note("clients, loggers and error handlers are written against the envelope; a response without it breaks them all")
                        .help(format!("describe {keys} in the response schema (a shared envelope schema with `allOf` keeps it in one place)")),
                    );
                }
            }
        }
        findings
    }
}
