//! archlint: an architecture linter. Data flows one way, one module per stage:
//! discover → load → model → graph → rules → engine → report, wired by `cli`.

pub mod architecture_rules;
pub mod baseline;
pub mod canonical;
pub mod checklist;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod graph;
pub mod init;
pub mod load;
pub mod model;
pub mod picture;
pub mod pipeline;
pub mod report;
pub mod revision;
#[path = "../rules/mod.rs"]
pub mod rules;
pub mod rulesets;
pub mod schema_verdict;
pub mod schemas;
pub mod scope;
pub mod source;
pub mod spectral;
pub mod suggest;
pub mod suppress;
pub mod value;
