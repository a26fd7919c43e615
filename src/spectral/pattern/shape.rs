//! The groups, backreferences and repetitions of a JavaScript pattern, read before it is
//! translated ([`super::linear`]) or matched by `regress`.
//!
//! A backreference can name a group written after it, so whether `\2` is a backreference (or, in
//! a pattern with one group, an octal escape) is known only once the whole pattern is read; and
//! whether `fancy-regex` matches it as JavaScript does depends on where its group sits
//! ([`Shape::backreference`]). How a backtracking engine's time can grow with the text depends
//! on the repetitions ([`Shape::backtracking_text_limit`]). The pattern has compiled with
//! `regress` before it is read here, so its syntax is valid.

use std::collections::HashMap;

/// What [`Shape::of`] found.
#[derive(Debug, Default)]
pub struct Shape {
    /// The capturing groups, numbered from 1 as JavaScript numbers them (index 0 is group 1).
    captures: Vec<Capture>,
    /// The groups' names, each with the numbers of the groups that bear it.
    names: HashMap<String, Vec<usize>>,
    /// The backreferences, by the position of their backslash.
    backreferences: HashMap<usize, Written>,
    /// Whether the pattern has a lookbehind, in which a backreference is matched from right to
    /// left in JavaScript.
    lookbehind: bool,
    /// Whether a lookbehind holds a repetition without a maximum (`(?<=a+)b`).
    unbounded_lookbehind: bool,
    /// Repetitions (a quantifier whose maximum is above one).
    repetitions: usize,
    /// A match can start only at the start of the text: a `^` first, no `|` outside groups, no
    /// `m` flag.
    anchored: bool,
    /// Whether a repeated group holds a repetition, an alternation or a backreference: the shape
    /// whose matches a backtracking engine can take exponential time to rule out.
    nested_repetition: bool,
}

#[derive(Debug)]
struct Capture {
    /// Where `(` and `)` are, in characters.
    open: usize,
    close: usize,
    /// It, or a group around it, is repeated. JavaScript clears a group's capture at each round
    /// of a repetition around it; `fancy-regex` keeps the last round's that matched.
    repeated: bool,
    /// It sits in a lookaround, whose captures JavaScript keeps by rules of its own.
    in_lookaround: bool,
}

/// What `\` followed by digits or `k<name>` is written as.
#[derive(Debug, Clone)]
enum Written {
    Number(usize),
    Name(String),
}

/// A backreference as the translation may write it.
#[derive(Debug, PartialEq, Eq)]
pub enum Backreference {
    /// To the group of this number, whose capture means the same in both engines.
    Group(usize),
    /// No backreference: a pattern without that many groups (or without named groups) reads
    /// the escape as a character, outside the `u` flag.
    Text,
    /// One the two engines may match differently.
    Untranslatable,
}

/// One group being read.
struct Open {
    /// Its capture number, if it captures.
    capture: Option<usize>,
    lookaround: bool,
    lookbehind: bool,
    /// The number of captures opened before it.
    captures_before: usize,
    /// It holds a repetition, an alternation or a backreference.
    holds_choices: bool,
}

/// Steps a match of `regress` may take on one text, by the estimate of
/// [`Shape::backtracking_text_limit`]: well under a second.
const BACKTRACKING_STEPS: f64 = 1e8;

/// The longest text a pattern of exponential shape is matched on by `regress`: about 2^20 ways
/// through it at most.
const EXPONENTIAL_TEXT_LIMIT: usize = 20;

