//! Seed `004`'s standards documents, read with their spans: the API
//! standards (`rest_api_guidelines:`), the data architecture (`data_stores:`), the deployment
//! architecture (`environments:`) and the security architecture (`security_layers:`). What the
//! requirements state about the same things (a p95 response time, an uptime, a recovery time or
//! point objective, multi-region deployment, compliance regimes) is read here too, so that every
//! rule comparing the two sides reads one set of facts.

use super::requirements::Requirement;
use super::{Spanned, UnreadableFigure, pointer};
use crate::load::Workspace;
use crate::load::document::Document;
use crate::load::kind::DocumentKind;
use crate::source::Span;
use crate::value::Value;

/// Everything the four documents say, each document on its own.
#[derive(Debug, Default)]
pub struct Standards {
    pub api: Vec<ApiStandards>,
    pub data: Vec<DataArchitecture>,
    pub deployment: Vec<DeploymentArchitecture>,
    pub security: Vec<SecurityArchitecture>,
}

/// `rest_api_guidelines:`.
#[derive(Debug)]
pub struct ApiStandards {
    pub document: usize,
    /// `base_url.format`.
    pub base_url: Option<Spanned<String>>,
    /// The keys of `status_codes` (`200`, `404`), and where the mapping is written.
    pub status_codes: Option<Spanned<Vec<String>>>,
    /// `request_format.content_type`.
    pub content_type: Option<Spanned<String>>,
    /// `response_format.success.structure`, read.
    pub success: Option<Envelope>,
    /// `response_format.error.structure`, read.
    pub error: Option<Envelope>,
    /// `pagination.parameters` and `pagination.response_fields`.
    pub pagination: Option<Pagination>,
    /// `versioning.sunset_header: true`.
    pub sunset_header: Option<Span>,
}

/// An envelope's shape: the keys of an object, each with the keys of its own object value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    pub keys: Vec<(String, Shape)>,
}

#[derive(Clone, Debug)]
pub struct Envelope {
    pub shape: Shape,
    /// The `structure` value.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Pagination {
    pub parameters: Vec<String>,
    pub fields: Vec<String>,
    pub span: Span,
}

/// `data_stores:`: service key → store key → `{type, ttl, ...}`.
#[derive(Debug)]
pub struct DataArchitecture {
    pub document: usize,
    pub services: Vec<DataService>,
}

#[derive(Debug)]
pub struct DataService {
    pub key: Spanned<String>,
    pub stores: Vec<DataStoreEntry>,
}

#[derive(Debug)]
pub struct DataStoreEntry {
    pub key: Spanned<String>,
    /// Its `type`, as written.
    pub kind: Option<Spanned<String>>,
    pub has_ttl: bool,
}

/// `environments:`.
#[derive(Debug)]
pub struct DeploymentArchitecture {
    pub document: usize,
    /// The `environments` key.
    pub span: Span,
    pub environments: Vec<Environment>,
}

#[derive(Debug)]
pub struct Environment {
    pub name: Spanned<String>,
    /// `infrastructure.region` (one) or `infrastructure.regions`, with where they are written.
    pub regions: Option<Spanned<Vec<String>>>,
    /// `deployment.strategy`.
    pub strategy: Option<Spanned<String>>,
    /// The keys of `monitoring`, or its text.
    pub monitoring: Option<Spanned<Vec<String>>>,
    pub disaster_recovery: Option<DisasterRecovery>,
}

#[derive(Debug)]
pub struct DisasterRecovery {
    /// The `disaster_recovery` key.
    pub span: Span,
    pub rto: Option<Spanned<Duration>>,
    pub rpo: Option<Spanned<Duration>>,
}

/// A duration as written, and in milliseconds when it could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Duration {
    pub text: String,
    pub ms: Option<f64>,
}

/// `security_layers:`, at any nesting.
#[derive(Debug)]
pub struct SecurityArchitecture {
    pub document: usize,
    /// The `security_layers` key.
    pub span: Span,
    pub encryption_at_rest: Option<Span>,
    pub encryption_in_transit: Option<Span>,
    pub authentication: Option<Span>,
    pub authorization: Option<Span>,
    /// Every string that names a TLS or SSL version, with the version read.
    pub tls: Vec<(Spanned<String>, TlsVersion)>,
    /// The compliance regimes `compliance` names, by canonical name.
    pub compliance: Vec<Spanned<&'static str>>,
}

