//! Configuration: `archlint.yaml` or `.archlint.yaml` found from the checked path up to the
//! repository root, or `--config FILE`. Parsed with spans, validated against
//! `schemas/config.schema.json`, then checked for unknown rule names; every mistake is collected
//! and located, so a file with five mistakes gets five diagnostics.

use crate::diagnostic::{Finding, Severity};
use crate::discover::{self, PathFilter};
use crate::load::document::{Document, ParsedDocument, push_pointer_token};
use crate::load::kind::DocumentKind;
use crate::load::limits::Limits;
use crate::load::{json, yaml};
use crate::schemas;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::suggest;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = ["archlint.yaml", ".archlint.yaml"];

/// A rule's configured level. `Off` removes the rule from the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RuleSetting {
    #[default]
    Default,
    Level(Level),
    Detailed {
        severity: Option<Level>,
        #[serde(default)]
        options: Value,
    },
}

impl RuleSetting {
    pub fn level(&self) -> Option<Level> {
        match self {
            RuleSetting::Default => None,
            RuleSetting::Level(level) => Some(*level),
            RuleSetting::Detailed { severity, .. } => *severity,
        }
    }

    pub fn options(&self) -> &Value {
        static NONE: Value = Value::Null;
        match self {
            RuleSetting::Detailed { options, .. } => options,
            _ => &NONE,
        }
    }
}

/// How APIs carry their version (read by the api rules).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Versioning {
    #[default]
    Path,
    Header,
    MediaType,
    None,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Architecture {
    /// Layer names from top to bottom.
    pub layers: Vec<String>,
    pub versioning: Versioning,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// The folder `include` and `exclude` are relative to.
    #[serde(skip)]
    pub root: PathBuf,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub rules: BTreeMap<String, RuleSetting>,
    /// Rule settings for some files only; a later entry wins over an earlier one and over `rules`.
    pub overrides: Vec<Override>,
    pub architecture: Architecture,
    pub limits: Limits,
}

/// `overrides:` entry: rule settings for the files its globs match (relative to the
/// configuration's folder, like `include` and `exclude`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Override {
    pub files: Vec<String>,
    pub rules: BTreeMap<String, RuleSetting>,
}

impl Config {
    pub fn rule(&self, name: &str) -> &RuleSetting {
        static DEFAULT: RuleSetting = RuleSetting::Default;
        self.rules.get(name).unwrap_or(&DEFAULT)
    }

    /// Each override's globs as a filter, in order. Fails on an invalid glob, which `load`
    /// reports located; a configuration built in code may still hold one.
    pub fn override_filters(&self) -> Result<Vec<PathFilter>, String> {
        self.overrides
            .iter()
            .map(|entry| PathFilter::new(&self.root, &entry.files, &[]))
            .collect()
    }
}

/// A configuration that could not be used: its mistakes, located in `sources`, or one line when
/// the file could not even be read.
#[derive(Debug)]
pub enum ConfigError {
    Unreadable(String),
    Invalid {
        sources: Sources,
        findings: Vec<Finding>,
    },
}

