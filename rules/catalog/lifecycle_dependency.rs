use crate::diagnostic::Finding;
use crate::model::catalog::{Entity, EntityId};
use crate::rules::{Context, Rule, declare_rule, option_strings};
use std::collections::HashMap;

declare_rule! {
    /// ## What it reports
    /// A Backstage component or API in a stable lifecycle (default `production`) that leans on
    /// an entity in an unstable one (default `experimental` and `deprecated`): a `dependsOn`
    /// whose target is unstable, a `consumesApis` whose API or whose providing component is
    /// unstable, and a stable API that an unstable component provides. Reported at the
    /// reference, the other entity's lifecycle labelled. Lifecycles compare case-insensitively.
    ///
    /// ## Why it matters
    /// An experimental component may change or vanish without notice, and a deprecated one is
    /// on its way out: whatever runs in production on top of it inherits that risk. This is a
    /// policy, not a contradiction (Backstage allows it, and sometimes it is the plan), so it
    /// is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Component
    /// metadata: {name: checkout}
    /// spec: {type: service, owner: team-shop, lifecycle: production, dependsOn: [component:recommendations]}
    /// ---
    /// kind: Component
    /// metadata: {name: recommendations}
    /// spec: {type: service, owner: team-ml, lifecycle: experimental}
    /// ```
    ///
    /// ## Fix
    /// Promote the dependency to production once it is ready, make the dependent tolerate its
    /// absence, or replace a deprecated dependency.
    ///
    /// ## Options
    /// - `stable`: the lifecycles that must not lean on unstable ones (default `production`).
    /// - `unstable`: the lifecycles that are not to be leaned on (default `experimental`,
    ///   `deprecated`).
    pub struct LifecycleDependency {
        name: "lifecycle-dependency",
        family: Catalog,
        severity: Warning,
        summary: "a production component or API that depends on an experimental or deprecated one",
        options: [
            ("stable", crate::config::OptionKind::Names),
            ("unstable", crate::config::OptionKind::Names),
        ],
    }
}

struct Lifecycles {
    stable: Vec<String>,
    unstable: Vec<String>,
}

impl Lifecycles {
    fn of<'e>(entity: &'e Entity, among: &[String]) -> Option<&'e str> {
        let lifecycle = entity.lifecycle.as_ref()?.value.as_str();
        among
            .iter()
            .any(|name| name.eq_ignore_ascii_case(lifecycle))
            .then_some(lifecycle)
    }

    fn stable<'e>(&self, entity: &'e Entity) -> Option<&'e str> {
        Self::of(entity, &self.stable)
    }

    fn unstable<'e>(&self, entity: &'e Entity) -> Option<&'e str> {
        Self::of(entity, &self.unstable)
    }
}

impl Rule for LifecycleDependency {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let catalog = &context.model.catalog;
        let lifecycles = Lifecycles {
            stable: option_strings(context.options, "stable", &["production"]),
            unstable: option_strings(context.options, "unstable", &["experimental", "deprecated"]),
        };
        let mut providers: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
        for reference in &catalog.references {
            if reference.field == "providesApis"
                && let Some(api) = reference.target
            {
                providers.entry(api).or_default().push(reference.from);
            }
        }
        let mut findings = Vec::new();
        for reference in &catalog.references {
            let Some(target) = reference.target else {
                continue;
            };
            let from = catalog.entity(reference.from);
            let to = catalog.entity(target);
            match reference.field {
                "dependsOn" | "consumesApis" => {
                    let Some(stable) = lifecycles.stable(from) else {
                        continue;
                    };
                    let mut leaned_on: Vec<&Entity> = Vec::new();
                    if lifecycles.unstable(to).is_some() {
                        leaned_on.push(to);
                    }
                    if reference.field == "consumesApis" {
                        leaned_on.extend(
                            providers
                                .get(&target)
                                .into_iter()
                                .flatten()
                                .map(|&provider| catalog.entity(provider))
                                .filter(|provider| lifecycles.unstable(provider).is_some()),
                        );
                    }
                    for unstable in leaned_on {
                        findings.push(finding(
                            reference.written.span,
                            from,
                            stable,
                            unstable,
                            lifecycles.unstable(unstable).unwrap_or_default(),
                            if std::ptr::eq(unstable, to) {
                                "depends on"
                            } else {
                                "consumes an API provided by"
                            },
                        ));
                    }
                }
                "providesApis" => {
                    if let (Some(unstable), Some(stable)) =
                        (lifecycles.unstable(from), lifecycles.stable(to))
                    {
                        findings.push(finding(
                            reference.written.span,
                            to,
                            stable,
                            from,
                            unstable,
                            "is provided by",
                        ));
                    }
                }
                _ => {}
            }
        }
        findings
    }
}

fn finding(
    at: crate::source::Span,
    stable: &Entity,
    stable_lifecycle: &str,
    unstable: &Entity,
    unstable_lifecycle: &str,
    relation: &str,
) -> Finding {
    // Kinds are written lower case inside a message, as Backstage's references write them,
    // except the acronym.
    let describe = |entity: &Entity| {
        let kind = if entity.kind.eq_ignore_ascii_case("api") {
            "API".to_string()
        } else {
            entity.kind.to_lowercase()
        };
        format!("{kind} `{}`", entity.name.value)
    };
    let mut finding = Finding::new(
        LifecycleDependency::NAME,
        at,
        format!(
            "{} {} {relation} {} {}",
            stable_lifecycle.to_lowercase(),
            describe(stable),
            unstable_lifecycle.to_lowercase(),
            describe(unstable)
        ),
    )
    .primary_message(format!("`{}` is {unstable_lifecycle}", unstable.name.value))
    .note("what runs in production inherits the risk of what it leans on: an experimental entity may change without notice, a deprecated one is on its way out")
    .help(format!(
        "promote `{}` once it is ready, make `{}` tolerate its absence, or depend on something stable",
        unstable.name.value, stable.name.value
    ));
    if let Some(lifecycle) = &unstable.lifecycle {
        finding = finding.label(lifecycle.span, "its lifecycle");
    }
    finding
}
