use super::name;
use crate::diagnostic::Finding;
use crate::model::{DataStore, ServiceId, Spanned, normalize};
use crate::rules::{Context, Rule, declare_rule};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it reports
    /// A named data-store instance (`{name: orders-db, type: postgresql}`) used by two or more
    /// services. A data store given as a string (`database: postgresql`) is a type, private to
    /// its service, and never shared. Instance names compare like service names.
    ///
    /// ## Why it matters
    /// Database per service: a shared store couples the services' schemas, deployments and
    /// load; one service's migration or slow query becomes everyone's outage.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   orders:  {data_stores: [{name: main-db, type: postgresql}]}
    ///   billing: {data_stores: [{name: main-db, type: postgresql}]}
    /// ```
    ///
    /// ## Fix
    /// Give each service its own store and share data through its API or events.
    ///
    /// ## Options
    /// None.
    pub struct SharedDatastore {
        name: "shared-datastore",
        family: Graph,
        severity: Warning,
        summary: "a named data-store instance used by two or more services",
    }
}

impl Rule for SharedDatastore {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let mut users: BTreeMap<String, Vec<(ServiceId, &Spanned<String>)>> = BTreeMap::new();
        for id in model.ids() {
            for store in &model.service(id).data_stores {
                if let DataStore::Named { name } = store {
                    let uses = users.entry(normalize(&name.value)).or_default();
                    if uses.iter().all(|(user, _)| *user != id) {
                        uses.push((id, name));
                    }
                }
            }
        }
        users
            .into_values()
            .filter(|uses| uses.len() > 1)
            .map(|uses| {
                let names: Vec<String> = uses.iter().map(|(id, _)| name(model, *id)).collect();
                let (first, store) = uses[0];
                let mut finding = Finding::new(
                    Self::NAME,
                    store.span,
                    format!("data store `{}` is shared by {}", store.value, names.join(", ")),
                )
                .primary_message(format!("used by {}", name(model, first)));
                for (id, other) in &uses[1..] {
                    finding = finding.label(other.span, format!("used by {}", name(model, *id)));
                }
                finding
                    .note("database per service: a shared store couples schemas, deployments and load")
                    .help("give each service its own store and share data through an API or events")
            })
            .collect()
    }
}
