//! Architecture decision records (docs/FORMATS.md section 7), built from the Markdown files the load
//! stage parsed: which files are ADRs, their numbers, sections, status and references to other
//! ADRs, each with the span a finding about it belongs on.
//!
//! A folder of ADRs is one log: numbers are unique within it, and `Superseded by ADR-007` is looked
//! up in it. So a repository may hold several logs (one per service, say), each numbered from 1.

use super::Spanned;
use crate::load::Workspace;
use crate::load::markdown::{
    Block, BlockKind, FilePrefix, Markdown, file_prefix, is_decision_folder, starts_with_word,
};
use crate::source::{FileId, Span};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    Status,
    Context,
    Decision,
    Consequences,
    Alternatives,
}

impl SectionKind {
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Status => "Status",
            SectionKind::Context => "Context",
            SectionKind::Decision => "Decision",
            SectionKind::Consequences => "Consequences",
            SectionKind::Alternatives => "Alternatives Considered",
        }
    }

    /// The section a heading opens. Besides the names of docs/FORMATS.md, the names MADR uses are
    /// accepted, so that its users' records are read as they mean them, and those of other
    /// templates in use (`Background`, `Decisions`, Tendermint's `Alternative Approaches` and
    /// `Alternative Designs`), and Nygard's headings in German, French, Spanish, Portuguese,
    /// Italian and Dutch (`Kontext`, `Décision`, `Consequências`).
    fn of(heading: &str) -> Option<SectionKind> {
        let name = normal(heading);
        let kind = match name.as_str() {
            name if STATUS_WORDS.contains(&name) => SectionKind::Status,
            "context"
            | "context and problem statement"
            | "background"
            | "background and context"
            | "background & context"
            | "context and background"
            | "kontext"
            | "hintergrund"
            | "contexte"
            | "contexto"
            | "contesto" => SectionKind::Context,
            "decision" | "decisions" | "decision outcome" | "entscheidung" | "décision"
            | "decisión" | "decisão" | "decisione" | "besluit" => SectionKind::Decision,
            "consequences"
            | "positive consequences"
            | "negative consequences"
            | "konsequenzen"
            | "conséquences"
            | "consecuencias"
            | "consequências"
            | "conseguenze"
            | "gevolgen" => SectionKind::Consequences,
            "alternatives considered"
            | "alternatives"
            | "considered alternatives"
            | "considered options"
            | "options considered"
            | "options"
            | "alternative approaches"
            | "alternative designs"
            | "alternativen"
            | "betrachtete alternativen"
            | "alternatives envisagées"
            | "alternativas"
            | "alternativas consideradas"
            | "alternative considerate"
            | "alternatieven" => SectionKind::Alternatives,
            _ if is_status_line(&name) => SectionKind::Status,
            _ => return None,
        };
        Some(kind)
    }
}

/// A heading's text in lowercase, without a final colon, its spaces collapsed.
fn normal(heading: &str) -> String {
    heading
        .trim()
        .trim_end_matches(':')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The template an ADR follows, recognised from its headings and from how it writes its
/// metadata, so that it is judged by the sections that template asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Michael Nygard's (adr-tools writes it, titled `# 1. Title`): Status, Context, Decision,
    /// Consequences. It has no section for alternatives.
    Nygard,
    /// MADR, versions 2 to 4: Context and Problem Statement, Considered Options and Decision
    /// Outcome; the status (metadata) and the consequences (under the outcome) are optional.
    Madr,
    /// Nygard's four sections and `Alternatives Considered`, titled `# ADR 001: Title`: the
    /// format of docs/FORMATS.md section 7.
    NygardWithAlternatives,
}

/// `##` headings that only MADR writes.
const MADR_HEADINGS: [&str; 5] = [
    "context and problem statement",
    "considered options",
    "decision outcome",
    "decision drivers",
    "pros and cons of the options",
];

/// The metadata MADR 2 writes as a list under the title (`* Status: accepted`), log4brains' tags
/// too.
const MADR_LIST: [&str; 4] = ["status", "deciders", "date", "tags"];

/// The metadata MADR 3 and 4 write as front matter. A `date` alone does not count: static site
/// generators ask for one in any page.
const MADR_FRONT_MATTER: [&str; 5] = [
    "status",
    "decision-makers",
    "deciders",
    "consulted",
    "informed",
];

impl Template {
    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Template::Nygard => "Nygard's template",
            Template::Madr => "MADR",
            Template::NygardWithAlternatives => "Nygard's template with alternatives",
        }
    }

    /// The sections a record of this template must have, in the order they are written.
    pub fn required(self) -> &'static [SectionKind] {
        match self {
            Template::Nygard | Template::NygardWithAlternatives => &[
                SectionKind::Status,
                SectionKind::Context,
                SectionKind::Decision,
                SectionKind::Consequences,
            ],
            Template::Madr => &[SectionKind::Context, SectionKind::Decision],
        }
    }

    /// The heading under which this template weighs the alternatives, if it has one.
    pub fn alternatives(self) -> Option<&'static str> {
        (self != Template::Nygard).then(|| self.heading(SectionKind::Alternatives))
    }

    /// The heading this template gives a section.
    pub fn heading(self, kind: SectionKind) -> &'static str {
        match (self, kind) {
            (Template::Madr, SectionKind::Context) => "Context and Problem Statement",
            (Template::Madr, SectionKind::Decision) => "Decision Outcome",
            (Template::Madr, SectionKind::Alternatives) => "Considered Options",
            _ => kind.title(),
        }
    }
}

