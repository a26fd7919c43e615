//! JSONPath as Spectral rulesets write it in `given`.
//!
//! Spectral evaluates `given` with nimma, falling back to jsonpath-plus; rulesets rely on both
//! engines' extensions, so this is the dialect implemented here, with RFC 9535 besides:
//!
//! - paths: `$`, `.name` (with `-`, `$`, digits: `.x-foo`, `.200`, `.$ref`), `.*`, `['name']`,
//!   `["name"]`, `[0]`, `[-1]`, `[*]`, slices `[0:2]`, `[::2]`, unions `[get,put]`, `['a','b']`,
//!   `[0,1]`, descendants `..name`, `..*`, `..[...]`, and a bare `$..` for every node;
//! - as in both engines, `.[` means `..[`: `$.paths.[*]` is `$.paths..[*]`;
//! - `~` at the end selects the keys of the nodes (`$.paths.*~`), `^` the parent of each node,
//!   anywhere (`$..[?(@.x)]^.schema`);
//! - filters `[?(...)]` evaluate JavaScript as Spectral does: `@`, `@property`, `@parentProperty`,
//!   `@parent`, `@path`, `@root` and `$`, members (`@.a.b`, `@['x-y']`, `@.a[0]`, `.length`,
//!   `.constructor.name`), `== === != !== < <= > >= && || !`, `typeof`, `void 0`,
//!   `Array.isArray()`, string methods (`match`, `startsWith`, `endsWith`, `includes`,
//!   `indexOf`, `toLowerCase`, `toUpperCase`, `trim`), `/re/flags.test()`, nimma's `~=`, with
//!   JavaScript's coercions and truthiness;
//! - filters `[?...]` without the parentheses are RFC 9535: existence tests, comparisons without
//!   coercion, and the functions `length()`, `count()`, `match()`, `search()` and `value()`
//!   (usable in either kind of filter).
//!
//! Regular expressions are JavaScript's, compiled by `regress` when the expression is parsed.
//! Anything else (arithmetic, the conditional operator, other methods or names, script
//! expressions other than `[(@.length-N)]`) is a [`SyntaxError`] at its byte offset, never an
//! expression that silently matches nothing.
//!
//! No crate fits: `serde_json_path` and `jsonpath-rust` implement RFC 9535 (or Goessner's
//! JSONPath) only, without `~`, `^`, `@property`, JavaScript comparisons or regular expression
//! literals, and the jsonpath-plus ports evaluate filters with a JavaScript engine.
//!
//! A query walks the document once per start node on an explicit stack, whatever its depth, and
//! borrows every value it returns; several queries from the root can share one walk
//! ([`JsonPath::query_together`]).

mod ast;
mod engine;
mod parser;
mod program;
mod script;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use crate::value::Value;

pub use engine::References;
use engine::{Arena, Found};
pub(crate) use engine::{Children, Step, pointer};
use program::Program;

/// A compiled JSONPath expression.
#[derive(Debug)]
pub struct JsonPath {
    source: String,
    /// The same for every expression written alike, in any ruleset of the process
    /// ([`JsonPath::id`]).
    id: usize,
    path: ast::Path,
}

