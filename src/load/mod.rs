//! Load: every discovered file is read and parsed once, in parallel, into spanned documents.
//! Problems become data (`failures`), never panics: the `parse-error` rule reports them.

pub mod catalog;
pub mod document;
pub mod json;
pub mod kind;
pub mod limits;
pub mod markdown;
pub mod references;
pub mod yaml;

use crate::discover::{Entry, Format};
use crate::source::{FileId, LARGE_TEXT, Lines, SourceFile, Sources};
use document::{Document, ParsedDocument};
use kind::{Classification, DocumentKind, Skip};
use limits::{AliasBudget, Limits, ParseFailure};
use markdown::{Markdown, ParsedMarkdown};
use rayon::prelude::*;
use std::path::Path;

/// Everything a run read: the files, their architecture documents, and what failed to load.
#[derive(Debug, Default)]
pub struct Workspace {
    pub sources: Sources,
    pub documents: Vec<Document>,
    pub failures: Vec<(FileId, ParseFailure)>,
    /// Markdown files, parsed: candidates for architecture decision records.
    pub markdown: Vec<Markdown>,
    /// Documents that parsed but are no architecture document. They are not judged, but a `$ref`
    /// may point into them (a split OpenAPI description's `schemas/pet.yaml`).
    pub unclassified: Vec<Document>,
    /// Why each of `unclassified` is not judged, in the same order.
    skips: Vec<Skip>,
    /// Files read but deliberately not parsed as documents (templates), and why.
    pub skipped_files: Vec<(FileId, String)>,
    /// Every `$ref` of the API and schema documents and what it leads to, once
    /// [`Workspace::resolve_references`] has run.
    pub references: references::References,
    /// A Backstage API entity's inline definition: the entity's index in `documents` → the
    /// definition's.
    pub inline_definitions: std::collections::HashMap<usize, usize>,
    /// The nodes YAML aliases added in the files read so far, charged to the run's budget.
    alias_nodes: usize,
    /// The canonical paths of files found so far (by the walk, then by the references).
    pub canonical: crate::canonical::CanonicalPaths,
}

/// A document of the workspace, architecture document or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentRef {
    /// An index into [`Workspace::documents`].
    Architecture(usize),
    /// An index into [`Workspace::unclassified`].
    Unclassified(usize),
}

impl Workspace {
    pub fn document(&self, at: DocumentRef) -> &Document {
        match at {
            DocumentRef::Architecture(index) => &self.documents[index],
            DocumentRef::Unclassified(index) => &self.unclassified[index],
        }
    }

    /// The documents that are no architecture document but that references lead into (a split
    /// OpenAPI description's `schemas/pet.yaml`), each once, in order: judged as part of what
    /// references them.
    pub fn referenced_unclassified(&self) -> impl Iterator<Item = &Document> {
        self.references
            .reached_unclassified()
            .into_iter()
            .map(|at| self.document(at))
    }

    /// Every document, the architecture documents first, then the others.
    pub fn document_refs(&self) -> Vec<DocumentRef> {
        let architecture = (0..self.documents.len()).map(DocumentRef::Architecture);
        let others = (0..self.unclassified.len()).map(DocumentRef::Unclassified);
        architecture.chain(others).collect()
    }

