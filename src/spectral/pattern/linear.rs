//! A JavaScript pattern rewritten for `fancy-regex`, whose plain parts run on the `regex` crate's
//! automata, in time linear in the text, and whose lookarounds run on a backtracking machine
//! bounded by [`BACKTRACK_LIMIT`].
//!
//! `regress` backtracks without a bound, as JavaScript engines do: `^(a+)+$` against thirty `a`s
//! and a `b` takes minutes. Such a pattern can be written in the document being checked (an
//! OpenAPI schema's `pattern` beside its `example`), so a repository could stall its own CI.
//! `regress` stays the judge of what a pattern means (it compiles every pattern, and words the
//! errors); this rewriting is used for matching wherever it means exactly the same, and gives up
//! (`None`) on the rest: the `v` flag's set notation, surrogate escapes, non-ASCII characters
//! and Unicode properties under `i`, the backreferences [`Shape::backreference`] cannot vouch
//! for, and lookbehinds of unbounded length ([`Shape::has_unbounded_lookbehind`]). Those few keep `regress`, on texts as long as [`Shape::backtracking_text_limit`]
//! allows.
//!
//! A backreference to a group that did not take part matches the empty text in JavaScript and
//! nothing in `fancy-regex`: it is written as the condition `(?(n)\n|)`, which matches the
//! group's text when it took part and the empty text when it did not. Unicode properties
//! (`\p{Lu}`, `\p{Script=Greek}`) are written as they are: the `regex` crate knows every name
//! JavaScript does, and `regress` has refused the others (the two crates' Unicode tables may be
//! of different versions: a character assigned in the newest one can answer differently).
//!
//! Everything else is written out as what JavaScript means by it rather than trusting the two
//! dialects to agree: `\d`, `\w`, `\s` and `.` as explicit classes, every character that is not
//! a letter or a digit as `\x{...}`, and `{` as text where JavaScript reads it as text. Some
//! things mean the same in both only on some texts, and the translation says which
//! ([`Translation`]): `\b` and `\B` (Unicode word boundaries in `fancy-regex`, ASCII ones in
//! JavaScript) and the `i` flag (Unicode case folding against JavaScript's) on ASCII texts, and
//! `^` and `$` under `m` on texts whose only line terminator is `\n`. Written as lookarounds
//! instead, they would send every search through the bounded backtracking, which gives up on
//! long texts. (Without `u`, `\u{41}` is a `u` repeated 41 times, as JavaScript reads it; regress
//! reads an `A`, so where the translation is used, it decides.)

/// The steps the backtracking part of a match may take before it gives up, undecided.
pub const BACKTRACK_LIMIT: usize = 1_000_000;

use super::shape::{Backreference, Shape};

/// JavaScript's `\s`: WhiteSpace and LineTerminator.
const SPACE: &str = r"\x{9}-\x{D}\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
const LINE_TERMINATOR: &str = r"\x{A}\x{D}\x{2028}\x{2029}";

/// A pattern written for `fancy-regex`, and the texts it means there what it means in JavaScript.
pub struct Translation {
    pub pattern: String,
    /// Only on ASCII texts (`\b`, `\B`, the `i` flag).
    pub ascii_texts: bool,
    /// Only on texts without `\r`, U+2028 or U+2029 (`^` and `$` under `m`).
    pub newline_texts: bool,
}

/// The pattern `source` with JavaScript `flags` as `fancy-regex` reads it, or `None` where the two
/// would not mean the same on any text. Under `i` every character the pattern names must be
/// ASCII, where the two case foldings agree (JavaScript does not fold the Kelvin sign to `k`).
/// `shape` is the pattern's, read beforehand.
pub fn translate(source: &str, flags: &str, shape: &Shape) -> Option<Translation> {
    if shape.has_unbounded_lookbehind() {
        return None;
    }
    let mut case_insensitive = false;
    let mut multiline = false;
    let mut dot_all = false;
    for flag in flags.chars() {
        match flag {
            'g' | 'd' | 'y' | 'u' => {}
            's' => dot_all = true,
            'm' => multiline = true,
            'i' => case_insensitive = true,
            _ => return None,
        }
    }
    let mut writer = Writer {
        shape,
        chars: source.chars().collect(),
        at: 0,
        out: String::with_capacity(source.len() * 2),
        unicode: flags.contains('u'),
        dot_all,
        case_insensitive,
        word_boundaries: false,
    };
    if case_insensitive {
        writer.out.push_str("(?i)");
    }
    if multiline {
        writer.out.push_str("(?m)");
    }
    writer.expression()?;
    Some(Translation {
        pattern: writer.out,
        ascii_texts: case_insensitive || writer.word_boundaries,
        newline_texts: multiline,
    })
}

