//! A Spectral ruleset file, read as Spectral reads it: `extends` (files, and Spectral's own
//! rulesets by name), `rules` (definitions, and severities given to inherited rules),
//! `formats`, `aliases`, `overrides`, `functions` and `documentationUrl`. Each rule is compiled
//! once (its JSONPaths parsed, its functions' options checked) into a rule of the registry; every
//! mistake is a finding at its place in the file.

use super::formats::Format;
use super::functions::CoreFunction;
use super::jsonpath::JsonPath;
use super::rule::{Field, Given, Overridden, OverriddenOwn, Override, SpectralRule, Then};
use crate::config::{self, ConfigFile, ReadError};
use crate::diagnostic::{Finding, Severity};
use crate::load::document::{Document, push_pointer_token};
use crate::rules::{Family, Origin, Registry};
use crate::source::Span;
use crate::suggest;
use crate::value::Value;
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A severity as a ruleset writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    Hint,
    Info,
    Warn,
    Error,
}

impl Level {
    /// The severity archlint reports with; a hint is an info, as archlint has no lower level.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Hint | Level::Info => Some(Severity::Info),
            Level::Warn => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    /// The level a severity is reported at; `None` is off.
    fn of(severity: Option<Severity>) -> Level {
        match severity {
            None => Level::Off,
            Some(Severity::Info) => Level::Info,
            Some(Severity::Warning) => Level::Warn,
            Some(Severity::Error) => Level::Error,
        }
    }
}

const SEVERITIES: &str = "error, warn, info, hint, off, or 0 to 3";

/// The keys of a ruleset, of a rule, and of a `then`.
const RULESET_KEYS: &[&str] = &[
    "extends",
    "formats",
    "rules",
    "aliases",
    "overrides",
    "except",
    "functions",
    "functionsDir",
    "documentationUrl",
    "description",
    "parserOptions",
    "architecture_rules",
];
const RULE_KEYS: &[&str] = &[
    "description",
    "message",
    "severity",
    "recommended",
    "given",
    "then",
    "formats",
    "resolved",
    "documentationUrl",
    "type",
    "tags",
    "extensions",
];
const THEN_KEYS: &[&str] = &["field", "function", "functionOptions"];

/// Spectral's own rulesets, which a ruleset may extend by name.
const SPECTRAL_RULESETS: &[&str] = &["spectral:oas", "spectral:asyncapi", "spectral:arazzo"];

/// One expression an alias stands for, with the formats it is limited to (a scoped alias).
type AliasTarget = (String, Option<Vec<Format>>);

/// A rule of a ruleset, before it joins the registry.
struct Definition {
    name: String,
    /// The ruleset that defines it.
    origin: PathBuf,
    name_span: Span,
    description: Option<String>,
    message: Option<String>,
    level: Level,
    recommended: bool,
    enabled: bool,
    given: Vec<Given>,
    then: Vec<Then>,
    formats: Option<Vec<Format>>,
    url: Option<String>,
    /// `extensions.archlint.notes`: what archlint does differently, for the documentation.
    notes: Option<String>,
    /// `resolved` (default true); `false` asks for the `$ref`s as written.
    resolved: bool,
    /// `x-archlint-yields-to`: archlint's rule that reports the same facts and is kept where
    /// both report at one place.
    yields_to: Option<String>,
}

/// What one ruleset file contributes, with everything it extends.
#[derive(Default)]
struct Loaded {
    rules: IndexMap<String, Definition>,
    /// Alias name → its expressions, each with the formats it is limited to.
    aliases: HashMap<String, Vec<AliasTarget>>,
    functions: Vec<String>,
    overrides: Vec<Override>,
    /// Spectral's own rulesets this one extends that archlint does not have the rules of
    /// (`spectral:arazzo`): a severity for a rule it does not know may be one of theirs.
    spectral_rulesets_not_built_in: Vec<String>,
    /// Severities this ruleset gives archlint's built-in Spectral rules (`None`: off).
    built_in_settings: Vec<(String, Option<Severity>)>,
}

impl Definition {
    fn into_rule(
        self,
        origin: Origin,
        family: Family,
        overrides: Arc<Vec<Override>>,
    ) -> SpectralRule {
        SpectralRule::new(
            self.name,
            origin,
            family,
            self.description,
            self.message,
            self.level,
            self.enabled,
            self.given,
            self.then,
            self.formats,
            self.url,
            self.notes,
            overrides,
        )
        .resolved(self.resolved)
        .yields_to(self.yields_to)
    }
}

/// The rules of Spectral's rulesets as archlint builds them in, compiled once per process.
pub fn built_in_rules() -> impl Iterator<Item = &'static dyn crate::rules::Rule> {
    built_in()
        .0
        .iter()
        .map(|rule| rule as &dyn crate::rules::Rule)
}

/// The mistakes of the embedded rulesets, as `archlint` would show them: none, which a test
/// holds.
pub fn built_in_mistakes() -> &'static [String] {
    &built_in().1
}

fn built_in() -> &'static (Vec<SpectralRule>, Vec<String>) {
    static BUILT_IN: std::sync::OnceLock<(Vec<SpectralRule>, Vec<String>)> =
        std::sync::OnceLock::new();
    BUILT_IN.get_or_init(|| {
        let mut rules = Vec::new();
        let mut mistakes = Vec::new();
        for ruleset in crate::rules::spectral::RULESETS {
            let mut file = ConfigFile::none();
            let source = crate::source::SourceFile::new(
                PathBuf::from(ruleset.name),
                ruleset.text.to_string(),
            );
            let id = file.sources.push(source);
            let limits = crate::load::limits::Limits::default();
            let parsed = match crate::load::yaml::parse(ruleset.text, 0, &limits) {
                (mut documents, None) if !documents.is_empty() => documents.swap_remove(0),
                (_, failure) => {
                    mistakes.push(format!(
                        "{}: {:?}",
                        ruleset.name,
                        failure.map(|failure| failure.message)
                    ));
                    continue;
                }
            };
            let document =
                Document::new(id, 0, crate::load::kind::DocumentKind::Unclassified, parsed);
            let mut reader = Reader {
                file: &mut file,
                stack: Vec::new(),
                said_spectral: false,
                unreadable: None,
            };
            let loaded = reader.ruleset(Path::new(ruleset.name), &document);
            for finding in &file.findings {
                let at = file
                    .sources
                    .get(finding.primary_span().file)
                    .location(finding.primary_span().start as usize);
                mistakes.push(format!(
                    "{}:{}:{}: {}",
                    ruleset.name, at.line, at.column, finding.message
                ));
            }
            let overrides = Arc::new(loaded.overrides);
            rules.extend(
                loaded
                    .rules
                    .into_values()
                    .filter(|definition| !definition.then.is_empty())
                    .map(|definition| {
                        definition.into_rule(Origin::BuiltIn, ruleset.family, overrides.clone())
                    }),
            );
        }
        (rules, mistakes)
    })
}