    /// Every document that is not judged, with why.
    pub fn skipped_documents(&self) -> impl Iterator<Item = (&Document, &Skip)> + '_ {
        self.unclassified.iter().zip(&self.skips)
    }

    /// Whether the document is of a specification's version archlint does not read (OpenAPI 3.3,
    /// AsyncAPI 1.x): no rule judges it, Spectral's neither.
    pub fn is_unsupported(&self, at: DocumentRef) -> bool {
        match at {
            DocumentRef::Unclassified(index) => self.skips[index].is_unsupported(),
            DocumentRef::Architecture(_) => false,
        }
    }

    /// Adds a loaded file: its text to the sources, its documents by kind.
    pub(crate) fn add(&mut self, file: LoadedFile, limits: &Limits) -> FileId {
        let LoadedFile {
            source,
            parsed: file,
        } = file;
        let path = source.path.clone();
        let id = self.sources.push(source);
        if let Some(failure) = file.failure {
            self.failures.push((id, failure));
        }
        if let Some(reason) = file.skipped {
            self.skipped_files.push((id, reason));
        }
        if let Some(parsed) = file.markdown {
            self.markdown.push(Markdown::new(id, parsed));
        }
        for (index, parsed) in file.documents.into_iter().enumerate() {
            match DocumentKind::classify_at(&parsed.value, &path) {
                Classification::Architecture(DocumentKind::BackstageEntity) => {
                    let entity = Document::new(id, index, DocumentKind::BackstageEntity, parsed);
                    // Parsed here, one file after another: charged to the run's alias budget in
                    // path order, as the files are.
                    let inline = catalog::inline_definition(
                        &entity,
                        &self.sources.get(id).text,
                        limits,
                        self.alias_nodes,
                    );
                    self.documents.push(entity);
                    if let Some(stream) = inline {
                        self.alias_nodes += stream.alias_nodes;
                        self.add_inline_definition(id, index, stream.documents, stream.failure);
                    }
                }
                Classification::Architecture(kind) => {
                    self.documents.push(Document::new(id, index, kind, parsed))
                }
                Classification::Skipped(skip) => self.set_aside(id, index, parsed, skip),
            }
        }
        id
    }

    /// Keeps a document that is not judged, with why: `unclassified` and `skips` go in step.
    fn set_aside(&mut self, file: FileId, index: usize, parsed: ParsedDocument, skip: Skip) {
        self.unclassified.push(Document::new(
            file,
            index,
            DocumentKind::Unclassified,
            parsed,
        ));
        self.skips.push(skip);
    }

    /// Adds the inline definition of the API entity just added (the last document): its first
    /// document, classified by its own keys, or its parse failure.
    fn add_inline_definition(
        &mut self,
        file: FileId,
        index: usize,
        mut definitions: Vec<ParsedDocument>,
        failure: Option<ParseFailure>,
    ) {
        if let Some(failure) = failure {
            self.failures.push((file, failure));
        }
        if definitions.is_empty() {
            return;
        }
        let parsed = definitions.swap_remove(0);
        // A text that is no OpenAPI or AsyncAPI document is not judged as one; one of a version
        // archlint does not read is said to be, as a file of it is.
        let kind = match DocumentKind::classify_at(&parsed.value, Path::new("")) {
            Classification::Architecture(kind) => kind,
            Classification::Skipped(skip) if skip.is_unsupported() => {
                self.set_aside(file, index, parsed, skip);
                return;
            }
            Classification::Skipped(_) => return,
        };
        let entity = self.documents.len() - 1;
        self.inline_definitions.insert(entity, self.documents.len());
        // The definition takes its entity's position in the stream. A reference to the file
        // means its first document, which stays the entity: it is pushed first, and documents
        // are sorted stably.
        self.documents
            .push(Document::new(file, index, kind, parsed));
    }

    /// Whether anything in the workspace is, or failed to load as, an architecture document or
    /// a decision record.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.failures.is_empty()
            && !self.markdown.iter().any(Markdown::is_decision)
    }
}

/// One file read and parsed, not yet numbered.
pub(crate) struct LoadedFile {
    source: SourceFile,
    parsed: Parsed,
}

impl LoadedFile {
    /// A file that could not be read or parsed at all, for `failure`.
    fn failed(path: &Path, text: String, failure: ParseFailure) -> Self {
        LoadedFile {
            source: SourceFile::new(path.to_path_buf(), text),
            parsed: Parsed {
                documents: Vec::new(),
                markdown: None,
                failure: Some(failure),
                skipped: None,
                alias_nodes: 0,
                interrupted: false,
            },
        }
    }
}

/// What parsing a file's text found.
struct Parsed {
    documents: Vec<ParsedDocument>,
    markdown: Option<ParsedMarkdown>,
    failure: Option<ParseFailure>,
    /// Why the file was read but not parsed, when it was not.
    skipped: Option<String>,
    /// The nodes its YAML aliases added.
    alias_nodes: usize,
    /// Stopped by the alias budget the files read alongside spent (see [`AliasBudget`]).
    interrupted: bool,
}

