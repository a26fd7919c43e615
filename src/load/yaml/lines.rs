//! The YAML most catalogs and API documents are written in, read line by line: block mappings
//! and sequences; plain scalars, on one line or continued on more indented ones; one-line
//! quoted scalars and flow collections; literal and folded block scalars; comments and blank
//! lines; lines ended by `\n` or `\r\n`. It gives exactly the events, at exactly the byte
//! ranges, that granit-parser gives for the same text, so the builder cannot tell them apart.
//!
//! granit-parser reads about 17 MB of block YAML a second on our machine, a tenth of what
//! serde_json reads; this reader is several times faster because it only knows this subset.
//! Anything outside it (anchors, tags, multi-line quoted scalars, complex keys, tabs, lone
//! carriage returns, several documents, anything granit-parser would reject) makes it answer
//! [`Unsupported`] before the builder could have seen a wrong event, and the caller reads the
//! text with granit-parser, which also gives every error message.

use granit_parser::{Event, ScalarStyle, StructureStyle};
use std::borrow::Cow;
use std::ops::Range;

/// The text is outside the subset this reader knows; read it with granit-parser.
#[derive(Debug, PartialEq, Eq)]
pub struct Unsupported;

type Outcome = Result<(), Unsupported>;

/// Reads `text`, handing each event and its byte range to `sink`. An error from `sink` stops
/// the reading and is answered as [`Unsupported`]. `max_depth` is the deepest nesting the
/// caller accepts: deeper text is left to the caller's full parser and its error.
pub fn read<'t>(
    text: &'t str,
    max_depth: usize,
    sink: &mut dyn FnMut(Event<'t>, Range<usize>) -> Outcome,
) -> Outcome {
    if !printable(text.as_bytes()) {
        return Err(Unsupported);
    }
    let mut reader = Reader {
        text,
        sink,
        open: Vec::new(),
        pending: None,
        root_done: false,
        depth_limit: max_depth.saturating_sub(1).min(64),
        next_line: 0,
    };
    reader.stream()
}

/// Whether every byte is one YAML prints as written, on lines ended by `\n` or `\r\n`. Tabs
/// and lone carriage returns are printable, but change how lines and indentation are read: they
/// are left to granit-parser, as are the C1 controls, byte-order marks and non-characters that
/// YAML forbids in a document.
fn printable(bytes: &[u8]) -> bool {
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' | 0x20..=0x7e => {}
            b'\r' if bytes.get(index + 1) == Some(&b'\n') => {}
            0xc2 if matches!(bytes.get(index + 1), Some(0x80..=0x9f)) => return false,
            0xef if matches!(
                (bytes.get(index + 1), bytes.get(index + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ) =>
            {
                return false;
            }
            0x80.. => {}
            _ => return false,
        }
        index += 1;
    }
    true
}

/// A block collection being read, and the column its entries start at.
#[derive(Clone, Copy)]
struct Block {
    kind: BlockKind,
    indent: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum BlockKind {
    Mapping,
    Sequence,
    /// A sequence whose dashes sit at its key's column (`key:\n- a`).
    IndentlessSequence,
}

/// An entry whose value starts on a later line, or is empty.
#[derive(Clone, Copy)]
struct Pending {
    /// The column of the mapping key or sequence dash that waits.
    indent: usize,
    /// Whether it is a mapping key (an indentless sequence may follow at its column).
    after_key: bool,
    /// Where granit-parser places an empty value: at the key's colon, or after the dash and the
    /// spaces after it (the line's end when a comment follows).
    empty_at: usize,
}

struct Reader<'t, 's> {
    text: &'t str,
    sink: &'s mut dyn FnMut(Event<'t>, Range<usize>) -> Outcome,
    open: Vec<Block>,
    pending: Option<Pending>,
    root_done: bool,
    depth_limit: usize,
    /// Where the next line to read starts (a block scalar reads the lines it holds).
    next_line: usize,
}

/// What a line (or the rest of one, after a dash) holds.
enum Content<'t> {
    /// `- ...`: a sequence entry; the offset just after its dash.
    Entry { after_dash: usize },
    /// `key: ...`
    Key(Key<'t>),
}

struct Key<'t> {
    text: Cow<'t, str>,
    style: ScalarStyle,
    range: Range<usize>,
    /// The offset of the colon after the key.
    colon: usize,
}

