//! The compiled form of an expression: what the parser builds and the engine runs.

use crate::spectral::pattern::JsPattern;

/// A whole expression: stages separated by `^` (parent), then an optional `~` (key).
#[derive(Debug)]
pub(super) struct Path {
    pub stages: Vec<Stage>,
    /// `~` at the end: the keys of the matched nodes rather than the nodes.
    pub key: bool,
}

/// Segments run from the stage's start nodes, then `up` steps towards the root (`^` repeated).
#[derive(Debug)]
pub(super) struct Stage {
    pub segments: Vec<Segment>,
    pub up: usize,
}

#[derive(Debug)]
pub(super) struct Segment {
    /// `..`: the selectors apply to the children of every descendant, not only of the start.
    pub descendant: bool,
    /// A bare `..` at the end (`$..`, `$..~`): the start node itself is matched too.
    pub include_start: bool,
    /// A child is selected when any selector selects it (a union `[a,b]` is several).
    pub selectors: Vec<Selector>,
}

#[derive(Debug)]
pub(super) enum Selector {
    /// A member by key; on an array, the element whose index the key spells, as in JavaScript.
    Name(String),
    /// An element by index, negative from the end; on an object, the member the index spells.
    Index {
        index: i64,
        as_key: String,
    },
    Wildcard,
    Slice {
        start: Option<i64>,
        end: Option<i64>,
        step: i64,
    },
    Filter(Box<Filter>),
}

/// `[?(...)]` is JavaScript as Spectral evaluates it; `[?...]` without the parentheses is RFC 9535.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dialect {
    JavaScript,
    Rfc9535,
}

#[derive(Debug)]
pub(super) struct Filter {
    pub dialect: Dialect,
    pub expression: Expr,
    /// What a candidate must be for the expression to hold, checked before it is evaluated.
    pub needs: Needs,
}

/// What a filter's expression implies of every candidate it selects, found when it is parsed:
/// `$..[?(@ && @.enum && @.type)]` asks every node of a document, most of them strings or
/// mappings without `enum`, and a mapping lookup rejects them for less than evaluating the
/// expression does.
#[derive(Debug, Default)]
pub(super) struct Needs {
    /// The candidate is a mapping.
    pub object: bool,
    /// Members the candidate has (a mapping then).
    pub members: Vec<String>,
    /// Groups of members the candidate has one of each (a mapping then): `(@.example !== void 0
    /// || @.default !== void 0)`.
    pub one_of_members: Vec<Vec<String>>,
    /// Comparisons `@property` makes true, each of a literal: `@property === '$ref'` asks it of
    /// every node of a document, and the node's key tells without evaluating the expression.
    pub property: Vec<PropertyComparison>,
}

/// `@property <op> literal`, or with the literal on the left.
#[derive(Debug)]
pub(super) struct PropertyComparison {
    pub op: CompareOp,
    pub literal: Literal,
    pub property_on_the_left: bool,
}

/// A member access in a filter: `.name`, `['name']` or `[0]`.
#[derive(Debug)]
pub(super) enum MemberKey {
    Name(String),
    Index { index: i64, as_key: String },
}

#[derive(Clone, Debug)]
pub(super) enum Literal {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CompareOp {
    LooseEqual,
    LooseNotEqual,
    StrictEqual,
    StrictNotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// Where a query inside a filter starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QueryStart {
    Current,
    Root,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Method {
    Match,
    Test,
    StartsWith,
    EndsWith,
    Includes,
    IndexOf,
    ToLowerCase,
    ToUpperCase,
    Trim,
}

impl Method {
    pub fn from_name(name: &str) -> Option<Method> {
        Some(match name {
            "match" => Method::Match,
            "test" => Method::Test,
            "startsWith" => Method::StartsWith,
            "endsWith" => Method::EndsWith,
            "includes" => Method::Includes,
            "indexOf" => Method::IndexOf,
            "toLowerCase" => Method::ToLowerCase,
            "toUpperCase" => Method::ToUpperCase,
            "trim" => Method::Trim,
            _ => return None,
        })
    }

    /// How many arguments the method reads.
    pub fn arity(self) -> usize {
        match self {
            Method::ToLowerCase | Method::ToUpperCase | Method::Trim => 0,
            _ => 1,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    Length,
    Count,
    Match,
    Search,
    Value,
}

/// A regular expression known when the expression is parsed, or one computed per candidate.
#[derive(Debug)]
pub(super) enum Pattern {
    Compiled(Box<JsPattern>),
    Computed(Box<Expr>),
}

#[derive(Debug)]
pub(super) enum Expr {
    Literal(Literal),
    /// `/re/flags`: only a receiver of `.test()` or an argument of `.match()`, both compiled.
    Regex(Box<JsPattern>),
    /// `@`
    Current,
    /// `$` or `@root`
    Root,
    /// `@property`: the candidate's key, or its index in an array.
    Property,
    /// `@parentProperty`
    ParentProperty,
    /// `@parent`
    Parent,
    /// `@path`: the candidate's location as jsonpath-plus spells it, `$['paths']['/a']`.
    PathString,
    /// Members read one after the other from a value, each missing one giving `undefined`.
    Members {
        base: Box<Expr>,
        keys: Vec<MemberKey>,
    },
    /// A query that can select several nodes (`@.*`, `$..x`), for RFC 9535 functions and tests.
    Query {
        start: QueryStart,
        segments: Vec<Segment>,
    },
    Not(Box<Expr>),
    Typeof(Box<Expr>),
    Negate(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Compare {
        op: CompareOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// nimma's `left ~= "pattern"`.
    RegexMatch {
        subject: Box<Expr>,
        pattern: Pattern,
    },
    MethodCall {
        receiver: Box<Expr>,
        method: Method,
        /// `.match()` and `.test()` read their pattern from here, compiled once.
        pattern: Option<Box<JsPattern>>,
        args: Vec<Expr>,
    },
    IsArray(Box<Expr>),
    Call {
        function: Function,
        args: Vec<Expr>,
        /// The second argument of `match()` and `search()`, compiled when it is a literal.
        pattern: Option<Pattern>,
    },
}
