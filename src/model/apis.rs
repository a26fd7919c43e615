//! APIs: every OpenAPI (and Swagger 2.0) document's operations, the path prefixes its servers give
//! them, and the service that owns it (docs/FORMATS.md section 4). Path items and operations reached
//! through `$ref` are read where they are written.
//!
//! A `$ref` may be written wherever the document has a value, as Redocly and every bundler read
//! it: an operation (`get: {$ref: resources/list.yml}`), a map of schema properties, a tag's
//! description. What it leads to is what its place says it is, found in the OpenAPI structure of
//! the document's version (`schemas/openapi-3.*.schema.json`): [`Api::objects`] lists each such
//! object with its place, and [`Api::references`] says of each `$ref` whether the specification
//! offers a Reference Object there.

use crate::load::document::{array_index, unescape_token, value_at};
use crate::load::kind::DocumentKind;
use crate::load::references::{Node, RefSite, Target};
use crate::load::{DocumentRef, Workspace};
use crate::model::{ServiceId, normalize, normalized};
use crate::schemas::{self, Place, Schema};
use crate::source::Span;
use crate::value::Value;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
    OpenApi32,
}

impl ApiVersion {
    /// The OpenAPI structure of the version, where archlint has one (not for Swagger 2.0).
    pub fn schema(self) -> Option<&'static Schema> {
        match self {
            ApiVersion::OpenApi30 => Some(&schemas::OPENAPI_3_0),
            ApiVersion::OpenApi31 => Some(&schemas::OPENAPI_3_1),
            ApiVersion::OpenApi32 => Some(&schemas::OPENAPI_3_2),
            ApiVersion::Swagger2 => None,
        }
    }
}

/// One OpenAPI document.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// Index into `Workspace::documents`.
    pub document: usize,
    pub version: ApiVersion,
    pub owner: Option<ServiceId>,
    /// What made `owner` the owner, for messages: "its `openapi:` field", ...
    pub ownership: Option<&'static str>,
    /// The path part of each server URL (3.x), its variables' defaults put in, or the `basePath`
    /// (2.0), without a trailing `/`.
    pub prefixes: Vec<String>,
    pub operations: Vec<Operation>,
    /// The keys of `paths` (`/orders/{id}`), with an empty path item too; `x-` keys left out.
    pub paths: Vec<String>,
    /// The values the document's structure judges: the document itself first, then each object
    /// its `$ref`s lead to that is judged nowhere else, with the place that says what it is.
    /// Empty for Swagger 2.0.
    pub objects: Vec<Judged>,
    /// Every `$ref` written inside the document or inside an object of `objects`, at a place the
    /// structure knows.
    pub references: Vec<PlacedReference>,
}

/// A value judged as what its place in the OpenAPI structure says it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub at: DocumentRef,
    pub pointer: String,
    /// Shared with every other value at the same place (see [`Schema::shared_step`]).
    pub place: Arc<Place>,
    /// Set when the value is reached through a `$ref` but is something else where it is written.
    pub other_kind: Option<OtherKind>,
}

/// What a `$ref` leads to when it is another object of the specification where it is written
/// than the one the place of the `$ref` expects: a Schema Object where a Parameter Object is
/// expected (not a Schema Object where `additionalProperties`' schema or boolean is).
#[derive(Clone, Debug, PartialEq)]
pub struct OtherKind {
    /// The `$ref`s that lead there from the same kind of place: indexes into `References::sites`.
    pub sites: Vec<usize>,
    /// What the value is where it is written.
    pub is: Arc<Place>,
}

/// A `$ref` and the place it is written at.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedReference {
    /// Index into `References::sites`.
    pub site: usize,
    /// Shared with every other reference at the same place (see [`Schema::shared_step`]).
    pub place: Arc<Place>,
    /// Whether the specification offers a Reference Object (or a `$ref` keyword) at that place;
    /// elsewhere the `$ref` is a convention of bundlers, outside the specification's letter.
    pub standard: bool,
}

