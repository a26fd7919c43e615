//! The `catalog` family: what Backstage leaves unchecked in a software catalog: references that
//! lead nowhere, APIs nobody provides, production components that lean on experimental ones.

mod api_not_provided;
mod lifecycle_dependency;
mod unknown_entity;

pub use api_not_provided::ApiNotProvided;
pub use lifecycle_dependency::LifecycleDependency;
pub use unknown_entity::UnknownEntity;