/// The word for "status" in the languages whose records are read (English and German, French,
/// Spanish and Portuguese, Italian).
const STATUS_WORDS: [&str; 4] = ["status", "statut", "estado", "stato"];

/// `## Status: Accepted`: a status heading that carries the status.
fn is_status_line(name: &str) -> bool {
    STATUS_WORDS.iter().any(|word| {
        name.strip_prefix(word)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// The value's range in `line` of a `Status: value` line, in any of [`STATUS_WORDS`].
fn status_value(line: &str) -> Option<Range<usize>> {
    STATUS_WORDS.iter().find_map(|word| key_value(line, word))
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub kind: Option<SectionKind>,
    pub heading: Spanned<String>,
}

/// An ADR's number, as written and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    pub value: u64,
    /// The digits as written (`001`).
    pub written: String,
    /// The digits in the title heading, or the title heading when the number comes from the file
    /// name.
    pub span: Span,
    /// Whether the number is written in the title (else it comes from the file name).
    pub in_title: bool,
}

/// What a reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `Superseded by ADR-007`: a number in the referring ADR's folder.
    Number(u64),
    /// A relative link to an ADR file, resolved against the referring file's folder, and the
    /// number its file name carries.
    File { path: PathBuf, number: Option<u64> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The reference as written: `Superseded by ADR-007`, or the link's destination.
    pub written: String,
    /// The `Superseded by` text, or the link (with a `Superseded by` just before it).
    pub span: Span,
    pub target: Target,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub file: FileId,
    /// The path as walked, without `.` and `..` components.
    pub path: PathBuf,
    /// The folder: the log the ADR belongs to.
    pub folder: PathBuf,
    pub number: Option<Number>,
    /// The template it follows.
    pub template: Template,
    /// The title heading (the first heading), or the start of the file when it has none.
    pub heading: Span,
    /// Every `##` heading but the title, and `###` headings of consequences (MADR writes them
    /// under `## Decision Outcome`) and of alternatives.
    pub sections: Vec<Section>,
    /// The status as written (the first line of the `Status` section, or a `Status:` line before
    /// the first section), or `None` when none is written.
    pub status: Option<Spanned<String>>,
    pub references: Vec<Reference>,
}

impl Decision {
    /// How messages name the ADR: `ADR 001`, or its file name when it has no number.
    pub fn name(&self) -> String {
        match &self.number {
            Some(number) => format!("ADR {}", number.written),
            None => format!(
                "`{}`",
                self.path.file_name().unwrap_or_default().to_string_lossy()
            ),
        }
    }

    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.kind == Some(kind))
    }

    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.section(kind).is_some() || (kind == SectionKind::Status && self.status.is_some())
    }
}

/// Every ADR of the workspace, in path order, with lookups by path and by number.
#[derive(Debug, Default)]
pub struct Decisions {
    pub records: Vec<Decision>,
    by_path: HashMap<PathBuf, usize>,
    by_number: HashMap<(PathBuf, u64), Vec<usize>>,
}

impl Decisions {
    pub fn read(workspace: &Workspace) -> Decisions {
        let path_of = |markdown: &Markdown| normalize(&workspace.sources.get(markdown.file).path);
        let mut known = Known::default();
        for markdown in &workspace.markdown {
            let set = if markdown.is_decision() {
                &mut known.decisions
            } else {
                &mut known.other
            };
            set.insert(path_of(markdown));
        }
        let mut decisions = Decisions::default();
        for markdown in workspace.markdown.iter().filter(|m| m.is_decision()) {
            let text = &workspace.sources.get(markdown.file).text;
            let decision = read_decision(markdown, text, path_of(markdown), &known);
            let index = decisions.records.len();
            decisions.by_path.insert(decision.path.clone(), index);
            if let Some(number) = &decision.number {
                decisions
                    .by_number
                    .entry((decision.folder.clone(), number.value))
                    .or_default()
                    .push(index);
            }
            decisions.records.push(decision);
        }
        decisions
    }

    pub fn at_path(&self, path: &Path) -> Option<&Decision> {
        self.by_path.get(path).map(|&index| &self.records[index])
    }

    /// The ADRs of `folder` with `number`, in path order.
    pub fn numbered(&self, folder: &Path, number: u64) -> impl Iterator<Item = &Decision> {
        self.by_number
            .get(&(folder.to_path_buf(), number))
            .into_iter()
            .flatten()
            .map(|&index| &self.records[index])
    }
}

/// The Markdown files of the workspace, by normalised path.
#[derive(Default)]
struct Known {
    decisions: HashSet<PathBuf>,
    other: HashSet<PathBuf>,
}

