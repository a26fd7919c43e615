//! The engine: runs the enabled rules in parallel and applies policy in one place: configured
//! severity (with `overrides:` for some files), rules turned `off`, de-duplication, suppression
//! comments (and the `unused-suppression` findings only the run can know), one order (file,
//! line, column, rule), so the output is the same bytes whatever the number of threads, and each
//! diagnostic's subject, which the baseline and the report fingerprints use.

use crate::baseline;
use crate::config::{Config, Level, RuleSetting};
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::graph::ArchitectureGraph;
use crate::load::Workspace;
use crate::model::Model;
use crate::rules::api::UnbundledRef;
use crate::rules::{Context, Registry, Rule};
use crate::source::{FileId, Sources};
use crate::spectral::bundle::Bundle;
use crate::spectral::shared::{Shared, View};
use crate::suppress::{self, Directive, Suppression, UNUSED_SUPPRESSION};
use crate::value::Value;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::HashMap;

/// What the rules judge: the workspace and the model and graph built from it.
pub struct Inputs<'a> {
    pub workspace: &'a Workspace,
    pub model: &'a Model,
    pub graph: &'a ArchitectureGraph,
}

pub fn run(inputs: &Inputs<'_>, config: &Config, registry: &Registry) -> Vec<Diagnostic> {
    let architecture = || (inputs.model, inputs.graph);
    run_building(inputs.workspace, architecture, config, registry).1
}

/// [`run`], with the model and the graph made by `architecture` while the rules that judge one
/// document at a time, which read neither, already run, and while the rules that read them
/// prepare what they can without them ([`Rule::prepare`]); those rules then wait for them. On
/// one large description the model is built on one thread, and the other had nothing to do.
pub fn run_building<M, G>(
    workspace: &Workspace,
    architecture: impl FnOnce() -> (M, G) + Send,
    config: &Config,
    registry: &Registry,
) -> ((M, G), Vec<Diagnostic>)
where
    M: Borrow<Model> + Send,
    G: Borrow<ArchitectureGraph> + Send,
{
    let sources = &workspace.sources;
    let policy = Policy::new(config, sources);
    let runs: Vec<(&dyn Rule, Option<usize>)> = registry
        .iter()
        .filter(|rule| rule.meta().on_by_default || policy.turned_on(&rule.meta().name))
        .flat_map(|rule| {
            policy
                .option_sources(&rule.meta().name)
                .into_iter()
                .map(move |source| (rule, source))
        })
        .collect();
    let (per_document, whole): (Vec<_>, Vec<_>) = runs
        .into_iter()
        .partition(|(rule, _)| rule.per_document().is_some());
    let run = crate::spectral::shared::Run::new(workspace);
    // The references a description's bundle leaves as written are said as the descriptions are
    // put together, under the rule's name and policy (see `unbundled-ref`).
    let unbundled: Vec<(&dyn Rule, Option<usize>)> = whole
        .iter()
        .copied()
        .filter(|(rule, _)| rule.meta().name == UnbundledRef::NAME)
        .collect();
    let documents = workspace.document_refs();
    // Each rule's and each document's findings are a list of their own, joined once at the end
    // at their exact size: collected into one list as they come, the findings of a large run
    // (140,000 at 10,000 services) were copied as the list grew, and held twice or more at once.
    let ((architecture, of_rules), of_documents) = rayon::join(
        || {
            // What the rules can work out without the model, worked out while it is built.
            let (architecture, prepared) = rayon::join(architecture, || {
                whole
                    .par_iter()
                    .map(|(rule, _)| rule.prepare(workspace))
                    .collect::<Vec<_>>()
            });
            let (model, graph) = (architecture.0.borrow(), architecture.1.borrow());
            let of_rules: Vec<Vec<Diagnostic>> = whole
                .par_iter()
                .zip(&prepared)
                .map(|(&(rule, options_from), prepared)| {
                    let context = Context {
                        workspace,
                        model,
                        graph,
                        config,
                        options: policy.options(&rule.meta().name, options_from),
                        rules: registry,
                        prepared: prepared.as_ref(),
                    };
                    judged(&policy, rule, options_from, rule.check(&context)).collect()
                })
                .collect();
            (architecture, of_rules)
        },
        || {
            // Document by document: what the rules share about a document lives while it is
            // judged, and the rules still judge one large document side by side.
            if per_document.is_empty() {
                return Vec::new();
            }
            documents
                .par_iter()
                .with_max_len(crate::FILES_PER_TASK)
                .map(|&document| {
                    let bundle = Bundle::of(workspace, document);
                    let shared = Shared::new(&bundle, &run);
                    let queries: Vec<_> = per_document
                        .iter()
                        .filter_map(|(rule, _)| rule.per_document())
                        .flat_map(|judge| judge.queries(shared.formats()))
                        .collect();
                    shared.prefetch(&queries);
                    let findings = |rule: &dyn Rule| {
                        rule.per_document()
                            .map(|judge| judge.check_document(&shared))
                            .unwrap_or_default()
                    };
                    // A small document is judged on one thread ([`Shared::large`]).
                    let mut diagnostics: Vec<Diagnostic> = if shared.large() {
                        per_document
                            .par_iter()
                            .flat_map_iter(|&(rule, options_from)| {
                                judged(&policy, rule, options_from, findings(rule))
                            })
                            .collect()
                    } else {
                        per_document
                            .iter()
                            .flat_map(|&(rule, options_from)| {
                                judged(&policy, rule, options_from, findings(rule))
                            })
                            .collect()
                    };
                    if !bundle.left().is_empty() {
                        diagnostics.extend(left_as_written(
                            &policy,
                            &per_document,
                            &unbundled,
                            &shared,
                            &bundle,
                            sources,
                        ));
                    }
                    diagnostics
                })
                .collect::<Vec<Vec<Diagnostic>>>()
        },
    );
    let total = of_rules.iter().chain(&of_documents).map(Vec::len).sum();
    let mut diagnostics = Vec::with_capacity(total);
    for list in of_rules.into_iter().chain(of_documents) {
        diagnostics.extend(list);
    }
    yield_to_the_rules_kept(&mut diagnostics, registry);
    sort_and_dedup(&mut diagnostics);
    let suppressions = suppress::scan(sources, &config.limits);
    if !suppressions.is_empty() {
        let unused_default = crate::rules::document::UnusedSuppression::META.default_severity;
        let enabled = |rule: &str, file: FileId| {
            registry.find(rule).is_none()
                || registry.iter().any(|known| {
                    known.meta().name == rule
                        && policy
                            .severity(rule, file, known.meta().default())
                            .is_some()
                })
        };
        diagnostics = apply_suppressions(
            diagnostics,
            &suppressions,
            sources,
            &registry.names(),
            |file| policy.severity(UNUSED_SUPPRESSION, file, Some(unused_default)),
            enabled,
        );
        sort_and_dedup(&mut diagnostics);
    }
    baseline::assign_subjects(&mut diagnostics, workspace);
    (architecture, diagnostics)
}

