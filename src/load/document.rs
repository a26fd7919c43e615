//! The spanned document: a [`Value`] plus the source span of every key and value,
//! addressable by JSON pointer.
//!
//! No crate offers this for both YAML and JSON, so it is ours: the spans live in a tree that
//! mirrors the value (object children in the value's key order, which [`Map`] keeps), so a
//! pointer lookup walks both together. The tree is one list per document ([`SpanTree`]), a
//! node six numbers, so the spans cost a fraction of the value they describe.

use crate::load::kind::DocumentKind;
use crate::source::{FileId, LARGE_TEXT, Span, count_bytes};
use crate::value::{Map, Str, Value};
use std::ops::Range;

/// The spans of one node: its key (for a mapping entry), its value, and where its children sit
/// in the document's [`SpanTree`]. Six numbers and no allocation: a large document has
/// millions of nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanNode {
    /// `NO_KEY` for a node that is not a mapping entry's value.
    key_start: u32,
    key_end: u32,
    value_start: u32,
    value_end: u32,
    first_child: u32,
    child_count: u32,
}

const NO_KEY: u32 = u32::MAX;

impl SpanNode {
    pub fn leaf(value: Range<u32>) -> Self {
        SpanNode {
            key_start: NO_KEY,
            key_end: NO_KEY,
            value_start: value.start,
            value_end: value.end,
            first_child: 0,
            child_count: 0,
        }
    }

    /// The same node as the value of a mapping entry whose key is written at `key`.
    pub fn with_key(self, key: Range<u32>) -> Self {
        SpanNode {
            key_start: key.start,
            key_end: key.end,
            ..self
        }
    }

    /// The same node, with its children, standing where `value` is written and under no key: a
    /// YAML alias, which repeats what its anchor names.
    pub fn repeated_at(self, value: Range<u32>) -> Self {
        SpanNode {
            key_start: NO_KEY,
            key_end: NO_KEY,
            value_start: value.start,
            value_end: value.end,
            ..self
        }
    }

    /// The same node with its children moved `shift` places along its tree (wrapping: back, too).
    pub fn moved(self, shift: u32) -> Self {
        if self.child_count == 0 {
            return self;
        }
        SpanNode {
            first_child: self.first_child.wrapping_add(shift),
            ..self
        }
    }

    pub fn key(&self) -> Option<Range<u32>> {
        (self.key_start != NO_KEY).then_some(self.key_start..self.key_end)
    }

    pub fn value(&self) -> Range<u32> {
        self.value_start..self.value_end
    }
}

/// The spans of every node of one document. The children of a collection sit side by side,
/// after their own descendants, and the root comes last: one list for the document instead of
/// a list per collection.
#[derive(Debug, Default, PartialEq)]
pub struct SpanTree {
    nodes: Vec<SpanNode>,
}

impl SpanTree {
    /// An empty tree with room for about as many nodes as `text` holds values, so that the list
    /// is not copied as it grows on a large document (each copy touching fresh memory).
    pub fn sized_for(text: &str, flow: bool) -> Self {
        SpanTree {
            nodes: Vec::with_capacity(estimated_nodes(text.as_bytes(), flow)),
        }
    }

    /// A tree of one node.
    pub fn single(node: SpanNode) -> Self {
        SpanTree { nodes: vec![node] }
    }

    /// Where the next child pushed goes: the first child of a collection about to be built.
    pub fn next_position(&self) -> u32 {
        self.nodes.len() as u32
    }

    pub fn push(&mut self, child: SpanNode) {
        self.nodes.push(child);
    }

    /// Appends the nodes of `other` at `nodes`, whose children are among them, moved to their
    /// new places; answers the shift, for the nodes that hold them as children.
    pub fn append_moved(&mut self, other: &SpanTree, nodes: Range<u32>) -> u32 {
        let shift = self.next_position().wrapping_sub(nodes.start);
        let moved = other.nodes[nodes.start as usize..nodes.end as usize]
            .iter()
            .map(|node| node.moved(shift));
        self.nodes.extend(moved);
        shift
    }

