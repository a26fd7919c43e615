//! Suppression comments: `archlint-disable-next-line RULE[, RULE] -- reason` silences those rules
//! on the next line that is neither blank nor only a comment; `archlint-disable RULE[, RULE] --
//! reason` silences them in the whole file. They are written as YAML comments (`#`), as comments
//! in `.jsonc` files (`//` or `/* */`) and as HTML comments in Markdown (`<!-- ... -->`).
//!
//! Comments are found by each format's own scanner (granit-parser with comment events,
//! jsonc-parser's scanner, pulldown-cmark), never by searching the text, so a `#` inside a quoted
//! string or a block scalar and an HTML comment inside a code block are not comments. Only files
//! whose text mentions `archlint-` are scanned. Whether a suppression applies is policy: the
//! engine applies them (see `engine.rs`), and the `unused-suppression` rule reports the broken
//! ones.

use crate::diagnostic::Diagnostic;
use crate::load::limits::Limits;
use crate::source::{FileId, SourceFile, Sources, Span};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

/// The rule that reports suppressions that are broken or silence nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// The directives archlint reads; a comment starting with a word close to one of them
/// (`archlint-disabled`) is reported as a mistyped directive.
pub const DIRECTIVES: [&str; 2] = ["archlint-disable-next-line", "archlint-disable"];

const PREFIX: &str = "archlint-";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Directive {
    /// `archlint-disable-next-line`: the next line that is neither blank nor only a comment.
    NextLine,
    /// `archlint-disable`: the whole file.
    File,
    /// A comment starting with a word close to a directive but not one (a typo).
    Unknown(String),
}

/// A rule name written in a suppression, where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub rule: String,
    pub span: Span,
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The whole comment, its markers included.
    pub span: Span,
    pub directive: Directive,
    /// For `NextLine`, the 0-based line it silences; `None` when no line follows the comment.
    pub target_line: Option<usize>,
    pub names: Vec<Name>,
    /// The text after ` -- `; `None` when there is none or it is blank.
    pub reason: Option<String>,
}

impl Suppression {
    pub fn names_rule(&self, rule: &str) -> bool {
        self.names.iter().any(|name| name.rule == rule)
    }
}

/// Every suppression comment in `sources`, in file and offset order.
pub fn scan(sources: &Sources, limits: &Limits) -> Vec<Suppression> {
    let files: Vec<(FileId, &SourceFile)> = sources.iter().collect();
    files
        .par_iter()
        .with_max_len(crate::FILES_PER_TASK)
        .flat_map_iter(|&(id, file)| scan_file(id, file, limits))
        .collect()
}

/// How comments are written in a file, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Jsonc,
    Markdown,
}

impl Syntax {
    fn of(file: &SourceFile) -> Option<Syntax> {
        let extension = file.path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(Syntax::Yaml),
            "jsonc" => Some(Syntax::Jsonc),
            "md" | "markdown" => Some(Syntax::Markdown),
            // Strict JSON has no comments, hence no suppressions.
            _ => None,
        }
    }
}

/// A comment: its whole extent and the range of its text between the markers.
struct Comment {
    whole: Range<usize>,
    body: Range<usize>,
}

fn scan_file(id: FileId, file: &SourceFile, limits: &Limits) -> Vec<Suppression> {
    let Some(syntax) = Syntax::of(file) else {
        return Vec::new();
    };
    if !file.text.contains(PREFIX) {
        return Vec::new();
    }
    let comments = match syntax {
        Syntax::Yaml => yaml_comments(&file.text, limits),
        Syntax::Jsonc => jsonc_comments(&file.text),
        Syntax::Markdown => markdown_comments(&file.text),
    };
    let next_code = next_code_lines(file, &comment_only_lines(file, &comments));
    comments
        .iter()
        .filter_map(|comment| {
            let mut suppression = parse(id, &file.text, comment)?;
            if suppression.directive == Directive::NextLine {
                let line = file.line_index(comment.whole.end.saturating_sub(1));
                suppression.target_line = next_code.get(line).copied().flatten();
            }
            Some(suppression)
        })
        .collect()
}

