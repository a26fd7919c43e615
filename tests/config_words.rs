//! The configuration as users write it: Spectral's `warn` and `hint`, one glob as a string, and
//! every mistake said in plain words with what is allowed.

mod common;

use assert_cmd::Command;
use common::repository;

fn archlint_in(folder: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command.current_dir(folder).env("NO_COLOR", "1");
    command
}

const SERVICES: &str = "\
services:
  orders:
    depends_on: [ghost, payments]
  payments:
    responsibility: Payments
";

#[test]
fn warn_and_hint_are_understood_as_spectral_writes_them() {
    let repo = repository(&[
        ("services.yaml", SERVICES),
        (
            "archlint.yaml",
            "rules:\n  unknown-service: warn\n  missing-responsibility: { severity: hint }\n",
        ),
    ]);
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(shown.contains(": warning[unknown-service]"), "{shown}");
    assert!(shown.contains(": info[missing-responsibility]"), "{shown}");
    assert_eq!(output.status.code(), Some(0), "{shown}");
    archlint_in(repo.path())
        .args(["check", "--fail-on", "warn"])
        .assert()
        .code(1);
}

#[test]
fn one_glob_may_be_a_string() {
    let repo = repository(&[
        ("legacy/services.yaml", SERVICES),
        (
            "archlint.yaml",
            "exclude: legacy/**\noverrides:\n  - files: \"*.yaml\"\n    rules: { unknown-service: off }\n",
        ),
    ]);
    archlint_in(repo.path())
        .args(["check"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("no architecture documents found"));
}

#[test]
fn every_configuration_mistake_says_what_is_allowed_in_plain_words() {
    let repo = repository(&[
        ("services.yaml", SERVICES),
        (
            "archlint.yaml",
            "rules:\n  unknown-service: loud\n  dependency-cycle: 3\n  api-drift: { severity: error, sevrity: x }\n  parse-error: { severity: [error] }\nlimits: { max_depth: 0 }\narchitecture: { layers: web }\noverrides: [{ files: [\"a/**\"] }]\n",
        ),
    ]);
    let output = archlint_in(repo.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8(output.stderr).unwrap();
    for words in [
        "`loud` is not a level, for `unknown-service`",
        "a level is `off`, `info` (or `hint`), `warning` (or `warn`) or `error`",
        "the setting of `dependency-cycle` is `3`",
        "key `sevrity` is not allowed in the setting of `api-drift`",
        "did you mean `severity`?",
        "a list is not a level, for `parse-error`",
        "`0` is too small: the smallest allowed is 1",
        "`web` is not allowed here: this takes a list",
        "`rules` is missing here, and is required",
        "has 7 mistakes",
    ] {
        assert!(said.contains(words), "missing {words:?} in\n{said}");
    }
    for jargon in [
        "anyOf",
        "oneOf",
        "schemas listed",
        "is not of type",
        "required property",
    ] {
        assert!(!said.contains(jargon), "{jargon:?} in\n{said}");
    }
}