    /// Puts `child` where the child at `position` was (a mapping's repeated key), returning
    /// the child it replaces.
    pub fn replace(&mut self, position: u32, child: SpanNode) -> SpanNode {
        std::mem::replace(&mut self.nodes[position as usize], child)
    }

    /// The node of a list or mapping written at `value`, whose children are those pushed since
    /// `first_child` (a mapping's in the order of its keys).
    pub fn collection(&mut self, first_child: u32, value: Range<u32>) -> SpanNode {
        let child_count = self.next_position() - first_child;
        SpanNode {
            // An empty collection points nowhere, as a leaf does: so it reads the same wherever
            // its tree was built ([`SpanTree::append_moved`]).
            first_child: if child_count == 0 { 0 } else { first_child },
            child_count,
            ..SpanNode::leaf(value)
        }
    }

    /// The mapping written at `value` whose members (key, value, node: `count` of them) are
    /// `members`, in the order written: its value and node, its children pushed. A key written
    /// twice keeps its first place and its last value, as parsers do; the repeats are returned,
    /// to be reported.
    pub fn mapping(
        &mut self,
        members: impl Iterator<Item = (Str, Value, SpanNode)>,
        count: usize,
        value: Range<u32>,
    ) -> (Value, SpanNode, Vec<Repeat>) {
        let mut entries = Map::with_capacity(count);
        let first_child = self.next_position();
        let mut repeats = Vec::new();
        for (key, value, node) in members {
            // One lookup a key (a scan of a small mapping, a hash in a large one): the member
            // either takes the next place or is a repeat.
            let (position, replaced) = entries.insert_full(key, value);
            if replaced.is_none() {
                self.push(node);
                continue;
            }
            let first = self.replace(first_child + position as u32, node);
            let (key, _) = entries.get_index(position).expect("the key was just set");
            repeats.push(Repeat {
                key: key.to_string(),
                first: first.key().unwrap_or_default(),
                repeated: node.key().unwrap_or_default(),
            });
        }
        let node = self.collection(first_child, value);
        (Value::Object(entries), node, repeats)
    }

    /// The finished tree of the document whose root is `root`.
    pub fn finish(mut self, root: SpanNode) -> Self {
        self.nodes.push(root);
        // The list was sized from an estimate (see `sized_for`), which commas written in strings
        // inflate. An allocator shrinks a block in place, keeping its memory, so a list with much
        // room left is copied out at its size instead.
        if self.nodes.capacity() - self.nodes.len() > self.nodes.len() / 8 {
            self.nodes = self.nodes.as_slice().to_vec();
        }
        self
    }

    fn root(&self) -> &SpanNode {
        self.nodes.last().expect("a finished tree has its root")
    }

    pub fn children(&self, node: &SpanNode) -> &[SpanNode] {
        let first = node.first_child as usize;
        &self.nodes[first..first + node.child_count as usize]
    }
}

/// About how many nodes a document written in `text` has. Each value of a JSON text (`flow`)
/// follows a comma or opens a list or an object, or is the root, so counting those bytes bounds
/// it from above (commas inside strings count too). A block YAML value mostly takes a line and
/// a flow one follows a comma, but a list item's mapping shares its first key's line (`- name:
/// x`), so an eighth more is allowed (generated service catalogs need 7% more than lines and
/// commas). One pass ([`count_bytes`]): a list a little too long costs less than one
/// copied as it doubles, and left with up to half of it unused.
fn estimated_nodes(bytes: &[u8], flow: bool) -> usize {
    let estimate = if flow {
        count_bytes(bytes, |byte| byte == b',' || byte == b'[' || byte == b'{') + 1
    } else {
        let lines = count_bytes(bytes, |byte| byte == b'\n' || byte == b',');
        lines + lines / 8 + 8
    };
    // Real documents take tens of bytes a value. A text said to hold a value every few bytes (a
    // file of blank lines or commas, or numbers packed in a list) gets no room ahead: its list
    // grows as it is filled, rather than reserving many times the file's size for a document
    // that may never come.
    if estimate > bytes.len() / 4 + 16 {
        return 0;
    }
    estimate
}

