//! Model: the loaded documents turned into one architecture: services from every spec (both
//! shapes of docs/FORMATS.md section 3, in any number of files), their dependencies, events and data
//! stores, and the event schemas that are known. Every value keeps the span where it was written.
//! Names that point at nothing are kept as facts (`unknown`), never as pretend services.

pub mod apis;
pub mod asyncapi;
pub mod catalog;
pub mod decisions;
pub mod events;
pub mod figures;
pub mod requirements;
mod schema_bundle;
pub mod standards;

use crate::load::document::{Document, push_pointer_token};
use crate::load::kind::DocumentKind;
use crate::load::{DocumentRef, Workspace};
use crate::source::Span;
use crate::value::Value;
use events::EventSchema;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Index of a service in [`Model::services`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceId(pub usize);

/// How a dependency communicates. "Sync" is `synchronous_http`, `grpc` or a plain dependency;
/// "async" is `asynchronous_event` or `message_queue`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Communication {
    Sync,
    Async,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sla {
    pub availability: Option<Spanned<f64>>,
    pub latency_p95_ms: Option<Spanned<f64>>,
}

/// A data store a service uses: a type (a string, private to the service) or a named instance
/// (`{name, type}`), which services may share.
#[derive(Clone, Debug, PartialEq)]
pub enum DataStore {
    Private { kind: Spanned<String> },
    Named { name: Spanned<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: Spanned<String>,
    /// The document and JSON pointer of the service's definition.
    pub document: usize,
    pub pointer: String,
    pub domain: Option<String>,
    pub layer: Option<Spanned<String>>,
    pub has_responsibility: bool,
    pub sla: Sla,
    pub endpoints: Vec<Spanned<String>>,
    pub openapi: Option<Spanned<String>>,
    pub publishes: Vec<Spanned<String>>,
    pub consumes: Vec<Spanned<String>>,
    pub data_stores: Vec<DataStore>,
    /// The team that owns it, as written (a catalog's `spec.owner`).
    pub owner: Option<Spanned<String>>,
    /// Its lifecycle stage (a catalog's `spec.lifecycle`: `experimental`, `production`, ...).
    pub lifecycle: Option<Spanned<String>>,
    pub tags: Vec<String>,
    /// The catalog entity it is, when a Backstage Component or Resource defines it.
    pub entity: Option<catalog::EntityId>,
}

/// One edge between two known services, merged from every declaration of it (dependency items
/// and interactions).
#[derive(Clone, Debug, PartialEq)]
pub struct Dependency {
    pub from: ServiceId,
    pub to: ServiceId,
    pub communication: Communication,
    /// Every place the edge is declared, the first one first.
    pub declarations: Vec<Span>,
    /// Whether a `failure_handling` or `timeout` is given for it anywhere.
    pub handles_failure: bool,
    /// Whether the communication was given explicitly (`via`, or an interaction's type).
    explicit: bool,
    /// Whether a format it is declared in can say how a failure is handled: an architecture
    /// spec can, a catalog's `dependsOn` or `consumesApis` cannot.
    pub describes_failure_handling: bool,
}

impl Dependency {
    pub fn declared_at(&self) -> Span {
        self.declarations[0]
    }
}

/// Where a name is used that no service defines.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownReference {
    pub name: Spanned<String>,
    /// What the name is: "dependency", "interaction source", "interaction target".
    pub role: &'static str,
}

/// A figure that could not be read (an SLA or timeout), reported as a `schema-violation`.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadableFigure {
    pub span: Span,
    pub message: String,
}

/// Who publishes or consumes an event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Service(ServiceId),
    /// An application an AsyncAPI document describes that no architecture spec defines, named
    /// by `info.x-service` or the file stem. It publishes and consumes like a service, but it is
    /// no service: nothing else is known about it, and naming it is no mistake.
    Application(String),
}

/// A service's (or an AsyncAPI application's) use of an event.
#[derive(Clone, Debug, PartialEq)]
pub struct EventUse {
    pub party: Party,
    pub event: Spanned<String>,
    /// For an AsyncAPI operation, the address of its channel, as [`asyncapi::channel_address`]
    /// compares it: two documents that use one address describe one channel, whatever each calls
    /// its messages.
    pub address: Option<String>,
}

/// The uses of events on one side (publications or subscriptions), by event name and by channel
/// address, to find whether a use on the other side has a counterpart.
pub struct Counterparts<'m> {
    names: HashSet<&'m str>,
    addresses: HashSet<&'m str>,
}

