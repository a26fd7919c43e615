use super::name;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// With `architecture.layers` in the configuration (layer names, top to bottom): a
    /// synchronous dependency from a service in a lower layer to a service in a higher one, at
    /// the dependency's declaration; and a service whose `layer` is not in the list. Services
    /// without a `layer` are not judged. Layer names compare case-insensitively. Without
    /// `architecture.layers` the rule reports nothing.
    ///
    /// ## Why it matters
    /// Layers only help when calls go one way; an upward call ties the lower layer to the one
    /// above it and the layering becomes a tangle.
    ///
    /// ## Example
    /// ```yaml
    /// # archlint.yaml
    /// architecture: {layers: [presentation, application, domain]}
    /// # services.yaml
    /// services:
    ///   web:    {layer: presentation}
    ///   ledger: {layer: domain, depends_on: [web]}   # domain calls up into presentation
    /// ```
    ///
    /// ## Fix
    /// Invert the dependency (the higher layer calls down, or the lower one publishes an event),
    /// or correct the service's `layer`.
    ///
    /// ## Options
    /// None; the layers come from `architecture.layers`.
    pub struct LayerViolation {
        name: "layer-violation",
        family: Graph,
        severity: Error,
        summary: "a sync dependency from a lower layer to a higher one, or a layer not in the configured list",
    }
}

impl Rule for LayerViolation {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let layers = &context.config.architecture.layers;
        if layers.is_empty() {
            return Vec::new();
        }
        let model = context.model;
        let rank = |layer: &str| {
            layers
                .iter()
                .position(|known| known.eq_ignore_ascii_case(layer))
        };
        let mut findings: Vec<Finding> = model
            .services
            .iter()
            .filter_map(|service| service.layer.as_ref())
            .filter(|layer| rank(&layer.value).is_none())
            .map(|layer| {
                Finding::new(
                    Self::NAME,
                    layer.span,
                    format!("layer `{}` is not in `architecture.layers`", layer.value),
                )
                .note(
                    "layers are named, top to bottom, in the configuration's `architecture.layers`",
                )
                .help(format!("use one of: {}", layers.join(", ")))
            })
            .collect();
        for dependency in model.sync_dependencies() {
            let layer_of = |id| model.service(id).layer.as_ref();
            let (Some(from), Some(to)) = (layer_of(dependency.from), layer_of(dependency.to))
            else {
                continue;
            };
            let (Some(from_rank), Some(to_rank)) = (rank(&from.value), rank(&to.value)) else {
                continue;
            };
            if to_rank < from_rank {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        dependency.declared_at(),
                        format!(
                            "{} ({}) calls {} ({}), a higher layer",
                            name(model, dependency.from),
                            from.value,
                            name(model, dependency.to),
                            to.value
                        ),
                    )
                    .primary_message("upward call")
                    .label(to.span, format!("{} is in `{}`", name(model, dependency.to), to.value))
                    .note(format!("layers, top to bottom: {}; a layer may call only the layers below it", layers.join(", ")))
                    .help("invert the dependency (the higher layer calls down, or the lower one publishes an event)"),
                );
            }
        }
        findings
    }
}
