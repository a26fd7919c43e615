//! Matchers: which services a rule is about, by their attributes. A matcher maps attributes to
//! patterns (a regex matched whole, or a glob) and may hold `not:` matchers that must not match;
//! a list of matchers matches when any does. The patterns of a dependency rule's `from` capture
//! groups (`$1`, `$2`, ... across its attributes in written order), which its `to` patterns may
//! use: `to` is compiled once per distinct set of captures.
//!
//! Where an attribute is read, for a service of an architecture spec and for a Backstage
//! Component or Resource:
//!
//! | attribute | architecture spec | catalog entity |
//! |---|---|---|
//! | `name` | its key or `name` | `metadata.name` (`namespace/name` outside `default`) |
//! | `domain` | `domain` | the name of `spec.system` |
//! | any other (`layer`, `owner`, `tags`, `technology`, `lifecycle`, `sla.availability`, ...) | the field at that dotted path in its definition | the field at that path from the entity's root, else under `spec`, else under `metadata` (`owner` is `spec.owner`, `lifecycle` is `spec.lifecycle`, `tags` is `metadata.tags`, `type` is `spec.type`) |

use super::read::Reader;
use crate::load::Workspace;
use crate::load::document::{push_pointer_token, value_at};
use crate::model::{Model, Service, ServiceId};
use crate::source::Span;
use crate::value::Value;
use regex::Regex;
use std::borrow::Cow;

/// The attributes with a meaning of their own; any other key is a field's dotted path.
pub const ATTRIBUTES: [&str; 7] = [
    "name",
    "domain",
    "layer",
    "owner",
    "tags",
    "technology",
    "lifecycle",
];

/// What a matcher or a `require:` reads of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attribute {
    Name,
    Domain,
    /// A field by its dotted path (`layer`, `sla.availability`).
    Field(Vec<String>),
}

impl Attribute {
    /// The attribute a key names. A key close to a known attribute but not one is a typo
    /// (`domian`); a field of that name is written with a leading dot (`.domian`).
    pub fn read(reader: &mut Reader<'_>, key: &str, pointer: &str) -> Option<Attribute> {
        if let Some(path) = key.strip_prefix('.') {
            return Self::field(reader, path, pointer);
        }
        match key {
            "name" => return Some(Attribute::Name),
            "domain" => return Some(Attribute::Domain),
            _ => {}
        }
        if ATTRIBUTES.contains(&key) {
            return Some(Attribute::Field(vec![key.to_string()]));
        }
        let known = ATTRIBUTES.iter().copied().chain(["not"]);
        if let Some(close) = crate::suggest::closest(key, known, str::to_string) {
            reader.mistake_at_key(
                pointer,
                format!("unknown attribute `{key}`"),
                Some(format!(
                    "did you mean `{close}`? (a spec field of this name is written `.{key}`)"
                )),
            );
            return None;
        }
        Self::field(reader, key, pointer)
    }

    fn field(reader: &mut Reader<'_>, path: &str, pointer: &str) -> Option<Attribute> {
        let segments: Vec<String> = path.split('.').map(str::to_string).collect();
        if segments.iter().any(String::is_empty) {
            reader.mistake_at_key(
                pointer,
                format!("`{path}` is no field path"),
                Some("write a field's path with dots between its keys: `sla.availability`".into()),
            );
            return None;
        }
        Some(Attribute::Field(segments))
    }

    /// The attribute as users write it.
    pub fn written(&self) -> String {
        match self {
            Attribute::Name => "name".to_string(),
            Attribute::Domain => "domain".to_string(),
            Attribute::Field(path) => path.join("."),
        }
    }
}

/// A service's value for an attribute, and where it is written.
pub struct Found<'m> {
    /// The texts compared: a string, a number or a boolean as written, each item of a list.
    pub texts: Vec<Cow<'m, str>>,
    /// The value as written, when it is a field.
    pub raw: Option<&'m Value>,
    /// Whether the service gives it: not missing, null, blank or an empty list.
    pub present: bool,
    place: Place,
}

enum Place {
    Span(Span),
    /// A JSON pointer in one of the workspace's documents.
    Pointer(usize, String),
    /// Nowhere: the attribute is not written.
    Nowhere,
}