impl<'m> Counterparts<'m> {
    pub fn of(uses: &'m [EventUse]) -> Self {
        Counterparts {
            names: uses
                .iter()
                .map(|usage| usage.event.value.as_str())
                .collect(),
            addresses: uses
                .iter()
                .filter_map(|usage| usage.address.as_deref())
                .collect(),
        }
    }

    /// Whether `usage` has a counterpart: a use of the same event name, or, for an AsyncAPI
    /// operation, one on the same channel address. Message names are each document's own (an RPC
    /// client's `requestSum` is its server's `sum`); the address is what both sides share.
    pub fn has(&self, usage: &EventUse) -> bool {
        self.names.contains(usage.event.value.as_str())
            || usage
                .address
                .as_deref()
                .is_some_and(|address| self.addresses.contains(address))
    }
}

#[derive(Debug, Default)]
pub struct Model {
    pub services: Vec<Service>,
    by_name: HashMap<String, ServiceId>,
    /// Later definitions of an already defined service: (the service kept, the later name).
    pub redefinitions: Vec<(ServiceId, Spanned<String>)>,
    pub dependencies: Vec<Dependency>,
    pub unknown: Vec<UnknownReference>,
    pub publications: Vec<EventUse>,
    pub subscriptions: Vec<EventUse>,
    /// Every event schema: registry entries, JSON Schema documents, AsyncAPI message payloads.
    pub event_schemas: Vec<EventSchema>,
    /// Event name → its schemas' positions in `event_schemas`.
    schemas_by_name: HashMap<String, Vec<usize>>,
    pub unreadable_figures: Vec<UnreadableFigure>,
    /// The OpenAPI documents, with their operations and owners.
    pub apis: Vec<apis::Api>,
    /// Owner → its APIs' positions in `apis`: rules ask for each service's APIs, and a scan of
    /// every API per service is quadratic in the size of the repository.
    apis_by_owner: HashMap<ServiceId, Vec<usize>>,
    /// Non-functional requirements, from every requirements document.
    pub requirements: Vec<requirements::Requirement>,
    /// Architecture decision records, from the Markdown files.
    pub decisions: decisions::Decisions,
    /// The Backstage catalog: its entities and their references.
    pub catalog: catalog::Catalog,
    /// OpenAPI and AsyncAPI documents that are a catalog API's definition → the component that
    /// provides it.
    definition_owners: HashMap<usize, ServiceId>,
    /// Seed 004's API standards, data, deployment and security architectures.
    pub standards: standards::Standards,
}

/// A service name as compared: case-insensitive, runs of spaces, `_` and `-` equal.
pub fn normalize(name: &str) -> String {
    let mut normal = String::with_capacity(name.len());
    let mut separator = false;
    for character in name.trim().chars() {
        if matches!(character, ' ' | '_' | '-' | '\t') {
            separator = true;
            continue;
        }
        if separator && !normal.is_empty() {
            normal.push('-');
        }
        separator = false;
        normal.extend(character.to_lowercase());
    }
    normal
}

/// [`normalize`]d, without a copy when `name` is written as compared already (`auth-service`):
/// lower-case ASCII, no other separator than single `-` between words. The model looks up every
/// name it resolves, and most are written that way.
pub fn normalized(name: &str) -> std::borrow::Cow<'_, str> {
    let bytes = name.as_bytes();
    let plain = bytes
        .iter()
        .all(|&byte| byte.is_ascii_graphic() && !byte.is_ascii_uppercase() && byte != b'_')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--");
    if plain {
        name.into()
    } else {
        normalize(name).into()
    }
}

impl Model {
    pub fn service(&self, id: ServiceId) -> &Service {
        &self.services[id.0]
    }

    pub fn find(&self, name: &str) -> Option<ServiceId> {
        self.by_name.get(normalized(name).as_ref()).copied()
    }

