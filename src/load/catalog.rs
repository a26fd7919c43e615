//! Backstage API entities that carry their definition inline: `spec.definition` as a YAML or JSON
//! text in a literal block scalar (`definition: |`). The text is parsed where it is written, so
//! every span of the definition points into the block, and the definition becomes a document of
//! the workspace like any other OpenAPI or AsyncAPI file.

use crate::load::document::Document;
use crate::load::limits::Limits;
use crate::load::yaml;
use crate::value::Value;

/// The API types whose definitions archlint reads; others (`grpc`, `graphql`) are no YAML.
const READ_TYPES: [&str; 2] = ["openapi", "asyncapi"];

/// The definition inside an API entity, when it is written inline as a literal block: the
/// documents it holds, or where it fails to parse. `text` is the whole file the entity is in;
/// the run's files before it expanded `spent_before` alias nodes.
pub(crate) fn inline_definition(
    entity: &Document,
    text: &str,
    limits: &Limits,
    spent_before: usize,
) -> Option<yaml::ParsedStream> {
    let value = &entity.value;
    if !value
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.eq_ignore_ascii_case("API"))
    {
        return None;
    }
    let api_type = value.pointer("/spec/type").and_then(Value::as_str)?;
    if !READ_TYPES
        .iter()
        .any(|read| read.eq_ignore_ascii_case(api_type))
    {
        return None;
    }
    value.pointer("/spec/definition").and_then(Value::as_str)?;
    // A template skeleton's definition is a definition only once it is rendered.
    if is_template(value) {
        return None;
    }
    // A block scalar's span starts at its header (`|`, `|-`, `>`); its lines are read from the
    // line after, indentation included. Only a literal block keeps the text as written; a
    // folded or quoted one changes it, so its spans could not point into the file.
    let span = entity.locate("/spec/definition")?.value;
    let (header, end) = (span.start as usize, span.end as usize);
    if text.as_bytes().get(header) != Some(&b'|') {
        return None;
    }
    let start = header + text[header..].find('\n')? + 1;
    if start >= end {
        return None;
    }
    // The block's lines are indented alike, which YAML reads as a document indented as a whole.
    Some(yaml::parse_in_run(
        &text[start..end],
        start as u32,
        limits,
        spent_before,
        None,
    ))
}

/// Whether an entity is a scaffolder skeleton: its name, namespace or a member of its `spec`
/// (its relations, type, lifecycle; not the text of an API's `definition`) holds a template
/// placeholder (`${{ values.name }}`, `{{ cookiecutter.name }}`, `{% if %}`), so its names and
/// references are known only once the template is rendered. Such an entity is not judged, and
/// defines nothing. A description or an API definition may hold `{{baseUrl}}` and the like
/// (Postman, Handlebars) and makes no template.
pub fn is_template(entity: &Value) -> bool {
    let metadata = entity.get("metadata");
    let identity = ["name", "namespace"]
        .iter()
        .filter_map(|key| metadata?.get(key))
        .any(holds_placeholder);
    identity
        || entity
            .get("spec")
            .and_then(Value::as_object)
            .is_some_and(|spec| {
                spec.iter()
                    .any(|(key, value)| key != "definition" && holds_placeholder(value))
            })
}

fn holds_placeholder(value: &Value) -> bool {
    match value {
        Value::String(text) => has_template_syntax(text),
        Value::Array(items) => items.iter().any(holds_placeholder),
        Value::Object(map) if is_unquoted_placeholder(map) => true,
        Value::Object(map) => map
            .iter()
            .any(|(key, value)| has_template_syntax(key) || holds_placeholder(value)),
        _ => false,
    }
}

/// An unquoted `{{ name }}` (cookiecutter's, Jinja's) as YAML reads it: a flow mapping whose one
/// key is the inner flow mapping, kept as its source text `{ name }`, with no value.
fn is_unquoted_placeholder(map: &crate::value::Map) -> bool {
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((key, Value::Null)), None) => key.starts_with('{') && key.ends_with('}'),
        _ => false,
    }
}

/// `{{` or `{%`, found by one search for `{` (most values have none).
fn has_template_syntax(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices('{')
        .any(|(at, _)| matches!(bytes.get(at + 1), Some(b'{' | b'%')))
}

