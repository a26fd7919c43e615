use crate::diagnostic::Finding;
use crate::load::DocumentRef;
use crate::model::apis::{ApiVersion, PlacedReference};
use crate::rules::{Context, Rule, declare_rule};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it reports
    /// A `$ref` written where the OpenAPI specification offers no Reference Object: in place of
    /// an operation (`get: {$ref: resources/list.yml}`), of a tag's `description`, of a schema's
    /// whole `properties` map. Redocly, swagger-cli and every bundler resolve such a `$ref`, and
    /// so does archlint: what it leads to is judged as what its place says it is, and reported
    /// where it is written. Only tools that follow the specification's letter stumble on it.
    ///
    /// It is said once per OpenAPI document, at the first such `$ref` (the document's own first,
    /// then those of the files it leads to), with a note that counts the others by what they
    /// stand in for. A `$ref` inside an extension (`x-codeSamples`) is the extension's business
    /// and never reported. Swagger 2.0 documents are not judged.
    ///
    /// ## Why it matters
    /// A code generator or gateway that reads the document as the specification writes it sees
    /// a `$ref` where it expects an operation, and skips the operation or rejects the document.
    /// Bundling first (`redocly bundle`) gives every tool the same document.
    ///
    /// ## Example
    /// ```yaml
    /// paths:
    ///   /v2/droplets:
    ///     get:
    ///       $ref: 'resources/droplets/droplets_list.yml'   # an operation is no Reference Object
    /// ```
    ///
    /// ## Fix
    /// Nothing, when every tool the document goes to bundles it first. Otherwise move the `$ref`
    /// up to a place that takes one (a path item: `/v2/droplets: {$ref: paths/droplets.yml}`),
    /// or publish the bundled document. A team that bundles on purpose turns the rule off:
    /// `rules: {nonstandard-ref: off}`.
    ///
    /// ## Options
    /// None.
    pub struct NonstandardRef {
        name: "nonstandard-ref",
        family: Api,
        severity: Warning,
        summary: "a `$ref` where the OpenAPI specification offers no Reference Object (once per document, the others counted)",
    }
}

impl Rule for NonstandardRef {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let workspace = context.workspace;
        let sites = &workspace.references.sites;
        let mut findings = Vec::new();
        for api in &context.model.apis {
            let root = DocumentRef::Architecture(api.document);
            let nonstandard: Vec<&PlacedReference> = api
                .references
                .iter()
                .filter(|placed| !placed.standard)
                .collect();
            // The document's own first, in the order written; else the first file's.
            let Some(first) = nonstandard
                .iter()
                .min_by_key(|placed| (sites[placed.site].document != root, placed.site))
            else {
                continue;
            };
            // What the others stand in for, and how many of each, in a stable order.
            let mut others: BTreeMap<String, usize> = BTreeMap::new();
            for placed in nonstandard
                .iter()
                .filter(|placed| placed.site != first.site)
            {
                *others.entry(placed.place.describe()).or_default() += 1;
            }
            let version = match api.version {
                ApiVersion::OpenApi30 => "OpenAPI 3.0",
                ApiVersion::OpenApi32 => "OpenAPI 3.2",
                _ => "OpenAPI 3.1",
            };
            let site = &sites[first.site];
            let mut finding = Finding::new(
                Self::NAME,
                site.span,
                format!(
                    "`$ref` for {}, where {version} offers no Reference Object",
                    first.place.describe()
                ),
            )
            .note("archlint resolves it as bundlers do; a tool that follows the specification's letter does not");
            if !others.is_empty() {
                let total: usize = others.values().sum();
                let kinds: Vec<String> = others
                    .iter()
                    .map(|(what, count)| format!("{count} for {what}"))
                    .collect();
                finding = finding.note(format!(
                    "{total} more such `$ref`{} in this document and the files it leads to: {}",
                    if total == 1 { "" } else { "s" },
                    kinds.join(", ")
                ));
            }
            findings.push(finding.help(
                "bundle the document for such tools (`redocly bundle`), or move the `$ref` to a place that takes one, such as the path item",
            ));
        }
        findings
    }
}
