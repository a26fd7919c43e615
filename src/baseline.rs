//! The baseline: today's findings recorded in a file, so that a repository with violations can
//! adopt archlint and still fail on every new one.
//!
//! A diagnostic is recognised without its line number, by its rule, its file (relative to the
//! baseline's folder, with `/`), its [`Subject`] (the JSON pointer of what it is about, or the
//! text at its place) and its message. Identical ones are counted: an entry with `count: 3` hides
//! three of them, and a fourth is new. The file is JSON, one entry per line, sorted, so that it
//! diffs well.

use crate::diagnostic::{Diagnostic, Subject};
use crate::load::Workspace;
use crate::source::{FileId, Sources};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The version of the baseline file format.
const FORMAT_VERSION: u32 = 1;

/// The longest span text kept as a subject, in characters.
const MAX_SUBJECT_TEXT: usize = 80;

/// Gives every diagnostic its subject. `diagnostics` must be in their final order, which numbers
/// the occurrences of identical ones; it sorts them by place, so the diagnostics of a file are
/// side by side, and the files are done side by side.
pub fn assign_subjects(diagnostics: &mut [Diagnostic], workspace: &Workspace) {
    diagnostics
        .par_chunk_by_mut(|a, b| a.primary_span().file == b.primary_span().file)
        .for_each(|of_one_file| assign_subjects_in_file(of_one_file, workspace));
}

/// [`assign_subjects`] for the diagnostics of one file, in their final order.
fn assign_subjects_in_file(diagnostics: &mut [Diagnostic], workspace: &Workspace) {
    let keys = subject_keys(diagnostics, workspace);
    let identities: Vec<Cow<str>> = diagnostics
        .iter()
        .map(|diagnostic| identity(&diagnostic.message))
        .collect();
    let mut seen: HashMap<(&str, &str, &str), u32> = HashMap::new();
    let occurrences: Vec<u32> = diagnostics
        .iter()
        .zip(&keys)
        .zip(&identities)
        .map(|((diagnostic, key), message)| {
            let count = seen.entry((&diagnostic.rule, key, message)).or_insert(0);
            *count += 1;
            *count - 1
        })
        .collect();
    drop(seen);
    for ((diagnostic, key), occurrence) in diagnostics.iter_mut().zip(keys).zip(occurrences) {
        diagnostic.subject = Subject { key, occurrence };
    }
}

/// The subject key of each diagnostic: the pointer of its primary span in the document holding
/// it, list positions written `*` so that adding an item above does not change it (`#N` before it
/// for the N-th document of a YAML stream, from 0, when N > 0), else the text of the span.
fn subject_keys(diagnostics: &[Diagnostic], workspace: &Workspace) -> Vec<String> {
    let mut keys: Vec<Option<String>> = vec![None; diagnostics.len()];
    // The ranges each document holds, found by binary search: documents are in file order.
    let mut per_document: BTreeMap<usize, Vec<(usize, Range<u32>)>> = BTreeMap::new();
    let documents = &workspace.documents;
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let at = diagnostic.primary_span();
        // A file's documents are in the order of its text, and do not overlap: the one that
        // starts last at or before the span is the only one that can hold it (a stream of
        // 40,000 documents is not searched from its first for each diagnostic).
        let first = documents.partition_point(|document| document.file < at.file);
        let of_file = documents[first..].partition_point(|document| document.file == at.file);
        let starting_before = documents[first..first + of_file]
            .partition_point(|document| document.extent().start <= at.start);
        let holds = |position: &usize| {
            let extent = documents[first + position].extent();
            extent.start <= at.start && at.end <= extent.end
        };
        // Else a search of them all, as an empty document may share a neighbour's start.
        let holder = starting_before
            .checked_sub(1)
            .filter(holds)
            .or_else(|| (0..of_file).find(holds));
        if let Some(position) = holder {
            per_document
                .entry(first + position)
                .or_default()
                .push((index, at.start..at.end));
        }
    }
    for (document, held) in per_document {
        let document = &documents[document];
        let ranges: Vec<Range<u32>> = held.iter().map(|(_, range)| range.clone()).collect();
        // The diagnostics are in the order of the text: each run of them is a walk of its own
        // part of the document, the runs side by side. A walk looks at every child of each node
        // it passes (100,000 services under one key), so there is one run per thread at most,
        // and the walks together stay linear in the document.
        let per_walk = ranges
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(MIN_RANGES_PER_WALK);
        let pointers: Vec<String> = ranges
            .par_chunks(per_walk)
            .flat_map_iter(|run| document.pointers_at(run, Some("*")))
            .collect();
        for ((index, _), pointer) in held.iter().zip(pointers) {
            keys[*index] = Some(if document.index > 0 {
                format!("#{}{pointer}", document.index)
            } else {
                pointer
            });
        }
    }
    keys.into_iter()
        .zip(diagnostics)
        .map(|(key, diagnostic)| {
            key.unwrap_or_else(|| {
                let at = diagnostic.primary_span();
                let text = workspace
                    .sources
                    .get(at.file)
                    .text
                    .get(at.range())
                    .unwrap_or("");
                text.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .take(MAX_SUBJECT_TEXT)
                    .collect()
            })
        })
        .collect()
}

