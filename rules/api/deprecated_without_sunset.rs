use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An OpenAPI operation marked `deprecated: true` that gives no sunset date: neither an
    /// `x-sunset` on the operation nor a `Sunset` header (RFC 8594) in any of its responses.
    /// When an API standards document (`rest_api_guidelines:`, seed 004) sets
    /// `versioning.sunset_header: true`, only the `Sunset` header counts: the standard promises
    /// clients the header, and an `x-sunset` is seen by readers of the document only.
    ///
    /// ## Why it matters
    /// A deprecation without a date is a warning nobody acts on: clients cannot plan a migration,
    /// and the old operation is never removed.
    ///
    /// ## Example
    /// ```yaml
    /// get:
    ///   deprecated: true
    ///   responses: {'200': {description: the orders}}
    /// ```
    ///
    /// ## Fix
    /// Announce when it goes: `x-sunset: "2027-06-30"` on the operation, or a `Sunset` header on
    /// its responses.
    ///
    /// ## Options
    /// None.
    pub struct DeprecatedWithoutSunset {
        name: "deprecated-without-sunset",
        family: Api,
        severity: Warning,
        summary: "an operation marked `deprecated` with no sunset date (`x-sunset` or a `Sunset` header)",
    }
}

impl Rule for DeprecatedWithoutSunset {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let references = &workspace.references;
        let mut findings = Vec::new();
        let header_only = context
            .model
            .standards
            .api
            .iter()
            .find_map(|standard| standard.sunset_header);
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            let node = operation.node(workspace);
            let Some(deprecated) = node.get("deprecated") else {
                continue;
            };
            if deprecated.value.as_bool() != Some(true)
                || (header_only.is_none() && node.get("x-sunset").is_some())
            {
                continue;
            }
            let responses = references.get(workspace, &node, "responses");
            let sunset_header = responses
                .iter()
                .flat_map(|r| r.entries())
                .any(|(_, response)| {
                    references
                        .resolve(workspace, response)
                        .and_then(|response| response.get("headers"))
                        .and_then(|headers| references.resolve(workspace, headers))
                        .and_then(|headers| headers.value.as_object())
                        .is_some_and(|headers| {
                            headers
                                .keys()
                                .any(|name| name.eq_ignore_ascii_case("sunset"))
                        })
                });
            if sunset_header {
                continue;
            }
            let finding = Finding::new(
                Self::NAME,
                deprecated.anchor(),
                format!(
                    "operation `{}` is deprecated with no sunset date",
                    operation.describe()
                ),
            )
            .note(
                "without a date clients cannot plan the move, and the operation is never removed",
            );
            findings.push(match header_only {
                Some(standard) => finding
                    .label(standard, "the API standards promise a `Sunset` header")
                    .help("document a `Sunset` header on the operation's responses, as the API standards ask (an `x-sunset` is not sent to clients)"),
                None => finding.help("add `x-sunset: \"YYYY-MM-DD\"` to the operation, or a `Sunset` header to its responses"),
            });
        }
        findings
    }
}
