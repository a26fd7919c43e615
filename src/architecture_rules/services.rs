//! `services:` + `require:` rules on each service a matcher selects: per field (an attribute
//! or a dotted path), a pattern or list of patterns (any may match, as in a matcher), or a
//! mapping of conditions that must all hold: `present`, `absent`, `matches`, `one_of` (known
//! values, compared exactly), `min` and `max` (figures: `99.9`, `99.9%`, `200ms`, `2s`; a
//! duration on either side compares durations). A violation is reported where the field is
//! written, or at the service's name when it is missing.

use super::ArchitectureRule;
use super::matcher::{Attribute, Found, Matchers, Pattern, Services, flow, read_patterns, text};
use super::read::{Reader, kind_of};
use crate::diagnostic::Finding;
use crate::load::document::push_pointer_token;
use crate::model::figures;
use crate::value::Value;

#[derive(Debug)]
pub(crate) struct ServiceRule {
    pub services: Matchers,
    pub require: Requirements,
}

#[derive(Debug)]
pub(crate) struct Requirements {
    items: Vec<Requirement>,
    written: Value,
}

#[derive(Debug)]
struct Requirement {
    attribute: Attribute,
    conditions: Vec<Condition>,
}

#[derive(Debug)]
enum Condition {
    Present,
    Absent,
    Matches(Vec<Pattern>),
    OneOf(Vec<String>),
    Min(Figure, String),
    Max(Figure, String),
}

/// A figure as written: a number, a percentage or a duration.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Figure {
    Number(f64),
    Duration(f64),
}

impl Figure {
    fn read(value: &Value) -> Option<Figure> {
        match value {
            Value::Number(number) => number.as_f64().map(Figure::Number),
            Value::String(text) => {
                let text = text.trim();
                let number = text.strip_suffix('%').unwrap_or(text).trim();
                if let Ok(number) = number.parse::<f64>() {
                    return number.is_finite().then_some(Figure::Number(number));
                }
                figures::duration_ms(value)
                    .ok()
                    .filter(|ms| ms.is_finite())
                    .map(Figure::Duration)
            }
            _ => None,
        }
    }

    /// `self` compared with `bound`; a bare number against a duration is milliseconds.
    fn compare(self, bound: Figure) -> Option<std::cmp::Ordering> {
        let (value, bound) = match (self, bound) {
            (Figure::Number(a) | Figure::Duration(a), Figure::Number(b) | Figure::Duration(b)) => {
                (a, b)
            }
        };
        value.partial_cmp(&bound)
    }
}

const CONDITIONS: [&str; 6] = ["present", "absent", "matches", "one_of", "min", "max"];

impl Requirements {
    pub fn read(reader: &mut Reader<'_>, value: &Value, at: &str) -> Option<Requirements> {
        let map = match value {
            Value::Object(map) if !map.is_empty() => map,
            other => {
                reader.mistake(
                    at,
                    format!(
                        "`require` is a mapping of fields to what each must be, not {}",
                        if other.is_object() {
                            "an empty one"
                        } else {
                            kind_of(other)
                        }
                    ),
                    Some("write `require: {owner: {present: true}}`".into()),
                );
                return None;
            }
        };
        let mut items = Vec::new();
        let mut ok = true;
        for (key, value) in map {
            let mut pointer = at.to_string();
            push_pointer_token(&mut pointer, key);
            let attribute = if key == "not" {
                reader.mistake_at_key(
                    &pointer,
                    "`not` belongs in a matcher, not in `require`".to_string(),
                    Some("to require that a field be absent, write `FIELD: {absent: true}`".into()),
                );
                None
            } else {
                Attribute::read(reader, key, &pointer)
            };
            let conditions = read_conditions(reader, value, &pointer);
            match (attribute, conditions) {
                (Some(attribute), Some(conditions)) => items.push(Requirement {
                    attribute,
                    conditions,
                }),
                _ => ok = false,
            }
        }
        ok.then(|| Requirements {
            items,
            written: value.clone(),
        })
    }

    pub fn describe(&self) -> String {
        flow(&self.written)
    }
}

fn read_conditions(reader: &mut Reader<'_>, value: &Value, at: &str) -> Option<Vec<Condition>> {
    let map = match value {
        Value::Object(map) if !map.is_empty() => map,
        Value::Object(_) | Value::Null => {
            reader.mistake(
                at,
                "a field's requirement says nothing".to_string(),
                Some(format!(
                    "give a pattern, or some of {}",
                    super::read::list(&CONDITIONS)
                )),
            );
            return None;
        }
        other => {
            return read_patterns(reader, other, at, None).map(|p| vec![Condition::Matches(p)]);
        }
    };
    let mut conditions = Vec::new();
    let mut ok = true;
    for (key, value, pointer) in reader.members(map, at, &CONDITIONS, "a field's requirement") {
        let condition = match key {
            "present" | "absent" => {
                reader
                    .boolean(value, &pointer, &format!("`{key}`"))
                    .map(|flag| match (key, flag) {
                        ("present", true) | ("absent", false) => Condition::Present,
                        _ => Condition::Absent,
                    })
            }
            "matches" => read_patterns(reader, value, &pointer, None).map(Condition::Matches),
            "one_of" => read_known(reader, value, &pointer).map(Condition::OneOf),
            _ => {
                match Figure::read(value) {
                    Some(figure) => {
                        let written = text(value)
                            .map(|text| text.into_owned())
                            .unwrap_or_default();
                        Some(if key == "min" {
                            Condition::Min(figure, written)
                        } else {
                            Condition::Max(figure, written)
                        })
                    }
                    None => {
                        reader.mistake(
                        &pointer,
                        format!("`{key}` is a figure, not {}", show(value)),
                        Some("write a number, a percentage (`99.9%`) or a duration (`200ms`, `2s`)".into()),
                    );
                        None
                    }
                }
            }
        };
        match condition {
            Some(condition) => conditions.push(condition),
            None => ok = false,
        }
    }
    if map.len() != conditions.len() {
        ok = false;
    }
    ok.then_some(conditions)
}

