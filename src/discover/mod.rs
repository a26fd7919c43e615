//! Discover: walk the given paths with the `ignore` crate and list the files to load, sorted, so
//! every later stage sees them in one order.

use crate::canonical::CanonicalPaths;
use crate::source::absolute;
use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How a file is read, decided by its extension; what it is, by its content (see `load::kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Yaml,
    Json,
    Markdown,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            // `.jsonc` is JSON with comments (and trailing commas), the dialect of VS Code settings:
            // the one JSON in which suppression comments can be written.
            "json" | "jsonc" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
        }
    }
}

/// A file to load, or a path the walk could not read (a symlink loop, a permission error).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    File { path: PathBuf, format: Format },
    Unreadable { path: PathBuf, reason: String },
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::File { path, .. } | Entry::Unreadable { path, .. } => path,
        }
    }
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub entries: Vec<Entry>,
    /// Paths passed over, with the reason (shown with `--verbose`).
    pub skipped: Vec<(PathBuf, String)>,
    /// The canonical paths of the entries, found to read each file once; handed on to the
    /// workspace, where the references and the model ask for them again.
    pub canonical: CanonicalPaths,
}

/// The configuration's `include` and `exclude` globs, relative to the configuration's folder.
#[derive(Debug)]
pub struct PathFilter {
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl PathFilter {
    /// Builds the filter; a glob without `/` matches a name at any depth, as in `.gitignore`.
    pub fn new(root: &Path, include: &[String], exclude: &[String]) -> Result<Self, String> {
        let set = |patterns: &[String]| -> Result<GlobSet, String> {
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                builder.add(glob(pattern)?);
            }
            builder.build().map_err(|error| error.to_string())
        };
        Ok(PathFilter {
            root: absolute(root),
            include: if include.is_empty() {
                None
            } else {
                Some(set(include)?)
            },
            exclude: set(exclude)?,
        })
    }

    /// Whether `path` is included and not excluded.
    pub fn selects(&self, path: &Path) -> bool {
        self.includes(path) && !self.excludes(path)
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let path = absolute(path);
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or(path)
    }

    fn excludes(&self, path: &Path) -> bool {
        self.exclude.is_match(self.relative(path))
    }

    fn includes(&self, path: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(self.relative(path)))
    }
}

/// The globs of many lists (the `files:` of each `overrides:` entry), matched in one pass: a
/// path is tested once against all of them, not once per list. An empty list selects every
/// path.
#[derive(Default)]
pub struct GlobLists {
    root: PathBuf,
    set: GlobSet,
    /// The list each glob of `set` comes from.
    owners: Vec<usize>,
    /// The empty lists.
    everywhere: Vec<usize>,
}

impl GlobLists {
    pub fn new<'a>(
        root: &Path,
        lists: impl IntoIterator<Item = &'a [String]>,
    ) -> Result<Self, String> {
        let mut builder = GlobSetBuilder::new();
        let (mut owners, mut everywhere) = (Vec::new(), Vec::new());
        for (index, list) in lists.into_iter().enumerate() {
            if list.is_empty() {
                everywhere.push(index);
            }
            for pattern in list {
                builder.add(glob(pattern)?);
                owners.push(index);
            }
        }
        Ok(GlobLists {
            root: absolute(root),
            set: builder.build().map_err(|error| error.to_string())?,
            owners,
            everywhere,
        })
    }

    /// The lists that select `path`, in order.
    pub fn selecting(&self, path: &Path) -> Vec<usize> {
        let path = absolute(path);
        let relative = path.strip_prefix(&self.root).unwrap_or(&path);
        let mut lists: Vec<usize> = self
            .set
            .matches(relative)
            .into_iter()
            .map(|glob| self.owners[glob])
            .chain(self.everywhere.iter().copied())
            .collect();
        lists.sort_unstable();
        lists.dedup();
        lists
    }
}

/// One configuration glob, relative to the configuration's folder; a glob without `/` matches a
/// name at any depth, as in `.gitignore`.
pub fn glob(pattern: &str) -> Result<Glob, String> {
    let pattern = if pattern.contains('/') {
        pattern.trim_start_matches("./").to_string()
    } else {
        format!("**/{pattern}")
    };
    Glob::new(&pattern).map_err(|error| format!("invalid glob `{pattern}`: {error}"))
}

/// Folders never walked: version control, dependencies, build output.
const SKIPPED_FOLDERS: [&str; 3] = [".git", "node_modules", "target"];

/// Walks `paths` (which must exist), honouring `.gitignore` and `.ignore` files also outside a
/// git checkout, skipping hidden entries and `SKIPPED_FOLDERS`, and following symbolic links
/// (a loop becomes an [`Entry::Unreadable`]). `config_file` is never an input.
pub fn discover(paths: &[PathBuf], filter: &PathFilter, config_file: Option<&Path>) -> Discovery {
    let mut discovery = Discovery::default();
    let config_file = config_file.map(absolute);
    let canonical_root =
        std::fs::canonicalize(&filter.root).unwrap_or_else(|_| filter.root.clone());
    // Folders reached through a symbolic link: what lies under them may be outside the root.
    let mut linked_folders: Vec<PathBuf> = Vec::new();
    // What the walk's filter turns away, told once the walk is done.
    let turned_away: Arc<Mutex<Vec<TurnedAway>>> = Arc::default();
    for root in paths {
        // The walker reads the ignore files of the folders above the root too.
        let above = absolute(root);
        if let Some(unreadable) = above.ancestors().find_map(unreadable_ignore_file) {
            discovery.entries.push(unreadable);
            continue;
        }
        let root_within = canonical_root.clone();
        let turned = turned_away.clone();
        let walker = WalkBuilder::new(root)
            .require_git(false)
            .follow_links(true)
            .filter_entry(move |entry| {
                let name = entry.file_name().to_string_lossy();
                if entry.depth() == 0 || !entry.file_type().is_some_and(|kind| kind.is_dir()) {
                    return true;
                }
                if SKIPPED_FOLDERS.contains(&name.as_ref()) {
                    return false;
                }
                // A link to `/` would have the whole machine walked, file by file refused.
                let away = if entry.path_is_symlink()
                    && std::fs::canonicalize(entry.path())
                        .is_ok_and(|target| !target.starts_with(&root_within))
                {
                    TurnedAway::Skipped(
                        entry.path().to_path_buf(),
                        "a symbolic link to a folder outside the repository root: not followed"
                            .to_string(),
                    )
                } else {
                    // The walker reads a folder's ignore files as it enters it, whatever they
                    // are.
                    match unreadable_ignore_file(entry.path()) {
                        Some(unreadable) => TurnedAway::Unreadable(unreadable),
                        None => return true,
                    }
                };
                turned
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(away);
                false
            })
            .build();
        for result in walker {
            let entry = match result {
                Ok(entry) => entry,
                Err(error) => {
                    match walk_problem(&error) {
                        // A file that would not be read anyway (`notes.txt`, a loop of links
                        // named without an extension) is passed over, as it would be if it
                        // could be read; a folder may hold documents, and is reported.
                        Some((path, reason)) if !may_hold_documents(&error, &path) => {
                            discovery.skipped.push((path, reason))
                        }
                        Some((path, reason)) if !path.as_os_str().is_empty() => {
                            discovery.entries.push(Entry::Unreadable { path, reason })
                        }
                        _ => discovery.skipped.push((root.clone(), error.to_string())),
                    }
                    continue;
                }
            };
            if entry.file_type().is_some_and(|kind| kind.is_dir()) {
                if entry.path_is_symlink() {
                    linked_folders.push(entry.into_path());
                }
                continue;
            }
            let linked = entry.path_is_symlink()
                || linked_folders
                    .iter()
                    .any(|folder| entry.path().starts_with(folder));
            let path = entry.into_path();
            // A link may lead anywhere (`pw.yaml -> /etc/passwd`); what it leads to outside the
            // repository is not read, as a `$ref` there is not followed.
            let outside = linked
                && std::fs::canonicalize(&path)
                    .is_ok_and(|target| !target.starts_with(&canonical_root));
            if outside {
                discovery.skipped.push((
                    path,
                    "a symbolic link that leads outside the repository root".to_string(),
                ));
            } else if config_file
                .as_deref()
                .is_some_and(|config| config == absolute(&path))
            {
                discovery
                    .skipped
                    .push((path, "the configuration file".to_string()));
            } else if filter.excludes(&path) || !filter.includes(&path) {
                discovery
                    .skipped
                    .push((path, "excluded by the configuration".to_string()));
            } else if let Some(format) = Format::of(&path) {
                discovery.entries.push(Entry::File { path, format });
            } else {
                discovery.skipped.push((
                    path,
                    "not a .yaml, .yml, .json, .jsonc or .md file".to_string(),
                ));
            }
        }
    }
    let turned_away = std::mem::take(
        &mut *turned_away
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()),
    );
    for entry in turned_away {
        match entry {
            TurnedAway::Skipped(path, reason) => discovery.skipped.push((path, reason)),
            TurnedAway::Unreadable(unreadable) => discovery.entries.push(unreadable),
        }
    }
    // A file reached from two walked paths (the repository's root and a folder named in it) is
    // read once, under the name the first walk gave it.
    let canonical: Vec<PathBuf> = discovery
        .entries
        .par_iter()
        .map(|entry| {
            discovery
                .canonical
                .of(entry.path())
                .unwrap_or_else(|_| absolute(entry.path()))
        })
        .collect();
    let mut seen = std::collections::HashSet::with_capacity(canonical.len());
    let mut canonical = canonical.into_iter();
    discovery
        .entries
        .retain(|_| canonical.next().is_some_and(|path| seen.insert(path)));
    // In path order, the files that cannot be read among the others: files are numbered in
    // this order, and the report sorts by file.
    discovery
        .entries
        .sort_by(|a, b| a.path().cmp(b.path()).then_with(|| a.cmp(b)));
    discovery.entries.dedup_by(|a, b| a.path() == b.path());
    discovery.skipped.sort();
    discovery.skipped.dedup();
    discovery
}

/// A folder the walk's filter does not enter: passed over, or reported as unreadable.
enum TurnedAway {
    Skipped(PathBuf, String),
    Unreadable(Entry),
}

/// The ignore files the walker reads in a folder as it enters it.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git/info/exclude"];

/// The most an ignore file may hold: the walker reads one whole, with no limit of its own.
const MAX_IGNORE_FILE: u64 = 16 << 20;

/// An ignore file of `folder` the walker must not open: a named pipe would never end the read,
/// `/dev/zero` would fill the memory. The folder is then not walked, and the file is reported.
fn unreadable_ignore_file(folder: &Path) -> Option<Entry> {
    IGNORE_FILES.iter().find_map(|name| {
        let path = folder.join(name);
        let metadata = std::fs::metadata(&path).ok()?;
        let reason = if metadata.is_dir() {
            "is a folder"
        } else if !metadata.is_file() {
            "is not a regular file"
        } else if metadata.len() > MAX_IGNORE_FILE {
            "is larger than 16 MiB"
        } else {
            return None;
        };
        Some(Entry::Unreadable {
            path,
            reason: format!("this ignore file {reason}: the folder it is in is not walked"),
        })
    })
}

/// Why the walk could not read `path`, in words. The walker wraps the system's error in one of
/// its own, whose message names the path again ("IO error for operation on ./a.yaml: No such
/// file or directory"), which the diagnostic already shows; and a link to nothing reads as a
/// file that is not there.
fn unreadable(path: &Path, error: &std::io::Error) -> String {
    if let Some(broken) = crate::load::broken_link(path, error) {
        return format!("{broken}: not read");
    }
    let system = error
        .get_ref()
        .and_then(|walker| walker.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .unwrap_or(error);
    format!("cannot read: {}", crate::load::io_message(system))
}

/// Whether a path the walk could not read would have been read: a file archlint reads by its
/// extension, or what may be a folder holding documents (a link that loops back to a folder
/// above, a link to nothing, a folder that cannot be listed).
fn may_hold_documents(error: &ignore::Error, path: &Path) -> bool {
    // A link to nothing named `logo.png` or `latest` held no document; one named `a.yaml` did.
    let looping = matches!(innermost(error), ignore::Error::Loop { .. });
    Format::of(path).is_some()
        || looping
        || std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_dir())
}

/// The error beneath the walker's wrappings (a path, a depth, a line number).
fn innermost(error: &ignore::Error) -> &ignore::Error {
    match error {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => innermost(err),
        error => error,
    }
}

/// The path and a one-line reason for a walk error.
fn walk_problem(error: &ignore::Error) -> Option<(PathBuf, String)> {
    match error {
        ignore::Error::WithPath { path, err } => {
            let reason = match innermost(err) {
                ignore::Error::Io(error) => unreadable(path, error),
                _ => walk_problem(err).map_or_else(|| err.to_string(), |(_, reason)| reason),
            };
            Some((path.clone(), reason))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_problem(err)
        }
        ignore::Error::Loop { ancestor, child } => Some((
            child.clone(),
            format!(
                "symbolic link loop: leads back to `{}`; not followed",
                crate::source::display_name(ancestor)
            ),
        )),
        ignore::Error::Io(error) => Some((
            PathBuf::new(),
            format!("cannot read: {}", crate::load::io_message(error)),
        )),
        // Errors in a `.gitignore` file's globs do not stop the walk.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_lists_say_which_lists_select_a_path_in_order() {
        let lists: Vec<Vec<String>> = vec![
            vec!["legacy/**".into(), "*.json".into()],
            vec![],
            vec!["legacy/strict/**".into()],
            vec!["other/**".into()],
        ];
        let root = Path::new("/repo");
        let globs = GlobLists::new(root, lists.iter().map(Vec::as_slice)).unwrap();
        let selecting = |path: &str| globs.selecting(&root.join(path));
        assert_eq!(selecting("legacy/strict/a.json"), [0, 1, 2]);
        assert_eq!(selecting("legacy/a.yaml"), [0, 1]);
        assert_eq!(selecting("deep/b.json"), [0, 1]);
        assert_eq!(selecting("other/c.yaml"), [1, 3]);
        assert_eq!(selecting("d.yaml"), [1]);
        assert!(GlobLists::new(root, [["a/[".to_string()].as_slice()]).is_err());
    }
}
