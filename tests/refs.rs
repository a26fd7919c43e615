//! `$ref` resolution: every kind of reference of `fixtures/refs`, each reported (or not) at the
//! line of the `$ref` itself, in the file where it is written; and the references that lead out of
//! the repository, which are never followed.

mod common;

use archlint::load::DocumentRef;
use archlint::load::Workspace;
use archlint::load::kind::DocumentKind;
use archlint::load::references::{Node, References, Target};
use archlint::pipeline::Analysis;
use std::fs;
use std::path::Path;

/// (file, line, rule) of every reference finding.
fn reference_findings(analysis: &Analysis) -> Vec<(String, usize, &str)> {
    analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule.ends_with("-ref"))
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            let source = analysis.workspace.sources.get(span.file);
            let file = source.path.to_string_lossy().replace('\\', "/");
            (
                file,
                source.location(span.start as usize).line,
                diagnostic.rule.as_ref(),
            )
        })
        .collect()
}

#[test]
fn each_bad_reference_is_reported_at_its_line() {
    let analysis = common::check(Path::new("fixtures/refs"));
    let expected = [
        ("fixtures/refs/openapi.yaml", 49, "unresolved-ref"), // missing pointer
        ("fixtures/refs/openapi.yaml", 55, "unresolved-ref"), // missing file
        ("fixtures/refs/openapi.yaml", 61, "external-ref"),   // a URL
        ("fixtures/refs/openapi.yaml", 67, "external-ref"),   // ../ out of the root
        ("fixtures/refs/openapi.yaml", 73, "external-ref"),   // an absolute path
        ("fixtures/refs/openapi.yaml", 84, "unresolved-ref"), // a code sample that is not there
        ("fixtures/refs/openapi.yaml", 104, "unresolved-ref"), // an example that is not there
        ("fixtures/refs/openapi.yaml", 108, "unresolved-ref"), // Ping → Pong, which leads back
        ("fixtures/refs/openapi.yaml", 110, "unresolved-ref"), // Pong → Ping, which leads back
        // Reached through `schemas/pet.yaml` → `shared/common.yaml`: reported where written.
        ("fixtures/refs/shared/common.yaml", 8, "unresolved-ref"),
    ]
    .map(|(file, line, rule)| (file.to_string(), line, rule));
    assert_eq!(reference_findings(&analysis), expected);
}

fn openapi(workspace: &Workspace) -> DocumentRef {
    let index = workspace
        .documents
        .iter()
        .position(|document| document.kind == DocumentKind::OpenApi)
        .unwrap();
    DocumentRef::Architecture(index)
}

/// The node at `pointer` of the OpenAPI document, resolved.
fn resolve<'w>(workspace: &'w Workspace, pointer: &str) -> Option<Node<'w>> {
    let root = Node::root(workspace, openapi(workspace));
    let node = pointer
        .split('/')
        .skip(1)
        .try_fold(root, |node, token| node.get(&token.replace("~1", "/")))?;
    workspace.references.resolve(workspace, node)
}

fn schema_of(status: &str) -> String {
    format!("/paths/~1pets/get/responses/{status}/content/application~1json/schema")
}

#[test]
fn references_lead_to_their_targets_and_cycles_end() {
    let analysis = common::check(Path::new("fixtures/refs"));
    let workspace = &analysis.workspace;
    let target = |status: &str| {
        resolve(workspace, &schema_of(status)).map(|node| {
            let file = &workspace.sources.get(node.document.file).path;
            (file.to_string_lossy().replace('\\', "/"), node.pointer)
        })
    };
    let at = |file: &str, pointer: &str| Some((format!("fixtures/refs/{file}"), pointer.into()));
    assert_eq!(target("200"), at("openapi.yaml", "/components/schemas/Pet"));
    assert_eq!(target("201"), at("schemas/pet.yaml", ""));
    assert_eq!(
        target("400"),
        at("shared/common.yaml", "/components/schemas/Error")
    );
    // Alias → Pet: a chain is followed to its end.
    assert_eq!(target("401"), at("openapi.yaml", "/components/schemas/Pet"));
    // Ping → Pong → Ping: resolving it terminates with nothing (`unresolved-ref` reports it).
    assert_eq!(target("402"), None);
    assert_eq!(target("403"), None);
    assert_eq!(target("405"), None);
}

#[test]
fn a_file_that_is_no_document_is_text() {
    let analysis = common::check(Path::new("fixtures/refs"));
    let target = |reference: &str| {
        let site = analysis
            .workspace
            .references
            .sites
            .iter()
            .find(|site| site.reference == reference)
            .unwrap();
        site.target.clone()
    };
    // It exists: a bundler inlines its text, so it is neither missing nor a document.
    assert_eq!(target("code_samples/list_orders.php"), Target::Text);
    assert!(matches!(
        target("code_samples/list_orders.cs"),
        Target::Missing { .. }
    ));
}