struct Writer<'s> {
    shape: &'s Shape,
    chars: Vec<char>,
    at: usize,
    out: String,
    unicode: bool,
    dot_all: bool,
    case_insensitive: bool,
    /// Whether `\b` or `\B` was written.
    word_boundaries: bool,
}

/// One item of a class: a character, or a set (`\d`, `\D`, `\p{L}`) written as a class's
/// contents.
enum ClassAtom {
    Char(char),
    Set(String),
}

impl Writer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(offset, c)| self.peek(offset) == Some(c))
    }

    /// Writes `c` as text; `None` for a character the two case foldings may not agree on.
    fn push_char(&mut self, c: char) -> Option<()> {
        if self.case_insensitive && !c.is_ascii() {
            return None;
        }
        if c.is_ascii_alphanumeric() {
            self.out.push(c);
        } else {
            self.out.push_str(&format!(r"\x{{{:X}}}", c as u32));
        }
        Some(())
    }

    fn expression(&mut self) -> Option<()> {
        while let Some(c) = self.peek(0) {
            self.at += 1;
            match c {
                '\\' => self.escape()?,
                '.' if self.dot_all => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
                '.' => self.out.push_str(&format!("[^{LINE_TERMINATOR}]")),
                '[' => self.class()?,
                '(' => self.group()?,
                ')' | '|' | '*' | '+' | '?' => self.out.push(c),
                '^' | '$' => self.out.push(c),
                '{' => match self.quantifier() {
                    Some(quantifier) => self.out.push_str(&quantifier),
                    // Outside the `u` flag, JavaScript reads a brace that is no quantifier as
                    // text; `regress` has refused it already under `u`.
                    None => self.push_char('{')?,
                },
                c => self.push_char(c)?,
            }
        }
        Some(())
    }

    /// The rest of a `{n}`, `{n,}` or `{n,m}` quantifier after its `{`, consumed, or `None`
    /// (nothing consumed) when the brace is not one.
    fn quantifier(&mut self) -> Option<String> {
        let mut offset = 0;
        let mut text = String::from("{");
        let mut digits = 0;
        let mut comma = false;
        loop {
            match self.peek(offset)? {
                '0'..='9' => {
                    digits += 1;
                    text.push(self.peek(offset)?);
                }
                ',' if !comma && digits > 0 => {
                    comma = true;
                    text.push(',');
                }
                '}' if digits > 0 => {
                    text.push('}');
                    self.at += offset + 1;
                    return Some(text);
                }
                _ => return None,
            }
            offset += 1;
        }
    }

    fn group(&mut self) -> Option<()> {
        if self.peek(0) != Some('?') {
            self.out.push('(');
            return Some(());
        }
        for opening in ["?:", "?=", "?!", "?<=", "?<!"] {
            if self.starts_with(opening) {
                self.at += opening.len();
                self.out.push('(');
                self.out.push_str(opening);
                return Some(());
            }
        }
        if self.starts_with("?<") {
            // A named group: the name matters to backreferences only, which are refused.
            let close = (self.at..self.chars.len()).find(|&at| self.chars[at] == '>')?;
            self.at = close + 1;
            self.out.push('(');
            return Some(());
        }
        None
    }

    /// An escape outside a class, after its backslash.
    fn escape(&mut self) -> Option<()> {
        let c = self.peek(0)?;
        match c {
            'b' | 'B' => {
                self.at += 1;
                // JavaScript's word boundary is ASCII's: the same on ASCII texts.
                self.word_boundaries = true;
                self.out.push('\\');
                self.out.push(c);
                Some(())
            }
            'D' | 'W' | 'S' => {
                self.at += 1;
                let set = set_of(c.to_ascii_lowercase())?;
                self.out.push_str(&format!("[^{set}]"));
                Some(())
            }
            '1'..='9' | 'k' => self.backreference(),
            _ => match self.class_atom(false)? {
                ClassAtom::Char(c) => self.push_char(c),
                ClassAtom::Set(set) => {
                    self.out.push_str(&format!("[{set}]"));
                    Some(())
                }
            },
        }
    }

    /// The character or set an escape stands for, after its backslash (`\b` is a backspace
    /// in a class, and an assertion outside, handled before).
    fn class_atom(&mut self, in_class: bool) -> Option<ClassAtom> {
        let c = self.peek(0)?;
        self.at += 1;
        let char_of = |code: u32| char::from_u32(code).map(ClassAtom::Char);
        match c {
            'd' | 'w' | 's' => set_of(c).map(|set| ClassAtom::Set(set.to_owned())),
            // In a class, the rare negated set is a class of its own inside it.
            'D' | 'W' | 'S' if in_class => {
                set_of(c.to_ascii_lowercase()).map(|set| ClassAtom::Set(format!("[^{set}]")))
            }
            'b' if in_class => char_of(8),
            't' => char_of(9),
            'n' => char_of(10),
            'v' => char_of(11),
            'f' => char_of(12),
            'r' => char_of(13),
            '0' if !self.peek(0).is_some_and(|next| next.is_ascii_digit()) => char_of(0),
            // Octal escapes in a class; backreferences are read before, outside.
            '0'..='9' | 'k' => None,
            // Outside `u`, `\p` is a `p`.
            'p' | 'P' if self.unicode => self.property(c).map(ClassAtom::Set),
            'c' => {
                let letter = self.peek(0).filter(char::is_ascii_alphabetic)?;
                self.at += 1;
                char_of(letter as u32 % 32)
            }
            'x' => match self.hex(2) {
                Some(code) => char_of(code),
                None => Some(ClassAtom::Char('x')),
            },
            'u' if self.unicode && self.peek(0) == Some('{') => {
                let close = (self.at..self.chars.len()).find(|&at| self.chars[at] == '}')?;
                let digits: String = self.chars[self.at + 1..close].iter().collect();
                self.at = close + 1;
                char_of(u32::from_str_radix(&digits, 16).ok()?)
            }
            // A surrogate is no character: `char_of` gives up on it.
            'u' => match self.hex(4) {
                Some(code) => char_of(code),
                None => Some(ClassAtom::Char('u')),
            },
            // An identity escape: the character itself.
            c => Some(ClassAtom::Char(c)),
        }
    }

    /// `digits` hexadecimal digits, consumed, or `None` (nothing consumed).
    fn hex(&mut self, digits: usize) -> Option<u32> {
        let text: String = (0..digits).map_while(|offset| self.peek(offset)).collect();
        if text.len() != digits || !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.at += digits;
        u32::from_str_radix(&text, 16).ok()
    }

    /// A class, after its `[`.
    fn class(&mut self) -> Option<()> {
        let negated = self.peek(0) == Some('^');
        if negated {
            self.at += 1;
        }
        // `[]` matches nothing and `[^]` anything.
        if self.peek(0) == Some(']') {
            self.at += 1;
            let anything = r"\x{0}-\x{10FFFF}";
            self.out.push_str(&if negated {
                format!("[{anything}]")
            } else {
                format!("[^{anything}]")
            });
            return Some(());
        }
        let mut contents = String::new();
        loop {
            let c = self.peek(0)?;
            if c == ']' {
                self.at += 1;
                break;
            }
            let first = self.class_item()?;
            if let ClassAtom::Char(c) = first
                && self.case_insensitive
                && !c.is_ascii()
            {
                return None;
            }
            let is_range = self.peek(0) == Some('-') && self.peek(1).is_some_and(|c| c != ']');
            // Outside `u` (which refuses it), a set at either end of a range leaves the `-`
            // a character: `[\d-z]` is a digit, `-` or `z`.
            match first {
                ClassAtom::Char(start) if is_range => {
                    self.at += 1;
                    match self.class_item()? {
                        ClassAtom::Char(end) => {
                            if self.case_insensitive && !end.is_ascii() {
                                return None;
                            }
                            contents.push_str(&format!(
                                r"\x{{{:X}}}-\x{{{:X}}}",
                                start as u32, end as u32
                            ));
                        }
                        ClassAtom::Set(set) => {
                            contents.push_str(&format!(r"\x{{{:X}}}\x{{2D}}", start as u32));
                            contents.push_str(&set);
                        }
                    }
                }
                ClassAtom::Char(c) => contents.push_str(&format!(r"\x{{{:X}}}", c as u32)),
                ClassAtom::Set(set) => {
                    contents.push_str(&set);
                    if is_range {
                        self.at += 1;
                        contents.push_str(r"\x{2D}");
                    }
                }
            }
        }
        self.out.push('[');
        if negated {
            self.out.push('^');
        }
        self.out.push_str(&contents);
        self.out.push(']');
        Some(())
    }

    fn class_item(&mut self) -> Option<ClassAtom> {
        let c = self.peek(0)?;
        self.at += 1;
        if c != '\\' {
            return Some(ClassAtom::Char(c));
        }
        self.class_atom(true)
    }

    /// A backreference, or what JavaScript reads instead when there is no such group, after
    /// its backslash.
    fn backreference(&mut self) -> Option<()> {
        let Some(written) =
            self.shape
                .backreference(self.at - 1, self.unicode, self.case_insensitive)
        else {
            // `\k` without a name after it is the letter, outside `u`.
            let letter = self.peek(0)?;
            self.at += 1;
            return if letter == 'k' && !self.unicode {
                self.push_char('k')
            } else {
                None
            };
        };
        if self.peek(0) == Some('k') {
            self.at += 1;
            match written {
                Backreference::Text => return self.push_char('k'),
                Backreference::Group(number) => {
                    self.at = (self.at..self.chars.len()).find(|&at| self.chars[at] == '>')? + 1;
                    self.out.push_str(&format!(r"(?({number})\{number}|)"));
                    return Some(());
                }
                Backreference::Untranslatable => return None,
            }
        }
        let digits = (0..)
            .map_while(|offset| self.peek(offset).filter(char::is_ascii_digit))
            .count();
        match written {
            Backreference::Group(number) => {
                self.at += digits;
                self.out.push_str(&format!(r"(?({number})\{number}|)"));
                Some(())
            }
            // A legacy octal escape of one digit, or an `8` or a `9`; longer ones stay with
            // `regress`.
            Backreference::Text if digits == 1 => {
                let digit = self.peek(0)?;
                self.at += 1;
                match digit.to_digit(8) {
                    Some(code) => self.push_char(char::from_u32(code)?),
                    None => self.push_char(digit),
                }
            }
            Backreference::Text | Backreference::Untranslatable => None,
        }
    }

    /// A Unicode property's escape under `u` (`\p{L}`, `\P{Script=Greek}`), after its `p`
    /// or `P`, as a class's contents; not under `i`, where the crates' case foldings of a
    /// property may differ.
    fn property(&mut self, letter: char) -> Option<String> {
        if self.case_insensitive || self.peek(0) != Some('{') {
            return None;
        }
        let close = (self.at..self.chars.len()).find(|&at| self.chars[at] == '}')?;
        let name: String = self.chars[self.at + 1..close].iter().collect();
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '=')
        {
            return None;
        }
        self.at = close + 1;
        Some(format!(r"\{letter}{{{name}}}"))
    }
}

/// What `\d`, `\w` and `\s` mean in JavaScript, as a class's contents.
fn set_of(letter: char) -> Option<&'static str> {
    match letter {
        'd' => Some(DIGIT),
        'w' => Some(WORD),
        's' => Some(SPACE),
        _ => None,
    }
}
