//! The Backstage software catalog as a model source: every entity of `backstage.io/v1alpha1` and
//! `v1beta1`, its references to other entities resolved as Backstage resolves them, and the
//! architecture they imply. Components and Resources are services of the graph (a Resource is a
//! node like a component, so that `dependsOn` between components and resources is an edge and a
//! cycle through a database is a cycle); `dependsOn` and `dependencyOf` are dependencies;
//! `consumesApis` is an edge from the consumer to each component that `providesApis` the API,
//! synchronous unless the API is an `asyncapi` one. An API's definition (inline, or a
//! `$text` / `$json` / `$yaml` / `$openapi` / `$asyncapi` file) belongs to its providers.
//!
//! Entity references follow Backstage: `[kind:][namespace/]name`, the kind defaulting to the one
//! the field implies (`owner` is a Group, `system` a System, ...) and the namespace to the
//! referring entity's own; kinds, namespaces and names compare case-insensitively. `dependsOn`
//! and `dependencyOf` imply no kind: Backstage rejects a reference there without one.

use super::{Builder, DeclaredDependency, ModelSource, Service, ServiceId, Sla, Spanned};
use crate::load::catalog::{self, parse_reference};
use crate::load::kind::DocumentKind;
use crate::load::references::Node;
use crate::load::{DocumentRef, Workspace};
use crate::model::Communication;
use crate::value::Value;
use std::collections::{HashMap, HashSet};

/// How an OpenAPI document came to belong to a component, for messages.
pub const OWNERSHIP: &str = "a catalog API it provides, whose definition this is";

/// Index of an entity in [`Catalog::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub usize);

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The kind as written: `Component`.
    pub kind: String,
    pub namespace: String,
    /// `metadata.name`, where it is written.
    pub name: Spanned<String>,
    /// Index into `Workspace::documents`.
    pub document: usize,
    /// `spec.type`.
    pub spec_type: Option<String>,
    pub lifecycle: Option<Spanned<String>>,
    /// The service a Component or Resource is.
    pub service: Option<ServiceId>,
    /// An API's definition, when it is an OpenAPI or AsyncAPI document archlint read.
    pub definition: Option<usize>,
}

impl Entity {
    /// The entity as Backstage writes a reference to it: `component:default/orders`.
    pub fn reference(&self) -> String {
        format!(
            "{}:{}/{}",
            self.kind.to_lowercase(),
            self.namespace,
            self.name.value
        )
    }

    fn is(&self, kind: &str) -> bool {
        self.kind.eq_ignore_ascii_case(kind)
    }
}

/// One reference from an entity to another, as written and as resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub from: EntityId,
    /// The field it is written in: `owner`, `dependsOn`, ...
    pub field: &'static str,
    pub written: Spanned<String>,
    /// The kind referred to, lower case: written, or the field's default; `None` when the field
    /// implies none and none is written.
    pub kind: Option<String>,
    pub namespace: String,
    pub name: String,
    pub target: Option<EntityId>,
}

impl Reference {
    /// The full reference, lower case: `group:default/platform`.
    pub fn full(&self) -> String {
        format!(
            "{}:{}/{}",
            self.kind.as_deref().unwrap_or("?"),
            self.namespace,
            self.name
        )
    }
}

/// The fields of each kind that refer to other entities, the kind each implies, and whether it
/// holds a list (else one reference).
const FIELDS: &[(&str, &str, Option<&str>, bool)] = &[
    ("component", "owner", Some("group"), false),
    ("component", "system", Some("system"), false),
    ("component", "subcomponentOf", Some("component"), false),
    ("component", "providesApis", Some("api"), true),
    ("component", "consumesApis", Some("api"), true),
    ("component", "dependsOn", None, true),
    ("component", "dependencyOf", None, true),
    ("api", "owner", Some("group"), false),
    ("api", "system", Some("system"), false),
    ("resource", "owner", Some("group"), false),
    ("resource", "system", Some("system"), false),
    ("resource", "dependsOn", None, true),
    ("resource", "dependencyOf", None, true),
    ("system", "owner", Some("group"), false),
    ("system", "domain", Some("domain"), false),
    ("domain", "owner", Some("group"), false),
    ("domain", "subdomainOf", Some("domain"), false),
    ("group", "parent", Some("group"), false),
    ("group", "children", Some("group"), true),
    ("group", "members", Some("user"), true),
    ("user", "memberOf", Some("group"), true),
];

/// The entities of the repository and their references.
#[derive(Debug, Default)]
pub struct Catalog {
    pub entities: Vec<Entity>,
    /// (kind, namespace, name), lower case → entity.
    index: HashMap<(String, String, String), EntityId>,
    /// Every kind (lower case) the repository defines an entity of.
    kinds: HashSet<String>,
    pub references: Vec<Reference>,
    /// Later definitions of an entity already defined: (the first, the later name).
    pub redefinitions: Vec<(EntityId, Spanned<String>)>,
}

