//! Spectral's special functions, native: the functions `spectral:oas` and `spectral:asyncapi`
//! call beyond the core ones. A ruleset calls them by the same names.
//!
//! Spectral runs these functions on a copy of the document with every `$ref` replaced by what it
//! names; archlint runs them on the document with its `$ref`s into other files replaced
//! ([`Bundle`](crate::spectral::bundle::Bundle)) and its local ones as written. A function that
//! needs the value behind a local `$ref` (a parameter, an example, a schema) follows it itself,
//! with [`resolve`], and reports at the place the reference is written.

mod asyncapi_channel_parameters;
mod asyncapi_channel_servers;
mod asyncapi_document_schema;
mod asyncapi_message_examples;
mod asyncapi_message_id_uniqueness;
mod asyncapi_operation_id_uniqueness;
mod asyncapi_operations;
mod asyncapi_payload_validation;
mod asyncapi_schema_validation;
mod asyncapi_security;
mod asyncapi_specs;
mod oas_discriminator;
mod oas_document_schema;
mod oas_example;
mod oas_op_form_data_consume_check;
mod oas_op_id_unique;
mod oas_op_params;
mod oas_op_success_response;
mod oas_path_param;
mod oas_schema;
mod oas_security_defined;
mod oas_tag_defined;
mod oas_unused_component;
mod ref_siblings;
mod server_variables;
mod typed_enum;
mod uniqueness_tags;

use crate::spectral::functions::print::join_pointer;
use crate::spectral::functions::{NativeFunction, OptionError};
use crate::value::{Map, Value};

/// Every native function, by the name a ruleset calls it.
pub static NATIVE: &[NativeFunction] = &[
    NativeFunction {
        name: "oasDiscriminator",
        compile: oas_discriminator::compile,
    },
    NativeFunction {
        name: "oasDocumentSchema",
        compile: oas_document_schema::compile,
    },
    NativeFunction {
        name: "oasExample",
        compile: oas_example::compile,
    },
    NativeFunction {
        name: "oasOpFormDataConsumeCheck",
        compile: oas_op_form_data_consume_check::compile,
    },
    NativeFunction {
        name: "oasOpIdUnique",
        compile: oas_op_id_unique::compile,
    },
    NativeFunction {
        name: "oasOpParams",
        compile: oas_op_params::compile,
    },
    NativeFunction {
        name: "oasOpSuccessResponse",
        compile: oas_op_success_response::compile,
    },
    NativeFunction {
        name: "oasPathParam",
        compile: oas_path_param::compile,
    },
    NativeFunction {
        name: "oasSchema",
        compile: oas_schema::compile,
    },
    NativeFunction {
        name: "oasSecurityDefined",
        compile: oas_security_defined::compile,
    },
    NativeFunction {
        name: "oasTagDefined",
        compile: oas_tag_defined::compile,
    },
    NativeFunction {
        name: "oasUnusedComponent",
        compile: oas_unused_component::compile,
    },
    NativeFunction {
        name: "refSiblings",
        compile: ref_siblings::compile,
    },
    NativeFunction {
        name: "serverVariables",
        compile: server_variables::compile,
    },
    NativeFunction {
        name: "typedEnum",
        compile: typed_enum::compile,
    },
    NativeFunction {
        name: "uniquenessTags",
        compile: uniqueness_tags::compile,
    },
    // spectral:asyncapi (`serverVariables` and `uniquenessTags` above serve it too)
    NativeFunction {
        name: "asyncApi2ChannelServers",
        compile: asyncapi_channel_servers::compile,
    },
    NativeFunction {
        name: "asyncApi2MessageExamplesValidation",
        compile: asyncapi_message_examples::compile,
    },
    NativeFunction {
        name: "asyncApi2MessageIdUniqueness",
        compile: asyncapi_message_id_uniqueness::compile,
    },
    NativeFunction {
        name: "asyncApi2OperationIdUniqueness",
        compile: asyncapi_operation_id_uniqueness::compile,
    },
    NativeFunction {
        name: "asyncApiChannelParameters",
        compile: asyncapi_channel_parameters::compile,
    },
    NativeFunction {
        name: "asyncApiDocumentSchema",
        compile: asyncapi_document_schema::compile,
    },
    NativeFunction {
        name: "asyncApiPayloadValidation",
        compile: asyncapi_payload_validation::compile,
    },
    NativeFunction {
        name: "asyncApiSchemaValidation",
        compile: asyncapi_schema_validation::compile,
    },
    NativeFunction {
        name: "asyncApiSecurity",
        compile: asyncapi_security::compile,
    },
];

