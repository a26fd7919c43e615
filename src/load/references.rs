//! References: every `$ref` in the API and schema documents, looked up once and safely.
//!
//! A reference to a `#/...` pointer, an anchor, or a relative file (with or without a fragment) is
//! looked up; a file that the walk did not load (excluded, or outside the given paths but inside
//! the root) is loaded on demand, once, and its own references are resolved in turn. A file that
//! is no YAML or JSON (Redocly's `x-codeSamples` source in `code.php`, a Markdown description) is
//! text: it exists, and its content is an opaque value. A reference
//! to a URL, to an absolute path, or to a path that leaves the repository root, lexically or
//! through a symbolic link, is never followed. Nothing here expands a reference, so a cycle of
//! references is harmless; [`References::resolve`] stops at the first repeat.

use crate::canonical::CanonicalPaths;
use crate::discover::{Entry, Format};
use crate::load::catalog;
use crate::load::document::{
    Document, SPLIT_LEVELS, array_index, pointer_within, push_pointer_token, unescape_token,
    value_at,
};
use crate::load::kind::DocumentKind;
use crate::load::limits::Limits;
use crate::load::{DocumentRef, Workspace, io_message};
use crate::source::{FileId, Span};
use crate::suggest;
use crate::value::{Str, Value};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// Every `$ref` found, with what it leads to.
#[derive(Debug, Default)]
pub struct References {
    /// In the order the documents were scanned, and within a document in document order.
    pub sites: Vec<RefSite>,
    /// Document → the indexes in `sites` of its references, in the order of their pointers (of
    /// the object holding `$ref`), so the references inside one value are a range.
    by_place: HashMap<DocumentRef, Vec<usize>>,
}

/// One `$ref` as written.
#[derive(Clone, Debug, PartialEq)]
pub struct RefSite {
    pub document: DocumentRef,
    /// JSON pointer of the object that holds the `$ref`.
    pub pointer: String,
    /// What the reference is written as: `$ref`, a Backstage placeholder (`$text`, `$json`,
    /// `$yaml`), or a Backstage `Location`'s `target`.
    pub keyword: &'static str,
    /// Where the reference string is written.
    pub span: Span,
    pub reference: String,
    pub target: Target,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Found {
        document: DocumentRef,
        pointer: String,
    },
    /// Nothing is there: no such file, or nothing at the pointer.
    Missing {
        reason: String,
        /// A name at the place the pointer fails that is close to the one asked for.
        closest: Option<String>,
    },
    /// The path names something that is not a file: a folder, a named pipe, a socket or a
    /// device. It exists, so it is not said to be missing; it is never read.
    NotAFile { reason: String },
    /// Not followed, by design: a URL, an absolute path, or a path out of the root.
    External { reason: String },
    /// The file exists but did not load; `parse-error` reports it there.
    Unloadable,
    /// A file that is no YAML or JSON document (a code sample, a Markdown description, a
    /// Backstage `$text`): its text is the value, opaque to archlint, as bundlers inline it.
    Text,
}

/// A value in a document, with the way to it.
#[derive(Clone, Debug)]
pub struct Node<'w> {
    pub at: DocumentRef,
    pub document: &'w Document,
    pub pointer: String,
    pub value: &'w Value,
}

impl<'w> Node<'w> {
    /// The root of a document.
    pub fn root(workspace: &'w Workspace, at: DocumentRef) -> Self {
        let document = workspace.document(at);
        Node {
            at,
            document,
            pointer: String::new(),
            value: &document.value,
        }
    }

    /// The member `key` of an object (or element `key` of a list), as written (not resolved).
    pub fn get(&self, key: &str) -> Option<Node<'w>> {
        let value = match self.value {
            Value::Object(map) => map.get(key)?,
            Value::Array(items) => items.get(array_index(key)?)?,
            _ => return None,
        };
        let mut pointer = self.pointer.clone();
        push_pointer_token(&mut pointer, key);
        Some(Node {
            at: self.at,
            document: self.document,
            pointer,
            value,
        })
    }

    /// The members of an object, as written, in document order.
    pub fn entries(&self) -> Vec<(&'w str, Node<'w>)> {
        match self.value {
            Value::Object(map) => map
                .iter()
                .map(|(key, value)| {
                    let mut pointer = self.pointer.clone();
                    push_pointer_token(&mut pointer, key);
                    let node = Node {
                        at: self.at,
                        document: self.document,
                        pointer,
                        value,
                    };
                    (key.as_str(), node)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Where a finding about this node is drawn (see [`Document::focus`]).
    pub fn focus(&self) -> Span {
        self.document.focus(&self.pointer)
    }

    /// The key of this node when it is a mapping entry, else its value.
    pub fn anchor(&self) -> Span {
        self.document.locate_nearest(&self.pointer).anchor()
    }
}

/// A reference chain longer than this is treated as leading nowhere; real ones are a few hops.
const MAX_HOPS: usize = 64;

impl References {
    /// The `$ref` held by the object at `pointer` of `document`, if there is one.
    pub fn site(&self, document: DocumentRef, pointer: &str) -> Option<&RefSite> {
        self.site_index(document, pointer)
            .map(|index| &self.sites[index])
    }

    /// The indexes in `sites` of the references of `document`, in pointer order.
    pub fn places(&self, document: DocumentRef) -> &[usize] {
        self.by_place.get(&document).map_or(&[], Vec::as_slice)
    }

    /// The run of `places` (indexes in `sites`, in pointer order) whose pointers start with
    /// `pointer`: the references inside the value there, itself included, and those of
    /// siblings whose key extends its (`/a/b!` beside `/a/b`; [`pointer_within`] tells them
    /// apart). Strings that share a prefix are one run in sorted order, so a walk down a
    /// document narrows the run of each value to its children's.
    pub fn narrowed<'p>(&self, places: &'p [usize], pointer: &str) -> &'p [usize] {
        let pointer_of = |index: &usize| self.sites[*index].pointer.as_str();
        let start = places.partition_point(|index| pointer_of(index) < pointer);
        let rest = &places[start..];
        let length = rest.partition_point(|index| pointer_of(index).starts_with(pointer));
        &rest[..length]
    }

    /// The references written inside the value at `pointer` of `document` (itself included),
    /// with their indexes in `sites`, in pointer order.
    pub fn sites_within<'r>(
        &'r self,
        document: DocumentRef,
        pointer: &str,
    ) -> impl Iterator<Item = (usize, &'r RefSite)> {
        let places = self.places(document);
        let first = places.partition_point(|&index| self.sites[index].pointer.as_str() < pointer);
        places[first..]
            .iter()
            .map(|&index| (index, &self.sites[index]))
            .take_while(move |(_, site)| site.pointer.starts_with(pointer))
            .filter(move |(_, site)| pointer_within(&site.pointer, pointer))
    }

    /// The node itself when it is no reference; else what its chain of references leads to, or
    /// `None` when the chain ends nowhere (a missing or external target, which `unresolved-ref`
    /// and `external-ref` report) or goes round in a cycle.
    pub fn resolve<'w>(&self, workspace: &'w Workspace, node: Node<'w>) -> Option<Node<'w>> {
        let mut node = node;
        let mut seen = HashSet::new();
        for _ in 0..MAX_HOPS {
            let Some(site) = self.site(node.at, &node.pointer) else {
                return Some(node);
            };
            if !seen.insert((node.at, node.pointer.clone())) {
                return None;
            }
            let Target::Found { document, pointer } = &site.target else {
                return None;
            };
            let target = workspace.document(*document);
            node = Node {
                at: *document,
                document: target,
                value: value_at(&target.value, pointer)?,
                pointer: pointer.clone(),
            };
        }
        None
    }

    /// The documents that are no architecture document but that references lead into, each once,
    /// in order.
    pub fn reached_unclassified(&self) -> BTreeSet<DocumentRef> {
        self.sites
            .iter()
            .filter_map(|site| match site.target {
                Target::Found {
                    document: at @ DocumentRef::Unclassified(_),
                    ..
                } => Some(at),
                _ => None,
            })
            .collect()
    }

    /// [`Node::get`] followed by [`References::resolve`].
    pub fn get<'w>(
        &self,
        workspace: &'w Workspace,
        node: &Node<'w>,
        key: &str,
    ) -> Option<Node<'w>> {
        self.resolve(workspace, node.get(key)?)
    }
}

