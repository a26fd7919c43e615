use crate::diagnostic::Finding;
use crate::model::standards::{DEFAULT_REGIMES, Regime, regimes_in};
use crate::rules::{Context, Rule, declare_rule, option_strings};

declare_rule! {
    /// ## What it reports
    /// A compliance regime that the security architecture's `compliance` (`security_layers:`,
    /// seed 004, at any depth) names and no non-functional requirement names, or one that a
    /// requirement names and the security architecture's `compliance` does not; at the side
    /// that names it. The regimes are GDPR, SOC 2, PCI DSS, HIPAA, ISO 27001, CCPA and FedRAMP,
    /// recognised by their words (`pci_dss`, `PCI DSS`, `SOC 2 Type II`, `soc2`). OWASP is a
    /// practice, not a regime. A regime mentioned elsewhere in the security architecture (a
    /// note that card numbers are tokenised "(PCI DSS)") is not a commitment and is not counted.
    ///
    /// Silent without a security architecture or without non-functional requirements; the first
    /// direction (the security architecture commits to more) is also silent when any file could
    /// not be loaded, since the requirement may be in it.
    ///
    /// ## Why it matters
    /// A regime is an obligation with audits and costs: one the requirements never asked for is
    /// unbudgeted work, one the security architecture does not address is an audit that fails.
    ///
    /// ## Example
    /// ```yaml
    /// # requirements: security: ["GDPR compliance"]
    /// security_layers:
    ///   compliance:
    ///     gdpr: ["Right to erasure"]
    ///     pci_dss: ["Quarterly vulnerability scans"]   # no requirement asks for PCI DSS
    /// ```
    ///
    /// ## Fix
    /// Add the regime to the requirements (with whoever owns them), or take it out of the
    /// security architecture; or address a required regime under `compliance`.
    ///
    /// ## Options
    /// - `regimes`: the regimes to compare (default all of the above), by name as written here.
    pub struct ComplianceMismatch {
        name: "compliance-mismatch",
        family: Security,
        severity: Warning,
        summary: "a compliance regime named by the security architecture or the requirements but not both",
        options: [("regimes", crate::config::OptionKind::Names)],
    }
}

impl Rule for ComplianceMismatch {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        if model.standards.security.is_empty() || model.requirements.is_empty() {
            return Vec::new();
        }
        let defaults: Vec<&str> = DEFAULT_REGIMES.iter().map(|regime| regime.name).collect();
        let wanted = option_strings(context.options, "regimes", &defaults);
        let regimes: Vec<Regime> = DEFAULT_REGIMES
            .iter()
            .filter(|regime| {
                wanted
                    .iter()
                    .any(|name| regimes_in(name, std::slice::from_ref(regime)).len() == 1)
            })
            .map(|regime| Regime {
                name: regime.name,
                spellings: regime.spellings,
            })
            .collect();
        // The requirements' regimes, each with the first requirement that names it.
        let mut required: Vec<(&str, &crate::model::requirements::Requirement)> = Vec::new();
        for requirement in &model.requirements {
            let mut text = requirement.statement.value.clone();
            if let Some(target) = &requirement.target {
                text.push(' ');
                text.push_str(&target.value);
            }
            for regime in regimes_in(&text, &regimes) {
                if !required.iter().any(|(name, _)| *name == regime) {
                    required.push((regime, requirement));
                }
            }
        }
        let complete = context.workspace.failures.is_empty();
        let mut findings = Vec::new();
        let mut committed: Vec<&str> = Vec::new();
        for security in &model.standards.security {
            for regime in &security.compliance {
                if !regimes.iter().any(|known| known.name == regime.value) {
                    continue;
                }
                committed.push(regime.value);
                if !complete || required.iter().any(|(name, _)| *name == regime.value) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        regime.span,
                        format!(
                            "the security architecture commits to {}, which no requirement names",
                            regime.value
                        ),
                    )
                    .primary_message("committed to here")
                    .note("a compliance regime is an obligation with audits and costs; one the requirements never asked for is unplanned work")
                    .help(format!(
                        "add {} to the non-functional requirements (security), or take it out of the security architecture's `compliance`",
                        regime.value
                    )),
                );
            }
        }
        let Some(first) = model.standards.security.first() else {
            return findings;
        };
        for (regime, requirement) in required {
            if committed.contains(&regime) {
                continue;
            }
            findings.push(
                Finding::new(
                    Self::NAME,
                    requirement.statement.span,
                    format!(
                        "the requirements ask for {regime}, which the security architecture's `compliance` does not address"
                    ),
                )
                .primary_message("required here")
                .label(first.span, "the security architecture")
                .note("a regime the requirements ask for and the architecture does not address is an audit that fails")
                .help(format!(
                    "describe the {regime} controls under `compliance` in the security architecture"
                )),
            );
        }
        findings
    }
}
