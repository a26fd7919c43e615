//! `asyncApiSecurity`: a security requirement of a server or an operation (`objectType`:
//! `Server` or `Operation`, for the message) names schemes of `components.securitySchemes`, and
//! for an OAuth 2 scheme only scopes one of its flows declares.

use super::asyncapi_specs::one_of;
use super::resolve;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, print};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    let object_type = one_of(
        "asyncApiSecurity",
        options,
        "objectType",
        &["Server", "Operation"],
    )?;
    Ok(Box::new(Security { object_type }))
}

#[derive(Debug)]
struct Security {
    object_type: &'static str,
}

const FLOWS: &[&str] = &[
    "implicit",
    "password",
    "clientCredentials",
    "authorizationCode",
];

impl Apply for Security {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(requirement)) = target else {
            return Vec::new();
        };
        // Spectral's input schema: each requirement is a list of scope names.
        let well_formed = requirement.values().all(|scopes| {
            scopes
                .as_array()
                .is_some_and(|scopes| scopes.iter().all(Value::is_string))
        });
        if !well_formed {
            return Vec::new();
        }
        // Schemes behind local `$ref`s are read where they point, as `oasSecurityDefined` reads
        // them (one that leads nowhere, or a map that does, is `unresolved-ref`'s to report).
        let document = context.document;
        let schemes = match document.pointer("/components/securitySchemes") {
            Some(written) => match resolve(document, written) {
                Some(schemes) => schemes.as_object(),
                None => return Vec::new(),
            },
            None => None,
        };
        let mut failures = Vec::new();
        for (name, scopes) in requirement {
            let written = schemes.and_then(|schemes| schemes.get(name));
            let scheme = written.and_then(|scheme| resolve(document, scheme));
            if written.is_none() {
                failures.push(Failure {
                    message: format!(
                        "{} must not reference an undefined security scheme.",
                        self.object_type
                    ),
                    pointer: print::join_pointer("", name),
                });
            }
            let Some(scheme) = scheme.filter(|scheme| scheme.get("type") == Some(&"oauth2".into()))
            else {
                continue;
            };
            let mut available: Vec<&str> = Vec::new();
            if let Some(Value::Object(flows)) = scheme.get("flows") {
                for flow in FLOWS {
                    if let Some(Value::Object(declared)) =
                        flows.get(flow).and_then(|flow| flow.get("scopes"))
                    {
                        for scope in declared.keys() {
                            if !available.contains(&scope.as_str()) {
                                available.push(scope);
                            }
                        }
                    }
                }
            }
            for (index, scope) in scopes.as_array().into_iter().flatten().enumerate() {
                if !scope
                    .as_str()
                    .is_some_and(|scope| available.contains(&scope))
                {
                    failures.push(Failure {
                        message: format!(
                            "Non-existing security scope for the specified security scheme. Available: [{}]",
                            available.join(", ")
                        ),
                        pointer: format!("{}/{index}", print::join_pointer("", name)),
                    });
                }
            }
        }
        failures
    }
}