impl<'t> Reader<'t, '_> {
    fn emit(&mut self, event: Event<'t>, range: Range<usize>) -> Outcome {
        (self.sink)(event, range)
    }

    fn stream(&mut self) -> Outcome {
        let text = self.text;
        let mut first_content = true;
        while self.next_line < text.len() {
            let line_start = self.next_line;
            let (line_end, next_line) = line_at(text, line_start);
            let line = &text[line_start..line_end];
            let indent = indentation(line);
            let start = line_start + indent;
            self.next_line = next_line;
            if start == line_end || text.as_bytes()[start] == b'#' {
                continue;
            }
            let marker = line.starts_with("---") || line.starts_with("...");
            if first_content {
                first_content = false;
                if line.trim_end() == "---" {
                    self.emit(Event::DocumentStart(true, None), start..start + 3)?;
                    continue;
                }
                if marker {
                    return Err(Unsupported);
                }
                self.emit(Event::DocumentStart(false, None), start..start)?;
            } else if marker {
                return Err(Unsupported);
            }
            self.line(indent, start, line_end)?;
        }
        if !self.root_done {
            // Only comments, or no root collection: left to granit-parser.
            return Err(Unsupported);
        }
        let end = text.len();
        self.empty_pending()?;
        while let Some(block) = self.open.pop() {
            self.end(block.kind, end)?;
        }
        self.emit(Event::DocumentEnd, end..end)?;
        Ok(())
    }

    /// Reads one line that holds more than a comment: `start` is its first non-space byte.
    fn line(&mut self, indent: usize, start: usize, end: usize) -> Outcome {
        let content = self.content(start, end)?;
        let is_entry = matches!(content, Content::Entry { .. });
        if let Some(pending) = self.pending.take() {
            let indentless = pending.after_key && is_entry && indent == pending.indent;
            if indent > pending.indent || indentless {
                return self.open_block(indent, start, end, content, indentless);
            }
            self.empty_value(pending.empty_at)?;
        }
        // Close the collections this line is outside of.
        while let Some(&block) = self.open.last() {
            let outside = block.indent > indent
                || (block.kind == BlockKind::IndentlessSequence
                    && block.indent == indent
                    && !is_entry);
            if !outside {
                break;
            }
            self.open.pop();
            self.end(block.kind, start)?;
        }
        match self.open.last() {
            None if !self.root_done => self.open_block(indent, start, end, content, false),
            Some(block) if block.indent == indent => match (block.kind, content) {
                (BlockKind::Mapping, Content::Key(key)) => self.key(key, indent, end),
                (
                    BlockKind::Sequence | BlockKind::IndentlessSequence,
                    Content::Entry { after_dash },
                ) => self.entry(indent, after_dash, end),
                _ => Err(Unsupported),
            },
            // More content after the root, or a line at a column no open collection has.
            _ => Err(Unsupported),
        }
    }

    /// Opens the block collection whose first entry is `content`, at column `indent`.
    fn open_block(
        &mut self,
        indent: usize,
        start: usize,
        end: usize,
        content: Content<'t>,
        indentless: bool,
    ) -> Outcome {
        if self.open.len() + 1 >= self.depth_limit {
            return Err(Unsupported);
        }
        if self.open.is_empty() {
            self.root_done = true;
        }
        match content {
            Content::Key(key) => {
                self.open.push(Block {
                    kind: BlockKind::Mapping,
                    indent,
                });
                self.emit(
                    Event::MappingStart(StructureStyle::Block, 0, None),
                    start..start,
                )?;
                self.key(key, indent, end)
            }
            Content::Entry { after_dash } => {
                let kind = if indentless {
                    BlockKind::IndentlessSequence
                } else {
                    BlockKind::Sequence
                };
                self.open.push(Block { kind, indent });
                // granit-parser starts an indentless sequence at its first entry's content
                // (when that is empty, at a place not worth following).
                let start = if indentless {
                    let content = skip_spaces(self.text.as_bytes(), after_dash, end);
                    if content == end || self.text.as_bytes()[content] == b'#' {
                        return Err(Unsupported);
                    }
                    content
                } else {
                    start
                };
                self.emit(
                    Event::SequenceStart(StructureStyle::Block, 0, None),
                    start..start,
                )?;
                self.entry(indent, after_dash, end)
            }
        }
    }

    fn end(&mut self, kind: BlockKind, at: usize) -> Outcome {
        let event = match kind {
            BlockKind::Mapping => Event::MappingEnd,
            BlockKind::Sequence | BlockKind::IndentlessSequence => Event::SequenceEnd,
        };
        self.emit(event, at..at)
    }

    fn empty_value(&mut self, at: usize) -> Outcome {
        self.emit(
            Event::Scalar(Cow::Borrowed("~"), ScalarStyle::Plain, 0, None),
            at..at,
        )
    }

    fn empty_pending(&mut self) -> Outcome {
        match self.pending.take() {
            Some(pending) => self.empty_value(pending.empty_at),
            None => Ok(()),
        }
    }

    /// Classifies the content from `start` (not a space) to the line's `end`; a line that is
    /// neither an entry nor a key (a bare scalar) is unsupported.
    fn content(&self, start: usize, end: usize) -> Result<Content<'t>, Unsupported> {
        let bytes = self.text.as_bytes();
        if is_dash(bytes, start, end) {
            return Ok(Content::Entry {
                after_dash: start + 1,
            });
        }
        self.key_at(start, end)?
            .map(Content::Key)
            .ok_or(Unsupported)
    }

    /// The mapping key written at `start` if there is one (`key:` or `key: value`), or `None`
    /// when the text there is a scalar value.
    fn key_at(&self, start: usize, end: usize) -> Result<Option<Key<'t>>, Unsupported> {
        let text = self.text;
        let bytes = text.as_bytes();
        let (key_text, style, key_end) = match bytes[start] {
            b'"' | b'\'' => {
                let Some((value, style, after)) = quoted(text, start, end)? else {
                    // A quoted scalar on several lines is a value.
                    return Ok(None);
                };
                if bytes.get(after) != Some(&b':') {
                    return Ok(None);
                }
                (value, style, after)
            }
            first if starts_plain(first, bytes[start + 1..end].first().copied()) => {
                let Some(colon) = plain_key_colon(&bytes[start..end]) else {
                    return Ok(None);
                };
                let key = &text[start..start + colon];
                if key.ends_with(' ') || key == "<<" || key.len() > 1024 {
                    return Err(Unsupported);
                }
                (Cow::Borrowed(key), ScalarStyle::Plain, start + colon)
            }
            // A flow collection or block scalar is a value here; a flow collection as a key is
            // refused by [`Self::value`], at its colon.
            b'[' | b'{' | b'|' | b'>' => return Ok(None),
            _ => return Err(Unsupported),
        };
        // The colon follows the key directly, then a space or the line's end.
        let colon = key_end;
        if !(colon + 1 == end || bytes.get(colon + 1) == Some(&b' ')) {
            return Err(Unsupported);
        }
        Ok(Some(Key {
            text: key_text,
            style,
            range: start..key_end,
            colon,
        }))
    }

    /// Emits a mapping key written at column `indent` and reads its value, if it is on this
    /// line.
    fn key(&mut self, key: Key<'t>, indent: usize, end: usize) -> Outcome {
        let Key {
            text,
            style,
            range,
            colon,
        } = key;
        self.emit(Event::Scalar(text, style, 0, None), range)?;
        let value_start = skip_spaces(self.text.as_bytes(), colon + 1, end);
        if value_start == end || self.text.as_bytes()[value_start] == b'#' {
            self.pending = Some(Pending {
                indent,
                after_key: true,
                empty_at: colon,
            });
            return Ok(());
        }
        self.value(value_start, end, indent)
    }

    /// Reads a sequence entry whose dash is at column `indent`.
    fn entry(&mut self, indent: usize, after_dash: usize, end: usize) -> Outcome {
        let bytes = self.text.as_bytes();
        let start = skip_spaces(bytes, after_dash, end);
        if start == end || bytes[start] == b'#' {
            self.pending = Some(Pending {
                indent,
                after_key: false,
                // After a comment, at the line's end.
                empty_at: if start == end { start } else { end },
            });
            return Ok(());
        }
        if is_dash(bytes, start, end) {
            // `- - a` (a sequence in a sequence on one line) is rare: left to granit-parser.
            return Err(Unsupported);
        }
        match self.key_at(start, end)? {
            Some(key) => {
                // The dash is at column `indent`, just before `after_dash`.
                let column = indent + (start - (after_dash - 1));
                self.open_block(column, start, end, Content::Key(key), false)
            }
            None => self.value(start, end, indent),
        }
    }

    /// Reads a value that starts at `start` and ends on this line, or a block scalar, whose
    /// lines must be indented more than `parent` (the column of its key or dash).
    fn value(&mut self, start: usize, end: usize, parent: usize) -> Outcome {
        let text = self.text;
        let bytes = text.as_bytes();
        let after = match bytes[start] {
            b'|' | b'>' => return self.block_scalar(start, end, parent),
            b'"' | b'\'' => match quoted(text, start, end)? {
                Some((value, style, after)) => {
                    self.emit(Event::Scalar(value, style, 0, None), start..after)?;
                    after
                }
                None => return self.quoted_lines(start, end, parent),
            },
            b'[' | b'{' => self.flow(start, end, self.open.len())?,
            first if starts_plain(first, bytes[start + 1..end].first().copied()) => {
                let value_end = plain_value_end(bytes, start, end)?;
                rest_is_comment(bytes, value_end, end)?;
                // A comment ends a plain scalar; without one, more indented lines continue it.
                let commented = skip_spaces(bytes, value_end, end) < end;
                let (value, value_end) = if commented {
                    (Cow::Borrowed(&text[start..value_end]), value_end)
                } else {
                    self.plain_continued(start, value_end, parent)?
                };
                return self.emit(
                    Event::Scalar(value, ScalarStyle::Plain, 0, None),
                    start..value_end,
                );
            }
            _ => return Err(Unsupported),
        };
        rest_is_comment(bytes, after, end)
    }

    /// A quoted scalar from `start` that goes on past its first line, which ends at `end`; its
    /// lines below must be indented more than `parent`. Each line break is read as a space, and
    /// blank lines as line breaks; the spaces around a break are dropped.
    fn quoted_lines(&mut self, start: usize, end: usize, parent: usize) -> Outcome {
        let text = self.text;
        let bytes = text.as_bytes();
        let quote = bytes[start];
        let mut value = None;
        let (mut from, mut line_end) = (start + 1, end);
        loop {
            if let Some(close) = quoted_line(text, quote, from, line_end, &mut value)? {
                let value = value.unwrap_or_default();
                self.emit(
                    Event::Scalar(Cow::Owned(value), quote_style(quote), 0, None),
                    start..close + 1,
                )?;
                return rest_is_comment(bytes, close + 1, line_end);
            }
            let mut blanks = 0;
            loop {
                if self.next_line >= text.len() {
                    return Err(Unsupported);
                }
                let (next_end, next_line) = line_at(text, self.next_line);
                let line = &text[self.next_line..next_end];
                let spaces = indentation(line);
                let content = self.next_line + spaces;
                self.next_line = next_line;
                if spaces == line.len() {
                    blanks += 1;
                    continue;
                }
                if spaces <= parent {
                    return Err(Unsupported);
                }
                let value = value.get_or_insert_with(String::new);
                push_folded_break(value, blanks);
                (from, line_end) = (content, next_end);
                break;
            }
        }
    }

    /// A plain scalar from `start`, whose first line's text ends at `first_end`, with the lines
    /// below that continue it (indented more than `parent`); its value and where it ends. Each
    /// line break between two lines of text is read as a space, and blank lines between them as
    /// line breaks. A continuation line that starts with an indicator is left to granit-parser.
    fn plain_continued(
        &mut self,
        start: usize,
        first_end: usize,
        parent: usize,
    ) -> Result<(Cow<'t, str>, usize), Unsupported> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut value: Option<String> = None;
        let mut value_end = first_end;
        let mut blanks = 0;
        let mut line_start = self.next_line;
        while line_start < text.len() {
            let (line_end, next_line) = line_at(text, line_start);
            let line = &text[line_start..line_end];
            let spaces = indentation(line);
            if spaces == line.len() {
                blanks += 1;
                line_start = next_line;
                continue;
            }
            let content = line_start + spaces;
            if spaces <= parent || bytes[content] == b'#' {
                break;
            }
            if !starts_plain(bytes[content], None) || bytes[content] == b'-' {
                return Err(Unsupported);
            }
            let content_end = plain_value_end(bytes, content, line_end)?;
            rest_is_comment(bytes, content_end, line_end)?;
            let value = value.get_or_insert_with(|| text[start..first_end].to_string());
            push_folded_break(value, blanks);
            value.push_str(&text[content..content_end]);
            value_end = content_end;
            blanks = 0;
            line_start = next_line;
            self.next_line = line_start;
            if skip_spaces(bytes, content_end, line_end) < line_end {
                // A comment ends it.
                break;
            }
        }
        let value = match value {
            Some(value) => Cow::Owned(value),
            None => Cow::Borrowed(&text[start..first_end]),
        };
        Ok((value, value_end))
    }

    /// Reads a literal (`|`) or folded (`>`) block scalar whose header is at `start`, with
    /// its lines below. Explicit indentation, leading blank lines and lines of spaces longer
    /// than the indentation are left to granit-parser.
    fn block_scalar(&mut self, start: usize, end: usize, parent: usize) -> Outcome {
        let text = self.text;
        let bytes = text.as_bytes();
        let folded = bytes[start] == b'>';
        let mut header = start + 1;
        let chomping = match bytes.get(header).filter(|_| header < end) {
            Some(b'-') => Chomping::Strip,
            Some(b'+') => Chomping::Keep,
            _ => Chomping::Clip,
        };
        if chomping != Chomping::Clip {
            header += 1;
        }
        let comment = skip_spaces(bytes, header, end);
        if !(comment == end || (comment > header && bytes[comment] == b'#')) {
            return Err(Unsupported);
        }
        // The first line sets the indentation.
        let first = self.next_line;
        if first >= text.len() {
            return Err(Unsupported);
        }
        let (first_end, _) = line_at(text, first);
        let indent = indentation(&text[first..first_end]);
        if indent <= parent || first + indent == first_end {
            return Err(Unsupported);
        }
        let mut value = String::new();
        // Blank lines read since the last line of text.
        let mut blanks = 0;
        let mut line_start = first;
        let mut scalar_end = text.len();
        let mut after_more_indented = false;
        while line_start < text.len() {
            let (line_end, next_line) = line_at(text, line_start);
            let line = &text[line_start..line_end];
            let spaces = indentation(line);
            if spaces == line.len() {
                if spaces > indent || (line_end == next_line && spaces > 0) {
                    // Spaces kept as text, or a last line of spaces with no line break.
                    return Err(Unsupported);
                }
                blanks += 1;
            } else if spaces < indent {
                // granit-parser's range ends at this line's text.
                scalar_end = line_start + spaces;
                break;
            } else {
                if line_end == next_line {
                    // No line break after it.
                    return Err(Unsupported);
                }
                // A folded scalar joins two lines of text with a space, or with the blank
                // lines between them; a line indented further keeps the breaks around it.
                let more_indented = spaces > indent;
                if !value.is_empty() {
                    if folded && !more_indented && !after_more_indented {
                        push_folded_break(&mut value, blanks);
                    } else {
                        value.extend(std::iter::repeat_n('\n', blanks + 1));
                    }
                }
                value.push_str(&line[indent..]);
                after_more_indented = more_indented;
                blanks = 0;
            }
            line_start = next_line;
        }
        match chomping {
            Chomping::Strip => {}
            Chomping::Clip => value.push('\n'),
            Chomping::Keep => value.extend(std::iter::repeat_n('\n', blanks + 1)),
        }
        self.next_line = line_start;
        let style = if folded {
            ScalarStyle::Folded
        } else {
            ScalarStyle::Literal
        };
        // granit-parser's range starts at the first line's text and runs to the text of the
        // line after.
        self.emit(
            Event::Scalar(Cow::Owned(value), style, 0, None),
            first + indent..scalar_end,
        )
    }

    /// Reads a flow collection that opens at `start` and closes on this line; returns the
    /// offset after its closing bracket.
    fn flow(&mut self, start: usize, end: usize, depth: usize) -> Result<usize, Unsupported> {
        if depth + 1 >= self.depth_limit {
            return Err(Unsupported);
        }
        let text = self.text;
        let bytes = text.as_bytes();
        let mapping = bytes[start] == b'{';
        let close = if mapping { b'}' } else { b']' };
        let open_event = if mapping {
            Event::MappingStart(StructureStyle::Flow, 0, None)
        } else {
            Event::SequenceStart(StructureStyle::Flow, 0, None)
        };
        self.emit(open_event, start..start + 1)?;
        let mut at = skip_spaces(bytes, start + 1, end);
        let mut first = true;
        loop {
            if at == end {
                return Err(Unsupported);
            }
            if bytes[at] == close {
                if !first {
                    // `[a, ]` is valid but rare: left to granit-parser.
                    return Err(Unsupported);
                }
                break;
            }
            first = false;
            at = self.flow_node(at, end, depth, mapping)?;
            at = skip_spaces(bytes, at, end);
            if mapping {
                if bytes.get(at) != Some(&b':') || bytes.get(at + 1) != Some(&b' ') {
                    return Err(Unsupported);
                }
                at = skip_spaces(bytes, at + 1, end);
                if at == end || matches!(bytes[at], b',' | b'}' | b']') {
                    return Err(Unsupported);
                }
                at = self.flow_node(at, end, depth, false)?;
                at = skip_spaces(bytes, at, end);
            } else if bytes.get(at) == Some(&b':') {
                // A single-pair mapping in a sequence (`[a: b]`).
                return Err(Unsupported);
            }
            match bytes.get(at) {
                Some(b',') => at = skip_spaces(bytes, at + 1, end),
                Some(&found) if found == close => break,
                _ => return Err(Unsupported),
            }
            if at < end && bytes[at] == close {
                return Err(Unsupported);
            }
        }
        let close_event = if mapping {
            Event::MappingEnd
        } else {
            Event::SequenceEnd
        };
        self.emit(close_event, at..at + 1)?;
        Ok(at + 1)
    }

    /// Reads one node inside a flow collection (a mapping's key when `key`); returns the offset
    /// after it.
    fn flow_node(
        &mut self,
        start: usize,
        end: usize,
        depth: usize,
        key: bool,
    ) -> Result<usize, Unsupported> {
        let text = self.text;
        let bytes = text.as_bytes();
        match bytes[start] {
            b'"' | b'\'' => {
                let (value, style, after) = quoted(text, start, end)?.ok_or(Unsupported)?;
                self.emit(Event::Scalar(value, style, 0, None), start..after)?;
                Ok(after)
            }
            b'[' | b'{' => self.flow(start, end, depth + 1),
            first if starts_plain(first, bytes[start + 1..end].first().copied()) => {
                let mut value_end = start;
                while value_end < end {
                    match bytes[value_end] {
                        b',' | b'[' | b']' | b'{' | b'}' => break,
                        b':' if key && bytes.get(value_end + 1) == Some(&b' ') => break,
                        // `a:b`, `a: b` and `a #c` are all read otherwise in flow context.
                        b':' | b'#' => return Err(Unsupported),
                        _ => value_end += 1,
                    }
                }
                let trimmed = text[start..value_end].trim_end_matches(' ');
                let value_end = start + trimmed.len();
                self.emit(
                    Event::Scalar(Cow::Borrowed(trimmed), ScalarStyle::Plain, 0, None),
                    start..value_end,
                )?;
                Ok(value_end)
            }
            _ => Err(Unsupported),
        }
    }
}

