//! Every output format on one shared set of diagnostics: the findings in `fixtures/formats` (several
//! rules and files, labels elsewhere in the file and in other files, `%`, `:` and `,` in messages
//! and file names, a non-ASCII character before a span) and one diagnostic built here whose message
//! holds XML's special characters and whose note holds a line break and a control character. Each
//! format is an insta snapshot, and each is read back by what reads it: the SARIF 2.1.0 schema,
//! GitHub's workflow-command syntax, an XML parser, GitLab's code-quality fields.

mod common;

use archlint::diagnostic::{Diagnostic, Finding, Severity};
use archlint::pipeline::Analysis;
use archlint::report::{self, OutputFormat, Report};
use archlint::source::{SourceFile, Sources, Span};
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const BUILT_MESSAGE: &str = "value \"50%: a, b\" is <odd> & 'quoted'";
const BUILT_NOTE: &str = "first line\nsecond line with a bell \u{7}";

/// The fixture's analysis and the shared diagnostics: its own plus the one built here.
fn shared() -> (Analysis, Vec<Diagnostic>) {
    let analysis = common::check(Path::new("fixtures/formats"));
    let mut diagnostics = analysis.diagnostics.clone();
    let (file, source) = analysis
        .workspace
        .sources
        .iter()
        .find(|(_, file)| file.name.ends_with("architecture.yaml"))
        .expect("the fixture has architecture.yaml");
    let start = source.text.find("Kasse").unwrap() as u32;
    let span = archlint::source::Span::new(file, start..start + 5);
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        Finding::new("schema-violation", span, BUILT_MESSAGE)
            .primary_message("here, <exactly>")
            .note(BUILT_NOTE)
            .help("a help with 100% & more"),
    ));
    (analysis, diagnostics)
}

fn render(format: OutputFormat) -> (Vec<Diagnostic>, String) {
    let (analysis, diagnostics) = shared();
    let written = render_these(format, &analysis, &diagnostics);
    (diagnostics, written)
}

/// `diagnostics`, of `analysis`'s files, in `format`.
fn render_these(format: OutputFormat, analysis: &Analysis, diagnostics: &[Diagnostic]) -> String {
    render_sources(format, &analysis.workspace.sources, diagnostics, false)
}

/// `diagnostics`, of the files of `sources`, in `format`, with ANSI colours if `color`.
fn render_sources(
    format: OutputFormat,
    sources: &Sources,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    let mut out = Vec::new();
    report::reporter(format, color)
        .report(
            &Report {
                diagnostics,
                sources,
                rules: &archlint::rules::Registry::built_in(),
            },
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// One file, `name`, holding `text`, and an error of `rule` saying `message` at the first `at`
/// in it, with a label message, a note and a help that hold an escape sequence.
fn one_file(
    name: &str,
    text: &str,
    at: &str,
    rule: &str,
    message: &str,
) -> (Sources, Vec<Diagnostic>) {
    let mut sources = Sources::default();
    let file = sources.push(SourceFile::new(PathBuf::from(name), text.to_string()));
    let start = text.find(at).unwrap() as u32;
    let span = Span::new(file, start..start + at.len() as u32);
    let finding = Finding::new(rule.to_string(), span, message)
        .primary_message("here \u{1b}[1m")
        .note("a note \u{1b}]0;title\u{7}")
        .help("a help \u{202e}");
    (sources, vec![Diagnostic::new(Severity::Error, finding)])
}

/// The characters of `text` a terminal acts on instead of showing (but the line feed): control
/// characters but the tab, and the bidirectional embeddings, overrides and isolates.
fn hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

#[test]
fn the_shared_set_covers_what_the_formats_must_escape() {
    let (_, diagnostics) = shared();
    let rules: HashSet<&str> = diagnostics.iter().map(|d| d.rule.as_ref()).collect();
    assert!(rules.len() >= 8, "{rules:?}");
    let files: HashSet<_> = diagnostics.iter().map(|d| d.primary_span().file).collect();
    assert!(files.len() >= 3);
    let severities: HashSet<Severity> = diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(severities.len(), 3);
    assert!(diagnostics.iter().any(|d| d.labels.len() >= 3));
    assert!(diagnostics.iter().any(|d| {
        d.labels
            .iter()
            .any(|label| label.span.file != d.primary_span().file)
    }));
    let message = |text: &str| diagnostics.iter().any(|d| d.message.contains(text));
    assert!(message("%") && message(":") && message(","));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.notes.iter().any(|n| n.contains('\n')))
    );
}