/// A protocol version named in text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TlsVersion {
    Ssl,
    /// TLS major.minor, as (1, 2) for TLS 1.2.
    Tls(u32, u32),
}

impl Standards {
    pub fn read(workspace: &Workspace, unreadable: &mut Vec<UnreadableFigure>) -> Standards {
        let mut standards = Standards::default();
        for (index, document) in workspace.documents.iter().enumerate() {
            match document.kind {
                DocumentKind::ApiStandards => {
                    if let Some(api) = read_api(workspace, index, document, unreadable) {
                        standards.api.push(api);
                    }
                }
                DocumentKind::DataArchitecture => {
                    standards.data.push(read_data(index, document));
                }
                DocumentKind::DeploymentArchitecture => {
                    if let Some(deployment) = read_deployment(index, document) {
                        standards.deployment.push(deployment);
                    }
                }
                DocumentKind::SecurityArchitecture => {
                    if let Some(security) = read_security(index, document) {
                        standards.security.push(security);
                    }
                }
                _ => {}
            }
        }
        standards
    }
}

fn spanned_text(document: &Document, at: &str) -> Option<Spanned<String>> {
    let value = match document.value.pointer(at)? {
        Value::String(text) => text.to_string(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    Some(Spanned {
        value,
        span: document.focus(at),
    })
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(text) => Some(text.to_string()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::String(text)) => vec![text.to_string()],
        _ => Vec::new(),
    }
}

fn read_api(
    workspace: &Workspace,
    index: usize,
    document: &Document,
    unreadable: &mut Vec<UnreadableFigure>,
) -> Option<ApiStandards> {
    let root = "/rest_api_guidelines";
    let guidelines = document.value.pointer(root)?.as_object()?;
    let status_codes = match guidelines.get("status_codes") {
        Some(Value::Object(codes)) => Some(Spanned {
            value: codes.keys().map(|key| key.to_string()).collect(),
            span: document.focus(&format!("{root}/status_codes")),
        }),
        _ => None,
    };
    let mut envelope = |kind: &str| -> Option<Envelope> {
        let at = format!("{root}/response_format/{kind}/structure");
        let text = document.value.pointer(&at)?.as_str()?;
        let span = document.focus(&at);
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Some(Envelope {
                shape: shape_of(&value),
                span,
            }),
            Err(error) => {
                unreadable.push(UnreadableFigure {
                    span: point_into_block(workspace, span, text, error.line(), error.column()),
                    message: format!("the {kind} response structure is not JSON: {error}"),
                });
                None
            }
        }
    };
    let success = envelope("success");
    let error = envelope("error");
    let pagination = guidelines.get("pagination").and_then(|pagination| {
        let parameters = strings(pagination.get("parameters"));
        let fields = strings(pagination.get("response_fields"));
        (!parameters.is_empty() || !fields.is_empty()).then(|| Pagination {
            parameters,
            fields,
            span: document.focus(&format!("{root}/pagination")),
        })
    });
    let sunset = format!("{root}/versioning/sunset_header");
    Some(ApiStandards {
        document: index,
        base_url: spanned_text(document, &format!("{root}/base_url/format")),
        status_codes,
        content_type: spanned_text(document, &format!("{root}/request_format/content_type")),
        success,
        error,
        pagination,
        sunset_header: (document.value.pointer(&sunset) == Some(&Value::Bool(true)))
            .then(|| document.focus(&sunset)),
    })
}

fn shape_of(value: &Value) -> Shape {
    match value {
        Value::Object(map) => Shape {
            keys: map
                .iter()
                .map(|(key, value)| (key.to_string(), shape_of(value)))
                .collect(),
        },
        _ => Shape::default(),
    }
}

