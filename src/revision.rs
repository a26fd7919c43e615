//! `--new-from-rev REF`: the findings a git revision already had, so that a pull request or a
//! commit is judged only on what it adds, anywhere in the repository.
//!
//! `REF`'s tree is read through git's plumbing (`ls-tree` lists it, `cat-file --batch` gives each
//! blob) into a temporary folder; the work tree, the index and `HEAD` are never touched. That copy
//! is checked with the configuration of the run, so a finding is new only because the documents
//! changed, and its findings become a baseline the run applies: the same identities (rule, file,
//! subject, message without computed figures) that `--baseline` matches.

use crate::baseline::{self, Baseline};
use crate::config::Config;
use crate::pipeline;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The findings of the repository at `revision`, as a baseline for the folder `root` (the folder
/// the run reads, inside a git work tree).
pub fn findings_at(
    revision: &str,
    root: &Path,
    config: &Config,
    rules: &crate::rules::Registry,
) -> Result<Baseline, String> {
    let root = baseline::canonical(root);
    let toplevel = git(&root, &["rev-parse", "--show-toplevel"])
        .map_err(|error| format!("`--new-from-rev` needs a git repository: {error}"))?;
    let toplevel = baseline::canonical(Path::new(toplevel.trim_end_matches(['\n', '\r'])));
    let prefix = root.strip_prefix(&toplevel).map_err(|_| {
        format!(
            "`{}` is not inside the git work tree `{}`",
            root.display(),
            toplevel.display()
        )
    })?;
    // A revision is never an option (git's `--end-of-options` is younger than many installs).
    if revision.starts_with('-') || revision.is_empty() {
        return Err(format!("`{revision}` is no revision of this repository"));
    }
    let tree = match git(
        &toplevel,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{tree}}"),
        ],
    ) {
        Ok(tree) => tree,
        // The first commit of a repository: before it there was nothing, so everything is new.
        Err(_)
            if revision == "HEAD"
                && git(&toplevel, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() =>
        {
            return Ok(Baseline {
                folder: root,
                entries: Vec::new(),
            });
        }
        Err(_) => return Err(format!("`{revision}` is no revision of this repository")),
    };
    let tree = tree.trim().to_string();
    let copy = private_folder()
        .map_err(|error| format!("cannot make a temporary folder for `{revision}`: {error}"))?;
    let written = write_tree(&toplevel, &tree, prefix, copy.path(), config)
        .map_err(|error| format!("cannot read `{revision}` from git: {error}"))?;
    let old_root = copy.path().join(prefix);
    if written == 0 || !old_root.is_dir() {
        // Nothing there yet: every finding of this run is new.
        return Ok(Baseline {
            folder: root,
            entries: Vec::new(),
        });
    }
    let mut old_config = config.clone();
    old_config.path = config.path.as_ref().map(|path| {
        let relative = baseline::canonical(path);
        old_root.join(
            relative
                .strip_prefix(&root)
                .unwrap_or(Path::new("archlint.yaml")),
        )
    });
    old_config.root = old_root.clone();
    let analysis = pipeline::analyze(std::slice::from_ref(&old_root), &old_config, rules)?;
    let mut recorded = Baseline::record(
        &analysis.diagnostics,
        &analysis.workspace.sources,
        &old_root,
    );
    recorded.folder = root;
    Ok(recorded)
}

/// A temporary folder for the revision's copy of the repository's documents, for the owner's
/// eyes only.
fn private_folder() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("archlint-rev-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    builder.tempdir()
}

/// Runs git in `folder` and returns its standard output, or what it said on failure.
fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|_| "git printed a path that is not UTF-8".into())
    } else {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Err(if said.is_empty() {
            format!("git {} failed", args.join(" "))
        } else {
            said
        })
    }
}

/// One file of the tree: its blob and its path inside the repository.
struct Blob {
    object: String,
    path: PathBuf,
}

/// Writes the regular files of `tree` under `prefix` into `into`, keeping their paths; returns
/// how many. Symbolic links and submodules are left out, and so are files over the size limit,
/// which a check would not read either.
fn write_tree(
    toplevel: &Path,
    tree: &str,
    prefix: &Path,
    into: &Path,
    config: &Config,
) -> Result<usize, String> {
    let listing = Command::new("git")
        .arg("-C")
        .arg(toplevel)
        .args(["ls-tree", "-r", "-z", "-l", "--full-tree", tree])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !listing.status.success() {
        return Err(String::from_utf8_lossy(&listing.stderr).trim().to_string());
    }
    let mut blobs = Vec::new();
    for record in listing.stdout.split(|byte| *byte == 0) {
        // `<mode> <type> <object> <size>\t<path>`
        let Some(tab) = record.iter().position(|byte| *byte == b'\t') else {
            continue;
        };
        let (head, path) = (&record[..tab], &record[tab + 1..]);
        let Ok(head) = std::str::from_utf8(head) else {
            continue;
        };
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let fields: Vec<&str> = head.split_whitespace().collect();
        let [mode, kind, object, size] = fields[..] else {
            continue;
        };
        let regular = kind == "blob" && (mode == "100644" || mode == "100755");
        let small = size
            .parse::<u64>()
            .is_ok_and(|size| size <= config.limits.max_file_size);
        let path = PathBuf::from(path);
        if regular && small && path.starts_with(prefix) {
            blobs.push(Blob {
                object: object.to_string(),
                path,
            });
        }
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(toplevel)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot run git: {error}"))?;
    let stdin = child.stdin.take().ok_or("git took no input")?;
    let stdout = child.stdout.take().ok_or("git gave no output")?;
    let objects: Vec<String> = blobs.iter().map(|blob| blob.object.clone()).collect();
    // Fed from a thread of its own: git answers while it reads, and both pipes have limits.
    let feeder = std::thread::spawn(move || -> std::io::Result<()> {
        let mut input = std::io::BufWriter::new(stdin);
        for object in objects {
            writeln!(input, "{object}")?;
        }
        input.flush()
    });
    let mut reader = BufReader::new(stdout);
    let mut header = String::new();
    for blob in &blobs {
        header.clear();
        reader
            .read_line(&mut header)
            .map_err(|error| error.to_string())?;
        // `<object> blob <size>`
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|size| size.parse().ok())
            .ok_or_else(|| format!("git answered `{}`", header.trim()))?;
        let mut content = vec![0; size];
        reader
            .read_exact(&mut content)
            .map_err(|error| error.to_string())?;
        let mut newline = [0; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|error| error.to_string())?;
        let path = into.join(&blob.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|error| error.to_string())?;
        }
        std::fs::write(&path, content).map_err(|error| error.to_string())?;
    }
    feeder
        .join()
        .map_err(|_| "git's input stopped".to_string())?
        .map_err(|error| error.to_string())?;
    let _ = child.wait();
    Ok(blobs.len())
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn the_copy_of_a_revision_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let folder = super::private_folder().unwrap();
        let mode = folder.path().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
