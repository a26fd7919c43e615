//! Canonical paths (as `std::fs::canonicalize` gives them) of many files in few folders: each
//! folder is resolved once, and a file in a resolved folder costs one `lstat`, where resolving
//! the whole path again reads every component of it (ten thousand files, ten system calls each).
//! A run asks once: the walk, the references and the model share one [`CanonicalPaths`], which
//! keeps each path's answer.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The canonical paths of folders and of the paths asked for, each found once; shared by the
/// threads that ask.
#[derive(Default)]
pub struct CanonicalPaths {
    /// Folder as written → its canonical path, or `None` when only `std::fs::canonicalize` can
    /// say (it is missing, or unreadable): the file's own call then gives the exact error.
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Path as written → its canonical path, for each path resolved so far. Keyed by the text:
    /// paths compare by components, and `file.yaml/` (an error) is not `file.yaml`.
    paths: Mutex<HashMap<OsString, PathBuf>>,
    /// The canonical paths of the entries found to be no symbolic link: another spelling of the
    /// same entry (`specs/../api/a.yaml` for `api/a.yaml`) needs no `lstat` of its own.
    plain_entries: Mutex<HashSet<PathBuf>>,
}

impl std::fmt::Debug for CanonicalPaths {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("CanonicalPaths")
    }
}

impl CanonicalPaths {
    /// What `std::fs::canonicalize(path)` returns.
    pub fn of(&self, path: &Path) -> io::Result<PathBuf> {
        if let Some(known) = lock(&self.paths).get(path.as_os_str()) {
            return Ok(known.clone());
        }
        let canonical = match self.shortcut(path) {
            Some(canonical) => canonical,
            None => std::fs::canonicalize(path)?,
        };
        lock(&self.paths).insert(path.as_os_str().to_owned(), canonical.clone());
        Ok(canonical)
    }

    /// The canonical path of `path` when its last component is a plain name of an entry that is
    /// no symbolic link, inside a folder whose canonical path is known: that path with the name
    /// appended. `None` for anything else (`..` last, a link, a trailing `/`, a missing entry).
    fn shortcut(&self, path: &Path) -> Option<PathBuf> {
        // Links and path forms differ off Unix (junctions, verbatim prefixes): ask the system.
        if !cfg!(unix) {
            return None;
        }
        let Some(Component::Normal(name)) = path.components().next_back() else {
            return None;
        };
        // `file/` and `file/.` end in the same component as `file`, yet fail on a file.
        if !path
            .as_os_str()
            .as_encoded_bytes()
            .ends_with(name.as_encoded_bytes())
        {
            return None;
        }
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let canonical = self.folder(folder)?.join(name);
        if lock(&self.plain_entries).contains(&canonical) {
            return Some(canonical);
        }
        let metadata = std::fs::symlink_metadata(path).ok()?;
        if metadata.file_type().is_symlink() {
            return None;
        }
        lock(&self.plain_entries).insert(canonical.clone());
        Some(canonical)
    }

    fn folder(&self, folder: &Path) -> Option<PathBuf> {
        if let Some(known) = lock(&self.folders).get(folder) {
            return known.clone();
        }
        // Resolved outside the lock: another thread may resolve the same folder meanwhile, to
        // the same answer.
        let canonical = self
            .shortcut(folder)
            .or_else(|| std::fs::canonicalize(folder).ok());
        lock(&self.folders).insert(folder.to_path_buf(), canonical.clone());
        canonical
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::CanonicalPaths;
    use std::path::Path;

    /// Every path form gets the answer `std::fs::canonicalize` gives, the error's kind included.
    #[test]
    fn the_same_answer_as_the_system() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        std::fs::write(base.join("a/b/file.yaml"), "x: 1").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("a/b"), base.join("link")).unwrap();
            std::os::unix::fs::symlink(base.join("a/b/file.yaml"), base.join("a/alias.yaml"))
                .unwrap();
        }
        let paths = CanonicalPaths::default();
        for written in [
            "a/b/file.yaml",
            "a/b/../b/file.yaml",
            "a/b/file.yaml/",
            "a/b/file.yaml/.",
            "a/b/missing.yaml",
            "a/missing/file.yaml",
            "a/b",
            "a/b/..",
            "a/./b/file.yaml",
            "link/file.yaml",
            "a/alias.yaml",
            "",
        ] {
            let path = base.join(written);
            for _ in 0..2 {
                let ours = paths.of(&path).map_err(|error| error.kind());
                let system = std::fs::canonicalize(&path).map_err(|error| error.kind());
                assert_eq!(ours, system, "{written}");
            }
        }
        assert_eq!(
            paths.of(Path::new("Cargo.toml")).ok(),
            std::fs::canonicalize("Cargo.toml").ok()
        );
    }
}
