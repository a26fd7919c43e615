use crate::diagnostic::Finding;
use crate::model::{Counterparts, Party};
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An event that a service subscribes to or consumes (`events.subscribes`,
    /// `events_consumed`), or that an AsyncAPI document receives (3.0 `action: receive`, 2.x
    /// `publish`), and that no service publishes (`events.publishes`, `events_published`) and no
    /// AsyncAPI document sends (3.0 `action: send`, 2.x `subscribe`). Event names compare
    /// exactly; an AsyncAPI message is named by its `name`, else its key. An AsyncAPI operation is
    /// also published by a `send` on the same channel address in another document, whatever that
    /// document names the message: an RPC client's `requestSum` on `rpc_queue` is its server's
    /// `sum` (an address's parameters compare unnamed). Reported at each consumer: the spec's list
    /// item, or the operation's message reference.
    ///
    /// A repository with no architecture spec is only AsyncAPI documents (and perhaps part of a
    /// catalog): each describes one application's interface, and the clients that send to it
    /// are, by the specification's own words, outside the document (streetlights that publish
    /// their measurements). There, an application's receive that no document sends is no
    /// contradiction and is not reported. Once a spec describes the system, every party's
    /// receive is judged. A catalog, usually part of a company's, does not close the world; the
    /// consumers of a catalog's AsyncAPI API send what its provider receives.
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
    /// ```yaml
    /// asyncapi: 3.0.0
    /// info: {title: Notifications, version: 1.0.0, x-service: notification-service}
    /// operations:
    ///   onCommentLiked:
    ///     action: receive                        # no service or document sends it
    ///     channel: {$ref: '#/channels/commentLiked'}
    ///     messages: [{$ref: '#/channels/commentLiked/messages/commentLiked'}]
    /// ```
    ///
    /// ## Fix
    /// Add the event to its publisher's spec (or a `send` operation to its AsyncAPI document),
    /// correct the name, or remove the subscription.
    ///
    /// ## Options
    /// None.
    pub struct UnpublishedEvent {
        name: "unpublished-event",
        family: Graph,
        severity: Error,
        summary: "an event that a service consumes and that no service publishes and no AsyncAPI document sends",
    }
}

impl Rule for UnpublishedEvent {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let published = Counterparts::of(&model.publications);
        // A spec describes the system; a catalog entity is a service but only part of one.
        let closed_world = model
            .services
            .iter()
            .any(|service| service.entity.is_none());
        model
            .subscriptions
            .iter()
            .filter(|usage| closed_world || matches!(usage.party, Party::Service(_)))
            .filter(|usage| !published.has(usage))
            .map(|usage| {
                Finding::new(
                    Self::NAME,
                    usage.event.span,
                    format!(
                        "event `{}` is consumed by {} but no service publishes it",
                        usage.event.value,
                        model.party_name(&usage.party)
                    ),
                )
                .primary_message("consumed here, published nowhere")
                .note("a consumer waiting for an event nobody sends never runs")
                .help("declare its publisher (`events_published` or `events.publishes` in a service spec, or a `send` operation in an AsyncAPI document), correct the name, or remove the subscription")
            })
            .collect()
    }
}
