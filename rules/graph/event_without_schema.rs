use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A published event (by a service spec or an AsyncAPI `send`) with no schema: no entry in an
    /// `event_schemas:` registry, no JSON Schema document naming it (by
    /// `properties.event_type.const`, `x-event` or `title`), no AsyncAPI message of that name
    /// with a `payload`. Reported at each publisher.
    ///
    /// ## Why it matters
    /// Without a schema, publishers and consumers agree on the payload by habit; the first
    /// change to it breaks consumers silently.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Order Service
    ///     events_published: [order.failed]   # no schema anywhere
    /// ```
    ///
    /// ## Fix
    /// Add a JSON Schema for the event to the registry, or as a JSON Schema document, or give its
    /// AsyncAPI message a `payload`.
    ///
    /// ## Options
    /// None.
    pub struct EventWithoutSchema {
        name: "event-without-schema",
        family: Graph,
        severity: Warning,
        summary: "a published event with no schema (registry, JSON Schema document or AsyncAPI message)",
    }
}

impl Rule for EventWithoutSchema {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        model
            .publications
            .iter()
            .filter(|usage| !model.has_event_schema(&usage.event.value))
            .map(|usage| {
                Finding::new(
                    Self::NAME,
                    usage.event.span,
                    format!(
                        "event `{}` published by {} has no schema",
                        usage.event.value,
                        model.party_name(&usage.party)
                    ),
                )
                .note("without a schema, publishers and consumers agree on the payload by habit, and a change breaks consumers silently")
                .help(format!(
                    "add a JSON Schema for it: an `event_schemas:` entry named `{}`, or a JSON Schema document with that `title`",
                    usage.event.value
                ))
            })
            .collect()
    }
}
