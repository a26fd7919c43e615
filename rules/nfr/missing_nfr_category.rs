use super::{listing, option_strings};
use crate::diagnostic::Finding;
use crate::load::kind::DocumentKind;
use crate::model::normalize;
use crate::rules::{Context, Rule, declare_rule};
use std::collections::HashSet;

/// The categories every system must say something measurable about.
const REQUIRED: [&str; 3] = ["performance", "availability", "security"];

declare_rule! {
    /// ## What it reports
    /// A repository whose requirements documents, taken together, have no entry in a required
    /// category (default `performance`, `availability`, `security`). It is reported once, on the
    /// first requirements document in path order, and only when there is at least one
    /// requirements document. A category counts when it holds at least one requirement; an empty
    /// list does not. Category names compare case-insensitively, with `_`, `-` and spaces equal.
    ///
    /// ## Why it matters
    /// What is not required is not designed for: latency, uptime and security are what users
    /// notice first, and they are the hardest to add after the architecture is set.
    ///
    /// ## Example
    /// ```yaml
    /// functional_requirements:
    ///   user_management: [User registration and authentication]
    /// non_functional_requirements:
    ///   performance:
    ///     - Response time: < 200ms (p95)
    /// ```
    ///
    /// ## Fix
    /// Add the missing categories, each with a measurable target:
    /// ```yaml
    ///   availability:
    ///     metric: uptime percentage
    ///     target: "> 99.9%"
    ///     measurement: Prometheus + Grafana
    /// ```
    ///
    /// ## Options
    /// `required_categories` (default `["performance", "availability", "security"]`): the
    /// categories that must be present; the list replaces the default.
    /// ```yaml
    /// rules:
    ///   missing-nfr-category:
    ///     options: {required_categories: [performance, availability, security, scalability]}
    /// ```
    pub struct MissingNfrCategory {
        name: "missing-nfr-category",
        family: Nfr,
        severity: Warning,
        summary: "requirements that, taken together, have no entry in a required category (default `performance`, `availability`, `security`)",
        options: [("required_categories", crate::config::OptionKind::Names)],
    }
}

/// A metric record (metric, target, measurement) for a default category: seed 004's own (Issue
/// 4).
fn example(category: &str) -> Option<(&'static str, &'static str, &'static str)> {
    match normalize(category).as_str() {
        "performance" => Some(("p95 latency", "< 200ms", "load testing with k6")),
        "availability" => Some(("uptime percentage", "> 99.9%", "Prometheus + Grafana")),
        "security" => Some((
            "OWASP Top 10 compliance",
            "100% compliant",
            "SAST + DAST scans",
        )),
        _ => None,
    }
}

impl Rule for MissingNfrCategory {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some(first) = context
            .workspace
            .documents
            .iter()
            .find(|document| document.kind == DocumentKind::Requirements)
        else {
            return Vec::new();
        };
        let present: HashSet<String> = context
            .model
            .requirements
            .iter()
            .map(|requirement| normalize(&requirement.category.value))
            .collect();
        let mut seen = HashSet::new();
        let missing: Vec<String> =
            option_strings(context.options, "required_categories", &REQUIRED)
                .into_iter()
                .filter(|category| {
                    let key = normalize(category);
                    !present.contains(&key) && seen.insert(key)
                })
                .collect();
        if missing.is_empty() {
            return Vec::new();
        }
        let at = ["/non_functional_requirements", "/functional_requirements"]
            .iter()
            .find_map(|pointer| first.locate(pointer)?.key)
            .unwrap_or_else(|| first.focus(""));
        let mut finding = Finding::new(
            Self::NAME,
            at,
            format!(
                "no non-functional requirement for {}",
                listing(&missing, "or")
            ),
        )
        .primary_message("in none of the requirements documents")
        .note("what is not required is not designed for: latency, uptime and security are hard to add once the architecture is set");
        let failed = context.workspace.failures.len();
        if failed > 0 {
            let files = if failed == 1 {
                "1 file could not be loaded; requirements in it are not counted".to_string()
            } else {
                format!("{failed} files could not be loaded; requirements in them are not counted")
            };
            finding = finding.note(files);
        }
        let example = match example(&missing[0]) {
            Some((metric, target, measurement)) => format!(
                ", e.g. `{}: {{metric: {metric}, target: \"{target}\", measurement: {measurement}}}`",
                missing[0]
            ),
            None => {
                ": a metric, a target with a number and a unit, and how it is measured".to_string()
            }
        };
        vec![finding.help(format!(
            "add {} with a measurable target{example}",
            listing(&missing, "and")
        ))]
    }
}