/// The place in a block scalar that a JSON parser's `line` and `column` (from 1) name: the
/// block's lines start on the line after its indicator, indented alike. Falls back to the whole
/// value when the text is not laid out that way (a quoted or flow scalar).
fn point_into_block(
    workspace: &Workspace,
    span: Span,
    text: &str,
    line: usize,
    column: usize,
) -> Span {
    let source = &workspace.sources.get(span.file).text;
    let Some(written) = source.get(span.range()) else {
        return span;
    };
    if !written.starts_with(['|', '>']) || line == 0 {
        return span;
    }
    let Some(body) = written.find('\n').map(|newline| newline + 1) else {
        return span;
    };
    let indent = written[body..]
        .lines()
        .find(|candidate| !candidate.trim().is_empty())
        .map_or(0, |first| first.len() - first.trim_start().len());
    let mut offset = span.start as usize + body;
    let lines: Vec<&str> = source[offset..].split_inclusive('\n').collect();
    let text_lines = text.lines().count().max(1);
    let wanted = (line - 1).min(text_lines - 1);
    for written_line in lines.iter().take(wanted) {
        offset += written_line.len();
    }
    let here = lines.get(wanted).copied().unwrap_or("");
    let within = (indent + column.saturating_sub(1)).min(here.trim_end_matches('\n').len());
    let start = crate::source::floor_char_boundary(source, offset + within);
    let end = crate::source::ceil_char_boundary(source, (start + 1).min(source.len()));
    Span::new(span.file, start as u32..end.max(start) as u32)
}

fn read_data(index: usize, document: &Document) -> DataArchitecture {
    let mut services = Vec::new();
    if let Some(Value::Object(map)) = document.value.get("data_stores") {
        for (service, stores) in map {
            let at = pointer("/data_stores", service);
            let mut entries = Vec::new();
            if let Value::Object(stores) = stores {
                for (store, fields) in stores {
                    let store_at = pointer(&at, store);
                    let kind = spanned_text(document, &format!("{store_at}/type"));
                    entries.push(DataStoreEntry {
                        key: Spanned {
                            value: store.to_string(),
                            span: document.locate_nearest(&store_at).anchor(),
                        },
                        kind,
                        has_ttl: fields.get("ttl").is_some_and(|ttl| !ttl.is_null()),
                    });
                }
            }
            services.push(DataService {
                key: Spanned {
                    value: service.to_string(),
                    span: document.locate_nearest(&at).anchor(),
                },
                stores: entries,
            });
        }
    }
    DataArchitecture {
        document: index,
        services,
    }
}

fn read_deployment(index: usize, document: &Document) -> Option<DeploymentArchitecture> {
    let Value::Object(map) = document.value.get("environments")? else {
        return None;
    };
    let mut environments = Vec::new();
    for (name, fields) in map {
        let at = pointer("/environments", name);
        let regions = ["region", "regions"].iter().find_map(|key| {
            let region_at = format!("{at}/infrastructure/{key}");
            let listed = strings(document.value.pointer(&region_at));
            (!listed.is_empty()).then(|| Spanned {
                value: listed,
                span: document.focus(&region_at),
            })
        });
        let monitoring = fields.get("monitoring").and_then(|monitoring| {
            let listed = match monitoring {
                Value::Object(map) => map.keys().map(|key| key.to_string()).collect(),
                other => strings(Some(other)),
            };
            (!listed.is_empty()).then(|| Spanned {
                value: listed,
                span: document.focus(&format!("{at}/monitoring")),
            })
        });
        let recovery_at = format!("{at}/disaster_recovery");
        let disaster_recovery = fields
            .get("disaster_recovery")
            .filter(|value| value.is_object())
            .map(|_| {
                let duration = |key: &str| {
                    let text = spanned_text(document, &format!("{recovery_at}/{key}"))?;
                    Some(Spanned {
                        value: Duration {
                            ms: find_duration(&text.value),
                            text: text.value,
                        },
                        span: text.span,
                    })
                };
                DisasterRecovery {
                    span: document.locate_nearest(&recovery_at).anchor(),
                    rto: duration("rto"),
                    rpo: duration("rpo"),
                }
            });
        environments.push(Environment {
            name: Spanned {
                value: name.to_string(),
                span: document.locate_nearest(&at).anchor(),
            },
            regions,
            strategy: spanned_text(document, &format!("{at}/deployment/strategy")),
            monitoring,
            disaster_recovery,
        });
    }
    Some(DeploymentArchitecture {
        document: index,
        span: document.locate_nearest("/environments").anchor(),
        environments,
    })
}

fn read_security(index: usize, document: &Document) -> Option<SecurityArchitecture> {
    let layers = document.value.get("security_layers")?;
    let mut security = SecurityArchitecture {
        document: index,
        span: document.locate_nearest("/security_layers").anchor(),
        encryption_at_rest: None,
        encryption_in_transit: None,
        authentication: None,
        authorization: None,
        tls: Vec::new(),
        compliance: Vec::new(),
    };
    let mut at = "/security_layers".to_string();
    walk_security(document, layers, &mut at, &mut security, 0);
    Some(security)
}

