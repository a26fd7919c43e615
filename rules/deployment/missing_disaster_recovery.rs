use super::environment;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A production environment (`production`, `prod`) of the deployment architecture
    /// (`environments:`, seed 004) without a `disaster_recovery` that holds both an `rto`
    /// (recovery time objective) and an `rpo` (recovery point objective).
    ///
    /// ## Why it matters
    /// How long production may be down and how much data it may lose decide the backups, the
    /// replicas and the failover; without the two figures, none of them can be judged adequate.
    ///
    /// ## Example
    /// ```yaml
    /// environments:
    ///   production:
    ///     disaster_recovery: {backup_region: us-west-2}
    /// ```
    ///
    /// ## Fix
    /// State both: `disaster_recovery: {rto: "1 hour", rpo: "5 minutes", backup_region: ...}`.
    ///
    /// ## Options
    /// None.
    pub struct MissingDisasterRecovery {
        name: "missing-disaster-recovery",
        family: Deployment,
        severity: Error,
        summary: "a production environment without a disaster recovery `rto` and `rpo`",
    }
}

impl Rule for MissingDisasterRecovery {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for deployment in &context.model.standards.deployment {
            for production in deployment
                .environments
                .iter()
                .filter(|candidate| environment(&candidate.name.value) == "production")
            {
                let name = &production.name.value;
                let (span, message) = match &production.disaster_recovery {
                    None => (
                        production.name.span,
                        format!("environment `{name}` has no `disaster_recovery`"),
                    ),
                    Some(recovery) => {
                        let missing: Vec<&str> = [
                            ("rto", recovery.rto.is_none()),
                            ("rpo", recovery.rpo.is_none()),
                        ]
                        .iter()
                        .filter(|(_, missing)| *missing)
                        .map(|(key, _)| *key)
                        .collect();
                        if missing.is_empty() {
                            continue;
                        }
                        (
                            recovery.span,
                            format!(
                                "the disaster recovery of environment `{name}` has no `{}`",
                                missing.join("` or `")
                            ),
                        )
                    }
                };
                findings.push(
                    Finding::new(Self::NAME, span, message)
                        .note("without a recovery time and point objective, no backup or failover can be judged adequate")
                        .help("state both under `disaster_recovery`: `rto: \"1 hour\"`, `rpo: \"5 minutes\"`"),
                );
            }
        }
        findings
    }
}
