//! JavaScript regular expressions, as Spectral compiles the patterns of a ruleset.
//!
//! A ruleset's patterns are written for JavaScript's `RegExp`: lookahead and lookbehind,
//! backreferences (`^(?=(...))\1$`), `\d` meaning ASCII digits only, `/re/i`-style flags. The
//! `regex` crate has no lookaround or backreferences and gives `\d` and `\w` Unicode meanings, so a
//! pattern would silently match something else or fail to compile. `regress` implements the
//! ECMAScript grammar and semantics themselves (ES2018+, with the `u`, `v`, `i`, `m` and `s`
//! flags), so a pattern means here what it means in Spectral.
//!
//! One gap remains: without the `u` flag JavaScript matches UTF-16 code units, `regress` matches
//! code points, so a pattern that splits a character outside the Basic Multilingual Plane into
//! its surrogate halves (`/^.$/` against an emoji: two units in JavaScript, one code point here)
//! answers differently.

use std::fmt;

mod linear;
mod shape;

/// A pattern compiled as JavaScript's `RegExp` would compile it.
#[derive(Debug, Clone)]
pub struct JsPattern {
    regex: regress::Regex,
    /// The same pattern for an engine that cannot take exponential time ([`linear`]), where it
    /// can be written for it.
    bounded: Option<Box<fancy_regex::Regex>>,
    /// The bounded engine means what JavaScript means on ASCII texts only (`i`, `\b`).
    ascii_texts: bool,
    /// The bounded engine means what JavaScript means only on texts whose lines end in `\n`
    /// (`^` and `$` under `m`).
    newline_texts: bool,
    /// The `y` flag: a match must start where the search starts, at the beginning of the text.
    sticky: bool,
    /// The `u` or `v` flag: the text is read by code points. Without it JavaScript reads it by
    /// UTF-16 code units, and a character beyond the BMP is two of them (`^..$` matches `😀`).
    by_code_points: bool,
    /// The longest text `regress` is left to match, where the bounded engine does not mean the
    /// same: a longer one could take it exponential or high polynomial time.
    backtracking_text_limit: usize,
    /// The text the pattern matches when it is only that (`eval\(`, `<script`, `/$`), found by
    /// a substring search: rulesets test such patterns against every description of a document,
    /// and a backtracking engine tries them at every position.
    literal: Option<Literal>,
}

/// A pattern of plain characters, maybe anchored at either end, maybe after `.+` (`.+\/$`, "a
/// path that ends with a slash", which a backtracking engine tries from every position of the
/// text, and again for every length of `.+`).
#[derive(Debug, Clone)]
struct Literal {
    text: String,
    at_start: bool,
    at_end: bool,
    /// Written after `.+`: at least one character `.` matches comes first.
    after_any: Option<Dot>,
}

/// What `.` matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dot {
    /// Any character but the line terminators: JavaScript's `.`.
    NotLineTerminator,
    /// Any character: under the `s` flag.
    Anything,
}

impl Dot {
    fn matches(self, c: char) -> bool {
        self == Dot::Anything || !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
    }
}

impl Literal {
    /// The literal `source` spells, if it is one: characters that are not syntax, or syntax
    /// characters escaped (`\.`), between an optional `^` and an optional `$`. Anything else
    /// (`\d`, a class, a quantifier, even `{}`, which JavaScript reads as text) is left to the
    /// regular expression.
    fn of(source: &str, dot: Dot) -> Option<Literal> {
        const SYNTAX: &str = "^$\\.*+?()[]{}|/-";
        let (at_start, rest) = match source.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, source),
        };
        // Only before a literal anchored at the end: a text ends with it or not, and then one
        // character before it is enough for `.+`.
        let (after_any, rest) = match rest.strip_prefix(".+") {
            Some(rest) if !at_start && rest.ends_with('$') => (Some(dot), rest),
            _ => (None, rest),
        };
        // `\$` is an escaped dollar, not an anchor; `\\$` is refused below with it.
        let (at_end, rest) = match rest.strip_suffix('$') {
            Some(rest) if !rest.ends_with('\\') => (true, rest),
            _ => (false, rest),
        };
        let mut text = String::with_capacity(rest.len());
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(escaped) if SYNTAX.contains(escaped) => text.push(escaped),
                    _ => return None,
                },
                '^' | '$' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' => {
                    return None;
                }
                c => text.push(c),
            }
        }
        if after_any.is_some() && !at_end {
            return None;
        }
        Some(Literal {
            text,
            at_start,
            at_end,
            after_any,
        })
    }

    fn is_match(&self, text: &str) -> bool {
        if let Some(dot) = self.after_any {
            return text.strip_suffix(self.text.as_str()).is_some_and(|before| {
                before
                    .chars()
                    .next_back()
                    .is_some_and(|last| dot.matches(last))
            });
        }
        match (self.at_start, self.at_end) {
            (false, false) => text.contains(&self.text),
            (true, false) => text.starts_with(&self.text),
            (false, true) => text.ends_with(&self.text),
            (true, true) => text == self.text,
        }
    }
}

