//! `archlint init`: a starter `archlint.yaml` written from what a check of the folder finds, so a
//! team starts from its own documents and its own findings rather than from a blank page. It is
//! never written over an existing configuration.

use crate::load::kind::DocumentKind;
use crate::pipeline::Analysis;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The line that attaches the configuration's schema in editors that read it (VS Code's YAML
/// extension, JetBrains IDEs, any yaml-language-server client).
pub const SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=https://archlint.dev/schemas/config.schema.json";

/// The text of a starter configuration for the analysed folder.
/// `rulesets` are the Spectral rulesets the configuration names, as it writes them.
pub fn starter(analysis: &Analysis, rulesets: &[String]) -> String {
    let workspace = &analysis.workspace;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for document in &workspace.documents {
        let name = match document.kind {
            DocumentKind::OpenApi => "OpenAPI document",
            DocumentKind::AsyncApi => "AsyncAPI document",
            DocumentKind::BackstageEntity => "Backstage entity",
            DocumentKind::ArchitectureSpec => "architecture spec",
            DocumentKind::Requirements => "requirements document",
            DocumentKind::EventSchemaRegistry => "event schema registry",
            DocumentKind::JsonSchema => "event schema",
            DocumentKind::Unclassified => continue,
            _ => "other architecture document",
        };
        *kinds.entry(name).or_default() += 1;
    }
    let decisions = workspace
        .markdown
        .iter()
        .filter(|markdown| markdown.is_decision())
        .count();
    if decisions > 0 {
        kinds.insert("decision record", decisions);
    }
    let mut found: Vec<String> = kinds
        .iter()
        .map(|(kind, count)| plural(*count, kind))
        .collect();
    if found.is_empty() {
        found.push("no architecture documents yet".to_string());
    }
    let services = analysis.model.services.len();
    // Per rule: how many findings, at which severity (`None` when it differs by file: an
    // override set it, and one level written under `rules:` would change the gate).
    let mut per_rule: BTreeMap<&str, (usize, Option<crate::diagnostic::Severity>)> =
        BTreeMap::new();
    for diagnostic in &analysis.diagnostics {
        let entry = per_rule
            .entry(diagnostic.rule.as_ref())
            .or_insert((0, Some(diagnostic.severity)));
        entry.0 += 1;
        if entry.1 != Some(diagnostic.severity) {
            entry.1 = None;
        }
    }
    let layers: Vec<String> = {
        let mut layers: Vec<String> = analysis
            .model
            .services
            .iter()
            .filter_map(|service| service.layer.as_ref().map(|layer| layer.value.clone()))
            .collect();
        layers.sort();
        layers.dedup();
        layers
    };

    let mut text = String::new();
    let _ = writeln!(text, "{SCHEMA_LINE}");
    let _ = writeln!(
        text,
        "# archlint's configuration, started by `archlint init` from what it found here:"
    );
    let _ = writeln!(text, "#   {}", wrap(&found.join(", ")));
    let _ = writeln!(
        text,
        "#   ({}; {} at the time).",
        plural(services, "service"),
        match analysis.diagnostics.len() {
            0 => "no findings".to_string(),
            count => plural(count, "finding"),
        }
    );
    let _ = writeln!(
        text,
        "# Every key is optional. `archlint rules` lists the rules, `archlint explain RULE` documents\n\
         # one and its options, and `archlint man` describes the rest."
    );
    text.push('\n');
    text.push_str(
        "# Globs relative to this file; a glob without `/` matches a name at any depth.\n\
         # include: [\"architecture/**\", \"services/**\"]   # empty or unset: everything\n\
         exclude: []                                       # e.g. [\"legacy/**\", \"*.draft.yaml\"]\n\n",
    );
    if !rulesets.is_empty() {
        let _ = writeln!(
            text,
            "# The Spectral ruleset at the repository's root, which checks of this folder read\n\
             # before this file made the folder their root.\n\
             rulesets: [{}]\n",
            rulesets
                .iter()
                .map(|ruleset| flow_scalar(ruleset))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if per_rule.is_empty() {
        // A key with nothing under it is null, which `rules:` does not take: the key is left
        // for the team to write.
        text.push_str(
            "# rules:   # a rule's level: off, info (or hint), warning (or warn), error\n",
        );
        text.push_str("#   missing-responsibility: warning\n");
    } else {
        text.push_str("rules:\n");
        text.push_str(
            "  # The rules that report something today, at their default level, with how many\n\
             \x20 # findings each; set one to off, info (or hint), warning (or warn) or error.\n",
        );
        // A rule's name is a ruleset's to write: quoted where it is no plain name.
        let names: Vec<String> = per_rule.keys().map(|rule| flow_scalar(rule)).collect();
        let width = names.iter().map(String::len).max().unwrap_or(0) + 1;
        for (name, (count, severity)) in names.iter().zip(per_rule.values()) {
            let found = plural(*count, "finding");
            let _ = match severity {
                Some(severity) => writeln!(
                    text,
                    "  {:width$} {:8} # {found}",
                    format!("{name}:"),
                    severity.as_str(),
                ),
                None => writeln!(
                    text,
                    "  # {:width$} {:8} # {found}, at severities that differ by file",
                    format!("{name}:"),
                    "",
                ),
            };
        }
    }
    text.push('\n');
    text.push_str("# architecture:\n");
    if layers.is_empty() {
        text.push_str(
            "#   layers: [presentation, application, domain, infrastructure]   # top to bottom\n",
        );
    } else {
        let _ = writeln!(
            text,
            "#   # The layers the services name, in name order: put them top to bottom to have\n\
             #   # layer-violation judge the calls between them.\n\
             #   layers: [{}]",
            layers
                .iter()
                .map(|layer| flow_scalar(layer))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    text.push_str(
        "#   versioning: path   # path | header | media-type | none: how the APIs carry their version\n",
    );
    text
}

/// `text` as a YAML scalar on one line (a key, or an item of a flow list): as written when it
/// is a plain name that YAML reads as a string, else double-quoted with every character that
/// could end the line, the key or the list escaped. A layer is a service's to name and a rule a
/// ruleset's, so no name may put a key of its own in the configuration.
fn flow_scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !["true", "false", "null", "yes", "no", "on", "off"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word));
    if plain {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// A long list of what was found, broken into comment lines.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line + word.len() > 90 {
            out.push_str("\n#  ");
            line = 0;
        }
        out.push(' ');
        out.push_str(word);
        line += word.len() + 1;
    }
    out.trim_start().to_string()
}

/// Writes `text` as `archlint.yaml` in `folder`, unless a configuration is already there: a
/// temporary file in the folder, renamed only where no file of that name exists, so a
/// configuration written meanwhile is not replaced either.
pub fn write(folder: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(existing) = crate::config::FILE_NAMES
        .iter()
        .map(|name| folder.join(name))
        .find(|path| path.exists())
    {
        return Err(format!(
            "`{}` already exists; archlint init does not replace a configuration",
            crate::source::display_name(&existing)
        ));
    }
    let path = folder.join(crate::config::FILE_NAMES[0]);
    let cannot = |error: std::io::Error| {
        format!(
            "cannot write `{}`: {}",
            crate::source::display_name(&path),
            crate::load::io_message(&error)
        )
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".archlint-init")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(cannot)?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(cannot)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(cannot)?;
    }
    temporary.persist_noclobber(&path).map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            format!(
                "`{}` already exists; archlint init does not replace a configuration",
                crate::source::display_name(&path)
            )
        } else {
            cannot(error.error)
        }
    })?;
    Ok(path)
}