fn read_decision(markdown: &Markdown, text: &str, path: PathBuf, known: &Known) -> Decision {
    let title = markdown.first_heading();
    let heading = title.map_or(markdown.span(&(0..0)), |block| markdown.span(&block.range));
    let number = title
        .and_then(|block| {
            let line = first_line(text, &block.range)?;
            let start = line.len() - line.trim_start_matches(['#', ' ', '\t']).len();
            let digits = adr_number(&line[start..], true)?;
            let range = offset(&block.range, start + digits.start..start + digits.end);
            Some((
                line[start..][digits].to_string(),
                markdown.span(&range),
                true,
            ))
        })
        .or_else(|| {
            let name = path.file_name()?.to_string_lossy();
            let FilePrefix::Number(digits) = file_prefix(&name) else {
                return None;
            };
            Some((name[digits].to_string(), heading, false))
        })
        .and_then(|(written, span, in_title)| {
            Some(Number {
                value: written.parse().ok()?,
                written,
                span,
                in_title,
            })
        });
    let title_range = title.map(|block| block.range.clone());
    let sections: Vec<(usize, Section)> = markdown
        .blocks
        .iter()
        .enumerate()
        // A `##` title is no section, unless it names one (a record with no title).
        .filter(|(_, block)| match block.kind {
            BlockKind::Heading(2) => {
                Some(&block.range) != title_range.as_ref() || SectionKind::of(&block.text).is_some()
            }
            // MADR writes its consequences under `## Decision Outcome`; other records weigh
            // their options under `## Decision`.
            BlockKind::Heading(3) => matches!(
                SectionKind::of(&block.text),
                Some(SectionKind::Consequences | SectionKind::Alternatives)
            ),
            _ => false,
        })
        .map(|(position, block)| {
            let section = Section {
                kind: SectionKind::of(&block.text),
                heading: Spanned {
                    value: block.text.clone(),
                    span: markdown.span(&block.range),
                },
            };
            (position, section)
        })
        .collect();
    let status = status(markdown, text, &sections, title_range.as_ref());
    let template = template(markdown, text, &sections, title);
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let references = references(markdown, text, &folder, known);
    Decision {
        file: markdown.file,
        path,
        folder,
        number,
        template,
        heading,
        sections: sections.into_iter().map(|(_, section)| section).collect(),
        status,
        references,
    }
}

/// The template a record follows: MADR when it has a heading only MADR writes; else Nygard's
/// with alternatives when it has an `Alternatives Considered` section or an `ADR 001:` title;
/// else MADR when it writes MADR's metadata (a `* Status:` list under the title, or front
/// matter) and no `## Status`; else Nygard's.
fn template(
    markdown: &Markdown,
    text: &str,
    sections: &[(usize, Section)],
    title: Option<&Block>,
) -> Template {
    let headings = || sections.iter().map(|(_, section)| &section.heading.value);
    // MADR's headings are `##` ones: a `### Considered Options` under a decision is Nygard's.
    let madr_heading = sections.iter().any(|(position, section)| {
        markdown.blocks[*position].kind == BlockKind::Heading(2)
            && MADR_HEADINGS.contains(&normal(&section.heading.value).as_str())
    });
    if madr_heading {
        return Template::Madr;
    }
    let alternatives =
        headings().any(|heading| SectionKind::of(heading) == Some(SectionKind::Alternatives));
    let numbered_title = title.is_some_and(|block| {
        starts_with_word(&block.text, "adr") && adr_number(&block.text, true).is_some()
    });
    if alternatives || numbered_title {
        return Template::NygardWithAlternatives;
    }
    let status_section = sections
        .iter()
        .any(|(_, section)| section.kind == Some(SectionKind::Status));
    let title_range = title.map(|block| &block.range);
    let madr_metadata = markdown
        .blocks
        .iter()
        .take_while(|block| {
            block.kind != BlockKind::Heading(2) || Some(&block.range) == title_range
        })
        .any(|block| {
            let writes =
                |keys: &[&str], line: &str| keys.iter().any(|key| key_value(line, key).is_some());
            match block.kind {
                BlockKind::FrontMatter => {
                    lines(text, &block.range).any(|(_, line)| writes(&MADR_FRONT_MATTER, line))
                }
                BlockKind::Text => {
                    in_list_item(text, block.range.start as usize)
                        && first_line(text, &block.range)
                            .is_some_and(|line| writes(&MADR_LIST, line))
                }
                BlockKind::Heading(_) => false,
            }
        });
    if madr_metadata && !status_section {
        Template::Madr
    } else {
        Template::Nygard
    }
}

/// Whether the text at `at` is the first text of a list item (`* Status: accepted`).
fn in_list_item(text: &str, at: usize) -> bool {
    // Read backwards from `at` over what may precede it on its line, never the whole line: a
    // line of many blocks is read once in all.
    let before = text[..at].trim_end_matches([' ', '\t']);
    let Some(marker) = before.strip_suffix(['-', '*', '+']) else {
        return false;
    };
    let indent = marker.trim_end_matches([' ', '\t', '>']);
    indent.is_empty() || indent.ends_with('\n')
}

