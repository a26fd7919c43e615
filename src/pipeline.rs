//! The whole check, stage after stage: discover → load → model → graph → rules → engine. The CLI
//! and the tests both run it, so what is tested is what users run.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Discovery, PathFilter};
use crate::engine;
use crate::graph::ArchitectureGraph;
use crate::load::{self, Workspace};
use crate::model::Model;
use crate::rules;
use std::path::PathBuf;

pub struct Analysis {
    pub discovery: Discovery,
    pub workspace: Workspace,
    pub model: Model,
    pub graph: ArchitectureGraph,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks `paths` (which must exist) under `config`; fails only on an invalid glob.
pub fn analyze(paths: &[PathBuf], config: &Config) -> Result<Analysis, String> {
    let root = match &config.path {
        Some(_) => config.root.clone(),
        None => paths.first().cloned().unwrap_or_default(),
    };
    let filter = PathFilter::new(&root, &config.include, &config.exclude)?;
    // The engine compiles the overrides' globs again; refuse them here, where a run can fail.
    config.override_filters()?;
    let discovery = discover::discover(paths, &filter, config.path.as_deref());
    let mut workspace = load::load(&discovery.entries, &config.limits);
    // A file given as the path is checked in its folder: that folder is the root.
    let root = if root.is_file() {
        match root.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    } else {
        root
    };
    workspace.resolve_references(&root, &config.limits);
    let model = Model::build(&workspace);
    let graph = ArchitectureGraph::build(&model);
    let inputs = engine::Inputs {
        workspace: &workspace,
        model: &model,
        graph: &graph,
    };
    let diagnostics = engine::run(&inputs, config, rules::ALL);
    Ok(Analysis {
        discovery,
        workspace,
        model,
        graph,
        diagnostics,
    })
}
