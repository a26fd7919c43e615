//! The document Spectral's rules judge: an API description with what its `$ref`s into other
//! files name put in their place, as Spectral's resolver does, so that an operation, a parameter
//! or a schema kept in a file of its own (Redocly's `paths/users.yaml`, DigitalOcean's
//! `resources/apps/apps_list.yml`) is judged as the part of the description it is. Each piece put
//! in is a mount: a finding inside it is reported in the file it is written in, at its place
//! there.
//!
//! Only references into other files are put in place: the description's own `#/...` references
//! stay as written, as archlint's rules judge each definition where it is written and report a
//! use where the reference is. Inside a piece from another file, every reference that leads
//! somewhere is put in place, its own `#/...` ones too: they name that file's parts, not the
//! description's; but a reference from inside a schema to a schema already put inside a
//! schema is named where it was put, as a `#/...` of the bundle (a schema's rules judge it the
//! same wherever it is, and the schemas of a large split description name each other thousands
//! of times over). A reference that would put a value inside itself (a cycle) names the copy
//! being put in place, by a `#/...` of the bundle, so a recursive schema stays recursive. One
//! that would take the bundle past its budget ([`MAX_INLINED_MEMORY`], the copies' memory and the
//! pointers kept for them) or its depth ([`MAX_DEPTH`]) stays a reference, and the rules pass it
//! over, as they do a reference to a URL; the bundle keeps it ([`Bundle::left`]) for the run to
//! say (`unbundled-ref`). A `#/...` one of a piece left so is written as seen from the
//! description, where it would otherwise name a part of the description.

use crate::load::document::{Document, pointer_within, push_pointer_token, value_at};
use crate::load::references::{RefSite, Target};
use crate::load::{DocumentRef, Workspace};
use crate::source::Span;
use crate::value::{Map, Value};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The memory the copies of the pieces put into one description may take, with the pointers
/// kept for them (as [`Footprint`] estimates it). The bundles of the documents judged side by
/// side are held at once, one per thread: a piece referenced many times over, through
/// references to references, would otherwise grow one bundle past any memory. DigitalOcean's
/// description (2.7 MB of YAML in 2,900 files, its schemas put in at each use) takes 34 MB of
/// it.
const MAX_INLINED_MEMORY: usize = 128 << 20;

/// How deeply a bundle may nest, as a document may by default ([`Limits`]): the rules walk
/// values by recursion, and a chain of pieces each within the limit could nest past any stack.
///
/// [`Limits`]: crate::load::limits::Limits
const MAX_DEPTH: usize = 256;

/// A piece of another file put in place of a reference: the file's document, and the piece's
/// pointer there.
struct Mount<'w> {
    document: &'w Document,
    pointer: String,
}

/// One document as Spectral's rules judge it ([module documentation](self)).
pub struct Bundle<'w> {
    root: &'w Document,
    /// Where the document is in the workspace; `None` for one judged on its own.
    at: Option<DocumentRef>,
    /// The document with its references into other files put in place; `None` when it has
    /// none, and the rules judge the document as written.
    inlined: Option<Value>,
    /// The pointer in the bundle of each piece put in → where it is written.
    mounts: HashMap<String, Mount<'w>>,
    /// The memory the copies of the pieces take ([`Footprint`]).
    inlined_memory: usize,
    /// The references into other files left as written, past a bound.
    left: Vec<Left>,
}

/// A reference a bundle leaves as written, though what it names exists: putting it in place
/// would pass one of the bundle's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Left {
    /// Where the `$ref` is written.
    pub span: Span,
    pub bound: Bound,
}

/// The bound a piece would pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// The memory the copies may take ([`MAX_INLINED_MEMORY`]).
    Memory,
    /// How deeply the bundle may nest ([`MAX_DEPTH`]).
    Depth,
}

impl Bound {
    /// What passing the bound would mean, said in a finding.
    pub fn describe(self) -> String {
        match self {
            Bound::Memory => format!(
                "the pieces put into the description would take more than {} MiB of memory",
                MAX_INLINED_MEMORY >> 20
            ),
            Bound::Depth => {
                format!("the description would nest more than {MAX_DEPTH} levels deep")
            }
        }
    }
}

