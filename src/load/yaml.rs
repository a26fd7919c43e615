//! YAML 1.2 streams into spanned documents, built from granit-parser's events with an explicit
//! stack (so no input can overflow ours), under the nesting-depth and alias-expansion limits.
//!
//! granit-parser was measured against saphyr-parser (see the README's "Choices"): it reports
//! byte offsets and block versus flow style, and keeps constant memory on large flow (JSON-like)
//! input, where saphyr buffered eleven times the input size.

mod lines;

#[cfg(any(test, fuzzing))]
pub use lines::check_against_granit as check_the_line_reader;

use crate::load::document::{
    DuplicateKey, NonStringKey, ParsedDocument, SpanNode, SpanTree, push_pointer_token,
};
use crate::load::limits::{AliasBudget, Limits, ParseFailure};
use crate::value::{Str, Value};
use granit_parser::{
    ErrorKind, Event, Marker, Parser, ScalarStyle, Span as YamlSpan, StructureStyle, Tag,
};
use std::collections::HashMap;
use std::ops::Range;

/// Parses every document of a YAML stream. Documents completed before a failure are kept.
/// `base` is added to every offset (the byte-order mark the caller stripped).
pub fn parse(
    text: &str,
    base: u32,
    limits: &Limits,
) -> (Vec<ParsedDocument>, Option<ParseFailure>) {
    let stream = parse_in_run(text, base, limits, 0, None);
    (stream.documents, stream.failure)
}

/// What parsing one YAML stream of a run gave.
pub struct ParsedStream {
    pub documents: Vec<ParsedDocument>,
    pub failure: Option<ParseFailure>,
    /// The nodes its aliases added, up to the failure if any.
    pub alias_nodes: usize,
    /// Stopped because the files parsed alongside spent the run's alias budget: the verdict is
    /// not this file's yet (see [`AliasBudget`]).
    pub interrupted: bool,
}

/// Parses a file of a run whose earlier files (in path order) expanded `spent_before` alias
/// nodes, charging `shared` too when files are parsed side by side.
pub fn parse_in_run(
    text: &str,
    base: u32,
    limits: &Limits,
    spent_before: usize,
    shared: Option<&AliasBudget>,
) -> ParsedStream {
    if let Some(stream) = read_by_lines(text, base, limits) {
        return stream;
    }
    let mut builder = Builder::new(text, base, limits);
    builder.spent_before = spent_before;
    builder.shared = shared;
    let options = granit_parser::options! {
        emit_comments: false,
        // The parser scans flow collections ahead of its events, so its limit, set to ours,
        // usually speaks first; our check on events covers mixed block and flow nesting.
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: limits.max_depth,
    };
    let mut failure = None;
    for event in Parser::new_from_str_with_options(text, options) {
        match event {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, span)) => {
                let range = builder.range(&span);
                if let Err(stop) = builder.event(event, range) {
                    failure = Some(stop);
                    break;
                }
            }
            Err(error) => {
                let offset = builder.byte(error.marker());
                let message = match error.kind() {
                    ErrorKind::RecursionLimitExceeded => {
                        format!("nesting deeper than {} levels", limits.max_depth)
                    }
                    _ => format!("invalid YAML: {}", error.info()),
                };
                failure = Some(ParseFailure {
                    range: offset..offset,
                    message,
                    hint: quoting_hint(text, offset.saturating_sub(base) as usize),
                });
                break;
            }
        }
    }
    ParsedStream {
        documents: builder.documents,
        failure,
        alias_nodes: builder.expanded_nodes,
        interrupted: builder.interrupted,
    }
}

/// Reads the text with [`lines`] when it is written in the subset that reader knows: `None`
/// otherwise, or when the builder stops (too deep), for granit-parser to read it and say why.
fn read_by_lines(text: &str, base: u32, limits: &Limits) -> Option<ParsedStream> {
    let mut builder = Builder::new(text, base, limits);
    let mut sink = |event, range: Range<usize>| {
        let range = range.start as u32 + base..range.end as u32 + base;
        builder.event(event, range).map_err(|_| lines::Unsupported)
    };
    lines::read(text, limits.max_depth, &mut sink).ok()?;
    Some(ParsedStream {
        documents: builder.documents,
        failure: None,
        // The subset has no aliases.
        alias_nodes: 0,
        interrupted: false,
    })
}

