//! `serverVariables`: a Server Object's `{variables}` must each be described under `variables`,
//! and each described variable used in the `url`. Options: `requireDefault` (each used variable
//! needs a `default`) and `checkSubstitutions` (every URL the variables' `enum` values, else their
//! `default`, substitute must be a valid URL; the first 10 000 substitutions are tried).
//! Messages as Spectral's: `Not all server's variables are described with "variables" object.
//! Missed: port.`, `Server's "variables" object has unused defined "env" url variable.`, `Server
//! Variable "env" has a missing default.`, `Server Variable "env" has a default not listed in the
//! enum.`, `A few substitutions of server variables resulted in invalid URLs: ...`.
//!
//! A URL is judged valid as the WHATWG URL parser (JavaScript's `new URL`) judges an absolute
//! URL, as far as it matters here: a scheme, and for the special schemes (`http`, `https`, `ws`,
//! `wss`, `ftp`) a host without forbidden characters and a numeric port below 65536.

use super::{local_ref, resolve};
use crate::spectral::functions::print::{self, join_pointer};
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::{Map, Value};
use percent_encoding::utf8_percent_encode;

#[derive(Debug)]
struct ServerVariables {
    check_substitutions: bool,
    require_default: bool,
}

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let map = match options {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => {
            return Err(vec![OptionError {
                pointer: String::new(),
                message: "\"serverVariables\" options must be an object".to_owned(),
            }]);
        }
    };
    let mut mistakes = Vec::new();
    let mut flag = |name: &str| match map.get(name) {
        None => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            mistakes.push(OptionError {
                pointer: format!("/{name}"),
                message: format!("\"{name}\" must be a boolean"),
            });
            false
        }
    };
    let check_substitutions = flag("checkSubstitutions");
    let require_default = flag("requireDefault");
    for unknown in map
        .keys()
        .filter(|key| !matches!(key.as_str(), "checkSubstitutions" | "requireDefault"))
    {
        mistakes.push(OptionError {
            pointer: format!("/{unknown}"),
            message: format!("\"serverVariables\" does not take \"{unknown}\""),
        });
    }
    if !mistakes.is_empty() {
        return Err(mistakes);
    }
    Ok(Box::new(ServerVariables {
        check_substitutions,
        require_default,
    }))
}

/// How many substituted URLs are tried at most.
const MAX_SUBSTITUTIONS: usize = 10_000;

/// Spectral's `parseUrlVariables`: the text of each `{...}`, shortest first.
fn url_variables(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        // `.+?`: at least one character before the closing brace.
        let Some(close) = after
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '}')
            .map(|(index, _)| index)
        else {
            break;
        };
        found.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    found
}

impl Apply for ServerVariables {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(server)) = target else {
            return Vec::new();
        };
        let Some(Value::String(url)) = server.get("url") else {
            return Vec::new();
        };
        let variables = match server.get("variables") {
            Some(Value::Object(variables)) => Some(variables),
            Some(_) => return Vec::new(),
            None => None,
        };
        let mut failures = Vec::new();
        let found = url_variables(url);
        let defined: Vec<&str> = variables
            .map(|map| map.keys().map(|name| name.as_str()).collect())
            .unwrap_or_default();
        let at_variable = |name: &str| join_pointer("/variables", name);
        for name in defined
            .iter()
            .filter(|name| !found.iter().any(|used| used == **name))
        {
            failures.push(Failure {
                message: format!(
                    "Server's \"variables\" object has unused defined \"{name}\" url variable."
                ),
                pointer: at_variable(name),
            });
        }
        if found.is_empty() {
            return failures;
        }
        let missing: Vec<&str> = found
            .iter()
            .filter(|name| !defined.contains(&name.as_str()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            failures.push(Failure {
                message: format!(
                    "Not all server's variables are described with \"variables\" object. Missed: {}.",
                    missing.join(", ")
                ),
                pointer: "/variables".to_owned(),
            });
        }
        let Some(variables) = variables else {
            return failures;
        };
        let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
        for (name, variable) in variables {
            if !found.iter().any(|variable| variable == name) {
                continue;
            }
            // A variable used by a local reference (AsyncAPI's `components.serverVariables`) is
            // the one it names, and what is wrong with it is reported at the reference.
            let referenced = local_ref(variable).is_some();
            let Some(variable) = resolve(context.document, variable) else {
                continue;
            };
            let at_member = |member: &str| match referenced {
                true => at_variable(name),
                false => format!("{}/{member}", at_variable(name)),
            };
            let default = variable.get("default");
            let text = |value: &Value| match value {
                Value::String(text) => text.to_string(),
                other => other.to_string(),
            };
            if let Some(Value::Array(values)) = variable.get("enum") {
                pairs.push((name.to_string(), values.iter().map(text).collect()));
                if let Some(default) = default
                    && !values.contains(default)
                {
                    failures.push(Failure {
                        message: format!(
                            "Server Variable \"{name}\" has a default not listed in the enum."
                        ),
                        pointer: at_member("default"),
                    });
                }
            } else if let Some(default) = default {
                pairs.push((name.to_string(), vec![text(default)]));
            } else {
                pairs.push((name.to_string(), Vec::new()));
            }
            if default.is_none() && self.require_default {
                failures.push(Failure {
                    message: format!("Server Variable \"{name}\" has a missing default."),
                    pointer: at_variable(name),
                });
            }
        }
        if self.check_substitutions
            && let Some(failure) = check_substitutions(url, &pairs)
        {
            failures.push(failure);
        }
        failures
    }
}

