//! From the text of an expression to its compiled form, every mistake reported at its byte offset.

use crate::spectral::pattern::JsPattern;

use super::SyntaxError;
use super::ast::{
    CompareOp, Dialect, Expr, Filter, Function, Literal, MemberKey, Method, Path, Pattern,
    QueryStart, Segment, Selector, Stage,
};

/// How deeply parentheses, `!`, nested filters and function arguments may nest. Parsing and
/// evaluating recurse once per level, so this keeps a hostile expression off the stack's end.
pub(super) const MAX_NESTING: usize = 64;

/// The engine follows a stage's segments with one bit each in a `u128`.
pub(super) const MAX_SEGMENTS: usize = 127;

pub(super) fn parse(source: &str) -> Result<Path, SyntaxError> {
    let mut parser = Parser {
        source,
        pos: 0,
        depth: 0,
    };
    parser.path()
}

struct Parser<'s> {
    source: &'s str,
    pos: usize,
    depth: usize,
}

/// Characters that end a name written after `.` or bare in brackets: JSONPath's own punctuation,
/// quotes and whitespace. Everything else (`-`, `$`, `/`, `{`, digits, non-ASCII) is part of it,
/// as jsonpath-plus and nimma read `$.paths./users/{id}` or `$.x-foo`.
fn ends_name(c: char) -> bool {
    matches!(
        c,
        '.' | '['
            | ']'
            | '('
            | ')'
            | '~'
            | '^'
            | '\''
            | '"'
            | ','
            | '*'
            | '?'
            | '@'
            | '='
            | '<'
            | '>'
            | '!'
            | '&'
            | '|'
            | ':'
    ) || c.is_whitespace()
}

