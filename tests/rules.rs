//! The fixture-driven harness: every `fixtures/rules/<rule>/<case>/` folder is a small repository.
//! A `fail*` case must make `<rule>` report, a `pass*` case must not; the rendered output of every
//! case is an insta snapshot. Adding a case is adding a folder.

mod common;

use archlint::report::OutputFormat;
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<(String, String, PathBuf)> {
    let mut cases = Vec::new();
    for rule_folder in fs::read_dir("fixtures/rules").unwrap() {
        let rule_folder = rule_folder.unwrap().path();
        let rule = rule_folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for case in fs::read_dir(&rule_folder).unwrap() {
            let case = case.unwrap().path();
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            cases.push((rule.clone(), name, case));
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_rule_has_a_failing_and_a_passing_case() {
    let cases = cases();
    for rule in archlint::rules::BUILT_IN {
        let name: &str = &rule.meta().name;
        let has = |prefix: &str| {
            cases
                .iter()
                .any(|(rule, case, _)| rule == name && case.starts_with(prefix))
        };
        assert!(
            has("fail") && has("pass"),
            "`{name}` needs fixtures/rules/{name}/fail and pass"
        );
    }
    for (rule, _, _) in &cases {
        assert!(
            archlint::rules::Registry::built_in().find(rule).is_some(),
            "fixtures/rules/{rule} names no rule"
        );
    }
}

#[test]
fn fixtures_fail_and_pass_as_named() {
    let mut problems = Vec::new();
    for (rule, case, folder) in cases() {
        let run = common::check(Path::new(&folder));
        let found = run
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.rule == rule);
        if case.starts_with("fail") && !found {
            problems.push(format!(
                "{rule}/{case}: expected `{rule}` to report, it did not"
            ));
        }
        if case.starts_with("pass") && found {
            problems.push(format!(
                "{rule}/{case}: expected no `{rule}`, got:\n{}",
                common::render_own(&run, OutputFormat::Short)
            ));
        }
        // Spectral's rules report on every OpenAPI document of the fixtures (contact,
        // descriptions, tags); they have fixtures of their own, and are left out here.
        insta::assert_snapshot!(
            format!("{rule}__{case}"),
            common::render_own(&run, OutputFormat::Human)
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_documented_in_one_voice() {
    for rule in archlint::rules::BUILT_IN {
        let meta = rule.meta();
        let docs = meta.documentation();
        for section in [
            "## What it reports",
            "## Why it matters",
            "## Example",
            "## Fix",
            "## Options",
        ] {
            assert!(
                docs.contains(section),
                "`{}` documentation lacks `{section}`",
                meta.name
            );
        }
        assert_voice(&meta.name, &meta.summary);
    }
}

#[test]
fn every_message_has_the_voice() {
    for (_, _, folder) in cases() {
        for diagnostic in common::check(Path::new(&folder)).diagnostics {
            // Spectral's rules keep Spectral's own messages, capitalised and with a period
            // ("Info object must have \"contact\" object."): users know them by heart, search
            // for them and match them in their tooling, so a team leaving Spectral sees the same
            // words.
            if common::spectral(&diagnostic.rule) {
                continue;
            }
            assert_voice(&diagnostic.rule, &diagnostic.message);
        }
    }
}

/// Messages say what is wrong here: lowercase, no final period (STYLE.md).
fn assert_voice(rule: &str, text: &str) {
    assert!(!text.is_empty(), "{rule}: empty text");
    assert!(
        !text.starts_with(|c: char| c.is_uppercase()),
        "{rule}: `{text}` starts with a capital"
    );
    assert!(!text.ends_with('.'), "{rule}: `{text}` ends with a period");
}

#[test]
fn every_declared_option_is_documented() {
    for rule in archlint::rules::BUILT_IN {
        let meta = rule.meta();
        let documentation = meta.documentation();
        let options = documentation.split("## Options").nth(1).unwrap_or_default();
        for (option, _) in meta.options {
            assert!(
                options.contains(&format!("`{option}`")),
                "{}: option `{option}` is not in its `## Options` section",
                meta.name
            );
        }
    }
}
