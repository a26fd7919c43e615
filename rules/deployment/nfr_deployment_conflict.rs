use super::environment;
use crate::diagnostic::Finding;
use crate::model::standards::{Objectives, human_duration as milliseconds};
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A production environment (`production`, `prod`) of the deployment architecture that
    /// cannot meet a non-functional requirement:
    ///
    /// - a `disaster_recovery.rto` or `rpo` longer than the recovery time or point objective the
    ///   requirements state (a requirement naming `RTO` / "recovery time objective", `RPO` /
    ///   "recovery point objective", with a duration such as `1 hour` or `5 minutes`);
    /// - one region (`region:`, or a one-item `regions:`) when a requirement asks for
    ///   multi-region deployment.
    ///
    /// At the deployment value, the requirement labelled. Silent where the requirements state no
    /// such objective (or could not be read).
    ///
    /// ## Why it matters
    /// The requirements are the promise; the deployment is how it is kept. A recovery plan
    /// slower than the objective, or one region where several are required, breaks the promise
    /// on the first bad day.
    ///
    /// ## Example
    /// ```yaml
    /// # requirements: availability: ["Recovery time objective (RTO): 1 hour"]
    /// environments:
    ///   production:
    ///     disaster_recovery: {rto: "4 hours", rpo: "5 minutes"}
    /// ```
    ///
    /// ## Fix
    /// Plan the recovery (or the regions) to meet the requirement, or change the requirement
    /// with the people who set it.
    ///
    /// ## Options
    /// None.
    pub struct NfrDeploymentConflict {
        name: "nfr-deployment-conflict",
        family: Deployment,
        severity: Error,
        summary: "a production environment that cannot meet a recovery or multi-region requirement",
    }
}

impl Rule for NfrDeploymentConflict {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let objectives = Objectives::of(&context.model.requirements);
        let mut findings = Vec::new();
        for deployment in &context.model.standards.deployment {
            for production in deployment
                .environments
                .iter()
                .filter(|candidate| environment(&candidate.name.value) == "production")
            {
                let name = &production.name.value;
                if let Some(recovery) = &production.disaster_recovery {
                    for (key, planned, objective) in [
                        ("rto", &recovery.rto, objectives.rto),
                        ("rpo", &recovery.rpo, objectives.rpo),
                    ] {
                        let (Some(planned), Some((required, requirement))) = (planned, objective)
                        else {
                            continue;
                        };
                        let Some(planned_ms) = planned.value.ms else {
                            continue;
                        };
                        if planned_ms <= required {
                            continue;
                        }
                        let what = if key == "rto" {
                            "recovery time objective"
                        } else {
                            "recovery point objective"
                        };
                        findings.push(
                            Finding::new(
                                Self::NAME,
                                planned.span,
                                format!(
                                    "environment `{name}` plans an {} of {}, longer than the required {}",
                                    key.to_uppercase(),
                                    planned.value.text,
                                    milliseconds(required)
                                ),
                            )
                            .primary_message("planned here")
                            .label(requirement.statement.span, format!("the {what} required here"))
                            .note(format!(
                                "{} > {}: the recovery plan cannot meet the requirement",
                                milliseconds(planned_ms),
                                milliseconds(required)
                            ))
                            .help("plan a faster recovery (replicas, automated failover, more frequent backups), or agree a new objective"),
                        );
                    }
                }
                if let (Some(regions), Some(requirement)) =
                    (&production.regions, objectives.multi_region)
                    && regions.value.len() == 1
                {
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            regions.span,
                            format!(
                                "environment `{name}` runs in one region (`{}`) and the requirements ask for multi-region deployment",
                                regions.value[0]
                            ),
                        )
                        .primary_message("one region")
                        .label(requirement.statement.span, "multi-region deployment required here")
                        .note("one region is one failure domain: a regional outage takes the whole system down")
                        .help("deploy production to several regions (`regions: [...]`), or change the requirement"),
                    );
                }
            }
        }
        findings
    }
}
