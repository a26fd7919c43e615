//! String `format`s as Spectral's Ajv checks them: with `ajv-formats` 2.1.1 in its full mode.
//! The jsonschema crate checks the same names by the RFCs' letter, and the two differ: the crate
//! refuses `example.com.`, `01.2.3.4`, `urn:uuid:…` and a `date-time` without an offset, which
//! Spectral accepts, and accepts `a@b` and quoted or bracketed e-mail addresses, which Spectral
//! refuses. A team moving from Spectral expects its verdicts, so these names are checked here,
//! written from `ajv-formats`' behaviour; the crate keeps the formats on which both agree.
//!
//! Every check reads ASCII only, as `ajv-formats`' patterns do (their `\d` is `[0-9]`, their
//! `/i` folds ASCII letters only). `json-pointer-uri-fragment` is `ajv-formats`' own (the crate
//! does not know it); `url`, which no specification defines, is an absolute URL with a host.

/// The check of `format: name` where it is ours, by name.
pub(crate) fn check(name: &str) -> Option<fn(&str) -> bool> {
    Some(match name {
        "date" => is_date,
        "time" => is_time,
        "date-time" => is_date_time,
        "email" => is_email,
        "hostname" => is_hostname,
        "ipv4" => is_ipv4,
        "uuid" => is_uuid,
        "byte" => is_base64,
        "regex" => is_javascript_regex,
        "uri-template" => is_uri_template,
        "url" => is_url,
        "json-pointer-uri-fragment" => is_json_pointer_uri_fragment,
        _ => return None,
    })
}

/// `YYYY-MM-DD`, a day that exists (29 February in leap years only).
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (
        digits(&bytes[..4]),
        digits(&bytes[5..7]),
        digits(&bytes[8..]),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `hh:mm:ss`, fractions of a second, then an optional offset (`Z`, `+hh`, `+hhmm`, `+hh:mm`,
/// its hours and minutes not checked). `ajv-formats` means the offset to be required in a
/// `date-time`, but its test compares a missing capture with `""`, so it never is.
fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 8 || bytes[2] != b':' || bytes[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) = (
        digits(&bytes[..2]),
        digits(&bytes[3..5]),
        digits(&bytes[6..8]),
    ) else {
        return false;
    };
    let in_range =
        (hour <= 23 && minute <= 59 && second <= 59) || (hour, minute, second) == (23, 59, 60);
    let mut rest = &bytes[8..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    in_range && is_offset(rest)
}

/// What may end a time: nothing, `Z`, or a sign and two digits, then optionally two more,
/// with or without a colon between.
fn is_offset(bytes: &[u8]) -> bool {
    match bytes {
        [] | [b'z' | b'Z'] => true,
        [b'+' | b'-', hours @ ..] => match hours {
            [a, b] => digits(&[*a, *b]).is_some(),
            [a, b, c, d] | [a, b, b':', c, d] => digits(&[*a, *b, *c, *d]).is_some(),
            _ => false,
        },
        _ => false,
    }
}

/// A date and a time split by exactly one `T`, `t` or white space (JavaScript's `\s`).
fn is_date_time(text: &str) -> bool {
    let mut parts = text.split(|c: char| c == 'T' || c == 't' || is_javascript_space(c));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(date), Some(time), None) => is_date(date) && is_time(time),
        _ => false,
    }
}

/// JavaScript's `\s`: white space and line terminators.
fn is_javascript_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `local@domain`: the local part dot-separated runs of letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-``; the domain two or more labels (see [`is_label`]).
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let is_atom = |atom: &str| {
        !atom.is_empty()
            && atom
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b))
    };
    local.split('.').all(is_atom)
        && domain.contains('.')
        && domain.split('.').all(|label| is_label(label, usize::MAX))
}

/// Dot-separated labels of at most 63 characters, with an optional final dot, 253 characters
/// at most without it.
fn is_hostname(text: &str) -> bool {
    let name = text.strip_suffix('.').unwrap_or(text);
    (1..=253).contains(&name.len()) && name.split('.').all(|label| is_label(label, 63))
}

