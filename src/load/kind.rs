//! What a structured document is, decided by its shape (docs/FORMATS.md section 1), never by one key.
//!
//! Classification is a list of classifiers by priority ([`CLASSIFIERS`]). Each looks at one
//! document and either claims it, as an architecture document of some kind or as a document that
//! is deliberately not one ([`Skip`]: a Docker Compose file, a Kubernetes manifest, a JSON Schema
//! that describes no event), or says "not mine" and lets the next one look. A document no
//! classifier claims is no architecture document either. A skipped document is never judged: it
//! is kept only as a `$ref` target, and `--verbose` says why it was skipped.

use crate::value::{Map, Value};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    OpenApi,
    AsyncApi,
    BackstageEntity,
    ArchitectureSpec,
    Requirements,
    EventSchemaRegistry,
    /// A standalone JSON Schema that describes an event (see [`describes_event`]).
    JsonSchema,
    ApiStandards,
    DataArchitecture,
    PatternDecisions,
    DeploymentArchitecture,
    SecurityArchitecture,
    /// Parsed, but no architecture document: never judged, kept only as a `$ref` target.
    Unclassified,
}

/// Why a parsed document is not judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// A Docker Compose file: its `services` are containers, not architecture.
    Compose,
    /// A Kubernetes-style resource (`apiVersion` and `kind`) other than a Backstage entity.
    Manifest { api_version: String, kind: String },
    /// A JSON Schema that describes no event: a configuration or data schema.
    NonEventSchema,
    /// A JSON Schema that looks like an event schema but names no event.
    UnnamedEventSchema,
    /// A version of a specification archlint does not read (AsyncAPI 1.x).
    UnsupportedVersion {
        specification: &'static str,
        version: String,
        supported: &'static str,
    },
    /// A `services` mapping, `components` list or `interactions` list of another format (a
    /// Compose override, a CycloneDX SBOM, a Kustomization, a Pact contract): no entry has a field
    /// of an architecture spec's services, or a `source` or `target`.
    ForeignServices { key: &'static str },
    /// Nothing archlint reads.
    Unrecognised,
}

impl Skip {
    /// Why the document is skipped, for `--verbose`.
    pub fn reason(&self) -> String {
        match self {
            Skip::Compose => {
                "a Docker Compose file (`services` with `image` or `build`), not an architecture spec"
                    .to_string()
            }
            Skip::Manifest { api_version, kind } => format!(
                "a `{kind}` manifest of `{api_version}` (Kubernetes style), not an architecture document"
            ),
            Skip::NonEventSchema => "a JSON Schema that describes no event (no `event_type`, \
                 `event_id` or `x-event`, no dotted title, not under `events/`): a configuration \
                 or data schema"
                .to_string(),
            Skip::UnnamedEventSchema => "a JSON Schema of an event that names no event (no \
                 `properties.event_type.const`, `x-event` or `title`)"
                .to_string(),
            Skip::UnsupportedVersion {
                specification,
                version,
                supported,
            } => format!(
                "{specification} {version} is not supported (archlint reads {specification} {supported})"
            ),
            Skip::ForeignServices { key: "interactions" } => {
                "an `interactions` list of another format (a Pact contract, an HTTP recording): \
                 none of its entries has a `source` or a `target`"
                    .to_string()
            }
            Skip::ForeignServices { key } => format!(
                "a `{key}` {} of another format: none of its entries has a field of an \
                 architecture spec's services (`domain`, `responsibility`, `dependencies`, \
                 `technology`, `events`, `sla`, ...)",
                if *key == "services" { "mapping" } else { "list" }
            ),
            Skip::Unrecognised => "not an architecture document".to_string(),
        }
    }

    /// Whether a user should hear of the skip without asking: the document is an architecture
    /// document archlint cannot read, not one that is no architecture document.
    pub fn is_unsupported(&self) -> bool {
        matches!(self, Skip::UnsupportedVersion { .. })
    }
}

/// What a classifier decides about a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Classification {
    Architecture(DocumentKind),
    Skipped(Skip),
}