/// How many diagnostics of one document one walk finds the pointers of, at least: fewer are not
/// worth a walk of their own.
const MIN_RANGES_PER_WALK: usize = 512;

/// The part of a message that identifies its finding: the message with every figure outside
/// backticks written `#`. A figure such as the availability a service's dependencies allow is
/// computed from other documents, so a neighbour's change would otherwise make a known finding
/// look new; what a message names (`Product Service`, `GET /orders/{id}`) is in backticks and kept.
pub fn identity(message: &str) -> Cow<'_, str> {
    if !message.bytes().any(|byte| byte.is_ascii_digit()) {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' {
            quoted = !quoted;
            out.push(c);
        } else if !quoted && c.is_ascii_digit() {
            // A figure: digits, with `.` or `,` between digits, and a unit sign after them.
            while let Some(&next) = chars.peek() {
                if next.is_ascii_digit() {
                    chars.next();
                } else if next == '.' || next == ',' {
                    let mut ahead = chars.clone();
                    ahead.next();
                    if ahead.peek().is_some_and(char::is_ascii_digit) {
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if chars.peek() == Some(&'%') {
                chars.next();
            }
            out.push('#');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A stable identity for a diagnostic in reports (SARIF `partialFingerprints`, GitLab
/// `fingerprint`): a hash of its rule, its file as shown, its subject and its message without
/// figures ([`identity`]). It does not change when lines move or a computed figure changes; it
/// does when the file is named differently, so run archlint from the same folder (the
/// repository's root) every time.
pub fn fingerprint(diagnostic: &Diagnostic, file_name: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [
        diagnostic.rule.as_ref(),
        file_name,
        &diagnostic.subject.key,
        &identity(&diagnostic.message),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(diagnostic.subject.occurrence.to_le_bytes());
    // 128 bits are plenty to tell findings apart and keep the reports readable.
    hasher.finalize()[..16]
        .iter()
        .fold(String::with_capacity(32), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// One recorded finding, or `count` identical ones.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub subject: String,
    pub message: String,
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    violations: Vec<Entry>,
}

/// The findings a baseline file records; file paths are relative to `folder`, the file's own.
#[derive(Debug)]
pub struct Baseline {
    pub folder: PathBuf,
    pub entries: Vec<Entry>,
}

/// What applying a baseline to a run found.
#[derive(Debug, Default)]
pub struct Applied {
    /// For each diagnostic, whether the baseline hides it.
    pub hidden: Vec<bool>,
    /// Entries, or parts of a counted entry, that match nothing any more: the violation was
    /// fixed or changed. `count` says how many are missing.
    pub stale: Vec<Entry>,
}

/// The file a baseline named `path` is written to ([`write_target`]), or why none can be.
fn written_at(path: &Path) -> Result<PathBuf, String> {
    write_target(path).map_err(|problem| {
        format!(
            "cannot write the baseline `{}`: {problem}",
            crate::source::display_name(path)
        )
    })
}

/// The file a baseline asked for at `path` is written to. The baseline is written beside it and
/// renamed over it, which replaces whatever the name held: a symbolic link is followed, so the
/// file it names is replaced and the link stays (as an editor saves through one); anything else
/// that is not a regular file is refused, since a rename over a named pipe or a device would
/// destroy it (run as root, `--write-baseline /dev/null` replaced the system's `/dev/null`).
fn write_target(path: &Path) -> Result<PathBuf, String> {
    // As many links as Linux follows before it gives up (`ELOOP`).
    const MAX_LINKS: usize = 40;
    let mut target = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let metadata = match std::fs::symlink_metadata(&target) {
            Ok(metadata) => metadata,
            // A new file, or one a link names that does not exist yet.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(target),
            Err(error) => return Err(crate::load::io_message(&error)),
        };
        let kind = metadata.file_type();
        if kind.is_file() {
            if metadata.len() == 0 || is_a_baseline(&target) {
                return Ok(target);
            }
            return Err(
                "it exists and is no archlint baseline (a JSON object with `version` \
                 and `violations`): archlint replaces a baseline only; remove the file first, or \
                 name another"
                    .to_string(),
            );
        }
        if kind.is_dir() {
            return Err("it is a folder, not a file".to_string());
        }
        if !kind.is_symlink() {
            return Err(
                "it is a named pipe, socket or device, not a file: archlint writes a baseline \
                 only as a regular file"
                    .to_string(),
            );
        }
        let named = std::fs::read_link(&target).map_err(|error| crate::load::io_message(&error))?;
        target = match target.parent() {
            Some(folder) => folder.join(named),
            None => named,
        };
    }
    Err("it is a chain of more than 40 symbolic links".to_string())
}

/// Whether the file at `path` reads as a baseline of any version: `--write-baseline` with a
/// document's name by mistake (`services.yaml`) would otherwise replace the document. Read as a
/// stream, the entries skipped, so a large baseline costs no memory.
fn is_a_baseline(path: &Path) -> bool {
    #[derive(Deserialize)]
    struct Shape {
        #[allow(dead_code)]
        version: u32,
        #[allow(dead_code)]
        violations: serde::de::IgnoredAny,
    }
    std::fs::File::open(path)
        .ok()
        .map(std::io::BufReader::new)
        .is_some_and(|reader| serde_json::from_reader::<_, Shape>(reader).is_ok())
}

impl Baseline {
    /// The baseline of `diagnostics`, for a file to be written in `folder`.
    pub fn record(diagnostics: &[Diagnostic], sources: &Sources, folder: &Path) -> Baseline {
        let paths = RelativePaths::new(sources, folder);
        let mut counts: BTreeMap<(String, String, String, String), u32> = BTreeMap::new();
        for diagnostic in diagnostics {
            let key = (
                paths.of(diagnostic.primary_span().file),
                diagnostic.rule.to_string(),
                diagnostic.subject.key.clone(),
                diagnostic.message.clone(),
            );
            *counts.entry(key).or_insert(0) += 1;
        }
        Baseline {
            folder: folder.to_path_buf(),
            entries: counts
                .into_iter()
                .map(|((file, rule, subject, message), count)| Entry {
                    file,
                    rule,
                    subject,
                    message,
                    count,
                })
                .collect(),
        }
    }

    /// The file's text: one entry per line, in order.
    pub fn to_json(&self) -> String {
        let mut text = format!("{{\n  \"version\": {FORMAT_VERSION},\n  \"violations\": [");
        for (index, entry) in self.entries.iter().enumerate() {
            let separator = if index == 0 { "" } else { "," };
            // An entry is strings and a number: it always serialises.
            let line = serde_json::to_string(entry).unwrap_or_default();
            let _ = write!(text, "{separator}\n    {line}");
        }
        if !self.entries.is_empty() {
            text.push_str("\n  ");
        }
        text.push_str("]\n}\n");
        text
    }

    /// Whether a baseline can be written at `path`: asked before a run, so that a folder or a
    /// device is refused at once, not after the check; [`Baseline::write`] asks again.
    pub fn writable(path: &Path) -> Result<(), String> {
        written_at(path).map(drop)
    }

    /// Writes the baseline atomically: a temporary file in the same folder, synced, then renamed
    /// over the old one, so a run killed or out of space at any point leaves the old baseline
    /// whole.
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let shown = crate::source::display_name(path);
        let path = &written_at(path)?;
        let cannot = |error: std::io::Error| {
            format!(
                "cannot write the baseline `{shown}`: {}",
                crate::load::io_message(&error)
            )
        };
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".archlint-baseline")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(cannot)?;
        // The temporary file is private (0600); the baseline keeps the old one's permissions,
        // or a new one gets those of any file the user creates.
        let old = std::fs::metadata(path).ok();
        let permissions = old
            .as_ref()
            .map(std::fs::Metadata::permissions)
            .or_else(new_file_permissions);
        temporary
            .write_all(self.to_json().as_bytes())
            .and_then(|()| match permissions {
                Some(permissions) => temporary.as_file().set_permissions(permissions),
                None => Ok(()),
            })
            .and_then(|()| temporary.as_file().sync_all())
            .map_err(cannot)?;
        keep_owner(temporary.as_file(), old.as_ref());
        temporary
            .persist(path)
            .map_err(|error| cannot(error.error))?;
        Ok(())
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = crate::source::display_name(path);
        let text = std::fs::read_to_string(path).map_err(|error| {
            format!(
                "cannot read the baseline `{shown}`: {}",
                crate::load::io_message(&error)
            )
        })?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|error| format!("the baseline `{shown}` is not a baseline file: {error}"))?;
        if file.version != FORMAT_VERSION {
            return Err(format!(
                "the baseline `{shown}` has version {}; this archlint reads version {FORMAT_VERSION}",
                file.version
            ));
        }
        Ok(Baseline {
            folder: folder_of(path),
            entries: file.violations,
        })
    }

    /// Which diagnostics the baseline hides, and which entries match nothing. Of identical
    /// diagnostics, the first `count` in file order are hidden.
    pub fn apply(&self, diagnostics: &[Diagnostic], sources: &Sources) -> Applied {
        let paths = RelativePaths::new(sources, &self.folder);
        // Matched by identity: a figure computed from other documents may have changed.
        // Counts are the file's, as large as it says: two entries of the same violation add up
        // past a `u32`.
        let mut remaining: HashMap<(&str, &str, &str, Cow<str>), u64> = HashMap::new();
        for entry in &self.entries {
            *remaining
                .entry((
                    &entry.file,
                    &entry.rule,
                    &entry.subject,
                    identity(&entry.message),
                ))
                .or_insert(0) += u64::from(entry.count);
        }
        let files: Vec<String> = diagnostics
            .iter()
            .map(|diagnostic| paths.of(diagnostic.primary_span().file))
            .collect();
        let hidden = diagnostics
            .iter()
            .zip(&files)
            .map(|(diagnostic, file)| {
                let key = (
                    file.as_str(),
                    diagnostic.rule.as_ref(),
                    diagnostic.subject.key.as_str(),
                    identity(&diagnostic.message),
                );
                match remaining.get_mut(&key) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        true
                    }
                    _ => false,
                }
            })
            .collect();
        let stale = self
            .entries
            .iter()
            .filter_map(|entry| {
                let key = (
                    entry.file.as_str(),
                    entry.rule.as_str(),
                    entry.subject.as_str(),
                    identity(&entry.message),
                );
                let left = remaining.get_mut(&key)?;
                let missing = u32::try_from(*left).unwrap_or(u32::MAX).min(entry.count);
                *left -= u64::from(missing);
                (missing > 0).then(|| Entry {
                    count: missing,
                    ..entry.clone()
                })
            })
            .collect();
        Applied { hidden, stale }
    }
}

/// The folder a file is in, absolute when it can be made so.
pub fn folder_of(path: &Path) -> PathBuf {
    let folder = path.parent().unwrap_or(Path::new(""));
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    canonical(folder)
}

/// The real path when it exists (symbolic links resolved, so both sides of a comparison agree),
/// else the path joined to the current folder.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    })
}

