//! The core functions of Spectral rulesets (`@stoplight/spectral-functions`): their options
//! checked as Spectral checks them, and their messages as Spectral 6 renders them.
//!
//! A rule's `then` names a function and its `functionOptions`. [`CoreFunction::compile`] reads
//! the options once, when the ruleset loads (a pattern or a JSON Schema is compiled there, not
//! per value), and [`CoreFunction::apply`] checks one target of the rule. A function reports
//! facts: a message and where, relative to the target; the engine adds the rule's name, severity
//! and message template.
//!
//! Spectral's messages are templates such as `#{{print("property")}}must be truthy`, rendered
//! against the document at the place of the result; [`print`] renders those parts the same way,
//! and is public so that a rule's own `message` can be rendered with the same words.

mod alphabetical;
mod casing;
mod defined;
mod enumeration;
mod falsy;
mod length;
mod options;
mod or;
mod pattern;
pub mod print;
mod schema;
mod truthy;
mod undefined;
mod unreferenced_reusable_object;
mod xor;

use crate::value::Value;

pub use alphabetical::Alphabetical;
pub use casing::{Casing, CasingType};
pub use enumeration::Enumeration;
pub use length::Length;
pub use or::Or;
pub use pattern::Pattern;
pub use schema::{Dialect, Schema};
pub(crate) use schema::{
    build_with_javascript_patterns, built_once, compiled_pattern, format_check,
};
pub(crate) use unreferenced_reusable_object::is_reference_in_place;
pub use unreferenced_reusable_object::{UnreferencedReusableObject, local_references};
pub use xor::Xor;

/// A function beyond the core ones, written in Rust for archlint's built-in Spectral rules
/// (`oasExample`, `typedEnum`, ...): its name, and how its options are read into something that
/// checks a target.
pub struct NativeFunction {
    pub name: &'static str,
    pub compile: CompileNative,
}

/// How a native function reads its `functionOptions`: every mistake, or the function.
pub type CompileNative = fn(Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>>;

/// A native function with its options read.
pub trait Apply: Send + Sync + std::fmt::Debug {
    /// As [`CoreFunction::apply`].
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure>;
}

/// A function a ruleset may call, its options checked and compiled (patterns compiled once):
/// one of Spectral's core functions, or a native one.
#[derive(Debug)]
pub enum CoreFunction {
    /// A native function: its name and what checks.
    Native(&'static str, Box<dyn Apply>),
    Alphabetical(Alphabetical),
    Casing(Casing),
    Defined,
    Enumeration(Enumeration),
    Falsy,
    Length(Length),
    Or(Or),
    Pattern(Pattern),
    Schema(Schema),
    Truthy,
    Undefined,
    UnreferencedReusableObject(UnreferencedReusableObject),
    Xor(Xor),
}

/// A mistake in `functionOptions`: where (an RFC 6901 pointer inside functionOptions, "" for the
/// whole) and what, in plain words (e.g. `"type" must be one of: flat, camel, pascal, kebab,
/// cobol, snake, macro`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    pub pointer: String,
    pub message: String,
}

/// Where a function is applied.
#[derive(Debug, Clone, Copy)]
pub struct FunctionContext<'v> {
    /// The whole document (for unreferencedReusableObject, and `{{property}}`-style message parts).
    pub document: &'v Value,
    /// RFC 6901 pointer of the target in the document (the `given` match, plus `field`).
    pub pointer: &'v str,
    /// The formats of the document (OpenAPI 2 or 3, AsyncAPI 2 or 3, ...).
    pub formats: &'v [crate::spectral::formats::Format],
    /// What functions keep while the rules judge one document.
    pub scratch: &'v Scratch,
    /// The places of the document that `$ref`s written elsewhere name (another file, or this
    /// one by its file name), for the unused-component functions; `None` outside a run.
    pub inbound: Option<&'v Inbound>,
    /// The document is large ([`is_large`](crate::load::document::Document::is_large)): a
    /// function that walks the whole of it may share the walk among the threads.
    pub large: bool,
}

/// The places of one document (as pointer segments) that a `$ref` names from another file, or
/// from the document itself by its file name (`pets.yaml#/components/schemas/Pet` inside
/// `pets.yaml`): references a document's own `#/...` scan does not see.
pub type Inbound = std::collections::HashSet<Vec<String>>;

