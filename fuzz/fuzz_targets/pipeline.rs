//! The whole check (discover, load, references, model, graph, every rule, every output format)
//! on a small repository of three files whose text the fuzzer writes: a service spec, an
//! OpenAPI document and an ADR, split from the input at NUL bytes. Seed it from `fixtures/`.
#![no_main]

use archlint::config::Config;
use archlint::report::{self, OutputFormat, Report};
use archlint::rules::Registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let folder = tempfile::tempdir().expect("a temporary folder");
    for name in ["architecture.yaml", "openapi.yaml", "docs/adr/0001-choice.md"] {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(path, parts.next().unwrap_or("")).expect("written");
    }
    let rules = Registry::built_in();
    let Ok(analysis) =
        archlint::pipeline::analyze(&[folder.path().to_path_buf()], &Config::default(), &rules)
    else {
        return;
    };
    let report = Report {
        diagnostics: &analysis.diagnostics,
        sources: &analysis.workspace.sources,
        rules: &rules,
    };
    for format in [OutputFormat::Human, OutputFormat::Json, OutputFormat::Sarif] {
        let mut out = Vec::new();
        report::reporter(format, false)
            .report(&report, &mut out)
            .expect("written to memory");
    }
});
