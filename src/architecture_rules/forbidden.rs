//! `forbidden:` each dependency from a service `from` matches to a service `to` matches (with
//! `from`'s captures in place) is a violation; with `reachable: true`, each pair of such
//! services where the second is reachable from the first, once, at the first dependency of the
//! shortest path.

use super::matcher::Services;
use super::{ArchitectureRule, Dependencies, Edges, Search, Targets, at_dependencies, how};
use crate::diagnostic::Finding;
use crate::model::Dependency;

pub(super) fn check(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
) -> Vec<Finding> {
    let model = services.model;
    let sources = dependencies.sources(services);
    let mut targets = Targets::new(&dependencies.to, model.services.len());
    let mut findings = Vec::new();
    if !dependencies.reachable {
        for dependency in &model.dependencies {
            if !dependencies.via.follows(dependency.communication) {
                continue;
            }
            let Some(captures) = &sources[dependency.from.0] else {
                continue;
            };
            if targets.matches(captures, services, dependency.to) {
                let to = targets.get(captures).describe();
                findings.extend(violation(rule, dependencies, services, &[dependency], &to));
            }
        }
        return findings;
    }
    let edges = Edges::new(model, dependencies.via);
    let mut search = Search::new(model.services.len());
    for source in model.ids() {
        let Some(captures) = &sources[source.0] else {
            continue;
        };
        for target in search.run(model, &edges, source, |_| false) {
            if targets.matches(captures, services, target) {
                let path = search.path(model, source, target);
                let to = targets.get(captures).describe();
                findings.extend(violation(rule, dependencies, services, &path, &to));
            }
        }
    }
    findings
}

fn violation(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
    path: &[&Dependency],
    to: &str,
) -> Option<Finding> {
    let (first, last) = (path.first()?, path.last()?);
    let verb = if path.len() == 1 {
        "depends on"
    } else {
        "reaches"
    };
    let message = format!(
        "{} {verb} {}{}, a forbidden dependency",
        services.name(first.from),
        services.name(last.to),
        how(services, path)
    );
    let help = match dependencies.via {
        super::Via::Sync => "remove the dependency, or replace the call with an event",
        _ => "remove the dependency",
    };
    Some(
        at_dependencies(rule, services, path, message)?
            .note(format!(
                "the rule forbids dependencies{} from `{}` to `{to}`",
                dependencies.qualifier(),
                dependencies.from.describe(),
            ))
            .help(help),
    )
}