/// A document as the classifiers see it: its top-level mapping and the path of its file.
pub struct Shape<'a> {
    map: &'a Map,
    path: &'a Path,
}

impl Shape<'_> {
    fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A top-level scalar as text (`3.0` written as a number is `3.0`).
    fn text(&self, key: &str) -> Option<String> {
        match self.map.get(key) {
            Some(Value::String(text)) => Some(text.to_string()),
            Some(Value::Number(number)) => Some(number.to_string()),
            _ => None,
        }
    }

    fn version_starts(&self, key: &str, prefixes: &[&str]) -> bool {
        self.text(key)
            .is_some_and(|version| prefixes.iter().any(|p| version.starts_with(p)))
    }
}

/// One classifier: its name (for the tests and the documentation) and its decision, `None` for
/// "not mine".
pub struct Classifier {
    pub name: &'static str,
    pub classify: fn(&Shape<'_>) -> Option<Classification>,
}

use Classification::{Architecture, Skipped};

/// The classifiers, by priority: the first that claims a document decides. The ones that reject a
/// shape (Compose, manifests) come before the architecture spec, whose `services` key a Compose
/// file shares.
pub const CLASSIFIERS: &[Classifier] = &[
    Classifier {
        name: "OpenAPI",
        classify: |shape| {
            if let Some(version) = shape.text("openapi").filter(|v| v.starts_with("3."))
                && minor_version(&version).is_some_and(|minor| minor > 2)
            {
                return Some(Skipped(Skip::UnsupportedVersion {
                    specification: "OpenAPI",
                    version,
                    supported: "2.0 and 3.0 to 3.2",
                }));
            }
            (shape.version_starts("openapi", &["3."])
                || shape.text("swagger").as_deref() == Some("2.0"))
            .then_some(Architecture(DocumentKind::OpenApi))
        },
    },
    Classifier {
        name: "AsyncAPI",
        classify: |shape| {
            let version = shape.text("asyncapi")?;
            Some(if version.starts_with("2.") || version.starts_with("3.") {
                Architecture(DocumentKind::AsyncApi)
            } else {
                Skipped(Skip::UnsupportedVersion {
                    specification: "AsyncAPI",
                    version,
                    supported: "2.x and 3.x",
                })
            })
        },
    },
    Classifier {
        name: "Backstage entity",
        classify: |shape| {
            (shape.version_starts("apiVersion", &["backstage.io/"]) && shape.has("kind"))
                .then_some(Architecture(DocumentKind::BackstageEntity))
        },
    },
    Classifier {
        name: "Kubernetes-style manifest",
        classify: |shape| {
            let api_version = shape.text("apiVersion")?;
            let kind = shape.text("kind")?;
            Some(Skipped(Skip::Manifest { api_version, kind }))
        },
    },
    Classifier {
        name: "Docker Compose",
        classify: |shape| is_compose(shape.map).then_some(Skipped(Skip::Compose)),
    },
    Classifier {
        name: "architecture spec",
        classify: |shape| {
            let services = match shape.map.get("services") {
                Some(Value::Object(services)) => Some(describe_services(services.values())),
                _ => None,
            };
            let components = match shape.map.get("components") {
                Some(Value::Array(components)) => Some(describe_services(components.iter())),
                _ => None,
            };
            // The spec's interactions go from a `source` to a `target`; Pact contracts and
            // recorded HTTP cassettes have `interactions` of requests and responses.
            let interactions = match shape.map.get("interactions") {
                Some(Value::Array(interactions)) => Some(
                    interactions.is_empty()
                        || interactions.iter().any(|interaction| {
                            interaction.as_object().is_some_and(|interaction| {
                                interaction.contains_key("source")
                                    || interaction.contains_key("target")
                            })
                        }),
                ),
                _ => None,
            };
            if [services, components, interactions].contains(&Some(true)) {
                return Some(Architecture(DocumentKind::ArchitectureSpec));
            }
            // A `services` mapping, `components` list or `interactions` of another format: a
            // Compose override (`ports`, `environment`), a CycloneDX SBOM, a Kustomization, a
            // deployment tool's manifest, a Pact contract.
            let key = match (services, components, interactions) {
                (Some(false), _, _) => "services",
                (_, Some(false), _) => "components",
                (_, _, Some(false)) => "interactions",
                _ => return None,
            };
            Some(Skipped(Skip::ForeignServices { key }))
        },
    },
    Classifier {
        name: "requirements",
        classify: |shape| {
            (shape.has("non_functional_requirements") || shape.has("functional_requirements"))
                .then_some(Architecture(DocumentKind::Requirements))
        },
    },
    Classifier {
        name: "event schema registry",
        classify: |shape| {
            shape
                .has("event_schemas")
                .then_some(Architecture(DocumentKind::EventSchemaRegistry))
        },
    },
    Classifier {
        name: "JSON Schema",
        classify: |shape| {
            let uri = shape.text("$schema")?;
            if !uri.contains("json-schema.org") {
                return None;
            }
            Some(match describes_event(shape.map, shape.path) {
                EventSchemaShape::Named => Architecture(DocumentKind::JsonSchema),
                EventSchemaShape::Unnamed => Skipped(Skip::UnnamedEventSchema),
                EventSchemaShape::NoEvent => Skipped(Skip::NonEventSchema),
            })
        },
    },
    Classifier {
        name: "standards documents",
        classify: |shape| {
            let kind = [
                ("rest_api_guidelines", DocumentKind::ApiStandards),
                ("data_stores", DocumentKind::DataArchitecture),
                ("selected_patterns", DocumentKind::PatternDecisions),
                ("environments", DocumentKind::DeploymentArchitecture),
                ("security_layers", DocumentKind::SecurityArchitecture),
            ]
            .into_iter()
            .find(|(key, _)| shape.has(key))?
            .1;
            if kind == DocumentKind::DeploymentArchitecture && !describes_deployment(shape.map) {
                return None;
            }
            Some(Architecture(kind))
        },
    },
];

impl DocumentKind {
    /// Classifies a document of the file at `path`.
    pub fn classify_at(value: &Value, path: &Path) -> Classification {
        let Some(map) = value.as_object() else {
            return Skipped(Skip::Unrecognised);
        };
        let shape = Shape { map, path };
        CLASSIFIERS
            .iter()
            .find_map(|classifier| (classifier.classify)(&shape))
            .unwrap_or(Skipped(Skip::Unrecognised))
    }

