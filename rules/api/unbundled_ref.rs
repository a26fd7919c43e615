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
    /// take at most 128 MiB of memory, and it nests at most 256 levels deep. Each reference puts
    /// a copy in place, except that inside a piece a reference from inside a schema to a
    /// schema already put inside a schema is named where it was put, as the description's own
    /// `#/...` references name its definitions, so schemas that name each other over and over
    /// (OpenSearch's query DSL, 700 files) are each put in once. A reference past either bound
    /// stays a reference, and the rules pass over what it names at that use (they judge it
    /// where another reference to it puts it in place). A real description is far within both:
    /// DigitalOcean's (2,900 files) and OpenSearch's. Each such reference is reported once per
    /// description that leaves it.
    ///
    /// Only the run knows which descriptions it puts together, so the engine reports it, under
    /// this rule's name and with its configured severity, while Spectral's rules judge each
    /// description. Where none of them judges a description as put together (they are off,
    /// none is for its format, or they read it as written, `resolved: false`), nothing is
    /// reported.
    ///
    /// ## Why it matters
    /// Without a word, the check would pass over what the reference names: an operation or a
    /// schema there may break a rule that nobody is told about.
    ///
    /// ## Example
    /// A description that names a large schema file at hundreds of places of its own: each of
    /// its references is one more copy.
    /// ```yaml
    /// components:
    ///   schemas:
    ///     Order: {$ref: 'schemas/everything.yaml'}      # a schema of 2 MB
    ///     Invoice: {$ref: 'schemas/everything.yaml'}
    ///     # ... and 300 more
    /// ```
    ///
    /// ## Fix
    /// Write the schemas that many others name in the description file's own `components`,
    /// and refer to them there by `#/components/...`: a reference the description writes to
    /// itself stays a reference, and what it names is judged once, where it is written. A
    /// reference the description writes into another file puts a copy in place at each use. Nest a
    /// schema hundreds of levels deep less deeply, or shorten a chain of files that long. If
    /// the description is as intended, turn the rule off: the rest of it is judged all the same.
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
            format!("`$ref` not followed where Spectral's rules judge `{description}`"),
        )
        .primary_message("left as written")
        .note(format!(
            "put in place, {}; archlint stops there, so that no description can exhaust the run's memory or stack",
            left.bound.describe()
        ))
        .help(match left.bound {
            Bound::Memory => {
                "write the schemas used many times over in the description file's own \
                 `components`, and refer to them there by `#/components/...`, which is not copied"
            }
            Bound::Depth => {
                "nest the schemas it leads to less deeply, or shorten the chain of files the \
                 references lead through"
            }
        })
    }
}
