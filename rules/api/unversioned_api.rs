use crate::config::Versioning;
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::kind::DocumentKind;
use crate::load::references::Node;
use crate::model::apis::{Api, Endpoint, has_version_segment, same_path, segments};
use crate::rules::{Context, Rule, declare_rule};
use crate::source::Span;
use serde::Deserialize;

declare_rule! {
    /// ## What it reports
    /// An API that carries no version, judged by the versioning the repository declares: the
    /// rule's `strategy` option, else `architecture.versioning` in `archlint.yaml`, else the
    /// `versioning.strategy` of an API standards document (`rest_api_guidelines:`, seed 004:
    /// "URL path versioning" is `path`, a "header" strategy `header`, "media type" or "content
    /// negotiation" `media-type`). Where the repository declares none, archlint cannot tell which
    /// convention its APIs follow, and the rule says nothing.
    ///
    /// - `path`: an OpenAPI document none of whose server URLs (or `basePath`) nor path keys has
    ///   a version segment, once, at `servers` or `paths`; and each endpoint a service declares
    ///   (`apis`, `api_endpoints`) that has none in its path, nor through its OpenAPI document
    ///   (server URLs that all carry one, or a versioned path the endpoint matches). A version
    ///   segment is `v1`, `v2.1`, `v1beta1`, a dotted number `2.0`, a date `2010-04-01`, or a
    ///   parameter or server variable named for it (`{version}`, `{apiVersion}`). A document with
    ///   no paths at all (a components library, a webhooks-only description) has no URL to
    ///   version and is not judged.
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
    /// # api_standards.yaml: rest_api_guidelines: {versioning: {strategy: "URL path versioning"}}
    /// servers: [{url: "https://api.example.com"}]
    /// paths:
    ///   /orders: {}
    /// ```
    ///
    /// ## Fix
    /// Put the major version where the strategy says: `https://api.example.com/v1`, a
    /// `API-Version` header parameter, or a versioned media type. Or declare the strategy the
    /// organisation actually uses.
    ///
    /// ## Options
    /// - `strategy`: `path`, `header`, `media-type` or `none`, for the files the setting applies
    ///   to (so `overrides:` can give a legacy folder its own). Without it, the strategy is
    ///   `architecture.versioning` in `archlint.yaml`, else the API standards document's.
    pub struct UnversionedApi {
        name: "unversioned-api",
        family: Api,
        severity: Error,
        summary: "an API (OpenAPI document or service endpoint) that carries no version under the strategy the repository declares",
        options: [(
            "strategy",
            crate::config::OptionKind::Choice(&["path", "header", "media-type", "none"])
        )],
    }
}

const NOTE: &str =
    "without a version an API cannot change incompatibly without breaking every client at once";

/// The versioning the repository declares, and where.
#[derive(Clone, Copy)]
enum Declared {
    /// The rule's `strategy` option.
    Option,
    /// `architecture.versioning` in `archlint.yaml`.
    Configuration,
    /// An API standards document's `versioning.strategy`, at this span.
    Standards(Span),
}

impl Declared {
    /// The end of a help text: who asks for the version there.
    fn asked_by(self) -> &'static str {
        match self {
            Declared::Option => "as the rule's `strategy` option asks",
            Declared::Configuration => "as `architecture.versioning` asks",
            Declared::Standards(_) => "as the API standards ask",
        }
    }

    fn label(self, finding: Finding) -> Finding {
        match self {
            Declared::Standards(span) => {
                finding.label(span, "the versioning the API standards ask for")
            }
            _ => finding,
        }
    }
}

/// The strategy and where it is declared: the option, the configuration, an API standards
/// document (the first that names a strategy archlint knows), or nothing.
fn declared(context: &Context<'_>) -> Option<(Versioning, Declared)> {
    if let Some(strategy) = context
        .options
        .get("strategy")
        .and_then(|strategy| Versioning::deserialize(strategy.to_serde()).ok())
    {
        return Some((strategy, Declared::Option));
    }
    if let Some(strategy) = context.config.architecture.versioning {
        return Some((strategy, Declared::Configuration));
    }
    let workspace = context.workspace;
    workspace
        .documents
        .iter()
        .filter(|document| document.kind == DocumentKind::ApiStandards)
        .find_map(|document| {
            let pointer = "/rest_api_guidelines/versioning/strategy";
            let text = document.value.pointer(pointer)?.as_str()?;
            Some((
                standard_strategy(text)?,
                Declared::Standards(document.focus(pointer)),
            ))
        })
}

