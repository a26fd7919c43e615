//! Spectral rulesets, as teams have them: each core function on its documentation's cases, a
//! ruleset's mistakes at their places, a `.spectral.yaml` picked up as Spectral picks it up, and
//! its rules judged by the same engine as the built-in ones (severities, suppressions, baseline,
//! SARIF, `rules`, `explain`).

mod common;

use archlint::rules::Registry;
use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;

fn archlint() -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60));
    command
}

/// Whether `rule` is one of a ruleset's, not archlint's own.
fn loaded(rule: &str) -> bool {
    Registry::built_in().find(rule).is_none()
}

/// A copy of a fixture folder in a temporary folder of its own: no `.git` above it, so it is
/// its own repository root, as a user's clone is.
fn copied(fixture: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let folder = tempfile::tempdir().unwrap();
    copy(Path::new(fixture), folder.path());
    folder
}

#[test]
fn each_core_function_fails_its_failing_case_and_passes_its_passing_one() {
    // The case's own rules only: a case may name its rule as Spectral does
    // (`openapi-tags-alphabetical`), replacing the built-in one, while the built-in
    // `spectral:oas` rules report on the case's documents too.
    let (cases, found) =
        common::fail_and_pass_cases("fixtures/spectral/functions", |_, rules, rule| {
            common::loaded(rules, rule)
        });
    assert_eq!(cases, 13, "one case per core function");
    insta::assert_snapshot!(found);
}

