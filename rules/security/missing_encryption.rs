use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A security architecture (`security_layers:`, seed 004) without `encryption_at_rest`, or
    /// without `encryption_in_transit`, at any depth: one finding for each that is missing, at
    /// `security_layers`.
    ///
    /// ## Why it matters
    /// Data is exposed where it is stored and where it travels; a security architecture that
    /// says nothing about one of the two leaves it to each team's habits.
    ///
    /// ## Example
    /// ```yaml
    /// security_layers:
    ///   data_security:
    ///     encryption_at_rest: {database: "AES-256"}
    /// ```
    ///
    /// ## Fix
    /// Describe both: `encryption_at_rest` (databases, storage, backups) and
    /// `encryption_in_transit` (client-to-service and service-to-service).
    ///
    /// ## Options
    /// None.
    pub struct MissingEncryption {
        name: "missing-encryption",
        family: Security,
        severity: Error,
        summary: "a security architecture without encryption at rest or in transit",
    }
}

impl Rule for MissingEncryption {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for security in &context.model.standards.security {
            for (key, present, place) in [
                (
                    "encryption_at_rest",
                    security.encryption_at_rest.is_some(),
                    "at rest",
                ),
                (
                    "encryption_in_transit",
                    security.encryption_in_transit.is_some(),
                    "in transit",
                ),
            ] {
                if present {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        security.span,
                        format!("the security architecture says nothing of encryption {place} (`{key}`)"),
                    )
                    .primary_message(format!("no `{key}` in here"))
                    .note("data is exposed both where it is stored and where it travels; what the architecture leaves out is left to habit")
                    .help(format!("describe `{key}` (what is encrypted, with what, and who holds the keys)")),
                );
            }
        }
        findings
    }
}