/// A mapping that repeats a key: parsers keep the last value, so the first is silently lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON pointer of the repeated entry.
    pub pointer: String,
    pub key: String,
    pub first: Range<u32>,
    pub repeated: Range<u32>,
}

/// A key a mapping repeats, found as the mapping closes ([`SpanTree::mapping`]).
pub struct Repeat {
    key: String,
    first: Range<u32>,
    repeated: Range<u32>,
}

impl Repeat {
    /// The repeat, reported in the mapping at `pointer`.
    pub fn at(self, pointer: &str) -> DuplicateKey {
        let mut pointer = pointer.to_string();
        push_pointer_token(&mut pointer, &self.key);
        DuplicateKey {
            pointer,
            key: self.key,
            first: self.first,
            repeated: self.repeated,
        }
    }
}

/// A YAML mapping key written plain that YAML reads as no string (`200`, `true`, `~`): a JSON
/// key is always a string, and a loader that keeps YAML's types (PyYAML, SnakeYAML) reads
/// another key than archlint, which reads every key as the text written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonStringKey {
    /// The key as written.
    pub key: String,
    /// What YAML reads it as: `a number`, `a boolean` or `null`.
    pub reads_as: &'static str,
    pub range: Range<u32>,
}

/// What a parser produces for one document before it is placed in a workspace.
#[derive(Debug)]
pub struct ParsedDocument {
    pub value: Value,
    pub spans: SpanTree,
    pub duplicate_keys: Vec<DuplicateKey>,
    /// YAML only: a JSON key is always a string.
    pub non_string_keys: Vec<NonStringKey>,
}

impl ParsedDocument {
    /// An empty mapping, written nowhere: what a file without a document stands for.
    pub fn empty_mapping() -> Self {
        ParsedDocument {
            value: Value::Object(Default::default()),
            spans: SpanTree::single(SpanNode::leaf(0..0)),
            duplicate_keys: Vec::new(),
            non_string_keys: Vec::new(),
        }
    }
}

/// Where a node was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSpans {
    pub key: Option<Span>,
    pub value: Span,
}

impl NodeSpans {
    /// Where a finding about the node belongs: its key when it has one, which is the line a reader
    /// looks for, else its value.
    pub fn anchor(&self) -> Span {
        self.key.unwrap_or(self.value)
    }
}

/// One loaded, classified document.
#[derive(Debug)]
pub struct Document {
    pub file: FileId,
    /// The position of this document in its file's YAML stream (0 for JSON).
    pub index: usize,
    pub kind: DocumentKind,
    pub value: Value,
    pub duplicate_keys: Vec<DuplicateKey>,
    pub non_string_keys: Vec<NonStringKey>,
    spans: SpanTree,
}

impl Document {
    pub fn new(file: FileId, index: usize, kind: DocumentKind, parsed: ParsedDocument) -> Self {
        Document {
            file,
            index,
            kind,
            value: parsed.value,
            duplicate_keys: parsed.duplicate_keys,
            non_string_keys: parsed.non_string_keys,
            spans: parsed.spans,
        }
    }

    pub fn span(&self, range: &Range<u32>) -> Span {
        Span::new(self.file, range.clone())
    }

    /// The spans of the node at `pointer` (RFC 6901), or `None` when nothing is there.
    pub fn locate(&self, pointer: &str) -> Option<NodeSpans> {
        let (_, node, _) = self.walk(pointer);
        node.map(|node| self.node_spans(node))
    }

    /// The spans of the node at `pointer`, or of its nearest ancestor that exists: a finding about
    /// a missing member belongs on the object that lacks it.
    pub fn locate_nearest(&self, pointer: &str) -> NodeSpans {
        let (_, node, ancestor) = self.walk(pointer);
        self.node_spans(node.unwrap_or(ancestor))
    }

