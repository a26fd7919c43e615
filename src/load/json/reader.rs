//! A one-pass reader for strict JSON, the common case: the text goes straight into the value and
//! its spans. jsonc-parser builds a syntax tree first, which the converter then walks; on
//! GitHub's 13 MB description that tree cost more than the value itself. jsonc-parser stays for
//! `.jsonc` files and for everything this reader does not take on: it answers `None` for
//! malformed input (jsonc-parser words the error) and for nesting beyond the limit. Anything it
//! refuses is read again by jsonc-parser, so it may refuse more than strict JSON does, never
//! less.
//!
//! A large text is read by two readers side by side ([`read`]): one from the start, and one
//! from a line near the end of its first three fifths that begins with an object's key, which
//! reads the members and items of the collections open there without knowing them yet. The
//! first reader takes what the second read when it reaches that key, and gives the same value,
//! spans and repeated keys as reading alone. Reading was the one stage of a check that ran on
//! one core: GitHub's 13 MB description took 45 ms to read, about as long as serde_json takes to
//! parse it without spans, while the other core waited.

use crate::load::document::{DuplicateKey, ParsedDocument, SpanNode, SpanTree, push_pointer_token};
use crate::source::LARGE_TEXT;
use crate::value::{Str, Value};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Condvar, Mutex, PoisonError};

/// The document `text` holds, or `None` when the reader leaves it to jsonc-parser.
pub(super) fn read(text: &str, base: u32, max_depth: usize) -> Option<ParsedDocument> {
    let split = (text.len() >= LARGE_TEXT)
        .then(|| key_line_after(text, text.len() / 5 * 3))
        .flatten();
    match split {
        Some(split) => read_in_two(text, base, max_depth, split),
        None => read_with(text, base, max_depth, None),
    }
}

/// `text` read from the start, the rest after `split` read on another thread where one is free.
fn read_in_two(text: &str, base: u32, max_depth: usize, split: usize) -> Option<ParsedDocument> {
    let rest = RestOfText::default();
    let (document, ()) = rayon::join(
        || {
            let document = read_with(text, base, max_depth, Some((split, &rest)));
            // Read to its end (or refused) without the rest: the rest need not be read now.
            rest.abandon();
            document
        },
        || rest.read(|| read_rest(text, base, max_depth, split)),
    );
    document
}

fn read_with<'t>(
    text: &'t str,
    base: u32,
    max_depth: usize,
    split: Option<(usize, &'t RestOfText)>,
) -> Option<ParsedDocument> {
    let mut reader = Reader::new(text, base, max_depth, SpanTree::sized_for(text, true));
    reader.split = split;
    let (value, root) = reader.value()?;
    reader.skip_whitespace();
    if reader.at != reader.bytes.len() || !reader.levels.is_empty() {
        return None;
    }
    Some(ParsedDocument {
        value,
        spans: reader.tree.finish(root),
        duplicate_keys: reader.duplicate_keys,
        non_string_keys: Vec::new(),
    })
}

/// `text` read as [`read_in_two`] reads it when the second reader has read the rest after
/// `split` before the first reaches it: the tests' and the fuzzer's, for any `split`.
#[cfg(any(test, fuzzing))]
pub(super) fn read_with_rest_from(
    text: &str,
    base: u32,
    max_depth: usize,
    split: usize,
) -> Option<ParsedDocument> {
    let rest = RestOfText::default();
    rest.read(|| read_rest(text, base, max_depth, split));
    read_with(text, base, max_depth, Some((split, &rest)))
}

