//! Whether a requirement's target is measurable (docs/FORMATS.md section 6), decided in one place.
//!
//! A target is measurable when it holds a number that stands on its own: digits (with `,`
//! thousands separators and a decimal part), alone or with a unit, a percent, a currency or a
//! comparison around it: `< 200ms`, `99.9%`, `10,000 requests/second`, `$500K`, `1 hour`. Digits
//! that are part of a name are not a figure: `OAuth2`, `E2E`, `HTTP/2`, `AES-256`, `2FA`, and
//! `p95` or `99th` alone (a percentile names what is measured, not the target; `p95 < 200ms` is
//! measurable because of `200ms`). Security and compliance items may instead name a verifiable
//! standard; a standard's name is taken out before looking for figures, so that `Top 10` in
//! `OWASP Top 10` never counts as one, in any category.
//!
//! Hand-written: the question is narrower than any crate's (a unit parser would reject
//! `10,000 requests/second`, a regex crate would still need the same rules around the match).

use crate::model::normalize;
use crate::value::Value;

/// Verifiable standards a security or compliance item may name instead of a figure.
pub const STANDARDS: [&str; 6] = [
    "OWASP Top 10",
    "SOC 2",
    "GDPR",
    "PCI DSS",
    "ISO 27001",
    "HIPAA",
];

/// Categories whose items may name a standard.
pub const STANDARD_CATEGORIES: [&str; 2] = ["security", "compliance"];

/// Categories that need no figure: budgets, deadlines and technology choices are facts, not
/// targets to measure.
pub const EXEMPT_CATEGORIES: [&str; 1] = ["constraints"];

/// Letters that may follow digits directly and still leave a figure: units of time, size, rate
/// and money, and multipliers (`200ms`, `24h`, `$500K`, `10x`, `5GB`). Compared lowercased.
const UNITS: &[&str] = &[
    "ns", "us", "µs", "μs", "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins",
    "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "wks",
    "week", "weeks", "mo", "month", "months", "y", "yr", "yrs", "year", "years", "b", "kb", "mb",
    "gb", "tb", "pb", "kib", "mib", "gib", "tib", "bps", "kbps", "mbps", "gbps", "rps", "qps",
    "tps", "rpm", "iops", "ops", "k", "bn", "x", "usd", "eur", "gbp",
];

/// The configured policy: which standards count, in which categories, and which categories are
/// exempt. Category names compare as service names do (case-insensitive, `_`, `-` and spaces
/// equal).
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub standards: Vec<String>,
    standard_categories: Vec<String>,
    exempt_categories: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::from_options(&Value::Null)
    }
}

impl Policy {
    /// The policy from the rule's options `standards`, `standard_categories` and
    /// `exempt_categories`, each a list of strings, each defaulting to the lists above.
    pub fn from_options(options: &Value) -> Policy {
        Policy {
            standards: super::option_strings(options, "standards", &STANDARDS),
            standard_categories: normalized(super::option_strings(
                options,
                "standard_categories",
                &STANDARD_CATEGORIES,
            )),
            exempt_categories: normalized(super::option_strings(
                options,
                "exempt_categories",
                &EXEMPT_CATEGORIES,
            )),
        }
    }

    pub fn is_exempt(&self, category: &str) -> bool {
        self.exempt_categories.contains(&normalize(category))
    }

    pub fn accepts_standards(&self, category: &str) -> bool {
        self.standard_categories.contains(&normalize(category))
    }

    /// Whether `target`, written in `category`, is measurable.
    pub fn is_measurable(&self, category: &str, target: &str) -> bool {
        let (rest, named) = without_standards(target, &self.standards);
        (named.is_some() && self.accepts_standards(category)) || has_figure(&rest)
    }

    /// The first listed standard `target` names, as listed.
    pub fn named_standard(&self, target: &str) -> Option<&str> {
        without_standards(target, &self.standards).1
    }

