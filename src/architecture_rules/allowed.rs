//! `allowed:` each dependency of a service `from` matches must go to a service `to` matches
//! (with `from`'s captures in place); any other is a violation. With `reachable: true`, every
//! service reachable from it must match `to`: each other one is reported once, at the first
//! dependency of the shortest path. Dependencies of a kind `via` does not follow are not judged.

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
            if !targets.matches(captures, services, dependency.to) {
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
            if !targets.matches(captures, services, target) {
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
        "{} {verb} {}{}, not an allowed dependency",
        services.name(first.from),
        services.name(last.to),
        how(services, path)
    );
    Some(
        at_dependencies(rule, services, path, message)?
            .note(format!(
                "services matching `{}` may depend{} only on services matching `{to}`",
                dependencies.from.describe(),
                dependencies.qualifier(),
            ))
            .help("remove the dependency, or allow its target in the rule's `to`"),
    )
}