#[test]
fn every_format_is_snapshotted_on_the_shared_set() {
    for (name, format) in [
        ("human", OutputFormat::Human),
        ("short", OutputFormat::Short),
        ("json", OutputFormat::Json),
        ("github", OutputFormat::Github),
        ("junit", OutputFormat::Junit),
        ("gitlab", OutputFormat::Gitlab),
    ] {
        insta::assert_snapshot!(format!("format_{name}"), render(format).1);
    }
    // The rules' descriptions and indexes change whenever a rule is added: they are checked in
    // `sarif_validates_against_the_sarif_2_1_0_schema`, and the snapshot keeps only the rules
    // the results use, without indexes.
    let (_, sarif) = render(OutputFormat::Sarif);
    let mut log: Value = serde_json::from_str(&sarif).unwrap();
    let run = &mut log["runs"][0];
    let used: HashSet<String> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["ruleId"].as_str().unwrap().to_string())
        .collect();
    run["tool"]["driver"]["rules"]
        .as_array_mut()
        .unwrap()
        .retain(|rule| used.contains(rule["id"].as_str().unwrap()));
    for result in run["results"].as_array_mut().unwrap() {
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!("format_sarif", serde_json::to_string_pretty(&log).unwrap());
}

fn sarif_validator() -> jsonschema::Validator {
    // The official SARIF 2.1.0 schema, vendored unchanged (see tests/sarif/README.md); no network.
    let mut schema: Value =
        serde_json::from_str(include_str!("sarif/sarif-schema-2.1.0.json")).unwrap();
    // One erratum: the `language` patterns of `run` and `toolComponent` have a stray `]`
    // (`...{2}]?$`), which the draft-07 meta-schema's `regex` format refuses, so the schema would
    // not compile. They are replaced, in memory, by the pattern their description states (a
    // language code such as `en-US`); our output has no `language`, so the check is not weakened.
    for pointer in [
        "/definitions/run/properties/language/pattern",
        "/definitions/toolComponent/properties/language/pattern",
    ] {
        let language = schema
            .pointer_mut(pointer)
            .expect("the erratum is where it was");
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let (diagnostics, sarif) = render(OutputFormat::Sarif);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The validator does reject a broken log: the test can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    // Formats are checked too: a path with a space is no URI reference until it is encoded.
    let mut unencoded = log.clone();
    unencoded["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("fixtures/formats/legacy, v1.yaml");
    assert!(!validator.is_valid(&unencoded));

    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let home = run["tool"]["driver"]["informationUri"].as_str().unwrap();
    assert!(home.starts_with("https://"), "{home}");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // Every rule of the run: archlint's own, then Spectral's built-in rulesets.
    let registry = archlint::rules::Registry::built_in();
    assert_eq!(rules.len(), registry.len());
    for (rule, declared) in rules.iter().zip(registry.iter()) {
        let meta = declared.meta();
        assert_eq!(rule["id"], meta.name.as_ref());
        // A friendly name apart from the id (sarif-multitool's SARIF2012 warns when they repeat).
        let name = rule["name"].as_str().unwrap();
        assert_ne!(name, meta.name.as_ref());
        assert_eq!(
            name.to_lowercase(),
            meta.name.replace('-', "").to_lowercase()
        );
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()), "{name}");
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        // archlint's own rules say how to fix; Spectral's say what they report and how
        // archlint runs them (their fix is their message).
        let section = if common::spectral(&meta.name) {
            "## What it reports"
        } else {
            "## Fix"
        };
        assert!(rule["help"]["markdown"].as_str().unwrap().contains(section));
        let level = match meta.default_severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let mut fingerprints = HashSet::new();
    for (result, diagnostic) in results.iter().zip(&diagnostics) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], diagnostic.rule.as_ref());
        assert!(
            result["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(&diagnostic.message)
        );
        let related = result["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, diagnostic.labels.len() - 1);
        fingerprints.insert(result["partialFingerprints"]["archlint/v2"].clone());
    }
    assert_eq!(fingerprints.len(), results.len(), "fingerprints are unique");
    // Columns count characters: `Payments: EU, v2` follows `Straße` on its line.
    let payments = results
        .iter()
        .find(|result| {
            result["message"]["text"]
                .as_str()
                .unwrap()
                .contains("Payments: EU")
        })
        .unwrap();
    let region = &payments["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(9), Some(33))
    );
    assert_eq!(
        region["endColumn"].as_u64(),
        Some(33 + "\"Payments: EU, v2\"".len() as u64)
    );
    // A path with a space is a valid relative URI reference.
    let uris: HashSet<&str> = results
        .iter()
        .map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains("fixtures/formats/legacy,%20v1.yaml"),
        "{uris:?}"
    );
}