/// For the functions that take no options: Spectral accepts only `null`.
fn no_options(function: &str, options: Option<&Value>) -> Result<(), Vec<OptionError>> {
    match options {
        None | Some(Value::Null) => Ok(()),
        Some(_) => Err(vec![OptionError {
            pointer: String::new(),
            message: format!("\"{function}\" takes no options"),
        }]),
    }
}

/// How many local `$ref`s in a row [`resolve`] follows before it gives up (a cycle, or a chain no
/// document needs).
const MAX_HOPS: usize = 32;

/// `value`, or what its local `$ref` (`#/components/parameters/id`) names in `document`, followed
/// until a value that is no local reference; `None` when a reference names nothing or the chain
/// loops. A reference into another file is left as written.
pub(crate) fn resolve<'v>(document: &'v Value, value: &'v Value) -> Option<&'v Value> {
    let mut current = value;
    for _ in 0..MAX_HOPS {
        match local_ref(current) {
            Some(pointer) => current = pointer_value(document, &pointer)?,
            None => return Some(current),
        }
    }
    None
}

/// What the local Reference Object `value` names, through references to references: its
/// pointer and its value; `None` for no local reference, or one that leads nowhere or round.
pub(crate) fn named<'v>(document: &'v Value, value: &'v Value) -> Option<(String, &'v Value)> {
    let mut pointer = local_ref(value)?;
    let mut current = pointer_value(document, &pointer)?;
    for _ in 0..MAX_HOPS {
        match local_ref(current) {
            Some(next) => {
                current = pointer_value(document, &next)?;
                pointer = next;
            }
            None => return Some((pointer, current)),
        }
    }
    None
}

/// Whether `value` is a Reference Object into another file (`$ref: resources/get.yml`) that the
/// [`Bundle`](crate::spectral::bundle::Bundle) left as written (a URL, a cycle): Spectral reads
/// it resolved, and archlint passes it over.
pub(crate) fn external_ref(value: &Value) -> bool {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .is_some_and(|reference| !reference.starts_with('#'))
}

/// The JSON pointer a local `$ref` names (`#/a/b` is `/a/b`, percent escapes decoded).
pub(crate) fn local_ref(value: &Value) -> Option<String> {
    crate::schema_verdict::local_pointer(value.get("$ref")?.as_str()?)
}

/// The value at `pointer` in `document`.
pub(crate) fn pointer_value<'v>(document: &'v Value, pointer: &str) -> Option<&'v Value> {
    crate::load::document::value_at(document, pointer)
}

/// The operation keys of a Path Item, as Spectral's `getAllOperations` knows them.
pub(crate) const OPERATION_KEYS: [&str; 8] = [
    "get", "head", "post", "put", "patch", "delete", "options", "trace",
];

/// Every operation of a `paths` object: (path, method, operation), in document order. A Path
/// Item or an operation written as a local `$ref` is read where it points, as Spectral reads the
/// resolved document, a finding's pointer through it naming the reference's place; the
/// operations written beside a Path Item's `$ref` are its own too (the specification merges
/// them), before those of what it names.
pub(crate) fn operations<'v>(
    document: &'v Value,
    paths: &'v Value,
) -> Vec<(&'v str, &'v str, &'v Map)> {
    let mut found = Vec::new();
    let Value::Object(paths) = paths else {
        return found;
    };
    for (path, item) in paths {
        let Value::Object(written) = item else {
            continue;
        };
        let named = match resolve(document, item) {
            Some(Value::Object(named)) if !std::ptr::eq(named, written) => Some(named),
            _ => None,
        };
        // With a `$ref`: the members written beside it, then those of what it names.
        let written_beside = named.is_some().then_some(written).into_iter().flatten();
        let members = written_beside.chain(named.unwrap_or(written));
        let mut methods: Vec<&str> = Vec::new();
        for (method, operation) in members {
            if let Some(Value::Object(operation)) = resolve(document, operation)
                && OPERATION_KEYS.contains(&method.as_str())
                && !methods.contains(&method.as_str())
            {
                methods.push(method.as_str());
                found.push((path.as_str(), method.as_str(), operation));
            }
        }
    }
    found
}

/// A pointer from segments: `pointer(&["paths", "/a", "get"])` is `/paths/~1a/get`.
pub(crate) fn pointer(segments: &[&str]) -> String {
    segments.iter().fold(String::new(), |pointer, segment| {
        join_pointer(&pointer, segment)
    })
}

/// A pointer from the document's root, as a [`Failure`](crate::spectral::functions::Failure)
/// writes one.
pub(crate) fn absolute(pointer: &str) -> String {
    format!("#{pointer}")
}
