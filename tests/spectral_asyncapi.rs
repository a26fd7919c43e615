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

/// An AsyncAPI 2 document whose examples break their schema (a payload's `examples`, a message
/// example's payload and headers) and one of whose payloads is no valid schema.
const BROKEN_EXAMPLES_AND_PAYLOAD: &str = "\
asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    publish:
      message: {$ref: '#/components/messages/OrderCreated'}
  refunds:
    publish:
      message: {$ref: '#/components/messages/RefundIssued'}
components:
  messages:
    OrderCreated:
      headers:
        type: object
        properties: {trace: {type: string}}
      payload:
        type: object
        properties: {id: {type: integer}}
        examples: [{id: seven}]
      examples:
        - payload: {id: eight}
          headers: {trace: 5}
    RefundIssued:
      payload:
        type: object
        properties: {total: {type: money}}
";

/// The lines each of the rules that judge examples and payloads reports at.
fn example_and_payload_lines(folder: &std::path::Path) -> Vec<(String, usize)> {
    let analysis = common::check(folder);
    let mut found = Vec::new();
    for rule in [
        "event-example-invalid",
        "event-schema-invalid",
        "asyncapi-message-examples",
        "asyncapi-payload-examples",
        "asyncapi-schema-examples",
        "asyncapi-payload",
    ] {
        for (line, _, _) in common::located(&analysis, rule) {
            found.push((rule.to_string(), line));
        }
    }
    found
}

#[test]
fn a_broken_example_or_payload_is_reported_once_by_the_event_rule_that_does_the_same_job() {
    let repository = common::repository(&[("asyncapi.yaml", BROKEN_EXAMPLES_AND_PAYLOAD)]);
    let at = |rule: &str, line| (rule.to_string(), line);
    assert_eq!(
        example_and_payload_lines(repository.path()),
        [
            at("event-example-invalid", 19),
            at("event-example-invalid", 21),
            at("event-schema-invalid", 26),
            // The headers of an example: Spectral's rule alone judges them.
            at("asyncapi-message-examples", 22),
        ]
    );
}

#[test]
fn with_the_event_rules_off_spectrals_rules_report_what_they_left_to_them() {
    let repository = common::repository(&[
        ("asyncapi.yaml", BROKEN_EXAMPLES_AND_PAYLOAD),
        (
            "archlint.yaml",
            "rules:\n  event-example-invalid: off\n  event-schema-invalid: off\n",
        ),
    ]);
    let at = |rule: &str, line| (rule.to_string(), line);
    assert_eq!(
        example_and_payload_lines(repository.path()),
        [
            at("asyncapi-message-examples", 21),
            at("asyncapi-message-examples", 22),
            at("asyncapi-payload-examples", 19),
            at("asyncapi-payload", 26),
            at("asyncapi-payload", 26),
            at("asyncapi-payload", 26),
        ]
    );
}
