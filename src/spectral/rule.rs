//! A rule of a Spectral ruleset, compiled, as a rule of the registry: each `given` is evaluated
//! once per document it applies to, in parallel across documents; each match is given to the
//! `then` functions, and each failure becomes a finding where its value is written.

use super::bundle::Bundle;
use super::formats::Format;
use super::functions::{CoreFunction, FunctionContext, print};
use super::jsonpath::{JsonPath, Match, Matched};
use super::ruleset::Level;
use super::shared::{Shared, View};
use crate::diagnostic::{Finding, Severity};
use crate::load::document::{pointer_within, push_pointer_token};
use crate::rules::{Context, Declared, DocumentRule, Family, Origin, Rule, RuleMeta};
use crate::value::Value;
use globset::GlobMatcher;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One `given` expression, aliases expanded; a scoped alias limits it to some formats.
pub struct Given {
    /// As written, aliases expanded.
    pub text: String,
    pub path: JsonPath,
    pub formats: Option<Vec<Format>>,
}

impl Given {
    /// Whether the `given` is evaluated on a document of `formats` (a scoped alias limits it).
    fn applies(&self, formats: &[Format]) -> bool {
        self.formats
            .as_ref()
            .is_none_or(|wanted| wanted.iter().any(|format| formats.contains(format)))
    }
}

/// What a `then` applies its function to, within each match.
pub enum Field {
    /// The match itself.
    Whole,
    /// `@key`: each key of a matched mapping.
    Keys,
    /// `a.b[0]`: one member, which may be absent.
    Member(Vec<String>),
    /// `$.a[*]`: a JSONPath from the match.
    Path { text: String, path: JsonPath },
}

pub struct Then {
    pub field: Field,
    pub function: CoreFunction,
}

/// `overrides:` entry of a ruleset: severities for the files its globs match (relative to the
/// ruleset's folder), optionally within one JSON pointer of them.
#[derive(Clone)]
pub struct Override {
    pub folder: PathBuf,
    pub files: Vec<(GlobMatcher, Option<String>)>,
    pub levels: Vec<(String, Level)>,
}

impl Override {
    /// Whether any of `overrides` turns rule `name` on (to any level but off) somewhere.
    pub fn turn_on(overrides: &[Override], name: &str) -> bool {
        overrides.iter().any(|entry| {
            entry
                .levels
                .iter()
                .any(|(named, set)| named == name && *set != Level::Off)
        })
    }
}

pub struct SpectralRule {
    meta: RuleMeta,
    message: Option<String>,
    description: Option<String>,
    level: Level,
    given: Vec<Given>,
    then: Vec<Then>,
    formats: Option<Vec<Format>>,
    overrides: Arc<Vec<Override>>,
    /// Off (`recommended: false`) unless an override names it for a file: then on in that file.
    dormant: bool,
    /// Spectral's `resolved`: `false` asks for the document with its `$ref`s as written.
    view: View,
}

impl SpectralRule {
    /// Spectral's `resolved` (true unless the ruleset says `false`).
    pub fn resolved(mut self, resolved: bool) -> Self {
        self.view = if resolved {
            View::Resolved
        } else {
            View::AsWritten
        };
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: String,
        origin: Origin,
        family: Family,
        description: Option<String>,
        message: Option<String>,
        level: Level,
        enabled: bool,
        given: Vec<Given>,
        then: Vec<Then>,
        formats: Option<Vec<Format>>,
        url: Option<String>,
        notes: Option<String>,
        overrides: Arc<Vec<Override>>,
    ) -> Self {
        let summary = description
            .clone()
            .unwrap_or_else(|| format!("rule `{name}` of a Spectral ruleset"));
        // An override that names the rule turns it on where it applies, as in Spectral, however
        // the rule's own severity or `recommended` leave it.
        let named_by_an_override = Override::turn_on(&overrides, &name);
        let mut docs = documentation(&name, &origin, description.as_deref(), &given, &then);
        if let Some(notes) = notes {
            docs.push_str("\n## In archlint\n");
            docs.push_str(notes.trim());
            docs.push('\n');
        }
        SpectralRule {
            meta: RuleMeta {
                name: Cow::Owned(name),
                family,
                default_severity: level.severity().unwrap_or(Severity::Warning),
                summary: Cow::Owned(summary),
                docs: Cow::Owned(docs),
                options: &[],
                origin,
                url,
                on_by_default: enabled && level != Level::Off || named_by_an_override,
                yields_to: None,
            },
            message,
            description,
            level,
            given,
            then,
            formats,
            overrides,
            dormant: !enabled,
            view: View::Resolved,
        }
    }

