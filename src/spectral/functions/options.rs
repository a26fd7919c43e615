//! Reading `functionOptions` as Spectral's option schemas read them (required options, types,
//! allowed values, no unknown options), collecting every mistake with where it is.
//!
//! Spectral validates options with a JSON Schema per function and words a mistake as
//! `"casing" function and its "type" option accept the following values: ...`; the checks here
//! are the same, the words plainer: the option and what it must be.

use crate::value::{Map, Value};

use super::OptionError;
use crate::suggest;

/// Mistakes found so far in one function's options.
pub(super) type Mistakes = Vec<OptionError>;

/// For the functions that take no options (`truthy`, `falsy`, `defined`, `undefined`): Spectral
/// accepts only `null`, so even `{}` is a mistake.
pub(super) fn none(function: &str, options: Option<&Value>) -> Result<(), Mistakes> {
    match options {
        None => Ok(()),
        Some(_) => Err(vec![OptionError {
            pointer: String::new(),
            message: format!("\"{function}\" takes no options"),
        }]),
    }
}

/// The options object of `function`, or the one mistake that stops reading it: absent, or not an
/// object. `example` shows valid options, as Spectral's message does.
pub(super) fn object<'a>(
    function: &str,
    options: Option<&'a Value>,
    example: &str,
) -> Result<&'a Map, Mistakes> {
    let message = match options {
        Some(Value::Object(map)) => return Ok(map),
        None => format!("\"{function}\" needs options, e.g. {example}"),
        Some(other) => format!(
            "\"{function}\" options must be an object, not {}, e.g. {example}",
            kind_of(other)
        ),
    };
    Err(vec![OptionError {
        pointer: String::new(),
        message,
    }])
}

/// One object among the options: where it is, and its members.
pub(super) struct Reader<'a> {
    pub(super) function: &'static str,
    /// The pointer of this object inside `functionOptions` ("" for the options themselves).
    pub(super) pointer: String,
    pub(super) map: &'a Map,
}

impl<'a> Reader<'a> {
    pub(super) fn new(function: &'static str, map: &'a Map) -> Self {
        Self {
            function,
            pointer: String::new(),
            map,
        }
    }

    /// The option `key` as it is named in messages: dotted from the options' root
    /// (`separator.char`).
    pub(super) fn name(&self, key: &str) -> String {
        let parents = self
            .pointer
            .split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"));
        parents
            .chain(std::iter::once(key.to_owned()))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The pointer of the option `key`.
    pub(super) fn pointer_of(&self, key: &str) -> String {
        format!(
            "{}/{}",
            self.pointer,
            key.replace('~', "~0").replace('/', "~1")
        )
    }

    /// A mistake in the option `key`.
    pub(super) fn mistake(&self, key: &str, message: String) -> OptionError {
        OptionError {
            pointer: self.pointer_of(key),
            message,
        }
    }

    /// A member that is not one of `known`, with the closest known name when one is near.
    pub(super) fn unknown(&self, known: &[&str], mistakes: &mut Mistakes) {
        for key in self.map.keys().filter(|key| !known.contains(&key.as_str())) {
            let hint = match suggest::closest(key, known.iter().copied(), str::to_lowercase) {
                Some(near) => format!("did you mean \"{}\"?", self.name(near)),
                None => format!("its options are: {}", known_list(self, known)),
            };
            mistakes.push(self.mistake(
                key,
                format!(
                    "\"{}\" is not an option of \"{}\"; {hint}",
                    self.name(key),
                    self.function
                ),
            ));
        }
    }

    /// A required member that is missing, reported at the object that lacks it (the member has
    /// no place of its own).
    pub(super) fn required(&self, key: &str, mistakes: &mut Mistakes) -> Option<&'a Value> {
        let value = self.map.get(key);
        if value.is_none() {
            mistakes.push(OptionError {
                pointer: self.pointer.clone(),
                message: format!("\"{}\" is required", self.name(key)),
            });
        }
        value
    }

    /// The member `key` when it is a string; a mistake when it is something else.
    pub(super) fn string(&self, key: &str, mistakes: &mut Mistakes) -> Option<&'a str> {
        self.typed(key, "a string", Value::as_str, mistakes)
    }

    /// The member `key` when it is a boolean; a mistake when it is something else.
    pub(super) fn boolean(&self, key: &str, mistakes: &mut Mistakes) -> Option<bool> {
        self.typed(key, "a boolean (true or false)", Value::as_bool, mistakes)
    }

    /// The member `key` when it is a number; a mistake when it is something else.
    pub(super) fn number(&self, key: &str, mistakes: &mut Mistakes) -> Option<f64> {
        self.typed(key, "a number", Value::as_f64, mistakes)
    }

    /// The member `key` when it is an object, as a reader; a mistake when it is something else.
    pub(super) fn object(&self, key: &str, mistakes: &mut Mistakes) -> Option<Reader<'a>> {
        let map = self.typed(key, "an object", Value::as_object, mistakes)?;
        Some(Reader {
            function: self.function,
            pointer: self.pointer_of(key),
            map,
        })
    }

    fn typed<T>(
        &self,
        key: &str,
        expected: &str,
        read: impl Fn(&'a Value) -> Option<T>,
        mistakes: &mut Mistakes,
    ) -> Option<T> {
        let value = self.map.get(key)?;
        let read = read(value);
        if read.is_none() {
            mistakes.push(self.mistake(
                key,
                format!(
                    "\"{}\" must be {expected}, not {}",
                    self.name(key),
                    kind_of(value)
                ),
            ));
        }
        read
    }

    /// The member `key` when it is an array of at least `min` strings; one mistake otherwise.
    pub(super) fn strings(
        &self,
        key: &str,
        min: usize,
        example: &str,
        mistakes: &mut Mistakes,
    ) -> Option<Vec<String>> {
        let value = self.map.get(key)?;
        let strings: Option<Vec<String>> = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect()
        });
        match strings {
            Some(strings) if strings.len() >= min => Some(strings),
            _ => {
                let count = match min {
                    1 => "at least one property name".to_owned(),
                    _ => format!("at least {min} property names"),
                };
                mistakes.push(self.mistake(
                    key,
                    format!(
                        "\"{}\" must be a list of {count}, e.g. {example}",
                        self.name(key)
                    ),
                ));
                None
            }
        }
    }
}

fn known_list(reader: &Reader<'_>, known: &[&str]) -> String {
    known
        .iter()
        .map(|key| reader.name(key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a value is, in a message: `a number`, `null`.
pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Finishes reading: the options when nothing was wrong, every mistake otherwise.
pub(super) fn finish<T>(
    mistakes: Mistakes,
    read: impl FnOnce() -> Option<T>,
) -> Result<T, Mistakes> {
    if !mistakes.is_empty() {
        return Err(mistakes);
    }
    // Every reader that returned `None` recorded a mistake, so `read` succeeds here.
    read().ok_or_else(|| {
        vec![OptionError {
            pointer: String::new(),
            message: "the options could not be read".to_owned(),
        }]
    })
}
