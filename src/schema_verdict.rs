//! Whether a value is valid against a JSON Schema, told without compiling one.
//!
//! Compiling a validator costs far more than checking one value: the crate copies and compiles
//! every schema the schema references, and most schemas only ever meet valid values (GitHub's
//! description: 899 schemas judge examples, 109 of them find one invalid). So a value is first
//! judged here, on the schemas as written; only a value found invalid, or one this cannot tell
//! about, goes to the compiled validator, which words the errors.
//!
//! A verdict is only given where it is certain to be the compiled validator's, given the value
//! as JavaScript holds it ([`Value::to_serde_as_javascript`]: `1.0` is an integer): the
//! keywords below, in the draft the schema is compiled in, and numbers compared only where no
//! rounding can decide. Anything else (`patternProperties`, `if`, `unevaluatedProperties`, an
//! identity below the root) answers [`Verdict::Unsure`]. A schema that does not compile needs
//! no care: the validator it would give is none, so nothing is reported either way.
//!
//! How the schemas as written become the schema that is compiled is the caller's [`Reading`]:
//! a plain JSON Schema is compiled as it is, OpenAPI's are adjusted first (`nullable`,
//! `readOnly` properties a request need not carry, annotations left out).

use crate::load::document::{array_index, unescape_token, value_at};
use crate::spectral::functions::built_once;
use crate::value::{Map, Value};
use jsonschema::Draft;
use lru::LruCache;
use rayon::prelude::*;
use serde_json::Number;
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

/// What the compiled validator would say of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// Not told here: the compiled validator decides.
    Unsure,
}

use Verdict::{Invalid, Unsure, Valid};

impl Verdict {
    /// Both must hold.
    fn and(self, other: impl FnOnce() -> Verdict) -> Verdict {
        match self {
            Invalid => Invalid,
            Valid => other(),
            Unsure => match other() {
                Invalid => Invalid,
                _ => Unsure,
            },
        }
    }

    fn not(self) -> Verdict {
        match self {
            Valid => Invalid,
            Invalid => Valid,
            Unsure => Unsure,
        }
    }

    fn of(valid: bool) -> Verdict {
        if valid { Valid } else { Invalid }
    }

    /// The verdict of a keyword on a value it says nothing of (an `items` on a string): none,
    /// where the keyword is `well_formed`; else the crate may refuse to compile it, so untold.
    fn when_well_formed(well_formed: bool) -> Verdict {
        if well_formed { Valid } else { Unsure }
    }
}

/// How deep references and subschemas may nest before the judge gives up: a reference cycle
/// that consumes nothing of the value would otherwise never end.
const MAX_DEPTH: usize = 64;

/// How many schemas (and their members) one verdict may look at by default; beyond, the compiled
/// validator is cheaper. A judge of a large value is given more ([`Judge::with_budget`]).
const MAX_STEPS: usize = 200_000;

/// How many steps a part of a verdict judged on another thread takes between two looks at what
/// all the parts took together ([`Judge::side_by_side`]).
const STEPS_BETWEEN_LOOKS: usize = 4_096;

/// A leaf keyword's check (`pattern`, `format`), as the compiled validator makes it.
pub type Check = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

/// How the schemas as written become the schema that is compiled, and in which draft.
pub trait Reading: Clone + Send + Sync {
    /// The draft the schema is compiled in.
    fn draft(&self) -> Draft;

    /// Whether a schema holding a `$ref` is that reference alone, its other members ignored (as
    /// drafts 4 to 7 say).
    fn reference_alone(&self) -> bool {
        !matches!(self.draft(), Draft::Draft201909 | Draft::Draft202012)
    }

    /// What a local `$ref` that finds nothing in the root says: here nothing, as the crate may
    /// find an anchor (`#name`) there, or fail to compile.
    fn missing_target(&self) -> Verdict {
        Unsure
    }

    /// Whether `$id` and `$schema` below the root are read, and so may change what a reference
    /// into them means.
    fn reads_identities(&self) -> bool {
        true
    }

    /// Whether a member of a schema is left out before it is compiled.
    fn leaves_out(&self, _key: &str) -> bool {
        false
    }

    /// Whether `null` is added to the schema's `type`; `None` when that cannot be told.
    fn nullable(&self, _schema: &Map) -> Option<bool> {
        Some(false)
    }

    /// Whether the schema's `required` lets off the property `name`.
    fn lets_off(&self, _schema: &Map, _name: &Value) -> bool {
        false
    }

    /// Whether a boolean `required` at the root is left out (OpenAPI 2's parameter flag).
    fn leaves_out_boolean_required(&self) -> bool {
        false
    }

    /// The check of `pattern: source`, an ECMA-262 regular expression as JSON Schema and
    /// OpenAPI say (and Ajv compiles it); `None` when it does not compile. A text the matching
    /// gives up on passes.
    fn pattern(&self, source: &str) -> Option<Check> {
        let pattern = crate::spectral::functions::compiled_pattern(source).ok()?;
        Some(Arc::new(move |value: &Value| {
            value.as_str().is_none_or(|text| !pattern.rejects(text))
        }))
    }

    /// The check of `format: name`; `None` when it does not compile.
    fn format(&self, name: &str) -> Option<Check> {
        crate_check(self.draft(), "format", name)
    }

    /// Whether a key matches the pattern of a `patternProperties` member, as a check on the key
    /// as a string; `None` when that cannot be told here (the default).
    fn key_pattern(&self, _source: &str) -> Option<Check> {
        None
    }
}

/// A JSON Schema compiled as it is written, by `jsonschema::options().with_draft(draft)
/// .offline()`.
#[derive(Clone, Copy)]
pub struct Plain(pub Draft);

impl Reading for Plain {
    fn draft(&self) -> Draft {
        self.0
    }

    /// The crate matches the keys of `patternProperties` as its `pattern` matches a string:
    /// the same engine, the same literal shortcuts.
    fn key_pattern(&self, source: &str) -> Option<Check> {
        crate_check(self.0, "pattern", source)
    }
}

/// The crate's own check of a leaf keyword, from a schema of that keyword alone compiled as
/// [`Plain`] compiles: built once per process for each draft, keyword and value; a pattern that
/// is a literal prefix is matched as one (see [`literal_prefix`]).
fn crate_check(draft: Draft, keyword: &'static str, value: &str) -> Option<Check> {
    if keyword == "pattern"
        && let Some(prefix) = literal_prefix(value)
    {
        let prefix = prefix.to_owned();
        return Some(Arc::new(move |value: &Value| {
            value.as_str().is_none_or(|text| text.starts_with(&prefix))
        }));
    }
    type Checks = Mutex<LruCache<(Draft, &'static str, String), Option<Check>>>;
    static CHECKS: LazyLock<Checks> = LazyLock::new(|| Mutex::new(LruCache::new(KEPT_CHECKS)));
    // Building one cannot fail: a value that does not compile is kept as no check.
    let Ok(check) = built_once(&CHECKS, &(draft, keyword, value.to_owned()), || {
        let check = jsonschema::options()
            .with_draft(draft)
            .offline()
            .build(&serde_json::json!({ keyword: value }))
            .ok()
            .map(|validator| {
                Arc::new(move |value: &Value| validator.is_valid(&value.to_serde_as_javascript()))
                    as Check
            });
        Ok::<_, Infallible>(check)
    });
    check
}

/// The prefix a pattern such as `^x-` asks a string to start with, where every character after
/// the `^` stands for itself in any regular expression dialect: such a pattern matches exactly
/// the strings that start with it, which is cheaper told without a compiled validator (OpenAPI's
/// `^x-` is matched against every key of every object of a description). The set is the one the
/// jsonschema crate matches with `starts_with` itself (and `:`); `spectral::pattern::Literal`
/// reads more (escapes, `$`), for JavaScript's engine, which the crate's is not.
fn literal_prefix(pattern: &str) -> Option<&str> {
    let prefix = pattern.strip_prefix('^')?;
    prefix
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'/' | b':'))
        .then_some(prefix)
}

