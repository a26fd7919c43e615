//! Rules users write over the service graph, under `architecture_rules:` in `archlint.yaml` or
//! in a ruleset file: forbidden, allowed and required dependencies, and rules on services.
//!
//! Each entry compiles once, when the configuration is read, into a rule of the registry with
//! the entry's own name: its severity, suppressions, the baseline and every output format are
//! then the engine's, as for a built-in rule. A mistake in an entry is a `config` finding at its
//! place; an entry with a mistake is still registered under its name (checking nothing), so the
//! configuration's `rules:` may name it without a second, misleading mistake.

mod allowed;
mod forbidden;
pub mod matcher;
mod read;
mod required;
mod services;

use crate::diagnostic::{Finding, Severity};
use crate::load::document::{Document, value_at};
use crate::model::{Communication, Dependency, Model, ServiceId};
use crate::rules::{Context, Declared, Family, Origin, Registry, Rule, RuleMeta};
use crate::value::Value;
use matcher::{Matchers, Services};
use read::{Reader, kind_of};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

/// The keys of one rule.
const KEYS: [&str; 9] = [
    "name",
    "description",
    "severity",
    "documentation_url",
    "forbidden",
    "allowed",
    "required",
    "services",
    "require",
];

/// The kinds of rule, by the key that holds each.
const KINDS: [&str; 4] = ["forbidden", "allowed", "required", "services"];

/// Compiles the list of architecture rules at `pointer` in `document` (a configuration or
/// ruleset file read from `origin`), if there is one, into rules of `registry`; each mistake
/// goes to `mistakes` at its place.
pub fn load(
    document: &Document,
    pointer: &str,
    origin: &Path,
    registry: &mut Registry,
    mistakes: &mut Vec<Finding>,
) {
    let Some(value) = value_at(&document.value, pointer) else {
        return;
    };
    let mut reader = Reader { document, mistakes };
    let items = match value {
        Value::Array(items) => items,
        Value::Null => return,
        other => {
            reader.mistake(
                pointer,
                format!(
                    "`architecture_rules` is a list of rules, not {}",
                    kind_of(other)
                ),
                Some("write each rule as an item: `- name: ...`".into()),
            );
            return;
        }
    };
    // Names given by this list, and where, to show the first of two.
    let mut named_here: HashMap<String, crate::source::Span> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let at = format!("{pointer}/{index}");
        if let Some(rule) = read_rule(&mut reader, item, &at, origin, registry, &mut named_here) {
            registry.add(Box::new(rule));
        }
    }
}

/// One rule, read: `None` when it has no usable name (its other mistakes are reported too).
fn read_rule(
    reader: &mut Reader<'_>,
    item: &Value,
    at: &str,
    origin: &Path,
    registry: &Registry,
    named_here: &mut HashMap<String, crate::source::Span>,
) -> Option<ArchitectureRule> {
    let Value::Object(map) = item else {
        reader.mistake(
            at,
            format!(
                "an architecture rule is a mapping with a `name` and one of {}, not {}",
                read::list(&KINDS),
                kind_of(item)
            ),
            None,
        );
        return None;
    };
    let members = reader.members(map, at, &KEYS, "an architecture rule");
    let members_count = members.len();
    let mut name: Option<String> = None;
    let mut description: Option<String> = None;
    let mut severity = Severity::Warning;
    let mut url: Option<String> = None;
    let mut kinds: Vec<(&str, &Value, String)> = Vec::new();
    let mut require: Option<(&Value, String)> = None;
    let mut name_ok = true;
    for (key, value, pointer) in members {
        match key {
            "name" => match reader.string(value, &pointer, "a rule's `name`") {
                Some(written) => {
                    name_ok = check_name(reader, written, &pointer, registry, named_here);
                    name = Some(written.to_string());
                }
                None => name_ok = false,
            },
            "description" => {
                description = reader
                    .string(value, &pointer, "`description`")
                    .map(str::to_string)
            }
            "documentation_url" => {
                url = reader
                    .string(value, &pointer, "`documentation_url`")
                    .map(str::to_string)
            }
            "severity" => {
                if let Some(word) =
                    reader.word(value, &pointer, &["error", "warning", "info"], "`severity`")
                {
                    severity = match word {
                        "error" => Severity::Error,
                        "info" => Severity::Info,
                        _ => Severity::Warning,
                    };
                }
            }
            "require" => require = Some((value, pointer)),
            kind => kinds.push((kind, value, pointer)),
        }
    }
    // A mistake about the whole entry is shown at its name, else at its first key: an entry
    // spans lines.
    let anchor = match map.keys().next() {
        Some(_) if map.contains_key("name") => format!("{at}/name"),
        Some(first) => {
            let mut pointer = at.to_string();
            crate::load::document::push_pointer_token(&mut pointer, first);
            pointer
        }
        None => at.to_string(),
    };
    let misspelt = members_count < map.len();
    if name.is_none() && name_ok {
        reader.mistake_at_key(
            &anchor,
            "architecture rule without a `name`".to_string(),
            Some("name it: `name: catalog-never-calls-billing`; findings and suppressions use the name".into()),
        );
    }
    let kind = read_kind(reader, &anchor, misspelt, &kinds, require);
    let name = name.filter(|_| name_ok)?;
    Some(ArchitectureRule::new(
        name,
        description,
        severity,
        url,
        origin,
        kind,
    ))
}

