//! Reading a rules document: every mistake at its place, with "did you mean" for a misspelt key
//! or value, and reading goes on after one, so a file with five mistakes gets five diagnostics.

use crate::diagnostic::Finding;
use crate::load::document::{Document, push_pointer_token};
use crate::value::{Map, Value};

/// The rule name of a mistake in a configuration or ruleset.
const CONFIG: &str = "config";

pub struct Reader<'a> {
    pub document: &'a Document,
    pub mistakes: &'a mut Vec<Finding>,
}

impl Reader<'_> {
    /// A mistake at the value at `pointer` (a scalar's value, a collection's key).
    pub fn mistake(&mut self, pointer: &str, message: String, help: Option<String>) {
        let span = self.document.focus(pointer);
        self.push(span, message, help);
    }

    /// A mistake at the key of the member at `pointer`.
    pub fn mistake_at_key(&mut self, pointer: &str, message: String, help: Option<String>) {
        let span = self.document.locate_nearest(pointer).anchor();
        self.push(span, message, help);
    }

    fn push(&mut self, span: crate::source::Span, message: String, help: Option<String>) {
        let mut finding = Finding::new(CONFIG, span, message);
        if let Some(help) = help {
            finding = finding.help(help);
        }
        self.mistakes.push(finding);
    }

    /// The members of the mapping at `pointer`, each with its pointer; a member whose key is not
    /// among `known` is a mistake (with "did you mean"), and is left out.
    pub fn members<'v>(
        &mut self,
        map: &'v Map,
        pointer: &str,
        known: &[&str],
        what: &str,
    ) -> Vec<(&'v str, &'v Value, String)> {
        let mut members = Vec::new();
        for (key, value) in map {
            let mut at = pointer.to_string();
            push_pointer_token(&mut at, key);
            if known.contains(&key.as_str()) {
                members.push((key.as_str(), value, at));
                continue;
            }
            let help = match crate::suggest::closest(key, known.iter().copied(), str::to_string) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("{what} takes {}", list(known)),
            };
            self.mistake_at_key(&at, format!("unknown key `{key}` in {what}"), Some(help));
        }
        members
    }

    /// A string member, or a mistake when it is something else.
    pub fn string<'v>(&mut self, value: &'v Value, pointer: &str, what: &str) -> Option<&'v str> {
        match value {
            Value::String(text) => Some(text),
            other => {
                self.mistake(
                    pointer,
                    format!("{what} is a string, not {}", kind_of(other)),
                    None,
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, value: &Value, pointer: &str, what: &str) -> Option<bool> {
        match value {
            Value::Bool(flag) => Some(*flag),
            other => {
                self.mistake(
                    pointer,
                    format!("{what} is `true` or `false`, not {}", kind_of(other)),
                    None,
                );
                None
            }
        }
    }

    /// One of `known` words, with "did you mean" for a near one.
    pub fn word<'k>(
        &mut self,
        value: &Value,
        pointer: &str,
        known: &[&'k str],
        what: &str,
    ) -> Option<&'k str> {
        let written = self.string(value, pointer, what)?;
        if let Some(&word) = known.iter().find(|word| **word == written) {
            return Some(word);
        }
        let help = match crate::suggest::closest(written, known.iter().copied(), str::to_string) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("use {}", list(known)),
        };
        self.mistake(
            pointer,
            format!("{what} is {}, not `{written}`", list(known)),
            Some(help),
        );
        None
    }
}

/// `a`, `b` or `c`.
pub fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a value is, for messages: "a number", "a list".
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
