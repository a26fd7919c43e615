//! A Backstage catalog of 10,000 entities checked to the end: `cargo bench --bench catalog`.
//! Each stage is timed on its own, best of `RUNS`, with `std::time::Instant` (no harness).

#[path = "../tests/common/catalog.rs"]
mod catalog;

#[path = "common/best.rs"]
mod best;

use archlint::config::Config;
use archlint::graph::ArchitectureGraph;
use archlint::model::Model;
use archlint::pipeline;
use best::{RUNS, best};
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FILES: usize = 10;

fn row(stage: &str, time: Duration) {
    println!("{stage:<44} {:>10.2} ms", time.as_secs_f64() * 1000.0);
}

fn main() {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let root: PathBuf = std::env::temp_dir().join(format!(
        "archlint-bench-catalog-{}-{nanos}",
        std::process::id()
    ));
    catalog::generate(&root, FILES);
    let config = Config::default();
    let paths = [root.clone()];

    println!(
        "archlint catalog benchmark: {} entities in {FILES} files, best of {RUNS}",
        catalog::ENTITIES
    );
    let (analyze_time, analysis) = best(|| {
        pipeline::analyze(&paths, &config, &archlint::rules::Registry::built_in())
            .expect("no globs")
    });
    let (model_time, model) = best(|| Model::build(&analysis.workspace));
    let (graph_time, _) = best(|| ArchitectureGraph::build(&model));
    println!();
    row("pipeline::analyze (everything)", analyze_time);
    row("Model::build", model_time);
    row("ArchitectureGraph::build", graph_time);
    println!();
    println!("entities                 {}", model.catalog.entities.len());
    println!("services                 {}", model.services.len());
    println!("dependencies             {}", model.dependencies.len());
    println!("diagnostics              {}", analysis.diagnostics.len());
    // Removed first: a failed assertion below would leave the catalog behind.
    fs::remove_dir_all(&root).unwrap();
    assert_eq!(model.catalog.entities.len(), catalog::ENTITIES);
    // The mistyped owners, and `spectral:oas`'s five recommended warnings on each inline
    // OpenAPI definition (every tenth API has one, without contact, description, an
    // operation's description, `operationId` or tags), as `tests/scale.rs` counts them.
    let unknown = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "unknown-entity")
        .count();
    assert_eq!(unknown, catalog::MISTYPED_OWNERS);
    assert_eq!(
        analysis.diagnostics.len(),
        catalog::MISTYPED_OWNERS + 5 * catalog::APIS / 10
    );
}