/// How a block scalar's final line breaks are kept.
#[derive(Clone, Copy, PartialEq)]
enum Chomping {
    Strip,
    Clip,
    Keep,
}

/// The line starting at `start`: where its text ends (before `\r\n` or `\n`, or at the text's
/// end) and where the next line starts.
fn line_at(text: &str, start: usize) -> (usize, usize) {
    match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
        Some(at) => {
            let newline = start + at;
            let end = if text.as_bytes()[..newline].ends_with(b"\r") {
                newline - 1
            } else {
                newline
            };
            (end.max(start), newline + 1)
        }
        None => (text.len(), text.len()),
    }
}

/// The spaces a line starts with (indentation is spaces only here).
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a sequence entry's dash is at `start`: `-` followed by a space or the line's end.
fn is_dash(bytes: &[u8], start: usize, end: usize) -> bool {
    bytes[start] == b'-' && (start + 1 == end || bytes[start + 1] == b' ')
}

/// Folds the line break between two lines of a flow scalar or folded block scalar: a space,
/// or one line break per blank line between them.
fn push_folded_break(value: &mut String, blanks: usize) {
    if blanks == 0 {
        value.push(' ');
    } else {
        value.extend(std::iter::repeat_n('\n', blanks));
    }
}

fn skip_spaces(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && bytes[at] == b' ' {
        at += 1;
    }
    at
}