/// The kinds whose `$ref`s are resolved; any document they lead to is scanned in turn.
fn holds_references(kind: DocumentKind) -> bool {
    matches!(
        kind,
        DocumentKind::OpenApi
            | DocumentKind::AsyncApi
            | DocumentKind::JsonSchema
            | DocumentKind::EventSchemaRegistry
            | DocumentKind::BackstageEntity
    )
}

impl Workspace {
    /// Finds and resolves every reference of the API and schema documents, loading the files
    /// they lead to that are not loaded yet. `root` is the repository root no reference leaves.
    pub fn resolve_references(&mut self, root: &Path, limits: &Limits) {
        let canonical = std::mem::take(&mut self.canonical);
        let (references, canonical) = resolve(self, root, limits, canonical);
        self.references = references;
        self.canonical = canonical;
    }
}

/// The references; and `canonical`, the canonical paths found before, with those found here.
fn resolve(
    workspace: &mut Workspace,
    root: &Path,
    limits: &Limits,
    canonical: CanonicalPaths,
) -> (References, CanonicalPaths) {
    let mut files = FileIndex::new(workspace, root, canonical);
    let mut queue: Vec<DocumentRef> = workspace
        .documents
        .iter()
        .enumerate()
        .filter(|(_, document)| holds_references(document.kind))
        .map(|(index, _)| DocumentRef::Architecture(index))
        .collect();
    let mut scanned = HashSet::new();
    let mut queued: HashSet<FileId> = HashSet::new();
    let mut places = Places::default();
    let mut found: Vec<(WrittenRef, PlaceId)> = Vec::new();
    while !queue.is_empty() {
        let batch: Vec<DocumentRef> = queue.drain(..).filter(|at| scanned.insert(*at)).collect();
        // One list per document: the references of a document share its folder.
        let written: Vec<Vec<WrittenRef>> = batch
            .par_iter()
            .with_max_len(crate::FILES_PER_TASK)
            .map(|&at| scan(workspace.document(at), at))
            .collect();
        found.reserve(written.iter().map(Vec::len).sum());
        let mut to_load = BTreeSet::new();
        for references in written {
            let Some(first) = references.first() else {
                continue;
            };
            let source = &workspace
                .sources
                .get(workspace.document(first.document).file);
            let folder = places.folder(&source.path);
            for mut reference in references {
                reference.file_end = files.file_end(&source.path, &reference.text);
                let base = schema_base(workspace.document(reference.document), &reference);
                let file = match &base {
                    // A file's name relative to a schema's own URI names no file of ours.
                    Some(SchemaBase::Url(id)) => {
                        let reason = format!(
                            "relative to the enclosing schema's `$id` (`{id}`): a URL, which archlint never fetches"
                        );
                        found.push((reference, places.push(Place::External(reason))));
                        continue;
                    }
                    Some(SchemaBase::Path(file)) => file.as_str(),
                    None => reference.file(),
                };
                let place = match places.known(folder, file) {
                    Some(place) => place,
                    None => {
                        let place = places.add(folder, file, files.place(&source.path, file));
                        // A place is new once: the file it names is queued, or loaded, then.
                        if let Place::File(path, Some(_)) = places.get(place) {
                            match files.loaded(workspace).get(path) {
                                // A file's documents are queued once, however many references
                                // lead to it.
                                Some(&file) if queued.insert(file) => {
                                    queue.extend_from_slice(files.documents_of(file))
                                }
                                Some(_) => {}
                                None => {
                                    to_load.insert(path.clone());
                                }
                            }
                        }
                        place
                    }
                };
                found.push((reference, place));
            }
        }
        let entries: Vec<Entry> = to_load
            .into_iter()
            .filter_map(|path| {
                let format = structured_format(&path)?;
                Some(Entry::File { path, format })
            })
            .collect();
        let loaded = workspace.read(&entries, limits);
        for (entry, file) in entries.into_iter().zip(loaded) {
            let path = entry.path().to_path_buf();
            let before = (workspace.documents.len(), workspace.unclassified.len());
            let id = workspace.add(file, limits);
            files.loaded(workspace).insert(path, id);
            files.add_documents(workspace, before);
            queued.insert(id);
            queue.extend_from_slice(files.documents_of(id));
        }
    }

    let failed: HashSet<FileId> = workspace.failures.iter().map(|(id, _)| *id).collect();
    let workspace = &*workspace;
    let anchors = Anchors::default();
    // Each reference is looked up on its own, in parallel, and becomes its site there; the order
    // stays the scan's.
    let (sites, asked): (Vec<RefSite>, Vec<_>) = found
        .into_par_iter()
        .map(|(written, place)| {
            let looked: Looked = match places.get(place) {
                Place::External(reason) => Target::External {
                    reason: reason.clone(),
                }
                .into(),
                Place::NotAFile(reason) => Target::NotAFile {
                    reason: reason.clone(),
                }
                .into(),
                Place::Missing(reason) => Target::Missing {
                    reason: reason.clone(),
                    closest: None,
                }
                .into(),
                Place::SameDocument => look_up_within(
                    workspace,
                    written.document,
                    &written.pointer[..written.resource],
                    written.fragment(),
                    &anchors,
                ),
                Place::File(_, None) => Target::Text.into(),
                Place::File(path, Some(_)) => match files.loaded_file(path) {
                    Some(file) if failed.contains(&file) => Target::Unloadable.into(),
                    Some(file) => match files.documents_of(file).first() {
                        Some(&document) => {
                            look_up(workspace, document, written.fragment(), &anchors)
                        }
                        None => Target::Missing {
                            reason: format!("`{}` holds no document", written.file()),
                            closest: None,
                        }
                        .into(),
                    },
                    // Every structured file a reference names is loaded above.
                    None => Target::Unloadable.into(),
                },
            };
            let document = workspace.document(written.document);
            let span = match &written.at {
                Some(at) => document.focus(at),
                None => {
                    let mut at = written.pointer.clone();
                    push_pointer_token(&mut at, written.keyword);
                    document.focus(&at)
                }
            };
            let site = RefSite {
                document: written.document,
                pointer: written.pointer,
                keyword: written.keyword,
                span,
                reference: written.text,
                target: looked.target,
            };
            (site, (looked.asked, looked.through))
        })
        .unzip();
    let (asked, through): (Vec<Option<Asked>>, Vec<Option<AskedPointer>>) =
        asked.into_iter().unzip();

    let mut references = References {
        sites,
        ..References::default()
    };
    let canonical = files.paths;
    for (index, site) in references.sites.iter().enumerate() {
        // A Location's target is a file of the catalog, not a value that stands for another.
        if site.keyword != LOCATION_TARGET {
            references
                .by_place
                .entry(site.document)
                .or_default()
                .push(index);
        }
    }
    let sites = &references.sites;
    for places in references.by_place.values_mut() {
        // Stable, and the last of a pointer written twice wins, as an insertion into a map.
        places.sort_by(|a, b| sites[*a].pointer.cmp(&sites[*b].pointer));
        places.dedup_by(|later, earlier| {
            let same = sites[*later].pointer == sites[*earlier].pointer;
            if same {
                *earlier = *later;
            }
            same
        });
    }
    let mut asked = asked;
    references.follow_through(workspace, &through, &mut asked);
    suggest_missing(workspace, &mut references.sites, asked);
    (references, canonical)
}