/// Undoes GitHub's escaping of a command's data or property value.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_follow_the_workflow_command_syntax() {
    let (diagnostics, output) = render(OutputFormat::Github);
    let command = regex::Regex::new(r"^::(error|warning|notice) ([^:]*)::(.*)$").unwrap();
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), diagnostics.len());
    for (line, diagnostic) in lines.iter().zip(&diagnostics) {
        let captures = command
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let expected = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        assert_eq!(&captures[1], expected);
        let properties: Vec<(&str, String)> = captures[2]
            .split(',')
            .map(|property| {
                let (key, value) = property.split_once('=').unwrap();
                (key, unescape(value))
            })
            .collect();
        let keys: Vec<&str> = properties.iter().map(|(key, _)| *key).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        assert!(properties[0].1.starts_with("fixtures/formats/"));
        assert_eq!(properties[5].1, diagnostic.rule);
        let message = unescape(&captures[3]);
        assert!(message.starts_with(&diagnostic.message), "{message}");
        // A character the log or a terminal would act on (the fixture's bell) is shown as its
        // escape, as every other format shows it.
        for note in &diagnostic.notes {
            let shown = archlint::report::visible::keeping_line_feeds(note);
            assert!(message.contains(shown.as_ref()), "{message}");
        }
    }
    assert!(output.contains("file=fixtures/formats/legacy%2C v1.yaml,"));
    assert!(output.contains("`Payments%3A EU, v2`") || output.contains("`Payments: EU, v2`"));
    assert!(output.contains("first line%0Asecond line"));
}

#[test]
fn junit_is_well_formed_xml_with_a_case_per_rule_and_file() {
    let (diagnostics, xml) = render(OutputFormat::Junit);
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let pairs: HashSet<(&str, _)> = diagnostics
        .iter()
        .map(|d| (d.rule.as_ref(), d.primary_span().file))
        .collect();
    let cases: Vec<_> = root
        .descendants()
        .filter(|node| node.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), pairs.len());
    assert_eq!(
        root.attribute("tests"),
        Some(pairs.len().to_string().as_str())
    );
    for suite in root
        .children()
        .filter(|node| node.has_tag_name("testsuite"))
    {
        for case in suite
            .children()
            .filter(|node| node.has_tag_name("testcase"))
        {
            assert_eq!(case.attribute("classname"), suite.attribute("name"));
            let failure = case
                .children()
                .find(|node| node.has_tag_name("failure"))
                .expect("each case fails");
            let text = failure.text().unwrap();
            assert!(text.starts_with(&format!("{}:", case.attribute("name").unwrap())));
            assert!(matches!(
                failure.attribute("type"),
                Some("error" | "warning" | "info")
            ));
        }
    }
    let built = root
        .descendants()
        .filter(|node| node.has_tag_name("failure"))
        .find(|node| node.attribute("message") == Some(BUILT_MESSAGE))
        .expect("the message survives XML escaping");
    assert!(
        built
            .text()
            .unwrap()
            .contains("first line\nsecond line with a bell \u{fffd}")
    );
}

#[test]
fn gitlab_code_quality_has_the_required_fields() {
    let (diagnostics, output) = render(OutputFormat::Gitlab);
    let issues: Vec<Value> = serde_json::from_str(&output).unwrap();
    assert_eq!(issues.len(), diagnostics.len());
    let mut fingerprints = HashSet::new();
    for (issue, diagnostic) in issues.iter().zip(&diagnostics) {
        assert_eq!(issue["description"], diagnostic.message.as_str());
        assert_eq!(issue["check_name"], diagnostic.rule.as_ref());
        let severity = issue["severity"].as_str().unwrap();
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&severity));
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("fixtures/formats/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    // The same input gives the same fingerprints.
    assert_eq!(output, render(OutputFormat::Gitlab).1);
}