impl Found<'_> {
    /// Where the value is written, if anywhere.
    pub fn span(&self, workspace: &Workspace) -> Option<Span> {
        match &self.place {
            Place::Span(span) => Some(*span),
            Place::Pointer(document, pointer) => {
                Some(workspace.documents.get(*document)?.focus(pointer))
            }
            Place::Nowhere => None,
        }
    }
}

/// Reads attributes of the services of one run.
#[derive(Clone, Copy)]
pub struct Services<'m> {
    pub workspace: &'m Workspace,
    pub model: &'m Model,
}

impl<'m> Services<'m> {
    pub fn service(&self, id: ServiceId) -> &'m Service {
        self.model.service(id)
    }

    /// The service's name in backticks, for messages.
    pub fn name(&self, id: ServiceId) -> String {
        format!("`{}`", self.service(id).name.value)
    }

    pub fn find(&self, id: ServiceId, attribute: &Attribute) -> Found<'m> {
        let service = self.service(id);
        match attribute {
            Attribute::Name => Found {
                texts: vec![Cow::Borrowed(service.name.value.as_str())],
                raw: None,
                present: true,
                place: Place::Span(service.name.span),
            },
            Attribute::Domain => {
                let path = if service.entity.is_some() {
                    "/spec/system".to_string()
                } else {
                    format!("{}/domain", service.pointer)
                };
                let raw = self
                    .workspace
                    .documents
                    .get(service.document)
                    .and_then(|document| value_at(&document.value, &path));
                match service.domain.as_deref() {
                    Some(domain) if !domain.trim().is_empty() => Found {
                        texts: vec![Cow::Borrowed(domain)],
                        raw,
                        present: true,
                        place: Place::Pointer(service.document, path),
                    },
                    _ => Found::nothing(),
                }
            }
            Attribute::Field(path) => self.field(service, path),
        }
    }

    /// A field of the service's definition by its dotted path; for a catalog entity, from its
    /// root, else under `spec`, else under `metadata`.
    fn field(&self, service: &'m Service, path: &[String]) -> Found<'m> {
        let Some(document) = self.workspace.documents.get(service.document) else {
            return Found::nothing();
        };
        let Some(definition) = value_at(&document.value, &service.pointer) else {
            return Found::nothing();
        };
        let bases: &[&str] = if service.entity.is_some() {
            &["", "spec", "metadata"]
        } else {
            &[""]
        };
        for base in bases {
            let (start, mut pointer) = if base.is_empty() {
                (Some(definition), service.pointer.clone())
            } else {
                let mut pointer = service.pointer.clone();
                push_pointer_token(&mut pointer, base);
                (definition.get(*base), pointer)
            };
            let Some(start) = start else {
                continue;
            };
            if let Some(value) = lookup(start, path, &mut pointer) {
                return Found::of(value, Place::Pointer(service.document, pointer));
            }
        }
        Found::nothing()
    }
}

impl<'m> Found<'m> {
    fn nothing() -> Self {
        Found {
            texts: Vec::new(),
            raw: None,
            present: false,
            place: Place::Nowhere,
        }
    }

    fn of(value: &'m Value, place: Place) -> Self {
        let mut texts = Vec::new();
        match value {
            Value::Array(items) => texts.extend(items.iter().filter_map(text)),
            other => texts.extend(text(other)),
        }
        let present = match value {
            Value::Null => false,
            Value::String(text) => !text.trim().is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => true,
        };
        Found {
            texts,
            raw: Some(value),
            present,
            place,
        }
    }
}

/// A scalar as text: a string as written, a number or a boolean as YAML writes it.
pub fn text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(text) => Some(Cow::Borrowed(text.as_str())),
        Value::Number(number) => Some(Cow::Owned(number.to_string())),
        Value::Bool(flag) => Some(Cow::Owned(flag.to_string())),
        _ => None,
    }
}