    /// The synchronous dependencies, in declaration order.
    pub fn sync_dependencies(&self) -> impl Iterator<Item = &Dependency> + '_ {
        self.dependencies
            .iter()
            .filter(|dependency| dependency.communication == Communication::Sync)
    }

    pub fn ids(&self) -> impl Iterator<Item = ServiceId> + '_ {
        (0..self.services.len()).map(ServiceId)
    }

    /// Whether any source defines a schema for the event.
    pub fn has_event_schema(&self, name: &str) -> bool {
        self.schemas_by_name.contains_key(name)
    }

    /// A party's name for messages: `` `Order Service` ``, or `` AsyncAPI application `lights` ``.
    pub fn party_name(&self, party: &Party) -> String {
        match party {
            Party::Service(id) => format!("`{}`", self.service(*id).name.value),
            Party::Application(name) => format!("AsyncAPI application `{name}`"),
        }
    }

    pub fn build(workspace: &Workspace) -> Model {
        // Requirements, decisions and standards say nothing of the services: they are read
        // alongside.
        let (mut model, (requirements, decisions, standards, unreadable_figures)) = rayon::join(
            || Self::build_architecture(workspace),
            || {
                let mut unreadable_figures = Vec::new();
                let standards = standards::Standards::read(workspace, &mut unreadable_figures);
                (
                    requirements::read(workspace),
                    decisions::Decisions::read(workspace),
                    standards,
                    unreadable_figures,
                )
            },
        );
        model.requirements = requirements;
        model.decisions = decisions;
        model.standards = standards;
        // After the services' figures, as if read after them.
        model.unreadable_figures.extend(unreadable_figures);
        model
    }

    /// The services, their dependencies, events and APIs.
    fn build_architecture(workspace: &Workspace) -> Model {
        let mut builder = Builder::default();
        let mut sources: [Box<dyn ModelSource>; 4] = [
            Box::new(ArchitectureSpecs::default()),
            Box::new(EventSchemas::default()),
            Box::new(AsyncApiDocuments::default()),
            Box::new(catalog::CatalogSource::default()),
        ];
        for source in sources.iter_mut() {
            source.prepare(workspace);
        }
        for (index, document) in workspace.documents.iter().enumerate() {
            for source in sources.iter_mut() {
                if source.reads(document.kind) {
                    source.read(&mut builder, workspace, index);
                }
            }
        }
        for source in sources.iter_mut() {
            source.finish(&mut builder, workspace);
        }
        let mut model = builder.resolve();
        let owners: Vec<(ServiceId, String, Option<std::path::PathBuf>)> = model
            .ids()
            .map(|id| {
                let service = model.service(id);
                let spec = &workspace
                    .sources
                    .get(workspace.documents[service.document].file);
                let openapi = service.openapi.as_ref().map(|openapi| {
                    let folder = spec.path.parent().unwrap_or(std::path::Path::new(""));
                    folder.join(&openapi.value)
                });
                (id, service.name.value.clone(), openapi)
            })
            .collect();
        model.apis = apis::read(workspace, &owners);
        for api in &mut model.apis {
            if let Some(&provider) = model.definition_owners.get(&api.document) {
                api.owner = Some(provider);
                api.ownership = Some(catalog::OWNERSHIP);
            }
        }
        for (index, api) in model.apis.iter().enumerate() {
            if let Some(owner) = api.owner {
                model.apis_by_owner.entry(owner).or_default().push(index);
            }
        }
        model
    }

    /// The OpenAPI documents a service owns.
    pub fn apis_of(&self, id: ServiceId) -> impl Iterator<Item = &apis::Api> + '_ {
        let owned = self.apis_by_owner.get(&id).map_or(&[][..], Vec::as_slice);
        owned.iter().map(|&index| &self.apis[index])
    }
}

/// One input format's contribution to the model: the kinds of document it reads, and how it
/// reads one. [`Model::build`] gives each document to every source that reads its kind, then
/// lets each source finish (resolve what it can only resolve once every document is read);
/// the names of services are resolved after that, the same way for every format.
trait ModelSource {
    fn reads(&self, kind: DocumentKind) -> bool;
    /// Reads ahead, in parallel, what a document says on its own, before the documents are read
    /// into the builder one by one, in order.
    fn prepare(&mut self, _workspace: &Workspace) {}
    /// Reads `workspace.documents[index]` into the builder.
    fn read(&mut self, builder: &mut Builder, workspace: &Workspace, index: usize);
    fn finish(&mut self, _builder: &mut Builder, _workspace: &Workspace) {}
}