    /// The rule of archlint's that reports the same facts, kept where both report at one place
    /// ([`RuleMeta::yields_to`]); the documentation says so.
    pub fn yields_to(mut self, rule: Option<String>) -> Self {
        if let Some(rule) = &rule {
            let docs = self.meta.docs.to_mut();
            docs.push_str(&format!(
                "\n## One finding for one fact\nWhere archlint's `{rule}` reports at the same place, this rule's finding is left out: `{rule}` is the one kept. Turned off (or off for a file), `{rule}` reports nothing there, and this rule's findings stay.\n"
            ));
        }
        self.meta.yields_to = rule.map(Cow::Owned);
        self
    }

    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// The level the rule reports at where nothing sets one: off unless on by default.
    pub fn default_level(&self) -> Level {
        if self.meta.on_by_default {
            self.level
        } else {
            Level::Off
        }
    }

    pub fn family(&self) -> Family {
        self.meta.family
    }

    /// Whether the rule runs on a document of `formats`.
    fn applies(&self, formats: &[Format]) -> bool {
        match &self.formats {
            Some(wanted) => wanted.iter().any(|format| formats.contains(format)),
            None => formats.iter().any(|format| format.describes_an_api()),
        }
    }

    /// Everything the rule finds in the document `shared` is about, at the severities its
    /// ruleset's overrides give it.
    pub fn check_document(&self, shared: &Shared<'_>) -> Vec<Finding> {
        self.findings(shared, &|file, pointer| {
            level_at(
                self.name(),
                self.level,
                self.dormant,
                &self.overrides,
                file,
                pointer,
            )
        })
    }