/// A value that starts with an indicator character (`> 80%`, `| x`, `@home`) is not a plain
/// scalar; the fix users need is to quote it. Looks at the error's line and the one before.
fn quoting_hint(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..crate::source::floor_char_boundary(text, offset)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let previous_start = text[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let lines = [line_start, previous_start];
    lines.iter().find_map(|&start| {
        let line = text[start..].lines().next().unwrap_or("");
        let value_start = line.find(": ").map(|i| i + 2).or_else(|| {
            let trimmed = line.trim_start();
            trimmed
                .strip_prefix("- ")
                .map(|_| line.len() - trimmed.len() + 2)
        })?;
        let value = line[value_start..].trim();
        let first = value.chars().next()?;
        let starts_block_or_reserved = matches!(first, '>' | '|' | '@' | '`');
        let rest = &value[first.len_utf8()..];
        let has_more = !rest.is_empty() && !rest.trim_start().starts_with('#');
        (starts_block_or_reserved && has_more).then(|| {
            format!(
                "`{first}` at the start of a value is a YAML indicator; quote the value: \"{}\"",
                value.replace('"', "\\\"")
            )
        })
    })
}

enum Collection {
    Sequence,
    Mapping {
        /// The key read and waiting for its value.
        pending_key: Option<(Str, Range<u32>)>,
    },
}

struct Frame {
    collection: Collection,
    style: StructureStyle,
    start: u32,
    anchor: usize,
    nodes_before: usize,
    /// Where this collection's members start on the builder's [`Members`] stacks.
    first_member: usize,
    first_key: usize,
    /// A collection written as a mapping key (`? [a, b]`, `{{cookiecutter.name}}: x`): once
    /// closed, its source text is the key.
    is_key: bool,
}

/// The members of every open collection, innermost last. A collection's members are moved out
/// when it closes, into a list or mapping allocated once at its exact size: growing one per
/// collection left a third of a large document's memory as spare capacity, and most mappings
/// hold a few keys.
#[derive(Default)]
struct Members {
    values: Vec<Value>,
    nodes: Vec<SpanNode>,
    /// The keys of the open mappings' members (a sequence's members have none).
    keys: Vec<Str>,
}

struct Anchored {
    value: Value,
    spans: SpanNode,
    nodes: usize,
}

struct Builder<'a> {
    text: &'a str,
    base: u32,
    limits: &'a Limits,
    stack: Vec<Frame>,
    members: Members,
    /// The spans of the document being built.
    tree: SpanTree,
    anchors: HashMap<usize, Anchored>,
    root: Option<(Value, SpanNode)>,
    duplicate_keys: Vec<DuplicateKey>,
    non_string_keys: Vec<NonStringKey>,
    /// Nodes built in the current document, aliases expanded.
    nodes: usize,
    /// Nodes added by aliases in this stream.
    expanded_nodes: usize,
    /// Nodes added by the files of the run before this one.
    spent_before: usize,
    shared: Option<&'a AliasBudget>,
    interrupted: bool,
    documents: Vec<ParsedDocument>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, base: u32, limits: &'a Limits) -> Self {
        Builder {
            text,
            base,
            limits,
            stack: Vec::new(),
            members: Members::default(),
            tree: SpanTree::sized_for(text, false),
            anchors: HashMap::new(),
            root: None,
            duplicate_keys: Vec::new(),
            non_string_keys: Vec::new(),
            nodes: 0,
            expanded_nodes: 0,
            spent_before: 0,
            shared: None,
            interrupted: false,
            documents: Vec::new(),
        }
    }

    fn byte(&self, marker: &Marker) -> u32 {
        // Always known when parsing from a string.
        marker.byte_offset().unwrap_or(marker.index()) as u32 + self.base
    }

    fn range(&self, span: &YamlSpan) -> Range<u32> {
        self.byte(&span.start)..self.byte(&span.end)
    }

    fn event(&mut self, event: Event<'_>, mut range: Range<u32>) -> Result<(), ParseFailure> {
        match event {
            Event::DocumentStart(..) => {
                self.anchors.clear();
                // The first document keeps the room made for the stream's nodes.
                if self.tree.next_position() > 0 {
                    self.tree = SpanTree::default();
                }
                self.nodes = 0;
            }
            Event::DocumentEnd => self.finish_document(),
            Event::Scalar(text, style, anchor, tag) => {
                if self.awaiting_key() {
                    // An anchor may name a key (`&k name: a`, then `*k`): the key's scalar.
                    if anchor != 0 {
                        let value = resolve_scalar(&text, style, tag.as_deref());
                        self.remember_anchor(anchor, value, SpanNode::leaf(range.clone()), 1);
                    }
                    if let Some(reads_as) = reads_as_no_string(&text, style, tag.as_deref()) {
                        self.non_string_keys.push(NonStringKey {
                            key: text.to_string(),
                            reads_as,
                            range: range.clone(),
                        });
                    }
                    self.set_key(Str::from(text.as_ref()), range);
                } else {
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        // A block scalar's span runs on to the next token; end it at its text.
                        let content = (range.start - self.base) as usize;
                        let written = &self.text[content..(range.end - self.base) as usize];
                        range.end = range.start + written.trim_end().len() as u32;
                        // And start it at its `|` or `>`, on the key's line, where the value is
                        // written (as Spectral and Redocly place it), not at its first line of
                        // text below.
                        if let Some(header) = block_scalar_header(self.text, content) {
                            range.start = header as u32 + self.base;
                        }
                    }
                    let value = resolve_scalar(&text, style, tag.as_deref());
                    self.complete(value, SpanNode::leaf(range), anchor, self.nodes);
                }
            }
            Event::SequenceStart(style, anchor, _) => {
                self.open(Collection::Sequence, style, range.start, anchor)?
            }
            Event::MappingStart(style, anchor, _) => self.open(
                Collection::Mapping { pending_key: None },
                style,
                range.start,
                anchor,
            )?,
            Event::SequenceEnd | Event::MappingEnd => self.close(range),
            Event::Alias(id) => self.alias(id, range)?,
            // Comments, anchor and unresolved-alias events are off in our parser options.
            _ => {}
        }
        Ok(())
    }

    fn awaiting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                collection: Collection::Mapping {
                    pending_key: None,
                    ..
                },
                ..
            })
        )
    }

    fn set_key(&mut self, key: Str, range: Range<u32>) {
        if let Some(Frame {
            collection: Collection::Mapping { pending_key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *pending_key = Some((key, range));
        }
    }

    fn open(
        &mut self,
        collection: Collection,
        style: StructureStyle,
        start: u32,
        anchor: usize,
    ) -> Result<(), ParseFailure> {
        let is_key = self.awaiting_key();
        if self.stack.len() >= self.limits.max_depth {
            return Err(ParseFailure::at(
                start as usize,
                format!("nesting deeper than {} levels", self.limits.max_depth),
            ));
        }
        self.stack.push(Frame {
            collection,
            style,
            start,
            anchor,
            nodes_before: self.nodes,
            first_member: self.members.values.len(),
            first_key: self.members.keys.len(),
            is_key,
        });
        Ok(())
    }

    fn close(&mut self, end: Range<u32>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        // A flow collection ends at its closing bracket; a block one at its last child, not at
        // the blank lines and comments the parser reads before it knows the block has ended.
        let end = if frame.style == StructureStyle::Flow {
            end.end
        } else {
            self.members.nodes[frame.first_member..]
                .last()
                .map_or(frame.start, |child| child.value().end)
                .max(frame.start)
        };
        let (value, node) = match frame.collection {
            Collection::Sequence => {
                let first_child = self.tree.next_position();
                for child in self.members.nodes.drain(frame.first_member..) {
                    self.tree.push(child);
                }
                let node = self.tree.collection(first_child, frame.start..end);
                (
                    Value::Array(self.members.values.split_off(frame.first_member)),
                    node,
                )
            }
            Collection::Mapping { .. } => self.mapping(&frame, frame.start..end),
        };
        if frame.is_key {
            // JSON has no complex keys: the key is kept as it is written, so the document loads
            // and a finding about the entry can still name it. An anchor on it still names the
            // collection, for an alias elsewhere.
            let nodes = self.nodes + 1 - frame.nodes_before;
            self.remember_anchor(frame.anchor, value, node, nodes);
            let written = self.written(frame.start..end);
            self.set_key(written, frame.start..end);
            return;
        }
        self.complete(value, node, frame.anchor, frame.nodes_before);
    }

    /// Moves the members of the mapping `frame` (just closed) into its value and node; a
    /// repeated key is reported.
    fn mapping(&mut self, frame: &Frame, range: Range<u32>) -> (Value, SpanNode) {
        let count = self.members.values.len() - frame.first_member;
        let merges = self.members.keys[frame.first_key..]
            .iter()
            .any(|key| key.as_str() == MERGE_KEY);
        let members = self
            .members
            .keys
            .drain(frame.first_key..)
            .zip(self.members.values.drain(frame.first_member..))
            .zip(self.members.nodes.drain(frame.first_member..))
            .map(|((key, value), node)| (key, value, node));
        let (value, node, repeats) = if merges {
            let members = merge(&self.tree, members.collect());
            let count = members.len();
            self.tree.mapping(members.into_iter(), count, range)
        } else {
            self.tree.mapping(members, count, range)
        };
        if !repeats.is_empty() {
            let pointer = self.pointer_to_top();
            let reported = repeats.into_iter().map(|repeat| repeat.at(&pointer));
            self.duplicate_keys.extend(reported);
        }
        (value, node)
    }

    fn alias(&mut self, id: usize, range: Range<u32>) -> Result<(), ParseFailure> {
        let Some(anchored) = self.anchors.get(&id) else {
            // The anchor of a collection still open: the value would hold itself, which no JSON
            // value can.
            let message = if self.stack.iter().any(|frame| frame.anchor == id) {
                "alias to the collection that holds it: a value cannot contain itself"
            } else {
                "alias to an unknown anchor"
            };
            return Err(ParseFailure::at(range.start as usize, message));
        };
        let added = anchored.nodes;
        if self.spent_before + self.expanded_nodes + added > self.limits.max_alias_nodes {
            let budget = self.limits.max_alias_nodes;
            let message = match self.spent_before {
                0 => format!("alias expansion exceeds the budget of {budget} nodes"),
                spent => format!(
                    "alias expansion exceeds the run's budget of {budget} nodes ({spent} were \
                     added by the files read before this one)"
                ),
            };
            return Err(ParseFailure {
                range,
                message,
                hint: Some(
                    "aliases that repeat aliases grow exponentially (a \"billion laughs\" \
                     document); write the content out, or raise `limits.max_alias_nodes` in the \
                     configuration"
                        .into(),
                ),
            });
        }
        if let Some(shared) = self.shared
            && !shared.charge(added)
        {
            self.interrupted = true;
            return Err(ParseFailure::at(
                range.start as usize,
                "interrupted: the run's alias budget was spent alongside",
            ));
        }
        // Counted once it is built: a file stopped above is charged only what it built.
        self.expanded_nodes += added;
        let (value, spans) = (anchored.value.clone(), anchored.spans);
        let nodes_before = self.nodes;
        self.nodes += anchored.nodes.saturating_sub(1);
        if self.awaiting_key() {
            let key = match value {
                Value::String(text) => text,
                // A complex key, as written (see `Frame::is_key`).
                Value::Array(_) | Value::Object(_) => self.written(range.clone()),
                scalar => scalar.to_string().into(),
            };
            self.set_key(key, range);
            return Ok(());
        }
        // The alias's own position stands for the copy; its inner nodes keep the spans where the
        // anchored content was written.
        self.complete(value, spans.repeated_at(range), 0, nodes_before);
        Ok(())
    }

    /// Adds a finished node to the collection being built, or makes it the document's root.
    fn complete(&mut self, value: Value, node: SpanNode, anchor: usize, nodes_before: usize) {
        self.nodes += 1;
        if anchor != 0 {
            let nodes = self.nodes - nodes_before;
            self.remember_anchor(anchor, value.clone(), node, nodes);
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some((value, node));
            return;
        };
        let node = match &mut frame.collection {
            Collection::Sequence => node,
            Collection::Mapping { pending_key } => {
                let (key, key_range) = pending_key.take().expect("a value follows its key");
                self.members.keys.push(key);
                node.with_key(key_range)
            }
        };
        self.members.values.push(value);
        self.members.nodes.push(node);
    }

    /// Keeps what an anchor names (`0` is no anchor), with the nodes an alias to it adds.
    fn remember_anchor(&mut self, anchor: usize, value: Value, spans: SpanNode, nodes: usize) {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    value,
                    spans,
                    nodes,
                },
            );
        }
    }

    /// The source text at `range` (offsets with `base`), trimmed.
    fn written(&self, range: Range<u32>) -> Str {
        let start = (range.start.saturating_sub(self.base) as usize).min(self.text.len());
        let end = (range.end.saturating_sub(self.base) as usize).clamp(start, self.text.len());
        self.text.get(start..end).unwrap_or_default().trim().into()
    }

    /// The JSON pointer of the collection being closed, just popped off the stack: in each open
    /// collection around it, the place it is about to take.
    fn pointer_to_top(&self) -> String {
        let mut pointer = String::new();
        // A collection's own members end where those of the next one inside it begin.
        let ends = self.stack.iter().skip(1).map(|inner| inner.first_member);
        let ends = ends.chain([self.members.values.len()]);
        for (frame, end) in self.stack.iter().zip(ends) {
            match &frame.collection {
                Collection::Sequence => {
                    let index = end - frame.first_member;
                    push_pointer_token(&mut pointer, &index.to_string())
                }
                Collection::Mapping {
                    pending_key: Some((key, _)),
                } => push_pointer_token(&mut pointer, key),
                Collection::Mapping { .. } => {}
            }
        }
        pointer
    }

    fn finish_document(&mut self) {
        self.stack.clear();
        self.members = Members::default();
        let tree = std::mem::take(&mut self.tree);
        if let Some((value, root)) = self.root.take() {
            self.documents.push(ParsedDocument {
                value,
                spans: tree.finish(root),
                duplicate_keys: std::mem::take(&mut self.duplicate_keys),
                non_string_keys: std::mem::take(&mut self.non_string_keys),
            });
        }
    }
}

