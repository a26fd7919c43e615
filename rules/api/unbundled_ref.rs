use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use crate::spectral::bundle::{Bound, Left};

declare_rule! {
    /// ## What it reports
    /// A `$ref` into another file whose target Spectral's rules do not judge, because putting it
    /// in place would take the description past one of archlint's bounds. Spectral's rules judge
    /// an API description with what its references into other files name put in place, as
    /// Spectral's resolver does. archlint bounds that copy, so that a hostile or runaway
    /// description cannot take the run's memory or stack: the pieces put into one description
    /// take at most 128 MiB of memory, and it nests at most 256 levels deep. A reference past
    /// either bound stays a reference, and the rules pass over what it names in that
    /// description. A real description is far within both: DigitalOcean's, 2,900 files, takes
    /// 34 MB.
    ///
    /// Only the run knows which descriptions it puts together, so the engine reports it, under
    /// this rule's name and with its configured severity, while Spectral's rules judge each
    /// description. Where none of them judges a description (they are off, or none is for its
    /// format), nothing is reported.
    ///
    /// ## Why it matters
    /// The check passes in silence over what the reference names: an operation or a schema
    /// there may break a rule that nobody is told about.
    ///
    /// ## Example
    /// A schema whose every property names a shared file, itself written the same way, many
    /// levels over: each use is one more copy, and the copies multiply by each level.
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         a: {$ref: 'level1.yaml#/Node'}
    ///         b: {$ref: 'level1.yaml#/Node'}
    /// ```
    ///
    /// ## Fix
    /// Name a shared definition once, in the description's `components` (`$ref: '#/components/
    /// schemas/Node'`), rather than copying a file in at every use, or split the description
    /// into descriptions of their own.
    ///
    /// ## Options
    /// None.
    pub struct UnbundledRef {
        name: "unbundled-ref",
        family: Api,
        severity: Warning,
        summary: "a `$ref` whose target Spectral's rules do not judge: the description would pass archlint's bounds",
    }
}

impl Rule for UnbundledRef {
    /// The engine reports this rule's findings ([`UnbundledRef::left_as_written`]).
    fn check(&self, _context: &Context<'_>) -> Vec<Finding> {
        Vec::new()
    }
}

impl UnbundledRef {
    /// The finding for a reference the bundle of the description named `description` left as
    /// written, which only the engine knows, as it puts each description together for
    /// Spectral's rules.
    pub fn left_as_written(left: &Left, description: &str) -> Finding {
        Finding::new(
            Self::NAME,
            left.span,
            format!(
                "`$ref` left as written where Spectral's rules judge `{description}`: what it \
                 names is not judged there"
            ),
        )
        .primary_message("left as written")
        .note(format!(
            "put in place, {}; archlint stops there, so that no description can exhaust the run's memory or stack",
            left.bound.describe()
        ))
        .help(match left.bound {
            Bound::Memory => {
                "name the shared definition once in `components` and refer to it there"
            }
            Bound::Depth => "shorten the chain of files the references lead through",
        })
    }
}
