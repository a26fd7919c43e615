//! `archlint checklist`: a verification checklist answered from the documents. The checklist is
//! data ([`Checklist`]): seed 004's is built in ([`Checklist::builtin`]), a team gives its own
//! under `checklist:` in the configuration. Each item is decided by rules (met when none of them
//! reports anything and the documents they read exist), by the presence of documents, or is
//! `manual`. The answers ([`Answers`]) are one data model that every output format renders.

mod render;

pub use render::{ChecklistFormat, render};

use crate::load::kind::DocumentKind;
use crate::model::standards::human_duration;
use crate::pipeline::Analysis;
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A checklist: sections of items.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Checklist {
    pub sections: Vec<Section>,
}

// Unknown keys are refused: `rule:` for `rules:` would leave an item without its rules, and
// answer it as met or manual without a word.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(rename = "section")]
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Item {
    pub text: String,
    /// Rules that must report nothing.
    pub rules: Vec<String>,
    /// Documents (and facts) that must be present: see [`Need`].
    pub documents: Vec<String>,
    /// Nothing in the documents can show it: what a reviewer should look at.
    pub manual: Option<String>,
}

/// Seed 004's Verification Checklist, its texts as the seed writes them.
const BUILTIN: &str = include_str!("seed-004.yaml");

impl Checklist {
    pub fn builtin() -> Checklist {
        Checklist::parse(BUILTIN, &crate::rules::Registry::built_in())
            .expect("the built-in checklist is valid")
    }

    /// A checklist written as YAML: a list of sections, or `{checklist: [...]}`; the rules its
    /// items name must be among `rules`.
    pub fn parse(text: &str, rules: &crate::rules::Registry) -> Result<Checklist, String> {
        let parsed = crate::load::yaml::parse(text, 0, &crate::load::limits::Limits::default());
        let value = match parsed {
            (documents, None) => match documents.into_iter().next() {
                // Of a key written twice YAML keeps one: the other item's rules would be lost.
                Some(document) if !document.duplicate_keys.is_empty() => {
                    return Err(format!(
                        "`{}` is written twice in one mapping",
                        document.duplicate_keys[0].key
                    ));
                }
                Some(document) => document.value,
                None => Value::Null,
            },
            (_, Some(failure)) => return Err(failure.message),
        };
        Checklist::from_value(&value, rules)
    }

    fn from_value(value: &Value, rules: &crate::rules::Registry) -> Result<Checklist, String> {
        let sections = match value {
            Value::Object(map) if map.contains_key("checklist") => &map["checklist"],
            other => other,
        };
        // Said in a few words: serde's would repeat the whole value (a file named by mistake).
        if !matches!(sections, Value::Array(_)) {
            return Err(
                "a checklist is a list of sections, each `{section: TITLE, items: [...]}`"
                    .to_string(),
            );
        }
        let sections: Vec<Section> =
            serde_json::from_value(sections.to_serde()).map_err(|error| error.to_string())?;
        let checklist = Checklist { sections };
        for item in checklist.sections.iter().flat_map(|section| &section.items) {
            if item.text.trim().is_empty() {
                return Err("an item has no `text`: what the item asks".to_string());
            }
            if item.rules.is_empty() && item.documents.is_empty() && item.manual.is_none() {
                return Err(format!(
                    "item `{}` has no `rules`, `documents` or `manual`: nothing could answer it",
                    item.text
                ));
            }
            for rule in &item.rules {
                if rules.find(rule).is_none() {
                    return Err(format!("item `{}` names no rule `{rule}`", item.text));
                }
            }
            for need in &item.documents {
                if Need::parse(need).is_none() {
                    return Err(format!(
                        "item `{}` names `{need}`, which is none of the documents archlint knows ({})",
                        item.text,
                        Need::NAMES.join(", ")
                    ));
                }
            }
        }
        Ok(checklist)
    }

