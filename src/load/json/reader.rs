//! A one-pass reader for strict JSON, the common case: the text goes straight into the value and
//! its spans. jsonc-parser builds a syntax tree first, which the converter then walks; on
//! GitHub's 13 MB description that tree cost more than the value itself. jsonc-parser stays for
//! `.jsonc` files and for everything this reader does not take on: it answers `None` for
//! malformed input (jsonc-parser words the error), for nesting beyond the limit, and for a lone
//! surrogate escape. Anything it refuses is read again by jsonc-parser, so it may refuse more
//! than strict JSON does, never less.

use crate::load::document::{DuplicateKey, ParsedDocument, SpanNode, SpanTree, push_pointer_token};
use crate::value::{Str, Value};
use serde_json::Number;
use std::ops::Range;

/// The document `text` holds, or `None` when the reader leaves it to jsonc-parser.
pub(super) fn read(text: &str, base: u32, max_depth: usize) -> Option<ParsedDocument> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        base,
        max_depth,
        path: Vec::new(),
        keys: Vec::new(),
        values: Vec::new(),
        nodes: Vec::new(),
        tree: SpanTree::sized_for(text, true),
        duplicate_keys: Vec::new(),
    };
    let (value, root) = reader.value()?;
    reader.skip_whitespace();
    if reader.at != reader.bytes.len() {
        return None;
    }
    Some(ParsedDocument {
        value,
        spans: reader.tree.finish(root),
        duplicate_keys: reader.duplicate_keys,
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
}

/// A step of [`Reader::path`].
enum Step {
    /// The member of an object whose key is `keys[position]`.
    Key(usize),
    Item(usize),
}

type Read = Option<(Value, SpanNode)>;

impl Reader<'_> {
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
            written
                .parse::<Number>()
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(written.into())),
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
    /// pair is one character.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex4(self.at + 1)?;
        self.at += 4;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high);
        }
        if self.bytes.get(self.at + 1..self.at + 3) != Some(b"\\u") {
            return None;
        }
        let low = self.hex4(self.at + 3)?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        self.at += 6;
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
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
        let first_member = self.values.len();
        if !self.eat(b']') {
            loop {
                self.path.push(Step::Item(self.values.len() - first_member));
                let (value, node) = self.value()?;
                self.path.pop();
                self.values.push(value);
                self.nodes.push(node);
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

    fn object(&mut self) -> Read {
        let start = self.at;
        self.at += 1;
        if self.path.len() >= self.max_depth {
            return None;
        }
        let (first_member, first_key) = (self.values.len(), self.keys.len());
        if !self.eat(b'}') {
            loop {
                self.skip_whitespace();
                if self.bytes.get(self.at) != Some(&b'"') {
                    return None;
                }
                let key_start = self.at;
                let key = self.string()?;
                let key_range = self.range(key_start..self.at);
                if !self.eat(b':') {
                    return None;
                }
                self.path.push(Step::Key(self.keys.len()));
                self.keys.push(key);
                let (value, node) = self.value()?;
                self.path.pop();
                self.values.push(value);
                self.nodes.push(node.with_key(key_range));
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
