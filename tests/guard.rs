//! Pre-commit hooks and pull requests that guard the whole repository: a finding belongs to a named
//! file when any of its labels is in it, folder arguments read the whole repository,
//! `--new-from-rev` reports only what a revision did not have, and a finding's identity does not
//! depend on figures computed from other documents.

mod common;

use assert_cmd::Command;
use common::repository;
use std::fs;
use std::path::Path;

fn archlint_in(folder: &Path) -> Command {
    let mut command = Command::cargo_bin("archlint").unwrap();
    command.current_dir(folder).env("NO_COLOR", "1");
    command
}

const SERVICES: &str = "\
components:
  - name: Order Service
    responsibility: Orders
    api_endpoints:
      - \"POST /api/v1/orders\"
      - \"GET /api/v1/orders/:id\"
";

const OPENAPI: &str = "\
openapi: 3.0.3
info: {title: Orders, version: 1.0.0, x-service: order-service}
servers: [{url: \"https://api.example.com/v1\"}]
security: []
paths:
  /orders:
    post:
      responses:
        '201': {description: created}
        '400': {description: a malformed order}
  /orders/{orderId}:
    get:
      responses:
        '200': {description: the order}
        '404': {description: no such order}
";

/// The OpenAPI document without `POST /orders`.
fn without_post() -> String {
    OPENAPI.replace(
        "    post:\n      responses:\n        '201': {description: created}\n        '400': {description: a malformed order}\n",
        "    get:\n      responses:\n        '200': {description: the orders}\n        '400': {description: a malformed query}\n",
    )
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_hook_refuses_a_file_that_breaks_another() {
    let repo = repository(&[
        ("architecture/services.yaml", SERVICES),
        ("services/orders/openapi.yaml", &without_post()),
    ]);
    fs::create_dir(repo.path().join(".git")).unwrap();
    // The finding's primary label is in the architecture spec; its other label is in the OpenAPI
    // document the commit changed, so the hook naming only that document reports it.
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short", "services/orders/openapi.yaml"])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("architecture/services.yaml:5:9: error[api-drift]"),
        "{shown}"
    );
    // A file no label of the finding is in does not report it.
    fs::write(repo.path().join("unrelated.yaml"), "notes: {}\n").unwrap();
    archlint_in(repo.path())
        .args(["check", "unrelated.yaml"])
        .assert()
        .code(0);
}

#[test]
fn a_folder_argument_reads_the_whole_repository() {
    let repo = repository(&[
        (
            "services/orders/service.yaml",
            "services:\n  order_service:\n    responsibility: Orders\n    events: {publishes: [order_created], subscribes: [payment_confirmed]}\n",
        ),
        (
            "services/payments/service.yaml",
            "services:\n  payment_service:\n    responsibility: Payments\n    events: {publishes: [payment_confirmed], subscribes: [order_created]}\n",
        ),
        (
            "services/shipping/service.yaml",
            "services:\n  shipping_service:\n    responsibility: Shipping\n    events: {subscribes: [parcel_lost]}\n",
        ),
    ]);
    fs::create_dir(repo.path().join(".git")).unwrap();
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short", "services/orders/"])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert!(!shown.contains("unpublished-event"), "{shown}");
    assert!(!shown.contains("services/payments/"), "{shown}");
    assert!(!shown.contains("services/shipping/"), "{shown}");
    assert_eq!(output.status.code(), Some(0), "{shown}");
    // The folder's own findings are still reported.
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short", "services/shipping"])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert!(
        shown.contains("services/shipping/service.yaml:4:27: error[unpublished-event]"),
        "{shown}"
    );
    assert!(!shown.contains("services/orders/"), "{shown}");
}

fn git(folder: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .current_dir(folder)
        .args([
            "-c",
            "user.name=archlint",
            "-c",
            "user.email=archlint@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn new_from_rev_reports_only_what_the_revision_did_not_have() {
    let repo = repository(&[
        ("architecture/services.yaml", SERVICES),
        (
            "architecture/billing.yaml",
            "services:\n  billing:\n    responsibility: Billing\n    depends_on: [ghost]\n",
        ),
        ("services/orders/openapi.yaml", OPENAPI),
    ]);
    git(repo.path(), &["init", "-q", "-b", "main"]);
    // Before the first commit, `HEAD` names nothing: every finding is new.
    archlint_in(repo.path())
        .args(["check", "--new-from-rev", "HEAD"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("`ghost`"));
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "the old state"]);
    // Nothing changed: the old violation is not new.
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short", "--new-from-rev", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    // The ghost, and the style findings of Spectral's rules on the OpenAPI document.
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("findings already at `HEAD` not reported"),
        "{said}"
    );
    // A new violation in one file, lines moved above the old one.
    fs::write(
        repo.path().join("architecture/billing.yaml"),
        "# billing\nservices:\n  billing:\n    responsibility: Billing\n    depends_on: [ghost, phantom]\n",
    )
    .unwrap();
    let status_before = git(repo.path(), &["status", "--porcelain"]);
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short", "--new-from-rev", "HEAD"])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert_eq!(shown.lines().count(), 1, "{shown}");
    assert!(shown.contains("`phantom`"), "{shown}");
    // The work tree and the index are as they were, and no copy is left in them.
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), status_before);
    // A commit that only changes the OpenAPI document, named as a hook names it, is refused for
    // the finding it causes in the architecture spec.
    git(repo.path(), &["checkout", "-q", "--", "."]);
    fs::write(
        repo.path().join("services/orders/openapi.yaml"),
        OPENAPI.replace("/orders/{orderId}", "/order/{orderId}"),
    )
    .unwrap();
    let output = archlint_in(repo.path())
        .args([
            "check",
            "--format",
            "short",
            "--new-from-rev",
            "HEAD",
            "services/orders/openapi.yaml",
        ])
        .output()
        .unwrap();
    let shown = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("error[api-drift]"), "{shown}");
    assert!(!shown.contains("`ghost`"), "{shown}");
}