/// The status: on the `## Status` heading itself (`## Status: Accepted`), else the first line of
/// the section's first paragraph (past a `Status:` written again there), else a `Status:` line
/// before the first section (in the preamble under the title, or in the front matter).
fn status(
    markdown: &Markdown,
    text: &str,
    sections: &[(usize, Section)],
    title: Option<&Range<u32>>,
) -> Option<Spanned<String>> {
    let spanned = |range: Range<u32>| Spanned {
        value: text[range.start as usize..range.end as usize].to_string(),
        span: markdown.span(&range),
    };
    let blocks = &markdown.blocks;
    if let Some((position, _)) = sections
        .iter()
        .find(|(_, section)| section.kind == Some(SectionKind::Status))
    {
        let heading = &blocks[*position];
        if let Some(range) = line_value(text, &heading.range) {
            return Some(spanned(range));
        }
        return blocks[position + 1..]
            .iter()
            .take_while(|block| !matches!(block.kind, BlockKind::Heading(level) if level <= 2))
            .find(|block| block.kind == BlockKind::Text)
            .and_then(|block| {
                // The section may say it again: `Status: Accepted` under `## Status`.
                if let Some(range) = line_value(text, &block.range) {
                    return Some(spanned(range));
                }
                let line = first_line(text, &block.range)?;
                let start = container_prefix(line);
                let value = line[start..].trim_end();
                (!value.is_empty())
                    .then(|| spanned(offset(&block.range, start..start + value.len())))
            });
    }
    let preamble = blocks
        .iter()
        .take_while(|block| block.kind != BlockKind::Heading(2) || Some(&block.range) == title);
    let written_as_line = preamble
        .clone()
        .filter(|block| matches!(block.kind, BlockKind::Text | BlockKind::FrontMatter))
        .flat_map(|block| lines(text, &block.range))
        .find_map(|(start, line)| {
            let range = status_value(line)?;
            let start = start as u32;
            Some(spanned(
                start + range.start as u32..start + range.end as u32,
            ))
        });
    written_as_line.or_else(|| {
        let cells: Vec<&Block> = preamble
            .filter(|block| block.kind == BlockKind::Text)
            .collect();
        table_status(text, &cells).map(spanned)
    })
}

/// The status in a table of metadata under the title: a row of two cells, the first saying
/// `Status` (`| Status | Accepted |`, a row of its own or the header row). A table with a
/// `Status` column is not one, nor a legend of statuses, whose header row titles its columns
/// (`| Status | Meaning |` over `| Proposed | under discussion |`).
fn table_status(text: &str, cells: &[&Block]) -> Option<Range<u32>> {
    // Only pipes and spaces between two cells of a row, or between a cell and its line's end.
    let only_pipes = |start: usize, end: usize| {
        text.get(start..end).is_some_and(|between| {
            between.contains('|') && between.chars().all(|c| matches!(c, '|' | ' ' | '\t'))
        })
    };
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |end| end + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |end| at + end);
    cells.windows(2).find_map(|pair| {
        let (key, value) = (pair[0], pair[1]);
        let (key_start, key_end) = (key.range.start as usize, key.range.end as usize);
        let (value_start, value_end) = (value.range.start as usize, value.range.end as usize);
        let pair_row = only_pipes(line_start(key_start), key_start)
            && only_pipes(key_end, value_start)
            && only_pipes(value_end, line_end(value_end));
        let says_status = STATUS_WORDS
            .iter()
            .any(|word| key.text.eq_ignore_ascii_case(word));
        if !(pair_row && says_status && !value.text.is_empty()) {
            return None;
        }
        let mut below = text
            .get(line_end(value_end) + 1..)
            .unwrap_or_default()
            .lines();
        let delimiter = below.next().unwrap_or_default().trim();
        let header = delimiter.contains('-')
            && delimiter
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        let legend = header
            && below
                .map_while(|row| row.trim().strip_prefix('|'))
                .any(|row| LEGEND_STATUSES.contains(&first_cell(row).as_str()));
        (!legend).then(|| value.range.clone())
    })
}

/// Statuses every template names, which the first column of a legend of statuses lists.
const LEGEND_STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

/// The first cell of a table row past its opening pipe, lowercase and without markup.
fn first_cell(row: &str) -> String {
    row.split('|')
        .next()
        .unwrap_or_default()
        .trim()
        .trim_matches(['`', '*', '_'])
        .to_lowercase()
}

/// The value of a status line (`Status: Accepted`, `**Status:** Accepted`, `* Status: accepted`,
/// `status: "accepted"`, `## Status: Accepted`, `Statut : Accepté`) in `range`'s first line, as a
/// range of the file.
fn line_value(text: &str, range: &Range<u32>) -> Option<Range<u32>> {
    let line = first_line(text, range)?;
    let value = status_value(line)?;
    Some(offset(range, value))
}

/// The value's range in `line` of a `key: value` line, markup around the key allowed.
fn key_value(line: &str, key: &str) -> Option<Range<usize>> {
    let markup = |at: usize, chars: &[char]| {
        at + line[at..].len() - line[at..].trim_start_matches(chars).len()
    };
    let at = markup(container_prefix(line), &['#', ' ', '\t', '*', '_']);
    if !starts_with_word(&line[at..], key) {
        return None;
    }
    let at = markup(at + key.len(), &['*', '_', ' ', '\t']);
    let at = line[at..].strip_prefix(':').map(|_| at + 1)?;
    let start = markup(at, &['*', '_', ' ', '\t', '"', '\'']);
    let end = line
        .trim_end_matches([' ', '\t', '\r', '*', '_', '"', '\''])
        .len();
    (start < end).then_some(start..end)
}