/// The built-in rules of Spectral's ruleset `name`.
fn built_in_of(name: &str) -> impl Iterator<Item = &'static SpectralRule> {
    let family = crate::rules::spectral::RULESETS
        .iter()
        .find(|ruleset| ruleset.name == name)
        .map(|ruleset| ruleset.family);
    built_in()
        .0
        .iter()
        .filter(move |rule| Some(rule.family()) == family)
}

/// archlint's own rules that do the job of rules of Spectral's ruleset `name`, under their
/// Spectral names (`oas3-schema`).
fn own_rules_of(name: &str) -> impl Iterator<Item = &'static str> {
    crate::rules::spectral::RULESETS
        .iter()
        .filter(move |ruleset| ruleset.name == name)
        .flat_map(|ruleset| ruleset.own_rules.iter().copied())
}

/// Whether `name` is one of the built-in Spectral rules.
fn is_built_in_spectral(name: &str) -> bool {
    built_in().0.iter().any(|rule| rule.name() == name)
}

/// Whether `name` is a rule archlint has whatever the rulesets: Spectral's built in, or one of
/// archlint's own (`oas3-schema`, under Spectral's name, among them).
fn is_built_in(name: &str) -> bool {
    is_built_in_spectral(name)
        || crate::rules::BUILT_IN
            .iter()
            .any(|rule| rule.meta().name == name)
}

/// Whether a ruleset may set a severity for rule `name`: one of its own, one archlint has, or
/// maybe one of a Spectral ruleset archlint does not have (said once already).
fn may_set(loaded: &Loaded, name: &str) -> bool {
    loaded.rules.contains_key(name)
        || is_built_in(name)
        || !loaded.spectral_rulesets_not_built_in.is_empty()
}

/// An override's `files` entry, `GLOB` or `GLOB#POINTER`: the glob compiled, and the pointer.
fn file_pattern(file: &str) -> Result<(globset::GlobMatcher, Option<String>), String> {
    let (glob, pointer) = match file.split_once('#') {
        Some((glob, pointer)) => (glob, Some(pointer.to_string())),
        None => (file, None),
    };
    Ok((crate::discover::glob(glob)?.compile_matcher(), pointer))
}

