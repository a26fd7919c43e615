//! A generated Backstage catalog for the scale test and the benchmark: `ENTITIES` entities of
//! every built-in kind, deterministic, in multi-document YAML files. Components depend on
//! earlier components and on resources, provide and consume APIs (every tenth API with an
//! inline OpenAPI definition); every 1000th component names a mistyped owner. Shared by
//! `tests/scale.rs` and `benches/catalog.rs`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const ENTITIES: usize = 10_000;
pub const GROUPS: usize = 20;
pub const DOMAINS: usize = 5;
pub const SYSTEMS: usize = 50;
pub const COMPONENTS: usize = 6_000;
pub const APIS: usize = 2_000;
pub const RESOURCES: usize = ENTITIES - GROUPS - DOMAINS - SYSTEMS - COMPONENTS - APIS;
/// Components whose owner is mistyped: `unknown-entity` reports each.
pub const MISTYPED_OWNERS: usize = COMPONENTS / 1000;

/// Writes the catalog over `files` files under `folder`, and returns the number of
/// dependencies it implies between components and resources (each distinct).
pub fn generate(folder: &Path, files: usize) -> usize {
    fs::create_dir_all(folder).unwrap();
    let mut documents: Vec<String> = Vec::with_capacity(ENTITIES);
    let mut dependencies = 0;
    for group in 0..GROUPS {
        documents.push(format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-{group:02}\n\
             spec:\n  type: team\n  children: []\n"
        ));
    }
    for domain in 0..DOMAINS {
        documents.push(format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: domain-{domain}\n\
             spec:\n  owner: team-{:02}\n",
            domain % GROUPS
        ));
    }
    for system in 0..SYSTEMS {
        documents.push(format!(
            "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-{system:02}\n\
             spec:\n  owner: team-{:02}\n  domain: domain-{}\n",
            system % GROUPS,
            system % DOMAINS
        ));
    }
    for resource in 0..RESOURCES {
        documents.push(format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db-{resource:05}\n\
             spec:\n  type: database\n  owner: team-{:02}\n  system: system-{:02}\n",
            resource % GROUPS,
            resource % SYSTEMS
        ));
    }
    for api in 0..APIS {
        let definition = if api % 10 == 0 {
            format!(
                "|\n    openapi: 3.0.3\n    info: {{title: API {api}, version: 1.0.0}}\n    \
                 servers: [{{url: https://api.example.com/v1}}]\n    paths:\n      /items:\n        \
                 get:\n          security: []\n          responses:\n            \"200\": {{description: Items}}\n            \
                 \"404\": {{description: None}}\n"
            )
        } else {
            format!("\"syntax = 'proto3'; service Api{api} {{}}\"\n")
        };
        let kind = if api % 10 == 0 { "openapi" } else { "grpc" };
        documents.push(format!(
            "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: api-{api:05}\n  \
             description: API {api}\nspec:\n  type: {kind}\n  lifecycle: production\n  \
             owner: team-{:02}\n  system: system-{:02}\n  definition: {definition}",
            api % GROUPS,
            api % SYSTEMS
        ));
    }
    for component in 0..COMPONENTS {
        let owner = if component % 1000 == 999 {
            format!("taem-{:02}", component % GROUPS)
        } else {
            format!("team-{:02}", component % GROUPS)
        };
        let mut text = format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-{component:05}\n  \
             description: Handles share {component} of the work\n  tags: [generated]\nspec:\n  \
             type: service\n  lifecycle: production\n  owner: {owner}\n  system: system-{:02}\n  dependsOn:\n",
            component % SYSTEMS
        );
        // Components come in four tiers (the index modulo 4); each depends on two of the next
        // tier and consumes the API of a third, the last tier on its database only: no cycle,
        // and no chain longer than four calls.
        let tier = component % 4;
        let mut targets = Vec::new();
        if tier < 3 {
            for step in [1, 5] {
                if component + step < COMPONENTS {
                    targets.push(format!("component:svc-{:05}", component + step));
                }
            }
        }
        targets.push(format!("resource:db-{:05}", component % RESOURCES));
        for target in &targets {
            writeln!(text, "    - {target}").unwrap();
        }
        dependencies += targets.len();
        if component < APIS {
            writeln!(text, "  providesApis: [api-{component:05}]").unwrap();
        }
        if tier < 3 && component + 9 < APIS {
            writeln!(text, "  consumesApis: [api-{:05}]", component + 9).unwrap();
            dependencies += 1;
        }
        documents.push(text);
    }
    let per_file = documents.len().div_ceil(files);
    for (file, chunk) in documents.chunks(per_file).enumerate() {
        fs::write(
            folder.join(format!("catalog-{file:02}.yaml")),
            chunk.join("---\n"),
        )
        .unwrap();
    }
    dependencies
}
