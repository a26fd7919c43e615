//! `archlint init`, `archlint man [COMMAND]` and the completions' rule names.

mod common;

use assert_cmd::Command;
use common::repository;
use std::fs;

fn archlint() -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command.env("NO_COLOR", "1");
    command
}

#[test]
fn init_writes_a_starter_configuration_from_what_it_finds_and_never_replaces_one() {
    let repo = repository(&[(
        "architecture/services.yaml",
        "services:\n  orders:\n    layer: application\n    depends_on: [ghost]\n  web:\n    layer: presentation\n    responsibility: Pages\n    depends_on: [orders]\n",
    )]);
    archlint()
        .current_dir(repo.path())
        .arg("init")
        .assert()
        .code(0)
        .stderr(predicates::str::contains("wrote `archlint.yaml`"));
    let written = fs::read_to_string(repo.path().join("archlint.yaml")).unwrap();
    assert!(
        written.starts_with(archlint::init::SCHEMA_LINE),
        "{written}"
    );
    assert!(written.contains("1 architecture spec"), "{written}");
    assert!(written.contains("(2 services;"), "{written}");
    assert!(
        written
            .lines()
            .any(|line| line.trim_start().starts_with("unknown-service:")
                && line.contains(" error ")
                && line.ends_with("# 1 finding")),
        "{written}"
    );
    assert!(
        written.contains("layers: [application, presentation]"),
        "{written}"
    );
    // The starter is a valid configuration: the check runs with it and finds the same.
    archlint()
        .current_dir(repo.path())
        .args(["check", "--format", "short"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[unknown-service]"));
    // A second run, or one beside `.archlint.yaml`, changes nothing.
    fs::write(repo.path().join("archlint.yaml"), "rules: {}\n").unwrap();
    archlint()
        .current_dir(repo.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`archlint.yaml` already exists; archlint init does not replace a configuration",
        ));
    assert_eq!(
        fs::read_to_string(repo.path().join("archlint.yaml")).unwrap(),
        "rules: {}\n"
    );
    let other = repository(&[(".archlint.yaml", "rules: {}\n")]);
    archlint()
        .current_dir(other.path())
        .arg("init")
        .assert()
        .code(2);
    assert!(!other.path().join("archlint.yaml").exists());
    // No temporary file is left behind.
    let names: Vec<String> = fs::read_dir(repo.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|name| !name.ends_with(".tmp")),
        "{names:?}"
    );
}

#[test]
fn man_prints_each_commands_page_that_the_top_page_refers_to() {
    let top = archlint().arg("man").output().unwrap();
    let top = String::from_utf8(top.stdout).unwrap();
    assert!(top.contains("archlint\\-check(1)"), "{top}");
    for command in [
        "check",
        "graph",
        "rules",
        "explain",
        "completions",
        "init",
        "man",
    ] {
        let output = archlint().args(["man", command]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let page = String::from_utf8(output.stdout).unwrap();
        assert!(
            page.starts_with(".ie") && page.contains(&format!(".TH archlint-{command} 1")),
            "{page}"
        );
        assert!(page.contains(env!("CARGO_PKG_VERSION")));
    }
    let check = archlint().args(["man", "check"]).output().unwrap();
    assert!(
        String::from_utf8(check.stdout)
            .unwrap()
            .contains("new\\-from\\-rev")
    );
    archlint()
        .args(["man", "chek"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no command `chek`; the commands are check",
        ));
}

#[test]
fn completions_offer_rule_names_to_explain() {
    // clap's fish script offers no values for a positional argument; bash and zsh do.
    for shell in ["bash", "zsh"] {
        let output = archlint().args(["completions", shell]).output().unwrap();
        let script = String::from_utf8(output.stdout).unwrap();
        for rule in archlint::rules::Registry::built_in().names() {
            // zsh escapes a `$` in a value (`no-\$ref-siblings`).
            let escaped = rule.replace('$', "\\$");
            assert!(
                script.contains(rule) || script.contains(&escaped),
                "{shell} lacks {rule}"
            );
        }
    }
    // `explain` itself still takes any text, and says "did you mean".
    archlint()
        .args(["explain", "unknown-servce"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `unknown-service`?"));
}
