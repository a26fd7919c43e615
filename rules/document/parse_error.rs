use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use crate::source::Span;

declare_rule! {
    /// ## What it reports
    /// A file that archlint cannot read as YAML or JSON: a syntax error, bytes that are not
    /// UTF-8, a binary file, a path the walk cannot read (a symbolic link loop), or a file over a
    /// safety limit (size, nesting depth, YAML alias expansion). The diagnostic points at the
    /// exact position, with a hint where the usual fix is known.
    ///
    /// ## Why it matters
    /// A file that does not parse says nothing about the architecture: every rule that needs it
    /// is silently blind. Other tools often skip such files; archlint never does.
    ///
    /// ## Example
    /// ```yaml
    /// non_functional_requirements:
    ///   maintainability:
    ///     - Code coverage: > 80%
    /// ```
    /// `>` at the start of a value begins a folded block scalar in YAML, so `80%` cannot follow it.
    ///
    /// ## Fix
    /// Quote the value: `- Code coverage: "> 80%"`. For limits, see `limits` in the configuration
    /// (`max_file_size`, `max_depth`, `max_alias_nodes`).
    ///
    /// ## Options
    /// None.
    pub struct ParseError {
        name: "parse-error",
        family: Document,
        severity: Error,
        summary: "a file that is not valid YAML/JSON, not UTF-8, or over a safety limit",
    }
}

impl Rule for ParseError {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .workspace
            .failures
            .iter()
            .map(|(file, failure)| {
                let finding = Finding::new(
                    Self::NAME,
                    Span::new(*file, failure.range.clone()),
                    failure.message.clone(),
                )
                .note("nothing in this file is checked until it loads");
                match &failure.hint {
                    Some(hint) => finding.help(hint.clone()),
                    None => finding,
                }
            })
            .collect()
    }
}