/// What each document of the kinds `reads` accepts says on its own, read in parallel; by
/// document index.
fn read_ahead<T: Send>(
    workspace: &Workspace,
    reads: impl Fn(DocumentKind) -> bool + Sync,
    read: impl Fn(usize, &Document) -> T + Sync,
) -> Vec<Option<T>> {
    workspace
        .documents
        .par_iter()
        .with_max_len(crate::FILES_PER_TASK)
        .enumerate()
        .map(|(index, document)| reads(document.kind).then(|| read(index, document)))
        .collect()
}

/// The seed's architecture specs: `services:` (shape A), `components:` and `interactions:`
/// (shape B).
#[derive(Default)]
struct ArchitectureSpecs {
    /// Each spec as read ahead, by document index.
    specs: Vec<Option<SpecReading>>,
}

impl ModelSource for ArchitectureSpecs {
    fn reads(&self, kind: DocumentKind) -> bool {
        kind == DocumentKind::ArchitectureSpec
    }

    fn prepare(&mut self, workspace: &Workspace) {
        self.specs = read_ahead(workspace, |kind| self.reads(kind), SpecReading::read);
    }

    fn read(&mut self, builder: &mut Builder, _workspace: &Workspace, index: usize) {
        if let Some(spec) = self.specs[index].take() {
            builder.add_spec(spec);
        }
    }
}

/// Event schemas: registries and standalone JSON Schema documents.
#[derive(Default)]
struct EventSchemas {
    /// Each document's schemas as read ahead, by document index.
    schemas: Vec<Option<Vec<EventSchema>>>,
}

impl ModelSource for EventSchemas {
    fn reads(&self, kind: DocumentKind) -> bool {
        matches!(
            kind,
            DocumentKind::EventSchemaRegistry | DocumentKind::JsonSchema
        )
    }

    fn prepare(&mut self, workspace: &Workspace) {
        self.schemas = read_ahead(
            workspace,
            |kind| self.reads(kind),
            |index, document| {
                let at = DocumentRef::Architecture(index);
                match document.kind {
                    DocumentKind::EventSchemaRegistry => events::read_registry(at, document),
                    _ => events::read_json_schema(at, document).into_iter().collect(),
                }
            },
        );
    }

    fn read(&mut self, builder: &mut Builder, _workspace: &Workspace, index: usize) {
        if let Some(schemas) = self.schemas[index].take() {
            builder.model.event_schemas.extend(schemas);
        }
    }
}

/// AsyncAPI documents: their applications' sends and receives, and their messages' schemas.
#[derive(Default)]
struct AsyncApiDocuments {
    /// Each document as read ahead, by document index.
    documents: Vec<Option<asyncapi::AsyncApiDocument>>,
    /// Messages already read, so a message shared by several documents has one schema.
    seen_messages: HashSet<events::Place>,
}

impl ModelSource for AsyncApiDocuments {
    fn reads(&self, kind: DocumentKind) -> bool {
        kind == DocumentKind::AsyncApi
    }

    fn prepare(&mut self, workspace: &Workspace) {
        self.documents = read_ahead(
            workspace,
            |kind| self.reads(kind),
            |index, _| asyncapi::read(workspace, DocumentRef::Architecture(index)),
        );
    }

    fn read(&mut self, builder: &mut Builder, _workspace: &Workspace, index: usize) {
        let Some(mut read) = self.documents[index].take() else {
            return;
        };
        for (message, schema) in std::mem::take(&mut read.schemas) {
            if self.seen_messages.insert(message) {
                builder.model.event_schemas.push(schema);
            }
        }
        builder.asyncapi.push((index, read));
    }
}

/// A dependency as written, before names are resolved.
struct DeclaredDependency {
    from: ServiceId,
    target: Spanned<String>,
    /// The service the target is, when the format resolved it itself (a catalog reference).
    resolved: Option<ServiceId>,
    communication: Option<Communication>,
    handles_failure: bool,
    describes_failure_handling: bool,
    role: &'static str,
    source: Option<Spanned<String>>,
}

impl DeclaredDependency {
    /// A dependency a catalog implies, between two services it already knows.
    fn catalog(
        from: ServiceId,
        to: ServiceId,
        written: Spanned<String>,
        communication: Option<Communication>,
    ) -> Self {
        DeclaredDependency {
            from,
            target: written,
            resolved: Some(to),
            communication,
            handles_failure: false,
            describes_failure_handling: false,
            role: "dependency",
            source: None,
        }
    }
}

/// The provider of a catalog API whose definition archlint read, and the API's consumers with
/// where each names it.
struct DefinitionOwner {
    provider: ServiceId,
    consumers: Vec<(ServiceId, Spanned<String>)>,
}