/// The placeholders Backstage substitutes in an entity: a mapping with one of these as its only
/// key is replaced by the file it names, read as text or parsed. `$openapi` and `$asyncapi` are
/// the OpenAPI module's (`@backstage/plugin-catalog-backend-module-openapi`), which bundles the
/// description's own references too.
pub const PLACEHOLDERS: [&str; 5] = ["$text", "$json", "$yaml", "$openapi", "$asyncapi"];

/// The placeholder a value is (`{$text: ./README.md}`: `$text`), and the file it names, if it
/// is one.
pub fn placeholder(value: &Value) -> Option<(&'static str, &str)> {
    let Value::Object(map) = value else {
        return None;
    };
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((key, Value::String(file))), None) => PLACEHOLDERS
            .iter()
            .find(|name| **name == key.as_str())
            .map(|name| (*name, file.as_str())),
        _ => None,
    }
}

/// Every placeholder of an entity, wherever it is written (Backstage's placeholder processor
/// substitutes them anywhere, a `metadata.description` read from a file too): its pointer, its
/// keyword and the file it names, in document order.
pub fn placeholders(value: &Value) -> Vec<(String, &'static str, &str)> {
    fn walk<'v>(
        value: &'v Value,
        pointer: &mut String,
        found: &mut Vec<(String, &'static str, &'v str)>,
    ) {
        if let Some((keyword, file)) = placeholder(value) {
            found.push((pointer.clone(), keyword, file));
            return;
        }
        let mut visit = |token: &str, child: &'v Value, pointer: &mut String| {
            let length = pointer.len();
            crate::load::document::push_pointer_token(pointer, token);
            walk(child, pointer, found);
            pointer.truncate(length);
        };
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(key, child)| visit(key, child, pointer)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(index, child)| visit(&index.to_string(), child, pointer)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found
}

/// An entity reference, parsed: `[kind:][namespace/]name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef<'a> {
    pub kind: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub name: &'a str,
}

/// Parses an entity reference as Backstage does; `None` when a part is empty or it holds more
/// than one `:` or `/` where they separate parts.
pub fn parse_reference(text: &str) -> Option<EntityRef<'_>> {
    let text = text.trim();
    let (kind, rest) = match text.split_once(':') {
        Some((kind, rest)) => (Some(kind), rest),
        None => (None, text),
    };
    let (namespace, name) = match rest.split_once('/') {
        Some((namespace, name)) => (Some(namespace), name),
        None => (None, rest),
    };
    let parts = [kind, namespace, Some(name)];
    if parts
        .iter()
        .flatten()
        .any(|part| part.is_empty() || part.contains([':', '/']))
    {
        return None;
    }
    Some(EntityRef {
        kind,
        namespace,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_as_backstage_writes_them() {
        let parsed = |text| parse_reference(text).map(|r| (r.kind, r.namespace, r.name));
        assert_eq!(parsed("orders"), Some((None, None, "orders")));
        assert_eq!(
            parsed("group:platform"),
            Some((Some("group"), None, "platform"))
        );
        assert_eq!(
            parsed("backstage/maintainers"),
            Some((None, Some("backstage"), "maintainers"))
        );
        assert_eq!(
            parsed("component:shop/orders"),
            Some((Some("component"), Some("shop"), "orders"))
        );
        assert_eq!(parsed("group:"), None);
        assert_eq!(parsed("a/b/c"), None);
        assert_eq!(parsed(":x"), None);
    }

    #[test]
    fn placeholders_in_names_and_relations_make_a_template() {
        let template = |value| is_template(&value);
        assert!(template(
            crate::json!({"metadata": {"name": "${{ values.name }}"}})
        ));
        // `name: {{cookiecutter.name}}` unquoted, as the YAML loader reads it.
        assert!(template(
            crate::json!({"metadata": {"name": {"{cookiecutter.name}": null}}})
        ));
        assert!(template(
            crate::json!({"metadata": {"name": "orders"}, "spec": {"owner": "${{ values.owner }}"}})
        ));
        assert!(!template(crate::json!({"metadata": {"name": "orders"}})));
        // Text that merely holds braces: a description, an API definition.
        assert!(!template(crate::json!({
            "metadata": {"name": "orders", "description": "calls {{baseUrl}}/orders"},
            "spec": {"owner": "shop", "definition": "servers: [{url: '{{baseUrl}}'}]"}
        })));
    }
}