/// The names a severity may be set for beside a ruleset's own rules, for a "did you mean".
fn built_in_names<'a>() -> impl Iterator<Item = &'a str> {
    let spectral = built_in().0.iter().map(|rule| -> &'a str { rule.name() });
    let own = crate::rules::BUILT_IN
        .iter()
        .map(|rule| -> &'a str { rule.meta().name.as_ref() });
    spectral.chain(own)
}

/// Reads the ruleset at `path` (and those it extends) and adds its rules to `registry`; its
/// mistakes go to `file.findings` and its warnings to `file.warnings`, each at its place. Gives
/// its `overrides`, which [`override_built_in`] applies to the built-in rules they name once
/// every ruleset is read. Fails with one line when the file itself cannot be read.
pub fn load(
    path: &Path,
    file: &mut ConfigFile,
    registry: &mut Registry,
) -> Result<Vec<Override>, String> {
    let mut reader = Reader {
        file,
        stack: Vec::new(),
        said_spectral: false,
        unreadable: None,
    };
    let Some((loaded, document)) = reader.read(path, None) else {
        return reader.unreadable.map_or(Ok(Vec::new()), Err);
    };
    crate::architecture_rules::load(
        &document,
        "/architecture_rules",
        path,
        registry,
        &mut reader.file.findings,
    );
    reader
        .file
        .built_in_settings
        .extend(loaded.built_in_settings);
    let overrides = Arc::new(loaded.overrides);
    for (_, definition) in loaded.rules {
        let enabled_somewhere =
            definition.enabled || Override::turn_on(&overrides, &definition.name);
        if !enabled_somewhere && definition.then.is_empty() {
            continue;
        }
        let replaces = registry.find(&definition.name).is_some_and(|existing| {
            matches!(existing.meta().family, Family::Oas | Family::Asyncapi)
                && existing.meta().origin == Origin::BuiltIn
        });
        if replaces {
            // As in Spectral: a ruleset's own definition of a rule it extends wins.
            if !definition.then.is_empty() {
                let origin = Origin::Loaded(definition.origin.clone());
                registry.replace(Box::new(definition.into_rule(
                    origin,
                    Family::User,
                    overrides.clone(),
                )));
            }
            continue;
        }
        if let Some(existing) = registry.find(&definition.name) {
            let source = match &existing.meta().origin {
                crate::rules::Origin::BuiltIn => "a built-in rule".to_string(),
                crate::rules::Origin::Loaded(other) => {
                    format!("a rule of `{}`", crate::source::display_name(other))
                }
            };
            reader.file.findings.push(
                Finding::new(
                    "config",
                    definition.name_span,
                    format!("`{}` is already the name of {source}", definition.name),
                )
                .help("give the rule a name of its own"),
            );
            continue;
        }
        if definition.then.is_empty() {
            continue;
        }
        let origin = Origin::Loaded(definition.origin.clone());
        registry.add(Box::new(definition.into_rule(
            origin,
            Family::User,
            overrides.clone(),
        )));
    }
    Ok(Arc::unwrap_or_clone(overrides))
}

/// Judges each built-in rule that `overrides` (every ruleset's, in the order read) name under
/// them: at the level the rulesets set it to where no override applies (taken here from the
/// settings the configuration would otherwise settle, so that `[spectral:oas, off]` and an
/// override turning one rule on for some files both hold), and at an override's where one does.
/// A rule a ruleset defines anew is judged under its own ruleset's overrides already.
pub fn override_built_in(overrides: Vec<Override>, file: &mut ConfigFile, registry: &mut Registry) {
    let overrides = Arc::new(overrides);
    let named: std::collections::BTreeSet<&str> = overrides
        .iter()
        .flat_map(|entry| entry.levels.iter().map(|(name, _)| name.as_str()))
        .collect();
    for name in named {
        let is_built_in = registry
            .find(name)
            .is_some_and(|rule| rule.meta().origin == Origin::BuiltIn);
        if !is_built_in {
            continue;
        }
        let settings = &mut file.built_in_settings;
        let set = settings
            .iter()
            .rev()
            .find(|(named, _)| named == name)
            .map(|(_, severity)| Level::of(*severity));
        settings.retain(|(named, _)| named != name);
        if let Some(rule) = built_in().0.iter().find(|rule| rule.name() == name) {
            let level = set.unwrap_or_else(|| rule.default_level());
            registry.replace(Box::new(Overridden::new(rule, level, overrides.clone())));
        } else if let Some(&rule) = crate::rules::BUILT_IN
            .iter()
            .find(|rule| rule.meta().name == name)
        {
            let meta = rule.meta();
            let default = Level::of(meta.on_by_default.then_some(meta.default_severity));
            let level = set.unwrap_or(default);
            registry.replace(Box::new(OverriddenOwn::new(rule, level, overrides.clone())));
        }
    }
}

struct Reader<'a> {
    file: &'a mut ConfigFile,
    /// The rulesets being read, outermost first: a ruleset that extends one of them is a cycle.
    stack: Vec<PathBuf>,
    said_spectral: bool,
    /// Why a ruleset named on the command line, in the configuration or found at the root could
    /// not be read: there is no place to say it at, so the run stops with it.
    unreadable: Option<String>,
}

impl Reader<'_> {
    fn mistake(&mut self, at: Span, message: impl Into<String>) -> &mut Finding {
        self.file
            .findings
            .push(Finding::new("config", at, message.into()));
        self.file.findings.last_mut().expect("just pushed")
    }

    fn warn(&mut self, at: Span, message: impl Into<String>) -> &mut Finding {
        self.file
            .warnings
            .push(Finding::new("ruleset", at, message.into()));
        self.file.warnings.last_mut().expect("just pushed")
    }

    /// Reads one ruleset file; `named_at` is where it is named (an `extends` entry), for a file
    /// that cannot be read.
    fn read(&mut self, path: &Path, named_at: Option<Span>) -> Option<(Loaded, Document)> {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.stack.contains(&canonical) {
            if let Some(at) = named_at {
                self.mistake(
                    at,
                    format!(
                        "`{}` extends itself through the rulesets it extends",
                        crate::source::display_name(path)
                    ),
                );
            }
            return None;
        }
        let script = path.extension().and_then(|extension| extension.to_str());
        let read = if script
            .is_some_and(|script| crate::rulesets::SCRIPT_EXTENSIONS.contains(&script))
        {
            Err(ReadError::Unreadable(format!(
                "`{}` is a JavaScript ruleset, which archlint cannot run (it reads YAML and JSON \
                 rulesets)",
                crate::source::display_name(path)
            )))
        } else {
            config::read_spanned(path, "ruleset", &mut self.file.sources)
        };
        let document = match read {
            Ok(document) => document,
            Err(ReadError::Malformed(finding)) => {
                self.file.findings.push(*finding);
                return None;
            }
            Err(ReadError::Unreadable(message)) => {
                match named_at {
                    Some(at) => {
                        self.mistake(at, message);
                    }
                    None => self.unreadable = Some(message),
                }
                return None;
            }
        };
        self.stack.push(canonical);
        let loaded = self.ruleset(path, &document);
        self.stack.pop();
        Some((loaded, document))
    }

    fn ruleset(&mut self, path: &Path, document: &Document) -> Loaded {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut loaded = Loaded::default();
        let Value::Object(map) = &document.value else {
            self.mistake(
                document.focus(""),
                "a ruleset is a mapping with `rules`, `extends` and the like",
            );
            return loaded;
        };
        self.unknown_keys(document, "", RULESET_KEYS, "a ruleset");
        if let Some(extends) = map.get("extends") {
            self.extends(document, &folder, extends, &mut loaded);
        }
        let url = map
            .get("documentationUrl")
            .and_then(Value::as_str)
            .map(str::to_string);
        // Spectral's parser reports a key written twice at `parserOptions.duplicateKeys`
        // (an error unless set); archlint's `duplicate-key` reports the same fact.
        if let Some(Value::Object(options)) = map.get("parserOptions")
            && let Some(setting) = options.get("duplicateKeys")
            && let Some(level) = self.level(document, "/parserOptions/duplicateKeys", setting)
        {
            loaded
                .built_in_settings
                .push(("duplicate-key".to_string(), level.severity()));
        }
        if let Some(functions) = map.get("functions") {
            match functions {
                Value::Array(names) if names.iter().all(Value::is_string) => loaded
                    .functions
                    .extend(names.iter().filter_map(Value::as_str).map(str::to_string)),
                _ => {
                    self.mistake(
                        document.focus("/functions"),
                        "`functions` is a list of function names",
                    );
                }
            }
        }
        if let Some(aliases) = map.get("aliases") {
            self.aliases(document, aliases, &mut loaded);
        }
        let formats = match map.get("formats") {
            Some(formats) => self.formats(document, "/formats", formats),
            None => None,
        };
        if let Some(rules) = map.get("rules") {
            let Value::Object(rules) = rules else {
                self.mistake(
                    document.focus("/rules"),
                    "`rules` is a mapping of rule names to rules or severities",
                );
                return loaded;
            };
            for (name, value) in rules {
                let mut pointer = "/rules".to_string();
                push_pointer_token(&mut pointer, name);
                match value {
                    Value::Object(_) => {
                        if let Some(definition) = self.definition(
                            document,
                            &pointer,
                            name,
                            path,
                            &loaded,
                            formats.as_ref(),
                            url.as_deref(),
                        ) {
                            loaded.rules.insert(name.to_string(), definition);
                        }
                    }
                    setting => self.setting(document, &pointer, name, setting, &mut loaded),
                }
            }
        }
        if let Some(overrides) = map.get("overrides") {
            self.overrides(document, &folder, overrides, &mut loaded);
        }
        if let Some(except) = map.get("except") {
            self.except(document, &folder, except, &mut loaded);
        }
        loaded
    }

    /// `extends: FILE`, `extends: [FILE, [FILE, all|recommended|off], spectral:oas, ...]`.
    fn extends(
        &mut self,
        document: &Document,
        folder: &Path,
        extends: &Value,
        loaded: &mut Loaded,
    ) {
        let entries: Vec<(String, &Value)> = match extends {
            Value::Array(entries) => entries
                .iter()
                .enumerate()
                .map(|(index, entry)| (format!("/extends/{index}"), entry))
                .collect(),
            single => vec![("/extends".to_string(), single)],
        };
        for (pointer, entry) in entries {
            let (name, mode, name_pointer) = match entry {
                Value::String(name) => (name.as_str(), "recommended", pointer.clone()),
                Value::Array(pair) if pair.len() == 2 && pair[0].is_string() => {
                    let mode = pair[1].as_str().unwrap_or("");
                    if !matches!(mode, "all" | "recommended" | "off") {
                        self.mistake(
                            document.focus(&format!("{pointer}/1")),
                            "an `extends` entry's second item is `all`, `recommended` or `off`",
                        );
                        continue;
                    }
                    (
                        pair[0].as_str().unwrap_or_default(),
                        mode,
                        format!("{pointer}/0"),
                    )
                }
                _ => {
                    self.mistake(
                        document.focus(&pointer),
                        "an `extends` entry is a ruleset, or a ruleset and `all`, `recommended` or `off`",
                    );
                    continue;
                }
            };
            let at = document.focus(&name_pointer);
            if SPECTRAL_RULESETS.contains(&name) {
                let built_in: Vec<&SpectralRule> = built_in_of(name).collect();
                if !built_in.is_empty() {
                    // archlint runs Spectral's recommended rules anyway; `all` turns on the
                    // others and `off` turns them all off.
                    for rule in built_in {
                        let meta = crate::rules::Declared::meta(rule);
                        match mode {
                            "all" if !meta.on_by_default => loaded
                                .built_in_settings
                                .push((rule.name().to_string(), Some(meta.default_severity))),
                            "off" => loaded
                                .built_in_settings
                                .push((rule.name().to_string(), None)),
                            _ => {}
                        }
                    }
                    if mode == "off" {
                        let own = own_rules_of(name).map(|rule| (rule.to_string(), None));
                        loaded.built_in_settings.extend(own);
                    }
                    continue;
                }
                loaded.spectral_rulesets_not_built_in.push(name.to_string());
                if !self.said_spectral {
                    self.said_spectral = true;
                    self.warn(
                        at,
                        format!(
                            "archlint does not have the rules of `{name}` yet: this ruleset's \
                             own rules run without them"
                        ),
                    )
                    .notes
                    .push("archlint's own OpenAPI and AsyncAPI rules still run".into());
                }
                continue;
            }
            if name.starts_with("spectral:") {
                let known = SPECTRAL_RULESETS.iter().copied();
                let finding =
                    self.mistake(at, format!("`{name}` is not one of Spectral's rulesets"));
                let help = match suggest::closest(name, known, str::to_string) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "Spectral's rulesets are `spectral:oas`, `spectral:asyncapi` and `spectral:arazzo`".to_string(),
                };
                finding.help = Some(help.into());
                continue;
            }
            if name.contains("://") {
                self.warn(
                    at,
                    format!("`{name}` is not loaded: archlint never fetches a URL"),
                )
                .help = Some("download the ruleset into the repository and extend the file".into());
                continue;
            }
            let path = folder.join(name);
            if let Some(problem) = crate::load::not_a_file(&path) {
                let looks_like_a_package = !name.starts_with('.')
                    && !name.starts_with('/')
                    && !name.contains(".y")
                    && !name.contains(".json");
                let why = if looks_like_a_package && !path.exists() {
                    "is not a file here (archlint reads rulesets from files, not npm packages)"
                } else {
                    problem
                };
                self.mistake(at, format!("the ruleset `{name}` {why}"));
                continue;
            }
            let Some((inherited, _)) = self.read(&path, Some(at)) else {
                continue;
            };
            for (rule, mut definition) in inherited.rules {
                definition.enabled = match mode {
                    "all" => true,
                    "off" => false,
                    _ => definition.enabled && definition.recommended,
                };
                loaded.rules.insert(rule, definition);
            }
            loaded.aliases.extend(inherited.aliases);
            loaded.functions.extend(inherited.functions);
            loaded.overrides.extend(inherited.overrides);
            loaded
                .spectral_rulesets_not_built_in
                .extend(inherited.spectral_rulesets_not_built_in);
        }
    }

    fn aliases(&mut self, document: &Document, aliases: &Value, loaded: &mut Loaded) {
        let Value::Object(aliases) = aliases else {
            self.mistake(
                document.focus("/aliases"),
                "`aliases` is a mapping of names to JSONPath expressions",
            );
            return;
        };
        for (name, value) in aliases {
            let mut pointer = "/aliases".to_string();
            push_pointer_token(&mut pointer, name);
            let mut expressions = Vec::new();
            match value {
                Value::String(expression) => expressions.push((expression.to_string(), None)),
                Value::Array(items) if items.iter().all(Value::is_string) => expressions.extend(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|expression| (expression.to_string(), None)),
                ),
                Value::Object(scoped) => {
                    let Some(Value::Array(targets)) = scoped.get("targets") else {
                        self.mistake(
                            document.focus(&pointer),
                            "a scoped alias has `targets`: a list of `formats` and `given`",
                        );
                        continue;
                    };
                    for (index, target) in targets.iter().enumerate() {
                        let at = format!("{pointer}/targets/{index}");
                        let formats = target.get("formats").and_then(|formats| {
                            self.formats(document, &format!("{at}/formats"), formats)
                        });
                        match target.get("given") {
                            Some(Value::String(expression)) => {
                                expressions.push((expression.to_string(), formats))
                            }
                            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                                expressions.extend(
                                    items.iter().filter_map(Value::as_str).map(|expression| {
                                        (expression.to_string(), formats.clone())
                                    }),
                                )
                            }
                            _ => {
                                self.mistake(
                                    document.focus(&at),
                                    "a target of a scoped alias has a `given`",
                                );
                            }
                        }
                    }
                }
                _ => {
                    self.mistake(
                        document.focus(&pointer),
                        "an alias is a JSONPath expression or a list of them",
                    );
                    continue;
                }
            }
            loaded.aliases.insert(name.to_string(), expressions);
        }
    }

    /// A `formats` list; `None` (with a mistake) when it is not one.
    fn formats(
        &mut self,
        document: &Document,
        pointer: &str,
        value: &Value,
    ) -> Option<Vec<Format>> {
        let Value::Array(names) = value else {
            self.mistake(
                document.focus(pointer),
                "`formats` is a list of format names",
            );
            return None;
        };
        let mut formats = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let at = document.focus(&format!("{pointer}/{index}"));
            match name.as_str().and_then(Format::named) {
                Some(format) => formats.push(format),
                None => {
                    let written = name.as_str().unwrap_or("?").to_string();
                    let known = super::formats::NAMES.iter().map(|(name, _)| *name);
                    let help = suggest::closest(&written, known, str::to_string)
                        .map(|close| format!("did you mean `{close}`?"))
                        .unwrap_or_else(|| {
                            "formats are oas2, oas3, oas3.0, oas3.1, oas3.2, asyncapi2, asyncapi3, \
                             arazzo1, json-schema, json-schema-loose and the JSON Schema drafts"
                                .to_string()
                        });
                    self.mistake(at, format!("`{written}` is not a format"))
                        .help = Some(help.into());
                }
            }
        }
        Some(formats)
    }

    /// Keys of the mapping at `pointer` that are none of `known`.
    fn unknown_keys(&mut self, document: &Document, pointer: &str, known: &[&str], what: &str) {
        let Some(Value::Object(map)) = crate::load::document::value_at(&document.value, pointer)
        else {
            return;
        };
        for key in map.keys() {
            if known.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            let mut at = pointer.to_string();
            push_pointer_token(&mut at, key);
            let span = document.locate_nearest(&at).anchor();
            let help = suggest::closest(key, known.iter().copied(), str::to_string)
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| format!("{what} has {}", list(known)));
            self.mistake(span, format!("{what} has no `{key}`")).help = Some(help.into());
        }
    }

    /// `rules: {NAME: SEVERITY}`: a severity for an inherited rule.
    fn setting(
        &mut self,
        document: &Document,
        pointer: &str,
        name: &str,
        setting: &Value,
        loaded: &mut Loaded,
    ) {
        let at = document.focus(pointer);
        let Some(level) = self.level(document, pointer, setting) else {
            return;
        };
        match loaded.rules.get_mut(name) {
            Some(definition) => {
                definition.enabled = level != Level::Off;
                if !matches!(setting, Value::Bool(true)) {
                    definition.level = level;
                }
            }
            None if is_built_in(name) => {
                let severity = match setting {
                    // `true` turns the rule on with its own severity.
                    Value::Bool(true) => built_in()
                        .0
                        .iter()
                        .find(|rule| rule.name() == name)
                        .map(|rule| crate::rules::Declared::meta(rule).default_severity),
                    _ => level.severity(),
                };
                loaded.built_in_settings.push((name.to_string(), severity));
            }
            None if !loaded.spectral_rulesets_not_built_in.is_empty() => {
                // A rule of a Spectral ruleset archlint does not have yet: said once already.
            }
            None => {
                let span = document.locate_nearest(pointer).anchor();
                let _ = at;
                self.no_rule(
                    loaded,
                    span,
                    name,
                    "set a severity for",
                    "a severity alone changes a rule this ruleset extends; a new rule needs \
                     `given` and `then`",
                );
            }
        }
    }

    /// A severity: a name, a number from 0 (error) to 3 (hint), -1 for off, or a boolean.
    fn level(&mut self, document: &Document, pointer: &str, value: &Value) -> Option<Level> {
        let level = match value {
            Value::String(name) => match name.as_str() {
                "error" => Some(Level::Error),
                "warn" => Some(Level::Warn),
                "info" => Some(Level::Info),
                "hint" => Some(Level::Hint),
                "off" => Some(Level::Off),
                _ => None,
            },
            Value::Number(number) => match number.as_i64() {
                Some(0) => Some(Level::Error),
                Some(1) => Some(Level::Warn),
                Some(2) => Some(Level::Info),
                Some(3) => Some(Level::Hint),
                Some(-1) => Some(Level::Off),
                _ => None,
            },
            Value::Bool(true) => Some(Level::Warn),
            Value::Bool(false) => Some(Level::Off),
            _ => None,
        };
        if level.is_none() {
            let written = match value {
                Value::String(name) => name.to_string(),
                other => other.to_string(),
            };
            let names = ["error", "warn", "info", "hint", "off"];
            // archlint's own configuration says `warning`; Spectral's says `warn`.
            let close = match written.as_str() {
                "warning" => Some("warn".to_string()),
                "information" => Some("info".to_string()),
                _ => suggest::closest(&written, names, str::to_string).map(str::to_string),
            };
            let help = close
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| format!("a severity is {SEVERITIES}"));
            self.mistake(
                document.focus(pointer),
                format!("`{written}` is not a severity"),
            )
            .help = Some(help.into());
        }
        level
    }

    /// A rule definition: `given` and `then`, and the rest.
    #[allow(clippy::too_many_arguments)]
    fn definition(
        &mut self,
        document: &Document,
        pointer: &str,
        name: &str,
        path: &Path,
        loaded: &Loaded,
        formats: Option<&Vec<Format>>,
        url: Option<&str>,
    ) -> Option<Definition> {
        let rule = crate::load::document::value_at(&document.value, pointer)?;
        self.unknown_keys(document, pointer, RULE_KEYS, "a rule");
        let text = |key: &str| rule.get(key).and_then(Value::as_str).map(str::to_string);
        let field = |key: &str| format!("{pointer}/{key}");
        let level = match rule.get("severity") {
            Some(value) => self.level(document, &field("severity"), value)?,
            None => Level::Warn,
        };
        let recommended = rule.get("recommended") != Some(&Value::Bool(false));
        let formats = match rule.get("formats") {
            Some(value) => self.formats(document, &field("formats"), value),
            None => formats.cloned(),
        };
        let given = self.given(document, &field("given"), rule.get("given"), loaded)?;
        let then = self.then(document, &field("then"), name, rule.get("then"), loaded)?;
        let name_span = document.locate_nearest(pointer).anchor();
        Some(Definition {
            name: name.to_string(),
            origin: path.to_path_buf(),
            name_span,
            description: text("description"),
            message: text("message"),
            level,
            recommended,
            enabled: recommended,
            given,
            then,
            formats,
            url: text("documentationUrl").or_else(|| url.map(|url| format!("{url}#{name}"))),
            notes: text("x-archlint-notes").or_else(|| {
                rule.pointer("/extensions/archlint/notes")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }),
            resolved: rule.get("resolved") != Some(&Value::Bool(false)),
            yields_to: text("x-archlint-yields-to"),
        })
    }

    /// The `given` expressions, aliases expanded, each parsed once.
    fn given(
        &mut self,
        document: &Document,
        pointer: &str,
        value: Option<&Value>,
        loaded: &Loaded,
    ) -> Option<Vec<Given>> {
        let written: Vec<(String, &str)> = match value {
            Some(Value::String(expression)) => vec![(pointer.to_string(), expression.as_str())],
            Some(Value::Array(items))
                if !items.is_empty() && items.iter().all(Value::is_string) =>
            {
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(index, item)| {
                        Some((format!("{pointer}/{index}"), item.as_str()?))
                    })
                    .collect()
            }
            Some(_) => {
                self.mistake(
                    document.focus(pointer),
                    "`given` is a JSONPath expression or a list of them",
                );
                return None;
            }
            None => {
                let rule = pointer.trim_end_matches("/given");
                self.mistake(
                    document.locate_nearest(rule).anchor(),
                    "the rule has no `given`",
                )
                .help = Some("say where the rule looks: `given: $.info`".into());
                return None;
            }
        };
        let mut given = Vec::new();
        let mut failed = false;
        for (at, expression) in written {
            let expanded = match expand_aliases(expression, &loaded.aliases, &mut Vec::new()) {
                Ok(expanded) => expanded,
                Err(AliasError::Circular(ring)) => {
                    let ring: Vec<String> = ring.iter().map(|name| format!("#{name}")).collect();
                    self.mistake(
                        document.focus(&at),
                        format!("alias `{}` is circular: {}", ring[0], ring.join(" → ")),
                    );
                    failed = true;
                    continue;
                }
                Err(AliasError::TooMany) => {
                    self.mistake(
                        document.focus(&at),
                        format!(
                            "the aliases expand to more than {MAX_EXPANSIONS} expressions: aliases \
                             of several targets, nested, multiply"
                        ),
                    );
                    failed = true;
                    continue;
                }
                Err(AliasError::Missing(alias)) => {
                    let names = loaded.aliases.keys().map(String::as_str);
                    let help = suggest::closest(&alias, names, str::to_string)
                        .map(|close| format!("did you mean `#{close}`?"))
                        .unwrap_or_else(|| "aliases are defined under `aliases:`".to_string());
                    self.mistake(document.focus(&at), format!("no alias `#{alias}`"))
                        .help = Some(help.into());
                    failed = true;
                    continue;
                }
            };
            for (expression, formats) in expanded {
                match JsonPath::parse(&expression) {
                    Ok(path) => given.push(Given {
                        text: expression.clone(),
                        path,
                        formats,
                    }),
                    Err(error) => {
                        let span = within(
                            document,
                            &at,
                            expression == *written_text(document, &at),
                            error.offset,
                        );
                        self.mistake(
                            span,
                            format!("cannot read the JSONPath `{expression}`: {error}"),
                        );
                        failed = true;
                    }
                }
            }
        }
        (!failed).then_some(given)
    }

    /// The `then` entries: a function each, with its options compiled.
    fn then(
        &mut self,
        document: &Document,
        pointer: &str,
        rule: &str,
        value: Option<&Value>,
        loaded: &Loaded,
    ) -> Option<Vec<Then>> {
        let entries: Vec<(String, &Value)> = match value {
            Some(Value::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(index, item)| (format!("{pointer}/{index}"), item))
                .collect(),
            Some(single @ Value::Object(_)) => vec![(pointer.to_string(), single)],
            Some(_) => {
                self.mistake(
                    document.focus(pointer),
                    "`then` is a function to run, or a list of them",
                );
                return None;
            }
            None => {
                let at = pointer.trim_end_matches("/then");
                self.mistake(
                    document.locate_nearest(at).anchor(),
                    "the rule has no `then`",
                )
                .help = Some("say what must hold: `then: {field: title, function: truthy}`".into());
                return None;
            }
        };
        let mut then = Vec::new();
        let mut failed = false;
        for (at, entry) in entries {
            self.unknown_keys(document, &at, THEN_KEYS, "a `then`");
            let Some(function) = entry.get("function").and_then(Value::as_str) else {
                self.mistake(
                    document.locate_nearest(&at).anchor(),
                    "the `then` names no `function`",
                );
                failed = true;
                continue;
            };
            let function_at = format!("{at}/function");
            let options_at = format!("{at}/functionOptions");
            let compiled = match CoreFunction::compile(function, entry.get("functionOptions")) {
                Ok(Some(compiled)) => compiled,
                Ok(None) if loaded.functions.iter().any(|custom| custom == function) => {
                    self.warn(
                        document.focus(&function_at),
                        format!(
                            "rule `{rule}` is skipped: its function `{function}` is JavaScript, \
                             which archlint cannot run"
                        ),
                    )
                    .notes
                    .push("the ruleset's other rules run".into());
                    self.file.skipped_rules.push(rule.to_string());
                    // No `then`: the rule is not registered.
                    return Some(Vec::new());
                }
                Ok(None) => {
                    let known = CoreFunction::NAMES
                        .iter()
                        .copied()
                        .chain(loaded.functions.iter().map(String::as_str));
                    let help = suggest::closest(function, known, str::to_string)
                        .map(|close| format!("did you mean `{close}`?"))
                        .unwrap_or_else(|| {
                            format!("the core functions are {}", list(CoreFunction::NAMES))
                        });
                    self.mistake(
                        document.focus(&function_at),
                        format!("no function `{function}`"),
                    )
                    .help = Some(help.into());
                    failed = true;
                    continue;
                }
                Err(error) => {
                    let mut place = options_at.clone();
                    place.push_str(&error.pointer);
                    let span = document.locate_nearest(&place);
                    let span = if document.locate(&place).is_some() {
                        document.focus(&place)
                    } else {
                        span.anchor()
                    };
                    self.mistake(span, format!("`{function}`: {}", error.message));
                    failed = true;
                    continue;
                }
            };
            let field = match entry.get("field") {
                None => Field::Whole,
                Some(Value::String(field)) if field == "@key" => Field::Keys,
                // `$ref` and `$id` are names: a JSONPath starts with `$` and then `.` or `[`
                // (jsonpath-plus reads `$ref` as the member of that name, so Spectral does).
                Some(Value::String(field))
                    if field == "$" || field.starts_with("$.") || field.starts_with("$[") =>
                {
                    match JsonPath::parse(field) {
                        Ok(path) => Field::Path {
                            text: field.to_string(),
                            path,
                        },
                        Err(error) => {
                            let at = format!("{at}/field");
                            let span = within(document, &at, true, error.offset);
                            self.mistake(
                                span,
                                format!("cannot read the JSONPath `{field}`: {error}"),
                            );
                            failed = true;
                            continue;
                        }
                    }
                }
                Some(Value::String(field)) => Field::Member(member_path(field)),
                Some(_) => {
                    self.mistake(
                        document.focus(&format!("{at}/field")),
                        "`field` is a property name, a path like `a.b`, `@key`, or a JSONPath",
                    );
                    failed = true;
                    continue;
                }
            };
            then.push(Then {
                field,
                function: compiled,
            });
        }
        (!failed).then_some(then)
    }

    /// A mistake at `span`: no rule `name` to do what was `asked` of it; the help names the
    /// closest rule there is, else says `otherwise`.
    fn no_rule(&mut self, loaded: &Loaded, span: Span, name: &str, asked: &str, otherwise: &str) {
        let names = loaded
            .rules
            .keys()
            .map(String::as_str)
            .chain(built_in_names());
        let help = suggest::closest(name, names, str::to_string)
            .map(|close| format!("did you mean `{close}`?"))
            .unwrap_or_else(|| otherwise.to_string());
        self.mistake(span, format!("no rule `{name}` to {asked}"))
            .help = Some(help.into());
    }

    /// `except: {GLOB#POINTER: [NAME...]}`, Spectral 5's way to turn rules off for some files or
    /// places, which Spectral 6 still reads as overrides that turn them off.
    fn except(&mut self, document: &Document, folder: &Path, value: &Value, loaded: &mut Loaded) {
        let Value::Object(entries) = value else {
            self.mistake(
                document.focus("/except"),
                "`except` maps a file (with `#/pointer`) to the rules turned off there",
            );
            return;
        };
        for (file, names) in entries {
            let mut at = "/except".to_string();
            push_pointer_token(&mut at, file);
            let pattern = match file_pattern(file) {
                Ok(pattern) => pattern,
                Err(error) => {
                    self.mistake(document.locate_nearest(&at).anchor(), error);
                    continue;
                }
            };
            let Value::Array(names) = names else {
                self.mistake(document.focus(&at), "a list of the rules turned off there");
                continue;
            };
            let mut levels = Vec::new();
            for (index, name) in names.iter().enumerate() {
                let place = document.focus(&format!("{at}/{index}"));
                let Some(name) = name.as_str() else {
                    self.mistake(place, "a rule's name");
                    continue;
                };
                if !may_set(loaded, name) {
                    self.no_rule(
                        loaded,
                        place,
                        name,
                        "turn off",
                        "`except` turns off rules the ruleset has",
                    );
                    continue;
                }
                levels.push((name.to_string(), Level::Off));
            }
            loaded.overrides.push(Override {
                folder: folder.to_path_buf(),
                files: vec![pattern],
                levels,
            });
        }
    }

    /// `overrides: [{files: [GLOB#POINTER...], rules: {NAME: SEVERITY}}]`.
    fn overrides(
        &mut self,
        document: &Document,
        folder: &Path,
        value: &Value,
        loaded: &mut Loaded,
    ) {
        let Value::Array(entries) = value else {
            self.mistake(
                document.focus("/overrides"),
                "`overrides` is a list of `files` and the `rules` for them",
            );
            return;
        };
        for (index, entry) in entries.iter().enumerate() {
            let at = format!("/overrides/{index}");
            self.unknown_keys(
                document,
                &at,
                &["files", "rules", "extends", "formats", "aliases"],
                "an override",
            );
            for unsupported in ["extends", "formats", "aliases"] {
                if entry.get(unsupported).is_some() {
                    self.warn(
                        document.locate_nearest(&format!("{at}/{unsupported}")).anchor(),
                        format!("archlint reads an override's `files` and `rules` only; its `{unsupported}` is not applied"),
                    );
                }
            }
            let Some(Value::Array(files)) = entry.get("files") else {
                self.mistake(
                    document.locate_nearest(&at).anchor(),
                    "an override has `files`: the globs it applies to",
                );
                continue;
            };
            let mut patterns = Vec::new();
            for (position, file) in files.iter().enumerate() {
                let Some(file) = file.as_str() else {
                    continue;
                };
                match file_pattern(file) {
                    Ok(pattern) => patterns.push(pattern),
                    Err(error) => {
                        self.mistake(document.focus(&format!("{at}/files/{position}")), error);
                    }
                }
            }
            let mut levels = Vec::new();
            if let Some(Value::Object(rules)) = entry.get("rules") {
                for (name, setting) in rules {
                    let mut pointer = format!("{at}/rules");
                    push_pointer_token(&mut pointer, name);
                    if setting.is_object() {
                        self.warn(
                            document.locate_nearest(&pointer).anchor(),
                            format!("rule `{name}` is defined in an override, which archlint does not read: it does not run"),
                        )
                        .help = Some("define the rule under `rules:` and give it a severity in the override".into());
                        continue;
                    }
                    if let Some(level) = self.level(document, &pointer, setting) {
                        if !may_set(loaded, name) {
                            self.no_rule(
                                loaded,
                                document.locate_nearest(&pointer).anchor(),
                                name,
                                "set a severity for",
                                "an override sets the severity of a rule of the ruleset",
                            );
                            continue;
                        }
                        levels.push((name.to_string(), level));
                    }
                }
            }
            loaded.overrides.push(Override {
                folder: folder.to_path_buf(),
                files: patterns,
                levels,
            });
        }
    }
}

