//! The user's own material: every YAML, JSON and Markdown example of the seeds, as written
//! (`fixtures/seeds/`), and the bundled e-commerce example built from seed 004.

mod common;

use archlint::report::OutputFormat;
use std::path::Path;

#[test]
fn every_seed_example_loads_except_the_known_non_yaml() {
    let run = common::check(Path::new("fixtures/seeds"));
    let found: Vec<String> = run
        .render(OutputFormat::Short)
        .lines()
        .map(|line| line.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        found,
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
fn the_bundled_example() {
    let run = common::check(Path::new("fixtures/ecommerce"));
    insta::assert_snapshot!("ecommerce", run.render(OutputFormat::Human));
}
