//! Filter expressions evaluated with JavaScript's semantics, as Spectral's engines (nimma and
//! jsonpath-plus) run them: loose and strict equality, coercing comparisons, truthiness, and a
//! missing member read as `undefined`, never an error. A call JavaScript would throw on (a string
//! method on a number) gives `undefined` too, so the candidate is not selected.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::spectral::pattern::JsPattern;
use crate::value::{Map, Value};

use super::ast::{
    CompareOp, Dialect, Expr, Filter, Function, Literal, MemberKey, Method, Needs, Pattern,
    PropertyComparison, QueryStart,
};
use super::engine::{self, Arena, Candidate, Found, ROOT, Step};
use super::program::Program;

/// A JavaScript value, borrowing from the document or the expression.
#[derive(Clone, Debug)]
enum Js<'a> {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    Array(&'a [Value]),
    Object(&'a Map),
    /// What `x.constructor` reads: a function, known by its name.
    Constructor(&'static str),
    /// The array `.match()` returns: an object nothing reads further.
    MatchResult,
    /// The nodes an RFC 9535 query selects.
    Nodes(Vec<&'a Value>),
}

impl<'a> Js<'a> {
    fn from_json(value: &'a Value) -> Js<'a> {
        match value {
            Value::Null => Js::Null,
            Value::Bool(b) => Js::Bool(*b),
            Value::Number(n) => Js::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Js::String(Cow::Borrowed(s)),
            Value::Array(items) => Js::Array(items),
            Value::Object(map) => Js::Object(map),
        }
    }

    /// A node list read as one value: its only node, else nothing.
    fn single(self) -> Js<'a> {
        match self {
            Js::Nodes(nodes) if nodes.len() == 1 => Js::from_json(nodes[0]),
            Js::Nodes(_) => Js::Undefined,
            other => other,
        }
    }
}

/// Whether the filter selects the candidate.
pub(super) fn test(filter: &Filter, candidate: &Candidate) -> bool {
    let evaluate = || {
        let context = Context {
            candidate,
            dialect: filter.dialect,
        };
        context.test(&filter.expression)
    };
    if !meets(&filter.needs, filter.dialect, candidate) {
        // What a filter needs is told from its expression, and must never refuse a candidate
        // the expression selects: the tests and the fuzzer evaluate it anyway.
        #[cfg(any(test, fuzzing))]
        assert!(
            !evaluate(),
            "the needs {:?} refuse a candidate the filter selects",
            filter.needs
        );
        return false;
    }
    evaluate()
}

/// Whether a candidate is what a filter [`Needs`].
fn meets(needs: &Needs, dialect: Dialect, candidate: &Candidate) -> bool {
    let property_holds = |comparison: &PropertyComparison| {
        let property = step_value(candidate.step);
        let literal = literal_value(&comparison.literal);
        let (left, right) = if comparison.property_on_the_left {
            (&property, &literal)
        } else {
            (&literal, &property)
        };
        compare(dialect, comparison.op, left, right)
    };
    if !needs.property.iter().all(property_holds) {
        return false;
    }
    if !needs.object {
        return true;
    }
    let Value::Object(map) = candidate.value else {
        return false;
    };
    needs.members.iter().all(|name| map.contains_key(name))
        && needs
            .one_of_members
            .iter()
            .all(|names| names.iter().any(|name| map.contains_key(name)))
}

/// What a filter's expression implies of every candidate it selects ([`Needs`]): a member of `@`
/// read where its absence makes the expression false (`@.in`, `@.example !== void 0`,
/// `@.type == "array"`, as an operand of `&&`) is needed; an `||` whose every branch needs a
/// member needs one of those members; a comparison of `@property` with a literal, as an operand
/// of `&&`, must hold. Anything else needs nothing.
pub(super) fn needs(dialect: Dialect, expression: &Expr) -> Needs {
    let mut needs = Needs::default();
    add_needs(dialect, expression, &mut needs);
    needs
}

fn add_needs(dialect: Dialect, expression: &Expr, needs: &mut Needs) {
    match expression {
        // Tested, `&&` holds only when every operand does, in either dialect.
        Expr::And(operands) => {
            for operand in operands {
                add_needs(dialect, operand, needs);
            }
        }
        Expr::Or(operands) => {
            let members: Option<Vec<String>> = operands
                .iter()
                .map(|operand| member_needed(dialect, operand).map(str::to_owned))
                .collect();
            match members {
                Some(members) => {
                    needs.object = true;
                    needs.one_of_members.push(members);
                }
                None if operands
                    .iter()
                    .all(|operand| self::needs(dialect, operand).object) =>
                {
                    needs.object = true;
                }
                None => {}
            }
        }
        _ => {
            if let Some(comparison) = property_compared(expression) {
                needs.property.push(comparison);
            } else if let Some(name) = member_needed(dialect, expression) {
                needs.object = true;
                if !needs.members.iter().any(|known| known == name) {
                    needs.members.push(name.to_owned());
                }
            }
        }
    }
}

/// `@property` compared with a literal, which holds exactly when the comparison does.
fn property_compared(expression: &Expr) -> Option<PropertyComparison> {
    let Expr::Compare { op, left, right } = expression else {
        return None;
    };
    let (literal, property_on_the_left) = match (&**left, &**right) {
        (Expr::Property, Expr::Literal(literal)) => (literal, true),
        (Expr::Literal(literal), Expr::Property) => (literal, false),
        _ => return None,
    };
    Some(PropertyComparison {
        op: *op,
        literal: literal.clone(),
        property_on_the_left,
    })
}

/// The member of `@` without which `expression`, tested, is false: read alone (undefined is
/// falsy, and RFC 9535 finds nothing), or compared with a literal that the comparison with
/// `undefined` does not hold for.
fn member_needed(dialect: Dialect, expression: &Expr) -> Option<&str> {
    match expression {
        Expr::Members { .. } => own_member(expression),
        Expr::Compare { op, left, right } => {
            let (name, missing) = match (own_member(left), own_member(right), &**left, &**right) {
                (Some(name), None, _, Expr::Literal(literal)) => {
                    (name, (Js::Undefined, literal_value(literal)))
                }
                (None, Some(name), Expr::Literal(literal), _) => {
                    (name, (literal_value(literal), Js::Undefined))
                }
                _ => return None,
            };
            (!compare(dialect, *op, &missing.0, &missing.1)).then_some(name)
        }
        _ => None,
    }
}

/// A comparison as the dialect makes it.
fn compare(dialect: Dialect, op: CompareOp, left: &Js, right: &Js) -> bool {
    match dialect {
        Dialect::JavaScript => compare_js(op, left, right),
        Dialect::Rfc9535 => compare_rfc(op, left, right),
    }
}

/// `name` when `expression` is `@.name`, maybe followed by more members, and only a mapping can
/// have it: a string, an array, a number or a boolean gives `undefined` for any name but an
/// index, `length` and `constructor`; so does a missing member, and every member read after it.
fn own_member(expression: &Expr) -> Option<&str> {
    let Expr::Members { base, keys } = expression else {
        return None;
    };
    let (Expr::Current, Some(MemberKey::Name(name))) = (&**base, keys.first()) else {
        return None;
    };
    (name != "length" && name != "constructor" && engine::array_index(name).is_none())
        .then_some(name.as_str())
}

fn literal_value(literal: &Literal) -> Js<'_> {
    match literal {
        Literal::Undefined => Js::Undefined,
        Literal::Null => Js::Null,
        Literal::Bool(b) => Js::Bool(*b),
        Literal::Number(n) => Js::Number(*n),
        Literal::String(s) => Js::String(Cow::Borrowed(s)),
    }
}

struct Context<'c, 'a, 'v> {
    candidate: &'c Candidate<'a, 'v>,
    dialect: Dialect,
}

