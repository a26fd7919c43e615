use crate::diagnostic::Finding;
use crate::model::decisions::SectionKind;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An architecture decision record whose template has a section for the alternatives, and
    /// that has none: `Alternatives Considered` in Nygard's template with alternatives (docs/FORMATS.md
    /// section 7, recognised by its `# ADR 001:` title), `Considered Options` in MADR. Any of the
    /// names counts in either (`Alternatives`, `Considered Alternatives`, `Options Considered`
    /// too). Nygard's own template has no such section, so its records are not reported (see
    /// `archlint explain adr-missing-section` for how the template is recognised). Reported on
    /// the record's title heading.
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
        summary: "an ADR with no `Alternatives Considered` (MADR: `Considered Options`) section where its template has one",
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
            .filter_map(|decision| {
                let heading = decision.template.alternatives()?;
                Some(
                    Finding::new(
                        Self::NAME,
                        decision.heading,
                        format!("no `{heading}` section in {}", decision.name()),
                    )
                    .primary_message(format!("this record follows {}", decision.template.name()))
                    .note("without the options that were weighed and why they lost, the same debate is held again")
                    .help(format!("add `## {heading}`: each option, and why it was not chosen")),
                )
            })
            .collect()
    }
}
