use super::name;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use std::collections::HashSet;

declare_rule! {
    /// ## What it reports
    /// An event that a service subscribes to or consumes (`events.subscribes`,
    /// `events_consumed`) and that no service publishes (`events.publishes`,
    /// `events_published`). Event names compare exactly. Reported at each consumer.
    ///
    /// ## Why it matters
    /// A consumer waiting for an event nobody sends never runs: the flow it belongs to is broken
    /// or lives in an undocumented service.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Order Service
    ///     events_consumed: [payment.completed]   # nothing publishes payment.completed
    /// ```
    ///
    /// ## Fix
    /// Add the event to its publisher's spec, correct the name, or remove the subscription.
    ///
    /// ## Options
    /// None.
    pub struct UnpublishedEvent {
        name: "unpublished-event",
        family: Graph,
        severity: Error,
        summary: "an event that a service consumes and that no service publishes",
    }
}

impl Rule for UnpublishedEvent {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let published: HashSet<&str> = model
            .publications
            .iter()
            .map(|usage| usage.event.value.as_str())
            .collect();
        model
            .subscriptions
            .iter()
            .filter(|usage| !published.contains(usage.event.value.as_str()))
            .map(|usage| {
                Finding::new(
                    Self::NAME,
                    usage.event.span,
                    format!(
                        "event `{}` is consumed by {} but no service publishes it",
                        usage.event.value,
                        name(model, usage.service)
                    ),
                )
                .primary_message("consumed here, published nowhere")
                .note("a consumer waiting for an event nobody sends never runs")
                .help("add the event to its publisher's `events_published` (or `events.publishes`), correct the name, or remove the subscription")
            })
            .collect()
    }
}
