//! Text from documents, shown so that a terminal or a Markdown viewer shows it instead of acting
//! on it. A file name, a rule name, a message or a quoted source line can hold what a reader must
//! not receive raw: a line break (one diagnostic would read as two, or forge a line of its own),
//! an escape sequence (`ESC [2J` clears the screen, `ESC ]0;…BEL` retitles the window, backspace
//! rewrites what was shown) or a bidirectional override that reorders the characters around it
//! (Trojan Source, CVE-2021-42574). Each is written as Rust writes it in a string: `\n`, `\r`,
//! and `\u{1b}` for the rest, in lowercase hex. A tab stays: it is whitespace every viewer shows
//! as such. A backslash stays too: the escapes are for reading, not for reading back.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a viewer would act on `c` instead of showing it: a control character (C0, DEL, C1,
/// which holds the 8-bit CSI) but the tab, a Unicode line or paragraph separator, or a
/// bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), the characters
/// rustc refuses in literals for the same reason.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c` as its escape: `\n`, `\r`, or `\u{…}`.
pub fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` on one line with nothing hidden: every hidden character, line breaks included, as its
/// escape.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escaped(text, is_hidden)
}

/// `text` with nothing hidden but its line feeds, for text laid out on lines of its own (a
/// note): a carriage return is escaped, since it would let the line's end overwrite its start.
pub fn keeping_line_feeds(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c != '\n' && is_hidden(c))
}

/// Prose whose line breaks are only its layout (a checklist's item, a Markdown table cell) on one
/// line: each line break (CR LF, LF, CR, U+2028, U+2029) a space, every other hidden character
/// its escape.
pub fn reflowed(text: &str) -> Cow<'_, str> {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    if !text.contains(is_break) {
        return one_line(text);
    }
    let spaced = text.replace("\r\n", " ").replace(is_break, " ");
    Cow::Owned(one_line(&spaced).into_owned())
}

/// `text` with each character `escape` picks written as its escape; borrowed when there is none.
fn escaped(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.find(&escape) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_escapes_and_bidi_controls_are_written_visibly() {
        assert_eq!(
            one_line("a\nb\r\nc\u{1b}[2J\u{7}\u{8}\u{0}\u{9b}\u{202e}\u{2066}\u{2028}d"),
            "a\\nb\\r\\nc\\u{1b}[2J\\u{7}\\u{8}\\u{0}\\u{9b}\\u{202e}\\u{2066}\\u{2028}d"
        );
        assert_eq!(keeping_line_feeds("a\r\nb\u{1b}"), "a\\r\nb\\u{1b}");
        assert_eq!(
            reflowed("a\r\nb\nc\rd\u{2029}e\u{202e}"),
            "a b c d e\\u{202e}"
        );
    }

    #[test]
    fn tabs_backslashes_and_other_text_stay() {
        for text in ["a\tb", "C:\\x", "Straße → 決済", "\u{200e}", ""] {
            assert!(matches!(one_line(text), Cow::Borrowed(same) if same == text));
        }
    }
}
