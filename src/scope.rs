//! Which files a run reads and which diagnostics it reports.
//!
//! Architecture rules need every document (a dependency in one file names a service defined in
//! another; an event one folder consumes is published in another), so a run always reads the
//! whole repository: the configuration's folder, else the git root, else the folder the paths
//! share. Paths that are narrower than that (files a pre-commit hook passes, a folder named on the
//! command line) only narrow what is reported: a diagnostic belongs to a named file or folder when
//! any of its labels is in it, so a commit that removes an operation is refused for the
//! `api-drift` it causes in the architecture spec that still declares it.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Sources};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a run reads (`walk`) and which files it reports on.
#[derive(Debug)]
pub struct Scope {
    pub walk: Vec<PathBuf>,
    /// The named files and folders, as real paths, when only they are reported.
    named: Option<Vec<PathBuf>>,
}

impl Scope {
    /// The scope of a run over `paths` (which must exist) under `config`.
    pub fn new(paths: &[PathBuf], config: &Config) -> Scope {
        let root = repository(paths, config);
        let canonical_root = crate::baseline::canonical(&root);
        let named: Vec<PathBuf> = paths
            .iter()
            .map(|path| crate::baseline::canonical(path))
            .collect();
        // A path at or above the repository's root names all of it, and everything read is
        // reported. The other paths are read too, as below (`archlint check . ../other` read
        // only `.` while `archlint check a.yaml ../other/a.yaml` read both).
        let above = |real: &PathBuf| canonical_root.starts_with(real);
        if named.iter().any(|path| above(path) && path.is_dir()) {
            let walk = if named.iter().all(above) {
                paths.to_vec()
            } else {
                std::iter::once(root)
                    .chain(
                        paths
                            .iter()
                            .zip(&named)
                            .filter(|(_, real)| !above(real))
                            .map(|(path, _)| path.clone()),
                    )
                    .collect()
            };
            return Scope { walk, named: None };
        }
        // The named paths are walked too, after the root: one the repository's walk skips (a
        // folder git ignores, `archlint check target/corpus`) is still read, as named, and a path
        // outside the repository (a second checkout beside the first) as well. Discovery reads
        // a file reached twice once.
        let mut walk = vec![root];
        walk.extend(paths.iter().cloned());
        Scope {
            walk,
            named: Some(named),
        }
    }

    /// Whether `path` is reported.
    pub fn holds(&self, path: &Path) -> bool {
        match &self.named {
            None => true,
            Some(named) => {
                let path = crate::baseline::canonical(path);
                named.iter().any(|named| path.starts_with(named))
            }
        }
    }

    /// Whether everything read is reported.
    pub fn is_whole(&self) -> bool {
        self.named.is_none()
    }

    /// Whether a diagnostic is reported: one of its labels is in a named file or folder. Each
    /// file is worked out once.
    pub fn filter<'a>(&'a self, sources: &'a Sources) -> impl Fn(&Diagnostic) -> bool + 'a {
        let known: RefCell<HashMap<FileId, bool>> = RefCell::default();
        move |diagnostic| {
            self.named.is_none()
                || diagnostic.labels.iter().any(|label| {
                    *known
                        .borrow_mut()
                        .entry(label.span.file)
                        .or_insert_with(|| self.holds(&sources.get(label.span.file).path))
                })
        }
    }
}

/// The folder a run over `paths` reads: the configuration's folder, else the git repository that
/// holds the first path, else the folder all paths share.
pub fn repository(paths: &[PathBuf], config: &Config) -> PathBuf {
    match &config.path {
        Some(_) if config.root.as_os_str().is_empty() => PathBuf::from("."),
        Some(_) => config.root.clone(),
        None => {
            let named: Vec<PathBuf> = paths
                .iter()
                .map(|path| crate::baseline::canonical(path))
                .collect();
            git_root(&named).unwrap_or_else(|| {
                if paths.iter().all(|path| path.is_dir()) && paths.len() == 1 {
                    paths[0].clone()
                } else {
                    common_folder(&named)
                }
            })
        }
    }
}

/// The nearest folder at or above the first path that holds `.git`.
fn git_root(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.first()?;
    let start = if first.is_dir() {
        first.as_path()
    } else {
        first.parent()?
    };
    start
        .ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The deepest folder holding every path.
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let folder = |path: &PathBuf| {
        if path.is_dir() {
            path.clone()
        } else {
            path.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    };
    let mut common = paths.first().map(folder).unwrap_or_default();
    for path in paths.iter().skip(1) {
        while !path.starts_with(&common) {
            if !common.pop() {
                break;
            }
        }
    }
    common
}