impl<'v> Context<'_, '_, 'v> {
    fn test(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Not(inner) => !self.test(inner),
            Expr::And(operands) => operands.iter().all(|e| self.test(e)),
            Expr::Or(operands) => operands.iter().any(|e| self.test(e)),
            // RFC 9535 tests a query for existence: `[?@.flag]` holds for `"flag": false`.
            Expr::Query { .. } | Expr::Members { .. } | Expr::Current | Expr::Root
                if self.dialect == Dialect::Rfc9535 =>
            {
                match self.eval(expr) {
                    Js::Undefined => false,
                    Js::Nodes(nodes) => !nodes.is_empty(),
                    _ => true,
                }
            }
            _ => truthy(&self.eval(expr)),
        }
    }

    fn eval<'e>(&self, expr: &'e Expr) -> Js<'e>
    where
        'v: 'e,
    {
        let candidate = self.candidate;
        match expr {
            Expr::Literal(literal) => literal_value(literal),
            Expr::Regex(_) => Js::MatchResult,
            Expr::Current => Js::from_json(candidate.value),
            Expr::Root => Js::from_json(candidate.root),
            Expr::Parent => Js::from_json(candidate.parent),
            Expr::Property => step_value(candidate.step),
            Expr::ParentProperty => candidate
                .parent_path
                .last()
                .map_or(Js::Undefined, |step| step_value(*step)),
            Expr::PathString => Js::String(Cow::Owned(path_string(
                candidate.parent_path,
                candidate.step,
            ))),
            Expr::Members { base, keys } => keys
                .iter()
                .fold(self.eval(base).single(), |value, key| member(value, key)),
            Expr::Query { start, segments } => {
                let mut arena = Arena::default();
                let start = match start {
                    QueryStart::Root => Found::root(candidate.root),
                    QueryStart::Current => {
                        // Seeded with the candidate's location, for the filters of the query.
                        let mut at = ROOT;
                        for step in candidate.parent_path {
                            at = arena.push(at, *step);
                        }
                        let at = arena.push(at, candidate.step);
                        Found {
                            value: candidate.value,
                            pointer: engine::pointer(&arena.steps(at)),
                            at,
                            via_reference: false,
                        }
                    }
                };
                let mut found = vec![Vec::new()];
                let program = Program::new(&[segments.as_slice()]);
                engine::select(
                    &program,
                    candidate.root,
                    engine::References::AsWritten,
                    &start,
                    &mut arena,
                    &mut found,
                );
                Js::Nodes(found.into_iter().flatten().map(|f| f.value).collect())
            }
            // JavaScript's `a && b` is `a` when `a` is falsy, else `b`; `||` the other way.
            Expr::And(operands) | Expr::Or(operands) if self.dialect == Dialect::JavaScript => {
                let stop_when = matches!(expr, Expr::Or(_));
                let (last, init) = operands.split_last().expect("two operands or more");
                for operand in init {
                    let value = self.eval(operand);
                    if truthy(&value) == stop_when {
                        return value;
                    }
                }
                self.eval(last)
            }
            Expr::Not(_) | Expr::And(_) | Expr::Or(_) => Js::Bool(self.test(expr)),
            Expr::Typeof(inner) => Js::String(Cow::Borrowed(type_of(&self.eval(inner).single()))),
            Expr::Negate(inner) => Js::Number(-to_number(&self.eval(inner).single())),
            Expr::Compare { op, left, right } => {
                let left = self.eval(left).single();
                let right = self.eval(right).single();
                Js::Bool(compare(self.dialect, *op, &left, &right))
            }
            Expr::RegexMatch { subject, pattern } => {
                let subject = self.eval(subject).single();
                Js::Bool(match subject {
                    Js::String(text) => self.pattern_finds(pattern, &text, false),
                    _ => false,
                })
            }
            Expr::MethodCall {
                receiver,
                method,
                pattern,
                args,
            } => self.method(receiver, *method, pattern.as_deref(), args),
            Expr::IsArray(inner) => Js::Bool(matches!(self.eval(inner).single(), Js::Array(_))),
            Expr::Call {
                function,
                args,
                pattern,
            } => self.call(*function, args, pattern.as_ref()),
        }
    }

    fn method<'e>(
        &self,
        receiver: &'e Expr,
        method: Method,
        pattern: Option<&JsPattern>,
        args: &'e [Expr],
    ) -> Js<'e>
    where
        'v: 'e,
    {
        if method == Method::Test {
            let text = to_string(&self.eval(&args[0]).single());
            let regex = pattern.expect("the parser compiles the pattern of `.test()`");
            return Js::Bool(regex.test(&text) == Some(true));
        }
        let receiver = self.eval(receiver).single();
        let argument = args.first().map(|arg| self.eval(arg).single());
        match (receiver, method) {
            (Js::String(text), Method::Match) => {
                let regex = pattern.expect("the parser compiles the pattern of `.match()`");
                if regex.test(&text) == Some(true) {
                    Js::MatchResult
                } else {
                    Js::Null
                }
            }
            (Js::String(text), Method::StartsWith) => {
                Js::Bool(text.starts_with(&*to_string(&argument.expect("arity 1"))))
            }
            (Js::String(text), Method::EndsWith) => {
                Js::Bool(text.ends_with(&*to_string(&argument.expect("arity 1"))))
            }
            (Js::String(text), Method::Includes) => {
                Js::Bool(text.contains(&*to_string(&argument.expect("arity 1"))))
            }
            (Js::String(text), Method::IndexOf) => {
                let needle = to_string(&argument.expect("arity 1"));
                Js::Number(
                    text.find(&*needle)
                        .map_or(-1.0, |byte| text[..byte].encode_utf16().count() as f64),
                )
            }
            (Js::String(text), Method::ToLowerCase) => Js::String(Cow::Owned(text.to_lowercase())),
            (Js::String(text), Method::ToUpperCase) => Js::String(Cow::Owned(text.to_uppercase())),
            (Js::String(text), Method::Trim) => {
                Js::String(Cow::Owned(text.trim_matches(is_js_whitespace).to_owned()))
            }
            (Js::Array(items), Method::Includes) => {
                let needle = argument.expect("arity 1");
                Js::Bool(
                    items
                        .iter()
                        .any(|item| same_value_zero(&Js::from_json(item), &needle)),
                )
            }
            (Js::Array(items), Method::IndexOf) => {
                let needle = argument.expect("arity 1");
                Js::Number(
                    items
                        .iter()
                        .position(|item| strict_equals(&Js::from_json(item), &needle))
                        .map_or(-1.0, |i| i as f64),
                )
            }
            _ => Js::Undefined,
        }
    }

    fn call<'e>(&self, function: Function, args: &'e [Expr], pattern: Option<&'e Pattern>) -> Js<'e>
    where
        'v: 'e,
    {
        let argument = self.eval(&args[0]);
        match function {
            Function::Length => match argument.single() {
                Js::String(text) => Js::Number(text.chars().count() as f64),
                Js::Array(items) => Js::Number(items.len() as f64),
                Js::Object(map) => Js::Number(map.len() as f64),
                _ => Js::Undefined,
            },
            Function::Count => Js::Number(match argument {
                Js::Nodes(nodes) => nodes.len() as f64,
                Js::Undefined => 0.0,
                _ => 1.0,
            }),
            Function::Value => argument.single(),
            Function::Match | Function::Search => {
                let pattern =
                    pattern.expect("the parser reads the pattern of match() and search()");
                Js::Bool(match argument.single() {
                    Js::String(text) => {
                        self.pattern_finds(pattern, &text, function == Function::Match)
                    }
                    _ => false,
                })
            }
        }
    }

    /// Whether a pattern finds a match in the text; a pattern computed from the document is
    /// compiled here, and one that is no regular expression finds nothing.
    fn pattern_finds(&self, pattern: &Pattern, text: &str, whole: bool) -> bool {
        match pattern {
            Pattern::Compiled(regex) => regex.test(text) == Some(true),
            Pattern::Computed(expr) => match self.eval(expr).single() {
                Js::String(source) => {
                    let source = if whole {
                        Cow::Owned(format!("^(?:{source})$"))
                    } else {
                        source
                    };
                    JsPattern::new(&source, "u").is_ok_and(|regex| regex.test(text) == Some(true))
                }
                _ => false,
            },
        }
    }
}

