//! A Spectral ruleset of 50 rules of core functions on GitHub's REST API description (13 MB of
//! OpenAPI 3.0 JSON; `scripts/fetch-github-openapi.sh` fetches it into `target/corpus/`):
//! `cargo bench --bench ruleset` times the check without the ruleset and with it, best of
//! `RUNS`. Issue 13 asks the second to stay within twice the first.

#[path = "common/best.rs"]
mod best;
#[path = "common/corpus.rs"]
mod corpus;

use archlint::config::Config;
use archlint::pipeline;
use archlint::rules::Registry;
use best::{RUNS, best};
use std::fmt::Write as _;

/// Ten kinds of rule teams write, each in five variants: 50 rules.
fn fifty_rules() -> String {
    let kinds: [(&str, &str, &str); 10] = [
        (
            "$.paths[*][get,put,post,delete,patch]",
            "operationId",
            "{function: casing, functionOptions: {type: kebab}}",
        ),
        (
            "$.paths[*][get,put,post,delete,patch]",
            "summary",
            "{function: truthy}",
        ),
        (
            "$.paths[*]~",
            "",
            "{function: pattern, functionOptions: {notMatch: \"/$\"}}",
        ),
        (
            "$..parameters[?(@.in === 'header')]",
            "name",
            "{function: pattern, functionOptions: {notMatch: \"/^x-/i\"}}",
        ),
        ("$.info", "contact", "{function: truthy}"),
        (
            "$..properties[*]~",
            "",
            "{function: casing, functionOptions: {type: snake}}",
        ),
        (
            "$.paths[*][*].responses",
            "@key",
            "{function: pattern, functionOptions: {match: \"^([1-5][0-9]{2}|default)$\"}}",
        ),
        (
            "$.paths[*][*]",
            "description",
            "{function: length, functionOptions: {max: 2000}}",
        ),
        (
            "$.tags",
            "",
            "{function: alphabetical, functionOptions: {keyedBy: name}}",
        ),
        (
            "$.components.schemas[*]",
            "",
            "{function: xor, functionOptions: {properties: [type, $ref]}}",
        ),
    ];
    let mut text = String::from("rules:\n");
    for variant in 0..5 {
        for (index, (given, field, then)) in kinds.iter().enumerate() {
            let field = if field.is_empty() {
                String::new()
            } else {
                format!("field: \"{field}\", ")
            };
            let then = then.trim_start_matches('{');
            writeln!(
                text,
                "  rule-{index}-{variant}:\n    given: \"{given}\"\n    then: {{{field}{then}"
            )
            .unwrap();
        }
    }
    text
}

fn main() {
    let Some(file) = corpus::github_openapi() else {
        return;
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    let ruleset = folder.path().join("ruleset.yaml");
    std::fs::write(&ruleset, fifty_rules()).expect("the ruleset is written");
    let paths = [file.clone()];
    let configured = archlint::rulesets::configure(None, &[ruleset], &paths)
        .unwrap_or_else(|_| panic!("the benchmark's ruleset loads"));
    assert_eq!(configured.rules.len(), Registry::built_in().len() + 50);

    let config = Config::default();
    let (without, plain) =
        best(|| pipeline::analyze(&paths, &config, &Registry::built_in()).expect("no globs"));
    let (with, ruled) = best(|| {
        pipeline::analyze(&paths, &configured.config, &configured.rules).expect("no globs")
    });
    let found = ruled.diagnostics.len() - plain.diagnostics.len();
    println!("archlint on {} (best of {RUNS})", file.display());
    println!(
        "{:<44} {:>8.0} ms",
        "check, built-in rules",
        without.as_secs_f64() * 1000.0
    );
    println!(
        "{:<44} {:>8.0} ms",
        "check, built-in rules and a 50-rule ruleset",
        with.as_secs_f64() * 1000.0
    );
    println!(
        "{:<44} {:>8.2}x ({found} findings of the ruleset)",
        "ratio",
        with.as_secs_f64() / without.as_secs_f64()
    );
}
