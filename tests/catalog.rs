//! Backstage catalogs as a source of the architecture: entities become services and edges,
//! API definitions (inline or through a placeholder) belong to their providers, and what the
//! catalog names is followed as safely as a `$ref`.

mod common;

use archlint::model::Communication;
use archlint::model::Party;
use archlint::pipeline::Analysis;
use assert_cmd::Command;
use std::path::Path;

/// The findings of archlint's own rules, one a line. Spectral's rules judge the OpenAPI
/// documents' style (contact, descriptions, tags), which is not what a catalog test is about.
fn short(run: &Analysis) -> String {
    common::render_own(run, archlint::report::OutputFormat::Short)
}

fn service_names(run: &Analysis) -> Vec<&str> {
    run.model
        .services
        .iter()
        .map(|service| service.name.value.as_str())
        .collect()
}

/// (from, to, communication) of every dependency, by name.
fn edges(run: &Analysis) -> Vec<(&str, &str, Communication)> {
    let name = |id: archlint::model::ServiceId| run.model.service(id).name.value.as_str();
    run.model
        .dependencies
        .iter()
        .map(|dependency| {
            (
                name(dependency.from),
                name(dependency.to),
                dependency.communication,
            )
        })
        .collect()
}

#[test]
fn a_monorepo_catalog_is_the_architecture() {
    let run = common::check(Path::new("fixtures/catalog/shop"));
    // Spectral's AsyncAPI style rules (a contact, a license, tags) have their say on the payments
    // API; the architecture itself is consistent.
    let architecture: String = short(&run)
        .lines()
        .filter(|line| !line.contains("[asyncapi-"))
        .collect();
    assert_eq!(architecture, "", "the shop's catalog is consistent");
    assert_eq!(service_names(&run), ["orders", "orders-db", "payments"]);
    assert_eq!(
        edges(&run),
        [
            ("orders", "payments", Communication::Sync),
            ("orders", "orders-db", Communication::Sync),
        ]
    );
    let orders = run.model.service(run.model.find("orders").unwrap());
    assert_eq!(orders.domain.as_deref(), Some("checkout"));
    assert_eq!(orders.owner.as_ref().unwrap().value, "team-shop");
    assert_eq!(orders.lifecycle.as_ref().unwrap().value, "production");
    assert_eq!(orders.tags, ["tier-1", "java"]);

    // Both OpenAPI definitions, the inline one and the `$text` one, belong to their providers.
    let owners: Vec<(String, &str)> = run
        .model
        .apis
        .iter()
        .map(|api| {
            let document = &run.workspace.documents[api.document];
            let file = &run.workspace.sources.get(document.file).path;
            let owner = api
                .owner
                .map(|id| run.model.service(id).name.value.as_str());
            (
                file.file_name().unwrap().to_string_lossy().into_owned(),
                owner.unwrap_or("nobody"),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            ("payments.openapi.yaml".to_string(), "payments"),
            ("orders.yaml".to_string(), "orders"),
        ]
    );

    // The AsyncAPI definition makes its provider the publisher and its consumers subscribers.
    let payments = Party::Service(run.model.find("payments").unwrap());
    let orders = Party::Service(run.model.find("orders").unwrap());
    assert!(
        run.model
            .publications
            .iter()
            .any(|usage| usage.party == payments && usage.event.value == "payment.completed")
    );
    assert!(
        run.model
            .subscriptions
            .iter()
            .any(|usage| usage.party == orders && usage.event.value == "payment.completed")
    );
}

#[test]
fn an_asyncapi_api_alone_makes_an_asynchronous_edge() {
    let folder = common::repository(&[(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a, description: A}\n\
         spec: {type: service, lifecycle: production, owner: t, consumesApis: [events]}\n---\n\
         apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: b, description: B}\n\
         spec: {type: service, lifecycle: production, owner: t, providesApis: [events]}\n---\n\
         apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: events}\n\
         spec: {type: asyncapi, lifecycle: production, owner: t, definition: '{}'}\n",
    )]);
    let run = common::check(folder.path());
    assert_eq!(edges(&run), [("a", "b", Communication::Async)]);
}

