//! The graph stages on a generated architecture of 10,000 services with random sync edges:
//! `cargo bench --bench graph`. Each stage is timed on its own, best of `RUNS`, with
//! `std::time::Instant` (no harness), and so is each graph rule and the whole pipeline.

#[path = "../tests/common/architecture.rs"]
mod architecture;

#[path = "common/best.rs"]
mod best;

use architecture::{SERVICES, generate};
use archlint::config::Config;
use archlint::discover::{self, PathFilter};
use archlint::engine::{self, Inputs};
use archlint::graph::ArchitectureGraph;
use archlint::load::{self, Workspace};
use archlint::model::Model;
use archlint::pipeline;
use archlint::rules::{self, Family, Registry, Rule};
use best::{RUNS, best};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FILES: usize = 10;

fn row(stage: &str, time: Duration) {
    println!("{stage:<44} {:>10.2} ms", time.as_secs_f64() * 1000.0);
}

/// Discovers and loads `folder` as `pipeline::analyze` does with the default configuration.
fn discover_and_load(folder: &Path, config: &Config) -> Workspace {
    let paths = [folder.to_path_buf()];
    let filter = PathFilter::new(folder, &config.include, &config.exclude).expect("no globs");
    let discovery = discover::discover(&paths, &filter, None);
    load::load(&discovery.entries, &config.limits)
}

fn main() {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let root: PathBuf = std::env::temp_dir().join(format!(
        "archlint-bench-graph-{}-{nanos}",
        std::process::id()
    ));
    let split = root.join("split");
    let single = root.join("single");
    generate(&split, FILES);
    generate(&single, 1);

    let config = Config::default();
    let graph_rules: Vec<&'static dyn Rule> = rules::BUILT_IN
        .iter()
        .copied()
        .filter(|rule| rule.meta().family == Family::Graph)
        .collect();

    println!("archlint graph benchmark: {SERVICES} services in {FILES} files, best of {RUNS}");
    let (load_time, workspace) = best(|| discover_and_load(&split, &config));
    let (model_time, model) = best(|| Model::build(&workspace));
    let (graph_time, graph) = best(|| ArchitectureGraph::build(&model));
    let inputs = Inputs {
        workspace: &workspace,
        model: &model,
        graph: &graph,
    };
    let (rules_time, graph_diagnostics) =
        best(|| engine::run(&inputs, &config, &Registry::of(&graph_rules)));
    let per_rule: Vec<(&str, Duration, usize)> = graph_rules
        .iter()
        .map(|&rule| {
            let (time, found) = best(|| engine::run(&inputs, &config, &Registry::of(&[rule])));
            (rule.meta().name.as_ref(), time, found.len())
        })
        .collect();
    let paths = [split.clone()];
    let (analyze_time, analysis) =
        best(|| pipeline::analyze(&paths, &config, &Registry::built_in()).expect("no globs"));
    // The same services in one file: a stage that is linear in a file's size takes as long.
    let single_workspace = discover_and_load(&single, &config);
    let (single_model_time, single_model) = best(|| Model::build(&single_workspace));

    println!();
    println!("{:<44} {:>13}", "stage", "time");
    row("discover + load (parse)", load_time);
    row("Model::build", model_time);
    row("ArchitectureGraph::build", graph_time);
    row(
        &format!("engine::run, {} graph rules", graph_rules.len()),
        rules_time,
    );
    row("pipeline::analyze (everything)", analyze_time);
    row("Model::build, same services in 1 file", single_model_time);
    println!();
    println!(
        "{:<44} {:>13} {:>12}",
        "graph rule (engine::run alone)", "time", "diagnostics"
    );
    for (name, time, found) in &per_rule {
        println!(
            "{name:<44} {:>10.2} ms {found:>12}",
            time.as_secs_f64() * 1000.0
        );
    }
    println!();
    let sync = graph.sync.edge_count();
    let largest = graph
        .sync_components
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    println!("services                 {}", model.services.len());
    println!(
        "dependencies             {} ({sync} sync, {} async)",
        model.dependencies.len(),
        model.dependencies.len() - sync
    );
    println!("largest sync component   {largest} services");
    println!("graph-rule diagnostics   {}", graph_diagnostics.len());
    println!("all diagnostics          {}", analysis.diagnostics.len());
    assert_eq!(single_model.services.len(), model.services.len());

    fs::remove_dir_all(&root).unwrap();
}
