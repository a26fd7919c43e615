// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

//! Runs archlint's pipeline in-process on a folder, as `archlint check` would, with the folder's
//! own `archlint.yaml` when it has one.

pub mod architecture;
pub mod catalog;

use archlint::config;
use archlint::pipeline::{self, Analysis};
use archlint::report::{self, OutputFormat, Report};
use archlint::{rules, rulesets};
use std::path::Path;

pub fn check(folder: &Path) -> Analysis {
    check_with_rules(folder).0
}

/// `check`, with the rules of the run: the built-in ones and those the folder's rulesets load.
pub fn check_with_rules(folder: &Path) -> (Analysis, rules::Registry) {
    let paths = [folder.to_path_buf()];
    let config = config::find(&paths)
        .filter(|found| found.starts_with(std::env::current_dir().unwrap().join(folder)));
    let configured = rulesets::configure(config.as_deref(), &[], &paths)
        .unwrap_or_else(|_| panic!("a valid fixture configuration in {}", folder.display()));
    let analysis = pipeline::analyze(&paths, &configured.config, &configured.rules).unwrap();
    (analysis, configured.rules)
}

/// Whether `rule` is one of Spectral's built-in rules (`spectral:oas`, `spectral:asyncapi`).
/// They report on every OpenAPI document a fixture has; a test about another rule leaves them
/// out, as `tests/spectral_oas.rs` judges them on fixtures of their own.
pub fn spectral(rule: &str) -> bool {
    rules::Registry::built_in().find(rule).is_some_and(|rule| {
        matches!(
            rule.meta().family,
            rules::Family::Oas | rules::Family::Asyncapi
        )
    })
}

/// Checks each case under `folder` (a folder holding `fail.yaml`, `pass.yaml` and the
/// configuration or ruleset of the case): every finding `judged` keeps (given the case's folder,
/// the run's rules and the finding's rule) is in `fail.yaml`, and there is at least one. Gives
/// the number of cases, and the findings as lines `case/file:line:column severity [rule]
/// message`, for a snapshot.
pub fn fail_and_pass_cases(
    folder: &str,
    judged: impl Fn(&Path, &rules::Registry, &str) -> bool,
) -> (usize, String) {
    let mut cases: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    let mut found = String::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy();
        let (analysis, rules) = check_with_rules(case);
        let mut in_fail = 0;
        for diagnostic in analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| judged(case, &rules, &diagnostic.rule))
        {
            let span = diagnostic.primary_span();
            let source = analysis.workspace.sources.get(span.file);
            let file = source.path.file_name().unwrap().to_string_lossy();
            assert_eq!(
                file, "fail.yaml",
                "{name}: the passing case has a finding: {}",
                diagnostic.message
            );
            in_fail += 1;
            let at = source.location(span.start as usize);
            found.push_str(&format!(
                "{name}/{file}:{}:{} {} [{}] {}\n",
                at.line, at.column, diagnostic.severity, diagnostic.rule, diagnostic.message
            ));
        }
        assert!(in_fail > 0, "{name}: the failing case passes");
    }
    (cases.len(), found)
}

/// Whether `rule` is one the run loaded from a ruleset or the configuration, not built in.
pub fn loaded(rules: &rules::Registry, rule: &str) -> bool {
    rules
        .find(rule)
        .is_some_and(|rule| matches!(rule.meta().origin, rules::Origin::Loaded(_)))
}

/// Runs the pipeline on `paths` with `config` and the built-in rules.
pub fn analyze(paths: &[std::path::PathBuf], config: &config::Config) -> Analysis {
    pipeline::analyze(paths, config, &rules::Registry::built_in()).expect("valid globs")
}

pub fn render(analysis: &Analysis, format: OutputFormat) -> String {
    render_diagnostics(analysis, &analysis.diagnostics, format)
}

/// `render` of archlint's own findings: those of Spectral's built-in rules left out.
pub fn render_own(analysis: &Analysis, format: OutputFormat) -> String {
    let own: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| !spectral(&diagnostic.rule))
        .cloned()
        .collect();
    render_diagnostics(analysis, &own, format)
}

fn render_diagnostics(
    analysis: &Analysis,
    diagnostics: &[archlint::diagnostic::Diagnostic],
    format: OutputFormat,
) -> String {
    let mut out = Vec::new();
    report::reporter(format, false)
        .report(
            &Report {
                diagnostics,
                sources: &analysis.workspace.sources,
                rules: &rules::Registry::built_in(),
            },
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The messages of one rule's diagnostics, in report order.
pub fn messages<'a>(analysis: &'a Analysis, rule: &str) -> Vec<&'a str> {
    analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| diagnostic.message.as_str())
        .collect()
}

/// Where one rule's diagnostics land (line, column of the primary label) with their messages.
pub fn located<'a>(analysis: &'a Analysis, rule: &str) -> Vec<(usize, usize, &'a str)> {
    analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            let at = analysis
                .workspace
                .sources
                .get(span.file)
                .location(span.start as usize);
            (at.line, at.column, diagnostic.message.as_str())
        })
        .collect()
}

/// A temporary repository holding `files` (path, content).
pub fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let path = folder.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    folder
}
