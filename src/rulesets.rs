//! Where the rules beyond the built-in ones come from, and how they join the registry:
//! `--ruleset FILE`, the configuration's `rulesets:`, and a `.spectral.yaml`, `.spectral.yml` or
//! `.spectral.json` at the repository root, picked up as Spectral picks one up in its working
//! folder: only when no ruleset is named on the command line, and unless the configuration says
//! `find_spectral_ruleset: false`.

use crate::config::{self, Config, ConfigError, ConfigFile};
use crate::diagnostic::Finding;
use crate::load::document::push_pointer_token;
use crate::rules::Registry;
use crate::source::Sources;
use crate::value::Value;
use std::path::{Path, PathBuf};

/// The names of Spectral's default ruleset that archlint reads (Spectral takes a file named
/// `.spectral` or `spectral` with any of these extensions), the usual ones first.
const SPECTRAL_FILES: [&str; 6] = [
    ".spectral.yaml",
    ".spectral.yml",
    ".spectral.json",
    "spectral.yaml",
    "spectral.yml",
    "spectral.json",
];

/// Spectral's default ruleset written in JavaScript, which archlint cannot run.
const SPECTRAL_SCRIPTS: [&str; 4] = [
    ".spectral.js",
    ".spectral.mjs",
    "spectral.js",
    "spectral.mjs",
];

/// The extensions of a ruleset written in JavaScript (or TypeScript), which archlint cannot run.
pub const SCRIPT_EXTENSIONS: [&str; 4] = ["js", "mjs", "cjs", "ts"];

/// What a run is configured with.
pub struct Configured {
    pub config: Config,
    /// The built-in rules and the loaded ones.
    pub rules: Registry,
    /// The ruleset files loaded, in the order they were read.
    pub rulesets: Vec<PathBuf>,
    /// Warnings about the configuration and rulesets (rules skipped), and the files they are in.
    pub warnings: (Sources, Vec<Finding>),
    /// The rules of the rulesets that cannot run here, skipped.
    pub skipped_rules: Vec<String>,
}

/// Reads the configuration at `path` (none: the defaults), loads the rulesets it, `given` and
/// the repository of `paths` name, and checks the configuration's rule names against the rules
/// that result. Fails with every mistake found in any of those files.
pub fn configure(
    path: Option<&Path>,
    given: &[PathBuf],
    paths: &[PathBuf],
) -> Result<Configured, ConfigError> {
    let file = match path {
        Some(path) => config::read(path)?,
        None => ConfigFile::none(),
    };
    let root = match path {
        Some(_) => file.folder(),
        None => crate::pipeline::repository_root(paths),
    };
    configured(file, given, &root)
}

/// What [`configure`] gives once a configuration is written in `folder`, as `archlint init`
/// writes one: the folder is the root, its `.spectral.yaml` is read, and so are the `rulesets`
/// the configuration names.
pub fn configure_new(folder: &Path, rulesets: &[PathBuf]) -> Result<Configured, ConfigError> {
    let mut file = ConfigFile::none();
    file.path = Some(folder.join(config::FILE_NAMES[0]));
    // Named as `--ruleset` names one: `init` names one only where the folder has none of its
    // own to find.
    configured(file, rulesets, folder)
}

/// The Spectral ruleset a check of `folder` reads today at the git root above it, where no
/// configuration sits between, and the folder's own, if it has one archlint reads (a
/// `.spectral.js` is only warned of). A configuration written in the folder makes the folder
/// the root: the one above is no longer read, and the folder's own is.
pub fn found_above(folder: &Path) -> Option<(PathBuf, Option<PathBuf>)> {
    let paths = [folder.to_path_buf()];
    if config::find(&paths).is_some() {
        // A configuration above says what is read today; `init` says it no longer applies.
        return None;
    }
    let root = crate::pipeline::repository_root(&paths);
    let here = std::path::absolute(folder).ok()?;
    if std::fs::canonicalize(&root).ok()? == std::fs::canonicalize(&here).ok()? {
        return None;
    }
    Some((spectral_ruleset_at(&root)?, spectral_ruleset_at(&here)))
}

