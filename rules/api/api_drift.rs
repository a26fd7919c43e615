use crate::diagnostic::Finding;
use crate::model::apis::{Endpoint, same_path, segments};
use crate::rules::{Context, Rule, declare_rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it reports
    /// Disagreement between the endpoints a service declares (`apis`, `api_endpoints`) and the
    /// OpenAPI document it owns: each declared endpoint the document does not define, and each
    /// operation of the document the service does not declare. Only services that declare
    /// endpoints and own a document are compared.
    ///
    /// Matching is by method (an endpoint written without one matches any) and path: `:id` and
    /// `{id}` are the same parameter whatever their names, the server URL's path (or `basePath`)
    /// is put before the document's paths, and one path may carry a prefix the other lacks, at a
    /// segment boundary: `GET /api/v1/orders` matches `GET /orders` under the server
    /// `https://api.example.com/v1`.
    ///
    /// ## Why it matters
    /// The architecture promises one API and the contract clients are generated from describes
    /// another: one of them is wrong, and whoever trusts it finds out in production.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Order Service
    ///     api_endpoints: ["GET /api/v1/orders/:id"]   # openapi.yaml has only GET /orders
    /// ```
    ///
    /// ## Fix
    /// Bring the two together: add the operation to the OpenAPI document, or change the
    /// service's declared endpoints to what the API really offers.
    ///
    /// ## Options
    /// None.
    pub struct ApiDrift {
        name: "api-drift",
        family: Api,
        severity: Error,
        summary: "a declared endpoint missing from the service's OpenAPI document, or an operation the service does not declare",
    }
}

/// An operation of a service's documents as matched: method and the full paths it may be
/// written as (one per server prefix).
struct Offered<'m> {
    operation: &'m crate::model::apis::Operation,
    paths: Vec<Vec<String>>,
}

impl Rule for ApiDrift {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let model = context.model;
        let mut findings = Vec::new();
        for id in model.ids() {
            let service = model.service(id);
            let apis: Vec<_> = model.apis_of(id).collect();
            if service.endpoints.is_empty() || apis.is_empty() {
                continue;
            }
            let offered: Vec<Offered<'_>> = apis
                .iter()
                .flat_map(|api| {
                    api.operations.iter().map(|operation| {
                        let own = segments(&operation.path);
                        let prefixes: Vec<&str> = if api.prefixes.is_empty() {
                            vec![""]
                        } else {
                            api.prefixes.iter().map(String::as_str).collect()
                        };
                        let paths = prefixes
                            .iter()
                            .map(|prefix| {
                                segments(prefix)
                                    .into_iter()
                                    .chain(own.iter().copied())
                                    .map(str::to_string)
                                    .collect()
                            })
                            .collect();
                        Offered { operation, paths }
                    })
                })
                .collect();
            // Operations by their last segment: a match must agree on it, so each endpoint is
            // compared with a few operations, not all of them.
            let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
            for (index, offer) in offered.iter().enumerate() {
                for path in &offer.paths {
                    let entry = by_last
                        .entry(path.last().map_or("", String::as_str))
                        .or_default();
                    if entry.last() != Some(&index) {
                        entry.push(index);
                    }
                }
            }
            let mut matched = vec![false; offered.len()];
            for endpoint in &service.endpoints {
                let Some(parsed) = Endpoint::parse(&endpoint.value) else {
                    continue;
                };
                let wanted = segments(parsed.path);
                let last = wanted.last().copied().unwrap_or("");
                let mut found = false;
                for &index in by_last.get(last).into_iter().flatten() {
                    let offer = &offered[index];
                    let method_agrees = parsed
                        .method
                        .as_deref()
                        .is_none_or(|method| method == offer.operation.method);
                    let path_agrees = offer.paths.iter().any(|path| {
                        let path: Vec<&str> = path.iter().map(String::as_str).collect();
                        same_path(&wanted, &path)
                    });
                    if method_agrees && path_agrees {
                        matched[index] = true;
                        found = true;
                    }
                }
                if !found {
                    let document = &workspace.documents[apis[0].document];
                    let paths = document
                        .locate("/paths")
                        .map_or_else(|| document.focus(""), |spans| spans.anchor());
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            endpoint.span,
                            format!(
                                "endpoint `{}` of `{}` is not in its OpenAPI document",
                                endpoint.value, service.name.value
                            ),
                        )
                        .primary_message("declared here")
                        .label(paths, "no such operation among these paths")
                        .note("the architecture and the contract clients are built from describe different APIs")
                        .help("add the operation to the OpenAPI document, or remove the endpoint from the service"),
                    );
                }
            }
            for (offer, matched) in offered.iter().zip(matched) {
                if matched {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        offer.operation.span,
                        format!(
                            "operation `{}` is not among the endpoints `{}` declares",
                            offer.operation.describe(),
                            service.name.value
                        ),
                    )
                    .label(service.name.span, "the service that owns this document")
                    .note("the architecture and the contract clients are built from describe different APIs")
                    .help("declare the endpoint in the service, or remove the operation from the document"),
                );
            }
        }
        findings
    }
}
