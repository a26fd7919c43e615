use crate::diagnostic::Finding;
use crate::model::Counterparts;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An event that a service publishes (or an AsyncAPI document sends) and that no service
    /// consumes and no AsyncAPI document receives. Reported at each publisher. Event names
    /// compare exactly; an AsyncAPI operation is also consumed by a `receive` on the same channel
    /// address in another document, whatever that document names the message (an address's
    /// parameters compare unnamed: `lights/{id}` is `lights/{streetlightId}`).
    ///
    /// ## Why it matters
    /// An event nobody consumes is either dead weight to remove or a consumer missing from the
    /// documents. Often it is fine (events are published for future consumers), hence `info`.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Auth Service
    ///     events_published: [user.registered]   # no service consumes it
    /// ```
    ///
    /// ## Fix
    /// Add the consumer to its spec (`events_consumed` or `events.subscribes`, or a `receive`
    /// operation in its AsyncAPI document), or stop publishing the event.
    ///
    /// ## Options
    /// None.
    pub struct UnconsumedEvent {
        name: "unconsumed-event",
        family: Graph,
        severity: Info,
        summary: "a published event that nothing consumes",
    }
}

impl Rule for UnconsumedEvent {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let consumed = Counterparts::of(&model.subscriptions);
        model
            .publications
            .iter()
            .filter(|usage| !consumed.has(usage))
            .map(|usage| {
                Finding::new(
                    Self::NAME,
                    usage.event.span,
                    format!(
                        "event `{}` is published by {} but nothing consumes it",
                        usage.event.value,
                        model.party_name(&usage.party)
                    ),
                )
                .note("an event nobody consumes is dead weight, or its consumer is missing from the documents")
                .help("declare its consumer (`events_consumed` or `events.subscribes` in a service spec, or a `receive` operation in an AsyncAPI document), or stop publishing the event")
            })
            .collect()
    }
}
