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
pub mod standards;

use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::graph::ArchitectureGraph;
use crate::load::Workspace;
use crate::model::Model;
use serde::Serialize;
use serde_json::Value;

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
        }
    }
}

/// Everything known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The full documentation in Markdown: what it reports, why, an example, the fix, options.
    pub docs: &'static str,
    /// The options it reads from the configuration, and what each holds.
    pub options: &'static [(&'static str, crate::config::OptionKind)],
}

impl RuleMeta {
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
}

/// Implemented by `declare_rule!`, so a rule's file carries its metadata once.
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

pub trait Rule: Declared + Send + Sync {
    /// Everything the rule finds in the workspace, in any order.
    fn check(&self, context: &Context<'_>) -> Vec<Finding>;
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
                name: $name,
                family: $crate::rules::Family::$family,
                default_severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                options: &[$($(($option, $kind)),*)?],
            };
        }

        impl $crate::rules::Declared for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}
pub(crate) use declare_rule;

/// Every rule archlint has, in the order `archlint rules` lists them.
pub static ALL: &[&dyn Rule] = &[
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

pub fn find(name: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|rule| rule.meta().name == name)
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

/// Every rule as a configuration may name it, with its options.
pub fn known() -> Vec<crate::config::KnownRule> {
    ALL.iter()
        .map(|rule| crate::config::KnownRule {
            name: rule.meta().name,
            options: rule.meta().options,
        })
        .collect()
}

pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|rule| rule.meta().name).collect()
}
