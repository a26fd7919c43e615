use super::measurable::Policy;
use crate::diagnostic::Finding;
use crate::model::requirements::Shape;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A non-functional requirement with no measurable target. The target is the value of a
    /// `name: target` item, a metric record's `target`, or a bare statement itself. It is
    /// measurable when it holds a number that stands on its own, alone or with a unit, a
    /// percent, a currency or a comparison (`< 200ms`, `99.9%`, `10,000 requests/second`,
    /// `1 hour`, `$500K`); digits inside a name (`OAuth2`, `p95`, `AES-256`, `HTTP/2`) are not a
    /// target. In the `security` and `compliance` categories an item may instead name a
    /// verifiable standard (OWASP Top 10, SOC 2, GDPR, PCI DSS, ISO 27001, HIPAA); a standard's
    /// name never counts as a number (`Top 10` in `OWASP Top 10`). The `constraints` category is
    /// exempt. Targets that are neither a string nor a number are left to `schema-violation`.
    ///
    /// ## Why it matters
    /// "Fast" and "highly available" cannot be tested: nobody can tell whether the system meets
    /// them, so they are never designed for, load-tested or alerted on.
    ///
    /// ## Example
    /// ```yaml
    /// non_functional_requirements:
    ///   scalability:
    ///     - Horizontal scaling capability
    ///   maintainability:
    ///     - Deployment frequency: Multiple times per day
    /// ```
    ///
    /// ## Fix
    /// Give each requirement a metric, a target with a number and a unit, and how it is
    /// measured:
    /// ```yaml
    /// non_functional_requirements:
    ///   performance:
    ///     metric: p95 latency
    ///     target: "< 200ms"
    ///     measurement: load test with k6
    /// ```
    ///
    /// ## Options
    /// Category names compare case-insensitively, with `_`, `-` and spaces equal. Each list
    /// replaces its default.
    /// - `standards`: the standards a security or compliance item may name (default
    ///   `["OWASP Top 10", "SOC 2", "GDPR", "PCI DSS", "ISO 27001", "HIPAA"]`); a name matches in
    ///   any case and spacing (`SOC2`, `pci-dss`), as whole words.
    /// - `standard_categories`: the categories where a standard counts (default
    ///   `["security", "compliance"]`).
    /// - `exempt_categories`: the categories not checked (default `["constraints"]`).
    /// ```yaml
    /// rules:
    ///   unquantified-nfr:
    ///     options: {standards: [SOC 2, FedRAMP], exempt_categories: [constraints, budget]}
    /// ```
    pub struct UnquantifiedNfr {
        name: "unquantified-nfr",
        family: Nfr,
        severity: Error,
        summary: "a non-functional requirement with no measurable target; `constraints` are exempt",
        options: [
            ("standards", crate::config::OptionKind::Names),
            ("standard_categories", crate::config::OptionKind::Names),
            ("exempt_categories", crate::config::OptionKind::Names),
        ],
    }
}

const ADVICE: &str = "give it a metric, a target with a number and a unit, and how it is measured: `metric: p95 latency, target: < 200ms, measurement: load test with k6`";

impl Rule for UnquantifiedNfr {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let policy = Policy::from_options(context.options);
        let mut findings = Vec::new();
        for requirement in &context.model.requirements {
            let category = &requirement.category.value;
            let Some(target) = &requirement.target else {
                continue;
            };
            if policy.is_exempt(category) || policy.is_measurable(category, &target.value) {
                continue;
            }
            let statement = &requirement.statement;
            let (at, mut primary) = match requirement.shape {
                Shape::Statement => (statement.span, "no number in this statement".to_string()),
                Shape::NamedTarget => (
                    statement.span,
                    format!("the target `{}` holds no number", target.value),
                ),
                Shape::Metric => (target.span, "no number in this target".to_string()),
            };
            // Digits that do not count: say why.
            if let Some(standard) = policy.named_standard(&target.value) {
                primary = format!(
                    "`{standard}` is a standard, which counts only in {}; its digits are part of its name",
                    super::listing(policy.standard_categories(), "or")
                );
            } else if target.value.contains(|c: char| c.is_ascii_digit()) {
                primary =
                    "digits inside a word (`p95`, `OAuth2`) are a name, not a target".to_string();
            }
            let named = if statement.value.is_empty() {
                format!("the metric record in `{category}`")
            } else {
                format!("requirement `{}` in `{category}`", statement.value)
            };
            let mut finding =
                Finding::new(Self::NAME, at, format!("{named} has no measurable target"))
                    .primary_message(primary);
            if requirement.shape == Shape::Metric && !statement.value.is_empty() {
                finding = finding.label(statement.span, "the metric");
            }
            let help = if policy.accepts_standards(category) {
                format!(
                    "{ADVICE}; or name a verifiable standard ({})",
                    policy.standards.join(", ")
                )
            } else {
                ADVICE.to_string()
            };
            findings.push(
                finding
                    .note("a requirement without a figure cannot be tested, so nobody can tell whether the system meets it")
                    .help(help),
            );
        }
        findings
    }
}