    /// Everything the rule finds in the document `shared` is about, each at the severity
    /// `level_at` gives a finding at its pointer in the file it is written in (none when off
    /// there).
    fn findings(
        &self,
        shared: &Shared<'_>,
        level_at: &(dyn Fn(&Path, &str) -> Option<Level> + Sync),
    ) -> Vec<Finding> {
        let document = shared.value(self.view);
        let formats = shared.formats();
        if !self.applies(formats) {
            return Vec::new();
        }
        let scratch = shared.scratch(self.view);
        let inbound = shared.inbound();
        // Whether a match that is a Reference Object within the document is judged by what it
        // names (see below). A built-in native function reads references itself.
        let follows_references = self.view == View::Resolved
            && match self.meta.origin {
                Origin::Loaded(_) => true,
                Origin::BuiltIn => self
                    .then
                    .iter()
                    .all(|then| !matches!(then.function, CoreFunction::Native(..))),
            };
        // Every place the rule's `given`s reach, asked only once a built-in rule meets a
        // reference.
        let reached = OnceLock::new();
        let reached_by_a_given = |pointer: &str| {
            reached
                .get_or_init(|| {
                    self.of_every_match(shared, formats, |found| Some(found.pointer.clone()))
                })
                .contains(pointer)
        };
        // The values the rule's `given`s reach where they are written, asked only once a `given`
        // reaches one through a reference: such a value is judged there, once, and not again at
        // each reference (Spectral reports it once, at the value).
        let written = OnceLock::new();
        let reached_where_written = |value: &Value| {
            written
                .get_or_init(|| {
                    self.of_every_match(shared, formats, |found| match found.matched {
                        Matched::Value(value) if !found.via_reference => Some(address(value)),
                        _ => None,
                    })
                })
                .contains(&address(value))
        };
        // The members beside a `$ref` that the specification ignores, which a resolved rule does
        // not meet: Spectral's resolved document has the object replaced by what it names.
        let ignored = (self.view == View::Resolved).then(|| shared.ignored_siblings());
        let judge = |found: &Match<'_>, findings: &mut Vec<Finding>| {
            // Under a resolved rule, Spectral's document has each local reference replaced by
            // what it names: the `$ref` of one that leads somewhere is not there to be met
            // (`$..$ref` meets only a reference that leads nowhere or round).
            if self.view == View::Resolved && is_a_followed_reference(document, &found.pointer) {
                return;
            }
            // A match inside a member the specification ignores beside a `$ref`, or at such an
            // object, which a `given` may have met for those members (`$..[?(@.enum)]` meeting
            // `{$ref, enum}`): what the reference names is judged where it is written.
            if ignored.is_some_and(|ignored| {
                ignored.hides(&found.pointer) || ignored.is_reference(&found.pointer)
            }) {
                return;
            }
            if found.via_reference
                && let Matched::Value(value) = found.matched
                && reached_where_written(value)
            {
                return;
            }
            let key_value;
            // Where what is judged lies, when it is not where the match is: behind a reference.
            let mut named_at = None;
            let matched: &Value = match found.matched {
                // A Reference Object into another file that the bundle left as written (a URL,
                // a cycle), under a resolved rule: Spectral judges what it names; archlint
                // cannot, and says nothing rather than something false.
                Matched::Value(value)
                    if self.view == View::Resolved
                        && crate::rules::spectral::functions::external_ref(value) =>
                {
                    return;
                }
                // A Reference Object within the document, under a resolved rule: Spectral judges
                // what it names, and so does archlint (its messages read the value there),
                // reporting where the reference is written, where the value is used; one that
                // leads nowhere is `unresolved-ref`'s to report. A built-in rule judges a value
                // its `given`s reach where it is written, once, and the references to it not at
                // all (a message's `headers` naming a schema under `components.schemas` is
                // judged at the reference; one naming a message's headers, at those).
                Matched::Value(value)
                    if follows_references
                        && crate::rules::spectral::functions::local_ref(value).is_some() =>
                {
                    match crate::rules::spectral::functions::named(document, value) {
                        Some((pointer, _))
                            if matches!(self.meta.origin, Origin::BuiltIn)
                                && reached_by_a_given(&pointer) =>
                        {
                            return;
                        }
                        Some((pointer, named)) => {
                            named_at = Some(pointer);
                            named
                        }
                        None => return,
                    }
                }
                Matched::Value(value) => value,
                Matched::Key(key) => {
                    key_value = Value::from(key.to_string());
                    &key_value
                }
            };
            let is_key = matches!(found.matched, Matched::Key(_));
            let base = named_at.as_deref().unwrap_or(&found.pointer);
            for then in &self.then {
                for (pointer, target) in targets(matched, base, &then.field) {
                    let context = FunctionContext {
                        document,
                        pointer: &pointer,
                        formats,
                        scratch,
                        inbound,
                        large: shared.large(),
                    };
                    for failure in then.function.apply(target.as_deref(), &context) {
                        let at = match failure.pointer.strip_prefix('#') {
                            Some(absolute) => absolute.to_string(),
                            None => format!("{pointer}{}", failure.pointer),
                        };
                        let reported = match named_at {
                            Some(_) => &found.pointer,
                            None => &at,
                        };
                        // `@key` names the keys of a mapping or a list; of anything else,
                        // Spectral judges the value itself (see `targets`).
                        let keys_judged = matches!(then.field, Field::Keys)
                            && (matched.is_object() || matched.is_array());
                        let on_key = is_key && failure.pointer.is_empty() && at == found.pointer
                            || keys_judged && failure.pointer.is_empty();
                        let (written_in, path, there) = shared.written(self.view, reported, on_key);
                        let (level, dormant) = match level_at(path, &there) {
                            Some(level) => (level, false),
                            None => (self.level, true),
                        };
                        let Some(severity) = level.severity() else {
                            continue;
                        };
                        let message = self.message(shared, &at, &failure.message);
                        let span = written_in.focus_or_key(&there, on_key);
                        let mut finding = Finding::new(self.meta.name.clone(), span, message);
                        finding.severity = Some(severity);
                        finding.dormant = dormant;
                        findings.push(finding);
                    }
                }
            }
        };
        let mut findings = Vec::new();
        for given in &self.given {
            if !given.applies(formats) {
                continue;
            }
            let matches = shared.query(&given.path, self.view);
            if shared.large() {
                // The matches side by side, their findings kept in their order: one rule (the
                // examples of a large description, each judged against its schema) would
                // otherwise keep one thread busy long after the others are done.
                let found: Vec<Vec<Finding>> = matches
                    .par_iter()
                    .fold(Vec::new, |mut findings, found| {
                        judge(found, &mut findings);
                        findings
                    })
                    .collect();
                findings.extend(found.into_iter().flatten());
            } else {
                for found in matches.iter() {
                    judge(found, &mut findings);
                }
            }
        }
        findings
    }

    /// What `pick` takes of each match of the rule's `given`s that apply to `formats`.
    fn of_every_match<T: Eq + std::hash::Hash>(
        &self,
        shared: &Shared<'_>,
        formats: &[Format],
        pick: impl Fn(&Match<'_>) -> Option<T>,
    ) -> HashSet<T> {
        self.given
            .iter()
            .filter(|given| given.applies(formats))
            .flat_map(|given| {
                let matches = shared.query(&given.path, self.view);
                matches.iter().filter_map(&pick).collect::<Vec<_>>()
            })
            .collect()
    }

    /// The rule's message for a failure at `pointer` of `shared`'s document: its own template,
    /// else its description, else the function's message, as Spectral chooses. `{{path}}` is the
    /// place in the file the value is written in, as Spectral maps it, so a piece judged at two
    /// uses says the same twice, and is reported once.
    fn message(&self, shared: &Shared<'_>, pointer: &str, error: &str) -> String {
        let Some(template) = &self.message else {
            return self
                .description
                .clone()
                .unwrap_or_else(|| error.to_string())
                .trim()
                .to_string();
        };
        let written_at = match template.contains("{{path}}") {
            true => {
                let closest = print::closest_pointer(shared.value(self.view), pointer);
                shared.written(self.view, closest, false).2
            }
            false => std::borrow::Cow::Borrowed(pointer),
        };
        interpolate(
            template,
            shared.value(self.view),
            pointer,
            &written_at,
            error,
            self.description.as_deref(),
        )
        .trim()
        .to_string()
    }
}