/// One operation: a method of a path item.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Upper case: `GET`.
    pub method: String,
    /// The path template as written: `/orders/{id}`.
    pub path: String,
    /// Where the operation object is written (its path item, or the operation itself, may be a
    /// `$ref` to another file).
    pub at: DocumentRef,
    pub pointer: String,
    /// The method's key.
    pub span: Span,
}

impl Operation {
    pub fn node<'w>(&self, workspace: &'w Workspace) -> Node<'w> {
        let document = workspace.document(self.at);
        Node {
            at: self.at,
            document,
            value: value_at(&document.value, &self.pointer).unwrap_or(&Value::Null),
            pointer: self.pointer.clone(),
        }
    }

    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Ownership through the service's `openapi:` field.
pub const BY_FIELD: &str = "its `openapi:` field";

/// The methods a Path Item has a field for (`query` since OpenAPI 3.2); 3.2's
/// `additionalOperations` names others.
pub const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Reads every OpenAPI document of the workspace; `services` are (name, its `openapi:` field
/// resolved to a path) for ownership.
pub(crate) fn read(
    workspace: &Workspace,
    services: &[(ServiceId, String, Option<PathBuf>)],
) -> Vec<Api> {
    let by_name: HashMap<String, ServiceId> = services
        .iter()
        .map(|(id, name, _)| (normalize(name), *id))
        .collect();
    // Most descriptions were found by the walk, which resolved their paths already.
    let canonical = &workspace.canonical;
    let files: Vec<(PathBuf, ServiceId)> = services
        .par_iter()
        .filter_map(|(id, _, path)| Some((canonical.of(path.as_ref()?).ok()?, *id)))
        .collect();
    // Into the map in order: of two services that name one file, the later one owns it.
    let by_file: HashMap<PathBuf, ServiceId> = files.into_iter().collect();
    let versions: HashMap<DocumentRef, ApiVersion> = workspace
        .documents
        .iter()
        .enumerate()
        .filter(|(_, document)| document.kind == DocumentKind::OpenApi)
        .map(|(index, document)| (DocumentRef::Architecture(index), version(&document.value)))
        .collect();
    // Each description is read on its own, in parallel; the order stays the documents'. Whether
    // a place admits a `$ref` is asked of the structure once per version and task.
    workspace
        .documents
        .par_iter()
        .with_max_len(crate::FILES_PER_TASK)
        .enumerate()
        .filter(|(_, document)| document.kind == DocumentKind::OpenApi)
        .map_init(
            HashMap::<ApiVersion, Admits>::new,
            |admits, (index, document)| {
                let at = DocumentRef::Architecture(index);
                let root = Node::root(workspace, at);
                let path = &workspace.sources.get(document.file).path;
                // The walk and the references worked out most files' canonical paths already.
                let canonical_path = || canonical.of(path).ok();
                let (owner, ownership) =
                    match owner(&document.value, path, &by_name, &by_file, canonical_path) {
                        Some((owner, how)) => (Some(owner), Some(how)),
                        None => (None, None),
                    };
                let version = versions[&at];
                let (objects, references) = match version.schema() {
                    Some(schema) => placed(
                        workspace,
                        at,
                        schema,
                        |other| versions.get(&other) == Some(&version),
                        admits.entry(version).or_default(),
                    ),
                    None => (Vec::new(), Vec::new()),
                };
                Api {
                    document: index,
                    version,
                    owner,
                    ownership,
                    prefixes: prefixes(&document.value),
                    operations: operations(workspace, &root),
                    paths: path_keys(workspace, &root),
                    objects,
                    references,
                }
            },
        )
        .collect()
}

/// How many references one walk places ([`Descent`]): those of a file or two of a repository,
/// a sixth of GitHub's description's each.
const SITES_PER_WALK: usize = 2_048;

/// Whether the structure offers a Reference Object at a place (its subschema as written), as
/// found so far. Its keys are places in our own schemas, no input's: hashed with foldhash.
type Admits = HashMap<String, bool, foldhash::fast::RandomState>;

/// The objects the document at `root` judges and the `$ref`s inside them, each with its place:
/// from the document, along each `$ref` to what it leads to, as the place of the `$ref` says.
/// `judged_whole` tells the documents that are themselves judged whole with this structure: an
/// object in one of them is judged there, unless the `$ref` says it is something else.
fn placed(
    workspace: &Workspace,
    root: DocumentRef,
    schema: &'static Schema,
    judged_whole: impl Fn(DocumentRef) -> bool,
    admits: &mut Admits,
) -> (Vec<Judged>, Vec<PlacedReference>) {
    let references = &workspace.references;
    let root_place = Arc::new(Place::root());
    let mut objects = vec![Judged {
        at: root,
        pointer: String::new(),
        place: Arc::clone(&root_place),
        other_kind: None,
    }];
    // Each value judged at a place once, by its index in `objects`.
    let mut seen: HashMap<(DocumentRef, &str, String), usize> = HashMap::new();
    // Asked once per target, however many references share it.
    let mut own_places: HashMap<(DocumentRef, &str), Option<Arc<Place>>> = HashMap::new();
    let mut placed = Vec::new();
    let mut next = 0;
    while let Some(object) = objects.get(next).cloned() {
        next += 1;
        let document = workspace.document(object.at);
        // An object of another kind than its place expects is judged there once, as a whole:
        // the references inside it are placed where it is written, as what it is, and not again
        // as parts of what it is not (each would be one more finding of the one mistake).
        if object.other_kind.is_some() {
            continue;
        }
        let sites: Vec<_> = references
            .sites_within(object.at, &object.pointer)
            .collect();
        // The places of the references, each run of them found by a walk of its own: a large
        // description's ten thousand share the threads.
        let places_of = |run: &[(usize, &RefSite)]| {
            let mut walk = Descent::new(
                schema,
                Arc::clone(&object.place),
                &document.value,
                &object.pointer,
            );
            run.iter()
                .map(|(_, site)| walk.place_of(&site.pointer))
                .collect::<Vec<_>>()
        };
        let places: Vec<Option<Arc<Place>>> = if sites.len() > SITES_PER_WALK {
            sites
                .par_chunks(SITES_PER_WALK)
                .flat_map_iter(places_of)
                .collect()
        } else {
            places_of(&sites)
        };
        for ((index, site), place) in sites.into_iter().zip(places) {
            let Some(place) = place else {
                continue;
            };
            let standard = match admits.get(&place.written) {
                Some(&standard) => standard,
                None => {
                    let standard = schema.admits_reference(&place.written);
                    admits.insert(place.written.clone(), standard);
                    standard
                }
            };
            let followed = match &site.target {
                Target::Found {
                    document: at,
                    pointer,
                } => {
                    // What the target is where it is written, when its document is judged
                    // whole: there it is judged as that.
                    let own = match at {
                        DocumentRef::Architecture(_) if judged_whole(*at) => own_places
                            .entry((*at, pointer))
                            .or_insert_with(|| {
                                let value = &workspace.document(*at).value;
                                Descent::new(schema, Arc::clone(&root_place), value, "")
                                    .place_of(pointer)
                            })
                            .clone(),
                        _ => None,
                    };
                    let judged_there = match at {
                        DocumentRef::Unclassified(_) => false,
                        DocumentRef::Architecture(_) if judged_whole(*at) => own
                            .as_ref()
                            .is_none_or(|own| own.stands_for == place.stands_for),
                        // Another kind of document is judged by its own rules.
                        DocumentRef::Architecture(_) => true,
                    };
                    if judged_there {
                        None
                    } else {
                        let key = (*at, pointer.as_str(), place.stands_for.clone());
                        match seen.get(&key) {
                            // Judged already; each reference that makes the same mistake is said.
                            Some(&judged) => {
                                if let Some(other_kind) = &mut objects[judged].other_kind {
                                    other_kind.sites.push(index);
                                }
                                None
                            }
                            None => {
                                seen.insert(key, objects.len());
                                Some(Judged {
                                    at: *at,
                                    pointer: pointer.clone(),
                                    place: Arc::clone(&place),
                                    other_kind: own
                                        .filter(|is| {
                                            is.object_kind().is_some()
                                                && place.object_kind().is_some()
                                        })
                                        .map(|is| OtherKind {
                                            sites: vec![index],
                                            is,
                                        }),
                                })
                            }
                        }
                    }
                }
                _ => None,
            };
            placed.push(PlacedReference {
                site: index,
                standard,
                place,
            });
            objects.extend(followed);
        }
    }
    (objects, placed)
}

/// Places of values inside one value of a document, asked in pointer order (as
/// `References::sites_within` gives them): the steps down to one are kept for the next, so
/// references that share a path (`/paths/~1pets/get/responses/...`) share its steps.
struct Descent<'v> {
    schema: &'v Schema,
    /// The pointer of the last step taken; each step's pointer is a prefix of it.
    pointer: String,
    /// The length of the pointer, the place and the value of each step taken, the value at the
    /// base first.
    steps: Vec<(usize, Option<Arc<Place>>, &'v Value)>,
}

impl<'v> Descent<'v> {
    /// From the value at `base` of `value` (a document), which sits at `from`.
    fn new(schema: &'v Schema, from: Arc<Place>, value: &'v Value, base: &str) -> Self {
        let steps = value_at(value, base)
            .map(|at| (base.len(), Some(from), at))
            .into_iter()
            .collect();
        Descent {
            schema,
            pointer: base.to_string(),
            steps,
        }
    }

    /// The place of the value at `pointer`, which lies inside the base value.
    fn place_of(&mut self, pointer: &str) -> Option<Arc<Place>> {
        // Back up to the longest step that `pointer` is inside (the base at least).
        while let Some(&(length, _, _)) = self.steps.last() {
            let step = &self.pointer[..length];
            let inside = pointer.starts_with(step)
                && (pointer.len() == length || pointer.as_bytes()[length] == b'/');
            if inside || self.steps.len() == 1 {
                break;
            }
            self.steps.pop();
        }
        let &(length, _, _) = self.steps.last()?;
        self.pointer.truncate(length);
        let rest = pointer.get(length..)?;
        for token in rest.split('/').skip(1) {
            let (_, place, value) = self.steps.last()?;
            let key = unescape_token(token);
            let next_value = match value {
                Value::Object(map) => map.get(&key),
                Value::Array(items) => array_index(&key).and_then(|i| items.get(i)),
                _ => None,
            }?;
            let next_place = place
                .as_ref()
                .and_then(|place| self.schema.shared_step(&place.stands_for, value, &key));
            self.pointer.push('/');
            self.pointer.push_str(token);
            self.steps
                .push((self.pointer.len(), next_place, next_value));
        }
        self.steps.last().and_then(|(_, place, _)| place.clone())
    }
}

/// The version, read as classification reads it: an unquoted `openapi: 3.0` is a number, and
/// still 3.0 (`oas3-schema` then says it must be a string).
pub fn version(value: &Value) -> ApiVersion {
    let version = match value.get("openapi") {
        Some(Value::String(text)) => text.to_string(),
        Some(Value::Number(number)) => number.to_string(),
        _ => return ApiVersion::Swagger2,
    };
    match crate::load::kind::minor_version(&version) {
        Some(0) => ApiVersion::OpenApi30,
        Some(2) => ApiVersion::OpenApi32,
        _ => ApiVersion::OpenApi31,
    }
}

/// The owner, by the first of: a service's `openapi:` field naming this file, `info.x-service`,
/// the file name before its first `.`, and `info.title` without a trailing "API".
fn owner(
    value: &Value,
    path: &Path,
    by_name: &HashMap<String, ServiceId>,
    by_file: &HashMap<PathBuf, ServiceId>,
    canonical_path: impl FnOnce() -> Option<PathBuf>,
) -> Option<(ServiceId, &'static str)> {
    if let Some(owner) = canonical_path().and_then(|path| by_file.get(&path)) {
        return Some((*owner, BY_FIELD));
    }
    let info = value.get("info");
    let named =
        |name: Option<&str>| name.and_then(|name| by_name.get(normalized(name).as_ref()).copied());
    if let Some(owner) = named(info.and_then(|info| info.get("x-service")?.as_str())) {
        return Some((owner, "`info.x-service`"));
    }
    let stem = path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| name.split('.').next());
    if let Some(owner) = named(stem) {
        return Some((owner, "the file name"));
    }
    let title = info
        .and_then(|info| info.get("title")?.as_str())
        .map(|title| {
            let title = title.trim();
            title
                .strip_suffix(" API")
                .or_else(|| title.strip_suffix(" Api"))
                .unwrap_or(title)
        });
    named(title).map(|owner| (owner, "`info.title`"))
}

