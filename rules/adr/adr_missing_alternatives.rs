use crate::diagnostic::Finding;
use crate::model::decisions::SectionKind;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An architecture decision record with no `Alternatives Considered` section (a `##`
    /// heading, any case; `Alternatives`, `Considered Alternatives`, `Considered Options` and
    /// `Options Considered` count too). Reported on the record's title heading.
    ///
    /// ## Why it matters
    /// A decision is only as good as the options it was weighed against; without them the same
    /// debate is held again, and nobody can tell whether the obvious alternative was ever
    /// considered.
    ///
    /// ## Example
    /// ```markdown
    /// # ADR-001: Choose Database Technology
    /// ## Status
    /// Accepted
    /// ## Context
    /// ...
    /// ## Decision
    /// We will use PostgreSQL.
    /// ## Consequences
    /// ...
    /// ```
    ///
    /// ## Fix
    /// ```markdown
    /// ## Alternatives Considered
    /// 1. **MongoDB**: rejected, we need ACID transactions
    /// 2. **MySQL**: close second; weaker JSON support
    /// ```
    ///
    /// ## Options
    /// None.
    pub struct AdrMissingAlternatives {
        name: "adr-missing-alternatives",
        family: Adr,
        severity: Info,
        summary: "an ADR with no `Alternatives Considered` section",
    }
}

impl Rule for AdrMissingAlternatives {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .model
            .decisions
            .records
            .iter()
            .filter(|decision| !decision.has_section(SectionKind::Alternatives))
            .map(|decision| {
                Finding::new(
                    Self::NAME,
                    decision.heading,
                    format!("no `Alternatives Considered` section in {}", decision.name()),
                )
                .primary_message("this decision record")
                .note("without the options that were weighed and why they lost, the same debate is held again")
                .help("add `## Alternatives Considered`: each option, and why it was not chosen")
            })
            .collect()
    }
}
