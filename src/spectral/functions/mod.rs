//! The core functions of Spectral rulesets.