/// The value at a dotted path, keys that hold dots included (`backstage.io/techdocs-ref`):
/// the longest key that the path starts with is taken first. `pointer` grows by the tokens taken.
fn lookup<'v>(value: &'v Value, path: &[String], pointer: &mut String) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    match value {
        Value::Object(map) => {
            for length in (1..=path.len()).rev() {
                let key = path[..length].join(".");
                if let Some(child) = map.get(&key) {
                    let mark = pointer.len();
                    push_pointer_token(pointer, &key);
                    if let Some(found) = lookup(child, &path[length..], pointer) {
                        return Some(found);
                    }
                    pointer.truncate(mark);
                }
            }
            None
        }
        Value::Array(items) => {
            let child = items.get(path[0].parse::<usize>().ok()?)?;
            let mark = pointer.len();
            push_pointer_token(pointer, &path[0]);
            let found = lookup(child, &path[1..], pointer);
            if found.is_none() {
                pointer.truncate(mark);
            }
            found
        }
        _ => None,
    }
}

/// One piece of a pattern as written: text, or a reference to a capture of `from` (`$1`).
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Capture(usize),
}

/// A pattern: a regex matched whole, or a glob (`*` any run of characters, `?` one) when it has
/// `*` or `?` and no other regex syntax.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub written: String,
    pieces: Vec<Piece>,
    glob: bool,
    /// Compiled when it uses no capture; else compiled for each set of captures.
    regex: Option<Regex>,
    /// How many capture groups it has.
    pub groups: usize,
}

/// The characters that make a value a regex rather than a glob.
const REGEX_SYNTAX: &[char] = &['(', ')', '[', ']', '{', '}', '+', '^', '$', '|', '\\'];

impl Pattern {
    /// Reads a pattern; `captures` is how many groups `from` has when the pattern may use them
    /// (`None`: it may not).
    pub fn read(
        reader: &mut Reader<'_>,
        written: &str,
        pointer: &str,
        captures: Option<usize>,
    ) -> Option<Pattern> {
        let pieces = split_captures(written);
        let mut ok = true;
        for piece in &pieces {
            let Piece::Capture(number) = piece else {
                continue;
            };
            match captures {
                None => {
                    reader.mistake(
                        pointer,
                        format!("`${number}` refers to a capture group, and only `to` can use one"),
                        Some(
                            "capture groups of `from` (`(.+)`) are `$1`, `$2`, ... in `to`".into(),
                        ),
                    );
                    ok = false;
                }
                Some(groups) if *number == 0 || *number > groups => {
                    let has = match groups {
                        0 => "has none".to_string(),
                        1 => "has 1".to_string(),
                        n => format!("has {n}"),
                    };
                    reader.mistake(
                        pointer,
                        format!("`${number}` refers to no capture group of `from` (it {has})"),
                        Some("capture a part of a `from` attribute with parentheses: `{domain: \"(.+)\"}`".into()),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
        }
        if !ok {
            return None;
        }
        let plain: String = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.as_str(),
                Piece::Capture(_) => "",
            })
            .collect();
        let glob = plain.contains(['*', '?'])
            && !plain.contains(REGEX_SYNTAX)
            && !plain.contains(".*")
            && !plain.contains(".?");
        let mut pattern = Pattern {
            written: written.to_string(),
            pieces,
            glob,
            regex: None,
            groups: 0,
        };
        // Checked with each capture standing for a word: the captures are escaped when used.
        let placeholders = vec!["x".to_string(); captures.unwrap_or(0)];
        match Regex::new(&pattern.source(&placeholders)) {
            Ok(regex) => {
                pattern.groups = regex.captures_len() - 1;
                if !pattern.uses_captures() {
                    pattern.regex = Some(regex);
                }
                Some(pattern)
            }
            Err(error) => {
                reader.mistake(
                    pointer,
                    format!("invalid regex `{written}`: {}", regex_error(&error)),
                    Some("a pattern is a regex matched whole (Rust syntax), or a glob with `*` and `?`".into()),
                );
                None
            }
        }
    }

    pub fn uses_captures(&self) -> bool {
        self.pieces
            .iter()
            .any(|piece| matches!(piece, Piece::Capture(_)))
    }

    /// The regex it stands for, anchored, with `captures` in place of `$1`, `$2`, ...
    fn source(&self, captures: &[String]) -> String {
        let mut source = String::from("^(?:");
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) if self.glob => {
                    for character in text.chars() {
                        match character {
                            '*' => source.push_str(".*"),
                            '?' => source.push('.'),
                            other => source.push_str(&regex::escape(&other.to_string())),
                        }
                    }
                }
                Piece::Text(text) => source.push_str(text),
                Piece::Capture(number) => {
                    let captured = captures
                        .get(number.wrapping_sub(1))
                        .map_or("", String::as_str);
                    source.push_str(&regex::escape(captured));
                }
            }
        }
        source.push_str(")$");
        source
    }

    /// The pattern with `captures` in place, compiled.
    fn instantiate(&self, captures: &[String]) -> Pattern {
        let mut pattern = self.clone();
        if pattern.regex.is_none() {
            // Escaped captures in a pattern that compiled cannot fail but for size limits: a
            // pattern that cannot be compiled matches nothing.
            pattern.regex = Regex::new(&self.source(captures)).ok();
        }
        pattern.pieces = vec![Piece::Text(self.display(captures))];
        pattern
    }

    /// The pattern as written, with `captures` in place.
    fn display(&self, captures: &[String]) -> String {
        if !self.uses_captures() {
            return self.written.clone();
        }
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Capture(number) => captures
                    .get(number.wrapping_sub(1))
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }

    /// The groups it captures in `text`, when it matches: empty strings for groups that took
    /// no part.
    fn captures(&self, text: &str) -> Option<Vec<String>> {
        let found = self.regex.as_ref()?.captures(text)?;
        Some(
            found
                .iter()
                .skip(1)
                .map(|group| group.map_or_else(String::new, |group| group.as_str().to_string()))
                .collect(),
        )
    }
}