/// Whether `name` can name a new rule: a word a suppression comment can hold, and no rule's yet.
fn check_name(
    reader: &mut Reader<'_>,
    name: &str,
    pointer: &str,
    registry: &Registry,
    named_here: &mut HashMap<String, crate::source::Span>,
) -> bool {
    let valid = !name.is_empty()
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':'));
    if !valid {
        reader.mistake(
            pointer,
            format!("`{name}` cannot name a rule"),
            Some("a rule's name is letters, digits, `-`, `_`, `.`, `/` and `:`, without `--` (suppression comments name it)".into()),
        );
        return false;
    }
    if let Some(&first) = named_here.get(name) {
        let span = reader.document.focus(pointer);
        reader.mistakes.push(
            Finding::new("config", span, format!("rule `{name}` is defined twice"))
                .label(first, "first defined here")
                .help("give each rule its own name"),
        );
        return false;
    }
    let clash = if name == "config" {
        Some("the name of configuration mistakes".to_string())
    } else {
        registry.find(name).map(|rule| match &rule.meta().origin {
            Origin::BuiltIn => "a built-in rule".to_string(),
            Origin::Loaded(path) => {
                format!("a rule loaded from `{}`", crate::source::display_name(path))
            }
        })
    };
    if let Some(clash) = clash {
        reader.mistake(
            pointer,
            format!("rule name `{name}` is taken: it is {clash}"),
            Some("give the rule a name of its own; `archlint rules` lists the names in use".into()),
        );
        return false;
    }
    named_here.insert(name.to_string(), reader.document.focus(pointer));
    true
}