    /// The categories where a standard counts, as configured, for messages.
    pub fn standard_categories(&self) -> &[String] {
        &self.standard_categories
    }
}

fn normalized(names: Vec<String>) -> Vec<String> {
    names.iter().map(|name| normalize(name)).collect()
}

/// `text` with every standard's name blanked out, and the first standard named. Names match in any
/// case and with any punctuation or spacing between their letters and digits (`SOC 2`, `SOC2`,
/// `soc-2`), but only as whole words (`GDPR` is not found in `GDPRS`).
fn without_standards<'s>(text: &str, standards: &'s [String]) -> (String, Option<&'s str>) {
    // The text's letters and digits, lowercased, each with the byte range it came from.
    let squashed: Vec<(char, usize, usize)> = text
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .flat_map(|(at, c)| {
            c.to_lowercase()
                .map(move |lower| (lower, at, at + c.len_utf8()))
        })
        .collect();
    let mut blank = vec![false; text.len()];
    let mut named = None;
    for standard in standards {
        let wanted: Vec<char> = standard
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if wanted.is_empty() || wanted.len() > squashed.len() {
            continue;
        }
        for first in 0..=squashed.len() - wanted.len() {
            let window = &squashed[first..first + wanted.len()];
            if !window.iter().zip(&wanted).all(|(got, want)| got.0 == *want) {
                continue;
            }
            let (start, end) = (window[0].1, window[wanted.len() - 1].2);
            let word_before = text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let word_after = text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if !word_before && !word_after {
                named = named.or(Some(standard.as_str()));
                blank[start..end].iter_mut().for_each(|b| *b = true);
            }
        }
    }
    let rest = text
        .char_indices()
        .map(|(at, c)| if blank[at] { ' ' } else { c })
        .collect();
    (rest, named)
}

/// Whether `text` holds a figure: a number standing on its own, with at most a unit attached.
pub fn has_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |at: usize| chars.get(at).is_some_and(char::is_ascii_digit);
    let mut at = 0;
    while at < chars.len() {
        if !digit(at) {
            at += 1;
            continue;
        }
        let start = at;
        while digit(at) {
            at += 1;
        }
        // Thousands separators: `,` and exactly three digits.
        while chars.get(at) == Some(&',')
            && (1..=3).all(|offset| digit(at + offset))
            && !digit(at + 4)
        {
            at += 4;
        }
        if chars.get(at) == Some(&'.') && digit(at + 1) {
            at += 1;
            while digit(at) {
                at += 1;
            }
        }
        let suffix_end = (at..chars.len())
            .find(|&end| !chars[end].is_alphabetic())
            .unwrap_or(chars.len());
        let suffix: String = chars[at..suffix_end]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        let unit_after = suffix.is_empty() || UNITS.contains(&suffix.as_str());
        if unit_after
            && !digit(suffix_end)
            && !part_of_a_name(&chars, start)
            && !labelled(&chars, start)
        {
            return true;
        }
        at = suffix_end.max(at);
    }
    false
}

/// Words after which a number names something (a version, a rank, a record) rather than sets a
/// target: `TLS 1.3`, `Windows 11`, `Tier 1`, `see ADR 12`, `Top 10 priority`.
const LABELS: &[&str] = &[
    "adr",
    "rfc",
    "tier",
    "level",
    "phase",
    "step",
    "stage",
    "version",
    "release",
    "sprint",
    "section",
    "chapter",
    "item",
    "issue",
    "ticket",
    "top",
    "tls",
    "ssl",
    "http",
    "windows",
    "ios",
    "android",
    "java",
    "python",
    "node",
    "gen",
    "generation",
    "type",
    "class",
];

/// Whether the number at `start` follows a label word (one space between).
fn labelled(chars: &[char], start: usize) -> bool {
    let Some(space) = start.checked_sub(1) else {
        return false;
    };
    if chars[space] != ' ' {
        return false;
    }
    let word_start = chars[..space]
        .iter()
        .rposition(|c| !c.is_alphanumeric())
        .map_or(0, |at| at + 1);
    let word: String = chars[word_start..space]
        .iter()
        .flat_map(|c| c.to_lowercase())
        .collect();
    LABELS.contains(&word.as_str())
}

