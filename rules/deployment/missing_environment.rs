use super::environment;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule, option_strings};

declare_rule! {
    /// ## What it reports
    /// A deployment architecture (`environments:`, seed 004) that has no environment for one of
    /// the required ones, once per missing environment. Names compare like service names
    /// (case-insensitive, spaces, `_` and `-` alike), and `dev`, `stage` and `prod` count for
    /// `development`, `staging` and `production`. Without a deployment architecture the rule
    /// says nothing.
    ///
    /// ## Why it matters
    /// A change that goes straight from a laptop to production is tested by its users; the
    /// environments in between are where a release is rehearsed.
    ///
    /// ## Example
    /// ```yaml
    /// environments:
    ///   development: {}
    ///   production: {}
    /// ```
    ///
    /// ## Fix
    /// Describe the missing environment, or set `required` to the environments the team
    /// actually keeps.
    ///
    /// ## Options
    /// - `required`: the environments every deployment architecture must have (default
    ///   `development`, `staging`, `production`).
    pub struct MissingEnvironment {
        name: "missing-environment",
        family: Deployment,
        severity: Warning,
        summary: "a deployment architecture without one of the required environments",
        options: [("required", crate::config::OptionKind::Names)],
    }
}

impl Rule for MissingEnvironment {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let deployments = &context.model.standards.deployment;
        let Some(first) = deployments.first() else {
            return Vec::new();
        };
        let present: Vec<String> = deployments
            .iter()
            .flat_map(|deployment| &deployment.environments)
            .map(|environment_| environment(&environment_.name.value))
            .collect();
        let required = option_strings(
            context.options,
            "required",
            &["development", "staging", "production"],
        );
        required
            .iter()
            .filter(|name| !present.contains(&environment(name)))
            .map(|name| {
                Finding::new(
                    Self::NAME,
                    first.span,
                    format!("no `{name}` environment in the deployment architecture"),
                )
                .primary_message("environments described here")
                .note("a release that skips an environment is rehearsed nowhere before it reaches users")
                .help(format!(
                    "describe a `{name}` environment, or set the rule's `required` option to the environments the team keeps"
                ))
            })
            .collect()
    }
}
