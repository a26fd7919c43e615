use crate::diagnostic::Finding;
use crate::load::references::{LOCATION_TARGET, Target};
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A `$ref` whose target does not exist: a pointer that names nothing in its document, an
    /// anchor no schema declares, or a file that is not there (or a path that names a folder, a
    /// named pipe or a device, said to be no file). It is reported at the `$ref`, in
    /// the file where it is written, also when that file was itself reached through a reference.
    /// A pointer that passes through another reference (`#/channels/ping/messages/ping`, where
    /// `channels.ping` is `{$ref: '#/components/channels/ping'}`) is followed through it, as
    /// every resolver of API descriptions follows it (AsyncAPI 3 documents are written so); in a
    /// JSON Schema file it is reported, as JSON Schema's validators refuse it. Under a schema
    /// with an `$id` (OpenAPI 3.1), a relative reference resolves against that `$id`: a path
    /// (`./schemas/`) leads to the file there, a URL is not followed (`external-ref`).
    /// A Backstage entity's `$text`, `$json`, `$yaml`, `$openapi` and `$asyncapi` placeholders
    /// and a `Location`'s targets are followed the same way (a URL there is the catalog's way to
    /// reach another repository: not followed, not reported). References that lead only to each
    /// other (`A: {$ref: B}` and `B: {$ref: A}`, a path item in `a.yaml` that is `$ref: b.yaml`
    /// whose only content is `$ref: a.yaml`) have no target either: each reference of such a
    /// cycle is reported, with the next one on the way. A recursive schema
    /// (`Node: {properties: {child: {$ref: Node}}}`) is no such cycle: its reference reaches a
    /// value.
    ///
    /// ## Why it matters
    /// Code generators, documentation renderers, gateways and validators all resolve references
    /// first; one that leads nowhere breaks every one of them, usually far from this line.
    ///
    /// ## Example
    /// ```yaml
    /// responses:
    ///   '400':
    ///     $ref: '#/components/responses/BadRequest'   # components.responses has no BadRequest
    /// ```
    ///
    /// ## Fix
    /// Define the target (`components: {responses: {BadRequest: ...}}`), or correct the
    /// reference; the help names a close existing name when there is one.
    ///
    /// ## Options
    /// None.
    pub struct UnresolvedRef {
        name: "unresolved-ref",
        family: Api,
        severity: Error,
        summary: "a `$ref` whose target does not exist (pointer or file)",
    }
}

impl Rule for UnresolvedRef {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let references = &context.workspace.references;
        let missing = references.sites.iter().filter_map(|site| {
            let (reason, closest, problem) = match &site.target {
                Target::Missing { reason, closest } => (reason, closest, "does not exist"),
                Target::NotAFile { reason } => (reason, &None, "is not a file"),
                _ => return None,
            };
            let message = if site.keyword == LOCATION_TARGET {
                format!("`Location` target `{}` {problem}", site.reference)
            } else {
                format!("`{}` target `{}` {problem}", site.keyword, site.reference)
            };
            let finding = Finding::new(Self::NAME, site.span, message)
                .primary_message(reason.clone())
                .note(
                    "every tool that reads the document resolves references first and fails here",
                );
            Some(match closest {
                Some(name) => finding.help(format!("did you mean `{name}`?")),
                None => finding.help("define the target, or correct the reference"),
            })
        });
        let going_round = references.going_round().into_iter().map(|(index, next)| {
            let site = &references.sites[index];
            let finding = if next == index {
                Finding::new(
                    Self::NAME,
                    site.span,
                    format!(
                        "`$ref` target `{}` is this reference itself",
                        site.reference
                    ),
                )
                .primary_message("leads to itself")
            } else {
                Finding::new(
                    Self::NAME,
                    site.span,
                    format!(
                        "`$ref` target `{}` leads back to this reference through references alone",
                        site.reference
                    ),
                )
                .primary_message("a cycle of references")
                .label(references.sites[next].span, "the next reference on the way")
            };
            finding
                .note("the references go round and never reach a value: every resolver stops here")
                .help("point one of them at the value meant")
        });
        missing.chain(going_round).collect()
    }
}
