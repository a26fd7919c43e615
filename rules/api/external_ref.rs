use crate::diagnostic::Finding;
use crate::load::references::Target;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A `$ref` that archlint does not follow, by design: one to a URL (archlint never fetches
    /// anything), to an absolute path, or to a path that leaves the repository root, whether by
    /// `..` or through a symbolic link.
    ///
    /// ## Why it matters
    /// What such a reference leads to is not in the repository, so nobody reviewing a change can
    /// see it, it can change under you, and a build that resolves it depends on the network or
    /// on one machine's files. Whatever it leads to is also left unchecked.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   $ref: 'https://schemas.example.com/order.json'
    /// ```
    ///
    /// ## Fix
    /// Vendor the document into the repository and refer to it by a relative path
    /// (`$ref: 'schemas/order.json'`), or turn the rule off if external references are your
    /// policy.
    ///
    /// ## Options
    /// None.
    pub struct ExternalRef {
        name: "external-ref",
        family: Api,
        severity: Warning,
        summary: "a `$ref` to a URL or outside the repository root: not followed, by design",
    }
}

impl Rule for ExternalRef {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .workspace
            .references
            .sites
            .iter()
            .filter_map(|site| {
                let Target::External { reason } = &site.target else {
                    return None;
                };
                Some(
                    Finding::new(
                        Self::NAME,
                        site.span,
                        format!("`{}` to `{}` is not followed", site.keyword, site.reference),
                    )
                    .primary_message(reason.clone())
                    .note("what it leads to is outside the repository: unreviewed, unchecked, and free to change")
                    .help("copy the target into the repository and refer to it by a relative path"),
                )
            })
            .collect()
    }
}