/// The JSON report lays out its object by hand and renders the diagnostics side by side, in
/// batches: on more diagnostics than a batch holds, it is still exactly what serde_json's pretty
/// printer writes for the same value, in the diagnostics' order.
#[test]
fn a_json_report_of_many_diagnostics_is_serde_jsons_pretty_form_in_order() {
    let (analysis, shared) = shared();
    let diagnostics: Vec<Diagnostic> = (0..40_000)
        .map(|index| {
            let mut diagnostic = shared[index % shared.len()].clone();
            diagnostic.finding.message = format!("{index}: {}", diagnostic.message);
            diagnostic
        })
        .collect();
    let out = render_these(OutputFormat::Json, &analysis, &diagnostics);
    let read: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(out, serde_json::to_string_pretty(&read).unwrap() + "\n");
    let messages: Vec<&str> = read["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| diagnostic["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), diagnostics.len());
    for (index, message) in messages.iter().enumerate() {
        assert!(message.starts_with(&format!("{index}: ")), "{message}");
    }
}

#[test]
fn sarif_uris_are_relative_references_whatever_a_file_is_called() {
    // RFC 3986 §4.2: a relative reference whose first segment holds `:` reads as a URI with a
    // scheme (`foo:bar.yaml` of scheme `foo`, `c:d.yaml` a Windows drive).
    let scheme = regex::Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").unwrap();
    for (name, expected) in [
        ("foo:bar.yaml", "foo%3Abar.yaml"),
        ("c:d.yaml", "c%3Ad.yaml"),
        ("docs/a:b/c.yaml", "docs/a%3Ab/c.yaml"),
        ("a b#1?%.yaml", "a%20b%231%3F%25.yaml"),
        ("Straße/決済.yaml", "Stra%C3%9Fe/%E6%B1%BA%E6%B8%88.yaml"),
        ("tab\tand[brackets].yaml", "tab%09and%5Bbrackets%5D.yaml"),
        ("/srv/x:y z.yaml", "file:///srv/x%3Ay%20z.yaml"),
    ] {
        let (sources, diagnostics) = one_file(name, "key: value\n", "value", "r", "m");
        let log: Value = serde_json::from_str(&render_sources(
            OutputFormat::Sarif,
            &sources,
            &diagnostics,
            false,
        ))
        .unwrap();
        let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert_eq!(uri, expected, "{name}");
        if name.starts_with('/') {
            continue;
        }
        assert!(!scheme.is_match(uri), "{uri} reads as having a scheme");
        // Only what a path holds unescaped (RFC 3986 `pchar` and `/`), and it decodes to the name.
        assert!(
            uri.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=@/%".contains(c)),
            "{uri}"
        );
        let decoded = percent_encoding::percent_decode_str(uri)
            .decode_utf8()
            .unwrap();
        assert_eq!(decoded, name);
    }
}

#[test]
fn a_diagnostic_is_one_line_whatever_its_file_rule_and_message_hold() {
    let (sources, diagnostics) = one_file(
        "two\nlines\r.yaml",
        "key: value\n",
        "value",
        "rule\rname\n",
        "first\nsecond\r\nthird\u{2028}",
    );
    let short = render_sources(OutputFormat::Short, &sources, &diagnostics, false);
    assert_eq!(
        short,
        "two\\nlines\\r.yaml:1:6: error[rule\\rname\\n]: first\\nsecond\\r\\nthird\\u{2028}\n"
    );
    // `human`'s header lines too.
    let human = render_sources(OutputFormat::Human, &sources, &diagnostics, false);
    assert!(!human.contains(['\r', '\u{2028}']), "{human:?}");
    let mut lines = human.lines();
    assert_eq!(
        lines.next(),
        Some("error[rule\\rname\\n]: first\\nsecond\\r\\nthird\\u{2028}")
    );
    assert_eq!(
        lines.next().map(str::trim),
        Some("┌─ two\\nlines\\r.yaml:1:6")
    );
}