/// Why a pattern does not compile, worded as JavaScript's `RegExp` constructor words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// A flag JavaScript does not know, or one written twice, or `u` together with `v`.
    InvalidFlags { flags: String },
    /// The expression itself is not valid JavaScript.
    InvalidSyntax {
        source: String,
        flags: String,
        reason: String,
    },
}

impl fmt::Display for PatternError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidFlags { flags } => {
                write!(
                    formatter,
                    "Invalid flags supplied to RegExp constructor '{flags}'"
                )
            }
            Self::InvalidSyntax {
                source,
                flags,
                reason,
            } => write!(
                formatter,
                "Invalid regular expression: /{source}/{flags}: {reason}"
            ),
        }
    }
}

impl std::error::Error for PatternError {}

impl JsPattern {
    /// Compiles a pattern as Spectral's `pattern` function reads it: `/source/flags` when the text
    /// is written between slashes (the last slash ends the source; the flags are lowercase
    /// letters), otherwise the whole text is the source, without flags.
    pub fn parse(written: &str) -> Result<Self, PatternError> {
        match split_slashes(written) {
            Some((source, flags)) => Self::new(source, flags),
            None => Self::new(written, ""),
        }
    }

    /// Compiles `source` with JavaScript `flags` (`dgimsuvy`, each at most once, not `u` with
    /// `v`). `g` and `d` change nothing for a yes/no test; `y` anchors the match at the start.
    pub fn new(source: &str, flags: &str) -> Result<Self, PatternError> {
        let mut regress_flags = regress::Flags::default();
        let mut sticky = false;
        let mut seen = String::new();
        for flag in flags.chars() {
            if seen.contains(flag) {
                return Err(PatternError::InvalidFlags {
                    flags: flags.to_owned(),
                });
            }
            seen.push(flag);
            match flag {
                'i' => regress_flags.icase = true,
                'm' => regress_flags.multiline = true,
                's' => regress_flags.dot_all = true,
                'u' => regress_flags.unicode = true,
                'v' => regress_flags.unicode_sets = true,
                'y' => sticky = true,
                'g' | 'd' => {}
                _ => {
                    return Err(PatternError::InvalidFlags {
                        flags: flags.to_owned(),
                    });
                }
            }
        }
        if regress_flags.unicode && regress_flags.unicode_sets {
            return Err(PatternError::InvalidFlags {
                flags: flags.to_owned(),
            });
        }
        let regex = regress::Regex::with_flags(source, regress_flags).map_err(|error| {
            PatternError::InvalidSyntax {
                source: source.to_owned(),
                flags: flags.to_owned(),
                reason: error.text,
            }
        })?;
        // Flags that change what plain characters or anchors match (`i`, `m`, `y`, `v`'s
        // classes) leave the pattern to the regular expression.
        let dot = if flags.contains('s') {
            Dot::Anything
        } else {
            Dot::NotLineTerminator
        };
        let literal = flags
            .chars()
            .all(|flag| matches!(flag, 'g' | 'd' | 's' | 'u'))
            .then(|| Literal::of(source, dot))
            .flatten();
        let shape = shape::Shape::of(source, flags);
        let translation = linear::translate(source, flags, &shape);
        let bounded = translation.as_ref().and_then(|translated| {
            fancy_regex::RegexBuilder::new(&translated.pattern)
                .backtrack_limit(linear::BACKTRACK_LIMIT)
                .build()
                .ok()
                .map(Box::new)
        });
        Ok(Self {
            regex,
            bounded,
            ascii_texts: translation.as_ref().is_some_and(|t| t.ascii_texts),
            newline_texts: translation.as_ref().is_some_and(|t| t.newline_texts),
            sticky,
            by_code_points: flags.contains(['u', 'v']),
            literal,
            backtracking_text_limit: shape.backtracking_text_limit(),
        })
    }