/// Where the header (`|`, `>`, `|2-`, ...) of the block scalar whose text starts at `content`
/// is: on the first line above that is not blank (only blank lines come between the two).
fn block_scalar_header(text: &str, content: usize) -> Option<usize> {
    let is_break = |c: char| c == '\n' || c == '\r';
    let mut line_end = text[..content].rfind(is_break)?;
    loop {
        let line_start = text[..line_end].rfind(is_break).map_or(0, |at| at + 1);
        let line = &text[line_start..line_end];
        if !line.trim().is_empty() {
            let header = line.char_indices().find(|&(at, c)| {
                let after = line[at + 1..]
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
                // A comment after the header starts after a space.
                let comment = after.trim_start();
                matches!(c, '|' | '>')
                    && line[..at]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
                    && (comment.is_empty()
                        || (comment.starts_with('#') && comment.len() < after.len()))
            });
            return header.map(|(at, _)| line_start + at);
        }
        line_end = line_start.checked_sub(1)?;
    }
}

/// What YAML reads a mapping key as when that is not a string (`a number` for `200`), by
/// [`resolve_scalar`]; every key is kept as the text written all the same.
fn reads_as_no_string(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Option<&'static str> {
    match typed_scalar(text, style, tag)? {
        Value::Number(_) => Some("a number"),
        Value::Bool(_) => Some("a boolean"),
        _ => Some("null"),
    }
}

