//! `archlint checklist`: seed 004's Verification Checklist answered from the bundled example,
//! in every format, and a team's own checklist from the configuration.

use assert_cmd::Command;
use std::fs;

fn archlint() -> Command {
    Command::cargo_bin("archlint").unwrap()
}

fn run(args: &[&str]) -> (String, i32) {
    let output = archlint().args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap(),
    )
}

#[test]
fn the_seed_checklist_on_the_bundled_example() {
    let (json, code) = run(&["checklist", "fixtures/ecommerce", "--format", "json"]);
    assert_eq!(code, 1, "unmet items fail the run");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 1);
    let sections = value["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 6);
    let items: usize = sections
        .iter()
        .map(|section| section["items"].as_array().unwrap().len())
        .sum();
    assert_eq!(items, 23);
    let cycles = &sections[1]["items"][1];
    assert_eq!(
        cycles["text"],
        "No circular dependencies between components"
    );
    assert_eq!(cycles["status"], "met");
    assert_eq!(cycles["evidence"][0], "0 cycles among 3 services");
    insta::assert_snapshot!("checklist_json", json);
    let (markdown, _) = run(&["checklist", "fixtures/ecommerce", "--format", "markdown"]);
    insta::assert_snapshot!("checklist_markdown", markdown);
    let (human, _) = run(&["checklist", "fixtures/ecommerce"]);
    insta::assert_snapshot!("checklist_human", human);
}

#[test]
fn fail_on_never_only_reports() {
    let (_, code) = run(&["checklist", "fixtures/ecommerce", "--fail-on", "never"]);
    assert_eq!(code, 0);
}

#[test]
fn a_teams_own_checklist() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    fs::write(root.join("archlint.yaml"), "checklist: review.yaml\n").unwrap();
    fs::write(
        root.join("review.yaml"),
        "- section: Review\n  items:\n    - text: No cycles\n      rules: [dependency-cycle]\n      documents: [architecture]\n    - text: Threat model reviewed\n      manual: the threat model\n",
    )
    .unwrap();
    fs::write(
        root.join("services.yaml"),
        "services:\n  a: {responsibility: A, depends_on: [b]}\n  b: {responsibility: B}\n",
    )
    .unwrap();
    let (json, code) = run(&["checklist", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["summary"]["met"], 1);
    assert_eq!(value["summary"]["manual"], 1);
    assert_eq!(
        value["sections"][0]["items"][0]["evidence"][0],
        "0 cycles among 2 services"
    );
    // A checklist naming a rule that does not exist is refused.
    fs::write(
        root.join("review.yaml"),
        "- section: Review\n  items:\n    - {text: X, rules: [no-such-rule]}\n",
    )
    .unwrap();
    let output = archlint()
        .args(["checklist", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-rule"));
}

#[test]
fn a_checklist_that_cannot_be_answered_as_written_is_refused_or_left_to_a_reviewer() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    fs::write(
        root.join("services.yaml"),
        "services:\n  a: {responsibility: A, depends_on: [b]}\n  b: {responsibility: B, depends_on: [a]}\n",
    )
    .unwrap();
    // A mistake in the checklist would answer an item without what it names: refused.
    for (checklist, refusal) in [
        (
            "- section: A\n  items:\n    - text: No cycles\n      rule: [dependency-cycle]\n",
            "unknown field `rule`, expected one of `text`, `rules`, `documents`, `manual`",
        ),
        (
            "- section: A\n  items:\n    - rules: [dependency-cycle]\n",
            "an item has no `text`",
        ),
        (
            "- section: A\n  items:\n    - {text: X, rules: []}\n",
            "item `X` has no `rules`, `documents` or `manual`",
        ),
        (
            "- section: A\n  items:\n    - text: X\n      rules: [dependency-cycle]\n      rules: [missing-responsibility]\n",
            "`rules` is written twice in one mapping",
        ),
        (
            "root:x:0:0:root:/root:/bin/bash\n",
            "a checklist is a list of sections",
        ),
    ] {
        fs::write(root.join("archlint.yaml"), "checklist: c.yaml\n").unwrap();
        fs::write(root.join("c.yaml"), checklist).unwrap();
        let output = archlint()
            .args(["checklist", root.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(refusal), "{stderr}");
        assert!(!stderr.contains("/bin/bash"), "{stderr}");
    }
    // A rule the configuration turns off finds nothing, which shows nothing: the item is a
    // reviewer's, not met.
    fs::write(
        root.join("c.yaml"),
        "- section: A\n  items:\n    - text: No cycles\n      rules: [dependency-cycle]\n",
    )
    .unwrap();
    fs::write(
        root.join("archlint.yaml"),
        "checklist: c.yaml\nrules: {dependency-cycle: 'off'}\n",
    )
    .unwrap();
    let (json, code) = run(&["checklist", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["summary"]["manual"], 1, "{json}");
    assert_eq!(
        value["sections"][0]["items"][0]["evidence"][0],
        "`dependency-cycle` is off in the configuration: it did not look"
    );
    // A rule's silence says nothing of a file that does not load: the evidence names it.
    fs::write(root.join("archlint.yaml"), "checklist: c.yaml\n").unwrap();
    fs::write(root.join("services.yaml"), "services: [\n").unwrap();
    let output = archlint()
        .current_dir(root)
        .args(["checklist", ".", "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["sections"][0]["items"][0]["evidence"],
        serde_json::json!([
            "no finding of `dependency-cycle`",
            "not read: services.yaml (does not load: `parse-error`)"
        ])
    );
}

#[test]
fn a_checklists_control_characters_are_shown_not_sent_to_the_terminal() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    fs::write(root.join("archlint.yaml"), "checklist: review.yaml\n").unwrap();
    // A title that retitles the window, an item that clears the screen and reverses the text
    // after it, a manual answer with a backspace and a line break, and evidence quoting a
    // finding about a service named with an escape sequence.
    fs::write(
        root.join("review.yaml"),
        "- section: \"Review \\e]0;pwned\\a\"\n  items:\n    - text: \"Threat \\e[2J model\\u202E\"\n      manual: \"the \\b model\\nsecond line\"\n    - text: Known services\n      rules: [unknown-service]\n",
    )
    .unwrap();
    fs::write(
        root.join("services.yaml"),
        "services:\n  a: {responsibility: A, depends_on: [\"gh\\e[31most\"]}\n",
    )
    .unwrap();
    for format in ["human", "markdown"] {
        let (output, _) = run(&["checklist", root.to_str().unwrap(), "--format", format]);
        let hidden: Vec<char> = output
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            })
            .collect();
        assert!(hidden.is_empty(), "{format}: {hidden:?} in {output}");
        for shown in [
            "Review \\u{1b}]0;pwned\\u{7}",
            "Threat \\u{1b}[2J model\\u{202e}",
            "the \\u{8} model second line",
            "gh\\u{1b}[31most",
        ] {
            assert!(output.contains(shown), "{format}: no {shown} in {output}");
        }
    }
}
