//! Spectral's `spectral:asyncapi`, built in: each native function its rules call fails its
//! failing case and passes its passing one when a team's ruleset calls it, and `archlint rules`
//! lists the 55 rules under Spectral's names with their source.

mod common;

use assert_cmd::Command;

#[test]
fn each_asyncapi_function_fails_its_failing_case_and_passes_its_passing_one() {
    // The rules of the case's own ruleset, which calls the native function.
    let (cases, found) =
        common::fail_and_pass_cases("fixtures/spectral/asyncapi", |_, rules, rule| {
            common::loaded(rules, rule)
        });
    assert_eq!(
        cases, 11,
        "one case per native function of spectral:asyncapi"
    );
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
