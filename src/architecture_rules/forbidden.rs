//! `forbidden:` each dependency from a service `from` matches to a service `to` matches (with
//! `from`'s captures in place) is a violation; with `reachable: true`, each pair of such
//! services where the second is reachable from the first, once, at the first dependency of the
//! shortest path.

use super::matcher::Services;
use super::{ArchitectureRule, Dependencies, Route, at_dependencies, judged_paths, path_message};
use crate::diagnostic::Finding;

pub(super) fn check(
    rule: &ArchitectureRule,
    dependencies: &Dependencies,
    services: &Services<'_>,
) -> Vec<Finding> {
    judged_paths(dependencies, services, true)
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
    let message = path_message(services, route, "a forbidden dependency")?;
    let help = match dependencies.via {
        super::Via::Sync => "remove the dependency, or replace the call with an event",
        _ => "remove the dependency",
    };
    Some(
        at_dependencies(rule, services, route, message)?
            .note(format!(
                "the rule forbids dependencies{} from `{}` to `{to}`",
                dependencies.qualifier(),
                dependencies.from.describe(),
            ))
            .help(help),
    )
}