/// Whether the digits at `start` continue a name: a letter, digit or `_` just before them
/// (`OAuth2`, `p95`), or one of them and then `-`, `/` or `.` (`AES-256`, `HTTP/2`, `x86-64`).
/// A range keeps its first number (`5-10 minutes`), which is figure enough.
fn part_of_a_name(chars: &[char], start: usize) -> bool {
    let before = |back: usize| start.checked_sub(back).map(|at| chars[at]);
    match before(1) {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('-' | '/' | '.') => before(2).is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    /// Seed 004, Step 1 (with `> 80%` quoted), item by item: the category, the item as written,
    /// the target the rule judges (a one-key mapping's value; a bare statement itself), and
    /// whether `unquantified-nfr` reports it. `constraints` is exempt: its items are not reported
    /// whatever they say (`Technology: Must use ...` has no figure).
    const SEED_004_STEP_1: &[(&str, &str, &str, bool)] = &[
        (
            "performance",
            "Response time: < 200ms (p95)",
            "< 200ms (p95)",
            false,
        ),
        (
            "performance",
            "Throughput: 10,000 requests/second",
            "10,000 requests/second",
            false,
        ),
        ("performance", "Concurrent users: 100,000", "100,000", false),
        (
            "scalability",
            "Horizontal scaling capability",
            "Horizontal scaling capability",
            true,
        ),
        (
            "scalability",
            "Auto-scaling based on load",
            "Auto-scaling based on load",
            true,
        ),
        (
            "scalability",
            "Multi-region deployment",
            "Multi-region deployment",
            true,
        ),
        (
            "availability",
            "Uptime: 99.9% (3 nines)",
            "99.9% (3 nines)",
            false,
        ),
        (
            "availability",
            "Recovery time objective (RTO): 1 hour",
            "1 hour",
            false,
        ),
        (
            "availability",
            "Recovery point objective (RPO): 5 minutes",
            "5 minutes",
            false,
        ),
        (
            "security",
            "OWASP Top 10 compliance",
            "OWASP Top 10 compliance",
            false,
        ),
        (
            "security",
            "SOC 2 Type II certification",
            "SOC 2 Type II certification",
            false,
        ),
        ("security", "GDPR compliance", "GDPR compliance", false),
        (
            "security",
            "End-to-end encryption for sensitive data",
            "End-to-end encryption for sensitive data",
            true,
        ),
        (
            "maintainability",
            "Code coverage: \"> 80%\"",
            "> 80%",
            false,
        ),
        (
            "maintainability",
            "Deployment frequency: Multiple times per day",
            "Multiple times per day",
            true,
        ),
        (
            "maintainability",
            "Mean time to recovery (MTTR): < 1 hour",
            "< 1 hour",
            false,
        ),
        (
            "constraints",
            "Budget: $500K annually",
            "$500K annually",
            false,
        ),
        (
            "constraints",
            "Timeline: 6 months to MVP",
            "6 months to MVP",
            false,
        ),
        (
            "constraints",
            "Team size: 8 developers",
            "8 developers",
            false,
        ),
        (
            "constraints",
            "Technology: Must use existing cloud provider (AWS)",
            "Must use existing cloud provider (AWS)",
            false,
        ),
    ];

    /// Seed 004, Issue 4 ("Make NFRs explicit and measurable"): every target is measurable.
    const SEED_004_ISSUE_4: &[(&str, &str, bool)] = &[
        ("performance", "< 200ms", true),
        ("availability", "> 99.9%", true),
        ("security", "100% compliant", true),
    ];

    /// Statements that trip naive detectors.
    const TRICKY: &[(&str, &str, bool)] = &[
        ("availability", "99.9% (3 nines)", true),
        ("maintainability", "< 1 hour", true),
        ("performance", "10,000 requests/second", true),
        ("cost", "$500K annually", true),
        // `Top 10` is part of a standard's name: not a figure, and outside security and
        // compliance the standard does not count either.
        ("performance", "OWASP Top 10 compliance", false),
        ("performance", "SOC 2 Type II", false),
        ("performance", "ISO 27001 certified hosting", false),
        ("security", "OWASP Top 10 compliance", true),
        ("Security", "iso27001 certification", true),
        ("compliance", "PCI-DSS level 1", true),
        ("security", "GDPRS", false),
        ("performance", "fast", false),
        ("availability", "highly available", false),
        ("security", "OAuth2 everywhere", false),
        ("security", "E2E encryption with AES-256 over HTTP/2", false),
        ("security", "2FA for administrators", false),
        ("performance", "p95 latency", false),
        ("performance", "99th percentile latency", false),
        ("performance", "p95 latency < 200ms", true),
        ("performance", "200 ms", true),
        ("performance", "Response time under 1.5s", true),
        ("capacity", "4K concurrent streams", true),
        ("capacity", "10x the current peak", true),
        ("availability", "24/7", true),
        ("availability", "", false),
        // A number after a label names a version, a rank or a record: no target.
        ("performance", "fast (see ADR 12)", false),
        ("availability", "Tier 1", false),
        ("security", "Use TLS 1.3", false),
        ("performance", "Works on Windows 11", false),
        ("performance", "Top 10 priority for the team", false),
        ("performance", "p95 below 200ms at tier 1 load", true),
    ];

    fn judge(cases: &[(&str, &str, bool)]) {
        let policy = Policy::default();
        for &(category, target, expected) in cases {
            assert_eq!(
                policy.is_measurable(category, target),
                expected,
                "{category}: {target:?}"
            );
        }
    }

    #[test]
    fn seed_004_requirements_item_by_item() {
        let policy = Policy::default();
        for &(category, item, target, reported) in SEED_004_STEP_1 {
            let judged = !policy.is_exempt(category) && !policy.is_measurable(category, target);
            assert_eq!(judged, reported, "{category}: {item}");
        }
        // The exemption is what spares the technology constraint.
        assert!(!policy.is_measurable("constraints", "Must use existing cloud provider (AWS)"));
        assert!(!policy.is_exempt("performance"));
        judge(SEED_004_ISSUE_4);
    }

    #[test]
    fn statements_that_trip_naive_detectors() {
        judge(TRICKY);
    }

    #[test]
    fn figures_stand_on_their_own() {
        for text in ["1", "(3)", "1,000,000", "0.5", "<200ms", "€30", "~5 min"] {
            assert!(has_figure(text), "{text:?}");
        }
        for text in ["v2", "k8s", "S3", "EC2", "x86-64", "Tier-1", "3rd party"] {
            assert!(!has_figure(text), "{text:?}");
        }
    }

    #[test]
    fn the_lists_are_options() {
        let policy = Policy::from_options(&json!({
            "standards": ["FedRAMP"],
            "standard_categories": ["Data Protection"],
            "exempt_categories": ["budget"],
        }));
        assert!(policy.is_measurable("data_protection", "FedRAMP moderate"));
        assert!(!policy.is_measurable("security", "FedRAMP moderate"));
        // ISO 27001 is no longer a listed standard, so its `27001` is an ordinary figure.
        assert!(policy.is_measurable("performance", "ISO 27001"));
        assert!(policy.is_exempt("Budget"));
        assert!(!policy.is_exempt("constraints"));
        assert_eq!(
            Policy::default().named_standard("soc2 and pci-dss"),
            Some("SOC 2")
        );
        assert_eq!(Policy::default().named_standard("SOC 22"), None);
        // A malformed option keeps the default.
        let policy = Policy::from_options(&json!({"standards": "GDPR"}));
        assert_eq!(policy.standards, STANDARDS);
    }
}