#[test]
fn a_cycle_of_depends_on_is_a_dependency_cycle() {
    let folder = common::repository(&[(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a, description: A}\n\
         spec: {type: service, lifecycle: production, owner: t, dependsOn: [component:b]}\n---\n\
         apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: {name: db}\n\
         spec: {type: database, owner: t, dependencyOf: [component:b], dependsOn: [Component:A]}\n\
         ---\napiVersion: backstage.io/v1alpha1\nkind: Component\n\
         metadata: {name: b, description: B}\nspec: {type: service, lifecycle: production, owner: t}\n",
    )]);
    let run = common::check(folder.path());
    assert_eq!(
        common::messages(&run, "dependency-cycle"),
        ["synchronous dependency cycle: `a` → `b` → `db` → `a`"]
    );
    // A catalog cannot say how a failure is handled: not asked for.
    assert!(
        !run.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.rule == "missing-failure-handling")
    );
}

#[test]
fn an_inline_definition_is_judged_where_it_is_written() {
    let folder = common::repository(&[(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
spec:
  type: openapi
  lifecycle: production
  owner: team
  definition: |  # the whole OpenAPI document
    openapi: 3.0.3
    info: {title: Orders, version: 1.0.0}
    servers: [{url: https://api.example.com/v1}]
    paths:
      /orders:
        get:
          security: []
          responses: none
",
    )]);
    let run = common::check(folder.path());
    assert_eq!(
        common::located(&run, "oas3-schema"),
        [(17, 22, "\"none\" is not of type \"object\"")]
    );
}

#[test]
fn an_inline_definition_that_is_no_yaml_is_a_parse_error_in_the_block() {
    let folder = common::repository(&[(
        "catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: orders-api}
spec:
  type: openapi
  lifecycle: production
  owner: team
  definition: |
    openapi: 3.0.3
    info: [unclosed
",
    )]);
    let run = common::check(folder.path());
    let parse_errors: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "parse-error")
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            let source = run.workspace.sources.get(span.file);
            source.location(span.start as usize).line.to_string()
        })
        .collect();
    assert_eq!(parse_errors.len(), 1, "{}", short(&run));
    assert!(
        ["10", "11"].contains(&parse_errors[0].as_str()),
        "{parse_errors:?}"
    );
}