fn step_value<'v>(step: Step<'v>) -> Js<'v> {
    match step {
        Step::Member { key, .. } => Js::String(Cow::Borrowed(key)),
        Step::Element(index) => Js::Number(index as f64),
    }
}

/// jsonpath-plus's `@path`: `$['paths']['/a'][0]`.
fn path_string(parent_path: &[Step], step: Step) -> String {
    let mut out = String::from("$");
    for step in parent_path.iter().chain(std::iter::once(&step)) {
        match step {
            Step::Member { key, .. } if !key.bytes().all(|b| b.is_ascii_digit()) => {
                out.push_str("['");
                out.push_str(key);
                out.push_str("']");
            }
            Step::Member { key, .. } => {
                out.push('[');
                out.push_str(key);
                out.push(']');
            }
            Step::Element(index) => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
    out
}

fn member<'a>(value: Js<'a>, key: &'a MemberKey) -> Js<'a> {
    let name = match key {
        MemberKey::Name(name) => name.as_str(),
        MemberKey::Index { as_key, .. } => as_key.as_str(),
    };
    match value {
        Js::Object(map) => match key {
            MemberKey::Index { index, .. } if *index < 0 => Js::Undefined,
            _ => map
                .get(name)
                .map_or_else(|| constructor_member(name, "Object"), Js::from_json),
        },
        Js::Array(items) => {
            let index = match key {
                MemberKey::Index { index, .. } => engine::normalize(*index, items.len()),
                MemberKey::Name(name) => engine::array_index(name),
            };
            match index {
                Some(index) => items.get(index).map_or(Js::Undefined, Js::from_json),
                None if name == "length" => Js::Number(items.len() as f64),
                None => constructor_member(name, "Array"),
            }
        }
        Js::String(text) => {
            let index = match key {
                MemberKey::Index { index, .. } => usize::try_from(*index).ok(),
                MemberKey::Name(name) => engine::array_index(name),
            };
            match index {
                Some(index) => text
                    .encode_utf16()
                    .nth(index)
                    .map_or(Js::Undefined, |unit| {
                        Js::String(Cow::Owned(String::from_utf16_lossy(&[unit])))
                    }),
                None if name == "length" => Js::Number(text.encode_utf16().count() as f64),
                None => constructor_member(name, "String"),
            }
        }
        Js::Number(_) => constructor_member(name, "Number"),
        Js::Bool(_) => constructor_member(name, "Boolean"),
        Js::Constructor(function) if name == "name" => Js::String(Cow::Borrowed(function)),
        _ => Js::Undefined,
    }
}

/// `x.constructor`, which rulesets read as `@.type.constructor.name === "Array"`.
fn constructor_member(name: &str, constructor: &'static str) -> Js<'static> {
    if name == "constructor" {
        Js::Constructor(constructor)
    } else {
        Js::Undefined
    }
}

fn truthy(value: &Js) -> bool {
    match value {
        Js::Undefined | Js::Null => false,
        Js::Bool(b) => *b,
        Js::Number(n) => *n != 0.0 && !n.is_nan(),
        Js::String(s) => !s.is_empty(),
        Js::Array(_) | Js::Object(_) | Js::Constructor(_) | Js::MatchResult => true,
        Js::Nodes(nodes) => !nodes.is_empty(),
    }
}

fn type_of(value: &Js) -> &'static str {
    match value {
        Js::Undefined => "undefined",
        Js::Bool(_) => "boolean",
        Js::Number(_) => "number",
        Js::String(_) => "string",
        Js::Constructor(_) => "function",
        Js::Null | Js::Array(_) | Js::Object(_) | Js::MatchResult | Js::Nodes(_) => "object",
    }
}

fn is_js_whitespace(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// JavaScript's `Number(text)`.
fn string_to_number(text: &str) -> f64 {
    let text = text.trim_matches(is_js_whitespace);
    if text.is_empty() {
        return 0.0;
    }
    match text {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = text.strip_prefix(prefix) {
            return u128::from_str_radix(digits, radix).map_or(f64::NAN, |n| n as f64);
        }
    }
    // Rust also reads `inf`, `nan` and `infinity`, which JavaScript does not.
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mantissa_end = unsigned.find(['e', 'E']).unwrap_or(unsigned.len());
    let (mantissa, exponent) = unsigned.split_at(mantissa_end);
    let digits_ok = mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let exponent_ok = exponent.is_empty() || {
        let digits = exponent[1..]
            .strip_prefix(['+', '-'])
            .unwrap_or(&exponent[1..]);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if digits_ok && exponent_ok {
        text.parse().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

fn to_number(value: &Js) -> f64 {
    match value {
        Js::Undefined => f64::NAN,
        Js::Null => 0.0,
        Js::Bool(b) => f64::from(u8::from(*b)),
        Js::Number(n) => *n,
        Js::String(s) => string_to_number(s),
        _ => match to_primitive(value) {
            Js::String(s) => string_to_number(&s),
            _ => f64::NAN,
        },
    }
}

fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == 0.0 {
        "0".into()
    } else {
        n.to_string()
    }
}

fn to_string<'a>(value: &Js<'a>) -> Cow<'a, str> {
    match value {
        Js::Undefined => Cow::Borrowed("undefined"),
        Js::Null => Cow::Borrowed("null"),
        Js::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Js::Number(n) => Cow::Owned(number_to_string(*n)),
        Js::String(s) => s.clone(),
        _ => match to_primitive(value) {
            Js::String(s) => s,
            _ => Cow::Borrowed(""),
        },
    }
}

/// An object's primitive value: an array joins its elements with commas, any other object is
/// `[object Object]`.
fn to_primitive<'a>(value: &Js<'a>) -> Js<'a> {
    match value {
        Js::Array(items) => Js::String(Cow::Owned(join_array(items))),
        Js::Object(_) | Js::MatchResult => Js::String(Cow::Borrowed("[object Object]")),
        Js::Constructor(name) => {
            Js::String(Cow::Owned(format!("function {name}() {{ [native code] }}")))
        }
        Js::Nodes(nodes) if nodes.len() == 1 => to_primitive(&Js::from_json(nodes[0])),
        Js::Nodes(_) => Js::Undefined,
        other => other.clone(),
    }
}

/// `String(array)`, on an explicit stack so a deeply nested array cannot overflow ours.
fn join_array(items: &[Value]) -> String {
    let mut out = String::new();
    let mut stack = vec![(items.iter(), true)];
    while let Some((iter, first)) = stack.last_mut() {
        let Some(item) = iter.next() else {
            stack.pop();
            continue;
        };
        if !*first {
            out.push(',');
        }
        *first = false;
        match item {
            Value::Array(inner) => stack.push((inner.iter(), true)),
            Value::Null => {}
            Value::Object(_) => out.push_str("[object Object]"),
            other => out.push_str(&to_string(&Js::from_json(other))),
        }
    }
    out
}

/// Structural equality of two JSON values, on an explicit stack (a value's `==` recurses).
fn json_equals(a: &Value, b: &Value) -> bool {
    let mut pending = vec![(a, b)];
    while let Some((a, b)) = pending.pop() {
        match (a, b) {
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                pending.extend(x.iter().zip(y));
            }
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                for (key, value) in x {
                    let Some(other) = y.get(key) else {
                        return false;
                    };
                    pending.push((value, other));
                }
            }
            (Value::Number(x), Value::Number(y)) => {
                if x.as_f64() != y.as_f64() {
                    return false;
                }
            }
            (a, b) => {
                if a != b {
                    return false;
                }
            }
        }
    }
    true
}