/// The message of a regex error, without the copy of the pattern and the caret above it.
fn regex_error(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .rev()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or(text.lines().last().unwrap_or("cannot compile"))
        .to_string()
}

/// Splits `$1`, `$2`, ... out of a pattern; `$` before anything else stays (an anchor).
fn split_captures(written: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut characters = written.char_indices().peekable();
    while let Some((_, character)) = characters.next() {
        if character == '\\' {
            text.push(character);
            if let Some((_, escaped)) = characters.next() {
                text.push(escaped);
            }
            continue;
        }
        if character == '$'
            && let Some(&(start, digit)) = characters.peek()
            && digit.is_ascii_digit()
        {
            let mut end = start;
            while let Some(&(at, digit)) = characters.peek() {
                if !digit.is_ascii_digit() {
                    break;
                }
                end = at + digit.len_utf8();
                characters.next();
            }
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Capture(
                written[start..end].parse().unwrap_or(usize::MAX),
            ));
            continue;
        }
        text.push(character);
    }
    if !text.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// One matcher: every attribute must match, and none of `not`.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Each attribute with its patterns (any may match), in written order.
    attributes: Vec<(Attribute, Vec<Pattern>)>,
    not: Vec<Matcher>,
    /// How many groups its attributes capture, in order (each attribute counts as many as its
    /// pattern with the most).
    pub groups: usize,
}

/// Matchers of which any may match.
#[derive(Clone, Debug)]
pub struct Matchers {
    pub any: Vec<Matcher>,
    /// As written, for messages and documentation.
    pub written: Value,
}

impl Matchers {
    /// Reads one matcher or a list of them at `pointer`; `null` or `{}` matches every service.
    /// `captures`: as for [`Pattern::read`].
    pub fn read(
        reader: &mut Reader<'_>,
        value: &Value,
        pointer: &str,
        captures: Option<usize>,
    ) -> Option<Matchers> {
        let any = match value {
            Value::Array(items) if !items.is_empty() => {
                let mut any = Vec::new();
                let mut ok = true;
                for (index, item) in items.iter().enumerate() {
                    let at = format!("{pointer}/{index}");
                    match Matcher::read(reader, item, &at, captures) {
                        Some(matcher) => any.push(matcher),
                        None => ok = false,
                    }
                }
                ok.then_some(any)?
            }
            Value::Array(_) => {
                reader.mistake(
                    pointer,
                    "an empty list of matchers matches no service".to_string(),
                    Some("give a matcher (`{domain: billing}`), or `{}` for every service".into()),
                );
                return None;
            }
            other => vec![Matcher::read(reader, other, pointer, captures)?],
        };
        Some(Matchers {
            any,
            written: value.clone(),
        })
    }