#[test]
fn placeholders_and_location_targets_are_followed_safely() {
    let folder = common::repository(&[
        (
            "catalog-info.yaml",
            "apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: all}
spec:
  targets:
    - ./teams.yaml
    - ./missing.yaml
    - ./services/*.yaml
    - https://github.com/example/other/blob/main/catalog-info.yaml
    - ../../elsewhere.yaml
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: maybe}
spec:
  presence: optional
  target: ./not-yet.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: graph}
spec:
  type: graphql
  lifecycle: production
  owner: team
  definition:
    $text: ./schema.graphql
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: hosted}
spec:
  type: graphql
  lifecycle: production
  owner: team
  definition:
    $text: https://example.com/graphql/schema
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: {name: lost}
spec:
  type: openapi
  lifecycle: production
  owner: team
  definition:
    $json: ./lost.json
",
        ),
        (
            "teams.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\n\
             spec: {type: team, children: []}\n",
        ),
        ("schema.graphql", "type Query { orders: [String] }\n"),
    ]);
    let run = common::check(folder.path());
    let found: Vec<(&str, &str)> = run
        .diagnostics
        .iter()
        .map(|diagnostic| (diagnostic.rule.as_ref(), diagnostic.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "unresolved-ref",
                "`Location` target `./missing.yaml` does not exist"
            ),
            (
                "external-ref",
                "`target` to `../../elsewhere.yaml` is not followed"
            ),
            (
                "unresolved-ref",
                "`$json` target `./lost.json` does not exist"
            ),
        ]
    );
    // The Group the Location names is read: the catalog defines it.
    assert!(run.model.catalog.find("group", "default", "team").is_some());
}

#[test]
fn a_template_skeleton_is_not_judged_until_it_is_rendered() {
    let folder = common::repository(&[(
        "skeleton/catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${{ values.name }}
  description: ${{ values.description }}
spec:
  type: service
  lifecycle: experimental
  owner: ${{ values.owner }}
  dependsOn: ['${{ values.database }}']
",
    )]);
    let run = common::check(folder.path());
    assert_eq!(short(&run), "");
    assert!(run.model.services.is_empty());
    assert!(run.model.catalog.entities.is_empty());
}

#[test]
fn a_template_skeletons_inline_definition_is_not_judged_either() {
    let folder = common::repository(&[(
        "skeleton/catalog-info.yaml",
        "apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${{ values.name }}-api
spec:
  type: openapi
  lifecycle: experimental
  owner: ${{ values.owner }}
  definition: |
    openapi: 3.0.3
    info: {title: '${{ values.name }}', version: 1.0.0}
    paths:
      /items:
        get: {}
",
    )]);
    let run = common::check(folder.path());
    assert_eq!(short(&run), "");
    assert!(run.model.apis.is_empty());
}

#[test]
fn the_picture_groups_a_catalog_by_system() {
    let output = Command::cargo_bin("archlint")
        .unwrap()
        .args(["graph", "fixtures/catalog/shop"])
        .output()
        .unwrap();
    let mermaid = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        mermaid,
        "flowchart LR
  subgraph domain_0_billing[\"billing\"]
    s2[\"payments\"]
  end
  subgraph domain_1_checkout[\"checkout\"]
    s0[\"orders\"]
    s1[\"orders-db\"]
  end
  s0 --> s2
  s0 --> s1
"
    );
}

#[test]
fn external_entities_in_the_configuration_are_checked_where_they_are_written() {
    let folder = common::repository(&[(
        "archlint.yaml",
        "rules:\n  unknown-entity:\n    options:\n      external: [group:platform, payments]\n",
    )]);
    let error = archlint::config::load(
        &folder.path().join("archlint.yaml"),
        &archlint::rules::Registry::built_in().known(),
    )
    .expect_err("an entity without its kind");
    let archlint::config::ConfigError::Invalid { sources, findings } = error else {
        panic!("a located mistake, not {error:?}");
    };
    let messages: Vec<(usize, &str)> = findings
        .iter()
        .map(|finding| {
            let span = finding.primary_span();
            let line = sources.get(span.file).location(span.start as usize).line;
            (line, finding.message.as_str())
        })
        .collect();
    assert_eq!(
        messages,
        [(
            4,
            "option `external` of `unknown-entity` must be a list of entity references with \
             their kind (`kind:[namespace/]name`): `payments` is not one"
        )]
    );
}

#[test]
fn a_definition_two_apis_share_belongs_to_the_first_apis_provider_on_every_run() {
    // Two API entities (v1 for partners, v2 for the shop) name one OpenAPI file; each has its own
    // provider. The first API in the catalog keeps the document, whatever order a map gives.
    let folder = common::repository(&[
        (
            "catalog-info.yaml",
            "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: orders-v1}\n\
             spec: {type: openapi, lifecycle: production, owner: t, definition: {$text: ./orders.yaml}}\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: orders-v2}\n\
             spec: {type: openapi, lifecycle: production, owner: t, definition: {$text: ./orders.yaml}}\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: legacy, description: L}\n\
             spec: {type: service, lifecycle: production, owner: t, providesApis: [orders-v1]}\n\
             ---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: shop, description: S}\n\
             spec: {type: service, lifecycle: production, owner: t, providesApis: [orders-v2]}\n",
        ),
        (
            "orders.yaml",
            "openapi: 3.0.3\ninfo: {title: Orders, version: 1.0.0}\n\
             servers: [{url: https://api.example.com/v1}]\npaths: {}\n",
        ),
    ]);
    for _ in 0..8 {
        let run = common::check(folder.path());
        let owners: Vec<&str> = run
            .model
            .apis
            .iter()
            .filter_map(|api| api.owner)
            .map(|id| run.model.service(id).name.value.as_str())
            .collect();
        assert_eq!(owners, ["legacy"]);
    }
}
