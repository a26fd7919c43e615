//! `asyncApi2MessageIdUniqueness`: no two messages of an AsyncAPI 2 document's operations have
//! the same `messageId` (a message's own, or the one its last trait gives it). Applied to the
//! document; each repetition is reported at the later `messageId`.

use super::asyncapi_operations::{messages, repeated};
use super::asyncapi_specs::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApi2MessageIdUniqueness", options)?;
    Ok(Box::new(MessageIdUniqueness))
}

#[derive(Debug)]
struct MessageIdUniqueness;

impl Apply for MessageIdUniqueness {
    fn apply(&self, target: Option<&Value>, _context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(document @ Value::Object(_)) = target else {
            return Vec::new();
        };
        repeated(
            document,
            messages(document),
            "messageId",
            "\"messageId\" must be unique across all the messages.",
        )
    }
}