/// Where the first line after `from` that begins with an object's key (`"name":`) begins: a
/// line break is never inside a JSON string, so a line's first token starts there. `None` for a
/// text with no such line soon after (a minified one), which is read from the start alone.
fn key_line_after(text: &str, from: usize) -> Option<usize> {
    const LINES_LOOKED_AT: usize = 1_000;
    let bytes = text.as_bytes();
    let mut at = from;
    for _ in 0..LINES_LOOKED_AT {
        at += memchr::memchr(b'\n', bytes.get(at..)?)? + 1;
        let start = at
            + bytes[at..]
                .iter()
                .take_while(|&&byte| matches!(byte, b' ' | b'\t'))
                .count();
        if bytes.get(start) != Some(&b'"') {
            continue;
        }
        // A key with an escape is passed over: its end is not the next quote.
        let length = memchr::memchr2(b'"', b'\\', &bytes[start + 1..])?;
        let after = start + 1 + length;
        if bytes[after] != b'"' {
            continue;
        }
        let colon = bytes[after + 1..]
            .iter()
            .find(|&&byte| !matches!(byte, b' ' | b'\t'));
        if colon == Some(&b':') {
            return Some(start);
        }
    }
    None
}

/// What the second reader read: the members and items after the split of each collection open
/// there, innermost first, and the nodes of the collections they hold.
struct Rest {
    levels: Vec<Level>,
    tree: SpanTree,
}

/// The members (an object's) or items (an array's) after the split of one collection open there.
struct Level {
    object: bool,
    keys: Vec<Str>,
    values: Vec<Value>,
    nodes: Vec<SpanNode>,
    /// Where the collection ends, after its closing bracket.
    end: usize,
    /// How deep the deepest collection among them opens, counted from this one (0: none).
    deepest: usize,
    /// The nodes of the collections inside them: this part of [`Rest::tree`], where the reader
    /// alone would have put them before the collection's own children.
    nodes_inside: Range<u32>,
}

/// The second reader's work, handed to the first: read once, taken once. The first reader takes
/// the work over where the second has not started when it reaches the split, so a run on one
/// thread reads the text once, from the start.
#[derive(Default)]
struct RestOfText {
    state: Mutex<RestState>,
    read: Condvar,
}

#[derive(Default)]
enum RestState {
    #[default]
    NotStarted,
    Reading,
    Read(Option<Rest>),
    Taken,
}

impl RestOfText {
    /// Runs `read` unless the first reader took the work over. Should it panic, the first reader
    /// is told there is nothing to take before the panic goes on, so it does not wait forever.
    fn read(&self, read: impl FnOnce() -> Option<Rest>) {
        {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            if !matches!(*state, RestState::NotStarted) {
                return;
            }
            *state = RestState::Reading;
        }
        let rest = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match rest {
            Ok(rest) => {
                *state = RestState::Read(rest);
                self.read.notify_all();
            }
            Err(panic) => {
                *state = RestState::Read(None);
                self.read.notify_all();
                drop(state);
                std::panic::resume_unwind(panic);
            }
        }
    }

    /// Keeps the second reader from starting, where it has not: its work is not wanted.
    fn abandon(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*state, RestState::NotStarted) {
            *state = RestState::Taken;
        }
    }

    /// What the second reader read, waiting for it where it is reading; `None` where it has not
    /// started (and now will not) or could not read the rest.
    fn take(&self) -> Option<Rest> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while matches!(*state, RestState::Reading) {
            state = self
                .read
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        match std::mem::replace(&mut *state, RestState::Taken) {
            RestState::Read(rest) => rest,
            _ => None,
        }
    }
}