/// Resolves a scalar by the YAML 1.2 core schema: only plain scalars are typed, and `yes`, `on`
/// or `0777` mean what YAML 1.2 says (a string, a string, an integer), not what YAML 1.1 said.
/// An explicit core tag decides the type whatever the style (`!!bool 'true'` is `true`); a text
/// its tag cannot hold (`!!int abc`) stays a string.
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    typed_scalar(text, style, tag).unwrap_or_else(|| Value::String(text.into()))
}

/// The scalar [`resolve_scalar`] reads as no string, or `None` for a string: every mapping key
/// is asked, and most are strings, so a string is not built to be thrown away.
fn typed_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Option<Value> {
    let core_tag = tag
        .filter(|tag| tag.is_yaml_core_schema())
        .map(|tag| tag.suffix());
    let plain = || resolve_plain(text);
    match core_tag {
        Some("str") => None,
        Some("null") => plain().filter(Value::is_null),
        Some("bool") => plain().filter(Value::is_boolean),
        Some("int") => plain().filter(|value| value.as_i64().is_some() || value.as_u64().is_some()),
        Some("float") => plain().filter(Value::is_number),
        _ if style == ScalarStyle::Plain => plain(),
        _ => None,
    }
}

/// A plain scalar by the YAML 1.2 core schema, `None` for a string.
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        // Infinity, which JSON cannot hold: the largest f64 of its sign, as a number too large
        // for f64 is read ([`crate::value::number_written`]).
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::from(f64::MAX));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::from(f64::MIN)),
        _ => {}
    }
    integer(text).or_else(|| float(text))
}