/// `===`. Two arrays or objects are equal when their contents are: in JavaScript two distinct
/// objects never are, but a ruleset comparing nodes means their values.
fn strict_equals(a: &Js, b: &Js) -> bool {
    match (a, b) {
        (Js::Undefined, Js::Undefined) | (Js::Null, Js::Null) => true,
        (Js::Bool(x), Js::Bool(y)) => x == y,
        (Js::Number(x), Js::Number(y)) => x == y,
        (Js::String(x), Js::String(y)) => x == y,
        (Js::Array(x), Js::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(x, y)| json_equals(x, y))
        }
        (Js::Object(x), Js::Object(y)) => {
            std::ptr::eq(*x, *y)
                || x.len() == y.len()
                    && x.iter()
                        .all(|(k, v)| y.get(k).is_some_and(|w| json_equals(v, w)))
        }
        (Js::Constructor(x), Js::Constructor(y)) => x == y,
        _ => false,
    }
}

/// `Array.prototype.includes` equality: `===`, except that NaN finds NaN.
fn same_value_zero(a: &Js, b: &Js) -> bool {
    match (a, b) {
        (Js::Number(x), Js::Number(y)) if x.is_nan() && y.is_nan() => true,
        _ => strict_equals(a, b),
    }
}

fn is_object(value: &Js) -> bool {
    matches!(
        value,
        Js::Array(_) | Js::Object(_) | Js::Constructor(_) | Js::MatchResult
    )
}

