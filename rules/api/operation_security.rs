use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// An OpenAPI operation with no security requirement: neither its own `security` nor the
    /// document's. An explicit `security: []`, on the operation or the document, says the
    /// operation is public on purpose and passes.
    ///
    /// ## Why it matters
    /// Gateways, generated clients and reviewers read the description to learn who may call an
    /// operation; one that says nothing is read as public, which is rarely what was meant.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /v1/orders:
    ///     get:
    ///       responses: {'200': {description: the orders}}
    /// ```
    ///
    /// ## Fix
    /// Add a requirement, to the operation or once for the whole document
    /// (`security: [{BearerAuth: []}]`), or `security: []` if the operation is public on purpose.
    ///
    /// ## Options
    /// None.
    pub struct OperationSecurity {
        name: "operation-security",
        family: Api,
        severity: Warning,
        summary: "an operation with no security requirement, neither its own nor the document's",
    }
}

impl Rule for OperationSecurity {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let mut findings = Vec::new();
        for api in &context.model.apis {
            let document = &workspace.documents[api.document];
            if document.value.get("security").is_some_and(|s| s.is_array()) {
                continue;
            }
            for operation in &api.operations {
                let node = operation.node(workspace);
                if node.value.get("security").is_some_and(|s| s.is_array()) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        operation.span,
                        format!(
                            "operation `{}` has no security requirement",
                            operation.describe()
                        ),
                    )
                    .note("an operation whose description names no security is read as public")
                    .help(
                        "add `security: [{SCHEME: []}]` to the operation or the document, or \
                         `security: []` if it is public on purpose",
                    ),
                );
            }
        }
        findings
    }
}