/// Only spaces, then possibly a comment, may follow a value on its line.
fn rest_is_comment(bytes: &[u8], after: usize, end: usize) -> Outcome {
    let rest = skip_spaces(bytes, after, end);
    if rest == end || (rest > after && bytes[rest] == b'#') {
        Ok(())
    } else {
        Err(Unsupported)
    }
}

/// Whether a plain scalar may start with `first` (followed by `next`): not with an indicator,
/// except `-`, `?` and `:` followed by something other than a space.
fn starts_plain(first: u8, next: Option<u8>) -> bool {
    match first {
        // (In flow context a flow indicator may not follow either; block context allows it,
        // but it is rare enough to leave to granit-parser.)
        b'-' | b'?' | b':' => {
            next.is_some_and(|next| !matches!(next, b' ' | b',' | b'[' | b']' | b'{' | b'}'))
        }
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' => false,
        _ => true,
    }
}

/// The offset (in `line`) of the colon ending a plain key: the first `:` followed by a space
/// or the line's end, unless a comment (` #`) starts before it.
fn plain_key_colon(line: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at < line.len() {
        match line[at] {
            b':' if at + 1 == line.len() || line[at + 1] == b' ' => return Some(at),
            b'#' if at > 0 && line[at - 1] == b' ' => return None,
            _ => {}
        }
        at += 1;
    }
    None
}