/// Path prefixes from the server URLs (3.x) or `basePath` (2.0).
fn prefixes(value: &Value) -> Vec<String> {
    let mut prefixes: Vec<String> = match value.get("servers").and_then(Value::as_array) {
        Some(servers) => servers
            .iter()
            .filter_map(|server| {
                Some(url_path(&with_defaults(
                    server.get("url")?.as_str()?,
                    server,
                )))
            })
            .collect(),
        None => value
            .get("basePath")
            .and_then(Value::as_str)
            .map(url_path)
            .into_iter()
            .collect(),
    };
    prefixes.sort();
    prefixes.dedup();
    prefixes
}

/// A server URL with each variable that has a `default` replaced by it (`https://{host}/{base}`
/// with `base: {default: v2}` is `https://{host}/v2`); a variable without one stays a template.
fn with_defaults(url: &str, server: &Value) -> String {
    let Some(variables) = server.get("variables").and_then(Value::as_object) else {
        return url.to_string();
    };
    let mut url = url.to_string();
    for (name, variable) in variables {
        if let Some(default) = variable.get("default").and_then(Value::as_str) {
            url = url.replace(&format!("{{{name}}}"), default);
        }
    }
    url
}

/// The path of a server URL: `https://{host}/v1/` → `/v1`, `/api` → `/api`.
pub fn url_path(url: &str) -> String {
    let without_scheme = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
        None => url,
    };
    let path = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    if path.is_empty() || path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn path_keys(workspace: &Workspace, root: &Node<'_>) -> Vec<String> {
    let references = &workspace.references;
    references
        .get(workspace, root, "paths")
        .and_then(|paths| {
            let keys = paths.value.as_object()?.keys();
            Some(
                keys.filter(|key| !key.starts_with("x-"))
                    .map(|key| key.to_string())
                    .collect(),
            )
        })
        .unwrap_or_default()
}

