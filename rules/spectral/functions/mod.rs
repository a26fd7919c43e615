//! Spectral's special functions, native: the functions `spectral:oas` and `spectral:asyncapi`
//! call beyond the core ones. A ruleset calls them by the same names.

use crate::spectral::functions::NativeFunction;

/// Every native function, by the name a ruleset calls it.
pub static NATIVE: &[NativeFunction] = &[];