/// The end of a plain value in block context: before a comment and trailing spaces. A `: `
/// in it (a mapping where YAML allows none) is left to granit-parser and its error.
fn plain_value_end(bytes: &[u8], start: usize, end: usize) -> Result<usize, Unsupported> {
    let mut at = start;
    let mut value_end = start;
    while at < end {
        match bytes[at] {
            b':' if at + 1 == end || bytes[at + 1] == b' ' => return Err(Unsupported),
            b'#' if bytes[at - 1] == b' ' => break,
            b' ' => {}
            _ => value_end = at + 1,
        }
        at += 1;
    }
    Ok(value_end)
}

/// A quoted scalar read on one line: its value, style and the offset after its closing quote.
type OneLineQuoted<'t> = (Cow<'t, str>, ScalarStyle, usize);

/// A quoted scalar starting at `start`, if it closes on this line (`None` otherwise).
fn quoted(text: &str, start: usize, end: usize) -> Result<Option<OneLineQuoted<'_>>, Unsupported> {
    let mut owned = None;
    let Some(close) = quoted_line(text, text.as_bytes()[start], start + 1, end, &mut owned)? else {
        return Ok(None);
    };
    let value = match owned {
        Some(value) => Cow::Owned(value),
        None => Cow::Borrowed(&text[start + 1..close]),
    };
    Ok(Some((
        value,
        quote_style(text.as_bytes()[start]),
        close + 1,
    )))
}