    /// The configuration's checklist (`checklist:`, a file relative to the configuration's
    /// folder, or the sections), else the built-in one.
    pub fn configured(
        checklist: Option<&Value>,
        root: &Path,
        max_file_size: u64,
        rules: &crate::rules::Registry,
    ) -> Result<Checklist, String> {
        match checklist {
            None => Ok(Checklist::builtin()),
            Some(Value::String(file)) => {
                let path = root.join(file);
                // A named pipe or `/dev/zero` named here would hang the run or fill its memory:
                // it is read as documents are.
                let text = crate::load::read_limited(&path, max_file_size)
                    .map_err(|unread| unread.reason())
                    .and_then(|bytes| {
                        String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
                    })
                    .map_err(|reason| {
                        format!(
                            "cannot read the checklist `{}`: {reason}",
                            crate::source::display_name(&path)
                        )
                    })?;
                Checklist::parse(&text, rules).map_err(|error| {
                    format!(
                        "the checklist `{}`: {error}",
                        crate::source::display_name(&path)
                    )
                })
            }
            Some(sections) => Checklist::from_value(sections, rules)
                .map_err(|error| format!("the configuration's `checklist`: {error}")),
        }
    }
}

/// Something an item needs to be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Architecture,
    Requirements,
    FunctionalRequirements,
    OpenApi,
    ApiDocumentation,
    Adr,
    ApiStandards,
    DataArchitecture,
    Caching,
    DeploymentArchitecture,
    DeploymentStrategy,
    Monitoring,
    DisasterRecovery,
    SecurityArchitecture,
    Authentication,
    PatternDecisions,
}

impl Need {
    const NAMES: &[&str] = &[
        "architecture",
        "requirements",
        "functional-requirements",
        "openapi",
        "api-documentation",
        "adr",
        "api-standards",
        "data-architecture",
        "caching",
        "deployment-architecture",
        "deployment-strategy",
        "monitoring",
        "disaster-recovery",
        "security-architecture",
        "authentication",
        "pattern-decisions",
    ];

    fn parse(name: &str) -> Option<Need> {
        Some(match name {
            "architecture" => Need::Architecture,
            "requirements" => Need::Requirements,
            "functional-requirements" => Need::FunctionalRequirements,
            "openapi" => Need::OpenApi,
            "api-documentation" => Need::ApiDocumentation,
            "adr" => Need::Adr,
            "api-standards" => Need::ApiStandards,
            "data-architecture" => Need::DataArchitecture,
            "caching" => Need::Caching,
            "deployment-architecture" => Need::DeploymentArchitecture,
            "deployment-strategy" => Need::DeploymentStrategy,
            "monitoring" => Need::Monitoring,
            "disaster-recovery" => Need::DisasterRecovery,
            "security-architecture" => Need::SecurityArchitecture,
            "authentication" => Need::Authentication,
            "pattern-decisions" => Need::PatternDecisions,
            _ => return None,
        })
    }
}

