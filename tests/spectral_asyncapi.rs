//! Spectral's `spectral:asyncapi`, built in: each native function its rules call fails its
//! failing case and passes its passing one when a team's ruleset calls it, and `archlint rules`
//! lists the 55 rules under Spectral's names with their source.

mod common;

use archlint::rules::Registry;
use assert_cmd::Command;
use std::fs;
use std::path::PathBuf;

/// Whether `rule` is one of a ruleset's, not archlint's own nor a built-in Spectral rule.
fn loaded(rule: &str) -> bool {
    Registry::built_in().find(rule).is_none()
}

#[test]
fn each_asyncapi_function_fails_its_failing_case_and_passes_its_passing_one() {
    let mut cases: Vec<PathBuf> = fs::read_dir("fixtures/spectral/asyncapi")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cases.sort();
    assert_eq!(
        cases.len(),
        11,
        "one case per native function of spectral:asyncapi"
    );
    let mut found = String::new();
    for case in &cases {
        let analysis = common::check(case);
        let mut in_fail = 0;
        for diagnostic in analysis.diagnostics.iter().filter(|d| loaded(&d.rule)) {
            let span = diagnostic.primary_span();
            let source = analysis.workspace.sources.get(span.file);
            let file = source.path.file_name().unwrap().to_string_lossy();
            assert_eq!(
                file,
                "fail.yaml",
                "{}: the passing case has a finding: {}",
                case.display(),
                diagnostic.message
            );
            in_fail += 1;
            let at = source.location(span.start as usize);
            found.push_str(&format!(
                "{}/{file}:{}:{} {} [{}] {}\n",
                case.file_name().unwrap().to_string_lossy(),
                at.line,
                at.column,
                diagnostic.severity,
                diagnostic.rule,
                diagnostic.message
            ));
        }
        assert!(in_fail > 0, "{}: the failing case passes", case.display());
    }
    insta::assert_snapshot!(found);
}

#[test]
fn archlint_rules_lists_the_55_asyncapi_rules_with_their_source() {
    let output = Command::cargo_bin("archlint")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let asyncapi: Vec<&serde_json::Value> = rules
        .iter()
        .filter(|rule| rule["source"] == "spectral:asyncapi")
        .collect();
    assert_eq!(asyncapi.len(), 55);
    for rule in &asyncapi {
        let name = rule["name"].as_str().unwrap();
        assert!(name.starts_with("asyncapi-"), "{name}");
        assert_eq!(rule["family"], "asyncapi", "{name}");
    }
    let severity = |name: &str| {
        asyncapi
            .iter()
            .find(|rule| rule["name"] == name)
            .map(|rule| rule["default_severity"].as_str().unwrap().to_string())
    };
    assert_eq!(severity("asyncapi-schema").as_deref(), Some("error"));
    assert_eq!(severity("asyncapi-latest-version").as_deref(), Some("info"));
    assert_eq!(
        severity("asyncapi-info-contact").as_deref(),
        Some("warning")
    );
    let listed = String::from_utf8(
        Command::cargo_bin("archlint")
            .unwrap()
            .arg("rules")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        listed
            .lines()
            .any(|line| line.starts_with("asyncapi-3-document-resolved ")),
        "{listed}"
    );
}