/// Every URL the variables substitute (each `{name}` replaced by each of its values, encoded as
/// `encodeURI` does), up to the fifth invalid one.
fn check_substitutions(url: &str, variables: &[(String, Vec<String>)]) -> Option<Failure> {
    if variables.is_empty() {
        return None;
    }
    let variables: Vec<(String, Vec<String>)> = variables
        .iter()
        .map(|(name, values)| {
            let values = values
                .iter()
                .map(|value| utf8_percent_encode(value, print::ENCODE_URI).to_string())
                .collect();
            (format!("{{{name}}}"), values)
        })
        .collect();
    let mut invalid = Vec::new();
    let mut tried = 0;
    substitute(url, &variables, &mut |candidate| {
        tried += 1;
        if !is_valid_url(&candidate) {
            invalid.push(candidate);
        }
        invalid.len() < 5 && tried < MAX_SUBSTITUTIONS
    });
    let message = match invalid.len() {
        0 => return None,
        5 => format!(
            "At least 5 substitutions of server variables resulted in invalid URLs: {} and more",
            invalid.join(", ")
        ),
        _ => format!(
            "A few substitutions of server variables resulted in invalid URLs: {}",
            invalid.join(", ")
        ),
    };
    Some(Failure {
        message,
        pointer: "/variables".to_owned(),
    })
}

/// Calls `visit` with each substitution, in Spectral's order, while it returns true; returns
/// whether to go on.
fn substitute(
    url: &str,
    variables: &[(String, Vec<String>)],
    visit: &mut dyn FnMut(String) -> bool,
) -> bool {
    let Some(((name, values), rest)) = variables.split_first() else {
        return visit(url.to_owned());
    };
    for value in values {
        if !substitute(&url.replace(name.as_str(), value), rest, visit) {
            return false;
        }
    }
    true
}

/// Whether JavaScript's `new URL(text)` accepts `text`, as far as a server URL goes.
fn is_valid_url(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c <= ' ');
    let Some(colon) = text.find(':') else {
        return false;
    };
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let special = matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "ws" | "wss" | "ftp"
    );
    if !special {
        return true;
    }
    let rest = text[colon + 1..].trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(inner) = host_port.strip_prefix('[') {
        match inner.split_once(']') {
            Some((_, after)) => ("ipv6", after.strip_prefix(':')),
            None => return false,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    let forbidden = |c: char| {
        c <= ' '
            || c == '\u{7f}'
            || matches!(
                c,
                '#' | '%' | '/' | ':' | '<' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '|'
            )
    };
    // The host is read percent-decoded (`%7Bname%7D` is `{name}`, which a host may hold); a `%`
    // that decodes nothing stays, and is refused.
    let Ok(host) = percent_encoding::percent_decode_str(host).decode_utf8() else {
        return false;
    };
    if host.is_empty() || host.chars().any(forbidden) {
        return false;
    }
    match port {
        None | Some("") => true,
        Some(port) => {
            port.chars().all(|c| c.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|port| port < 65536)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_as_javascript_judges_them() {
        assert!(is_valid_url("https://stoplight.io:443/v1"));
        assert!(is_valid_url("https://stoplight.io"));
        assert!(!is_valid_url("https://stoplight.io:invalid%20port"));
        assert!(!is_valid_url("stoplight"));
        assert!(!is_valid_url("http.test"));
        assert!(is_valid_url("urn:isbn:1"));
        // `encodeURI` of a default that is itself a placeholder (DigitalOcean's agent URL)
        assert!(is_valid_url("https://%7Byour-agent-url%7D"));
        assert!(!is_valid_url("https://a%zzb"));
        assert!(!is_valid_url("https://a%2Fb"));
    }

    #[test]
    fn variables_of_a_url() {
        assert_eq!(url_variables("{a}://x{b}/{}"), ["a", "b"]);
    }
}