/// Leaves out a finding of a rule that yields to another ([`RuleMeta::yields_to`]) where that
/// other rule reports at the same place (file and start): one finding for one fact. Only
/// findings the configuration let through count, so a rule turned off gives way to no one.
///
/// [`RuleMeta::yields_to`]: crate::rules::RuleMeta::yields_to
fn yield_to_the_rules_kept(diagnostics: &mut Vec<Diagnostic>, registry: &Registry) {
    let yielding: std::collections::HashMap<&str, &str> = registry
        .iter()
        .filter_map(|rule| {
            let meta = rule.meta();
            Some((meta.name.as_ref(), meta.yields_to.as_deref()?))
        })
        .collect();
    if yielding.is_empty() {
        return;
    }
    let kept: std::collections::HashSet<&str> = yielding.values().copied().collect();
    let places: std::collections::HashSet<(String, FileId, u32)> = diagnostics
        .iter()
        .filter(|diagnostic| kept.contains(diagnostic.rule.as_ref()))
        .map(|diagnostic| {
            let span = diagnostic.primary_span();
            (diagnostic.rule.to_string(), span.file, span.start)
        })
        .collect();
    if places.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        let Some(other) = yielding.get(diagnostic.rule.as_ref()) else {
            return true;
        };
        let span = diagnostic.primary_span();
        !places.contains(&(other.to_string(), span.file, span.start))
    });
}