/// YAML comments from granit-parser's comment events, up to the first syntax error.
fn yaml_comments(text: &str, limits: &Limits) -> Vec<Comment> {
    use granit_parser::{Event, Parser};
    let options = granit_parser::options! {
        emit_comments: true,
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: limits.max_depth,
    };
    let mut comments = Vec::new();
    for event in Parser::new_from_str_with_options(text, options) {
        match event {
            Ok((Event::Comment(..), span)) => {
                let start = span.start.byte_offset().unwrap_or(span.start.index());
                let end = span.end.byte_offset().unwrap_or(span.end.index());
                // The event covers `#` and the text after it, without the line break.
                if text
                    .get(start..end)
                    .is_some_and(|found| found.starts_with('#'))
                {
                    comments.push(Comment {
                        whole: start..end,
                        body: start + 1..end,
                    });
                }
            }
            Ok((Event::StreamEnd, _)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    comments
}

/// `//` and `/* */` comments from jsonc-parser's scanner, up to the first lexical error.
fn jsonc_comments(text: &str) -> Vec<Comment> {
    use jsonc_parser::tokens::Token;
    let mut scanner = jsonc_parser::Scanner::new(text, &Default::default());
    let mut comments = Vec::new();
    while let Ok(Some(token)) = scanner.scan() {
        let whole = scanner.token_start()..scanner.token_end();
        let body = match token {
            Token::CommentLine(_) => whole.start + 2..whole.end,
            Token::CommentBlock(_) => {
                whole.start + 2..whole.end.saturating_sub(2).max(whole.start + 2)
            }
            _ => continue,
        };
        comments.push(Comment { whole, body });
    }
    comments
}

/// HTML comments in Markdown: in HTML blocks and inline HTML as pulldown-cmark reads them, so
/// never inside code.
fn markdown_comments(text: &str) -> Vec<Comment> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut comments = Vec::new();
    let mut block_end = 0;
    for (event, range) in Parser::new(text).into_offset_iter() {
        let html = match event {
            // A block's range covers all its lines, so a comment over several lines is whole.
            Event::Start(Tag::HtmlBlock) => range,
            Event::InlineHtml(_) if range.start >= block_end => range,
            _ => continue,
        };
        block_end = block_end.max(html.end);
        let mut from = html.start;
        while let Some(open) = text[from..html.end].find("<!--") {
            let start = from + open;
            let Some(close) = text[start + 4..html.end].find("-->") else {
                break;
            };
            let end = start + 4 + close + 3;
            comments.push(Comment {
                whole: start..end,
                body: start + 4..end - 3,
            });
            from = end;
        }
    }
    comments
}

/// Reads a comment as a suppression; `None` when it is an ordinary comment.
fn parse(file: FileId, text: &str, comment: &Comment) -> Option<Suppression> {
    let body = &text[comment.body.clone()];
    let leading = body.len() - body.trim_start().len();
    let content = &body[leading..];
    if !content.starts_with(PREFIX) {
        return None;
    }
    let word_end = content
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(content.len());
    let word = &content[..word_end];
    let directive = match word {
        "archlint-disable-next-line" => Directive::NextLine,
        "archlint-disable" => Directive::File,
        // A word close to a directive is a typo worth reporting; any other `archlint-...` is
        // an ordinary comment (`# archlint-baseline.json is generated`).
        other if crate::suggest::closest(other, DIRECTIVES, str::to_string).is_some() => {
            Directive::Unknown(other.to_string())
        }
        _ => return None,
    };
    let rest_start = comment.body.start + leading + word_end;
    let rest = &text[rest_start..comment.body.end];
    let (names_part, reason) = match rest.find("--") {
        Some(separator) => (&rest[..separator], Some(rest[separator + 2..].trim())),
        None => (rest, None),
    };
    let mut names = Vec::new();
    let separators = names_part
        .char_indices()
        .filter(|&(_, c)| c == ',' || c.is_whitespace())
        .map(|(index, _)| index)
        .chain(std::iter::once(names_part.len()));
    let mut from = 0;
    for separator in separators {
        if separator > from {
            let start = rest_start + from;
            names.push(Name {
                rule: names_part[from..separator].to_string(),
                span: span(file, start..rest_start + separator),
            });
        }
        from = separator
            + names_part[separator..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    let whole_end = comment.whole.start + text[comment.whole.clone()].trim_end().len();
    Some(Suppression {
        span: span(file, comment.whole.start..whole_end),
        directive,
        target_line: None,
        names,
        reason: reason
            .filter(|reason| !reason.is_empty())
            .map(str::to_string),
    })
}

fn span(file: FileId, range: Range<usize>) -> Span {
    Span::new(file, range.start as u32..range.end as u32)
}

/// The lines that hold nothing but comments and blanks, which a next-line suppression skips.
fn comment_only_lines(file: &SourceFile, comments: &[Comment]) -> Vec<bool> {
    let mut on_line: HashMap<usize, Vec<&Range<usize>>> = HashMap::new();
    for comment in comments {
        let first = file.line_index(comment.whole.start);
        let last = file.line_index(comment.whole.end.saturating_sub(1).max(comment.whole.start));
        for line in first..=last {
            on_line.entry(line).or_default().push(&comment.whole);
        }
    }
    let mut only = vec![false; file.line_count()];
    for (line, ranges) in on_line {
        let Some(range) = file.line_range(line) else {
            continue;
        };
        // What the comments leave of the line must be blank.
        let mut at = range.start;
        let mut blank = true;
        for comment in ranges {
            let before = at..comment.start.clamp(at, range.end);
            blank &= file.text[before].trim().is_empty();
            at = at.max(comment.end.min(range.end));
        }
        blank &= file.text[at..range.end].trim().is_empty();
        only[line] = blank;
    }
    only
}

/// For each line, the 0-based index of the first line after it that is neither blank nor only a
/// comment: one backward pass, so stacked suppressions do not each scan the block.
fn next_code_lines(file: &SourceFile, comment_only: &[bool]) -> Vec<Option<usize>> {
    let count = file.line_count();
    let mut next = vec![None; count];
    let mut following = None;
    for line in (0..count).rev() {
        next[line] = following;
        let blank = file
            .line_range(line)
            .is_none_or(|range| file.text[range].trim().is_empty());
        if !blank && !comment_only.get(line).copied().unwrap_or(false) {
            following = Some(line);
        }
    }
    next
}

/// (suppression, name) positions: which name of which suppression.
type Names = Vec<(usize, usize)>;

/// Finds, for a diagnostic, the suppression (and the name in it) that silences it.
pub struct Index<'a> {
    suppressions: &'a [Suppression],
    /// By file, then rule: a rule is looked up as a `str`, so the suppressions found are
    /// borrowed from the index alone.
    whole_file: HashMap<FileId, HashMap<&'a str, Names>>,
    next_line: HashMap<(FileId, usize, &'a str), Names>,
}

impl<'a> Index<'a> {
    pub fn new(suppressions: &'a [Suppression]) -> Self {
        let mut whole_file: HashMap<FileId, HashMap<&str, Names>> = HashMap::new();
        let mut next_line: HashMap<_, Vec<_>> = HashMap::new();
        for (which, suppression) in suppressions.iter().enumerate() {
            let file = suppression.span.file;
            for (position, name) in suppression.names.iter().enumerate() {
                let rule = name.rule.as_str();
                match (&suppression.directive, suppression.target_line) {
                    (Directive::File, _) => whole_file
                        .entry(file)
                        .or_default()
                        .entry(rule)
                        .or_default()
                        .push((which, position)),
                    (Directive::NextLine, Some(line)) => next_line
                        .entry((file, line, rule))
                        .or_default()
                        .push((which, position)),
                    _ => {}
                }
            }
        }
        Index {
            suppressions,
            whole_file,
            next_line,
        }
    }

    /// Every (suppression, name) that silences `diagnostic`: those of its whole file, which
    /// every diagnostic of the rule in the file shares (a caller marks them once, not once per
    /// diagnostic: 40,000 of each took 21 s), and those of its line. A finding of
    /// `unused-suppression` about a comment is also silenced by that comment when it names
    /// `unused-suppression` itself (as ruff's `# noqa: RUF100`).
    pub fn silencers(&self, diagnostic: &Diagnostic, sources: &Sources) -> Silencers<'_> {
        let at = diagnostic.primary_span();
        let line = sources.get(at.file).line_index(at.start as usize);
        let whole_file = self
            .whole_file
            .get(&at.file)
            .and_then(|rules| rules.get(diagnostic.rule.as_ref()))
            .map_or(&[][..], Vec::as_slice);
        let mut own: Vec<(usize, usize)> = self
            .next_line
            .get(&(at.file, line, diagnostic.rule.as_ref()))
            .into_iter()
            .flatten()
            .copied()
            .collect();
        if diagnostic.rule == UNUSED_SUPPRESSION
            && let Some(which) = self.comment_holding(at)
            && let Some(position) = self.suppressions[which]
                .names
                .iter()
                .position(|name| name.rule == UNUSED_SUPPRESSION)
        {
            own.push((which, position));
        }
        Silencers { whole_file, own }
    }

    /// The suppression whose comment holds `span`.
    fn comment_holding(&self, at: Span) -> Option<usize> {
        let after = self.suppressions.partition_point(|suppression| {
            (suppression.span.file, suppression.span.start) <= (at.file, at.start)
        });
        let which = after.checked_sub(1)?;
        let comment = self.suppressions[which].span;
        (comment.file == at.file && at.end <= comment.end).then_some(which)
    }
}

/// What [`Index::silencers`] finds for one diagnostic.
pub struct Silencers<'i> {
    /// The whole-file suppressions of its rule in its file, one slice for all of them.
    pub whole_file: &'i [(usize, usize)],
    /// Those of its line, or its own comment.
    pub own: Vec<(usize, usize)>,
}

impl Silencers<'_> {
    pub fn is_empty(&self) -> bool {
        self.whole_file.is_empty() && self.own.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(name: &str, text: &str) -> Vec<Suppression> {
        let file = SourceFile::new(name.into(), text.to_string());
        scan_file(FileId(0), &file, &Limits::default())
    }

    fn rules(suppression: &Suppression) -> Vec<&str> {
        suppression
            .names
            .iter()
            .map(|name| name.rule.as_str())
            .collect()
    }

    #[test]
    fn yaml_next_line_skips_comments_and_blanks_and_ignores_hashes_in_strings() {
        let text = "a: \"# archlint-disable x -- in a string\"\n\
                    b: '# archlint-disable y'\n\
                    c: |\n  # archlint-disable z -- in a block scalar\n\
                    # archlint-disable-next-line unknown-service, layer-violation -- external\n\
                    # an ordinary comment\n\
                    \n\
                    d: [x]  # archlint-disable shared-datastore\n";
        let found = scan_text("a.yaml", text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].directive, Directive::NextLine);
        assert_eq!(rules(&found[0]), ["unknown-service", "layer-violation"]);
        assert_eq!(found[0].reason.as_deref(), Some("external"));
        assert_eq!(found[0].target_line, Some(7));
        assert_eq!(found[1].directive, Directive::File);
        assert_eq!(rules(&found[1]), ["shared-datastore"]);
        assert_eq!(found[1].reason, None);
        let name = &found[0].names[1];
        assert_eq!(&text[name.span.range()], "layer-violation");
    }

    #[test]
    fn mistyped_directives_and_ordinary_comments() {
        let found = scan_text(
            "a.yml",
            "# archlint-disabled x -- typo\n# see archlint-disable docs\n# archlint-baseline.json is generated\nk: v\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].directive,
            Directive::Unknown("archlint-disabled".into())
        );
    }

    #[test]
    fn jsonc_line_and_block_comments() {
        let text = "{\n  // archlint-disable-next-line schema-violation -- legacy\n  \"a\": \"// archlint-disable x\",\n  /* archlint-disable duplicate-key -- generated */\n  \"b\": 1\n}\n";
        let found = scan_text("a.jsonc", text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].target_line, Some(2));
        assert_eq!(rules(&found[1]), ["duplicate-key"]);
        assert_eq!(found[1].reason.as_deref(), Some("generated"));
        assert!(scan_text("a.json", text).is_empty());
    }

    #[test]
    fn markdown_html_comments_outside_code() {
        let text = "# ADR 1\n\n<!-- archlint-disable-next-line adr-status -- draft -->\nStatus: maybe\n\n```\n<!-- archlint-disable x -- in code -->\n```\n\nText <!-- archlint-disable y -- inline --> here.\n";
        let found = scan_text("adr.md", text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(rules(&found[0]), ["adr-status"]);
        assert_eq!(found[0].reason.as_deref(), Some("draft"));
        assert_eq!(found[0].target_line, Some(3));
        assert_eq!(rules(&found[1]), ["y"]);
    }
}