impl References {
    /// Pointers that pass through another reference (`#/channels/ping/messages/ping` where
    /// `channels.ping` is `{$ref: '#/components/channels/ping'}`): JSON Pointer alone finds
    /// nothing there, but the resolvers of API descriptions (Redocly's, json-schema-ref-parser,
    /// AsyncAPI's parser) follow the reference on the way, and authors of AsyncAPI 3 documents
    /// write them so. A JSON Schema's validators do not (Ajv and python-jsonschema refuse such a
    /// pointer), so a reference written in an event schema is left as written. `through` holds,
    /// for each site whose pointer found nothing, the document and pointer it asked. A reference
    /// on the way that itself passes through another is settled first, each site once.
    fn follow_through(
        &mut self,
        workspace: &Workspace,
        through: &[Option<AskedPointer>],
        asked: &mut [Option<Asked>],
    ) {
        let mut settling = Settling {
            through,
            asked,
            state: vec![SiteState::Open; self.sites.len()],
            depth: 0,
        };
        for index in 0..self.sites.len() {
            let kind = workspace.document(self.sites[index].document).kind;
            if !matches!(
                kind,
                DocumentKind::JsonSchema | DocumentKind::EventSchemaRegistry
            ) {
                self.settle(workspace, index, &mut settling);
            }
        }
    }

    /// Follows the pointer of the site at `index` through the references on its way, once.
    fn settle(&mut self, workspace: &Workspace, index: usize, settling: &mut Settling<'_>) {
        if settling.state[index] != SiteState::Open || settling.depth >= MAX_HOPS {
            return;
        }
        settling.state[index] = SiteState::Settling;
        if let Some((document, pointer)) = &settling.through[index] {
            settling.depth += 1;
            let followed = self.through_references(workspace, *document, pointer, settling);
            settling.depth -= 1;
            if let Some(looked) = followed {
                let file = workspace.document(self.sites[index].document).file;
                let looked = match looked {
                    Through::Found(document, pointer) => Target::Found { document, pointer }.into(),
                    Through::Missing(document, pointer) => {
                        // Said of the place in another file with the file's name.
                        let target = workspace.document(document);
                        let name = (target.file != file).then(|| {
                            let path = &workspace.sources.get(target.file).path;
                            path.file_name().unwrap_or_default().to_string_lossy()
                        });
                        missing_member(target, document, &pointer, name.as_deref())
                    }
                    Through::Unfollowed(reference, target) => match target {
                        Target::External { reason } => Target::External {
                            reason: format!("its way passes through `{reference}`: {reason}"),
                        }
                        .into(),
                        Target::Unloadable => target.into(),
                        _ => Target::Missing {
                            reason: format!(
                                "its way passes through `{reference}`, which leads nowhere"
                            ),
                            closest: None,
                        }
                        .into(),
                    },
                };
                self.sites[index].target = looked.target;
                settling.asked[index] = looked.asked;
            }
        }
        settling.state[index] = SiteState::Settled;
    }

