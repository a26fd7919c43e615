//! Spectral rulesets, read as they are written: JSONPath `given`s, core functions, and the
//! rulesets that combine them, run by the same engine as archlint's built-in rules.

pub(crate) mod ajv_formats;
pub mod bundle;
pub mod formats;
pub mod functions;
pub mod jsonpath;
pub mod pattern;
mod rule;
pub mod ruleset;
pub mod shared;
pub mod siblings;