/// The length of the block-quote and list markers that start a source line.
fn container_prefix(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        at += rest.len() - trimmed.len();
        if trimmed.starts_with('>') {
            at += 1;
        } else if ["- ", "* ", "+ "]
            .iter()
            .any(|marker| trimmed.starts_with(marker))
        {
            at += 2;
        } else {
            return at;
        }
    }
}

/// `Superseded by ADR-007` in the prose, and relative links to ADR files, in order.
fn references(markdown: &Markdown, text: &str, folder: &Path, known: &Known) -> Vec<Reference> {
    let mut references = Vec::new();
    for block in markdown.blocks.iter().filter(|b| b.kind == BlockKind::Text) {
        for (start, line) in lines(text, &block.range) {
            for range in superseded_by(line) {
                if markdown.in_code((start + range.start) as u32) {
                    continue;
                }
                let after = &line[range.end..];
                let after = after.trim_start_matches([' ', '\t', ':', '*', '_', '#']);
                // A link after `Superseded by` is checked as a link.
                if after.starts_with('[') {
                    continue;
                }
                let Some(digits) = adr_number(after, false) else {
                    continue;
                };
                // Digits too many for a number name no record (a record's own number is read
                // the same way), so they still make a reference, to nothing.
                let number = after[digits.clone()].parse().unwrap_or(u64::MAX);
                let end = range.end + (line[range.end..].len() - after.len()) + digits.end;
                references.push(Reference {
                    written: line[range.start..end].to_string(),
                    span: markdown
                        .span(&(start as u32 + range.start as u32..start as u32 + end as u32)),
                    target: Target::Number(number),
                });
            }
        }
    }
    for link in &markdown.links {
        let Some(path) = relative_markdown_path(&link.destination) else {
            continue;
        };
        let path = normalize(&folder.join(path));
        // `[ADR-004](module-loading.md)`: the text names the record the link means.
        let link_text = link.text.trim();
        let named = starts_with_word(link_text, "adr")
            .then(|| adr_number(link_text, false))
            .flatten()
            .and_then(|digits| link_text[digits].parse::<u64>().ok());
        let to_decision = known.decisions.contains(&path)
            || (!known.other.contains(&path) && (named.is_some() || looks_like_decision(&path)));
        if !to_decision {
            continue;
        }
        let start = superseded_before(text, link.range.start as usize).unwrap_or(link.range.start);
        let number = path
            .file_name()
            .map(|name| name.to_string_lossy())
            .and_then(|name| match file_prefix(&name) {
                FilePrefix::Number(digits) => name[digits].parse().ok(),
                _ => None,
            })
            .or(named);
        references.push(Reference {
            written: link.destination.clone(),
            span: markdown.span(&(start..link.range.end)),
            target: Target::File { path, number },
        });
    }
    references.sort_by_key(|reference| reference.span);
    references
}

/// Markup that may sit between and around the words of `Superseded by` (`**Superseded** by`).
const MARKUP: [char; 4] = [' ', '\t', '*', '_'];

/// `superseded`, and `superceded`, which adr-tools writes (`adr new -s 3`).
const SUPERSEDED: [&str; 2] = ["superseded", "superceded"];

