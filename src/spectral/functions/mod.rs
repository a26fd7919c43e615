//! The core functions of Spectral rulesets.
//! (Interface only: the functions land from their own branch.)

use serde_json::Value;

pub enum CoreFunction {
    Truthy,
}

pub struct OptionError {
    pub pointer: String,
    pub message: String,
}

pub struct FunctionContext<'v> {
    pub document: &'v Value,
    pub pointer: &'v str,
}

pub struct Failure {
    pub message: String,
    pub pointer: String,
}

impl CoreFunction {
    pub const NAMES: &'static [&'static str] = &["truthy"];

    pub fn compile(name: &str, options: Option<&Value>) -> Result<Option<CoreFunction>, OptionError> {
        let _ = options;
        Ok((name == "truthy").then_some(CoreFunction::Truthy))
    }

    pub fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let _ = context;
        match target {
            Some(Value::Bool(true)) => Vec::new(),
            _ => vec![Failure {
                message: "must be truthy".to_string(),
                pointer: String::new(),
            }],
        }
    }
}