fn read_known(reader: &mut Reader<'_>, value: &Value, at: &str) -> Option<Vec<String>> {
    let items = match value {
        Value::Array(items) if !items.is_empty() => items,
        other => {
            reader.mistake(
                at,
                format!(
                    "`one_of` is a list of the known values, not {}",
                    kind_of(other)
                ),
                Some("write `one_of: [team-orders, team-payments]`".into()),
            );
            return None;
        }
    };
    let mut known = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match text(item) {
            Some(text) => known.push(text.into_owned()),
            None => {
                reader.mistake(
                    &format!("{at}/{index}"),
                    format!("a known value is a string, not {}", kind_of(item)),
                    None,
                );
                return None;
            }
        }
    }
    Some(known)
}

fn show(value: &Value) -> String {
    match value {
        Value::String(text) => format!("`{text}`"),
        Value::Array(_) => format!("`{}`", flow(value)),
        Value::Object(_) | Value::Null => kind_of(value).to_string(),
        other => format!("`{other}`"),
    }
}

pub(super) fn check(
    rule: &ArchitectureRule,
    service_rule: &ServiceRule,
    services: &Services<'_>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for id in services.model.ids() {
        if !service_rule.services.matches(services, id) {
            continue;
        }
        for requirement in &service_rule.require.items {
            let found = services.find(id, &requirement.attribute);
            if let Some(finding) = judge(rule, services, id, requirement, &found) {
                findings.push(finding);
            }
        }
    }
    findings
}

/// The first condition of `requirement` the service breaks, as a finding.
fn judge(
    rule: &ArchitectureRule,
    services: &Services<'_>,
    id: crate::model::ServiceId,
    requirement: &Requirement,
    found: &Found<'_>,
) -> Option<Finding> {
    let name = services.name(id);
    let field = requirement.attribute.written();
    let service_span = services.service(id).name.span;
    let at = found.span(services.workspace).unwrap_or(service_span);
    let value = || match found.raw {
        Some(raw) => show(raw),
        None => found
            .texts
            .first()
            .map(|text| format!("`{text}`"))
            .unwrap_or_default(),
    };
    for condition in &requirement.conditions {
        let broken = match condition {
            Condition::Absent if found.present => Some((
                format!("{name} sets `{field}`, which must be absent"),
                "set here".to_string(),
            )),
            Condition::Absent => None,
            _ if !found.present => {
                return Some(
                    rule.finding(service_span, format!("{name} has no `{field}`"))
                        .primary_message(format!("`{field}` is not set"))
                        .help(format!("set `{field}` in the service's definition")),
                );
            }
            Condition::Present => None,
            Condition::Matches(patterns) => (!found
                .texts
                .iter()
                .any(|text| patterns.iter().any(|pattern| pattern.is_match(text))))
            .then(|| {
                let written: Vec<String> = patterns
                    .iter()
                    .map(|pattern| format!("`{}`", pattern.written))
                    .collect();
                (
                    format!(
                        "`{field}` of {name} is {}, which does not match {}",
                        value(),
                        written.join(" or ")
                    ),
                    "does not match".to_string(),
                )
            }),
            Condition::OneOf(known) => (!found
                .texts
                .iter()
                .any(|text| known.iter().any(|known| known == text)))
            .then(|| {
                let listed: Vec<&str> = known.iter().map(String::as_str).collect();
                (
                    format!(
                        "`{field}` of {name} is {}, not one of {}",
                        value(),
                        super::read::list(&listed)
                    ),
                    "not a known value".to_string(),
                )
            }),
            Condition::Min(bound, written) | Condition::Max(bound, written) => {
                let is_min = matches!(condition, Condition::Min(..));
                let figure = found.raw.and_then(Figure::read);
                match figure.and_then(|figure| figure.compare(*bound)) {
                    None => Some((
                        format!(
                            "`{field}` of {name} is {}, not a figure to compare with {written}",
                            value()
                        ),
                        "not a figure".to_string(),
                    )),
                    Some(std::cmp::Ordering::Less) if is_min => Some((
                        format!(
                            "`{field}` of {name} is {}, below the minimum {written}",
                            value()
                        ),
                        format!("at least {written}"),
                    )),
                    Some(std::cmp::Ordering::Greater) if !is_min => Some((
                        format!(
                            "`{field}` of {name} is {}, above the maximum {written}",
                            value()
                        ),
                        format!("at most {written}"),
                    )),
                    Some(_) => None,
                }
            }
        };
        if let Some((message, label)) = broken {
            let mut finding = rule.finding(at, message).primary_message(label);
            if at != service_span {
                finding = finding.label(service_span, format!("{name} is declared here"));
            }
            return Some(finding.help(format!(
                "make `{field}` meet the rule: {}",
                requirement_text(condition)
            )));
        }
    }
    None
}

fn requirement_text(condition: &Condition) -> String {
    match condition {
        Condition::Present => "set it".to_string(),
        Condition::Absent => "remove it".to_string(),
        Condition::Matches(patterns) => {
            let written: Vec<&str> = patterns.iter().map(|p| p.written.as_str()).collect();
            format!("match {}", super::read::list(&written))
        }
        Condition::OneOf(known) => {
            let listed: Vec<&str> = known.iter().map(String::as_str).collect();
            format!("one of {}", super::read::list(&listed))
        }
        Condition::Min(_, written) => format!("at least {written}"),
        Condition::Max(_, written) => format!("at most {written}"),
    }
}
