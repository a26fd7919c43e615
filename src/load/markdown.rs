//! Markdown, parsed once with pulldown-cmark into what the decision records need: headings with
//! their text, prose blocks, front matter, and links, each with its byte range in the file.
//! Code blocks and HTML are left out: a `Status:` or `Superseded by` in an example is not one.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading and its level (1 for `#`).
    Heading(u8),
    /// A paragraph, or the text of a tight list item or a table cell.
    Text,
    /// YAML front matter (`---` ... `---` at the top of the file).
    FrontMatter,
}

/// A block in document order. `text` is the plain text of a heading (markup removed); for other
/// blocks it is empty, and readers look at the source lines of `range`, which keep exact offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub range: Range<u32>,
}

/// A link (inline, reference or autolink) with its destination as written, its text (markup
/// removed) and the range of the whole link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub destination: String,
    pub text: String,
    pub range: Range<u32>,
}

/// Whether a Markdown file is an architecture decision record (docs/FORMATS.md section 7), and if not,
/// why not (`--verbose` says it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Recognition {
    Decision,
    /// Not a record, for this reason.
    Other(&'static str),
    /// Not decided: the text was parsed on its own (`parse`), not read as a file (`read`).
    #[default]
    Unknown,
}

/// What the parser produces for one file, before the file has an id.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParsedMarkdown {
    /// Whether the file is an architecture decision record; other Markdown (a README, a guide)
    /// is not looked at.
    pub recognition: Recognition,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Inline code spans (`` `like this` ``): examples, not prose.
    pub code: Vec<Range<u32>>,
}

/// One parsed Markdown file.
#[derive(Debug)]
pub struct Markdown {
    pub file: FileId,
    pub recognition: Recognition,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub code: Vec<Range<u32>>,
}

impl Markdown {
    pub fn new(file: FileId, parsed: ParsedMarkdown) -> Self {
        Markdown {
            file,
            recognition: parsed.recognition,
            blocks: parsed.blocks,
            links: parsed.links,
            code: parsed.code,
        }
    }

    pub fn is_decision(&self) -> bool {
        self.recognition == Recognition::Decision
    }

    pub fn span(&self, range: &Range<u32>) -> Span {
        Span::new(self.file, range.clone())
    }

    /// Whether the byte at `offset` is inside inline code.
    pub fn in_code(&self, offset: u32) -> bool {
        // Code spans come in document order and do not overlap.
        let after = self.code.partition_point(|code| code.start <= offset);
        after > 0 && self.code[after - 1].end > offset
    }

    /// The first heading of any level.
    pub fn first_heading(&self) -> Option<&Block> {
        first_heading(&self.blocks)
    }
}

fn first_heading(blocks: &[Block]) -> Option<&Block> {
    blocks
        .iter()
        .find(|block| matches!(block.kind, BlockKind::Heading(_)))
}

/// Parses the Markdown file at `path` and decides whether it is a decision record.
pub fn read(path: &Path, text: &str, base: u32) -> ParsedMarkdown {
    let mut parsed = parse(text, base);
    parsed.recognition = recognise(path, &parsed.blocks);
    parsed
}

/// Folders whose Markdown files are ADRs (`_` written as `-`): adr-tools' `doc/adr`, MADR's
/// `docs/decisions`, and the longer names logs are kept under (Backstage's
/// `docs/architecture-decisions`).
const DECISION_FOLDERS: [&str; 8] = [
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "decision-record",
    "architecture-decisions",
    "architecture-decision-records",
    "architecture-decision-record",
];

