//! Scale: a generated architecture of 10,000 services with random sync edges is checked to the
//! end, in-process and by the binary, with sensible results. Timing is the benchmark's job
//! (`cargo bench --bench graph`), never a test's.

mod common;

use archlint::config::Config;
use archlint::pipeline;
use assert_cmd::Command;
use common::architecture::{SERVICES, generate};
use std::collections::HashSet;
use std::time::Duration;

const FILES: usize = 10;

/// The services of a `dependency-cycle` message, in ring order, first repeated last.
fn ring(message: &str) -> Vec<&str> {
    message
        .strip_prefix("synchronous dependency cycle: ")
        .unwrap_or_else(|| panic!("unexpected dependency-cycle message: {message}"))
        .split(" → ")
        .collect()
}

#[test]
fn ten_thousand_services_with_random_sync_edges_are_checked_to_the_end() {
    let folder = tempfile::tempdir().unwrap();
    let generated = generate(folder.path(), FILES);

    let analysis = pipeline::analyze(
        &[folder.path().to_path_buf()],
        &Config::default(),
        &archlint::rules::Registry::built_in(),
    )
    .expect("analysis");

    assert_eq!(analysis.workspace.sources.len(), FILES);
    assert_eq!(analysis.model.services.len(), SERVICES);
    assert_eq!(analysis.model.dependencies.len(), generated.dependencies);
    assert_eq!(analysis.graph.sync.edge_count(), generated.sync);
    assert!(analysis.model.unknown.is_empty());
    for rule in [
        "parse-error",
        "schema-violation",
        "duplicate-key",
        "unknown-service",
    ] {
        let found: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule == rule)
            .take(3)
            .map(|diagnostic| &diagnostic.message)
            .collect();
        assert!(found.is_empty(), "unexpected {rule}: {found:?}");
    }

    let cycles: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "dependency-cycle")
        .collect();
    assert!(!cycles.is_empty(), "a random graph this dense has a cycle");
    for cycle in &cycles {
        let services = ring(&cycle.message);
        assert!(
            services.len() >= 3,
            "a ring of two services or more: {}",
            cycle.message
        );
        assert_eq!(services.first(), services.last(), "{}", cycle.message);
        let distinct: HashSet<_> = services[1..].iter().collect();
        assert_eq!(
            distinct.len(),
            services.len() - 1,
            "a simple ring: {}",
            cycle.message
        );
        // One label per edge of the ring.
        assert_eq!(cycle.labels.len(), services.len() - 1, "{}", cycle.message);
    }
}

#[test]
fn the_binary_checks_ten_thousand_services_and_prints_valid_json() {
    let folder = tempfile::tempdir().unwrap();
    generate(folder.path(), FILES);

    let output = Command::cargo_bin("archlint")
        .unwrap()
        .arg("check")
        .arg(folder.path())
        .args(["--format", "json"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();

    assert_eq!(
        output.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["files"], FILES);
    let diagnostics = json["diagnostics"].as_array().expect("a diagnostics array");
    assert!(
        diagnostics
            .iter()
            .any(|diagnostic| diagnostic["rule"] == "dependency-cycle")
    );
    assert!(
        diagnostics
            .iter()
            .all(|diagnostic| diagnostic["rule"] != "parse-error"
                && diagnostic["rule"] != "schema-violation")
    );
}

#[test]
fn ten_thousand_catalog_entities_are_checked_to_the_end() {
    use common::catalog;
    let folder = tempfile::tempdir().unwrap();
    let dependencies = catalog::generate(folder.path(), FILES);

    let analysis = pipeline::analyze(
        &[folder.path().to_path_buf()],
        &Config::default(),
        &archlint::rules::Registry::built_in(),
    )
    .expect("analysis");

    assert_eq!(analysis.model.catalog.entities.len(), catalog::ENTITIES);
    assert_eq!(
        analysis.model.services.len(),
        catalog::COMPONENTS + catalog::RESOURCES
    );
    assert_eq!(analysis.model.dependencies.len(), dependencies);
    // Every tenth API's inline OpenAPI definition is read, and belongs to its provider.
    assert_eq!(analysis.model.apis.len(), catalog::APIS / 10);
    assert!(analysis.model.apis.iter().all(|api| api.owner.is_some()));
    let count = |rule: &str| {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule == rule)
            .count()
    };
    assert_eq!(count("unknown-entity"), catalog::MISTYPED_OWNERS);
    // Each inline OpenAPI definition has no contact, no description and an operation without
    // description, `operationId` or tags: `spectral:oas`'s five recommended warnings, each
    // definition to the end.
    let (spectral, own): (Vec<_>, Vec<_>) = analysis
        .diagnostics
        .iter()
        .partition(|diagnostic| common::spectral(&diagnostic.rule));
    assert_eq!(spectral.len(), 5 * catalog::APIS / 10);
    assert_eq!(
        own.len(),
        catalog::MISTYPED_OWNERS,
        "only the mistyped owners: {:?}",
        own.iter()
            .filter(|diagnostic| diagnostic.rule != "unknown-entity")
            .take(3)
            .map(|diagnostic| (
                diagnostic.rule.as_ref(),
                diagnostic.message.chars().take(200).collect()
            ))
            .collect::<Vec<(&str, String)>>()
    );
}

/// A chain of 30,000 synchronous calls closed into a ring, checked on a thread with an eighth
/// of the stack a main thread has: no stage may walk the graph by recursion.
#[test]
fn a_thirty_thousand_long_call_chain_needs_no_deep_stack() {
    const CHAIN: usize = 30_000;
    let mut spec = String::from("services:\n");
    for index in 0..CHAIN {
        let next = (index + 1) % CHAIN;
        spec.push_str(&format!(
            "  s{index}:\n    responsibility: link {index}\n    dependencies: [s{next}]\n"
        ));
    }
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("architecture.yaml"), spec).unwrap();
    let path = folder.path().to_path_buf();
    let analysis = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            pipeline::analyze(
                &[path],
                &Config::default(),
                &archlint::rules::Registry::built_in(),
            )
            .expect("analysis")
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(analysis.model.services.len(), CHAIN);
    let cycles = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "dependency-cycle")
        .count();
    assert_eq!(cycles, 1);
}