    /// `RegExp.prototype.test` from the start of `text`: Spectral resets `lastIndex` before every
    /// test, so the `g` flag never carries a position from one value to the next. `None` when the
    /// answer would take more than [`linear::BACKTRACK_LIMIT`] steps of backtracking, or when
    /// only `regress` means what JavaScript means and the text is longer than the pattern's
    /// shape lets it match in bounded time: the pattern and the text together are too costly to
    /// decide, and callers report nothing for it.
    pub fn test(&self, text: &str) -> Option<bool> {
        if let Some(literal) = &self.literal {
            return Some(literal.is_match(text));
        }
        // A match starting at 0 is the leftmost one, so the first match answers for `y` too.
        let answer = |start: Option<usize>| start.is_some_and(|start| !self.sticky || start == 0);
        let limit = self.backtracking_text_limit;
        if !self.by_code_points && text.chars().any(|c| c > '\u{FFFF}') {
            // Only `regress` reads a text by code units as JavaScript does.
            let units: Vec<u16> = text.encode_utf16().collect();
            return (units.len() <= limit).then(|| {
                answer(
                    self.regex
                        .find_from_ucs2(&units, 0)
                        .next()
                        .map(|found| found.start()),
                )
            });
        }
        let means_the_same = (!self.ascii_texts || text.is_ascii())
            && (!self.newline_texts || !text.contains(['\r', '\u{2028}', '\u{2029}']));
        match &self.bounded {
            Some(bounded) if means_the_same => bounded
                .find(text)
                .ok()
                .map(|found| answer(found.map(|found| found.start()))),
            _ => (text.len() <= limit || text.chars().count() <= limit)
                .then(|| answer(self.regex.find(text).map(|found| found.start()))),
        }
    }

    /// Whether `text` is found not to match: an answer [`JsPattern::test`] gives up on is no
    /// failure.
    pub fn rejects(&self, text: &str) -> bool {
        self.test(text) == Some(false)
    }
}

