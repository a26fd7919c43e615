//! Architecture rules users write (`architecture_rules:`). Every
//! `fixtures/architecture-rules/<kind>/<case>/` folder is a small repository with an
//! `archlint.yaml` that declares the rules; each line a user rule must report on carries
//! `# expect: RULE` (once per finding), and nothing else may be reported by a user rule. The
//! findings of user rules are snapshotted. The rest: mistakes located, suppressions, the
//! baseline, SARIF, `archlint rules` and `archlint explain`.

mod common;

use archlint::diagnostic::Diagnostic;
use archlint::pipeline::{self, Analysis};
use archlint::report::{self, OutputFormat, Report};
use archlint::rules::{Family, Registry};
use archlint::{config, rulesets};
use assert_cmd::Command;
use common::repository;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FIXTURES: &str = "fixtures/architecture-rules";

fn cases() -> Vec<(String, PathBuf)> {
    let mut cases = Vec::new();
    for kind in fs::read_dir(FIXTURES).unwrap() {
        let kind = kind.unwrap().path();
        for case in fs::read_dir(&kind).unwrap() {
            let case = case.unwrap().path();
            let name = format!(
                "{}__{}",
                kind.file_name().unwrap().to_string_lossy(),
                case.file_name().unwrap().to_string_lossy()
            );
            cases.push((name, case));
        }
    }
    cases.sort();
    cases
}

/// The run of a folder with its own configuration, and the rules it loaded.
fn check(folder: &Path) -> (Analysis, Registry) {
    let paths = [folder.to_path_buf()];
    let config = config::find(&paths);
    let configured = rulesets::configure(config.as_deref(), &[], &paths)
        .unwrap_or_else(|_| panic!("a valid configuration in {}", folder.display()));
    let analysis = pipeline::analyze(&paths, &configured.config, &configured.rules).unwrap();
    (analysis, configured.rules)
}

fn is_user(rules: &Registry, diagnostic: &Diagnostic) -> bool {
    rules
        .find(&diagnostic.rule)
        .is_some_and(|rule| rule.meta().family == Family::User)
}

fn render(analysis: &Analysis, rules: &Registry, diagnostics: &[Diagnostic]) -> String {
    let mut out = Vec::new();
    report::reporter(OutputFormat::Human, false)
        .report(
            &Report {
                diagnostics,
                sources: &analysis.workspace.sources,
                rules,
            },
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// (file, 1-based line, rule) → how many times, from the `# expect:` markers of the folder.
fn expected(folder: &Path) -> BTreeMap<(String, usize, String), usize> {
    let mut expected = BTreeMap::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|name| name == "archlint.yaml") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for (index, line) in text.lines().enumerate() {
            let Some((_, names)) = line.split_once("# expect:") else {
                continue;
            };
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                *expected
                    .entry((path.display().to_string(), index + 1, name.to_string()))
                    .or_default() += 1;
            }
        }
    }
    expected
}

#[test]
fn fixtures_report_where_marked_and_nowhere_else() {
    let mut problems = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 17, "{} cases", cases.len());
    for (name, folder) in cases {
        let (analysis, rules) = check(&folder);
        let user: Vec<Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| is_user(&rules, diagnostic))
            .cloned()
            .collect();
        let mut found = BTreeMap::new();
        for diagnostic in &user {
            let span = diagnostic.primary_span();
            let source = analysis.workspace.sources.get(span.file);
            let line = source.location(span.start as usize).line;
            *found
                .entry((
                    source.path.display().to_string(),
                    line,
                    diagnostic.rule.to_string(),
                ))
                .or_insert(0) += 1;
        }
        let expected = expected(&folder);
        let case = folder.file_name().unwrap().to_string_lossy().into_owned();
        if case.starts_with("fail") && expected.is_empty() {
            problems.push(format!(
                "{name}: a failing case without `# expect:` markers"
            ));
        }
        if case.starts_with("pass") && !expected.is_empty() {
            problems.push(format!("{name}: a passing case with `# expect:` markers"));
        }
        if found != expected {
            problems.push(format!(
                "{name}: expected {expected:?}\nfound {found:?}\n{}",
                render(&analysis, &rules, &user)
            ));
        }
        for diagnostic in &user {
            let message = &diagnostic.message;
            assert!(
                !message.starts_with(char::is_uppercase) && !message.ends_with('.'),
                "{name}: `{message}` is not in the voice"
            );
        }
        insta::assert_snapshot!(name.clone(), render(&analysis, &rules, &user));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn archlint() -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60));
    command
}