impl Shape {
    /// Reads `source`, a pattern `regress` has compiled with `flags`.
    pub fn of(source: &str, flags: &str) -> Shape {
        let chars: Vec<char> = source.chars().collect();
        let mut shape = Shape::default();
        let mut open: Vec<Open> = Vec::new();
        let mut top_level_choice = false;
        let mut open_lookbehinds = 0;
        let mut at = 0;
        while at < chars.len() {
            let start = at;
            at += 1;
            // The group this character closes, for a quantifier after it.
            let mut closed = None;
            match chars[start] {
                '\\' => {
                    let written = match chars.get(at) {
                        Some('k') if chars.get(at + 1) == Some(&'<') => {
                            let end = position_of(&chars, at, '>');
                            let name = chars[(at + 2).min(end)..end].iter().collect();
                            at = end + 1;
                            Some(Written::Name(name))
                        }
                        Some('1'..='9') => {
                            let digits = chars[at..].iter().take_while(|c| c.is_ascii_digit());
                            let text: String = digits.collect();
                            at += text.len();
                            Some(Written::Number(text.parse().unwrap_or(usize::MAX)))
                        }
                        Some('u' | 'p' | 'P') if chars.get(at + 1) == Some(&'{') => {
                            at = position_of(&chars, at, '}') + 1;
                            None
                        }
                        Some(_) => {
                            at += 1;
                            None
                        }
                        None => None,
                    };
                    if let Some(written) = written {
                        if let Some(group) = open.last_mut() {
                            group.holds_choices = true;
                        }
                        shape.backreferences.insert(start, written);
                    }
                }
                '[' => at = class_end(&chars, at, flags.contains('v')),
                '(' => {
                    let follows = |text: &str| {
                        text.chars()
                            .enumerate()
                            .all(|(offset, c)| chars.get(at + offset) == Some(&c))
                    };
                    let lookbehind = follows("?<=") || follows("?<!");
                    let (captures, lookaround) = if lookbehind {
                        shape.lookbehind = true;
                        open_lookbehinds += 1;
                        at += 3;
                        (false, true)
                    } else if follows("?=") || follows("?!") {
                        at += 2;
                        (false, true)
                    } else if follows("?<") {
                        let end = position_of(&chars, at, '>');
                        let name = chars[(at + 2).min(end)..end].iter().collect();
                        shape
                            .names
                            .entry(name)
                            .or_default()
                            .push(shape.captures.len() + 1);
                        at = end + 1;
                        (true, false)
                    } else {
                        // `(?:` and modifiers (`(?i:`) capture nothing; their rest is read as
                        // plain characters.
                        (!follows("?"), false)
                    };
                    let captures_before = shape.captures.len();
                    let capture = captures.then(|| {
                        shape.captures.push(Capture {
                            open: start,
                            close: chars.len(),
                            repeated: false,
                            in_lookaround: false,
                        });
                        shape.captures.len()
                    });
                    open.push(Open {
                        capture,
                        lookaround,
                        lookbehind,
                        captures_before,
                        holds_choices: false,
                    });
                }
                ')' => {
                    if let Some(group) = open.pop() {
                        if let Some(number) = group.capture {
                            shape.captures[number - 1].close = start;
                        }
                        if group.lookbehind {
                            open_lookbehinds -= 1;
                        }
                        if group.lookaround {
                            for capture in &mut shape.captures[group.captures_before..] {
                                capture.in_lookaround = true;
                            }
                        }
                        if let Some(parent) = open.last_mut() {
                            parent.holds_choices |= group.holds_choices;
                        }
                        closed = Some(group);
                    }
                }
                '|' => match open.last_mut() {
                    Some(group) => group.holds_choices = true,
                    None => top_level_choice = true,
                },
                _ => {}
            }
            let (repetition, end) = quantifier(&chars, at);
            at = end;
            if repetition == Repetition::AtMostOnce {
                continue;
            }
            shape.unbounded_lookbehind |=
                repetition == Repetition::Unbounded && open_lookbehinds > 0;
            shape.repetitions += 1;
            if let Some(group) = open.last_mut() {
                group.holds_choices = true;
            }
            if let Some(group) = closed {
                shape.nested_repetition |= group.holds_choices;
                for capture in &mut shape.captures[group.captures_before..] {
                    capture.repeated = true;
                }
            }
        }
        shape.anchored = source.starts_with('^') && !top_level_choice && !flags.contains('m');
        shape
    }

    /// How the backreference whose backslash is at `at` (in characters) may be translated;
    /// `None` when there is none there.
    pub fn backreference(
        &self,
        at: usize,
        unicode: bool,
        case_insensitive: bool,
    ) -> Option<Backreference> {
        let number = match self.backreferences.get(&at)? {
            // Without `u` and without named groups, `\k` is the letter.
            Written::Name(_) if self.names.is_empty() && !unicode => {
                return Some(Backreference::Text);
            }
            Written::Name(name) => match self.names.get(name).map(Vec::as_slice) {
                Some(&[number]) => number,
                _ => return Some(Backreference::Untranslatable),
            },
            // Without `u`, a number above the groups' is an octal escape or a digit.
            Written::Number(number) if *number > self.captures.len() && !unicode => {
                return Some(Backreference::Text);
            }
            Written::Number(number) => *number,
        };
        let Some(capture) = number
            .checked_sub(1)
            .and_then(|index| self.captures.get(index))
        else {
            return Some(Backreference::Untranslatable);
        };
        let inside_its_group = capture.open < at && at < capture.close;
        let same = !case_insensitive
            && !self.lookbehind
            && !capture.repeated
            && !capture.in_lookaround
            && !inside_its_group;
        Some(if same {
            Backreference::Group(number)
        } else {
            Backreference::Untranslatable
        })
    }

