//! The `document` family: is each file readable, and is each architecture document shaped as
//! archlint expects?

mod duplicate_key;
mod duplicate_service;
mod parse_error;
mod schema_violation;
mod unused_suppression;

pub use duplicate_key::DuplicateKey;
pub use duplicate_service::DuplicateService;
pub use parse_error::ParseError;
pub use schema_violation::SchemaViolation;
pub use unused_suppression::UnusedSuppression;