/// Deep enough for any real document; the loader's own nesting limit is the real guard.
const MAX_DEPTH: usize = 64;

fn walk_security(
    document: &Document,
    value: &Value,
    at: &mut String,
    security: &mut SecurityArchitecture,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let length = at.len();
                crate::load::document::push_pointer_token(at, key);
                let anchor = || document.locate_nearest(at).anchor();
                match key.to_ascii_lowercase().as_str() {
                    "encryption_at_rest" => {
                        security.encryption_at_rest.get_or_insert_with(anchor);
                    }
                    "encryption_in_transit" => {
                        security.encryption_in_transit.get_or_insert_with(anchor);
                    }
                    "authentication" => {
                        security.authentication.get_or_insert_with(anchor);
                    }
                    "authorization" => {
                        security.authorization.get_or_insert_with(anchor);
                    }
                    "compliance" => read_compliance(document, child, at, security),
                    _ => {}
                }
                walk_security(document, child, at, security, depth + 1);
                at.truncate(length);
            }
        }
        Value::Array(items) => {
            for (position, child) in items.iter().enumerate() {
                let length = at.len();
                at.push_str(&format!("/{position}"));
                walk_security(document, child, at, security, depth + 1);
                at.truncate(length);
            }
        }
        Value::String(text) => {
            if let Some(version) = tls_version(text) {
                security.tls.push((
                    Spanned {
                        value: text.to_string(),
                        span: document.focus(at),
                    },
                    version,
                ));
            }
        }
        _ => {}
    }
}

fn read_compliance(
    document: &Document,
    value: &Value,
    at: &str,
    security: &mut SecurityArchitecture,
) {
    let mut named = |text: &str, span: Span| {
        for regime in regimes_in(text, DEFAULT_REGIMES) {
            if !security
                .compliance
                .iter()
                .any(|known| known.value == regime)
            {
                security.compliance.push(Spanned {
                    value: regime,
                    span,
                });
            }
        }
    };
    match value {
        Value::Object(map) => {
            for key in map.keys() {
                named(key, document.locate_nearest(&pointer(at, key)).anchor());
            }
        }
        Value::Array(items) => {
            for (position, item) in items.iter().enumerate() {
                if let Value::String(text) = item {
                    named(text, document.focus(&format!("{at}/{position}")));
                }
            }
        }
        Value::String(text) => named(text, document.focus(at)),
        _ => {}
    }
}

/// The words of a text, lower case, split at anything that is not a letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A compliance regime: its canonical name and the runs of words that name it.
pub struct Regime {
    pub name: &'static str,
    pub spellings: &'static [&'static [&'static str]],
}

/// The regimes `compliance-mismatch` knows by default. OWASP is a practice, not a regime.
pub const DEFAULT_REGIMES: &[Regime] = &[
    Regime {
        name: "GDPR",
        spellings: &[&["gdpr"]],
    },
    Regime {
        name: "SOC 2",
        spellings: &[&["soc2"], &["soc", "2"], &["soc", "ii"]],
    },
    Regime {
        name: "PCI DSS",
        spellings: &[&["pci", "dss"], &["pcidss"], &["pci"]],
    },
    Regime {
        name: "HIPAA",
        spellings: &[&["hipaa"]],
    },
    Regime {
        name: "ISO 27001",
        spellings: &[&["iso27001"], &["iso", "27001"], &["iso", "iec", "27001"]],
    },
    Regime {
        name: "CCPA",
        spellings: &[&["ccpa"]],
    },
    Regime {
        name: "FedRAMP",
        spellings: &[&["fedramp"]],
    },
];

/// The regimes a text names, each once, in the order of `regimes`.
pub fn regimes_in(text: &str, regimes: &[Regime]) -> Vec<&'static str> {
    let words = words(text);
    regimes
        .iter()
        .filter(|regime| {
            regime.spellings.iter().any(|spelling| {
                words
                    .windows(spelling.len())
                    .any(|window| window.iter().zip(spelling.iter()).all(|(a, b)| a == b))
            })
        })
        .map(|regime| regime.name)
        .collect()
}