/// How many leaf checks the process keeps: a corpus writes few patterns and formats, but may
/// write them without end, and each is a compiled validator.
const KEPT_CHECKS: NonZeroUsize = NonZeroUsize::new(1_000).expect("not zero");

/// Judges values against the schemas of one document (or bundle), read by `R`.
pub struct Judge<'v, R> {
    /// What a local `$ref` points into.
    root: &'v Value,
    reading: R,
    draft: Draft,
    steps: usize,
    /// How many steps one verdict may take, all its parts together.
    budget: usize,
    /// How many steps this judge takes before it looks again whether the budget is spent: the
    /// budget itself, unless the verdict is split between threads.
    limit: usize,
    /// Where a verdict split between threads counts the steps of all its parts, and how many
    /// of this judge's steps are counted there.
    shared: Option<Arc<AtomicUsize>>,
    counted: usize,
    /// The budget is spent: every later step is `Unsure` at once.
    exhausted: bool,
    /// Above this depth, the members or items of a value are judged side by side, on as many
    /// threads as are free ([`Judge::split_above`]); none by default.
    split_depth: usize,
    /// The checks made of each [`Leaf`] keyword, by its value.
    checks: [HashMap<String, Option<Check>, FastHash>; 3],
    /// Where each `$ref` followed so far leads, by its text: a schema's references are followed
    /// again for every value judged against them, and finding a target decodes and walks a
    /// pointer twice.
    targets: HashMap<String, Target<'v>, FastHash>,
}

/// The judge's maps are keyed by the schemas' own words (patterns, formats, references), few and
/// short: foldhash, seeded for each map, hashes them for a fraction of SipHash's cost.
type FastHash = foldhash::fast::RandomState;

/// Where a `$ref` leads.
#[derive(Clone, Copy)]
enum Target<'v> {
    Found(&'v Value),
    /// A local pointer that finds nothing in the root.
    Missing,
    /// Into another resource, or through a schema with an identity of its own: not told here.
    Untold,
}

impl<'v, R: Reading> Judge<'v, R> {
    pub fn new(root: &'v Value, reading: R) -> Self {
        Judge {
            root,
            draft: reading.draft(),
            reading,
            steps: 0,
            budget: MAX_STEPS,
            limit: MAX_STEPS,
            shared: None,
            counted: 0,
            exhausted: false,
            split_depth: 0,
            checks: Default::default(),
            targets: HashMap::default(),
        }
    }

    /// A judge that may take `budget` steps a verdict, where that is more than the default: a
    /// value of millions of nodes (GitHub's description, judged whole against the OpenAPI
    /// structure) takes steps in proportion, and copying it for the crate costs more.
    pub fn with_budget(mut self, budget: usize) -> Self {
        self.budget = budget.max(MAX_STEPS);
        self
    }

    /// A judge that judges the members or items of a value side by side, on the threads that
    /// are free, wherever it meets them less than `depth` deep: for one large value (a
    /// description of 13 MB judged whole), which would otherwise keep one core busy alone. The
    /// verdict is the same: each part is judged as it would be in turn, and they all draw on one
    /// budget.
    pub fn split_above(mut self, depth: usize) -> Self {
        self.split_depth = depth;
        self
    }

    /// The verdict on `value` against `schema`, as the root of what is compiled.
    pub fn verdict(&mut self, schema: &Value, value: &Value) -> Verdict {
        self.steps = 0;
        self.limit = self.budget;
        self.shared = None;
        self.counted = 0;
        self.exhausted = false;
        self.judge(schema, value, true, 0)
    }

    fn judge(&mut self, schema: &Value, value: &Value, root: bool, depth: usize) -> Verdict {
        self.steps += 1;
        if depth > MAX_DEPTH || (self.steps > self.limit && self.spent()) {
            return Unsure;
        }
        let map = match schema {
            Value::Object(map) => map,
            Value::Bool(valid) if self.draft != Draft::Draft4 => return Verdict::of(*valid),
            _ => return Unsure,
        };
        // Each member is looked at: a schema of many members costs as much as many schemas.
        self.steps += map.len();
        if !self.same_resource(map, root) {
            return Unsure;
        }
        if self.reading.reference_alone()
            && let Some(reference) = map.get("$ref")
        {
            return self.reference(reference, value, depth);
        }
        self.every(map, |judge, (key, keyword)| {
            if judge.reading.leaves_out(key) {
                Valid
            } else {
                judge.keyword(map, key, keyword, value, root, depth)
            }
        })
    }

