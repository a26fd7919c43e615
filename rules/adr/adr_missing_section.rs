use crate::diagnostic::Finding;
use crate::model::decisions::SectionKind;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An architecture decision record without one of the sections `Status`, `Context`,
    /// `Decision` and `Consequences` (`##` headings, any case; MADR's `Context and Problem
    /// Statement` and `Decision Outcome` count too). A `Status: Accepted` line under the title
    /// or in the front matter counts as the status. Reported on the record's title heading, once
    /// per missing section.
    ///
    /// A Markdown file is a decision record when it sits in a folder named `adr`, `adrs` or
    /// `decisions` (not a `README`, `index` or template there), or when its first heading starts
    /// with the word `ADR`.
    ///
    /// ## Why it matters
    /// A decision record is read years later by someone who was not there: without its context
    /// they cannot tell why, without its consequences what it cost, without its status whether
    /// it still holds.
    ///
    /// ## Example
    /// ```markdown
    /// # ADR 004: Use Kafka for events
    ///
    /// ## Decision
    /// We will use Kafka.
    /// ```
    ///
    /// ## Fix
    /// Add the missing sections:
    /// ```markdown
    /// ## Status
    /// Accepted
    ///
    /// ## Context
    /// Three services need the order events, in order, replayable.
    ///
    /// ## Consequences
    /// We run a Kafka cluster.
    /// ```
    ///
    /// ## Options
    /// None.
    pub struct AdrMissingSection {
        name: "adr-missing-section",
        family: Adr,
        severity: Warning,
        summary: "an ADR without one of `Status`, `Context`, `Decision`, `Consequences`",
    }
}

impl Rule for AdrMissingSection {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for decision in &context.model.decisions.records {
            for kind in SectionKind::REQUIRED {
                if decision.has_section(kind) {
                    continue;
                }
                let (why, how) = match kind {
                    SectionKind::Status => (
                        "without a status, a reader cannot tell whether the decision still holds",
                        "add `## Status` with one of Proposed, Accepted, Rejected, Deprecated or Superseded",
                    ),
                    SectionKind::Context => (
                        "without its context, a later reader cannot tell why the decision was made",
                        "add `## Context`: the forces and constraints that called for a decision",
                    ),
                    SectionKind::Decision => (
                        "a record that does not state its decision records nothing",
                        "add `## Decision`: what was decided, in one or two sentences",
                    ),
                    _ => (
                        "without its consequences, the costs accepted with the decision are forgotten",
                        "add `## Consequences`: what becomes easier and what becomes harder",
                    ),
                };
                findings.push(
                    Finding::new(
                        Self::NAME,
                        decision.heading,
                        format!("missing `{}` section in {}", kind.title(), decision.name()),
                    )
                    .primary_message("this decision record")
                    .note(why)
                    .help(how),
                );
            }
        }
        findings
    }
}