/// The rule's kind from its members: exactly one of `forbidden`, `allowed`, `required` and
/// `services` (with `require`).
fn read_kind(
    reader: &mut Reader<'_>,
    anchor: &str,
    misspelt: bool,
    kinds: &[(&str, &Value, String)],
    require: Option<(&Value, String)>,
) -> Option<Kind> {
    if let Some((second, _, pointer)) = kinds.get(1) {
        reader.mistake_at_key(
            pointer,
            format!(
                "a rule is of one kind: `{}` and `{second}` are both given",
                kinds[0].0
            ),
            Some("write two rules, each with its own name".into()),
        );
    }
    let Some(&(kind, value, ref pointer)) = kinds.first() else {
        let help = if require.is_some() {
            "`require` says what every service matched by `services` must have: add `services: {}` for all of them"
        } else {
            "give it `forbidden`, `allowed` or `required` (with `from` and `to`), or `services` and `require`"
        };
        // A misspelt kind (`forbiden`) is already reported, with the right spelling.
        if !misspelt {
            reader.mistake_at_key(
                anchor,
                "architecture rule that checks nothing".to_string(),
                Some(help.into()),
            );
        }
        return None;
    };
    if kind != "services"
        && let Some((_, pointer)) = &require
    {
        reader.mistake_at_key(
            pointer,
            format!("`require` goes with `services`, not with `{kind}`"),
            Some(format!(
                "a `{kind}` rule says what it needs in `from` and `to`"
            )),
        );
    }
    let kind = match kind {
        "forbidden" => Kind::Forbidden(Dependencies::read(reader, value, pointer, kind)?),
        "allowed" => Kind::Allowed(Dependencies::read(reader, value, pointer, kind)?),
        "required" => Kind::Required(Dependencies::read(reader, value, pointer, kind)?),
        _ => {
            let services = Matchers::read(reader, value, pointer, None);
            let Some((require, require_at)) = require else {
                reader.mistake_at_key(
                    pointer,
                    "`services` without `require`: nothing to check of them".to_string(),
                    Some(
                        "add `require: {owner: {present: true}}`: each field and what it must be"
                            .into(),
                    ),
                );
                return None;
            };
            let require = services::Requirements::read(reader, require, &require_at)?;
            Kind::Services(services::ServiceRule {
                services: services?,
                require,
            })
        }
    };
    (kinds.len() == 1).then_some(kind)
}

/// Which dependencies a rule follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    Sync,
    Async,
    Any,
}

impl Via {
    fn follows(self, communication: Communication) -> bool {
        match self {
            Via::Any => true,
            Via::Sync => communication == Communication::Sync,
            Via::Async => communication == Communication::Async,
        }
    }
}

/// `from`, `to`, `via` and `reachable`: the dependencies a forbidden, allowed or required rule is
/// about.
#[derive(Debug)]
pub(crate) struct Dependencies {
    pub from: Matchers,
    /// Compiled for each set of `from`'s captures.
    pub to: Matchers,
    pub via: Via,
    pub reachable: bool,
}

impl Dependencies {
    fn read(reader: &mut Reader<'_>, value: &Value, at: &str, kind: &str) -> Option<Dependencies> {
        let Value::Object(map) = value else {
            reader.mistake(
                at,
                format!(
                    "`{kind}` is a mapping with `from` and `to`, not {}",
                    kind_of(value)
                ),
                Some(format!(
                    "write `{kind}: {{from: {{domain: catalog}}, to: {{domain: billing}}}}`"
                )),
            );
            return None;
        };
        let what = format!("`{kind}`");
        let members = reader.members(map, at, &["from", "to", "via", "reachable"], &what);
        let mut from = None;
        let mut to = None;
        let mut via = Some(Via::Any);
        let mut reachable = Some(false);
        let mut ok = true;
        let find = |key: &str| members.iter().find(|(name, ..)| *name == key);
        if let Some((_, value, pointer)) = find("from") {
            from = Matchers::read(reader, value, pointer, None);
            ok &= from.is_some();
        }
        if let Some((_, value, pointer)) = find("to") {
            // With `from` unreadable, any capture may be meant: only `to`'s own mistakes count.
            let groups = from.as_ref().map_or(99, Matchers::groups);
            to = Matchers::read(reader, value, pointer, Some(groups));
            ok &= to.is_some();
        }
        if let Some((_, value, pointer)) = find("via") {
            via = reader
                .word(value, pointer, &["sync", "async", "any"], "`via`")
                .map(|word| match word {
                    "sync" => Via::Sync,
                    "async" => Via::Async,
                    _ => Via::Any,
                });
        }
        if let Some((_, value, pointer)) = find("reachable") {
            reachable = reader.boolean(value, pointer, "`reachable`");
        }
        for (key, example) in [("from", "{domain: catalog}"), ("to", "{domain: billing}")] {
            if find(key).is_none() {
                reader.mistake_at_key(
                    at,
                    format!("`{kind}` without `{key}`"),
                    Some(format!(
                        "add `{key}: {example}`, or `{key}: {{}}` for every service"
                    )),
                );
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Some(Dependencies {
            from: from?,
            to: to?,
            via: via?,
            reachable: reachable?,
        })
    }

    /// As written, on one line.
    fn describe(&self) -> String {
        let mut text = format!("from: {}, to: {}", self.from.describe(), self.to.describe());
        match self.via {
            Via::Sync => text.push_str(", via: sync"),
            Via::Async => text.push_str(", via: async"),
            Via::Any => {}
        }
        if self.reachable {
            text.push_str(", reachable: true");
        }
        format!("{{{text}}}")
    }

    /// `from`'s captures for each service it matches, by service.
    fn sources(&self, services: &Services<'_>) -> Vec<Option<Vec<String>>> {
        services
            .model
            .ids()
            .map(|id| self.from.captures(services, id))
            .collect()
    }

    /// The kind of dependency in messages: `sync` when the rule follows only those.
    fn qualifier(&self) -> &'static str {
        match self.via {
            Via::Sync => " (sync)",
            Via::Async => " (async)",
            Via::Any => "",
        }
    }
}

/// `to` compiled for each set of captures met, each once.
pub(crate) struct Targets<'r> {
    to: &'r Matchers,
    compiled: HashMap<Vec<String>, Matchers>,
    /// Whether each service matches, when `to` uses no capture: found once per service.
    known: Vec<Option<bool>>,
}

