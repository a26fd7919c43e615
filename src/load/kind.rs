//! What a structured document is, decided by its top-level keys (FORMATS.md section 1), never by
//! its file name. The first match wins.

use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    OpenApi,
    AsyncApi,
    BackstageEntity,
    ArchitectureSpec,
    Requirements,
    EventSchemaRegistry,
    JsonSchema,
    ApiStandards,
    DataArchitecture,
    PatternDecisions,
    DeploymentArchitecture,
    SecurityArchitecture,
    /// Parsed, but no architecture document: never judged, kept only as a `$ref` target.
    Unclassified,
}

impl DocumentKind {
    /// Classifies a document, or returns `None` for one that is no architecture document.
    pub fn classify(value: &Value) -> Option<DocumentKind> {
        let map = value.as_object()?;
        let has = |key: &str| map.contains_key(key);
        let text = |key: &str| match map.get(key) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Number(number)) => Some(number.to_string()),
            _ => None,
        };
        let version_starts = |key: &str, prefixes: &[&str]| {
            text(key).is_some_and(|version| prefixes.iter().any(|p| version.starts_with(p)))
        };
        let kind =
            if version_starts("openapi", &["3."]) || text("swagger").as_deref() == Some("2.0") {
                DocumentKind::OpenApi
            } else if version_starts("asyncapi", &["2.", "3."]) {
                DocumentKind::AsyncApi
            } else if version_starts("apiVersion", &["backstage.io/"]) && has("kind") {
                DocumentKind::BackstageEntity
            } else if map.get("services").is_some_and(Value::is_object)
                || map.get("components").is_some_and(Value::is_array)
                || has("interactions")
            {
                DocumentKind::ArchitectureSpec
            } else if has("non_functional_requirements") || has("functional_requirements") {
                DocumentKind::Requirements
            } else if has("event_schemas") {
                DocumentKind::EventSchemaRegistry
            } else if text("$schema").is_some_and(|uri| uri.contains("json-schema.org")) {
                DocumentKind::JsonSchema
            } else if has("rest_api_guidelines") {
                DocumentKind::ApiStandards
            } else if has("data_stores") {
                DocumentKind::DataArchitecture
            } else if has("selected_patterns") {
                DocumentKind::PatternDecisions
            } else if has("environments") {
                DocumentKind::DeploymentArchitecture
            } else if has("security_layers") {
                DocumentKind::SecurityArchitecture
            } else {
                return None;
            };
        Some(kind)
    }

    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::OpenApi => "OpenAPI document",
            DocumentKind::AsyncApi => "AsyncAPI document",
            DocumentKind::BackstageEntity => "Backstage catalog entity",
            DocumentKind::ArchitectureSpec => "architecture spec",
            DocumentKind::Requirements => "requirements document",
            DocumentKind::EventSchemaRegistry => "event schema registry",
            DocumentKind::JsonSchema => "JSON Schema",
            DocumentKind::ApiStandards => "API standards",
            DocumentKind::DataArchitecture => "data architecture",
            DocumentKind::PatternDecisions => "pattern decisions",
            DocumentKind::DeploymentArchitecture => "deployment architecture",
            DocumentKind::SecurityArchitecture => "security architecture",
            DocumentKind::Unclassified => "document",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classifies_by_top_level_keys_first_match_wins() {
        let cases = [
            (
                json!({"openapi": "3.0.3", "services": {}}),
                Some(DocumentKind::OpenApi),
            ),
            (json!({"swagger": "2.0"}), Some(DocumentKind::OpenApi)),
            (json!({"asyncapi": "3.0.0"}), Some(DocumentKind::AsyncApi)),
            (
                json!({"apiVersion": "backstage.io/v1alpha1", "kind": "Component"}),
                Some(DocumentKind::BackstageEntity),
            ),
            (
                json!({"services": {"a": {}}}),
                Some(DocumentKind::ArchitectureSpec),
            ),
            (json!({"services": ["a"]}), None),
            (json!({"components": {"schemas": {}}}), None),
            (
                json!({"components": []}),
                Some(DocumentKind::ArchitectureSpec),
            ),
            (
                json!({"functional_requirements": {}}),
                Some(DocumentKind::Requirements),
            ),
            (
                json!({"event_schemas": {}}),
                Some(DocumentKind::EventSchemaRegistry),
            ),
            (
                json!({"$schema": "http://json-schema.org/draft-07/schema#"}),
                Some(DocumentKind::JsonSchema),
            ),
            (
                json!({"environments": {}}),
                Some(DocumentKind::DeploymentArchitecture),
            ),
            (json!({"load_balancer": {}}), None),
            (json!(["a"]), None),
        ];
        for (value, expected) in cases {
            assert_eq!(DocumentKind::classify(&value), expected, "{value}");
        }
    }
}