#[test]
fn human_output_shows_control_characters_visibly_and_its_carets_follow() {
    // Escape sequences that clear the screen and retitle the window, a bell, a backspace, an 8-bit
    // CSI and bidirectional overrides, in the message, in the quoted source line before and
    // after the label, and on a long line shown through a window.
    let line = "name: \"\u{1b}[2J\u{1b}]0;title\u{7}x\u{8}\u{202e}evil\u{2066}\" # \u{9b}31m";
    let long = format!(
        "list: [{}\u{7f}\u{202e}, target, \u{1b}[0m]",
        "item, ".repeat(60)
    );
    // Colour is the renderer's own SGR sequences, and nothing else.
    let sgr = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    for (text, at, shown) in [
        (
            line.to_string(),
            "evil",
            "name: \"\\u{1b}[2J\\u{1b}]0;title\\u{7}x\\u{8}\\u{202e}evil\\u{2066}\" # \\u{9b}31m"
                .to_string(),
        ),
        (
            long.clone(),
            "target",
            "\\u{7f}\\u{202e}, target, \\u{1b}[0m]".to_string(),
        ),
    ] {
        // The file's column, counted in characters: each hidden one is one.
        let column = text[..text.find(at).unwrap()].chars().count() + 1;
        let (sources, diagnostics) = one_file(
            "a.yaml",
            &format!("{text}\nnext: 1\n"),
            at,
            "rule",
            "value \u{1b}[31mred\u{7}",
        );
        for color in [false, true] {
            let human = render_sources(OutputFormat::Human, &sources, &diagnostics, color);
            let plain = sgr.replace_all(&human, "").into_owned();
            assert!(hidden(&plain).is_empty(), "{plain}");
            assert!(
                plain.starts_with("error[rule]: value \\u{1b}[31mred\\u{7}\n"),
                "{plain}"
            );
            // The column is the file's, counted in characters.
            assert!(plain.contains(&format!("a.yaml:1:{column}\n")), "{plain}");
            let source = plain
                .lines()
                .find(|line| line.contains(&shown))
                .unwrap_or_else(|| panic!("no source line ending in {shown}: {plain}"));
            let carets = plain.lines().find(|line| line.contains('^')).unwrap();
            let width = |line: &str, find: &str| line[..line.find(find).unwrap()].chars().count();
            assert_eq!(
                width(carets, "^"),
                width(source, at),
                "carets not under `{at}`:\n{source}\n{carets}"
            );
            assert!(carets.ends_with(&format!("{} here \\u{{1b}}[1m", "^".repeat(at.len()))));
            assert!(plain.contains("= note: a note \\u{1b}]0;title\\u{7}\n"));
            assert!(plain.contains("= help: a help \\u{202e}\n"));
        }
    }
}

#[test]
fn human_output_escapes_every_line_of_a_long_label_and_of_a_window() {
    // A label over nine lines, each with an escape sequence: codespan shows its first lines, its
    // last and the lines before and after.
    let lines: Vec<String> = (0..12)
        .map(|n| format!("k{n}: \"\u{1b}[{n}m\u{202e}\""))
        .collect();
    let text = lines.join("\n") + "\n";
    let mut sources = Sources::default();
    let file = sources.push(SourceFile::new(PathBuf::from("a.yaml"), text.clone()));
    let start = text.find("k2").unwrap() as u32;
    let end = text.find("k10").unwrap() as u32;
    let diagnostics = [Diagnostic::new(
        Severity::Warning,
        Finding::new("rule", Span::new(file, start..end), "m"),
    )];
    let human = render_sources(OutputFormat::Human, &sources, &diagnostics, false);
    assert!(hidden(&human).is_empty(), "{human}");
    assert!(human.contains("k2: \"\\u{1b}[2m\\u{202e}\""), "{human}");
    assert!(human.contains("k10: \"\\u{1b}[10m\\u{202e}\""), "{human}");
    // A megabyte of hidden characters on one minified line: the output is its window.
    let text = format!("[\"{}\", \"\u{1b}x\"]", "\u{7f}".repeat(1 << 20));
    let mut sources = Sources::default();
    let file = sources.push(SourceFile::new(PathBuf::from("a.json"), text.clone()));
    let start = text.find("\u{1b}x").unwrap() as u32;
    let diagnostics = [Diagnostic::new(
        Severity::Warning,
        Finding::new("rule", Span::new(file, start..start + 2), "m"),
    )];
    let human = render_sources(OutputFormat::Human, &sources, &diagnostics, false);
    assert!(hidden(&human).is_empty());
    assert!(human.len() < 2_000, "{}", human.len());
    assert!(human.contains("\\u{7f}\", \"\\u{1b}x\"]"), "{human}");
}