/// Loads the entries in parallel; files are numbered in the order of `entries`, so the result
/// does not depend on the number of threads.
pub fn load(entries: &[Entry], limits: &Limits) -> Workspace {
    let mut workspace = Workspace::default();
    for file in workspace.read(entries, limits) {
        workspace.add(file, limits);
    }
    workspace
}

impl Workspace {
    /// Reads and parses `entries` in parallel, in their order, under what is left of the run's
    /// alias budget. The files parsed side by side share one counter, which bounds the memory;
    /// the verdicts are then settled in order, each file charged after the ones before it, and
    /// a file the shared counter stopped, or that would cross the budget, is parsed again alone
    /// with what is left. So the file that fails is the same whatever the threads did.
    pub(crate) fn read(&mut self, entries: &[Entry], limits: &Limits) -> Vec<LoadedFile> {
        let left = limits.max_alias_nodes.saturating_sub(self.alias_nodes);
        let shared = AliasBudget::new(left);
        let mut loaded: Vec<LoadedFile> = entries
            .par_iter()
            .with_max_len(crate::FILES_PER_TASK)
            .map(|entry| match entry {
                Entry::File { path, format } => {
                    load_file(path, *format, limits, self.alias_nodes, Some(&shared))
                }
                Entry::Unreadable { path, reason } => {
                    LoadedFile::failed(path, String::new(), ParseFailure::at(0, reason.clone()))
                }
            })
            .collect();
        for (file, entry) in loaded.iter_mut().zip(entries) {
            let parsed = &file.parsed;
            let crosses = parsed.alias_nodes > 0
                && self.alias_nodes + parsed.alias_nodes > limits.max_alias_nodes;
            if let (true, Entry::File { path, format }) = (parsed.interrupted || crosses, entry) {
                *file = load_file(path, *format, limits, self.alias_nodes, None);
            }
            self.alias_nodes += file.parsed.alias_nodes;
        }
        loaded
    }
}

/// Reads and parses one file; any problem is a [`ParseFailure`] at its place.
/// `spent_before` is the alias expansion of the files read before it, and `shared` the budget
/// it shares with the files read alongside.
fn load_file(
    path: &Path,
    format: Format,
    limits: &Limits,
    spent_before: usize,
    shared: Option<&AliasBudget>,
) -> LoadedFile {
    let failed = |text: String, failure: ParseFailure| LoadedFile::failed(path, text, failure);
    let bytes = match read_limited(path, limits.max_file_size) {
        Ok(bytes) => bytes,
        Err(unread) => return failed(String::new(), ParseFailure::at(0, unread.to_string())),
    };
    if let Some(encoding) = utf16_encoding(&bytes) {
        return failed(
            String::new(),
            ParseFailure::at(
                0,
                format!("the file is {encoding}; archlint reads UTF-8 (save it as UTF-8)"),
            ),
        );
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return failed(
            String::new(),
            ParseFailure::at(
                0,
                format!(
                    "binary file: a NUL byte at offset {offset}; not {}",
                    format.describe()
                ),
            ),
        );
    }
    let text = match utf8_text(bytes) {
        Ok(text) => text,
        Err((text, failure)) => return failed(text, failure),
    };
    // A large file's lines are found on another thread while it is parsed.
    let parse = || parse_text(path, format, &text, limits, spent_before, shared);
    let (parsed, lines) = if text.len() >= LARGE_TEXT {
        rayon::join(parse, || Lines::of(&text))
    } else {
        (parse(), Lines::of(&text))
    };
    LoadedFile {
        source: SourceFile::with_lines(path.to_path_buf(), text, lines),
        parsed,
    }
}

