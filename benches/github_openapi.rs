//! GitHub's REST API description (13 MB of OpenAPI 3.0 JSON, 1,223 operations) as a real
//! workload: `scripts/fetch-github-openapi.sh` fetches it into `target/corpus/`, then
//! `cargo bench --bench github_openapi` times parsing it with serde_json into a `Value` (the floor
//! any tool that reads the file pays), archlint's own loading (spans too), and the whole check
//! with every built-in rule, Spectral's all turned on (those it does not recommend too, as
//! `extends: [[spectral:oas, all]]` turns them on), the whole check as it runs by default
//! (Spectral's recommended rules), and with Spectral's rules off (archlint's own rules,
//! `oas3-schema` among them), best of `RUNS`, with the ratios the goals are written in. Peak memory is the operating system's to measure, on the binary:
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
use best::{RUNS, best};
use std::collections::BTreeMap;

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
    let config = configured.config;
    let folder = file.parent().expect("a file has a folder").to_path_buf();
    let filter = PathFilter::new(&folder, &[], &[]).expect("no globs");
    let entries = discover::discover(&paths, &filter, None).entries;

    let text = std::fs::read_to_string(&file).expect("the description is UTF-8");
    let (serde, _) = best(|| serde_json::from_str::<serde_json::Value>(&text).expect("JSON"));
    let (parse, workspace) = best(|| load::load(&entries, &config.limits));
    assert!(workspace.failures.is_empty(), "the description must load");
    let (check, analysis) =
        best(|| pipeline::analyze(&paths, &config, &configured.rules).expect("no globs"));
    let (by_default, _) = best(|| {
        pipeline::analyze(&paths, &recommended.config, &recommended.rules).expect("no globs")
    });
    let (own_rules, _) = best(|| {
        pipeline::analyze(&paths, &without_spectral.config, &without_spectral.rules)
            .expect("no globs")
    });
    let operations: usize = analysis
        .model
        .apis
        .iter()
        .map(|api| api.operations.len())
        .sum();

    println!("archlint on {} (best of {RUNS})", file.display());
    let ms = |duration: std::time::Duration| duration.as_secs_f64() * 1000.0;
    let ratio = |duration: std::time::Duration| duration.as_secs_f64() / serde.as_secs_f64();
    println!(
        "{:<40} {:>10.0} ms",
        "serde_json::from_str (Value)",
        ms(serde)
    );
    println!(
        "{:<40} {:>10.0} ms {:>6.2}x",
        "archlint load (values and spans)",
        ms(parse),
        ratio(parse)
    );
    println!(
        "{:<40} {:>10.0} ms {:>6.2}x",
        "archlint check (pipeline::analyze)",
        ms(check),
        ratio(check)
    );
    println!(
        "{:<40} {:>10.0} ms {:>6.2}x",
        "archlint check, Spectral's recommended",
        ms(by_default),
        ratio(by_default)
    );
    println!(
        "{:<40} {:>10.0} ms {:>6.2}x",
        "archlint check, Spectral's rules off",
        ms(own_rules),
        ratio(own_rules)
    );
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
/// `off`).
fn with_spectral(paths: &[std::path::PathBuf], setting: &str) -> archlint::rulesets::Configured {
    let ruleset = std::env::temp_dir().join(format!(
        "archlint-bench-{}-{setting}.yaml",
        std::process::id()
    ));
    std::fs::write(
        &ruleset,
        format!("extends: [[spectral:oas, {setting}], [spectral:asyncapi, {setting}]]\n"),
    )
    .expect("a temporary file");
    let configured = archlint::rulesets::configure(None, std::slice::from_ref(&ruleset), paths)
        .expect("the ruleset is valid");
    let _ = std::fs::remove_file(&ruleset);
    configured
}