/// The `unbundled-ref` findings of the references `bundle` left as written, under the runs of
/// `unbundled` (the rule's): said only where a rule that runs judges the description as put
/// together, asking for its matches in the resolved view. (One off for the description's file
/// still judges its pieces in files of their own.)
fn left_as_written(
    policy: &Policy<'_>,
    per_document: &[(&dyn Rule, Option<usize>)],
    unbundled: &[(&dyn Rule, Option<usize>)],
    shared: &Shared<'_>,
    bundle: &Bundle<'_>,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let judged_as_put_together = per_document
        .iter()
        .filter_map(|(rule, _)| rule.per_document())
        .flat_map(|judge| judge.queries(shared.formats()))
        .any(|(_, view)| view == View::Resolved);
    if !judged_as_put_together {
        return Vec::new();
    }
    let description = &sources.get(bundle.root().file).name;
    unbundled
        .iter()
        .flat_map(|&(rule, options_from)| {
            let left = bundle
                .left()
                .iter()
                .map(|left| UnbundledRef::left_as_written(left, description))
                .collect();
            judged(policy, rule, options_from, left)
        })
        .collect()
}

/// Policy, in one place for every kind of rule: a finding kept at its configured severity, or
/// dropped.
fn judged<'a>(
    policy: &'a Policy<'_>,
    rule: &'a dyn Rule,
    options_from: Option<usize>,
    findings: Vec<Finding>,
) -> impl Iterator<Item = Diagnostic> + 'a {
    findings.into_iter().filter_map(move |finding| {
        let meta = rule.meta();
        let name: &str = &meta.name;
        let file = finding.primary_span().file;
        // A finding belongs to the run with its file's options.
        if policy.options_source(name, file) != options_from {
            return None;
        }
        let default = finding.severity.unwrap_or(meta.default_severity);
        let on_here = meta.on_by_default && !finding.dormant;
        let severity = policy.severity(name, file, on_here.then_some(default))?;
        Some(Diagnostic::new(severity, finding))
    })
}

fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    // Byte order within a file is line and column order; files are numbered in path order.
    // Every field that is shown is in the key, so no two diagnostics that differ compare equal,
    // and a sort that keeps no order among equals (nor a copy of half the list, as a stable
    // sort does) gives the same list, on as many threads as it likes (140,000 findings at
    // 10,000 services took 40 ms on one).
    diagnostics.par_sort_unstable_by(|a, b| {
        (
            a.primary_span(),
            &a.rule,
            &a.message,
            &a.labels,
            &a.notes,
            &a.help,
            a.severity,
            a.finding.severity,
        )
            .cmp(&(
                b.primary_span(),
                &b.rule,
                &b.message,
                &b.labels,
                &b.notes,
                &b.help,
                b.severity,
                b.finding.severity,
            ))
    });
    diagnostics.dedup_by(|a, b| {
        a.rule == b.rule && a.primary_span() == b.primary_span() && a.message == b.message
    });
}

/// Drops the diagnostics a suppression silences, then adds an `unused-suppression` finding for
/// each name in a suppression that silenced nothing (`unused_severity` is that rule's severity
/// for a file, `None` when it is off there; `enabled` says whether a rule runs on a file). Those
/// findings can themselves be silenced: by `archlint-disable unused-suppression` in the file, or
/// by the comment naming `unused-suppression` itself. A name `unused-suppression` is never
/// reported as unused: whether it silences anything depends on this very step.
fn apply_suppressions(
    diagnostics: Vec<Diagnostic>,
    suppressions: &[Suppression],
    sources: &Sources,
    known: &[&str],
    unused_severity: impl Fn(FileId) -> Option<Severity>,
    enabled: impl Fn(&str, FileId) -> bool,
) -> Vec<Diagnostic> {
    let index = suppress::Index::new(suppressions);
    let mut used: Vec<Vec<bool>> = suppressions
        .iter()
        .map(|suppression| vec![false; suppression.names.len()])
        .collect();
    // Each file's whole-file suppressions of a rule are marked once, by the first diagnostic
    // they silence (one slice each, told by its address).
    let mut marked_whole: std::collections::HashSet<*const (usize, usize)> =
        std::collections::HashSet::new();
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diagnostic| {
            let silencers = index.silencers(diagnostic, sources);
            let first_of_file = !silencers.whole_file.is_empty()
                && marked_whole.insert(silencers.whole_file.as_ptr());
            let whole_file = if first_of_file {
                silencers.whole_file
            } else {
                &[]
            };
            for &(which, position) in whole_file.iter().chain(&silencers.own) {
                used[which][position] = true;
            }
            silencers.is_empty()
        })
        .collect();
    for (suppression, used) in suppressions.iter().zip(&used) {
        if matches!(suppression.directive, Directive::Unknown(_)) {
            continue;
        }
        let file = suppression.span.file;
        let Some(severity) = unused_severity(file) else {
            continue;
        };
        for (name, _) in suppression.names.iter().zip(used).filter(|(name, used)| {
            !**used && name.rule != UNUSED_SUPPRESSION && known.contains(&name.rule.as_str())
        }) {
            let finding = crate::rules::document::UnusedSuppression::silenced_nothing(
                suppression,
                &name.rule,
                name.span,
                enabled(&name.rule, file),
            );
            let diagnostic = Diagnostic::new(severity, finding);
            if index.silencers(&diagnostic, sources).is_empty() {
                kept.push(diagnostic);
            }
        }
    }
    kept
}

