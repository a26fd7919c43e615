use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A service that declares endpoints (`apis`, `api_endpoints`) and owns no OpenAPI document,
    /// and a service whose `openapi:` field names a file that is no OpenAPI document archlint
    /// loaded (one of a version archlint does not read, `openapi: 3.3.0`, is not reported:
    /// archlint says so on its own). A document belongs to a service by the service's `openapi:`
    /// field, the document's `info.x-service`, its file name (before the first `.`) equal to the
    /// service's name, or its `info.title` equal to the service's name, with or without a
    /// trailing "API".
    ///
    /// ## Why it matters
    /// Endpoints without a contract cannot be checked, mocked or generated against; their
    /// consumers learn their shape from the code, and every change can break them unannounced.
    ///
    /// ## Example
    /// ```yaml
    /// components:
    ///   - name: Auth Service
    ///     api_endpoints: ["POST /api/v1/auth/login"]   # and no OpenAPI document for it
    /// ```
    ///
    /// ## Fix
    /// Write the OpenAPI document and link it: `openapi: apis/auth.openapi.yaml` on the service,
    /// or `info.x-service: Auth Service` in the document.
    ///
    /// ## Options
    /// None.
    pub struct UndocumentedApi {
        name: "undocumented-api",
        family: Api,
        severity: Warning,
        summary: "a service that declares endpoints and has no OpenAPI document",
    }
}

impl Rule for UndocumentedApi {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let model = context.model;
        let mut findings = Vec::new();
        for id in model.ids() {
            let service = model.service(id);
            let owned: Vec<_> = model.apis_of(id).collect();
            if let Some(openapi) = &service.openapi {
                let linked = owned
                    .iter()
                    .any(|api| api.ownership == Some(crate::model::apis::BY_FIELD));
                if !linked
                    && !names_an_unsupported_version(context, service.document, &openapi.value)
                {
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            openapi.span,
                            format!("`openapi: {}` names no OpenAPI document", openapi.value),
                        )
                        .note("the service's contract cannot be read, so nothing about it can be checked")
                        .help("correct the path (it is relative to this file), or add the document"),
                    );
                }
            }
            if owned.is_empty()
                && service.openapi.is_none()
                && let Some(first) = service.endpoints.first()
            {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        service.name.span,
                        format!(
                            "service `{}` declares endpoints but has no OpenAPI document",
                            service.name.value
                        ),
                    )
                    .label(first.span, "its first declared endpoint")
                    .note("endpoints without a contract cannot be checked, mocked or generated against")
                    .help("write an OpenAPI document and link it with `openapi:` on the service or `info.x-service` in the document"),
                );
            }
        }
        findings
    }
}

/// Whether `named`, relative to the spec document's file, is a description of a version archlint
/// does not read (`openapi: 3.3.0`): archlint has said so, and it is no missing document.
fn names_an_unsupported_version(context: &Context<'_>, document: usize, named: &str) -> bool {
    let workspace = context.workspace;
    let spec = &workspace
        .sources
        .get(workspace.documents[document].file)
        .path;
    let folder = spec.parent().unwrap_or(std::path::Path::new(""));
    let Ok(named) = std::fs::canonicalize(folder.join(named)) else {
        return false;
    };
    workspace.skipped_documents().any(|(skipped, skip)| {
        skip.is_unsupported()
            && std::fs::canonicalize(&workspace.sources.get(skipped.file).path)
                .is_ok_and(|path| path == named)
    })
}