impl<'w> Bundle<'w> {
    /// The document as written.
    pub fn as_written(document: &'w Document) -> Self {
        Bundle {
            root: document,
            at: None,
            inlined: None,
            mounts: HashMap::new(),
            inlined_memory: 0,
            left: Vec::new(),
        }
    }

    /// The document `at` of `workspace`, with the pieces its references into other files name
    /// put in place, when it is an API description that has such references.
    pub fn of(workspace: &'w Workspace, at: DocumentRef) -> Self {
        let document = workspace.document(at);
        let references = &workspace.references;
        let leaves_the_file = references.sites_within(at, "").any(|(_, site)| {
            !site.reference.starts_with('#') && matches!(site.target, Target::Found { .. })
        });
        if !leaves_the_file
            || !super::formats::detect(&document.value)
                .iter()
                .any(|format| format.describes_an_api())
        {
            return Bundle {
                at: Some(at),
                ..Bundle::as_written(document)
            };
        }
        let root_folder = workspace
            .sources
            .get(document.file)
            .path
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let mut inliner = Inliner {
            workspace,
            root: at,
            root_folder: &root_folder,
            mounts: HashMap::new(),
            budget: MAX_INLINED_MEMORY,
            footprints: HashMap::new(),
            first_places: HashMap::new(),
            within: Vec::new(),
            left: Vec::new(),
            left_at: HashSet::new(),
        };
        let inlined = inliner.copy(
            at,
            references.places(at),
            &mut String::new(),
            &document.value,
            &mut String::new(),
        );
        Bundle {
            root: document,
            at: Some(at),
            inlined: Some(inlined),
            mounts: inliner.mounts,
            inlined_memory: MAX_INLINED_MEMORY - inliner.budget,
            left: inliner.left,
        }
    }

    /// The references into other files the bundle leaves as written, past one of its bounds:
    /// what they name is not judged there.
    pub fn left(&self) -> &[Left] {
        &self.left
    }

    /// The document the rules judge.
    pub fn value(&self) -> &Value {
        self.inlined.as_ref().unwrap_or(&self.root.value)
    }

    /// Whether the bundle is large enough for its work to be shared among the threads
    /// ([`Document::is_large`]): the document's length with the memory its copies take, which
    /// may be many times it (DigitalOcean's description is 2,900 files).
    pub fn is_large(&self) -> bool {
        self.root.extent().len() + self.inlined_memory >= crate::source::LARGE_TEXT
    }

    /// Whether the bundle is not the document as written: it has pieces of other files in it.
    pub fn is_inlined(&self) -> bool {
        self.inlined.is_some()
    }

    /// The document judged, as written.
    pub fn root(&self) -> &'w Document {
        self.root
    }

    /// Where the document judged is in the workspace; `None` for one judged on its own.
    pub fn document_ref(&self) -> Option<DocumentRef> {
        self.at
    }

    /// Where what `pointer` names in the bundle is written: the document, and its pointer there.
    /// With `on_key`, where its key is written: a piece's key is the reference's, in the
    /// document that holds the reference. A finding about a whole piece is shown in its file,
    /// as Spectral shows it (`path-params` on an operation in `resources/get.yml`, at its start).
    pub fn written<'p>(&self, pointer: &'p str, on_key: bool) -> (&'w Document, Cow<'p, str>) {
        if self.mounts.is_empty() {
            return (self.root, Cow::Borrowed(pointer));
        }
        let (searched, key) = match pointer.rfind('/') {
            Some(slash) if on_key => pointer.split_at(slash),
            _ => (pointer, ""),
        };
        let mut prefix = searched;
        loop {
            if let Some(mount) = self.mounts.get(prefix) {
                let mut there = mount.pointer.clone();
                there.push_str(&searched[prefix.len()..]);
                there.push_str(key);
                return (mount.document, Cow::Owned(there));
            }
            match prefix.rfind('/') {
                Some(slash) => prefix = &prefix[..slash],
                None => return (self.root, Cow::Borrowed(pointer)),
            }
        }
    }
}

