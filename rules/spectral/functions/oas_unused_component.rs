//! `oasUnusedComponent`: each member of `components` (schemas, responses, parameters, examples,
//! requestBodies, headers, links, callbacks) must be named by some `$ref`: a local one of the
//! document, or one written in another file of the run (or in this one by its file name), as
//! `unreferencedReusableObject` judges one location. Message: `Potential orphaned reusable
//! object has been detected`, at each unused component. The document's references are collected
//! once for all eight locations.

use super::{absolute, no_options, pointer};
use crate::spectral::functions::{
    Apply, Failure, FunctionContext, OptionError, is_reference_in_place, local_references,
};
use crate::value::Value;

#[derive(Debug)]
struct OasUnusedComponent;

pub(super) fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("oasUnusedComponent", options)?;
    Ok(Box::new(OasUnusedComponent))
}

const TYPES: [&str; 8] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
];

impl Apply for OasUnusedComponent {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(components)) = target.and_then(|target| target.get("components"))
        else {
            return Vec::new();
        };
        let referenced = local_references(context.document, context.large);
        let mut failures = Vec::new();
        for kind in TYPES {
            let Some(Value::Object(members)) = components.get(kind) else {
                continue;
            };
            for (name, member) in members {
                if is_reference_in_place(name, member) {
                    continue;
                }
                let place = vec!["components".to_owned(), kind.to_owned(), name.to_string()];
                let elsewhere = context
                    .inbound
                    .is_some_and(|inbound| inbound.contains(&place));
                if !referenced.name(&place, member) && !elsewhere {
                    failures.push(Failure {
                        message: "Potential orphaned reusable object has been detected".to_owned(),
                        pointer: absolute(&format!(
                            "{}{}",
                            context.pointer,
                            pointer(&["components", kind, name])
                        )),
                    });
                }
            }
        }
        failures
    }
}
