use super::name;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A synchronous dependency between two defined services with no `failure_handling` and no
    /// `timeout`, neither on the dependency item nor on an interaction between the same two
    /// services. Reported at the dependency's first declaration. A dependency declared only in a
    /// Backstage catalog (`dependsOn`, `consumesApis`) is not judged: a catalog has no way to say
    /// how a failure is handled.
    ///
    /// ## Why it matters
    /// Without a timeout, one slow dependency holds every caller's threads and connections, and
    /// the failure spreads up the call graph.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Product Service
    ///     dependencies: [Auth Service]   # what happens when Auth Service is slow or down?
    /// ```
    ///
    /// ## Fix
    /// Write the dependency as an object with a timeout and a strategy, or add an interaction:
    /// `{service: Auth Service, timeout: 2s, failure_handling: "retry 3x, then circuit breaker"}`.
    ///
    /// ## Options
    /// None.
    pub struct MissingFailureHandling {
        name: "missing-failure-handling",
        family: Graph,
        severity: Warning,
        summary: "a sync dependency with no `failure_handling` and no `timeout`",
    }
}

impl Rule for MissingFailureHandling {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        model
            .sync_dependencies()
            .filter(|dependency| dependency.describes_failure_handling && !dependency.handles_failure)
            .map(|dependency| {
                Finding::new(
                    Self::NAME,
                    dependency.declared_at(),
                    format!(
                        "synchronous call from {} to {} has no failure handling or timeout",
                        name(model, dependency.from),
                        name(model, dependency.to)
                    ),
                )
                .note("without a timeout, one slow dependency holds its callers' threads and the failure spreads")
                .help(format!(
                    "write it as `{{service: {}, timeout: 2s, failure_handling: \"...\"}}`, or give an interaction between the two a `failure_handling`",
                    model.service(dependency.to).name.value
                ))
            })
            .collect()
    }
}
