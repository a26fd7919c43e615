use crate::diagnostic::Finding;
use crate::model::decisions::SectionKind;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An architecture decision record without a section its template asks for. The template is
    /// recognised from the record's headings:
    ///
    /// - **MADR** (versions 2 to 4), by a heading only MADR writes (`Context and Problem
    ///   Statement`, `Considered Options`, `Decision Outcome`, `Decision Drivers`, `Pros and Cons
    ///   of the Options`), or by MADR's metadata where there is no `## Status`: a `* Status:`,
    ///   `* Deciders:` or `* Date:` list under the title (MADR 2, log4brains), or front matter
    ///   with `status` or `decision-makers` (MADR 3 and 4). It asks for `Context and Problem
    ///   Statement` and `Decision Outcome`; its status and consequences are optional.
    /// - **Nygard's template with alternatives** (docs/FORMATS.md section 7), by an `Alternatives
    ///   Considered` section or an `# ADR 001:` title, and **Nygard's template** (adr-tools'
    ///   `# 1. Title`) otherwise: they ask for `Status`, `Context`, `Decision` and
    ///   `Consequences`.
    ///
    /// Headings compare in any case, MADR's names count for the others' (`Context and Problem
    /// Statement` is a `Context`), and consequences may be `###` headings (MADR's `### Positive
    /// Consequences`). A `Status: Accepted` line under the title or in the front matter counts as
    /// the status. Reported on the record's title heading, once per missing section.
    ///
    /// A Markdown file is a decision record when it sits in a folder named `adr`, `adrs` or
    /// `decisions` (not a `README`, `index` or template there), when its name is numbered as one
    /// (`adr-001-title.md`), or when its first heading starts with the word `ADR` or with
    /// `Architecture Decision Record`. `--verbose` lists the other Markdown files, and why.
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
        summary: "an ADR without a section its template asks for (`Status`, `Context`, `Decision`, `Consequences`; MADR: context and decision)",
    }
}

impl Rule for AdrMissingSection {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for decision in &context.model.decisions.records {
            let template = decision.template;
            for &kind in template.required() {
                if decision.has_section(kind) {
                    continue;
                }
                let heading = template.heading(kind);
                let (why, how) = match kind {
                    SectionKind::Status => (
                        "without a status, a reader cannot tell whether the decision still holds",
                        "add `## Status` with the record's status: Proposed, Accepted, Superseded, ...".to_string(),
                    ),
                    SectionKind::Context => (
                        "without its context, a later reader cannot tell why the decision was made",
                        format!("add `## {heading}`: the forces and constraints that called for a decision"),
                    ),
                    SectionKind::Decision => (
                        "a record that does not state its decision records nothing",
                        format!("add `## {heading}`: what was decided, in one or two sentences"),
                    ),
                    _ => (
                        "without its consequences, the costs accepted with the decision are forgotten",
                        format!("add `## {heading}`: what becomes easier and what becomes harder"),
                    ),
                };
                findings.push(
                    Finding::new(
                        Self::NAME,
                        decision.heading,
                        format!("missing `{heading}` section in {}", decision.name()),
                    )
                    .primary_message(format!("this record follows {}", template.name()))
                    .note(why)
                    .help(how),
                );
            }
        }
        findings
    }
}