    /// How many groups `from` captures for `to`: the most any of its matchers captures.
    pub fn groups(&self) -> usize {
        self.any
            .iter()
            .map(|matcher| matcher.groups)
            .max()
            .unwrap_or(0)
    }

    pub fn uses_captures(&self) -> bool {
        self.any.iter().any(Matcher::uses_captures)
    }

    /// The matchers with `captures` in place of `$1`, `$2`, ..., compiled.
    pub fn instantiate(&self, captures: &[String]) -> Matchers {
        Matchers {
            any: self
                .any
                .iter()
                .map(|matcher| matcher.instantiate(captures))
                .collect(),
            written: substitute(&self.written, captures),
        }
    }

    /// Whether the service matches; its captures (as many as [`Matchers::groups`]) when it does.
    pub fn captures(&self, services: &Services<'_>, id: ServiceId) -> Option<Vec<String>> {
        let groups = self.groups();
        self.any.iter().find_map(|matcher| {
            let mut captures = matcher.captures(services, id)?;
            captures.resize(groups, String::new());
            Some(captures)
        })
    }

    pub fn matches(&self, services: &Services<'_>, id: ServiceId) -> bool {
        self.any.iter().any(|matcher| matcher.matches(services, id))
    }

    /// As written, in one line: `{domain: checkout}`.
    pub fn describe(&self) -> String {
        flow(&self.written)
    }
}

impl Matcher {
    fn read(
        reader: &mut Reader<'_>,
        value: &Value,
        pointer: &str,
        captures: Option<usize>,
    ) -> Option<Matcher> {
        let map = match value {
            Value::Null => {
                return Some(Matcher {
                    attributes: Vec::new(),
                    not: Vec::new(),
                    groups: 0,
                });
            }
            Value::Object(map) => map,
            other => {
                reader.mistake(
                    pointer,
                    format!(
                        "a matcher is a mapping of attributes to patterns, not {}",
                        super::read::kind_of(other)
                    ),
                    Some("write it as `{domain: billing}`, or `{}` for every service".into()),
                );
                return None;
            }
        };
        let mut matcher = Matcher {
            attributes: Vec::new(),
            not: Vec::new(),
            groups: 0,
        };
        let mut ok = true;
        for (key, value) in map {
            let mut at = pointer.to_string();
            push_pointer_token(&mut at, key);
            if key == "not" {
                let not = match value {
                    Value::Array(items) => {
                        let mut not = Vec::new();
                        for (index, item) in items.iter().enumerate() {
                            match Matcher::read(reader, item, &format!("{at}/{index}"), captures) {
                                Some(one) => not.push(one),
                                None => ok = false,
                            }
                        }
                        not
                    }
                    other => match Matcher::read(reader, other, &at, captures) {
                        Some(one) => vec![one],
                        None => {
                            ok = false;
                            Vec::new()
                        }
                    },
                };
                matcher.not.extend(not);
                continue;
            }
            let Some(attribute) = Attribute::read(reader, key, &at) else {
                ok = false;
                continue;
            };
            let Some(patterns) = read_patterns(reader, value, &at, captures) else {
                ok = false;
                continue;
            };
            matcher.groups += patterns
                .iter()
                .map(|pattern| pattern.groups)
                .max()
                .unwrap_or(0);
            matcher.attributes.push((attribute, patterns));
        }
        ok.then_some(matcher)
    }

    fn uses_captures(&self) -> bool {
        self.attributes
            .iter()
            .flat_map(|(_, patterns)| patterns)
            .any(Pattern::uses_captures)
            || self.not.iter().any(Matcher::uses_captures)
    }

    fn instantiate(&self, captures: &[String]) -> Matcher {
        Matcher {
            attributes: self
                .attributes
                .iter()
                .map(|(attribute, patterns)| {
                    (
                        attribute.clone(),
                        patterns
                            .iter()
                            .map(|pattern| pattern.instantiate(captures))
                            .collect(),
                    )
                })
                .collect(),
            not: self
                .not
                .iter()
                .map(|matcher| matcher.instantiate(captures))
                .collect(),
            groups: self.groups,
        }
    }

