//! The command line as users run it: exit codes, formats, configuration, `rules`, `explain`.

mod common;

use assert_cmd::Command;
use common::repository;
use predicates::prelude::*;
use std::fs;
use std::path::Path;
use std::time::Duration;

fn archlint() -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .timeout(Duration::from_secs(60));
    command
}

/// Makes a named pipe at `path`: opening one for reading waits for a writer.
#[cfg(unix)]
fn named_pipe(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// `archlint check REPO`, with more arguments to add.
fn check(repo: &Path) -> Command {
    let mut command = archlint();
    command.arg("check").arg(repo);
    command
}

const BROKEN: &str = "non_functional_requirements:\n  quality:\n    - Code coverage: > 80%\n";
const CLEAN: &str = "services:\n  order_service:\n    responsibility: Orders\n";

#[test]
fn the_bundled_example_reports_the_seed_yaml_error_with_a_hint() {
    archlint()
        .args(["check", "fixtures/ecommerce"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[parse-error]: invalid YAML: while scanning a block scalar",
        ))
        .stdout(predicate::str::contains(
            "┌─ fixtures/ecommerce/non_functional_requirements.yaml:24:22",
        ))
        .stdout(predicate::str::contains("quote the value: \"> 80%\""))
        .stdout(
            predicate::str::is_match(r"\n\d+ errors, \d+ warnings, \d+ infos in 13 files\n$")
                .unwrap(),
        );
}

#[test]
fn the_readme_states_the_bundled_example_counts() {
    let output = archlint()
        .args(["check", "fixtures/ecommerce"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let summary = regex::Regex::new(r"(\d+) errors, (\d+) warnings, (\d+) infos in 13 files\n$")
        .unwrap()
        .captures(&stdout)
        .expect("a summary line");
    let stated = format!(
        "flaws included: {} errors, {} warnings and {} infos",
        &summary[1], &summary[2], &summary[3]
    );
    let readme = fs::read_to_string("README.md").unwrap().replace('\n', " ");
    assert!(readme.contains(&stated), "the README should say `{stated}`");
}

#[test]
fn short_format_is_one_line_per_problem_relative_to_the_current_folder() {
    let short = "fixtures/ecommerce/non_functional_requirements.yaml:24:22: error[parse-error]: \
                 invalid YAML: while scanning a block scalar, did not find expected comment or \
                 line break\n";
    archlint()
        .args(["check", "fixtures/ecommerce", "--format", "short"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("\n{short}")));
    archlint()
        .current_dir("fixtures")
        .args(["check", "ecommerce", "--format", "short"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "\necommerce/non_functional_requirements.yaml:24:22: error[parse-error]",
        ))
        .stdout(predicate::str::starts_with("ecommerce/api/openapi.yaml:"));
    // The problem-matcher regex documented in the README reads the line.
    let readme = fs::read_to_string("README.md").unwrap();
    let documented = readme
        .split("```regex\n")
        .nth(1)
        .and_then(|rest| rest.split('\n').next())
        .map(str::trim)
        .expect("the README documents the problem-matcher regex in a ```regex block");
    let regex = regex::Regex::new(documented).unwrap();
    let captures = regex
        .captures(short.trim_end())
        .expect("the regex reads the short format");
    assert_eq!(
        &captures[1],
        "fixtures/ecommerce/non_functional_requirements.yaml"
    );
    assert_eq!((&captures[2], &captures[3]), ("24", "22"));
    assert_eq!((&captures[4], &captures[5]), ("error", "parse-error"));
    assert!(captures[6].starts_with("invalid YAML"));
}

#[test]
fn json_format_is_a_stable_documented_object() {
    let output = archlint()
        .args(["check", "fixtures/ecommerce", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["tool"]["name"], "archlint");
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let diagnostic = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["rule"] == "parse-error")
        .unwrap();
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(
        diagnostic["file"],
        "fixtures/ecommerce/non_functional_requirements.yaml"
    );
    assert_eq!(
        diagnostic["start"],
        serde_json::json!({"line": 24, "column": 22})
    );
    assert_eq!(
        diagnostic["end"],
        serde_json::json!({"line": 24, "column": 22})
    );
    assert_eq!(diagnostic["labels"][0]["primary"], true);
    assert_eq!(
        diagnostic["notes"][0],
        "nothing in this file is checked until it loads"
    );
    assert!(
        diagnostic["help"]
            .as_str()
            .unwrap()
            .contains("quote the value")
    );
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|diagnostic| diagnostic["severity"] == severity)
            .count()
    };
    assert_eq!(json["summary"]["errors"], count("error"));
    assert_eq!(json["summary"]["warnings"], count("warning"));
    assert_eq!(json["summary"]["infos"], count("info"));
    assert!(count("error") > 1 && count("warning") > 1 && count("info") > 1);
    assert!(json["summary"]["files"].as_u64().unwrap() >= 10);
}

#[test]
fn exit_code_zero_when_clean() {
    let repo = repository(&[("services.yaml", CLEAN)]);
    check(repo.path())
        .assert()
        .code(0)
        .stdout("no problems in 1 file\n");
}

#[test]
fn fail_on_sets_the_threshold() {
    let repo = repository(&[
        ("archlint.yaml", "rules:\n  parse-error: warning\n"),
        ("requirements.yaml", BROKEN),
    ]);
    let run = |fail_on: &str| {
        check(repo.path())
            .args(["--fail-on", fail_on, "--format", "short"])
            .assert()
            .stdout(predicate::str::contains("warning[parse-error]"))
    };
    run("error").code(0);
    run("warning").code(1);
    run("info").code(1);
    run("never").code(0);
    archlint()
        .args(["check", "fixtures/ecommerce", "--fail-on", "never"])
        .assert()
        .code(0);
}

#[test]
fn a_rule_turned_off_reports_nothing() {
    let repo = repository(&[
        (
            ".archlint.yaml",
            "rules:\n  parse-error: {severity: \"off\"}\n",
        ),
        ("requirements.yaml", BROKEN),
    ]);
    check(repo.path())
        .assert()
        .code(0)
        .stdout("no problems in 1 file\n");
}

#[test]
fn a_config_with_mistakes_is_reported_at_each_place_and_exits_2() {
    let repo = repository(&[
        (
            "archlint.yaml",
            "rules:\n  parse-eror: error\n  duplicate-key: fatal\nexclude: 3\n",
        ),
        ("services.yaml", CLEAN),
    ]);
    check(repo.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("archlint.yaml:2:3"))
        .stderr(predicate::str::contains("unknown rule `parse-eror`"))
        .stderr(predicate::str::contains("did you mean `parse-error`?"))
        .stderr(predicate::str::contains("archlint.yaml:3:18"))
        .stderr(predicate::str::contains("`fatal` is not a level"))
        .stderr(predicate::str::contains("archlint.yaml:4:10"))
        .stderr(predicate::str::contains(
            "this takes a glob, or a list of globs",
        ))
        .stderr(predicate::str::contains("has 3 mistakes"));
}

#[test]
fn a_config_that_is_not_yaml_exits_2() {
    let repo = repository(&[("archlint.yaml", "rules: [\n"), ("services.yaml", CLEAN)]);
    check(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("archlint.yaml:"));
}

#[test]
fn config_option_names_the_file() {
    let repo = repository(&[
        ("lint/strict.yaml", "rules:\n  parse-error: \"off\"\n"),
        ("requirements.yaml", BROKEN),
    ]);
    check(repo.path())
        .arg("--config")
        .arg(repo.path().join("lint/strict.yaml"))
        .assert()
        .code(0);
    check(repo.path())
        .args(["--config", "no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr("archlint: error: configuration file `no/such/file.yaml` does not exist\n");
    check(repo.path())
        .args(["--config", "lint"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr("archlint: error: configuration file `lint` is a folder, not a file\n");
}

#[test]
fn include_and_exclude_globs_and_gitignore_outside_git() {
    let repo = repository(&[
        (
            "archlint.yaml",
            "exclude: [\"legacy/**\", \"*.draft.yaml\"]\n",
        ),
        ("legacy/old.yaml", BROKEN),
        ("docs/new.draft.yaml", BROKEN),
        (".gitignore", "generated/\n"),
        ("generated/out.yaml", BROKEN),
        ("services.yaml", CLEAN),
    ]);
    check(repo.path())
        .arg("--verbose")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "old.yaml: excluded by the configuration",
        ))
        .stderr(predicate::str::contains(
            "new.draft.yaml: excluded by the configuration",
        ))
        .stderr(predicate::str::contains(
            "archlint.yaml: the configuration file",
        ));
    let only = repository(&[
        ("archlint.yaml", "include: [\"architecture/**\"]\n"),
        ("architecture/services.yaml", CLEAN),
        ("elsewhere/broken.yaml", BROKEN),
    ]);
    check(only.path()).assert().code(0);
    // A configuration named by a bare file name: its globs are relative to the current folder.
    let named = repository(&[
        ("lint.yaml", "exclude: [\"legacy/*.yaml\"]\n"),
        ("legacy/old.yaml", BROKEN),
        ("services.yaml", CLEAN),
    ]);
    check(Path::new("."))
        .args(["--config", "lint.yaml"])
        .current_dir(named.path())
        .assert()
        .code(0);
}

#[test]
fn skipped_files_and_documents_are_listed_with_verbose() {
    let repo = repository(&[
        ("services.yaml", CLEAN),
        ("docker-compose.yaml", "version: '3'\nservices_list: []\n"),
        ("main.rs", "fn main() {}\n"),
    ]);
    check(repo.path())
        .arg("-v")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "docker-compose.yaml: not an architecture document",
        ))
        .stderr(predicate::str::contains(
            "main.rs: not a .yaml, .yml, .json, .jsonc or .md file",
        ));
}

#[test]
fn each_skipped_document_says_why_and_an_unsupported_version_says_so_unasked() {
    let repo = repository(&[
        ("services.yaml", CLEAN),
        (
            "docker-compose.yaml",
            "services:\n  db:\n    image: postgres:16\n    depends_on:\n      cache: {condition: service_started}\n  cache:\n    image: redis:7\n",
        ),
        (
            "deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
        ),
        (
            "skeleton/catalog-info.yaml",
            "metadata:\n  name: x\n  {%- if values.description %}\n  description: y\n  {%- endif %}\n",
        ),
        (
            "events-api/async.json",
            "{\"asyncapi\": \"1.2.0\", \"topics\": {}}",
        ),
    ]);
    check(repo.path())
        .arg("-v")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "docker-compose.yaml: a Docker Compose file",
        ))
        .stderr(predicate::str::contains(
            "deploy.yaml: a `Deployment` manifest of `apps/v1`",
        ))
        .stderr(predicate::str::contains(
            "catalog-info.yaml: a template with `{% ... %}` or `{{ ... }}` tags",
        ));
    let unsupported = "async.json: AsyncAPI 1.2.0 is not supported";
    check(repo.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(unsupported))
        .stderr(predicate::str::contains("Docker Compose").not());
    check(repo.path())
        .arg("--quiet")
        .assert()
        .stderr(predicate::str::contains(unsupported).not());
}

