//! `serverVariables`: the variables a server's `url` names (`{port}`) are each described in its
//! `variables`, `variables` describes none the url does not name, and a variable's `default` is
//! one of its `enum`. Spectral's shared function, which `spectral:asyncapi` calls for each server
//! without options; `requireDefault: true` also asks each variable the url names for a
//! `default`. (`checkSubstitutions`, which `spectral:oas` sets, needs URL parsing and is the
//! `spectral:oas` side's.)

use super::asyncapi_channel_parameters::url_variables;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, print};
use serde_json::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let mistake = |pointer: &str, message: &str| {
        Err(vec![OptionError {
            pointer: pointer.to_string(),
            message: message.to_string(),
        }])
    };
    let mut require_default = false;
    match options {
        None => {}
        Some(Value::Object(map)) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("requireDefault", Value::Bool(flag)) => require_default = *flag,
                    ("checkSubstitutions", Value::Bool(false)) => {}
                    ("checkSubstitutions", Value::Bool(true)) => {
                        return mistake(
                            "/checkSubstitutions",
                            "\"checkSubstitutions\" is not supported by this build of \"serverVariables\"",
                        );
                    }
                    ("requireDefault" | "checkSubstitutions", _) => {
                        return mistake(
                            &format!("/{key}"),
                            &format!("\"{key}\" must be a boolean"),
                        );
                    }
                    _ => {
                        return mistake(
                            "",
                            &format!("\"serverVariables\" does not take the option \"{key}\""),
                        );
                    }
                }
            }
        }
        Some(_) => return mistake("", "\"serverVariables\" options must be an object"),
    }
    Ok(Box::new(ServerVariables { require_default }))
}

#[derive(Debug)]
struct ServerVariables {
    require_default: bool,
}

/// Whether `server` is what Spectral's input schema accepts: a textual `url`, and `variables`
/// a mapping of variables with only `enum` (texts), `default`, `description`, `examples` (texts)
/// and extensions.
fn well_formed(server: &serde_json::Map<String, Value>) -> bool {
    if !server.get("url").is_some_and(Value::is_string) {
        return false;
    }
    let Some(variables) = server.get("variables") else {
        return true;
    };
    let Value::Object(variables) = variables else {
        return false;
    };
    variables.values().all(|variable| {
        let Value::Object(variable) = variable else {
            return false;
        };
        variable.iter().all(|(key, value)| match key.as_str() {
            "enum" => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            "default" | "description" | "examples" => value.is_string(),
            other => other.starts_with("x-"),
        })
    })
}

impl Apply for ServerVariables {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(server)) = target else {
            return vec![Failure::here("Invalid Server Object".to_string())];
        };
        // A Reference Object: the server is judged where it is written.
        if server.contains_key("$ref") {
            return Vec::new();
        }
        if !well_formed(server) {
            return vec![Failure::here("Invalid Server Object".to_string())];
        }
        let url = server
            .get("url")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let named = url_variables(url);
        let variables = server.get("variables").and_then(Value::as_object);
        let defined: Vec<&String> = variables
            .map(|map| map.keys().collect())
            .unwrap_or_default();
        let mut failures = Vec::new();
        for name in defined.iter().filter(|name| !named.contains(name)) {
            failures.push(Failure {
                message: format!(
                    "Server's \"variables\" object has unused defined \"{name}\" url variable."
                ),
                pointer: print::join_pointer("/variables", name),
            });
        }
        if named.is_empty() {
            return failures;
        }
        let missing: Vec<&str> = named
            .iter()
            .filter(|name| !defined.contains(name))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            failures.push(Failure {
                message: format!(
                    "Not all server's variables are described with \"variables\" object. Missed: {}.",
                    missing.join(", ")
                ),
                pointer: "/variables".to_string(),
            });
        }
        let Some(variables) = variables else {
            return failures;
        };
        for (name, variable) in variables.iter().filter(|(name, _)| named.contains(name)) {
            let at = print::join_pointer("/variables", name);
            if let (Some(Value::Array(allowed)), Some(default)) =
                (variable.get("enum"), variable.get("default"))
                && !allowed.contains(default)
            {
                failures.push(Failure {
                    message: format!(
                        "Server Variable \"{name}\" has a default not listed in the enum."
                    ),
                    pointer: format!("{at}/default"),
                });
            }
            if self.require_default && variable.get("default").is_none() {
                failures.push(Failure {
                    message: format!("Server Variable \"{name}\" has a missing default."),
                    pointer: at,
                });
            }
        }
        failures
    }
}