/// A strategy as an API standards document words it: "URL path versioning", "Header-based",
/// "Media type versioning", "Content negotiation". Whole words, the first that names a strategy
/// deciding ("Header versioning (for security)" is a header, whatever `security` holds).
fn standard_strategy(text: &str) -> Option<Versioning> {
    let text = text.to_ascii_lowercase();
    if text.trim() == "none" {
        return Some(Versioning::None);
    }
    text.split(|character: char| !character.is_ascii_alphanumeric())
        .find_map(|word| match word {
            "path" | "url" | "uri" => Some(Versioning::Path),
            "header" | "headers" => Some(Versioning::Header),
            "media" | "negotiation" | "accept" => Some(Versioning::MediaType),
            _ => None,
        })
}

impl Rule for UnversionedApi {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some((strategy, declared)) = declared(context) else {
            return Vec::new();
        };
        let model = context.model;
        let mut findings = Vec::new();
        for api in &model.apis {
            if let Some(finding) = check_document(context.workspace, api, strategy, declared) {
                findings.push(finding);
            }
        }
        if strategy != Versioning::Path {
            return findings;
        }
        for id in model.ids() {
            let apis: Vec<&Api> = model.apis_of(id).collect();
            for endpoint in &model.service(id).endpoints {
                let Some(parsed) = Endpoint::parse(&endpoint.value) else {
                    continue;
                };
                if has_version_segment(parsed.path) || versioned_by_document(parsed.path, &apis) {
                    continue;
                }
                let finding = Finding::new(
                    UnversionedApi::NAME,
                    endpoint.span,
                    format!("endpoint `{}` has no version segment", endpoint.value),
                )
                .note(NOTE)
                .help(format!(
                    "put the major version in the path (`/v1/...`) or in the server URL of the service's OpenAPI document, {}",
                    declared.asked_by()
                ));
                findings.push(declared.label(finding));
            }
        }
        findings
    }
}

/// Whether the service's OpenAPI documents version an endpoint written without one: every server
/// URL of one of them carries the version (`https://api.example.com/orders/v2`), or the endpoint
/// is one of its paths that carries it (`/v2/orders` for `/orders`).
fn versioned_by_document(path: &str, apis: &[&Api]) -> bool {
    let wanted = segments(path);
    apis.iter().any(|api| {
        let by_servers = !api.prefixes.is_empty()
            && api
                .prefixes
                .iter()
                .all(|prefix| has_version_segment(prefix));
        by_servers
            || api
                .paths
                .iter()
                .any(|key| has_version_segment(key) && same_path(&wanted, &segments(key)))
    })
}

fn check_document(
    workspace: &Workspace,
    api: &Api,
    strategy: Versioning,
    declared: Declared,
) -> Option<Finding> {
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
        declared.label(
            Finding::new(UnversionedApi::NAME, span, message)
                .note(NOTE)
                .help(format!("{help}, {}", declared.asked_by())),
        )
    };
    match strategy {
        Versioning::None => None,
        Versioning::Path => {
            // No path, no URL to version: a components library, a webhooks-only description.
            if api.paths.is_empty() {
                return None;
            }
            let versioned = api
                .prefixes
                .iter()
                .chain(&api.paths)
                .any(|path| has_version_segment(path));
            (!versioned).then(|| {
                finding(
                    at(&["servers", "basePath", "paths"]),
                    format!("no version segment in the server URLs or paths of API `{title}`"),
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
                crate::value::Value::Array(items) => (0..items.len())
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
            found.extend(map.keys().map(|key| key.to_string()));
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
    use super::{Versioning, is_versioned_media_type, standard_strategy};

    #[test]
    fn standards_word_their_strategy_in_whole_words() {
        let cases = [
            (
                "URL path versioning (e.g., /api/v1/orders)",
                Some(Versioning::Path),
            ),
            ("Header versioning (for security)", Some(Versioning::Header)),
            (
                "Header-based, during the migration",
                Some(Versioning::Header),
            ),
            ("Media type versioning", Some(Versioning::MediaType)),
            ("Content negotiation", Some(Versioning::MediaType)),
            ("none", Some(Versioning::None)),
            ("securely, during releases", None),
        ];
        for (text, expected) in cases {
            assert_eq!(standard_strategy(text), expected, "{text}");
        }
    }

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