/// Which document of a file is skipped is said only of a file of several (a YAML stream).
#[test]
fn a_skipped_document_of_a_stream_is_named_by_its_place() {
    let repo = repository(&[
        ("services.yaml", CLEAN),
        (
            "deploy.yaml",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
        ),
    ]);
    check(repo.path())
        .arg("-v")
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "deploy.yaml (document 2): a `Deployment` manifest of `apps/v1`",
        ));
}

#[test]
fn an_inline_definition_of_an_unsupported_version_is_said_to_be_skipped() {
    // A Backstage API's `definition: |` of OpenAPI 3.3 is not judged by an older structure, and
    // archlint says so as it says of such a file.
    let repo = repository(&[(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: orders}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: |\n    openapi: 3.3.0\n    info: {title: Orders, version: '1'}\n    paths: {}\n",
    )]);
    check(repo.path())
        .args(["--format", "short"])
        .assert()
        .stderr(predicate::str::contains(
            "catalog-info.yaml: OpenAPI 3.3.0 is not supported",
        ))
        .stdout(predicate::str::contains("oas3-schema").not());
}

#[test]
fn no_architecture_documents_exits_0_and_says_so() {
    let repo = repository(&[("README.md", "# Hello\n"), ("ci.yaml", "steps: []\n")]);
    check(repo.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no architecture documents found"));
}

#[test]
fn markdown_that_is_no_decision_record_is_listed_with_verbose() {
    let repo = repository(&[
        ("README.md", "# Hello\n"),
        ("docs/guide.md", "# Deploying\n"),
        ("docs/adr/template.md", "# Title\n\n## Status\n"),
        (
            "adr-001-use-adrs.md",
            "# Architecture Decision Record: Use ADRs\n\n## Context\nx\n\n## Decision\ny\n\n## Status\nAccepted\n\n## Consequences\nz\n",
        ),
    ]);
    let output = check(repo.path()).arg("--verbose").assert().code(0);
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("guide.md: not a decision record (not in an `adr`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("README.md: a README, index or template, not a decision record"),
        "{stderr}"
    );
    assert!(stderr.contains("template.md: a README"), "{stderr}");
    assert!(!stderr.contains("adr-001-use-adrs.md"), "{stderr}");
    // Unasked, what is not a decision record goes without saying.
    check(repo.path()).assert().code(0).stderr("");
}

#[test]
fn missing_path_and_bad_arguments_exit_2() {
    archlint()
        .args(["check", "no/such/folder"])
        .assert()
        .code(2)
        .stderr("archlint: error: path `no/such/folder` does not exist\n");
    archlint()
        .args(["check", ".", "--format", "xml"])
        .assert()
        .code(2);
    archlint().arg("frobnicate").assert().code(2);
}

#[test]
fn colour_follows_the_color_option() {
    let has_escape = |args: &[&str]| {
        let output = archlint().args(args).output().unwrap();
        String::from_utf8(output.stdout).unwrap().contains('\u{1b}')
    };
    assert!(has_escape(&[
        "check",
        "fixtures/ecommerce",
        "--color",
        "always"
    ]));
    assert!(!has_escape(&[
        "check",
        "fixtures/ecommerce",
        "--color",
        "never"
    ]));
    // Not a terminal: `auto` means no colour.
    assert!(!has_escape(&["check", "fixtures/ecommerce"]));
}

#[test]
fn colour_follows_the_environment_as_clap_does() {
    let has_escape = |environment: &[(&str, &str)], args: &[&str]| {
        let output = archlint()
            .args(["check", "fixtures/ecommerce"])
            .args(args)
            .envs(environment.iter().copied())
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().contains('\u{1b}')
    };
    // `CLICOLOR_FORCE` asks for colour where no terminal is (a CI log that renders it)...
    assert!(has_escape(&[("CLICOLOR_FORCE", "1")], &[]));
    // ... unless `NO_COLOR` says no, or the command line does.
    assert!(!has_escape(
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        &[]
    ));
    assert!(!has_escape(
        &[("CLICOLOR_FORCE", "1")],
        &["--color", "never"]
    ));
}

#[test]
fn rules_lists_every_rule() {
    archlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(
            predicate::str::is_match(r"(?m)^parse-error\s+document\s+error\s+a file that").unwrap(),
        )
        .stdout(predicate::str::contains("duplicate-key"))
        .stdout(predicate::str::contains("schema-violation"))
        // Spectral's rules name the ruleset they come from; archlint's own say nothing more.
        .stdout(
            predicate::str::is_match(r#"(?m)^operation-tags\s+oas\s+warning\s+Operation must have non-empty "tags" array\. \(from spectral:oas\)$"#)
                .unwrap(),
        )
        .stdout(
            predicate::str::is_match(r"(?m)^asyncapi-tags\s+asyncapi\s+.* \(from spectral:asyncapi\)$")
                .unwrap(),
        )
        .stdout(predicate::str::is_match(r"(?m)^parse-error .*limit$").unwrap());
    let output = archlint()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, archlint::rules::Registry::built_in().names());
    assert_eq!(rules[0]["family"], "document");
    assert_eq!(rules[0]["default_severity"], "error");
}

#[test]
fn explain_prints_the_documentation() {
    archlint()
        .args(["explain", "duplicate-key"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# duplicate-key\n"))
        .stdout(predicate::str::contains("## What it reports"))
        .stdout(predicate::str::contains("## Fix"));
    archlint()
        .args(["explain", "duplicate-keys"])
        .assert()
        .code(2)
        .stderr("archlint: error: unknown rule `duplicate-keys`; did you mean `duplicate-key`?\n");
}

#[test]
fn version_and_help() {
    archlint()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("archlint {}\n", env!("CARGO_PKG_VERSION")));
    for command in ["check", "rules", "explain"] {
        archlint().args([command, "--help"]).assert().code(0);
    }
}

#[test]
fn output_is_the_same_bytes_whatever_the_thread_count() {
    let run = |threads: &str| {
        archlint()
            .args([
                "check",
                "fixtures",
                "--format",
                "json",
                "--threads",
                threads,
            ])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    for threads in ["2", "4", "8"] {
        assert!(one == run(threads), "output differs with {threads} threads");
    }
}

/// A description of more than 256 KiB is a large document: it is read in two parts side by side,
/// and its walks and its rules' matches are shared among the threads. Each of its findings is
/// found once, whatever their number.
#[test]
fn a_large_description_gets_each_finding_once_whatever_the_thread_count() {
    let operations = 2_000;
    // One response, deep in the paths, misspells `description`.
    let misspelt = 1_234;
    let paths: Vec<String> = (0..operations)
        .map(|index| {
            let description = if index == misspelt {
                "descripton"
            } else {
                "description"
            };
            format!(
                r#""/items/{index}": {{"get": {{"operationId": "item{index}", "tags": ["items"], "responses": {{"200": {{"{description}": "ok", "content": {{"application/json": {{"schema": {{"type": "integer"}}, "example": "item {index}"}}}}}}}}}}}}"#
            )
        })
        .collect();
    let description = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "Items", "version": "1", "description": "Items.", "contact": {{"name": "Items", "url": "https://example.org", "email": "items@example.org"}}}}, "servers": [{{"url": "https://api.example.org"}}], "tags": [{{"name": "items", "description": "Items."}}], "paths": {{{}}}}}"#,
        paths.join(", ")
    );
    // Written a member a line, as descriptions are: a large one is read in two, side by side.
    let value: serde_json::Value = serde_json::from_str(&description).unwrap();
    let description = serde_json::to_string_pretty(&value).unwrap();
    assert!(description.len() > 256 * 1024, "{}", description.len());
    let repo = repository(&[("openapi.json", &description)]);
    let run = |threads: &str| {
        let output = check(repo.path())
            .args([
                "--format",
                "json",
                "--fail-on",
                "never",
                "--threads",
                threads,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        output.stdout
    };
    let one = run("1");
    let report: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let count = |rule: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|diagnostic| diagnostic["rule"] == rule)
            .count()
    };
    // Every operation lacks a description, and every example is a string for an integer.
    assert_eq!(count("operation-description"), operations);
    assert_eq!(count("oas3-valid-media-example"), operations);
    // The structure's verdict, split among the threads, still finds the one misspelt key.
    assert_eq!(count("oas3-schema"), 2, "{}", String::from_utf8_lossy(&one));
    for threads in ["2", "4"] {
        assert!(one == run(threads), "output differs with {threads} threads");
    }
}