/// The ranges of `Superseded by` (any case, markup between the words allowed) in `line`.
fn superseded_by(line: &str) -> Vec<Range<usize>> {
    // ASCII lowercasing keeps every byte offset.
    let lower = line.to_ascii_lowercase();
    let mut found: Vec<(usize, &str)> = SUPERSEDED
        .iter()
        .flat_map(|spelling| lower.match_indices(spelling))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .filter_map(|(at, word)| {
            let rest = &lower[at + word.len()..];
            let gap = rest.len() - rest.trim_start_matches(MARKUP).len();
            let end = at + word.len() + gap + 2;
            if gap == 0 || lower.get(end - 2..end) != Some("by") {
                return None;
            }
            if lower[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
            // Emphasis that opens before the phrase belongs to it.
            let start = lower[..at].trim_end_matches(['*', '_']).len();
            Some(start..end)
        })
        .collect()
}

/// Where a `Superseded by` that ends just before `at` (spaces, a colon or markup between)
/// starts.
fn superseded_before(text: &str, at: usize) -> Option<u32> {
    // Read backwards from the link, never from its line's start: a line of many links is read
    // once in all. What is trimmed holds no line break, so the phrase is on the link's line.
    let before = text[..at].trim_end_matches([' ', '\t', ':', '*', '_']);
    let by = before.len().checked_sub(2)?;
    if !before.get(by..)?.eq_ignore_ascii_case("by") {
        return None;
    }
    let word = before[..by].trim_end_matches(MARKUP);
    if word.len() == by {
        return None;
    }
    let start = word.len().checked_sub("superseded".len())?;
    let written = word.get(start..)?;
    if !SUPERSEDED
        .iter()
        .any(|spelling| written.eq_ignore_ascii_case(spelling))
    {
        return None;
    }
    // Emphasis that opens before the phrase belongs to it.
    Some(word[..start].trim_end_matches(['*', '_']).len() as u32)
}

/// The path of a link to a Markdown file in the repository: relative, no scheme, no fragment.
fn relative_markdown_path(destination: &str) -> Option<PathBuf> {
    let path = destination.split(['#', '?']).next().unwrap_or_default();
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if path.is_empty() || has_scheme || path.starts_with('/') {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let lower = path.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")).then(|| PathBuf::from(&*path))
}

/// A file that is not in the workspace but would be an ADR: numbered or dated like one, or in a
/// decisions folder.
fn looks_like_decision(path: &Path) -> bool {
    let numbered = path
        .file_name()
        .is_some_and(|name| file_prefix(&name.to_string_lossy()) != FilePrefix::None);
    let in_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| is_decision_folder(&folder.to_string_lossy()));
    numbered || in_folder
}

/// The digits of an ADR number at the start of `text`: `ADR 001`, `ADR-001`, `adr#7`, or bare
/// digits. Bare digits in a title must be followed by `.`, `:` or `)` (`# 1. Title`), so that
/// `# 2024 roadmap` has no number; in a reference (`Superseded by 7`) any non-alphanumeric
/// character may follow.
fn adr_number(text: &str, title: bool) -> Option<Range<usize>> {
    let prefixed = starts_with_word(text, "adr");
    let start = if prefixed {
        let rest = &text[3..];
        3 + rest.len() - rest.trim_start_matches([' ', '\t', '-', '_', '#']).len()
    } else {
        0
    };
    let digits = text[start..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - start);
    if digits == 0 {
        return None;
    }
    let end = start + digits;
    let next = text[end..].chars().next();
    let follows = match next {
        None => true,
        Some(c) if prefixed || !title => !c.is_alphanumeric(),
        Some(c) => matches!(c, '.' | ':' | ')'),
    };
    follows.then_some(start..end)
}

/// The lines of `range` in `text`, each with its offset in the file, without line breaks.
fn lines<'t>(text: &'t str, range: &Range<u32>) -> impl Iterator<Item = (usize, &'t str)> {
    let start = range.start as usize;
    let slice = text.get(start..range.end as usize).unwrap_or_default();
    slice.split('\n').scan(start, |at, line| {
        let here = *at;
        *at += line.len() + 1;
        Some((here, line.trim_end_matches('\r')))
    })
}

fn first_line<'t>(text: &'t str, range: &Range<u32>) -> Option<&'t str> {
    lines(text, range).next().map(|(_, line)| line)
}

/// `inner`, a range within the first line of `range`, as a range of the file.
fn offset(range: &Range<u32>, inner: Range<usize>) -> Range<u32> {
    range.start + inner.start as u32..range.start + inner.end as u32
}