/// Letters, digits and hyphens, neither first nor last, `longest` characters at most.
fn is_label(label: &str, longest: usize) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= longest
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// Four dot-separated numbers of one to three digits, each at most 255: leading zeros are
/// allowed (`01.2.3.4`).
fn is_ipv4(text: &str) -> bool {
    let mut parts = 0;
    let all_bytes = text.split('.').all(|part| {
        parts += 1;
        part.len() <= 3 && digits(part.as_bytes()).is_some_and(|value| value <= 255)
    });
    all_bytes && parts == 4
}

/// 8-4-4-4-12 hexadecimal digits, after an optional `urn:uuid:`, in any case.
fn is_uuid(text: &str) -> bool {
    let prefix = "urn:uuid:";
    let text = match text.get(..prefix.len()) {
        Some(start) if start.eq_ignore_ascii_case(prefix) => &text[prefix.len()..],
        _ => text,
    };
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
            group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// `byte`: base64 in groups of four, padded, on any one line: `ajv-formats`' pattern has the
/// multiline flag, so its anchors match at every line break, and a text with an empty line
/// (`"not base64!\n"`) passes.
fn is_base64(text: &str) -> bool {
    text.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .any(is_base64_line)
}

fn is_base64_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return false;
    }
    let is_alphabet = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
    let padding = bytes.iter().rev().take_while(|b| **b == b'=').count();
    padding <= 2 && bytes[..bytes.len() - padding].iter().all(is_alphabet)
}

/// `regex`: what JavaScript's `new RegExp(text)` compiles, without flags, so in the web's
/// lenient syntax, where `a{,3}` matches itself; `\Z`, an end anchor in other engines and a plain
/// `Z` here, is refused after any character but a backslash.
pub(crate) fn is_javascript_regex(text: &str) -> bool {
    let z_anchor = text
        .as_bytes()
        .windows(3)
        .any(|window| matches!(window, [before, b'\\', b'Z'] if *before != b'\\'));
    !z_anchor && regress::Regex::with_flags(text, regress::Flags::default()).is_ok()
}

/// `uri-template`, RFC 6570 level 4: literals but a space, a control character and
/// `"'<>\\^`{|}` (a `%` only as a percent-encoded octet), and expressions `{` an optional
/// operator, then variables parted by `,`, each a name of letters, digits, `_` and encoded octets
/// (dots between them: `{user.id}`) with an optional `:length` (1 to 9999) or `*`. As
/// `ajv-formats` checks it, but for the dots, which RFC 6570 allows in a name and `ajv-formats`
/// refuses (and the crate accepts a `'` in a literal, which RFC 6570 refuses).
fn is_uri_template(text: &str) -> bool {
    let bytes = text.as_bytes();
    let encoded = |at: usize| {
        bytes.get(at) == Some(&b'%')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit)
    };
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' => match expression(bytes, at + 1, encoded) {
                Some(end) => at = end,
                None => return false,
            },
            b'%' if encoded(at) => at += 3,
            b'\x00'..=b' '
            | b'"'
            | b'\''
            | b'<'
            | b'>'
            | b'%'
            | b'\\'
            | b'^'
            | b'`'
            | b'|'
            | b'}' => {
                return false;
            }
            _ => at += 1,
        }
    }
    true
}

/// The end of the expression whose body starts at `at` (after its `{`), past its `}`; `None`
/// when it is no expression.
fn expression(bytes: &[u8], mut at: usize, encoded: impl Fn(usize) -> bool) -> Option<usize> {
    if bytes.get(at).is_some_and(|b| b"+#./;?&=,!@|".contains(b)) {
        at += 1;
    }
    loop {
        // A name: characters, each dot between two of them.
        let start = at;
        loop {
            match bytes.get(at)? {
                b if b.is_ascii_alphanumeric() || *b == b'_' => at += 1,
                b'%' if encoded(at) => at += 3,
                b'.' if at > start && bytes.get(at + 1).is_some_and(|b| *b != b'.') => at += 1,
                _ => break,
            }
        }
        if at == start || bytes[at - 1] == b'.' {
            return None;
        }
        match bytes.get(at)? {
            b'*' => at += 1,
            b':' => {
                let length = bytes[at + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if !(1..=4).contains(&length) || bytes[at + 1] == b'0' {
                    return None;
                }
                at += 1 + length;
            }
            _ => {}
        }
        match bytes.get(at)? {
            b',' => at += 1,
            b'}' => return Some(at + 1),
            _ => return None,
        }
    }
}

/// The number ASCII digits write; `None` for anything else, or no digits.
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')),
    )
}