/// The TLS or SSL version a text names: `TLS 1.3`, `TLSv1.2`, `SSLv3`, `SSL 3.0`. A text that
/// says the version is turned off (`TLS 1.0 disabled`) names none.
pub fn tls_version(text: &str) -> Option<TlsVersion> {
    let lower = text.to_ascii_lowercase();
    if [
        "disable", "deprecat", "forbid", "reject", "block", "not ", "no ",
    ]
    .iter()
    .any(|word| lower.contains(word))
    {
        return None;
    }
    let bytes = lower.as_bytes();
    for (protocol, tls) in [("tls", true), ("ssl", false)] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(protocol) {
            let start = from + found;
            from = start + protocol.len();
            // A whole word: `mtls` is mutual TLS, still TLS; `openssl` is a library.
            if !tls && start > 0 && bytes[start - 1].is_ascii_alphabetic() {
                continue;
            }
            let rest = lower[from..].trim_start_matches([' ', 'v', '-', '_']);
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let digits = digits.trim_end_matches('.');
            if digits.is_empty() {
                continue;
            }
            let mut parts = digits.split('.');
            let major: u32 = parts.next()?.parse().ok()?;
            let minor: u32 = parts
                .next()
                .and_then(|minor| minor.parse().ok())
                .unwrap_or(0);
            return Some(if tls {
                TlsVersion::Tls(major, minor)
            } else {
                TlsVersion::Ssl
            });
        }
    }
    None
}

/// The first duration a text names, in milliseconds: `1 hour`, `5 minutes`, `30m`, `< 200ms`,
/// `2s`, `7 days`.
pub fn find_duration(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let starts_number = chars[index].is_ascii_digit()
            && (index == 0 || !(chars[index - 1].is_alphanumeric() || chars[index - 1] == '.'));
        if !starts_number {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && (chars[index].is_ascii_digit() || chars[index] == '.') {
            index += 1;
        }
        let number: String = chars[start..index].iter().collect();
        let mut unit_start = index;
        while unit_start < chars.len() && chars[unit_start] == ' ' {
            unit_start += 1;
        }
        let mut unit_end = unit_start;
        while unit_end < chars.len() && chars[unit_end].is_ascii_alphabetic() {
            unit_end += 1;
        }
        let unit: String = chars[unit_start..unit_end].iter().collect();
        let factor = match unit.as_str() {
            "ms" | "millisecond" | "milliseconds" => Some(1.0),
            "s" | "sec" | "secs" | "second" | "seconds" => Some(1_000.0),
            "m" | "min" | "mins" | "minute" | "minutes" => Some(60_000.0),
            "h" | "hr" | "hrs" | "hour" | "hours" => Some(3_600_000.0),
            "d" | "day" | "days" => Some(86_400_000.0),
            _ => None,
        };
        if let (Some(factor), Ok(number)) = (factor, number.parse::<f64>()) {
            return Some(number * factor);
        }
        index = unit_end.max(index);
    }
    None
}

/// The first percentage a text names, as a fraction: `99.9%` is 0.999.
pub fn find_percent(text: &str) -> Option<f64> {
    let percent = text.find('%')?;
    let before = &text[..percent];
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |position| position + 1);
    let number: f64 = before[start..].trim_matches('.').parse().ok()?;
    (0.0..=100.0).contains(&number).then_some(number / 100.0)
}