    /// Whether each item holds, as `holds` judges it, judged until one does not.
    fn every<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut holds: impl FnMut(&mut Self, T) -> Verdict,
    ) -> Verdict {
        let mut verdict = Valid;
        for item in items {
            verdict = verdict.and(|| holds(self, item));
            if verdict == Invalid {
                return Invalid;
            }
        }
        verdict
    }

    /// Whether a schema is read as part of the root's resource, in its draft: an identity below
    /// the root changes what the references in it mean, and a `$schema` other than the draft's
    /// changes what every keyword of the schema means.
    fn same_resource(&self, map: &Map, root: bool) -> bool {
        // Most schemas hold none of the three: one look at the keys tells.
        if !map
            .keys()
            .any(|key| matches!(key.as_str(), "$schema" | "$id" | "id"))
        {
            return true;
        }
        let kept = |key: &str| map.contains_key(key) && !self.reading.leaves_out(key);
        if kept("$schema") {
            let same_draft = map
                .get("$schema")
                .and_then(Value::as_str)
                .is_some_and(|uri| Draft::from_schema_uri(uri) == self.draft);
            if !(root && same_draft) {
                return false;
            }
        }
        root || !(kept("$id") || kept("id"))
    }

    /// A `$ref`: a pointer into the root is followed; what one that finds nothing means is the
    /// reading's to say.
    fn reference(&mut self, reference: &Value, value: &Value, depth: usize) -> Verdict {
        let Some(text) = reference.as_str() else {
            return Unsure;
        };
        let target = match self.targets.get(text) {
            Some(target) => *target,
            None => {
                let target = self.target(text);
                self.targets.insert(text.to_owned(), target);
                target
            }
        };
        match target {
            Target::Found(target) => self.judge(target, value, false, depth + 1),
            Target::Missing => self.reading.missing_target(),
            Target::Untold => Unsure,
        }
    }

    /// Where the `$ref` `reference` leads.
    fn target(&self, reference: &str) -> Target<'v> {
        let Some(pointer) = local_pointer(reference) else {
            return Target::Untold;
        };
        if self.reading.reads_identities() && self.crosses_a_resource(&pointer) {
            return Target::Untold;
        }
        match value_at(self.root, &pointer) {
            Some(target) => Target::Found(target),
            None => Target::Missing,
        }
    }

    /// Whether a pointer from the root passes through a schema with an identity or a dialect
    /// of its own, which changes what the references inside it mean (or its draft).
    fn crosses_a_resource(&self, pointer: &str) -> bool {
        let mut node = self.root;
        for token in pointer.split('/').skip(1) {
            // Tokens read as `value_at` reads them, which finds the target.
            let token = unescape_token(token);
            let next = match node {
                Value::Object(map) => map.get(&token),
                Value::Array(items) => array_index(&token).and_then(|index| items.get(index)),
                _ => None,
            };
            let Some(next) = next else {
                return false;
            };
            node = next;
            if let Value::Object(map) = node
                && ["$id", "id", "$schema"]
                    .iter()
                    .any(|key| map.contains_key(key))
            {
                return true;
            }
        }
        false
    }

    /// One keyword of a schema (`map`) on `value`.
    fn keyword(
        &mut self,
        map: &Map,
        key: &str,
        keyword: &Value,
        value: &Value,
        root: bool,
        depth: usize,
    ) -> Verdict {
        let depth = depth + 1;
        let draft4 = self.draft == Draft::Draft4;
        match key {
            "type" => match self.reading.nullable(map) {
                Some(nullable) => type_verdict(keyword, value, nullable),
                None => Unsure,
            },
            "enum" => match keyword {
                Value::Array(allowed) if !allowed.is_empty() => {
                    self.steps += allowed.len();
                    allowed_verdict(allowed, value)
                }
                _ => Unsure,
            },
            "const" if !draft4 => allowed_verdict(std::slice::from_ref(keyword), value),
            "required" => self.required(map, keyword, value, root),
            "properties" => self.properties(keyword, value, depth),
            "additionalProperties" => self.additional_properties(map, keyword, value, depth),
            // In 2020-12, `items` is about the elements after `prefixItems`.
            "items"
                if self.draft == Draft::Draft202012
                    && (!keyword.is_object() || map.contains_key("prefixItems")) =>
            {
                Unsure
            }
            "items" => self.items(keyword, value, depth),
            "additionalItems" if self.draft == Draft::Draft202012 => Unsure,
            "additionalItems" => self.additional_items(map, keyword, value, depth),
            "allOf" | "anyOf" | "oneOf" => self.combinator(key, keyword, value, depth),
            "not" => self.judge(keyword, value, false, depth).not(),
            "$ref" => self.reference(keyword, value, depth),
            "minLength" | "maxLength" => {
                let Value::String(text) = value else {
                    return Valid;
                };
                count_verdict(key, keyword, text.chars().count())
            }
            "minItems" | "maxItems" => match value {
                Value::Array(items) => count_verdict(key, keyword, items.len()),
                _ => Valid,
            },
            "minProperties" | "maxProperties" => match value {
                Value::Object(members) => count_verdict(key, keyword, members.len()),
                _ => Valid,
            },
            "uniqueItems" => unique_verdict(keyword, value),
            "minimum" | "maximum" => {
                // Draft 4's bounds are exclusive by a flag beside them; later drafts' by
                // keywords of their own.
                let exclusive = draft4 && map.get(exclusive_flag(key)) == Some(&Value::Bool(true));
                bound_verdict(key == "minimum", exclusive, keyword, value)
            }
            "exclusiveMinimum" | "exclusiveMaximum" if !draft4 => {
                bound_verdict(key == "exclusiveMinimum", true, keyword, value)
            }
            "multipleOf" => multiple_verdict(keyword, value),
            "pattern" => self.leaf(Leaf::Pattern, keyword, value),
            "format" => self.leaf(Leaf::Format, keyword, value),
            "patternProperties" => self.pattern_properties(keyword, value, depth),
            "propertyNames" if !draft4 => self.property_names(keyword, value, depth),
            "if" if self.conditionals() => self.conditional(map, keyword, value, depth),
            // Told with their `if`, and nothing without one.
            "then" | "else" if self.conditionals() => Valid,
            // Keywords not judged here.
            "dependencies" => Unsure,
            "contains"
            | "if"
            | "then"
            | "else"
            | "dependentRequired"
            | "dependentSchemas"
            | "prefixItems"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentMediaType"
            | "contentEncoding"
            | "contentSchema"
            | "$recursiveRef"
            | "$dynamicRef"
                if !draft4 =>
            {
                Unsure
            }
            // What the draft does not define validates nothing: the crate ignores it.
            _ => Valid,
        }
    }

    fn required(&mut self, map: &Map, keyword: &Value, value: &Value, root: bool) -> Verdict {
        let names = match keyword {
            Value::Array(names) => names,
            Value::Bool(_) if root && self.reading.leaves_out_boolean_required() => return Valid,
            _ => return Unsure,
        };
        let Value::Object(members) = value else {
            return Valid;
        };
        let mut verdict = Valid;
        for name in names {
            let Value::String(text) = name else {
                return Unsure;
            };
            if !members.contains_key(text) && !self.reading.lets_off(map, name) {
                verdict = Invalid;
            }
        }
        verdict
    }

    fn properties(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let (Value::Object(schemas), Value::Object(members)) = (keyword, value) else {
            return Verdict::when_well_formed(keyword.is_object());
        };
        let pairs = members
            .iter()
            .filter_map(|(name, member)| Some((schemas.get(name)?, member)));
        self.all(pairs, depth)
    }

    /// Whether the budget is spent, once this judge has taken `limit` steps: alone, it is; as a
    /// part of a verdict split between threads, when all the parts together have spent it.
    fn spent(&mut self) -> bool {
        self.exhausted || self.look()
    }

    /// Counts this judge's steps with all the parts' and answers whether the budget is spent,
    /// now.
    fn look(&mut self) -> bool {
        let Some(shared) = &self.shared else {
            self.exhausted = true;
            return true;
        };
        let taken = self.steps - self.counted;
        let all_parts = shared.fetch_add(taken, Ordering::Relaxed) + taken;
        self.counted = self.steps;
        if all_parts > self.budget {
            self.exhausted = true;
            return true;
        }
        self.limit = self.steps + STEPS_BETWEEN_LOOKS;
        false
    }

    /// Whether each value is valid against its schema, judged until one is not.
    fn all<'a>(
        &mut self,
        pairs: impl IntoIterator<Item = (&'a Value, &'a Value)>,
        depth: usize,
    ) -> Verdict {
        let in_turn = |judge: &mut Self, (schema, value): (&Value, &Value)| {
            judge.judge(schema, value, false, depth)
        };
        if depth < self.split_depth {
            let pairs: Vec<_> = pairs.into_iter().collect();
            if pairs.len() > 1 {
                return self.side_by_side(&pairs, depth);
            }
            return self.every(pairs, in_turn);
        }
        self.every(pairs, in_turn)
    }

    /// [`Judge::all`], each value judged by a judge of its own on the threads that are free. The
    /// verdicts are joined as [`Judge::every`] joins them (`Invalid` wins, then `Unsure`), so the
    /// order they come in does not matter; the steps are counted in one place, so the budget
    /// bounds them all. Once a part is `Invalid`, the others judge no more, as judging in turn
    /// stops there.
    fn side_by_side(&mut self, pairs: &[(&Value, &Value)], depth: usize) -> Verdict {
        if self.exhausted {
            return Unsure;
        }
        let shared = Arc::clone(
            self.shared
                .get_or_insert_with(|| Arc::new(AtomicUsize::new(0))),
        );
        // What this judge took so far is counted before the parts start.
        if self.spent() {
            return Unsure;
        }
        let invalid = AtomicBool::new(false);
        let this = &*self;
        // A judge for each run of values a thread takes, so its caches serve the whole run.
        let (verdict, steps) = pairs
            .par_iter()
            .fold(
                || (this.part(Arc::clone(&shared)), Valid),
                |(mut part, so_far), &(schema, value)| {
                    // Another part found one: the whole is `Invalid` whatever this one is.
                    if so_far == Invalid || invalid.load(Ordering::Relaxed) {
                        return (part, Invalid);
                    }
                    // The budget is looked at before each value, so no part starts on it spent.
                    if part.spent() {
                        return (part, so_far.and(|| Unsure));
                    }
                    let verdict = part.judge(schema, value, false, depth);
                    if verdict == Invalid {
                        invalid.store(true, Ordering::Relaxed);
                    }
                    (part, so_far.and(|| verdict))
                },
            )
            .map(|(mut part, verdict)| {
                // Its last steps counted (the answer is the verdict's to give, above).
                part.spent();
                (verdict, part.steps)
            })
            .reduce(
                || (Valid, 0),
                |(one, one_steps), (other, other_steps)| {
                    (one.and(|| other), one_steps + other_steps)
                },
            );
        // The parts' steps are counted already. A part that ran out said `Unsure`; the verdict
        // of parts judged whole stands, even where their last steps went past the budget.
        self.steps += steps;
        self.counted += steps;
        if shared.load(Ordering::Relaxed) > self.budget {
            self.exhausted = true;
        }
        verdict
    }

    /// A judge for a part of this judge's verdict, on another thread: the same schemas, read
    /// the same way, drawing on the same budget.
    fn part(&self, shared: Arc<AtomicUsize>) -> Self {
        Judge {
            root: self.root,
            reading: self.reading.clone(),
            draft: self.draft,
            steps: 0,
            budget: self.budget,
            limit: STEPS_BETWEEN_LOOKS,
            shared: Some(shared),
            counted: 0,
            exhausted: false,
            split_depth: self.split_depth,
            checks: Default::default(),
            targets: HashMap::default(),
        }
    }

    fn additional_properties(
        &mut self,
        map: &Map,
        keyword: &Value,
        value: &Value,
        depth: usize,
    ) -> Verdict {
        let patterns = match map.get("patternProperties") {
            Some(Value::Object(patterns)) => match self.key_checks(patterns) {
                Some(checks) => checks,
                None => return Unsure,
            },
            None => Vec::new(),
            Some(_) => return Unsure,
        };
        let Value::Object(members) = value else {
            return Valid;
        };
        let declared = match map.get("properties") {
            Some(Value::Object(declared)) => Some(declared),
            None => None,
            Some(_) => return Unsure,
        };
        let mut extra = members.iter().filter(|(name, _)| {
            declared.is_none_or(|declared| !declared.contains_key(name))
                && !patterns
                    .iter()
                    .any(|(check, _)| check(&Value::String((*name).clone())))
        });
        match keyword {
            Value::Bool(true) => Valid,
            Value::Bool(false) => Verdict::of(extra.next().is_none()),
            Value::Object(_) => self.all(extra.map(|(_, member)| (keyword, member)), depth),
            _ => Unsure,
        }
    }

    fn items(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Array(elements) = value else {
            return Verdict::when_well_formed(keyword.is_object() || keyword.is_array());
        };
        match keyword {
            Value::Object(_) => self.all(elements.iter().map(|element| (keyword, element)), depth),
            // A tuple: what follows it is `additionalItems`' to say.
            Value::Array(schemas) => self.all(schemas.iter().zip(elements), depth),
            _ => Unsure,
        }
    }

    /// `additionalItems`: the items after a tuple of `items`; nothing without one.
    fn additional_items(
        &mut self,
        map: &Map,
        keyword: &Value,
        value: &Value,
        depth: usize,
    ) -> Verdict {
        let (Some(Value::Array(tuple)), Value::Array(elements)) = (map.get("items"), value) else {
            return Valid;
        };
        let extra = elements.get(tuple.len()..).unwrap_or_default();
        match keyword {
            Value::Bool(allowed) => Verdict::of(*allowed || extra.is_empty()),
            Value::Object(_) => self.all(extra.iter().map(|element| (keyword, element)), depth),
            _ => Unsure,
        }
    }

    fn combinator(&mut self, key: &str, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Array(schemas) = keyword else {
            return Unsure;
        };
        if schemas.is_empty() {
            return Unsure;
        }
        match key {
            "allOf" => self.all(schemas.iter().map(|schema| (schema, value)), depth),
            "anyOf" => {
                let mut verdict = Invalid;
                for schema in schemas {
                    match self.judge(schema, value, false, depth) {
                        Valid => return Valid,
                        Unsure => verdict = Unsure,
                        Invalid => {}
                    }
                }
                verdict
            }
            _ => {
                let mut valid = 0;
                for schema in schemas {
                    match self.judge(schema, value, false, depth) {
                        Valid => valid += 1,
                        Unsure => return Unsure,
                        Invalid => {}
                    }
                }
                Verdict::of(valid == 1)
            }
        }
    }

    /// `pattern` or `format`, by the check the reading makes of it.
    fn leaf(&mut self, leaf: Leaf, keyword: &Value, value: &Value) -> Verdict {
        let Value::String(text) = keyword else {
            return Unsure;
        };
        match self.check(leaf, text) {
            Some(check) => Verdict::of(check(value)),
            None => Unsure,
        }
    }

    /// The check the reading makes of a leaf keyword's `text`, made once per judge.
    fn check(&mut self, leaf: Leaf, text: &str) -> Option<Check> {
        let checks = &mut self.checks[leaf as usize];
        if let Some(check) = checks.get(text) {
            return check.clone();
        }
        let check = match leaf {
            Leaf::Pattern => self.reading.pattern(text),
            Leaf::Format => self.reading.format(text),
            Leaf::KeyPattern => self.reading.key_pattern(text),
        };
        checks.insert(text.to_string(), check.clone());
        check
    }

    /// Whether `if`, `then` and `else` are keywords of the draft (7 and later).
    fn conditionals(&self) -> bool {
        !matches!(self.draft, Draft::Draft4 | Draft::Draft6)
    }

    /// `if` (`condition`), with the `then` or `else` beside it in `map` that its verdict
    /// chooses.
    fn conditional(
        &mut self,
        map: &Map,
        condition: &Value,
        value: &Value,
        depth: usize,
    ) -> Verdict {
        let branch = match self.judge(condition, value, false, depth) {
            Valid => "then",
            Invalid => "else",
            Unsure => return Unsure,
        };
        match map.get(branch) {
            Some(schema) if !self.reading.leaves_out(branch) => {
                self.judge(schema, value, false, depth)
            }
            _ => Valid,
        }
    }

    /// `propertyNames`: every key of an object, as a string, against the schema.
    fn property_names(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Object(members) = value else {
            return Verdict::when_well_formed(keyword.is_object() || keyword.is_boolean());
        };
        self.every(members.keys(), |judge, key| {
            judge.judge(keyword, &Value::String(key.clone()), false, depth)
        })
    }

    /// The key checks of a `patternProperties` (`patterns`), each with its schema; `None` when
    /// one cannot be told.
    fn key_checks<'s>(&mut self, patterns: &'s Map) -> Option<Vec<(Check, &'s Value)>> {
        patterns
            .iter()
            .map(|(pattern, schema)| Some((self.check(Leaf::KeyPattern, pattern)?, schema)))
            .collect()
    }

    fn pattern_properties(&mut self, keyword: &Value, value: &Value, depth: usize) -> Verdict {
        let Value::Object(patterns) = keyword else {
            return Unsure;
        };
        let Some(checks) = self.key_checks(patterns) else {
            return Unsure;
        };
        let Value::Object(members) = value else {
            return Valid;
        };
        let mut pairs = Vec::new();
        for (key, member) in members {
            let name = Value::String(key.clone());
            pairs.extend(
                checks
                    .iter()
                    .filter(|(check, _)| check(&name))
                    .map(|(_, schema)| (*schema, member)),
            );
        }
        self.all(pairs, depth)
    }
}

