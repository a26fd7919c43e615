//! `required:` each service `from` matches must depend on a service `to` matches (with `from`'s
//! captures in place): directly, or with `reachable: true` through any number of dependencies.
//! A service that itself matches `to` is what is required, and is not judged. A violation is
//! reported at the service's declaration.

use super::matcher::Services;
use super::{ArchitectureRule, Dependencies, Edges, Search, Targets};
use crate::diagnostic::Finding;

pub(super) fn check(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
) -> Vec<Finding> {
    let model = services.model;
    let sources = dependencies.sources(services);
    let mut targets = Targets::new(&dependencies.to, model.services.len());
    let edges = Edges::new(model, dependencies.via);
    let mut search = Search::new(model.services.len());
    let mut findings = Vec::new();
    for source in model.ids() {
        let Some(captures) = &sources[source.0] else {
            continue;
        };
        if targets.matches(captures, services, source) {
            continue;
        }
        let met = if dependencies.reachable {
            let mut met = false;
            search.run(model, &edges, source, |target| {
                met = targets.matches(captures, services, target);
                met
            });
            met
        } else {
            edges
                .of(source)
                .iter()
                .any(|&index| targets.matches(captures, services, model.dependencies[index].to))
        };
        if met {
            continue;
        }
        let to = targets.get(captures).describe();
        let verb = if dependencies.reachable {
            "reaches"
        } else {
            "depends on"
        };
        let name = &services.service(source).name;
        findings.push(
            rule.finding(
                name.span,
                format!(
                    "{} {verb} no service matching `{to}`{}",
                    services.name(source),
                    dependencies.qualifier()
                ),
            )
            .primary_message(format!("matches `{}`", dependencies.from.describe()))
            .note(format!(
                "every service matching `{}` must {}{} a service matching `{to}`",
                dependencies.from.describe(),
                if dependencies.reachable {
                    "reach"
                } else {
                    "depend on"
                },
                dependencies.qualifier(),
            ))
            .help(format!("add a dependency on a service matching `{to}`")),
        );
    }
    findings
}