#[test]
fn every_mistake_in_the_rules_is_located() {
    let folder = "fixtures/architecture-rules-mistakes";
    let output = archlint()
        .current_dir(folder)
        .args(["check", "--color", "never", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Each line marked `# mistake` holds one mistake, shown at that line.
    let text = fs::read_to_string(format!("{folder}/archlint.yaml")).unwrap();
    for (index, line) in text.lines().enumerate() {
        let marked = line.matches("# mistake").count();
        let shown = stderr
            .matches(&format!("archlint.yaml:{}:", index + 1))
            .count();
        assert_eq!(shown, marked, "line {}: `{line}`\n{stderr}", index + 1);
    }
    insta::assert_snapshot!("mistakes", stderr);
}

/// A repository where `catalog-never-calls-billing` fires once, with more files to add.
fn catalog_calls_billing(more: &[(&str, &str)]) -> tempfile::TempDir {
    let mut files = vec![
        (
            "archlint.yaml",
            "architecture_rules:\n  - name: catalog-never-calls-billing\n    description: the catalog must sell when billing is down\n    documentation_url: https://wiki.example/adr/12\n    forbidden: {from: {domain: catalog}, to: {domain: billing}, via: sync}\n",
        ),
        (
            "services.yaml",
            "services:\n  products:\n    responsibility: Products\n    domain: catalog\n    depends_on: [{service: invoices, timeout: 1s}]\n  invoices:\n    responsibility: Invoices\n    domain: billing\n",
        ),
    ];
    files.extend_from_slice(more);
    repository(&files)
}

fn user_findings(folder: &Path) -> Vec<String> {
    let (analysis, rules) = check(folder);
    analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| is_user(&rules, diagnostic) || diagnostic.rule == "unused-suppression")
        .map(|diagnostic| format!("{} {}", diagnostic.severity, diagnostic.rule))
        .collect()
}

#[test]
fn a_user_rule_is_configured_and_suppressed_by_name() {
    let repo = catalog_calls_billing(&[]);
    assert_eq!(
        user_findings(repo.path()),
        ["warning catalog-never-calls-billing"]
    );
    // Its severity is the configuration's to change.
    let config = fs::read_to_string(repo.path().join("archlint.yaml")).unwrap();
    fs::write(
        repo.path().join("archlint.yaml"),
        format!("{config}rules:\n  catalog-never-calls-billing: error\n"),
    )
    .unwrap();
    assert_eq!(
        user_findings(repo.path()),
        ["error catalog-never-calls-billing"]
    );
    // A suppression comment silences it, and is used.
    let services = fs::read_to_string(repo.path().join("services.yaml")).unwrap();
    fs::write(
        repo.path().join("services.yaml"),
        services.replace(
            "    depends_on",
            "    # archlint-disable-next-line catalog-never-calls-billing -- until ADR 12 lands\n    depends_on",
        ),
    )
    .unwrap();
    assert_eq!(user_findings(repo.path()), Vec::<String>::new());
}

#[test]
fn a_user_rule_is_in_the_baseline_and_in_sarif() {
    let repo = catalog_calls_billing(&[]);
    let dir = repo.path();
    archlint()
        .current_dir(dir)
        .args(["check", ".", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let written = fs::read_to_string(dir.join("baseline.json")).unwrap();
    assert!(
        written.contains("\"rule\":\"catalog-never-calls-billing\""),
        "{written}"
    );
    let output = archlint()
        .current_dir(dir)
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
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("catalog-never-calls-billing"), "{stdout}");

    let output = archlint()
        .current_dir(dir)
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules
        .iter()
        .find(|rule| rule["id"] == "catalog-never-calls-billing")
        .unwrap_or_else(|| panic!("not in tool.driver.rules: {rules:?}"));
    assert!(
        rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|text| text
                .to_lowercase()
                .contains("the catalog must sell when billing is down")),
        "{rule}"
    );
    let results = run["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|result| result["ruleId"] == "catalog-never-calls-billing")
        .unwrap_or_else(|| panic!("not in results: {results:?}"));
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
}

#[test]
fn rules_lists_a_user_rule_with_its_origin_and_explain_shows_it() {
    let repo = catalog_calls_billing(&[]);
    let output = archlint()
        .current_dir(repo.path())
        .arg("rules")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|line| line.starts_with("catalog-never-calls-billing"))
        .unwrap_or_else(|| panic!("not listed:\n{stdout}"));
    assert!(line.contains("user"), "{line}");
    assert!(line.contains("(from archlint.yaml)"), "{line}");
    assert!(
        line.contains("the catalog must sell when billing is down"),
        "{line}"
    );

    let output = archlint()
        .current_dir(repo.path())
        .args(["explain", "catalog-never-calls-billing"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "# catalog-never-calls-billing",
        "Source: archlint.yaml",
        "The catalog must sell when billing is down.",
        "forbidden: {from: {domain: catalog}, to: {domain: billing}, via: sync}",
        "More: https://wiki.example/adr/12",
    ] {
        assert!(stdout.contains(expected), "`{expected}` not in:\n{stdout}");
    }
}

#[test]
fn a_ruleset_clash_with_a_rule_of_the_configuration_is_located() {
    // The lead's ruleset loader calls the same entry point; here, two lists in one run.
    let repo = catalog_calls_billing(&[]);
    let file = config::read(&repo.path().join("archlint.yaml")).unwrap();
    let mut registry = Registry::built_in();
    let mut mistakes = Vec::new();
    let origin = repo.path().join("archlint.yaml");
    for _ in 0..2 {
        archlint::architecture_rules::load(
            &file.document,
            "/architecture_rules",
            &origin,
            &mut registry,
            &mut mistakes,
        );
    }
    assert_eq!(mistakes.len(), 1, "{mistakes:?}");
    assert!(
        mistakes[0]
            .message
            .starts_with("rule name `catalog-never-calls-billing` is taken"),
        "{}",
        mistakes[0].message
    );
    assert_eq!(
        registry
            .names()
            .iter()
            .filter(|name| **name == "catalog-never-calls-billing")
            .count(),
        1
    );
}

/// 10,000 services in 100 domains, each calling the next few; rules over all of them, with
/// captures and reachability, finish quickly: one search per source, `to` compiled once per
/// domain.
#[test]
fn ten_thousand_services() {
    let mut services = String::from("services:\n");
    let count = 10_000;
    for index in 0..count {
        // Asynchronous: the sync graph's cycle search is another stage's concern.
        let next: Vec<String> = [1, 7, 101]
            .iter()
            .map(|step| format!("{{service: s{}, via: event}}", (index + step) % count))
            .collect();
        services.push_str(&format!(
            "  s{index}:\n    responsibility: R\n    domain: d{}\n    owner: team-{}\n    depends_on: [{}]\n",
            index / 100,
            index % 3,
            next.join(", ")
        ));
    }
    let config = "architecture_rules:
  - name: no-cross-domain
    forbidden: {from: {domain: \"(.+)\"}, to: {not: {domain: \"$1\"}}}
  - name: d0-never-reaches-d50
    forbidden: {from: {domain: d0}, to: {name: s5050}, reachable: true}
  - name: d1-reaches-d2
    required: {from: {domain: d1}, to: {domain: d2}, reachable: true}
  - name: owned
    services: {}
    require: {owner: {one_of: [team-0, team-1]}}
";
    let repo = repository(&[("archlint.yaml", config), ("services.yaml", &services)]);
    let started = std::time::Instant::now();
    let (analysis, _) = check(repo.path());
    let count = |rule: &str| common::messages(&analysis, rule).len();
    // Each domain's last services call into the next domain (steps 1, 7 and 101).
    assert!(count("no-cross-domain") > 100);
    assert_eq!(count("d0-never-reaches-d50"), 100);
    assert_eq!(count("d1-reaches-d2"), 0);
    assert_eq!(count("owned"), 3_333);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

/// A path through many services is shown by its first steps, the count left out and its last
/// steps: a finding's size does not grow with the path, so all pairs of a long chain give
/// output proportional to their number, not to its cube.
#[test]
fn a_long_path_is_shown_by_its_ends_and_the_count_left_out() {
    let mut services = String::from("services:\n");
    for index in 0..30 {
        services.push_str(&format!(
            "  s{index}:\n    responsibility: R\n    depends_on: [s{}]\n",
            index + 1
        ));
    }
    services.push_str("  s30:\n    responsibility: R\n");
    let config = "rules:
  sync-chain-depth: off
architecture_rules:
  - name: no-reach
    forbidden: {from: {name: s0}, to: {name: 's(7|8|29)'}, reachable: true}
";
    let repo = repository(&[("archlint.yaml", config), ("services.yaml", &services)]);
    let (analysis, _) = check(repo.path());
    let findings: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "no-reach")
        .map(|diagnostic| {
            (
                diagnostic.finding.message.as_str(),
                diagnostic.finding.notes[0].as_ref(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [
            (
                "`s0` reaches `s29` through `s1`, `s2`, `s3`, `s4`, … (23 more), `s28`, a forbidden dependency",
                "path: `s0` → `s1` (sync) → `s2` (sync) → `s3` (sync) → `s4` (sync) → … (23 more) → `s28` (sync) → `s29` (sync)"
            ),
            (
                "`s0` reaches `s7` through `s1`, `s2`, `s3`, `s4`, `s5`, `s6`, a forbidden dependency",
                "path: `s0` → `s1` (sync) → `s2` (sync) → `s3` (sync) → `s4` (sync) → `s5` (sync) → `s6` (sync) → `s7` (sync)"
            ),
            (
                "`s0` reaches `s8` through `s1`, `s2`, `s3`, `s4`, … (2 more), `s7`, a forbidden dependency",
                "path: `s0` → `s1` (sync) → `s2` (sync) → `s3` (sync) → `s4` (sync) → … (2 more) → `s7` (sync) → `s8` (sync)"
            ),
        ]
    );
}
