//! `asyncApi2OperationIdUniqueness`: no two operations of an AsyncAPI 2 document have the same
//! `operationId` (an operation's own, or the one its last trait gives it). Applied to the
//! document; each repetition is reported at the later `operationId`.

use super::asyncapi_operations::{operations, repeated};
use super::asyncapi_specs::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApi2OperationIdUniqueness", options)?;
    Ok(Box::new(OperationIdUniqueness))
}

#[derive(Debug)]
struct OperationIdUniqueness;

impl Apply for OperationIdUniqueness {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(document @ Value::Object(_)) = target else {
            return Vec::new();
        };
        repeated(
            document,
            operations(document),
            "operationId",
            "\"operationId\" must be unique across all the operations.",
        )
    }
}
