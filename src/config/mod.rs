//! Configuration: `archlint.yaml` or `.archlint.yaml` found from the checked path up to the
//! repository root, or `--config FILE`. Parsed with spans, validated against
//! `schemas/config.schema.json`, then checked for unknown rule names; every mistake is collected
//! and located, so a file with five mistakes gets five diagnostics.

use crate::diagnostic::{Finding, Severity};
use crate::discover::{self, GlobLists};
use crate::load::document::{Document, ParsedDocument, push_pointer_token};
use crate::load::kind::DocumentKind;
use crate::load::limits::Limits;
use crate::load::{json, yaml};
use crate::schemas;
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::suggest;
use crate::value::Value;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: [&str; 2] = ["archlint.yaml", ".archlint.yaml"];

/// A rule's configured level. `Off` removes the rule from the run. Spectral's, Redocly's and
/// dependency-cruiser's names are understood too: `warn` is a warning, `hint` an info.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    #[serde(alias = "hint")]
    Info,
    #[serde(alias = "warn")]
    Warning,
    Error,
}

/// Every level a configuration may write, in plain words for its mistakes.
const LEVELS: &str = "`off`, `info` (or `hint`), `warning` (or `warn`) or `error`";

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Versioning {
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
    /// How the repository's APIs carry their version; unset, an API standards document says,
    /// else archlint cannot tell and does not judge it.
    pub versioning: Option<Versioning>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// The folder `include` and `exclude` are relative to.
    #[serde(skip)]
    pub root: PathBuf,
    #[serde(deserialize_with = "one_or_many")]
    pub include: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub exclude: Vec<String>,
    pub rules: BTreeMap<String, RuleSetting>,
    /// Rule settings for some files only; a later entry wins over an earlier one and over `rules`.
    pub overrides: Vec<Override>,
    pub architecture: Architecture,
    pub limits: Limits,
    /// The team's own verification checklist (`archlint checklist`), as written: a file name or
    /// the sections; read by `checklist::Checklist::configured`.
    pub checklist: Option<crate::value::Value>,
}

/// `overrides:` entry: rule settings for the files its globs match (relative to the
/// configuration's folder, like `include` and `exclude`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Override {
    #[serde(deserialize_with = "one_or_many")]
    pub files: Vec<String>,
    pub rules: BTreeMap<String, RuleSetting>,
}

impl Config {
    /// Takes the severities rulesets give built-in rules, where `rules:` says nothing of them;
    /// of a ruleset's settings of one rule, the last (`[spectral:oas, off]`, then one rule
    /// turned back on), as Spectral reads them.
    fn settle(&mut self, settings: Vec<(String, Option<Severity>)>) {
        let last: std::collections::HashMap<String, Option<Severity>> =
            settings.into_iter().collect();
        for (rule, severity) in last {
            let level = match severity {
                None => Level::Off,
                Some(Severity::Info) => Level::Info,
                Some(Severity::Warning) => Level::Warning,
                Some(Severity::Error) => Level::Error,
            };
            self.rules.entry(rule).or_insert(RuleSetting::Level(level));
        }
    }

    /// Whether rule `name` runs on some file: on by default (`on_by_default`) or given a
    /// severity by `rules:` or an override, and not turned off for every file.
    pub fn runs(&self, name: &str, on_by_default: bool) -> bool {
        let on = |setting: Option<&RuleSetting>| {
            setting
                .and_then(RuleSetting::level)
                .map(|level| level != Level::Off)
        };
        let in_an_override = self
            .overrides
            .iter()
            .any(|entry| on(entry.rules.get(name)) == Some(true));
        match on(self.rules.get(name)) {
            Some(true) => true,
            Some(false) => in_an_override,
            None => on_by_default || in_an_override,
        }
    }

    pub fn rule(&self, name: &str) -> &RuleSetting {
        static DEFAULT: RuleSetting = RuleSetting::Default;
        self.rules.get(name).unwrap_or(&DEFAULT)
    }