struct Inliner<'a, 'w> {
    workspace: &'w Workspace,
    /// The description.
    root: DocumentRef,
    /// The folder of the description, from which a reference left in a piece is written.
    root_folder: &'a Path,
    mounts: HashMap<String, Mount<'w>>,
    /// The bytes of memory still allowed in ([`MAX_INLINED_MEMORY`]).
    budget: usize,
    /// Each piece's footprint, by its document and pointer, measured when it is first put in.
    footprints: HashMap<(DocumentRef, String), Footprint>,
    /// Where each piece was first put in the bundle, by its document and pointer.
    first_places: HashMap<(DocumentRef, String), String>,
    /// The pieces being put in place, outermost first.
    within: Vec<Frame>,
    /// The references left as written, past a bound, each once: a piece used many times over
    /// meets its references as many times.
    left: Vec<Left>,
    left_at: HashSet<Span>,
}

/// A piece being put in place.
struct Frame {
    /// Where the reference to it is written.
    reference: (DocumentRef, String),
    /// The piece: its document and pointer there.
    piece: (DocumentRef, String),
    /// Where it is put in the bundle.
    place: String,
}

impl<'w> Inliner<'_, 'w> {
    /// `value`, written at `pointer` of document `at`, as it is put at `place` of the bundle;
    /// `pointer` and `place` are as they were when it returns. `sites` holds the references of
    /// `at` inside the value ([`References::narrowed`]), each child's narrowed from its
    /// parent's: most values of a piece hold none, and are cloned whole at once.
    fn copy(
        &mut self,
        at: DocumentRef,
        sites: &'w [usize],
        pointer: &mut String,
        value: &'w Value,
        place: &mut String,
    ) -> Value {
        let references = &self.workspace.references;
        // The first reference within the value, in pointer order, is the value's own if it has one.
        let Some(first) = sites
            .iter()
            .map(|&index| &references.sites[index])
            .find(|site| pointer_within(&site.pointer, pointer))
        else {
            return value.clone();
        };
        if first.pointer == *pointer && first.keyword == "$ref" {
            return self.reference(at, pointer, value, place, first);
        }
        let pointer_length = pointer.len();
        let place_length = place.len();
        match value {
            Value::Object(map) => {
                let mut copied = Map::with_capacity(map.len());
                for (key, member) in map.iter() {
                    push_pointer_token(pointer, key);
                    push_pointer_token(place, key);
                    let inside = references.narrowed(sites, pointer);
                    copied.insert(key.clone(), self.copy(at, inside, pointer, member, place));
                    pointer.truncate(pointer_length);
                    place.truncate(place_length);
                }
                Value::Object(copied)
            }
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let token = index.to_string();
                        push_pointer_token(pointer, &token);
                        push_pointer_token(place, &token);
                        let inside = references.narrowed(sites, pointer);
                        let copied = self.copy(at, inside, pointer, item, place);
                        pointer.truncate(pointer_length);
                        place.truncate(place_length);
                        copied
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The Reference Object `value`, written at `pointer` of `at` (`site`), as it is put at
    /// `place`: what it names, put in place when it leads into another file or is written in a
    /// piece; else a reference, as written when it means the same in the bundle.
    fn reference(
        &mut self,
        at: DocumentRef,
        pointer: &str,
        value: &'w Value,
        place: &mut String,
        site: &'w RefSite,
    ) -> Value {
        let in_piece = !self.within.is_empty();
        let local = site.reference.starts_with('#');
        let Target::Found {
            document,
            pointer: target,
        } = &site.target
        else {
            return match in_piece && local {
                true => self.reference_from_root(at, value, &site.reference),
                false => value.clone(),
            };
        };
        if !in_piece && local {
            return value.clone();
        }
        let cycle = pointer_within(pointer, target) && at == *document
            || self.within.iter().any(|frame| {
                let (written_in, written_at) = &frame.reference;
                written_in == document && pointer_within(written_at, target)
            });
        if cycle {
            return match self.copy_in_bundle(*document, target) {
                Some(local) => with_reference(value, local),
                None if local => self.reference_from_root(at, value, &site.reference),
                None => value.clone(),
            };
        }
        // A schema that a piece's schemas name over and over is put in once, and named where it
        // was put, as the description's own `#/...` references name its definitions: the schemas
        // of a large split description name each other thousands of times (OpenSearch's query
        // DSL), and copying each at each use multiplies them past any memory. Only a reference
        // from inside a schema to what was put inside a schema: a schema's rules judge
        // it the same wherever it is, where an operation, a parameter or an example is judged
        // with what is around it (a path item two paths name holds two operations). The members
        // beside the `$ref` are left out, as they are where the schema is put in.
        let key = (*document, target.clone());
        let subschema = is_subschema(&site.pointer);
        if in_piece
            && subschema
            && let Some(first) = self.first_places.get(&key)
        {
            let mut reference = Map::new();
            reference.insert("$ref", Value::from(fragment(first)));
            return Value::Object(reference);
        }
        let piece = match self.charged(*document, target, place) {
            Ok(piece) => piece,
            Err(bound) => {
                if let Some(bound) = bound
                    && self.left_at.insert(site.span)
                {
                    self.left.push(Left {
                        span: site.span,
                        bound,
                    });
                }
                return match local {
                    true => self.reference_from_root(at, value, &site.reference),
                    false => value.clone(),
                };
            }
        };
        // A piece put inside an extension is where few rules look: it is named from nowhere.
        if subschema && !place.contains("/x-") {
            self.first_places
                .entry(key)
                .or_insert_with(|| place.clone());
        }
        self.mounts.insert(
            place.clone(),
            Mount {
                document: self.workspace.document(*document),
                pointer: target.clone(),
            },
        );
        self.within.push(Frame {
            reference: (at, pointer.to_string()),
            piece: (*document, target.clone()),
            place: place.clone(),
        });
        let mut inner = target.clone();
        let references = &self.workspace.references;
        let sites = references.narrowed(references.places(*document), target);
        let copied = self.copy(*document, sites, &mut inner, piece, place);
        self.within.pop();
        copied
    }

    /// The local reference (`#/paths/~1users/get/...`) to where the value at `target` of
    /// `document` is being put in the bundle, for a reference that names a value it is inside
    /// of: the description's own values keep their places, and a piece's are where it is put.
    fn copy_in_bundle(&self, document: DocumentRef, target: &str) -> Option<String> {
        if document == self.root {
            return Some(fragment(target));
        }
        self.within.iter().find_map(|frame| {
            let (piece_in, piece_at) = &frame.piece;
            (*piece_in == document && pointer_within(target, piece_at))
                .then(|| fragment(&format!("{}{}", frame.place, &target[piece_at.len()..])))
        })
    }

    /// What `target` of `document` names, when it exists and fits, put at `place`: its nesting
    /// within [`MAX_DEPTH`], and the memory its copy and the pointers kept for it take within
    /// the budget, which they are charged to. Each piece is measured once. Else the bound it
    /// would pass, when it exists.
    fn charged(
        &mut self,
        document: DocumentRef,
        target: &str,
        place: &str,
    ) -> Result<&'w Value, Option<Bound>> {
        let named = self.workspace.document(document);
        let piece = value_at(&named.value, target).ok_or(None)?;
        let Footprint { depth, bytes } = *self
            .footprints
            .entry((document, target.to_string()))
            .or_insert_with(|| Footprint::of(piece));
        if place.matches('/').count() + depth > MAX_DEPTH {
            return Err(Some(Bound::Depth));
        }
        self.budget = self
            .budget
            .checked_sub(bytes + place.len() + target.len())
            .ok_or(Some(Bound::Memory))?;
        Ok(piece)
    }

    /// A `#/...` reference of a piece that is not put in place, written as the description
    /// would write it (`paths/users.yaml#/components/x`): read as written, it would name a part
    /// of the description.
    fn reference_from_root(&self, at: DocumentRef, value: &Value, reference: &str) -> Value {
        let file = &self
            .workspace
            .sources
            .get(self.workspace.document(at).file)
            .path;
        let relative =
            pathdiff::diff_paths(file, self.root_folder).unwrap_or_else(|| file.to_path_buf());
        with_reference(value, format!("{}{reference}", relative.to_string_lossy()))
    }
}