#[derive(Default)]
struct Builder {
    model: Model,
    declared: Vec<DeclaredDependency>,
    interactions: Vec<DeclaredDependency>,
    /// Resolved once every service is known: (document index, what it says).
    asyncapi: Vec<(usize, asyncapi::AsyncApiDocument)>,
    /// Documents that are a catalog API's definition, by document index.
    definitions: HashMap<usize, DefinitionOwner>,
}

fn pointer(base: &str, token: &str) -> String {
    let mut pointer = base.to_string();
    push_pointer_token(&mut pointer, token);
    pointer
}

fn text(value: Option<&Value>) -> Option<&str> {
    value.and_then(Value::as_str)
}

impl Builder {
    /// Adds a service that a model source read, known by its name unless an earlier service
    /// has that name.
    fn add_service(&mut self, service: Service) -> ServiceId {
        let id = ServiceId(self.model.services.len());
        self.model
            .by_name
            .entry(normalize(&service.name.value))
            .or_insert(id);
        self.model.services.push(service);
        id
    }

    fn declare(&mut self, dependency: DeclaredDependency) {
        self.declared.push(dependency);
    }

    /// Gives a catalog API's definition (a document index) to the component that provides it;
    /// a definition two APIs share stays with the first given.
    fn own_definition(
        &mut self,
        document: usize,
        provider: ServiceId,
        consumers: Vec<(ServiceId, Spanned<String>)>,
    ) {
        self.model
            .definition_owners
            .entry(document)
            .or_insert(provider);
        self.definitions.entry(document).or_insert(DefinitionOwner {
            provider,
            consumers,
        });
    }

    /// Adds what a spec says: its services (each unless an earlier service has its name) and
    /// interactions.
    fn add_spec(&mut self, spec: SpecReading) {
        for service in spec.services {
            self.add_spec_service(service);
        }
        self.model
            .unreadable_figures
            .extend(spec.unreadable_figures);
        self.interactions.extend(spec.interactions);
    }

    fn add_spec_service(&mut self, reading: ServiceReading) {
        let ServiceReading {
            service,
            key,
            dependencies,
            unreadable_figures,
        } = reading;
        if let Some(&existing) = self.model.by_name.get(&key) {
            self.model.redefinitions.push((existing, service.name));
            return;
        }
        let id = ServiceId(self.model.services.len());
        self.model.by_name.insert(key, id);
        self.model.unreadable_figures.extend(unreadable_figures);
        for event in &service.publishes {
            self.model.publications.push(EventUse {
                party: Party::Service(id),
                event: event.clone(),
                address: None,
            });
        }
        for event in &service.consumes {
            self.model.subscriptions.push(EventUse {
                party: Party::Service(id),
                event: event.clone(),
                address: None,
            });
        }
        self.declared.extend(
            dependencies
                .into_iter()
                .map(|dependency| DeclaredDependency {
                    from: id,
                    ..dependency
                }),
        );
        self.model.services.push(service);
    }

    /// Each AsyncAPI document's application is the service of that name, or an application of
    /// its own; its sends and receives are publications and subscriptions.
    fn resolve_asyncapi(&mut self) {
        let mut applications: HashMap<String, String> = HashMap::new();
        for (index, document) in std::mem::take(&mut self.asyncapi) {
            let owner = self.definitions.get(&index);
            let found = owner
                .map(|owner| owner.provider)
                .or_else(|| self.model.find(&document.application));
            let party = match found {
                Some(id) => Party::Service(id),
                None => Party::Application(
                    applications
                        .entry(normalize(&document.application))
                        .or_insert(document.application)
                        .clone(),
                ),
            };
            for usage in document.uses {
                // What a catalog API's provider sends, its consumers receive; what it receives,
                // they send.
                for (consumer, written) in owner.iter().flat_map(|owner| &owner.consumers) {
                    let mirrored = EventUse {
                        party: Party::Service(*consumer),
                        event: Spanned {
                            value: usage.event.value.clone(),
                            span: written.span,
                        },
                        address: usage.address.clone(),
                    };
                    if usage.sends {
                        self.model.subscriptions.push(mirrored);
                    } else {
                        self.model.publications.push(mirrored);
                    }
                }
                let uses = if usage.sends {
                    &mut self.model.publications
                } else {
                    &mut self.model.subscriptions
                };
                uses.push(EventUse {
                    party: party.clone(),
                    event: usage.event,
                    address: usage.address,
                });
            }
        }
        for (index, schema) in self.model.event_schemas.iter().enumerate() {
            self.model
                .schemas_by_name
                .entry(schema.name.value.clone())
                .or_default()
                .push(index);
        }
    }