fn operations(workspace: &Workspace, root: &Node<'_>) -> Vec<Operation> {
    let references = &workspace.references;
    let Some(paths) = references.get(workspace, root, "paths") else {
        return Vec::new();
    };
    let mut operations = Vec::new();
    for (path, item) in paths.entries() {
        if path.starts_with("x-") {
            continue;
        }
        let Some(item) = references.resolve(workspace, item) else {
            continue;
        };
        let additional = item
            .get("additionalOperations")
            .map(|operations| operations.entries())
            .unwrap_or_default();
        let fields = METHODS
            .iter()
            .filter_map(|&method| Some((method, item.get(method)?)));
        for (method, written) in fields.chain(additional) {
            // An operation may itself be a `$ref` (`get: {$ref: resources/list.yml}`): it is
            // read where it is written, and named where its method is.
            let Some(operation) = references.resolve(workspace, written.clone()) else {
                continue;
            };
            if !operation.value.is_object() {
                continue;
            }
            operations.push(Operation {
                method: method.to_ascii_uppercase(),
                path: path.to_string(),
                at: operation.at,
                span: written.anchor(),
                pointer: operation.pointer,
            });
        }
    }
    operations
}

/// An endpoint a service declares: `GET /orders/:id`, or a bare path (any method).
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint<'a> {
    pub method: Option<String>,
    pub path: &'a str,
}

