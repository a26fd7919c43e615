//! The user's own material: every YAML, JSON and Markdown example of the seeds, as written
//! (`fixtures/seeds/`), and the bundled e-commerce example built from seed 004.

mod common;

use archlint::report::OutputFormat;
use std::path::Path;

/// `path:line:col: severity[rule]` of every diagnostic, one per line.
fn located(folder: &str) -> Vec<String> {
    let run = common::check(Path::new(folder));
    common::render(&run, OutputFormat::Short)
        .lines()
        .map(|line| line.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect()
}

#[test]
fn every_seed_example_loads_except_the_known_non_yaml() {
    let loading: Vec<String> = located("fixtures/seeds")
        .into_iter()
        .filter(|line| line.contains("[parse-error]") || line.contains("[schema-violation]"))
        .collect();
    assert_eq!(
        loading,
        [
            // Terraform in a block marked `yaml` (seeds 000 and 003): not YAML at all.
            "fixtures/seeds/000/01-multi-cloud-strategy.yaml:31:1: error[parse-error]",
            "fixtures/seeds/000/02-multi-cloud-strategy.yaml:31:1: error[parse-error]",
            "fixtures/seeds/003/01-multi-cloud-strategy.yaml:31:1: error[parse-error]",
            // Seed 004's `- Code coverage: > 80%`.
            "fixtures/seeds/004/02-step-1-gather-and-analyze-requirements.yaml:24:22: error[parse-error]",
        ]
    );
    // Each seed document of a kind archlint knows is classified as that kind.
    let run = common::check(Path::new("fixtures/seeds"));
    let kinds: Vec<_> = run
        .workspace
        .documents
        .iter()
        .map(|document| {
            let name = &run.workspace.sources.get(document.file).name;
            format!("{name}: {}", document.kind.describe())
        })
        .collect();
    insta::assert_snapshot!("seed_document_kinds", kinds.join("\n"));
}

#[test]
fn seed_001_services_consume_events_nobody_publishes() {
    let found = located("fixtures/seeds/001");
    let unpublished: Vec<&str> = found
        .iter()
        .filter(|line| line.ends_with("error[unpublished-event]"))
        .map(String::as_str)
        .collect();
    // account_verified (user_service), payment_confirmed and inventory_reserved (order_service).
    assert_eq!(
        unpublished,
        [
            "fixtures/seeds/001/01-microservices-design.yaml:17:20: error[unpublished-event]",
            "fixtures/seeds/001/01-microservices-design.yaml:33:20: error[unpublished-event]",
            "fixtures/seeds/001/01-microservices-design.yaml:33:39: error[unpublished-event]",
        ]
    );
    // Its endpoints (`GET /users/{id}`, ...) carry no version, but nothing in seed 001 says
    // how its APIs are versioned (seed 004's API standards do): that is no contradiction.
    assert!(
        !found
            .iter()
            .any(|line| line.contains("error[") && !line.ends_with("[unpublished-event]"))
    );
}

#[test]
fn seed_004_components_show_the_implied_findings() {
    let found = located("fixtures/ecommerce");
    let expected = [
        // Order Service depends on `Payment Service`, which no component defines...
        "fixtures/ecommerce/architecture.yaml:57:9: error[unknown-service]",
        // ...and interactions name `API Gateway` and `Payment Service`.
        "fixtures/ecommerce/architecture.yaml:75:13: error[unknown-service]",
        "fixtures/ecommerce/architecture.yaml:83:13: error[unknown-service]",
        // The data architecture describes an `analytics_service` that no component defines.
        "fixtures/ecommerce/data_architecture.yaml:47:3: error[unknown-service]",
        // Product Service promises 99.95% while depending synchronously on Auth Service at 99.9%.
        "fixtures/ecommerce/architecture.yaml:45:21: error[availability-budget]",
        // payment.completed and payment.failed are consumed but never published.
        "fixtures/ecommerce/architecture.yaml:67:9: error[unpublished-event]",
        "fixtures/ecommerce/architecture.yaml:68:9: error[unpublished-event]",
        // The YAML error in the requirements.
        "fixtures/ecommerce/non_functional_requirements.yaml:24:22: error[parse-error]",
        // The OpenAPI document's references to responses and schemas it never defines.
        "fixtures/ecommerce/api/openapi.yaml:58:17: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:60:17: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:62:17: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:101:27: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:121:19: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:123:17: error[unresolved-ref]",
        "fixtures/ecommerce/api/openapi.yaml:140:19: error[unresolved-ref]",
        // Order Service declares two endpoints its document lacks; the document's
        // `GET /orders` is not declared.
        "fixtures/ecommerce/architecture.yaml:60:9: error[api-drift]",
        "fixtures/ecommerce/architecture.yaml:61:9: error[api-drift]",
        "fixtures/ecommerce/api/openapi.yaml:64:5: error[api-drift]",
    ];
    let errors: Vec<&str> = found
        .iter()
        .filter(|line| line.contains(": error["))
        .map(String::as_str)
        .collect();
    let mut expected = expected.to_vec();
    expected.sort();
    let mut errors = errors;
    errors.sort();
    assert_eq!(errors, expected);
    // The Order → Product interaction is asynchronous: no failure-handling warning for it, and
    // Order Service's availability is not judged against Product Service's.
    assert!(found.contains(
        &"fixtures/ecommerce/architecture.yaml:55:9: warning[missing-failure-handling]".to_string()
    ));
    assert!(!found.contains(
        &"fixtures/ecommerce/architecture.yaml:56:9: warning[missing-failure-handling]".to_string()
    ));
    // `GET /orders` documents no 4xx response.
    assert!(found.contains(
        &"fixtures/ecommerce/api/openapi.yaml:88:7: warning[error-responses]".to_string()
    ));
    // Every published event but `order.created` (the registry's one schema) has no schema.
    let without_schema: Vec<&str> = found
        .iter()
        .filter(|line| line.ends_with("warning[event-without-schema]"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        without_schema,
        [17, 18, 38, 39, 40, 64, 65].map(|line| format!(
            "fixtures/ecommerce/architecture.yaml:{line}:9: warning[event-without-schema]"
        ))
    );
    // The registry's `order.created` is a valid draft-07 schema with the seed's envelope and an
    // `event_type` matching its key; it only lacks a version.
    let registry: Vec<&str> = found
        .iter()
        .filter(|line| line.starts_with("fixtures/ecommerce/events/"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        registry,
        ["fixtures/ecommerce/events/event_schemas.json:3:5: warning[event-schema-unversioned]"]
    );
}

/// The contradictions between seed 004's documents that issue 14 lists, as written and once the
/// requirements' `Code coverage: > 80%` is quoted.
#[test]
fn seed_004_documents_contradict_each_other_where_the_issue_says() {
    let new_rules = [
        "api-base-url",
        "api-envelope",
        "datastore-mismatch",
        "nfr-sla-conflict",
        "compliance-mismatch",
        "api-status-code",
        "api-media-type",
        "api-pagination",
        "cache-without-ttl",
        "missing-environment",
        "missing-disaster-recovery",
        "nfr-deployment-conflict",
        "missing-encryption",
        "weak-tls",
        "insecure-server-url",
    ];
    let of_new_rules = |folder: &str| -> Vec<String> {
        located(folder)
            .into_iter()
            .filter(|line| {
                new_rules
                    .iter()
                    .any(|rule| line.ends_with(&format!("[{rule}]")))
            })
            .collect()
    };
    let api = [
        // The staging server is not on `https://api.{domain}.com/v{version}`.
        "api/openapi.yaml:14:10: warning[api-base-url]",
        // `POST /orders` returns a bare order, not `{data, meta}`.
        "api/openapi.yaml:55:15: warning[api-envelope]",
    ];
    let data = [
        // Product Service's Redis cache is not in its component; Order Service's Redis is not
        // in the data architecture.
        "data_architecture.yaml:15:3: warning[datastore-mismatch]",
        "data_architecture.yaml:31:3: warning[datastore-mismatch]",
    ];
    let with = |folder: &str, lines: &[&str]| -> Vec<String> {
        let mut lines: Vec<String> = lines
            .iter()
            .map(|line| format!("{folder}/{line}"))
            .collect();
        lines.sort();
        lines
    };
    let written: Vec<&str> = api.iter().chain(&data).copied().collect();
    assert_eq!(
        of_new_rules("fixtures/ecommerce"),
        with("fixtures/ecommerce", &written)
    );
    // Once the requirements load: the 300ms promise against `< 200ms (p95)`, and PCI DSS.
    let quoted: Vec<&str> = api
        .iter()
        .chain(&data)
        .copied()
        .chain([
            "architecture.yaml:72:20: error[nfr-sla-conflict]",
            "security_architecture.yaml:66:5: warning[compliance-mismatch]",
        ])
        .collect();
    assert_eq!(
        of_new_rules("fixtures/ecommerce-quoted"),
        with("fixtures/ecommerce-quoted", &quoted)
    );
    // The seed's own files (no components there): the API standards against the OpenAPI document.
    assert_eq!(
        of_new_rules("fixtures/seeds/004"),
        with(
            "fixtures/seeds/004",
            &[
                "07-openapi.yaml:14:10: warning[api-base-url]",
                "07-openapi.yaml:55:15: warning[api-envelope]"
            ]
        )
    );
}

#[test]
fn the_bundled_example() {
    let run = common::check(Path::new("fixtures/ecommerce"));
    insta::assert_snapshot!("ecommerce", common::render(&run, OutputFormat::Human));
}

/// The source text under each primary label of `rule`, as `file:line: text`.
fn reported(folder: &str, rule: &str) -> Vec<String> {
    let run = common::check(Path::new(folder));
    run.diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rule)
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            let file = run.workspace.sources.get(span.file);
            format!(
                "{}:{}: {}",
                file.name,
                file.location(span.start as usize).line,
                &file.text[span.range()]
            )
        })
        .collect()
}

