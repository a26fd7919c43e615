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
pub mod schema_depth;
pub mod schema_verdict;
pub mod schemas;
pub mod scope;
pub mod source;
pub mod spectral;
pub mod suggest;
pub mod suppress;
#[cfg(test)]
mod test_support;
pub mod value;

/// The files (or documents, or event schemas) a thread takes at a time from a list shared among
/// the threads. Rayon cuts a list into as many parts as there are threads, and cuts a part again
/// only when another thread takes half of it: where costly files sit together (a repository's event registries,
/// side by side in walk order), one thread worked alone for 0.17 s of a 1.9 s run after the other
/// ran out. In parts this small, the thread that runs out takes what is left.
pub const FILES_PER_TASK: usize = 4;