/// A file is an ADR when its folder is named as one above (`adr`, `decisions`, ...; a README,
/// index or template there is not), when its name is numbered as one (`adr-001-title.md`), or
/// when its title says it is one: it starts with the word `ADR` or with `Architecture Decision
/// Record` (`Architectural` too).
pub fn recognise(path: &Path, blocks: &[Block]) -> Recognition {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem);
    if matches!(stem, "readme" | "index" | "_index") || stem.contains("template") {
        return Recognition::Other("a README, index or template, not a decision record");
    }
    let in_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| is_decision_folder(&folder.to_string_lossy()));
    let numbered_as_record =
        name.starts_with("adr") && matches!(file_prefix(&name), FilePrefix::Number(_));
    let titled_as_record =
        first_heading(blocks).is_some_and(|heading| is_record_title(&heading.text));
    if in_folder || numbered_as_record || titled_as_record {
        Recognition::Decision
    } else {
        Recognition::Other(
            "not a decision record (not in an `adr`, `adrs`, `decisions`, `decision-records` or \
             `architecture-decisions` folder, not named `adr-NNN-*.md`, no title `ADR ...` or \
             `Architecture Decision Record ...`)",
        )
    }
}

/// `ADR 12: ...`, `ADR-012 ...`, `Architecture Decision Record: ...`.
fn is_record_title(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    match words.as_slice() {
        [first, ..] if first == "adr" => true,
        [architecture, decision, record, ..] => {
            matches!(architecture.as_str(), "architecture" | "architectural")
                && decision == "decision"
                && record == "record"
        }
        _ => false,
    }
}

pub fn is_decision_folder(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('_', "-");
    DECISION_FOLDERS.contains(&name.as_str())
}

/// What the start of a record's file name says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilePrefix {
    /// `0001-title.md`, `adr-001-title.md`, `ADR001.md`: the digits of its number.
    Number(Range<usize>),
    /// `20200925-title.md`, `2020-09-25-title.md`, `202009251430-title.md`: the day it was
    /// written (log4brains names records so, and identifies each by its whole file name), no
    /// number.
    Date,
    /// No number and no date.
    None,
}

/// Reads the start of a file name (`name` as written, any case).
pub fn file_prefix(name: &str) -> FilePrefix {
    let start = if name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("adr")) {
        let rest = &name[3..];
        3 + rest.len() - rest.trim_start_matches(['-', '_', ' ']).len()
    } else {
        0
    };
    let Some(digits) = name[start..].find(|c: char| !c.is_ascii_digit()) else {
        return FilePrefix::None;
    };
    let end = start + digits;
    if digits == 0 || !matches!(name[end..].chars().next(), Some('-' | '_' | '.' | ' ')) {
        return FilePrefix::None;
    }
    // `2020-09-25-`: the digits of the day without its dashes.
    let dashed_date = digits == 4
        && name[start..]
            .get(..10)
            .is_some_and(|day| is_date(&day.replace('-', "")) && day.as_bytes()[7] == b'-');
    if dashed_date || (digits >= 8 && is_date(&name[start..start + 8])) {
        FilePrefix::Date
    } else {
        FilePrefix::Number(start..end)
    }
}

/// `YYYYMMDD`, a day between 1900 and 2199.
fn is_date(digits: &str) -> bool {
    let number = |range: Range<usize>| digits.get(range).and_then(|part| part.parse::<u32>().ok());
    matches!(
        (number(0..4), number(4..6), number(6..8)),
        (Some(1900..=2199), Some(1..=12), Some(1..=31))
    )
}