fn parse_text(
    path: &Path,
    format: Format,
    text: &str,
    limits: &Limits,
    spent_before: usize,
    shared: Option<&AliasBudget>,
) -> Parsed {
    // A UTF-8 byte-order mark is allowed and skipped; offsets still count it.
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut markdown = None;
    let mut skipped = None;
    let (mut alias_nodes, mut interrupted) = (0, false);
    let (documents, failure) = match format {
        Format::Yaml => {
            let stream =
                yaml::parse_in_run(&text[base..], base as u32, limits, spent_before, shared);
            (alias_nodes, interrupted) = (stream.alias_nodes, stream.interrupted);
            match stream.failure {
                Some(failure)
                    if !interrupted && is_template(text, failure.range.start as usize) =>
                {
                    skipped = Some(TEMPLATE.to_string());
                    (Vec::new(), None)
                }
                failure => (stream.documents, failure),
            }
        }
        Format::Json => match parse_json(path, &text[base..], base as u32, limits) {
            Ok(document) => (document.into_iter().collect(), None),
            Err(failure) => (Vec::new(), Some(failure)),
        },
        Format::Markdown => {
            markdown = Some(markdown::read(path, &text[base..], base as u32));
            (Vec::new(), None)
        }
    };
    Parsed {
        documents,
        markdown,
        failure,
        skipped,
        alias_nodes,
        interrupted,
    }
}

/// Why a template is not read.
const TEMPLATE: &str = "a template with `{% ... %}` or `{{ ... }}` tags (Jinja, Nunjucks, Go, \
     Helm, cookiecutter): not YAML until rendered";

/// A file with template tags (`{%- if x %}`, `{{- if .Values.x }}`), as scaffolder skeletons,
/// Helm charts and Ansible roles hold: only its rendering is YAML. Asked only of a file that does
/// not parse, so a template that happens to be valid YAML still loads; and only when a tag is
/// within two lines of the failure, so that a broken document which merely mentions
/// `{{baseUrl}}` somewhere keeps its parse error.
fn is_template(text: &str, failure: usize) -> bool {
    let failure = crate::source::floor_char_boundary(text, failure);
    let mut start = text[..failure].rfind('\n').map_or(0, |at| at + 1);
    for _ in 0..2 {
        start = text[..start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |at| at + 1);
    }
    let mut end = failure;
    for _ in 0..3 {
        end = text[end..].find('\n').map_or(text.len(), |at| end + at + 1);
    }
    let near = &text[start..end];
    let tagged = |open: &str, close: &str| {
        near.find(open)
            .is_some_and(|at| near[at + open.len()..].contains(close))
    };
    tagged("{%", "%}") || tagged("{{", "}}")
}

/// A JSON file. A `.jsonc` file may hold comments and trailing commas. So may any other JSON file
/// that is no architecture document: many tools read their `.json` as JSONC (`tsconfig.json`,
/// VS Code's settings, ESLint's and dev containers' configurations), and such a file is skipped
/// like any other document archlint does not judge. An architecture document must be strict JSON,
/// as its own tools require, and keeps its parse error.
fn parse_json(
    path: &Path,
    text: &str,
    base: u32,
    limits: &Limits,
) -> Result<Option<ParsedDocument>, ParseFailure> {
    if has_extension(path, "jsonc") {
        return json::parse_with_comments(text, base, limits);
    }
    let failure = match json::parse(text, base, limits) {
        Ok(document) => return Ok(document),
        Err(failure) => failure,
    };
    match json::parse_with_comments(text, base, limits) {
        Ok(Some(document))
            if matches!(
                DocumentKind::classify_at(&document.value, path),
                Classification::Skipped(_)
            ) =>
        {
            Ok(Some(document))
        }
        _ => Err(failure),
    }
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
}

/// Why a file was not read.
pub enum Unread {
    /// The system's reason, in words ([`io_message`]).
    Io(String),
    Folder,
    /// A named pipe or a device would block (opening a pipe waits for a writer) or never end.
    NotRegular,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Grew {
        limit: u64,
    },
}

impl Unread {
    /// The reason, to follow "cannot read the checklist `x`: " (or the configuration, a ruleset).
    pub fn reason(&self) -> String {
        match self {
            Unread::Io(reason) => reason.clone(),
            Unread::Folder => "it is a folder, not a file".into(),
            Unread::NotRegular => {
                "it is not a regular file (a named pipe, socket or device)".into()
            }
            Unread::TooLarge { size, limit } => {
                format!("it is {size} bytes, over the size limit of {limit} bytes")
            }
            Unread::Grew { limit } => {
                format!("it grew past the size limit of {limit} bytes while it was read")
            }
        }
    }
}