/// The leaf keywords whose checks a [`Reading`] makes.
#[derive(Clone, Copy)]
enum Leaf {
    Pattern,
    Format,
    /// A pattern of `patternProperties`, matched against a key.
    KeyPattern,
}

/// The JSON pointer a local `$ref` names (`#/a/b` is `/a/b`, percent escapes decoded); `None`
/// for a reference into another resource.
pub fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// `type`, one name or a list, `null` added when the schema is `nullable` (as the bundle adds
/// it, to a `type` that is written).
fn type_verdict(keyword: &Value, value: &Value, nullable: bool) -> Verdict {
    let names: Vec<&str> = match keyword {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) if !names.is_empty() => {
            match names.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                Some(names) => names,
                None => return Unsure,
            }
        }
        _ => return Unsure,
    };
    const NAMES: [&str; 7] = [
        "null", "boolean", "object", "array", "number", "string", "integer",
    ];
    if names.iter().any(|name| !NAMES.contains(name)) {
        return Unsure;
    }
    let has = |wanted: &str| names.contains(&wanted);
    match value {
        Value::Null => Verdict::of(has("null") || nullable),
        Value::Bool(_) => Verdict::of(has("boolean")),
        Value::Object(_) => Verdict::of(has("object")),
        Value::Array(_) => Verdict::of(has("array")),
        Value::String(_) => Verdict::of(has("string")),
        Value::Number(number) => {
            let integral =
                number.is_i64() || number.is_u64() || crate::value::whole_float(number).is_some();
            if has("number") || has("integer") && integral {
                // Judged as JavaScript holds it ([`Value::to_serde_as_javascript`]).
                Valid
            } else if has("integer") && number.as_f64().is_some_and(|n| n.fract() == 0.0) {
                // Too large to be held as an integer: the crate decides.
                Unsure
            } else {
                Invalid
            }
        }
    }
}

