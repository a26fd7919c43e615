//! Spectral's special functions, native: the functions `spectral:oas` and `spectral:asyncapi`
//! call beyond the core ones. A ruleset calls them by the same names.

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
mod asyncapi_server_variables;
mod asyncapi_specs;
mod asyncapi_uniqueness_tags;

use crate::spectral::functions::NativeFunction;

/// Every native function, by the name a ruleset calls it.
pub static NATIVE: &[NativeFunction] = &[
    // spectral:asyncapi
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
    // Shared with spectral:oas (one of the two implementations stays when both sides meet).
    NativeFunction {
        name: "serverVariables",
        compile: asyncapi_server_variables::compile,
    },
    NativeFunction {
        name: "uniquenessTags",
        compile: asyncapi_uniqueness_tags::compile,
    },
];
