use crate::diagnostic::Finding;
use crate::model::decisions::Target;
use crate::rules::{Context, Rule, declare_rule};
use crate::source::display_name;
use std::path::Path;

declare_rule! {
    /// ## What it reports
    /// A reference from an architecture decision record to another one that does not exist:
    /// `Superseded by ADR-007` (also `ADR 7`, `#7`, `7`) when the record's folder has no ADR
    /// 7, and a relative link to an ADR that leads to no ADR. A link is to an ADR when it leads
    /// to a record, into a decisions folder, to a file named like one (`0003-use-kafka.md`,
    /// log4brains' `20201016-use-the-slug.md`), or when its text names one
    /// (`[ADR-004](module-loading.md)`). Links to other Markdown files and to URLs are not
    /// checked. Paths compare as written, case included, as on a case-sensitive file system and
    /// on the forges. Reported on the `Superseded by` text or on the link.
    ///
    /// ## Why it matters
    /// A reader who follows the reference finds nothing, and the history of the decision breaks
    /// there: which record replaced this one, and why?
    ///
    /// ## Example
    /// ```markdown
    /// ## Status
    /// Superseded by ADR-007
    /// ```
    /// in a folder that has no ADR 7.
    ///
    /// ## Fix
    /// Correct the number or the link, or write the record it names.
    ///
    /// ## Options
    /// None.
    pub struct AdrBrokenLink {
        name: "adr-broken-link",
        family: Adr,
        severity: Error,
        summary: "`Superseded by` (or a link) naming an ADR number that does not exist",
    }
}

const NOTE: &str = "a reader who follows the reference finds nothing, and the history of the decision breaks there";

impl Rule for AdrBrokenLink {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let decisions = &context.model.decisions;
        let mut findings = Vec::new();
        for decision in &decisions.records {
            for reference in &decision.references {
                match &reference.target {
                    Target::Number(number) => {
                        if decisions
                            .numbered(&decision.folder, *number)
                            .next()
                            .is_some()
                        {
                            continue;
                        }
                        findings.push(
                            Finding::new(
                                Self::NAME,
                                reference.span,
                                format!("`{}` names no existing ADR", reference.written),
                            )
                            .primary_message(format!(
                                "no ADR {number} in `{}`",
                                display_name(&decision.folder)
                            ))
                            .note(NOTE)
                            .help("correct the number, or write the record it names"),
                        );
                    }
                    Target::File { path, number } => {
                        if decisions.at_path(path).is_some() {
                            continue;
                        }
                        let folder = path.parent().unwrap_or(Path::new(""));
                        let help = match number
                            .and_then(|number| decisions.numbered(folder, number).next())
                        {
                            Some(other) => format!(
                                "{} is `{}`: link to that file",
                                other.name(),
                                display_name(&other.path)
                            ),
                            None => "correct the link, or write the record it names".to_string(),
                        };
                        findings.push(
                            Finding::new(
                                Self::NAME,
                                reference.span,
                                format!("link to `{}` leads to no ADR", reference.written),
                            )
                            .primary_message(format!("no ADR at `{}`", display_name(path)))
                            .note(NOTE)
                            .help(help),
                        );
                    }
                }
            }
        }
        findings
    }
}
