//! The `catalog` family: what Backstage leaves unchecked in a software catalog: references that
//! lead nowhere, APIs nobody provides, production components that lean on experimental ones.

mod unknown_entity;

pub use unknown_entity::UnknownEntity;
