//! The rules: one file per rule, each with its documentation, its metadata in one declaration
//! (`declare_rule!`) and its check. Rules report facts ([`Finding`]s); the engine adds policy.
//! `archlint rules` and `archlint explain` read the same declarations.

pub mod adr;
pub mod api;
pub mod catalog;
pub mod data;
pub mod deployment;
pub mod document;
pub mod event;
pub mod graph;
pub mod nfr;
pub mod security;
pub mod spectral;
pub mod standards;

use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::graph::ArchitectureGraph;
use crate::load::Workspace;
use crate::model::Model;
use crate::value::Value;
use serde::Serialize;
use std::borrow::Cow;

/// The folder a rule lives in, and the part of the architecture it judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Document,
    Graph,
    Api,
    Event,
    Nfr,
    Adr,
    Catalog,
    Standards,
    Data,
    Deployment,
    Security,
    /// Spectral's `spectral:oas` rules, built in.
    Oas,
    /// Spectral's `spectral:asyncapi` rules, built in.
    Asyncapi,
    /// Rules loaded at run time from a ruleset or the configuration.
    User,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Document => "document",
            Family::Graph => "graph",
            Family::Api => "api",
            Family::Event => "event",
            Family::Nfr => "nfr",
            Family::Adr => "adr",
            Family::Catalog => "catalog",
            Family::Standards => "standards",
            Family::Data => "data",
            Family::Deployment => "deployment",
            Family::Security => "security",
            Family::Oas => "oas",
            Family::Asyncapi => "asyncapi",
            Family::User => "user",
        }
    }
}

/// Where a rule comes from: built into archlint, or loaded from a ruleset at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The ruleset or configuration file that declares the rule, as the user named it.
    Loaded(std::path::PathBuf),
}

/// Everything known about a rule without running it. A built-in rule's is a constant; a loaded
/// rule's is made from its ruleset, so each text may be borrowed or owned.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub name: Cow<'static, str>,
    pub family: Family,
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: Cow<'static, str>,
    /// The full documentation in Markdown: what it reports, why, an example, the fix, options.
    pub docs: Cow<'static, str>,
    /// The options it reads from the configuration, and what each holds.
    pub options: &'static [(&'static str, crate::config::OptionKind)],
    pub origin: Origin,
    /// Where more is written about the rule (a ruleset's `documentationUrl`).
    pub url: Option<String>,
    /// Whether the rule runs when the configuration does not name it (a ruleset may define a
    /// rule it does not recommend, or extend a ruleset with `off`).
    pub on_by_default: bool,
    /// A rule that reports the same facts, which is kept where both report at one place: this
    /// rule's finding there is left out. A built-in Spectral rule names archlint's own rule that
    /// does its job (`asyncapi-message-examples` yields to `event-example-invalid`); turned off,
    /// or off for a file, the other reports nothing there, and this rule's findings stay.
    pub yields_to: Option<Cow<'static, str>>,
}

impl RuleMeta {
    /// The severity the rule reports with when the configuration says nothing of it; `None`
    /// when it is off unless turned on.
    pub fn default(&self) -> Option<Severity> {
        self.on_by_default.then_some(self.default_severity)
    }

    /// The documentation as written, without the one space `///` comments put before each line.
    pub fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// What a rule sees: the loaded workspace, the model and graph built from it, the configuration,
/// and its own options.
pub struct Context<'a> {
    pub workspace: &'a Workspace,
    pub model: &'a Model,
    pub graph: &'a ArchitectureGraph,
    pub config: &'a Config,
    pub options: &'a Value,
    /// Every rule of the run, built in or loaded.
    pub rules: &'a Registry,
    /// What the rule worked out before the model was built ([`Rule::prepare`]).
    pub prepared: Option<&'a Prepared>,
}

/// What a rule works out from the documents alone, before the model is built: its own to read.
pub type Prepared = Box<dyn std::any::Any + Send + Sync>;

/// Implemented by `declare_rule!`, so a rule's file carries its metadata once.
pub trait Declared {
    fn meta(&self) -> &RuleMeta;
}