    /// The globs of every override, matched in one pass. Fails on an invalid glob, which
    /// `load` reports located; a configuration built in code may still hold one.
    pub fn override_globs(&self) -> Result<GlobLists, String> {
        GlobLists::new(
            &self.root,
            self.overrides.iter().map(|entry| entry.files.as_slice()),
        )
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
/// A name that is there but is no file (a link to nothing, a device) is found too: reading it
/// then says what is wrong, where passing it over would run without the team's configuration.
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
            .find(|candidate| candidate.symlink_metadata().is_ok())
        {
            return Some(found);
        }
        if folder.join(".git").exists() {
            break;
        }
    }
    None
}

/// What a rule's option holds, so a configuration can be checked before any rule runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// A whole number, at least 1.
    Count,
    /// A list of names.
    Names,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A list of Backstage entity references, each naming its kind: `group:platform`,
    /// `system:shop/payments`.
    EntityReferences,
}

impl OptionKind {
    /// Why `value` is not of this kind, if it is not.
    fn mismatch(self, value: &Value) -> Option<String> {
        match self {
            OptionKind::Count if value.as_u64().is_some_and(|count| count >= 1) => None,
            OptionKind::Count => Some("must be a whole number, at least 1".to_string()),
            OptionKind::Names
                if value
                    .as_array()
                    .is_some_and(|names| names.iter().all(Value::is_string)) =>
            {
                None
            }
            OptionKind::Names => Some("must be a list of names".to_string()),
            OptionKind::Choice(words)
                if value.as_str().is_some_and(|word| words.contains(&word)) =>
            {
                None
            }
            OptionKind::EntityReferences => {
                let Some(references) = value.as_array() else {
                    return Some(
                        "must be a list of entity references (`kind:[namespace/]name`)".to_string(),
                    );
                };
                references.iter().find_map(|reference| {
                    let written = reference.as_str();
                    let parsed = written.and_then(crate::load::catalog::parse_reference);
                    match parsed {
                        Some(parsed) if parsed.kind.is_some() => None,
                        _ => Some(format!(
                            "must be a list of entity references with their kind \
                             (`kind:[namespace/]name`): {} is not one",
                            written
                                .map_or_else(|| reference.to_string(), |text| format!("`{text}`"))
                        )),
                    }
                })
            }
            OptionKind::Choice(words) => Some(format!(
                "must be one of {}",
                words
                    .iter()
                    .map(|word| format!("`{word}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// A rule as a configuration may name it: its name and the options it reads.
#[derive(Clone, Copy, Debug)]
pub struct KnownRule<'a> {
    pub name: &'a str,
    pub options: &'static [(&'static str, OptionKind)],
}

/// Loads and validates a configuration file. `known_rules` are the rules a `rules:` key may name,
/// with the options each reads.
pub fn load(path: &Path, known_rules: &[KnownRule<'_>]) -> Result<Config, ConfigError> {
    read(path)?
        .finish(known_rules)
        .map(|finished| finished.config)
}

/// A configuration ready for a run, with the warnings its rulesets gave (a rule that cannot run
/// here, skipped) and the files they are about.
pub struct Finished {
    pub config: Config,
    pub sources: Sources,
    pub warnings: Vec<Finding>,
    /// The rules of the rulesets that cannot run here (a JavaScript function), skipped.
    pub skipped_rules: Vec<String>,
}

/// A configuration file read and checked against its schema, waiting for the rules it may name:
/// those depend on the rulesets it lists, which are loaded in between. Its mistakes are kept,
/// with those of the rulesets, and reported together by [`ConfigFile::finish`].
pub struct ConfigFile {
    /// `None` when the run has no configuration file.
    pub path: Option<PathBuf>,
    /// The configuration and every ruleset read with it, for the places of their mistakes.
    pub sources: Sources,
    pub document: Document,
    /// The mistakes found so far.
    pub findings: Vec<Finding>,
    /// What is worth a word but stops nothing.
    pub warnings: Vec<Finding>,
    /// Severities the rulesets give built-in rules (`None`: off), below the configuration's own.
    pub built_in_settings: Vec<(String, Option<Severity>)>,
    /// The rules of the rulesets that cannot run here, skipped with a warning.
    pub skipped_rules: Vec<String>,
}

/// Reads a configuration file and checks what can be checked without knowing the rules.
pub fn read(path: &Path) -> Result<ConfigFile, ConfigError> {
    let mut sources = Sources::default();
    let document = match read_spanned(path, "configuration", &mut sources) {
        Ok(document) => document,
        Err(ReadError::Unreadable(message)) => return Err(ConfigError::Unreadable(message)),
        Err(ReadError::Malformed(finding)) => {
            return Err(ConfigError::Invalid {
                sources,
                findings: vec![*finding],
            });
        }
    };
    let findings = validate(&document, document.file);
    Ok(ConfigFile {
        path: Some(path.to_path_buf()),
        sources,
        document,
        findings,
        warnings: Vec::new(),
        built_in_settings: Vec::new(),
        skipped_rules: Vec::new(),
    })
}

/// Why a YAML or JSON file of the configuration's kind could not be read.
pub enum ReadError {
    /// One line: the file cannot be read at all.
    Unreadable(String),
    /// It is not well-formed YAML or JSON, at this place.
    Malformed(Box<Finding>),
}

/// Reads the YAML or JSON file at `path` (JSON by its extension) into `sources` and gives its
/// first document, with the span of every value; `what` names the file in the unreadable case
/// ("configuration", "ruleset").
pub fn read_spanned(path: &Path, what: &str, sources: &mut Sources) -> Result<Document, ReadError> {
    let unreadable = |why: &dyn std::fmt::Display| {
        ReadError::Unreadable(format!(
            "cannot read the {what} `{}`: {why}",
            crate::source::display_name(path)
        ))
    };
    // Read as documents are: a named pipe is not waited on, and `/dev/zero` does not fill the
    // memory.
    let bytes = crate::load::read_limited(path, Limits::default().max_file_size)
        .map_err(|unread| unreadable(&unread.reason()))?;
    if let Some(encoding) = crate::load::utf16_encoding(&bytes) {
        return Err(unreadable(&format!(
            "the file is {encoding}; archlint reads UTF-8 (save it as UTF-8)"
        )));
    }
    let text = match crate::load::utf8_text(bytes) {
        Ok(text) => text,
        Err((text, failure)) => {
            let file = sources.push(SourceFile::new(path.to_path_buf(), text));
            return Err(ReadError::Malformed(Box::new(Finding::new(
                "config",
                Span::new(file, failure.range),
                failure.message,
            ))));
        }
    };
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
    let mut documents = parsed.map_err(|failure| {
        ReadError::Malformed(Box::new(Finding::new(
            "config",
            Span::new(file, failure.range),
            failure.message,
        )))
    })?;
    // No document, or one alone that is empty (`---`): nothing is configured, as in an empty
    // file, which YAML reads as no document at all.
    let parsed = match documents.len() {
        0 => ParsedDocument::empty_mapping(),
        1 if documents[0].value.is_null() => ParsedDocument::empty_mapping(),
        _ => documents.swap_remove(0),
    };
    Ok(Document::new(
        file,
        0,
        DocumentKind::ArchitectureSpec,
        parsed,
    ))
}

impl ConfigFile {
    /// A run without a configuration file: the defaults, to which rulesets may still be added.
    pub fn none() -> Self {
        let empty = ParsedDocument::empty_mapping();
        ConfigFile {
            path: None,
            sources: Sources::default(),
            document: Document::new(FileId(0), 0, DocumentKind::ArchitectureSpec, empty),
            findings: Vec::new(),
            warnings: Vec::new(),
            built_in_settings: Vec::new(),
            skipped_rules: Vec::new(),
        }
    }

    /// The folder the configuration's relative paths start from.
    pub fn folder(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// Checks the rule names and options against `known_rules`, and gives the configuration, or
    /// every mistake found in it and in the rulesets read with it.
    pub fn finish(self, known_rules: &[KnownRule<'_>]) -> Result<Finished, ConfigError> {
        let ConfigFile {
            path,
            sources,
            document,
            mut findings,
            mut warnings,
            built_in_settings,
            skipped_rules,
        } = self;
        findings.extend(validate_rules(&document, known_rules));
        if !findings.is_empty() {
            findings.sort_by_key(|finding| finding.primary_span());
            return Err(ConfigError::Invalid { sources, findings });
        }
        warnings.sort_by_key(|finding| finding.primary_span());
        let Some(path) = path else {
            let mut config = Config::default();
            config.settle(built_in_settings);
            return Ok(Finished {
                config,
                sources,
                warnings,
                skipped_rules,
            });
        };
        let mut config: Config =
            serde_json::from_value(document.value.to_serde()).map_err(|error| {
                ConfigError::Unreadable(format!(
                    "the configuration does not fit its schema: {error}"
                ))
            })?;
        config.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.path = Some(path);
        config.settle(built_in_settings);
        Ok(Finished {
            config,
            sources,
            warnings,
            skipped_rules,
        })
    }
}

/// A list of globs, or one glob written as a string (`exclude: legacy/**`).
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(glob) => vec![glob],
        OneOrMany::Many(globs) => globs,
    })
}

/// Whether `pointer` is a rule's setting: `/rules/NAME` or `/overrides/N/rules/NAME`.
fn is_rule_setting(pointer: &str) -> bool {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    matches!(tokens[..], ["rules", _] | ["overrides", _, "rules", _])
}

/// A rule's setting that is neither a level nor `{severity, options}`, said in plain words: the
/// schema's own wording ("not valid under any of the schemas listed in the 'anyOf' keyword")
/// tells a user nothing.
fn wrong_setting(document: &Document, pointer: &str, value: &Value) -> Vec<Finding> {
    let name = pointer.rsplit('/').next().unwrap_or_default();
    let name = name.replace("~1", "/").replace("~0", "~");
    let level_help = format!("a level is {LEVELS}");
    let is_level = |value: &Value| {
        value
            .as_str()
            .is_some_and(|text| ["off", "info", "hint", "warning", "warn", "error"].contains(&text))
    };
    match value {
        Value::String(text) if !is_level(value) => vec![
            Finding::new(
                "config",
                document.focus(pointer),
                format!("`{text}` is not a level, for `{name}`"),
            )
            .help(level_help),
        ],
        Value::Object(setting) => {
            let mut findings = Vec::new();
            for (key, value) in setting {
                let mut at = pointer.to_string();
                push_pointer_token(&mut at, key);
                match key.as_str() {
                    "severity" if !is_level(value) => findings.push(
                        Finding::new(
                            "config",
                            document.focus(&at),
                            format!("{} is not a level, for `{name}`", shown(value)),
                        )
                        .help(level_help.clone()),
                    ),
                    "options" if !value.is_object() => findings.push(
                        Finding::new(
                            "config",
                            document.focus(&at),
                            format!("the options of `{name}` are {}, not a mapping", shown(value)),
                        )
                        .help("write them as a mapping: `options: { max_depth: 6 }`"),
                    ),
                    "severity" | "options" => {}
                    _ => {
                        let finding = Finding::new(
                            "config",
                            document.locate_nearest(&at).anchor(),
                            format!("key `{key}` is not allowed in the setting of `{name}`"),
                        );
                        findings.push(
                            match suggest::closest(key, ["severity", "options"], str::to_string) {
                                Some(close) => finding.help(format!(
                                    "did you mean `{close}`? A rule's setting takes `severity` and `options`"
                                )),
                                None => finding
                                    .help("a rule's setting takes `severity` and `options`"),
                            },
                        );
                    }
                }
            }
            findings
        }
        Value::String(_) => Vec::new(),
        _ => vec![
            Finding::new(
                "config",
                document.focus(pointer),
                format!("the setting of `{name}` is {}", shown(value)),
            )
            .help(format!(
                "write a level ({LEVELS}) or a mapping: `{{ severity: warning, options: {{ ... }} }}`"
            )),
        ],
    }
}

/// A value as a message shows it: text in backticks, a number as written, else what it is.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("`{text}`"),
        Value::Number(number) => format!("`{number}`"),
        Value::Bool(flag) => format!("`{flag}`"),
        Value::Null => "empty".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a mapping".to_string(),
    }
}

/// A schema violation of the configuration in plain words: what kind of value the place takes.
fn plain(document: &Document, violation: &crate::schemas::Violation) -> String {
    let found = document
        .value
        .pointer(&violation.pointer)
        .map(shown)
        .unwrap_or_default();
    let message = &violation.message;
    let expected = [
        ("\"array\"", "a list: `[a, b]`, or one `- item` per line"),
        ("\"object\"", "a mapping of keys to values"),
        ("\"string\"", "text"),
        ("\"integer\"", "a whole number"),
    ];
    if message.contains("is not of type") {
        if message.contains("\"array\"") && message.contains("\"string\"") {
            return format!("{found} is not allowed here: this takes a glob, or a list of globs");
        }
        if let Some((_, words)) = expected.iter().find(|(kind, _)| message.ends_with(kind)) {
            return format!("{found} is not allowed here: this takes {words}");
        }
    }
    if let Some(rest) = message.strip_suffix(" is a required property") {
        return format!(
            "{} is missing here, and is required",
            rest.replace('"', "`")
        );
    }
    // `oneOf` and `anyOf` in the schema's words, for a setting of several forms.
    if message.contains("is not valid under any of the schemas listed in the") {
        return format!(
            "{found} is not allowed here: it fits none of the forms this setting takes \
             (the configuration's schema, `schemas/config.schema.json`, describes them)"
        );
    }
    if let Some((_, minimum)) = message.split_once(" is less than the minimum of ") {
        return format!("{found} is too small: the smallest allowed is {minimum}");
    }
    if let Some((_, maximum)) = message.split_once(" is greater than the maximum of ") {
        return format!("{found} is too large: the largest allowed is {maximum}");
    }
    message.replace('"', "`")
}

fn validate(document: &Document, file: FileId) -> Vec<Finding> {
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
    let mut settings = std::collections::BTreeSet::new();
    for violation in schemas::CONFIG.violations(document) {
        // A rule's setting is said in words of its own (an unknown key in it has the schema's
        // pointer one level deeper).
        let setting = if is_rule_setting(&violation.pointer) {
            Some(violation.pointer.clone())
        } else {
            violation
                .pointer
                .rsplit_once('/')
                .map(|(parent, _)| parent.to_string())
                .filter(|parent| violation.unexpected_key && is_rule_setting(parent))
        };
        if let Some(setting) = setting {
            if settings.insert(setting.clone())
                && let Some(value) = document.value.pointer(&setting)
            {
                findings.extend(wrong_setting(document, &setting, value));
            }
            continue;
        }
        let message = if violation.unexpected_key {
            violation.message.clone()
        } else {
            plain(document, &violation)
        };
        findings.push(
            Finding::new("config", violation.span, message)
                .note(format!("at `{}`", display_pointer(&violation.pointer))),
        );
    }
    let mut glob_lists = vec!["/include".to_string(), "/exclude".to_string()];
    if let Some(Value::Array(overrides)) = document.value.get("overrides") {
        for index in 0..overrides.len() {
            glob_lists.push(format!("/overrides/{index}/files"));
        }
    }
    for pointer in &glob_lists {
        findings.extend(invalid_globs(document, pointer));
    }
    findings
}

/// The rule names and options of `rules:` and of each override that name no rule or no option.
fn validate_rules(document: &Document, known_rules: &[KnownRule<'_>]) -> Vec<Finding> {
    let mut rule_maps = vec!["/rules".to_string()];
    if let Some(Value::Array(overrides)) = document.value.get("overrides") {
        for index in 0..overrides.len() {
            rule_maps.push(format!("/overrides/{index}/rules"));
        }
    }
    let mut findings = Vec::new();
    for pointer in &rule_maps {
        findings.extend(unknown_rules(document, pointer, known_rules));
        findings.extend(wrong_options(document, pointer, known_rules));
    }
    findings
}

/// A rule name in the mapping at `pointer` that names no rule, with "did you mean".
fn unknown_rules(
    document: &Document,
    pointer: &str,
    known_rules: &[KnownRule<'_>],
) -> Vec<Finding> {
    let Some(Value::Object(rules)) = document.value.pointer(pointer) else {
        return Vec::new();
    };
    let names: Vec<&str> = known_rules.iter().map(|rule| rule.name).collect();
    rules
        .keys()
        .filter(|name| !names.contains(&name.as_str()))
        .map(|name| {
            let mut entry = pointer.to_string();
            push_pointer_token(&mut entry, name);
            let span = document.locate_nearest(&entry).anchor();
            let finding = Finding::new("config", span, format!("unknown rule `{name}`"));
            match suggest::closest(name, names.iter().copied(), str::to_string) {
                Some(suggestion) => finding.help(format!("did you mean `{suggestion}`?")),
                None => finding.help("`archlint rules` lists every rule"),
            }
        })
        .collect()
}

/// An option of a known rule, in the mapping at `pointer`, that the rule does not read (with
/// "did you mean"), or whose value is of the wrong kind: a misspelt option would otherwise be
/// silently ignored.
fn wrong_options(
    document: &Document,
    pointer: &str,
    known_rules: &[KnownRule<'_>],
) -> Vec<Finding> {
    let Some(Value::Object(rules)) = document.value.pointer(pointer) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for (name, setting) in rules {
        let Some(rule) = known_rules.iter().find(|rule| rule.name == name) else {
            continue;
        };
        let Some(Value::Object(options)) = setting.get("options") else {
            continue;
        };
        let mut at = pointer.to_string();
        push_pointer_token(&mut at, name);
        push_pointer_token(&mut at, "options");
        for (option, value) in options {
            let mut place = at.clone();
            push_pointer_token(&mut place, option);
            match rule.options.iter().find(|(known, _)| known == option) {
                None => {
                    let names = rule.options.iter().map(|(known, _)| *known);
                    let finding = Finding::new(
                        "config",
                        document.locate_nearest(&place).anchor(),
                        format!("`{name}` has no option `{option}`"),
                    );
                    findings.push(match suggest::closest(option, names, str::to_string) {
                        Some(close) => finding.help(format!("did you mean `{close}`?")),
                        None if rule.options.is_empty() => {
                            finding.help(format!("`{name}` takes no options"))
                        }
                        None => {
                            finding.help(format!("`archlint explain {name}` lists its options"))
                        }
                    });
                }
                Some((_, kind)) => {
                    if let Some(why) = kind.mismatch(value) {
                        findings.push(Finding::new(
                            "config",
                            document.focus(&place),
                            format!("option `{option}` of `{name}` {why}"),
                        ));
                    }
                }
            }
        }
    }
    findings
}

/// A glob in the list at `pointer` that does not compile, at its place.
fn invalid_globs(document: &Document, pointer: &str) -> Vec<Finding> {
    if let Some(Value::String(glob)) = document.value.pointer(pointer) {
        return discover::glob(glob)
            .err()
            .map(|error| Finding::new("config", document.focus(pointer), error))
            .into_iter()
            .collect();
    }
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