fn quote_style(quote: u8) -> ScalarStyle {
    if quote == b'\'' {
        ScalarStyle::SingleQuoted
    } else {
        ScalarStyle::DoubleQuoted
    }
}

/// Reads one line of a scalar quoted by `quote`, from `from` to its closing quote or the line's
/// `end`: the closing quote's offset, or `None` when the line ends first. What is read is added
/// to `owned`, which stays `None` while the text needs no copy (no escapes, one line). Escapes
/// other than the common ones, and an escaped line break, are left to granit-parser.
fn quoted_line(
    text: &str,
    quote: u8,
    from: usize,
    end: usize,
    owned: &mut Option<String>,
) -> Result<Option<usize>, Unsupported> {
    let bytes = text.as_bytes();
    let mut copied_to = from;
    let mut at = from;
    while at < end {
        let byte = bytes[at];
        if byte == quote && quote == b'\'' && at + 1 < end && bytes[at + 1] == b'\'' {
            owned
                .get_or_insert_with(String::new)
                .push_str(&text[copied_to..at + 1]);
            at += 2;
            copied_to = at;
            continue;
        }
        if byte == quote {
            if let Some(value) = owned {
                value.push_str(&text[copied_to..at]);
            }
            return Ok(Some(at));
        }
        if quote == b'"' && byte == b'\\' {
            let escaped = match bytes.get(at + 1).filter(|_| at + 1 < end) {
                Some(b'\\') => '\\',
                Some(b'"') => '"',
                Some(b'/') => '/',
                Some(b'n') => '\n',
                Some(b't') => '\t',
                Some(b'r') => '\r',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'0') => '\0',
                _ => return Err(Unsupported),
            };
            let value = owned.get_or_insert_with(String::new);
            value.push_str(&text[copied_to..at]);
            value.push(escaped);
            at += 2;
            copied_to = at;
            continue;
        }
        at += 1;
    }
    // The line ends first: its text, without the spaces the line break folds away.
    owned
        .get_or_insert_with(String::new)
        .push_str(text[copied_to..end].trim_end_matches(' '));
    Ok(None)
}