    /// Where `pointer` of `document` leads when each object on its way that is a reference
    /// stands for its target; `None` when no reference is on its way to where it fails (it was
    /// looked up as written), or its references go round in a cycle.
    fn through_references(
        &mut self,
        workspace: &Workspace,
        document: DocumentRef,
        pointer: &str,
        settling: &mut Settling<'_>,
    ) -> Option<Through> {
        let (mut document, mut pointer) = (document, pointer.to_string());
        let mut seen = HashSet::new();
        loop {
            let PointerWalk::Stopped {
                walked,
                token,
                rest,
                ..
            } = walk_pointer(&workspace.document(document).value, &pointer)
            else {
                return (!seen.is_empty()).then_some(Through::Found(document, pointer));
            };
            let Some(on_the_way) = self.site_index(document, &walked) else {
                return (!seen.is_empty()).then_some(Through::Missing(document, pointer));
            };
            if !seen.insert((document, walked)) {
                return None;
            }
            self.settle(workspace, on_the_way, settling);
            let site = &self.sites[on_the_way];
            let Target::Found {
                document: target,
                pointer: at,
            } = &site.target
            else {
                return Some(Through::Unfollowed(
                    site.reference.clone(),
                    site.target.clone(),
                ));
            };
            let mut next = at.clone();
            push_pointer_token(&mut next, &token);
            next.push_str(rest);
            (document, pointer) = (*target, next);
        }
    }

    /// The `$ref`s that go round: each leads to an object whose `$ref` is the next on the way,
    /// and the way comes back to it without reaching what any of them names (`A: {$ref: B}`,
    /// `B: {$ref: A}`, or `A: {$ref: A}`; members beside a `$ref` do not end the way, as a
    /// resolver or a validator follows the `$ref` all the same). Each is given with the next
    /// `$ref` of its cycle, in the order of `sites`; a `$ref` that leads into a cycle is not on
    /// it. Each `$ref` is visited once: a `$ref` has at most one next one.
    pub fn going_round(&self) -> Vec<(usize, usize)> {
        let next = |index: usize| {
            let site = &self.sites[index];
            let Target::Found { document, pointer } = &site.target else {
                return None;
            };
            if site.keyword != "$ref" {
                return None;
            }
            self.site_index(*document, pointer)
                .filter(|&next| self.sites[next].keyword == "$ref")
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Visit {
            Not,
            OnTheWay,
            Done,
        }
        let mut visits = vec![Visit::Not; self.sites.len()];
        let mut way = Vec::new();
        let mut round = Vec::new();
        for start in 0..self.sites.len() {
            let mut at = Some(start);
            while let Some(index) = at.filter(|&index| visits[index] == Visit::Not) {
                visits[index] = Visit::OnTheWay;
                way.push(index);
                at = next(index);
            }
            if let Some(back) = at.filter(|&index| visits[index] == Visit::OnTheWay) {
                let from = way
                    .iter()
                    .rposition(|&index| index == back)
                    .unwrap_or(way.len());
                for &index in &way[from..] {
                    round.extend(next(index).map(|next| (index, next)));
                }
            }
            for index in way.drain(..) {
                visits[index] = Visit::Done;
            }
        }
        round.sort_unstable();
        round
    }

    /// The index in `sites` of the `$ref` held by the object at `pointer` of `document`.
    fn site_index(&self, document: DocumentRef, pointer: &str) -> Option<usize> {
        let places = self.by_place.get(&document)?;
        let position = places
            .binary_search_by(|&index| self.sites[index].pointer.as_str().cmp(pointer))
            .ok()?;
        Some(places[position])
    }
}

/// The sites whose pointers are being followed through references.
struct Settling<'a> {
    through: &'a [Option<AskedPointer>],
    asked: &'a mut [Option<Asked>],
    state: Vec<SiteState>,
    /// How many sites are being settled, one inside another: a bound on the recursion.
    depth: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SiteState {
    Open,
    Settling,
    Settled,
}

/// Where a pointer that passes through references leads.
enum Through {
    Found(DocumentRef, String),
    /// Nothing at this pointer, past the last reference.
    Missing(DocumentRef, String),
    /// A reference on the way leads to no value: the reference as written, and its target.
    Unfollowed(String, Target),
}

/// A `$ref` as found by the scan, before it is looked up.
struct WrittenRef {
    document: DocumentRef,
    pointer: String,
    keyword: &'static str,
    /// JSON pointer of the reference string itself, when it is not the member `keyword` of the
    /// object at `pointer` (a Location's `targets` item).
    at: Option<String>,
    text: String,
    /// The length of the pointer of the nearest schema with an `$id` around it (a registry
    /// entry's), which a JSON Schema `#/...` is relative to: a prefix of `pointer`, empty for the
    /// document.
    resource: usize,
    /// Where the file's name ends in `text`, when a `#` belongs to it (`info#description.md`,
    /// `paths/users#get.yaml#/get`): set where the reference's place is chosen; `None` when the
    /// first `#` starts the fragment.
    file_end: Option<usize>,
}

impl WrittenRef {
    /// The file the reference names: before its `#`, or up to the `#/` of its pointer (or all
    /// of it) when a `#` is the file's.
    fn file(&self) -> &str {
        match self.file_end {
            Some(end) => &self.text[..end],
            None => file_part(&self.text),
        }
    }

