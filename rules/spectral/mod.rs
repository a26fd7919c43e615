//! Spectral's own rulesets, `spectral:oas` and `spectral:asyncapi`, built in: the rules that are
//! a `given` and a core function are data (`oas.yaml`, `asyncapi.yaml`, embedded in the binary
//! and read by the same loader as a user's ruleset); the rules that need Spectral's special
//! functions call native ones (`functions/`), which any ruleset may call by the same names.

pub mod functions;

/// A ruleset built into archlint, as a ruleset names it in `extends`.
pub struct BuiltInRuleset {
    pub name: &'static str,
    pub family: crate::rules::Family,
    pub text: &'static str,
    /// archlint's own rules that do the job of rules of this ruleset, under their Spectral names
    /// (not redefined in `text`): `[NAME, off]` in `extends` turns them off too.
    pub own_rules: &'static [&'static str],
}

pub const RULESETS: &[BuiltInRuleset] = &[
    BuiltInRuleset {
        name: "spectral:oas",
        family: crate::rules::Family::Oas,
        text: include_str!("oas.yaml"),
        own_rules: &["oas3-schema"],
    },
    BuiltInRuleset {
        name: "spectral:asyncapi",
        family: crate::rules::Family::Asyncapi,
        text: include_str!("asyncapi.yaml"),
        own_rules: &[],
    },
];