fn assert_hostile(repo: &Path, expected: &str) {
    check(repo)
        .args(["--format", "short"])
        .timeout(Duration::from_secs(30))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expected));
}

#[test]
fn hostile_deep_nesting_block_and_flow() {
    let depth = 100_000;
    let flow = repository(&[(
        "deep.yaml",
        &format!("a: {}{}", "[".repeat(depth), "]".repeat(depth)),
    )]);
    assert_hostile(
        flow.path(),
        "deep.yaml:1:260: error[parse-error]: nesting deeper than 256 levels",
    );
    let flow_maps = repository(&[(
        "deep.yaml",
        &format!("{}x{}", "{a: ".repeat(depth), "}".repeat(depth)),
    )]);
    assert_hostile(
        flow_maps.path(),
        "error[parse-error]: nesting deeper than 256 levels",
    );
    let block = repository(&[("deep.yaml", &format!("{}x\n", "- ".repeat(depth)))]);
    assert_hostile(
        block.path(),
        "deep.yaml:1:513: error[parse-error]: nesting deeper than 256 levels",
    );
    let json = repository(&[(
        "deep.json",
        &format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
    )]);
    assert_hostile(
        json.path(),
        "deep.json:1:257: error[parse-error]: nesting deeper than 256 levels",
    );
}

#[test]
fn hostile_files() {
    let fail = Path::new("fixtures/rules/parse-error/fail");
    let cases = [
        (
            "billion-laughs.yaml",
            "error[parse-error]: alias expansion exceeds the budget",
        ),
        (
            "latin1.yaml",
            "latin1.yaml:2:6: error[parse-error]: invalid UTF-8: byte 0xe9",
        ),
        (
            "binary.yaml",
            "binary.yaml:1:1: error[parse-error]: binary file",
        ),
    ];
    for (file, expected) in cases {
        let repo = tempfile::tempdir().unwrap();
        fs::copy(fail.join(file), repo.path().join(file)).unwrap();
        assert_hostile(repo.path(), expected);
    }
    let duplicate = repository(&[("services.yaml", "services:\n  a: {}\n  a: {}\n")]);
    assert_hostile(duplicate.path(), "services.yaml:3:3: error[duplicate-key]");
}

/// A file whose aliases double 10 anchored nodes `levels` times.
fn laughing(levels: usize) -> String {
    let mut text = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_string();
    let mut previous = 'a';
    for name in ('b'..='z').take(levels) {
        text.push_str(&format!("{name}: &{name} [*{previous}, *{previous}]\n"));
        previous = name;
    }
    text
}