/// What functions keep about one document during a run, by a key of their choosing that says what
/// a value is made from: work that many targets and rules share (`oasExample` compiles the schemas
/// written alike once, not once per example and rule). Dropped once every rule has judged the
/// document.
#[derive(Default)]
pub struct Scratch {
    entries: std::sync::Mutex<
        std::collections::HashMap<String, std::sync::Arc<dyn std::any::Any + Send + Sync>>,
    >,
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Scratch")
    }
}

impl Scratch {
    /// The value kept under `key`, made by `make` on first use (a value of another type under
    /// the same key is replaced). `make` runs under the scratch's lock, so that two threads
    /// judging one document's matches side by side never make two values, one of which would
    /// be lost with the work kept in it: it must be quick, and must not use the scratch.
    pub fn get_or_insert_with<T: std::any::Any + Send + Sync>(
        &self,
        key: &str,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<T> {
        let Ok(mut entries) = self.entries.lock() else {
            return std::sync::Arc::new(make());
        };
        if let Some(found) = entries.get(key)
            && let Ok(found) = found.clone().downcast::<T>()
        {
            return found;
        }
        let made = std::sync::Arc::new(make());
        entries.insert(key.to_owned(), made.clone());
        made
    }
}

/// What a function found wrong with its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The function's message, rendered as Spectral renders it (this becomes `{{error}}`).
    pub message: String,
    /// Where, relative to the target: an RFC 6901 pointer, "" for the target itself; or, after
    /// a `#`, a pointer from the document's root (`#/paths/~1a/get`), for the functions that
    /// report outside their target (`refSiblings` at the siblings of a `$ref`).
    pub pointer: String,
}

impl Failure {
    /// A failure at the target itself.
    pub fn here(message: String) -> Self {
        Self {
            message,
            pointer: String::new(),
        }
    }
}

