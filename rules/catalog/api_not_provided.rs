use crate::diagnostic::Finding;
use crate::model::catalog::EntityId;
use crate::rules::{Context, Rule, declare_rule};
use std::collections::{BTreeMap, HashSet};

declare_rule! {
    /// ## What it reports
    /// A Backstage API entity that no component provides (`providesApis`), with every component
    /// that consumes it (`consumesApis`) labelled. Judged only in a repository whose components
    /// record what they provide (at least one `providesApis`): a catalog that never writes
    /// `providesApis` says nothing about providers.
    ///
    /// ## Why it matters
    /// A consumer of an API nobody provides depends on nothing the catalog knows: there is no
    /// edge to the service that answers, no owner to call when it breaks, and its definition
    /// belongs to no service, so no rule compares it with one.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Component
    /// metadata: {name: orders}
    /// spec: {type: service, owner: team-orders, lifecycle: production, providesApis: [orders-api], consumesApis: [payments-api]}
    /// ---
    /// kind: API
    /// metadata: {name: payments-api}        # no component lists it under providesApis
    /// spec: {type: openapi, owner: team-payments, lifecycle: production, definition: ...}
    /// ```
    ///
    /// ## Fix
    /// Add the API to the `providesApis` of the component that serves it, or remove the API
    /// entity if nothing serves it any more.
    ///
    /// ## Options
    /// None.
    pub struct ApiNotProvided {
        name: "api-not-provided",
        family: Catalog,
        severity: Warning,
        summary: "a Backstage API entity that no component provides",
    }
}

impl Rule for ApiNotProvided {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let catalog = &context.model.catalog;
        let provided: HashSet<EntityId> = catalog
            .references
            .iter()
            .filter(|reference| reference.field == "providesApis")
            .filter_map(|reference| reference.target)
            .collect();
        let records_providers = catalog
            .references
            .iter()
            .any(|reference| reference.field == "providesApis");
        if !records_providers {
            return Vec::new();
        }
        let mut consumers: BTreeMap<EntityId, Vec<usize>> = BTreeMap::new();
        for (position, reference) in catalog.references.iter().enumerate() {
            if reference.field == "consumesApis"
                && let Some(api) = reference.target
            {
                consumers.entry(api).or_default().push(position);
            }
        }
        catalog
            .entities
            .iter()
            .enumerate()
            .map(|(index, entity)| (EntityId(index), entity))
            .filter(|(id, entity)| entity.kind.eq_ignore_ascii_case("API") && !provided.contains(id))
            .map(|(id, entity)| {
                let mut finding = Finding::new(
                    Self::NAME,
                    entity.name.span,
                    format!("`{}` is an API no component provides", entity.name.value),
                )
                .primary_message("no component lists it under `providesApis`")
                .note("its consumers depend on nothing the catalog knows: no service answers, no owner is called when it breaks")
                .help("add the API to the `providesApis` of the component that serves it");
                for &position in consumers.get(&id).into_iter().flatten() {
                    let reference = &catalog.references[position];
                    let consumer = catalog.entity(reference.from);
                    finding = finding.label(
                        reference.written.span,
                        format!("consumed by `{}`", consumer.name.value),
                    );
                }
                finding
            })
            .collect()
    }
}
