//! Spectral's `spectral:oas` built in: `archlint rules` lists its rules with their source, and
//! each rule that calls a native function (`oasPathParam`, `oasExample`, ...) fails its failing
//! case and passes its passing one (`fixtures/spectral/oas/<rule>/{fail,pass}.yaml`).

mod common;

use assert_cmd::Command;

#[test]
fn archlint_rules_lists_the_oas_rules_with_their_source() {
    let output = Command::cargo_bin("archlint")
        .unwrap()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let oas: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|rule| rule["source"] == "spectral:oas")
        .map(|rule| rule["name"].as_str().unwrap())
        .collect();
    // 57 rules of Spectral's ruleset; `oas3-schema` is archlint's own rule of that name.
    assert_eq!(oas.len(), 56, "{oas:?}");
    for name in [
        "path-params",
        "oas3-valid-media-example",
        "oas2-schema",
        "typed-enum",
    ] {
        assert!(oas.contains(&name), "{name} is missing");
    }
}

#[test]
fn each_native_function_fails_its_failing_case_and_passes_its_passing_one() {
    // Each case is named after the built-in rule it judges.
    let (_, found) = common::fail_and_pass_cases("fixtures/spectral/oas", |case, _, rule| {
        case.file_name().is_some_and(|name| name == rule)
    });
    insta::assert_snapshot!(found);
}

#[test]
fn an_operation_in_another_file_is_not_judged_as_its_reference() {
    // DigitalOcean's shape: each operation is a `$ref` into its own file, which has the
    // description, the tags, the `operationId` and the path parameter; Spectral reads them
    // resolved, so the reference itself has none of them missing.
    let repository = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: Keys, version: 1.0.0, description: keys, \
             contact: {name: us}}\nservers: [{url: 'https://api.example.com'}]\n\
             tags: [{name: Keys}]\npaths:\n  /keys/{id}:\n    get:\n      \
             $ref: 'resources/keys_get.yml'\n",
        ),
        (
            "resources/keys_get.yml",
            "operationId: keys_get\ndescription: one key\ntags: [Keys]\nparameters:\n  \
             - $ref: 'parameters.yml#/id'\nresponses:\n  '200': {description: the key}\n",
        ),
        (
            "resources/parameters.yml",
            "id: {name: id, in: path, required: true, schema: {type: string}}\n",
        ),
    ]);
    let analysis = common::check(repository.path());
    let spectral: Vec<&str> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| common::spectral(&diagnostic.rule))
        .map(|diagnostic| diagnostic.rule.as_ref())
        .collect();
    assert_eq!(spectral, Vec::<&str>::new());
}