/// A JavaScript identifier character, for member names inside filters (`@.x-y` is subtraction there).
fn is_identifier_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$' || !c.is_ascii() && !c.is_whitespace()
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<char> {
        self.source[self.pos..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        let mut chars = self.source[self.pos..].chars();
        chars.next();
        chars.next()
    }

    fn rest(&self) -> &'s str {
        &self.source[self.pos..]
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn eat_str(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// A word not followed by another identifier character: `typeof` but not `typeofx`.
    fn eat_keyword(&mut self, word: &str) -> bool {
        let after = self.pos + word.len();
        if self.rest().starts_with(word)
            && !self.source[after..]
                .chars()
                .next()
                .is_some_and(is_identifier_char)
        {
            self.pos = after;
            true
        } else {
            false
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    /// "expected X, found Y" at the current position.
    fn expected(&self, what: &str) -> SyntaxError {
        match self.peek() {
            None => self.error(format!("expected {what}, found the end of the expression")),
            Some(c) => self.error(format!("expected {what}, found `{c}`")),
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(format!(
                "expected an expression nested at most {MAX_NESTING} levels deep"
            )));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- paths ----

    fn path(&mut self) -> Result<Path, SyntaxError> {
        self.skip_whitespace();
        if !self.eat('$') {
            return Err(if self.peek() == Some('#') {
                self.error("expected `$` at the start of the expression; aliases (`#Name`) are resolved by the ruleset, not here")
            } else {
                self.expected("`$` at the start of the expression")
            });
        }
        let mut stages = Vec::new();
        let mut segments = Vec::new();
        let mut key = false;
        loop {
            self.skip_whitespace();
            let Some(c) = self.peek() else { break };
            match c {
                '^' => {
                    self.bump();
                    if segments.is_empty() && !stages.is_empty() {
                        let last: &mut Stage = stages.last_mut().expect("checked above");
                        last.up += 1;
                    } else {
                        stages.push(Stage {
                            segments: std::mem::take(&mut segments),
                            up: 1,
                        });
                    }
                }
                '~' => {
                    self.bump();
                    self.skip_whitespace();
                    if self.peek().is_some() {
                        return Err(self.expected(
                            "the end of the expression after `~` (a key has no members)",
                        ));
                    }
                    key = true;
                }
                _ => {
                    let start = self.pos;
                    match self.segment()? {
                        Some(segment) => {
                            if segments.len() == MAX_SEGMENTS {
                                return Err(self.error_at(
                                    start,
                                    format!(
                                        "expected at most {MAX_SEGMENTS} segments between two `^`"
                                    ),
                                ));
                            }
                            segments.push(segment);
                        }
                        None => {
                            return Err(self.expected(
                                "`.`, `..`, `[`, `^`, `~` or the end of the expression",
                            ));
                        }
                    }
                }
            }
        }
        if !segments.is_empty() || stages.is_empty() {
            stages.push(Stage { segments, up: 0 });
        }
        Ok(Path { stages, key })
    }

    /// One segment (`.name`, `.*`, `[...]`, `..name`, `..[...]`, `..*`), or `None` when the next
    /// character starts none.
    fn segment(&mut self) -> Result<Option<Segment>, SyntaxError> {
        if self.eat_str("..") {
            return self.descendant_segment().map(Some);
        }
        if self.peek() == Some('.') {
            self.bump();
            return match self.peek() {
                // jsonpath-plus and nimma read `.[` as `..[`: `$.paths.[*]` is `$.paths..[*]`.
                Some('[') => self.descendant_segment().map(Some),
                Some('*') => {
                    self.bump();
                    Ok(Some(child(vec![Selector::Wildcard])))
                }
                _ => {
                    let name = self.dot_name();
                    if name.is_empty() {
                        return Err(self.expected("a name, `*` or `[` after `.`"));
                    }
                    Ok(Some(child(vec![Selector::Name(name.to_owned())])))
                }
            };
        }
        if self.peek() == Some('[') {
            let selectors = self.bracket()?;
            return Ok(Some(child(selectors)));
        }
        Ok(None)
    }

    fn descendant_segment(&mut self) -> Result<Segment, SyntaxError> {
        let selectors = match self.peek() {
            Some('[') => self.bracket()?,
            Some('*') => {
                self.bump();
                vec![Selector::Wildcard]
            }
            None | Some('^' | '~') => {
                // `$..` alone: every node, the start included (nimma's "all parents").
                return Ok(Segment {
                    descendant: true,
                    include_start: true,
                    selectors: vec![Selector::Wildcard],
                });
            }
            Some(c) if c.is_whitespace() => {
                return Ok(Segment {
                    descendant: true,
                    include_start: true,
                    selectors: vec![Selector::Wildcard],
                });
            }
            Some('@') => {
                return Err(self.error(
                    "expected a name, `*` or `[` after `..`; nimma's shorthands (`@@name()`) are not supported",
                ));
            }
            _ => {
                let name = self.dot_name();
                if name.is_empty() {
                    return Err(self.expected("a name, `*` or `[` after `..`"));
                }
                vec![Selector::Name(name.to_owned())]
            }
        };
        Ok(Segment {
            descendant: true,
            include_start: false,
            selectors,
        })
    }

    fn dot_name(&mut self) -> &'s str {
        let start = self.pos;
        while self.peek().is_some_and(|c| !ends_name(c)) {
            self.bump();
        }
        &self.source[start..self.pos]
    }

    /// `[` selector (`,` selector)* `]`
    fn bracket(&mut self) -> Result<Vec<Selector>, SyntaxError> {
        let open = self.pos;
        self.bump(); // `[`
        let mut selectors = Vec::new();
        loop {
            self.skip_whitespace();
            selectors.push(self.selector()?);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {
                    self.bump();
                    return Ok(selectors);
                }
                None => {
                    return Err(self.error_at(
                        open,
                        "expected `]` to close this `[` before the end of the expression",
                    ));
                }
                Some(_) => return Err(self.expected("`,` or `]`")),
            }
        }
    }

    fn selector(&mut self) -> Result<Selector, SyntaxError> {
        match self.peek() {
            Some('\'' | '"') => Ok(Selector::Name(self.string_literal()?)),
            Some('*') => {
                self.bump();
                Ok(Selector::Wildcard)
            }
            Some('?') => {
                self.bump();
                self.skip_whitespace();
                let dialect = if self.peek() == Some('(') {
                    Dialect::JavaScript
                } else {
                    Dialect::Rfc9535
                };
                self.enter()?;
                let expression = self.expression()?;
                self.leave();
                Ok(Selector::Filter(Box::new(Filter {
                    needs: super::script::needs(dialect, &expression),
                    dialect,
                    expression,
                })))
            }
            Some('(') => self.script_index(),
            Some(':') => self.slice(None),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let start = self.pos;
                if c == '-' && !self.peek_second().is_some_and(|c| c.is_ascii_digit()) {
                    return Ok(Selector::Name(self.bare_name()?));
                }
                let index = self.integer()?;
                self.skip_whitespace();
                if self.peek() == Some(':') {
                    return self.slice(Some(index));
                }
                // `[200abc]` is a name that starts with digits.
                if self.peek().is_some_and(|c| !ends_name(c)) {
                    self.pos = start;
                    return Ok(Selector::Name(self.bare_name()?));
                }
                Ok(index_selector(index))
            }
            Some(']') => Err(self.expected("a selector")),
            None => Err(self.expected("a selector")),
            Some(_) => Ok(Selector::Name(self.bare_name()?)),
        }
    }

    /// A name written bare in brackets, as Spectral writes `[get,put]` or `[/]`. Only `]`, `,`,
    /// brackets, quotes and whitespace end it there, so `[urn:x]` and `[a=b]` are names.
    fn bare_name(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        let ends_bare_name =
            |c: char| matches!(c, ']' | ',' | '[' | '\'' | '"') || c.is_whitespace();
        while self.peek().is_some_and(|c| !ends_bare_name(c)) {
            self.bump();
        }
        if self.pos == start {
            return Err(self.expected(
                "a selector: a name, a quoted name, an index, a slice, `*` or `?` and a filter",
            ));
        }
        Ok(self.source[start..self.pos].to_owned())
    }

    /// A decimal integer, `-` allowed, as RFC 9535 writes indices: no leading zeros, no `-0`.
    fn integer(&mut self) -> Result<i64, SyntaxError> {
        let start = self.pos;
        self.eat('-');
        let digits_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        let digits = &self.source[digits_start..self.pos];
        if digits.is_empty() {
            return Err(self.expected("a digit"));
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(self.error_at(digits_start, "expected an integer without leading zeros"));
        }
        if digits == "0" && digits_start != start {
            return Err(self.error_at(start, "expected an integer, found `-0`"));
        }
        // RFC 9535 limits indices to the integers a double holds exactly.
        const LIMIT: i64 = (1 << 53) - 1;
        match self.source[start..self.pos].parse::<i64>() {
            Ok(value) if (-LIMIT..=LIMIT).contains(&value) => Ok(value),
            _ => Err(self.error_at(
                start,
                format!("expected an integer between -{LIMIT} and {LIMIT}"),
            )),
        }
    }

    /// `start:end:step`, each part optional; `start` already read when given.
    fn slice(&mut self, start: Option<i64>) -> Result<Selector, SyntaxError> {
        self.bump(); // `:`
        self.skip_whitespace();
        let end = if self.peek().is_some_and(|c| c == '-' || c.is_ascii_digit()) {
            Some(self.integer()?)
        } else {
            None
        };
        self.skip_whitespace();
        let mut step = 1;
        if self.eat(':') {
            self.skip_whitespace();
            if self.peek().is_some_and(|c| c == '-' || c.is_ascii_digit()) {
                step = self.integer()?;
            }
        }
        Ok(Selector::Slice { start, end, step })
    }

    /// jsonpath-plus's script index `[(@.length-1)]`, the one form nimma reads: the element that
    /// many from the end. Any other script is refused.
    fn script_index(&mut self) -> Result<Selector, SyntaxError> {
        let start = self.pos;
        self.bump(); // `(`
        self.skip_whitespace();
        let length = self.eat_str("@.length")
            || self.eat_str("@['length']")
            || self.eat_str("@[\"length\"]");
        self.skip_whitespace();
        if length && self.eat('-') {
            self.skip_whitespace();
            let at = self.pos;
            let count = self.integer()?;
            if count <= 0 {
                return Err(self.error_at(at, "expected a positive number after `@.length -`"));
            }
            self.skip_whitespace();
            if self.eat(')') {
                return Ok(index_selector(-count));
            }
        }
        Err(self.error_at(
            start,
            "expected a selector; script expressions `[(...)]` other than `(@.length-N)` are not supported, use a filter `[?(...)]`",
        ))
    }

    /// A quoted string, with the escapes of JavaScript (a superset of RFC 9535's).
    fn string_literal(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        let quote = self.bump().expect("called at a quote");
        let mut value = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(self.error_at(
                    open,
                    format!(
                        "expected `{quote}` to close this string before the end of the expression"
                    ),
                ));
            };
            match c {
                c if c == quote => return Ok(value),
                '\\' => self.escape(&mut value)?,
                c => value.push(c),
            }
        }
    }

    fn escape(&mut self, value: &mut String) -> Result<(), SyntaxError> {
        let at = self.pos - 1;
        let Some(c) = self.bump() else {
            return Err(self.expected("an escaped character after `\\`"));
        };
        match c {
            'b' => value.push('\u{8}'),
            'f' => value.push('\u{c}'),
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            'v' => value.push('\u{b}'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => value.push('\0'),
            'x' => {
                let code = self.hex_digits(2, at)?;
                value.push(char::from_u32(code).expect("two hex digits are a character"));
            }
            'u' => {
                let code = if self.eat('{') {
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                        self.bump();
                    }
                    let code = u32::from_str_radix(&self.source[start..self.pos], 16).ok();
                    if !self.eat('}') || code.is_none() {
                        return Err(self.error_at(at, "expected `\\u{` hex digits `}`"));
                    }
                    code.expect("checked above")
                } else {
                    let high = self.hex_digits(4, at)?;
                    if (0xD800..0xDC00).contains(&high) && self.rest().starts_with("\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        let low = self.hex_digits(4, at)?;
                        if (0xDC00..0xE000).contains(&low) {
                            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            self.pos = save;
                            high
                        }
                    } else {
                        high
                    }
                };
                match char::from_u32(code) {
                    Some(c) => value.push(c),
                    None => {
                        return Err(self.error_at(
                            at,
                            "expected an escape of a Unicode scalar value (not a lone surrogate, at most 10FFFF)",
                        ));
                    }
                }
            }
            // `\'`, `\"`, `\\`, `\/` and any other character stand for themselves, as in JavaScript.
            c => value.push(c),
        }
        Ok(())
    }

    fn hex_digits(&mut self, count: usize, at: usize) -> Result<u32, SyntaxError> {
        let start = self.pos;
        for _ in 0..count {
            if !self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                return Err(self.error_at(at, format!("expected {count} hex digits in the escape")));
            }
            self.bump();
        }
        Ok(u32::from_str_radix(&self.source[start..self.pos], 16).expect("hex digits"))
    }

    // ---- filter expressions ----

    fn expression(&mut self) -> Result<Expr, SyntaxError> {
        self.skip_whitespace();
        let first = self.and()?;
        let mut operands = vec![first];
        loop {
            self.skip_whitespace();
            if self.eat_str("||") {
                operands.push(self.and()?);
            } else {
                break;
            }
        }
        Ok(if operands.len() == 1 {
            operands.pop().expect("one operand")
        } else {
            Expr::Or(operands)
        })
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let first = self.equality()?;
        let mut operands = vec![first];
        loop {
            self.skip_whitespace();
            if self.eat_str("&&") {
                operands.push(self.equality()?);
            } else {
                break;
            }
        }
        Ok(if operands.len() == 1 {
            operands.pop().expect("one operand")
        } else {
            Expr::And(operands)
        })
    }

    fn equality(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.relational()?;
        // `a == b == c` nests to the left, each link a level of evaluation. An error ends the
        // whole parse, so the count is given back only on success.
        let mut links = 0;
        loop {
            self.skip_whitespace();
            let op = if self.eat_str("===") {
                Some(CompareOp::StrictEqual)
            } else if self.eat_str("!==") {
                Some(CompareOp::StrictNotEqual)
            } else if self.eat_str("==") {
                Some(CompareOp::LooseEqual)
            } else if self.eat_str("!=") {
                Some(CompareOp::LooseNotEqual)
            } else if self.eat_str("~=") {
                None
            } else {
                break;
            };
            links += 1;
            self.enter()?;
            self.skip_whitespace();
            left = match op {
                Some(op) => Expr::Compare {
                    op,
                    left: Box::new(left),
                    right: Box::new(self.relational()?),
                },
                // nimma's `subject ~= "pattern"`.
                None => {
                    let pattern = if matches!(self.peek(), Some('\'' | '"')) {
                        let at = self.pos;
                        let text = self.string_literal()?;
                        Pattern::Compiled(Box::new(compile(&text, "", at, self)?))
                    } else {
                        Pattern::Computed(Box::new(self.relational()?))
                    };
                    Expr::RegexMatch {
                        subject: Box::new(left),
                        pattern,
                    }
                }
            };
        }
        self.depth -= links;
        Ok(left)
    }

    fn relational(&mut self) -> Result<Expr, SyntaxError> {
        let left = self.unary()?;
        self.skip_whitespace();
        let op = if self.eat_str("<=") {
            CompareOp::LessOrEqual
        } else if self.eat_str(">=") {
            CompareOp::GreaterOrEqual
        } else if self.eat('<') {
            CompareOp::Less
        } else if self.eat('>') {
            CompareOp::Greater
        } else {
            return Ok(left);
        };
        let right = self.unary()?;
        self.skip_whitespace();
        if matches!(self.peek(), Some('<' | '>')) {
            return Err(self.error(
                "expected `&&`, `||` or `)`; chained comparisons (`a < b < c`) are not supported",
            ));
        }
        Ok(Expr::Compare {
            op,
            left: Box::new(left),
            right: Box::new(right),
        })
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        self.skip_whitespace();
        if self.peek() == Some('!') && self.peek_second() != Some('=') {
            self.bump();
            self.enter()?;
            let operand = self.unary()?;
            self.leave();
            return Ok(Expr::Not(Box::new(operand)));
        }
        if self.peek() == Some('-') {
            self.bump();
            self.enter()?;
            let operand = self.unary()?;
            self.leave();
            return Ok(match operand {
                Expr::Literal(Literal::Number(n)) => Expr::Literal(Literal::Number(-n)),
                other => Expr::Negate(Box::new(other)),
            });
        }
        if self.eat_keyword("typeof") {
            self.enter()?;
            let operand = self.unary()?;
            self.leave();
            return Ok(Expr::Typeof(Box::new(operand)));
        }
        if self.eat_keyword("void") {
            // `void x` is `undefined` whatever `x` is: rulesets write `void 0`.
            self.enter()?;
            self.unary()?;
            self.leave();
            return Ok(Expr::Literal(Literal::Undefined));
        }
        let primary = self.primary()?;
        let expr = self.postfix(primary)?;
        self.skip_whitespace();
        if let Some(c @ ('+' | '-' | '*' | '/' | '%')) = self.peek() {
            return Err(self.error(format!(
                "expected an operator such as `===`, `&&` or `)`, found `{c}`: arithmetic is not supported; a member whose name has `-` is written @['x-name']"
            )));
        }
        if self.peek() == Some('?') {
            return Err(self.error(
                "expected an operator such as `===`, `&&` or `)`; the conditional operator `?:` is not supported",
            ));
        }
        Ok(expr)
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        self.skip_whitespace();
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.expected("an expression"));
        };
        match c {
            '(' => {
                self.bump();
                self.enter()?;
                let inner = self.expression()?;
                self.leave();
                self.skip_whitespace();
                if !self.eat(')') {
                    return Err(self.expected("`)`"));
                }
                Ok(inner)
            }
            '\'' | '"' => Ok(Expr::Literal(Literal::String(self.string_literal()?))),
            '/' => {
                let regex = self.regex_literal()?;
                Ok(Expr::Regex(Box::new(regex)))
            }
            '@' => {
                self.bump();
                let word_start = self.pos;
                while self.peek().is_some_and(is_identifier_char) {
                    self.bump();
                }
                let word = &self.source[word_start..self.pos];
                Ok(match word {
                    "" => Expr::Current,
                    "property" => Expr::Property,
                    "parentProperty" => Expr::ParentProperty,
                    "parent" => Expr::Parent,
                    "root" => Expr::Root,
                    "path" => Expr::PathString,
                    _ => {
                        return Err(self.error_at(
                            start,
                            format!("expected `@`, `@property`, `@parentProperty`, `@parent`, `@root` or `@path`, found `@{word}`"),
                        ));
                    }
                })
            }
            '$' => {
                self.bump();
                Ok(Expr::Root)
            }
            c if c.is_ascii_digit() || c == '.' => self.number(),
            c if is_identifier_char(c) => self.identifier(),
            _ => Err(self.expected("an expression")),
        }
    }

    fn number(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.pos;
        if self.rest().starts_with("0x") || self.rest().starts_with("0X") {
            self.pos += 2;
            let digits = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.bump();
            }
            let value = u64::from_str_radix(&self.source[digits..self.pos], 16)
                .map_err(|_| self.error_at(start, "expected hex digits after `0x`"))?;
            return Ok(Expr::Literal(Literal::Number(value as f64)));
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
        if self.peek() == Some('.') && self.peek_second().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.bump();
                }
            } else {
                self.pos = save;
            }
        }
        let text = &self.source[start..self.pos];
        if self.peek().is_some_and(is_identifier_char) || self.peek() == Some('.') {
            return Err(self.expected("a digit or an operator after the number"));
        }
        text.parse::<f64>()
            .map(|n| Expr::Literal(Literal::Number(n)))
            .map_err(|_| self.error_at(start, "expected a number"))
    }

    fn identifier(&mut self) -> Result<Expr, SyntaxError> {
        let start = self.pos;
        while self.peek().is_some_and(is_identifier_char) {
            self.bump();
        }
        let word = &self.source[start..self.pos];
        Ok(match word {
            "true" => Expr::Literal(Literal::Bool(true)),
            "false" => Expr::Literal(Literal::Bool(false)),
            "null" => Expr::Literal(Literal::Null),
            "undefined" => Expr::Literal(Literal::Undefined),
            "NaN" => Expr::Literal(Literal::Number(f64::NAN)),
            "Infinity" => Expr::Literal(Literal::Number(f64::INFINITY)),
            "Array" => {
                if !self.eat_str(".isArray") {
                    return Err(self.expected("`.isArray(` after `Array`"));
                }
                let mut args = self.arguments(1, "Array.isArray", start)?;
                Expr::IsArray(Box::new(args.pop().expect("one argument")))
            }
            "length" | "count" | "match" | "search" | "value" => {
                self.skip_whitespace();
                if self.peek() != Some('(') {
                    return Err(
                        self.error_at(start, format!("expected `(` after the function `{word}`"))
                    );
                }
                self.function(word, start)?
            }
            _ => {
                return Err(self.error_at(
                    start,
                    format!("expected `@`, `$`, a literal or a function, found the name `{word}`; a string is written in quotes, '{word}'"),
                ));
            }
        })
    }

    /// The RFC 9535 functions.
    fn function(&mut self, name: &str, start: usize) -> Result<Expr, SyntaxError> {
        let (function, arity) = match name {
            "length" => (Function::Length, 1),
            "count" => (Function::Count, 1),
            "match" => (Function::Match, 2),
            "search" => (Function::Search, 2),
            _ => (Function::Value, 1),
        };
        let open = self.pos;
        let mut args = self.arguments(arity, name, start)?;
        let mut pattern = None;
        if arity == 2 {
            let second = args.pop().expect("two arguments");
            pattern = Some(match second {
                Expr::Literal(Literal::String(text)) => {
                    // I-Regexp (RFC 9485): `match` must cover the whole string, `search` a part.
                    let anchored = match function {
                        Function::Match => format!("^(?:{text})$"),
                        _ => text,
                    };
                    Pattern::Compiled(Box::new(compile(&anchored, "u", open, self)?))
                }
                other => Pattern::Computed(Box::new(other)),
            });
        }
        Ok(Expr::Call {
            function,
            args,
            pattern,
        })
    }

    /// `(` arguments `)`, exactly `arity` of them.
    fn arguments(
        &mut self,
        arity: usize,
        name: &str,
        name_start: usize,
    ) -> Result<Vec<Expr>, SyntaxError> {
        self.skip_whitespace();
        if !self.eat('(') {
            return Err(self.expected(&format!("`(` after `{name}`")));
        }
        self.enter()?;
        let mut args = Vec::new();
        self.skip_whitespace();
        if !self.eat(')') {
            loop {
                args.push(self.expression()?);
                self.skip_whitespace();
                if self.eat(',') {
                    continue;
                }
                if self.eat(')') {
                    break;
                }
                return Err(self.expected("`,` or `)` in the arguments"));
            }
        }
        self.leave();
        if args.len() != arity {
            return Err(self.error_at(
                name_start,
                format!(
                    "expected {arity} argument{} to `{name}`, found {}",
                    if arity == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        Ok(args)
    }

    /// Member accesses, method calls and, after `@` or `$`, query segments.
    fn postfix(&mut self, mut expr: Expr) -> Result<Expr, SyntaxError> {
        loop {
            // Whitespace is allowed before a segment, as RFC 9535 allows it.
            let save = self.pos;
            self.skip_whitespace();
            let at = self.pos;
            match self.peek() {
                Some('.') if self.peek_second() == Some('.') => {
                    self.pos += 2;
                    let segment = self.descendant_segment()?;
                    expr = into_query(expr, segment, at, self)?;
                }
                Some('.') => {
                    self.bump();
                    if self.eat('*') {
                        expr = into_query(expr, child(vec![Selector::Wildcard]), at, self)?;
                        continue;
                    }
                    let name_start = self.pos;
                    while self.peek().is_some_and(is_identifier_char) {
                        self.bump();
                    }
                    let name = &self.source[name_start..self.pos];
                    if name.is_empty() {
                        return Err(self.expected("a member name or `*` after `.`"));
                    }
                    let after_name = self.pos;
                    self.skip_whitespace();
                    if self.peek() == Some('(') {
                        expr = self.method_call(expr, name, name_start)?;
                    } else {
                        self.pos = after_name;
                        expr = member(expr, MemberKey::Name(name.to_owned()));
                    }
                }
                Some('[') => {
                    let selectors = self.bracket()?;
                    expr = match <[Selector; 1]>::try_from(selectors) {
                        Ok([Selector::Name(name)]) => member(expr, MemberKey::Name(name)),
                        Ok([Selector::Index { index, as_key }]) => {
                            member(expr, MemberKey::Index { index, as_key })
                        }
                        Ok([other]) => into_query(expr, child(vec![other]), at, self)?,
                        Err(selectors) => into_query(expr, child(selectors), at, self)?,
                    };
                }
                _ => {
                    self.pos = save;
                    return Ok(expr);
                }
            }
        }
    }

    fn method_call(
        &mut self,
        receiver: Expr,
        name: &str,
        name_start: usize,
    ) -> Result<Expr, SyntaxError> {
        let Some(method) = Method::from_name(name) else {
            return Err(self.error_at(
                name_start,
                format!("expected a supported method (match, test, startsWith, endsWith, includes, indexOf, toLowerCase, toUpperCase, trim), found `{name}`"),
            ));
        };
        let args_start = self.pos;
        let mut args = self.arguments(method.arity(), name, name_start)?;
        let mut pattern = None;
        match method {
            Method::Test => {
                let Expr::Regex(regex) = receiver else {
                    return Err(self.error_at(
                        name_start,
                        "expected a regular expression literal before `.test(`, as in /^x-/.test(@property)",
                    ));
                };
                return Ok(Expr::MethodCall {
                    receiver: Box::new(Expr::Literal(Literal::Undefined)),
                    method,
                    pattern: Some(regex),
                    args,
                });
            }
            Method::Match => {
                // JavaScript turns a string argument into a regular expression.
                pattern = Some(match args.pop().expect("one argument") {
                    Expr::Regex(regex) => regex,
                    Expr::Literal(Literal::String(text)) => {
                        Box::new(compile(&text, "", args_start + 1, self)?)
                    }
                    _ => {
                        return Err(self.error_at(
                            args_start + 1,
                            "expected a regular expression literal or a string as the argument of `.match(`",
                        ));
                    }
                });
            }
            _ => {}
        }
        Ok(Expr::MethodCall {
            receiver: Box::new(receiver),
            method,
            pattern,
            args,
        })
    }

    /// `/pattern/flags`, compiled with JavaScript's semantics.
    fn regex_literal(&mut self) -> Result<JsPattern, SyntaxError> {
        let open = self.pos;
        self.bump(); // `/`
        let start = self.pos;
        let mut in_class = false;
        loop {
            match self.bump() {
                None => {
                    return Err(self.error_at(
                        open,
                        "expected `/` to close this regular expression before the end of the expression",
                    ));
                }
                Some('\\') => {
                    self.bump();
                }
                Some('[') => in_class = true,
                Some(']') => in_class = false,
                Some('/') if !in_class => break,
                Some(_) => {}
            }
        }
        let pattern = &self.source[start..self.pos - 1];
        let flags_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.bump();
        }
        let flags = &self.source[flags_start..self.pos];
        for (i, flag) in flags.char_indices() {
            if !"dgimsuyv".contains(flag) || flags[..i].contains(flag) {
                return Err(self.error_at(
                    flags_start + i,
                    format!("expected the flags of a regular expression (d, g, i, m, s, u, v, y, each once), found `{flag}`"),
                ));
            }
        }
        compile(pattern, flags, open, self)
    }
}

fn compile(
    pattern: &str,
    flags: &str,
    at: usize,
    parser: &Parser,
) -> Result<JsPattern, SyntaxError> {
    JsPattern::new(pattern, flags)
        .map_err(|e| parser.error_at(at, format!("expected a valid regular expression: {e}")))
}

fn child(selectors: Vec<Selector>) -> Segment {
    Segment {
        descendant: false,
        include_start: false,
        selectors,
    }
}

fn index_selector(index: i64) -> Selector {
    Selector::Index {
        index,
        as_key: index.to_string(),
    }
}

fn member(expr: Expr, key: MemberKey) -> Expr {
    match expr {
        Expr::Members { base, mut keys } => {
            keys.push(key);
            Expr::Members { base, keys }
        }
        Expr::Query {
            start,
            mut segments,
        } => {
            segments.push(child(vec![match key {
                MemberKey::Name(name) => Selector::Name(name),
                MemberKey::Index { index, as_key } => Selector::Index { index, as_key },
            }]));
            Expr::Query { start, segments }
        }
        base => Expr::Members {
            base: Box::new(base),
            keys: vec![key],
        },
    }
}

/// A segment that may select several nodes turns `@.a.b` into a query `@.a.b[*]`; only a path
/// from `@` or `$` can become one.
fn into_query(
    expr: Expr,
    segment: Segment,
    at: usize,
    parser: &Parser,
) -> Result<Expr, SyntaxError> {
    let (start, mut segments) = match expr {
        Expr::Current => (QueryStart::Current, Vec::new()),
        Expr::Root => (QueryStart::Root, Vec::new()),
        Expr::Query { start, segments } => (start, segments),
        Expr::Members { base, keys } if matches!(*base, Expr::Current | Expr::Root) => {
            let start = if matches!(*base, Expr::Current) {
                QueryStart::Current
            } else {
                QueryStart::Root
            };
            let segments = keys
                .into_iter()
                .map(|key| {
                    child(vec![match key {
                        MemberKey::Name(name) => Selector::Name(name),
                        MemberKey::Index { index, as_key } => Selector::Index { index, as_key },
                    }])
                })
                .collect();
            (start, segments)
        }
        _ => {
            return Err(parser.error_at(
                at,
                "expected a member access or a method call; wildcards, slices, unions, filters and `..` apply only to a path from `@` or `$`",
            ));
        }
    };
    if segments.len() == MAX_SEGMENTS {
        return Err(parser.error_at(
            at,
            format!("expected at most {MAX_SEGMENTS} segments in a query"),
        ));
    }
    segments.push(segment);
    Ok(Expr::Query { start, segments })
}