impl CoreFunction {
    pub const NAMES: &'static [&'static str] = &[
        "alphabetical",
        "casing",
        "defined",
        "enumeration",
        "falsy",
        "length",
        "or",
        "pattern",
        "schema",
        "truthy",
        "undefined",
        "unreferencedReusableObject",
        "xor",
    ];

    /// `Ok(None)` when `name` is not a core function. On mistakes in the options, the first one;
    /// [`CoreFunction::compile_all`] gives them all.
    pub fn compile(
        name: &str,
        options: Option<&Value>,
    ) -> Result<Option<CoreFunction>, OptionError> {
        Self::compile_all(name, options).map_err(|mut errors| errors.swap_remove(0))
    }

    /// As [`CoreFunction::compile`], with every mistake in the options (never an empty list),
    /// in the order Spectral reports them, so that a ruleset with five mistakes gets five
    /// diagnostics. `None` options and `null` are the same: Spectral passes `null` for absent
    /// `functionOptions`.
    pub fn compile_all(
        name: &str,
        options: Option<&Value>,
    ) -> Result<Option<CoreFunction>, Vec<OptionError>> {
        let options = options.filter(|value| !value.is_null());
        let function = match name {
            "alphabetical" => Self::Alphabetical(Alphabetical::compile(options)?),
            "casing" => Self::Casing(Casing::compile(options)?),
            "defined" => options::none(name, options).map(|()| Self::Defined)?,
            "enumeration" => Self::Enumeration(Enumeration::compile(options)?),
            "falsy" => options::none(name, options).map(|()| Self::Falsy)?,
            "length" => Self::Length(Length::compile(options)?),
            "or" => Self::Or(Or::compile(options)?),
            "pattern" => Self::Pattern(Pattern::compile(options)?),
            "schema" => Self::Schema(Schema::compile(options)?),
            "truthy" => options::none(name, options).map(|()| Self::Truthy)?,
            "undefined" => options::none(name, options).map(|()| Self::Undefined)?,
            "unreferencedReusableObject" => {
                Self::UnreferencedReusableObject(UnreferencedReusableObject::compile(options)?)
            }
            "xor" => Self::Xor(Xor::compile(options)?),
            _ => match crate::rules::spectral::functions::NATIVE
                .iter()
                .find(|native| native.name == name)
            {
                Some(native) => Self::Native(native.name, (native.compile)(options)?),
                None => return Ok(None),
            },
        };
        Ok(Some(function))
    }

    /// The name the ruleset calls this function by.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Native(name, _) => name,
            Self::Alphabetical(_) => "alphabetical",
            Self::Casing(_) => "casing",
            Self::Defined => "defined",
            Self::Enumeration(_) => "enumeration",
            Self::Falsy => "falsy",
            Self::Length(_) => "length",
            Self::Or(_) => "or",
            Self::Pattern(_) => "pattern",
            Self::Schema(_) => "schema",
            Self::Truthy => "truthy",
            Self::Undefined => "undefined",
            Self::UnreferencedReusableObject(_) => "unreferencedReusableObject",
            Self::Xor(_) => "xor",
        }
    }

    /// `target` is `None` when the value is undefined (the `field` is absent).
    pub fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        match self {
            Self::Native(_, function) => function.apply(target, context),
            Self::Alphabetical(function) => function.apply(target, context),
            Self::Casing(function) => function.apply(target),
            Self::Defined => defined::apply(target, context),
            Self::Enumeration(function) => function.apply(target, context),
            Self::Falsy => falsy::apply(target, context),
            Self::Length(function) => function.apply(target, context),
            Self::Or(function) => function.apply(target),
            Self::Pattern(function) => function.apply(target, context),
            Self::Schema(function) => function.apply(target, context),
            Self::Truthy => truthy::apply(target, context),
            Self::Undefined => undefined::apply(target, context),
            Self::UnreferencedReusableObject(function) => function.apply(target, context),
            Self::Xor(function) => function.apply(target),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn every_name_compiles_or_asks_for_options() {
        for name in CoreFunction::NAMES {
            match CoreFunction::compile(name, None) {
                Ok(Some(function)) => assert_eq!(function.name(), *name),
                Ok(None) => panic!("{name} is listed but not known"),
                Err(error) => assert_eq!(error.pointer, "", "{name}: {error:?}"),
            }
        }
    }

    #[test]
    fn an_unknown_name_is_not_a_core_function() {
        assert!(
            CoreFunction::compile("oasNoSuchFunction", None)
                .unwrap()
                .is_none()
        );
        // A native function is one a ruleset may call.
        assert!(matches!(
            CoreFunction::compile("oasOpParams", None),
            Ok(Some(CoreFunction::Native("oasOpParams", _)))
        ));
        assert!(CoreFunction::compile("Truthy", None).unwrap().is_none());
    }

    #[test]
    fn null_options_are_absent_options() {
        assert!(matches!(
            CoreFunction::compile("truthy", Some(&Value::Null)),
            Ok(Some(CoreFunction::Truthy))
        ));
        assert!(matches!(
            CoreFunction::compile("alphabetical", Some(&Value::Null)),
            Ok(Some(CoreFunction::Alphabetical(_)))
        ));
    }

    #[test]
    fn compile_gives_the_first_of_all_mistakes() {
        let options = json!({ "min": "4", "max": "2" });
        let all = CoreFunction::compile_all("length", Some(&options)).unwrap_err();
        assert_eq!(all.len(), 2);
        let first = CoreFunction::compile("length", Some(&options)).unwrap_err();
        assert_eq!(first, all[0]);
    }
}

/// Helpers shared by the tests of the functions.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Compiles `name` with `options`, panicking on a mistake.
    pub fn compiled(name: &str, options: Value) -> CoreFunction {
        CoreFunction::compile(name, Some(&options))
            .unwrap_or_else(|error| panic!("{name} {options}: {error:?}"))
            .expect("a core function")
    }

    /// Every mistake in `options` for `name`, as (pointer, message).
    pub fn option_errors(name: &str, options: Value) -> Vec<(String, String)> {
        match CoreFunction::compile_all(name, Some(&options)) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .map(|error| (error.pointer, error.message))
                .collect(),
        }
    }

    /// `function` applied to the whole `document`, as Spectral's own tests run it (`given: $`),
    /// as (message, pointer).
    pub fn run(function: &CoreFunction, document: &Value) -> Vec<(String, String)> {
        run_at(function, document, "")
    }

    /// `function` applied to what `pointer` names in `document` (absent: undefined).
    pub fn run_at(
        function: &CoreFunction,
        document: &Value,
        pointer: &str,
    ) -> Vec<(String, String)> {
        let scratch = Scratch::default();
        let context = FunctionContext {
            document,
            pointer,
            formats: &[],
            scratch: &scratch,
            inbound: None,
            large: false,
        };
        function
            .apply(document.pointer(pointer), &context)
            .into_iter()
            .map(|failure| (failure.message, failure.pointer))
            .collect()
    }

    /// One failure at the target itself.
    pub fn here(message: &str) -> Vec<(String, String)> {
        vec![(message.to_owned(), String::new())]
    }
}