/// What the requirements state that other documents can be held to.
#[derive(Debug, Default)]
pub struct Objectives<'m> {
    /// The p95 response time, in milliseconds.
    pub p95: Option<(f64, &'m Requirement)>,
    /// The uptime, as a fraction.
    pub uptime: Option<(f64, &'m Requirement)>,
    /// The recovery time objective, in milliseconds.
    pub rto: Option<(f64, &'m Requirement)>,
    /// The recovery point objective, in milliseconds.
    pub rpo: Option<(f64, &'m Requirement)>,
    /// A requirement that asks for deployment in several regions.
    pub multi_region: Option<&'m Requirement>,
}

impl<'m> Objectives<'m> {
    /// The first requirement that states each objective with a figure archlint can read.
    pub fn of(requirements: &'m [Requirement]) -> Self {
        let mut objectives = Objectives::default();
        for requirement in requirements {
            let target = requirement
                .target
                .as_ref()
                .map_or("", |target| target.value.as_str());
            let text = format!("{} {}", requirement.statement.value, target);
            let words = words(&text);
            let has = |word: &str| words.iter().any(|candidate| candidate == word);
            let phrase = |phrase: &[&str]| {
                words.windows(phrase.len()).any(|window| {
                    window
                        .iter()
                        .zip(phrase.iter())
                        .all(|(word, wanted)| word == wanted)
                })
            };
            // The figure is read from the target; a bare statement is its own target.
            let figure_text = if target.is_empty() {
                text.as_str()
            } else {
                target
            };
            if objectives.p95.is_none()
                && (has("p95") || phrase(&["95th", "percentile"]))
                && (has("latency") || phrase(&["response", "time"]))
                && let Some(ms) = find_duration(figure_text)
            {
                objectives.p95 = Some((ms, requirement));
            }
            if objectives.uptime.is_none()
                && (has("uptime") || has("availability"))
                && let Some(fraction) = find_percent(figure_text)
            {
                objectives.uptime = Some((fraction, requirement));
            }
            if objectives.rto.is_none()
                && (has("rto") || phrase(&["recovery", "time", "objective"]))
                && let Some(ms) = find_duration(figure_text)
            {
                objectives.rto = Some((ms, requirement));
            }
            if objectives.rpo.is_none()
                && (has("rpo") || phrase(&["recovery", "point", "objective"]))
                && let Some(ms) = find_duration(figure_text)
            {
                objectives.rpo = Some((ms, requirement));
            }
            if objectives.multi_region.is_none()
                && (phrase(&["multi", "region"])
                    || has("multiregion")
                    || phrase(&["multiple", "regions"]))
            {
                objectives.multi_region = Some(requirement);
            }
        }
        objectives
    }
}

/// A duration as people write it: `1 hour`, `5 minutes`, `90s`, `200ms`.
pub fn human_duration(ms: f64) -> String {
    let plural = |count: f64, unit: &str| {
        if count == 1.0 {
            format!("1 {unit}")
        } else {
            format!("{count} {unit}s")
        }
    };
    for (size, unit) in [
        (86_400_000.0, "day"),
        (3_600_000.0, "hour"),
        (60_000.0, "minute"),
    ] {
        if ms >= size && ms % size == 0.0 {
            return plural(ms / size, unit);
        }
    }
    crate::model::figures::milliseconds(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_written() {
        assert_eq!(find_duration("1 hour"), Some(3_600_000.0));
        assert_eq!(find_duration("5 minutes"), Some(300_000.0));
        assert_eq!(find_duration("30m"), Some(1_800_000.0));
        assert_eq!(find_duration("< 200ms (p95)"), Some(200.0));
        assert_eq!(find_duration("p95 under 2s"), Some(2_000.0));
        assert_eq!(find_duration("10,000 requests/second"), None);
        assert_eq!(find_duration("soon"), None);
    }

    #[test]
    fn percentages() {
        let close =
            |found: Option<f64>, wanted: f64| found.is_some_and(|f| (f - wanted).abs() < 1e-9);
        assert!(close(find_percent("99.9% (3 nines)"), 0.999));
        assert!(close(find_percent("> 99.95%"), 0.9995));
        assert_eq!(find_percent("three nines"), None);
    }

    #[test]
    fn tls_versions_named() {
        assert_eq!(tls_version("TLS 1.3"), Some(TlsVersion::Tls(1, 3)));
        assert_eq!(tls_version("TLSv1.1"), Some(TlsVersion::Tls(1, 1)));
        assert_eq!(tls_version("SSLv3"), Some(TlsVersion::Ssl));
        assert_eq!(tls_version("TLS 1.0 disabled"), None);
        assert_eq!(tls_version("Let's Encrypt with auto-renewal"), None);
        assert_eq!(tls_version("OpenSSL 3.0"), None);
    }

    #[test]
    fn regimes_by_their_words() {
        assert_eq!(
            regimes_in("SOC 2 Type II certification", DEFAULT_REGIMES),
            ["SOC 2"]
        );
        assert_eq!(regimes_in("pci_dss", DEFAULT_REGIMES), ["PCI DSS"]);
        assert_eq!(regimes_in("soc2", DEFAULT_REGIMES), ["SOC 2"]);
        assert!(regimes_in("OWASP Top 10 compliance", DEFAULT_REGIMES).is_empty());
    }
}