    fn node_spans(&self, node: &SpanNode) -> NodeSpans {
        NodeSpans {
            key: node.key().map(|key| self.span(&key)),
            value: self.span(&node.value()),
        }
    }

    /// Walks value and spans together; returns the value and node found, and the deepest node
    /// reached on the way.
    fn walk(&self, pointer: &str) -> (Option<&Value>, Option<&SpanNode>, &SpanNode) {
        let mut value = &self.value;
        let mut node = self.spans.root();
        if pointer.is_empty() {
            return (Some(value), Some(node), node);
        }
        let Some(tokens) = pointer.strip_prefix('/') else {
            return (None, None, node);
        };
        let mut unescaped = String::new();
        for token in tokens.split('/') {
            let token = unescape_reusing(token, &mut unescaped);
            let children = self.spans.children(node);
            let child = match value {
                Value::Object(map) => map
                    .position(token)
                    .and_then(|index| Some((map.get_index(index)?.1, children.get(index)?))),
                Value::Array(items) => array_index(token)
                    .and_then(|index| Some((items.get(index)?, children.get(index)?))),
                _ => None,
            };
            match child {
                Some((child_value, child_node)) => {
                    value = child_value;
                    node = child_node;
                }
                None => return (None, None, node),
            }
        }
        (Some(value), Some(node), node)
    }
}