#[test]
fn every_kind_of_ruleset_mistake_is_shown_at_its_place_and_stops_the_run() {
    let output = archlint()
        .args(["check", "fixtures/spectral/mistakes"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_spectral_yaml_at_the_root_is_picked_up_without_configuration() {
    let repository = copied("fixtures/spectral/picked-up");
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short", "--verbose"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("loaded .spectral.yaml"), "{stderr}");
    // `spectral:oas` is built in: its recommended rules run, but `operation-tags`, which the
    // team's ruleset turns off (no operation of the document has tags).
    assert!(
        !stderr.contains("does not have the rules of `spectral:oas`"),
        "{stderr}"
    );
    assert!(
        stdout.contains("openapi.yaml:2:1: warning[info-description]"),
        "{stdout}"
    );
    assert!(!stdout.contains("[operation-tags]"), "{stdout}");
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|line| {
            line.split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .is_some_and(|(rule, _)| loaded(rule))
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
    // The error of `operation-id-camel-case` fails the run.
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn the_configuration_can_turn_the_pick_up_off_and_a_ruleset_argument_replaces_it() {
    let repository = copied("fixtures/spectral/picked-up");
    fs::write(
        repository.path().join("archlint.yaml"),
        "find_spectral_ruleset: false\n",
    )
    .unwrap();
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("operation-id-camel-case"), "{stdout}");

    fs::remove_file(repository.path().join("archlint.yaml")).unwrap();
    fs::write(
        repository.path().join("mine.yaml"),
        "rules:\n  title-casing:\n    given: $.info.title\n    then: {function: casing, functionOptions: {type: kebab}}\n",
    )
    .unwrap();
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short", "--ruleset", "mine.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("warning[title-casing]"), "{stdout}");
    assert!(!stdout.contains("operation-id-camel-case"), "{stdout}");
}

#[test]
fn a_ruleset_rule_is_a_rule_like_any_other() {
    let repository = copied("fixtures/spectral/picked-up");
    let root = repository.path();
    // Listed, with where it comes from, and explained.
    let output = archlint()
        .current_dir(root)
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rule = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|rule| rule["name"] == "operation-id-camel-case")
        .expect("the ruleset's rule is listed");
    assert_eq!(rule["source"], ".spectral.yaml");
    assert_eq!(rule["default_severity"], "error");
    let output = archlint()
        .current_dir(root)
        .args(["explain", "operation-id-camel-case"])
        .output()
        .unwrap();
    let explained = String::from_utf8(output.stdout).unwrap();
    assert!(
        explained.contains("operationId is camelCase"),
        "{explained}"
    );
    assert!(
        explained.contains("https://api-guide.example.com/rules#operation-id-camel-case"),
        "{explained}"
    );
    // A rule the ruleset does not recommend runs only when the configuration turns it on.
    let short = |args: &[&str]| {
        let output = archlint()
            .current_dir(root)
            .args(["check", ".", "--format", "short"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(!short(&[]).contains("schema-properties-camel-case"));
    fs::write(
        root.join("archlint.yaml"),
        "rules:\n  schema-properties-camel-case: info\n  operation-id-camel-case: off\n",
    )
    .unwrap();
    let configured = short(&[]);
    assert!(
        configured.contains(
            "openapi.yaml:40:9: info[schema-properties-camel-case]: schema properties are camelCase"
        ),
        "{configured}"
    );
    assert!(
        !configured.contains("operation-id-camel-case"),
        "{configured}"
    );
    fs::remove_file(root.join("archlint.yaml")).unwrap();

    // In SARIF: among the driver's rules, and its results point at them.
    let output = archlint()
        .current_dir(root)
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &log["runs"][0];
    let driver_rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = driver_rules
        .iter()
        .position(|rule| rule["id"] == "operation-id-camel-case")
        .expect("the ruleset's rule is described");
    assert_eq!(
        driver_rules[index]["helpUri"],
        "https://api-guide.example.com/rules#operation-id-camel-case"
    );
    assert!(run["results"].as_array().unwrap().iter().any(|result| {
        result["ruleId"] == "operation-id-camel-case" && result["ruleIndex"] == index
    }));

    // Silenced by a suppression that names it, with a reason.
    let openapi = fs::read_to_string(root.join("openapi.yaml")).unwrap();
    fs::write(
        root.join("openapi.yaml"),
        openapi.replace(
            "      operationId: list_orders",
            "      # archlint-disable-next-line operation-id-camel-case -- generated clients pin it\n      operationId: list_orders",
        ),
    )
    .unwrap();
    let silenced = short(&[]);
    assert!(
        !silenced.contains("error[operation-id-camel-case]"),
        "{silenced}"
    );
    assert!(!silenced.contains("unused-suppression"), "{silenced}");

    // Hidden by the baseline that recorded it.
    fs::write(root.join("openapi.yaml"), &openapi).unwrap();
    archlint()
        .current_dir(root)
        .args(["check", ".", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let baseline = fs::read_to_string(root.join("baseline.json")).unwrap();
    assert!(baseline.contains("operation-id-camel-case"), "{baseline}");
    let output = archlint()
        .current_dir(root)
        .args([
            "check",
            ".",
            "--format",
            "short",
            "--baseline",
            "baseline.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        !String::from_utf8(output.stdout)
            .unwrap()
            .contains("operation-id-camel-case")
    );
}

#[test]
fn a_rule_with_a_javascript_function_is_skipped_with_one_warning_and_the_others_run() {
    let repository = common::repository(&[
        (
            ".spectral.yaml",
            "functions: [checkVersion]\nrules:\n  version-checked:\n    given: $.info.version\n    then: {function: checkVersion}\n  title-set:\n    given: $.info\n    then: {field: summary, function: truthy}\n",
        ),
        (
            "openapi.yaml",
            "openapi: 3.1.0\ninfo:\n  title: Shop\n  version: 1.0.0\npaths: {}\n",
        ),
    ]);
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr
            .matches("rule `version-checked` is skipped: its function `checkVersion` is JavaScript")
            .count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains(".spectral.yaml:5:"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("warning[title-set]: \"info.summary\" property must be truthy"),
        "{stdout}"
    );
    // Asked to explain it, archlint says it is skipped, not that no such rule exists.
    let output = archlint()
        .current_dir(repository.path())
        .args(["explain", "version-checked"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().ends_with(
        "archlint: error: rule `version-checked` is not run, as the warning above says: \
             there is nothing of it to explain\n"
    ));
}

#[test]
fn an_override_changes_a_severity_for_the_files_it_names() {
    let repository = copied("fixtures/spectral/picked-up");
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("legacy/openapi.yaml:10:20: warning[operation-id-camel-case]"),
        "{stdout}"
    );
    assert!(
        stdout.contains("openapi.yaml:10:20: error[operation-id-camel-case]"),
        "{stdout}"
    );
    assert!(!stdout.contains("legacy/openapi.yaml:8:3: warning[paths-kebab-case]"));
}

#[test]
fn an_override_turns_on_a_rule_that_is_off_for_the_files_it_names() {
    // A rule off by its severity, or not recommended, ran nowhere though an override named it;
    // Spectral 6.16.3 runs it in the files the override names, and a rule not recommended at
    // its own severity in the rest of such a file.
    let ruleset = ".spectral.yaml";
    let rules = "extends: [[spectral:oas, off]]
rules:
  team-description:
    given: $.info
    severity: 'off'
    then: {field: description, function: truthy}
  team-summary:
    given: $.info
    severity: error
    recommended: false
    then: {field: summary, function: truthy}
overrides:
  - files: ['public/**']
    rules: {team-description: warn}
  - files: ['public/openapi.yaml#/paths']
    rules: {team-summary: warn}
";
    let document = "openapi: 3.0.3\ninfo: {title: Orders, version: '1'}\npaths: {}\n";
    let repository = common::repository(&[
        (ruleset, rules),
        ("public/openapi.yaml", document),
        ("internal/openapi.yaml", document),
    ]);
    let (lines, _) = short_findings(repository.path(), &["team-description", "team-summary"]);
    assert_eq!(
        lines,
        [
            "public/openapi.yaml:2:1: warning[team-description]: \"info.description\" property must be truthy",
            "public/openapi.yaml:2:1: error[team-summary]: \"info.summary\" property must be truthy",
        ]
    );
}

#[test]
fn message_placeholders_print_as_spectral_prints_them() {
    // `{{value}}` is JavaScript's `String(value)`, `{{description}}` of a rule without one is
    // `null`, and `{{path}}` is the closest place the document has, as a URI fragment: each
    // line is Spectral 6.16.3's.
    let rules = "extends: [[spectral:oas, off]]
rules:
  team-tags-listed:
    given: $.x-team
    severity: warn
    message: 'value {{value}}; description {{description}}'
    then: {field: tags, function: falsy}
  team-owner-object:
    given: $.x-team
    severity: warn
    message: 'value {{value}} at {{path}}'
    then: {field: owner, function: falsy}
  team-operation-summary:
    description: Operations have a summary
    given: $.paths[*][*]
    severity: warn
    message: '{{description}}: none at {{path}}'
    then: {field: summary, function: truthy}
";
    let document = "openapi: 3.0.3
info: {title: Orders, version: '1'}
x-team:
  tags: [a, null, [b, c], 3.50, true]
  owner: {name: orders}
paths:
  /orders/{id}/$\u{fc}n\u{ef}code \u{e9}:
    get:
      responses: {'200': {description: ok}}
";
    let lines = findings_under_ruleset(
        rules,
        document,
        &[
            "team-tags-listed",
            "team-owner-object",
            "team-operation-summary",
        ],
    );
    assert_eq!(
        lines,
        [
            "openapi.yaml:4:3: warning[team-tags-listed]: value a,,b,c,3.5,true; description null",
            "openapi.yaml:5:3: warning[team-owner-object]: value [object Object] at #/x-team/owner",
            "openapi.yaml:8:5: warning[team-operation-summary]: Operations have a summary: none at #/paths/~1orders~1%7Bid%7D~1%24%C3%BCn%C3%AFcode%20%C3%A9/get",
        ]
    );
}

#[test]
fn a_key_field_on_a_value_that_has_no_keys_judges_the_value_once() {
    // `field: '@key'` of a string is the string itself, as in Spectral: judged by both `then`s,
    // it is one finding at the value, where it was two (one placed at the key).
    let rules = "extends: [[spectral:oas, off]]
rules:
  team-description-lowercase:
    given: $.info.description
    severity: error
    message: 'value {{value}}'
    then:
      - {field: '@key', function: pattern, functionOptions: {match: '^[a-z ]+$'}}
      - {function: pattern, functionOptions: {match: '^[a-z ]+$'}}
";
    let document =
        "openapi: 3.0.3\ninfo: {title: Orders, version: '1', description: Uses refs}\npaths: {}\n";
    let lines = findings_under_ruleset(rules, document, &["team-description-lowercase"]);
    assert_eq!(
        lines,
        ["openapi.yaml:2:50: error[team-description-lowercase]: value Uses refs"]
    );
}

#[test]
fn a_resolved_rule_meets_no_ref_of_a_reference_it_follows() {
    // Spectral's resolved document has each local reference replaced by what it names, so
    // `$..$ref` meets only the one that leads nowhere; `resolved: false` meets them all. Each
    // line is Spectral 6.16.3's.
    let rules = "extends: [[spectral:oas, off]]
rules:
  team-refs-resolved:
    given: $..$ref
    severity: error
    then: {function: pattern, functionOptions: {match: '^#/components/schemas/'}}
  team-refs-written:
    given: $..$ref
    severity: warn
    resolved: false
    then: {function: pattern, functionOptions: {match: '^#/components/schemas/'}}
";
    let document = "openapi: 3.0.3
info: {title: Orders, version: '1'}
paths:
  /orders:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Nowhere'}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
";
    let lines = findings_under_ruleset(
        rules,
        document,
        &["team-refs-resolved", "team-refs-written"],
    );
    assert_eq!(
        lines,
        [
            "openapi.yaml:7:17: warning[team-refs-written]: \"#/components/parameters/Limit\" must match the pattern \"^#/components/schemas/\"",
        ]
    );
}

#[test]
fn spectral_s_own_rulesets_are_built_in_without_a_mistake() {
    assert_eq!(
        archlint::spectral::ruleset::built_in_mistakes(),
        &[] as &[String]
    );
}

#[test]
fn a_ruleset_file_may_hold_architecture_rules_too() {
    let repository = common::repository(&[
        ("archlint.yaml", "rulesets: [team-rules.yaml]\n"),
        (
            "team-rules.yaml",
            "architecture_rules:\n  - name: catalog-never-calls-billing\n    forbidden: {from: {domain: catalog}, to: {domain: billing}, via: sync}\nrules:\n  info-title:\n    given: $.info\n    then: {field: title, function: truthy}\n",
        ),
        (
            "architecture.yaml",
            "services:\n  product_service:\n    responsibility: Products\n    domain: catalog\n    depends_on:\n      - {service: invoice_service, timeout: 1s}\n  invoice_service:\n    responsibility: Invoices\n    domain: billing\n",
        ),
    ]);
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("architecture.yaml:6:19: warning[catalog-never-calls-billing]: `product_service` depends on `invoice_service` (sync)"),
        "{stdout}"
    );
    let output = archlint()
        .current_dir(repository.path())
        .args(["rules"])
        .output()
        .unwrap();
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(
        listed
            .lines()
            .any(|line| line.starts_with("catalog-never-calls-billing")
                && line.ends_with("(from team-rules.yaml)")),
        "{listed}"
    );
    assert!(listed.lines().any(|line| line.starts_with("info-title")));
}

#[test]
fn a_ruleset_that_is_not_utf8_or_cannot_be_read_stops_the_run_with_words_not_a_panic() {
    let repository = copied("fixtures/spectral/picked-up");
    let ruleset = repository.path().join(".spectral.yaml");
    // Invalid UTF-8 on the second line: shown there, as a document's would be.
    fs::write(&ruleset, b"rules: {}\n\xff\n").unwrap();
    for command in [
        &["check", "."][..],
        &["rules"],
        &["graph", "."],
        &["checklist", "."],
    ] {
        let output = archlint()
            .current_dir(repository.path())
            .args(command)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(
            stderr.contains("error[config]: invalid UTF-8: byte 0xff")
                && stderr.contains(".spectral.yaml:2:1")
                && stderr
                    .ends_with("archlint: error: the ruleset `.spectral.yaml` has 1 mistake\n"),
            "{command:?}: {stderr}"
        );
    }
    // UTF-16, which a Windows editor may save: said in one line.
    fs::write(&ruleset, b"\xff\xfer\x00u\x00").unwrap();
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "archlint: error: cannot read the ruleset `.spectral.yaml`: the file is UTF-16LE; archlint \
         reads UTF-8 (save it as UTF-8)\n"
    );
    // A named pipe given as a ruleset is refused before it is waited on.
    #[cfg(unix)]
    {
        let made = std::process::Command::new("mkfifo")
            .arg(repository.path().join("pipe.yaml"))
            .status()
            .unwrap();
        assert!(made.success());
        fs::write(&ruleset, "extends: [pipe.yaml]\n").unwrap();
        let output = check_uncoloured(repository.path());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("the ruleset `pipe.yaml` is not a file"),
            "{stderr}"
        );
    }
}

/// An OpenAPI document whose `POST /a` has no operationId and whose info has no contact.
const OPERATIONS: &str = "openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths:
  /a:
    get: {operationId: get_a, responses: {'200': {description: ok}}}
    post: {responses: {'200': {description: ok}}}
";

/// `archlint check . --format short` in `repository`: the lines of the rules `wanted`, and the
/// exit code.
/// The short lines of `rule`'s findings in a repository of the one file `name` holding `text`.
fn findings_in(name: &str, text: &str, rule: &str) -> Vec<String> {
    let repository = common::repository(&[(name, text)]);
    short_findings(repository.path(), &[rule]).0
}

/// [`short_findings`] of the `wanted` rules in a repository of an `openapi.yaml` and a
/// `.spectral.yaml` holding `ruleset`.
fn findings_under_ruleset(ruleset: &str, document: &str, wanted: &[&str]) -> Vec<String> {
    let repository = common::repository(&[(".spectral.yaml", ruleset), ("openapi.yaml", document)]);
    short_findings(repository.path(), wanted).0
}

fn short_findings(repository: &Path, wanted: &[&str]) -> (Vec<String>, Option<i32>) {
    let output = archlint()
        .current_dir(repository)
        .args(["check", ".", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = stdout
        .lines()
        .filter(|line| {
            wanted
                .iter()
                .any(|rule| line.contains(&format!("[{rule}]")))
        })
        .map(str::to_string)
        .collect();
    (lines, output.status.code())
}

/// [`short_findings`] of `oas3-valid-schema-example` in a repository of one `openapi.yaml`.
fn schema_example_findings(document: &str) -> (Vec<String>, Option<i32>) {
    let repository = common::repository(&[("openapi.yaml", document)]);
    short_findings(repository.path(), &["oas3-valid-schema-example"])
}

/// `archlint check .` in `repository`, uncoloured.
fn check_uncoloured(repository: &Path) -> std::process::Output {
    archlint()
        .current_dir(repository)
        .args(["check", "."])
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `archlint check .` in `repository`, uncoloured: its standard error and exit code.
fn check_stderr(repository: &Path) -> (String, Option<i32>) {
    let output = check_uncoloured(repository);
    (
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

#[test]
fn spectral_s_own_rules_take_a_team_ruleset_s_severities_and_overrides() {
    let wanted = ["operation-operationId", "info-contact"];
    // Everything of `spectral:oas` off, then one rule turned back on, as an error; an override
    // turns it off again for the legacy files, and turns on there a rule that is off elsewhere.
    let repository = common::repository(&[
        ("openapi.yaml", OPERATIONS),
        ("legacy/openapi.yaml", OPERATIONS),
        (
            ".spectral.yaml",
            "extends: [[spectral:oas, off]]
rules:
  operation-operationId: error
overrides:
  - files: ['legacy/**']
    rules: {operation-operationId: 'off', info-contact: warn}
",
        ),
    ]);
    let (lines, code) = short_findings(repository.path(), &wanted);
    assert_eq!(
        lines,
        [
            "legacy/openapi.yaml:2:1: warning[info-contact]: Info object must have \"contact\" object.",
            "openapi.yaml:6:5: error[operation-operationId]: Operation must have \"operationId\".",
        ]
    );
    assert_eq!(code, Some(1));
    // An override within one place of a file (`#pointer`), on a rule left as Spectral
    // recommends it: off for the operation it names only.
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: spectral:oas
overrides:
  - files: ['./openapi.yaml#/paths/~1a/post', 'legacy/openapi.yaml#/info']
    rules: {operation-operationId: 'off', info-contact: 'off'}
",
    )
    .unwrap();
    let (lines, code) = short_findings(repository.path(), &wanted);
    assert_eq!(
        lines,
        [
            "legacy/openapi.yaml:6:5: warning[operation-operationId]: Operation must have \"operationId\".",
            "openapi.yaml:2:1: warning[info-contact]: Info object must have \"contact\" object.",
        ]
    );
    assert_eq!(code, Some(0));
}

#[test]
fn archlint_s_own_rules_follow_a_team_ruleset_as_spectral_s_do() {
    // `oas3-schema` is archlint's own rule under Spectral's name: `[spectral:oas, off]` turns it
    // off as Spectral's would be, and overrides set its severity by file and by place.
    let typo = "openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths:
  /a:
    get:
      summry: a typo
      responses: {'200': {description: ok}}
";
    let repository = common::repository(&[
        ("api/openapi.yaml", typo),
        ("legacy/openapi.yaml", typo),
        ("other/openapi.yaml", typo),
        (".spectral.yaml", "extends: [[spectral:oas, off]]\n"),
    ]);
    let wanted = ["oas3-schema", "operation-tags"];
    let (lines, code) = short_findings(repository.path(), &wanted);
    assert_eq!((lines, code), (Vec::<String>::new(), Some(0)));
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: spectral:oas
overrides:
  - files: ['legacy/**']
    rules: {oas3-schema: 'off'}
  - files: ['api/openapi.yaml#/paths']
    rules: {oas3-schema: warn}
",
    )
    .unwrap();
    let (lines, code) = short_findings(repository.path(), &["oas3-schema"]);
    assert_eq!(
        lines,
        [
            "api/openapi.yaml:6:7: warning[oas3-schema]: key `summry` is not allowed here",
            "other/openapi.yaml:6:7: error[oas3-schema]: key `summry` is not allowed here",
        ]
    );
    assert_eq!(code, Some(1));
    // Two rulesets overriding one rule: both hold, the later where both name a file.
    fs::remove_file(repository.path().join(".spectral.yaml")).unwrap();
    for (name, text) in [
        (
            "first.yaml",
            "extends: spectral:oas\noverrides: [{files: ['legacy/**', 'other/**'], rules: {operation-tags: 'off'}}]\n",
        ),
        (
            "second.yaml",
            "overrides: [{files: ['api/**', 'other/**'], rules: {operation-tags: error}}]\n",
        ),
        ("archlint.yaml", "rulesets: [first.yaml, second.yaml]\n"),
    ] {
        fs::write(repository.path().join(name), text).unwrap();
    }
    let (lines, _) = short_findings(repository.path(), &["operation-tags"]);
    assert_eq!(
        lines,
        [
            "api/openapi.yaml:5:5: error[operation-tags]: Operation must have non-empty \"tags\" array.",
            "other/openapi.yaml:5:5: error[operation-tags]: Operation must have non-empty \"tags\" array.",
        ]
    );
}

#[test]
fn a_pattern_that_backtracks_catastrophically_is_decided_without_waiting() {
    // `^(a+)+$` against forty `a`s and a `b` takes a backtracking engine hours; the document
    // itself can hold both, in a schema and its example.
    let text = format!("{}b", "a".repeat(40));
    let document = format!(
        "openapi: 3.0.3
info: {{title: Test, version: '1.0'}}
paths: {{}}
components:
  schemas:
    Code: {{type: string, pattern: '^(a+)+$', example: '{text}'}}
x-code: '{text}'
"
    );
    let ruleset = "extends: spectral:oas
rules:
  code-pattern:
    given: $.x-code
    then: {function: pattern, functionOptions: {match: '^(a|aa)+$'}}
";
    let repository =
        common::repository(&[("openapi.yaml", &document), (".spectral.yaml", ruleset)]);
    let (lines, code) = short_findings(
        repository.path(),
        &["oas3-valid-schema-example", "code-pattern"],
    );
    assert_eq!(
        lines,
        [
            "openapi.yaml:6:55: error[oas3-valid-schema-example]: \"example\" property must match pattern \"^(a+)+$\"",
            format!("openapi.yaml:7:9: warning[code-pattern]: \"{text}\" must match the pattern \"^(a|aa)+$\"").as_str(),
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn a_pattern_with_a_backreference_that_backtracks_catastrophically_stops_no_check() {
    // A backreference kept every pattern that had one on an engine that backtracks without
    // bound: `^(a|a)*(x)\2$` against forty `a`s and a `!` never ended. Now it is bounded, and
    // undecided, as is `regress` itself past the length its shape allows (a backreference to a
    // repeated group); a short text that breaks the pattern is still found.
    let text = format!("{}!", "a".repeat(40));
    let document = format!(
        r"openapi: 3.0.3
info: {{title: Test, version: '1.0'}}
paths: {{}}
components:
  schemas:
    Twice: {{type: string, pattern: '^(a|a)*(x)\2$', example: '{text}'}}
    Repeated: {{type: string, pattern: '^(?:(a)|a)*\1x$', example: '{text}'}}
    Short: {{type: string, pattern: '^(?:(a)|a)*\1x$', example: 'aaa!'}}
"
    );
    let (lines, code) = schema_example_findings(&document);
    assert_eq!(
        lines,
        [
            "openapi.yaml:8:64: error[oas3-valid-schema-example]: \"example\" property must match pattern \"^(?:(a)|a)*\\1x$\""
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn examples_of_schemas_that_name_thousands_of_others_are_judged_by_what_they_reach() {
    // HubSpot's expression trees: 70 schemas, each naming all 70 through a `oneOf`, so each
    // one's bundle holds about 10,000 schemas. Compiling that for each example took seconds
    // and hundreds of megabytes; each example is now judged against the parts of the schema it
    // reaches, with the same findings.
    let names: Vec<String> = (0..70).map(|index| format!("E{index}")).collect();
    let branches: Vec<String> = names
        .iter()
        .map(|name| format!("{{$ref: '#/components/schemas/{name}'}}"))
        .collect();
    let mut schemas = String::new();
    for (index, name) in names.iter().enumerate() {
        let example = match index {
            0 => ", example: null",
            1 => ", example: {operator: E1, inputs: [{operator: E2, inputs: [{}]}]}",
            2 => ", example: {operator: E2, inputs: [{operator: E3}, {operator: E4}]}",
            _ => "",
        };
        schemas.push_str(&format!(
            "    {name}: {{type: object, required: [operator], properties: {{operator: {{type: string, enum: [{name}]}}, inputs: {{type: array, items: {{oneOf: [{}]}}}}}}{example}}}\n",
            branches.join(", ")
        ));
    }
    let document = format!(
        "openapi: 3.0.3\ninfo: {{title: Test, version: '1.0'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
    );
    let (lines, code) = schema_example_findings(&document);
    // (line, message): the columns are far along lines thousands of characters long.
    let found: Vec<(&str, &str)> = lines
        .iter()
        .map(|line| {
            let (place, message) = line.split_once(": ").unwrap();
            (place.split(':').nth(1).unwrap(), message)
        })
        .collect();
    let none_matched = "error[oas3-valid-schema-example]: Item at index 0 must match exactly one schema in oneOf. None of the schemas matched, see the other errors reported for this value";
    assert_eq!(
        found,
        [
            (
                "6",
                "error[oas3-valid-schema-example]: \"example\" property type must be object"
            ),
            // The item whose own item names no `operator`: no branch matches either.
            ("7", none_matched),
            (
                "7",
                "error[oas3-valid-schema-example]: Item at index 0 must have required property \"operator\""
            ),
            ("7", none_matched),
        ],
        "{lines:#?}"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn an_example_against_a_schema_too_deep_or_too_branching_to_validate_stops_no_check() {
    // A chain of 16,000 references beside an example overflowed the validator's stack and
    // aborted the run; a schema that doubles through `anyOf` at each of 20 levels took minutes
    // and gigabytes. Neither is compiled: the example is left undecided. A short chain still is.
    let mut chain = String::new();
    for index in 0..16_000 {
        chain.push_str(&format!(
            "    A{index}: {{$ref: '#/components/schemas/A{}'}}\n",
            index + 1
        ));
    }
    let mut doubling = String::new();
    for index in 0..20 {
        let next = format!("{{$ref: '#/components/schemas/D{}'}}", index + 1);
        doubling.push_str(&format!("    D{index}: {{anyOf: [{next}, {next}]}}\n"));
    }
    let document = format!(
        "openapi: 3.0.3
info: {{title: Test, version: '1.0'}}
paths: {{}}
components:
  schemas:
    Deep: {{type: object, properties: {{x: {{$ref: '#/components/schemas/A0'}}}}, example: {{x: 5}}}}
    Wide: {{type: object, properties: {{x: {{$ref: '#/components/schemas/D0'}}}}, example: {{x: 5}}}}
    Short: {{type: object, properties: {{x: {{$ref: '#/components/schemas/A15990'}}}}, example: {{x: 5}}}}
{chain}    A16000: {{type: string}}
{doubling}    D20: {{type: string}}
"
    );
    let (lines, code) = schema_example_findings(&document);
    assert_eq!(
        lines,
        ["openapi.yaml:8:96: error[oas3-valid-schema-example]: \"x\" property type must be string"]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn a_severity_for_a_rule_no_ruleset_has_is_a_mistake_even_beside_spectral_s_rulesets() {
    let repository = common::repository(&[
        ("openapi.yaml", OPERATIONS),
        (
            ".spectral.yaml",
            "extends: spectral:oas
rules:
  operation-tagz: 'off'
overrides:
  - files: ['**']
    rules: {info-contakt: 'off'}
",
        ),
    ]);
    let (stderr, code) = check_stderr(repository.path());
    assert_eq!(code, Some(2), "{stderr}");
    for (typo, meant) in [
        ("operation-tagz", "operation-tags"),
        ("info-contakt", "info-contact"),
    ] {
        assert!(
            stderr.contains(&format!("no rule `{typo}` to set a severity for"))
                && stderr.contains(&format!("did you mean `{meant}`?")),
            "{stderr}"
        );
    }
}

#[test]
fn a_resolved_rule_judges_what_a_reference_it_selects_names_at_the_reference() {
    let document = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      parameters:
        - $ref: '#/components/parameters/Limit'
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
components:
  parameters:
    Limit: {name: limit, in: header, schema: {type: integer}}
";
    let ruleset = "rules:
  parameter-named:
    given: $.paths[*][*].parameters[*]
    then: {field: name, function: defined}
  parameter-in-query:
    given: $.paths[*][*].parameters[*]
    then: {field: in, function: enumeration, functionOptions: {values: [query]}}
  reference-as-written:
    resolved: false
    given: $.paths[*][*].parameters[*]
    then: {field: name, function: defined}
";
    let repository = common::repository(&[("openapi.yaml", document), (".spectral.yaml", ruleset)]);
    let (lines, _) = short_findings(
        repository.path(),
        &[
            "parameter-named",
            "parameter-in-query",
            "reference-as-written",
        ],
    );
    // The parameter behind the reference has a name (no finding) and is a header: reported
    // where it is used. The rule that reads the document as written judges the reference.
    assert_eq!(
        lines,
        [
            "openapi.yaml:7:11: warning[parameter-in-query]: \"header\" must be equal to one of the allowed values: \"query\"",
            "openapi.yaml:7:11: warning[reference-as-written]: \"[0].name\" property must be defined",
        ]
    );
}

#[test]
fn a_field_named_like_a_reference_is_a_member_not_a_jsonpath() {
    let repository = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Limit'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
",
        ),
        (
            ".spectral.yaml",
            "rules:
  references-to-schemas:
    resolved: false
    given: $..[?(@.$ref)]
    then: {field: $ref, function: pattern, functionOptions: {match: '^#/components/schemas'}}
",
        ),
    ]);
    let (lines, code) = short_findings(repository.path(), &["references-to-schemas"]);
    assert_eq!(
        lines,
        [
            "openapi.yaml:6:27: warning[references-to-schemas]: \"#/components/parameters/Limit\" must match the pattern \"^#/components/schemas\""
        ]
    );
    assert_eq!(code, Some(0));
}

#[test]
fn a_ruleset_s_parser_options_set_how_a_key_written_twice_is_reported() {
    let repository = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\ninfo: {title: U, version: '1'}\npaths: {}\n",
        ),
        (
            ".spectral.yaml",
            "extends: spectral:oas\nparserOptions: {duplicateKeys: warn}\n",
        ),
    ]);
    let (lines, code) = short_findings(repository.path(), &["duplicate-key"]);
    assert_eq!(
        lines,
        ["openapi.yaml:3:1: warning[duplicate-key]: key `info` is repeated"]
    );
    assert_eq!(code, Some(0));
}

#[test]
fn every_name_spectral_picks_a_ruleset_up_by_is_read_or_said_to_be_unreadable() {
    let info_contact =
        "rules:\n  has-contact: {given: $.info, then: {field: contact, function: truthy}}\n";
    let repository = common::repository(&[
        ("openapi.yaml", OPERATIONS),
        ("spectral.yaml", info_contact),
    ]);
    let (lines, _) = short_findings(repository.path(), &["has-contact"]);
    assert_eq!(
        lines,
        ["openapi.yaml:2:1: warning[has-contact]: \"info.contact\" property must be truthy"]
    );
    // A JavaScript ruleset cannot run: said, where the team would otherwise see nothing.
    fs::remove_file(repository.path().join("spectral.yaml")).unwrap();
    fs::write(
        repository.path().join(".spectral.js"),
        "export default { extends: ['spectral:oas'] };\n",
    )
    .unwrap();
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--format", "short"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "warning[config]: `.spectral.js` is a JavaScript ruleset, which archlint cannot run"
        ),
        "{stderr}"
    );
    let output = archlint()
        .current_dir(repository.path())
        .args(["check", ".", "--ruleset", ".spectral.js"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "archlint: error: `.spectral.js` is a JavaScript ruleset, which archlint cannot run (it \
         reads YAML and JSON rulesets)\n"
    );
}

#[test]
fn spectral_5_s_except_turns_rules_off_where_it_says_and_a_circular_alias_is_named() {
    let wanted = ["info-contact", "operation-operationId"];
    let repository = common::repository(&[
        ("openapi.yaml", OPERATIONS),
        (
            ".spectral.yaml",
            "extends: spectral:oas\nexcept:\n  'openapi.yaml#/info': [info-contact]\n",
        ),
    ]);
    let (lines, _) = short_findings(repository.path(), &wanted);
    assert_eq!(
        lines,
        ["openapi.yaml:6:5: warning[operation-operationId]: Operation must have \"operationId\"."]
    );
    fs::write(
        repository.path().join(".spectral.yaml"),
        "aliases:\n  A: ['#B']\n  B: ['#A']\nrules:\n  t: {given: '#A', then: {function: truthy}}\n",
    )
    .unwrap();
    let (stderr, code) = check_stderr(repository.path());
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error[config]: alias `#A` is circular: #A → #B → #A"),
        "{stderr}"
    );
}

#[test]
fn archlint_s_own_rules_under_spectral_s_names_take_a_ruleset_s_severity_and_except_names_rules() {
    let repository = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: T}\npaths: {}\n",
        ),
        (
            ".spectral.yaml",
            "extends: spectral:oas\nrules:\n  oas3-schema: 'off'\n",
        ),
    ]);
    let (lines, code) = short_findings(repository.path(), &["oas3-schema"]);
    assert_eq!((lines.len(), code), (0, Some(0)));
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: spectral:oas\nexcept:\n  'openapi.yaml': [info-contact, 5, info-contakt]\n",
    )
    .unwrap();
    let (stderr, code) = check_stderr(repository.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a rule's name"), "{stderr}");
    assert!(
        stderr.contains("no rule `info-contakt` to turn off")
            && stderr.contains("did you mean `info-contact`?"),
        "{stderr}"
    );
}

/// A description split over files, as Redocly's starter and DigitalOcean lay them out
/// (`fixtures/spectral/split`): each value a `$ref` leads to in another file is judged as the
/// part of the description it is, and reported in its file, on the line Spectral 6.16.3 reports
/// (`oas3-schema` aside: Spectral's finds the operation `$ref` that `nonstandard-ref` reports).
#[test]
fn a_description_split_over_files_is_judged_whole_and_reported_where_each_value_is_written() {
    let repository = copied("fixtures/spectral/split");
    let spectral_rules = [
        "no-$ref-siblings",
        "oas3-operation-security-defined",
        "oas3-unused-component",
        "oas3-valid-media-example",
        "operation-description",
        "operation-operationId",
        "operation-tag-defined",
        "path-params",
        "typed-enum",
    ];
    let (lines, code) = short_findings(repository.path(), &spectral_rules);
    let places: Vec<&str> = lines
        .iter()
        .map(|line| line.split(": ").next().unwrap())
        .collect();
    let rules: Vec<&str> = lines
        .iter()
        .map(|line| line.split('[').nth(1).unwrap().split(']').next().unwrap())
        .collect();
    let found: Vec<(&str, &str)> = places.into_iter().zip(rules).collect();
    assert_eq!(
        found,
        [
            // the root's own, as written: an example, the unused component and the `$ref`'s
            // sibling (both rules read the document as written, `resolved: false`)
            ("openapi.yaml:34:29", "oas3-valid-media-example"),
            ("openapi.yaml:39:5", "oas3-unused-component"),
            ("openapi.yaml:41:20", "no-$ref-siblings"),
            // an example of a schema that holds itself, through a reference to its own file:
            // the copy refers to itself in the bundle, and the example is judged through it
            // (Spectral leaves circular schemas' examples out)
            ("paths/nodes.yaml:15:21", "oas3-valid-media-example"),
            // a path item in a file of its own: its operations, tags against the root's, its
            // example against a schema in a third file, its security against the root's schemes
            ("paths/users.yaml:1:1", "operation-description"),
            ("paths/users.yaml:1:1", "operation-operationId"),
            ("paths/users.yaml:2:10", "operation-tag-defined"),
            ("paths/users.yaml:11:19", "oas3-valid-media-example"),
            ("paths/users.yaml:17:7", "oas3-operation-security-defined"),
            // an operation in a file of its own, under a templated path it declares nothing for;
            // its example, a `$ref` into a file of examples, is judged as the value it names
            // there, as Spectral and Redocly resolve it
            ("resources/examples.yml:2:10", "oas3-valid-media-example"),
            ("resources/order_get.yml:1:1", "path-params"),
            // schemas that name each other round, and one behind a `#/...` of its own file
            ("schemas/Other.yaml:7:15", "typed-enum"),
            ("schemas/User.yaml:10:17", "typed-enum"),
        ],
        "{lines:#?}"
    );
    assert_eq!(code, Some(1));
}

/// `typed-enum`'s findings and `unbundled-ref`'s, apart, from one check of `repository`, and its
/// exit code.
fn typed_enum_and_left(repository: &Path) -> (Vec<String>, Vec<String>, Option<i32>) {
    let (lines, code) = short_findings(repository, &["typed-enum", "unbundled-ref"]);
    let (left, lines) = lines
        .into_iter()
        .partition(|line| line.contains("[unbundled-ref]"));
    (lines, left, code)
}

/// A repository of generated files, named and written as `files` holds them.
fn repository_of(files: &[(String, String)]) -> tempfile::TempDir {
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    common::repository(&files)
}

/// `openapi.yaml`, a description whose one schema is a `$ref` to `file`.
fn description_naming(file: &str) -> (String, String) {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Named: {{$ref: '{file}'}}\n"
    );
    ("openapi.yaml".to_string(), text)
}

/// Pieces that each name the next twice over: put in place at each use, 24 levels would make 16
/// million copies. Inside a piece, what was put in once is named where it was put: 25 copies,
/// nothing left unbundled, and the leaf reported once, where it is written.
#[test]
fn references_that_multiply_inside_pieces_are_put_in_once() {
    let mut files = vec![description_naming("level0.yaml")];
    for level in 0..24 {
        files.push((
            format!("level{level}.yaml"),
            format!(
                "type: object\nproperties:\n  left: {{$ref: 'level{next}.yaml'}}\n  right: {{$ref: 'level{next}.yaml'}}\n",
                next = level + 1
            ),
        ));
    }
    files.push((
        "level24.yaml".to_string(),
        "type: string\nenum: [leaf, 1]\n".to_string(),
    ));
    let repository = repository_of(&files);
    let (lines, left, code) = typed_enum_and_left(repository.path());
    assert_eq!(
        lines,
        ["level24.yaml:2:14: warning[typed-enum]: Enum value 1 must be \"string\"."]
    );
    assert_eq!((left, code), (Vec::<String>::new(), Some(0)));
}

/// A description that names a large piece many times over: each of its own references into
/// another file is put in place (a path item two paths name holds two operations), until the
/// bundle's budget; past it the references stay as written, and the run ends with what it
/// judged.
#[test]
fn references_past_the_bundle_s_budget_stay_references() {
    let mut piece =
        String::from("type: object\nproperties:\n  kind: {type: string, enum: [leaf, 1]}\n");
    for index in 0..2_000 {
        piece.push_str(&format!(
            "  property{index}: {{type: string, description: 'one of the many properties of a large schema, named many times'}}\n"
        ));
    }
    let mut description = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for index in 0..400 {
        description.push_str(&format!("    Named{index}: {{$ref: 'level24.yaml'}}\n"));
    }
    let files = vec![
        ("openapi.yaml".to_string(), description),
        ("level24.yaml".to_string(), piece),
    ];
    let repository = repository_of(&files);
    let (lines, left, code) = typed_enum_and_left(repository.path());
    // The leaf is reached within the budget, and reported once, where it is written.
    assert_eq!(
        lines,
        ["level24.yaml:3:37: warning[typed-enum]: Enum value 1 must be \"string\"."]
    );
    assert_eq!(code, Some(0));
    // The references past the budget are said, each where it is written, never as an error.
    assert!(!left.is_empty());
    for line in &left {
        assert!(
            line.starts_with("openapi.yaml")
                && line.ends_with(
                    ": warning[unbundled-ref]: `$ref` not followed where Spectral's \
                     rules judge `openapi.yaml`"
                ),
            "{left:#?}"
        );
    }
    // The bundle keeps each reference it leaves once.
    let analysis = common::check(repository.path());
    let workspace = &analysis.workspace;
    let description = workspace
        .document_refs()
        .into_iter()
        .find(|&at| {
            workspace
                .sources
                .get(workspace.document(at).file)
                .path
                .ends_with("openapi.yaml")
        })
        .unwrap();
    let bundle = archlint::spectral::bundle::Bundle::of(workspace, description);
    let spans: std::collections::HashSet<_> = bundle.left().iter().map(|left| left.span).collect();
    assert_eq!((spans.len(), bundle.left().len()), (left.len(), left.len()));
    // The note says which bound, and the help what to do.
    let human = String::from_utf8(check_uncoloured(repository.path()).stdout).unwrap();
    assert!(
        human.contains(
            "= note: put in place, the pieces put into the description would take more than 128 \
             MiB of memory"
        ) && human.contains("= help: write the schemas used many times over in the description"),
        "{human}"
    );
}

/// A chain of 1,500 files, each a schema whose property is the next file: put in place without
/// a bound, the bundle would nest 4,500 levels, past the stack of the rules that walk it. Pieces
/// are put in place while the bundle nests within the loader's depth, and the run ends.
#[test]
fn a_long_chain_of_files_nests_no_deeper_than_a_document_may() {
    let mut files = vec![description_naming("f0.yaml")];
    for index in 0..1500 {
        // One schema near the start breaks a rule: it is reached, and reported where written.
        let kind = if index == 5 {
            "  kind: {type: string, enum: [a, 2]}\n"
        } else {
            ""
        };
        files.push((
            format!("f{index}.yaml"),
            format!(
                "type: object\nproperties:\n  next: {{$ref: 'f{}.yaml'}}\n{kind}",
                index + 1
            ),
        ));
    }
    files.push((
        "f1500.yaml".to_string(),
        "type: string\nenum: [end, 1]\n".to_string(),
    ));
    let repository = repository_of(&files);
    let (lines, left, code) = typed_enum_and_left(repository.path());
    // The end of the chain is past the depth: it is not reached, and nothing false is said.
    assert_eq!(
        lines,
        ["f5.yaml:4:34: warning[typed-enum]: Enum value 2 must be \"string\"."]
    );
    assert_eq!(code, Some(0));
    // The one reference left as written is said, where it is.
    assert_eq!(
        left,
        [
            "f125.yaml:3:16: warning[unbundled-ref]: `$ref` not followed where Spectral's \
          rules judge `openapi.yaml`"
        ]
    );
    // With Spectral's OpenAPI rules off, no rule judges the description (its AsyncAPI ones still
    // run), and nothing is said of what it would have judged.
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: [[spectral:oas, 'off']]\n",
    )
    .unwrap();
    let (left, _) = short_findings(repository.path(), &["unbundled-ref"]);
    assert_eq!(left, Vec::<String>::new());
    // Nor where the only rule on reads the description as written.
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: [[spectral:oas, 'off']]\nrules:\n  as-written:\n    given: $.info\n    \
         resolved: false\n    then: {field: title, function: truthy}\n",
    )
    .unwrap();
    let (left, _) = short_findings(repository.path(), &["unbundled-ref"]);
    assert_eq!(left, Vec::<String>::new());
    // A rule on that judges it as put together: said again.
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: [[spectral:oas, 'off']]\nrules:\n  named:\n    given: $.info\n    \
         then: {field: title, function: truthy}\n",
    )
    .unwrap();
    let (left, _) = short_findings(repository.path(), &["unbundled-ref"]);
    assert_eq!(left.len(), 1);
}

/// A piece that names itself is put in place once, and the reference that closes the cycle
/// names its copy in the bundle: written as a URI fragment, so that a `{` of an AsyncAPI channel
/// is no invalid `$ref`, and a `%` of a member's name is not read as an escape.
#[test]
fn a_cycle_through_a_piece_names_its_copy_by_a_fragment_that_reads_back_the_same() {
    let percent = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3
info: {title: T, version: '1', description: d, contact: {name: x}}
servers: [{url: 'https://api.acme.dev'}]
tags: [{name: a, description: a}]
paths:
  /users:
    get:
      tags: [a]
      description: d
      operationId: listUsers
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'wrapper.yaml'}
",
        ),
        (
            "wrapper.yaml",
            "type: object\nproperties:\n  \"fifty%41off\": {$ref: 'node.yaml'}\n",
        ),
        (
            "node.yaml",
            "type: object
properties:
  name: {type: string}
  back: {$ref: '#'}
example:
  name: n
  back:
    back:
      name: 5
",
        ),
    ]);
    let (lines, _) = short_findings(percent.path(), &["oas3-valid-schema-example"]);
    assert_eq!(
        lines,
        ["node.yaml:9:13: error[oas3-valid-schema-example]: \"name\" property type must be string"]
    );

    let brace = common::repository(&[
        (
            "asyncapi.yaml",
            "asyncapi: 2.6.0
info: {title: T, version: '1.0.0'}
channels:
  user/{id}:
    parameters: {id: {description: id, schema: {type: string}}}
    publish:
      message:
        payload: {$ref: node.yaml}
",
        ),
        (
            "node.yaml",
            "type: object\nproperties:\n  child: {$ref: '#'}\n",
        ),
    ]);
    let (lines, _) = short_findings(
        brace.path(),
        &[
            "asyncapi-payload",
            "asyncapi-schema",
            "event-schema-invalid",
        ],
    );
    assert_eq!(lines, Vec::<String>::new());
}