pub trait Rule: Declared + Send + Sync {
    /// Everything the rule finds in the workspace, in any order.
    fn check(&self, context: &Context<'_>) -> Vec<Finding>;

    /// A rule that judges each document on its own (a Spectral rule) says so: the engine then
    /// runs all such rules document by document, with what they share about the document
    /// dropped once it is judged.
    fn per_document(&self) -> Option<&dyn DocumentRule> {
        None
    }

    /// What a rule that reads the model can work out from the documents alone: the engine runs
    /// it while the model and the graph are built, and hands it to [`Rule::check`] in
    /// [`Context::prepared`]. Most rules need the model for all they do.
    fn prepare(&self, _workspace: &Workspace) -> Option<Prepared> {
        None
    }
}

/// A rule that judges one document at a time.
pub trait DocumentRule: Sync {
    /// Everything the rule finds in the document `shared` is about, which holds what the rules
    /// judging it share (the document with the pieces of other files its references name, its
    /// formats, each `given`'s matches, the functions' scratch).
    fn check_document(&self, shared: &crate::spectral::shared::Shared<'_>) -> Vec<Finding>;

    /// The queries the rule asks `shared` for on a document of `formats`, each in the view it
    /// judges, named before the rules judge it so that the ones walking the whole document share
    /// one walk ([`Shared::prefetch`](crate::spectral::shared::Shared::prefetch)).
    fn queries(
        &self,
        _formats: &[crate::spectral::formats::Format],
    ) -> Vec<(
        &crate::spectral::jsonpath::JsonPath,
        crate::spectral::shared::View,
    )> {
        Vec::new()
    }
}

/// Declares a rule: a unit struct whose doc comment is the rule's documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $rule:ident {
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            summary: $summary:literal
            $(, options: [$(($option:literal, $kind:expr)),* $(,)?])? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $rule;

        impl $rule {
            pub const NAME: &'static str = $name;
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                name: std::borrow::Cow::Borrowed($name),
                family: $crate::rules::Family::$family,
                default_severity: $crate::diagnostic::Severity::$severity,
                summary: std::borrow::Cow::Borrowed($summary),
                docs: std::borrow::Cow::Borrowed(concat!($($doc, "\n"),*)),
                options: &[$($(($option, $kind)),*)?],
                origin: $crate::rules::Origin::BuiltIn,
                url: None,
                on_by_default: true,
                yields_to: None,
            };
        }