/// The Spectral ruleset in `folder` (a repository's root), as Spectral finds one in its working
/// folder. A name that is no file is found too, and then said to be none.
fn spectral_ruleset_at(folder: &Path) -> Option<PathBuf> {
    SPECTRAL_FILES
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.symlink_metadata().is_ok())
}

fn configured(
    mut file: ConfigFile,
    given: &[PathBuf],
    root: &Path,
) -> Result<Configured, ConfigError> {
    let mut rules = Registry::built_in();
    let rulesets = load(&mut file, given, root, &mut rules).map_err(ConfigError::Unreadable)?;
    let finished = file.finish(&rules.known())?;
    Ok(Configured {
        config: finished.config,
        rules,
        rulesets,
        warnings: (finished.sources, finished.warnings),
        skipped_rules: finished.skipped_rules,
    })
}

/// Loads every ruleset the run names into `registry`, keeping their mistakes (and warnings) in
/// `file`; gives the ruleset files read, in order.
fn load(
    file: &mut ConfigFile,
    given: &[PathBuf],
    root: &Path,
    registry: &mut Registry,
) -> Result<Vec<PathBuf>, String> {
    // The configuration's own rules first: a ruleset that reuses one of their names is the one
    // in the wrong.
    if let Some(path) = file.path.clone() {
        crate::architecture_rules::load(
            &file.document,
            "/architecture_rules",
            &path,
            registry,
            &mut file.findings,
        );
    }
    let mut named: Vec<PathBuf> = Vec::new();
    let folder = file.folder();
    if let Some(Value::Array(entries)) = file.document.value.get("rulesets") {
        for (index, entry) in entries.iter().enumerate() {
            let Some(relative) = entry.as_str() else {
                continue;
            };
            let path = folder.join(relative);
            if let Some(problem) = crate::load::not_a_file(&path) {
                let mut pointer = "/rulesets".to_string();
                push_pointer_token(&mut pointer, &index.to_string());
                file.findings.push(Finding::new(
                    "config",
                    file.document.focus(&pointer),
                    format!("ruleset `{relative}` {problem}"),
                ));
            } else {
                named.push(path);
            }
        }
    }
    named.extend(given.iter().cloned());
    let find_spectral =
        file.document.value.get("find_spectral_ruleset") != Some(&Value::Bool(false));
    if let Some(found) = spectral_ruleset_at(root).filter(|_| given.is_empty() && find_spectral) {
        named.push(found);
    } else if given.is_empty() && find_spectral {
        // Without a word, a team's rules would silently not run.
        let script = SPECTRAL_SCRIPTS
            .iter()
            .map(|name| root.join(name))
            .find(|path| path.is_file());
        if let Some(script) = script {
            let text = crate::load::read_limited(&script, 1 << 20)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            let id = file
                .sources
                .push(crate::source::SourceFile::new(script.clone(), text));
            let mut warning = Finding::new(
                "config",
                crate::source::Span::new(id, 0..0),
                format!(
                    "`{}` is a JavaScript ruleset, which archlint cannot run: its rules do not run",
                    crate::source::display_name(&script)
                ),
            );
            warning.help = Some(
                "write the ruleset as `.spectral.yaml` (archlint runs Spectral's core functions \
                 and its own rulesets natively)"
                    .into(),
            );
            file.warnings.push(warning);
        }
    }
    // One file named twice (in the configuration and found at the root) is read once.
    let mut seen = std::collections::HashSet::new();
    named.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    let mut overrides = Vec::new();
    for path in &named {
        overrides.extend(crate::spectral::ruleset::load(path, file, registry)?);
    }
    crate::spectral::ruleset::override_built_in(overrides, file, registry);
    Ok(named)
}