/// A rule of a team's ruleset with `resolved: false` reads the document as written, beside the
/// built-in rules that read it with its pieces of other files put in place: each judges its own
/// view, whatever the other judged first and whatever the number of threads. Here `Pet` is, as
/// written, a reference into another file, which the rule as written cannot judge.
#[test]
fn a_rule_that_reads_the_document_as_written_shares_nothing_with_the_resolved_ones() {
    let repository = common::repository(&[
        (
            "openapi.yaml",
            "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {name: 5}
components:
  schemas:
    Pet: {$ref: pet.yaml}
",
        ),
        (
            "pet.yaml",
            "type: object\nproperties:\n  name: {type: string}\n",
        ),
        (
            ".spectral.yaml",
            "extends: [[spectral:oas, recommended]]
rules:
  example-as-written:
    resolved: false
    given: '$..content[*]'
    then:
      function: oasExample
      functionOptions: {schemaField: schema, oasVersion: 3, type: media}
",
        ),
    ]);
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let output = archlint()
            .current_dir(repository.path())
            .args(["check", ".", "--format", "short", "--threads", threads])
            .output()
            .unwrap();
        outputs.push(String::from_utf8(output.stdout).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    let judged: Vec<&str> = outputs[0]
        .lines()
        .filter(|line| line.contains("example"))
        .collect();
    assert_eq!(
        judged,
        [
            "openapi.yaml:12:31: error[oas3-valid-media-example]: \"name\" property type must be string"
        ]
    );
}

/// `event-schema-invalid` and the AsyncAPI document's schema both judge a payload's schema: where
/// both report at one place (a schema in another file, which the document's rules now reach),
/// one finding is kept, `event-schema-invalid`'s.
#[test]
fn a_payload_s_schema_in_another_file_is_reported_once() {
    let repository = copied("fixtures/rules/event-schema-invalid/fail-referenced");
    let (lines, _) = short_findings(
        repository.path(),
        &["asyncapi-3-document-resolved", "event-schema-invalid"],
    );
    assert_eq!(
        lines,
        [
            "schemas/stock.yaml:8:16: error[event-schema-invalid]: invalid draft-07 schema: \"zero\" is not of type \"number\""
        ]
    );
}

/// A ruleset's overrides name the files findings are written in: a piece of another file is
/// judged under the overrides of its own file, as archlint's own configuration and suppression
/// comments judge it (Spectral matches a file-only override against the document it was given).
#[test]
fn an_override_for_a_piece_s_file_applies_to_the_findings_written_there() {
    let repository = copied("fixtures/spectral/split");
    fs::write(
        repository.path().join(".spectral.yaml"),
        "extends: [[spectral:oas, recommended]]
overrides:
  - files: ['paths/**']
    rules: {operation-description: 'off'}
",
    )
    .unwrap();
    let (lines, _) = short_findings(repository.path(), &["operation-description"]);
    assert_eq!(lines, Vec::<String>::new());
}

#[test]
fn a_number_beyond_f64_s_range_is_a_number_as_javascript_reads_it() {
    // `1e309` was read as text, so every `type: number` it met was a false error. JavaScript,
    // which Spectral judges with, reads it as `Infinity`: a number, larger than any bound. So
    // is YAML's `.inf`. Spectral 6.16.3 reports the same three findings.
    let yaml = "openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths: {}
components:
  schemas:
    Big: {type: number, example: 1e309}
    Below: {type: number, maximum: 10, example: -1e309}
    Above: {type: number, maximum: 10, example: 1e309}
    Infinite: {type: number, example: -.inf}
    Text: {type: string, example: .inf}
";
    let json = r#"{"openapi": "3.0.3", "info": {"title": "Test", "version": "1.0"}, "paths": {},
 "components": {"schemas": {
  "Big": {"type": "number", "example": 1.5e400},
  "Above": {"type": "number", "maximum": 10, "example": 2E+999}}}}
"#;
    let repository = common::repository(&[("openapi.yaml", yaml), ("openapi.json", json)]);
    let (lines, code) = short_findings(
        repository.path(),
        &["oas3-valid-schema-example", "oas3-schema"],
    );
    assert_eq!(
        lines,
        [
            "openapi.json:4:57: error[oas3-valid-schema-example]: \"example\" property must be <= 10",
            "openapi.yaml:8:49: error[oas3-valid-schema-example]: \"example\" property must be <= 10",
            "openapi.yaml:10:35: error[oas3-valid-schema-example]: \"example\" property type must be string",
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn format_regex_is_what_javascript_compiles() {
    // The crate's check refused `a{,3}` and `[[:alpha:]]`, which JavaScript compiles (and Ajv's
    // `ajv-formats` with it); `\Z` after a character and a reversed range are refused by both.
    let document = r"openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths: {}
components:
  schemas:
    Brace: {type: string, format: regex, example: 'a{,3}'}
    Posix: {type: string, format: regex, example: '[[:alpha:]]'}
    Named: {type: string, format: regex, example: '(?<year>\d{4})-\k<year>'}
    Anchor: {type: string, format: regex, example: 'abc\Z'}
    Reversed: {type: string, format: regex, example: '[z-a]'}
    Inline: {type: string, format: regex, example: '(?i)abc'}
";
    let (lines, code) = schema_example_findings(document);
    assert_eq!(
        lines,
        [
            "openapi.yaml:9:52: error[oas3-valid-schema-example]: \"example\" property must match format \"regex\"",
            "openapi.yaml:10:54: error[oas3-valid-schema-example]: \"example\" property must match format \"regex\"",
            "openapi.yaml:11:52: error[oas3-valid-schema-example]: \"example\" property must match format \"regex\"",
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn an_asyncapi_3_1_document_is_judged_against_its_schema() {
    // 3.1 had no schema here, and its documents went unjudged; a later 3.x is judged by the
    // latest 3.x schema, its own version accepted, as Spectral 6.16.3 does.
    for version in ["3.1.0", "3.2.0"] {
        let document = format!(
            "asyncapi: {version}
info:
  title: Orders
  version: '1'
  bogus: 2
channels:
  orders:
    address: 5
"
        );
        let lines = findings_in("asyncapi.yaml", &document, "asyncapi-3-document-resolved");
        assert_eq!(
            lines,
            [
                "asyncapi.yaml:5:10: error[asyncapi-3-document-resolved]: Property \"bogus\" is not expected to be here",
                "asyncapi.yaml:8:14: error[asyncapi-3-document-resolved]: \"address\" property type must be null,string",
            ],
            "{version}"
        );
    }
}

#[test]
fn a_server_variable_used_by_reference_is_judged_at_the_reference() {
    // AsyncAPI's `components.serverVariables` are used by reference; such a variable went
    // unjudged. Spectral 6.16.3 reports this default, at the variable's definition.
    let document = "asyncapi: 2.6.0
info: {title: Orders, version: '1'}
servers:
  production:
    url: '{region}.broker.example.com'
    protocol: kafka
    variables:
      region:
        $ref: '#/components/serverVariables/Region'
channels: {}
components:
  serverVariables:
    Region: {enum: [eu, us], default: asia}
";
    let lines = findings_in("asyncapi.yaml", document, "asyncapi-server-variables");
    assert_eq!(
        lines,
        [
            "asyncapi.yaml:8:7: error[asyncapi-server-variables]: Server Variable \"region\" has a default not listed in the enum."
        ]
    );
}

#[test]
fn a_channel_or_its_parameters_used_by_reference_are_judged_as_what_they_name() {
    // A whole channel, or a channel's whole `parameters`, written as a local reference was read
    // as written: no parameter described, and `$ref` one too many, two false errors. Spectral
    // 6.16.3 reports the same two facts, each at the reference's target.
    let document = "asyncapi: 2.6.0
info: {title: Orders, version: '1'}
channels:
  shops/{shopId}/orders/{orderId}:
    parameters: {$ref: '#/components/x-order-parameters'}
    subscribe:
      message: {payload: {type: object}}
  shops/{shopId}/shipments/{shipmentId}:
    $ref: '#/components/channels/shipments'
  shops/{shopId}:
    parameters: {$ref: '#/components/x-shop-parameters'}
components:
  x-order-parameters:
    shopId: {schema: {type: string}}
  x-shop-parameters:
    shopId: {schema: {type: string}}
  channels:
    shipments:
      parameters:
        shopId: {schema: {type: string}}
      subscribe:
        message: {payload: {type: object}}
";
    let lines = findings_in("asyncapi.yaml", document, "asyncapi-channel-parameters");
    assert_eq!(
        lines,
        [
            "asyncapi.yaml:5:5: error[asyncapi-channel-parameters]: Not all channel's parameters are described with \"parameters\" object. Missed: orderId.",
            "asyncapi.yaml:8:3: error[asyncapi-channel-parameters]: Not all channel's parameters are described with \"parameters\" object. Missed: shipmentId.",
        ]
    );
}

#[test]
fn path_items_and_operations_used_by_reference_are_judged_as_what_they_name() {
    // A Path Item or an operation written as a local reference was skipped: its repeated
    // `operationId` and its undefined tag went unreported. Spectral 6.16.3 reports the same
    // four facts, each at the reference's target (lines 19, 20, 24 and 25).
    let document = "openapi: 3.1.0
info: {title: Pets, version: '1'}
tags: [{name: pets}]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses: {'200': {description: ok}}
  /cats:
    $ref: '#/components/pathItems/cats'
  /dogs:
    get:
      $ref: '#/components/x-operations/listDogs'
components:
  pathItems:
    cats:
      get:
        operationId: listPets
        tags: [cats]
        responses: {'200': {description: ok}}
  x-operations:
    listDogs:
      operationId: listPets
      tags: [dogs]
      responses: {'200': {description: ok}}
";
    let repository = common::repository(&[("openapi.yaml", document)]);
    let (lines, _) = short_findings(
        repository.path(),
        &["operation-operationId-unique", "operation-tag-defined"],
    );
    assert_eq!(
        lines,
        [
            "openapi.yaml:10:3: error[operation-operationId-unique]: Every operation must have unique \"operationId\".",
            "openapi.yaml:10:3: warning[operation-tag-defined]: Operation tags must be defined in global tags.",
            "openapi.yaml:13:5: error[operation-operationId-unique]: Every operation must have unique \"operationId\".",
            "openapi.yaml:13:5: warning[operation-tag-defined]: Operation tags must be defined in global tags.",
        ]
    );
}

#[test]
fn members_beside_a_ref_are_judged_as_the_specification_reads_them() {
    const EXAMPLE_RULES: [&str; 4] = [
        "oas2-valid-schema-example",
        "oas3-valid-schema-example",
        "oas3-valid-media-example",
        "oas2-valid-media-example",
    ];
    let findings = |name: &str, document: &str| {
        let repository = common::repository(&[(name, document)]);
        short_findings(repository.path(), &EXAMPLE_RULES).0
    };
    // OpenAPI 2 and 3.0: the members beside a `$ref` SHALL be ignored, and an example or a
    // default written there was judged against the schema the reference names: three false
    // errors. Spectral 6.16.3 reports none (its resolved document has no such member).
    let swagger = "swagger: '2.0'
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      parameters:
        - $ref: '#/parameters/Limit'
          x-example: abc
      responses:
        '200':
          description: OK
          schema:
            $ref: '#/definitions/Id'
            default: x
parameters:
  Limit: {name: limit, in: query, type: integer}
definitions:
  Id: {type: integer}
";
    assert_eq!(findings("swagger.yaml", swagger), Vec::<String>::new());
    let openapi_3_0 = "openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths: {}
components:
  schemas:
    Pet:
      $ref: '#/components/schemas/Base'
      example: {name: 5}
    Base:
      type: object
      properties: {name: {type: string}}
";
    assert_eq!(findings("openapi.yaml", openapi_3_0), Vec::<String>::new());
    // OpenAPI 3.1: a Reference Object's members but `summary` and `description` are ignored
    // too (the `content` beside a response's `$ref`); a Schema Object's keywords beside its
    // `$ref` apply with it (JSON Schema 2020-12), so `maximum: 3` refuses the example 10 and the
    // example beside the `$ref` of `id` is judged. Spectral reports neither of the two.
    let openapi_3_1 = "openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Ok'
          content:
            application/json:
              schema: {type: integer}
              example: abc
        '201':
          description: Created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Id'
                maximum: 3
              example: 10
components:
  responses:
    Ok: {description: OK}
  schemas:
    Pet:
      type: object
      properties:
        id:
          $ref: '#/components/schemas/Id'
          example: abc
    Id: {type: integer}
";
    assert_eq!(
        findings("openapi.yaml", openapi_3_1),
        [
            "openapi.yaml:20:24: error[oas3-valid-media-example]: \"example\" property must be <= 3",
            "openapi.yaml:30:20: error[oas3-valid-schema-example]: \"example\" property type must be integer",
        ]
    );
}

#[test]
fn operation_ids_invalid_in_a_url_are_worded_as_spectral_words_them() {
    let document = "swagger: '2.0'
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      operationId: list pets{}
      responses: {'200': {description: OK}}
";
    assert_eq!(
        findings_in(
            "swagger.yaml",
            document,
            "operation-operationId-valid-in-url"
        ),
        [
            "swagger.yaml:6:20: warning[operation-operationId-valid-in-url]: operationId must not contain characters that are invalid when used in URL."
        ]
    );
}

#[test]
fn a_ref_to_json_in_a_file_of_another_extension_is_read_as_json() {
    // An Avro schema in `order.avsc` and a JSON Schema in `order.jsonschema` were opaque text:
    // the Avro message got three false structure errors, and the JSON Schema's default and the
    // example that breaks it went unjudged. Spectral 6.16.3 reports these three findings, on
    // these lines.
    let api = "asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  orders:
    subscribe:
      message:
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {$ref: './schemas/order.avsc'}
  invoices:
    subscribe:
      message:
        payload: {$ref: './schemas/invoice.jsonschema'}
        examples:
          - payload: {id: not-an-integer}
";
    let avro =
        r#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}"#;
    let json_schema = "\u{feff}{
  \"type\": \"object\",
  \"properties\": {\"id\": {\"type\": \"integer\"}},
  \"default\": {\"id\": \"x\"}
}
";
    let repository = common::repository(&[
        ("api.yaml", api),
        ("schemas/order.avsc", avro),
        ("schemas/invoice.jsonschema", json_schema),
    ]);
    let (lines, _) = short_findings(
        repository.path(),
        &[
            "asyncapi-schema",
            "asyncapi-payload-unsupported-schemaFormat",
            "asyncapi-payload-default",
            "asyncapi-message-examples",
            "unresolved-ref",
            "parse-error",
        ],
    );
    assert_eq!(
        lines,
        [
            "api.yaml:7:23: info[asyncapi-payload-unsupported-schemaFormat]: Message schema validation is only supported with default unspecified \"schemaFormat\".",
            "api.yaml:14:27: error[asyncapi-message-examples]: \"id\" property type must be integer",
            "schemas/invoice.jsonschema:4:21: error[asyncapi-payload-default]: \"id\" property type must be integer",
        ]
    );
}

#[test]
fn a_name_where_asyncapi_3_wants_a_reference_is_refused() {
    // AsyncAPI 2 named servers and channels; AsyncAPI 3 wants a Reference Object there, and any
    // value was accepted. Spectral 6.16.3 reports these four lines (and an unexpected member of
    // the channel written inline, which archlint does not judge there).
    let document = "asyncapi: 3.0.0
info: {title: Orders, version: 1.0.0}
servers:
  production: {host: 'kafka.acme.io:9092', protocol: kafka}
channels:
  orders:
    address: orders
    servers:
      - production
    messages:
      OrderCreated: {payload: {type: object}}
operations:
  sendOrder:
    action: send
    channel: orders
    messages:
      - OrderCreated
  receiveOrder:
    action: receive
    channel: {$ref: '#/channels/orders'}
    reply:
      channel: orders
";
    assert_eq!(
        findings_in("asyncapi.yaml", document, "asyncapi-3-document-resolved"),
        [
            "asyncapi.yaml:9:9: error[asyncapi-3-document-resolved]: Item at index 0 must be object",
            "asyncapi.yaml:15:14: error[asyncapi-3-document-resolved]: \"channel\" property type must be object",
            "asyncapi.yaml:17:9: error[asyncapi-3-document-resolved]: Item at index 0 must be object",
            "asyncapi.yaml:22:16: error[asyncapi-3-document-resolved]: \"channel\" property type must be object",
        ]
    );
}

#[test]
fn a_given_goes_on_past_a_local_reference_in_what_it_names() {
    // `payload.default^` and `parameters.*.schema.default^` went no further than a reference
    // into a schema's property, and a channel used by reference under two addresses held one
    // operation, not two. Spectral 6.16.3 reports the same four facts, the first two at the
    // references' targets (lines 27 and 31); the message payload used through the channel
    // references is judged once, where it is written, as Spectral judges it.
    let document = "asyncapi: 2.6.0
info: {title: Orders, version: 1.0.0}
channels:
  users/{userId}:
    parameters:
      userId:
        schema: {$ref: '#/components/schemas/User/properties/id'}
    subscribe:
      operationId: onUser
      message:
        payload: {$ref: '#/components/schemas/Order/properties/qty'}
  eu/orders: {$ref: '#/components/channels/Orders'}
  us/orders: {$ref: '#/components/channels/Orders'}
components:
  channels:
    Orders:
      subscribe:
        operationId: onOrder
        message: {$ref: '#/components/messages/Order'}
  messages:
    Order:
      payload: {type: object, default: 1}
  schemas:
    Order:
      type: object
      properties:
        qty: {type: integer, default: 1.5}
    User:
      type: object
      properties:
        id: {type: integer, default: 0.5}
";
    let wanted = [
        "asyncapi-schema-default",
        "asyncapi-payload-default",
        "asyncapi-operation-operationId-uniqueness",
    ];
    let repository = common::repository(&[("asyncapi.yaml", document)]);
    assert_eq!(
        short_findings(repository.path(), &wanted).0,
        [
            "asyncapi.yaml:7:9: error[asyncapi-schema-default]: \"default\" property type must be integer",
            "asyncapi.yaml:11:9: error[asyncapi-payload-default]: \"default\" property type must be integer",
            "asyncapi.yaml:13:3: error[asyncapi-operation-operationId-uniqueness]: \"operationId\" must be unique across all the operations.",
            "asyncapi.yaml:22:40: error[asyncapi-payload-default]: \"default\" property type must be object",
        ]
    );
    // OpenAPI 3.1: the operations of a Path Item in `components.pathItems` are judged, at the
    // path that uses it (Spectral: at line 12, where the operation is written).
    let openapi = "openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      description: Lists the pets.
      responses: {'200': {description: ok}}
  /cats: {$ref: '#/components/pathItems/cats'}
components:
  pathItems:
    cats:
      get:
        responses: {'200': {description: ok}}
";
    assert_eq!(
        findings_in("openapi.yaml", openapi, "operation-description"),
        [
            "openapi.yaml:8:3: warning[operation-description]: Operation \"description\" must be present and non-empty string."
        ]
    );
}

#[test]
fn an_openapi_3_1_schema_is_read_in_the_dialect_its_schema_keyword_names() {
    // OpenAPI 3.1 lets a Schema Object name its dialect with `$schema`. Read as 2020-12, these
    // two did not compile and their examples went unjudged; read as the drafts they name, each
    // example breaks its schema. (Spectral 6.16.3 reports an error on each example too, that it
    // has no schema for the draft.)
    let document = "openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
paths: {}
components:
  schemas:
    Pair:
      $schema: 'http://json-schema.org/draft-07/schema#'
      type: array
      items:
        - type: string
      example: [1]
    Count:
      $schema: 'http://json-schema.org/draft-04/schema#'
      type: integer
      minimum: 5
      exclusiveMinimum: true
      example: 5
";
    assert_eq!(
        findings_in("openapi.yaml", document, "oas3-valid-schema-example"),
        [
            "openapi.yaml:11:17: error[oas3-valid-schema-example]: Item at index 0 must be string",
            "openapi.yaml:17:16: error[oas3-valid-schema-example]: \"example\" property must be > 5",
        ]
    );
}

#[test]
fn contains_is_worded_with_its_bounds_as_ajv_words_it() {
    // Spectral 6.16.3's two messages; archlint said "at least 1" whatever the bounds.
    let document = "openapi: 3.1.0
info: {title: Pets, version: 1.0.0}
paths: {}
components:
  schemas:
    Three:
      type: array
      contains: {const: 7}
      minContains: 3
      example: [7, 1]
    AtMostOne:
      type: array
      contains: {const: 7}
      maxContains: 1
      example: [7, 7]
";
    assert_eq!(
        findings_in("openapi.yaml", document, "oas3-valid-schema-example"),
        [
            "openapi.yaml:10:7: error[oas3-valid-schema-example]: \"example\" property must contain at least 3 valid item(s)",
            "openapi.yaml:15:7: error[oas3-valid-schema-example]: \"example\" property must contain at least 1 and no more than 1 valid item(s)",
        ]
    );
}

#[test]
fn what_a_reference_names_is_judged_once_and_what_is_written_beside_a_path_item_too() {
    // Four ways following references went wrong before it was right: an `enum` beside a
    // `$ref` (ignored by OpenAPI 3.0) made the reference a match whose `enum` "must exist"; a
    // path item naming another reported that one's undefined tag twice; the operation written
    // beside a path item's `$ref` went unjudged; and a filter read a message's `$ref` rather than
    // the message it names. Spectral 6.16.3 agrees with the first, second and fourth lines.
    let openapi = "openapi: 3.0.3
info: {title: T, version: '1'}
tags: [{name: known}]
paths:
  /a:
    get:
      tags: [unknown]
      responses: {'200': {description: ok}}
  /b: {$ref: '#/paths/~1a'}
  /c:
    $ref: '#/paths/~1a'
    post:
      description: Creates.
      tags: [other]
      responses: {'200': {description: ok}}
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
      enum: [x, y]
    B: {type: string}
";
    let repository = common::repository(&[("openapi.yaml", openapi)]);
    assert_eq!(
        short_findings(
            repository.path(),
            &["duplicated-entry-in-enum", "operation-tag-defined"]
        )
        .0,
        [
            "openapi.yaml:7:14: warning[operation-tag-defined]: Operation tags must be defined in global tags.",
            "openapi.yaml:14:14: warning[operation-tag-defined]: Operation tags must be defined in global tags.",
        ]
    );
    let asyncapi = "asyncapi: 2.6.0
info: {title: T, version: '1'}
channels:
  c:
    subscribe:
      message: {$ref: '#/components/messages/M'}
components:
  messages:
    M:
      schemaFormat: application/vnd.apache.avro;version=1.9.0
      payload:
        type: record
        name: R
        fields: [{name: a, type: string}]
";
    assert_eq!(
        findings_in("asyncapi.yaml", asyncapi, "asyncapi-payload"),
        Vec::<String>::new()
    );
}

#[test]
fn a_channel_name_is_an_rfc_6570_uri_template() {
    // RFC 6570 leaves `'` out of a template's literals; Spectral 6.16.3 reports this line. A
    // dotted variable name (`{user.id}`) is a template, which Spectral refuses and RFC 6570 allows.
    let document = "asyncapi: 2.6.0
info: {title: T, version: '1'}
channels:
  \"customer's/orders\":
    subscribe: {message: {payload: {type: object}}}
  users/{user.id}:
    parameters: {user.id: {schema: {type: string}}}
    subscribe: {message: {payload: {type: object}}}
";
    assert_eq!(
        findings_in("asyncapi.yaml", document, "asyncapi-schema"),
        [
            "asyncapi.yaml:3:1: error[asyncapi-schema]: \"channels\" property must match format \"uri-template\""
        ]
    );
}

#[test]
fn an_enum_error_beside_an_unexpected_property_is_left_out() {
    // The `oneOf` of security schemes: the branches that are not oauth2 refuse its `type`, and
    // that was reported as "must be one of" the other types, a false reason. Spectral places the
    // unexpected `flows` at its key first, so the `type` error has a sibling and is sifted out;
    // these four findings are Spectral 6.16.3's lines.
    let document = "asyncapi: 3.0.0
info: {title: Orders, version: '1'}
channels: {}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: 'https://auth.example.com/token'
          scopes:
            read: read things
";
    let lines = findings_in("asyncapi.yaml", document, "asyncapi-3-document-resolved");
    let places: Vec<&str> = lines
        .iter()
        .map(|line| line.split(": ").next().unwrap_or(line))
        .collect();
    assert_eq!(
        places,
        [
            "asyncapi.yaml:6:5",
            "asyncapi.yaml:8:7",
            "asyncapi.yaml:9:9",
            "asyncapi.yaml:11:11"
        ],
        "{lines:#?}"
    );
}

#[test]
fn a_built_in_rule_judges_what_a_reference_names_once() {
    // `headers: {$ref: ...}` named an object schema and was judged as written, a Reference
    // Object without `type: object`: a false error at every `$ref`'d headers schema. What a
    // reference names is judged at the reference, unless the rule's `given`s reach it where it
    // is written (a component message's headers), where it is judged once.
    let document = "asyncapi: 2.6.0
info: {title: Orders, version: '1'}
channels:
  orders:
    subscribe:
      message:
        headers: {$ref: '#/components/schemas/Headers'}
  refunds:
    subscribe:
      message:
        headers: {$ref: '#/components/schemas/Text'}
  returns:
    subscribe:
      message:
        headers: {$ref: '#/components/messages/Returned/headers'}
components:
  schemas:
    Headers: {type: object, properties: {trace: {type: string}}}
    Text: {type: string}
  messages:
    Returned:
      headers: {type: string}
";
    let lines = findings_in(
        "asyncapi.yaml",
        document,
        "asyncapi-headers-schema-type-object",
    );
    assert_eq!(
        lines,
        [
            "asyncapi.yaml:11:9: error[asyncapi-headers-schema-type-object]: Headers schema type must be \"object\" (\"type\" property must be equal to one of the allowed values: \"object\". Did you mean \"object\"?).",
            "asyncapi.yaml:22:23: error[asyncapi-headers-schema-type-object]: Headers schema type must be \"object\" (\"type\" property must be equal to one of the allowed values: \"object\". Did you mean \"object\"?).",
        ]
    );
}

#[test]
fn a_pattern_javascript_compiles_judges_its_examples() {
    // The crate checks a schema against its meta-schema before compiling it, and refused these
    // patterns there (its own engine reads `format: regex`): the schemas did not compile and
    // their examples went unjudged. Spectral 6.16.3 reports these four findings, at these lines
    // and columns.
    let document = r"openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths: {}
components:
  schemas:
    Escape: {type: string, pattern: 'a\z', example: a}
    Posix: {type: string, pattern: '^[[:alpha:]]+$', example: abc}
    Brace: {type: string, pattern: '^a{,3}$', example: aaa}
    Nested: {type: object, properties: {code: {type: string, pattern: 'a\q'}}, example: {code: a}}
    Matches: {type: string, pattern: 'a\z', example: az}
";
    let (lines, code) = schema_example_findings(document);
    assert_eq!(
        lines,
        [
            "openapi.yaml:6:53: error[oas3-valid-schema-example]: \"example\" property must match pattern \"a\\z\"",
            "openapi.yaml:7:63: error[oas3-valid-schema-example]: \"example\" property must match pattern \"^[[:alpha:]]+$\"",
            "openapi.yaml:8:56: error[oas3-valid-schema-example]: \"example\" property must match pattern \"^a{,3}$\"",
            "openapi.yaml:9:96: error[oas3-valid-schema-example]: \"code\" property must match pattern \"a\\q\"",
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn a_number_without_a_fraction_is_an_integer_however_it_is_written() {
    // Draft 4's letter goes by how a number is written, so OpenAPI 3.0's `type: integer` refused
    // `1.0`; JavaScript cannot tell `1.0` from `1`, and Spectral (Ajv) accepts it. `1.5` is still
    // no integer. Spectral 6.16.3 reports these two findings, with these words, here.
    let document = "openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths: {}
components:
  schemas:
    Whole: {type: integer, example: 1.0}
    Listed: {type: integer, enum: [1, 2], example: 2.0}
    Items: {type: array, items: {type: integer, maximum: 3}, example: [1.0, 3.0, 4.0]}
    Half: {type: integer, example: 1.5}
";
    let (lines, code) = schema_example_findings(document);
    assert_eq!(
        lines,
        [
            "openapi.yaml:8:82: error[oas3-valid-schema-example]: Item at index 2 must be <= 3",
            "openapi.yaml:9:36: error[oas3-valid-schema-example]: \"example\" property type must be integer",
        ]
    );
    assert_eq!(code, Some(1));
}

#[test]
fn an_openapi_3_2_example_is_its_data_value_and_a_tuple_needs_no_items() {
    // OpenAPI 3.2: an example's data may be its `dataValue` (judged as a `value` is) or its
    // `serializedValue` alone (text the schema does not describe). Spectral asks both for a
    // `value`, an error each.
    let document = "openapi: 3.2.0
info: {title: Orders, version: '1'}
paths:
  /orders:
    get:
      parameters:
        - name: page
          in: query
          schema: {type: integer}
          examples:
            data: {dataValue: 2}
            wrong: {dataValue: two}
            serialized: {serializedValue: page=2}
      responses:
        '204': {description: none}
components:
  schemas:
    Pair:
      type: array
      prefixItems: [{type: string}, {type: integer}]
";
    let lines = findings_in("openapi.yaml", document, "oas3-valid-media-example");
    assert_eq!(
        lines,
        [
            "openapi.yaml:12:32: error[oas3-valid-media-example]: \"dataValue\" property type must be integer"
        ]
    );
    // A JSON Schema 2020-12 tuple, written with `prefixItems`, needs no `items` (Spectral reports
    // it: stoplightio/spectral#2646); an array of anything still does, as Spectral asks.
    assert!(findings_in("openapi.yaml", document, "array-items").is_empty());
    let untyped = document.replace("      prefixItems: [{type: string}, {type: integer}]\n", "");
    assert_eq!(
        findings_in("openapi.yaml", &untyped, "array-items"),
        [
            "openapi.yaml:18:5: error[array-items]: Schemas with \"type: array\", require a sibling \"items\" field"
        ]
    );
}

/// A map of components written as a `$ref` to a file of them (`parameters: {$ref:
/// parameters.yaml}`, as sendgrid's and lago's descriptions do) is no component named `$ref`
/// that nothing uses; a component of the map that nothing uses still is one.
#[test]
fn a_map_of_components_written_as_a_reference_is_no_unused_component() {
    let document = "openapi: 3.0.3
info: {title: Test, version: '1.0'}
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Used'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    $ref: parameters.yaml
  schemas:
    Unused: {type: string}
";
    let parameters = "Used: {name: q, in: query, schema: {type: string}}
";
    let repository =
        common::repository(&[("openapi.yaml", document), ("parameters.yaml", parameters)]);
    let (lines, _) = short_findings(repository.path(), &["oas3-unused-component"]);
    assert_eq!(
        lines,
        [
            "openapi.yaml:12:5: warning[oas3-unused-component]: Potentially unused component has been detected."
        ]
    );
}

/// Only an OAuth 2.0 scheme is asked for the scopes a requirement lists: an OpenID Connect
/// scheme's are its provider's, and any other scheme's list names roles under OpenAPI 3.1 (as
/// OAI's own `non-oauth-scopes` example does) and must be empty under 3.0, which is said.
#[test]
fn only_oauth_schemes_are_asked_for_their_scopes() {
    let document = |version: &str| {
        format!(
            "openapi: {version}
info: {{title: Test, version: '1.0'}}
paths:
  /a:
    get:
      security:
        - oidc: [openid, email]
        - bearer: [admin]
        - oauth: [read, write]
        - mistyped: [read, write]
      responses: {{'200': {{description: ok}}}}
components:
  securitySchemes:
    oidc: {{type: openIdConnect, openIdConnectUrl: 'https://example.com/.well-known/openid-configuration'}}
    bearer: {{type: http, scheme: bearer}}
    # A type no specification knows: its scopes are asked for, as an OAuth 2.0 scheme's.
    mistyped:
      type: OAuth2
      flows: {{implicit: {{authorizationUrl: 'https://example.com/authorize', scopes: {{read: read it}}}}}}
    oauth:
      type: oauth2
      flows: {{implicit: {{authorizationUrl: 'https://example.com/authorize', scopes: {{read: read it}}}}}}
"
        )
    };
    let rule = "oas3-operation-security-defined";
    assert_eq!(
        findings_in("openapi.yaml", &document("3.0.3"), rule),
        [
            "openapi.yaml:8:20: warning[oas3-operation-security-defined]: \"admin\": a scheme of type \"http\" has no scopes, its list must be empty.",
            "openapi.yaml:9:25: warning[oas3-operation-security-defined]: \"write\" must be listed among scopes.",
            "openapi.yaml:10:28: warning[oas3-operation-security-defined]: \"write\" must be listed among scopes.",
        ]
    );
    assert_eq!(
        findings_in("openapi.yaml", &document("3.1.0"), rule),
        [
            "openapi.yaml:9:25: warning[oas3-operation-security-defined]: \"write\" must be listed among scopes.",
            "openapi.yaml:10:28: warning[oas3-operation-security-defined]: \"write\" must be listed among scopes.",
        ]
    );
}
