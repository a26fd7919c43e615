//! `allowed:` each dependency of a service `from` matches must go to a service `to` matches
//! (with `from`'s captures in place); any other is a violation. With `reachable: true`, every
//! service reachable from it must match `to`: each other one is reported once, at the first
//! dependency of the shortest path. Dependencies of a kind `via` does not follow are not judged.

use super::matcher::Services;
use super::{ArchitectureRule, Dependencies, Route, at_dependencies, judged_paths, path_message};
use crate::diagnostic::Finding;

pub(super) fn check(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
) -> Vec<Finding> {
    judged_paths(dependencies, services, false)
        .into_iter()
        .filter_map(|(route, to)| violation(rule, dependencies, services, &route, &to))
        .collect()
}

fn violation(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
    route: &Route<'_>,
    to: &str,
) -> Option<Finding> {
    let message = path_message(services, route, "not an allowed dependency")?;
    Some(
        at_dependencies(rule, services, route, message)?
            .note(format!(
                "services matching `{}` may depend{} only on services matching `{to}`",
                dependencies.from.describe(),
                dependencies.qualifier(),
            ))
            .help("remove the dependency, or allow its target in the rule's `to`"),
    )
}
