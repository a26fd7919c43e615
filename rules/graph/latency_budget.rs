use super::name;
use crate::diagnostic::Finding;
use crate::model::figures::milliseconds;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A service whose `sla.latency_p95` is below the `latency_p95` of a direct synchronous
    /// dependency: one diagnostic per such dependency, the note shows both figures. Latencies
    /// accept `100ms`, `2s` and `< 300ms`.
    ///
    /// ## Why it matters
    /// A service that waits for a dependency cannot answer faster than the dependency does:
    /// the promise is broken by design.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   checkout: {depends_on: [pricing], sla: {latency_p95: 100ms}}
    ///   pricing:  {sla: {latency_p95: 250ms}}
    /// ```
    ///
    /// ## Fix
    /// Relax the caller's promise, speed up the dependency, or stop waiting for it (cache,
    /// asynchronous call, parallel calls with a deadline).
    ///
    /// ## Options
    /// None.
    pub struct LatencyBudget {
        name: "latency-budget",
        family: Graph,
        severity: Error,
        summary: "a service whose p95 latency is below that of a sync dependency",
    }
}

impl Rule for LatencyBudget {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        model
            .sync_dependencies()
            .filter(|dependency| dependency.from != dependency.to)
            .filter_map(|dependency| {
                let promise = model.service(dependency.from).sla.latency_p95_ms.as_ref()?;
                let needed = model.service(dependency.to).sla.latency_p95_ms.as_ref()?;
                (promise.value < needed.value).then(|| {
                    Finding::new(
                        Self::NAME,
                        promise.span,
                        format!(
                            "{} promises p95 latency {}, below the {} of its synchronous dependency {}",
                            name(model, dependency.from),
                            milliseconds(promise.value),
                            milliseconds(needed.value),
                            name(model, dependency.to)
                        ),
                    )
                    .primary_message("promised here")
                    .label(needed.span, format!("{} takes {}", name(model, dependency.to), milliseconds(needed.value)))
                    .label(dependency.declared_at(), "called synchronously here")
                    .note(format!(
                        "{} < {}: a service cannot answer faster than a dependency it waits for",
                        milliseconds(promise.value),
                        milliseconds(needed.value)
                    ))
                    .help("relax the promise, speed up the dependency, or stop waiting for it (a cache, an event)")
                })
            })
            .collect()
    }
}