/// `==`, JavaScript's abstract equality.
fn loose_equals(a: &Js, b: &Js) -> bool {
    match (a, b) {
        (Js::Undefined | Js::Null, Js::Undefined | Js::Null) => true,
        (Js::Undefined | Js::Null, _) | (_, Js::Undefined | Js::Null) => false,
        (Js::Number(_), Js::String(_)) | (Js::String(_), Js::Number(_)) => {
            to_number(a) == to_number(b)
        }
        (Js::Bool(_), _) => loose_equals(&Js::Number(to_number(a)), b),
        (_, Js::Bool(_)) => loose_equals(a, &Js::Number(to_number(b))),
        _ if is_object(a) && !is_object(b) => loose_equals(&to_primitive(a), b),
        _ if !is_object(a) && is_object(b) => loose_equals(a, &to_primitive(b)),
        _ => strict_equals(a, b),
    }
}

/// `<` and friends: two strings compare by UTF-16 code units, anything else as numbers, and NaN
/// compares with nothing.
fn order_js(a: &Js, b: &Js) -> Option<Ordering> {
    let (a, b) = (to_primitive(a), to_primitive(b));
    match (&a, &b) {
        (Js::String(x), Js::String(y)) => Some(x.encode_utf16().cmp(y.encode_utf16())),
        _ => to_number(&a).partial_cmp(&to_number(&b)),
    }
}

