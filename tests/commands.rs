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

/// `archlint init` in `folder`, then `archlint check --format short` there: the configuration
/// written, the check's output and its exit code.
fn init_then_check(folder: &std::path::Path) -> (String, String, Option<i32>) {
    archlint().current_dir(folder).arg("init").assert().code(0);
    let written = fs::read_to_string(folder.join("archlint.yaml")).unwrap();
    let output = archlint()
        .current_dir(folder)
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (written, stdout + &stderr, output.status.code())
}

#[test]
fn the_starter_of_a_folder_with_no_findings_is_a_configuration_too() {
    let repo = repository(&[(
        "services.yaml",
        "services:\n  orders:\n    responsibility: Orders\n",
    )]);
    let (written, output, code) = init_then_check(repo.path());
    assert_eq!(code, Some(0), "{written}\n{output}");
    assert!(written.contains("# rules:"), "{written}");
}

#[test]
fn a_name_in_a_document_cannot_write_a_key_of_the_starter() {
    // A layer name that would end the comment line it is listed on and start a key of its own
    // (`include` that matches nothing, so the next check finds nothing and passes).
    let repo = repository(&[(
        "services.yaml",
        "services:\n  web:\n    responsibility: Web\n    layer: \"x\\ninclude: [\\\"none/**\\\"]\\n#\"\n    depends_on: [{service: ghost, timeout: 1s}]\n  api:\n    responsibility: Api\n    layer: 'a, b]'\n  db:\n    responsibility: Data\n    layer: 'true'\n",
    )]);
    let (written, output, code) = init_then_check(repo.path());
    assert!(
        written.contains(r#"layers: ["a, b]", "true", "x\u000ainclude: [\"none/**\"]\u000a#"]"#),
        "{written}"
    );
    assert!(
        !written.lines().any(|line| line.starts_with("include")),
        "{written}"
    );
    assert_eq!(code, Some(1), "{written}\n{output}");
    assert!(output.contains("error[unknown-service]"), "{output}");
    // The list, uncommented, is the layers as the services name them.
    let uncommented = written
        .replace("#   layers:", "  layers:")
        .replace("# architecture:", "architecture:");
    fs::write(repo.path().join("archlint.yaml"), uncommented).unwrap();
    archlint()
        .current_dir(repo.path())
        .args(["check", "--format", "short"])
        .assert()
        .code(1);
}

#[test]
fn init_checks_the_folder_as_the_configuration_it_writes_will() {
    // The folder's `.spectral.yaml` turns a rule off: the starter does not list it (a rule listed
    // there at its default level would turn it back on).
    let repo = repository(&[
        (
            "api/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1', description: d, contact: {name: n}}\nservers: [{url: 'https://api.example.org'}]\npaths:\n  /a:\n    get: {operationId: a, description: d, responses: {'200': {description: ok}}}\n",
        ),
        (
            "api/.spectral.yaml",
            "extends: spectral:oas\nrules:\n  operation-tags: 'off'\n",
        ),
        ("archlint.yaml", "exclude: [api/**]\n"),
    ]);
    let api = repo.path().join("api");
    let output = archlint().current_dir(&api).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    // The configuration above no longer applies once one is in the folder: said.
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("note: `../archlint.yaml` configures this folder today"),
    );
    let written = fs::read_to_string(api.join("archlint.yaml")).unwrap();
    assert!(!written.contains("operation-tags"), "{written}");
    assert!(written.contains("operation-security:"), "{written}");
}

#[test]
fn init_in_a_subfolder_keeps_the_ruleset_at_the_git_root() {
    const DESCRIPTION: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    // The starter's line that names the git root's ruleset, from a folder below it.
    const NAMES_THE_ROOT_S: &str = "\nrulesets: [\"../.spectral.yaml\"]\n";
    // The team's ruleset at the git root turns Spectral's rules off and adds one of its own; a
    // check of the subfolder reads it, as the check after `init` there must.
    let repo = repository(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (
            ".spectral.yaml",
            "extends: [[spectral:oas, 'off']]\nrules:\n  team-id:\n    given: $.info\n    \
             severity: error\n    then: {field: x-team, function: truthy}\n",
        ),
        ("team/api/openapi.yaml", DESCRIPTION),
    ]);
    let team = repo.path().join("team");
    let short = |folder: &std::path::Path| {
        let output = archlint()
            .current_dir(folder)
            .args(["check", "--format", "short", "-q", "."])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let before = short(&team);
    assert_eq!(
        before,
        "api/openapi.yaml:2:1: error[team-id]: \"info.x-team\" property must be truthy\n"
    );
    let (written, after, code) = init_then_check(&team);
    assert!(written.contains(NAMES_THE_ROOT_S), "{written}");
    assert!(written.contains("team-id:"), "{written}");
    assert_eq!((after.as_str(), code), (before.as_str(), Some(1)));

    // Named from the folder as the system finds it, however the folder is given: `..` from a
    // folder below it.
    let below = repo.path().join("other/api");
    fs::create_dir_all(&below).unwrap();
    fs::write(below.join("openapi.yaml"), DESCRIPTION).unwrap();
    archlint()
        .current_dir(&below)
        .args(["init", ".."])
        .assert()
        .code(0);
    let written = fs::read_to_string(repo.path().join("other/archlint.yaml")).unwrap();
    assert!(written.contains(NAMES_THE_ROOT_S), "{written}");

    // A folder with a ruleset of its own names none: its own is read from then on, as said.
    let own = repo.path().join("own");
    fs::create_dir(&own).unwrap();
    fs::write(
        own.join(".spectral.yaml"),
        "extends: [[spectral:oas, 'off']]\n",
    )
    .unwrap();
    let output = archlint().current_dir(&own).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(
        said.contains(
            "note: checks of this folder read `../.spectral.yaml` at the repository's root; with \
             the new configuration they read the folder's own `.spectral.yaml` instead"
        ),
        "{said}"
    );
    let written = fs::read_to_string(own.join("archlint.yaml")).unwrap();
    assert!(!written.contains("rulesets:"), "{written}");

    // A ruleset archlint cannot read (JavaScript) is no ruleset of the folder's own: the root's
    // stays named.
    let script = repo.path().join("script");
    fs::create_dir(&script).unwrap();
    fs::write(script.join(".spectral.js"), "export default {};\n").unwrap();
    let (written, _, _) = init_then_check(&script);
    assert!(written.contains(NAMES_THE_ROOT_S), "{written}");

    // The root's ruleset a link to a shared file: the link is named, as the repository holds it.
    #[cfg(unix)]
    {
        let linked = repository(&[
            (".git/HEAD", "ref: refs/heads/main\n"),
            ("config/team.yaml", "extends: [[spectral:oas, 'off']]\n"),
            ("svc/openapi.yaml", DESCRIPTION),
        ]);
        std::os::unix::fs::symlink("config/team.yaml", linked.path().join(".spectral.yaml"))
            .unwrap();
        let (written, output, code) = init_then_check(&linked.path().join("svc"));
        assert!(written.contains(NAMES_THE_ROOT_S), "{written}");
        assert_eq!(code, Some(0), "{output}");
    }
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
