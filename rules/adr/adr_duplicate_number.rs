use super::file_name;
use crate::diagnostic::Finding;
use crate::model::decisions::Number;
use crate::rules::{Context, Rule, declare_rule};
use crate::source::display_name;
use std::collections::HashMap;
use std::path::Path;

declare_rule! {
    /// ## What it reports
    /// Two architecture decision records of one folder with one number (`001` and `1` are one
    /// number). The number comes from the title (`# ADR 001:`, `# ADR-001:`, `# 1. Title`), else
    /// from the file name (`0001-title.md`, `adr-001-title.md`). A file name that starts with a
    /// date (log4brains' `20200925-title.md`, `2020-09-25-title.md`) carries no number: such a
    /// log names each record by its whole file name. Each later record is reported on its title
    /// heading, with the first record's heading labelled. Each folder is its own log, numbered on
    /// its own: `services/a/docs/adr/0001-x.md` and `services/b/docs/adr/0001-y.md` do not clash.
    ///
    /// ## Why it matters
    /// A number names one decision: `Superseded by ADR-003` and every link by number cannot tell
    /// two records with it apart.
    ///
    /// ## Example
    /// ```text
    /// docs/adr/0003-use-kafka.md        # ADR 003: Use Kafka
    /// docs/adr/0003-use-rabbitmq.md     # ADR 003: Use RabbitMQ
    /// ```
    ///
    /// ## Fix
    /// Give the later record the next free number, in its title and its file name.
    ///
    /// ## Options
    /// None.
    pub struct AdrDuplicateNumber {
        name: "adr-duplicate-number",
        family: Adr,
        severity: Error,
        summary: "two ADRs of one folder with one number; both headings labelled",
    }
}

impl Rule for AdrDuplicateNumber {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let decisions = &context.model.decisions;
        let mut highest: HashMap<&Path, u64> = HashMap::new();
        for decision in &decisions.records {
            if let Some(number) = &decision.number {
                let entry = highest.entry(decision.folder.as_path()).or_default();
                *entry = (*entry).max(number.value);
            }
        }
        let mut findings = Vec::new();
        for decision in &decisions.records {
            let Some(number) = &decision.number else {
                continue;
            };
            let Some(first) = decisions.numbered(&decision.folder, number.value).next() else {
                continue;
            };
            if first.file == decision.file {
                continue;
            }
            let numbered = |number: &Number| {
                if number.in_title {
                    format!("numbered {}", number.written)
                } else {
                    format!("numbered {} by its file name", number.written)
                }
            };
            let first_number = first.number.as_ref().unwrap_or(number);
            let next = highest
                .get(decision.folder.as_path())
                .map_or(number.value, |&highest| highest)
                .saturating_add(1);
            findings.push(
                Finding::new(
                    Self::NAME,
                    decision.heading,
                    format!(
                        "duplicate ADR number {}: `{}` has it too",
                        number.written,
                        file_name(first)
                    ),
                )
                .primary_message(numbered(number))
                .label(first.heading, format!("also {}", numbered(first_number)))
                .note("a number names one decision: references by number cannot tell these records apart")
                .help(format!(
                    "renumber this record: {next} is the next free number in `{}`",
                    display_name(&decision.folder)
                )),
            );
        }
        findings
    }
}