    /// The fragment after the file: a JSON pointer, an anchor, or nothing.
    fn fragment(&self) -> &str {
        match self.file_end {
            Some(end) => self.text.get(end + 1..).unwrap_or_default(),
            None => fragment(&self.text),
        }
    }
}

/// Every `$ref` of a document, skipping values that are data, not description (examples,
/// defaults, constants), where a `$ref` key is just a key; but an `example` that is itself a
/// reference (`example: {$ref: examples/user.json}`) is one, as Spectral's, Redocly's and Swagger
/// UI's resolvers read it: the value it names is the example.
fn scan(document: &Document, at: DocumentRef) -> Vec<WrittenRef> {
    if document.kind == DocumentKind::BackstageEntity {
        return scan_entity(document, at);
    }
    let written = |pointer: &str, text: &str, resource| WrittenRef {
        document: at,
        pointer: pointer.to_string(),
        keyword: "$ref",
        at: None,
        text: text.to_string(),
        resource,
        file_end: None,
    };
    let mut found = Vec::new();
    let mut pointer = String::new();
    let levels = if document.is_large() { SPLIT_LEVELS } else { 0 };
    scan_side_by_side(
        &document.value,
        &mut pointer,
        Surroundings::default(),
        levels,
        &written,
        &mut found,
    );
    found
}

/// [`scan_value`], the collections of `value` less than `levels` deep scanned side by side, and
/// what they find kept in the order written.
fn scan_side_by_side(
    value: &Value,
    pointer: &mut String,
    place: Surroundings,
    levels: usize,
    written: &(impl Fn(&str, &str, usize) -> WrittenRef + Sync),
    found: &mut Vec<WrittenRef>,
) {
    if levels == 0 {
        scan_value(value, pointer, place, &mut |pointer, text, resource| {
            found.push(written(pointer, text, resource));
        });
        return;
    }
    let inside: Vec<(String, &Value, Surroundings)> = match value {
        Value::Object(map) => {
            let resource = resource_of(map, pointer, place);
            if let Some(Value::String(text)) = map.get("$ref") {
                found.push(written(pointer, text, resource));
            }
            map.iter()
                .filter_map(|(key, child)| {
                    let inner = member_surroundings(place, resource, key, child)?;
                    let mut pointer = pointer.clone();
                    push_pointer_token(&mut pointer, key);
                    Some((pointer, child, inner))
                })
                .collect()
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.is_object() || item.is_array())
            .map(|(index, item)| (format!("{pointer}/{index}"), item, item_surroundings(place)))
            .collect(),
        _ => return,
    };
    let parts: Vec<Vec<WrittenRef>> = inside
        .into_par_iter()
        .map(|(mut pointer, child, inner)| {
            let mut part = Vec::new();
            scan_side_by_side(child, &mut pointer, inner, levels - 1, written, &mut part);
            part
        })
        .collect();
    found.extend(parts.into_iter().flatten());
}

/// What JSON Schema resolves a reference to another file against, under a schema with an `$id`
/// (OpenAPI 3.1): the schema's own URI, not the document's folder.
enum SchemaBase<'d> {
    /// An `$id` that is a path (`$id: ./schemas/`): the file it leads to from the document's
    /// folder (`$ref: ./profile.json` is `./schemas/./profile.json`).
    Path(String),
    /// An absolute URI (`https://example.com/schemas/user`): what the reference names is a URL.
    Url(&'d str),
}

/// The base of a reference to another file under a schema with an `$id`; `None` for a
/// reference within the document, or outside such a schema, whose base is the document's
/// folder as written.
fn schema_base<'d>(document: &'d Document, written: &WrittenRef) -> Option<SchemaBase<'d>> {
    let file = written.file();
    if written.resource == 0 || file.is_empty() {
        return None;
    }
    let id = value_at(&document.value, &written.pointer[..written.resource])?
        .get("$id")?
        .as_str()?;
    if let Some((scheme, _)) = id.split_once(':') {
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        return is_scheme.then_some(SchemaBase::Url(id));
    }
    if id.starts_with('/') || file.starts_with('/') || file.contains(':') {
        return None;
    }
    let id = file_part(id);
    let folder = &id[..id.rfind('/').map_or(0, |end| end + 1)];
    (!folder.is_empty()).then(|| SchemaBase::Path(format!("{folder}{file}")))
}

/// The length of the pointer of the nearest schema with an `$id` around the members of `map`,
/// which sits at `pointer`: its own, where it has one.
fn resource_of(map: &crate::value::Map, pointer: &str, place: Surroundings) -> usize {
    // Every object of every document is asked: `member` spares small ones the hashing.
    let identified = map
        .get("$id")
        .and_then(Value::as_str)
        .is_some_and(|id| !id.starts_with('#'));
    if identified {
        pointer.len()
    } else {
        place.resource
    }
}

/// What the scan knows inside the member `key` of an object (whose `$id` scope is `resource`),
/// or `None` where it does not go in: a scalar, which holds no `$ref`, or a value that is data.
fn member_surroundings(
    place: Surroundings,
    resource: usize,
    key: &str,
    child: &Value,
) -> Option<Surroundings> {
    if place.data || !(child.is_object() || child.is_array()) {
        return None;
    }
    let keyword = !place.named;
    let literal = match key {
        "$ref" => true,
        "default" | "const" | "enum" => keyword,
        // JSON Schema and AsyncAPI examples are lists of values.
        "examples" => keyword && child.is_array(),
        // An Example Object's value is literal even when it is a reference, as the
        // specification says and Redocly reads it (Spectral resolves it).
        "value" => keyword && place.example,
        _ => false,
    };
    if keyword && key == "example" {
        return child.is_object().then_some(Surroundings {
            data: true,
            resource,
            ..Surroundings::default()
        });
    }
    (!literal).then(|| Surroundings {
        named: keyword && NAMED_MEMBERS.contains(&key),
        examples: keyword && key == "examples",
        example: place.examples,
        data: false,
        resource,
    })
}

/// What the scan knows inside an item of a list.
fn item_surroundings(place: Surroundings) -> Surroundings {
    Surroundings {
        resource: place.resource,
        ..Surroundings::default()
    }
}

/// What a Backstage `Location`'s targets are reported as.
pub const LOCATION_TARGET: &str = "target";

/// The files a Backstage entity names: its placeholders (`$text`, `$json`, `$yaml`, `$openapi`,
/// `$asyncapi`, anywhere) and, for a `Location`, its `target` and `targets`. A URL is how the
/// catalog is meant to reach what another repository holds: it is neither followed nor reported.
/// A glob target, and a target whose `presence` is `optional`, may match nothing by design; a
/// template skeleton's entity names files that exist only once it is rendered.
fn scan_entity(document: &Document, at: DocumentRef) -> Vec<WrittenRef> {
    let value = &document.value;
    if catalog::is_template(value) {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut push = |pointer: String, keyword: &'static str, written: Option<String>, text: &str| {
        if has_scheme(text) {
            return;
        }
        found.push(WrittenRef {
            document: at,
            pointer,
            keyword,
            at: written,
            text: text.to_string(),
            resource: 0,
            file_end: None,
        });
    };
    for (pointer, keyword, text) in catalog::placeholders(value) {
        push(pointer, keyword, None, text);
    }
    let is_location = value
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.eq_ignore_ascii_case("Location"));
    let optional = value.pointer("/spec/presence").and_then(Value::as_str) == Some("optional");
    if is_location && !optional {
        let targets = value
            .pointer("/spec/target")
            .map(|target| ("/spec/target".to_string(), target))
            .into_iter()
            .chain(
                value
                    .pointer("/spec/targets")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(index, target)| (format!("/spec/targets/{index}"), target)),
            );
        for (written, target) in targets {
            let Some(text) = target.as_str() else {
                continue;
            };
            if text.contains(['*', '?', '[', '{']) {
                continue;
            }
            push("/spec".to_string(), LOCATION_TARGET, Some(written), text);
        }
    }
    found
}

