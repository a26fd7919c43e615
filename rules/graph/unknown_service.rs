use crate::diagnostic::Finding;
use crate::model::normalize;
use crate::rules::{Context, Rule, declare_rule};
use crate::suggest::Candidates;
use std::collections::HashMap;

declare_rule! {
    /// ## What it reports
    /// A dependency or an interaction (its source or its target) that names no defined service.
    /// Names compare case-insensitively, with runs of spaces, `_` and `-` equal, so
    /// `Auth Service`, `auth_service` and `auth-service` are one service. When a defined name is
    /// close, the help names it. Also a service key of the data architecture (`data_stores:`,
    /// seed 004) that names no defined service, where the repository defines services at all.
    ///
    /// ## Why it matters
    /// A dependency on a service nobody defined is either a typo or a part of the system that
    /// exists only in someone's head: no owner, no SLA, no API, and every rule that follows the
    /// edge is blind to it.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Order Service
    ///     dependencies: [Payment Service]   # no component is named Payment Service
    /// ```
    ///
    /// ## Fix
    /// Define the service in an architecture spec (`services:` or `components:`), or correct
    /// the name.
    ///
    /// ## Options
    /// None.
    pub struct UnknownService {
        name: "unknown-service",
        family: Graph,
        severity: Error,
        summary: "a dependency or interaction that names no defined service",
    }
}

impl Rule for UnknownService {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        // Keys of the data architecture are names of services too; without any service defined
        // there is nothing to hold them to.
        let data_keys: Vec<(&crate::model::Spanned<String>, &'static str)> =
            if context.model.services.is_empty() {
                Vec::new()
            } else {
                context
                    .model
                    .standards
                    .data
                    .iter()
                    .flat_map(|architecture| &architecture.services)
                    .filter(|service| context.model.find(&service.key.value).is_none())
                    .map(|service| (&service.key, "data architecture service"))
                    .collect()
            };
        // One search among the services per distinct unknown name, however often it is used.
        if context.model.unknown.is_empty() && data_keys.is_empty() {
            return Vec::new();
        }
        let services = Candidates::new(
            context
                .model
                .services
                .iter()
                .map(|service| service.name.value.as_str()),
            normalize,
        );
        let mut suggestions: HashMap<String, Option<&str>> = HashMap::new();
        context
            .model
            .unknown
            .iter()
            .map(|reference| (&reference.name, reference.role))
            .chain(data_keys)
            .map(|(name, role)| {
                let finding = Finding::new(
                    Self::NAME,
                    name.span,
                    format!("{} `{}` is not a defined service", role, name.value),
                )
                .primary_message("no service has this name")
                .note("an edge to an undefined service has no owner, SLA or API, and no rule can follow it");
                let suggestion = *suggestions
                    .entry(normalize(&name.value))
                    .or_insert_with(|| services.closest(&name.value, normalize));
                match suggestion {
                    Some(close) => finding.help(format!("did you mean `{close}`?")),
                    None => finding.help(
                        "define the service in an architecture spec (`services:` or `components:`), or correct the name",
                    ),
                }
            })
            .collect()
    }
}