#[test]
fn seed_004_requirements_once_quoted_have_exactly_five_unquantified_items() {
    let file = "fixtures/requirements/seed-004-quoted/non_functional_requirements.yaml";
    assert_eq!(
        reported("fixtures/requirements/seed-004-quoted", "unquantified-nfr"),
        [
            format!("{file}:8: Horizontal scaling capability"),
            format!("{file}:9: Auto-scaling based on load"),
            format!("{file}:10: Multi-region deployment"),
            format!("{file}:21: End-to-end encryption for sensitive data"),
            format!("{file}:25: Deployment frequency: Multiple times per day"),
        ]
    );
    // Issue 4's block, in the same folder, has a measurement for every target, and together the
    // two cover every required category.
    for rule in ["nfr-without-measurement", "missing-nfr-category"] {
        assert_eq!(
            reported("fixtures/requirements/seed-004-quoted", rule),
            Vec::<String>::new()
        );
    }
}

#[test]
fn seed_004_issue_4_requirements_are_measurable_and_measured() {
    // The folder holds Issue 4's block and the unquoted Step 1 block (a parse error).
    let run = common::check(Path::new("fixtures/seeds/004"));
    let issue_4: Vec<_> = run
        .model
        .requirements
        .iter()
        .map(|requirement| requirement.statement.value.as_str())
        .collect();
    assert_eq!(
        issue_4,
        [
            "p95 latency",
            "uptime percentage",
            "OWASP Top 10 compliance"
        ]
    );
    for rule in ["unquantified-nfr", "nfr-without-measurement"] {
        assert_eq!(reported("fixtures/seeds/004", rule), Vec::<String>::new());
    }
}

