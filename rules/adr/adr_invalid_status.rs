use crate::diagnostic::Finding;
use crate::model::decisions::{STATUSES, SectionKind};
use crate::rules::{Context, Rule, declare_rule};
use crate::suggest;

declare_rule! {
    /// ## What it reports
    /// An architecture decision record whose status is not Proposed, Accepted, Rejected,
    /// Deprecated or Superseded, compared case-insensitively by the status's first word (so
    /// `Superseded by ADR-007` and `Accepted on 2024-03-01` are fine), and a `Status` section
    /// that says nothing. The status is the first line of the `## Status` section, the rest of
    /// a `## Status: Accepted` heading, or a `Status: Accepted` line under the title or in the
    /// front matter.
    ///
    /// ## Why it matters
    /// Readers and tools sort and filter decisions by status; a status outside the known set
    /// hides whether the decision holds.
    ///
    /// ## Example
    /// ```markdown
    /// ## Status
    /// Approved
    /// ```
    ///
    /// ## Fix
    /// Use one of the five statuses: `Accepted`.
    ///
    /// ## Options
    /// None.
    pub struct AdrInvalidStatus {
        name: "adr-invalid-status",
        family: Adr,
        severity: Error,
        summary: "an ADR status that is not Proposed, Accepted, Rejected, Deprecated or Superseded",
    }
}

const NOTE: &str = "readers and tools sort and filter decisions by status; an unknown one hides whether the decision holds";

impl Rule for AdrInvalidStatus {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let known = STATUSES.join(", ");
        let mut findings = Vec::new();
        for decision in &context.model.decisions.records {
            match &decision.status {
                Some(status) => {
                    let word = first_word(&status.value);
                    if STATUSES
                        .iter()
                        .any(|known| known.eq_ignore_ascii_case(word))
                    {
                        continue;
                    }
                    let shown = status.value.replace(['*', '`'], "");
                    let help = match suggest::closest(word, STATUSES, str::to_lowercase) {
                        Some(closest) => {
                            format!("did you mean `{closest}`? The statuses are {known}")
                        }
                        None => format!("use one of {known}"),
                    };
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            status.span,
                            format!("unknown status `{}` in {}", shown.trim(), decision.name()),
                        )
                        .primary_message("not a known status")
                        .note(NOTE)
                        .help(help),
                    );
                }
                None => {
                    if let Some(section) = decision.section(SectionKind::Status) {
                        findings.push(
                            Finding::new(
                                Self::NAME,
                                section.heading.span,
                                format!("empty `Status` section in {}", decision.name()),
                            )
                            .primary_message("no status follows")
                            .note(NOTE)
                            .help(format!(
                                "write the status on the line after the heading: one of {known}"
                            )),
                        );
                    }
                }
            }
        }
        findings
    }
}

/// The status's first word, past any markup (`**Accepted**`, `~~Proposed~~`, `[Superseded]`).
fn first_word(status: &str) -> &str {
    let rest = status.trim_start_matches(['*', '_', '`', '~', '[', ' ']);
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    &rest[..end]
}
