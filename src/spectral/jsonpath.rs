//! JSONPath as Spectral rulesets write it.
