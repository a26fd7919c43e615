//! The whole check, stage after stage: discover → load → model → graph → rules → engine, the
//! model and the graph built while the rules that judge one document at a time, which read
//! neither, already run. The CLI and the tests both run it, so what is tested is what users run.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Discovery, PathFilter};
use crate::engine;
use crate::graph::ArchitectureGraph;
use crate::load::{self, Workspace};
use crate::model::Model;
use crate::rules::Registry;
use std::path::{Path, PathBuf};

pub struct Analysis {
    pub discovery: Discovery,
    pub workspace: Workspace,
    pub model: Model,
    pub graph: ArchitectureGraph,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks `paths` (which must exist) under `config` with `rules`; fails only on an invalid glob.
pub fn analyze(paths: &[PathBuf], config: &Config, rules: &Registry) -> Result<Analysis, String> {
    let root = match &config.path {
        Some(_) => config.root.clone(),
        None => repository_root(paths),
    };
    let filter = PathFilter::new(&root, &config.include, &config.exclude)?;
    // The engine compiles the overrides' globs again; refuse them here, where a run can fail.
    config.override_globs()?;
    let mut discovery = discover::discover(paths, &filter, config.path.as_deref());
    let mut workspace = load::load(&discovery.entries, &config.limits);
    workspace.canonical = std::mem::take(&mut discovery.canonical);
    workspace.resolve_references(&root, &config.limits);
    let architecture = || {
        let model = Model::build(&workspace);
        let graph = ArchitectureGraph::build(&model);
        (model, graph)
    };
    let ((model, graph), mut diagnostics) =
        engine::run_building(&workspace, architecture, config, rules);
    // A `$ref` may lead into a file the configuration excludes: it is read, so the reference
    // resolves, but it is not judged.
    if !config.include.is_empty() || !config.exclude.is_empty() {
        let selected: Vec<bool> = workspace
            .sources
            .iter()
            .map(|(_, source)| filter.selects(&source.path))
            .collect();
        diagnostics.retain(|diagnostic| selected[diagnostic.primary_span().file.0 as usize]);
    }
    Ok(Analysis {
        discovery,
        workspace,
        model,
        graph,
        diagnostics,
    })
}

/// Without a configuration, the root that no `$ref` may leave: the git repository that holds
/// the paths (its folder has `.git`), else the folder that holds them all.
pub fn repository_root(paths: &[PathBuf]) -> PathBuf {
    let common = common_folder(paths);
    let absolute = std::path::absolute(&common).unwrap_or_else(|_| common.clone());
    absolute
        .ancestors()
        .find(|folder| folder.join(".git").exists())
        .map_or(common, Path::to_path_buf)
}

/// The folder that holds every path (a file stands for its folder).
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let folder = |path: &Path| -> PathBuf {
        let path = if path.is_file() {
            path.parent().unwrap_or(Path::new(""))
        } else {
            path
        };
        if path.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            path.to_path_buf()
        }
    };
    let Some(first) = paths.first() else {
        return PathBuf::from(".");
    };
    let mut common = folder(first);
    for path in &paths[1..] {
        let path = folder(path);
        if path.starts_with(&common) {
            continue;
        }
        // Compare absolute forms, so `a` and `../x/b` meet at their real common ancestor.
        let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.into());
        let (mut shared, other) = (absolute(&common), absolute(&path));
        while !other.starts_with(&shared) && shared.pop() {}
        common = shared;
    }
    common
}
