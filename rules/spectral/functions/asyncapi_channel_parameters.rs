//! `asyncApiChannelParameters`: the parameters a channel's address names (`{userId}`) are each
//! described in its `parameters`, and `parameters` describes none it does not name. The address
//! is the channel's key in AsyncAPI 2 and its `address` in AsyncAPI 3.

use super::asyncapi_specs::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, print};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApiChannelParameters", options)?;
    Ok(Box::new(ChannelParameters))
}

#[derive(Debug)]
struct ChannelParameters;

/// The names between braces in `address` (`{userId}`), in order, as Spectral's
/// `parseUrlVariables` reads them.
pub(super) fn url_variables(address: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = address;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        // At least one character between the braces, the shortest match.
        let Some(close) = after.char_indices().skip(1).find(|(_, c)| *c == '}') else {
            break;
        };
        names.push(after[..close.0].to_string());
        rest = &after[close.0 + 1..];
    }
    names
}

impl Apply for ChannelParameters {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        // Spectral judges the document with its references followed: a channel, or a channel's
        // whole `parameters`, may be a local reference (reported at the reference).
        let resolve = |value| super::resolve(context.document, value);
        let Some(Value::Object(channel)) = target.and_then(resolve) else {
            return Vec::new();
        };
        // Spectral's input schema: `parameters` is required and a mapping, else nothing is said.
        let Some(Value::Object(parameters)) = channel.get("parameters").and_then(resolve) else {
            return Vec::new();
        };
        let address = match channel.get("address") {
            Some(Value::String(address)) => address.to_string(),
            Some(Value::Null) | None => print::segments(context.pointer).pop().unwrap_or_default(),
            // A non-string address is not read as one.
            Some(_) => return Vec::new(),
        };
        let named = url_variables(&address);
        if named.is_empty() {
            return Vec::new();
        }
        let mut failures = Vec::new();
        let missing: Vec<&str> = named
            .iter()
            .filter(|name| !parameters.contains_key(name.as_str()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            failures.push(Failure {
                message: format!(
                    "Not all channel's parameters are described with \"parameters\" object. Missed: {}.",
                    missing.join(", ")
                ),
                pointer: "/parameters".to_string(),
            });
        }
        for name in parameters
            .keys()
            .filter(|name| !named.iter().any(|known| known == *name))
        {
            failures.push(Failure {
                message: format!(
                    "Channel's \"parameters\" object has redundant defined \"{name}\" parameter."
                ),
                pointer: print::join_pointer("/parameters", name),
            });
        }
        failures
    }
}