/// The targets of a `then` within one match, each with its pointer; `None` is a value that is
/// not there (a missing `field`), which `truthy` and `defined` judge. A key (`@key`) is its
/// text.
fn targets<'v>(
    matched: &'v Value,
    pointer: &str,
    field: &Field,
) -> Vec<(String, Option<Cow<'v, Value>>)> {
    // Spectral ignores `field` unless the match is a mapping or a list.
    if !(matched.is_object() || matched.is_array()) {
        return vec![(pointer.to_string(), Some(Cow::Borrowed(matched)))];
    }
    let at = |token: &str| {
        let mut at = pointer.to_string();
        push_pointer_token(&mut at, token);
        at
    };
    match field {
        Field::Whole => vec![(pointer.to_string(), Some(Cow::Borrowed(matched)))],
        Field::Keys => match matched {
            Value::Object(map) => map
                .keys()
                .map(|key| (at(key), Some(Cow::Owned(Value::String(key.clone())))))
                .collect(),
            Value::Array(items) => (0..items.len())
                .map(|index| {
                    let key = index.to_string();
                    (at(&key), Some(Cow::Owned(Value::from(key))))
                })
                .collect(),
            _ => Vec::new(),
        },
        Field::Member(segments) => {
            let mut place = pointer.to_string();
            let mut value = Some(matched);
            for segment in segments {
                push_pointer_token(&mut place, segment);
                value = value.and_then(|value| match value {
                    Value::Object(map) => map.get(segment),
                    Value::Array(items) => segment
                        .parse::<usize>()
                        .ok()
                        .and_then(|index| items.get(index)),
                    _ => None,
                });
            }
            vec![(place, value.map(Cow::Borrowed))]
        }
        Field::Path { path, .. } => {
            let found: Vec<(String, Option<Cow<'v, Value>>)> = path
                .query(matched)
                .into_iter()
                .map(|inner| {
                    let place = format!("{pointer}{}", inner.pointer);
                    match inner.matched {
                        Matched::Value(value) => (place, Some(Cow::Borrowed(value))),
                        Matched::Key(key) => {
                            (place, Some(Cow::Owned(Value::from(key.to_string()))))
                        }
                    }
                })
                .collect();
            if found.is_empty() {
                // Spectral calls the function once, with nothing, when the path finds nothing.
                vec![(pointer.to_string(), None)]
            } else {
                found
            }
        }
    }
}

/// Spectral's message template: `{{error}}`, `{{description}}`, `{{path}}`, `{{property}}`,
/// `{{value}}`, and `#{{print("property")}}` / `#{{print("value")}}`.
fn interpolate(
    template: &str,
    document: &Value,
    pointer: &str,
    written_at: &str,
    error: &str,
    description: Option<&str>,
) -> String {
    let mut out = String::with_capacity(template.len() + error.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let inner = rest[start + 2..start + length].trim();
        let printed = rest[..start].ends_with('#');
        let before = if printed {
            &rest[..start - 1]
        } else {
            &rest[..start]
        };
        out.push_str(before);
        let value = || print::closest_value(document, pointer);
        let replacement = match inner {
            "error" => error.to_string(),
            // What JavaScript's `String` makes of a rule's missing description.
            "description" => description.unwrap_or("null").to_string(),
            "path" => format!("#{}", uri_fragment(written_at)),
            "property" => print::property(document, pointer),
            "value" => print::js_string(value()),
            r#"print("property")"# | "print('property')" => {
                print::print_property(document, pointer)
            }
            r#"print("value")"# | "print('value')" => print::print_value(value()),
            _ => String::new(),
        };
        out.push_str(&replacement);
        rest = &rest[start + length + 2..];
    }
    out.push_str(rest);
    out
}