/// Why an alias cannot be expanded.
#[derive(Debug, PartialEq)]
enum AliasError {
    /// No alias of this name.
    Missing(String),
    /// The aliases that lead back to the first of them, in order, the first again last.
    Circular(Vec<String>),
    /// More expressions than [`MAX_EXPANSIONS`]: aliases of several targets each, nested,
    /// multiply.
    TooMany,
}

/// How many expressions one `given` may expand to: far more than a ruleset means, far fewer
/// than aliases of two targets each, nested thirty deep, would make.
const MAX_EXPANSIONS: usize = 10_000;

/// Expands `#Alias` at the start of an expression, recursively (aliases may use aliases),
/// into every expression it stands for; `within` holds the aliases being expanded, so one
/// that leads back to itself is told, not expanded forever.
fn expand_aliases(
    expression: &str,
    aliases: &HashMap<String, Vec<AliasTarget>>,
    within: &mut Vec<String>,
) -> Result<Vec<AliasTarget>, AliasError> {
    let Some(rest) = expression.strip_prefix('#') else {
        return Ok(vec![(expression.to_string(), None)]);
    };
    let end = rest
        .find(|character: char| {
            !(character.is_alphanumeric() || character == '_' || character == '-')
        })
        .unwrap_or(rest.len());
    let (name, tail) = rest.split_at(end);
    if let Some(start) = within.iter().position(|outer| outer == name) {
        let mut ring = within[start..].to_vec();
        ring.push(name.to_string());
        return Err(AliasError::Circular(ring));
    }
    let Some(targets) = aliases.get(name) else {
        return Err(AliasError::Missing(name.to_string()));
    };
    within.push(name.to_string());
    let mut expanded = Vec::new();
    for (target, formats) in targets {
        for (inner, inner_formats) in expand_aliases(&format!("{target}{tail}"), aliases, within)? {
            expanded.push((inner, inner_formats.or_else(|| formats.clone())));
            if expanded.len() > MAX_EXPANSIONS {
                return Err(AliasError::TooMany);
            }
        }
    }
    within.pop();
    Ok(expanded)
}

