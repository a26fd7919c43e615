//! The `api` family: OpenAPI documents, their references, and how they agree with the services
//! that own them.

mod api_drift;
mod deprecated_without_sunset;
mod error_responses;
mod external_ref;
mod non_string_key;
mod nonstandard_ref;
mod oas3_schema;
mod operation_security;
mod unbundled_ref;
mod undocumented_api;
mod unresolved_ref;
mod unversioned_api;

pub use api_drift::ApiDrift;
pub use deprecated_without_sunset::DeprecatedWithoutSunset;
pub use error_responses::ErrorResponses;
pub use external_ref::ExternalRef;
pub use non_string_key::NonStringKey;
pub use nonstandard_ref::NonstandardRef;
pub use oas3_schema::Oas3Schema;
pub use operation_security::OperationSecurity;
pub use unbundled_ref::UnbundledRef;
pub use undocumented_api::UndocumentedApi;
pub use unresolved_ref::UnresolvedRef;
pub use unversioned_api::UnversionedApi;