/// The rest of `text` after `split`, where an object's member begins: the members and items of
/// each collection open there until it closes, and after the last, the end of the text. `None`
/// where that is not what follows, or a key repeats inside (its pointer is the first reader's
/// to know): the first reader then reads on alone.
fn read_rest(text: &str, base: u32, max_depth: usize, split: usize) -> Option<Rest> {
    // The split is at a key's quote; any other is refused (the tests try every byte).
    let tree = SpanTree::sized_for(text.get(split..)?, true);
    let mut reader = Reader::new(text, base, max_depth, tree);
    reader.at = split;
    // A placeholder step: the members read are one deep, counted from their collection.
    reader.path.push(Step::Item(0));
    let mut levels = Vec::new();
    // The first collection is an object: the split is at a key. After a comma, a member or an
    // item must follow.
    let (mut object, mut after_comma) = (true, true);
    loop {
        let first_node = reader.tree.next_position();
        reader.deepest = 0;
        let mut level = Level {
            object,
            keys: Vec::new(),
            values: Vec::new(),
            nodes: Vec::new(),
            end: 0,
            deepest: 0,
            nodes_inside: 0..0,
        };
        let close = if object { b'}' } else { b']' };
        // Members until the collection closes; one that closes at once has none here.
        if after_comma || !reader.eat(close) {
            loop {
                let key = if object {
                    let (key, key_range) = reader.key()?;
                    level.keys.push(key);
                    Some(key_range)
                } else {
                    None
                };
                let (value, node) = reader.value()?;
                level.values.push(value);
                level.nodes.push(match key {
                    Some(key_range) => node.with_key(key_range),
                    None => node,
                });
                if reader.eat(close) {
                    break;
                }
                if !reader.eat(b',') {
                    return None;
                }
            }
        }
        level.end = reader.at;
        level.deepest = reader.deepest;
        level.nodes_inside = first_node..reader.tree.next_position();
        levels.push(level);
        reader.skip_whitespace();
        // The collection that held this one: closed at once, or more members or items after a
        // comma; or none, and the text ends.
        after_comma = reader.bytes.get(reader.at) == Some(&b',');
        object = match reader.bytes.get(reader.at) {
            None => break,
            Some(b'}' | b']') => reader.bytes[reader.at] == b'}',
            Some(b',') => {
                reader.at += 1;
                reader.skip_whitespace();
                let before = reader.at;
                let keyed = reader.bytes.get(reader.at) == Some(&b'"')
                    && reader.string().is_some()
                    && reader.eat(b':');
                reader.at = before;
                keyed
            }
            Some(_) => return None,
        };
    }
    if !reader.duplicate_keys.is_empty() {
        return None;
    }
    Some(Rest {
        levels,
        tree: reader.tree,
    })
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// Added to every offset: the byte-order mark the caller stripped.
    base: u32,
    max_depth: usize,
    /// Where the value being read sits, for the pointer of a repeated key: one step per open
    /// collection.
    path: Vec<Step>,
    /// The members of the open collections, innermost last, moved into their collection (made
    /// at its exact size) when it closes. `keys` holds the objects' keys only.
    keys: Vec<Str>,
    values: Vec<Value>,
    nodes: Vec<SpanNode>,
    tree: SpanTree,
    duplicate_keys: Vec<DuplicateKey>,
    /// Where the second reader starts, and its work ([`read_in_two`]); `None` once taken.
    split: Option<(usize, &'t RestOfText)>,
    /// The collections the second reader read the rest of, outermost last, each taken in turn as
    /// the collection inside it closes.
    levels: VecDeque<Level>,
    /// The second reader's nodes, where [`Reader::levels`]' `nodes_inside` are.
    rest_tree: SpanTree,
    /// How deep the deepest collection opened so far is. Only the second reader reads it, for
    /// each level, to check the nesting limit against the first reader's depth at the split.
    deepest: usize,
}

/// A step of [`Reader::path`].
enum Step {
    /// The member of an object whose key is `keys[position]`.
    Key(usize),
    Item(usize),
}

type Read = Option<(Value, SpanNode)>;

impl<'t> Reader<'t> {
    fn new(text: &'t str, base: u32, max_depth: usize, tree: SpanTree) -> Self {
        Reader {
            bytes: text.as_bytes(),
            text,
            at: 0,
            base,
            max_depth,
            path: Vec::new(),
            keys: Vec::new(),
            values: Vec::new(),
            nodes: Vec::new(),
            tree,
            duplicate_keys: Vec::new(),
            split: None,
            levels: VecDeque::new(),
            rest_tree: SpanTree::default(),
            deepest: 0,
        }
    }

    /// At the split, the first member of the rest of the object being read: takes what the
    /// second reader read, where it read it and it fits the collections open here (their
    /// kinds, how many, how deep), and the members of this object from it. `false`: read on.
    fn take_the_rest(&mut self) -> bool {
        let Some((_, rest)) = self.split.take() else {
            return false;
        };
        let Some(Rest { levels, tree }) = rest.take() else {
            return false;
        };
        // The object being read is as deep as the path; the collections around it, less.
        let depth = self.path.len();
        let fits = levels.len() == depth + 1
            && levels.iter().enumerate().all(|(outward, level)| {
                let around = depth - outward;
                let kind = match outward {
                    0 => true,
                    _ => matches!(self.path[around], Step::Key(_)),
                };
                level.object == kind
                    && (level.deepest == 0 || around + level.deepest < self.max_depth)
            });
        if !fits {
            return false;
        }
        self.levels = levels.into();
        self.rest_tree = tree;
        self.take_level(true)
    }

    /// The members or items the second reader read of the collection being read (an object's
    /// if `object`), its closing bracket passed; `false` where they are not there to take.
    fn take_level(&mut self, object: bool) -> bool {
        let Some(level) = self.levels.pop_front() else {
            return false;
        };
        if level.object != object {
            return false;
        }
        let shift = self
            .tree
            .append_moved(&self.rest_tree, level.nodes_inside.clone());
        self.keys.extend(level.keys);
        self.values.extend(level.values);
        self.nodes
            .extend(level.nodes.into_iter().map(|node| node.moved(shift)));
        self.at = level.end;
        true
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// Steps over `byte` after any whitespace; `false` (and nothing consumed) when it is not next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let next = self.bytes.get(self.at) == Some(&byte);
        self.at += usize::from(next);
        next
    }

    fn value(&mut self) -> Read {
        self.skip_whitespace();
        let start = self.at;
        let value = match *self.bytes.get(self.at)? {
            b'{' => return self.object(),
            b'[' => return self.array(),
            b'"' => Value::String(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        };
        Some((value, SpanNode::leaf(self.range(start..self.at))))
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        let found = self.bytes[self.at..].starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    /// A number as JSON writes it: `-`, then `0` or digits without a leading zero, then an
    /// optional fraction and exponent. Read as jsonc-parser's converter reads it.
    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        self.at += usize::from(self.bytes[self.at] == b'-');
        match self.bytes.get(self.at)? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            self.required_digits()?;
        }
        let written = &self.text[start..self.at];
        Some(
            crate::value::number_written(written)
                .map_or_else(|| Value::String(written.into()), Value::Number),
        )
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        (self.at > start).then_some(())
    }

    /// The string whose opening quote is next, unescaped.
    fn string(&mut self) -> Option<Str> {
        self.at += 1;
        let start = self.at;
        // Most strings hold no escape: one scan finds the end, one copy takes the text.
        let plain = self.bytes[start..]
            .iter()
            .position(|&byte| matches!(byte, b'"' | b'\\') || byte < 0x20)?;
        if self.bytes[start + plain] == b'"' {
            self.at = start + plain + 1;
            return Some(Str::from(&self.text[start..start + plain]));
        }
        let mut string = Str::with_capacity(plain + 16);
        string.push_str(&self.text[start..start + plain]);
        self.at = start + plain;
        loop {
            let run = self.bytes[self.at..]
                .iter()
                .position(|&byte| matches!(byte, b'"' | b'\\') || byte < 0x20)?;
            string.push_str(&self.text[self.at..self.at + run]);
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Some(string);
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = match *self.bytes.get(self.at)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    self.at += 1;
                    string.push(escaped);
                }
                _ => return None,
            }
        }
    }

    /// The character of a `\u` escape whose `u` is at `at`, left on its last digit; a surrogate
    /// pair is one character. A lone surrogate (`"\ud83d"`) is valid JSON but no character:
    /// JavaScript holds it as a code unit, which a Rust string cannot, so it is read as U+FFFD,
    /// as a decoder replaces it, rather than refusing the whole file.
    fn unicode_escape(&mut self) -> Option<char> {
        const REPLACEMENT: char = '\u{FFFD}';
        let high = self.hex4(self.at + 1)?;
        self.at += 4;
        if !(0xD800..0xE000).contains(&high) {
            return char::from_u32(high);
        }
        if high >= 0xDC00 {
            return Some(REPLACEMENT);
        }
        let low = if self.bytes.get(self.at + 1..self.at + 3) == Some(b"\\u") {
            self.hex4(self.at + 3)
        } else {
            None
        };
        match low {
            Some(low) if (0xDC00..0xE000).contains(&low) => {
                self.at += 6;
                char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            _ => Some(REPLACEMENT),
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    fn range(&self, range: Range<usize>) -> Range<u32> {
        (range.start as u32 + self.base)..(range.end as u32 + self.base)
    }

    fn array(&mut self) -> Read {
        let start = self.at;
        self.at += 1;
        if self.path.len() >= self.max_depth {
            return None;
        }
        self.deepest = self.deepest.max(self.path.len());
        let first_member = self.values.len();
        if !self.eat(b']') {
            loop {
                self.path.push(Step::Item(self.values.len() - first_member));
                let (value, node) = self.value()?;
                self.path.pop();
                self.values.push(value);
                self.nodes.push(node);
                // The collection just read held the split: the second reader read the rest.
                if !self.levels.is_empty() {
                    if !self.take_level(false) {
                        return None;
                    }
                    break;
                }
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        let first_child = self.tree.next_position();
        for node in self.nodes.drain(first_member..) {
            self.tree.push(node);
        }
        let node = self
            .tree
            .collection(first_child, self.range(start..self.at));
        Some((Value::Array(self.values.split_off(first_member)), node))
    }

    /// A member's key and the colon after it, whitespace before each passed over.
    fn key(&mut self) -> Option<(Str, Range<u32>)> {
        self.skip_whitespace();
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let key_start = self.at;
        let key = self.string()?;
        let key_range = self.range(key_start..self.at);
        self.eat(b':').then_some((key, key_range))
    }

    fn object(&mut self) -> Read {
        let start = self.at;
        self.at += 1;
        if self.path.len() >= self.max_depth {
            return None;
        }
        self.deepest = self.deepest.max(self.path.len());
        let (first_member, first_key) = (self.values.len(), self.keys.len());
        if !self.eat(b'}') {
            loop {
                self.skip_whitespace();
                if self.split.is_some_and(|(split, _)| split == self.at) && self.take_the_rest() {
                    break;
                }
                let (key, key_range) = self.key()?;
                self.path.push(Step::Key(self.keys.len()));
                self.keys.push(key);
                let (value, node) = self.value()?;
                self.path.pop();
                self.values.push(value);
                self.nodes.push(node.with_key(key_range));
                if !self.levels.is_empty() {
                    if !self.take_level(true) {
                        return None;
                    }
                    break;
                }
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        let range = self.range(start..self.at);
        Some(self.close_object(first_member, first_key, range))
    }

    /// Moves the members of the object just read into its value and node; a repeated key is
    /// reported.
    fn close_object(
        &mut self,
        first_member: usize,
        first_key: usize,
        range: Range<u32>,
    ) -> (Value, SpanNode) {
        let count = self.values.len() - first_member;
        let members = self
            .keys
            .drain(first_key..)
            .zip(self.values.drain(first_member..))
            .zip(self.nodes.drain(first_member..))
            .map(|((key, value), node)| (key, value, node));
        let (value, node, repeats) = self.tree.mapping(members, count, range);
        if !repeats.is_empty() {
            let pointer = self.pointer();
            let reported = repeats.into_iter().map(|repeat| repeat.at(&pointer));
            self.duplicate_keys.extend(reported);
        }
        (value, node)
    }

    /// The JSON pointer of the collection being read.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            match step {
                Step::Key(position) => push_pointer_token(&mut pointer, &self.keys[*position]),
                Step::Item(index) => {
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                }
            }
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRETTY: &str = "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": {\n    \"/a\": {\"get\": {\"tags\": [\"x\", {\"y\": [1, 2]}]}},\n    \"/b\": {}\n  },\n  \"tags\": [\n    {\"name\": \"x\"}\n  ],\n  \"z\": 1\n}\n";

    /// The first reader reads `text`, the second `rest_text`, from `split`.
    fn read_split(text: &str, rest_text: &str, split: usize) -> Option<ParsedDocument> {
        let rest = RestOfText::default();
        rest.read(|| read_rest(rest_text, 0, 64, split));
        read_with(text, 0, 64, Some((split, &rest)))
    }

    #[test]
    fn the_rest_is_taken_from_the_second_reader_at_a_key() {
        // The second reader reads another ending: what the first returns shows whose it is.
        let other = PRETTY.replace("\"z\": 1", "\"z\": 2");
        for (key, taken) in [
            ("\"/b\"", true),
            ("\"tags\": [\n", true),
            ("\"z\"", true),
            ("\"openapi\"", true),
            // Not at a member's key: read on alone.
            ("{\"name\"", false),
            ("\"x\", {", false),
        ] {
            let split = PRETTY.find(key).expect("the key is written");
            let document = read_split(PRETTY, &other, split).expect("JSON");
            let expected = if taken { 2 } else { 1 };
            assert_eq!(
                document.value["z"],
                Value::from(serde_json::json!(expected)),
                "{key}"
            );
        }
    }

    #[test]
    fn a_line_that_begins_with_a_key_is_where_the_second_reader_starts() {
        let split = key_line_after(PRETTY, PRETTY.find("\"tags\": [\n").unwrap() + 3);
        assert_eq!(split, PRETTY.find("\"z\""));
        // A line that begins with a string item, or a key with an escape, is passed over.
        let text = "{\n\"a\": [\n\"item\",\n\"x\\\"y\": 1,\n\"b\": 2}";
        assert_eq!(key_line_after(text, 3), text.find("\"b\""));
        assert_eq!(key_line_after("{\"minified\": [1, 2]}", 0), None);
    }

    #[test]
    fn what_the_rest_cannot_be_is_read_on_alone() {
        let alone = read_with(PRETTY, 0, 64, None).expect("JSON");
        let split = PRETTY.find("\"z\"").unwrap();
        // The second reader meets a close of the wrong kind, too few or too many closes, or a
        // repeated key: its work is not taken, and the first reads on.
        for rest_text in [
            PRETTY.replace("1\n}", "1\n]"),
            PRETTY.replace("1\n}", "1\n}}"),
            PRETTY.replace("\"z\": 1", "\"z\": {\"k\": 1, \"k\": 2}"),
        ] {
            let document = read_split(PRETTY, &rest_text, split).expect("JSON");
            assert_eq!(document.value, alone.value, "{rest_text}");
            assert_eq!(document.spans, alone.spans, "{rest_text}");
        }
        // A collection the second reader opens deeper than the limit allows, counted from the
        // root: refused, as reading alone refuses it.
        let deep = "{\"a\": {\"b\": 1,\n\"c\": [[1]]}}";
        let split = deep.find("\"c\"").unwrap();
        assert!(read_with(deep, 0, 3, None).is_none());
        let rest = RestOfText::default();
        rest.read(|| read_rest(deep, 0, 3, split));
        assert!(read_with(deep, 0, 3, Some((split, &rest))).is_none());
        assert!(read_with(deep, 0, 4, None).is_some());
    }

    /// Where the second reader has not started when the first reaches the split, the first
    /// reads on alone, and the second never starts.
    #[test]
    fn a_rest_not_started_is_read_by_the_first_reader() {
        let rest = RestOfText::default();
        let split = PRETTY.find("\"z\"").unwrap();
        let document = read_with(PRETTY, 0, 64, Some((split, &rest))).expect("JSON");
        assert_eq!(
            document.value,
            read_with(PRETTY, 0, 64, None).unwrap().value
        );
        rest.read(|| panic!("the rest was read by the first reader"));
    }
}