    fn matches(&self, services: &Services<'_>, id: ServiceId) -> bool {
        self.attributes.iter().all(|(attribute, patterns)| {
            let found = services.find(id, attribute);
            found
                .texts
                .iter()
                .any(|text| patterns.iter().any(|pattern| pattern.is_match(text)))
        }) && !self.not.iter().any(|not| not.matches(services, id))
    }

    /// Whether the service matches, and the groups captured, attribute after attribute.
    fn captures(&self, services: &Services<'_>, id: ServiceId) -> Option<Vec<String>> {
        let mut captures = Vec::with_capacity(self.groups);
        for (attribute, patterns) in &self.attributes {
            let width = patterns
                .iter()
                .map(|pattern| pattern.groups)
                .max()
                .unwrap_or(0);
            let found = services.find(id, attribute);
            let mut groups = found
                .texts
                .iter()
                .find_map(|text| patterns.iter().find_map(|pattern| pattern.captures(text)))?;
            groups.resize(width, String::new());
            captures.extend(groups);
        }
        if self.not.iter().any(|not| not.matches(services, id)) {
            return None;
        }
        Some(captures)
    }
}

/// The patterns of one attribute: a scalar, or a list of them (any may match).
pub fn read_patterns(
    reader: &mut Reader<'_>,
    value: &Value,
    pointer: &str,
    captures: Option<usize>,
) -> Option<Vec<Pattern>> {
    let items: Vec<(String, &Value)> = match value {
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(index, item)| (format!("{pointer}/{index}"), item))
            .collect(),
        Value::Array(_) => {
            reader.mistake(
                pointer,
                "an empty list of patterns matches nothing".to_string(),
                Some("give a pattern, or a list of them of which any may match".into()),
            );
            return None;
        }
        other => vec![(pointer.to_string(), other)],
    };
    let mut patterns = Vec::new();
    let mut ok = true;
    for (at, item) in items {
        let Some(written) = text(item) else {
            reader.mistake(
                &at,
                format!(
                    "a pattern is a string (a regex or a glob), not {}",
                    super::read::kind_of(item)
                ),
                None,
            );
            ok = false;
            continue;
        };
        match Pattern::read(reader, &written, &at, captures) {
            Some(pattern) => patterns.push(pattern),
            None => ok = false,
        }
    }
    ok.then_some(patterns)
}

/// A value with `$1`, `$2`, ... in its strings replaced by `captures`.
fn substitute(value: &Value, captures: &[String]) -> Value {
    match value {
        Value::String(text) => {
            let pieces = split_captures(text);
            if !pieces
                .iter()
                .any(|piece| matches!(piece, Piece::Capture(_)))
            {
                return value.clone();
            }
            Value::String(
                pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => text.clone(),
                        Piece::Capture(number) => captures
                            .get(number.wrapping_sub(1))
                            .cloned()
                            .unwrap_or_default(),
                    })
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| substitute(item, captures))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| (key.clone(), substitute(item, captures)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A value in YAML's flow style, on one line: `{domain: checkout, not: [{tags: legacy}]}`.
pub fn flow(value: &Value) -> String {
    match value {
        Value::Null => "{}".to_string(),
        Value::String(text) => {
            let plain = !text.is_empty()
                && !text
                    .starts_with(|c: char| c.is_whitespace() || "!&*-?{}[],#|>@`\"'%:".contains(c))
                && !text.ends_with(char::is_whitespace)
                && !text.contains(": ")
                && !text.contains(" #")
                && !text.contains([',', '[', ']', '{', '}']);
            if plain {
                text.to_string()
            } else {
                serde_json::to_string(text).unwrap_or_default()
            }
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(key, item)| format!("{}: {}", flow(&Value::String(key.clone())), flow(item)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_split_out_of_patterns() {
        let pieces = split_captures("a$1b$12\\$3$");
        let shown: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => format!("T{text}"),
                Piece::Capture(number) => format!("C{number}"),
            })
            .collect();
        assert_eq!(shown, ["Ta", "C1", "Tb", "C12", "T\\$3$"]);
    }

    #[test]
    fn flow_style() {
        let value = crate::json!({"domain": "(.+)", "not": [{"tags": "a: b"}], "n": 1});
        assert_eq!(
            flow(&value),
            r#"{domain: (.+), not: [{tags: "a: b"}], n: 1}"#
        );
    }
}
