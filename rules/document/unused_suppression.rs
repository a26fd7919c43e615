use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use crate::source::Span;
use crate::suggest::{self, Candidates};
use crate::suppress::{self, DIRECTIVES, Directive, Suppression};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it reports
    /// A suppression comment (`archlint-disable-next-line RULE -- reason` or
    /// `archlint-disable RULE -- reason`) that is broken or does nothing:
    ///
    /// - it gives no reason after ` -- `;
    /// - it names a rule that does not exist (with "did you mean"), or no rule at all;
    /// - its directive is mistyped (`archlint-disabled`);
    /// - it silences nothing: no diagnostic of the named rule is on the next line (or in the file,
    ///   for `archlint-disable`), or the rule is off for the file.
    ///
    /// The last case needs the run's result, so the engine reports it, under this rule's name and
    /// with its configured severity, after applying every suppression.
    ///
    /// ## Why it matters
    /// A suppression is an exception to the architecture's rules. Without a reason nobody can tell
    /// later whether it still holds; one with a typo silences nothing while looking as if it did;
    /// and one left behind after its problem was fixed would hide the next problem at that place.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   order_service:
    ///     responsibility: Orders
    ///     depends_on:
    ///       # archlint-disable-next-line unknown-servce
    ///       - payment_gateway
    /// ```
    ///
    /// ## Fix
    /// Name the rule correctly and say why the exception is acceptable:
    /// `# archlint-disable-next-line unknown-service -- the gateway is a third-party API`. Remove
    /// a suppression that silences nothing.
    ///
    /// ## Options
    /// None. To keep one suppression that may silence nothing (generated files), name this rule
    /// in it too: `# archlint-disable-next-line layer-violation, unused-suppression -- reason`;
    /// `# archlint-disable unused-suppression -- reason` turns it off for a whole file. A
    /// suppression of `unused-suppression` is never itself reported as unused.
    pub struct UnusedSuppression {
        name: "unused-suppression",
        family: Document,
        severity: Warning,
        summary: "an `archlint-disable` comment that gives no reason or suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let known = context.rules.names();
        let known_set: HashSet<&str> = known.iter().copied().collect();
        // Prepared once, when a name is unknown, and each unknown name asked once: ten
        // thousand suppressions of mistyped names each compared with every rule's name took
        // seconds.
        let candidates = std::cell::OnceCell::new();
        let mut closest: HashMap<String, Option<&str>> = HashMap::new();
        let mut findings = Vec::new();
        for suppression in suppress::scan(&context.workspace.sources, &context.config.limits) {
            if let Directive::Unknown(word) = &suppression.directive {
                let finding = Finding::new(
                    Self::NAME,
                    suppression.span,
                    format!("`{word}` is not a suppression directive"),
                )
                .note("the comment silences nothing");
                findings.push(match suggest::closest(word, DIRECTIVES, str::to_string) {
                    Some(directive) => finding.help(format!("did you mean `{directive}`?")),
                    None => finding.help(
                        "write `archlint-disable-next-line RULE -- reason` or \
                             `archlint-disable RULE -- reason`",
                    ),
                });
                continue;
            }
            if suppression.names.is_empty() {
                findings.push(
                    Finding::new(Self::NAME, suppression.span, "suppression names no rule")
                        .note("there is no blanket suppression: every silenced rule is named")
                        .help("name the rules it silences: `archlint-disable-next-line RULE -- reason`"),
                );
            }
            for name in &suppression.names {
                if known_set.contains(name.rule.as_str()) {
                    continue;
                }
                let finding = Finding::new(
                    Self::NAME,
                    name.span,
                    format!("`{}` is not a rule", name.rule),
                )
                .primary_message("no rule has this name")
                .note("the suppression silences nothing for this name");
                let suggested = *closest.entry(name.rule.clone()).or_insert_with(|| {
                    candidates
                        .get_or_init(|| Candidates::new(known.iter().copied(), str::to_string))
                        .closest(&name.rule, str::to_string)
                });
                findings.push(match suggested {
                    Some(rule) => finding.help(format!("did you mean `{rule}`?")),
                    None => finding.help("`archlint rules` lists every rule"),
                });
            }
            if suppression.reason.is_none() {
                findings.push(
                    Finding::new(Self::NAME, suppression.span, "suppression gives no reason")
                        .note(
                            "an exception without a reason cannot be reviewed: nobody can tell \
                             later whether it still holds",
                        )
                        .help("say why after ` -- `: `archlint-disable-next-line RULE -- why this is acceptable`"),
                );
            }
        }
        findings
    }
}

impl UnusedSuppression {
    /// The finding for a suppression of `rule` that silenced nothing, which only the engine can
    /// know, after every rule has run: it reports it under this rule's name and severity.
    pub fn silenced_nothing(
        suppression: &Suppression,
        rule: &str,
        at: Span,
        enabled: bool,
    ) -> Finding {
        let place = match suppression.directive {
            Directive::File => "in this file",
            _ => "on the next line",
        };
        let message = if enabled {
            format!("suppression of `{rule}` silences nothing")
        } else {
            format!("suppression of `{rule}` silences nothing: the rule is off for this file")
        };
        Finding::new(Self::NAME, at, message)
            .primary_message(format!("`{rule}` reports nothing {place}"))
            .note(
                "a suppression left behind after its problem is fixed would hide the next one here",
            )
            .help(format!(
                "remove `{rule}` from the comment, or the whole comment when it names nothing else"
            ))
    }
}