/// Maps whose keys are names chosen by the author, so `default` or `example` there is a name.
const NAMED_MEMBERS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "schemas",
    "examples",
    "parameters",
    "headers",
];

/// What the scan knows of the mapping it is in.
#[derive(Clone, Copy, Default)]
struct Surroundings {
    /// Its keys are names chosen by the author (`properties`, `schemas`, ...), not keywords.
    named: bool,
    /// It is an OpenAPI `examples` map: its members are Example Objects.
    examples: bool,
    /// It is an OpenAPI Example Object, whose `value` is data.
    example: bool,
    /// It is an example's value: data, whose own `$ref` is read but not its members'.
    data: bool,
    /// The length of the pointer of the nearest schema around it with an `$id` (0: none).
    resource: usize,
}

fn scan_value(
    value: &Value,
    pointer: &mut String,
    place: Surroundings,
    found: &mut dyn FnMut(&str, &str, usize),
) {
    match value {
        Value::Object(map) => {
            let resource = resource_of(map, pointer, place);
            if let Some(Value::String(text)) = map.get("$ref") {
                found(pointer, text, resource);
            }
            for (child_key, child) in map {
                let Some(inner) = member_surroundings(place, resource, child_key, child) else {
                    continue;
                };
                let length = pointer.len();
                push_pointer_token(pointer, child_key);
                scan_value(child, pointer, inner, found);
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                if !(item.is_object() || item.is_array()) {
                    continue;
                }
                let length = pointer.len();
                // An index escapes nothing: written in place, without a string of its own.
                write!(pointer, "/{index}").expect("writing to a String cannot fail");
                scan_value(item, pointer, item_surroundings(place), found);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// Where a reference's file part leads.
enum Place {
    SameDocument,
    /// A file, and how it is read: `None` for text that is the value (a Markdown description).
    File(PathBuf, Option<Format>),
    Missing(String),
    NotAFile(String),
    External(String),
}

/// A place's position in [`Places`].
type PlaceId = usize;

/// Where the file parts of references lead, each looked up on disk once per folder it is written
/// in; a reference keeps the position of its place, not a copy of it.
struct Places {
    places: Vec<Place>,
    /// The folder of the file a reference is written in → its position in `in_folder`.
    folders: HashMap<Option<PathBuf>, usize>,
    /// For each folder, file part as written → its place.
    in_folder: Vec<HashMap<String, PlaceId>>,
}

impl Default for Places {
    fn default() -> Self {
        Places {
            places: vec![Place::SameDocument],
            folders: HashMap::new(),
            in_folder: Vec::new(),
        }
    }
}

impl Places {
    /// What a reference without a file part leads to.
    const SAME_DOCUMENT: PlaceId = 0;

    /// The folder of the file at `path`, by position.
    fn folder(&mut self, path: &Path) -> usize {
        let next = self.in_folder.len();
        let folder = *self
            .folders
            .entry(path.parent().map(Path::to_path_buf))
            .or_insert(next);
        if folder == next {
            self.in_folder.push(HashMap::new());
        }
        folder
    }

    /// The place `file` (a reference's file part) leads to from `folder`, when known.
    fn known(&self, folder: usize, file: &str) -> Option<PlaceId> {
        if file.is_empty() {
            return Some(Self::SAME_DOCUMENT);
        }
        self.in_folder[folder].get(file).copied()
    }

    fn add(&mut self, folder: usize, file: &str, place: Place) -> PlaceId {
        let id = self.push(place);
        self.in_folder[folder].insert(file.to_string(), id);
        id
    }

    /// A place of one reference's own, which no other reference to the same file shares.
    fn push(&mut self, place: Place) -> PlaceId {
        self.places.push(place);
        self.places.len() - 1
    }

    fn get(&self, id: PlaceId) -> &Place {
        &self.places[id]
    }
}

/// Whether a file is read as a document (YAML or JSON); any other file a reference names is text.
/// How a file a reference names is read: YAML or JSON by its extension; JSON too when its
/// extension names neither but its text opens as JSON does (an Avro schema in `order.avsc`, a
/// JSON Schema in `order.jsonschema`: a `$ref` names a JSON or YAML document); `None` for text
/// that is the value (Markdown, a code sample).
fn structured_format(path: &Path) -> Option<Format> {
    match Format::of(path) {
        Some(format @ (Format::Yaml | Format::Json)) => Some(format),
        Some(Format::Markdown) => None,
        None => opens_as_json(path).then_some(Format::Json),
    }
}

/// Whether the file's first character but a byte order mark and whitespace opens a JSON object or
/// list. Reads its first few bytes only.
fn opens_as_json(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(read) = std::fs::File::open(path).and_then(|mut file| file.read(&mut head)) else {
        return false;
    };
    let head = head[..read]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&head[..read]);
    head.iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|byte| matches!(byte, b'{' | b'['))
}

fn file_part(reference: &str) -> &str {
    reference
        .split_once('#')
        .map_or(reference, |(file, _)| file)
}

fn fragment(reference: &str) -> &str {
    reference
        .split_once('#')
        .map_or("", |(_, fragment)| fragment)
}

/// A URI scheme (`https:`, `file:`, `urn:`): at least two characters, so that a Windows drive
/// letter is not one.
fn has_scheme(reference: &str) -> bool {
    reference.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// The files of the workspace by canonical path, and the root in both spellings: lexical
/// (absolute, for `..`) and canonical (for symbolic links).
struct FileIndex {
    /// See [`FileIndex::loaded`].
    canonical: Option<HashMap<PathBuf, FileId>>,
    /// The loaded files and the targets of references sit in few folders: each is resolved once.
    paths: CanonicalPaths,
    documents: HashMap<FileId, Vec<DocumentRef>>,
    root: PathBuf,
    canonical_root: PathBuf,
}

impl FileIndex {
    fn new(workspace: &Workspace, root: &Path, paths: CanonicalPaths) -> Self {
        let root = lexical(&std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
        let canonical_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let mut index = FileIndex {
            canonical: None,
            paths,
            documents: HashMap::new(),
            root,
            canonical_root,
        };
        index.add_documents(workspace, (0, 0));
        index
    }

    /// The loaded files by canonical path, worked out on first use: most documents hold no
    /// reference to another file, and then no path is resolved on disk at all.
    fn loaded(&mut self, workspace: &Workspace) -> &mut HashMap<PathBuf, FileId> {
        let canonical_paths = &self.paths;
        self.canonical.get_or_insert_with(|| {
            let paths: Vec<(FileId, PathBuf)> = workspace
                .sources
                .iter()
                .map(|(id, source)| (id, source.path.clone()))
                .collect();
            let canonical: Vec<(FileId, Option<PathBuf>)> = paths
                .into_par_iter()
                .map(|(id, path)| (id, canonical_paths.of(&path).ok()))
                .collect();
            let mut loaded = HashMap::with_capacity(canonical.len());
            for (id, path) in canonical {
                if let Some(path) = path {
                    loaded.entry(path).or_insert(id);
                }
            }
            loaded
        })
    }

    /// The loaded file at a canonical path, once [`FileIndex::loaded`] has been worked out.
    fn loaded_file(&self, path: &Path) -> Option<FileId> {
        self.canonical.as_ref()?.get(path).copied()
    }

    /// Records the documents from the given positions of `documents` and `unclassified` on.
    fn add_documents(&mut self, workspace: &Workspace, from: (usize, usize)) {
        let architecture = (from.0..workspace.documents.len()).map(DocumentRef::Architecture);
        let unclassified = (from.1..workspace.unclassified.len()).map(DocumentRef::Unclassified);
        let mut touched = BTreeSet::new();
        for at in architecture.chain(unclassified) {
            let file = workspace.document(at).file;
            self.documents.entry(file).or_default().push(at);
            touched.insert(file);
        }
        for file in touched {
            if let Some(documents) = self.documents.get_mut(&file) {
                documents.sort_by_key(|at| workspace.document(*at).index);
            }
        }
    }

    /// A file's documents, in stream order: a reference to a file means its first.
    fn documents_of(&self, file: FileId) -> &[DocumentRef] {
        self.documents.get(&file).map_or(&[], Vec::as_slice)
    }

    /// Where the reference to `file` (its file part), written in the file at `from`, leads.
    fn place(&self, from: &Path, file: &str) -> Place {
        if file.is_empty() {
            return Place::SameDocument;
        }
        if has_scheme(file) {
            return Place::External("a URL: archlint never fetches one".to_string());
        }
        let decoded = percent_decode_str(file).decode_utf8_lossy();
        let path = Path::new(decoded.as_ref());
        if path.has_root() {
            return Place::External("an absolute path: only relative files are followed".into());
        }
        let base = from.parent().unwrap_or(Path::new("."));
        let joined = lexical(&crate::source::absolute(base).join(path));
        if !joined.starts_with(&self.root) {
            return Place::External("a path outside the repository root".to_string());
        }
        match self.paths.of(&joined) {
            // Only a regular file is read: a folder or a named pipe is no document.
            Ok(canonical)
                if canonical.starts_with(&self.canonical_root) && !canonical.is_file() =>
            {
                let what = if canonical.is_dir() {
                    "a folder"
                } else {
                    "a named pipe, socket or device"
                };
                Place::NotAFile(format!("`{file}` is {what}, not a file"))
            }
            Ok(canonical) if canonical.starts_with(&self.canonical_root) => {
                let format = structured_format(&canonical);
                Place::File(canonical, format)
            }
            Ok(_) => Place::External(
                "a path that a symbolic link leads outside the repository root".to_string(),
            ),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Place::Missing(format!("there is no file `{file}`"))
            }
            Err(error) => Place::Missing(format!("`{file}`: {}", io_message(&error))),
        }
    }

    /// Where the file's name ends in `reference`, written in the file at `from`, when its first
    /// `#` belongs to the name: what follows it is no JSON pointer, the part before it names no
    /// file, and the part before the `#/` of a pointer (or the whole) does (`redocly split`
    /// writes `paths/users_{id}#get.yaml`). Redocly's resolver, which takes only `#/` to start a
    /// pointer, reads such a reference so; one whose longer part names no file keeps its first
    /// `#` as the start of a fragment (an anchor).
    fn file_end(&self, from: &Path, reference: &str) -> Option<usize> {
        let (file, fragment) = reference.split_once('#')?;
        if file.is_empty() || fragment.is_empty() || fragment.starts_with('/') {
            return None;
        }
        let end = reference.find("#/").unwrap_or(reference.len());
        let is_file = |name: &str| matches!(self.place(from, name), Place::File(..));
        (!is_file(file) && is_file(&reference[..end])).then_some(end)
    }
}

/// `path` with `.` and `..` applied to the written components, without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !result.pop() {
                    result.push("..");
                }
            }
            other => result.push(other),
        }
    }
    result
}

