//! JSON into a spanned document, read by jsonc-parser in strict mode (no comments, no trailing
//! commas, no JSON5), whose syntax tree carries byte ranges.

use crate::load::document::{
    DuplicateKey, ParsedDocument, RepeatedKeys, SpanNode, SpanTree, push_pointer_token,
};
use crate::load::limits::{Limits, ParseFailure};
use crate::load::lowercase_first;
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};
use serde_json::{Map, Number, Value};
use std::fmt::Write as _;
use std::ops::Range;

/// Parses a JSON file; `base` is added to every offset (the byte-order mark the caller stripped).
/// An empty file holds no document.
pub fn parse(
    text: &str,
    base: u32,
    limits: &Limits,
) -> Result<Option<ParsedDocument>, ParseFailure> {
    parse_dialect(text, base, limits, false)
}

/// Parses a `.jsonc` file: JSON that may hold `//` and `/* */` comments and trailing commas, as
/// VS Code's settings do. Everything else is as strict as [`parse`].
pub fn parse_with_comments(
    text: &str,
    base: u32,
    limits: &Limits,
) -> Result<Option<ParsedDocument>, ParseFailure> {
    parse_dialect(text, base, limits, true)
}

fn parse_dialect(
    text: &str,
    base: u32,
    limits: &Limits,
    comments: bool,
) -> Result<Option<ParsedDocument>, ParseFailure> {
    // jsonc-parser descends recursively; refuse deep input before it can exhaust the stack.
    if let Some(offset) = first_offset_deeper_than(text, limits.max_depth, comments) {
        return Err(ParseFailure::at(
            offset + base as usize,
            format!("nesting deeper than {} levels", limits.max_depth),
        ));
    }
    let options = ParseOptions {
        allow_comments: comments,
        allow_loose_object_property_names: false,
        allow_trailing_commas: comments,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = parse_to_ast(text, &collect, &options).map_err(|error| {
        let range = error.range();
        ParseFailure {
            range: (range.start as u32 + base)..(range.end as u32 + base),
            message: format!(
                "invalid JSON: {}",
                lowercase_first(&error.kind().to_string())
            ),
            hint: None,
        }
    })?;
    Ok(parsed.value.map(|root| {
        let mut converter = Converter {
            base,
            pointer: String::new(),
            duplicate_keys: Vec::new(),
            tree: SpanTree::default(),
            converted: Vec::new(),
        };
        let (value, root) = converter.convert(root);
        ParsedDocument {
            value,
            spans: converter.tree.finish(root),
            duplicate_keys: converter.duplicate_keys,
        }
    }))
}

/// The offset of the first bracket that opens a level deeper than `limit`, strings (and, with
/// `comments`, comments: a quote in a comment must not hide the brackets after it) skipped.
fn first_offset_deeper_than(text: &str, limit: usize, comments: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut offset = 0;
    while offset < bytes.len() {
        let byte = bytes[offset];
        offset += 1;
        if comments && !in_string && byte == b'/' {
            let rest = &text[offset..];
            let skipped = match bytes.get(offset) {
                Some(b'/') => rest.find('\n').unwrap_or(rest.len()),
                Some(b'*') => rest[1..].find("*/").map_or(rest.len(), |end| end + 3),
                _ => 0,
            };
            offset += skipped;
            continue;
        }
        let offset = offset - 1;
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

struct Converter {
    base: u32,
    /// The pointer of the node being converted.
    pointer: String,
    tree: SpanTree,
    /// The nodes of the collections being converted, innermost last: a collection's children
    /// join the tree side by side once all of them (and their own children) are converted.
    converted: Vec<SpanNode>,
    duplicate_keys: Vec<DuplicateKey>,
}

impl Converter {
    fn range(&self, range: &jsonc_parser::common::Range) -> Range<u32> {
        (range.start as u32 + self.base)..(range.end as u32 + self.base)
    }

    fn convert(&mut self, value: ast::Value<'_>) -> (Value, SpanNode) {
        match value {
            ast::Value::StringLit(string) => (
                Value::String(string.value.into_owned()),
                SpanNode::leaf(self.range(&string.range)),
            ),
            ast::Value::NumberLit(number) => {
                let parsed = number
                    .value
                    .parse::<Number>()
                    .map(Value::Number)
                    .unwrap_or_else(|_| Value::String(number.value.to_owned()));
                (parsed, SpanNode::leaf(self.range(&number.range)))
            }
            ast::Value::BooleanLit(boolean) => (
                Value::Bool(boolean.value),
                SpanNode::leaf(self.range(&boolean.range)),
            ),
            ast::Value::NullKeyword(null) => (Value::Null, SpanNode::leaf(self.range(&null.range))),
            ast::Value::Array(array) => {
                let range = self.range(&array.range);
                let mut items = Vec::with_capacity(array.elements.len());
                let mark = self.converted.len();
                for (index, element) in array.elements.into_iter().enumerate() {
                    let length = self.pointer.len();
                    // An index escapes nothing: written in place, without a string of its own.
                    write!(self.pointer, "/{index}").expect("writing to a String cannot fail");
                    let (value, node) = self.convert(element);
                    self.pointer.truncate(length);
                    items.push(value);
                    self.converted.push(node);
                }
                let node = self.collection(mark, range, None);
                (Value::Array(items), node)
            }
            ast::Value::Object(object) => {
                let range = self.range(&object.range);
                let mut entries = Map::with_capacity(object.properties.len());
                let mark = self.converted.len();
                let mut repeated_keys = RepeatedKeys::default();
                for property in object.properties {
                    let key_range = match &property.name {
                        ast::ObjectPropName::String(name) => self.range(&name.range),
                        ast::ObjectPropName::Word(name) => self.range(&name.range),
                    };
                    let key = property.name.into_string();
                    let length = self.pointer.len();
                    push_pointer_token(&mut self.pointer, &key);
                    let (value, node) = self.convert(property.value);
                    let node = node.with_key(key_range.clone());
                    match repeated_keys.position(&entries, &key) {
                        Some(position) => {
                            self.duplicate_keys.push(DuplicateKey {
                                pointer: self.pointer.clone(),
                                key: key.clone(),
                                first: self.converted[mark + position].key().unwrap_or_default(),
                                repeated: key_range,
                            });
                            self.converted[mark + position] = node;
                        }
                        None => self.converted.push(node),
                    }
                    self.pointer.truncate(length);
                    entries.insert(key, value);
                }
                let node = self.collection(mark, range, Some(&entries));
                (Value::Object(entries), node)
            }
        }
    }

    /// Moves the children converted since `mark` into the tree, as the collection at `range`.
    fn collection(
        &mut self,
        mark: usize,
        range: Range<u32>,
        map: Option<&Map<String, Value>>,
    ) -> SpanNode {
        let first_child = self.tree.next_position();
        for child in self.converted.drain(mark..) {
            self.tree.push(child);
        }
        self.tree.collection(first_child, range, map)
    }
}