/// How an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Met,
    Unmet,
    Manual,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Unmet => "unmet",
            Status::Manual => "manual",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Answer {
    pub text: String,
    pub status: Status,
    pub evidence: Vec<String>,
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnsweredSection {
    pub title: String,
    pub items: Vec<Answer>,
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    pub met: usize,
    pub unmet: usize,
    pub manual: usize,
}

/// The checklist answered: what every format renders.
#[derive(Clone, Debug, Serialize)]
pub struct Answers {
    pub version: u32,
    pub sections: Vec<AnsweredSection>,
    pub summary: Summary,
}

/// At most this many findings are quoted as an unmet item's evidence.
const QUOTED: usize = 5;

impl Answers {
    /// The answers from `analysis`; `runs` tells the rules the configuration runs, as
    /// [`Config::runs`](crate::config::Config::runs) does: a rule turned off cannot show that
    /// its item is met.
    pub fn new(checklist: &Checklist, analysis: &Analysis, runs: &dyn Fn(&str) -> bool) -> Answers {
        let mut summary = Summary::default();
        let sections = checklist
            .sections
            .iter()
            .map(|section| AnsweredSection {
                title: section.title.clone(),
                items: section
                    .items
                    .iter()
                    .map(|item| {
                        let answer = answer(item, analysis, runs);
                        match answer.status {
                            Status::Met => summary.met += 1,
                            Status::Unmet => summary.unmet += 1,
                            Status::Manual => summary.manual += 1,
                        }
                        answer
                    })
                    .collect(),
            })
            .collect();
        Answers {
            version: 1,
            sections,
            summary,
        }
    }
}

fn answer(item: &Item, analysis: &Analysis, runs: &dyn Fn(&str) -> bool) -> Answer {
    let decided = !item.rules.is_empty() || !item.documents.is_empty();
    if !decided {
        return Answer {
            text: item.text.clone(),
            status: Status::Manual,
            evidence: item.manual.iter().cloned().collect(),
            rules: Vec::new(),
        };
    }
    let mut unmet = Vec::new();
    let mut met = Vec::new();
    for need in item.documents.iter().filter_map(|name| Need::parse(name)) {
        match present(need, analysis) {
            Ok(evidence) => met.extend(evidence),
            Err(missing) => unmet.push(missing),
        }
    }
    let sources = &analysis.workspace.sources;
    let mut found = 0;
    let mut not_run = Vec::new();
    for rule in &item.rules {
        if !runs(rule) {
            not_run.push(format!(
                "`{rule}` is off in the configuration: it did not look"
            ));
            continue;
        }
        let diagnostics: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.rule == rule.as_str())
            .collect();
        found += diagnostics.len();
        for diagnostic in diagnostics.iter().take(QUOTED.saturating_sub(unmet.len())) {
            let span = diagnostic.primary_span();
            let file = sources.get(span.file);
            let at = file.location(span.start as usize);
            unmet.push(format!(
                "{}:{}:{}: {}[{}]: {}",
                file.name, at.line, at.column, diagnostic.severity, rule, diagnostic.message
            ));
        }
        if diagnostics.is_empty()
            && let Some(evidence) = rule_evidence(rule, analysis)
        {
            met.push(evidence);
        }
    }
    let quoted = unmet.iter().filter(|line| line.contains("]: ")).count();
    if found > quoted {
        unmet.push(format!("and {} more finding(s)", found - quoted));
    }
    let status = if !unmet.is_empty() {
        Status::Unmet
    } else if !not_run.is_empty() {
        // Nothing found by a rule that did not look is no evidence: a reviewer answers it.
        Status::Manual
    } else {
        Status::Met
    };
    if status == Status::Met && met.is_empty() {
        met.push(format!("no finding of {}", backticked(&item.rules)));
    }
    if status == Status::Met && !item.rules.is_empty() && !analysis.workspace.failures.is_empty() {
        // What a file that does not load holds, no rule read: the reviewer weighs it.
        met.push(format!(
            "not read: {} (does not load: `parse-error`)",
            unloaded_names(analysis)
        ));
    }
    Answer {
        text: item.text.clone(),
        status,
        evidence: match status {
            Status::Met => met,
            Status::Unmet => unmet,
            Status::Manual => not_run,
        },
        rules: item.rules.clone(),
    }
}