/// `enum` (and `const`): a value equal to an allowed one is valid; one equal to none only where
/// no number's form (`1` and `1.0`) could make the crate find it equal after all.
fn allowed_verdict(allowed: &[Value], value: &Value) -> Verdict {
    if allowed.contains(value) {
        return Valid;
    }
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => Invalid,
        _ => Unsure,
    }
}

/// The `min…`/`max…` counts of a string's characters, an array's items or an object's members.
fn count_verdict(key: &str, keyword: &Value, count: usize) -> Verdict {
    let Some(limit) = keyword.as_u64() else {
        return Unsure;
    };
    let count = count as u64;
    Verdict::of(if key.starts_with("min") {
        count >= limit
    } else {
        count <= limit
    })
}

/// `uniqueItems`, told where equality cannot depend on a number's form.
fn unique_verdict(keyword: &Value, value: &Value) -> Verdict {
    match (keyword, value) {
        (Value::Bool(false), _) => Valid,
        (Value::Bool(true), Value::Array(items)) => {
            // A set, not a comparison of every pair: an example may hold a long list.
            if let Some(scalars) = items.iter().map(Scalar::of).collect::<Option<Vec<_>>>() {
                let mut seen = HashSet::with_capacity(scalars.len());
                return Verdict::of(scalars.into_iter().all(|scalar| seen.insert(scalar)));
            }
            // Mappings and lists (an operation's parameters) by a text equal values share.
            let Some(texts) = items
                .iter()
                .map(|item| {
                    let mut text = String::new();
                    canonical_text(item, &mut text).map(|()| text)
                })
                .collect::<Option<Vec<_>>>()
            else {
                return Unsure;
            };
            let mut seen = HashSet::with_capacity(texts.len());
            Verdict::of(texts.iter().all(|text| seen.insert(text)))
        }
        (Value::Bool(true), _) => Valid,
        _ => Unsure,
    }
}

/// An item whose equality to another cannot depend on how a number is written.
#[derive(PartialEq, Eq, Hash)]
enum Scalar<'v> {
    Null,
    Bool(bool),
    String(&'v str),
    Whole(i128),
}

impl<'v> Scalar<'v> {
    fn of(value: &'v Value) -> Option<Self> {
        Some(match value {
            Value::Null => Scalar::Null,
            Value::Bool(flag) => Scalar::Bool(*flag),
            Value::String(text) => Scalar::String(text),
            Value::Number(number) => Scalar::Whole(whole(number)?),
            _ => return None,
        })
    }
}

/// Writes `value` to `text` so that equal values, and only they, write the same text: a
/// mapping's keys in order, a number as the whole number it is; `None` for a number with a
/// fraction, whose equality to another depends on how each is written.
pub(crate) fn canonical_text(value: &Value, text: &mut String) -> Option<()> {
    match value {
        Value::Object(members) => {
            let mut members: Vec<_> = members.iter().collect();
            members.sort_unstable_by_key(|(key, _)| *key);
            text.push('{');
            for (key, member) in members {
                text.push_str(&serde_json::to_string(&**key).ok()?);
                text.push(':');
                canonical_text(member, text)?;
                text.push(',');
            }
            text.push('}');
        }
        Value::Array(items) => {
            text.push('[');
            for item in items {
                canonical_text(item, text)?;
                text.push(',');
            }
            text.push(']');
        }
        Value::String(string) => text.push_str(&serde_json::to_string(&**string).ok()?),
        Value::Number(number) => text.push_str(&whole(number)?.to_string()),
        Value::Bool(flag) => text.push_str(if *flag { "true" } else { "false" }),
        Value::Null => text.push_str("null"),
    }
    Some(())
}

/// The flag that makes a draft 4 bound exclusive.
fn exclusive_flag(bound: &str) -> &'static str {
    if bound == "minimum" {
        "exclusiveMinimum"
    } else {
        "exclusiveMaximum"
    }
}

/// A lower (or upper) bound on a number, inclusive or not.
fn bound_verdict(lower: bool, exclusive: bool, keyword: &Value, value: &Value) -> Verdict {
    let Value::Number(limit) = keyword else {
        return Unsure;
    };
    let Value::Number(number) = value else {
        return Valid;
    };
    let Some(order) = compare(number, limit) else {
        return Unsure;
    };
    use std::cmp::Ordering::{Equal, Greater, Less};
    Verdict::of(match (lower, order) {
        (_, Equal) => !exclusive,
        (true, Greater) | (false, Less) => true,
        _ => false,
    })
}