/// Rule settings per file: `rules:` and then every `overrides:` entry whose globs match the file,
/// later entries winning.
struct Policy<'a> {
    config: &'a Config,
    /// For each file, the overrides that apply to it, in order.
    file_overrides: Vec<Vec<usize>>,
    /// For each rule an override gives options, and each such override: where the same
    /// options are first written (`None` for `rules:`). A rule runs once per distinct set of
    /// options, however many overrides repeat it.
    first_with_options: HashMap<&'a str, HashMap<usize, Option<usize>>>,
}

impl<'a> Policy<'a> {
    fn new(config: &'a Config, sources: &Sources) -> Self {
        // `config::load` reports an invalid glob with its place and `pipeline::analyze` refuses
        // one; a configuration built in code with one gets no overrides.
        let globs = config.override_globs().unwrap_or_default();
        let file_overrides = sources
            .iter()
            .map(|(_, file)| globs.selecting(&file.path))
            .collect();
        let mut first_with_options: HashMap<&str, HashMap<usize, Option<usize>>> = HashMap::new();
        // Options compared by their text: the same text is the same options.
        let mut firsts: HashMap<(&str, String), Option<usize>> = HashMap::new();
        for (index, entry) in config.overrides.iter().enumerate() {
            for (rule, setting) in &entry.rules {
                if !has_options(Some(setting)) {
                    continue;
                }
                let first = *firsts
                    .entry((rule.as_str(), format!("{:?}", setting.options())))
                    .or_insert_with(|| {
                        let in_rules = config.rule(rule).options() == setting.options();
                        (!in_rules).then_some(index)
                    });
                first_with_options
                    .entry(rule.as_str())
                    .or_default()
                    .insert(index, first);
            }
        }
        Policy {
            config,
            file_overrides,
            first_with_options,
        }
    }