fn backticked(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a met rule shows, in words, where it says more than "no finding".
fn rule_evidence(rule: &str, analysis: &Analysis) -> Option<String> {
    let model = &analysis.model;
    let services = model.services.len();
    match rule {
        "dependency-cycle" if services > 0 => Some(format!(
            "0 cycles among {services} service{}",
            if services == 1 { "" } else { "s" }
        )),
        "missing-responsibility" if services > 0 => Some(format!(
            "each of {services} services states its responsibility"
        )),
        "unquantified-nfr" if !model.requirements.is_empty() => Some(format!(
            "each of {} non-functional requirements has a measurable target",
            model.requirements.len()
        )),
        "unversioned-api" if !model.apis.is_empty() => Some(format!(
            "{} OpenAPI document(s) versioned",
            model.apis.len()
        )),
        _ => None,
    }
}

/// The names of the files that hold documents of `kind`, or `None` when there is none.
fn files_of(analysis: &Analysis, kinds: &[DocumentKind]) -> Option<String> {
    let mut names: Vec<&str> = analysis
        .workspace
        .documents
        .iter()
        .filter(|document| kinds.contains(&document.kind))
        .map(|document| analysis.workspace.sources.get(document.file).name.as_str())
        .collect();
    names.dedup();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Files that did not load, as evidence for an item whose document may be in one of them.
fn unloaded(analysis: &Analysis) -> String {
    if analysis.workspace.failures.is_empty() {
        String::new()
    } else {
        format!(
            " ({} does not load: `parse-error`)",
            unloaded_names(analysis)
        )
    }
}

/// The names of the files that did not load, in one list.
fn unloaded_names(analysis: &Analysis) -> String {
    let sources = &analysis.workspace.sources;
    let names: Vec<&str> = analysis
        .workspace
        .failures
        .iter()
        .map(|(file, _)| sources.get(*file).name.as_str())
        .collect();
    names.join(", ")
}

/// Whether what `need` names is present: its evidence, or why it is missing.
fn present(need: Need, analysis: &Analysis) -> Result<Vec<String>, String> {
    let model = &analysis.model;
    let standards = &model.standards;
    let file = |kinds: &[DocumentKind], missing: &str| {
        files_of(analysis, kinds)
            .map(|files| vec![format!("read: {files}")])
            .ok_or_else(|| format!("no {missing}{}", unloaded(analysis)))
    };
    match need {
        Need::Architecture => {
            if model.services.is_empty() {
                Err(format!(
                    "no service is defined (`services:` or `components:`){}",
                    unloaded(analysis)
                ))
            } else {
                Ok(Vec::new())
            }
        }
        Need::Requirements => {
            if model.requirements.is_empty() {
                Err(format!(
                    "no non-functional requirement could be read{}",
                    unloaded(analysis)
                ))
            } else {
                Ok(vec![format!(
                    "{} non-functional requirements read",
                    model.requirements.len()
                )])
            }
        }
        Need::FunctionalRequirements => {
            let found = analysis.workspace.documents.iter().any(|document| {
                document.kind == DocumentKind::Requirements
                    && document.value.get("functional_requirements").is_some()
            });
            if found {
                Ok(Vec::new())
            } else {
                Err(format!(
                    "no functional requirements (`functional_requirements:`){}",
                    unloaded(analysis)
                ))
            }
        }
        Need::OpenApi => file(&[DocumentKind::OpenApi], "OpenAPI document"),
        Need::ApiDocumentation => file(
            &[DocumentKind::OpenApi, DocumentKind::AsyncApi],
            "OpenAPI or AsyncAPI document",
        ),
        Need::Adr => {
            let count = model.decisions.records.len();
            if count == 0 {
                Err("no architecture decision record".to_string())
            } else {
                Ok(vec![format!("{count} ADRs")])
            }
        }
        Need::ApiStandards => file(
            &[DocumentKind::ApiStandards],
            "API standards (`rest_api_guidelines:`)",
        ),
        Need::DataArchitecture => file(
            &[DocumentKind::DataArchitecture],
            "data architecture (`data_stores:`)",
        ),
        Need::PatternDecisions => file(
            &[DocumentKind::PatternDecisions],
            "pattern decisions (`selected_patterns:`)",
        ),
        Need::DeploymentArchitecture => file(
            &[DocumentKind::DeploymentArchitecture],
            "deployment architecture (`environments:`)",
        ),
        Need::SecurityArchitecture => file(
            &[DocumentKind::SecurityArchitecture],
            "security architecture (`security_layers:`)",
        ),
        Need::Caching => {
            let caches: Vec<String> = standards
                .data
                .iter()
                .flat_map(|data| &data.services)
                .flat_map(|service| {
                    service
                        .stores
                        .iter()
                        .filter(|store| store.key.value.to_lowercase().contains("cache"))
                        .map(move |store| format!("{}.{}", service.key.value, store.key.value))
                })
                .collect();
            if caches.is_empty() {
                Err("no cache in the data architecture".to_string())
            } else {
                Ok(vec![format!("caches: {}", caches.join(", "))])
            }
        }
        Need::DeploymentStrategy => {
            let strategies: Vec<String> = environments(analysis)
                .filter_map(|environment| {
                    let strategy = environment.strategy.as_ref()?;
                    Some(format!("{}: {}", environment.name.value, strategy.value))
                })
                .collect();
            if strategies.is_empty() {
                Err("no environment names its `deployment.strategy`".to_string())
            } else {
                Ok(strategies)
            }
        }
        Need::Monitoring => {
            let monitored: Vec<String> = environments(analysis)
                .filter_map(|environment| {
                    let monitoring = environment.monitoring.as_ref()?;
                    Some(format!(
                        "{}: {}",
                        environment.name.value,
                        monitoring.value.join(", ")
                    ))
                })
                .collect();
            if monitored.is_empty() {
                Err("no environment describes its `monitoring`".to_string())
            } else {
                Ok(monitored)
            }
        }
        Need::DisasterRecovery => {
            let plans: Vec<String> = environments(analysis)
                .filter_map(|environment| {
                    let recovery = environment.disaster_recovery.as_ref()?;
                    let figure = |duration: &Option<
                        crate::model::Spanned<crate::model::standards::Duration>,
                    >| {
                        duration.as_ref().map_or("none".to_string(), |duration| {
                            duration
                                .value
                                .ms
                                .map_or_else(|| duration.value.text.clone(), human_duration)
                        })
                    };
                    Some(format!(
                        "{}: rto {}, rpo {}",
                        environment.name.value,
                        figure(&recovery.rto),
                        figure(&recovery.rpo)
                    ))
                })
                .collect();
            if plans.is_empty() {
                Err("no environment has a `disaster_recovery`".to_string())
            } else {
                Ok(plans)
            }
        }
        Need::Authentication => {
            let Some(security) = standards.security.first() else {
                return Err("no security architecture (`security_layers:`)".to_string());
            };
            let missing: Vec<&str> = [
                ("authentication", security.authentication.is_some()),
                ("authorization", security.authorization.is_some()),
            ]
            .iter()
            .filter(|(_, present)| !present)
            .map(|(name, _)| *name)
            .collect();
            if missing.is_empty() {
                Ok(vec![
                    "the security architecture describes authentication and authorization"
                        .to_string(),
                ])
            } else {
                Err(format!(
                    "the security architecture describes no {}",
                    missing.join(" or ")
                ))
            }
        }
    }
}

fn environments(
    analysis: &Analysis,
) -> impl Iterator<Item = &crate::model::standards::Environment> {
    analysis
        .model
        .standards
        .deployment
        .iter()
        .flat_map(|deployment| &deployment.environments)
}

#[cfg(test)]
mod tests {
    use super::Checklist;

    #[test]
    fn the_builtin_checklist_is_the_seeds_six_sections_and_23_items() {
        let checklist = Checklist::builtin();
        assert_eq!(checklist.sections.len(), 6);
        let items: usize = checklist
            .sections
            .iter()
            .map(|section| section.items.len())
            .sum();
        assert_eq!(items, 23);
    }

    #[test]
    fn a_checklist_naming_an_unknown_rule_is_refused() {
        let error = Checklist::parse(
            "- section: S\n  items:\n    - {text: T, rules: [no-such-rule]}\n",
            &crate::rules::Registry::built_in(),
        )
        .unwrap_err();
        assert!(error.contains("no-such-rule"), "{error}");
    }
}