/// Whether the object at `pointer` is a subschema of a schema: a property's, an item's, a
/// branch of `allOf`, `oneOf` or `anyOf`, or another keyword's that applies a schema.
fn is_subschema(pointer: &str) -> bool {
    let mut tokens = pointer.rsplit('/');
    let (Some(last), Some(parent)) = (tokens.next(), tokens.next()) else {
        return false;
    };
    let keyword = matches!(
        last,
        "items"
            | "additionalItems"
            | "additionalProperties"
            | "not"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "if"
            | "then"
            | "else"
    );
    // A keyword's name may also be a name in a map of the description's objects (an example
    // named `items`, a schema component named `not`).
    let named_in_a_map = matches!(
        parent,
        "schemas"
            | "definitions"
            | "$defs"
            | "examples"
            | "headers"
            | "links"
            | "callbacks"
            | "responses"
            | "parameters"
            | "requestBodies"
            | "securitySchemes"
            | "content"
            | "encoding"
            | "pathItems"
            | "mediaTypes"
            | "variables"
            | "webhooks"
            | "paths"
            | "messages"
            | "channels"
            | "operations"
            | "servers"
            | "messageTraits"
            | "operationTraits"
            | "correlationIds"
            | "replies"
            | "replyAddresses"
            | "tags"
    ) || parent.starts_with("x-");
    let member = matches!(parent, "properties" | "patternProperties");
    let branch = matches!(parent, "allOf" | "oneOf" | "anyOf" | "prefixItems")
        && last.bytes().all(|byte| byte.is_ascii_digit());
    (keyword && !named_in_a_map) || member || branch
}