/// The path without `.` components and with `..` applied, so that two spellings of one file
/// compare equal without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) {
                    normal.pop();
                } else {
                    normal.push("..");
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::markdown::parse;

    fn markdown(text: &str) -> Markdown {
        Markdown::new(FileId(0), parse(text, 0))
    }

    fn record(path: &str, text: &str, known: &Known) -> Decision {
        read_decision(&markdown(text), text, normalize(Path::new(path)), known)
    }

    fn at(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    #[test]
    fn numbers_in_titles() {
        let title = |text: &str| adr_number(text, true).map(|digits| text[digits].to_string());
        assert_eq!(title("ADR 001: Use Kafka").as_deref(), Some("001"));
        assert_eq!(title("ADR-001: Use Kafka").as_deref(), Some("001"));
        assert_eq!(title("adr#7 Use Kafka").as_deref(), Some("7"));
        assert_eq!(title("1. Record decisions").as_deref(), Some("1"));
        assert_eq!(title("2024 roadmap"), None);
        assert_eq!(title("ADRs"), None);
        assert_eq!(title("ADR-001a"), None);
        assert_eq!(title("Use Kafka"), None);
        let reference = |text: &str| adr_number(text, false).map(|digits| text[digits].to_string());
        assert_eq!(reference("7, see below").as_deref(), Some("7"));
    }

    #[test]
    fn status_lines_in_their_spellings() {
        let value = |line: &str| key_value(line, "status").map(|range| line[range].to_string());
        for line in [
            "Status: Accepted",
            "**Status:** Accepted",
            "**Status**: Accepted",
            "* Status: Accepted",
            "> status: \"Accepted\"",
            "## Status: Accepted",
        ] {
            assert_eq!(value(line).as_deref(), Some("Accepted"), "{line}");
        }
        for line in ["Statuses: x", "Status Accepted", "Status:", "The status: x"] {
            assert_eq!(value(line), None, "{line}");
        }
    }

    #[test]
    fn a_record_is_read_with_its_spans() {
        let text = "# ADR 003: Use Kafka\n\nDate: 2024-01-01\n\n## Status\n\n**Superseded** by ADR-007 and superseded by [ADR 8](0008-x.md)\n\n## Context and problem statement\nText `superseded by ADR-9`.\n\n## Decision Outcome\nKafka, see [guide](../README.md) and [old](./0002-old.md).\n\n## consequences:\nSome.\n";
        let decision = record(
            "./docs/adr/../adr/0003-use-kafka.md",
            text,
            &Known::default(),
        );
        assert_eq!(decision.path, Path::new("docs/adr/0003-use-kafka.md"));
        assert_eq!(decision.folder, Path::new("docs/adr"));
        let number = decision.number.as_ref().unwrap();
        assert_eq!((number.value, at(text, number.span)), (3, "003"));
        assert_eq!(at(text, decision.heading), "# ADR 003: Use Kafka");
        let kinds: Vec<_> = decision.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                Some(SectionKind::Status),
                Some(SectionKind::Context),
                Some(SectionKind::Decision),
                Some(SectionKind::Consequences),
            ]
        );
        let status = decision.status.as_ref().unwrap();
        assert_eq!(
            at(text, status.span),
            "**Superseded** by ADR-007 and superseded by [ADR 8](0008-x.md)"
        );
        let references: Vec<_> = decision
            .references
            .iter()
            .map(|reference| (at(text, reference.span), reference.target.clone()))
            .collect();
        assert_eq!(
            references,
            [
                ("**Superseded** by ADR-007", Target::Number(7)),
                (
                    "superseded by [ADR 8](0008-x.md)",
                    Target::File {
                        path: "docs/adr/0008-x.md".into(),
                        number: Some(8)
                    }
                ),
                (
                    "[old](./0002-old.md)",
                    Target::File {
                        path: "docs/adr/0002-old.md".into(),
                        number: Some(2)
                    }
                ),
            ]
        );
        let hash = "# ADR 4: X\n\n## Status\nSuperseded by #7\n";
        let references = record("adr/0004-x.md", hash, &Known::default()).references;
        assert_eq!(references[0].target, Target::Number(7));
        assert_eq!(at(hash, references[0].span), "Superseded by #7");
        let plain = "# ADR 4: X\n\n## Status\nSuperseded by ADR-007.\n";
        let references = record("adr/0004-x.md", plain, &Known::default()).references;
        assert_eq!(references.len(), 1);
        assert_eq!(at(plain, references[0].span), "Superseded by ADR-007");
        assert_eq!(references[0].target, Target::Number(7));
        // Too many digits for any record: still a reference, to nothing.
        let huge = "# ADR 4: X\n\n## Status\nSuperseded by ADR-99999999999999999999999\n";
        let references = record("adr/0004-x.md", huge, &Known::default()).references;
        assert_eq!(references[0].target, Target::Number(u64::MAX));
    }

    #[test]
    fn the_status_may_be_metadata_or_empty() {
        // Non-ASCII right after the phrase, or where `by` would be.
        for line in [
            "superseded xé",
            "superseded byé",
            "superseded é",
            "superseded by",
        ] {
            superseded_by(line);
        }
        // adr-tools' spelling, as text and before a link.
        assert_eq!(superseded_by("Superceded by ADR-9"), vec![0..13]);
        assert_eq!(
            superseded_before("Superceded by [3. Y](0003-y.md)", 14),
            Some(0)
        );
        let text = "---\nstatus: proposed\n---\n# 5. Title\n\n## Context\nx\n";
        let decision = record("adr/0005-title.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "proposed");
        let text = "# ADR 6: T\n\n## Status\n\n## Context\nAccepted\n";
        let decision = record("adr/0006-t.md", text, &Known::default());
        assert_eq!(decision.status, None);
        assert!(decision.has_section(SectionKind::Status));
        let text = "# ADR 10: T\n\n## Status\n\n**Status:** Accepted\n";
        let decision = record("adr/0010-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Accepted");
        let text = "# ADR 11: T\n\n## Estado\n\nEstado: Aceptado\n";
        let decision = record("adr/0011-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Aceptado");
        let text = "# ADR 12: T\n\n## Statut : Accepté\n";
        let decision = record("adr/0012-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Accepté");
        let text = "# ADR 7: T\n\n## Status: Rejected\n";
        let decision = record("adr/0007-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Rejected");
        // No title: the first heading is a section.
        let text = "## Status\nAccepted\n\n## Context\nx\n";
        let decision = record("adr/0009-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Accepted");
        assert_eq!(decision.sections.len(), 2);
        // A table of metadata under the title: a row, or the header row.
        let text = "# ADR-0009: T\n\n| Field | Value |\n|---|---|\n| **Status** | Accepted |\n| Date | 2026-04-08 |\n\n## Context\nx\n";
        let decision = record("adr/0009-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Accepted");
        let text =
            "# ADR-0030 Redis\n\n| Status | Proposed |\n| --- | --- |\n| Date | 2026-09-25 |\n";
        let decision = record("adr/0030-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Proposed");
        let text = "# ADR 3: T\n\n| Statut | Accepté |\n|---|---|\n";
        let decision = record("adr/0003-t.md", text, &Known::default());
        assert_eq!(at(text, decision.status.unwrap().span), "Accepté");
        // A status column, a row of more cells, a cell of another row, or a table below the
        // first section, is not.
        for text in [
            "# ADR 1: T\n\n| Name | Status |\n|---|---|\n| x | Accepted |\n",
            "# ADR 1: T\n\n| Status |\n|---|\n| Accepted |\n",
            "# ADR 1: T\n\n| Status | Date | Deciders |\n|---|---|---|\n| Accepted | 2024 | x |\n",
            "# ADR 1: T\n\n| Service | Status | Owner |\n|---|---|---|\n| a | live | b |\n",
            "# ADR 1: T\n\n## Context\n\n| Status | Accepted |\n|---|---|\n",
        ] {
            assert_eq!(
                record("adr/0001-t.md", text, &Known::default()).status,
                None,
                "{text}"
            );
        }
        // No heading at all: findings go to the start of the file.
        let decision = record("adr/0008-t.md", "", &Known::default());
        assert_eq!(decision.heading.range(), 0..0);
        assert_eq!(decision.number.unwrap().value, 8);
    }

    #[test]
    fn headings_in_other_languages_name_the_sections() {
        for (heading, kind) in [
            ("Statut", SectionKind::Status),
            ("Estado", SectionKind::Status),
            ("Kontext", SectionKind::Context),
            ("Contexto", SectionKind::Context),
            ("Entscheidung", SectionKind::Decision),
            ("Décision", SectionKind::Decision),
            ("Decisão", SectionKind::Decision),
            ("Konsequenzen", SectionKind::Consequences),
            ("Consequências", SectionKind::Consequences),
            ("Alternativas consideradas", SectionKind::Alternatives),
        ] {
            assert_eq!(SectionKind::of(heading), Some(kind), "{heading}");
        }
    }

    #[test]
    fn the_template_is_recognised_from_headings_and_metadata() {
        let template = |text: &str| record("adr/0001-x.md", text, &Known::default()).template;
        // MADR 3 and 4: front matter, MADR's headings, consequences under the outcome.
        let madr = "---\nstatus: accepted\n---\n# Use X\n\n## Context and Problem Statement\nWhy.\n\n## Considered Options\n* X\n\n## Decision Outcome\nX.\n\n### Consequences\n* Good.\n";
        assert_eq!(template(madr), Template::Madr);
        let decision = record("adr/0001-x.md", madr, &Known::default());
        assert!(decision.has_section(SectionKind::Consequences));
        // MADR 2 as log4brains writes it: a metadata list, cut down to a decision.
        let list = "# Avoid default exports\n\n- Status: accepted\n- Date: 2020-09-27\n\n## Decision\nNamed exports.\n";
        assert_eq!(template(list), Template::Madr);
        // Nygard's, as adr-tools writes it; a `Date:` line is not MADR's list.
        let nygard =
            "# 1. Record decisions\n\nDate: 2017-06-30\n\n## Status\n\nAccepted\n\n## Context\nx\n";
        assert_eq!(template(nygard), Template::Nygard);
        // A list with a status beside a `## Status` section is no MADR metadata either.
        let both = "# T\n\n* Date: 2020-01-01\n\n## Status\nAccepted\n";
        assert_eq!(template(both), Template::Nygard);
        // Front matter with a date alone is a static site's, not MADR's.
        let jekyll = "---\nlayout: page\ndate: 2020-01-01\n---\n# 3. T\n\n## Context\nx\n";
        assert_eq!(template(jekyll), Template::Nygard);
        // The format of docs/FORMATS.md: an `ADR 001:` title, or `Alternatives Considered`.
        let titled = "# ADR-001: Choose Database Technology\n\n## Status\nAccepted\n";
        assert_eq!(template(titled), Template::NygardWithAlternatives);
        let alternatives = "# 1. T\n\n## Status\nAccepted\n\n## Alternatives Considered\n1. Y\n";
        assert_eq!(template(alternatives), Template::NygardWithAlternatives);
        // Options weighed under the decision; MADR's heading there does not make it MADR.
        let options = "# ADR 2: T\n\n## Decision\nX.\n\n### Options\n1. Y\n";
        let decision = record("adr/0002-t.md", options, &Known::default());
        assert!(decision.has_section(SectionKind::Alternatives));
        let considered = "# 2. T\n\n## Decision\nX.\n\n### Considered Options\n1. Y\n";
        assert_eq!(template(considered), Template::NygardWithAlternatives);
        // MADR's headings win over an `ADR` title and its metadata.
        let madr_titled = "# ADR 7: T\n\n## Context and Problem Statement\nx\n";
        assert_eq!(template(madr_titled), Template::Madr);
        assert_eq!(
            Template::Madr.required(),
            [SectionKind::Context, SectionKind::Decision]
        );
        assert_eq!(Template::Nygard.alternatives(), None);
    }

    #[test]
    fn links_to_repository_markdown_only() {
        let path = |destination: &str| relative_markdown_path(destination);
        assert_eq!(path("0003-x.md#context"), Some("0003-x.md".into()));
        assert_eq!(path("../a%20b.md"), Some("../a b.md".into()));
        assert_eq!(path("https://example.com/0003-x.md"), None);
        assert_eq!(path("mailto:team@example.com"), None);
        assert_eq!(path("/abs/0003-x.md"), None);
        assert_eq!(path("#context"), None);
        assert_eq!(path("diagram.png"), None);
        assert_eq!(normalize(Path::new("./a/b/../c.md")), Path::new("a/c.md"));
        assert_eq!(normalize(Path::new("../x/./y")), Path::new("../x/y"));
    }
}
