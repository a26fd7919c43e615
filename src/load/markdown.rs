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

/// A link (inline, reference or autolink) with its destination as written and the range of the
/// whole link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub destination: String,
    pub range: Range<u32>,
}

/// What the parser produces for one file, before the file has an id.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ParsedMarkdown {
    /// Whether the file is an architecture decision record (FORMATS.md section 7); other
    /// Markdown (a README, a guide) is not looked at.
    pub is_decision: bool,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    /// Inline code spans (`` `like this` ``): examples, not prose.
    pub code: Vec<Range<u32>>,
}

/// One parsed Markdown file.
#[derive(Debug)]
pub struct Markdown {
    pub file: FileId,
    pub is_decision: bool,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub code: Vec<Range<u32>>,
}

impl Markdown {
    pub fn new(file: FileId, parsed: ParsedMarkdown) -> Self {
        Markdown {
            file,
            is_decision: parsed.is_decision,
            blocks: parsed.blocks,
            links: parsed.links,
            code: parsed.code,
        }
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
    parsed.is_decision = is_decision(path, &parsed.blocks);
    parsed
}

/// Folders whose Markdown files are ADRs.
const DECISION_FOLDERS: [&str; 3] = ["adr", "adrs", "decisions"];

/// A file is an ADR when its folder is named `adr`, `adrs` or `decisions` (a README, index or
/// template there is not), or when its first heading starts with the word `ADR`.
pub fn is_decision(path: &Path, blocks: &[Block]) -> bool {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(stem.as_str(), "readme" | "index" | "_index") || stem.contains("template") {
        return false;
    }
    let in_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| is_decision_folder(&folder.to_string_lossy()));
    in_folder || first_heading(blocks).is_some_and(|heading| starts_with_word(&heading.text, "adr"))
}

pub fn is_decision_folder(name: &str) -> bool {
    DECISION_FOLDERS
        .iter()
        .any(|folder| folder.eq_ignore_ascii_case(name))
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
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut parsed = ParsedMarkdown::default();
    let mut open: Option<Open> = None;
    // Inside a code block, an HTML block or front matter, text is not prose.
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
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
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
            Event::Start(Tag::MetadataBlock(_)) => {
                close(&mut open, &mut parsed);
                verbatim = true;
                open = Some(Open {
                    kind: BlockKind::FrontMatter,
                    range,
                    text: String::new(),
                });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                close(&mut open, &mut parsed);
                verbatim = true;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => verbatim = false,
            Event::End(TagEnd::MetadataBlock(_)) => {
                verbatim = false;
                close(&mut open, &mut parsed);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                parsed.links.push(Link {
                    destination: dest_url.to_string(),
                    range: base + range.start as u32..base + range.end as u32,
                });
                extend(&mut open, range, "");
            }
            Event::Code(content) => {
                parsed
                    .code
                    .push(base + range.start as u32..base + range.end as u32);
                extend(&mut open, range, &content);
            }
            Event::Text(content) if !verbatim => extend(&mut open, range, &content),
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
            | TagEnd::Link
    )
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
        let cases = [
            ("docs/adr/0001-x.md", &plain, true),
            ("docs/ADRs/x.md", &plain, true),
            ("decisions/x.md", &plain, true),
            ("docs/adr/README.md", &plain, false),
            ("docs/adr/README.md", &titled, false),
            ("docs/adr/template.md", &plain, false),
            ("docs/adr/old/0001-x.md", &plain, false),
            ("notes/x.md", &titled, true),
            ("notes/x.md", &plain, false),
            ("notes/x.md", &adrs, false),
        ];
        for (path, blocks, expected) in cases {
            assert_eq!(is_decision(Path::new(path), blocks), expected, "{path}");
        }
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
