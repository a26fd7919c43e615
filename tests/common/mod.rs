//! Runs archlint's pipeline in-process on a folder, as `archlint check` would.

use archlint::config::Config;
use archlint::diagnostic::Diagnostic;
use archlint::discover::{self, PathFilter};
use archlint::load::{self, Workspace};
use archlint::report::{self, OutputFormat, Report};
use archlint::{engine, rules};
use std::path::Path;

pub struct Run {
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
}

impl Run {
    pub fn render(&self, format: OutputFormat) -> String {
        let mut out = Vec::new();
        report::reporter(format, false)
            .report(
                &Report {
                    diagnostics: &self.diagnostics,
                    sources: &self.workspace.sources,
                },
                &mut out,
            )
            .unwrap();
        String::from_utf8(out).unwrap()
    }
}

pub fn check(folder: &Path) -> Run {
    let config = Config::default();
    let filter = PathFilter::new(folder, &[], &[]).unwrap();
    let discovery = discover::discover(&[folder.to_path_buf()], &filter, None);
    let workspace = load::load(&discovery.entries, &config.limits);
    let diagnostics = engine::run(&workspace, &config, rules::ALL);
    Run {
        workspace,
        diagnostics,
    }
}
