use super::{content, essence, responses, standard};
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A request body or response media type of an OpenAPI operation other than the API
    /// standards' `request_format.content_type` (`rest_api_guidelines:`, seed 004). Parameters
    /// (`; charset=utf-8`) are ignored, and when the standard's type is `application/json`,
    /// `application/problem+json` and every other `+json` type pass.
    ///
    /// ## Why it matters
    /// One content type is one parser, one set of client libraries and one way to read an
    /// error; an operation that speaks another format is a special case in every client.
    ///
    /// ## Example
    /// ```yaml
    /// # api_standards.yaml: request_format: {content_type: application/json}
    /// requestBody:
    ///   content:
    ///     application/xml: {}
    /// ```
    ///
    /// ## Fix
    /// Use the standard's content type, or record the exception in the standards.
    ///
    /// ## Options
    /// None.
    pub struct ApiMediaType {
        name: "api-media-type",
        family: Standards,
        severity: Warning,
        summary: "a request or response media type other than the API standards' content type",
    }
}

impl Rule for ApiMediaType {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some((_, wanted)) = standard(context, |standard| standard.content_type.as_ref()) else {
            return Vec::new();
        };
        let standard_type = essence(&wanted.value);
        let json = standard_type == "application/json";
        let workspace = context.workspace;
        let mut findings = Vec::new();
        for operation in context.model.apis.iter().flat_map(|api| &api.operations) {
            let node = operation.node(workspace);
            let mut holders = Vec::new();
            if let Some(body) = workspace.references.get(workspace, &node, "requestBody") {
                holders.push(("request body".to_string(), body));
            }
            for response in responses(workspace, operation) {
                holders.push((format!("response `{}`", response.code), response.node));
            }
            for (what, holder) in holders {
                for (media_type, written) in content(workspace, &holder) {
                    let found = essence(media_type);
                    if found == standard_type || (json && found.ends_with("+json")) {
                        continue;
                    }
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            written.anchor(),
                            format!(
                                "{what} of `{}` is `{media_type}`, not the API standards' `{}`",
                                operation.describe(),
                                wanted.value
                            ),
                        )
                        .primary_message("another media type")
                        .label(wanted.span, "the content type the API standards ask for")
                        .note("one content type is one parser and one way to read an error; another format is a special case in every client")
                        .help(format!("use `{}`, or record the exception in the API standards", wanted.value)),
                    );
                }
            }
        }
        findings
    }
}