        impl $crate::rules::Declared for $rule {
            fn meta(&self) -> &$crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}
pub(crate) use declare_rule;

/// Every rule built into archlint, in the order `archlint rules` lists them.
pub static BUILT_IN: &[&dyn Rule] = &[
    &document::ParseError,
    &document::DuplicateKey,
    &document::SchemaViolation,
    &document::DuplicateService,
    &document::UnusedSuppression,
    &graph::DependencyCycle,
    &graph::UnknownService,
    &graph::UnpublishedEvent,
    &graph::UnconsumedEvent,
    &graph::EventWithoutSchema,
    &graph::SharedDatastore,
    &graph::LayerViolation,
    &graph::SyncChainDepth,
    &graph::MissingFailureHandling,
    &graph::AvailabilityBudget,
    &graph::LatencyBudget,
    &graph::MissingResponsibility,
    &api::UnversionedApi,
    &api::ApiDrift,
    &api::UndocumentedApi,
    &api::UnresolvedRef,
    &api::ExternalRef,
    &api::NonstandardRef,
    &api::UnbundledRef,
    &api::NonStringKey,
    &api::OperationSecurity,
    &api::ErrorResponses,
    &api::DeprecatedWithoutSunset,
    &api::Oas3Schema,
    &event::EventSchemaInvalid,
    &event::EventEnvelope,
    &event::EventSchemaUnversioned,
    &event::EventExampleInvalid,
    &event::EventTypeMismatch,
    &nfr::UnquantifiedNfr,
    &nfr::MissingNfrCategory,
    &nfr::NfrWithoutMeasurement,
    &adr::AdrMissingSection,
    &adr::AdrInvalidStatus,
    &adr::AdrMissingAlternatives,
    &adr::AdrDuplicateNumber,
    &adr::AdrBrokenLink,
    &catalog::UnknownEntity,
    &catalog::ApiNotProvided,
    &catalog::LifecycleDependency,
    &standards::ApiBaseUrl,
    &standards::ApiStatusCode,
    &standards::ApiMediaType,
    &standards::ApiEnvelope,
    &standards::ApiPagination,
    &data::DatastoreMismatch,
    &data::CacheWithoutTtl,
    &deployment::MissingEnvironment,
    &deployment::MissingDisasterRecovery,
    &deployment::NfrDeploymentConflict,
    &security::MissingEncryption,
    &security::WeakTls,
    &security::InsecureServerUrl,
    &security::ComplianceMismatch,
    &nfr::NfrSlaConflict,
];

/// The rules of one run: the built-in ones, then those loaded from rulesets, in the order
/// `archlint rules` lists them. Built once per run and passed down to the engine and the reports.
pub struct Registry {
    rules: Vec<Registered>,
}

enum Registered {
    BuiltIn(&'static dyn Rule),
    Loaded(Box<dyn Rule>),
}

impl Registered {
    fn rule(&self) -> &dyn Rule {
        match self {
            Registered::BuiltIn(rule) => *rule,
            Registered::Loaded(rule) => rule.as_ref(),
        }
    }
}

impl Default for Registry {
    fn default() -> Self {
        Registry::built_in()
    }
}

impl Registry {
    /// Archlint's own rules, and no others: those of `BUILT_IN`, then Spectral's rulesets.
    pub fn built_in() -> Self {
        Registry {
            rules: BUILT_IN
                .iter()
                .copied()
                .chain(crate::spectral::ruleset::built_in_rules())
                .map(Registered::BuiltIn)
                .collect(),
        }
    }

    /// Some built-in rules only (a benchmark's or a test's choice).
    pub fn of(rules: &[&'static dyn Rule]) -> Self {
        Registry {
            rules: rules
                .iter()
                .map(|&rule| Registered::BuiltIn(rule))
                .collect(),
        }
    }

    /// Puts `rule` in the place of the built-in rule of the same name: a ruleset that extends
    /// Spectral's may define one of its rules anew, as Spectral allows.
    pub fn replace(&mut self, rule: Box<dyn Rule>) {
        match self
            .rules
            .iter()
            .position(|known| known.rule().meta().name == rule.meta().name)
        {
            Some(position) => self.rules[position] = Registered::Loaded(rule),
            None => self.rules.push(Registered::Loaded(rule)),
        }
    }

    /// Adds a rule loaded at run time. Its name must be new: a ruleset that reuses a name is
    /// refused where it is read, so two rules never answer to one name.
    pub fn add(&mut self, rule: Box<dyn Rule>) {
        debug_assert!(self.find(&rule.meta().name).is_none());
        self.rules.push(Registered::Loaded(rule));
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(Registered::rule)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn find(&self, name: &str) -> Option<&dyn Rule> {
        self.iter().find(|rule| rule.meta().name == name)
    }

    pub fn names(&self) -> Vec<&str> {
        self.iter().map(|rule| rule.meta().name.as_ref()).collect()
    }

    /// Every rule as a configuration may name it, with its options.
    pub fn known(&self) -> Vec<crate::config::KnownRule<'_>> {
        self.iter()
            .map(|rule| crate::config::KnownRule {
                name: &rule.meta().name,
                options: rule.meta().options,
            })
            .collect()
    }
}

/// A whole-number option of a rule, or its default.
pub fn option_usize(options: &Value, name: &str, default: usize) -> usize {
    options
        .get(name)
        .and_then(Value::as_u64)
        .map_or(default, |value| value as usize)
}

/// A list-of-strings option of a rule, or its default when it is absent or not such a list.
pub fn option_strings(options: &Value, name: &str, default: &[&str]) -> Vec<String> {
    match options.get(name) {
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => default.iter().map(|item| item.to_string()).collect(),
    }
}
