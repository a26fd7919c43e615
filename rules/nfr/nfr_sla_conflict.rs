use crate::diagnostic::Finding;
use crate::model::figures::{milliseconds, percent};
use crate::model::standards::Objectives;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A service whose SLA is weaker than a system-wide non-functional requirement: its
    /// `sla.latency_p95` above the p95 response time the requirements state (a requirement
    /// naming `p95` or the 95th percentile and a response time or latency, with a duration), or
    /// its `sla.availability` below their uptime (a requirement naming uptime or availability,
    /// with a percentage). At the SLA value, the requirement labelled. Silent where the
    /// requirements state no such figure (or could not be read).
    ///
    /// ## Why it matters
    /// A system is as fast and as available as the services a request goes through; a service
    /// that promises less than the system must deliver makes the requirement unreachable by
    /// design.
    ///
    /// ## Example
    /// ```yaml
    /// # requirements: performance: ["Response time: < 200ms (p95)"]
    /// components:
    ///   - name: Order Service
    ///     sla: {latency_p95: 300ms}
    /// ```
    ///
    /// ## Fix
    /// Tighten the service's SLA to the requirement, or change the requirement (or say which
    /// requests it covers) with the people who set it.
    ///
    /// ## Options
    /// None.
    pub struct NfrSlaConflict {
        name: "nfr-sla-conflict",
        family: Nfr,
        severity: Error,
        summary: "a service whose SLA is weaker than a system-wide non-functional requirement",
    }
}

impl Rule for NfrSlaConflict {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let objectives = Objectives::of(&model.requirements);
        let mut findings = Vec::new();
        for id in model.ids() {
            let service = model.service(id);
            let name = &service.name.value;
            if let (Some(promise), Some((required, requirement))) =
                (&service.sla.latency_p95_ms, objectives.p95)
                && promise.value > required
            {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        promise.span,
                        format!(
                            "`{name}` promises p95 latency {}, above the {} the requirements ask for",
                            milliseconds(promise.value),
                            milliseconds(required)
                        ),
                    )
                    .primary_message("promised here")
                    .label(requirement.statement.span, "the p95 response time required here")
                    .note(format!(
                        "{} > {}: a request through this service cannot meet the system's response time",
                        milliseconds(promise.value),
                        milliseconds(required)
                    ))
                    .help("tighten the service's SLA, or change the requirement (or say which requests it covers)"),
                );
            }
            if let (Some(promise), Some((required, requirement))) =
                (&service.sla.availability, objectives.uptime)
                && promise.value < required
            {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        promise.span,
                        format!(
                            "`{name}` promises {} availability, below the {} uptime the requirements ask for",
                            percent(promise.value),
                            percent(required)
                        ),
                    )
                    .primary_message("promised here")
                    .label(requirement.statement.span, "the uptime required here")
                    .note(format!(
                        "{} < {}: the system cannot be more available than a service it needs",
                        percent(promise.value),
                        percent(required)
                    ))
                    .help("raise the service's availability, or change the requirement"),
                );
            }
        }
        findings
    }
}
