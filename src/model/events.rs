//! Event schemas from every source of docs/FORMATS.md section 5: `event_schemas:` registries, standalone
//! JSON Schema documents and AsyncAPI messages (read in [`super::asyncapi`]). Each schema is a
//! record of where it is written, which dialect it is in, and where its examples are; its bundle
//! is built once, on first use, and shared by every rule and thread.

use super::Spanned;
pub use super::schema_bundle::Bundle;
use crate::load::document::{Document, push_pointer_token, value_at};
use crate::load::references::Node;
use crate::load::{DocumentRef, Workspace};
use crate::source::Span;
use crate::value::Value;
use jsonschema::Validator;
use jsonschema::meta::MetaValidator;
use std::sync::OnceLock;

/// A JSON Schema draft archlint validates with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Draft {
    Draft4,
    Draft6,
    Draft7,
    Draft201909,
    Draft202012,
}

impl Draft {
    /// The draft a `$schema` URI names, or `None` for a meta-schema archlint does not know.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        match jsonschema::Draft::from_schema_uri(uri) {
            jsonschema::Draft::Draft4 => Some(Draft::Draft4),
            jsonschema::Draft::Draft6 => Some(Draft::Draft6),
            jsonschema::Draft::Draft7 => Some(Draft::Draft7),
            jsonschema::Draft::Draft201909 => Some(Draft::Draft201909),
            jsonschema::Draft::Draft202012 => Some(Draft::Draft202012),
            _ => None,
        }
    }

    /// The draft's name as its meta-schema URI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft201909 => "2019-09",
            Draft::Draft202012 => "2020-12",
        }
    }

    pub fn jsonschema(self) -> jsonschema::Draft {
        match self {
            Draft::Draft4 => jsonschema::Draft::Draft4,
            Draft::Draft6 => jsonschema::Draft::Draft6,
            Draft::Draft7 => jsonschema::Draft::Draft7,
            Draft::Draft201909 => jsonschema::Draft::Draft201909,
            Draft::Draft202012 => jsonschema::Draft::Draft202012,
        }
    }

    /// The draft's meta-schema, compiled once per process by the jsonschema crate.
    pub fn meta_validator(self) -> MetaValidator<'static> {
        match self {
            Draft::Draft4 => jsonschema::draft4::meta::validator(),
            Draft::Draft6 => jsonschema::draft6::meta::validator(),
            Draft::Draft7 => jsonschema::draft7::meta::validator(),
            Draft::Draft201909 => jsonschema::draft201909::meta::validator(),
            Draft::Draft202012 => jsonschema::draft202012::meta::validator(),
        }
    }

    /// Where a bundle keeps the schemas it pulls in: `definitions` before 2019-09, `$defs` since.
    pub fn definitions_keyword(self) -> &'static str {
        match self {
            Draft::Draft4 | Draft::Draft6 | Draft::Draft7 => "definitions",
            Draft::Draft201909 | Draft::Draft202012 => "$defs",
        }
    }
}

/// What language a schema is written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialect {
    JsonSchema(Draft),
    /// `$schema` names a meta-schema archlint does not know: nothing is validated.
    UnknownDraft(String),
    /// An AsyncAPI payload in another schema language (Avro, Protobuf, RAML, ...): a schema all
    /// the same, but no JSON Schema rule reads it.
    Other(String),
}

/// Where a schema says it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaSource {
    /// An entry of an `event_schemas:` registry, named by its key.
    Registry,
    /// A standalone JSON Schema document.
    JsonSchemaDocument,
    /// The payload of an AsyncAPI message.
    AsyncApiMessage,
}

/// A value's place in the workspace: a document and a JSON pointer in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    pub document: DocumentRef,
    pub pointer: String,
}

impl Place {
    pub fn of(node: &Node<'_>) -> Place {
        Place {
            document: node.at,
            pointer: node.pointer.clone(),
        }
    }

    /// The value at this place, or `None` when nothing is there.
    pub fn node<'w>(&self, workspace: &'w Workspace) -> Option<Node<'w>> {
        let document = workspace.document(self.document);
        Some(Node {
            at: self.document,
            document,
            value: value_at(&document.value, &self.pointer)?,
            pointer: self.pointer.clone(),
        })
    }

    /// The place of the member `token` of this value.
    pub fn child(&self, token: &str) -> Place {
        let mut pointer = self.pointer.clone();
        push_pointer_token(&mut pointer, token);
        Place {
            document: self.document,
            pointer,
        }
    }

    /// Where a finding about the value is drawn (see [`Document::focus`]).
    pub fn focus(&self, workspace: &Workspace) -> Span {
        workspace.document(self.document).focus(&self.pointer)
    }
}

/// One event's schema.
#[derive(Debug)]
pub struct EventSchema {
    /// The event's name, where it is written: the registry key, the JSON Schema's
    /// `properties.event_type.const` / `x-event` / `title`, the message's `name` or key.
    pub name: Spanned<String>,
    pub source: SchemaSource,
    /// Where the schema itself is written (after any `$ref` that leads to it).
    pub schema: Place,
    pub dialect: Dialect,
    /// Where the dialect is chosen (`$schema`, or an AsyncAPI `schemaFormat`), if anywhere.
    pub dialect_at: Option<Span>,
    /// Every example of the event: the schema's `examples` and the AsyncAPI message's
    /// `examples[].payload`.
    pub examples: Vec<Place>,
    /// The AsyncAPI message whose payload this is.
    pub message: Option<Place>,
    /// The `info.version` of the AsyncAPI document that defines the message: an AsyncAPI
    /// document versions its messages with it.
    pub document_version: Option<Spanned<String>>,
    bundle: OnceLock<Option<Bundle>>,
}