/// What a copy of a value takes: how deeply it nests (0 for a scalar, 1 for a collection of
/// scalars), and about how many bytes of memory.
#[derive(Clone, Copy)]
struct Footprint {
    depth: usize,
    bytes: usize,
}

impl Footprint {
    /// Measured on an explicit stack, as a piece may nest as deeply as the loader allows. A
    /// string longer than a `Str` holds inline takes its length besides.
    fn of(value: &Value) -> Footprint {
        const INLINE: usize = std::mem::size_of::<crate::value::Str>();
        let heap = |text: &str| if text.len() > INLINE { text.len() } else { 0 };
        let mut footprint = Footprint { depth: 0, bytes: 0 };
        let mut pending = vec![(value, 0)];
        while let Some((value, level)) = pending.pop() {
            footprint.bytes += std::mem::size_of::<Value>();
            match value {
                Value::Object(map) => {
                    footprint.depth = footprint.depth.max(level + 1);
                    for (key, member) in map.iter() {
                        footprint.bytes += INLINE + heap(key);
                        pending.push((member, level + 1));
                    }
                }
                Value::Array(items) => {
                    footprint.depth = footprint.depth.max(level + 1);
                    pending.extend(items.iter().map(|item| (item, level + 1)));
                }
                Value::String(text) => footprint.bytes += heap(text),
                _ => {}
            }
        }
        footprint
    }
}

/// `pointer` as a URI fragment (`#/paths/~1users~1%7Bid%7D`), which a reference is read as.
fn fragment(pointer: &str) -> String {
    const ESCAPED: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'[')
        .add(b'\\')
        .add(b']')
        .add(b'^')
        .add(b'`')
        .add(b'{')
        .add(b'|')
        .add(b'}');
    format!("#{}", utf8_percent_encode(pointer, ESCAPED))
}

/// The Reference Object `value` with its `$ref` written `reference`.
fn with_reference(value: &Value, reference: String) -> Value {
    let mut copied = value.clone();
    if let Value::Object(map) = &mut copied {
        map.insert("$ref", Value::from(reference));
    }
    copied
}