    fn resolve(mut self) -> Model {
        self.resolve_asyncapi();
        let mut edges: HashMap<(ServiceId, ServiceId), usize> = HashMap::new();
        let declared = std::mem::take(&mut self.declared);
        let interactions = std::mem::take(&mut self.interactions);
        for declaration in declared.into_iter().chain(interactions) {
            let from = match &declaration.source {
                None => Some(declaration.from),
                Some(source) => {
                    let found = self.model.find(&source.value);
                    if found.is_none() {
                        self.model.unknown.push(UnknownReference {
                            name: source.clone(),
                            role: "interaction source",
                        });
                    }
                    found
                }
            };
            let to = declaration
                .resolved
                .or_else(|| self.model.find(&declaration.target.value));
            if to.is_none() {
                self.model.unknown.push(UnknownReference {
                    name: declaration.target.clone(),
                    role: declaration.role,
                });
            }
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let is_interaction = declaration.source.is_some();
            match edges.get(&(from, to)) {
                Some(&existing) => {
                    let edge = &mut self.model.dependencies[existing];
                    // An interaction gives a plain dependency its kind.
                    if let Some(communication) = declaration.communication
                        && (!edge.explicit || is_interaction)
                    {
                        edge.communication = communication;
                        edge.explicit = true;
                    }
                    edge.handles_failure |= declaration.handles_failure;
                    edge.describes_failure_handling |= declaration.describes_failure_handling;
                    edge.declarations.push(declaration.target.span);
                }
                None => {
                    edges.insert((from, to), self.model.dependencies.len());
                    self.model.dependencies.push(Dependency {
                        from,
                        to,
                        communication: declaration.communication.unwrap_or(Communication::Sync),
                        declarations: vec![declaration.target.span],
                        handles_failure: declaration.handles_failure,
                        explicit: declaration.communication.is_some(),
                        describes_failure_handling: declaration.describes_failure_handling,
                    });
                }
            }
        }
        self.model
    }
}

/// What one architecture spec says on its own, read apart from the other documents: its
/// services and interactions, before names are resolved.
struct SpecReading {
    services: Vec<ServiceReading>,
    interactions: Vec<DeclaredDependency>,
    /// The interactions' figures that could not be read.
    unreadable_figures: Vec<UnreadableFigure>,
}

/// A service as its spec defines it, before it is known whether an earlier service has its name
/// (then nothing of it is kept but the name).
struct ServiceReading {
    service: Service,
    /// Its name as compared.
    key: String,
    /// Its dependencies, each `from` it once it is numbered.
    dependencies: Vec<DeclaredDependency>,
    /// Its figures that could not be read.
    unreadable_figures: Vec<UnreadableFigure>,
}

impl SpecReading {
    fn read(index: usize, document: &Document) -> SpecReading {
        let mut spec = SpecReading {
            services: Vec::new(),
            interactions: Vec::new(),
            unreadable_figures: Vec::new(),
        };
        if let Some(Value::Object(services)) = document.value.get("services") {
            for (key, definition) in services {
                let at = pointer("/services", key);
                let name = Spanned {
                    value: key.to_string(),
                    span: document.locate_nearest(&at).anchor(),
                };
                spec.services
                    .push(ServiceReading::read(index, document, name, &at, definition));
            }
        }
        if let Some(Value::Array(components)) = document.value.get("components") {
            for (position, definition) in components.iter().enumerate() {
                let at = format!("/components/{position}");
                // A component without a name is a `schema-violation`; it defines nothing.
                if let Some(name) = text(definition.get("name")) {
                    let name = Spanned {
                        value: name.to_string(),
                        span: document.focus(&format!("{at}/name")),
                    };
                    spec.services
                        .push(ServiceReading::read(index, document, name, &at, definition));
                }
            }
        }
        if let Some(Value::Array(interactions)) = document.value.get("interactions") {
            for (position, interaction) in interactions.iter().enumerate() {
                let at = format!("/interactions/{position}");
                let read =
                    read_interaction(document, &at, interaction, &mut spec.unreadable_figures);
                spec.interactions.extend(read);
            }
        }
        spec
    }
}