#[test]
fn values_that_are_data_are_not_references() {
    let analysis = common::check(Path::new("fixtures/refs"));
    let references: &References = &analysis.workspace.references;
    let written: Vec<&str> = references
        .sites
        .iter()
        .map(|site| site.reference.as_str())
        .collect();
    // An Example Object's `value` is a literal value, even one that looks like a reference
    // (as Redocly reads it); a property named `default` is a schema, and so is a property
    // `value` of a property named `examples`.
    assert!(!written.contains(&"not/a/reference.yaml"));
    for pointer in [
        "/components/schemas/Pet/properties/default",
        "/components/schemas/Pet/properties/examples/properties/value",
    ] {
        assert!(
            references.sites.iter().any(|site| site.pointer == pointer),
            "{pointer}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_root_is_not_followed() {
    let place = tempfile::tempdir().unwrap();
    let outside = place.path().join("outside");
    let repository = place.path().join("repository");
    fs::create_dir_all(&outside).unwrap();
    fs::create_dir_all(&repository).unwrap();
    fs::write(outside.join("secret.yaml"), "type: string\n").unwrap();
    std::os::unix::fs::symlink(&outside, repository.join("link")).unwrap();
    fs::write(
        repository.join("openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
         Secret:\n      $ref: 'link/secret.yaml'\n",
    )
    .unwrap();
    // The walk follows links, but not out of the root: the file behind this one is not read.
    let analysis = common::check(&repository);
    let found: Vec<(usize, &str)> = reference_findings(&analysis)
        .into_iter()
        .map(|(_, line, rule)| (line, rule))
        .collect();
    assert_eq!(found, [(7, "external-ref")]);
    assert!(
        analysis
            .workspace
            .sources
            .iter()
            .all(|(_, source)| !source.path.ends_with("secret.yaml")),
        "the file behind the link was read"
    );
}

#[test]
fn a_file_the_walk_skipped_is_loaded_once_when_referenced() {
    let repository = common::repository(&[
        ("archlint.yaml", "exclude: [\"vendor/**\"]\n"),
        (
            "api/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             A: {$ref: '../parts/a.yaml'}\n    B: {$ref: '../parts/a.yaml#/B'}\n    \
             V: {$ref: '../vendor/v.yaml#/V'}\n",
        ),
        // Outside the checked folder, inside the root: loaded once, and judged.
        ("parts/a.yaml", "type: object\nB:\n  $ref: '#/C'\n"),
        // Excluded by the configuration: loaded, so the reference resolves, but not judged.
        ("vendor/v.yaml", "V:\n  $ref: '#/nowhere'\n"),
    ]);
    let config_file = repository.path().join("archlint.yaml");
    let config =
        archlint::config::load(&config_file, &archlint::rules::Registry::built_in().known())
            .unwrap();
    let analysis = common::analyze(&[repository.path().join("api")], &config);
    let copies = analysis
        .workspace
        .sources
        .iter()
        .filter(|(_, source)| source.path.ends_with("parts/a.yaml"))
        .count();
    assert_eq!(copies, 1);
    let found: Vec<(String, usize, &str)> = reference_findings(&analysis)
        .into_iter()
        .map(|(file, line, rule)| (file.rsplit('/').next().unwrap().to_string(), line, rule))
        .collect();
    assert_eq!(found, [("a.yaml".to_string(), 3, "unresolved-ref")]);
}

#[test]
fn several_paths_share_their_common_folder_as_the_root() {
    let place = common::repository(&[
        (
            "a/api.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             X: {$ref: '../b/x.yaml'}\n",
        ),
        ("b/x.yaml", "type: object\n"),
    ]);
    let config = archlint::config::Config::default();
    let both = [place.path().join("a"), place.path().join("b")];
    let analysis = common::analyze(&both, &config);
    assert_eq!(reference_findings(&analysis), []);
    // Given alone, `a` is the root and `../b` leaves it.
    let alone = common::analyze(&both[..1], &config);
    let rules: Vec<&str> = reference_findings(&alone)
        .into_iter()
        .map(|(_, _, rule)| rule)
        .collect();
    assert_eq!(rules, ["external-ref"]);
}

#[test]
fn a_narrower_path_keeps_the_git_repository_as_the_root() {
    let repository = common::repository(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        (
            "api/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             Shared: {$ref: '../shared/schemas.yaml#/Money'}\n",
        ),
        ("shared/schemas.yaml", "Money: {type: number}\n"),
    ]);
    let config = archlint::config::Config::default();
    let analysis = common::analyze(&[repository.path().join("api")], &config);
    assert_eq!(reference_findings(&analysis), []);
}

#[test]
fn a_pointer_in_a_schema_with_an_id_is_relative_to_that_schema() {
    let repository = common::repository(&[(
        "events.yaml",
        "event_schemas:\n  order.created.v1:\n    $id: https://example.com/order.created/v1.json\n    \
         definitions:\n      Money: {type: number, minimum: 0}\n    properties:\n      \
         total: {$ref: '#/definitions/Money'}\n",
    )]);
    let analysis = common::check(repository.path());
    assert_eq!(reference_findings(&analysis), []);
    let targets: Vec<String> = analysis
        .workspace
        .references
        .sites
        .iter()
        .filter_map(|site| match &site.target {
            Target::Found { pointer, .. } => Some(pointer.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        targets,
        ["/event_schemas/order.created.v1/definitions/Money"]
    );
}

/// Broken pointers into one map of alike names each get the name they meant, however many
/// there are: the names of a place are prepared once and asked in the references' order.
#[test]
fn each_broken_pointer_into_a_map_of_alike_names_finds_its_name() {
    let count = 400;
    let mut document = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
    for index in 0..count {
        document.push_str(&format!(
            "  /p{index}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {{application/json: {{schema: {{$ref: '#/components/schemas/order-record-{index}x'}}}}}}\n"
        ));
    }
    document.push_str("components:\n  schemas:\n");
    for index in 0..count {
        document.push_str(&format!("    order-record-{index}: {{type: object}}\n"));
    }
    let repository = common::repository(&[("openapi.yaml", &document)]);
    let analysis = common::check(repository.path());
    let helps: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "unresolved-ref")
        .map(|diagnostic| diagnostic.finding.help.as_deref().unwrap_or("").to_string())
        .collect();
    let expected: Vec<String> = (0..count)
        .map(|index| format!("did you mean `order-record-{index}`?"))
        .collect();
    assert_eq!(helps, expected);
}
