use crate::diagnostic::Finding;
use crate::load::kind::DocumentKind;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A key of a YAML OpenAPI or AsyncAPI description (or of a file one reaches through a
    /// `$ref`) written plain where YAML reads it as no string: a number (`200:`), a boolean
    /// (`true:`, `false:`) or null (`~:`, `null:`). Spectral's parser reports the same key
    /// ("Mapping key must be a string scalar").
    ///
    /// ## Why it matters
    /// A JSON key is always a string, and an API description is read as JSON: OpenAPI says a
    /// response code "MUST be enclosed in quotation marks (for example, "200") for
    /// compatibility between JSON and YAML". A tool that loads YAML with its types (PyYAML,
    /// SnakeYAML, most code generators' loaders) reads the number `200`, not the code `"200"`,
    /// and finds no response `"200"`. archlint reads every key as the text written, so its own
    /// rules judge the description as intended all the same; this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// responses:
    ///   200:
    ///     description: The order
    /// ```
    ///
    /// ## Fix
    /// Quote the key: `'200':`.
    ///
    /// ## Options
    /// None.
    pub struct NonStringKey {
        name: "non-string-key",
        family: Api,
        severity: Warning,
        summary: "a YAML key of an API description that YAML reads as a number, a boolean or null (`200:`), not a string",
    }
}

impl Rule for NonStringKey {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let descriptions = workspace.documents.iter().filter(|document| {
            matches!(
                document.kind,
                DocumentKind::OpenApi | DocumentKind::AsyncApi
            )
        });
        descriptions
            .chain(workspace.referenced_unclassified())
            .flat_map(|document| {
                document.non_string_keys.iter().map(move |key| {
                    Finding::new(
                        Self::NAME,
                        document.span(&key.range),
                        format!("key `{}` is {} in YAML, not a string", key.key, key.reads_as),
                    )
                    .note("a JSON key is always a string; a loader that keeps YAML's types (PyYAML, SnakeYAML) reads this key as no string, and finds no member of the name written")
                    .help(format!("quote it: '{}'", key.key))
                })
            })
            .collect()
    }
}
