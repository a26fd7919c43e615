use crate::diagnostic::Finding;
use crate::load::catalog::parse_reference;
use crate::model::catalog::Reference;
use crate::rules::{Context, Rule, declare_rule, option_strings};
use crate::suggest::Candidates;
use std::collections::{BTreeSet, HashMap, HashSet};

declare_rule! {
    /// ## What it reports
    /// A Backstage entity reference that names no entity the repository defines: `owner`,
    /// `system`, `domain`, `subcomponentOf`, `dependsOn`, `dependencyOf`, `providesApis`,
    /// `consumesApis`, `parent`, `children`, `members`, `memberOf` and `subdomainOf`, read as
    /// Backstage reads them (`[kind:][namespace/]name`, the kind the field implies, the
    /// namespace of the referring entity, compared case-insensitively). The help names a close
    /// entity when there is one. A repository usually holds only part of a company's catalog:
    /// a reference to a kind the repository defines no entity of (no `Group` anywhere) is not
    /// reported, unless the configuration lists known external entities of that kind. A
    /// `dependsOn` or `dependencyOf` entry without a kind is reported too: Backstage rejects it.
    ///
    /// ## Why it matters
    /// Backstage never checks that a reference points at anything: a relation to a mistyped
    /// name is silently dropped, so the catalog shows no owner, no system, no dependency, and
    /// every question asked of it ("who owns this?", "what breaks if this is down?") gets a
    /// wrong answer.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: orders
    /// spec:
    ///   type: service
    ///   lifecycle: production
    ///   owner: team-ordrs            # the Group is `team-orders`
    ///   dependsOn: [resource:orders-db]
    /// ```
    ///
    /// ## Fix
    /// Correct the reference, or define the entity. For an entity another repository defines,
    /// list it in the configuration:
    ///
    /// ```yaml
    /// rules:
    ///   unknown-entity:
    ///     options:
    ///       external: [group:platform, system:payments]
    /// ```
    ///
    /// ## Options
    /// - `external`: entity references, each with its kind (`group:platform`,
    ///   `system:shop/payments`), of entities defined outside the repository. They count as
    ///   defined, and references to their kinds are checked even when the repository defines no
    ///   entity of that kind.
    pub struct UnknownEntity {
        name: "unknown-entity",
        family: Catalog,
        severity: Error,
        summary: "a Backstage entity reference that names no entity the repository defines",
        options: [("external", crate::config::OptionKind::EntityReferences)],
    }
}

/// A reference's identity: kind, namespace, name, lower case.
type Key = (String, String, String);

impl Rule for UnknownEntity {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let catalog = &context.model.catalog;
        // Ordered, so that "did you mean" breaks ties the same way on every run.
        let external: BTreeSet<Key> = option_strings(context.options, "external", &[])
            .iter()
            .filter_map(|text| {
                let parsed = parse_reference(text)?;
                Some((
                    parsed.kind?.to_lowercase(),
                    parsed.namespace.unwrap_or("default").to_lowercase(),
                    parsed.name.to_lowercase(),
                ))
            })
            .collect();
        let external_kinds: HashSet<&str> = external.iter().map(|key| key.0.as_str()).collect();
        let dangling: Vec<&Reference> = catalog
            .references
            .iter()
            .filter(|reference| reference.target.is_none())
            .filter(|reference| match &reference.kind {
                None => true,
                Some(kind) => {
                    let key = (
                        kind.clone(),
                        reference.namespace.clone(),
                        reference.name.clone(),
                    );
                    !external.contains(&key)
                        && (catalog.defines_kind(kind) || external_kinds.contains(kind.as_str()))
                }
            })
            .collect();
        if dangling.is_empty() {
            return Vec::new();
        }
        // Every defined and external entity by full reference, by kind, for "did you mean".
        let mut known: HashMap<String, Vec<String>> = HashMap::new();
        // An entity of another kind with the very name: `owner: jane` where `jane` is a User.
        let mut by_name: HashMap<(String, String), String> = HashMap::new();
        for entity in &catalog.entities {
            known
                .entry(entity.kind.to_lowercase())
                .or_default()
                .push(entity.reference());
            by_name
                .entry((
                    entity.namespace.to_lowercase(),
                    entity.name.value.to_lowercase(),
                ))
                .or_insert_with(|| entity.reference());
        }
        for (kind, namespace, name) in &external {
            known
                .entry(kind.clone())
                .or_default()
                .push(format!("{kind}:{namespace}/{name}"));
        }
        let mut trees: HashMap<&str, Candidates<'_>> = HashMap::new();
        dangling
            .into_iter()
            .map(|reference| {
                let Some(kind) = &reference.kind else {
                    let finding = Finding::new(
                        Self::NAME,
                        reference.written.span,
                        format!(
                            "`{}` entry `{}` names no kind",
                            reference.field, reference.written.value
                        ),
                    )
                    .primary_message("a kind is required here")
                    .note(
                        "Backstage reads `dependsOn` and `dependencyOf` with no default kind and rejects the entity when an entry has none",
                    );
                    let same_name =
                        by_name.get(&(reference.namespace.clone(), reference.name.clone()));
                    return match same_name {
                        Some(entity) => finding.help(format!("did you mean `{entity}`?")),
                        None => finding.help("write the kind: `component:NAME` or `resource:NAME`"),
                    };
                };
                let finding = Finding::new(
                    Self::NAME,
                    reference.written.span,
                    format!(
                        "`{}` refers to `{}`, which no entity defines",
                        reference.field,
                        reference.full()
                    ),
                )
                .primary_message(format!("no {kind} has this name"))
                .note("Backstage drops a relation to an entity it cannot find, silently");
                let candidates = trees.entry(kind.as_str()).or_insert_with(|| {
                    Candidates::new(
                        known.get(kind.as_str()).into_iter().flatten().map(String::as_str),
                        str::to_lowercase,
                    )
                });
                let other_kind =
                    by_name.get(&(reference.namespace.clone(), reference.name.clone()));
                let close = candidates
                    .closest(&reference.full(), str::to_lowercase)
                    .or(other_kind.map(String::as_str));
                match close {
                    Some(close) => finding.help(format!("did you mean `{close}`?")),
                    None => finding.help(
                        "define the entity, correct the reference, or list it under `external` in the options of `unknown-entity`",
                    ),
                }
            })
            .collect()
    }
}
