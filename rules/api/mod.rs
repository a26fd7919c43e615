//! The `api` family: OpenAPI documents, their references, and how they agree with the services
//! that own them.

mod external_ref;
mod unresolved_ref;

pub use external_ref::ExternalRef;
pub use unresolved_ref::UnresolvedRef;
