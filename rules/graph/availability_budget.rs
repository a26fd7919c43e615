use super::name;
use crate::diagnostic::Finding;
use crate::model::figures::percent;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A service whose `sla.availability` is higher than the product of the availabilities of
    /// its direct synchronous dependencies that declare one. The note shows the arithmetic.
    ///
    /// ## Why it matters
    /// A service that must call its dependencies to answer is up only when they all are: its
    /// availability is at most the product of theirs. A promise above that cannot be kept.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Product Service
    ///     dependencies: [Auth Service]
    ///     sla: {availability: "99.95%"}   # but Auth Service promises 99.9%
    ///   - name: Auth Service
    ///     sla: {availability: "99.9%"}
    /// ```
    ///
    /// ## Fix
    /// Lower the promise, raise the dependencies' availability, or take them off the critical
    /// path (make the call asynchronous, or add a cache or fallback).
    ///
    /// ## Options
    /// None.
    pub struct AvailabilityBudget {
        name: "availability-budget",
        family: Graph,
        severity: Error,
        summary: "a service promising more availability than its sync dependencies together allow",
    }
}

impl Rule for AvailabilityBudget {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let mut calls: Vec<Vec<&crate::model::Dependency>> = vec![Vec::new(); model.services.len()];
        for dependency in model.sync_dependencies() {
            if dependency.from != dependency.to {
                calls[dependency.from.0].push(dependency);
            }
        }
        model
            .ids()
            .filter_map(|id| {
                let promise = model.service(id).sla.availability.as_ref()?;
                let budget: Vec<_> = calls[id.0]
                    .iter()
                    .filter_map(|dependency| {
                        let figure = model.service(dependency.to).sla.availability.as_ref()?;
                        Some((dependency, figure))
                    })
                    .collect();
                if budget.is_empty() {
                    return None;
                }
                let product: f64 = budget.iter().map(|(_, figure)| figure.value).product();
                // Figures are read from decimal text; allow for binary rounding.
                if promise.value <= product + 1e-9 {
                    return None;
                }
                let factors: Vec<String> = budget.iter().map(|(_, figure)| percent(figure.value)).collect();
                let mut finding = Finding::new(
                    Self::NAME,
                    promise.span,
                    format!(
                        "{} promises {} availability, more than its synchronous dependencies allow ({})",
                        name(model, id),
                        percent(promise.value),
                        percent(product)
                    ),
                )
                .primary_message("promised here");
                for (dependency, figure) in &budget {
                    finding = finding
                        .label(dependency.declared_at(), "called synchronously here")
                        .label(
                            figure.span,
                            format!("{} promises {}", name(model, dependency.to), percent(figure.value)),
                        );
                }
                finding
                    .note(format!(
                        "{} > {} = {}",
                        percent(promise.value),
                        factors.join(" × "),
                        percent(product)
                    ))
                    .note("a service that must call its dependencies is up only when they all are")
                    .help("lower the promise, raise the dependencies' availability, or take them off the critical path (an event, a cache, a fallback)")
                    .into()
            })
            .collect()
    }
}
