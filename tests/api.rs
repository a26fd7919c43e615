//! The OpenAPI checks on whole documents: `oas3-schema` gives one diagnostic at the offending key
//! for a structural error, and none for the seed's document; findings about operations reached
//! through a `$ref` land in the file where the operation is written.

mod common;

use std::path::Path;

/// (line, column, rule) of each diagnostic of `rule` in `folder`.
fn found(folder: &str, rule: &str) -> Vec<(usize, usize)> {
    let analysis = common::check(Path::new(folder));
    common::located(&analysis, rule)
        .into_iter()
        .map(|(line, column, _)| (line, column))
        .collect()
}

#[test]
fn a_structural_error_is_one_diagnostic_at_the_offending_key() {
    // 3.0: `summry` is no field of an Operation Object.
    assert_eq!(
        found("fixtures/rules/oas3-schema/fail-3.0", "oas3-schema"),
        [(8, 7)]
    );
    // 3.1: `in: body` is no parameter location; the value is the cause, not a `oneOf`.
    assert_eq!(
        found("fixtures/rules/oas3-schema/fail-3.1", "oas3-schema"),
        [(9, 26)]
    );
}

#[test]
fn valid_documents_of_both_versions_and_the_seed_pass() {
    for folder in [
        "fixtures/rules/oas3-schema/pass-3.0",
        "fixtures/rules/oas3-schema/pass-3.1",
        "fixtures/ecommerce",
    ] {
        assert_eq!(found(folder, "oas3-schema"), [], "{folder}");
    }
}

#[test]
fn the_seed_document_shows_its_missing_error_responses_and_drift() {
    assert_eq!(found("fixtures/ecommerce", "error-responses"), [(88, 7)]);
    // Two endpoints of Order Service missing from the document, in architecture.yaml, and
    // the document's `GET /orders`, undeclared.
    let mut drift = found("fixtures/ecommerce", "api-drift");
    drift.sort();
    assert_eq!(drift, [(60, 9), (61, 9), (64, 5)]);
}

#[test]
fn an_operation_behind_a_reference_is_judged_where_it_is_written() {
    let analysis = common::check(Path::new("fixtures/rules/operation-security/fail"));
    let files: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == "operation-security")
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            let source = analysis.workspace.sources.get(span.file);
            format!(
                "{}:{}",
                source.path.file_name().unwrap().to_string_lossy(),
                source.location(span.start as usize).line
            )
        })
        .collect();
    assert_eq!(files, ["openapi.yaml:8", "pets.yaml:2"]);
}