    /// The kind of an architecture document, or `None` for one that is none, whatever the reason.
    pub fn classify(value: &Value) -> Option<DocumentKind> {
        match DocumentKind::classify_at(value, Path::new("")) {
            Architecture(kind) => Some(kind),
            Skipped(_) => None,
        }
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

/// The fields a service of an architecture spec has (either shape) and no Compose service, SBOM
/// component, Kustomization or deployment tool's service has: `name` and `depends_on` are theirs
/// too.
const SPEC_SERVICE_FIELDS: &[&str] = &[
    "domain",
    "layer",
    "owner",
    "responsibility",
    "responsibilities",
    "technology",
    "apis",
    "api_endpoints",
    "openapi",
    "database",
    "cache",
    "message_queue",
    "data_stores",
    "dependencies",
    "events",
    "events_published",
    "events_consumed",
    "scaling_strategy",
    "sla",
];

fn has_a_spec_service_field(service: &Map) -> bool {
    SPEC_SERVICE_FIELDS
        .iter()
        .any(|field| service.contains_key(field))
}

/// The minor version of a `major.minor...` version: its digits after the first dot (`3.1.0` is
/// 1, `3.0-rc1` is 0).
pub fn minor_version(version: &str) -> Option<u64> {
    let (_, rest) = version.split_once('.')?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    rest[..digits].parse().ok()
}

/// Whether `environments` is a deployment architecture's: some environment says how it is
/// deployed (`infrastructure`, `databases`, `deployment`, `monitoring`, `disaster_recovery`).
/// Other tools keep overrides per environment under that key (AWS Copilot's `count` and
/// `variables`, Helmfile's `values`), which describe no deployment architecture.
fn describes_deployment(map: &Map) -> bool {
    const FIELDS: [&str; 5] = [
        "infrastructure",
        "databases",
        "deployment",
        "monitoring",
        "disaster_recovery",
    ];
    let Some(Value::Object(environments)) = map.get("environments") else {
        return false;
    };
    environments.values().any(|environment| {
        environment
            .as_object()
            .is_some_and(|environment| FIELDS.iter().any(|field| environment.contains_key(field)))
    })
}

/// Whether the entries of a `services` mapping or `components` list are an architecture spec's:
/// some entry has a field only a spec's services have, or, the smallest spec, the entries name
/// their dependencies and say nothing else a spec would not (`name`, `description`), and one
/// depends on something. Empty entries, or none, say nothing against it.
fn describe_services<'v>(entries: impl Iterator<Item = &'v Value>) -> bool {
    let neutral = |key: &str| matches!(key, "name" | "description" | "depends_on");
    let (mut only_dependencies, mut some_dependency, mut all_empty) = (true, false, true);
    for entry in entries {
        match entry {
            Value::Object(service) if has_a_spec_service_field(service) => return true,
            Value::Object(service) => {
                only_dependencies &= service.keys().all(|key| neutral(key));
                some_dependency |= service.contains_key("depends_on");
                all_empty &= service.is_empty();
            }
            Value::Null => {}
            _ => only_dependencies = false,
        }
    }
    only_dependencies && (some_dependency || all_empty)
}

/// A Compose file: a `services` mapping in which some service runs an `image` or a `build` (the
/// Compose specification requires one of them of every service that does not `extends` another),
/// and no service has a field only an architecture spec gives.
fn is_compose(map: &Map) -> bool {
    let Some(Value::Object(services)) = map.get("services") else {
        return false;
    };
    let definitions = || services.values().filter_map(Value::as_object);
    definitions().any(|service| service.contains_key("image") || service.contains_key("build"))
        && !definitions().any(has_a_spec_service_field)
}

/// Whether a JSON Schema describes an event, by the conventions archlint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventSchemaShape {
    /// An event schema that names its event.
    Named,
    /// Shaped like an event schema, but with no name for the event.
    Unnamed,
    NoEvent,
}

/// A standalone JSON Schema describes an event when
/// - it names its event explicitly: `properties.event_type.const` or `x-event`;
/// - it is envelope-shaped: it defines or requires `event_type` or `event_id`;
/// - its `title` is an event name in the dotted form of the seed's events (`order.created`);
/// - or its file sits in a folder named `events` (EventCatalog's `events/<Name>/schema.json`).
///
/// A JSON Schema with none of these (a configuration schema, an EventCatalog command or query, a
/// meta-schema) describes no event. The event is named by `properties.event_type.const`, else
/// `x-event`, else `title` (docs/FORMATS.md section 5).
pub fn describes_event(map: &Map, path: &Path) -> EventSchemaShape {
    let explicit = map
        .get("properties")
        .and_then(|properties| properties.get("event_type"))
        .and_then(|event_type| event_type.get("const"))
        .is_some_and(Value::is_string)
        || map.get("x-event").is_some_and(Value::is_string);
    if explicit {
        return EventSchemaShape::Named;
    }
    let title = map.get("title").and_then(Value::as_str);
    let envelope = ["event_type", "event_id"].iter().any(|field| {
        map.get("properties")
            .and_then(Value::as_object)
            .is_some_and(|properties| properties.contains_key(field))
            || map
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|required| required.iter().any(|name| name == field))
    });
    let in_events_folder = path
        .parent()
        .is_some_and(|folder| folder.components().any(|part| part.as_os_str() == "events"));
    if !(envelope || in_events_folder || title.is_some_and(is_dotted_event_name)) {
        return EventSchemaShape::NoEvent;
    }
    match title {
        Some(title) if !title.trim().is_empty() => EventSchemaShape::Named,
        _ => EventSchemaShape::Unnamed,
    }
}