/// Panics where the line reader gives other events or ranges than granit-parser for `text`,
/// or takes a text granit-parser refuses; answers whether it took the text. The tests' check,
/// and the fuzzer's (`cargo fuzz run yaml`).
#[cfg(any(test, fuzzing))]
pub fn check_against_granit(text: &str) -> bool {
    let mut ours = Vec::new();
    let mut sink = |event, range| {
        ours.push((event, range));
        Ok(())
    };
    if read(text, 256, &mut sink).is_err() {
        return false;
    }
    let options = granit_parser::options! { emit_comments: false };
    let mut granits = Vec::new();
    for event in granit_parser::Parser::new_from_str_with_options(text, options) {
        let Ok((event, span)) = event else {
            panic!("the line reader took {text:?}, which granit-parser refuses");
        };
        let start = span.start.byte_offset().expect("offsets of a text");
        let end = span.end.byte_offset().expect("offsets of a text");
        match event {
            Event::StreamStart => {}
            Event::StreamEnd => break,
            event => granits.push((event, start..end)),
        }
    }
    assert_eq!(ours, granits, "events differ for {text:?}");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_lines(text: &str) -> Option<Vec<(Event<'_>, Range<usize>)>> {
        let mut events = Vec::new();
        let mut sink = |event, range| {
            events.push((event, range));
            Ok(())
        };
        read(text, 256, &mut sink).ok()?;
        Some(events)
    }

    #[test]
    fn block_yaml_gives_granits_events() {
        let texts = [
            "a: 1\nb:\n  c: x  # c\n  d:\ne:\n- p\n- q: 1\n  r: \"s\"\nf: [x, \"y\", {k: v}]\ng:\n",
            "---\n# top\nk1:   v one   # c\n\"q k\": 'it''s'\nl:\n  -\n  - \n  -\n    x: 1\n  - []\n  - {}\n",
            "m: \"a\\\"b\\\\c\\n\"\nn:\n  - a\n  -   b: 1\n      c: 2\n",
            "- a\n- b: [1, 2.5, true, null, ~]\n  c:\n  - d\n  - e:\n    - f\n",
            "  indented: root\n  other: 2\n",
            "url: http://example.com/a#b\ncolor: #fff\nempty: ''\nq: \"\"\n",
            "naïve: café — ok\nkey with spaces: value with spaces\n-dash: -1\n",
            "a:\n  b:\n    c:\n      d: deep\n  e: back\nf: last",
            "x: {a: [1, {b: c}], 'd': \"e\"}  # trailing\n",
            "a: 1\n\n\n# comment\n   # indented comment\nb: 2\n",
            "a: |\n  line one\n    more\n\n  two\n\nb: >-\n  folded\n  text\n\n  para\n# c\nc:\n\
             - |+\n  keep\n\n- x\nd: |  # comment\n  z\ne: end\n",
            "- >\n a\n b\n\n\n c\n- |-\n  # not a comment\n   x\n",
            "a: multi\n  line\n\n\n   plain # c\nb:\n- x-y\n   y\n- z:  one\n\n     two\n",
            "a: 1\r\nb:\r\n  - |\r\n    x\r\n\r\n    y\r\n  - two\r\n    lines\r\n",
            "a: >\n  folded\n    more\n    indented\n  back\n\n    after\n\n  blank\n  end\n",
            "a: 'multi  \n   line\n\n  it''s'  # c\nb:\n  - \"x \\t\n    y\\\"\"\n  - \"\n\n    \"\n",
        ];
        for text in texts {
            assert!(check_against_granit(text), "not read by lines: {text:?}");
        }
    }

    #[test]
    fn other_yaml_is_left_to_granit() {
        let texts = [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: |2\n   explicit\n",
            "a: |\n\n  leading blank\n",
            "a: |\n  no final break",
            "a: \"escaped \\\n  break\"\n",
            "a: 'not indented\nb'\n",
            "? complex\n: key\n",
            "a:\tb\n",
            "a: 1\rb: 2\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "just a scalar\n",
            "# only a comment\n",
            "",
            "a: b: c\n",
            "a: [1,\n  2]\n",
            "a: [1, ]\n",
            "- - nested\n",
            "<<: {a: 1}\n",
            "a : spaced\n",
            "\"a\":1\n",
            "a: \"\\u00e9\"\n",
            "a:\n  - x\n  b: y\n",
            "a: 1\n b: 2\n",
            "a: x\u{85}y\n",
            "a: \u{feff}x\n",
        ];
        for text in texts {
            assert!(by_lines(text).is_none(), "read by lines: {text:?}");
        }
    }

    /// A small deterministic generator of block YAML, valid and broken, to compare both readers
    /// on many more shapes than the cases above.
    struct Generator(u64);

    impl Generator {
        fn next(&mut self, below: u64) -> u64 {
            // xorshift64*: enough spread for picking shapes.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) % below
        }

        fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
            choices[self.next(choices.len() as u64) as usize]
        }

        #[rustfmt::skip]
        fn scalar(&mut self) -> String {
            let words = [
                "plain", "two words", "42", "-7", "3.5", "1e3", "true", "null", "~", "''",
                "'it''s'", "\"q\\\"d\"", "\"tab\\there\"", "http://x/y#z", "é ü", "a:b",
                "[1, b]", "{k: v}", "[]", "{}", "0x1F", "yes", "x #c", "\"\"",
                "a: b", "- x", "'open", "\"open", "@x", "%x", "!x", "&a x", "*a", "|", ">",
                "?x", "? x", ":x", "-x", "--- x", "...", "[a: b]", "{a}", "{a: }", "[a,,b]",
                "{a: [b, {c: d}]}", "[\"x\": 1]", "{\"k\":1}", "ü:ö", "x:", "[a #b]",
                "\"\\x41\"", "'a'b'", "0o17", "-", "[-1, :x, ?y]", "{? a}", "a,b", "]",
                "|\n  lit\n\n   eral\n", ">-\n  fol\n  ded\n\n", "|+\n  keep\n\n", ">\n x\n",
                "| # c\n      deep\n  shallow\n", "|\n\n  x\n", "|1\n  x\n", ">\n  a\n    b\n",
                "multi\n      line", "multi\n\n    lines # c\n", "two\n   - dash", "x\n  # c\n  y",
                "on\n   and: on", "a\n  [b]\n", "a\n    'b'\n", "a\n     b\n   c\n",
                "'multi \n    line'", "\"two\n\n      lines \\n\"", "'open\n   still: open'",
                "\"a\n   # b\"", "'x\n  y' z", "\"esc\\\n     aped\"",
                ">\n  a\n\n    b\n\n  c\n  d\n", ">-\n  a\n     b\n    c\n\n", ">+\n  x\n    y\n\n",
            ];
            self.pick(&words).to_string()
        }

        fn block(&mut self, out: &mut String, indent: usize, depth: u32) {
            let pad = " ".repeat(indent);
            let sequence = self.next(3) == 0;
            for _ in 0..1 + self.next(4) {
                if self.next(6) == 0 {
                    out.push_str(self.pick(&["\n", "# note\n", "   # note\n"]));
                }
                let lead = if sequence {
                    format!("{pad}-")
                } else {
                    let key = self.pick(&[
                        "a", "b", "key two", "'q'", "\"d\"", "a", "-k", "k:x", "<<", "k #x",
                        "'k''s'", "[k]", "{k: v}", "k ", "?k", "é",
                    ]);
                    format!("{pad}{key}:")
                };
                out.push_str(&lead);
                match self.next(if depth > 3 { 2 } else { 4 }) {
                    0 => out.push('\n'),
                    1 => {
                        out.push(' ');
                        out.push_str(&self.scalar());
                        out.push_str(self.pick(&["\n", "  \n", " # c\n"]));
                    }
                    2 => {
                        out.push('\n');
                        let nested = indent + [0, 2, 4][self.next(3) as usize];
                        self.block(out, nested, depth + 1);
                    }
                    _ => {
                        out.push(' ');
                        let nested = indent + 2;
                        let mut inner = String::new();
                        self.block(&mut inner, nested, depth + 1);
                        out.push_str(inner.trim_start());
                    }
                }
            }
        }

        fn document(&mut self) -> String {
            let mut out = String::new();
            if self.next(8) == 0 {
                out.push_str("---\n");
            }
            self.block(&mut out, 0, 0);
            if self.next(4) == 0 {
                out = out.replace('\n', "\r\n");
            }
            for _ in 0..self.next(3) {
                // Break it: drop, repeat or change one byte.
                let at = self.next(out.len() as u64) as usize;
                if out.is_char_boundary(at) && out.is_char_boundary(at + 1) {
                    let replacement = self.pick(&[
                        "", " ", ":", "-", "\n", "#", "'", "[", "  ", "\t", "\r", "\"", "]", ",",
                        "{", "}", "?", "\\", "&", "*", "|", "- ", ": ", "\n  ", "\n- ",
                    ]);
                    out.replace_range(at..at + 1, replacement);
                }
            }
            out
        }
    }

    /// `ARCHLINT_YAML_SEED` and `ARCHLINT_YAML_DOCUMENTS` search further, for instance
    /// `ARCHLINT_YAML_SEED=7 ARCHLINT_YAML_DOCUMENTS=1000000 cargo test --release generated_yaml`.
    #[test]
    fn generated_yaml_gives_granits_events_or_is_left_to_it() {
        let setting = |name| {
            std::env::var(name)
                .ok()
                .and_then(|value| value.parse().ok())
        };
        let seed = setting("ARCHLINT_YAML_SEED").unwrap_or(0x9e37_79b9_7f4a_7c15);
        let total = setting("ARCHLINT_YAML_DOCUMENTS").unwrap_or(20_000);
        let mut generator = Generator(seed);
        let mut read = 0;
        for _ in 0..total {
            let text = generator.document();
            if check_against_granit(&text) {
                read += 1;
            }
        }
        // Many documents are broken on purpose; enough are read for the comparison to count.
        assert!(read > total / 20, "only {read} of {total} read by lines");
    }

    /// Compares both readers on every `.yaml`/`.yml` file of `fixtures/`, or of the folder
    /// `ARCHLINT_YAML_CORPUS` names:
    /// `ARCHLINT_YAML_CORPUS=../shared cargo test --release yaml_files`.
    #[test]
    fn yaml_files_give_granits_events() {
        let root = std::env::var("ARCHLINT_YAML_CORPUS")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures").to_string());
        let (mut read, mut total) = (0, 0);
        let mut folders = vec![std::path::PathBuf::from(root)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path
                    .extension()
                    .is_some_and(|extension| extension == "yaml" || extension == "yml")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    total += 1;
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    if check_against_granit(text) {
                        read += 1;
                    }
                }
            }
        }
        eprintln!("{read} of {total} files read by lines");
        assert!(
            read * 2 > total,
            "only {read} of {total} files read by lines"
        );
    }
}
