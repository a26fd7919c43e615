use crate::diagnostic::Finding;
use crate::load::document::Document;
use crate::model::Spanned;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it reports
    /// A service that both its spec and the data architecture (`data_stores:`, seed 004)
    /// describe, whose spec's store types (`data_stores` strings, `database`, `cache`,
    /// `message_queue`, a named instance's `type`) differ from the data architecture's (each
    /// store's `type`). Types compare by their first word, case-insensitively: `PostgreSQL
    /// (separate table)` is `postgresql`, `Kafka + ksqlDB` is `kafka`. One finding per service,
    /// at its key in the data architecture, naming what each side has that the other lacks.
    /// A spec that lists no store at all is not compared.
    ///
    /// ## Why it matters
    /// Two documents that disagree about what a service stores its data in cannot both be
    /// right: capacity plans, backups, access rules and costs are made from one of them.
    ///
    /// ## Example
    /// ```yaml
    /// # architecture.yaml
    /// components:
    ///   - {name: Order Service, data_stores: [postgresql, redis]}
    /// # data_architecture.yaml
    /// data_stores:
    ///   order_service:
    ///     primary_store: {type: PostgreSQL}
    /// ```
    ///
    /// ## Fix
    /// Make the two agree: add the store to the side that lacks it, or remove it from the side
    /// that lists it by mistake.
    ///
    /// ## Options
    /// None.
    pub struct DatastoreMismatch {
        name: "datastore-mismatch",
        family: Data,
        severity: Warning,
        summary: "a service whose store types differ between its spec and the data architecture",
    }
}

/// A store type as compared: its first word, lower case.
fn store_type(text: &str) -> String {
    text.trim()
        .chars()
        .take_while(|character| character.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The store types a service's spec lists, with where each is written.
fn spec_types(document: &Document, at: &str) -> Vec<Spanned<String>> {
    let Some(Value::Object(fields)) = document.value.pointer(at) else {
        return Vec::new();
    };
    let mut types = Vec::new();
    let mut add = |pointer: String, value: &Value| {
        let (text, pointer) = match value {
            Value::String(text) => (text.as_str(), pointer),
            Value::Object(instance) => match instance.get("type") {
                Some(Value::String(text)) => (text.as_str(), format!("{pointer}/type")),
                _ => return,
            },
            _ => return,
        };
        let kind = store_type(text);
        if !kind.is_empty() {
            types.push(Spanned {
                value: kind,
                span: document.focus(&pointer),
            });
        }
    };
    for single in ["database", "cache", "message_queue"] {
        if let Some(value) = fields.get(single) {
            add(format!("{at}/{single}"), value);
        }
    }
    if let Some(Value::Array(items)) = fields.get("data_stores") {
        for (position, item) in items.iter().enumerate() {
            add(format!("{at}/data_stores/{position}"), item);
        }
    }
    types
}

/// `a`, `b` and `c`, each in backticks.
fn listed(names: &BTreeSet<&str>) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Rule for DatastoreMismatch {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let mut findings = Vec::new();
        for architecture in &model.standards.data {
            for entry in &architecture.services {
                let Some(id) = model.find(&entry.key.value) else {
                    continue;
                };
                let service = model.service(id);
                let document = &context.workspace.documents[service.document];
                let spec = spec_types(document, &service.pointer);
                if spec.is_empty() {
                    continue;
                }
                let described: Vec<(String, &str)> = entry
                    .stores
                    .iter()
                    .filter_map(|store| {
                        let kind = store_type(&store.kind.as_ref()?.value);
                        (!kind.is_empty()).then_some((kind, store.key.value.as_str()))
                    })
                    .collect();
                if described.is_empty() {
                    continue;
                }
                let spec_set: BTreeSet<&str> =
                    spec.iter().map(|kind| kind.value.as_str()).collect();
                let data_set: BTreeSet<&str> =
                    described.iter().map(|(kind, _)| kind.as_str()).collect();
                let only_data: BTreeSet<&str> = data_set.difference(&spec_set).copied().collect();
                let only_spec: BTreeSet<&str> = spec_set.difference(&data_set).copied().collect();
                if only_data.is_empty() && only_spec.is_empty() {
                    continue;
                }
                let mut parts = Vec::new();
                if !only_data.is_empty() {
                    parts.push(format!(
                        "the data architecture has {} that its spec does not list",
                        listed(&only_data)
                    ));
                }
                if !only_spec.is_empty() {
                    parts.push(format!(
                        "its spec lists {} that the data architecture does not describe",
                        listed(&only_spec)
                    ));
                }
                let mut finding = Finding::new(
                    Self::NAME,
                    entry.key.span,
                    format!(
                        "data stores of `{}` differ: {}",
                        service.name.value,
                        parts.join("; ")
                    ),
                )
                .primary_message("described in the data architecture here");
                for kind in &spec {
                    if only_spec.contains(kind.value.as_str()) {
                        finding = finding.label(kind.span, "listed in the spec only");
                    }
                }
                for store in &entry.stores {
                    let Some(kind) = &store.kind else { continue };
                    if only_data.contains(store_type(&kind.value).as_str()) {
                        finding = finding.label(kind.span, "in the data architecture only");
                    }
                }
                findings.push(
                    finding
                        .label(service.name.span, "the service's spec")
                        .note("two documents that disagree about where a service keeps its data cannot both be right: capacity, backups and access are planned from one of them")
                        .help("make the spec's `data_stores` and the data architecture list the same stores"),
                );
            }
        }
        findings
    }
}