/// Whether `text` starts with `word` (ASCII, any case) not followed by a letter or digit.
pub fn starts_with_word(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(word))
        && !text[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// A block being read: its kind, where it starts and ends so far, its text so far.
struct Open {
    kind: BlockKind,
    range: Range<usize>,
    text: String,
}

/// Parses `text` (which starts at byte `base` of its file); Markdown has no syntax errors, so
/// this never fails.
pub fn parse(text: &str, base: u32) -> ParsedMarkdown {
    // Front matter is read here, not by the parser's metadata blocks: those may begin at any
    // `---` followed by a line of text, where CommonMark (and GitHub) see a thematic break; the
    // headings after such a rule were lost in a "metadata block" to the next `---`.
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut parsed = ParsedMarkdown::default();
    let front = front_matter(text);
    let blanked;
    let source = match &front {
        Some(range) => {
            parsed.blocks.push(Block {
                kind: BlockKind::FrontMatter,
                text: String::new(),
                range: base + range.start as u32..base + range.end as u32,
            });
            // The parser reads the front matter as blank lines, so that every range stays
            // the file's.
            blanked = blank(text, range.clone());
            blanked.as_str()
        }
        None => text,
    };
    let mut open: Option<Open> = None;
    // The link being read (links do not nest), by index into `parsed.links`.
    let mut open_link: Option<usize> = None;
    // Inside a code block or an HTML block, text is not prose.
    let mut verbatim = false;
    let close = |open: &mut Option<Open>, parsed: &mut ParsedMarkdown| {
        if let Some(block) = open.take() {
            let range = trimmed(text, block.range);
            parsed.blocks.push(Block {
                kind: block.kind,
                text: block.text.trim().to_string(),
                range: base + range.start as u32..base + range.end as u32,
            });
        }
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                close(&mut open, &mut parsed);
                open = Some(Open {
                    kind: BlockKind::Heading(level as u8),
                    range,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Paragraph) => {
                close(&mut open, &mut parsed);
                open = Some(Open {
                    kind: BlockKind::Text,
                    range,
                    text: String::new(),
                });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                close(&mut open, &mut parsed);
                verbatim = true;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => verbatim = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                open_link = Some(parsed.links.len());
                parsed.links.push(Link {
                    destination: dest_url.to_string(),
                    text: String::new(),
                    range: base + range.start as u32..base + range.end as u32,
                });
                extend(&mut open, range, "");
            }
            Event::End(TagEnd::Link) => {
                open_link = None;
                extend(&mut open, range, "");
            }
            Event::Code(content) => {
                parsed
                    .code
                    .push(base + range.start as u32..base + range.end as u32);
                link_text(&mut parsed.links, open_link, &content);
                extend(&mut open, range, &content);
            }
            Event::Text(content) if !verbatim => {
                link_text(&mut parsed.links, open_link, &content);
                extend(&mut open, range, &content);
            }
            Event::SoftBreak | Event::HardBreak => extend(&mut open, range, " "),
            Event::Start(tag) if is_inline(&tag) => extend(&mut open, range, ""),
            Event::End(tag) if is_inline_end(tag) => extend(&mut open, range, ""),
            // Any other block boundary (list, item, quote, table cell, end of a paragraph or
            // heading) ends the block being read.
            Event::Start(_) | Event::End(_) => close(&mut open, &mut parsed),
            _ => {}
        }
    }
    close(&mut open, &mut parsed);
    parsed
}

/// Adds text to the link being read, if any.
fn link_text(links: &mut [Link], open: Option<usize>, content: &str) {
    if let Some(index) = open {
        links[index].text.push_str(content);
    }
}

/// Adds inline content to the open block, or opens a text block where none is open (the text of
/// a tight list item or a table cell comes without a paragraph).
fn extend(open: &mut Option<Open>, range: Range<usize>, content: &str) {
    let block = open.get_or_insert_with(|| Open {
        kind: BlockKind::Text,
        range: range.clone(),
        text: String::new(),
    });
    block.range.end = block.range.end.max(range.end);
    block.text.push_str(content);
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Image
    )
}

/// YAML front matter: a `---` line at the top of the file (after a byte-order mark), then a line
/// of text (a blank one makes the `---` a thematic break), up to a line `---` or `...` (the
/// second line, for empty front matter). The range runs from the first `---` to the end of the
/// last.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..]
        .split_inclusive('\n')
        .scan(start, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line.trim_end()))
        });
    if lines.next()?.1 != "---" {
        return None;
    }
    let closes = |line: &str| matches!(line, "---" | "...");
    let (at, line) = match lines.next()? {
        (_, "") => return None,
        // Empty front matter.
        (at, line) if closes(line) => (at, line),
        _ => lines.find(|(_, line)| closes(line))?,
    };
    Some(start..at + line.len())
}

