use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A service with no `responsibility` (a sentence) and no `responsibilities` (a list), or
    /// with an empty one. A Backstage Component states its responsibility in
    /// `metadata.description`; a Resource is infrastructure, whose type is its purpose, and is
    /// not judged.
    ///
    /// ## Why it matters
    /// A service without a stated purpose attracts everything; its boundary blurs and it grows
    /// into the place where unrelated features go.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   misc_service: {domain: platform}
    /// ```
    ///
    /// ## Fix
    /// Say what it is for: `responsibility: "Order processing and lifecycle"` or
    /// `responsibilities: [order_creation, order_fulfillment]`.
    ///
    /// ## Options
    /// None.
    pub struct MissingResponsibility {
        name: "missing-responsibility",
        family: Graph,
        severity: Warning,
        summary: "a service with no `responsibility` / `responsibilities`",
    }
}

impl Rule for MissingResponsibility {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .model
            .services
            .iter()
            .filter(|service| !service.has_responsibility)
            .map(|service| {
                let finding = Finding::new(
                    Self::NAME,
                    service.name.span,
                    format!("service `{}` has no responsibility", service.name.value),
                )
                .note(
                    "a service without a stated purpose attracts everything and its boundary blurs",
                );
                match service.entity {
                    // A catalog component states its purpose in its description.
                    Some(_) => finding.help("say what it is for: `metadata.description: \"...\"`"),
                    None => finding.help(
                        "say what it is for: `responsibility: \"...\"` or `responsibilities: [...]`",
                    ),
                }
            })
            .collect()
    }
}
