use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// One service defined twice, in one spec or across several: names compare
    /// case-insensitively with runs of spaces, `_` and `-` equal, so `Order Service` and
    /// `order_service` are one service. Both definitions are labelled; the first is the one
    /// archlint uses. A Backstage entity defined twice (one kind, namespace and name, compared
    /// case-insensitively) is reported too: Backstage refuses the second.
    ///
    /// ## Why it matters
    /// Two definitions drift apart: each has its own dependencies, SLA and owner, and readers
    /// (and archlint) see only one of them.
    ///
    /// ## Example
    /// ```yaml
    /// # orders.yaml
    /// services:
    ///   order_service: {domain: orders}
    /// # legacy.yaml
    /// components:
    ///   - name: Order Service
    /// ```
    ///
    /// ## Fix
    /// Merge the two definitions into one, or rename one of the services.
    ///
    /// ## Options
    /// None.
    pub struct DuplicateService {
        name: "duplicate-service",
        family: Document,
        severity: Error,
        summary: "one service (by normalised name) defined twice; both places labelled",
    }
}

impl Rule for DuplicateService {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let services = model
            .redefinitions
            .iter()
            .map(|(kept, again)| {
                let first = &model.service(*kept).name;
                Finding::new(
                    Self::NAME,
                    again.span,
                    format!("service `{}` is defined twice", again.value),
                )
                .primary_message("defined again here")
                .label(first.span, format!("`{}` first defined here", first.value))
                .note("names compare case-insensitively, with spaces, `_` and `-` equal; only the first definition is used")
                .help("merge the two definitions, or rename one of the services")
            });
        let catalog = &model.catalog;
        let entities = catalog.redefinitions.iter().map(|(kept, again)| {
            let first = catalog.entity(*kept);
            Finding::new(
                Self::NAME,
                again.span,
                format!("entity `{}` is defined twice", first.reference()),
            )
            .primary_message("defined again here")
            .label(first.name.span, "first defined here")
            .note("Backstage refuses a second entity with the same kind, namespace and name, compared case-insensitively")
            .help("merge the two definitions, or rename one of the entities")
        });
        services.chain(entities).collect()
    }
}