#[test]
fn new_from_rev_names_a_revision_it_cannot_read() {
    let repo = repository(&[("services.yaml", "services: {}\n")]);
    archlint_in(repo.path())
        .args(["check", "--new-from-rev", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a git repository"));
    git(repo.path(), &["init", "-q"]);
    archlint_in(repo.path())
        .args(["check", "--new-from-rev", "no-such-branch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`no-such-branch` is no revision of this repository",
        ));
    archlint_in(repo.path())
        .args(["check", "--new-from-rev=--output=x"])
        .assert()
        .code(2);
    assert!(!repo.path().join("x").exists());
}

const BUDGET: &str = "\
components:
  - name: Checkout
    responsibility: Checkout
    dependencies: [{service: Payments, timeout: 2s}, {service: Ledger, timeout: 2s}]
    sla: {availability: \"99.99%\"}
  - name: Payments
    responsibility: Payments
    dependencies: [{service: Ledger, timeout: 2s}]
    sla: {availability: \"99.95%\"}
  - name: Ledger
    responsibility: Ledger
    sla: {availability: \"99.9%\"}
";

#[test]
fn a_computed_figure_does_not_change_a_findings_identity() {
    let repo = repository(&[("architecture.yaml", BUDGET)]);
    let sarif = |folder: &Path| -> Vec<String> {
        let output = archlint_in(folder)
            .args(["check", "--format", "sarif", "--fail-on", "never"])
            .output()
            .unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|result| result["ruleId"] == "availability-budget")
            .map(|result| {
                result["partialFingerprints"]["archlint/v2"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = sarif(repo.path());
    assert_eq!(before.len(), 2);
    archlint_in(repo.path())
        .args(["check", "--write-baseline", ".baseline.json"])
        .assert()
        .code(0);
    // Ledger's promise changes: the figures Checkout's and Payments' findings compute change
    // with it, and the findings stay the same ones.
    let changed = BUDGET.replace("\"99.9%\"", "\"99.8%\"");
    fs::write(repo.path().join("architecture.yaml"), &changed).unwrap();
    let output = archlint_in(repo.path())
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("99.8%"), "{}", stdout(&output));
    assert_eq!(sarif(repo.path()), before);
    archlint_in(repo.path())
        .args(["check", "--baseline", ".baseline.json", "--strict-baseline"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("2 known violations hidden"));
    // A name is part of the identity: renaming the service makes the finding new.
    fs::write(
        repo.path().join("architecture.yaml"),
        changed.replace("name: Checkout", "name: Basket"),
    )
    .unwrap();
    archlint_in(repo.path())
        .args(["check", "--baseline", ".baseline.json"])
        .assert()
        .code(1);
}

#[test]
fn identity_keeps_names_and_drops_figures() {
    use archlint::baseline::identity;
    assert_eq!(
        identity(
            "`Product Service` promises 99.95% availability, more than its synchronous dependencies allow (99.8001%)"
        ),
        "`Product Service` promises # availability, more than its synchronous dependencies allow (#)"
    );
    assert_eq!(
        identity("`api v2` calls 1,000 times"),
        "`api v2` calls # times"
    );
    assert_eq!(identity("no figures"), "no figures");
}

#[test]
fn a_folder_git_ignores_is_checked_when_it_is_named() {
    let repo = repository(&[
        (".gitignore", "vendor/\n"),
        ("architecture/services.yaml", SERVICES),
        (
            "vendor/api.yaml",
            "openapi: 3.0.3\ninfo: {title: Vendor, version: 1.0.0}\n",
        ),
    ]);
    git(repo.path(), &["init", "-q", "-b", "main"]);
    let named = archlint_in(repo.path())
        .args(["check", "vendor", "--format", "short", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(
        stdout(&named).contains("vendor/api.yaml:1:1: error[oas3-schema]"),
        "{}",
        stdout(&named)
    );
    // Read once: not twice, from the root's walk and from the named folder.
    assert_eq!(stdout(&named).matches("error[oas3-schema]").count(), 1);
    let whole = archlint_in(repo.path())
        .args(["check", ".", "--format", "short", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(!stdout(&whole).contains("vendor/"), "{}", stdout(&whole));
}
