use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An OpenAPI operation whose `responses` hold no 4xx response: no `400`–`499` and no `4XX`.
    /// A `default` response does not count: it says nothing about which client errors exist.
    /// An operation, or its `responses`, written as a `$ref` to another file (DigitalOcean's
    /// `get: {$ref: resources/droplets/list.yml}`) is judged as what the `$ref` leads to, as
    /// Redocly's `operation-4xx-response` judges it, and reported in that file.
    ///
    /// ## Why it matters
    /// Clients need to know what a rejected call looks like (invalid input, missing credentials,
    /// an absent resource) to handle it; without it every client guesses, differently.
    ///
    /// ## Example
    /// ```yaml
    /// get:
    ///   responses:
    ///     '200': {description: the orders}
    /// ```
    ///
    /// ## Fix
    /// Document the client errors the operation returns, for instance with shared responses:
    /// `'400': {$ref: '#/components/responses/BadRequest'}`.
    ///
    /// ## Options
    /// None.
    pub struct ErrorResponses {
        name: "error-responses",
        family: Api,
        severity: Warning,
        summary: "an operation that documents no 4xx response",
    }
}

/// `400`–`499` or the range `4XX`.
fn is_client_error(status: &str) -> bool {
    let bytes = status.as_bytes();
    bytes.len() == 3
        && bytes[0] == b'4'
        && (bytes[1..].iter().all(u8::is_ascii_digit) || bytes[1..].eq_ignore_ascii_case(b"XX"))
}

impl Rule for ErrorResponses {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let references = &workspace.references;
        let mut findings = Vec::new();
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            let node = operation.node(workspace);
            // `responses` may itself be a `$ref` (a bundler's convention): judge what it leads
            // to; one that leads nowhere is `unresolved-ref`'s.
            let responses = match node.get("responses") {
                Some(written) => match references.resolve(workspace, written) {
                    Some(responses) => Some(responses),
                    None => continue,
                },
                None => None,
            };
            let documented = responses.as_ref().is_some_and(|responses| {
                responses
                    .value
                    .as_object()
                    .is_some_and(|map| map.keys().any(|status| is_client_error(status)))
            });
            if documented {
                continue;
            }
            let at = responses.map_or(operation.span, |responses| responses.anchor());
            findings.push(
                Finding::new(
                    Self::NAME,
                    at,
                    format!(
                        "operation `{}` documents no 4xx response",
                        operation.describe()
                    ),
                )
                .note("clients cannot tell how a rejected call looks, so each handles it by guesswork")
                .help("document the client errors it returns, e.g. `'400': {$ref: '#/components/responses/BadRequest'}`"),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::is_client_error;

    #[test]
    fn client_errors_are_400_to_499_or_the_range() {
        for status in ["400", "404", "499", "4XX", "4xx"] {
            assert!(is_client_error(status), "{status}");
        }
        for status in ["200", "500", "5XX", "default", "40", "4000", "4X0"] {
            assert!(!is_client_error(status), "{status}");
        }
    }
}
