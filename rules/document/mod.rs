//! The `document` family: is each file readable, and is each architecture document shaped as
//! archlint expects?

mod duplicate_key;
mod duplicate_service;
mod parse_error;
mod schema_violation;

pub use duplicate_key::DuplicateKey;
pub use duplicate_service::DuplicateService;
pub use parse_error::ParseError;
pub use schema_violation::SchemaViolation;