fn spanned_text(document: &Document, at: &str, value: Option<&Value>) -> Option<Spanned<String>> {
    text(value).map(|value| Spanned {
        value: value.to_string(),
        span: document.focus(at),
    })
}

fn names(document: &Document, at: &str, value: Option<&Value>) -> Vec<Spanned<String>> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(position, item)| {
            spanned_text(document, &format!("{at}/{position}"), Some(item))
        })
        .collect()
}

/// The names of every list among `lists` (pointer, value), in order: the fields that two
/// shapes of spec spell differently (`apis` and `api_endpoints`, ...).
fn names_from<'v>(
    document: &Document,
    lists: impl IntoIterator<Item = (String, Option<&'v Value>)>,
) -> Vec<Spanned<String>> {
    lists
        .into_iter()
        .flat_map(|(at, value)| names(document, &at, value))
        .collect()
}

/// The figure at `at`, or `None` with why in `unreadable` when it cannot be read.
fn figure(
    document: &Document,
    at: &str,
    value: Option<&Value>,
    read: fn(&Value) -> Result<f64, String>,
    unreadable: &mut Vec<UnreadableFigure>,
) -> Option<Spanned<f64>> {
    let value = value?;
    let span = document.focus(at);
    match read(value) {
        Ok(number) => Some(Spanned {
            value: number,
            span,
        }),
        Err(message) => {
            unreadable.push(UnreadableFigure { span, message });
            None
        }
    }
}

impl ServiceReading {
    fn read(
        index: usize,
        document: &Document,
        name: Spanned<String>,
        at: &str,
        definition: &Value,
    ) -> ServiceReading {
        let key = normalize(&name.value);
        let mut unreadable_figures = Vec::new();
        let field = |name: &str| definition.get(name);
        let path = |name: &str| pointer(at, name);

        let sla = Sla {
            availability: figure(
                document,
                &format!("{at}/sla/availability"),
                field("sla").and_then(|sla| sla.get("availability")),
                figures::availability,
                &mut unreadable_figures,
            ),
            latency_p95_ms: figure(
                document,
                &format!("{at}/sla/latency_p95"),
                field("sla").and_then(|sla| sla.get("latency_p95")),
                figures::duration_ms,
                &mut unreadable_figures,
            ),
        };
        let events = field("events");
        let endpoints = names_from(
            document,
            [
                (path("apis"), field("apis")),
                (path("api_endpoints"), field("api_endpoints")),
            ],
        );
        let publishes = names_from(
            document,
            [
                (
                    format!("{at}/events/publishes"),
                    events.and_then(|e| e.get("publishes")),
                ),
                (path("events_published"), field("events_published")),
            ],
        );
        let consumes = names_from(
            document,
            [
                (
                    format!("{at}/events/subscribes"),
                    events.and_then(|e| e.get("subscribes")),
                ),
                (path("events_consumed"), field("events_consumed")),
            ],
        );

        let mut data_stores = Vec::new();
        for single in ["database", "cache", "message_queue"] {
            if let Some(store) = data_store(document, &path(single), field(single)) {
                data_stores.push(store);
            }
        }
        if let Some(Value::Array(items)) = field("data_stores") {
            for (position, item) in items.iter().enumerate() {
                let at = format!("{}/{position}", path("data_stores"));
                data_stores.extend(data_store(document, &at, Some(item)));
            }
        }

        let mut dependencies = Vec::new();
        for list in ["dependencies", "depends_on"] {
            let Some(Value::Array(items)) = field(list) else {
                continue;
            };
            for (position, item) in items.iter().enumerate() {
                let at = format!("{}/{position}", path(list));
                dependencies.extend(read_dependency(
                    document,
                    &at,
                    item,
                    &mut unreadable_figures,
                ));
            }
        }

        let service = Service {
            name,
            document: index,
            pointer: at.to_string(),
            domain: text(field("domain")).map(str::to_string),
            layer: spanned_text(document, &path("layer"), field("layer")),
            has_responsibility: ["responsibility", "responsibilities"]
                .iter()
                .any(|key| field(key).is_some_and(|value| !is_blank(value))),
            sla,
            endpoints,
            openapi: spanned_text(document, &path("openapi"), field("openapi")),
            publishes,
            consumes,
            data_stores,
            owner: spanned_text(document, &path("owner"), field("owner")),
            lifecycle: None,
            tags: Vec::new(),
            entity: None,
        };
        ServiceReading {
            service,
            key,
            dependencies,
            unreadable_figures,
        }
    }
}