/// lodash's `toPath`: `a.b[0]['c.d']` → `a`, `b`, `0`, `c.d`.
fn member_path(field: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut characters = field.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '.' => segments.push(std::mem::take(&mut current)),
            '[' => {
                if !current.is_empty() {
                    segments.push(std::mem::take(&mut current));
                }
                let quote = characters.next_if(|next| *next == '\'' || *next == '"');
                let mut inner = String::new();
                while let Some(next) = characters.next() {
                    if Some(next) == quote && characters.peek() == Some(&']') {
                        characters.next();
                        break;
                    }
                    if quote.is_none() && next == ']' {
                        break;
                    }
                    inner.push(next);
                }
                segments.push(inner);
                if characters.peek() == Some(&'.') {
                    characters.next();
                }
            }
            other => current.push(other),
        }
    }
    if !current.is_empty() || segments.is_empty() {
        segments.push(current);
    }
    segments
}

/// The text written at `pointer`, for telling whether an expression was expanded.
fn written_text<'d>(document: &'d Document, pointer: &str) -> &'d str {
    crate::load::document::value_at(&document.value, pointer)
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Where a JSONPath mistake is: at its offset within the string written at `pointer` when the
/// expression is the one written there, else the whole string.
fn within(document: &Document, pointer: &str, as_written: bool, offset: usize) -> Span {
    let span = document.focus(pointer);
    if !as_written {
        return span;
    }
    let Some(written) =
        crate::load::document::value_at(&document.value, pointer).and_then(Value::as_str)
    else {
        return span;
    };
    // A quoted scalar's span starts at its quote; escapes inside make the offset a guess, so
    // only a string written as is is pointed into.
    let length = (span.end - span.start) as usize;
    let quoted = match length.checked_sub(written.len()) {
        Some(0) => 0,
        Some(2) => 1,
        _ => return span,
    };
    let start = span.start + (quoted + offset.min(written.len())) as u32;
    Span {
        file: span.file,
        start,
        end: (start + 1).min(span.end.max(start)),
    }
}

fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_split_as_lodash_splits_them() {
        assert_eq!(member_path("title"), ["title"]);
        assert_eq!(
            member_path("info.contact.name"),
            ["info", "contact", "name"]
        );
        assert_eq!(member_path("tags[0].name"), ["tags", "0", "name"]);
        assert_eq!(member_path("['x.y'].z"), ["x.y", "z"]);
    }

    #[test]
    fn aliases_expand_recursively_and_unknown_ones_are_named() {
        let mut aliases = HashMap::new();
        aliases.insert(
            "PathItem".to_string(),
            vec![("$.paths[*]".to_string(), None)],
        );
        aliases.insert(
            "Operation".to_string(),
            vec![("#PathItem[get,put]".to_string(), None)],
        );
        let expand = |expression: &str| expand_aliases(expression, &aliases, &mut Vec::new());
        let expanded = expand("#Operation.responses").unwrap();
        assert_eq!(expanded[0].0, "$.paths[*][get,put].responses");
        assert_eq!(
            expand("#Nope").unwrap_err(),
            AliasError::Missing("Nope".to_string())
        );
        assert_eq!(expand("$.info").unwrap()[0].0, "$.info");
        let mut circular = aliases.clone();
        circular.insert("A".to_string(), vec![("#B".to_string(), None)]);
        circular.insert("B".to_string(), vec![("#A.x".to_string(), None)]);
        assert_eq!(
            expand_aliases("#A", &circular, &mut Vec::new()).unwrap_err(),
            AliasError::Circular(vec!["A".into(), "B".into(), "A".into()])
        );
    }
}