/// `url`: an absolute URL with a host, `scheme://host`, then a port, a path, a query or a
/// fragment, no white space or control character anywhere. JSON Schema defines no `url` format;
/// `ajv-formats`, which Spectral loads, also refuses `localhost`, private and loopback addresses,
/// IPv6 literals and a query without a path, which are URLs all the same: archlint does not call
/// `http://localhost:8080/callback` a contradiction of `format: url`.
fn is_url(text: &str) -> bool {
    if text
        .chars()
        .any(|c| c.is_control() || is_javascript_space(c))
    {
        return false;
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let mut scheme_characters = scheme.chars();
    let scheme_is_valid = scheme_characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && scheme_characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let digits = |port: &str| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    let host = match host_and_port.strip_prefix('[') {
        // An IPv6 literal: `[2001:db8::1]`, then perhaps a port.
        Some(literal) => literal.split_once(']').and_then(|(address, after)| {
            (after.is_empty() || after.strip_prefix(':').is_some_and(digits)).then_some(address)
        }),
        None => match host_and_port.split_once(':') {
            Some((host, port)) => digits(port).then_some(host),
            None => Some(host_and_port),
        },
    };
    scheme_is_valid && host.is_some_and(|host| !host.is_empty())
}

/// `json-pointer-uri-fragment`: `#`, then JSON Pointer tokens each after a `/`, of the characters
/// a URI fragment allows unencoded (letters, digits, `_-.!$&'()*+,;:=@`), `%` and two hex digits,
/// `~0` and `~1`.
fn is_json_pointer_uri_fragment(text: &str) -> bool {
    let Some(tokens) = text.strip_prefix('#') else {
        return false;
    };
    let bytes = tokens.as_bytes();
    if !(bytes.is_empty() || bytes[0] == b'/') {
        return false;
    }
    let mut at = 0;
    while at < bytes.len() {
        at += match bytes[at] {
            b'/' => 1,
            b'%' if bytes.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit) =>
            {
                3
            }
            b'~' if matches!(bytes.get(at + 1), Some(b'0' | b'1')) => 2,
            byte if byte.is_ascii_alphanumeric() || b"_-.!$&'()*+,;:=@".contains(&byte) => 1,
            _ => return false,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::check;

    /// Each value as Spectral 6.16.3 (`ajv-formats` 2.1.1) judged it, in an example of a schema
    /// with that format; but `users/{user.id}`, which RFC 6570 allows and `ajv-formats` refuses.
    #[test]
    fn formats_are_judged_as_spectral_judges_them() {
        let cases: [(&str, &[&str], &[&str]); 11] = [
            (
                "hostname",
                &[
                    "example.com",
                    "example.com.",
                    "localhost",
                    "1.2.3.4",
                    "xn--80ak6aa92e.com",
                ],
                &["a_b.com", "-a.com", "ex ample.com", "", "a.-b.com", "a..b"],
            ),
            (
                "ipv4",
                &[
                    "1.2.3.4",
                    "01.2.3.4",
                    "0.0.0.0",
                    "1.2.3.04",
                    "255.255.255.255",
                ],
                &[
                    "256.1.1.1",
                    "1.2.3",
                    "1.2.3.4.5",
                    "1.2.3.0004",
                    "a.b.c.d",
                    "1.2.3.",
                ],
            ),
            (
                "date-time",
                &[
                    "2020-01-01T00:00:00Z",
                    "2020-01-01T00:00:00",
                    "2020-01-01t00:00:00z",
                    "2020-01-01 00:00:00Z",
                    "2020-01-01T23:59:60Z",
                    "2020-01-01T00:00:00.123+01:00",
                    "2020-01-01T00:00:00+0100",
                ],
                &[
                    "2020-02-30T00:00:00Z",
                    "2020-01-01T24:00:00Z",
                    "2020-01-01",
                    "2020-01-01TT00:00:00Z",
                    "2020-01-01T00:00:00.Z",
                    "2020-01-01T00:00:00+1",
                ],
            ),
            (
                "date",
                &["2020-01-01", "2020-02-29"],
                &[
                    "2020-02-30",
                    "2020-1-01",
                    "2021-02-29",
                    "2020-13-01",
                    "2020-00-10",
                ],
            ),
            (
                "time",
                &[
                    "00:00:00Z",
                    "00:00:00",
                    "23:59:60Z",
                    "00:00:00+01:00",
                    "10:00:00.5-0830",
                ],
                &["00:00", "23:59:60+01:00x", "24:00:00", "12:60:00"],
            ),
            (
                "email",
                &["a@b.com", "a.b@c.com", "a+b@c-d.co.uk"],
                &[
                    "a@b",
                    "a..b@c.com",
                    "\"a b\"@c.com",
                    "a@[1.2.3.4]",
                    "é@b.com",
                    "a@-b.com",
                    "@b.com",
                ],
            ),
            (
                "uri-template",
                &[
                    "orders",
                    "users/{userId}/orders",
                    "users/{user.id}",
                    "{+path}/x{?a,b*,c:3}",
                    "caf%C3%A9/é/{id}",
                    "",
                ],
                &[
                    "customer's/orders",
                    "a b",
                    "{}",
                    "{id",
                    "id}",
                    "{a..b}",
                    "{a.}",
                    "{a:0}",
                    "{a:12345}",
                    "100%",
                    "a|b",
                ],
            ),
            (
                "json-pointer-uri-fragment",
                &[
                    "#",
                    "#/",
                    "#/a/b",
                    "#/a~0b~1",
                    "#/a%20b",
                    "#/a/$&'()*+,;:=@!_-.",
                ],
                &["#/a%2", "#/a b", "#a", "/a", "#/a~2", "#/\u{e4}"],
            ),
            (
                "uuid",
                &[
                    "123e4567-e89b-12d3-a456-426614174000",
                    "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                    "123E4567-E89B-12D3-A456-426614174000",
                ],
                &[
                    "123e4567e89b12d3a456426614174000",
                    "{123e4567-e89b-12d3-a456-426614174000}",
                    "123e4567-e89b-12d3-a456-42661417400g",
                ],
            ),
            (
                "byte",
                &[
                    "YQ==",
                    "",
                    "YWJj",
                    "not base64!\n",
                    "x\r\nYQ==",
                    "x\u{2028}YWJj",
                ],
                &["YQ", "Y Q==", "YQ===", "YQ\nYQ", "x\u{85}YQ=="],
            ),
            (
                "regex",
                &["a{,3}", "[[:alpha:]]", "\\Z", "(?<y>a)\\k<y>"],
                &["abc\\Z", "[z-a]", "(?i)a", "x{2,1}"],
            ),
        ];
        for (name, valid, invalid) in cases {
            let accepts = check(name).unwrap();
            for text in valid {
                assert!(accepts(text), "{name}: {text:?} is valid");
            }
            for text in invalid {
                assert!(!accepts(text), "{name}: {text:?} is not");
            }
        }
        assert!(check("uri").is_none());
    }

    /// `url` is an absolute URL with a host. `ajv-formats` refuses those of the second list too,
    /// which are URLs all the same; both refuse the third's, and so does Spectral.
    #[test]
    fn a_url_is_an_absolute_url_with_a_host() {
        let url = check("url").unwrap();
        for text in [
            "http://example.com",
            "https://example.com/path?q=1#x",
            "ftp://user:pw@files.example.org:21/x",
            "http://a@b.com",
            "http://example.com/x@y",
            "http://ex\u{e4}mple.com",
            "https://api.linode.com/v4",
            "wss://stream.example.org/orders",
        ] {
            assert!(url(text), "{text:?} is a URL");
        }
        for text in [
            "http://localhost:8080/callback",
            "http://127.0.0.1",
            "http://10.0.0.1",
            "https://example.com?q=1",
            "https://[2001:db8::1]:8443/x",
            "http://example.com.",
        ] {
            assert!(url(text), "{text:?} is a URL, which ajv-formats refuses");
        }
        for text in [
            "example.org",
            "/orders",
            "mailto:a@b.com",
            "http://",
            "http://user@",
            "http:///path",
            "http://example.com:80a",
            "http://[2001:db8::1",
            "1http://example.com",
            "http://a b.com",
            "http://example.com/\u{3000}",
            "http://example.com/\n",
        ] {
            assert!(!url(text), "{text:?} is no URL");
        }
        // One pass: a long text with many `@` and `/` is judged at once.
        let long = format!("http://a@b.com{} ", "/a@b.com".repeat(25_000));
        assert!(!url(&long));
    }
}