/// Why an expression cannot be evaluated, at the byte offset of the problem in the expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// The message alone, one line starting lowercase: the offset is the caller's to show, as a
/// label in the expression.
impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Matched<'v> {
    Value(&'v Value),
    /// A member's key, or an array element's index written in decimal, as jsonpath-plus gives it.
    Key(&'v str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Match<'v> {
    /// RFC 6901 JSON pointer of the node matched; for a key match (`~`), of the member whose key it is.
    pub pointer: String,
    pub matched: Matched<'v>,
    /// Reached through a local reference ([`References::Followed`]): `pointer` names the
    /// reference's place, not where the node is written.
    pub via_reference: bool,
}

impl JsonPath {
    pub fn parse(expression: &str) -> Result<JsonPath, SyntaxError> {
        let path = parser::parse(expression)?;
        Ok(JsonPath {
            source: expression.to_owned(),
            id: expression_id(expression),
            path,
        })
    }

    /// The expression as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// A small number that stands for the expression as written: equal for two paths exactly
    /// when their texts are, so what a document's paths match can be kept by number, the
    /// matches of one `given` written by several rules computed once, without hashing its text
    /// for each rule and document. Numbers are handed out from 0 as expressions are parsed.
    pub fn id(&self) -> usize {
        self.id
    }

    /// Every match in document order (a parent before its children, members in the order of the
    /// object, which the value keeps), each node at most once.
    pub fn query<'v>(&self, root: &'v Value) -> Vec<Match<'v>> {
        self.query_with(root, References::AsWritten)
    }

    /// [`JsonPath::query`], meeting local references as `references` says.
    pub fn query_with<'v>(&self, root: &'v Value, references: References) -> Vec<Match<'v>> {
        let mut matches = JsonPath::query_together(&[self], root, references);
        matches.pop().expect("one list for one path")
    }

    /// Whether the path's first stage descends (`$..x`, `$.a..b`): such a path walks most of
    /// the document, and walking it once for several of them ([`JsonPath::query_together`])
    /// spares the walks.
    pub fn descends(&self) -> bool {
        self.first_stage().iter().any(|segment| segment.descendant)
    }

    fn first_stage(&self) -> &[ast::Segment] {
        &self.path.stages[0].segments
    }

    /// The matches of each path, as [`JsonPath::query`] gives them, the first stages of as many
    /// paths as the walk's bits hold run side by side in one walk of the document.
    pub fn query_together<'v>(
        paths: &[&JsonPath],
        root: &'v Value,
        references: References,
    ) -> Vec<Vec<Match<'v>>> {
        let mut arena = Arena::default();
        let mut matches = Vec::with_capacity(paths.len());
        let mut rest = paths;
        while !rest.is_empty() {
            let mut width = 0;
            let count = rest
                .iter()
                .take_while(|path| {
                    width += Program::width(path.first_stage());
                    width <= program::BITS
                })
                .count()
                .max(1);
            let (group, after) = rest.split_at(count);
            let stages: Vec<&[ast::Segment]> =
                group.iter().map(|path| path.first_stage()).collect();
            let mut found = vec![Vec::new(); group.len()];
            engine::select(
                &Program::new(&stages),
                root,
                references,
                &Found::root(root),
                &mut arena,
                &mut found,
            );
            for (path, found) in group.iter().zip(found) {
                matches.push(path.finish(found, root, references, &mut arena));
            }
            rest = after;
        }
        matches
    }

    /// The matches of the path, from the nodes its first stage found.
    fn finish<'v>(
        &self,
        found: Vec<Found<'v>>,
        root: &'v Value,
        references: References,
        arena: &mut Arena<'v>,
    ) -> Vec<Match<'v>> {
        let stages = &self.path.stages;
        let mut current = climb(found, stages[0].up, root, references, arena);
        for stage in &stages[1..] {
            let program = Program::new(&[stage.segments.as_slice()]);
            let mut found = vec![Vec::new()];
            for start in &current {
                engine::select(&program, root, references, start, arena, &mut found);
            }
            let mut found = found.pop().expect("one list for one path");
            // One start yields document order by itself; several may overlap or interleave.
            if current.len() > 1 {
                engine::sort_and_dedup(&mut found, arena);
            }
            current = climb(found, stage.up, root, references, arena);
        }
        current
            .into_iter()
            .filter_map(|found| {
                let matched = if self.path.key {
                    Matched::Key(match arena.step(found.at)? {
                        Step::Member { key, .. } => key,
                        Step::Element(index) => index_name(index),
                    })
                } else {
                    Matched::Value(found.value)
                };
                Some(Match {
                    pointer: found.pointer,
                    matched,
                    via_reference: found.via_reference,
                })
            })
            .collect()
    }
}

/// The nodes `up` levels above the nodes found (`^`), in document order, each once.
fn climb<'v>(
    found: Vec<Found<'v>>,
    up: usize,
    root: &'v Value,
    references: References,
    arena: &Arena<'v>,
) -> Vec<Found<'v>> {
    if up == 0 {
        return found;
    }
    let mut found = found
        .into_iter()
        .filter_map(|f| engine::ancestor(root, references, &f, up, arena))
        .collect();
    engine::sort_and_dedup(&mut found, arena);
    found
}

/// The number of an expression's text ([`JsonPath::id`]): the next one the first time the text
/// is parsed in the process, the same one after.
fn expression_id(expression: &str) -> usize {
    static IDS: OnceLock<Mutex<HashMap<String, usize>>> = OnceLock::new();
    let mut ids = IDS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let next = ids.len();
    *ids.entry(expression.to_owned()).or_insert(next)
}

/// The decimal text of an array index, for `~` on an element, which [`Matched::Key`] borrows.
/// The document holds no such text, so each is made once per process and kept: the table grows to
/// the largest index ever asked for, as `"0"`, `"1"`, ... in one string each.
fn index_name(index: usize) -> &'static str {
    static NAMES: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    while names.len() <= index {
        let name = names.len().to_string();
        names.push(Box::leak(name.into_boxed_str()));
    }
    names[index]
}