/// `$anchor` (and draft 4–7 `#name` ids) of each document, collected when first asked for, by
/// whichever thread asks first.
#[derive(Default)]
struct Anchors(Mutex<HashMap<DocumentRef, Arc<HashMap<String, String>>>>);

impl Anchors {
    fn get(&self, workspace: &Workspace, at: DocumentRef, name: &str) -> Option<String> {
        let known = self.lock().get(&at).cloned();
        let anchors = known.unwrap_or_else(|| {
            // Collected outside the lock: another thread may collect the same document
            // meanwhile, with the same result.
            let mut anchors = HashMap::new();
            collect_anchors(
                &workspace.document(at).value,
                &mut String::new(),
                &mut anchors,
            );
            self.lock().entry(at).or_insert(Arc::new(anchors)).clone()
        });
        anchors.get(name).cloned()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<DocumentRef, Arc<HashMap<String, String>>>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn collect_anchors(value: &Value, pointer: &mut String, anchors: &mut HashMap<String, String>) {
    match value {
        Value::Object(map) => {
            let named = map.get("$anchor").and_then(Value::as_str).or_else(|| {
                ["$id", "id"]
                    .iter()
                    .find_map(|key| map.get(key)?.as_str()?.strip_prefix('#'))
            });
            if let Some(name) = named {
                anchors
                    .entry(name.to_string())
                    .or_insert_with(|| pointer.clone());
            }
            for (key, child) in map {
                let length = pointer.len();
                push_pointer_token(pointer, key);
                collect_anchors(child, pointer, anchors);
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                // An index escapes nothing: written in place, without a string of its own.
                write!(pointer, "/{index}").expect("writing to a String cannot fail");
                collect_anchors(item, pointer, anchors);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// Looks up a same-document reference: a JSON pointer first relative to the schema with an
/// `$id` around the `$ref` (as JSON Schema says), then, as authors of API documents mean it,
/// relative to the document.
fn look_up_within(
    workspace: &Workspace,
    at: DocumentRef,
    resource: &str,
    fragment: &str,
    anchors: &Anchors,
) -> Looked {
    let written = fragment;
    let fragment = percent_decode_str(written).decode_utf8_lossy();
    if !resource.is_empty() && (fragment.is_empty() || fragment.starts_with('/')) {
        let pointer = format!("{resource}{fragment}");
        if value_at(&workspace.document(at).value, &pointer).is_some() {
            return Target::Found {
                document: at,
                pointer,
            }
            .into();
        }
    }
    look_up(workspace, at, written, anchors)
}

/// Looks up a reference's fragment (as written, percent-encoded) in the document it leads to.
fn look_up(workspace: &Workspace, at: DocumentRef, fragment: &str, anchors: &Anchors) -> Looked {
    let fragment = percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    let document = workspace.document(at);
    if fragment.is_empty() || fragment.starts_with('/') {
        if value_at(&document.value, &fragment).is_some() {
            return Target::Found {
                document: at,
                pointer: fragment,
            }
            .into();
        }
        let mut looked = missing_member(document, at, &fragment, None);
        looked.through = Some((at, fragment));
        return looked;
    }
    match anchors.get(workspace, at, &fragment) {
        Some(pointer) => Target::Found {
            document: at,
            pointer,
        },
        None => Target::Missing {
            reason: format!("no `$anchor` named `{fragment}`"),
            closest: None,
        },
    }
    .into()
}

/// A document and a pointer in it that a reference asked for.
type AskedPointer = (DocumentRef, String);

/// A reference's target, and when a pointer finds nothing, the name to ask "did you mean" of.
struct Looked {
    target: Target,
    asked: Option<Asked>,
    /// The document and pointer a pointer that found nothing asked for.
    through: Option<AskedPointer>,
}

impl From<Target> for Looked {
    fn from(target: Target) -> Self {
        Looked {
            target,
            asked: None,
            through: None,
        }
    }
}

/// A name a pointer asks for that `at` in `document` does not have.
struct Asked {
    document: DocumentRef,
    at: String,
    name: String,
}

/// Each broken pointer's closest name, filled in one pass in the order of `sites`: the names
/// at a place are prepared once for every question about it, and those questions share one
/// budget ([`suggest::Candidates`]), which only a pass in a fixed order keeps deterministic.
/// Asked one by one, in parallel, 2,000 broken references into a map of 2,000 alike names took
/// 3.4 s.
fn suggest_missing(workspace: &Workspace, sites: &mut [RefSite], asked: Vec<Option<Asked>>) {
    let mut prepared: HashMap<(DocumentRef, String), suggest::Candidates<'_>> = HashMap::new();
    for (site, asked) in sites.iter_mut().zip(asked) {
        let (Some(asked), Target::Missing { closest, .. }) = (asked, &mut site.target) else {
            continue;
        };
        let candidates = prepared
            .entry((asked.document, asked.at))
            .or_insert_with_key(|(document, at)| {
                let names = value_at(&workspace.document(*document).value, at)
                    .and_then(Value::as_object)
                    .into_iter()
                    .flat_map(|map| map.keys().map(Str::as_str));
                suggest::Candidates::new(names, str::to_string)
            });
        *closest = candidates
            .closest(&asked.name, str::to_string)
            .map(str::to_string);
    }
}

/// How far a pointer goes into a value.
enum PointerWalk<'v, 'p> {
    Reached,
    /// The first token nothing answers: the value it was asked of, the pointer to that value,
    /// the token (unescaped), and the rest of the pointer after it, as written.
    Stopped {
        at: &'v Value,
        walked: String,
        token: Cow<'p, str>,
        rest: &'p str,
    },
}

/// Walks `pointer` (`/a/b~1c/0`) into `value`, token by token.
fn walk_pointer<'v, 'p>(mut value: &'v Value, pointer: &'p str) -> PointerWalk<'v, 'p> {
    let mut walked = String::new();
    let mut rest = pointer;
    while let Some(after) = rest.strip_prefix('/') {
        let (raw, after_token) = after
            .find('/')
            .map_or((after, ""), |end| (&after[..end], &after[end..]));
        let token = unescape_token(raw);
        let next = match value {
            Value::Object(map) => map.get(token.as_ref()),
            Value::Array(items) => array_index(&token).and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else {
            return PointerWalk::Stopped {
                at: value,
                walked,
                token,
                rest: after_token,
            };
        };
        value = next;
        push_pointer_token(&mut walked, &token);
        rest = after_token;
    }
    PointerWalk::Reached
}

/// Why `pointer` finds nothing in `document`: the first step that fails, and the name asked for
/// there when that place has names. `file` names the document's file where the reference is
/// written in another.
fn missing_member(
    document: &Document,
    at: DocumentRef,
    pointer: &str,
    file: Option<&str>,
) -> Looked {
    let PointerWalk::Stopped {
        at: value,
        walked,
        token,
        ..
    } = walk_pointer(&document.value, pointer)
    else {
        return Target::Missing {
            reason: "nothing at that pointer".to_string(),
            closest: None,
        }
        .into();
    };
    let place = match (walked.is_empty(), file) {
        (true, None) => "the document".to_string(),
        (true, Some(file)) => format!("`{file}`"),
        (false, file) => format!("`{}#{walked}`", file.unwrap_or_default()),
    };
    let asked = value.as_object().map(|_| Asked {
        document: at,
        at: walked,
        name: token.clone().into_owned(),
    });
    Looked {
        target: Target::Missing {
            reason: format!("no `{token}` in {place}"),
            closest: None,
        },
        asked,
        through: None,
    }
}