fn data_store(document: &Document, at: &str, value: Option<&Value>) -> Option<DataStore> {
    match value? {
        Value::String(kind) => Some(DataStore::Private {
            kind: Spanned {
                value: kind.to_string(),
                span: document.focus(at),
            },
        }),
        Value::Object(instance) => Some(DataStore::Named {
            name: Spanned {
                value: instance.get("name")?.as_str()?.to_string(),
                span: document.focus(&format!("{at}/name")),
            },
        }),
        _ => None,
    }
}

/// A dependency item of a service, `from` nobody yet (the service is numbered when it is added).
fn read_dependency(
    document: &Document,
    at: &str,
    item: &Value,
    unreadable: &mut Vec<UnreadableFigure>,
) -> Option<DeclaredDependency> {
    let (target, communication, handles_failure) = match item {
        Value::String(name) => (
            Spanned {
                value: name.to_string(),
                span: document.focus(at),
            },
            None,
            false,
        ),
        Value::Object(fields) => {
            let name = text(fields.get("service"))?;
            let communication = match text(fields.get("via")) {
                Some("event" | "queue") => Some(Communication::Async),
                Some(_) => Some(Communication::Sync),
                None => None,
            };
            figure(
                document,
                &format!("{at}/timeout"),
                fields.get("timeout"),
                figures::duration_ms,
                unreadable,
            );
            let handles_failure = fields.contains_key("timeout")
                || fields
                    .get("failure_handling")
                    .is_some_and(|value| !is_blank(value));
            (
                Spanned {
                    value: name.to_string(),
                    span: document.focus(&format!("{at}/service")),
                },
                communication,
                handles_failure,
            )
        }
        _ => return None,
    };
    Some(DeclaredDependency {
        from: ServiceId(usize::MAX),
        target,
        resolved: None,
        communication,
        handles_failure,
        describes_failure_handling: true,
        role: "dependency",
        source: None,
    })
}

fn read_interaction(
    document: &Document,
    at: &str,
    interaction: &Value,
    unreadable: &mut Vec<UnreadableFigure>,
) -> Option<DeclaredDependency> {
    let source = spanned_text(document, &format!("{at}/source"), interaction.get("source"));
    let target = spanned_text(document, &format!("{at}/target"), interaction.get("target"));
    let (Some(source), Some(target)) = (source, target) else {
        return None;
    };
    let communication = match text(interaction.get("communication_type")) {
        Some("asynchronous_event" | "message_queue") => Communication::Async,
        _ => Communication::Sync,
    };
    figure(
        document,
        &format!("{at}/timeout"),
        interaction.get("timeout"),
        figures::duration_ms,
        unreadable,
    );
    let handles_failure = interaction.get("timeout").is_some()
        || interaction
            .get("failure_handling")
            .is_some_and(|value| !is_blank(value));
    Some(DeclaredDependency {
        // Resolved with the names, below.
        from: ServiceId(usize::MAX),
        target,
        resolved: None,
        communication: Some(communication),
        handles_failure,
        describes_failure_handling: true,
        role: "interaction target",
        source: Some(source),
    })
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{normalize, normalized};

    #[test]
    fn names_compare_case_insensitively_with_separators_equal() {
        assert_eq!(normalize("Auth Service"), "auth-service");
        assert_eq!(normalize("auth_service"), "auth-service");
        assert_eq!(normalize("auth--service"), "auth-service");
        assert_eq!(normalize(" Auth  _Service "), "auth-service");
        assert_ne!(normalize("authservice"), normalize("auth service"));
    }

    #[test]
    fn a_name_written_as_compared_is_not_copied_and_any_other_is_normalized() {
        for name in [
            "auth-service",
            "svc-000001",
            "",
            "-auth",
            "auth-",
            "auth--service",
            "Auth",
            "auth_service",
            " auth",
            "auth\tservice",
            "café",
        ] {
            let found = normalized(name);
            assert_eq!(found, normalize(name), "{name}");
            let copied = matches!(found, std::borrow::Cow::Owned(_));
            assert_eq!(
                copied,
                normalize(name) != name || !name.is_ascii(),
                "{name}"
            );
        }
    }
}