    fn overrides_for(&self, file: FileId) -> &[usize] {
        self.file_overrides
            .get(file.0 as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// The severity of `rule` on `file`, `None` when it is off there; `default` is the rule's
    /// own, `None` for a rule that is off unless the configuration turns it on.
    fn severity(&self, rule: &str, file: FileId, default: Option<Severity>) -> Option<Severity> {
        let level = self
            .overrides_for(file)
            .iter()
            .rev()
            .find_map(|&index| self.config.overrides[index].rules.get(rule)?.level())
            .or_else(|| self.config.rule(rule).level());
        match level {
            Some(level) => level.severity(),
            None => default,
        }
    }

    /// Whether `rules:` or an override gives `rule` a severity: a rule that is off by default
    /// runs only then.
    fn turned_on(&self, rule: &str) -> bool {
        let on = |setting: Option<&RuleSetting>| {
            setting
                .and_then(RuleSetting::level)
                .is_some_and(|level| level != Level::Off)
        };
        on(self.config.rules.get(rule))
            || self
                .config
                .overrides
                .iter()
                .any(|entry| on(entry.rules.get(rule)))
    }

    /// Where the options of `rule` on `file` come from: the override (by index) that last sets
    /// them, or `None` for `rules:`.
    fn options_source(&self, rule: &str, file: FileId) -> Option<usize> {
        let last = self
            .overrides_for(file)
            .iter()
            .rev()
            .copied()
            .find(|&index| has_options(self.config.overrides[index].rules.get(rule)))?;
        self.first_with_options
            .get(rule)
            .and_then(|firsts| firsts.get(&last))
            .copied()
            .unwrap_or(Some(last))
    }

    fn options(&self, rule: &str, source: Option<usize>) -> &'a Value {
        match source {
            Some(index) => self.config.overrides[index]
                .rules
                .get(rule)
                .map_or(&Value::Null, RuleSetting::options),
            None => self.config.rule(rule).options(),
        }
    }

    /// Each options source `rule` is run with: `rules:` unless the rule is off for every file,
    /// and the first override to give it each other set of options. Usually just one.
    fn option_sources(&self, rule: &str) -> Vec<Option<usize>> {
        let off_everywhere = self.config.rule(rule).level() == Some(Level::Off)
            && self.config.overrides.iter().all(|entry| {
                entry
                    .rules
                    .get(rule)
                    .is_none_or(|setting| matches!(setting.level(), None | Some(Level::Off)))
            });
        if off_everywhere {
            return Vec::new();
        }
        let mut sources: Vec<Option<usize>> = std::iter::once(None)
            .chain(
                self.first_with_options
                    .get(rule)
                    .into_iter()
                    .flat_map(|firsts| firsts.values().copied().flatten().map(Some)),
            )
            .collect();
        sources.sort_unstable();
        sources.dedup();
        sources
    }
}

fn has_options(setting: Option<&RuleSetting>) -> bool {
    setting.is_some_and(|setting| !setting.options().is_null())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;
    use crate::load::limits::Limits;
    use crate::source::{SourceFile, Span};

    /// A diagnostic of `rule` on the given 0-based line of the only file.
    fn at_line(sources: &Sources, rule: &'static str, line: usize) -> Diagnostic {
        let range = sources.get(FileId(0)).line_range(line).unwrap();
        let span = Span::new(FileId(0), range.start as u32..range.start as u32 + 1);
        Diagnostic::new(
            Severity::Error,
            Finding::new(rule, span, "something is wrong here"),
        )
    }

    fn run_on(name: &str, text: &str, diagnostics: &[(&'static str, usize)]) -> Vec<Diagnostic> {
        let mut sources = Sources::default();
        sources.push(SourceFile::new(name.into(), text.to_string()));
        let suppressions = suppress::scan(&sources, &Limits::default());
        let diagnostics = diagnostics
            .iter()
            .map(|&(rule, line)| at_line(&sources, rule, line))
            .collect();
        apply_suppressions(
            diagnostics,
            &suppressions,
            &sources,
            &crate::rules::Registry::built_in().names(),
            |_| Some(Severity::Warning),
            |_, _| true,
        )
    }

    #[test]
    fn a_markdown_suppression_silences_the_next_line_only() {
        let text = "# ADR 7\n\n<!-- archlint-disable-next-line adr-status -- still a draft -->\nStatus: maybe\nStatus: again\n";
        let kept = run_on("adr.md", text, &[("adr-status", 3), ("adr-status", 4)]);
        assert_eq!(kept.len(), 1);
        let start = kept[0].primary_span().start as usize;
        assert_eq!(text[..start].matches('\n').count(), 4);
    }

    #[test]
    fn whole_file_suppression_and_its_own_unused_report() {
        let text = "# archlint-disable unknown-service -- generated
# archlint-disable layer-violation
services: {}
";
        let kept = run_on(
            "a.yaml",
            text,
            &[("unknown-service", 2), ("dependency-cycle", 2)],
        );
        let rules: Vec<&str> = kept.iter().map(|d| d.rule.as_ref()).collect();
        // `layer-violation` silenced nothing: reported at its name, as a warning.
        assert_eq!(rules, ["dependency-cycle", "unused-suppression"]);
        assert_eq!(kept[1].severity, Severity::Warning);
        assert_eq!(&text[kept[1].primary_span().range()], "layer-violation");
        // Naming `unused-suppression` in the comment keeps it quiet.
        let quiet = text.replace("layer-violation", "layer-violation, unused-suppression");
        let kept = run_on("a.yaml", &quiet, &[("unknown-service", 2)]);
        assert!(kept.is_empty(), "{kept:?}");
    }
}
