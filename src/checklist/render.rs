//! The answered checklist in each output format, all from one [`Answers`]. Its texts come from
//! a checklist file and from the documents (names, evidence): the terminal and Markdown formats
//! write line breaks as spaces (they are the layout of prose, and a table cell holds none) and
//! show other control characters and bidirectional overrides as escapes, as the `human` report
//! does (see [`visible`]).

use super::{Answers, Status};
use crate::report::visible;
use clap::ValueEnum;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    /// A terminal report grouped by section
    Human,
    /// Markdown, for a pull-request comment or a GitHub job summary
    Markdown,
    /// One JSON object: sections, items with status, evidence and rules, and a summary
    Json,
}

pub fn render(answers: &Answers, format: ChecklistFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ChecklistFormat::Human => human(answers, out),
        ChecklistFormat::Markdown => markdown(answers, out),
        ChecklistFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, answers)?;
            writeln!(out)
        }
    }
}

fn summary(answers: &Answers) -> String {
    let summary = answers.summary;
    format!(
        "{} met, {} unmet, {} manual",
        summary.met, summary.unmet, summary.manual
    )
}

fn human(answers: &Answers, out: &mut dyn Write) -> io::Result<()> {
    for section in &answers.sections {
        writeln!(out, "{}", visible::reflowed(&section.title))?;
        for item in &section.items {
            let mark = match item.status {
                Status::Met => "[x] met   ",
                Status::Unmet => "[ ] UNMET ",
                Status::Manual => "[?] manual",
            };
            writeln!(out, "  {mark}  {}", visible::reflowed(&item.text))?;
            for evidence in &item.evidence {
                writeln!(out, "               {}", visible::reflowed(evidence))?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(answers))
}

/// Text for a Markdown table cell: on one line, `|` escaped.
fn cell(text: &str) -> String {
    visible::reflowed(text).replace('|', "\\|")
}

fn markdown(answers: &Answers, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Architecture checklist: {}", summary(answers))?;
    for section in &answers.sections {
        writeln!(out)?;
        writeln!(out, "### {}", visible::reflowed(&section.title))?;
        writeln!(out)?;
        writeln!(out, "| | Item | Evidence |")?;
        writeln!(out, "|---|---|---|")?;
        for item in &section.items {
            let mark = match item.status {
                Status::Met => "✅ met",
                Status::Unmet => "❌ unmet",
                Status::Manual => "📝 manual",
            };
            let evidence = item
                .evidence
                .iter()
                .map(|line| cell(line))
                .collect::<Vec<_>>()
                .join("<br>");
            writeln!(out, "| {mark} | {} | {evidence} |", cell(&item.text))?;
        }
    }
    Ok(())
}
