use crate::config::Versioning;
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::references::Node;
use crate::model::apis::{Api, Endpoint, has_version_segment};
use crate::rules::{Context, Rule, declare_rule};
use crate::source::Span;
use serde::Deserialize;

declare_rule! {
    /// ## What it reports
    /// An API that carries no version, judged by the strategy in the configuration's
    /// `architecture.versioning`:
    ///
    /// - `path` (the default, seed 004's "URL path versioning"): an OpenAPI document none of
    ///   whose server URLs (or `basePath`) nor paths has a `/v{N}` segment, once, at `servers`
    ///   or `paths`; and each endpoint a service declares (`apis`, `api_endpoints`) whose path
    ///   has no `/v{N}` segment.
    /// - `header`: an OpenAPI document that declares no header parameter whose name contains
    ///   `version` (`API-Version`, `X-Api-Version`), anywhere: components, path items, operations.
    /// - `media-type`: an OpenAPI document none of whose media types carries a version
    ///   (`application/vnd.shop.v2+json`, `application/json; version=2`).
    /// - `none`: nothing is reported.
    ///
    /// ## Why it matters
    /// An API without a version cannot change incompatibly without breaking every client at once;
    /// the version is what lets old and new clients live side by side during a migration.
    ///
    /// ## Example
    /// ```yaml
    /// servers: [{url: "https://api.example.com"}]
    /// paths:
    ///   /orders: {}
    /// ```
    ///
    /// ## Fix
    /// Put the major version where the strategy says: `https://api.example.com/v1`, a
    /// `API-Version` header parameter, or a versioned media type. Or set
    /// `architecture.versioning` to the strategy the organisation actually uses.
    ///
    /// ## Options
    /// - `strategy`: `path`, `header`, `media-type` or `none`, for the files the setting applies
    ///   to (so `overrides:` can give a legacy folder its own). Without it, the strategy is
    ///   `architecture.versioning` in `archlint.yaml` (default `path`).
    pub struct UnversionedApi {
        name: "unversioned-api",
        family: Api,
        severity: Error,
        summary: "an API (OpenAPI document or service endpoint) that carries no version under the configured strategy",
        options: [(
            "strategy",
            crate::config::OptionKind::Choice(&["path", "header", "media-type", "none"])
        )],
    }
}

const NOTE: &str =
    "without a version an API cannot change incompatibly without breaking every client at once";

impl Rule for UnversionedApi {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let strategy = context
            .options
            .get("strategy")
            .and_then(|strategy| Versioning::deserialize(strategy).ok())
            .unwrap_or(context.config.architecture.versioning);
        let mut findings = Vec::new();
        for api in &context.model.apis {
            if let Some(finding) = check_document(context.workspace, api, strategy) {
                findings.push(finding);
            }
        }
        if strategy == Versioning::Path {
            for endpoint in context.model.services.iter().flat_map(|s| &s.endpoints) {
                let Some(parsed) = Endpoint::parse(&endpoint.value) else {
                    continue;
                };
                if !has_version_segment(parsed.path) {
                    findings.push(
                        Finding::new(
                            UnversionedApi::NAME,
                            endpoint.span,
                            format!("endpoint `{}` has no `/v{{N}}` version segment", endpoint.value),
                        )
                        .note(NOTE)
                        .help("put the major version in the path: `/v1/...`, as the API standards ask"),
                    );
                }
            }
        }
        findings
    }
}

fn check_document(workspace: &Workspace, api: &Api, strategy: Versioning) -> Option<Finding> {
    let document = &workspace.documents[api.document];
    let title = document
        .value
        .pointer("/info/title")
        .and_then(|title| title.as_str())
        .unwrap_or("the API");
    let at = |keys: &[&str]| -> Span {
        keys.iter()
            .find_map(|key| document.locate(&format!("/{key}")))
            .map_or_else(|| document.focus(""), |spans| spans.anchor())
    };
    let finding = |span: Span, message: String, help: &str| {
        Finding::new(UnversionedApi::NAME, span, message)
            .note(NOTE)
            .help(help.to_string())
    };
    match strategy {
        Versioning::None => None,
        Versioning::Path => {
            let versioned = api
                .prefixes
                .iter()
                .any(|prefix| has_version_segment(prefix))
                || api
                    .operations
                    .iter()
                    .any(|op| has_version_segment(&op.path));
            (!versioned).then(|| {
                finding(
                    at(&["servers", "basePath", "paths"]),
                    format!("no `/v{{N}}` segment in the server URLs or paths of API `{title}`"),
                    "put the major version in the server URL (`https://api.example.com/v1`) or the paths",
                )
            })
        }
        Versioning::Header => {
            let declared = parameters(workspace, api).iter().any(|parameter| {
                let field = |name: &str| parameter.value.get(name).and_then(|v| v.as_str());
                field("in") == Some("header")
                    && field("name")
                        .is_some_and(|name| name.to_ascii_lowercase().contains("version"))
            });
            (!declared).then(|| {
                finding(
                    at(&["paths"]),
                    format!("no version header declared by API `{title}`"),
                    "declare a header parameter such as `API-Version` (in `components.parameters`, used by every operation)",
                )
            })
        }
        Versioning::MediaType => {
            let declared = media_types(workspace, api)
                .iter()
                .any(|media_type| is_versioned_media_type(media_type));
            (!declared).then(|| {
                finding(
                    at(&["paths"]),
                    format!("no versioned media type in API `{title}`"),
                    "use a versioned media type such as `application/vnd.example.v1+json`",
                )
            })
        }
    }
}