impl<'r> Targets<'r> {
    fn new(to: &'r Matchers, services: usize) -> Self {
        let known = if to.uses_captures() {
            Vec::new()
        } else {
            vec![None; services]
        };
        Targets {
            to,
            compiled: HashMap::new(),
            known,
        }
    }

    /// Whether `target` matches `to` with `captures` in place.
    fn matches(&mut self, captures: &[String], services: &Services<'_>, target: ServiceId) -> bool {
        if let Some(Some(known)) = self.known.get(target.0) {
            return *known;
        }
        let matches = self.get(captures).matches(services, target);
        if let Some(slot) = self.known.get_mut(target.0) {
            *slot = Some(matches);
        }
        matches
    }

    /// `to` for `captures`; without captures in `to`, one compiled `to` serves every source.
    fn get(&mut self, captures: &[String]) -> &Matchers {
        let key = if self.to.uses_captures() {
            captures.to_vec()
        } else {
            Vec::new()
        };
        self.compiled
            .entry(key)
            .or_insert_with_key(|key| self.to.instantiate(key))
    }
}

/// The dependencies of each service that a rule follows, in declaration order.
pub(crate) struct Edges {
    out: Vec<Vec<usize>>,
}

impl Edges {
    fn new(model: &Model, via: Via) -> Self {
        let mut out = vec![Vec::new(); model.services.len()];
        for (index, dependency) in model.dependencies.iter().enumerate() {
            if via.follows(dependency.communication) {
                out[dependency.from.0].push(index);
            }
        }
        Edges { out }
    }

    fn of(&self, id: ServiceId) -> &[usize] {
        &self.out[id.0]
    }
}

/// Breadth-first search from one service at a time, its buffers kept between sources: a rule
/// runs one search per service its `from` matches, never one per pair.
pub(crate) struct Search {
    /// The search that last saw each service.
    seen: Vec<u32>,
    /// The dependency by which each service was first reached.
    parent: Vec<usize>,
    /// How many dependencies from the source each service was first reached by.
    depth: Vec<usize>,
    /// The service at depth `Route::FIRST` on the path to each service (the service itself
    /// when it is nearer): a route's first steps are found from it in a fixed number of steps.
    waypoint: Vec<ServiceId>,
    round: u32,
    queue: std::collections::VecDeque<ServiceId>,
}

impl Search {
    fn new(services: usize) -> Self {
        Search {
            seen: vec![0; services],
            parent: vec![usize::MAX; services],
            depth: vec![0; services],
            waypoint: vec![ServiceId(0); services],
            round: 0,
            queue: std::collections::VecDeque::new(),
        }
    }