impl EventSchema {
    pub fn new(
        name: Spanned<String>,
        source: SchemaSource,
        schema: Place,
        dialect: Dialect,
        dialect_at: Option<Span>,
    ) -> Self {
        EventSchema {
            name,
            source,
            schema,
            dialect,
            dialect_at,
            examples: Vec::new(),
            message: None,
            document_version: None,
            bundle: OnceLock::new(),
        }
    }

    pub fn draft(&self) -> Option<Draft> {
        match self.dialect {
            Dialect::JsonSchema(draft) => Some(draft),
            _ => None,
        }
    }

    /// The schema with everything it references pulled in (see [`Bundle`]); `None` for a schema
    /// that is not JSON Schema of a known draft. Built once.
    pub fn bundle(&self, workspace: &Workspace) -> Option<&Bundle> {
        self.bundle
            .get_or_init(|| {
                let draft = self.draft()?;
                let root = self.schema.node(workspace)?;
                Some(Bundle::build(workspace, root, draft))
            })
            .as_ref()
    }

    /// The schema compiled for its draft from its bundle; `None` when it cannot be (not JSON
    /// Schema, or invalid: `event-schema-invalid` says why). Nothing is ever fetched: the bundle
    /// holds every reference that can be followed, and the validator is built offline. Not
    /// kept: one rule uses it, and twenty thousand compiled schemas held to the end of a run
    /// cost hundreds of megabytes.
    pub fn validator(&self, workspace: &Workspace) -> Option<Validator> {
        let draft = self.draft()?;
        let bundle = self.bundle(workspace)?;
        let schema = bundle.value(workspace).to_serde();
        // The crate would overflow the stack, or take exponential time, on such a schema; and
        // no validator has a verdict on a schema that applies itself to its value.
        if crate::schema_depth::too_costly(&schema) || crate::schema_depth::applies_itself(&schema)
        {
            return None;
        }
        let options = jsonschema::options()
            .with_draft(draft.jsonschema())
            .offline();
        crate::spectral::functions::build_with_javascript_patterns(options, &schema).ok()
    }
}

/// The dialect of a JSON Schema: its `$schema`, else `default`; and where `$schema` is written.
pub fn dialect_of(document: &Document, schema: &Place, default: Draft) -> (Dialect, Option<Span>) {
    let at = schema.child("$schema");
    match value_at(&document.value, &at.pointer) {
        Some(Value::String(uri)) => {
            let dialect = match Draft::from_uri(uri) {
                Some(draft) => Dialect::JsonSchema(draft),
                None => Dialect::UnknownDraft(uri.to_string()),
            };
            (dialect, Some(document.focus(&at.pointer)))
        }
        _ => (Dialect::JsonSchema(default), None),
    }
}

/// The places of the items of a list at `place`, if a list is there.
pub fn items(document: &Document, place: &Place) -> Vec<Place> {
    match value_at(&document.value, &place.pointer) {
        Some(Value::Array(items)) => (0..items.len())
            .map(|index| place.child(&index.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The schemas of an `event_schemas:` registry, one per key; each in its `$schema`'s draft, else
/// 2020-12.
pub fn read_registry(at: DocumentRef, document: &Document) -> Vec<EventSchema> {
    let Some(Value::Object(schemas)) = document.value.get("event_schemas") else {
        return Vec::new();
    };
    let registry = Place {
        document: at,
        pointer: "/event_schemas".to_string(),
    };
    schemas
        .keys()
        .map(|key| {
            let schema = registry.child(key);
            let name = Spanned {
                value: key.to_string(),
                span: document.locate_nearest(&schema.pointer).anchor(),
            };
            let (dialect, dialect_at) = dialect_of(document, &schema, Draft::Draft202012);
            let mut event = EventSchema::new(
                name,
                SchemaSource::Registry,
                schema.clone(),
                dialect,
                dialect_at,
            );
            event.examples = items(document, &schema.child("examples"));
            event
        })
        .collect()
}

/// A standalone JSON Schema names its event by `properties.event_type.const`, else `x-event`,
/// else `title` (docs/FORMATS.md section 5); one that names none describes no event.
pub fn read_json_schema(at: DocumentRef, document: &Document) -> Option<EventSchema> {
    let candidates = ["/properties/event_type/const", "/x-event", "/title"];
    let (pointer, name) = candidates
        .iter()
        .find_map(|pointer| Some((*pointer, value_at(&document.value, pointer)?.as_str()?)))?;
    let schema = Place {
        document: at,
        pointer: String::new(),
    };
    let (dialect, dialect_at) = dialect_of(document, &schema, Draft::Draft202012);
    let name = Spanned {
        value: name.to_string(),
        span: document.focus(pointer),
    };
    let mut event = EventSchema::new(
        name,
        SchemaSource::JsonSchemaDocument,
        schema.clone(),
        dialect,
        dialect_at,
    );
    event.examples = items(document, &schema.child("examples"));
    Some(event)
}