fn compare_js(op: CompareOp, a: &Js, b: &Js) -> bool {
    match op {
        CompareOp::LooseEqual => loose_equals(a, b),
        CompareOp::LooseNotEqual => !loose_equals(a, b),
        CompareOp::StrictEqual => strict_equals(a, b),
        CompareOp::StrictNotEqual => !strict_equals(a, b),
        CompareOp::Less => order_js(a, b) == Some(Ordering::Less),
        CompareOp::LessOrEqual => matches!(order_js(a, b), Some(Ordering::Less | Ordering::Equal)),
        CompareOp::Greater => order_js(a, b) == Some(Ordering::Greater),
        CompareOp::GreaterOrEqual => {
            matches!(order_js(a, b), Some(Ordering::Greater | Ordering::Equal))
        }
    }
}

/// RFC 9535's comparisons: no coercion, nothing equal to nothing, order only between two numbers
/// or two strings.
fn compare_rfc(op: CompareOp, a: &Js, b: &Js) -> bool {
    let equal = || strict_equals(a, b);
    let less = || match (a, b) {
        (Js::Number(x), Js::Number(y)) => x < y,
        (Js::String(x), Js::String(y)) => x < y,
        _ => false,
    };
    let greater = || match (a, b) {
        (Js::Number(x), Js::Number(y)) => x > y,
        (Js::String(x), Js::String(y)) => x > y,
        _ => false,
    };
    match op {
        CompareOp::LooseEqual | CompareOp::StrictEqual => equal(),
        CompareOp::LooseNotEqual | CompareOp::StrictNotEqual => !equal(),
        CompareOp::Less => less(),
        CompareOp::LessOrEqual => less() || equal(),
        CompareOp::Greater => greater(),
        CompareOp::GreaterOrEqual => greater() || equal(),
    }
}