impl<'a> Endpoint<'a> {
    pub fn parse(text: &'a str) -> Option<Endpoint<'a>> {
        let text = text.trim();
        let (method, path) = match text.split_once(char::is_whitespace) {
            Some((method, path)) if !method.starts_with('/') => {
                (Some(method.to_ascii_uppercase()), path.trim())
            }
            _ => (None, text),
        };
        // A description after the path (`GET /orders - list orders`) is not part of it.
        let path = path.split_whitespace().next()?;
        path.starts_with('/').then_some(Endpoint { method, path })
    }
}

/// A path as compared: its segments, each parameter (`{id}`, `:id`) the same wildcard.
pub fn segments(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            if segment.starts_with(':') || (segment.starts_with('{') && segment.ends_with('}')) {
                "{}"
            } else {
                segment
            }
        })
        .collect()
}

/// Whether one path is the other with a prefix, at a segment boundary: `/api/v1/orders` and
/// `/v1/orders`.
pub fn same_path(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The root path `/` is only itself: an empty path is a suffix of every path.
    if short.is_empty() {
        return long.is_empty();
    }
    long.ends_with(short)
}

/// Whether a path carries a version segment, in any of the styles public APIs use: `/v1`,
/// `/v2.1`, `/v1beta1` (Kubernetes), `/2.0` (Box, Bitbucket), a date `/2010-04-01` (Twilio), or a
/// path parameter or server variable named for it, `/{version}` (USPTO), `/{apiVersion}`.
pub fn has_version_segment(path: &str) -> bool {
    path.split('/').any(is_version_segment)
}