/// Where a value of the document lies in memory: what tells the same value met at two places.
fn address(value: &Value) -> usize {
    std::ptr::from_ref(value) as usize
}

/// Whether `pointer` is the `$ref` member of a local Reference Object that names a value.
fn is_a_followed_reference(document: &Value, pointer: &str) -> bool {
    use crate::rules::spectral::functions::{named, pointer_value};
    let Some(object) = pointer.strip_suffix("/$ref") else {
        return false;
    };
    pointer_value(document, object).is_some_and(|object| named(document, object).is_some())
}

/// A JSON pointer as a URI fragment, as Spectral prints `{{path}}`: each character
/// `encodeURIComponent` escapes is percent-encoded (`{` is `%7B`, `é` is `%C3%A9`).
fn uri_fragment(pointer: &str) -> String {
    // A pointer's `/`s part its tokens, which hold none of their own (`~1`).
    const KEPT: &percent_encoding::AsciiSet = &print::ENCODE_URI_COMPONENT.remove(b'/');
    percent_encoding::utf8_percent_encode(pointer, KEPT).to_string()
}

/// The rule's documentation for `archlint explain`: its description, and what it checks.
fn documentation(
    name: &str,
    origin: &Origin,
    description: Option<&str>,
    given: &[Given],
    then: &[Then],
) -> String {
    let mut docs = String::new();
    docs.push_str("## What it reports\n");
    docs.push_str(description.unwrap_or("What the ruleset says below."));
    docs.push_str("\n\n## The rule\n");
    let ruleset = match origin {
        Origin::BuiltIn => "built into archlint".to_string(),
        Origin::Loaded(path) => format!("`{}`", crate::source::display_name(path)),
    };
    docs.push_str(&format!(
        "Rule `{name}` of the Spectral ruleset {ruleset}.\n\n"
    ));
    for given in given {
        docs.push_str(&format!("- given `{}`\n", given.text));
    }
    for then in then {
        let field = match &then.field {
            Field::Whole => String::new(),
            Field::Keys => " on each key".to_string(),
            Field::Member(segments) => format!(" on `{}`", segments.join(".")),
            Field::Path { text, .. } => format!(" on `{text}`"),
        };
        docs.push_str(&format!("- then `{}`{field}\n", then.function.name()));
    }
    docs
}

