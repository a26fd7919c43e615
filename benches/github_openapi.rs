//! GitHub's REST API description (13 MB of OpenAPI 3.0 JSON, 1,223 operations) as a real
//! workload: `scripts/fetch-github-openapi.sh` fetches it into `target/corpus/`, then
//! `cargo bench --bench github_openapi` times parsing it with serde_json into a `Value` (the floor
//! any tool that reads the file pays), archlint's own loading (spans too), and the whole check
//! with every built-in rule, Spectral's all turned on (those it does not recommend too, as
//! `extends: [[spectral:oas, all]]` turns them on), the whole check as it runs by default
//! (Spectral's recommended rules), and with Spectral's rules off (archlint's own rules,
//! `oas3-schema` among them). The workloads are timed in rounds, one after the other, and each
//! round's times are divided by that round's serde_json: on a shared machine whose load drifts,
//! the ratios the goals are written in hold where the times alone do not. Peak memory is the
//! operating system's to measure, on the binary:
//! `/usr/bin/time -v target/release/archlint check target/corpus` (the folder: a file argument is
//! checked as part of its whole repository, as the pre-commit hook does).

#[path = "common/best.rs"]
mod best;
#[path = "common/corpus.rs"]
mod corpus;

// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use archlint::discover::{self, PathFilter};
use archlint::load;
use archlint::pipeline;
use best::in_rounds;
use std::collections::BTreeMap;

/// How many rounds the workloads are timed in: an odd number, for a median.
const ROUNDS: usize = 9;

fn main() {
    let Some(file) = corpus::github_openapi() else {
        return;
    };
    let paths = [file.clone()];
    // Every Spectral rule on, as a ruleset that extends both of Spectral's with `all` says; and
    // every one off.
    let configured = with_spectral(&paths, "all");
    let recommended = with_spectral(&paths, "recommended");
    let without_spectral = with_spectral(&paths, "off");
    let config = &configured.config;
    let folder = file.parent().expect("a file has a folder").to_path_buf();
    let filter = PathFilter::new(&folder, &[], &[]).expect("no globs");
    let entries = discover::discover(&paths, &filter, None).entries;

    let text = std::fs::read_to_string(&file).expect("the description is UTF-8");
    let workspace = load::load(&entries, &config.limits);
    assert!(workspace.failures.is_empty(), "the description must load");
    drop(workspace);
    let analyze = |configured: &archlint::rulesets::Configured| {
        pipeline::analyze(&paths, &configured.config, &configured.rules).expect("no globs")
    };
    let analysis = analyze(&configured);
    let times = in_rounds(
        ROUNDS,
        &mut [
            &mut || Box::new(serde_json::from_str::<serde_json::Value>(&text)),
            &mut || Box::new(load::load(&entries, &config.limits)),
            &mut || Box::new(analyze(&configured)),
            &mut || Box::new(analyze(&recommended)),
            &mut || Box::new(analyze(&without_spectral)),
        ],
    );
    let names = [
        "serde_json::from_str (Value)",
        "archlint load (values and spans)",
        "archlint check (pipeline::analyze)",
        "archlint check, Spectral's recommended",
        "archlint check, Spectral's rules off",
    ];
    println!(
        "archlint on {} ({ROUNDS} rounds: best time; each round's time over that round's serde_json, median and range)",
        file.display()
    );
    let serde = &times[0];
    for (name, times) in names.iter().zip(&times) {
        let best = times.iter().min().expect("ROUNDS > 0").as_secs_f64() * 1000.0;
        if std::ptr::eq(times, serde) {
            println!("{name:<40} {best:>6.0} ms");
            continue;
        }
        let mut ratios: Vec<f64> = times
            .iter()
            .zip(serde)
            .map(|(time, serde)| time.as_secs_f64() / serde.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name:<40} {best:>6.0} ms {:>6.2}x ({:.2}x to {:.2}x)",
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
    let operations: usize = analysis
        .model
        .apis
        .iter()
        .map(|api| api.operations.len())
        .sum();
    println!("operations                               {operations:>10}");
    println!(
        "references                               {:>10}",
        analysis.workspace.references.sites.len()
    );
    println!(
        "diagnostics                              {:>10}",
        analysis.diagnostics.len()
    );
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in &analysis.diagnostics {
        *per_rule.entry(diagnostic.rule.as_ref()).or_default() += 1;
    }
    for (rule, count) in &per_rule {
        println!("  {rule:<38} {count:>10}");
    }
    // A real, valid description: a structural finding on it would be a false one.
    assert!(
        !per_rule.contains_key("oas3-schema") && !per_rule.contains_key("parse-error"),
        "GitHub's description is valid OpenAPI 3.0"
    );
}

/// The configuration of a run whose ruleset extends both of Spectral's with `setting` (`all`,
/// `off`); `oas3-schema`, archlint's own rule under Spectral's name, stays on, since it is part of
/// archlint's own check.
fn with_spectral(paths: &[std::path::PathBuf], setting: &str) -> archlint::rulesets::Configured {
    let ruleset = std::env::temp_dir().join(format!(
        "archlint-bench-{}-{setting}.yaml",
        std::process::id()
    ));
    std::fs::write(
        &ruleset,
        format!(
            "extends: [[spectral:oas, {setting}], [spectral:asyncapi, {setting}]]\n\
             rules: {{oas3-schema: error}}\n"
        ),
    )
    .expect("a temporary file");
    let configured = archlint::rulesets::configure(None, std::slice::from_ref(&ruleset), paths)
        .expect("the ruleset is valid");
    let _ = std::fs::remove_file(&ruleset);
    configured
}