impl Catalog {
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0]
    }

    /// Whether the repository defines any entity of `kind` (lower case).
    pub fn defines_kind(&self, kind: &str) -> bool {
        self.kinds.contains(kind)
    }

    pub fn find(&self, kind: &str, namespace: &str, name: &str) -> Option<EntityId> {
        self.index
            .get(&(
                kind.to_lowercase(),
                namespace.to_lowercase(),
                name.to_lowercase(),
            ))
            .copied()
    }
}

/// Reads the catalog's entities into the model.
#[derive(Default)]
pub(super) struct CatalogSource {
    catalog: Catalog,
}

impl ModelSource for CatalogSource {
    fn reads(&self, kind: DocumentKind) -> bool {
        kind == DocumentKind::BackstageEntity
    }

    fn read(&mut self, builder: &mut Builder, workspace: &Workspace, index: usize) {
        let document = &workspace.documents[index];
        let value = &document.value;
        if catalog::is_template(value) {
            return;
        }
        // Members are looked up by key: `Value::pointer` copies every token it walks.
        let metadata = |key: &str| value.get("metadata").and_then(|metadata| metadata.get(key));
        let spec = |key: &str| value.get("spec").and_then(|spec| spec.get(key));
        let (Some(kind), Some(name)) = (
            value.get("kind").and_then(Value::as_str),
            metadata("name").and_then(Value::as_str),
        ) else {
            // An entity without a kind or a name is a `schema-violation`; it defines nothing.
            return;
        };
        let namespace = metadata("namespace")
            .and_then(Value::as_str)
            .unwrap_or("default")
            .to_string();
        let name = Spanned {
            value: name.to_string(),
            span: document.focus("/metadata/name"),
        };
        let key = (
            kind.to_lowercase(),
            namespace.to_lowercase(),
            name.value.to_lowercase(),
        );
        let id = EntityId(self.catalog.entities.len());
        if let Some(&first) = self.catalog.index.get(&key) {
            self.catalog.redefinitions.push((first, name));
            return;
        }
        self.catalog.index.insert(key, id);
        self.catalog.kinds.insert(kind.to_lowercase());
        let spec_text = |key: &str| {
            spec(key).and_then(Value::as_str).map(|text| Spanned {
                value: text.to_string(),
                span: document.focus(&format!("/spec/{key}")),
            })
        };
        let mut entity = Entity {
            kind: kind.to_string(),
            namespace: namespace.clone(),
            name: name.clone(),
            document: index,
            spec_type: spec("type").and_then(Value::as_str).map(str::to_string),
            lifecycle: spec_text("lifecycle"),
            service: None,
            definition: None,
        };
        for &(_, field, default_kind, is_list) in FIELDS.iter().filter(|(of, ..)| entity.is(of)) {
            let at = format!("/spec/{field}");
            // A value of the wrong shape is a `schema-violation`, and refers to nothing.
            let written: Vec<(String, &str)> = match spec(field) {
                Some(Value::String(text)) if !is_list => vec![(at.clone(), text.as_str())],
                Some(Value::Array(items)) if is_list => items
                    .iter()
                    .enumerate()
                    .filter_map(|(position, item)| {
                        Some((format!("{at}/{position}"), item.as_str()?))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            for (pointer, text) in written {
                // A reference that does not parse is a `schema-violation`.
                let Some(parsed) = parse_reference(text) else {
                    continue;
                };
                self.catalog.references.push(Reference {
                    from: id,
                    field,
                    written: Spanned {
                        value: text.to_string(),
                        span: document.focus(&pointer),
                    },
                    kind: parsed.kind.or(default_kind).map(str::to_lowercase),
                    namespace: parsed.namespace.unwrap_or(&namespace).to_lowercase(),
                    name: parsed.name.to_lowercase(),
                    target: None,
                });
            }
        }
        if entity.is("component") || entity.is("resource") {
            let tags = metadata("tags")
                .and_then(Value::as_array)
                .map(|tags| {
                    tags.iter()
                        .filter_map(|tag| Some(tag.as_str()?.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let system = spec("system")
                .and_then(Value::as_str)
                .and_then(parse_reference)
                .map(|system| system.name.to_string());
            // A description read from a file as text (`{$text: ./docs/purpose.md}`) is one too.
            let description = metadata("description").is_some_and(|description| {
                description
                    .as_str()
                    .is_some_and(|text| !text.trim().is_empty())
                    || matches!(
                        crate::load::catalog::placeholder(description),
                        Some(("$text", _))
                    )
            });
            let display = if namespace.eq_ignore_ascii_case("default") {
                name.value.clone()
            } else {
                format!("{namespace}/{}", name.value)
            };
            entity.service = Some(builder.add_service(Service {
                name: Spanned {
                    value: display,
                    span: name.span,
                },
                document: index,
                pointer: String::new(),
                domain: system,
                layer: None,
                // A resource (a database, a bucket) is infrastructure: its type is its purpose.
                has_responsibility: description || entity.is("resource"),
                sla: Sla {
                    availability: None,
                    latency_p95_ms: None,
                },
                endpoints: Vec::new(),
                openapi: None,
                publishes: Vec::new(),
                consumes: Vec::new(),
                data_stores: Vec::new(),
                owner: spec_text("owner"),
                lifecycle: entity.lifecycle.clone(),
                tags,
                entity: Some(id),
            }));
        }
        if entity.is("api") {
            entity.definition = definition(workspace, index);
        }
        self.catalog.entities.push(entity);
    }

    fn finish(&mut self, builder: &mut Builder, _workspace: &Workspace) {
        let catalog = &mut self.catalog;
        for reference in &mut catalog.references {
            let Some(kind) = &reference.kind else {
                continue;
            };
            reference.target = catalog
                .index
                .get(&(
                    kind.clone(),
                    reference.namespace.clone(),
                    reference.name.clone(),
                ))
                .copied();
        }
        let catalog = &self.catalog;
        // Who provides each API.
        let mut providers: HashMap<EntityId, Vec<ServiceId>> = HashMap::new();
        for reference in catalog
            .references
            .iter()
            .filter(|r| r.field == "providesApis")
        {
            if let (Some(api), Some(provider)) =
                (reference.target, catalog.entity(reference.from).service)
            {
                providers.entry(api).or_default().push(provider);
            }
        }
        for reference in &catalog.references {
            let from = catalog.entity(reference.from);
            let Some(target) = reference.target else {
                continue;
            };
            let to = catalog.entity(target);
            match reference.field {
                "dependsOn" | "dependencyOf" => {
                    let (Some(from), Some(to)) = (from.service, to.service) else {
                        continue;
                    };
                    let (from, to) = if reference.field == "dependsOn" {
                        (from, to)
                    } else {
                        (to, from)
                    };
                    builder.declare(DeclaredDependency::catalog(
                        from,
                        to,
                        reference.written.clone(),
                        None,
                    ));
                }
                "consumesApis" => {
                    let Some(consumer) = from.service else {
                        continue;
                    };
                    let communication = match to.spec_type.as_deref() {
                        Some(kind) if kind.eq_ignore_ascii_case("asyncapi") => Communication::Async,
                        _ => Communication::Sync,
                    };
                    for &provider in providers.get(&target).into_iter().flatten() {
                        // A component that uses its own API calls no other service.
                        if provider != consumer {
                            builder.declare(DeclaredDependency::catalog(
                                consumer,
                                provider,
                                reference.written.clone(),
                                Some(communication),
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        // An API's definition belongs to its (first) provider; the consumers of an AsyncAPI
        // one receive what its provider sends.
        let mut consumers: HashMap<EntityId, Vec<(ServiceId, Spanned<String>)>> = HashMap::new();
        for reference in catalog
            .references
            .iter()
            .filter(|r| r.field == "consumesApis")
        {
            if let (Some(api), Some(consumer)) =
                (reference.target, catalog.entity(reference.from).service)
            {
                consumers
                    .entry(api)
                    .or_default()
                    .push((consumer, reference.written.clone()));
            }
        }
        // In entity order: two APIs may share one definition file, and the first keeps it.
        let mut providers: Vec<_> = providers.into_iter().collect();
        providers.sort_unstable_by_key(|(api, _)| *api);
        for (api, services) in &providers {
            if let Some(definition) = catalog.entity(*api).definition {
                let consumers = consumers.remove(api).unwrap_or_default();
                builder.own_definition(definition, services[0], consumers);
            }
        }
        builder.model.catalog = std::mem::take(&mut self.catalog);
    }
}

/// The document an API entity's `spec.definition` is: written inline, or a placeholder
/// (`$text`, `$json`, `$yaml`, `$openapi`, `$asyncapi`) naming a file in the repository.
fn definition(workspace: &Workspace, index: usize) -> Option<usize> {
    if let Some(&inline) = workspace.inline_definitions.get(&index) {
        return Some(inline);
    }
    let root = Node::root(workspace, DocumentRef::Architecture(index));
    let written = root.get("spec")?.get("definition")?;
    let site = workspace
        .references
        .site(DocumentRef::Architecture(index), &written.pointer)?;
    let crate::load::references::Target::Found {
        document: DocumentRef::Architecture(document),
        ..
    } = site.target
    else {
        return None;
    };
    matches!(
        workspace.documents[document].kind,
        DocumentKind::OpenApi | DocumentKind::AsyncApi
    )
    .then_some(document)
}