    /// Every service reachable from `source` by one dependency or more, nearest first (the
    /// source itself only through a cycle). `stop` ends the search early when it returns true.
    fn run(
        &mut self,
        model: &Model,
        edges: &Edges,
        source: ServiceId,
        mut stop: impl FnMut(ServiceId) -> bool,
    ) -> Vec<ServiceId> {
        self.round += 1;
        if self.round == u32::MAX {
            self.seen.fill(0);
            self.round = 1;
        }
        let mut reached = Vec::new();
        self.queue.clear();
        self.queue.push_back(source);
        self.depth[source.0] = 0;
        self.waypoint[source.0] = source;
        while let Some(node) = self.queue.pop_front() {
            for &index in edges.of(node) {
                let next = model.dependencies[index].to;
                if self.seen[next.0] == self.round {
                    continue;
                }
                self.seen[next.0] = self.round;
                self.parent[next.0] = index;
                self.depth[next.0] = self.depth[node.0] + 1;
                self.waypoint[next.0] = if self.depth[next.0] <= Route::FIRST {
                    next
                } else {
                    self.waypoint[node.0]
                };
                reached.push(next);
                if stop(next) {
                    return reached;
                }
                self.queue.push_back(next);
            }
        }
        reached
    }

    /// The shortest path found from the last search's source to `target`, as findings show
    /// it: found in a fixed number of steps, however long the path.
    fn route<'m>(&self, model: &'m Model, target: ServiceId) -> Route<'m> {
        let depth = self.depth[target.0];
        let (first_end, left_out) = if depth <= Route::FIRST + Route::LAST + 1 {
            (target, 0)
        } else {
            (self.waypoint[target.0], depth - Route::FIRST - Route::LAST)
        };
        let first_count = if left_out > 0 { Route::FIRST } else { depth };
        let mut steps = self.steps_back(model, first_end, first_count);
        if left_out > 0 {
            steps.extend(self.steps_back(model, target, Route::LAST));
        }
        Route { steps, left_out }
    }

    /// The last `count` dependencies of the path found to `end`, in order.
    fn steps_back<'m>(
        &self,
        model: &'m Model,
        end: ServiceId,
        count: usize,
    ) -> Vec<&'m Dependency> {
        let mut steps = Vec::with_capacity(count);
        let mut node = end;
        for _ in 0..count {
            let Some(dependency) = model.dependencies.get(self.parent[node.0]) else {
                break;
            };
            steps.push(dependency);
            node = dependency.from;
        }
        steps.reverse();
        steps
    }
}

/// A path of dependencies as a finding shows it: all of it when it is short, else its first
/// `FIRST` and last `LAST` steps and how many steps are left out between them, so that a
/// finding's size does not grow with the path's length.
struct Route<'m> {
    steps: Vec<&'m Dependency>,
    /// Dependencies left out after the first `FIRST` steps.
    left_out: usize,
}

impl<'m> Route<'m> {
    const FIRST: usize = 4;
    const LAST: usize = 2;

    fn direct(dependency: &'m Dependency) -> Self {
        Route {
            steps: vec![dependency],
            left_out: 0,
        }
    }

    fn len(&self) -> usize {
        self.steps.len() + self.left_out
    }

