//! JSON into a spanned document, read by jsonc-parser in strict mode (no comments, no trailing
//! commas, no JSON5), whose syntax tree carries byte ranges.

use crate::load::document::{DuplicateKey, ParsedDocument, SpanNode, SpanTree, push_pointer_token};
use crate::load::limits::{Limits, ParseFailure};
use crate::load::lowercase_first;
use crate::value::{Str, Value};
use jsonc_parser::ast;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};
use std::fmt::Write as _;
use std::ops::Range;

mod reader;

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
    if !comments && let Some(document) = reader::read(text, base, limits.max_depth) {
        return Ok(Some(document));
    }
    parse_with_jsonc_parser(text, base, limits, comments)
}

/// The first character outside strings that jsonc-parser would skip as whitespace where JSON
/// allows none (RFC 8259: space, tab, line feed and carriage return only), such as a form feed
/// or a no-break space, with its offset.
fn first_foreign_whitespace(text: &str) -> Option<(usize, char)> {
    let mut in_string = false;
    let mut escaped = false;
    for (at, character) in text.char_indices() {
        if in_string {
            match character {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match character {
            '"' => in_string = true,
            ' ' | '\t' | '\n' | '\r' => {}
            _ if character.is_whitespace() || character == '\u{feff}' => {
                return Some((at, character));
            }
            _ => {}
        }
    }
    None
}

/// What jsonc-parser reads in `text`: the documents the one-pass reader leaves to it, and the
/// words for malformed input.
fn parse_with_jsonc_parser(
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
    if !comments && let Some((at, character)) = first_foreign_whitespace(text) {
        return Err(ParseFailure::at(
            at + base as usize,
            format!(
                "invalid JSON: U+{:04X} is no whitespace JSON allows (space, tab, line feed, \
                 carriage return)",
                u32::from(character)
            ),
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
            non_string_keys: Vec::new(),
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
                Value::String(Str::from(string.value.as_ref())),
                SpanNode::leaf(self.range(&string.range)),
            ),
            ast::Value::NumberLit(number) => {
                let parsed = crate::value::number_written(number.value)
                    .map_or_else(|| Value::String(number.value.into()), Value::Number);
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
                let node = self.collection(mark, range);
                (Value::Array(items), node)
            }
            ast::Value::Object(object) => {
                let range = self.range(&object.range);
                let mut members = Vec::with_capacity(object.properties.len());
                for property in object.properties {
                    let key_range = match &property.name {
                        ast::ObjectPropName::String(name) => self.range(&name.range),
                        ast::ObjectPropName::Word(name) => self.range(&name.range),
                    };
                    let key = Str::from(property.name.into_string());
                    let length = self.pointer.len();
                    push_pointer_token(&mut self.pointer, &key);
                    let (value, node) = self.convert(property.value);
                    self.pointer.truncate(length);
                    members.push((key, value, node.with_key(key_range)));
                }
                let count = members.len();
                let (value, node, repeats) = self.tree.mapping(members.into_iter(), count, range);
                let reported = repeats.into_iter().map(|repeat| repeat.at(&self.pointer));
                self.duplicate_keys.extend(reported);
                (value, node)
            }
        }
    }

    /// Moves the children converted since `mark` into the tree, as the collection at `range`.
    fn collection(&mut self, mark: usize, range: Range<u32>) -> SpanNode {
        let first_child = self.tree.next_position();
        for child in self.converted.drain(mark..) {
            self.tree.push(child);
        }
        self.tree.collection(first_child, range)
    }
}

/// Panics where the one-pass reader reads `text` otherwise than jsonc-parser does (value,
/// spans, repeated keys), or takes what jsonc-parser refuses; answers whether the reader took it.
/// The tests' check, and the fuzzer's (`cargo fuzz run json`).
#[cfg(any(test, fuzzing))]
pub fn check_the_one_pass_reader(text: &str) -> bool {
    let limits = Limits::default();
    let fast = reader::read(text, 3, limits.max_depth);
    match (parse_with_jsonc_parser(text, 3, &limits, false), &fast) {
        (Ok(Some(slow)), Some(fast)) => {
            assert_eq!(fast.value, slow.value, "{text:?}");
            assert_eq!(fast.spans, slow.spans, "{text:?}");
            assert_eq!(fast.duplicate_keys, slow.duplicate_keys, "{text:?}");
        }
        (Ok(Some(_)), None) => {}
        // The one thing the reader takes that jsonc-parser refuses: a lone surrogate escape,
        // valid JSON, read as U+FFFD.
        (Err(failure), Some(_)) if failure.message.contains("surrogate") => {}
        (_, taken) => assert!(
            taken.is_none(),
            "the reader took {text:?}, which jsonc-parser refuses"
        ),
    }
    // Read in two from any place, the reader reads the same: the second reader's work is only
    // taken at a member's key, and there it is what reading on would find.
    let splits: Vec<usize> = if text.len() <= 2_000 {
        (0..=text.len()).collect()
    } else {
        text.match_indices('\n').map(|(at, _)| at + 1).collect()
    };
    for split in splits {
        let in_two = reader::read_with_rest_from(text, 3, limits.max_depth, split);
        match (&in_two, &fast) {
            (Some(in_two), Some(fast)) => {
                assert_eq!(in_two.value, fast.value, "split at {split}: {text:?}");
                assert_eq!(in_two.spans, fast.spans, "split at {split}: {text:?}");
                assert_eq!(
                    in_two.duplicate_keys, fast.duplicate_keys,
                    "split at {split}: {text:?}"
                );
            }
            (None, None) => {}
            _ => panic!(
                "split at {split}, the reader took {text:?} {}",
                if fast.is_some() {
                    "alone only"
                } else {
                    "in two only"
                }
            ),
        }
    }
    fast.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass reader takes `text` and reads it as jsonc-parser does.
    fn read_alike(text: &str) {
        assert!(
            check_the_one_pass_reader(text),
            "the reader left {text:?} to jsonc-parser"
        );
    }

    #[test]
    fn the_one_pass_reader_reads_json_as_jsonc_parser_does() {
        for text in [
            r#"{"a": 1, "b": [true, false, null, -0.5e+3, 12, "x"], "c": {}}"#,
            "  [ ]  ",
            "\"\"",
            "-0",
            "1E5",
            r#"{"k\u00e9y": "\"\\\/\b\f\n\r\t\u0041\ud83d\ude00 é"}"#,
            r#"{"a": 1, "b": 2, "a": {"c": [1, {"d": 1, "d": 2}]}, "b~/": 3, "b~/": 4}"#,
            r#"{"t": 1, "t": 2, "p": {"l": 1, "d": 1, "l": 2, "d": 2}, "x": {"b": 1, "b": 2}, "x": 3}"#,
            "[[[[{\"deep\": [[]]}]]]]",
            "123456789012345678901234567890",
            "\n\t{\r\n\"spaced\" :\n[ 1 ,2 ] }\n",
        ] {
            read_alike(text);
        }
        let mut large = String::from("{");
        for index in 0..40 {
            large.push_str(&format!("\"key{index}\": [{index}, {{\"n\": {index}}}], "));
        }
        large.push_str("\"key3\": 0}");
        read_alike(&large);
    }

    #[test]
    fn the_one_pass_reader_reads_every_json_fixture_as_jsonc_parser_does() {
        fn json_files(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(folder).expect("a fixture folder") {
                let path = entry.expect("a fixture").path();
                if path.is_dir() {
                    json_files(&path, found);
                } else if path
                    .extension()
                    .is_some_and(|extension| extension == "json")
                {
                    found.push(path);
                }
            }
        }
        let mut files = Vec::new();
        json_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        assert!(files.len() > 20, "{} JSON fixtures", files.len());
        let limits = Limits::default();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("a fixture is UTF-8");
            // A few fixtures are malformed on purpose: the reader must leave those alone.
            let strict = matches!(
                parse_with_jsonc_parser(&text, 0, &limits, false),
                Ok(Some(_))
            );
            assert_eq!(
                check_the_one_pass_reader(&text),
                strict,
                "{}",
                file.display()
            );
        }
    }

    /// Texts made of JSON's pieces in random order, most of them malformed: whatever
    /// jsonc-parser refuses, the reader must leave to it, and whatever the reader takes, it must
    /// read as jsonc-parser does.
    #[test]
    fn the_one_pass_reader_never_takes_what_jsonc_parser_refuses() {
        const PIECES: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"a\"",
            "\"b\\n\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"",
            "\\",
            "0",
            "-",
            "1",
            "2.5",
            "e",
            "E+",
            ".",
            "true",
            "false",
            "null",
            "nul",
            "é",
            "/",
            "*",
            "\t",
            "\u{0}",
            "01",
            "1e",
        ];
        let mut next = crate::test_support::sequence(0x9E37_79B9_7F4A_7C15);
        let mut taken = 0;
        for _ in 0..30_000 {
            let length = 1 + next(12);
            let text: String = (0..length).map(|_| PIECES[next(PIECES.len())]).collect();
            taken += usize::from(check_the_one_pass_reader(&text));
        }
        assert!(taken > 100, "only {taken} texts were read");
    }

    #[test]
    fn a_lone_surrogate_escape_is_read_as_the_replacement_character() {
        // Valid JSON that jsonc-parser refused, and with it the whole file.
        let limits = Limits::default();
        for (text, read) in [
            ("\"\\ud83d\"", "\u{FFFD}"),
            ("\"a\\udc00b\"", "a\u{FFFD}b"),
            ("\"\\ud83d\\u0041\"", "\u{FFFD}A"),
            ("\"\\ud83d\\ud83d\\ude00\"", "\u{FFFD}😀"),
        ] {
            let document = reader::read(text, 0, limits.max_depth).expect("read");
            assert_eq!(document.value, read, "{text}");
        }
    }

    #[test]
    fn the_one_pass_reader_leaves_what_strict_json_refuses_to_jsonc_parser() {
        let limits = Limits::default();
        for text in [
            "",
            "   ",
            "{\"a\": 1,}",
            "[1, 2,]",
            "// note\n{}",
            "{a: 1}",
            "{'a': 1}",
            "[01]",
            "[1.]",
            "[.5]",
            "[+1]",
            "[0x10]",
            "[NaN]",
            "[truex]",
            "{\"a\" 1}",
            "[1 2]",
            "\"\\x41\"",
            "\"tab\there\"",
            "{} {}",
            "[1",
        ] {
            assert!(
                reader::read(text, 0, limits.max_depth).is_none(),
                "the reader took {text:?}"
            );
        }
        let deep = "[".repeat(limits.max_depth + 1) + &"]".repeat(limits.max_depth + 1);
        assert!(reader::read(&deep, 0, limits.max_depth).is_none());
        let deepest = "[".repeat(limits.max_depth) + &"]".repeat(limits.max_depth);
        read_alike(&deepest);
    }
}