/// The severity of rule `name` for a finding at `pointer` of `file`: `base`, unless overrides
/// whose globs match the file set it, the one with the longest matching pointer last. A
/// `dormant` rule (`recommended: false`) is `None` in a file no override names it for (off
/// unless the configuration turns it on); in one an override names it for, it is on, at `base`
/// where the override's pointer does not reach (as Spectral turns it on for the whole file).
fn level_at(
    name: &str,
    base: Level,
    dormant: bool,
    overrides: &[Override],
    file: &Path,
    pointer: &str,
) -> Option<Level> {
    let mut level = base;
    let mut closest = 0;
    let mut woken = false;
    for entry in overrides {
        let Some((_, set)) = entry.levels.iter().rev().find(|(named, _)| named == name) else {
            continue;
        };
        let relative = pathdiff::diff_paths(
            std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
            std::path::absolute(&entry.folder).unwrap_or_else(|_| entry.folder.clone()),
        )
        .unwrap_or_else(|| file.to_path_buf());
        for (glob, within) in &entry.files {
            if !glob.is_match(&relative) {
                continue;
            }
            woken |= *set != Level::Off;
            let within = within.as_deref().unwrap_or("");
            let within = within.strip_prefix('#').unwrap_or(within);
            if pointer_within(pointer, within) && within.len() >= closest {
                closest = within.len();
                level = *set;
            }
        }
    }
    (!dormant || woken).then_some(level)
}

/// One of Spectral's rules built into archlint, under the `overrides` of a team's ruleset that
/// name it: judged as the built-in rule, at `level` (what the ruleset sets it to, or its own)
/// where no override applies, and at the override's severity where one does; so an override
/// can turn it off for some files, or on for some when it is off elsewhere.
pub struct Overridden {
    rule: &'static SpectralRule,
    meta: RuleMeta,
    level: Level,
    overrides: Arc<Vec<Override>>,
}

impl Overridden {
    pub fn new(rule: &'static SpectralRule, level: Level, overrides: Arc<Vec<Override>>) -> Self {
        Overridden {
            rule,
            meta: overridden_meta(&rule.meta, level, &overrides),
            level,
            overrides,
        }
    }
}

/// The description of a rule judged under `overrides` at `level` elsewhere: on when it is on
/// somewhere, at `level`'s severity.
fn overridden_meta(meta: &RuleMeta, level: Level, overrides: &[Override]) -> RuleMeta {
    let mut meta = meta.clone();
    meta.on_by_default = level != Level::Off || Override::turn_on(overrides, &meta.name);
    if let Some(severity) = level.severity() {
        meta.default_severity = severity;
    }
    meta
}

/// One of archlint's own rules that a ruleset's `overrides` name (`oas3-schema`, under Spectral's
/// name, or any other): it finds what it always finds, and each finding is then reported at the
/// level the overrides give its place, as [`Overridden`] does for Spectral's rules.
pub struct OverriddenOwn {
    rule: &'static dyn Rule,
    meta: RuleMeta,
    level: Level,
    overrides: Arc<Vec<Override>>,
}

impl OverriddenOwn {
    pub fn new(rule: &'static dyn Rule, level: Level, overrides: Arc<Vec<Override>>) -> Self {
        OverriddenOwn {
            rule,
            meta: overridden_meta(rule.meta(), level, &overrides),
            level,
            overrides,
        }
    }