    /// The services the route goes through, in order (each with the dependency that reaches
    /// it), with `… (n more)` where some are left out.
    fn services_through(&self, name: impl Fn(&'m Dependency) -> String) -> Vec<String> {
        let mut names: Vec<String> = self
            .steps
            .iter()
            .map(|&dependency| name(dependency))
            .collect();
        if self.left_out > 0 {
            names.insert(Self::FIRST, format!("… ({} more)", self.left_out));
        }
        names
    }
}

/// What the rule checks; `None` when its entry has a mistake.
#[derive(Debug)]
enum Kind {
    Forbidden(Dependencies),
    Allowed(Dependencies),
    Required(Dependencies),
    Services(services::ServiceRule),
}

/// One rule of `architecture_rules:`.
pub struct ArchitectureRule {
    meta: RuleMeta,
    kind: Option<Kind>,
    description: Option<String>,
}

impl ArchitectureRule {
    fn new(
        name: String,
        description: Option<String>,
        severity: Severity,
        url: Option<String>,
        origin: &Path,
        kind: Option<Kind>,
    ) -> Self {
        let (what, written) = match &kind {
            Some(Kind::Forbidden(rule)) => (
                format!(
                    "a dependency{} from a service matching `{}` to one matching `{}`{}",
                    rule.qualifier(),
                    rule.from.describe(),
                    rule.to.describe(),
                    if rule.reachable {
                        ", direct or through others"
                    } else {
                        ""
                    }
                ),
                format!("forbidden: {}", rule.describe()),
            ),
            Some(Kind::Allowed(rule)) => (
                format!(
                    "a dependency{} of a service matching `{}` on one that matches no `{}`{}",
                    rule.qualifier(),
                    rule.from.describe(),
                    rule.to.describe(),
                    if rule.reachable {
                        ", direct or through others"
                    } else {
                        ""
                    }
                ),
                format!("allowed: {}", rule.describe()),
            ),
            Some(Kind::Required(rule)) => (
                format!(
                    "a service matching `{}` that {} no service matching `{}`{}",
                    rule.from.describe(),
                    if rule.reachable {
                        "reaches"
                    } else {
                        "depends on"
                    },
                    rule.to.describe(),
                    rule.qualifier(),
                ),
                format!("required: {}", rule.describe()),
            ),
            Some(Kind::Services(rule)) => (
                format!(
                    "a service matching `{}` that does not meet `{}`",
                    rule.services.describe(),
                    rule.require.describe()
                ),
                format!(
                    "services: {}\nrequire: {}",
                    rule.services.describe(),
                    rule.require.describe()
                ),
            ),
            None => (
                "nothing: its entry has a mistake".to_string(),
                String::new(),
            ),
        };
        let summary = description
            .as_deref()
            .and_then(|text| text.lines().map(str::trim).find(|line| !line.is_empty()))
            .map(|line| line.trim_end_matches('.').to_string())
            .unwrap_or_else(|| what.clone());
        let origin_name = crate::source::display_name(origin);
        let rule = format!(
            "## Rule\nDeclared in `{origin_name}` under `architecture_rules:`:\n\n```yaml\n- name: {}\n{}\n```",
            matcher::flow(&Value::from(name.as_str())),
            written
                .lines()
                .map(|line| format!("  {line}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        // The summary is shown above the documentation: a description of one line is not
        // repeated in it.
        let longer = description
            .as_deref()
            .filter(|text| {
                text.trim()
                    .lines()
                    .filter(|line| !line.trim().is_empty())
                    .count()
                    > 1
            })
            .map(|text| format!("{}\n\n", text.trim()))
            .unwrap_or_default();
        let docs = match &description {
            Some(_) => format!(
                "{longer}## What it reports\n{}.\n\n{rule}",
                capitalize(&what)
            ),
            None => rule,
        };
        // `RuleMeta::documentation` takes one space off each line, as doc comments have it.
        let docs = docs
            .lines()
            .map(|line| format!(" {line}"))
            .collect::<Vec<_>>()
            .join("\n");
        ArchitectureRule {
            meta: RuleMeta {
                name: Cow::Owned(name),
                family: Family::User,
                default_severity: severity,
                summary: Cow::Owned(summary),
                docs: Cow::Owned(docs),
                options: &[],
                origin: Origin::Loaded(origin.to_path_buf()),
                url,
                on_by_default: true,
                yields_to: None,
            },
            kind,
            description,
        }
    }

    /// A finding of this rule, with its description as a note.
    fn finding(&self, at: crate::source::Span, message: String) -> Finding {
        let finding = Finding::new(self.meta.name.clone(), at, message);
        match &self.description {
            Some(description) => finding.note(description.trim().to_string()),
            None => finding,
        }
    }
}

impl Declared for ArchitectureRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }
}

impl Rule for ArchitectureRule {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let services = Services {
            workspace: context.workspace,
            model: context.model,
        };
        match &self.kind {
            None => Vec::new(),
            Some(Kind::Forbidden(rule)) => forbidden::check(self, rule, &services),
            Some(Kind::Allowed(rule)) => allowed::check(self, rule, &services),
            Some(Kind::Required(rule)) => required::check(self, rule, &services),
            Some(Kind::Services(rule)) => services::check(self, rule, &services),
        }
    }
}

/// A dependency's kind in messages.
fn kind_word(dependency: &Dependency) -> &'static str {
    match dependency.communication {
        Communication::Sync => "sync",
        Communication::Async => "async",
    }
}