#[test]
fn hostile_the_alias_budget_bounds_the_whole_run_whatever_the_threads() {
    // Each file's aliases add 180,176 nodes: under the budget of 1,000,000 alone, over it
    // together. The budget is the run's, charged in path order: the sixth file crosses it.
    let text = laughing(13);
    let files: Vec<(String, &str)> = (0..10)
        .map(|n| (format!("part-{n}.yaml"), text.as_str()))
        .collect();
    let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let repo = repository(&named);
    let run = |threads: &str| {
        let output = check(repo.path())
            .args(["--format", "short", "--fail-on", "never"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let alone = run("1");
    let failed: Vec<&str> = alone
        .lines()
        .filter(|line| line.contains("alias expansion exceeds"))
        .collect();
    assert_eq!(failed.len(), 5, "{alone}");
    assert!(failed[0].contains("part-5.yaml"), "{alone}");
    assert!(
        failed[0].contains("the run's budget of 1000000 nodes"),
        "{alone}"
    );
    // A file stopped by the budget is charged what it built, not the alias that would cross it:
    // the files after it are told of no more than the budget.
    let spent: usize = failed[1]
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(' '))
        .and_then(|(number, _)| number.parse().ok())
        .unwrap_or_else(|| panic!("a count of nodes in {}", failed[1]));
    assert!(spent <= 1_000_000, "{}", failed[1]);
    for threads in ["2", "4"] {
        assert_eq!(run(threads), alone, "with {threads} threads");
    }
}

#[test]
fn an_empty_file_is_fine() {
    let repo = repository(&[
        ("empty.yaml", ""),
        ("empty.json", ""),
        ("services.yaml", CLEAN),
    ]);
    check(repo.path())
        .assert()
        .code(0)
        .stdout("no problems in 3 files\n");
}

#[test]
fn over_the_size_limit() {
    let repo = repository(&[
        ("archlint.yaml", "limits:\n  max_file_size: 10\n"),
        ("services.yaml", CLEAN),
    ]);
    assert_hostile(
        repo.path(),
        "services.yaml:1:1: error[parse-error]: the file is 54 bytes, over the size limit of 10 bytes",
    );
}

#[cfg(unix)]
#[test]
fn hostile_symlink_loop() {
    let repo = repository(&[("services.yaml", CLEAN)]);
    std::os::unix::fs::symlink(repo.path(), repo.path().join("loop")).unwrap();
    assert_hostile(repo.path(), "error[parse-error]: symbolic link loop");
}

#[cfg(unix)]
#[test]
fn an_ignore_file_that_is_not_a_file_is_reported_not_read() {
    // The walker reads a folder's ignore files whole as it enters it: `/dev/zero` would fill the
    // memory, a named pipe would wait for ever.
    let repo = repository(&[("services.yaml", CLEAN), ("sub/services.yaml", CLEAN)]);
    std::os::unix::fs::symlink("/dev/zero", repo.path().join("sub/.gitignore")).unwrap();
    fs::create_dir_all(repo.path().join("piped")).unwrap();
    named_pipe(&repo.path().join("piped/.ignore"));
    let (lines, _, code) = short_lines(repo.path(), &[]);
    assert_eq!(
        lines,
        [
            "piped/.ignore:1:1: error[parse-error]: this ignore file is not a regular file: the folder it is in is not walked",
            "sub/.gitignore:1:1: error[parse-error]: this ignore file is not a regular file: the folder it is in is not walked",
        ]
    );
    assert_eq!(code, 1);
    std::os::unix::fs::symlink("/dev/zero", repo.path().join(".gitignore")).unwrap();
    let (lines, _, _) = short_lines(repo.path(), &[]);
    assert_eq!(
        lines,
        [
            ".gitignore:1:1: error[parse-error]: this ignore file is not a regular file: the folder it is in is not walked"
        ]
    );
    // The walker reads the ignore files of the folders above the one checked as well.
    fs::create_dir_all(repo.path().join("clean")).unwrap();
    fs::write(repo.path().join("clean/services.yaml"), CLEAN).unwrap();
    let (lines, stderr, code) = short_lines(&repo.path().join("clean"), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(lines[0].ends_with("error[parse-error]: this ignore file is not a regular file: the folder it is in is not walked"), "{lines:?}");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_outside_the_root_is_not_entered_and_a_link_to_nothing_else_is_passed_over() {
    let place = tempfile::tempdir().unwrap();
    let outside = place.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    // Outside, a broken link that the walk would report if it went there.
    std::os::unix::fs::symlink("nowhere.yaml", outside.join("broken.yaml")).unwrap();
    let repo = repository(&[("services.yaml", CLEAN)]);
    std::os::unix::fs::symlink(&outside, repo.path().join("linked")).unwrap();
    // Links to nothing named as no document is: not documents, not reported.
    std::os::unix::fs::symlink("nowhere.png", repo.path().join("logo.png")).unwrap();
    std::os::unix::fs::symlink("nowhere", repo.path().join("latest")).unwrap();
    let (lines, stderr, code) = short_lines(repo.path(), &["--verbose"]);
    assert_eq!((lines, code), (Vec::<String>::new(), 0), "{stderr}");
    assert!(
        stderr.contains("a symbolic link to a folder outside the repository root: not followed"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_configuration_or_ruleset_found_that_is_no_file_stops_the_run_instead_of_being_passed_over() {
    for (name, kind) in [
        ("archlint.yaml", "configuration"),
        (".spectral.yaml", "ruleset"),
    ] {
        let repo = repository(&[("services.yaml", CLEAN)]);
        std::os::unix::fs::symlink("/dev/zero", repo.path().join(name)).unwrap();
        let (lines, stderr, code) = short_lines(repo.path(), &[]);
        assert_eq!((lines, code), (Vec::<String>::new(), 2), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "cannot read the {kind} `{name}`: it is not a regular file"
            )),
            "{stderr}"
        );
    }
    let repo = repository(&[("services.yaml", CLEAN)]);
    std::os::unix::fs::symlink("nowhere.yaml", repo.path().join("archlint.yaml")).unwrap();
    let (_, stderr, code) = short_lines(repo.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "cannot read the configuration `archlint.yaml`: a broken symbolic link (to `nowhere.yaml`)"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn what_cannot_be_read_is_told_in_words_in_file_order() {
    let repo = repository(&[("b.yaml", BROKEN)]);
    let dir = repo.path();
    std::os::unix::fs::symlink("nowhere.yaml", dir.join("a.yaml")).unwrap();
    // A loop of links no document would be read through (no extension) is passed over.
    std::os::unix::fs::symlink("loop2", dir.join("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", dir.join("loop2")).unwrap();
    std::os::unix::fs::symlink("c2.yaml", dir.join("c1.yaml")).unwrap();
    std::os::unix::fs::symlink("c1.yaml", dir.join("c2.yaml")).unwrap();
    let (lines, _, code) = short_lines(dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "a.yaml:1:1: error[parse-error]: a broken symbolic link (to `nowhere.yaml`): not read",
            "b.yaml:3:22: error[parse-error]: invalid YAML: while scanning a block scalar, did not find expected comment or line break",
            "c1.yaml:1:1: error[parse-error]: cannot read: too many levels of symbolic links",
            "c2.yaml:1:1: error[parse-error]: cannot read: too many levels of symbolic links",
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_checklist_that_is_not_a_file_is_not_read() {
    let repo = repository(&[
        ("services.yaml", CLEAN),
        ("archlint.yaml", "checklist: list.yaml\n"),
    ]);
    named_pipe(&repo.path().join("list.yaml"));
    // Opening a named pipe waits for a writer: the run would never end.
    archlint()
        .current_dir(repo.path())
        .arg("checklist")
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the checklist `list.yaml`: it is not a regular file (a named pipe, socket or device)",
        ));
}

#[test]
fn a_second_checkout_named_beside_the_repository_is_read_however_the_first_is_named() {
    // (The first is a repository of its own, else both are read as parts of the folder above.)
    let first = repository(&[("archlint.yaml", ""), ("services.yaml", CLEAN)]);
    let second = repository(&[("services.yaml", BROKEN)]);
    // Named as the repository's root or as one of its files, the first reads the second too.
    for named in [".", "services.yaml"] {
        let (lines, _, code) = short_lines(
            first.path(),
            &[named, second.path().join("services.yaml").to_str().unwrap()],
        );
        assert_eq!(code, 1, "{named}");
        assert!(
            lines.iter().any(|line| line.contains("error[parse-error]")),
            "{named}: {lines:?}"
        );
    }
}

#[test]
fn an_empty_configuration_configures_nothing_however_it_is_written() {
    // An empty file is no YAML document at all; `---` alone is one empty document. Both are the
    // defaults, as no configuration is; a checklist named there that is a folder is said to be.
    for written in ["", "---\n", "# nothing yet\n---\n"] {
        let repo = repository(&[("archlint.yaml", written), ("services.yaml", CLEAN)]);
        let (lines, stderr, code) = short_lines(repo.path(), &[]);
        assert_eq!(
            (lines.len(), code),
            (0, 0),
            "{written:?}: {lines:?} {stderr}"
        );
    }
    let repo = repository(&[
        ("archlint.yaml", "checklist: ''\n"),
        ("services.yaml", CLEAN),
    ]);
    archlint()
        .current_dir(repo.path())
        .arg("checklist")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is a folder, not a file"));
    // A setting of several forms written in none of them is told so, not in the schema's words.
    let repo = repository(&[
        ("archlint.yaml", "checklist: {}\n"),
        ("services.yaml", CLEAN),
    ]);
    let (_, stderr, code) = short_lines(repo.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "a mapping is not allowed here: it fits none of the forms this setting takes"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("oneOf"), "{stderr}");
}

#[test]
fn a_limit_too_large_to_hold_is_told_at_its_place() {
    // Read as a float (1e23), it fitted the schema's "integer" and failed later, with no place.
    let repo = repository(&[
        (
            "archlint.yaml",
            "limits: {max_file_size: 99999999999999999999999}\n",
        ),
        ("services.yaml", CLEAN),
    ]);
    let (_, stderr, code) = short_lines(repo.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error[config]: `1e+23` is too large: the largest allowed is"),
        "{stderr}"
    );
    assert!(stderr.contains("┌─ archlint.yaml:1:25"), "{stderr}");
}

#[test]
fn decision_records_alone_are_something_to_check() {
    let record = "# ADR 1: Use Kafka\n\n## Status\nAcepted\n";
    let repo = repository(&[
        ("README.md", "# Hello\n"),
        ("docs/adr/0001-kafka.md", record),
    ]);
    check(repo.path())
        .args(["--format", "short"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "docs/adr/0001-kafka.md:4:1: error[adr-invalid-status]",
        ))
        .stderr(predicate::str::contains("no architecture documents").not());
}

/// The lines of `archlint check --format short` on `repo` (run from inside it), and the code.
fn short_lines(repo: &Path, args: &[&str]) -> (Vec<String>, String, i32) {
    let output = archlint()
        .current_dir(repo)
        .args(["check", "--format", "short"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (
        stdout.lines().map(str::to_string).collect(),
        stderr,
        output.status.code().unwrap(),
    )
}

/// A service with the `dependencies` given (services that do not exist, mostly), one per line.
fn services_with_unknown_dependencies(unknowns: &[&str]) -> String {
    let mut text =
        String::from("services:\n  order_service:\n    responsibility: Orders\n    depends_on:\n");
    for unknown in unknowns {
        text.push_str(&format!("      - {unknown}\n"));
    }
    text
}

#[test]
fn baseline_round_trip() {
    let repo = repository(&[(
        "services.yaml",
        &services_with_unknown_dependencies(&["ghost_a", "ghost_b"]),
    )]);
    let dir = repo.path();
    // Write: every current violation recorded, sorted, one per line; nothing left to fail on.
    let (lines, stderr, code) = short_lines(dir, &["--write-baseline", ".archlint-baseline.json"]);
    assert_eq!((lines.len(), code), (0, 0), "{lines:?}");
    assert!(stderr.contains("recorded 2 violations"), "{stderr}");
    let written = fs::read_to_string(dir.join(".archlint-baseline.json")).unwrap();
    let baseline: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["violations"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["file"], "services.yaml");
    assert_eq!(entries[0]["rule"], "unknown-service");
    assert_eq!(
        entries[0]["subject"],
        "/services/order_service/depends_on/*"
    );
    assert!(entries[0]["message"].as_str().unwrap().contains("ghost_a"));
    assert_eq!(
        written
            .lines()
            .filter(|line| line.contains("\"rule\""))
            .count(),
        2
    );
    // Writing again gives the same bytes.
    short_lines(dir, &["--write-baseline", ".archlint-baseline.json"]);
    assert_eq!(
        fs::read_to_string(dir.join(".archlint-baseline.json")).unwrap(),
        written
    );

    // Re-run: hidden, exit 0, and the count said.
    check(dir)
        .args(["--baseline"])
        .arg(dir.join(".archlint-baseline.json"))
        .assert()
        .code(0)
        .stdout("no problems in 1 file; 2 known violations hidden\n");

    // A new violation: exit 1, only it is shown.
    fs::write(
        dir.join("services.yaml"),
        services_with_unknown_dependencies(&["ghost_a", "ghost_b", "ghost_c"]),
    )
    .unwrap();
    let (lines, stderr, code) = short_lines(dir, &["--baseline", ".archlint-baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("`ghost_c`"), "{lines:?}");
    assert!(stderr.contains("2 known violations hidden"), "{stderr}");

    // Lines inserted above the baselined findings, and an item above them in their list: still
    // hidden.
    let shifted = format!(
        "# A comment\n# and another\n\n{}",
        services_with_unknown_dependencies(&[
            "{service: auth_service, timeout: 1s}",
            "ghost_a",
            "ghost_b",
        ])
    )
    .replace(
        "services:\n",
        "services:\n  auth_service:\n    responsibility: Auth\n",
    );
    fs::write(dir.join("services.yaml"), shifted).unwrap();
    let (lines, _, code) = short_lines(dir, &["--baseline", ".archlint-baseline.json"]);
    assert_eq!((lines.len(), code), (0, 0), "{lines:?}");

    // A baselined violation fixed: its entry is stale, reported, and fails only when strict.
    fs::write(
        dir.join("services.yaml"),
        services_with_unknown_dependencies(&["ghost_a"]),
    )
    .unwrap();
    check(dir)
        .arg("--baseline")
        .arg(dir.join(".archlint-baseline.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[baseline]: stale entry: `unknown-service` at services.yaml#/services/order_service/depends_on/* no longer reports: dependency `ghost_b` is not a defined service",
        ))
        .stdout(predicate::str::contains("1 violation in the baseline no longer matches"))
        .stdout(predicate::str::ends_with("no problems in 1 file; 1 known violation hidden\n"));
    let (_, stderr, code) = short_lines(
        dir,
        &["--baseline", ".archlint-baseline.json", "--strict-baseline"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("stale entry"), "{stderr}");
}

#[test]
fn a_baseline_of_a_hundred_violations_does_not_hide_the_hundred_and_first() {
    let names: Vec<String> = (0..100).map(|index| format!("ghost_{index:03}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let text = services_with_unknown_dependencies(&names);
    let repo = repository(&[("services.yaml", &text)]);
    let dir = repo.path();
    let (_, _, code) = short_lines(dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0);
    let (lines, stderr, code) = short_lines(dir, &["--baseline", "baseline.json"]);
    assert_eq!((lines.len(), code), (0, 0));
    assert!(stderr.contains("100 known violations hidden"), "{stderr}");
    // The 101st: the same dependency once more (an identical finding) is still new.
    let mut more = names.clone();
    more.push("ghost_042");
    fs::write(
        dir.join("services.yaml"),
        services_with_unknown_dependencies(&more),
    )
    .unwrap();
    let (lines, stderr, code) = short_lines(dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("services.yaml:105:9: error[unknown-service]"),
        "{lines:?}"
    );
    assert!(stderr.contains("100 known violations hidden"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_baseline_is_written_only_as_a_regular_file() {
    use std::os::unix::fs::FileTypeExt;
    let repo = repository(&[(
        "services.yaml",
        &services_with_unknown_dependencies(&["ghost"]),
    )]);
    let dir = repo.path();
    named_pipe(&dir.join("pipe.json"));
    fs::create_dir(dir.join("folder.json")).unwrap();
    // A rename over a named pipe or a folder would replace it: both are refused, and left be.
    for (target, problem) in [
        (
            "pipe.json",
            "it is a named pipe, socket or device, not a file",
        ),
        ("folder.json", "it is a folder, not a file"),
        ("folder.json/", "it is a folder, not a file"),
    ] {
        let (_, stderr, code) = short_lines(dir, &["--write-baseline", target]);
        assert_eq!(code, 2, "{target}: {stderr}");
        assert!(
            stderr.starts_with(&format!(
                "archlint: error: cannot write the baseline `{target}`: {problem}"
            )),
            "{target}: {stderr}"
        );
    }
    assert!(
        fs::metadata(dir.join("pipe.json"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(dir.join("folder.json").is_dir());
    // Through a link, the file it names is written and the link stays, even when the file is
    // not there yet; a link to a pipe is refused as the pipe is. (The link is outside the
    // repository: a link to nothing in it is a document that cannot be read.)
    let elsewhere = tempfile::tempdir().unwrap();
    fs::create_dir(elsewhere.path().join("kept")).unwrap();
    let link = elsewhere.path().join("link");
    std::os::unix::fs::symlink("kept/baseline.json", &link).unwrap();
    std::os::unix::fs::symlink("pipe.json", dir.join("to-pipe.json")).unwrap();
    let (_, stderr, code) = short_lines(dir, &["--write-baseline", link.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = fs::read_to_string(elsewhere.path().join("kept/baseline.json")).unwrap();
    assert!(written.contains("ghost"), "{written}");
    let (_, stderr, code) = short_lines(dir, &["--write-baseline", "to-pipe.json"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("named pipe"), "{stderr}");
}

/// `--write-baseline services.yaml`, a document's name by a slip, would replace the document:
/// a file that is there and is no baseline is refused before the run, and left as it was. A
/// baseline of another version, or an empty file, is replaced; the new file keeps the old one's
/// owner (run as root, it would otherwise belong to root).
#[test]
fn write_baseline_replaces_a_baseline_only_and_keeps_its_owner() {
    let services = services_with_unknown_dependencies(&["ghost"]);
    let repo = repository(&[("services.yaml", &services), ("empty.json", "")]);
    let dir = repo.path();
    let (_, stderr, code) = short_lines(dir, &["--write-baseline", "services.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "archlint: error: cannot write the baseline `services.yaml`: it exists and is no archlint baseline"
        ),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("services.yaml")).unwrap(),
        services
    );

    fs::write(
        dir.join("old.json"),
        r#"{"version": 0, "violations": [1, "x"]}"#,
    )
    .unwrap();
    for replaced in ["old.json", "empty.json"] {
        let (_, stderr, code) = short_lines(dir, &["--write-baseline", replaced]);
        assert_eq!(code, 0, "{replaced}: {stderr}");
        let written = fs::read_to_string(dir.join(replaced)).unwrap();
        assert!(written.contains("ghost"), "{replaced}: {written}");
    }

    // Giving a file away is root's alone: as anyone else, the owner is the writer, as it was.
    use std::os::unix::fs::MetadataExt;
    let baseline = dir.join("old.json");
    let given = std::os::unix::fs::chown(&baseline, Some(4321), Some(4321)).is_ok();
    let (_, stderr, code) = short_lines(dir, &["--write-baseline", "old.json"]);
    assert_eq!(code, 0, "{stderr}");
    if given {
        let metadata = fs::metadata(&baseline).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4321));
    }
}

#[test]
fn counts_too_large_to_add_up_are_still_told() {
    let repo = repository(&[("services.yaml", CLEAN)]);
    let entry = r#"{"file": "services.yaml", "rule": "unknown-service", "subject": "/services/x", "message": "gone", "count": 4294967295}"#;
    fs::write(
        repo.path().join("baseline.json"),
        format!(r#"{{"version": 1, "violations": [{entry}, {entry}]}}"#),
    )
    .unwrap();
    let (_, stderr, code) = short_lines(repo.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("at services.yaml#/services/x no longer reports: gone"),
        "{stderr}"
    );
    assert!(
        stderr.contains("8589934590 violations in the baseline no longer match"),
        "{stderr}"
    );
}

#[test]
fn a_missing_or_broken_baseline_exits_2() {
    let repo = repository(&[
        ("services.yaml", CLEAN),
        ("broken.json", "{\"version\": 1}"),
        // A run would say it skips this one: the baseline is looked at before any run.
        ("old.yaml", "asyncapi: 1.2.0\n"),
    ]);
    fs::create_dir(repo.path().join("folder.json")).unwrap();
    for (baseline, problem) in [
        ("nope.json", "does not exist"),
        ("folder.json", "is a folder, not a file"),
    ] {
        let (_, stderr, code) = short_lines(repo.path(), &["--baseline", baseline]);
        assert_eq!(code, 2);
        assert_eq!(
            stderr,
            format!("archlint: error: baseline file `{baseline}` {problem}\n")
        );
    }
    let (_, stderr, code) = short_lines(repo.path(), &["--baseline", "broken.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("archlint: error: ") && stderr.contains("is not a baseline file"),
        "{stderr}"
    );
    archlint()
        .args(["check", ".", "--strict-baseline"])
        .assert()
        .code(2);
}

#[test]
fn files_as_arguments_report_only_those_files_but_read_the_whole_repository() {
    let repo = repository(&[
        ("archlint.yaml", "rules: {}\n"),
        (
            "a/orders.yaml",
            "services:\n  order_service:\n    responsibility: Orders\n    depends_on: [{service: payment_service, timeout: 1s}, ghost_a]\n",
        ),
        (
            "b/payments.yaml",
            "services:\n  payment_service:\n    responsibility: Payments\n    depends_on: [ghost_b]\n",
        ),
    ]);
    let dir = repo.path();
    // Named file: its finding is shown; the one in b/ is not; `payment_service` is defined in a
    // file that was not named, and is known all the same.
    let (lines, _, code) = short_lines(dir, &["a/orders.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("a/orders.yaml:4:59: error[unknown-service]"),
        "{lines:?}"
    );
    let (lines, _, _) = short_lines(dir, &["b/payments.yaml"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("`ghost_b`"), "{lines:?}");
    // Both files, from a sub-folder and without a configuration: the git root is the root.
    fs::remove_file(dir.join("archlint.yaml")).unwrap();
    fs::create_dir(dir.join(".git")).unwrap();
    let output = archlint()
        .current_dir(dir.join("a"))
        .args([
            "check",
            "--format",
            "short",
            "orders.yaml",
            "../b/payments.yaml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(!stdout.contains("payment_service`"), "{stdout}");
}

#[test]
fn overrides_apply_rule_settings_to_matching_files() {
    let repo = repository(&[
        (
            "archlint.yaml",
            "rules:\n  missing-responsibility: error\noverrides:\n  - files: [\"legacy/**\"]\n    rules:\n      missing-responsibility: \"off\"\n      unknown-service: warning\n  - files: [\"legacy/strict/**\"]\n    rules:\n      missing-responsibility: info\n",
        ),
        ("services.yaml", "services:\n  a: {domain: x}\n"),
        (
            "legacy/old.yaml",
            "services:\n  b: {domain: x, depends_on: [ghost]}\n",
        ),
        ("legacy/strict/older.yaml", "services:\n  c: {domain: x}\n"),
    ]);
    let (lines, _, code) = short_lines(repo.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "legacy/old.yaml:2:31: warning[unknown-service]: dependency `ghost` is not a defined service",
            "legacy/strict/older.yaml:2:3: info[missing-responsibility]: service `c` has no responsibility",
            "services.yaml:2:3: error[missing-responsibility]: service `a` has no responsibility",
        ]
    );
}

#[test]
fn overrides_options_apply_to_their_files_only() {
    let chain = |prefix: &str| {
        let names: Vec<String> = (0..4).map(|index| format!("{prefix}{index}")).collect();
        let mut text = String::from("services:\n");
        for (index, name) in names.iter().enumerate() {
            let next = names
                .get(index + 1)
                .map(|next| format!(", depends_on: [{{service: {next}, timeout: 1s}}]"))
                .unwrap_or_default();
            text.push_str(&format!("  {name}: {{responsibility: R{next}}}\n"));
        }
        text
    };
    let repo = repository(&[
        (
            "archlint.yaml",
            "overrides:\n  - files: [\"strict/**\"]\n    rules:\n      sync-chain-depth: {options: {max_depth: 2}}\n",
        ),
        ("loose/a.yaml", &chain("a")),
        ("strict/b.yaml", &chain("b")),
    ]);
    let (lines, _, _) = short_lines(repo.path(), &["--fail-on", "never"]);
    let chains: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("sync-chain-depth"))
        .collect();
    assert_eq!(chains.len(), 1, "{lines:?}");
    assert!(chains[0].starts_with("strict/b.yaml:2:3:"), "{chains:?}");
}

/// Overrides that repeat the same options share one run of the rule, and one that repeats the
/// options of `rules:` shares its run: each file still gets the options of the last override
/// that sets them.
#[test]
fn overrides_with_the_same_options_apply_them_to_each_of_their_files() {
    let chain = |prefix: &str| {
        let mut text = String::from("services:\n");
        for index in 0..4 {
            let next = if index < 3 {
                format!(
                    ", depends_on: [{{service: {prefix}{}, timeout: 1s}}]",
                    index + 1
                )
            } else {
                String::new()
            };
            text.push_str(&format!("  {prefix}{index}: {{responsibility: R{next}}}\n"));
        }
        text
    };
    let options = |depth: usize| format!("{{options: {{max_depth: {depth}}}}}");
    let config = format!(
        "rules:\n  sync-chain-depth: {}\noverrides:\n\
         - files: [\"strict/**\"]\n  rules: {{sync-chain-depth: {}}}\n\
         - files: [\"loose/**\"]\n  rules: {{sync-chain-depth: {}}}\n\
         - files: [\"other/**\"]\n  rules: {{sync-chain-depth: {}}}\n\
         - files: [\"mid/**\"]\n  rules: {{sync-chain-depth: {}}}\n",
        options(5),
        options(2),
        options(5),
        options(2),
        options(3),
    );
    let repo = repository(&[
        ("archlint.yaml", &config),
        ("a.yaml", &chain("a")),
        ("strict/b.yaml", &chain("b")),
        ("loose/c.yaml", &chain("c")),
        ("other/d.yaml", &chain("d")),
        ("mid/e.yaml", &chain("e")),
    ]);
    let (lines, _, _) = short_lines(repo.path(), &["--fail-on", "never"]);
    let chains: Vec<&str> = lines
        .iter()
        .filter(|line| line.contains("sync-chain-depth"))
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(chains, ["other/d.yaml", "strict/b.yaml"], "{lines:?}");
}

#[test]
fn overrides_mistakes_are_located() {
    let repo = repository(&[
        (
            "archlint.yaml",
            "overrides:\n  - files: [\"legacy/[\"]\n    rules:\n      unknown-servce: \"off\"\n  - rules: {}\n",
        ),
        ("services.yaml", CLEAN),
    ]);
    check(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("archlint.yaml:2:13"))
        .stderr(predicate::str::contains("invalid glob `legacy/[`"))
        .stderr(predicate::str::contains("archlint.yaml:4:7"))
        .stderr(predicate::str::contains("did you mean `unknown-service`?"))
        .stderr(predicate::str::contains("archlint.yaml:5:5"))
        .stderr(predicate::str::contains(
            "`files` is missing here, and is required",
        ))
        .stderr(predicate::str::contains("has 3 mistakes"));
}

#[test]
fn quiet_and_statistics() {
    let repo = repository(&[(
        "services.yaml",
        "services:\n  a: {domain: x, depends_on: [ghost_a, ghost_b]}\n",
    )]);
    check(repo.path())
        .arg("--quiet")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[unknown-service]"))
        .stdout(predicate::str::contains("in 1 file").not());
    check(repo.path())
        .args(["--quiet", "--format", "short", "--statistics"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[unknown-service]"))
        .stderr("     2  error    unknown-service\n     1  warning  missing-responsibility\n");
    check(repo.path())
        .args(["--statistics", "--fail-on", "warning", "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with(
            "     2  error    unknown-service\n     1  warning  missing-responsibility\n2 errors, 1 warning in 1 file\n",
        ));
    let clean = repository(&[("README.md", "# nothing\n")]);
    check(clean.path())
        .arg("-q")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn every_format_is_accepted_on_the_command_line() {
    for format in [
        "human", "short", "json", "sarif", "github", "junit", "gitlab",
    ] {
        archlint()
            .args(["check", "fixtures/formats", "--format", format])
            .assert()
            .code(1)
            .stdout(predicate::str::is_empty().not());
    }
}

#[test]
fn gitlab_fingerprints_do_not_change_when_lines_move() {
    let text = services_with_unknown_dependencies(&["ghost_a", "ghost_b"]);
    let repo = repository(&[("services.yaml", &text)]);
    let fingerprints = || {
        let output = archlint()
            .current_dir(repo.path())
            .args(["check", "--format", "gitlab"])
            .output()
            .unwrap();
        let issues: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        issues
            .iter()
            .map(|issue| issue["fingerprint"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = fingerprints();
    assert_eq!(before.len(), 2);
    fs::write(
        repo.path().join("services.yaml"),
        format!("# moved\n\n{text}"),
    )
    .unwrap();
    assert_eq!(fingerprints(), before);
}

#[test]
fn suppressions_in_yaml_jsonc_and_markdown() {
    let repo = repository(&[
        (
            "services.yaml",
            "services:\n  a:\n    responsibility: A\n    depends_on:\n      # archlint-disable-next-line unknown-service -- an external API\n      - ghost\n      - other_ghost\n",
        ),
        (
            "more.jsonc",
            "{\n  /* archlint-disable missing-responsibility -- owned elsewhere */\n  \"services\": {\"b\": {\"domain\": \"x\"},},\n}\n",
        ),
        (
            "notes.md",
            "# Notes\n\n<!-- archlint-disable-next-line dependency-cycle -- left behind -->\nText.\n",
        ),
    ]);
    let (lines, _, code) = short_lines(repo.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "notes.md:3:33: warning[unused-suppression]: suppression of `dependency-cycle` silences nothing",
            "services.yaml:7:9: error[unknown-service]: dependency `other_ghost` is not a defined service",
        ]
    );
}

#[test]
fn every_whole_file_suppression_of_a_rule_is_used_by_the_diagnostics_it_silences() {
    // The whole-file suppressions of one rule are marked used together, once for all the
    // diagnostics they silence; one of another rule in the same file is still unused.
    let mut text = String::from("services:\n  a:\n    responsibility: A\n    depends_on:\n");
    for index in 0..200 {
        text.push_str(&format!("      - ghost_{index}\n"));
    }
    for index in 0..3 {
        text.push_str(&format!(
            "# archlint-disable unknown-service -- external, {index}\n"
        ));
    }
    text.push_str("# archlint-disable dependency-cycle -- none here\n");
    let repo = repository(&[("services.yaml", text.as_str())]);
    let (lines, _, code) = short_lines(repo.path(), &[]);
    assert_eq!(
        lines,
        [
            "services.yaml:208:20: warning[unused-suppression]: suppression of `dependency-cycle` silences nothing"
        ]
    );
    assert_eq!(code, 0);
}

#[test]
fn completions_and_man_page_come_from_the_command_definition() {
    let script = |shell: &str| {
        let output = archlint().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        String::from_utf8(output.stdout).unwrap()
    };
    let bash = script("bash");
    for word in [
        "archlint",
        "check",
        "--fail-on",
        "--write-baseline",
        "sarif",
        "completions",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    assert!(script("zsh").starts_with("#compdef archlint"));
    assert!(script("fish").contains("complete -c archlint"));
    if let Ok(status) = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .status()
    {
        assert!(
            status.success(),
            "the bash completion script does not parse"
        );
    }
    archlint().args(["completions", "tcsh"]).assert().code(2);
    let man = archlint().arg("man").output().unwrap();
    let man = String::from_utf8(man.stdout).unwrap();
    assert!(man.contains(".TH archlint 1"), "{man}");
    assert!(man.contains(".SH NAME"));
    for command in ["check", "graph", "rules", "explain", "completions"] {
        assert!(man.contains(command), "the man page lacks {command}");
    }
}

/// A `short` line as GitHub's problem matchers in `.github/archlint-problem-matcher.json` read
/// it: file, line, column, severity (the pattern's group, or its matcher's default), rule and
/// message; `None` when no matcher reads it. Two matchers reading one line would be ambiguous.
fn read_with_the_problem_matcher(line: &str) -> Option<[String; 6]> {
    let file: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(".github/archlint-problem-matcher.json").unwrap())
            .unwrap();
    let mut read: Vec<[String; 6]> = Vec::new();
    for matcher in file["problemMatcher"].as_array().unwrap() {
        assert!(matcher["owner"].as_str().unwrap().starts_with("archlint"));
        let pattern = &matcher["pattern"][0];
        let regex = regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
        let Some(captures) = regex.captures(line) else {
            continue;
        };
        let group = |name: &str| {
            pattern[name]
                .as_u64()
                .map(|index| captures[index as usize].to_string())
        };
        let severity = group("severity")
            .or_else(|| matcher["severity"].as_str().map(str::to_string))
            .expect("a severity, matched or the matcher's");
        read.push([
            group("file").unwrap(),
            group("line").unwrap(),
            group("column").unwrap(),
            severity,
            group("code").unwrap(),
            group("message").unwrap(),
        ]);
    }
    assert!(read.len() <= 1, "two matchers read {line}: {read:?}");
    read.pop()
}

#[test]
fn the_problem_matcher_reads_every_line_of_the_short_format() {
    // An OpenAPI document with Spectral's rules all on, among them rules whose names have capitals,
    // `$` and `.`, and a ruleset's rule whose name has a space, brackets and `: `, at `info`,
    // whose message holds `]: `.
    let repo = repository(&[
        (
            "api, v1.yaml",
            "openapi: 3.0.0\ninfo: {title: Bad Title, version: \"1\"}\nservers: [{url: \"https://example.com\"}]\npaths:\n  /a:\n    get:\n      operationId: x\n      responses: {\"200\": {description: ok}}\n  /b:\n    get:\n      operationId: x\n      responses: {\"200\": {description: ok}}\ncomponents:\n  schemas:\n    A: {type: object}\n    B: {$ref: '#/components/schemas/A', description: sibling}\n",
        ),
        (
            ".spectral.yaml",
            "extends: [[spectral:oas, all]]\nrules:\n  \"team[v2].Title: casing $x\":\n    given: $.info.title\n    severity: info\n    message: \"title ]: {{value}} is not kebab\"\n    then: {function: casing, functionOptions: {type: kebab}}\n",
        ),
    ]);
    // The regex the README documents for editors reads them the same way.
    let readme = fs::read_to_string("README.md").unwrap();
    let documented = readme
        .split("```regex\n")
        .nth(1)
        .and_then(|rest| rest.split('\n').next())
        .map(|line| regex::Regex::new(line.trim()).unwrap())
        .unwrap();
    let mut rules = std::collections::BTreeSet::new();
    for (folder, paths) in [
        (Path::new("."), vec!["fixtures/formats".to_string()]),
        (repo.path(), vec![".".to_string()]),
    ] {
        let run = |format: &str| {
            archlint()
                .current_dir(folder)
                .arg("check")
                .args(&paths)
                .args(["--format", format])
                .output()
                .unwrap()
                .stdout
        };
        let short = String::from_utf8(run("short")).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&run("json")).unwrap();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        assert_eq!(short.lines().count(), diagnostics.len(), "{short}");
        for (line, diagnostic) in short.lines().zip(diagnostics) {
            let [file, line_number, column, severity, rule, message] =
                read_with_the_problem_matcher(line)
                    .unwrap_or_else(|| panic!("no matcher reads {line}"));
            assert_eq!(file, diagnostic["file"].as_str().unwrap(), "{line}");
            assert_eq!(line_number, diagnostic["start"]["line"].to_string());
            assert_eq!(column, diagnostic["start"]["column"].to_string());
            // As `--format github` annotates: info is a notice, which GitHub knows.
            let expected = match diagnostic["severity"].as_str().unwrap() {
                "info" => "notice",
                other => other,
            };
            assert_eq!(severity, expected, "{line}");
            assert_eq!(rule, diagnostic["rule"].as_str().unwrap(), "{line}");
            assert_eq!(message, diagnostic["message"].as_str().unwrap(), "{line}");
            let captures = documented.captures(line).unwrap();
            assert_eq!(
                (&captures[5], &captures[6]),
                (rule.as_str(), message.as_str())
            );
            rules.insert(rule);
        }
    }
    for rule in [
        "operation-operationId-unique",
        "no-$ref-siblings",
        "oas3-server-not-example.com",
        "team[v2].Title: casing $x",
        "unconsumed-event",
        "duplicate-key",
    ] {
        assert!(rules.contains(rule), "{rule} not among {rules:?}");
    }
    // A message holding a line break is one line, which the matcher reads whole.
    let read = read_with_the_problem_matcher(
        "a.yaml:1:2: error[parse-error]: invalid YAML: \\n at `x]: y`",
    )
    .unwrap();
    assert_eq!(read[4], "parse-error");
    assert_eq!(read[5], "invalid YAML: \\n at `x]: y`");
}

#[test]
fn the_pre_commit_hook_is_declared() {
    let hooks = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    for line in [
        "- id: archlint",
        "entry: archlint check",
        "language: rust",
        "types_or: [yaml, json, markdown]",
        "pass_filenames: true",
        "require_serial: true",
    ] {
        assert!(hooks.contains(line), "lacks `{line}`");
    }
}

#[test]
fn hostile_jsonc_a_quote_in_a_comment_does_not_hide_deep_nesting() {
    let depth = 100_000;
    let repo = repository(&[(
        "deep.jsonc",
        &format!("// \"\n{}{}", "[".repeat(depth), "]".repeat(depth)),
    )]);
    assert_hostile(
        repo.path(),
        "deep.jsonc:2:257: error[parse-error]: nesting deeper than 256 levels",
    );
}

#[test]
fn the_readme_vs_code_task_reads_the_documented_short_format() {
    let readme = fs::read_to_string("README.md").unwrap();
    let documented = readme
        .split("```regex\n")
        .nth(1)
        .and_then(|rest| rest.split('\n').next())
        .map(str::trim)
        .unwrap();
    let task = readme
        .split("### VS Code")
        .nth(1)
        .and_then(|section| section.split("```json\n").nth(1))
        .and_then(|block| block.split("\n```").next())
        .expect("the README shows a VS Code task");
    let task: serde_json::Value = serde_json::from_str(task).expect("the task is JSON");
    let matcher = &task["tasks"][0]["problemMatcher"];
    assert_eq!(matcher["pattern"]["regexp"], documented);
    assert!(
        task["tasks"][0]["command"]
            .as_str()
            .unwrap()
            .contains("--format short")
    );
}

#[test]
fn a_reader_that_stops_early_is_no_trouble() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // Far more than a pipe holds: 3,000 services depending on one nobody defined.
    let services: String = (0..3000)
        .map(|n| format!("  service_{n}: {{responsibility: r, dependencies: [ghost]}}\n"))
        .collect();
    let repo = repository(&[("architecture.yaml", &format!("services:\n{services}"))]);
    for (format, code) in [("short", 1), ("json", 1), ("sarif", 1), ("gitlab", 1)] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("archlint"))
            .args(["check", "--format", format])
            .arg(repo.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The pipe is closed here, with most of the report unread (`archlint check | head -1`).
        let output = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{format}");
        assert_eq!(output.status.code(), Some(code), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
    }
}

#[test]
fn a_standard_error_no_one_reads_is_no_trouble_either() {
    use std::process::Stdio;
    let repo = repository(&[("architecture.yaml", BROKEN)]);
    let empty = tempfile::tempdir().unwrap();
    let baseline = repo.path().join("baseline.json");
    let missing = repo.path().join("missing");
    // What each run says on stderr: the trouble that ends it, the baseline it wrote, that it
    // found nothing to check.
    let runs: [(Vec<&std::ffi::OsStr>, i32); 4] = [
        (vec!["check".as_ref(), missing.as_os_str()], 2),
        // A report of its own on stdout, its notes ("2 known violations hidden") on stderr.
        (
            vec![
                "check".as_ref(),
                repo.path().as_os_str(),
                "--format".as_ref(),
                "json".as_ref(),
                "--write-baseline".as_ref(),
                baseline.as_os_str(),
            ],
            0,
        ),
        (
            vec![
                "check".as_ref(),
                repo.path().as_os_str(),
                "--write-baseline".as_ref(),
                baseline.as_os_str(),
            ],
            0,
        ),
        (vec!["check".as_ref(), empty.path().as_os_str()], 0),
    ];
    for (args, code) in runs {
        // The reading end is gone before the run starts (`archlint check 2>&1 | head -1` once
        // `head` has its line), so every write to stderr fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("archlint"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
    assert!(baseline.is_file());
    // A full disk under stderr (`2>/dev/full`) fails each write rather than closing: the report
    // on stdout is whole, and its exit code stands.
    #[cfg(target_os = "linux")]
    {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin!("archlint"))
            .args(["check", "--format", "json", "--baseline"])
            .arg(&baseline)
            .arg(repo.path())
            .stdout(Stdio::null())
            .stderr(full)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
    }
}

#[cfg(unix)]
#[test]
fn hostile_named_pipe_is_not_opened() {
    let repo = repository(&[("services.yaml", CLEAN)]);
    named_pipe(&repo.path().join("pipe.yaml"));
    assert_hostile(
        repo.path(),
        "pipe.yaml:1:1: error[parse-error]: not a regular file",
    );
    // A reference to it is to something that exists and is no file: not "does not exist".
    fs::write(
        repo.path().join("api.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /v1/a:\n    get:\n\
         \x20     security: []\n      responses:\n        '404': {$ref: 'pipe.yaml#/x'}\n",
    )
    .unwrap();
    assert_hostile(
        repo.path(),
        "api.yaml:8:23: error[unresolved-ref]: `$ref` target `pipe.yaml#/x` is not a file",
    );
}

#[test]
fn rule_options_are_checked_where_they_are_written() {
    let repo = repository(&[
        (
            "archlint.yaml",
            "rules:\n  sync-chain-depth: {options: {max_dept: 2}}\n  \
             unquantified-nfr: {options: {exempt_categories: budget}}\n\
             overrides:\n  - files: [legacy/**]\n    rules:\n      \
             unversioned-api: {options: {strategy: query}}\n",
        ),
        ("services.yaml", CLEAN),
    ]);
    check(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`sync-chain-depth` has no option `max_dept`",
        ))
        .stderr(predicate::str::contains("archlint.yaml:2:32"))
        .stderr(predicate::str::contains("did you mean `max_depth`?"))
        .stderr(predicate::str::contains(
            "option `exempt_categories` of `unquantified-nfr` must be a list of names",
        ))
        .stderr(predicate::str::contains(
            "option `strategy` of `unversioned-api` must be one of `path`, `header`, `media-type`, `none`",
        ))
        .stderr(predicate::str::contains("has 3 mistakes"));
}

#[test]
fn hostile_multibyte_characters_where_a_yaml_error_is_hinted() {
    // The quoting hint reads the value on the error's line and the line before; a value that
    // starts with a multi-byte character must not be cut inside it.
    let cases = [
        ("a.yaml", "a: éé: b\n", "a.yaml:1:6: error[parse-error]"),
        (
            "b.yaml",
            "responsibility: Überblick: invoices\n",
            "b.yaml:1:26: error[parse-error]",
        ),
        ("c.yaml", "a: >é\nb: [\n", "error[parse-error]"),
        ("d.yaml", "a: ö\n  b: é: c\n", "error[parse-error]"),
    ];
    for (file, text, expected) in cases {
        let repo = repository(&[(file, text)]);
        assert_hostile(repo.path(), expected);
        check(repo.path()).assert().code(1);
    }
}

#[test]
fn hostile_minified_json_output_grows_with_the_findings_not_the_line() {
    // One line of about 200 KB: each finding shows a window of it, at its true column.
    let paths: Vec<String> = (0..2000)
        .map(|index| {
            format!(r#""/v1/é{index}":{{"get":{{"responses":{{"200":{{"description":"ok"}}}}}}}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1"}},"paths":{{{}}}}}"#,
        paths.join(",")
    );
    let repo = repository(&[("api.json", &text)]);
    let output = check(repo.path())
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings = stdout.matches("warning[").count();
    // Per operation, archlint's `operation-security` and `error-responses` and `spectral:oas`'s
    // `operation-description`, `operation-operationId` and `operation-tags`; once, the document's
    // `oas3-api-servers`, `info-contact` and `info-description`.
    assert_eq!(
        findings,
        2000 * 5 + 3,
        "{}",
        &stdout[..2000.min(stdout.len())]
    );
    assert!(
        stdout.len() < findings * 1000,
        "{} bytes for {findings} findings",
        stdout.len()
    );
    // `/v1/é1` starts after the first path's 58 characters (`é` is two bytes, one column).
    let second = text.find(r#""/v1/é1""#).unwrap() + r#""/v1/é1":{"get""#.len() - 5;
    let column = text[..second].chars().count() + 1;
    assert!(
        stdout.contains(&format!("api.json:1:{column}\n")),
        "no finding at column {column}"
    );
}

#[test]
fn a_label_far_along_a_long_line_is_said_in_a_note() {
    let padding: Vec<String> = (0..200)
        .map(|index| format!(r#""k{index}":{index}"#))
        .collect();
    let text = format!(
        r#"{{"services":{{"a":{{"responsibility":"x"}},"b":{{"responsibility":"y","x":{{{}}}}},"a":{{"responsibility":"z"}}}}}}"#,
        padding.join(",")
    );
    let repo = repository(&[("services.json", &text)]);
    check(repo.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("^^^ repeated here"))
        .stdout(
            predicate::str::is_match("= note: first defined here at .*services.json:1:14\n")
                .unwrap(),
        );
}

#[test]
fn lone_carriage_returns_end_lines_in_locations() {
    let repo = repository(&[(
        "services.yaml",
        "services:\r  a:\r    responsibility: x\r  a:\r    responsibility: y\r",
    )]);
    assert_hostile(repo.path(), "services.yaml:4:3: error[duplicate-key]");
}

#[test]
fn write_baseline_replaces_the_old_file_whole_never_rewrites_it_in_place() {
    let repo = repository(&[(
        "services.yaml",
        &services_with_unknown_dependencies(&["ghost_a"]),
    )]);
    let dir = repo.path();
    short_lines(dir, &["--write-baseline", "baseline.json"]);
    let old = fs::read_to_string(dir.join("baseline.json")).unwrap();
    // A second name for the old file: an in-place rewrite (the one a kill could leave empty)
    // would change what it reads; a rename of a new, complete file does not.
    fs::hard_link(dir.join("baseline.json"), dir.join("old.json")).unwrap();
    fs::write(
        dir.join("services.yaml"),
        services_with_unknown_dependencies(&["ghost_a", "ghost_b"]),
    )
    .unwrap();
    short_lines(dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(fs::read_to_string(dir.join("old.json")).unwrap(), old);
    let new = fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(new.contains("ghost_b") && !old.contains("ghost_b"));
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["baseline.json", "old.json", "services.yaml"]);
    // The baseline keeps the old file's permissions, not the temporary file's private ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| fs::metadata(dir.join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("baseline.json"), mode("old.json"));
        assert_eq!(mode("baseline.json"), 0o644);
    }
}

#[test]
fn utf16_is_named_as_such_not_called_binary() {
    let utf16 = |text: &str, big_endian: bool, mark: bool| -> Vec<u8> {
        let mut bytes = Vec::new();
        for unit in (mark.then_some(0xfeff_u16))
            .into_iter()
            .chain(text.encode_utf16())
        {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    };
    let cases = [
        (utf16("services: {}\n", false, true), "UTF-16LE"),
        (utf16("services: {}\n", true, true), "UTF-16BE"),
        (utf16("services: {}\n", false, false), "UTF-16LE"),
    ];
    for (bytes, encoding) in cases {
        let repo = tempfile::tempdir().unwrap();
        fs::write(repo.path().join("services.yaml"), bytes).unwrap();
        assert_hostile(
            repo.path(),
            &format!(
                "services.yaml:1:1: error[parse-error]: the file is {encoding}; archlint reads UTF-8"
            ),
        );
    }
}

#[test]
fn a_broken_document_that_mentions_a_placeholder_keeps_its_parse_error() {
    // `{{baseUrl}}` in a description (Postman's placeholder) is no template: the failure is
    // lines away from it, and the document is broken.
    let repo = repository(&[(
        "openapi.yaml",
        "openapi: 3.0.3\ninfo:\n  title: Orders\n  version: 1.0.0\n  description: call {{baseUrl}}/orders\n\
         servers:\n  - url: https://api.example.com/v1\npaths:\n  /orders:\n    get:\n\
         \x20     summary: List\n      responses: [unclosed\n",
    )]);
    assert_hostile(repo.path(), "openapi.yaml:12:18: error[parse-error]");
}

#[test]
fn a_rule_name_a_ruleset_wrote_is_shown_not_acted_on_wherever_it_is_printed() {
    // A team ruleset's rule whose name and description clear the screen and retitle the window.
    let name = "bad\u{1b}[2Jname";
    let ruleset = "rules:\n  \"bad\\e[2Jname\":\n    description: \"retitle\\e]0;title\\a\"\n    \
                   message: \"m\\e[31m\"\n    given: $.info\n    then: {field: x, function: truthy}\n";
    let repo = repository(&[
        (".spectral.yaml", ruleset),
        (
            "api.yaml",
            "openapi: 3.0.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n",
        ),
        (
            "baseline.json",
            "{\"version\": 1, \"violations\": [{\"file\": \"gone\\u001b[2J.yaml\", \"rule\": \
             \"r\\u001b]0;x\\u0007\", \"subject\": \"/a\\nb\", \"message\": \"m\\r\", \"count\": 1}]}\n",
        ),
    ]);
    let printed = |args: &[&str]| {
        let output = archlint()
            .current_dir(repo.path())
            .args(args)
            .output()
            .unwrap();
        let text =
            String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r']),
            "{args:?}: {text:?}"
        );
        text
    };
    let statistics = printed(&["check", "--statistics", "-q", "."]);
    assert!(
        statistics.contains("warning  bad\\u{1b}[2Jname\n"),
        "{statistics}"
    );
    let listed = printed(&["rules"]);
    assert!(
        listed.contains("bad\\u{1b}[2Jname") && listed.contains("retitle\\u{1b}]0;title\\u{7}"),
        "{listed}"
    );
    let page = printed(&["explain", name]);
    assert!(page.starts_with("# bad\\u{1b}[2Jname\n"), "{page}");
    let unknown = printed(&["explain", "bad\u{1b}[2Jnam"]);
    assert!(
        unknown.contains("did you mean `bad\\u{1b}[2Jname`?"),
        "{unknown}"
    );
    let stale = printed(&["check", "--baseline", "baseline.json", "."]);
    assert!(
        stale.contains(
            "stale entry: `r\\u{1b}]0;x\\u{7}` at gone\\u{1b}[2J.yaml#/a\\nb no longer reports: m\\r\n"
        ),
        "{stale}"
    );
    // GitHub's runner prints the workflow commands to the log, where a reader's terminal may
    // act on them; the rule name, the message and the file are shown.
    let annotations = printed(&["check", "--format", "github", "."]);
    assert!(
        annotations.contains("title=bad\\u{1b}[2Jname::m\\u{1b}[31m"),
        "{annotations}"
    );
}

#[test]
fn verbose_notes_show_file_names_not_act_on_them() {
    let ruleset = "team\u{1b}[2J.yaml";
    let repo = repository(&[
        ("archlint.yaml", "rulesets: [\"team\\e[2J.yaml\"]\n"),
        (ruleset, "rules: {}\n"),
        (
            "api.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n",
        ),
        (
            "old\u{1b}]0;x\u{7}.yaml",
            "asyncapi: 1.2.0\ninfo: {title: T, version: '1'}\n",
        ),
    ]);
    let output = archlint()
        .current_dir(repo.path())
        .args(["check", "--verbose", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
    assert!(stderr.contains("loaded team\\u{1b}[2J.yaml\n"), "{stderr}");
    assert!(
        stderr.contains("skipped old\\u{1b}]0;x\\u{7}.yaml: AsyncAPI 1.2.0"),
        "{stderr}"
    );
}

/// A named pipe where an EventCatalog page would be, beside an event schema without a version,
/// is not opened: the run ends, and the schema is still said to have no version.
#[cfg(unix)]
#[test]
fn a_named_pipe_in_place_of_a_catalog_page_is_not_read() {
    let repo = repository(&[(
        "events/ProductCreated/schema.json",
        "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"title\": \"ProductCreated\", \"type\": \"object\"}",
    )]);
    named_pipe(&repo.path().join("events/ProductCreated/index.mdx"));
    check(repo.path())
        .args(["--format", "short"])
        .timeout(Duration::from_secs(20))
        .assert()
        .stdout(predicate::str::contains(
            "warning[event-schema-unversioned]: schema of event `ProductCreated` has no version",
        ));
}