    /// The JSON pointer of each finding's place (empty where no override of this rule names one:
    /// a file's glob is all they need then), found in one walk of each document.
    fn pointers(&self, findings: &[Finding], workspace: &crate::load::Workspace) -> Vec<String> {
        let mut pointers = vec![String::new(); findings.len()];
        let name = self.meta.name.as_ref();
        let within_pointers = self.overrides.iter().any(|entry| {
            entry.levels.iter().any(|(named, _)| named == name)
                && entry.files.iter().any(|(_, within)| within.is_some())
        });
        if !within_pointers {
            return pointers;
        }
        // Each document looks at the findings of its file only.
        let mut by_file: std::collections::HashMap<_, Vec<usize>> = Default::default();
        for (index, finding) in findings.iter().enumerate() {
            by_file
                .entry(finding.primary_span().file)
                .or_default()
                .push(index);
        }
        let documents = workspace.documents.iter().chain(&workspace.unclassified);
        for document in documents {
            let Some(in_file) = by_file.get(&document.file) else {
                continue;
            };
            let extent = document.extent();
            let (indices, ranges): (Vec<usize>, Vec<std::ops::Range<u32>>) = in_file
                .iter()
                .map(|&index| (index, findings[index].primary_span()))
                .filter(|(_, span)| extent.start <= span.start && span.end <= extent.end)
                .map(|(index, span)| (index, span.start..span.end))
                .unzip();
            if ranges.is_empty() {
                continue;
            }
            for (index, pointer) in indices.into_iter().zip(document.pointers_at(&ranges, None)) {
                pointers[index] = pointer;
            }
        }
        pointers
    }
}

impl Declared for OverriddenOwn {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
}

impl Rule for OverriddenOwn {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let findings = self.rule.check(context);
        let workspace = context.workspace;
        let pointers = self.pointers(&findings, workspace);
        findings
            .into_iter()
            .zip(pointers)
            .filter_map(|(mut finding, pointer)| {
                let path = &workspace.sources.get(finding.primary_span().file).path;
                let level = level_at(
                    &self.meta.name,
                    self.level,
                    false,
                    &self.overrides,
                    path,
                    &pointer,
                )?;
                finding.severity = Some(level.severity()?);
                Some(finding)
            })
            .collect()
    }

    fn prepare(&self, workspace: &crate::load::Workspace) -> Option<crate::rules::Prepared> {
        self.rule.prepare(workspace)
    }
}

impl Declared for Overridden {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
}

impl Rule for Overridden {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        check_each_document(self, context)
    }

    fn per_document(&self) -> Option<&dyn DocumentRule> {
        Some(self)
    }
}

impl DocumentRule for Overridden {
    fn check_document(&self, shared: &Shared<'_>) -> Vec<Finding> {
        self.rule.findings(shared, &|file, pointer| {
            level_at(
                self.rule.name(),
                self.level,
                false,
                &self.overrides,
                file,
                pointer,
            )
        })
    }

    fn queries(&self, formats: &[Format]) -> Vec<(&JsonPath, View)> {
        DocumentRule::queries(self.rule, formats)
    }
}

/// A rule judged document by document, on its own (the engine judges the documents once for
/// all such rules).
fn check_each_document(rule: &dyn DocumentRule, context: &Context<'_>) -> Vec<Finding> {
    let workspace = context.workspace;
    let run = super::shared::Run::new(workspace);
    workspace
        .document_refs()
        .par_iter()
        .with_max_len(crate::FILES_PER_TASK)
        .flat_map_iter(|&at| {
            let bundle = Bundle::of(workspace, at);
            let shared = Shared::new(&bundle, &run);
            rule.check_document(&shared)
        })
        .collect()
}

impl Declared for SpectralRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
}

impl Rule for SpectralRule {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        check_each_document(self, context)
    }

    fn per_document(&self) -> Option<&dyn DocumentRule> {
        Some(self)
    }
}

impl DocumentRule for SpectralRule {
    fn check_document(&self, shared: &Shared<'_>) -> Vec<Finding> {
        SpectralRule::check_document(self, shared)
    }

    fn queries(&self, formats: &[Format]) -> Vec<(&JsonPath, View)> {
        if !self.applies(formats) {
            return Vec::new();
        }
        self.given
            .iter()
            .filter(|given| given.applies(formats))
            .map(|given| (&given.path, self.view))
            .collect()
    }
}