/// Source files' paths relative to a folder, with `/`, each worked out once.
struct RelativePaths<'a> {
    sources: &'a Sources,
    folder: PathBuf,
    known: std::cell::RefCell<HashMap<FileId, String>>,
}

impl<'a> RelativePaths<'a> {
    fn new(sources: &'a Sources, folder: &Path) -> Self {
        RelativePaths {
            sources,
            folder: canonical(folder),
            known: Default::default(),
        }
    }

    fn of(&self, file: FileId) -> String {
        self.known
            .borrow_mut()
            .entry(file)
            .or_insert_with(|| {
                let path = canonical(&self.sources.get(file).path);
                let relative = pathdiff::diff_paths(&path, &self.folder).unwrap_or(path);
                relative.to_string_lossy().replace('\\', "/")
            })
            .clone()
    }
}

/// The permissions of a new file where the temporary file's differ: read and write for its
/// owner, read for the rest (0644), as the usual umask gives. Elsewhere than Unix a temporary
/// file is an ordinary one.
/// The old baseline's owner and group given to the file replacing it: run as root (a CI
/// container, `sudo`), the new file would otherwise belong to root, and the team could no longer
/// write it. Giving a file to another owner is allowed to root only; anyone else keeps their
/// own, as any file they write.
fn keep_owner(file: &std::fs::File, old: Option<&std::fs::Metadata>) {
    #[cfg(unix)]
    if let Some(old) = old {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    #[cfg(not(unix))]
    let _ = (file, old);
}

fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;
    use crate::load::document::Document;
    use crate::load::kind::DocumentKind;
    use crate::load::limits::Limits;
    use crate::source::{SourceFile, Span};

    const TEXT: &str = "services:\n  order:\n    depends_on: [auth, ghost]\n    sla: {availability: \"99%\"}\n  auth: {}\n";

    fn document() -> Document {
        let (mut parsed, failure) = crate::load::yaml::parse(TEXT, 0, &Limits::default());
        assert!(failure.is_none());
        Document::new(
            FileId(0),
            0,
            DocumentKind::ArchitectureSpec,
            parsed.remove(0),
        )
    }

    fn range_of(text: &str) -> Range<u32> {
        let start = TEXT.find(text).unwrap() as u32;
        start..start + text.len() as u32
    }

    #[test]
    fn a_span_maps_to_the_deepest_pointer_holding_it() {
        let document = document();
        let ranges = [
            range_of("ghost"),
            range_of("\"99%\""),
            range_of("order"),
            range_of("sla"),
            0..TEXT.len() as u32,
        ];
        assert_eq!(
            document.pointers_at(&ranges, None),
            [
                "/services/order/depends_on/1",
                "/services/order/sla/availability",
                "/services/order",
                "/services/order/sla",
                "",
            ]
        );
        assert_eq!(
            document.pointers_at(&ranges[..1], Some("*")),
            ["/services/order/depends_on/*"]
        );
    }

    #[test]
    fn the_subjects_of_many_diagnostics_in_one_document_are_found_in_runs() {
        // More diagnostics than one walk takes: each run of them is walked on its own, and every
        // diagnostic still gets its own member's pointer, in order.
        let members = 3 * MIN_RANGES_PER_WALK + 7;
        let text: String = (0..members)
            .map(|index| format!("m{index}: value {index}\n"))
            .collect();
        let mut workspace = Workspace::default();
        let file = workspace
            .sources
            .push(SourceFile::new("big.yaml".into(), text.clone()));
        let (mut parsed, failure) = crate::load::yaml::parse(&text, 0, &Limits::default());
        assert!(failure.is_none());
        workspace.documents.push(Document::new(
            file,
            0,
            DocumentKind::ArchitectureSpec,
            parsed.remove(0),
        ));
        let mut diagnostics: Vec<Diagnostic> = (0..members)
            .map(|index| {
                let value = format!("value {index}\n");
                let start = text.find(&value).unwrap() as u32;
                let span = Span::new(file, start..start + value.len() as u32 - 1);
                Diagnostic::new(
                    crate::diagnostic::Severity::Error,
                    Finding::new("unknown-service", span, "m"),
                )
            })
            .collect();
        assign_subjects(&mut diagnostics, &workspace);
        for (index, diagnostic) in diagnostics.iter().enumerate() {
            assert_eq!(diagnostic.subject.key, format!("/m{index}"));
            assert_eq!(diagnostic.subject.occurrence, 0);
        }
    }

    fn diagnostic(message: &str, key: &str, occurrence: u32) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(
            crate::diagnostic::Severity::Error,
            Finding::new("unknown-service", Span::new(FileId(0), 0..1), message),
        );
        diagnostic.subject = Subject {
            key: key.to_string(),
            occurrence,
        };
        diagnostic
    }

    #[test]
    fn counted_entries_hide_that_many_and_the_rest_is_stale_or_new() {
        let folder = std::env::current_dir().unwrap();
        let mut sources = Sources::default();
        sources.push(SourceFile::new(folder.join("a.yaml"), String::new()));
        let two = [diagnostic("m", "/x", 0), diagnostic("m", "/x", 1)];
        let baseline = Baseline::record(&two, &sources, &folder);
        assert_eq!(baseline.entries.len(), 1);
        assert_eq!(baseline.entries[0].count, 2);
        assert_eq!(baseline.entries[0].file, "a.yaml");
        let three = [two[0].clone(), two[1].clone(), diagnostic("m", "/x", 2)];
        let applied = baseline.apply(&three, &sources);
        assert_eq!(applied.hidden, [true, true, false]);
        assert!(applied.stale.is_empty());
        let applied = baseline.apply(&three[..1], &sources);
        assert_eq!(applied.hidden, [true]);
        assert_eq!(applied.stale.len(), 1);
        assert_eq!(applied.stale[0].count, 1);
        // The file reads back as it was written.
        let read: BaselineFile = serde_json::from_str(&baseline.to_json()).unwrap();
        assert_eq!(read.violations, baseline.entries);
        assert_eq!(
            Baseline {
                folder,
                entries: Vec::new()
            }
            .to_json(),
            "{\n  \"version\": 1,\n  \"violations\": []\n}\n"
        );
    }
}