/// Every parameter the document declares: in components (or 2.0's `parameters`), on path items
/// and on operations, references followed.
fn parameters<'w>(workspace: &'w Workspace, api: &Api) -> Vec<Node<'w>> {
    let references = &workspace.references;
    let root = Node::root(
        workspace,
        crate::load::DocumentRef::Architecture(api.document),
    );
    let mut lists: Vec<Node<'w>> = Vec::new();
    if let Some(components) = references.get(workspace, &root, "components") {
        lists.extend(references.get(workspace, &components, "parameters"));
    }
    lists.extend(references.get(workspace, &root, "parameters"));
    if let Some(paths) = references.get(workspace, &root, "paths") {
        for (_, item) in paths.entries() {
            let Some(item) = references.resolve(workspace, item) else {
                continue;
            };
            lists.extend(references.get(workspace, &item, "parameters"));
        }
    }
    for operation in &api.operations {
        lists.extend(references.get(workspace, &operation.node(workspace), "parameters"));
    }
    lists
        .iter()
        .flat_map(|list| {
            let members: Vec<Node<'w>> = match list.value {
                serde_json::Value::Array(items) => (0..items.len())
                    .filter_map(|i| list.get(&i.to_string()))
                    .collect(),
                _ => list.entries().into_iter().map(|(_, node)| node).collect(),
            };
            members
        })
        .filter_map(|parameter| references.resolve(workspace, parameter))
        .collect()
}

/// Every media type of the operations' request bodies and responses (3.x `content`, 2.0
/// `consumes` / `produces`).
fn media_types(workspace: &Workspace, api: &Api) -> Vec<String> {
    let references = &workspace.references;
    let document = &workspace.documents[api.document];
    let mut found: Vec<String> = ["consumes", "produces"]
        .iter()
        .filter_map(|key| document.value.get(*key)?.as_array())
        .flatten()
        .filter_map(|value| value.as_str().map(str::to_string))
        .collect();
    let content_keys = |node: Option<Node<'_>>, found: &mut Vec<String>| {
        let content = node
            .and_then(|node| references.resolve(workspace, node))
            .and_then(|node| references.get(workspace, &node, "content"));
        if let Some(map) = content
            .as_ref()
            .and_then(|content| content.value.as_object())
        {
            found.extend(map.keys().cloned());
        }
    };
    for operation in &api.operations {
        let node = operation.node(workspace);
        for key in ["consumes", "produces"] {
            if let Some(list) = node.value.get(key).and_then(|v| v.as_array()) {
                found.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
        }
        content_keys(node.get("requestBody"), &mut found);
        if let Some(responses) = references.get(workspace, &node, "responses") {
            for (_, response) in responses.entries() {
                content_keys(Some(response), &mut found);
            }
        }
    }
    found
}

/// `application/vnd.shop.v2+json`, `application/json; version=2`.
fn is_versioned_media_type(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    media_type.contains("version=")
        || media_type
            .split(['/', '.', '+', '-', ';', ' '])
            .any(|token| has_version_segment(&format!("/{token}")))
}

#[cfg(test)]
mod tests {
    use super::is_versioned_media_type;

    #[test]
    fn versioned_media_types() {
        for versioned in [
            "application/vnd.shop.v2+json",
            "application/json; version=2",
            "application/vnd.shop-v1+json",
        ] {
            assert!(is_versioned_media_type(versioned), "{versioned}");
        }
        for plain in [
            "application/json",
            "application/vnd.shop+json",
            "text/vnd.v+plain",
        ] {
            assert!(!is_versioned_media_type(plain), "{plain}");
        }
    }
}
