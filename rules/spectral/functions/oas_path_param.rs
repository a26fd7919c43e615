//! `oasPathParam`: the parameters of each path template (`/pets/{id}`) must be declared as
//! `in: path` parameters, with `required: true`, once each, and every declared path parameter
//! must appear in the template; no two templates may be the same but for their parameters' names,
//! and no template may use one parameter twice.
//!
//! A Path Item or parameter given as a local `$ref` is read where it points, and a finding about
//! it is reported at the reference (Spectral reports at the referenced parameter).

use super::{OPERATION_KEYS, no_options, pointer, resolve};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::{Map, Value};
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug)]
struct OasPathParam;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasPathParam", options)?;
    Ok(Box::new(OasPathParam))
}

/// Spectral's `pathRegex`: `{id}`, `{;id}`, `{?id}`, `{id*}`.
static TEMPLATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\{;?\??[a-zA-Z0-9_-]+\*?\}").expect("the template pattern compiles")
});

/// Declared path parameters of one level (path item or operation): name → relative pointer.
type Declared = Vec<(String, String)>;

/// Reads the `in: path` parameters of `parameters` (at `at`), reporting a missing `required`
/// and a repeated name. `complete` is cleared when a parameter is a `$ref` into another file
/// that the bundle left as written (a URL, past its budget): which parameters there are is then
/// not known here.
fn declared(
    document: &Value,
    parameters: Option<&Value>,
    at: &[&str],
    failures: &mut Vec<Failure>,
    complete: &mut bool,
) -> Declared {
    let mut found: Declared = Vec::new();
    let Some(Value::Array(parameters)) = parameters else {
        return found;
    };
    for (index, parameter) in parameters.iter().enumerate() {
        let Some(Value::Object(parameter)) = resolve(document, parameter) else {
            continue;
        };
        if parameter.contains_key("$ref") {
            *complete = false;
            continue;
        }
        if parameter.get("in").and_then(Value::as_str) != Some("path") {
            continue;
        }
        let Some(name) = parameter.get("name") else {
            continue;
        };
        let name = match name {
            Value::String(text) => text.to_string(),
            other => other.to_string(),
        };
        let index = index.to_string();
        let mut place: Vec<&str> = at.to_vec();
        place.extend(["parameters", &index]);
        let place = pointer(&place);
        if parameter.get("required") != Some(&Value::Bool(true)) {
            failures.push(Failure {
                message: format!(
                    "Path parameter \"{name}\" must have \"required\" property that is set to \"true\"."
                ),
                pointer: place.clone(),
            });
        }
        if found.iter().any(|(known, _)| *known == name) {
            failures.push(Failure {
                message: format!("Path parameter \"{name}\" must not be defined multiple times."),
                pointer: place,
            });
            continue;
        }
        found.push((name, place));
    }
    found
}

impl Apply for OasPathParam {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(paths)) = target else {
            return Vec::new();
        };
        let mut failures = Vec::new();
        let mut normalized: HashMap<String, &str> = HashMap::new();
        for (path, item) in paths {
            let Some(Value::Object(item)) = resolve(context.document, item) else {
                continue;
            };
            let key = TEMPLATE.replace_all(path, "%").into_owned();
            match normalized.get(&key) {
                Some(first) => failures.push(Failure {
                    message: format!("Paths \"{first}\" and \"{path}\" must not be equivalent."),
                    pointer: pointer(&[path]),
                }),
                None => {
                    normalized.insert(key, path);
                }
            }
            let mut elements: Vec<String> = Vec::new();
            for found in TEMPLATE.find_iter(path) {
                let name: String = found
                    .as_str()
                    .chars()
                    .filter(|c| !matches!(c, '{' | '}' | '?' | '*' | ';'))
                    .collect();
                if elements.contains(&name) {
                    failures.push(Failure {
                        message: format!(
                            "Path \"{path}\" must not use parameter \"{{{name}}}\" multiple times."
                        ),
                        pointer: pointer(&[path]),
                    });
                } else {
                    elements.push(name);
                }
            }
            let mut complete = true;
            let top = declared(
                context.document,
                item.get("parameters"),
                &[path],
                &mut failures,
                &mut complete,
            );
            let top = (top, complete);
            check_operations(context.document, path, item, &top, &elements, &mut failures);
        }
        failures
    }
}

fn check_operations(
    document: &Value,
    path: &str,
    item: &Map,
    (top, top_complete): &(Declared, bool),
    elements: &[String],
    failures: &mut Vec<Failure>,
) {
    for (method, operation) in item {
        let Value::Object(operation) = operation else {
            continue;
        };
        // An operation still a reference (to a URL, or one the bundle left as written; one in
        // another file, `get: {$ref: resources/get.yml}` as DigitalOcean writes them, is put in
        // place) declares its parameters there: nothing is known of them here.
        if !OPERATION_KEYS.contains(&method.as_str()) || operation.contains_key("$ref") {
            continue;
        }
        let mut complete = *top_complete;
        let own = declared(
            document,
            operation.get("parameters"),
            &[path, method],
            failures,
            &mut complete,
        );
        // `{ ...topParams, ...operationParams }`: the operation's declaration wins, in the
        // path item's order first.
        let mut defined: Vec<(String, String)> = top.clone();
        for (name, place) in own {
            match defined.iter_mut().find(|(known, _)| *known == name) {
                Some(entry) => entry.1 = place,
                None => defined.push((name, place)),
            }
        }
        for (name, place) in &defined {
            if !elements.contains(name) {
                failures.push(Failure {
                    message: format!("Parameter \"{name}\" must be used in path \"{path}\"."),
                    pointer: place.clone(),
                });
            }
        }
        for element in elements.iter().filter(|_| complete) {
            if !defined.iter().any(|(name, _)| name == element) {
                failures.push(Failure {
                    message: format!(
                        "Operation must define parameter \"{{{element}}}\" as expected by path \"{path}\"."
                    ),
                    pointer: pointer(&[path, method]),
                });
            }
        }
    }
}