/// `multipleOf`, told for whole numbers only.
fn multiple_verdict(keyword: &Value, value: &Value) -> Verdict {
    let Value::Number(number) = value else {
        return Valid;
    };
    // The crate divides as `f64` beyond 2^53, where a whole number may not be exact.
    match (whole(number), keyword.as_number().and_then(whole)) {
        (Some(number), Some(divisor))
            if divisor > 0 && exact_as_f64(divisor) && exact_as_f64(number) =>
        {
            Verdict::of(number % divisor == 0)
        }
        _ => Unsure,
    }
}

/// Whether a whole number is exact as an `f64`: up to 2^53 it is.
fn exact_as_f64(whole: i128) -> bool {
    whole.abs() <= 1 << 53
}

fn whole(number: &Number) -> Option<i128> {
    number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from))
}

/// The order of two numbers, where it is certain: both whole, or both exact as `f64`.
fn compare(left: &Number, right: &Number) -> Option<std::cmp::Ordering> {
    if let (Some(left), Some(right)) = (whole(left), whole(right)) {
        return Some(left.cmp(&right));
    }
    let exact = |number: &Number| whole(number).is_none_or(exact_as_f64);
    if !(exact(left) && exact(right)) {
        return None;
    }
    left.as_f64()?.partial_cmp(&right.as_f64()?)
}

/// Asserts that the verdict on `value`, where one is given, is the validator's that
/// `jsonschema` compiles from `schema` in `draft` (4, 6, 7, 2019 or 2020; another draft is not
/// compared), and that it is the same split between threads; whether it was compared. For
/// tests and the `verdict` fuzz target.
#[cfg(any(test, fuzzing))]
pub fn check_against_the_validator(draft: u16, schema: &Value, value: &Value) -> bool {
    let Some(draft) = draft_numbered(draft) else {
        return false;
    };
    let verdict = Judge::new(schema, Plain(draft)).verdict(schema, value);
    // Split between threads at every depth, the verdict is the same.
    let side_by_side = Judge::new(schema, Plain(draft))
        .split_above(MAX_DEPTH)
        .verdict(schema, value);
    assert_eq!(
        side_by_side, verdict,
        "split: {value} against {schema} in {draft:?}"
    );
    if verdict == Unsure {
        return false;
    }
    // A schema that does not compile reports nothing, whatever the verdict.
    let Ok(validator) = jsonschema::options()
        .with_draft(draft)
        .offline()
        .build(&schema.to_serde())
    else {
        return false;
    };
    assert_eq!(
        validator.is_valid(&value.to_serde_as_javascript()),
        verdict == Valid,
        "verdict {verdict:?} on {value} against {schema} in {draft:?}"
    );
    true
}