/// `/source/flags` split as Spectral's `^\/(.+)\/([a-z]*)$` splits it: the source is greedy (the
/// last slash before the flags closes it), cannot be empty, and, as `.` in JavaScript, holds no
/// line terminator.
fn split_slashes(written: &str) -> Option<(&str, &str)> {
    let inner = written.strip_prefix('/')?;
    let closing = inner.rfind('/')?;
    let (source, flags) = (&inner[..closing], &inner[closing + 1..]);
    let is_line_terminator = |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    if source.is_empty()
        || source.contains(is_line_terminator)
        || !flags.chars().all(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    Some((source, flags))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        JsPattern::parse(pattern)
            .expect("pattern compiles")
            .test(text)
            .expect("decided")
    }

    #[test]
    fn a_bare_pattern_is_the_whole_text() {
        assert!(matches("[abc]+", "abc"));
        assert!(!matches("^[abc]+$", "abd"));
        // No closing slash: the text is a bare pattern, slash included.
        assert!(matches("/abc", "x/abcx"));
    }

    #[test]
    fn without_u_a_text_is_read_by_utf16_code_units() {
        // Each as JavaScript (and Spectral 6.16.3) answers: `😀` is two code units, and a
        // class or `.` matches one of them.
        assert!(matches("^..$", "😀"));
        assert!(!matches("^.$", "😀"));
        assert!(!matches("^[^a]$", "😀"));
        assert!(!matches("^\\S$", "😀"));
        assert!(!matches("^[😀]$", "😀"));
        assert!(matches("^😀$", "😀"));
        assert!(matches("/^.$/u", "😀"));
        assert!(matches("/^[😀]$/u", "😀"));
        assert!(matches("/^.{2}x$/y", "😀x"));
    }

    #[test]
    fn slashes_carry_flags() {
        assert!(matches("/[abc]+/", "abc"));
        assert!(matches("/[abc]+/im", "aBc"));
        assert!(!matches("/^[abc]+$/", "aBc"));
        assert!(matches("/^x-/i", "X-Rate-Limit"));
        // The source is greedy: the last slash closes it.
        assert!(matches("/a/b/", "a/b"));
    }

    #[test]
    fn global_flag_does_not_carry_a_position_between_tests() {
        let pattern = JsPattern::parse("/[abc]+/gi").unwrap();
        for _ in 0..3 {
            assert_eq!(pattern.test("abc"), Some(true));
        }
    }

    #[test]
    fn sticky_flag_anchors_at_the_start() {
        assert!(matches("/b/y", "bc"));
        assert!(!matches("/b/y", "ab"));
    }

    #[test]
    fn javascript_features_the_regex_crate_lacks() {
        // Lookahead with a backreference: an atomic group written the JavaScript way.
        assert!(matches(r"^(?=(a+))\1b$", "aaab"));
        assert!(matches(r"^(?!.*\.\.).+$", "a.b"));
        assert!(!matches(r"^(?!.*\.\.).+$", "a..b"));
        assert!(matches(r"(?<=\$)\d+", "$42"));
        // `\d` is ASCII only, as in JavaScript.
        assert!(!matches(r"^\d$", "٣"));
    }

    #[test]
    fn unknown_or_repeated_flags_are_refused_as_javascript_refuses_them() {
        for flags in ["invalid", "ii", "uv"] {
            let error = JsPattern::parse(&format!("/[abc]+/{flags}")).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("Invalid flags supplied to RegExp constructor '{flags}'")
            );
        }
    }

    #[test]
    fn invalid_syntax_names_the_pattern() {
        let error = JsPattern::parse("?").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("Invalid regular expression: /?/: "),
            "{error}"
        );
    }

    #[test]
    fn plain_patterns_match_as_the_regular_expression_does() {
        for (pattern, text, expected) in [
            (r"eval\(", "x eval( y", true),
            (r"eval\(", "evaluate", false),
            (r"example\.com", "https://example.com/", true),
            (r"example\.com", "https://exampleXcom/", false),
            ("/$", "a/", true),
            ("/$", "a/\n", false),
            ("^/a", "/a/b", true),
            ("^/a", "b/a", false),
            ("^ab$", "ab", true),
            (r"a\$", "a$", true),
            (r"a\\$", "a\\", true),
            ("{}", "a{}b", true),
            ("/<script/", "<script>", true),
            ("/<SCRIPT/i", "<script>", true),
            (r".+\/$", "/a/", true),
            (r".+\/$", "/", false),
            (r".+\/$", "//", true),
            (r".+\/$", "a\n/", false),
            (r"/.+\/$/s", "a\n/", true),
            (r".+\/$", "é/", true),
            (r".+\/$", "a/b", false),
            (r".+\/$", "a/\n", false),
            (".+ab$", "xab", true),
            (".+ab$", "ab", false),
            (".+$", "a", true),
            (".+$", "", false),
            (".+$", "\u{2028}", false),
        ] {
            let compiled = JsPattern::parse(pattern).unwrap();
            assert_eq!(compiled.test(text), Some(expected), "{pattern} on {text:?}");
            assert_eq!(
                compiled.regex.find(text).is_some(),
                expected,
                "{pattern} on {text:?}"
            );
        }
        assert!(JsPattern::parse(r"eval\(").unwrap().literal.is_some());
        assert!(JsPattern::parse(r"\d").unwrap().literal.is_none());
        assert!(JsPattern::parse("/a/i").unwrap().literal.is_none());
        assert!(JsPattern::parse(r".+\/$").unwrap().literal.is_some());
        assert!(JsPattern::parse(r".+\/").unwrap().literal.is_none());
        assert!(JsPattern::parse(r"^.+\/$").unwrap().literal.is_none());
        assert!(JsPattern::parse(r"/.+\/$/s").unwrap().literal.is_some());
    }

    /// Each pattern is matched by the bounded engine, and answers as `regress` on each text.
    fn bounded_and_as_regress(patterns: &[&str], texts: &[&str]) {
        for pattern in patterns {
            let compiled = JsPattern::parse(pattern).expect(pattern);
            assert!(compiled.bounded.is_some(), "{pattern} is not bounded");
            answers_as_regress(&compiled, pattern, texts);
        }
    }

    fn answers_as_regress<T: AsRef<str>>(compiled: &JsPattern, pattern: &str, texts: &[T]) {
        for text in texts.iter().map(AsRef::as_ref) {
            let javascript = compiled.regex.find(text).is_some();
            assert_eq!(
                compiled.test(text),
                Some(javascript),
                "{pattern} on {text:?}"
            );
        }
    }

    #[test]
    fn the_bounded_engine_answers_as_javascript_s_does() {
        let patterns = [
            r"^[a-z][a-zA-Z0-9]*$",
            r"^\d{3}-\d{4}$",
            r"\w+@\w+\.\w{2,}",
            r"^\s*$",
            r"\S",
            r"\bid\b",
            r"\Bd",
            r"^a.c$",
            r"/^a.c$/s",
            r"/^b$/m",
            r"/a$/m",
            r"/^x-[a-z]+$/i",
            r"/[A-Z]/i",
            r"/^.$/u",
            r"/\u{1F600}/u",
            r"\u00e9",
            r"\x41",
            r"\cJ",
            r"\0",
            r"a{2}",
            r"a{2,}b",
            r"a{,2}",
            r"{}",
            r"x{a}",
            r"[\]\-a]",
            r"[^\d\s]",
            r"[a-]",
            r"[--z]",
            r"[\b]",
            r"[.*+?^${}()|[\]\\]",
            r"^(?=.*[A-Z])(?=.*\d).{8,}$",
            r"(?<!\$)\d+",
            r"(?<=a|bc)d",
            r"(?<=a{2}b?)c",
            r"(?<year>\d{4})-\d{2}",
            r"^(?:https?|ftp)://[^\s/$.?#].[^\s]*$",
            r"a|b|",
            r"^[\w.-]+$",
            r"\/",
            r"#",
            r"&&",
            r"[&&~~-]",
            r"^\$ref$",
            r"\p",
            r"\a",
        ];
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "a\nc",
            "a\rc",
            "a\u{2028}c",
            "aXc",
            "A",
            "é",
            "É",
            "\u{1F600}",
            "123-4567",
            "x-rate",
            "X-Rate",
            "id",
            "an id here",
            "hid",
            "user@example.com",
            " ",
            "\t\n",
            "\u{a0}",
            "\u{85}",
            "\u{feff}",
            "Password1",
            "password",
            "$42",
            "42",
            "2024-01",
            "aa",
            "aab",
            "a{,2}",
            "{}",
            "x{a}",
            "]",
            "-",
            "z",
            "\u{8}",
            "\n",
            "\0",
            "a\nb\nc",
            "http://x.io/a",
            "ftp://",
            "^",
            "[",
            "&",
            "~",
            "#",
            "/",
            "$ref",
            "p",
            "a",
            "٣",
            "A",
            "b\n",
            "éid é",
            "idé",
            "a\r\nb",
            "b\rc",
            "x\u{2028}b",
        ];
        bounded_and_as_regress(&patterns, &texts);
        // Under `i`, a character JavaScript does not fold as Unicode does (the Kelvin sign).
        assert!(!matches(r"/\u212A/i", "k"));
        assert!(JsPattern::parse(r"/\u212A/i").unwrap().bounded.is_none());
        // Word boundaries and `m`'s anchors stay linear on long texts.
        let long = "x".repeat(400_000);
        assert_eq!(
            JsPattern::parse(r"\bfoo\b").unwrap().test(&long),
            Some(false)
        );
        assert_eq!(
            JsPattern::parse("/^foo$/m").unwrap().test(&long),
            Some(false)
        );
        // What keeps `regress`: a backreference that may mean something else in `fancy-regex`
        // (its group repeated, in a lookaround, around it, or under `i`), a property under `i`,
        // the `v` flag, a surrogate.
        for pattern in [
            r"(?:(a)|b)+\1",
            r"(?=(a))\1",
            r"(a\1)",
            r"/(a)\1/i",
            r"/\p{L}/iu",
            r"/[\p{L}--[a-z]]/v",
            r"\uD83D",
        ] {
            assert!(
                JsPattern::parse(pattern).unwrap().bounded.is_none(),
                "{pattern}"
            );
        }
    }

    #[test]
    fn backreferences_properties_and_empty_classes_are_bounded_where_they_mean_the_same() {
        let patterns = [
            r"^(a)\1$",
            r"^\1(a)$",
            r"(?:(a)|b)\1$",
            r"^(a)?b\1$",
            r"^(?<n>ab)-\k<n>$",
            r"^(\w+)-\1$",
            r"\k<n>",
            r"(a)\2",
            r"(a)\8",
            r"\k",
            r"[\D]",
            r"[\Sa]",
            r"[^\W]",
            r"[\d-b]",
            r"[a-\d]",
            "[]",
            "[^]",
            "a[]",
            "^[^]$",
            r"/^\p{Lu}\p{Ll}+$/u",
            r"/\P{L}/u",
            r"/[\p{Script=Greek}\d]/u",
        ];
        let texts = [
            "", "a", "aa", "b", "ab", "aba", "ba", "abb", "ab-ab", "ab-ba", "xy-xy", "xy-yx", "k",
            "k<n>", "\u{1}", "a\u{1}", "a8", "8", "1", "-", "Ab", "Ωmega", "Ωμ", "α", "1-b", "é",
            " ", "\n",
        ];
        bounded_and_as_regress(&patterns, &texts);
    }

    #[test]
    fn generated_patterns_answer_as_regress_does() {
        // Patterns put together from pieces that touch every case of the translation of
        // groups and backreferences, each tested on every short text of `ab-1`: wherever the
        // bounded engine is used, it must answer as `regress`.
        let pieces = [
            "a",
            "b",
            "(a)",
            "(b|a)",
            "(?:a|)",
            "(?:(a)|b)",
            "(a\\1)",
            "(?=(a))",
            "(?<n>a)",
            "\\1",
            "\\2",
            "\\k<n>",
            "[\\D]",
            "[^a]",
            "[]",
            "[^]",
            "[\\d-a]",
            "*",
            "+",
            "?",
            "{2}",
            "{1,}",
            "|",
            "(?=a)",
            "(?!b)",
            "^",
            "$",
            "(",
            ")",
            "\\b",
            ".",
        ];
        let alphabet = ['a', 'b', '-', '1'];
        let mut texts = vec![String::new()];
        for length in 1..=4 {
            for index in 0..alphabet.len().pow(length) {
                let mut rest = index;
                texts.push(
                    (0..length)
                        .map(|_| {
                            let c = alphabet[rest % alphabet.len()];
                            rest /= alphabet.len();
                            c
                        })
                        .collect(),
                );
            }
        }
        let mut next = crate::test_support::sequence(0x9E37_79B9_7F4A_7C15);
        let mut compared = 0;
        for _ in 0..10_000 {
            let length = 1 + next(7);
            let pattern: String = (0..length).map(|_| pieces[next(pieces.len())]).collect();
            let Ok(compiled) = JsPattern::parse(&pattern) else {
                continue;
            };
            if compiled.bounded.is_none() {
                continue;
            }
            compared += 1;
            answers_as_regress(&compiled, &pattern, &texts);
        }
        assert!(compared > 1_000, "only {compared} patterns compared");
    }

    #[test]
    fn regress_is_left_only_texts_it_can_match_in_bounded_time() {
        // A lookbehind of unbounded length keeps `regress`, which decides texts as long as its
        // shape allows: one repetition, time in the square of the text.
        let lookbehind = JsPattern::parse(r"(?<=a+)b").unwrap();
        assert!(lookbehind.bounded.is_none());
        assert_eq!(lookbehind.test(&"a".repeat(5_000)), Some(false));
        assert_eq!(lookbehind.test(&"a".repeat(50_000)), None);
        assert_eq!(lookbehind.test("aab"), Some(true));
        // A backreference to a repeated group keeps `regress`, whose backtracking on this takes
        // longer than anyone waits: beyond the length its shape allows, it is undecided.
        let exponential = JsPattern::parse(r"^(?:(a)|a)*\1x$").unwrap();
        assert!(exponential.bounded.is_none());
        assert_eq!(exponential.test("aaax"), Some(true));
        assert_eq!(exponential.test(&format!("{}!", "a".repeat(64))), None);
        // The bounded engine, where the backreference means the same: undecided, not stuck.
        let bounded = JsPattern::parse(r"^(a|a)*(x)\2$").unwrap();
        assert!(bounded.bounded.is_some());
        assert_eq!(bounded.test(&format!("{}!", "a".repeat(64))), None);
        assert_eq!(bounded.test("aaxx"), Some(true));
        // Under `i` with a non-ASCII text, `regress` decides where one repetition leaves it
        // polynomial, on a long text too.
        let polynomial = JsPattern::parse(r"/^[a-z]+é$/i").unwrap();
        assert_eq!(
            polynomial.test(&format!("{}É", "A".repeat(50_000))),
            Some(true)
        );
    }

    #[test]
    fn catastrophic_backtracking_is_not_waited_for() {
        // `regress` takes minutes on this; the bounded engine's automaton answers at once.
        let text = format!("{}b", "a".repeat(64));
        assert!(!matches(r"^(a+)+$", &text));
        assert!(!matches(r"^(a|aa)+$", &text));
        // Inside a lookahead, the backtracking is bounded: undecided rather than stuck.
        let within = JsPattern::parse(r"^(?=(a+)+$)").unwrap();
        assert_ne!(within.test(&text), Some(true));
    }

    #[test]
    fn redundant_escapes_are_allowed_without_the_unicode_flag() {
        assert!(matches(r"[\_-]", "_"));
        assert!(JsPattern::parse(r"/[\_-]/u").is_err());
    }
}
