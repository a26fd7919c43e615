//! The command line as users run it: exit codes, formats, configuration, `rules`, `explain`.

use assert_cmd::Command;
use predicates::prelude::*;
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

/// `archlint check REPO`, with more arguments to add.
fn check(repo: &Path) -> Command {
    let mut command = archlint();
    command.arg("check").arg(repo);
    command
}

/// A temporary repository holding `files` (path, content).
fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let path = folder.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    folder
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
            predicate::str::is_match(r"\n\d+ errors, \d+ warnings, \d+ infos in 12 files\n$")
                .unwrap(),
        );
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
            "rules:\n  parse-eror: error\n  duplicate-key: fatal\nexclude: legacy\n",
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
        .stderr(predicate::str::contains("\"fatal\""))
        .stderr(predicate::str::contains("archlint.yaml:4:10"))
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
            "docker-compose.yaml (document 1): not an architecture document",
        ))
        .stderr(predicate::str::contains(
            "main.rs: not a .yaml, .yml, .json or .md file",
        ));
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
fn rules_lists_every_rule() {
    archlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(
            predicate::str::is_match(r"(?m)^parse-error\s+document\s+error\s+a file that").unwrap(),
        )
        .stdout(predicate::str::contains("duplicate-key"))
        .stdout(predicate::str::contains("schema-violation"));
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
    assert_eq!(names, archlint::rules::names());
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

#[test]
fn decision_records_alone_are_something_to_check() {
    let record = "# ADR 1: Use Kafka\n\n## Status\nApproved\n";
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
