//! The engine: runs the enabled rules in parallel and applies policy in one place: configured
//! severity, rules turned `off`, de-duplication, and one order (file, line, column, rule), so the
//! output is the same bytes whatever the number of threads.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::ArchitectureGraph;
use crate::load::Workspace;
use crate::model::Model;
use crate::rules::{Context, Rule};
use rayon::prelude::*;

/// What the rules judge: the workspace and the model and graph built from it.
pub struct Inputs<'a> {
    pub workspace: &'a Workspace,
    pub model: &'a Model,
    pub graph: &'a ArchitectureGraph,
}

pub fn run(inputs: &Inputs<'_>, config: &Config, rules: &[&dyn Rule]) -> Vec<Diagnostic> {
    let enabled: Vec<(&dyn Rule, Severity)> = rules
        .iter()
        .filter_map(|rule| {
            let meta = rule.meta();
            let severity = match config.rule(meta.name).level() {
                Some(level) => level.severity()?,
                None => meta.default_severity,
            };
            Some((*rule, severity))
        })
        .collect();
    let mut diagnostics: Vec<Diagnostic> = enabled
        .par_iter()
        .flat_map_iter(|&(rule, severity)| {
            let context = Context {
                workspace: inputs.workspace,
                model: inputs.model,
                graph: inputs.graph,
                config,
                options: config.rule(rule.meta().name).options(),
            };
            rule.check(&context)
                .into_iter()
                .map(move |finding| Diagnostic { severity, finding })
        })
        .collect();
    // Byte order within a file is line and column order; files are numbered in path order.
    diagnostics.sort_by(|a, b| {
        (
            a.primary_span(),
            a.rule,
            &a.message,
            &a.labels,
            &a.notes,
            &a.help,
        )
            .cmp(&(
                b.primary_span(),
                b.rule,
                &b.message,
                &b.labels,
                &b.notes,
                &b.help,
            ))
    });
    diagnostics.dedup_by(|a, b| {
        a.rule == b.rule && a.primary_span() == b.primary_span() && a.message == b.message
    });
    diagnostics
}