fn integer(text: &str) -> Option<Value> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(octal) = text.strip_prefix("0o") {
        (8, octal)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (16, hex)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok();
    match (negative, magnitude) {
        (false, Some(value)) => Some(Value::from(value)),
        (true, Some(value)) if value <= i64::MAX as u64 + 1 => {
            Some(Value::from((value as i128).wrapping_neg() as i64))
        }
        // Too large for an integer: keep the number, as JSON would.
        _ => float(text),
    }
}

fn float(text: &str) -> Option<Value> {
    let body = text.trim_start_matches(['-', '+']);
    let well_formed = !body.is_empty()
        && body
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && body.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        // `.nan` is a YAML float that JSON cannot hold, nor archlint's numbers: it stays text.
        return None;
    }
    crate::value::number_written(text).map(Value::Number)
}

/// The key of YAML 1.1's merge: `<<: *defaults`.
const MERGE_KEY: &str = "<<";

/// A mapping's members with its merge keys applied, as YAML 1.1 and js-yaml (which Redocly reads
/// OpenAPI with) apply them, although YAML 1.2 has no merge key: `<<: *base`, or
/// `<<: [*a, *b]`, adds in its place each member of the mappings it names that the mapping does
/// not write itself, an earlier mapping's before a later one's. A merged member keeps the span
/// where it is written, in the anchored mapping. A `<<` whose value is not mappings stays a key.
fn merge(tree: &SpanTree, members: Vec<(Str, Value, SpanNode)>) -> Vec<(Str, Value, SpanNode)> {
    let written: std::collections::HashSet<Str> = members
        .iter()
        .filter(|(key, ..)| key.as_str() != MERGE_KEY)
        .map(|(key, ..)| key.clone())
        .collect();
    let mut present = written;
    let mut merged = Vec::with_capacity(members.len());
    for (key, value, node) in members {
        let named: Option<Vec<(&crate::value::Map, SpanNode)>> = match &value {
            _ if key.as_str() != MERGE_KEY => None,
            Value::Object(map) => Some(vec![(map, node)]),
            Value::Array(items) if items.iter().all(Value::is_object) => Some(
                items
                    .iter()
                    .filter_map(Value::as_object)
                    .zip(tree.children(&node).iter().copied())
                    .collect(),
            ),
            _ => None,
        };
        let Some(named) = named else {
            merged.push((key, value, node));
            continue;
        };
        for (map, node) in named {
            for ((name, member), place) in map.iter().zip(tree.children(&node)) {
                if present.insert(name.clone()) {
                    merged.push((name.clone(), member.clone(), *place));
                }
            }
        }
    }
    merged
}