/// The draft of a number: 4, 6, 7, 2019 (2019-09) or 2020 (2020-12).
#[cfg(any(test, fuzzing))]
fn draft_numbered(number: u16) -> Option<Draft> {
    match number {
        4 => Some(Draft::Draft4),
        6 => Some(Draft::Draft6),
        7 => Some(Draft::Draft7),
        2019 => Some(Draft::Draft201909),
        2020 => Some(Draft::Draft202012),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod generated {
    use crate::json;
    use crate::value::{Map, Value};

    /// A small deterministic generator of schemas and values, to compare the verdicts with the
    /// compiled validator on many more shapes than fixed cases: the keywords of every draft, valid
    /// and broken, and values of every type.
    pub(crate) struct Generator(pub(crate) u64);

    impl Generator {
        pub(crate) fn next(&mut self, below: u64) -> u64 {
            // xorshift64*: enough spread for picking shapes.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) % below
        }

        fn pick(&mut self, choices: &[Value]) -> Value {
            choices[self.next(choices.len() as u64) as usize].clone()
        }

        pub(crate) fn value(&mut self, depth: u32) -> Value {
            let scalars = [
                json!(null),
                json!(true),
                json!(false),
                json!(0),
                json!(1),
                json!(2),
                json!(3),
                json!(-1),
                json!(100),
                json!(u64::MAX),
                json!(i64::MIN),
                json!(1.0),
                json!(2.5),
                json!(-0.0),
                json!(1e300),
                json!(""),
                json!("a"),
                json!("ab"),
                json!("abc"),
                // `a` not first: `^a` asks for it first.
                json!("ba"),
                json!("é"),
                json!("2020-01-01T00:00:00Z"),
                json!("a@b.co"),
                json!("http://x/y"),
                json!("QUJD"),
                json!("not base64!"),
                json!("12"),
            ];
            match self.next(if depth > 2 { 2 } else { 6 }) {
                0 => json!(null),
                1..=3 => self.pick(&scalars),
                4 => Value::Array((0..self.next(4)).map(|_| self.value(depth + 1)).collect()),
                _ => {
                    let mut members = Map::new();
                    for _ in 0..self.next(4) {
                        let key = ["a", "b", "c", "d", "ba", "x-a"][self.next(6) as usize];
                        members.insert(key.to_owned(), self.value(depth + 1));
                    }
                    Value::Object(members)
                }
            }
        }

        pub(crate) fn schema(&mut self, depth: u32) -> Value {
            if depth > 0 && self.next(12) == 0 {
                return json!(self.next(2) == 0);
            }
            let mut map = Map::new();
            let keywords = if depth > 2 { 1 } else { 1 + self.next(3) };
            for _ in 0..keywords {
                let (key, keyword) = self.keyword(depth);
                map.insert(key.to_owned(), keyword);
            }
            // Keywords that only mean something together.
            for (bound, flag) in [
                ("minimum", "exclusiveMinimum"),
                ("maximum", "exclusiveMaximum"),
            ] {
                if map.contains_key(bound) && self.next(2) == 0 {
                    map.insert(flag.to_owned(), json!(true));
                }
            }
            if map.contains_key("type") && self.next(3) == 0 {
                let key = if self.next(2) == 0 {
                    "nullable"
                } else {
                    "x-nullable"
                };
                map.insert(key.to_owned(), json!(true));
            }
            if map.contains_key("properties") && self.next(2) == 0 {
                map.insert("required".to_owned(), json!(["a", "b"]));
            }
            if map.contains_key("if") {
                for branch in ["then", "else"] {
                    if self.next(2) == 0 {
                        map.insert(branch, self.schema(depth + 1));
                    }
                }
            }
            if map.contains_key("patternProperties") && self.next(2) == 0 {
                map.insert("additionalProperties", json!(false));
            }
            Value::Object(map)
        }

        fn schemas(&mut self, depth: u32) -> Value {
            Value::Array(
                (0..1 + self.next(3))
                    .map(|_| self.schema(depth + 1))
                    .collect(),
            )
        }

        fn keyword(&mut self, depth: u32) -> (&'static str, Value) {
            let count = json!([0, 1, 2, 3, 1.5, -1]);
            let numbers = [
                json!(0),
                json!(1),
                json!(2),
                json!(-1),
                json!(2.5),
                json!(1.0),
                json!(u64::MAX),
            ];
            let count = self.pick(count.as_array().unwrap());
            match self.next(30) {
                0 => (
                    "type",
                    self.pick(&[
                        json!("string"),
                        json!("integer"),
                        json!("number"),
                        json!("boolean"),
                        json!("object"),
                        json!("array"),
                        json!("null"),
                        json!(["string", "null"]),
                        json!(["integer", "string"]),
                        json!("thing"),
                        json!([]),
                    ]),
                ),
                1 => (
                    "nullable",
                    self.pick(&[json!(true), json!(false), json!("yes")]),
                ),
                2 => ("x-nullable", json!(true)),
                3 => (
                    "enum",
                    Value::Array((0..self.next(4)).map(|_| self.value(2)).collect()),
                ),
                4 => {
                    let mut properties = Map::new();
                    for name in ["a", "b"] {
                        let property = match self.next(4) {
                            0 => continue,
                            1 => json!({ "type": "string", "readOnly": true }),
                            2 => json!({ "writeOnly": true }),
                            _ => self.schema(depth + 1),
                        };
                        properties.insert(name.to_owned(), property);
                    }
                    ("properties", Value::Object(properties))
                }
                5 => (
                    "required",
                    self.pick(&[
                        json!(["a"]),
                        json!(["a", "b"]),
                        json!([]),
                        json!(true),
                        json!([1]),
                    ]),
                ),
                6 => (
                    "additionalProperties",
                    match self.next(3) {
                        0 => json!(false),
                        1 => json!(true),
                        _ => self.schema(depth + 1),
                    },
                ),
                7 => (
                    "items",
                    if self.next(2) == 0 {
                        self.schema(depth + 1)
                    } else {
                        self.schemas(depth)
                    },
                ),
                8 => (
                    "additionalItems",
                    if self.next(2) == 0 {
                        json!(false)
                    } else {
                        self.schema(depth + 1)
                    },
                ),
                9 => (
                    ["minLength", "maxLength", "minItems", "maxItems"][self.next(4) as usize],
                    count,
                ),
                10 => (
                    ["minProperties", "maxProperties"][self.next(2) as usize],
                    count,
                ),
                11 => (
                    ["minimum", "maximum"][self.next(2) as usize],
                    self.pick(&numbers),
                ),
                12 => (
                    ["exclusiveMinimum", "exclusiveMaximum"][self.next(2) as usize],
                    json!(true),
                ),
                13 => (
                    "multipleOf",
                    self.pick(&[
                        json!(2),
                        json!(3),
                        json!(0.5),
                        json!(0),
                        json!(9_007_199_254_740_993_u64),
                    ]),
                ),
                14 => (
                    "pattern",
                    self.pick(&[json!("^a"), json!("^\\d+$"), json!("b"), json!("(")]),
                ),
                15 => (
                    "format",
                    self.pick(&[
                        json!("date-time"),
                        json!("email"),
                        json!("uri"),
                        json!("int32"),
                        json!("int64"),
                        json!("byte"),
                        json!("password"),
                        json!("made-up"),
                        json!(3),
                    ]),
                ),
                16 => (
                    ["allOf", "anyOf", "oneOf"][self.next(3) as usize],
                    self.schemas(depth),
                ),
                17 => ("not", self.schema(depth + 1)),
                18 => (
                    "$ref",
                    self.pick(&[
                        json!("#/components/schemas/A"),
                        json!("#/components/schemas/B"),
                        json!("#/components/schemas/Missing"),
                        json!("#/components/schemas/A/properties/a"),
                        json!("#foo"),
                        json!("other.yaml#/x"),
                        json!(5),
                    ]),
                ),
                19 => (
                    ["const", "contains", "made-up"][self.next(3) as usize],
                    self.value(2),
                ),
                20 => (
                    ["readOnly", "writeOnly", "description", "x-extra"][self.next(4) as usize],
                    json!(true),
                ),
                21 => ("uniqueItems", self.pick(&[json!(true), json!(false)])),
                22 => {
                    let mut patterns = Map::new();
                    for _ in 0..1 + self.next(2) {
                        let pattern = ["^a", "b", "^[ab]$", "^(c|d)", "(", "", "^x-", "^"]
                            [self.next(8) as usize];
                        patterns.insert(pattern, self.schema(depth + 1));
                    }
                    ("patternProperties", Value::Object(patterns))
                }
                23 => (
                    "propertyNames",
                    self.pick(&[
                        json!({ "pattern": "^[ab]$" }),
                        json!({ "enum": ["a", "c"] }),
                        json!({ "maxLength": 0 }),
                        json!(false),
                    ]),
                ),
                24 => (
                    ["exclusiveMinimum", "exclusiveMaximum"][self.next(2) as usize],
                    self.pick(&numbers),
                ),
                25 => (
                    ["prefixItems", "allOf"][self.next(2) as usize],
                    self.schemas(depth),
                ),
                26 => (
                    [
                        "if",
                        "then",
                        "else",
                        "propertyNames",
                        "contains",
                        "unevaluatedProperties",
                    ][self.next(6) as usize],
                    self.schema(depth + 1),
                ),
                27 => (
                    ["$id", "$anchor"][self.next(2) as usize],
                    self.pick(&[json!("http://example.com/s"), json!("other"), json!("foo")]),
                ),
                28 => ("$schema", json!("http://json-schema.org/draft-04/schema#")),
                29 => ("dependentRequired", json!({ "a": ["b"] })),
                _ => ("dependencies", json!({ "a": ["b"] })),
            }
        }
    }

    /// A number from the environment, to search further than a test does by default.
    pub(crate) fn setting(name: &str) -> Option<u64> {
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::generated::{Generator, setting};
    use super::*;
    use crate::json;

    /// The verdict, checked against the validator by [`check_against_the_validator`].
    fn verdict(draft: u16, schema: &Value, value: &Value) -> Verdict {
        check_against_the_validator(draft, schema, value);
        let draft = draft_numbered(draft).expect("a draft's number");
        Judge::new(schema, Plain(draft)).verdict(schema, value)
    }

    #[test]
    fn later_drafts_are_judged_as_the_validator_judges_them() {
        let string =
            json!({ "$ref": "#/$defs/s", "maxLength": 1, "$defs": { "s": { "type": "string" } } });
        let cases = [
            (7, json!({ "const": "a" }), json!("b"), Invalid),
            (4, json!({ "const": "a" }), json!("b"), Valid),
            (7, json!({ "exclusiveMinimum": 2 }), json!(2), Invalid),
            (
                7,
                json!({ "properties": { "a": false } }),
                json!({ "a": 1 }),
                Invalid,
            ),
            (
                7,
                json!({ "properties": { "a": true } }),
                json!({ "a": 1 }),
                Valid,
            ),
            // Drafts 4 to 7 read a `$ref` alone; later drafts with what is beside it.
            (7, string.clone(), json!("ab"), Valid),
            (2020, string, json!("ab"), Invalid),
            (
                2019,
                json!({ "format": "date-time" }),
                json!("yesterday"),
                Valid,
            ),
            (
                7,
                json!({ "format": "date-time" }),
                json!("yesterday"),
                Invalid,
            ),
            (
                2020,
                json!({ "prefixItems": [{}], "items": false }),
                json!([1]),
                Unsure,
            ),
            (7, json!({ "if": { "type": "string" } }), json!(1), Valid),
            (
                7,
                json!({ "if": { "type": "string" }, "then": { "minLength": 2 }, "else": { "minimum": 2 } }),
                json!(1),
                Invalid,
            ),
            (
                2020,
                json!({ "if": { "type": "string" }, "then": { "minLength": 2 } }),
                json!("ab"),
                Valid,
            ),
            // Draft 6 has no `if`: the crate ignores it, and it is not told here.
            (6, json!({ "if": false, "else": false }), json!(1), Unsure),
            (
                2020,
                json!({
                    "patternProperties": { "^x-": { "type": "string" } },
                    "additionalProperties": false
                }),
                json!({ "x-a": "b", "c": 1 }),
                Invalid,
            ),
            (
                2020,
                json!({
                    "patternProperties": { "^x-": { "type": "string" } },
                    "additionalProperties": false
                }),
                json!({ "x-a": "b" }),
                Valid,
            ),
            (
                7,
                json!({ "propertyNames": { "maxLength": 1 } }),
                json!({ "ab": 1 }),
                Invalid,
            ),
            (
                7,
                json!({ "properties": { "a": { "$id": "http://x/a" } } }),
                json!({ "a": 1 }),
                Unsure,
            ),
            // The crate divides as `f64` past 2^53: 2^53 + 1 becomes 2^53 there.
            (
                7,
                json!({ "multipleOf": 9_007_199_254_740_993_u64 }),
                json!(9_007_199_254_740_993_u64),
                Unsure,
            ),
            // An anchor is not a pointer into the root.
            (
                2020,
                json!({ "$ref": "#foo", "$defs": { "a": { "$anchor": "foo", "type": "string" } } }),
                json!(1),
                Unsure,
            ),
            // A reference into a schema with an identity of its own means another place there.
            (
                7,
                json!({
                    "definitions": {
                        "outer": {
                            "$id": "http://example.com/outer",
                            "definitions": { "y": { "type": "string" } },
                            "properties": { "x": { "$ref": "#/definitions/y" } }
                        },
                        "y": { "type": "integer" }
                    },
                    "$ref": "#/definitions/outer/properties/x"
                }),
                json!("a"),
                Unsure,
            ),
        ];
        for (draft, schema, value, expected) in cases {
            assert_eq!(
                verdict(draft, &schema, &value),
                expected,
                "{value} against {schema} in draft {draft}"
            );
        }
    }

    /// A long list is told unique by a set, in one pass.
    #[test]
    fn a_long_list_is_told_unique() {
        let unique = json!({ "uniqueItems": true });
        let mut items: Vec<Value> = (0..50_000)
            .map(|index| json!(format!("item {index}")))
            .collect();
        assert_eq!(verdict(7, &unique, &Value::Array(items.clone())), Valid);
        items.push(json!("item 7"));
        assert_eq!(verdict(7, &unique, &Value::Array(items)), Invalid);
    }

    /// Mappings and lists are told unique as the validator tells them, keys in any order (an
    /// OpenAPI 3.0 operation's parameters: `Unsure` sent the whole description to the crate).
    #[test]
    fn mappings_and_lists_are_told_unique() {
        let unique = json!({ "uniqueItems": true });
        for (items, expected) in [
            (
                json!([{ "a": 1, "b": [2, "x"] }, { "b": [2, "x"], "a": 1 }]),
                Invalid,
            ),
            (
                json!([{ "a": 1 }, { "a": 2 }, { "a": "1" }, [1], ["1"], null]),
                Valid,
            ),
            (json!([[{ "$ref": "#/p" }], [{ "$ref": "#/p" }]]), Invalid),
            (json!([{ "a": true }, { "a": false }, { "b": true }]), Valid),
            (json!([{ "a": 1.5 }, { "a": 1.5 }]), Unsure),
        ] {
            assert_eq!(verdict(7, &unique, &items), expected, "{items}");
        }
    }

    #[test]
    fn a_large_value_is_told_within_a_budget_in_proportion() {
        let schema = json!({ "type": "array", "items": { "type": "object", "properties": { "a": { "type": "string" } } } });
        let value = Value::Array((0..100_000).map(|_| json!({ "a": "b" })).collect());
        let draft = Draft::Draft202012;
        assert_eq!(
            Judge::new(&schema, Plain(draft)).verdict(&schema, &value),
            Unsure
        );
        let judged = Judge::new(&schema, Plain(draft))
            .with_budget(2_000_000)
            .verdict(&schema, &value);
        assert_eq!(judged, Valid);
    }

    /// Split between threads, a verdict draws on one budget: not a budget per part.
    #[test]
    fn a_verdict_split_between_threads_keeps_to_its_budget() {
        let schema = json!({ "type": "array", "items": { "type": "object", "properties": { "a": { "type": "string" } } } });
        let value = Value::Array((0..100_000).map(|_| json!({ "a": "b" })).collect());
        let judge = || Judge::new(&schema, Plain(Draft::Draft202012)).split_above(MAX_DEPTH);
        assert_eq!(judge().verdict(&schema, &value), Unsure);
        assert_eq!(
            judge().with_budget(2_000_000).verdict(&schema, &value),
            Valid
        );
        let mut broken = value;
        if let Value::Array(items) = &mut broken {
            items[77_777] = json!({ "a": 1 });
        }
        assert_eq!(
            judge().with_budget(2_000_000).verdict(&schema, &broken),
            Invalid
        );

        // Once spent, the budget is not given again to the keywords judged after (here each
        // level's `patternProperties`, after its `properties`).
        let mut schema = json!({ "type": "array", "items": { "type": "object", "properties": { "a": { "type": "string" } } } });
        let mut value = Value::Array((0..20_000).map(|_| json!({ "a": "b" })).collect());
        for _ in 0..3 {
            schema = json!({
                "type": "object",
                "properties": { "p": schema.clone(), "q": schema.clone() },
                "patternProperties": { "^": schema.clone() },
            });
            value = json!({ "p": value.clone(), "q": value.clone() });
        }
        for depth in [2, 4, 8] {
            let mut judge = Judge::new(&schema, Plain(Draft::Draft202012)).split_above(depth);
            assert_eq!(judge.verdict(&schema, &value), Unsure);
            // Parts look at the budget between steps, and a judge that ran out still counts a
            // step for each value it is asked about: a little past the budget, not a budget again.
            assert!(
                judge.steps <= 2 * MAX_STEPS,
                "{} steps split above {depth}",
                judge.steps
            );
        }
    }

    /// `ARCHLINT_VERDICT_SEED` and `ARCHLINT_VERDICT_CASES` search further, for instance
    /// `ARCHLINT_VERDICT_SEED=7 ARCHLINT_VERDICT_CASES=1000000 cargo test --release generated`.
    #[test]
    fn generated_schemas_of_every_draft_get_the_validators_verdict_or_none() {
        let seed = setting("ARCHLINT_VERDICT_SEED").unwrap_or(0x9e37_79b9_7f4a_7c15);
        let total = setting("ARCHLINT_VERDICT_CASES").unwrap_or(10_000);
        let drafts = [4, 6, 7, 2019, 2020];
        let mut generator = Generator(seed);
        let mut compared_cases = 0;
        for _ in 0..total {
            let draft = drafts[generator.next(drafts.len() as u64) as usize];
            let mut schema = generator.schema(0);
            if let Value::Object(map) = &mut schema {
                let components = json!({ "schemas": {
                    "A": generator.schema(1),
                    "B": generator.schema(1),
                } });
                map.insert("components".to_owned(), components);
            }
            let value = generator.value(0);
            if check_against_the_validator(draft, &schema, &value) {
                compared_cases += 1;
            }
        }
        // Many schemas are broken on purpose; enough are told and compiled for this to count.
        assert!(
            compared_cases > total / 4,
            "only {compared_cases} of {total} compared"
        );
    }
}