/// The value at a JSON pointer (RFC 6901; [`Value::pointer`] is this), without a copy of each
/// token that escapes nothing: lookups run once per operation, reference and schema step, and
/// GitHub's description makes hundreds of thousands.
pub fn value_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let mut value = value;
    let mut unescaped = String::new();
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_reusing(token, &mut unescaped);
        value = match value {
            Value::Object(map) => map.get(token)?,
            Value::Array(items) => items.get(array_index(token)?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// One reference token of a JSON pointer, unescaped as RFC 6901 says. Most tokens escape
/// nothing and are used as written, without a copy.
pub fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if !token.contains('~') {
        return token.into();
    }
    let mut unescaped = String::with_capacity(token.len());
    unescape_into(token, &mut unescaped);
    unescaped.into()
}

/// `token` unescaped: as written when it escapes nothing, else in `buffer`, which a walk down a
/// pointer reuses from token to token (every OpenAPI path key is written with `~1`).
fn unescape_reusing<'t>(token: &'t str, buffer: &'t mut String) -> &'t str {
    if !token.contains('~') {
        return token;
    }
    buffer.clear();
    unescape_into(token, buffer);
    buffer
}

/// Appends `token` unescaped, in one pass from left to right: `~1` is `/` and `~0` is `~`, so
/// `~01` is `~1`; a `~` before anything else stays as written.
fn unescape_into(token: &str, unescaped: &mut String) {
    let mut rest = token;
    while let Some(at) = rest.find('~') {
        unescaped.push_str(&rest[..at]);
        let (character, skip) = match rest.as_bytes().get(at + 1) {
            Some(b'1') => ('/', 2),
            Some(b'0') => ('~', 2),
            _ => ('~', 1),
        };
        unescaped.push(character);
        rest = &rest[at + skip..];
    }
    unescaped.push_str(rest);
}

/// An array index as RFC 6901 writes one: digits, no leading zero, no sign.
pub fn array_index(token: &str) -> Option<usize> {
    if token.is_empty()
        || (token.len() > 1 && token.starts_with('0'))
        || !token.bytes().all(|byte| byte.is_ascii_digit())
    {
        return None;
    }
    token.parse().ok()
}

/// Whether the JSON pointer `pointer` is `within` or names a place inside it (`/a/b` is within
/// `/a` and `""`, not within `/ab`).
pub fn pointer_within(pointer: &str, within: &str) -> bool {
    pointer
        .strip_prefix(within)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Appends one reference token to a JSON pointer, escaping as RFC 6901 says.
pub fn push_pointer_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for character in token.chars() {
        match character {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
}

impl Document {
    /// Where a finding about the node at `pointer` is drawn: a scalar's value, or the key of a
    /// mapping or list (whose value may span many lines); the nearest existing ancestor when
    /// nothing is at `pointer`.
    pub fn focus(&self, pointer: &str) -> Span {
        self.focus_or_key(pointer, false)
    }

    /// [`Document::focus`], or with `on_key` the key of the node at `pointer` (its value when it
    /// has no key): one walk down the pointer either way.
    pub fn focus_or_key(&self, pointer: &str, on_key: bool) -> Span {
        let (value, node, ancestor) = self.walk(pointer);
        let spans = self.node_spans(node.unwrap_or(ancestor));
        match value {
            Some(Value::Object(_) | Value::Array(_)) | None => spans.anchor(),
            Some(_) if on_key => spans.anchor(),
            Some(_) => spans.value,
        }
    }
}

impl Document {
    /// The whole extent of the document in its file.
    pub fn extent(&self) -> Range<u32> {
        self.spans.root().value()
    }

    /// Whether the document is long enough ([`LARGE_TEXT`]) for its work to be shared among the
    /// threads: measured by its own extent, so the small documents of a long YAML stream are not.
    pub fn is_large(&self) -> bool {
        self.extent().len() >= LARGE_TEXT
    }

    /// For each range (in any order), the JSON pointer of the deepest node whose key or value
    /// holds it; with `item` given, list positions are written as it (e.g. `*`), which makes a
    /// path that stays the same when items are added before it. One walk for all ranges: only the
    /// nodes on the way to a range are visited, and ranges are found among a node's children by
    /// binary search, never by a scan per range.
    pub fn pointers_at(&self, ranges: &[Range<u32>], item: Option<&str>) -> Vec<String> {
        let mut order: Vec<usize> = (0..ranges.len()).collect();
        order.sort_by_key(|&index| (ranges[index].start, ranges[index].end));
        let mut pointers = vec![String::new(); ranges.len()];
        let mut pointer = String::new();
        let mut walk = Walk {
            tree: &self.spans,
            ranges,
            item,
            pointer: &mut pointer,
            pointers: &mut pointers,
        };
        walk.descend(&self.value, self.spans.root(), &order);
        pointers
    }
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
}

/// How many levels of a large document ([`Document::is_large`]) a walk of the whole of it shares
/// among the threads: its root's members and theirs (an OpenAPI description's paths, its
/// components' kinds).
pub const SPLIT_LEVELS: usize = 2;

/// The state of [`Document::pointers_at`]'s walk.
struct Walk<'a> {
    tree: &'a SpanTree,
    ranges: &'a [Range<u32>],
    item: Option<&'a str>,
    /// The pointer of the node being visited.
    pointer: &'a mut String,
    pointers: &'a mut [String],
}

impl Walk<'_> {
    /// Gives the node's pointer to the ranges in `order` (sorted by start) that no child holds.
    fn descend(&mut self, value: &Value, node: &SpanNode, order: &[usize]) {
        let ranges = self.ranges;
        let mut claimed = vec![false; order.len()];
        let children: Vec<(Token<'_>, &Value)> = match value {
            Value::Object(map) if !order.is_empty() => map
                .iter()
                .map(|(key, value)| (Token::Key(key), value))
                .collect(),
            Value::Array(items) if !order.is_empty() => items
                .iter()
                .enumerate()
                .map(|(index, value)| (Token::Index(index), value))
                .collect(),
            _ => Vec::new(),
        };
        let tree = self.tree;
        for (&(token, child_value), child) in children.iter().zip(tree.children(node)) {
            let value = child.value();
            let (start, end) = match child.key() {
                Some(key) => (key.start.min(value.start), key.end.max(value.end)),
                None => (value.start, value.end),
            };
            let first = order.partition_point(|&index| ranges[index].start < start);
            let last = order.partition_point(|&index| ranges[index].start <= end);
            let held: Vec<usize> = (first..last)
                .filter(|&position| !claimed[position] && ranges[order[position]].end <= end)
                .collect();
            if held.is_empty() {
                continue;
            }
            for &position in &held {
                claimed[position] = true;
            }
            let inner: Vec<usize> = held.iter().map(|&position| order[position]).collect();
            let length = self.pointer.len();
            match (token, self.item) {
                (Token::Key(key), _) => push_pointer_token(self.pointer, key),
                (Token::Index(_), Some(item)) => push_pointer_token(self.pointer, item),
                (Token::Index(index), None) => push_pointer_token(self.pointer, &index.to_string()),
            }
            self.descend(child_value, child, &inner);
            self.pointer.truncate(length);
        }
        for (position, &index) in order.iter().enumerate() {
            if !claimed[position] {
                self.pointers[index] = self.pointer.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{SpanNode, SpanTree, unescape_token, value_at};
    use crate::json;
    use crate::value::{Str, Value};
    use std::borrow::Cow;

    #[test]
    fn a_node_list_is_reserved_for_a_real_document_and_not_for_a_file_of_blank_lines() {
        let pretty = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": { \"title\": \"Pets\" }\n}\n";
        assert!(SpanTree::sized_for(pretty, true).nodes.capacity() >= 4);
        let catalog = "services:\n  - name: orders\n    owner: team-a\n";
        assert!(SpanTree::sized_for(catalog, false).nodes.capacity() >= 5);
        assert_eq!(
            SpanTree::sized_for(&"\n".repeat(4096), false)
                .nodes
                .capacity(),
            0
        );
        assert_eq!(
            SpanTree::sized_for(&",".repeat(4096), true)
                .nodes
                .capacity(),
            0
        );
    }

    #[test]
    fn tokens_are_unescaped_left_to_right_and_only_copied_when_they_escape_something() {
        assert!(matches!(unescape_token("plain"), Cow::Borrowed("plain")));
        for (written, meant) in [
            ("~1pets~1{id}", "/pets/{id}"),
            ("~01", "~1"),
            ("~10", "/0"),
            ("~~1", "~/"),
            ("~", "~"),
            ("a~2", "a~2"),
        ] {
            assert_eq!(unescape_token(written), meant, "{written}");
        }
        let document = json!({ "paths": { "/pets/{id}": { "~1": [0, 1] } } });
        assert_eq!(
            value_at(&document, "/paths/~1pets~1{id}/~01/1"),
            Some(&json!(1))
        );
    }

    /// Builds a mapping of `keys` as the loaders do, the n-th key written at n with the value n:
    /// the mapping, and for each repeat its key and where the entry it replaces was written.
    fn build(keys: &[&str]) -> (Value, Vec<u32>, Vec<(String, u32)>) {
        let mut tree = SpanTree::default();
        let members = keys.iter().zip(0u32..).map(|(key, at)| {
            let node = SpanNode::leaf(at..at + 1).with_key(at..at + 1);
            (Str::from(key.to_string()), Value::from(at), node)
        });
        let (value, node, repeats) = tree.mapping(members, keys.len(), 0..keys.len() as u32);
        let children = tree.children(&node).iter().map(|child| child.value().start);
        let repeats = repeats
            .into_iter()
            .map(|repeat| (repeat.key, repeat.first.start));
        (value, children.collect(), repeats.collect())
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_its_last_value_before_and_after_the_index_exists() {
        let (value, children, repeats) = build(&["a", "b", "a", "c", "b", "c", "a", "d", "d"]);
        assert_eq!(value, json!({ "a": 6, "b": 4, "c": 5, "d": 8 }));
        assert_eq!(
            value.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(children, [6, 4, 5, 8]);
        let written = |key: &str, at| (key.to_string(), at);
        assert_eq!(
            repeats,
            [
                written("a", 0),
                written("b", 1),
                written("c", 3),
                written("a", 2),
                written("d", 7),
            ]
        );
        assert!(build(&["a", "b", "c"]).2.is_empty());
    }
}