#[test]
fn the_bundled_requirements_still_do_not_load() {
    let found = located("fixtures/ecommerce");
    assert!(
        found.contains(
            &"fixtures/ecommerce/non_functional_requirements.yaml:24:22: error[parse-error]"
                .to_string()
        )
    );
    // What loads is the functional requirements alone, so the categories are missing.
    assert_eq!(
        reported("fixtures/ecommerce", "missing-nfr-category"),
        ["fixtures/ecommerce/requirements.yaml:2: functional_requirements"]
    );
}

#[test]
fn seed_004_decision_records_pass_and_seed_002_has_no_alternatives() {
    for folder in ["fixtures/ecommerce", "fixtures/seeds/004"] {
        let run = common::check(Path::new(folder));
        let numbers: Vec<u64> = run
            .model
            .decisions
            .records
            .iter()
            .filter_map(|decision| Some(decision.number.as_ref()?.value))
            .collect();
        assert_eq!(numbers, [1, 2], "{folder}");
        let adr_findings: Vec<_> = run
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule.starts_with("adr-"))
            .collect();
        assert!(adr_findings.is_empty(), "{folder}: {adr_findings:?}");
    }
    let found: Vec<String> = located("fixtures/seeds")
        .into_iter()
        .filter(|line| line.contains("[adr-"))
        .collect();
    assert_eq!(
        found,
        [
            "fixtures/seeds/002/01-architecture-decision-records-adrs.md:1:1: info[adr-missing-alternatives]"
        ]
    );
    assert_eq!(
        reported("fixtures/seeds/002", "adr-missing-alternatives"),
        [
            "fixtures/seeds/002/01-architecture-decision-records-adrs.md:1: # ADR-001: Choose Database Technology"
        ]
    );
}
