//! docs/FORMATS.md: each example it shows is the file in docs/examples/, archlint reads it as the
//! kind the page says, and the examples together check clean.

mod common;

use archlint::load::kind::DocumentKind;
use std::path::Path;

/// `(file, kind, shown)` for each `<!-- example: FILE (KIND) -->` and the code block after it.
fn examples() -> Vec<(String, String, String)> {
    let page = std::fs::read_to_string("docs/FORMATS.md").unwrap();
    let mut found = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("<!-- example: ") {
        rest = &rest[start + "<!-- example: ".len()..];
        let (head, after) = rest.split_once(" -->\n").unwrap();
        let (file, kind) = head.split_once(" (").unwrap();
        let kind = kind.strip_suffix(')').unwrap();
        let after = after.split_once('\n').unwrap().1; // the fence line
        let (shown, _) = after.split_once("```\n").unwrap();
        found.push((file.to_string(), kind.to_string(), shown.to_string()));
        rest = after;
    }
    found
}

#[test]
fn every_example_is_the_file_shown_and_reads_as_its_kind() {
    let examples = examples();
    assert_eq!(examples.len(), 9);
    let analysis = common::check(Path::new("docs/examples"));
    let sources = &analysis.workspace.sources;
    for (file, kind, shown) in &examples {
        assert_eq!(
            &std::fs::read_to_string(file).unwrap(),
            shown,
            "{file} differs from what docs/FORMATS.md shows"
        );
        let name = |id| sources.get(id).name.clone();
        let read_as = if kind == "decision record" {
            analysis
                .workspace
                .markdown
                .iter()
                .find(|markdown| name(markdown.file) == *file)
                .filter(|markdown| markdown.is_decision())
                .map(|_| "decision record")
        } else if kind == "configuration" {
            Some("configuration")
        } else {
            analysis
                .workspace
                .documents
                .iter()
                .find(|document| name(document.file) == *file)
                .map(|document| match document.kind {
                    DocumentKind::ArchitectureSpec => "architecture spec",
                    DocumentKind::OpenApi => "OpenAPI document",
                    DocumentKind::EventSchemaRegistry => "event schema registry",
                    DocumentKind::JsonSchema => "event schema",
                    DocumentKind::Requirements => "requirements",
                    DocumentKind::BackstageEntity => "Backstage entity",
                    _ => "another kind",
                })
        };
        assert_eq!(read_as, Some(kind.as_str()), "{file}");
    }
    // The configuration example is the one the check ran with.
    let config = archlint::config::find(&[Path::new("docs/examples").to_path_buf()]).unwrap();
    let config =
        archlint::config::load(&config, &archlint::rules::Registry::built_in().known()).unwrap();
    assert_eq!(config.exclude, ["*.draft.yaml"]);
    // Together they describe one small, consistent architecture.
    let findings: Vec<String> = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{}: {}", diagnostic.rule, diagnostic.message))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn every_formats_reference_names_a_section_the_page_has() {
    let page = std::fs::read_to_string("docs/FORMATS.md").unwrap();
    let mut checked = 0;
    for folder in ["src", "rules", "fixtures"] {
        for entry in ignore::WalkBuilder::new(folder).build() {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for (at, _) in text.match_indices("FORMATS.md") {
                let before = &text[at.saturating_sub(5)..at];
                assert!(
                    before.ends_with("docs/"),
                    "{}: cite docs/FORMATS.md",
                    entry.path().display()
                );
                let after = &text[at + "FORMATS.md".len()..];
                let after = after.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(number) = after.strip_prefix("section ") {
                    let number: String = number.chars().take_while(char::is_ascii_digit).collect();
                    assert!(
                        page.contains(&format!("\n## {number}. ")),
                        "{}: no section {number}",
                        entry.path().display()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "{checked}");
}

#[test]
fn the_readme_shows_the_editor_schema_line_that_init_writes() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.contains(archlint::init::SCHEMA_LINE));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/config.schema.json").unwrap())
            .unwrap();
    let id = schema["$id"].as_str().unwrap();
    assert!(
        archlint::init::SCHEMA_LINE.ends_with(&format!("$schema={id}")),
        "{id}"
    );
    // The README's install section starts with the one command a user runs.
    let install = readme.split_once("## Install\n").unwrap().1;
    let first = install.trim_start().lines().nth(1).unwrap();
    assert!(first.starts_with("pipx install archlint"), "{first}");
}