/// A document's diagnostic: the file, not read.
impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::Io(reason) => write!(f, "cannot read the file: {reason}"),
            Unread::Folder => f.write_str("a folder, not a file: not read"),
            Unread::NotRegular => {
                f.write_str("not a regular file (a named pipe, socket or device): not read")
            }
            Unread::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, over the size limit of {limit} bytes"
            ),
            Unread::Grew { limit } => write!(
                f,
                "the file grew past the size limit of {limit} bytes while it was read"
            ),
        }
    }
}

/// The text of `bytes`, or, where they are not UTF-8, the text to show (the first bad byte
/// replaced, so everything before it is where it was) and the failure at that byte.
pub(crate) fn utf8_text(bytes: Vec<u8>) -> Result<String, (String, ParseFailure)> {
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let byte = error.as_bytes()[offset];
        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let failure = ParseFailure::at(offset, format!("invalid UTF-8: byte 0x{byte:02x}"));
        (text, failure)
    })
}

/// Why a file named on the command line or in a configuration cannot be read as one, in the
/// words every such refusal uses; `None` when it is a file.
pub fn not_a_file(path: &Path) -> Option<&'static str> {
    if path.is_file() {
        None
    } else if path.is_dir() {
        Some("is a folder, not a file")
    } else if path.exists() {
        Some("is not a file")
    } else {
        Some("does not exist")
    }
}

/// "No such file" of a name that is there: a link that leads nowhere, in words. The link may name
/// another link that leads nowhere: it is broken either way.
pub fn broken_link(path: &Path, error: &std::io::Error) -> Option<String> {
    if error.kind() != std::io::ErrorKind::NotFound {
        return None;
    }
    let target = std::fs::read_link(path).ok()?;
    Some(format!(
        "a broken symbolic link (to `{}`)",
        target.display()
    ))
}

/// The bytes of the regular file at `path`, if it holds no more than `limit`.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    use std::io::Read;
    let cannot = |error: std::io::Error| Unread::Io(io_message(&error));
    // Only regular files are opened.
    let metadata = std::fs::metadata(path)
        .map_err(|error| broken_link(path, &error).map_or_else(|| cannot(error), Unread::Io))?;
    if metadata.is_dir() {
        return Err(Unread::Folder);
    }
    if !metadata.is_file() {
        return Err(Unread::NotRegular);
    }
    if metadata.len() > limit {
        return Err(Unread::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    // Read no more than the limit allows, even if the file grows while it is read.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Unread::Grew { limit });
    }
    Ok(bytes)
}

/// `UTF-16LE` or `UTF-16BE` for a file that starts with that byte-order mark, or whose first two
/// characters are text written in two bytes each (a zero byte beside each), as UTF-16 text
/// without a mark is.
pub(crate) fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    let text = |byte: &u8| byte.is_ascii_graphic() || byte.is_ascii_whitespace();
    match bytes {
        [0xff, 0xfe, ..] => Some("UTF-16LE"),
        [0xfe, 0xff, ..] => Some("UTF-16BE"),
        [a, 0, b, 0, ..] if text(a) && text(b) => Some("UTF-16LE"),
        [0, a, 0, b, ..] if text(a) && text(b) => Some("UTF-16BE"),
        _ => None,
    }
}

/// An I/O error's description without the "(os error N)" suffix.
pub fn io_message(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(end) => lowercase_first(&text[..end]),
        None => lowercase_first(&text),
    }
}

/// Messages from other crates start with a capital; ours do not. An initialism (`IO error`,
/// `UTF-8`) keeps its capitals.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    let initialism = text.chars().nth(1).is_some_and(char::is_uppercase);
    match chars.next() {
        Some(first) if !initialism => first.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase_first;

    #[test]
    fn messages_start_lowercase_but_initialisms_keep_their_capitals() {
        assert_eq!(lowercase_first("Permission denied"), "permission denied");
        assert_eq!(
            lowercase_first("IO error for operation"),
            "IO error for operation"
        );
        assert_eq!(lowercase_first("UTF-8 expected"), "UTF-8 expected");
        assert_eq!(lowercase_first("É"), "é");
        assert_eq!(lowercase_first(""), "");
    }
}
