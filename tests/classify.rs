//! Classification: what archlint recognises as an architecture document, and what it skips on
//! purpose, with the reason `--verbose` gives. The fixtures are in the shape of real repositories'
//! files (a Compose stack, Kubernetes manifests, configuration schemas, an EventCatalog, a
//! TypeScript configuration with comments, a scaffolder template, an AsyncAPI 1.x document).

mod common;

use archlint::load::kind::DocumentKind;
use std::collections::BTreeMap;
use std::path::Path;

/// Each skipped document of the folder: `file (document N)` → the reason.
fn skipped(folder: &str) -> BTreeMap<String, String> {
    let run = common::check(Path::new(folder));
    let sources = &run.workspace.sources;
    let mut skipped: BTreeMap<String, String> = run
        .workspace
        .skipped_documents()
        .map(|(document, skip)| {
            (
                format!(
                    "{} ({})",
                    sources.get(document.file).name,
                    document.index + 1
                ),
                skip.reason(),
            )
        })
        .collect();
    for (file, reason) in &run.workspace.skipped_files {
        skipped.insert(sources.get(*file).name.clone(), reason.clone());
    }
    skipped
}

#[test]
fn files_that_are_no_architecture_documents_are_skipped_and_never_judged() {
    let folder = "fixtures/classify/skipped";
    let run = common::check(Path::new(folder));
    assert!(
        run.diagnostics.is_empty(),
        "{}",
        common::render(&run, archlint::report::OutputFormat::Short)
    );
    assert!(run.workspace.failures.is_empty());
    // The one architecture document: an event by the EventCatalog `events` folder it sits in.
    let kinds: Vec<(String, DocumentKind)> = run
        .workspace
        .documents
        .iter()
        .map(|document| {
            (
                run.workspace.sources.get(document.file).name.clone(),
                document.kind,
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [(
            format!(
                "{folder}/catalog/domains/Orders/services/OrderService/events/OrderPlaced/schema.json"
            ),
            DocumentKind::JsonSchema
        )]
    );
    let skipped = skipped(folder);
    let reason = |file: &str| {
        skipped
            .get(&format!("{folder}/{file}"))
            .unwrap_or_else(|| panic!("{file} is not skipped: {skipped:#?}"))
            .as_str()
    };
    let expected = [
        (
            "observability/docker-compose.yaml (1)",
            "a Docker Compose file",
        ),
        (
            "deploy/k8s/orders.yaml (1)",
            "a `Deployment` manifest of `apps/v1`",
        ),
        ("deploy/k8s/orders.yaml (2)", "a `Service` manifest of `v1`"),
        (
            "deploy/k8s/orders.yaml (3)",
            "a `ConfigMap` manifest of `v1`",
        ),
        (
            "schemas/config/app.schema.json (1)",
            "a JSON Schema that describes no event",
        ),
        (
            "schemas/oas/3.0/schema.json (1)",
            "a JSON Schema that describes no event",
        ),
        (
            "catalog/domains/Orders/services/OrderService/commands/PlaceOrder/schema.json (1)",
            "a JSON Schema that describes no event",
        ),
        (
            "catalog/domains/Orders/services/OrderService/queries/GetOrder/schema.json (1)",
            "a JSON Schema that describes no event",
        ),
        (
            "events-api/events_api_async_v1.json (1)",
            "AsyncAPI 1.2.0 is not supported (archlint reads AsyncAPI 2.x and 3.x)",
        ),
        ("web/tsconfig.json (1)", "not an architecture document"),
        (
            "observability/docker-compose.override.yaml (1)",
            "a `services` mapping of another format",
        ),
        ("sbom/bom.json (1)", "a `components` list of another format"),
        (
            "deploy/kustomize/overlays/prod/kustomization.yaml (1)",
            "a `components` list of another format",
        ),
        (
            "pacts/web-orders.json (1)",
            "an `interactions` list of another format",
        ),
        (
            "copilot/api/manifest.yml (1)",
            "not an architecture document",
        ),
        (
            "openapi/next.yaml (1)",
            "OpenAPI 3.3.0 is not supported (archlint reads OpenAPI 2.0 and 3.0 to 3.2)",
        ),
        (
            "scaffolder/skeleton/catalog-info.yaml",
            "a template with `{% ... %}` or `{{ ... }}` tags",
        ),
        (
            "charts/orders/templates/deployment.yaml",
            "a template with `{% ... %}` or `{{ ... }}` tags",
        ),
    ];
    for (file, start) in expected {
        assert!(
            reason(file).starts_with(start),
            "{file}: `{}` does not start with `{start}`",
            reason(file)
        );
    }
    assert_eq!(skipped.len(), expected.len(), "{skipped:#?}");
}

#[test]
fn a_compose_file_with_spec_fields_is_an_architecture_spec() {
    // `services` with `build` is Compose's shape; a responsibility is the spec's, and wins.
    let repo = common::repository(&[(
        "services.yaml",
        "services:\n  orders:\n    build: .\n    responsibilities: [order_creation]\n    depends_on: [payments]\n  payments:\n    responsibility: Takes payments\n",
    )]);
    let run = common::check(repo.path());
    assert_eq!(run.workspace.documents.len(), 1);
    assert_eq!(
        run.workspace.documents[0].kind,
        DocumentKind::ArchitectureSpec
    );
}

#[test]
fn services_and_components_are_a_spec_by_their_fields() {
    let kinds = |text: &str| {
        let repo = common::repository(&[("architecture.yaml", text)]);
        let run = common::check(repo.path());
        run.workspace
            .documents
            .iter()
            .map(|document| document.kind)
            .collect::<Vec<_>>()
    };
    let spec = [DocumentKind::ArchitectureSpec];
    // The smallest spec: services and their dependencies.
    assert_eq!(
        kinds("services:\n  orders: {depends_on: [payments]}\n  payments:\n"),
        spec
    );
    // Seed 004's component records, and interactions alone.
    assert_eq!(
        kinds("components:\n  - name: Orders\n    technology: Node.js\n  - name: Payments\n"),
        spec
    );
    assert_eq!(
        kinds("interactions:\n  - {source: Orders, target: Payments}\n"),
        spec
    );
    // A Compose override's services, a components list of names only: another format's.
    assert_eq!(
        kinds("services:\n  web:\n    ports: [\"80:80\"]\n    depends_on: [db]\n"),
        []
    );
    assert_eq!(
        kinds("components:\n  - name: cluster\n  - name: network\n"),
        []
    );
}

#[test]
fn an_architecture_document_with_json_comments_keeps_its_parse_error() {
    let run = common::check(Path::new("fixtures/rules/parse-error/fail-json-comments"));
    assert_eq!(run.workspace.failures.len(), 1);
    let run = common::check(Path::new("fixtures/rules/parse-error/pass-jsonc-config"));
    assert!(run.workspace.failures.is_empty());
    assert_eq!(run.workspace.skipped_documents().count(), 2);
}

#[test]
fn complex_yaml_keys_load_as_their_source_text() {
    let run = common::check(Path::new("fixtures/rules/parse-error/pass-complex-keys"));
    assert!(run.workspace.failures.is_empty());
    let (document, _) = run.workspace.skipped_documents().next().unwrap();
    let keys: Vec<&str> = document
        .value
        .as_object()
        .unwrap()
        .keys()
        .map(|key| key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "[linux, x86_64]",
            "[macos, arm64]",
            "name: nightly\n  cron: \"0 3 * * *\"",
            "[linux, arm64]",
            "fallback"
        ]
    );
    // An anchor on a complex key still names its collection.
    assert_eq!(
        document.value.get("fallback"),
        Some(&archlint::json!(["linux", "arm64"]))
    );
    // Each key is located where it is written.
    let at = document.locate("/[macos, arm64]").unwrap().anchor();
    let source = run.workspace.sources.get(at.file);
    assert_eq!(source.location(at.start as usize).line, 4);
    // A cookiecutter placeholder is a flow mapping whose one key is a flow mapping.
    let run = common::check(Path::new(
        "fixtures/rules/parse-error/pass-templates/skeleton",
    ));
    let entity = &run.workspace.documents[0];
    assert_eq!(
        entity.value.pointer("/metadata/name"),
        Some(&archlint::json!({"{cookiecutter.component_id | jsonify}": null}))
    );
}
