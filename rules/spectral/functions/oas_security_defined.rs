//! `oasSecurityDefined`: each scheme a Security Requirement names must be defined
//! (`securityDefinitions` in OpenAPI 2, `components.securitySchemes` in 3), and each scope it
//! lists must be one of that scheme's scopes (OpenAPI 2 `scopes`, 3 any flow's `scopes`).
//! Option: `oasVersion` (2 or 3). Messages: `API "security" values must match a scheme defined
//! in the "components.securitySchemes" object.` (`Operation` for an operation's requirement), at
//! the scheme's name; `"read" must be listed among scopes.`, at the scope. Where Spectral asks
//! every scheme for its scopes, archlint asks only OAuth 2.0 schemes (and those of no known
//! type): an OpenID Connect scheme's scopes are its provider's, listed in the discovery
//! document, not in the description; any other scheme's list names roles under OpenAPI 3.1 and
//! later (defined nowhere, as the specification says), and under 2.0 and 3.0 must be empty,
//! which the message then says.

use super::resolve;
use crate::spectral::formats::Format;
use crate::spectral::functions::print::join_pointer;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

#[derive(Debug)]
struct OasSecurityDefined {
    version: u8,
}

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let mistake = |pointer: &str, message: &str| {
        Err(vec![OptionError {
            pointer: pointer.to_owned(),
            message: message.to_owned(),
        }])
    };
    let Some(Value::Object(map)) = options else {
        return mistake(
            "",
            "\"oasSecurityDefined\" needs options, e.g. { \"oasVersion\": 3 }",
        );
    };
    if let Some(unknown) = map.keys().find(|key| *key != "oasVersion") {
        return mistake(
            &format!("/{unknown}"),
            &format!("\"oasSecurityDefined\" does not take \"{unknown}\""),
        );
    }
    match map.get("oasVersion").and_then(Value::as_u64) {
        Some(version @ (2 | 3)) => Ok(Box::new(OasSecurityDefined {
            version: version as u8,
        })),
        _ => mistake("/oasVersion", "\"oasVersion\" must be 2 or 3"),
    }
}

impl Apply for OasSecurityDefined {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(requirement)) = target else {
            return Vec::new();
        };
        // Spectral's input schema: every value a list of strings.
        let valid = requirement.values().all(|scopes| {
            scopes
                .as_array()
                .is_some_and(|scopes| scopes.iter().all(Value::is_string))
        });
        if requirement.is_empty() || !valid || !context.document.is_object() {
            return Vec::new();
        }
        let definitions = if self.version == 2 {
            context.document.get("securityDefinitions")
        } else {
            context
                .document
                .get("components")
                .and_then(|components| components.get("securitySchemes"))
        };
        // Schemes written as local `$ref`s (`oauth: {$ref: '#/x-oauth'}`) are read where they
        // point, as the ones in another file are read in the bundle: Spectral looks them up as
        // written, and finds neither a scheme's scopes nor, for a `$ref`ed map, its names. One
        // that leads nowhere is `unresolved-ref`'s to report, and so is a map that does: what
        // it holds is not known.
        let definitions = match definitions {
            Some(written) => match resolve(context.document, written) {
                Some(definitions) => Some(definitions),
                None => return Vec::new(),
            },
            None => None,
        };
        let mut failures = Vec::new();
        // `$.security[*]` has two segments: the document's requirement.
        let object = if context.pointer.matches('/').count() == 2 {
            "API"
        } else {
            "Operation"
        };
        let location = if self.version == 2 {
            "securityDefinitions"
        } else {
            "components.securitySchemes"
        };
        for (name, scopes) in requirement {
            let Some(scheme) = definitions
                .and_then(Value::as_object)
                .and_then(|definitions| definitions.get(name))
            else {
                failures.push(Failure {
                    message: format!(
                        "{object} \"security\" values must match a scheme defined in the \"{location}\" object."
                    ),
                    pointer: join_pointer("", name),
                });
                continue;
            };
            let Some(scheme) = resolve(context.document, scheme) else {
                continue;
            };
            let scheme_type = scheme.get("type").and_then(Value::as_str);
            for (index, scope) in scopes.as_array().into_iter().flatten().enumerate() {
                let scope = scope.as_str().unwrap_or_default();
                let message = match scheme_type {
                    // Its scopes are the provider's, listed in its discovery document, not here.
                    Some("openIdConnect") => continue,
                    // OpenAPI 3.1 and later let any other scheme name roles, defined nowhere.
                    Some(other) if has_no_scopes(other) && takes_roles(context.formats) => {
                        continue;
                    }
                    Some(other) if has_no_scopes(other) => format!(
                        "\"{scope}\": a scheme of type \"{other}\" has no scopes, its list must be empty."
                    ),
                    _ if self.scope_defined(scope, scheme) => continue,
                    _ => format!("\"{scope}\" must be listed among scopes."),
                };
                failures.push(Failure {
                    message,
                    pointer: format!("{}/{index}", join_pointer("", name)),
                });
            }
        }
        failures
    }
}

/// Whether a scheme of type `name` is one the specifications give no scopes: not OAuth 2.0, nor a
/// type the specifications do not know (`OAuth2` is a mistake of `oauth2`'s, whose scopes are
/// still asked for).
fn has_no_scopes(name: &str) -> bool {
    matches!(name, "apiKey" | "http" | "mutualTLS" | "basic")
}

/// Whether a requirement may list role names for a scheme other than OAuth 2.0 and OpenID
/// Connect: OpenAPI 3.1 and later say it may; 2.0 and 3.0 that the list must be empty.
fn takes_roles(formats: &[Format]) -> bool {
    formats.contains(&Format::Oas3_1) || formats.contains(&Format::Oas3_2)
}

impl OasSecurityDefined {
    fn scope_defined(&self, scope: &str, scheme: &Value) -> bool {
        let has = |scopes: Option<&Value>| {
            scopes
                .and_then(Value::as_object)
                .is_some_and(|scopes| scopes.contains_key(scope))
        };
        if self.version == 2 {
            return has(scheme.get("scopes"));
        }
        scheme
            .get("flows")
            .and_then(Value::as_object)
            .is_some_and(|flows| flows.values().any(|flow| has(flow.get("scopes"))))
    }
}