/// `text` with the bytes of `range` made spaces, its line ends kept.
fn blank(text: &str, range: Range<usize>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for byte in &mut bytes[range] {
        if !matches!(*byte, b'\n' | b'\r') {
            *byte = b' ';
        }
    }
    String::from_utf8(bytes).expect("ASCII spaces in place of whole characters")
}

/// `range` without the whitespace and line breaks at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        let parsed = parse(text, 0);
        parsed
            .blocks
            .iter()
            .map(|block| {
                format!(
                    "{:?} {:?} {:?}",
                    block.kind,
                    block.text,
                    &text[block.range.start as usize..block.range.end as usize]
                )
            })
            .chain(parsed.links.iter().map(|link| {
                format!(
                    "link {} {:?}",
                    link.destination,
                    &text[link.range.start as usize..link.range.end as usize]
                )
            }))
            .collect()
    }

    #[test]
    fn headings_prose_and_links_keep_their_source_ranges() {
        let text = "---\nstatus: accepted\n---\n# ADR 3: Use *Kafka*\n\n## Status\nSuperseded by [ADR 7](0007-x.md)\n\n```\nStatus: fake\n```\n\n- **Status:** Proposed\n- two\n";
        assert_eq!(
            show(text),
            [
                "FrontMatter \"\" \"---\\nstatus: accepted\\n---\"",
                "Heading(1) \"ADR 3: Use Kafka\" \"# ADR 3: Use *Kafka*\"",
                "Heading(2) \"Status\" \"## Status\"",
                "Text \"Superseded by ADR 7\" \"Superseded by [ADR 7](0007-x.md)\"",
                "Text \"Status: Proposed\" \"**Status:** Proposed\"",
                "Text \"two\" \"two\"",
                "link 0007-x.md \"[ADR 7](0007-x.md)\"",
            ]
        );
    }

    #[test]
    fn a_rule_below_the_top_is_a_rule_and_front_matter_is_only_at_the_top() {
        // A `---` after a blank line, with a heading below it, is a thematic break (CommonMark,
        // GitHub); the heading is kept, and so is the one after the next `---`.
        let text = "# 1. Use X\n\n## Context\n\nWe need X.\n\n---\n## Decision\n\nWe will.\n\n---\n## Consequences\n";
        let headings: Vec<String> = show(text)
            .into_iter()
            .filter(|block| block.starts_with("Heading"))
            .collect();
        assert_eq!(headings.len(), 4, "{headings:?}");
        // Front matter after a byte-order mark; a `---` followed by a blank line is no front
        // matter.
        assert_eq!(
            show("\u{feff}---\nstatus: accepted\n...\n# T\n")[0],
            "FrontMatter \"\" \"---\\nstatus: accepted\\n...\""
        );
        assert!(!show("---\n\nstatus: accepted\n---\n# T\n")[0].starts_with("FrontMatter"));
        // Empty front matter closes at once: the sections after it are kept.
        let shown = show("---\n---\n# 1. T\n\n## Status\n\nAccepted\n\n---\n\n## Context\n");
        assert_eq!(shown[0], "FrontMatter \"\" \"---\\n---\"");
        assert_eq!(shown.iter().filter(|b| b.starts_with("Heading")).count(), 3);
    }

    #[test]
    fn inline_code_is_known() {
        let text = "See `Superseded by ADR-1` here.\n";
        let markdown = Markdown::new(FileId(0), parse(text, 0));
        assert_eq!(markdown.code.len(), 1);
        assert_eq!(markdown.code[0], 4..25);
        assert!(!markdown.in_code(3));
        assert!(markdown.in_code(4) && markdown.in_code(24));
        assert!(!markdown.in_code(25));
    }

    #[test]
    fn which_files_are_records() {
        let titled = parse("Intro\n\n# ADR-12: Something\n", 0).blocks;
        let plain = parse("# Architecture decision records\n", 0).blocks;
        let adrs = parse("# ADRs we keep\n", 0).blocks;
        let long_title = parse("# Architecture Decision Record: Use ADRs\n", 0).blocks;
        let architectural = parse("# Architectural decision record - caching\n", 0).blocks;
        let cases = [
            ("docs/adr/0001-x.md", &plain, true),
            ("docs/ADRs/x.md", &plain, true),
            ("decisions/x.md", &plain, true),
            ("docs/architecture-decisions/x.md", &plain, true),
            ("docs/Architecture_Decision_Records/x.md", &plain, true),
            ("decision-records/x.md", &plain, true),
            ("docs/architecture/x.md", &plain, false),
            ("docs/adr/README.md", &plain, false),
            ("docs/adr/README.md", &titled, false),
            ("docs/adr/template.md", &plain, false),
            ("docs/adr/old/0001-x.md", &plain, false),
            ("notes/x.md", &titled, true),
            ("notes/x.md", &plain, false),
            ("notes/x.md", &adrs, false),
            ("adr-001-use-adrs.md", &plain, true),
            ("ADR_7.md", &plain, true),
            ("ADR001.md", &plain, true),
            ("adrenaline-2.md", &plain, false),
            ("adr-template.md", &plain, false),
            ("adr-tools.md", &plain, false),
            ("0001-x.md", &plain, false),
            ("x.md", &long_title, true),
            ("x.md", &architectural, true),
        ];
        for (path, blocks, expected) in cases {
            let recognition = recognise(Path::new(path), blocks);
            assert_eq!(recognition == Recognition::Decision, expected, "{path}");
        }
    }

    #[test]
    fn file_names_carry_a_number_or_a_date() {
        let prefix = |name: &str| match file_prefix(name) {
            FilePrefix::Number(digits) => name[digits].to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(prefix("0001-title.md"), "0001");
        assert_eq!(prefix("adr-001-title.md"), "001");
        assert_eq!(prefix("ADR001.md"), "001");
        assert_eq!(prefix("0033-ip-ranges.md"), "0033");
        assert_eq!(prefix("20200925-use-nextjs.md"), "Date");
        assert_eq!(prefix("2020-09-25-use-nextjs.md"), "Date");
        assert_eq!(prefix("202009251430-use-nextjs.md"), "Date");
        // Not a calendar day: a (very large) number.
        assert_eq!(prefix("20201399-x.md"), "20201399");
        assert_eq!(prefix("2020-13-01-x.md"), "2020");
        assert_eq!(prefix("README.md"), "None");
        assert_eq!(prefix("v2-notes.md"), "None");
        assert_eq!(prefix("2020é-x.md"), "None");
    }

    #[test]
    fn links_keep_their_text() {
        let parsed = parse(
            "See [ADR-004 `loading`](module-loading.md) and <https://x.org>.\n",
            0,
        );
        let texts: Vec<_> = parsed.links.iter().map(|link| link.text.as_str()).collect();
        assert_eq!(texts, ["ADR-004 loading", "https://x.org"]);
    }

    #[test]
    fn offsets_count_from_the_base() {
        let parsed = parse("# T\n", 3);
        assert_eq!(parsed.blocks[0].range, 3..6);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in [
            "",
            "\u{feff}",
            "[",
            "](",
            ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> x",
            "---\n",
            "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
            "# \u{0}",
        ] {
            parse(text, 0);
        }
        let deep = "> ".repeat(10_000) + "text";
        parse(&deep, 0);
        let nested = "[".repeat(10_000) + &"](x)".repeat(10_000);
        parse(&nested, 0);
    }
}
