use super::{Described, content, describe, is_json, responses, standard};
use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::load::references::Node;
use crate::model::apis::Operation;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;

declare_rule! {
    /// ## What it reports
    /// A list operation (a GET whose 2xx JSON response is an array, or an object with an array
    /// property `data`) that takes none of the query parameters of the API standards'
    /// `pagination.parameters` (`rest_api_guidelines:`, seed 004), or whose response describes
    /// none of `pagination.response_fields`, at its top level or in one of its top-level object
    /// properties. A response that cannot be followed (a `$ref` that leads nowhere) is not
    /// judged.
    ///
    /// ## Why it matters
    /// A list without paging returns everything at once: fine with ten rows, an outage with ten
    /// million. Clients page the way the standards say, or not at all.
    ///
    /// ## Example
    /// ```yaml
    /// # api_standards.yaml: pagination: {parameters: [limit, cursor], response_fields: [next_cursor]}
    /// get:
    ///   responses:
    ///     '200':
    ///       content:
    ///         application/json:
    ///           schema: {type: array, items: {type: object}}
    /// ```
    ///
    /// ## Fix
    /// Take the standard's parameters (`limit`, `cursor`) and return its fields (`next_cursor`,
    /// `has_more`) next to the list.
    ///
    /// ## Options
    /// None.
    pub struct ApiPagination {
        name: "api-pagination",
        family: Standards,
        severity: Warning,
        summary: "a list operation without the API standards' pagination parameters or fields",
    }
}

/// The names of the query parameters an operation takes (its own and its path item's).
fn query_parameters(workspace: &Workspace, operation: &Operation) -> Vec<String> {
    let references = &workspace.references;
    let node = operation.node(workspace);
    let mut lists = Vec::new();
    lists.extend(references.get(workspace, &node, "parameters"));
    // The path item is the operation's parent.
    if let Some((parent, _)) = operation.pointer.rsplit_once('/') {
        let path_item = Node {
            pointer: parent.to_string(),
            value: crate::load::document::value_at(&node.document.value, parent)
                .unwrap_or(&Value::Null),
            ..node.clone()
        };
        lists.extend(references.get(workspace, &path_item, "parameters"));
    }
    let mut names = Vec::new();
    for list in lists {
        let Value::Array(items) = list.value else {
            continue;
        };
        for position in 0..items.len() {
            let Some(parameter) = list
                .get(&position.to_string())
                .and_then(|item| references.resolve(workspace, item))
            else {
                continue;
            };
            let field = |key: &str| parameter.value.get(key).and_then(Value::as_str);
            if field("in") == Some("query")
                && let Some(name) = field("name")
            {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// A list response's schema, with its top-level properties (`None` for a bare array).
type ListResponse<'w> = (Node<'w>, Option<Vec<(&'w str, Node<'w>)>>);

/// The list response of a GET: the schema of its first 2xx JSON response that is an array or
/// holds one in `data`, with its top-level properties (none for a bare array).
fn list_response<'w>(workspace: &'w Workspace, operation: &Operation) -> Option<ListResponse<'w>> {
    for response in responses(workspace, operation) {
        if !response.code.starts_with('2') {
            continue;
        }
        for (media_type, written) in content(workspace, &response.node) {
            if !is_json(media_type) {
                continue;
            }
            let Some(schema) = written.get("schema") else {
                continue;
            };
            match describe(workspace, schema.clone(), 0) {
                Some(Described::Array) => return Some((schema, None)),
                Some(Described::Object(properties)) => {
                    let data = properties.iter().find(|(name, _)| *name == "data");
                    if let Some((_, data)) = data
                        && matches!(describe(workspace, data.clone(), 1), Some(Described::Array))
                    {
                        return Some((schema, Some(properties)));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

impl Rule for ApiPagination {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some((_, pagination)) = standard(context, |standard| standard.pagination.as_ref())
        else {
            return Vec::new();
        };
        let workspace = context.workspace;
        let mut findings = Vec::new();
        let listed = |names: &[String]| {
            names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            if operation.method != "GET" {
                continue;
            }
            let Some((schema, properties)) = list_response(workspace, operation) else {
                continue;
            };
            if !pagination.parameters.is_empty() {
                let taken = query_parameters(workspace, operation);
                if !pagination
                    .parameters
                    .iter()
                    .any(|name| taken.contains(name))
                {
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            operation.span,
                            format!(
                                "list operation `{}` takes none of the pagination parameters {}",
                                operation.describe(),
                                listed(&pagination.parameters)
                            ),
                        )
                        .primary_message("returns a list")
                        .label(pagination.span, "the pagination the API standards ask for")
                        .note("a list without paging returns everything at once: fine with ten rows, an outage with ten million")
                        .help(format!("take the query parameters {}", listed(&pagination.parameters))),
                    );
                }
            }
            if pagination.fields.is_empty() {
                continue;
            }
            let described = match &properties {
                None => Some(false),
                Some(properties) => {
                    let mut found = false;
                    let mut unknown = false;
                    for (name, property) in properties {
                        if pagination.fields.iter().any(|field| field == name) {
                            found = true;
                            break;
                        }
                        match describe(workspace, property.clone(), 1) {
                            Some(Described::Object(inner)) => {
                                if inner.iter().any(|(inner_name, _)| {
                                    pagination.fields.iter().any(|field| field == inner_name)
                                }) {
                                    found = true;
                                    break;
                                }
                            }
                            Some(_) => {}
                            None => unknown = true,
                        }
                    }
                    if found {
                        Some(true)
                    } else if unknown {
                        None
                    } else {
                        Some(false)
                    }
                }
            };
            if described == Some(false) {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        schema.anchor(),
                        format!(
                            "the list response of `{}` describes none of the pagination fields {}",
                            operation.describe(),
                            listed(&pagination.fields)
                        ),
                    )
                    .primary_message("this schema")
                    .label(pagination.span, "the pagination the API standards ask for")
                    .note("without the next cursor a client cannot ask for the next page")
                    .help(format!(
                        "describe {} next to the list",
                        listed(&pagination.fields)
                    )),
                );
            }
        }
        findings
    }
}