/// What a route is, and `what` it is to the rule: "`a` depends on `b` (sync), a forbidden
/// dependency", or "`a` reaches `c` through `b` ...".
fn path_message(services: &Services<'_>, route: &Route<'_>, what: &str) -> Option<String> {
    let (first, last) = (route.steps.first()?, route.steps.last()?);
    let verb = if route.len() == 1 {
        "depends on"
    } else {
        "reaches"
    };
    Some(format!(
        "{} {verb} {}{}, {what}",
        services.name(first.from),
        services.name(last.to),
        how(services, route)
    ))
}

/// The dependencies from a service `from` matches (with `reachable`, the shortest paths to each
/// service it reaches) whose end `to` matches, when `matched` (`forbidden`), or does not
/// (`allowed`); each with what `to` is for the source's captures. Dependencies of a kind `via`
/// does not follow are not judged.
fn judged_paths<'m>(
    dependencies: &Dependencies,
    services: &Services<'m>,
    matched: bool,
) -> Vec<(Route<'m>, String)> {
    let model = services.model;
    let sources = dependencies.sources(services);
    let mut targets = Targets::new(&dependencies.to, model.services.len());
    let mut judged = Vec::new();
    if !dependencies.reachable {
        for dependency in &model.dependencies {
            if !dependencies.via.follows(dependency.communication) {
                continue;
            }
            let Some(captures) = &sources[dependency.from.0] else {
                continue;
            };
            if targets.matches(captures, services, dependency.to) == matched {
                judged.push((Route::direct(dependency), targets.get(captures).describe()));
            }
        }
        return judged;
    }
    let edges = Edges::new(model, dependencies.via);
    let mut search = Search::new(model.services.len());
    for source in model.ids() {
        let Some(captures) = &sources[source.0] else {
            continue;
        };
        for target in search.run(model, &edges, source, |_| false) {
            if targets.matches(captures, services, target) == matched {
                judged.push((
                    search.route(model, target),
                    targets.get(captures).describe(),
                ));
            }
        }
    }
    judged
}

/// A finding about a dependency, or a route of them: at the first dependency's first
/// declaration, labelled at every other place it is declared; a route of more than one
/// dependency in a note.
fn at_dependencies(
    rule: &ArchitectureRule,
    services: &Services<'_>,
    route: &Route<'_>,
    message: String,
) -> Option<Finding> {
    let first = *route.steps.first()?;
    let primary = if route.len() == 1 {
        "declared here".to_string()
    } else {
        format!(
            "{} → {}, the first step",
            services.name(first.from),
            services.name(first.to)
        )
    };
    let mut finding = rule
        .finding(first.declared_at(), message)
        .primary_message(primary);
    for &span in &first.declarations[1..] {
        finding = finding.label(span, "also declared here");
    }
    if route.len() > 1 {
        let mut names = vec![services.name(first.from)];
        names.extend(route.services_through(|dependency| {
            format!(
                "{} ({})",
                services.name(dependency.to),
                kind_word(dependency)
            )
        }));
        finding = finding.note(format!("path: {}", names.join(" → ")));
    }
    Some(finding)
}

/// The part of a message that says how a route goes: ` (sync)` for one dependency, ` through
/// `b`` for more.
fn how(services: &Services<'_>, route: &Route<'_>) -> String {
    match route.steps.as_slice() {
        [] => String::new(),
        [one] if route.len() == 1 => format!(" ({})", kind_word(one)),
        _ => {
            let mut through = route.services_through(|dependency| services.name(dependency.to));
            through.pop();
            format!(" through {}", through.join(", "))
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}
