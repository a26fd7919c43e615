use crate::diagnostic::Finding;
use crate::model::requirements::Shape;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A metric record (`{metric, target, measurement}`) that has a target but no
    /// `measurement`, or an empty one: nothing says how the target is checked.
    ///
    /// ## Why it matters
    /// A target that nobody measures is never known to be met, or missed: it does not reach a
    /// dashboard, an alert or a load test.
    ///
    /// ## Example
    /// ```yaml
    /// non_functional_requirements:
    ///   performance:
    ///     metric: p95 latency
    ///     target: "< 200ms"
    /// ```
    ///
    /// ## Fix
    /// Say how the target is measured: `measurement: load test with k6`, `Prometheus + Grafana`,
    /// `SAST + DAST scans`.
    ///
    /// ## Options
    /// None.
    pub struct NfrWithoutMeasurement {
        name: "nfr-without-measurement",
        family: Nfr,
        severity: Info,
        summary: "a metric record with a target but no `measurement`",
    }
}

impl Rule for NfrWithoutMeasurement {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .model
            .requirements
            .iter()
            .filter(|requirement| requirement.shape == Shape::Metric)
            .filter(|requirement| {
                requirement
                    .measurement
                    .as_ref()
                    .is_none_or(|measurement| measurement.value.trim().is_empty())
            })
            .filter_map(|requirement| {
                let target = requirement.target.as_ref()?;
                let category = &requirement.category.value;
                let statement = &requirement.statement;
                let (at, named) = if statement.value.is_empty() {
                    (target.span, format!("the metric record in `{category}`"))
                } else {
                    (
                        statement.span,
                        format!("metric `{}` in `{category}`", statement.value),
                    )
                };
                let mut finding =
                    Finding::new(Self::NAME, at, format!("{named} has no measurement"))
                        .primary_message("no `measurement` says how this is checked");
                if at != target.span {
                    finding = finding.label(target.span, "the target");
                }
                Some(
                    finding
                        .note("a target that nobody measures is never known to be met, or missed")
                        .help("say how it is measured, e.g. `measurement: load test with k6` or `measurement: Prometheus + Grafana`"),
                )
            })
            .collect()
    }
}