    /// Whether a lookbehind holds a repetition without a maximum: `fancy-regex` matches one by
    /// a scan back from each position of the text, which its budget does not count (`(?<=a+)b`
    /// took time in the square of the text, and more nested in a lookahead), so such a pattern
    /// is left to `regress` and its bound on the text.
    pub fn has_unbounded_lookbehind(&self) -> bool {
        self.unbounded_lookbehind
    }

    /// The longest text, in characters, that `regress`, which backtracks without bound, is left
    /// to match this pattern on: about 2^20 ways through a pattern where a repeated group holds
    /// choices, else about [`BACKTRACKING_STEPS`] for a search that may try each repetition at
    /// each length, from each start of the text unless the pattern is anchored there (`n^(r+1)`
    /// for `r` repetitions, `n^r` anchored).
    pub fn backtracking_text_limit(&self) -> usize {
        if self.nested_repetition {
            return EXPONENTIAL_TEXT_LIMIT;
        }
        let degree = (self.repetitions + usize::from(!self.anchored)).max(1) as f64;
        BACKTRACKING_STEPS.powf(degree.recip()) as usize
    }
}

/// The position of the first `c` from `at`, or the end.
fn position_of(chars: &[char], at: usize, c: char) -> usize {
    chars[at..]
        .iter()
        .position(|&found| found == c)
        .map_or(chars.len(), |offset| at + offset)
}

/// Where the class opened at `at - 1` ends (after its `]`). Under the `v` flag classes nest.
fn class_end(chars: &[char], mut at: usize, nested: bool) -> usize {
    let mut depth = 1;
    while at < chars.len() {
        match chars[at] {
            '\\' => at += 1,
            '[' if nested => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    chars.len()
}

/// How often what a quantifier follows may be matched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repetition {
    /// Once at most: no quantifier, `?`, `{0}`, `{1}`, `{0,1}`.
    AtMostOnce,
    /// Up to a maximum above one.
    Bounded,
    /// Without a maximum: `*`, `+`, `{n,}`.
    Unbounded,
}

/// The repetition of the quantifier starting at `at`, if any, and where what follows it (its
/// lazy `?` included) starts.
fn quantifier(chars: &[char], at: usize) -> (Repetition, usize) {
    let (repetition, end) = match chars.get(at) {
        Some('*' | '+') => (Repetition::Unbounded, at + 1),
        Some('?') => (Repetition::AtMostOnce, at + 1),
        Some('{') => {
            let close = position_of(chars, at, '}');
            let inside: String = chars[at + 1..close].iter().collect();
            let repetition = match maximum(&inside) {
                Some(_) if close == chars.len() => return (Repetition::AtMostOnce, at),
                Some(None) => Repetition::Unbounded,
                Some(Some(maximum)) if maximum > 1 => Repetition::Bounded,
                Some(Some(_)) => Repetition::AtMostOnce,
                None => return (Repetition::AtMostOnce, at),
            };
            (repetition, close + 1)
        }
        _ => return (Repetition::AtMostOnce, at),
    };
    let end = if chars.get(end) == Some(&'?') {
        end + 1
    } else {
        end
    };
    (repetition, end)
}

/// The maximum of a quantifier's `n`, `n,` or `n,m` (`Some(None)`: no maximum), or `None` for
/// a brace that is no quantifier (JavaScript reads it as text without `u`).
fn maximum(inside: &str) -> Option<Option<u64>> {
    let number = |text: &str| {
        (!text.is_empty() && text.chars().all(|c| c.is_ascii_digit()))
            .then(|| text.parse().unwrap_or(u64::MAX))
    };
    match inside.split_once(',') {
        None => number(inside).map(Some),
        Some((low, "")) => number(low).map(|_| None),
        Some((low, high)) => number(low).and(number(high)).map(Some),
    }
}
