use super::standard;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A response code of an OpenAPI operation that is not a key of the API standards'
    /// `status_codes` (`rest_api_guidelines:`, seed 004). `default` passes, and so does a range
    /// (`4XX`) when the standards list a code of its class.
    ///
    /// ## Why it matters
    /// Clients handle the codes the standards promise; a code outside the list is one nobody
    /// wrote a branch for.
    ///
    /// ## Example
    /// ```yaml
    /// # api_standards.yaml: status_codes: {200: OK, 404: Not Found}
    /// responses:
    ///   '202': {description: accepted}
    /// ```
    ///
    /// ## Fix
    /// Use one of the standard codes, or add the code (and what it means) to the standards.
    ///
    /// ## Options
    /// None.
    pub struct ApiStatusCode {
        name: "api-status-code",
        family: Standards,
        severity: Warning,
        summary: "a response code that the API standards' `status_codes` do not list",
    }
}

impl Rule for ApiStatusCode {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some((_, codes)) = standard(context, |standard| standard.status_codes.as_ref()) else {
            return Vec::new();
        };
        let workspace = context.workspace;
        let mut findings = Vec::new();
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            let node = operation.node(workspace);
            let Some(written) = workspace.references.get(workspace, &node, "responses") else {
                continue;
            };
            // Every code as written, whether or not its response can be followed.
            for (code, response) in written.entries() {
                if code == "default" || code.starts_with("x-") {
                    continue;
                }
                let listed = codes.value.iter().any(|known| known == code)
                    || (code.len() == 3
                        && code[1..].eq_ignore_ascii_case("xx")
                        && codes
                            .value
                            .iter()
                            .any(|known| known.len() == 3 && known[..1] == code[..1]));
                if listed {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        response.anchor(),
                        format!(
                            "response code `{code}` of `{}` is not one of the API standards' status codes",
                            operation.describe()
                        ),
                    )
                    .primary_message("not in the standards")
                    .label(codes.span, "the status codes the API standards allow")
                    .note("clients handle the codes the standards promise; another code is one nobody wrote a branch for")
                    .help("use one of the standard codes, or add this one (and what it means) to the standards' `status_codes`"),
                );
            }
        }
        findings
    }
}