fn is_version_segment(segment: &str) -> bool {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let dotted = |text: &str| text.split('.').all(digits);
    if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        return name.to_ascii_lowercase().contains("version");
    }
    if let Some(rest) = segment.strip_prefix(['v', 'V']) {
        // `v1`, `v2.1`, and a stability suffix: `v1beta1`, `v2alpha`.
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, stability) = rest.split_at(number_end);
        return dotted(number)
            && (stability.is_empty()
                || ["alpha", "beta"].iter().any(|word| {
                    stability
                        .strip_prefix(word)
                        .is_some_and(|tail| tail.is_empty() || digits(tail))
                }));
    }
    // `2.0`: a bare number only with a dot, so `/2` or an id-like `/404` is no version.
    if segment.contains('.') && dotted(segment) {
        return true;
    }
    // A date: `2010-04-01`.
    let parts: Vec<&str> = segment.split('-').collect();
    matches!(parts.as_slice(), [year, month, day]
        if year.len() == 4 && month.len() == 2 && day.len() == 2
            && [year, month, day].iter().all(|part| digits(part)))
}

#[cfg(test)]
mod tests {
    use super::has_version_segment;

    #[test]
    fn version_segments_in_the_styles_public_apis_use() {
        for versioned in [
            "/v1/orders",
            "/api/v2.1",
            "/V3",
            "/apis/batch/v1beta1",
            "/2.0",
            "/2010-04-01/Accounts.json",
            "/{dataset}/{version}/fields",
            "/{apiVersion}/pets",
        ] {
            assert!(has_version_segment(versioned), "{versioned}");
        }
        for plain in [
            "/orders",
            "/vouchers/v",
            "/2/tweets",
            "/errors/404",
            "/v1x",
            "/vbeta",
            "/{id}",
            "/2010-04",
            "/ipv4.json",
        ] {
            assert!(!has_version_segment(plain), "{plain}");
        }
    }
}