/// `order.created`, `payment.refunded.v2`, `inventory_item.reserved`: lowercase words joined by
/// dots, at least two of them, no spaces; not a configuration file's name (`package.json`,
/// `buf.gen.yaml`: the title of its schema), nor a schema's (`com.sap.mta.mta-schema_3.3`).
fn is_dotted_event_name(title: &str) -> bool {
    const FILE_EXTENSIONS: [&str; 9] = [
        "json",
        "yaml",
        "yml",
        "toml",
        "xml",
        "ini",
        "conf",
        "properties",
        "vim",
    ];
    let file_name = title
        .rsplit_once('.')
        .is_some_and(|(_, last)| FILE_EXTENSIONS.contains(&last));
    let names_a_schema = ["-schema", "_schema", "schema_", "schema-"]
        .iter()
        .any(|part| title.contains(part));
    if file_name || names_a_schema {
        return false;
    }
    let mut words = title.split('.');
    let word = |word: &str| {
        word.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'))
    };
    title.contains('.') && words.all(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn classifies_by_shape_first_match_wins() {
        let cases = [
            (
                json!({"openapi": "3.0.3", "services": {}}),
                Some(DocumentKind::OpenApi),
            ),
            (json!({"swagger": "2.0"}), Some(DocumentKind::OpenApi)),
            (json!({"asyncapi": "3.0.0"}), Some(DocumentKind::AsyncApi)),
            (json!({"asyncapi": "1.2.0"}), None),
            (
                json!({"apiVersion": "backstage.io/v1alpha1", "kind": "Component"}),
                Some(DocumentKind::BackstageEntity),
            ),
            (json!({"apiVersion": "apps/v1", "kind": "Deployment"}), None),
            (
                json!({"services": {"a": {}}}),
                Some(DocumentKind::ArchitectureSpec),
            ),
            (json!({"services": {"db": {"image": "postgres:16"}}}), None),
            (
                json!({"services": {"a": {"build": ".", "responsibilities": ["x"]}}}),
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
                json!({"$schema": "http://json-schema.org/draft-07/schema#", "title": "order.created"}),
                Some(DocumentKind::JsonSchema),
            ),
            (
                json!({"$schema": "http://json-schema.org/draft-07/schema#", "title": "Compiler options"}),
                None,
            ),
            (
                json!({"environments": {"production": {"disaster_recovery": {"rto": "1 hour"}}}}),
                Some(DocumentKind::DeploymentArchitecture),
            ),
            // AWS Copilot's and Helmfile's overrides per environment.
            (json!({"environments": {"prod": {"count": 3}}}), None),
            (
                json!({"environments": {"production": {"values": ["prod.yaml"]}}}),
                None,
            ),
            // A Pact contract's interactions are requests and responses.
            (
                json!({"interactions": [{"description": "a", "request": {}, "response": {}}]}),
                None,
            ),
            (
                json!({"interactions": [{"source": "Orders", "target": "Payments"}]}),
                Some(DocumentKind::ArchitectureSpec),
            ),
            // The smallest spec: names, descriptions and dependencies.
            (
                json!({"components": [{"name": "orders", "description": "Orders", "depends_on": ["payments"]}, {"name": "payments"}]}),
                Some(DocumentKind::ArchitectureSpec),
            ),
            (
                json!({"components": [{"name": "cluster"}, {"name": "network"}]}),
                None,
            ),
            (json!({"load_balancer": {}}), None),
            (json!(["a"]), None),
        ];
        for (value, expected) in cases {
            assert_eq!(DocumentKind::classify(&value), expected, "{value}");
        }
    }

    #[test]
    fn shapes_that_are_no_architecture_are_rejected_before_the_spec_claims_them() {
        let position = |name: &str| {
            CLASSIFIERS
                .iter()
                .position(|classifier| classifier.name == name)
                .unwrap()
        };
        // A Compose file and a manifest have `services` or keys the spec reads.
        assert!(position("Docker Compose") < position("architecture spec"));
        assert!(position("Kubernetes-style manifest") < position("architecture spec"));
        // A Backstage entity is a manifest too, and is read.
        assert!(position("Backstage entity") < position("Kubernetes-style manifest"));
    }

    #[test]
    fn a_skip_says_why() {
        let skip = |value: Value| match DocumentKind::classify_at(&value, Path::new("x.yaml")) {
            Skipped(skip) => skip,
            Architecture(kind) => panic!("{value} classified as {kind:?}"),
        };
        assert_eq!(
            skip(json!({"version": "3", "services": {"web": {"image": "nginx"}}})),
            Skip::Compose
        );
        assert_eq!(
            skip(json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {}})),
            Skip::Manifest {
                api_version: "v1".into(),
                kind: "ConfigMap".into()
            }
        );
        let unsupported = skip(json!({"asyncapi": "1.2.0"}));
        assert!(unsupported.is_unsupported());
        assert_eq!(
            unsupported.reason(),
            "AsyncAPI 1.2.0 is not supported (archlint reads AsyncAPI 2.x and 3.x)"
        );
        // An OpenAPI version newer than archlint knows is not judged by an older structure.
        let newer = skip(json!({"openapi": "3.3.0", "info": {}, "paths": {}}));
        assert!(newer.is_unsupported());
        assert_eq!(
            newer.reason(),
            "OpenAPI 3.3.0 is not supported (archlint reads OpenAPI 2.0 and 3.0 to 3.2)"
        );
        for known in ["3.0.3", "3.1.1", "3.2.0", "3.0"] {
            let document = json!({"openapi": known, "info": {}, "paths": {}});
            assert_eq!(
                DocumentKind::classify_at(&document, Path::new("x.yaml")),
                Architecture(DocumentKind::OpenApi)
            );
        }
        assert_eq!(skip(json!({"name": "x"})), Skip::Unrecognised);
    }

    #[test]
    fn a_json_schema_is_an_event_schema_by_its_shape() {
        let shape =
            |value: Value, path: &str| describes_event(value.as_object().unwrap(), Path::new(path));
        let draft = "http://json-schema.org/draft-07/schema#";
        use EventSchemaShape::*;
        let cases = [
            (
                json!({"$schema": draft, "properties": {"event_type": {"const": "a.b"}}}),
                "schemas/x.json",
                Named,
            ),
            (
                json!({"$schema": draft, "x-event": "OrderPlaced"}),
                "x.json",
                Named,
            ),
            (
                json!({"$schema": draft, "title": "Wrapper", "required": ["event_id"]}),
                "x.json",
                Named,
            ),
            (
                json!({"$schema": draft, "title": "refund.issued"}),
                "x.json",
                Named,
            ),
            (
                json!({"$schema": draft, "title": "OrderCreated"}),
                "domains/orders/events/OrderCreated/schema.json",
                Named,
            ),
            (json!({"$schema": draft}), "events/schema.json", Unnamed),
            (
                json!({"$schema": draft, "title": "CreateOrder"}),
                "domains/orders/commands/CreateOrder/schema.json",
                NoEvent,
            ),
            (
                json!({"$schema": draft, "title": "A JSON Schema for OpenAPI 3.0."}),
                "schemas/v3.0/schema.json",
                NoEvent,
            ),
            (
                json!({"$schema": draft, "title": "events"}),
                "config.schema.json",
                NoEvent,
            ),
        ];
        for (value, path, expected) in cases {
            assert_eq!(shape(value.clone(), path), expected, "{value} at {path}");
        }
    }

    #[test]
    fn dotted_event_names() {
        for name in [
            "order.created",
            "payment.refunded.v2",
            "inventory_item.reserved",
            "config.changed",
            "schema.registered",
            "user.account.lock",
        ] {
            assert!(is_dotted_event_name(name), "{name}");
        }
        for name in [
            "OrderCreated",
            "Order created",
            "A JSON Schema for OpenAPI 3.0.",
            "order",
            "package.json",
            "docker-compose.yml",
            ".eslintrc.json",
            "buf.gen.yaml",
            "com.sap.mta.mta-schema_3.3",
        ] {
            assert!(!is_dotted_event_name(name), "{name}");
        }
    }
}