/// The configuration file for a run on `paths`: the first `archlint.yaml` or `.archlint.yaml`
/// in the first path's folder or above it, stopping at the repository root (a folder with `.git`).
pub fn find(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.first()?;
    let start = std::env::current_dir().ok()?.join(first);
    let start = if start.is_dir() {
        start
    } else {
        start.parent()?.to_path_buf()
    };
    for folder in start.ancestors() {
        if let Some(found) = FILE_NAMES
            .iter()
            .map(|name| folder.join(name))
            .find(|candidate| candidate.is_file())
        {
            return Some(found);
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    None
}

/// Loads and validates a configuration file. `known_rules` are the names a `rules:` key may take.
pub fn load(path: &Path, known_rules: &[&str]) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        ConfigError::Unreadable(format!(
            "cannot read the configuration `{}`: {}",
            crate::source::display_name(path),
            crate::load::io_message(&error)
        ))
    })?;
    let mut sources = Sources::default();
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let is_json = path
        .extension()
        .is_some_and(|extension| extension == "json");
    let parsed = if is_json {
        json::parse(&text[base..], base as u32, &Limits::default())
            .map(|doc| doc.into_iter().collect())
    } else {
        match yaml::parse(&text[base..], base as u32, &Limits::default()) {
            (documents, None) => Ok(documents),
            (_, Some(failure)) => Err(failure),
        }
    };
    let file = sources.push(SourceFile::new(path.to_path_buf(), text));
    let invalid = |sources, findings| Err(ConfigError::Invalid { sources, findings });
    let mut documents = match parsed {
        Ok(documents) => documents,
        Err(failure) => {
            let finding = Finding::new("config", Span::new(file, failure.range), failure.message);
            return invalid(sources, vec![finding]);
        }
    };
    let parsed = match documents.len() {
        0 => ParsedDocument {
            value: Value::Object(Default::default()),
            spans: crate::load::document::SpanNode::leaf(0..0),
            duplicate_keys: Vec::new(),
        },
        _ => documents.swap_remove(0),
    };
    let document = Document::new(file, 0, DocumentKind::ArchitectureSpec, parsed);
    let findings = validate(&document, file, known_rules);
    if !findings.is_empty() {
        return invalid(sources, findings);
    }
    let mut config: Config = serde_json::from_value(document.value).map_err(|error| {
        ConfigError::Unreadable(format!(
            "the configuration does not fit its schema: {error}"
        ))
    })?;
    config.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    config.path = Some(path.to_path_buf());
    Ok(config)
}

fn validate(document: &Document, file: FileId, known_rules: &[&str]) -> Vec<Finding> {
    let mut findings: Vec<Finding> = document
        .duplicate_keys
        .iter()
        .map(|duplicate| {
            Finding::new(
                "config",
                Span::new(file, duplicate.repeated.clone()),
                format!("`{}` is set twice", duplicate.key),
            )
            .label(Span::new(file, duplicate.first.clone()), "first set here")
        })
        .collect();
    findings.extend(
        schemas::CONFIG
            .violations(document)
            .into_iter()
            .map(|violation| {
                Finding::new("config", violation.span, violation.message)
                    .note(format!("at `{}`", display_pointer(&violation.pointer)))
            }),
    );
    let mut rule_maps = vec!["/rules".to_string()];
    let mut glob_lists = vec!["/include".to_string(), "/exclude".to_string()];
    if let Some(Value::Array(overrides)) = document.value.get("overrides") {
        for index in 0..overrides.len() {
            rule_maps.push(format!("/overrides/{index}/rules"));
            glob_lists.push(format!("/overrides/{index}/files"));
        }
    }
    for pointer in &rule_maps {
        findings.extend(unknown_rules(document, pointer, known_rules));
    }
    for pointer in &glob_lists {
        findings.extend(invalid_globs(document, pointer));
    }
    findings.sort_by_key(|finding| finding.primary_span());
    findings
}

/// A rule name in the mapping at `pointer` that names no rule, with "did you mean".
fn unknown_rules(document: &Document, pointer: &str, known_rules: &[&str]) -> Vec<Finding> {
    let Some(Value::Object(rules)) = document.value.pointer(pointer) else {
        return Vec::new();
    };
    rules
        .keys()
        .filter(|name| !known_rules.contains(&name.as_str()))
        .map(|name| {
            let mut entry = pointer.to_string();
            push_pointer_token(&mut entry, name);
            let span = document.locate_nearest(&entry).anchor();
            let finding = Finding::new("config", span, format!("unknown rule `{name}`"));
            match suggest::closest(name, known_rules.iter().copied(), str::to_string) {
                Some(suggestion) => finding.help(format!("did you mean `{suggestion}`?")),
                None => finding.help("`archlint rules` lists every rule"),
            }
        })
        .collect()
}

/// A glob in the list at `pointer` that does not compile, at its place.
fn invalid_globs(document: &Document, pointer: &str) -> Vec<Finding> {
    let Some(Value::Array(globs)) = document.value.pointer(pointer) else {
        return Vec::new();
    };
    globs
        .iter()
        .enumerate()
        .filter_map(|(index, glob)| {
            let error = discover::glob(glob.as_str()?).err()?;
            Some(Finding::new(
                "config",
                document.focus(&format!("{pointer}/{index}")),
                error,
            ))
        })
        .collect()
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}
